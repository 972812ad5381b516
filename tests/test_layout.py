"""Tables fit 80 columns without splitting what people copy (ids) or read (header words)."""

from __future__ import annotations

import csv
import io

import pytest
from cli import DATA, EXAMPLE, ikscli
from generate import render_real

COMMANDS = [
    ["list"],
    ["list", "--status", "terminated"],
    ["filter", "kommune=Øyer"],
    ["count", "--by", "kommune", "--by", "category"],
    ["count", "--by", "kommune", "--by", "form"],
    ["hosts"],
    ["law", "--all"],
    ["matrix"],
    ["show", "nasjonalparkkommunene-sekretariat"],
    ["diff", str(DATA), str(EXAMPLE)],
]


def shown_ids(run, args: list[str]) -> list[str]:
    """The ids the same command shows, from its machine output."""
    import json

    if args[0] == "diff":
        return sorted({c["id"] for c in json.loads(run(*args, "-f", "json").stdout)})
    if args[0] in ("matrix", "count"):
        return []  # these tables show no ids
    out = run(*args, "-f", "csv").stdout
    return [row["id"] for row in csv.DictReader(io.StringIO(out)) if row.get("id")]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3])[:40])
def test_tables_fit_80_columns_and_keep_ids_whole(run, args):
    result = run(*args, env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = {w for line in lines for w in line.split()}
    for ident in shown_ids(run, args):
        assert ident in words, ident


def test_header_words_stay_whole(run):
    out = run("count", "--by", "kommune", "--by", "category", env={"COLUMNS": "80"}).stdout
    assert "Lillehammer" in out.splitlines()[0]


def test_a_cross_table_at_national_scale_says_what_it_leaves_out(tmp_path):
    path = tmp_path / "national.yaml"
    from generate import render

    path.write_text(render(2000), encoding="utf-8")
    result = ikscli(
        "count",
        "--by",
        "category",
        "--by",
        "kommune",
        "--data",
        str(path),
        cwd=tmp_path,
        cache=tmp_path / "c",
        env={"COLUMNS": "80"},
    )
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.decode().splitlines()) <= 80
    assert b"Showing the 8 largest of" in result.stderr


def test_a_very_long_id_is_cut_with_an_ellipsis_never_split(run, write):
    text = render_real(58).replace("  - id: eioff-00000\n", "  - id: " + "x" * 50 + "\n")
    text = text.replace("    parent: eioff-00000\n", "")
    result = run("list", "--search", "Eioff", "--data", str(write(text)), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "x" * 35 + "…" in result.stdout and "x" * 36 not in result.stdout


def test_matrix_prints_its_headings_and_marks_status(run):
    import json

    out = run("matrix", env={"COLUMNS": "120"}).stdout
    categories = json.loads(run("list", "-f", "json").stdout)
    for heading in {a["category"] for a in categories if a["category"]}:
        assert f"— {heading} —" in out
    assert "(terminated)" in out and "(planned)" in out
    assert out.count("(terminated)") == sum(a["status"] == "terminated" for a in categories)
    # every agreement is shown: headings do not count against the table's 60 rows
    result = run("matrix")
    assert "Showing the first" not in result.stderr


def test_matrix_names_the_municipalities_it_leaves_out(tmp_path):
    from generate import render

    path = tmp_path / "national.yaml"
    path.write_text(render(300), encoding="utf-8")
    result = ikscli("matrix", "--data", str(path), cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 0
    assert b"left out: Kommune" in result.stderr and b"more. Choose with --kommune" in result.stderr
    assert max(len(line) for line in result.stdout.decode().splitlines()) <= 80


@pytest.mark.parametrize(
    "args", [["list"], ["list", "--kommune", "Øyer", "--form", "§ 27"], ["filter", "kommune=Øyer"]]
)
def test_a_column_that_does_not_wrap_is_never_cut(run, args):
    """Host names do not wrap, so they must fit whole (a cut 'Lillehamm' is a defect)."""
    out = run(*args, env={"COLUMNS": "80"}).stdout
    hosts = {
        row["host"]
        for row in csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout))
        if row["host"]
    }
    words = {w for line in out.splitlines() for w in line.split()}
    assert hosts and hosts <= words, hosts - words
