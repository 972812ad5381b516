"""`ikscli list` through the real command line, against the source table."""

from __future__ import annotations

import json

from source_table import CODES, INTRODUCTION, ROWS

CONTRACT = {
    "id",
    "name",
    "category",
    "form",
    "members",
    "host",
    "partners",
    "status",
    "note",
    "parent",
}


def source_names_with(member: str) -> list[str]:
    code = [c for c, name in CODES.items() if name == member][0]
    return [row[0] for row in ROWS + [INTRODUCTION] if code in row[2]]


def test_list_json_is_the_whole_dataset_with_the_contract_keys(run):
    result = run("list", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == 58
    assert all(CONTRACT <= set(r) for r in records)
    assert [r["name"] for r in records] == [row[0] for row in ROWS] + [INTRODUCTION[0]]
    assert {r["status"] for r in records} == {"active", "terminated", "planned"}


def test_kommune_filter_matches_the_source_x_marks(run):
    records = json.loads(run("list", "--kommune", "Gausdal", "--format", "json").stdout)
    unsure = {
        r["name"]
        for r in json.loads(run("list", "-f", "json").stdout)
        if r["members_basis"] == "uncertain"
    }
    certain = [r["name"] for r in records if r["name"] not in unsure]
    assert certain == [n for n in source_names_with("Gausdal") if n not in unsure]
    assert all("Gausdal" in r["members"] for r in records)


def test_repeated_kommune_means_all_must_be_members(run):
    both = json.loads(run("list", "-k", "Gausdal", "-k", "Øyer", "--format", "json").stdout)
    assert both and all({"Gausdal", "Øyer"} <= set(r["members"]) for r in both)
    only_g = json.loads(run("list", "-k", "Gausdal", "--format", "json").stdout)
    assert len(both) < len(only_g)


def test_oyer_table_in_80_columns(run):
    result = run("list", "--kommune", "Øyer")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in result.stdout
    assert "Fellesenhet skatt," in result.stdout and "Øyer" in result.stdout
    expected = len(source_names_with("Øyer")) + 2  # + the two "x x" rows read as Øyer
    footer = " ".join(" ".join(lines[-2:]).split())
    assert footer.endswith(
        f"{expected} agreements; 4 with members the source does not settle (marked ?, see show ID)"
    )


def test_unknown_municipality_is_a_usage_error_with_a_suggestion(run):
    result = run("list", "--kommune", "Øyr")
    assert result.exit_code == 2
    assert "did you mean 'Øyer'?" in result.stderr
    assert result.stdout == ""


def test_invalid_dataset_exits_1_and_lists_errors_on_stderr(run, dataset_text, write):
    path = write(dataset_text.replace("    host: Ringsaker", "    hots: Ringsaker"))
    result = run("list", "--data", str(path))
    assert result.exit_code == 1
    assert "unknown key 'hots'" in result.stderr and result.stdout == ""
