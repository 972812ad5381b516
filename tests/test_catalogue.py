"""The national catalogue: built from its sources, every name resolving, and a register
for any municipality started with `ikscli init`, filled with `add` and checked."""

from __future__ import annotations

import csv
import datetime
import json
import subprocess
import sys

import pytest
from cli import ROOT, ikscli

from ikscli import catalogue

SOURCES = ROOT / "scripts" / "sources"


def _source(name: str) -> list[dict[str, str]]:
    text = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in text if not line.startswith("#")))


def _in(year: int, kind: str) -> list[catalogue.Entry]:
    return [e for e in catalogue.entries() if e.kind == kind and e.numbers().get(year)]


def test_each_structure_has_the_number_of_municipalities_and_counties_its_sources_give():
    assert len(_in(2019, "kommune")) == len(_source("kommunenummer_2019.csv")) - 1 == 422
    assert len(_in(2020, "kommune")) == 356  # Kartverket's 2020-2023 structure
    assert len(_in(2024, "kommune")) == len(_source("kommunenummer_2024.csv")) == 357
    # Oslo is a county too, and its one entry is the municipality
    assert len(_in(2019, "fylkeskommune")) + 1 == 18
    assert len(_in(2020, "fylkeskommune")) + 1 == 11
    assert len(_in(2024, "fylkeskommune")) + 1 == 15
    numbers_2024 = {row["kommunenummer"]: row["navn"] for row in _source("kommunenummer_2024.csv")}
    assert {e.number_2024 for e in _in(2024, "kommune")} == set(numbers_2024)


def test_every_name_and_number_of_the_2020_catalogue_resolves_to_its_entry():
    on = datetime.date(2021, 6, 1)
    entries = [e for e in catalogue.entries() if e.number_2020]
    for entry in entries:
        assert catalogue.lookup(entry.name, on) == (entry,), entry.name
        assert catalogue.lookup(entry.number_2020, on) == (entry,), entry.number_2020
        for label in entry.labels():
            assert entry in catalogue.lookup(label, on), label
        if entry.kind == "kommune":
            assert entry in catalogue.lookup(f"{entry.name} kommune", on)
    # names two municipalities share are ambiguous, never guessed
    assert {e.name for e in catalogue.lookup("Våler", on)} == {
        "Våler (Østfold)",
        "Våler (Innlandet)",
    }
    assert {e.name for e in catalogue.lookup("Herøy", on)} == {
        "Herøy (Møre og Romsdal)",
        "Herøy (Nordland)",
    }


@pytest.mark.parametrize(
    ("text", "on", "name"),
    [
        ("Bergen", "2025-01-01", "Bergen"),
        ("bergen kommune", "2025-01-01", "Bergen"),
        ("4601", "2025-01-01", "Bergen"),
        ("1201", "2025-01-01", "Bergen"),  # its 2019 number
        ("Guovdageaidnu", "2025-01-01", "Kautokeino"),
        ("5612", "2025-01-01", "Kautokeino"),  # 5430 until 2023
        ("Kautokeino suohkan", "2021-01-01", "Kautokeino"),
        ("Omasvuono", "2021-01-01", "Storfjord"),  # the Kven name
        ("Vestland fylkeskommune", "2025-01-01", "Vestland fylkeskommune"),
        ("Vestland", "2025-01-01", "Vestland fylkeskommune"),
        ("Oppland fylke", "2019-01-01", "Oppland fylkeskommune"),
        ("Akershus", "2025-01-01", "Akershus fylkeskommune"),  # again a county from 2024
        ("Haram", "2025-01-01", "Haram"),  # split from Ålesund in 2024
        ("Haram", "2019-06-01", "Haram"),  # the Haram merged into Ålesund in 2020
        ("301", "2025-01-01", "Oslo"),  # a number whose leading zero a spreadsheet dropped
    ],
)
def test_names_resolve_as_people_write_them_in_the_structure_of_the_date(text, on, name):
    found = catalogue.lookup(text, datetime.date.fromisoformat(on))
    assert [e.name for e in found] == [name]


