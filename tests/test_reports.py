"""Reports, schema, law, pre-commit and completion (the working-day features)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest import DATA, ROOT
from source_table import CATEGORY_ROWS, INTRODUCTION, ROWS


class Rows(HTMLParser):
    """Collects the body rows of the report table: (id, class, cells)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, list[str]]] = []
        self.headings: list[str] = []
        self._cells: list[str] | None = None
        self._row: tuple[str, str] | None = None
        self._text = ""
        self.meta_charset = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("charset") == "utf-8":
            self.meta_charset = True
        if tag == "tr":
            self._row = (attrs.get("id"), attrs.get("class"))
            self._cells = []
        if tag in ("td", "th"):
            self._text = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cells is not None:
            self._cells.append(self._text.strip())
        if tag == "tr" and self._row is not None:
            if self._row[0]:
                self.rows.append((*self._row, self._cells))
            elif self._row[1] == "category":
                self.headings.append(self._cells[0])
            self._row = None

    def handle_data(self, data):
        self._text += data


def test_html_report_has_one_row_per_agreement_in_source_order_with_marks(run):
    result = run("report", "--format", "html")
    assert result.exit_code == 0
    html = result.stdout
    assert "http" not in html.replace("http-equiv", "") and "<link" not in html
    assert "<style>" in html and "A4 landscape" in html
    parser = Rows()
    parser.feed(html)
    assert parser.meta_charset
    assert parser.headings == [c for c, _ in CATEGORY_ROWS] + ["Under utredning"]
    expected = ROWS + [INTRODUCTION]
    assert len(parser.rows) == 58
    for (_ident, cls, cells), (name, _, marks, host, _, status, starred) in zip(
        parser.rows, expected, strict=False
    ):
        assert cells[0] == name + ("*" if starred else "")
        assert cells[2] == (host or ""), name  # the Vertskommune column, as the source names
        got = "".join(c for c, cell in zip("GLØ", cells[3:6], strict=False) if cell)
        assert got == (marks if marks != "??" else got) and len(got) == len(marks)
        assert (cls == "terminated") == (status == "terminated")


def test_markdown_report_every_agreement_once_in_order(run):
    text = run("report").stdout
    assert "Per 1. januar 2019" in text and "Oppland fylkeskommune (OFK)" in text
    rows = [
        line
        for line in text.splitlines()
        if line.startswith("| ") and not line.startswith("| Samarbeid")
    ]
    assert len(rows) == 58
    for line, (name, *_rest) in zip(rows, ROWS + [INTRODUCTION], strict=False):
        assert name in line
    assert sum("~~" in line for line in rows) == 2
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [c for c, _ in CATEGORY_ROWS] + ["Under utredning"]


def test_committed_schema_equals_the_generated_one(run):
    committed = (ROOT / "schema" / "samarbeid.schema.json").read_text(encoding="utf-8")
    assert run("schema").stdout == committed, "run: ikscli schema > schema/samarbeid.schema.json"
    first_line = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/samarbeid.schema.json"


def _data_as_json():
    from ikscli.reading.yamlread import read

    value = read(DATA.read_text(encoding="utf-8"), "x").value
    return json.loads(json.dumps(value, default=str))


def test_schema_accepts_the_dataset_and_rejects_an_unknown_key():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "samarbeid.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    validator = jsonschema.Draft7Validator(schema)
    data = _data_as_json()
    assert list(validator.iter_errors(data)) == []
    data["agreements"][0]["hots"] = "Lillehammer"
    assert any("hots" in e.message for e in validator.iter_errors(data))
    data["agreements"][0].pop("hots")
    data["agreements"][0]["form"] = "§ 29"
    assert list(validator.iter_errors(data))


@pytest.mark.parametrize(
    "form,must_change,now",
    [
        ("§ 27", True, "§ 27 is repealed"),
        ("§ 28-1 b", False, "administrativt vertskommunesamarbeid (kap. 20"),
        ("IKS", False, "interkommunalt selskap"),
        ("AS", False, "aksjeselskap"),
        ("Avtale", False, "not an organisation form"),
        ("Uformelt", False, "not an organisation form"),
        ("Vedtak", False, "not an organisation form"),
        (None, False, "not an organisation form"),
    ],
)
def test_law_mapping_for_every_form(form, must_change, now):
    from ikscli.analysis.law import placement
    from ikscli.model import FORMS, Agreement

    assert form is None or form in FORMS
    placed = placement(Agreement(id="x", name="Et samarbeid", form=form))
    assert placed.must_change is must_change and placed.kommuneloven_2018.startswith(now)
    if must_change:
        assert placed.deadline == "autumn 2023"
        assert "kommunalt oppgavefellesskap (kap. 19)" in placed.options


