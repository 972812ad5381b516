"""Query commands end to end: names as people type them, every command, every format."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import Counter

import pytest
from conftest import DATA
from source_table import CODES, FORM_IN_NAME, INTRODUCTION, ROWS, SPELLING

COMMANDS = [
    ["list", "--kommune", "Øyer"],
    ["filter", "kommune=Gausdal", "kommune!=Øyer"],
    ["count", "--by", "form"],
    ["count", "--by", "kommune", "--by", "status"],
    ["hosts"],
    ["hosts", "--kommune", "Øyer"],
    ["show", "regionalt-helsesamarbeid"],
    ["matrix", "--category", "Helse og omsorg"],
]


def as_json(run, *args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ids(records):
    return [r["id"] for r in records]


@pytest.mark.parametrize(
    "typed",
    ["Øyer", "øyer", "ØYER", "oyer", "Oeyer", "0521", "3440", unicodedata.normalize("NFD", "Øyer")],
)
def test_municipality_names_as_people_type_them(run, typed):
    assert ids(as_json(run, "list", "--kommune", typed)) == ids(as_json(run, "list", "-k", "Øyer"))


@pytest.mark.parametrize(
    "args,message",
    [
        (["list", "--kommune", "Øyr"], "did you mean 'Øyer'?"),
        (["list", "--host", "Lilehammer"], "did you mean 'Lillehammer'?"),
        (["hosts", "--kommune", "Gausda"], "did you mean 'Gausdal'?"),
        (["show", "regionalt-helsesamarbied"], "did you mean 'regionalt-helsesamarbeid'"),
        (["list", "--form", "§ 29"], "the forms are Avtale, Uformelt"),
        (["list", "--status", "ended"], "the statuses are active (aktiv), terminated (sagt opp)"),
        (["list", "--category", "Sport"], "unknown category 'Sport'"),
        (["list", "--sort", "colour"], "cannot sort by 'colour'"),
        (["count", "--by", "colour"], "cannot count by 'colour'"),
        (["filter", "hots=Lillehammer"], "unknown field 'hots' (did you mean 'host'"),
        (["filter", "kommune"], "write FIELD=VALUE"),
    ],
)
def test_unknown_names_are_usage_errors_with_help(run, args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_unknown_field_lists_the_fields(run):
    result = run("filter", "colour=red")
    assert "the fields are: members, host, partners, party, form" in result.stderr


def test_list_filters_agree_with_the_source(run):
    forms = Counter(SPELLING.get(r[1], r[1]) if r[1] else FORM_IN_NAME.get(r[0]) for r in ROWS)
    assert len(as_json(run, "list", "--form", "§ 28-1 b")) == forms["§ 28-1 b"] == 17
    assert len(as_json(run, "list", "--form", "28-1b")) == 17
    assert len(as_json(run, "list", "--form", "none")) == forms[None] + 1  # + felles barnevern
    hosted = [r[0] for r in ROWS if r[3] == "Lillehammer"]
    assert [r["name"] for r in as_json(run, "list", "--host", "Lillehammer")] == hosted
    assert ids(as_json(run, "list", "--status", "terminated")) == ["innoff", "eioff"]
    assert ids(as_json(run, "list", "--status", "planned")) == ["felles-barnevern"]
    assert len(as_json(run, "list", "--category", "Helse og omsorg")) == 11
    assert len(as_json(run, "list", "--category", "helse")) == 11  # one heading contains it


def test_search_is_case_and_letter_insensitive_in_name_and_note(run):
    assert ids(as_json(run, "list", "--search", "VERTSKOMMUNE", "--search", "ringsaker")) == [
        "interkommunal-barnevernvakt"
    ]
    assert ids(as_json(run, "list", "--search", "okonomienhet")) == ["felles-okonomienhet"]


def test_sort_and_limit(run):
    records = as_json(run, "list", "--sort", "name", "--limit", "3")
    assert len(records) == 3
    everything = sorted(as_json(run, "list"), key=lambda r: r["name"].casefold())
    assert [r["name"] for r in records] == [r["name"] for r in everything[:3]]
    assert ids(as_json(run, "list", "--sort", "source", "--reverse", "-n", "1")) == [
        "felles-barnevern"
    ]


def test_filter_what_gausdal_shares_without_oyer(run):
    expected = [r[0] for r in ROWS + [INTRODUCTION] if "G" in r[2] and "Ø" not in r[2]]
    got = as_json(run, "filter", "kommune=Gausdal", "kommune!=Øyer")
    unsure = {r["name"] for r in as_json(run, "list") if r["members_basis"] == "uncertain"}
    certain = [r["name"] for r in got if r["name"] not in unsure]
    assert certain == [name for name in expected if name not in unsure]


def test_filter_operators_and_empty_values(run):
    assert ids(as_json(run, "filter", "note~sagt opp")) == ["innoff", "eioff"]
    assert len(as_json(run, "filter", "host=", "status=active")) == 58 - 18 - 3
    assert ids(as_json(run, "filter", "kommune=")) == ["oyeblikkelighjelp-senger"]
    assert len(as_json(run, "filter", "parent=regionalt-helsesamarbeid")) == 6
    assert ids(as_json(run, "filter", "partner=OFK", "status!=active")) == ["innoff", "eioff"]


def test_count_by_form_matches_the_source_and_list(run):
    counts = {r["form"]: r["count"] for r in as_json(run, "count", "--by", "form")}
    assert counts == {
        "§ 28-1 b": 17,
        "Vedtak": 11,
        "AS": 9,
        "Uformelt": 7,
        "§ 27": 4,
        "IKS": 4,
        None: 4,
        "Avtale": 2,
    }
    for form, n in counts.items():
        assert len(as_json(run, "list", "--form", form or "none")) == n


def test_count_by_kommune_counts_each_member(run):
    counts = {r["members"]: r["count"] for r in as_json(run, "count", "--by", "kommune")}
    for name in CODES.values():
        assert counts[name] == len(as_json(run, "list", "--kommune", name))
    table = run("count", "--by", "kommune")
    assert "Total: 58 agreements" in table.stdout


def test_count_cross_table(run):
    records = as_json(run, "count", "--by", "kommune", "--by", "form")
    assert {"members", "form", "count"} == set(records[0])
    assert sum(r["count"] for r in records if r["members"] == "Øyer") == len(
        as_json(run, "list", "-k", "Øyer")
    )
    table = run("count", "--by", "kommune", "--by", "form").stdout
    assert "Total" in table.splitlines()[0] and "Gausdal" in table.splitlines()[0]


def test_hosts_and_hosts_for_a_municipality(run):
    records = as_json(run, "hosts")
    hosted = Counter(r[3] for r in ROWS if r[3])
    assert {r["host"]: len(r["agreements"]) for r in records} == hosted
    for_gausdal = as_json(run, "hosts", "--kommune", "Gausdal")
    assert "Gausdal" in {r["host"] for r in for_gausdal}
    assert all("Gausdal" in r["serves"] for r in for_gausdal)
    served = {a for r in for_gausdal for a in r["agreements"]}
    assert "felles-nav-kontor" in served and "fellesenhet-skatt" in served


def test_show_has_parent_and_sub_agreements(run):
    parent = as_json(run, "show", "regionalt-helsesamarbeid")
    assert len(parent["sub_agreements"]) == 6
    child = as_json(run, "show", "legevaktsamarbeid")
    assert child["parent"] == "regionalt-helsesamarbeid" and child["host"] == "Lillehammer"
    table = run("show", "legevaktsamarbeid").stdout
    assert "Regionalt helsesamarbeid" in table and "Parent" in table


def test_matrix_marks_are_the_x_marks(run):
    records = as_json(run, "matrix")
    assert len(records) == 58
    by_name = {r["name"]: r for r in records}
    for name, _, marks, *_ in ROWS:
        if marks != "??":
            assert {m for m, on in by_name[name]["members"].items() if on} == {
                CODES[c] for c in marks
            }, name


@pytest.mark.parametrize("args", COMMANDS)
def test_json_equals_the_query_layer(run, args):
    from ikscli.query import select as query
    from ikscli.query.nameindex import NameIndex
    from ikscli.reading.loader import load
    from ikscli.render import views

    index = NameIndex(load(DATA).dataset)
    got = as_json(run, *args)
    name = args[0]
    if name == "list":
        expected = views.agreements_output(
            index,
            query.select(index, query.Query([query.Condition("members", "=", "Øyer")])),
        ).records
    elif name == "filter":
        expected = views.agreements_output(
            index,
            query.select(index, query.Query([query.parse_expression(e) for e in args[1:]])),
        ).records
    elif name == "count":
        fields = [query.canonical(f) for f in args[2::2]]
        selected = query.select(index, query.Query())
        expected = views.count_output(fields, query.count(selected, fields), selected).records
    elif name == "hosts":
        conditions = [query.Condition("members", "=", "Øyer")] if len(args) > 1 else []
        expected = views.hosts_output(
            query.hosts(query.select(index, query.Query(conditions)))
        ).records
    elif name == "show":
        expected = views.show_output(index, index.agreement(args[1])).records
    else:
        expected = views.matrix_output(
            index,
            query.select(index, query.Query([query.Condition("category", "=", "Helse og omsorg")])),
        ).records
    assert got == json.loads(json.dumps(expected, ensure_ascii=False))


@pytest.mark.parametrize("args", COMMANDS)
def test_every_format_of_every_command(run, args):
    table = run(*args)
    assert table.exit_code == 0
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert "\x1b[" not in table.stdout
    plain = run(*args, "--format", "csv")
    rows = list(csv.reader(io.StringIO(plain.stdout)))
    assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
    excel = run(*args, "--excel")
    assert excel.stdout_bytes.startswith("\ufeff".encode()) and b"\r\n" in excel.stdout_bytes
    people = list(csv.reader(io.StringIO(excel.stdout[1:]), delimiter=";"))
    # the same table for people: members unsettled marked ?, yes for true, nothing for false
    assert people[0] == rows[0] and len(people) == len(rows)
    said = {"true": "yes", "false": ""}
    for mine, exact in zip(people[1:], rows[1:], strict=True):
        for key, shown, value in zip(rows[0], mine, exact, strict=True):
            if key == "members" and shown != value:
                assert shown == ", ".join(m + "?" for m in value.split(", ")), (key, shown)
            else:
                assert shown == said.get(value, value), (key, shown, value)
    markdown = run(*args, "--format", "markdown").stdout
    table_lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table_lines) >= 3 and table_lines[1].startswith("|---")
    assert len({line.count(" | ") for line in table_lines[2:]}) == 1


def test_no_colour_when_no_color_is_set_or_under_ci(run):
    for env in ({"NO_COLOR": "1"}, {"CI": "true"}):
        assert "\x1b[" not in run("list", env=env).stdout


def test_markup_in_the_data_is_printed_as_text(run, dataset_text, write):
    path = write(dataset_text.replace("name: Regionråd\n", "name: '[bold]Regionråd[/bold]'\n"))
    result = run("list", "--data", str(path), "--limit", "1")
    assert "[bold]Regionråd[/bold]" in result.stdout.replace("\n", "")


def _every_command() -> list[list[str]]:
    from ikscli.cli.app import COMMANDS

    commands = [[name] for name in COMMANDS if name not in ("cache", "export")]  # groups
    return commands + [["cache", "info"], ["cache", "clear"], ["export", "sqlite"]]


@pytest.mark.parametrize("command", _every_command(), ids=" ".join)
def test_every_command_has_help_with_an_example(run, command):
    result = run(*command, "--help", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "Example: ikscli " + " ".join(command) in " ".join(result.stdout.split())
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "Example: ikscli" in line)
    assert not lines[at + 1].strip(), "the example must stay on one line at 80 columns"