def test_a_name_of_another_structure_is_not_found_on_the_date():
    assert catalogue.lookup("Viken", datetime.date(2025, 1, 1)) == ()
    assert catalogue.lookup("Innlandet", datetime.date(2019, 1, 1)) == ()
    assert catalogue.lookup("Indre Østfold", datetime.date(2019, 6, 1)) == ()


def test_organisation_numbers_are_those_of_the_source_and_pass_the_mod11_check():
    stdnum = pytest.importorskip("stdnum.no.orgnr")
    numbered = [e for e in catalogue.entries() if e.orgnr]
    assert len(numbered) == 356
    assert all(stdnum.is_valid(e.orgnr) for e in numbered)
    assert catalogue.lookup("Bergen", datetime.date(2025, 1, 1))[0].orgnr == "964338531"


@pytest.mark.slow
def test_the_shipped_catalogue_is_what_its_sources_give(tmp_path):
    """scripts/catalogue.py rebuilds the file from the PyPI wheel (checked by its
    SHA-256) and the two extracts in scripts/sources; --check fails on any drift."""
    done = subprocess.run(
        [sys.executable, "scripts/catalogue.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def test_a_register_outside_the_region_is_started_filled_checked_and_queried(tmp_path):
    cache = tmp_path / "c"
    done = ikscli(
        "init", "--kommune", "bergen kommune", "--as-of", "1.1.2025",
        "-o", "data/samarbeid_2025.yaml", cwd=tmp_path, cache=cache,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = done.stderr.decode()
    assert "Bergen (2019: 1201, 2020: 4601, 2024: 4601)" in said
    assert (
        (tmp_path / "ikscli.toml")
        .read_text(encoding="utf-8")
        .endswith('data = ["data/samarbeid_2025.yaml"]\n')
    )
    text = (tmp_path / "data" / "samarbeid_2025.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "  title: Oversikt over interkommunale samarbeid per 1. januar 2025\n" in text
    assert '  as_of: "2025-01-01"\n' in text
    bundled = (ROOT / "data" / "samarbeid_2019.yaml").read_text(encoding="utf-8")
    assert "  - Helse og omsorg\n" in text and "  - Helse og omsorg\n" in bundled
    # canonical and valid at once
    assert ikscli("fmt", "--check", cwd=tmp_path, cache=cache).returncode == 0
    checked = ikscli("validate", cwd=tmp_path, cache=cache)
    assert checked.returncode == 0 and b"0 agreements, 0 errors, 0 warnings" in checked.stderr
    # filled with names from the catalogue, none of them declared
    added = ikscli(
        "add", "vestlandsrevisjon", "name=Vestlandsrevisjon IKS", "form=IKS",
        "members=Bergen", "host=4601", "partners=Alver,Askøy kommune,Guovdageaidnu",
        cwd=tmp_path, cache=cache,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    text = (tmp_path / "data" / "samarbeid_2025.yaml").read_text(encoding="utf-8")
    assert "agreements:\n  - id: vestlandsrevisjon\n" in text
    assert "    partners: [Alver, Askøy, Kautokeino]\n" in text
    assert ikscli("fmt", "--check", cwd=tmp_path, cache=cache).returncode == 0
    assert ikscli("validate", cwd=tmp_path, cache=cache).returncode == 0
    for party in ("Kautokeino", "Guovdageaidnu", "5612", "Askøy"):
        found = ikscli("list", "--party", party, "-f", "json", cwd=tmp_path, cache=cache)
        assert [a["id"] for a in json.loads(found.stdout)] == ["vestlandsrevisjon"], party
    nb = {"IKSCLI_LANG": "nb"}
    ambiguous = ikscli("add", "x", "name=X", "partners=Våler", cwd=tmp_path, cache=cache, env=nb)
    assert ambiguous.returncode == 2
    assert "Våler (Østfold) eller Våler (Innlandet)" in ambiguous.stderr.decode()


def test_init_refuses_what_it_cannot_do_with_one_line_and_exit_2(tmp_path):
    cache = tmp_path / "c"
    (tmp_path / "taken.yaml").write_text("mine\n", encoding="utf-8")
    cases = [
        (["init", "-o", "x.yaml"], "--kommune"),
        (["init", "--kommune", "Bergen"], "-o"),
        (
            ["init", "--kommune", "Bergen", "--fylkeskommune", "Vestland", "-o", "x.yaml"],
            "--kommune",
        ),
        (["init", "--kommune", "Bergn", "-o", "x.yaml"], "Bergen"),
        (["init", "--kommune", "Våler", "-o", "x.yaml"], "Våler (Innlandet)"),
        (["init", "--kommune", "Bergen", "-o", "taken.yaml"], "--force"),
        (["init", "--kommune", "Bergen", "--as-of", "soon", "-o", "x.yaml"], "--as-of"),
        (["init", "--kommune", "Bergen", "--language", "en", "-o", "x.yaml"], "nn"),
        (["init", "--kommune", "Bergen", "-o", "-"], "-o"),
        (["init", "--kommune", "Bergen", "-o", "."], "."),
    ]
    for args, word in cases:
        done = ikscli(*args, cwd=tmp_path, cache=cache, env={"IKSCLI_LANG": "nb"})
        lines = done.stderr.decode().strip().splitlines()
        assert done.returncode == 2, args
        assert len(lines) == 1 and word in lines[0] and "Traceback" not in lines[0], args
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "x.yaml").exists()


def test_init_writes_a_nynorsk_register_for_a_county_municipality(tmp_path):
    cache = tmp_path / "c"
    done = ikscli(
        "init", "--fylkeskommune", "46", "--as-of", "2025-01-01", "--language", "nn",
        "-o", "vestland.yaml", cwd=tmp_path, cache=cache,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "vestland.yaml").read_text(encoding="utf-8")
    assert "  title: Oversikt over interkommunale samarbeid per 1. januar 2025\n" in text
    assert "  language: nn\n" in text
    assert "  - name: Vestland fylkeskommune\n    kind: fylkeskommune\n" in text
    assert "Vestland fylkeskommune si eiga oversikt" in text


def test_validate_warns_when_a_declared_number_is_not_the_catalogues(tmp_path):
    data = tmp_path / "d.yaml"
    text = (ROOT / "data" / "samarbeid_2019.yaml").read_text(encoding="utf-8")
    data.write_text(text.replace('number_2020: "3405"', 'number_2020: "3406"'), encoding="utf-8")
    done = ikscli("validate", "--data", str(data), cwd=tmp_path, cache=tmp_path / "c")
    assert done.returncode == 0
    warned = [line for line in done.stdout.decode().splitlines() if "3406" in line]
    assert len(warned) == 1
    line = text[: text.index('number_2020: "3405"')].count("\n") + 1
    assert warned[0].startswith(f"{data.name}:{line}:18: warning:")
    assert "Lillehammer" in warned[0] and "3405" in warned[0]


def test_the_readmes_walk_for_any_municipality_runs_as_written(tmp_path):
    """README's "Any municipality in Norway" block, line by line, in an empty folder:
    started, filled, validated, queried, published and cross-checked."""
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Any municipality in Norway", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    cache = tmp_path / "c"
    said = []
    for line in lines:
        argv = shlex.split(line)
        assert argv[0] == "ikscli", line
        done = ikscli(*argv[1:], cwd=tmp_path, cache=cache)
        expected = 1 if argv[1] == "crosscheck" else 0
        assert done.returncode == expected, (line, done.stderr.decode())
        said.append(done.stdout.decode())
    assert "revisjon" in said[lines.index("ikscli list --party Askøy")]
    assert (tmp_path / "nettside" / "index.html").is_file()
    crosschecked = said[-1].splitlines()
    assert len(crosschecked) == 2
    assert "different form" in crosschecked[0]
    assert "bergen.yaml: IKS; alver.yaml: AS" in crosschecked[0]
    # Alver's record leaves Bergen out
    assert "different participants" in crosschecked[1] and "('Bergen')" in crosschecked[1]
