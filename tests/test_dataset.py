"""The bundled dataset says what the source table says: no more, no less."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import DATA, ROOT
from source_table import CATEGORY_ROWS, CODES, FORM_IN_NAME, INTRODUCTION, ROWS, SPELLING

# The source's extracted text, kept in the repository so that every clone checks
# against it; the shared copy beside the repository, where present, must be the same.
SOURCE = ROOT / "tests" / "source" / "vedlegg_2019.txt"
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "000_c4fe97df5f629073.txt"


@pytest.fixture(scope="module")
def dataset():
    from ikscli.reading.loader import load

    loaded = load(DATA, use_cache=False)
    assert loaded.ok, [str(p) for p in loaded.problems]
    return loaded.dataset


def expected_form(name: str, cell: str | None) -> str | None:
    if cell is None:
        return FORM_IN_NAME.get(name)
    return SPELLING.get(cell, cell)


def test_every_row_of_the_source_once_in_source_order(dataset):
    names = [a.name for a in dataset.agreements]
    assert names == [row[0] for row in ROWS] + [INTRODUCTION[0]]
    assert len(dataset.agreements) == 58


def test_categories_are_the_source_headings_in_order(dataset):
    assert dataset.categories == [c for c, _ in CATEGORY_ROWS]
    counts = Counter(a.category for a in dataset.agreements)
    assert [(c, counts[c]) for c, _ in CATEGORY_ROWS] == CATEGORY_ROWS
    assert counts[None] == 1  # felles barnevern, from the introduction


def test_forms_per_row_and_per_form_counts(dataset):
    for agreement, row in zip(dataset.agreements, ROWS, strict=False):
        assert agreement.form == expected_form(row[0], row[1]), agreement.id
        assert agreement.form_inferred == (row[1] is None and row[0] in FORM_IN_NAME)
    counts = Counter(a.form for a in dataset.agreements)
    assert counts == {
        "§ 28-1 b": 17,
        "Vedtak": 11,
        "AS": 9,
        "Uformelt": 7,
        "§ 27": 4,
        "IKS": 4,
        "Avtale": 2,
        None: 4,
    }


# How members_basis says the members are known, and how members_evidence begins.
KIND_OF_EVIDENCE = {
    "evidence": "andre kilder:",
    "remark": "merknaden:",
    "spacing": "plasseringen, støttet av andre kilder:",
    "uncertain": "bare plasseringen:",
}


def test_members_match_the_x_marks(dataset):
    for agreement, row in zip(dataset.agreements, ROWS, strict=False):
        marks = row[2]
        if marks == "??":  # two x's whose columns the source does not show
            assert len(agreement.members) == 2
            assert agreement.members_basis == "uncertain" and agreement.members_evidence
        else:
            assert agreement.members == [CODES[c] for c in marks], agreement.id
            if len(marks) in (1, 2):  # the extraction does not show the columns
                assert agreement.members_basis in KIND_OF_EVIDENCE, agreement.id
            else:
                assert agreement.members_basis == "source"


def test_every_basis_says_what_kind_of_evidence_it_is(dataset):
    """The same rule for every row: members_evidence begins with the kind its basis names,
    and spacing alone is never called settled."""
    for agreement in dataset.agreements:
        if agreement.members_basis == "source":
            assert agreement.members_evidence is None
            continue
        evidence = agreement.members_evidence or ""
        assert evidence.startswith(KIND_OF_EVIDENCE[agreement.members_basis]), agreement.id
        if agreement.members_basis != "uncertain":
            assert not evidence.startswith("bare plasseringen"), agreement.id


def test_hosts_partners_statuses_and_parents(dataset):
    rows = ROWS + [INTRODUCTION]
    for agreement, (name, _, _, host, partners, status, starred) in zip(
        dataset.agreements, rows, strict=False
    ):
        assert agreement.host == host, name
        assert agreement.partners == partners, name
        assert agreement.status == status, name
        assert agreement.parent == ("regionalt-helsesamarbeid" if starred else None), name
    assert Counter(a.host for a in dataset.agreements if a.host) == {
        "Lillehammer": 12,
        "Gausdal": 2,
        "Øyer": 1,
        "Ringebu": 1,
        "Ringsaker": 1,
        "Hamar": 1,
    }
    assert Counter(a.status for a in dataset.agreements) == {
        "active": 55,
        "terminated": 2,
        "planned": 1,
    }


def test_every_form_28_1_b_names_its_host(dataset):
    assert all(a.host for a in dataset.agreements if a.form == "§ 28-1 b")


def test_unnamed_others_are_recorded_where_the_remark_mentions_them(dataset):
    for agreement in dataset.agreements:
        note = (agreement.note or "").lower()
        mentions = re.search(r"flere|kommunene i|eierkommuner|\d+ kommuner", note)
        assert bool(agreement.others) == bool(mentions), agreement.id


def test_parties_and_kommunenummer(dataset):
    numbers = {p.name: (p.number_2019, p.number_2020) for p in dataset.parties}
    assert numbers == {
        "Gausdal": ("0522", "3441"),
        "Lillehammer": ("0501", "3405"),
        "Øyer": ("0521", "3440"),
        "Nord-Fron": ("0516", "3436"),
        "Ringebu": ("0520", "3439"),
        "Hamar": ("0403", "3403"),
        "Ringsaker": ("0412", "3411"),
        "Oppland fylkeskommune": ("05", "34"),
    }
    assert {p.name for p in dataset.parties if p.region} == {"Gausdal", "Lillehammer", "Øyer"}
    assert str(dataset.meta.as_of) == "2019-01-01"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_names_and_remarks_are_verbatim_from_the_source(dataset):
    source = _flat(SOURCE.read_text(encoding="utf-8"))
    for agreement in dataset.agreements:
        # Case folded: the introduction writes "felles barnevern" mid-sentence.
        assert _flat(agreement.name).casefold() in source.casefold(), agreement.name
        if agreement.note:
            assert _flat(agreement.note) in source, agreement.note


def test_the_data_file_is_utf8_nfc_and_has_one_home():
    import unicodedata

    text = DATA.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    copies = [
        p
        for p in ROOT.rglob("samarbeid_2019.yaml")
        if not any(part.startswith(".venv") for part in p.parts) and "build" not in p.parts
    ]
    assert copies == [DATA], "the dataset must live once in the repository"


@pytest.mark.skipif(not SHARED_SOURCE.is_file(), reason="no shared/source beside this clone")
def test_the_repositorys_copy_of_the_source_is_the_shared_one():
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


# Words only English has: a Norwegian text holds none of them ("by", "is", "at" and
# "for" are Norwegian words too, so they are not here).
ENGLISH_WORDS = frozenset(
    "the and of alone nothing settles settle evidence outside spacing which with but not "
    "own owned shares holds went through does columns row remark source".split()
)


@pytest.mark.parametrize("path", [DATA, ROOT / "examples" / "samarbeid_2020_illustrative.yaml"])
def test_the_prose_a_dataset_adds_to_the_source_is_norwegian(path):
    """members_evidence is the file's own prose (name and note are the source's, verbatim):
    it is shown in Norwegian documents, so it is written in bokmål."""
    import re

    from ikscli.reading.loader import load

    dataset = load(path, use_cache=False).dataset
    assert dataset is not None
    found = {}
    for agreement in dataset.agreements:
        words = set(re.findall(r"[a-zæøå]+", (agreement.members_evidence or "").lower()))
        if words & ENGLISH_WORDS:
            found[agreement.id] = sorted(words & ENGLISH_WORDS)
    assert found == {}
    assert sum(a.members_evidence is not None for a in dataset.agreements) >= 10
