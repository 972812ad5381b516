"""Answers say how sure they are, and how much they leave out."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import UNSETTLED as UNSURE


@pytest.mark.parametrize("how", [["-f", "table"], ["-f", "markdown"], ["--excel"]])
def test_uncertain_members_carry_a_mark_in_every_format_people_read(run, how):
    result = run("filter", "kommune=Gausdal", "kommune=Øyer", "kommune!=Lillehammer", *how)
    assert result.exit_code == 0
    assert result.stdout.count("Gausdal?") == 2 and result.stdout.count("Øyer?") == 2
    if how != ["--excel"]:
        assert "3 agreements; 2 with members the source does not settle (marked ?" in " ".join(
            result.stdout.split()
        )


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "ndjson"])
def test_formats_for_programs_keep_the_names_and_say_it_in_members_basis(run, fmt):
    result = run("filter", "kommune=Gausdal", "kommune=Øyer", "kommune!=Lillehammer", "-f", fmt)
    assert result.exit_code == 0 and "?" not in result.stdout
    assert result.stdout.count("uncertain") == 2


def test_excel_marks_them_too_and_json_keeps_the_names(run):
    excel = run("list", "--excel").stdout.lstrip("\ufeff")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(excel), delimiter=";")}
    assert {i for i, r in rows.items() if "?" in r["members"]} == UNSURE
    records = json.loads(run("list", "-f", "json").stdout)
    assert not any("?" in m for r in records for m in r["members"])
    assert {r["id"] for r in records if r["members_basis"] == "uncertain"} == UNSURE


def test_a_cut_list_says_how_much_it_leaves_out(run):
    assert run("list", "--limit", "3").stdout.strip().endswith("3 of 58 agreements")
    assert run("list", "--kommune", "Øyer", "-n", "2").stdout.strip().endswith("2 of 49 agreements")


def test_party_finds_any_role(run):
    ids = {a["id"] for a in json.loads(run("list", "--party", "Ringebu", "-f", "json").stdout)}
    assert len(ids) == 3
    members = json.loads(run("list", "--kommune", "Øyer", "-f", "json").stdout)
    with_party = json.loads(run("list", "--party", "Øyer", "-f", "json").stdout)
    assert {a["id"] for a in members} <= {a["id"] for a in with_party}


def test_a_municipality_with_no_memberships_is_not_a_silent_zero(run):
    result = run("list", "--kommune", "Ringebu")
    assert result.exit_code == 0 and "0 agreements" in result.stdout
    assert (
        "Ringebu is a member of none of them, but a partner or host in 3 agreements: "
        "ikscli list --party Ringebu"
    ) in result.stderr


def test_hosts_serve_their_partners_too(run):
    hosts = json.loads(run("hosts", "--format", "json").stdout)
    oyer = next(h for h in hosts if h["host"] == "Øyer")
    assert "Nord-Fron" in oyer["serves"]  # Øyer's tax office serves Nord-Fron too
    assert "they serve their members and partners" in run("hosts").stdout


def test_count_footer_says_what_it_counts(run):
    by_kommune = " ".join(run("count", "--by", "kommune").stdout.split())
    assert "counted once for each member." in by_kommune
    assert "Includes 2 terminated and 1 planned: --status active" in by_kommune
    by_form = " ".join(run("count", "--by", "form").stdout.split())
    assert "Total: 58 agreements. Includes" in by_form and "once for each" not in by_form
    active = " ".join(run("count", "--status", "active").stdout.split())
    assert "Includes" not in active


def test_csv_follows_the_json_contract_cell_by_cell(run):
    records = json.loads(run("list", "-f", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run("list", "-f", "csv").stdout)))
    # the same columns, in the same order, then what the table was made from (for import)
    assert list(rows[0]) == [*records[0], "base", "revision"]
    assert len({row["base"] for row in rows}) == 1 and all(len(r["revision"]) == 12 for r in rows)
    for record, row in zip(records, rows, strict=True):
        for key, value in record.items():
            if isinstance(value, list):
                value = ", ".join(value)  # the names exact: no ? in a format for programs
            elif isinstance(value, bool):
                value = "true" if value else "false"
            assert row[key] == ("" if value is None else str(value)), (record["id"], key)
