"""Every string in a dataset is untrusted: no formulas, escapes, markup or forged lines."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from cli import DATA, ikscli
from conftest import SOURCE_WARNINGS, edit, line_of

NOTE = "    note: Lillehammer vertskommune\n"


def with_note(text: str, yaml_value: str) -> str:
    """The real file with the first 'Lillehammer vertskommune' remark replaced."""
    return edit(text, NOTE, f"    note: {yaml_value}\n")


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x","klikk")', "+1+1", "-2+3", "@SUM(A1)"])
def test_excel_csv_neutralises_formulas(run, dataset_text, write, formula):
    path = write(with_note(dataset_text, json.dumps(formula, ensure_ascii=False)))
    excel = run("list", "--excel", "--data", str(path), "--search", formula[1:4])
    cells = [
        c
        for row in csv.reader(io.StringIO(excel.stdout.lstrip("\ufeff")), delimiter=";")
        for c in row
    ]
    assert "'" + formula in cells and formula not in cells
    plain = run("list", "--format", "csv", "--data", str(path), "--search", formula[1:4])
    assert formula in [c for row in csv.reader(io.StringIO(plain.stdout)) for c in row]


HOSTILE = [
    ("\\e[2J", "U+001B"),  # clear the screen
    ("\\e]8;;http://evil\\e\\\\klikk\\e]8;;\\e\\\\", "U+001B"),  # OSC 8 link
    ("\\e]52;c;ZXZpbA==\\a", "U+001B"),  # OSC 52: write the clipboard
    ("abc\\u202Edcba", "U+202E"),  # right-to-left override
    ("a\\u2066b", "U+2066"),  # bidi isolate
    ("tab\\there", "U+0009"),
    ("line\\nbreak", "U+000A"),
    ("carriage\\rreturn", "U+000D"),
    ("del\\x7f", "U+007F"),
    ("c1\\x9b31m", "U+009B"),
    ("nul\\0", "U+0000"),
]


@pytest.mark.parametrize("value, code", HOSTILE)
def test_control_and_bidi_characters_are_refused_with_their_place(
    run, dataset_text, write, value, code
):
    text = with_note(dataset_text, f'"{value}"')
    path = write(text)
    result = run("validate", str(path))
    assert result.exit_code == 1
    problem = result.stdout.strip()
    assert len(problem.splitlines()) == 1 + SOURCE_WARNINGS  # ours, and the source's
    here = f":{line_of(text, value[:4])}:11: error: "
    line = next(x for x in problem.splitlines() if here in x)
    assert code in line and "note" in line
    assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout


@pytest.mark.parametrize(
    "field, old, new",
    [
        ("name", "name: Eioff (eiendomsforvaltning/driftskontroll)", 'name: "Eioff\\e[31m"'),
        ("members", "members: [Gausdal, Lillehammer]", 'members: [Gausdal, "Lille\\e[2Jhammer"]'),
        (
            "title",
            "  title: Oversikt over interkommunale samarbeid per 1. januar 2019",
            '  title: "\\u202eOversikt"',
        ),
        ("categories", "  - NAV\n", '  - "NAV\\e[8m"\n'),
    ],
)
def test_every_text_field_is_checked(run, dataset_text, write, field, old, new):
    path = write(edit(dataset_text, old, new))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "a control character" in result.stdout or "bidi" in result.stdout, result.stdout
    assert "\x1b" not in result.stdout


def test_queries_refuse_a_hostile_file_and_print_no_escape(dataset_text, write, tmp_path):
    path = write(with_note(dataset_text, '"\\e[2J\\e]52;c;ZXZpbA==\\a"'))
    for args in (["list"], ["show", "interkommunal-barnevernvakt"], ["report"], ["graph"]):
        result = ikscli(*args, "--data", str(path), cwd=tmp_path, cache=tmp_path / "c")
        assert result.returncode == 1
        assert b"\x1b" not in result.stdout + result.stderr


def test_zero_width_characters_are_a_warning(run, dataset_text, write):
    path = write(with_note(dataset_text, '"Lillehammer\\u200b vertskommune"'))
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert "zero-width character (U+200B)" in result.stdout
    assert run("validate", "--strict", str(path)).exit_code == 1


@pytest.mark.parametrize("key", ["\\n", "x\\n/etc/passwd:1:1: error: forged", "\\e[2J", "\\u202e"])
def test_no_key_can_forge_a_line_of_validate_output(run, dataset_text, write, key):
    text = edit(dataset_text, "    host: Ringsaker\n", f'    host: Ringsaker\n    "{key}": 1\n')
    result = run("validate", str(write(text)))
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and len(lines) == 1 + SOURCE_WARNINGS
    assert all(": error: " in x or ": warning: " in x for x in lines)
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    for fmt in ("github",):
        github = run("validate", "--format", fmt, str(write(text))).stdout.splitlines()
        assert len(github) == 1 + SOURCE_WARNINGS and all(x.startswith("::") for x in github)


def test_an_id_with_a_line_break_stays_on_one_line(run, dataset_text, write):
    text = edit(dataset_text, "  - id: eioff\n", '  - id: "eioff\\n/x.yaml:1:1: error: forged"\n')
    result = run("validate", str(write(text)))
    assert result.exit_code == 1
    assert not any(x.startswith("/x.yaml") for x in result.stdout.splitlines())
    assert "eioff\\x0a/x.yaml" in result.stdout or "eioff\\n/x.yaml" in result.stdout


def test_markdown_outputs_escape_markup(dataset_text, write, tmp_path):
    hostile = "<img src=x onerror=alert(1)> & | pipe"
    text = with_note(dataset_text, json.dumps(hostile))
    text = edit(
        text,
        "name: Eioff (eiendomsforvaltning/driftskontroll)",
        'name: "<script>alert(1)</script> | x"',
    )
    path = write(text)
    cache = tmp_path / "c"
    outputs = [
        ikscli("list", "-f", "markdown", "--data", str(path), cwd=tmp_path, cache=cache),
        ikscli("report", "--data", str(path), cwd=tmp_path, cache=cache),
        ikscli("diff", str(DATA), str(path), "-f", "markdown", cwd=tmp_path, cache=cache),
        ikscli("show", "eioff", "-f", "markdown", "--data", str(path), cwd=tmp_path, cache=cache),
    ]
    for result in outputs:
        out = result.stdout.decode()
        assert result.returncode in (0, 1) and out, result.stderr
        assert "<img" not in out and "<script" not in out
        assert "&lt;" in out
        for row in (x for x in out.splitlines() if x.startswith("|") and "&lt;" in x):
            assert "\\|" in row


def test_a_label_cannot_carry_a_mermaid_directive(run, dataset_text, write):
    text = edit(
        dataset_text,
        "name: Eioff (eiendomsforvaltning/driftskontroll)",
        "name: \"%%{init: {'theme': 'dark'}}%% Eioff\"",
    )
    out = run("graph", "--data", str(write(text))).stdout
    assert "%%" not in out and "#37;#37;{init" in out


def test_an_alias_bomb_is_refused_at_once(run, dataset_text, write):
    """A 17 KB file aliasing one 900-name list 1,000 times."""
    names = ", ".join(f"K{i:03d}" for i in range(900))
    refs = "\n".join(f"    - id: a{i}\n      name: A\n      members: *m" for i in range(1000))
    text = (
        f"meta: {{title: t, as_of: 2019-01-01, source: s}}\nlist: &m [{names}]\n"
        f"parties: []\ncategories: []\nagreements:\n{refs}\n"
    )
    path = write(text)
    assert 10_000 < len(text) < 80_000
    start = time.perf_counter()
    result = run("validate", str(path))
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1 and elapsed < 2
    assert len(result.stdout.splitlines()) == 1
    assert "aliases expand to more values" in result.stdout


def test_each_kind_of_problem_is_capped_at_fifty_lines(run, dataset_text, write):
    unknown = ", ".join(f"Kommune{i}" for i in range(120))
    text = edit(dataset_text, "members: [Gausdal, Lillehammer]", f"partners: [{unknown}]")
    result = run("validate", str(write(text)))
    lines = result.stdout.splitlines()
    undeclared = [x for x in lines if "is not a declared party" in x and "more like" not in x]
    assert len(undeclared) == 50
    assert any("and 70 more like" in x for x in lines)
    report = json.loads(run("validate", "-f", "json", str(write(text))).stdout)
    assert sum("is not a declared party" in p["message"] for p in report["problems"]) == 120
    assert report["errors"] == 120


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--search", "!!!"],
        ["list", "-s", "   "],
        ["filter", "name~["],
        ["filter", "note~?!"],
    ],
)
def test_a_term_of_only_punctuation_does_not_match_everything(run, args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_punctuation_is_matched_literally(run, dataset_text, write):
    path = write(with_note(dataset_text, '"Se pkt. 3 (!!!)"'))
    found = json.loads(run("list", "--search", "(!!!)", "-f", "json", "--data", str(path)).stdout)
    assert [a["id"] for a in found] == ["borgerlig-vigsel"]