def test_law_command_lists_what_had_to_change(run):
    records = json.loads(run("law", "--format", "json").stdout)
    active_27 = [r[0] for r in ROWS if r[1] in ("§ 27", "§27") and r[5] == "active"]
    assert sorted(r["name"] for r in records) == sorted(active_27 + ["Regionråd"])
    assert all(r["law"]["must_change"] for r in records)
    everything = json.loads(run("law", "--all", "--format", "json").stdout)
    assert len(everything) == 58 and all("law" in r for r in everything)
    innoff = [r for r in everything if r["id"] == "innoff"][0]
    assert innoff["law"]["must_change"] is False  # terminated before the new law
    for_oyer = json.loads(run("law", "--kommune", "oyer", "--format", "json").stdout)
    assert all("Øyer" in r["members"] for r in for_oyer)


def test_pre_commit_hook_runs_validate_on_the_projects_files_wherever_they_are():
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "ikscli-validate" and hooks[0]["entry"] == "ikscli validate"
    for hook in hooks:
        assert hook["pass_filenames"] is False  # the project names its files
        for changed in ("registre/oyer_2025.yaml", "data/samarbeid_2019.yaml", "ikscli.toml"):
            assert re.search(hook["files"], changed), (hook["id"], changed)


def test_validate_takes_several_files_as_pre_commit_passes_them(run, dataset_text, write):
    good, bad = write(dataset_text), write(dataset_text.replace("  - id: eioff", "  - id: Eioff"))
    result = run("validate", str(good), str(bad), "--format", "json")
    assert result.exit_code == 1
    assert [r["valid"] for r in json.loads(result.stdout)] == [True, False]


def test_completion_offers_municipalities_and_ids(monkeypatch):
    from ikscli.cli.completion import agreement_ids, party_names

    assert party_names("Øy") == ["Øyer"] and party_names("oy") == ["Øyer"]
    assert "Lillehammer" in party_names("")
    assert agreement_ids("felles-b") == ["felles-brann-og-feiertjeneste", "felles-barnevern"]
    monkeypatch.setenv("IKSCLI_DATA", "/nonexistent.yaml")
    assert agreement_ids("") == []  # never breaks the shell


@pytest.mark.parametrize(
    "words,cword,expected",
    [
        ("ikscli list --kommune Li", "3", ["Lillehammer"]),
        ("ikscli hosts -k Øy", "3", ["Øyer"]),
        ("ikscli show felles-b", "2", ["felles-brann-og-feiertjeneste", "felles-barnevern"]),
    ],
)
def test_shell_completion_through_the_cli(words, cword, expected):
    from typer.testing import CliRunner

    from ikscli.cli.app import app

    result = CliRunner().invoke(
        app,
        [],
        prog_name="ikscli",
        env={"_IKSCLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword},
    )
    assert result.stdout.split() == expected


def test_the_legend_is_derived_from_the_data(run, dataset_text, write):
    from conftest import edit

    renamed = edit(
        dataset_text, "name: Regionalt helsesamarbeid", "name: Helsesamarbeidet i regionen"
    )
    out = run("report", "--data", str(write(renamed))).stdout
    legend = out.strip().splitlines()[-1]
    assert legend.startswith("\\* Delavtale under Helsesamarbeidet i regionen")
    # no sub-agreements, no uncertain members, nothing terminated: no legend at all
    import yaml

    data = yaml.safe_load(dataset_text)
    for agreement in data["agreements"]:
        for key in ("parent", "members_basis", "members_evidence", "status"):
            agreement.pop(key, None)
    plain = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    result = run("report", "--data", str(write(plain)))
    assert result.exit_code == 0, result.stderr
    assert "Delavtale" not in result.stdout and "x?" not in result.stdout
    assert "Overstreket" not in result.stdout
    html = run("report", "--format", "html", "--data", str(write(plain))).stdout
    assert 'class="legend"' not in html


def test_marks_settled_from_outside_evidence_are_not_the_sources_own(run):
    import json

    records = json.loads(run("list", "-f", "json").stdout)
    settled_otherwise = ("evidence", "remark", "spacing")
    evidence = {a["name"] for a in records if a["members_basis"] in settled_otherwise}
    report = run("report").stdout
    rows = [line for line in report.splitlines() if line.startswith("| ") and "---" not in line]
    marked = {row.split(" | ")[0].strip("| ~").split("~~")[0] for row in rows if "x¹" in row}
    assert marked and {m.rstrip("*") for m in marked} <= evidence | {n + "*" for n in evidence}
    assert len(marked) == len(evidence)
    assert "x¹ = deltakelsen står ikke tydelig i kilden" in report
    html = run("report", "--format", "html").stdout
    assert html.count(">x¹<") == sum(
        len(a["members"]) for a in records if a["members_basis"] in settled_otherwise
    )
