"""`ikscli diff` (every kind of change, exit codes) and `ikscli graph` (parseable output)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import DATA, ROOT, edit

EXAMPLE = ROOT / "examples" / "samarbeid_2020_illustrative.yaml"
TEXT = DATA.read_text(encoding="utf-8")


def changes(run, old, new):
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def test_identical_files_exit_0(run, write):
    result, found = changes(run, DATA, write(TEXT))
    assert result.exit_code == 0 and found == []
    assert "no differences" in result.stderr
    assert run("diff", str(DATA), str(DATA)).stdout.strip().endswith("No differences.")


@pytest.mark.parametrize(
    "old,new,kind,ident,before,after",
    [
        (
            "    status: planned\n",
            "    status: active\n",
            "status",
            "felles-barnevern",
            "planned",
            "active",
        ),
        (
            "    note: Telling/valgoppgjør\n",
            "    note: Telling/valgoppgjør\n    status: terminated\n",
            "terminated",
            "valg-samarbeid",
            "active",
            "terminated",
        ),
        (
            "    host: Ringsaker\n",
            "    host: Hamar\n",
            "host",
            "interkommunal-barnevernvakt",
            "Ringsaker",
            "Hamar",
        ),
        (
            "    category: Brannvesen\n    form: § 27\n",
            "    category: Brannvesen\n    form: Kommunalt oppgavefellesskap\n",
            "form",
            "felles-brann-og-feiertjeneste",
            "§ 27",
            "Kommunalt oppgavefellesskap",
        ),
        (
            "    note: Årlig formannskapskonferanse\n",
            "    note: Halvårlig konferanse\n",
            "note",
            "felles-formannskapsmoter",
            "Årlig formannskapskonferanse",
            "Halvårlig konferanse",
        ),
        (
            "    members: [Øyer]\n    members_basis: uncertain\n    members_evidence: >-\n"
            "      bare plasseringen: etter uttrekket (to tomme",
            "    members: [Gausdal, Øyer]\n    members_basis: uncertain\n    members_evidence: >-\n"
            "      bare plasseringen: etter uttrekket (to tomme",
            "joined",
            "gudbrandsdalsmusea",
            None,
            ["Gausdal"],
        ),
        (
            "  - id: lge\n    name: Lillehammer og Gausdal Energiverk Holding AS – LGE\n    category: Energi\n"
            "    form: AS\n    members: [Gausdal, Lillehammer]\n",
            "  - id: lge\n    name: Lillehammer og Gausdal Energiverk Holding AS – LGE\n    category: Energi\n"
            "    form: AS\n    members: [Lillehammer]\n",
            "left",
            "lge",
            ["Gausdal"],
            None,
        ),
        (
            "    partners: [Nord-Fron]\n",
            "    partners: [Nord-Fron, Ringebu]\n",
            "partners",
            "fellesenhet-skatt",
            ["Nord-Fron"],
            ["Nord-Fron", "Ringebu"],
        ),
        (
            "    name: Rådmannsutvalg\n",
            "    name: Kommunedirektørutvalg\n",
            "name",
            "radmannsutvalg",
            "Rådmannsutvalg",
            "Kommunedirektørutvalg",
        ),
    ],
)
def test_each_kind_of_change(run, write, old, new, kind, ident, before, after):
    _, found = changes(run, DATA, write(edit(TEXT, old, new)))
    assert found == [
        {"kind": kind, "id": ident, "name": found[0]["name"], "old": before, "new": after}
    ]


def test_added_and_removed(run, write):
    # another agreement under another id: not the same agreement renamed
    replaced = edit(
        TEXT,
        "  - id: ufo\n    name: 'UFO: Aktiviteter og opplevelser for ungdom'\n"
        "    category: Ungdom\n    form: Vedtak\n",
        "  - id: ungdomsklubb\n    name: Ungdomsklubb\n    category: Ungdom\n    form: Avtale\n",
    )
    result, found = changes(run, DATA, write(replaced))
    assert result.exit_code == 1
    assert [(c["kind"], c["id"]) for c in found][:2] == [
        ("added", "ungdomsklubb"),
        ("removed", "ufo"),
    ]


def test_the_illustrative_example_has_every_main_kind(run):
    result, found = changes(run, DATA, EXAMPLE)
    assert result.exit_code == 1
    kinds = [c["kind"] for c in found]
    from ikscli.analysis.diff import KINDS

    assert kinds == sorted(kinds, key=list(KINDS).index)
    assert set(kinds) == {
        "added",
        "removed",
        "terminated",
        "status",
        "joined",
        "left",
        "host",
        "form",
        "note",
        "members_basis",
        "members_evidence",
    }
    assert EXAMPLE.read_text(encoding="utf-8").count("NOT REAL DATA") == 1


def test_illustrative_example_is_what_the_script_generates():
    from illustrative_2020 import generate

    assert EXAMPLE.read_text(encoding="utf-8") == generate(), (
        "run: python scripts/illustrative_2020.py"
    )


def test_table_and_markdown(run):
    table = run("diff", str(DATA), str(EXAMPLE))
    assert table.exit_code == 1 and "Members joined" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    markdown = run("diff", str(DATA), str(EXAMPLE), "--format", "markdown").stdout
    assert markdown.startswith(
        "## Endringer i interkommunale samarbeid fra 01.01.2019 til 01.01.2020"
    )
    assert "### Nye medlemmer\n\n- **Borgerlig vigsel**: Øyer" in markdown


def test_invalid_file_is_reported_like_validate_and_exits_2(run, write):
    bad = write(edit(TEXT, "    host: Ringsaker", "    hots: Ringsaker"))
    result = run("diff", str(DATA), str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    assert re.search(rf"{re.escape(str(bad))}:\d+:5: error: .*unknown key 'hots'", result.stderr)
    missing = run("diff", str(DATA), str(bad) + ".nope")
    assert missing.exit_code == 2 and "no such file" in missing.stderr


# --- graph ---------------------------------------------------------------------------------

MERMAID_LINE = re.compile(
    r"^(flowchart LR"
    r'|  [pa]\d+(\["[^"\n]*"\]|\(\["[^"\n]*"\]\)|\[\["[^"\n]*"\]\])'
    r'|  p\d+ (---|-\.-\|"(partner|vertskommune)"\||---\|"\d+"\|) [pa]\d+'
    r"|  classDef region [a-z:#0-9,]+"
    r"|  class (p\d+,)*p\d+ region)$"
)


def mermaid_nodes(text):
    lines = text.splitlines()
    bad = [line for line in lines if not MERMAID_LINE.match(line)]
    assert bad == [], bad
    labels = dict(re.findall(r'^  ([pa]\d+)[\[\(]+"([^"]*)"', text, re.M))
    edges = re.findall(r"^  (p\d+) .*? ([pa]\d+)$", text, re.M)
    assert all(a in labels and b in labels for a, b in edges)
    return labels, edges


def test_mermaid_has_every_party_and_agreement_of_the_selection(run):
    records = json.loads(run("list", "--category", "Helse og omsorg", "--format", "json").stdout)
    text = run("graph", "--category", "Helse og omsorg").stdout
    labels, edges = mermaid_nodes(text)
    names = set(labels.values())
    assert {r["name"] for r in records} <= names
    parties = {
        p
        for r in records
        for p in r["members"] + r["partners"] + ([r["host"]] if r["host"] else [])
    }
    assert parties <= names and "Hamar" in names and "Ringebu" in names
    assert len(labels) == len(records) + len(parties)
    assert text.count("vertskommune") == sum(1 for r in records if r["host"])


def test_mermaid_by_kommune_weights_are_shared_agreements(run):
    text = run("graph", "--by", "kommune").stdout
    labels, _ = mermaid_nodes(text)
    assert set(labels.values()) >= {"Gausdal", "Lillehammer", "Øyer", "Oppland fylkeskommune"}
    key = {v: k for k, v in labels.items()}
    both = json.loads(run("list", "-k", "Gausdal", "-k", "Lillehammer", "-f", "json").stdout)
    line = f'  {key["Gausdal"]} ---|"{len(both)}"| {key["Lillehammer"]}'
    assert line in text.splitlines()


def test_mermaid_escapes_quotes(run, write):
    path = write(TEXT.replace("name: Regionråd\n", "name: 'Regionråd \"2019\" <x>'\n"))
    labels, _ = mermaid_nodes(run("graph", "--data", str(path)).stdout)
    assert "Regionråd #quot;2019#quot; #lt;x#gt;" in labels.values()


def dot_structure(text):
    assert text.startswith("graph ikscli {\n") and text.endswith("}\n")
    body = text.splitlines()[1:-1]
    statement = re.compile(
        r'^  ((graph|node) \[.*\]|[pa]\d+ \[label="(\\.|[^"\\])*", .*\]'
        r"|p\d+ -- [pa]\d+( \[.*\])?);$"
    )
    bad = [line for line in body if not statement.match(line)]
    assert bad == [], bad
    return dict(re.findall(r'^  ([pa]\d+) \[label="((?:\\.|[^"\\])*)"', text, re.M))


def test_dot_has_every_party_and_agreement(run):
    text = run("graph", "--format", "dot").stdout
    labels = dot_structure(text)
    assert len([k for k in labels if k.startswith("a")]) == 58
    assert {
        "Gausdal",
        "Lillehammer",
        "Øyer",
        "Hamar",
        "Ringsaker",
        "Ringebu",
        "Nord-Fron",
        "Oppland fylkeskommune",
    } <= set(labels.values())
    dot_structure(run("graph", "--format", "dot", "--by", "kommune").stdout)


def test_dot_renders_with_graphviz_when_installed(run, tmp_path):
    import shutil

    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    text = run("graph", "--format", "dot").stdout
    result = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True)
    assert result.returncode == 0 and "<svg" in result.stdout


def test_diff_reports_every_field_of_the_model():
    import dataclasses
    import datetime

    from ikscli.analysis.diff import compare
    from ikscli.model import AGREEMENT_FIELDS
    from ikscli.reading.loader import load

    dataset = load(ROOT / "data" / "samarbeid_2019.yaml", use_cache=False).dataset
    changed_values = {
        "members": ["Gausdal"],
        "partners": ["Hamar"],
        "form_inferred": True,
        "members_basis": "evidence",
        "status": "planned",
        "started": datetime.date(2020, 1, 1),
        "ended": datetime.date(2024, 12, 31),
        "shares": {"Gausdal": 100},
    }
    for field in AGREEMENT_FIELDS:
        if field == "id":
            continue
        other = dataclasses.replace(dataset)
        first = dataset.agreements[0]
        value = changed_values.get(field, "endret")
        other.agreements = [dataclasses.replace(first, **{field: value}), *dataset.agreements[1:]]
        assert compare(dataset, other), f"diff is silent on {field}"


def test_settling_an_uncertain_membership_shows_in_the_change_list(run, dataset_text, write):
    settled = dataset_text.replace(
        "    members: [Gausdal, Lillehammer]\n    members_basis: uncertain\n",
        "    members: [Gausdal, Lillehammer]\n    members_basis: evidence\n",
        1,
    )
    assert settled != dataset_text
    result = run("diff", str(write(dataset_text)), str(write(settled)), "-f", "json")
    kinds = [c["kind"] for c in json.loads(result.stdout)]
    assert "members_basis" in kinds and result.exit_code == 1
    markdown = run("diff", str(write(dataset_text)), str(write(settled)), "-f", "markdown").stdout
    assert (
        "### Endret grunnlag for medlemmene" in markdown and "usikkert → andre kilder" in markdown
    )


def test_a_renamed_id_is_a_rename_not_a_removal_and_an_addition(run, dataset_text, write):
    renamed = dataset_text.replace("  - id: eioff\n", "  - id: eioff-drift\n", 1)
    result = run("diff", str(write(dataset_text)), str(write(renamed)), "-f", "json")
    changes = json.loads(result.stdout)
    assert [(c["kind"], c["old"], c["new"]) for c in changes] == [("id", "eioff", "eioff-drift")]
    both = renamed.replace("name: Eioff (eiendomsforvaltning/driftskontroll)", "name: Eioff", 1)
    changes = json.loads(
        run("diff", str(write(dataset_text)), str(write(both)), "-f", "json").stdout
    )
    assert sorted(c["kind"] for c in changes) == ["id", "name"]
