"""The Python API and the data ecosystem: each query through the command line and
through the API, which must agree; ndjson, tsv, --columns, any-of, regex, several sort
keys, and the SQLite export."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sqlite3
import subprocess
import sys

import pytest
from cli import DATA, environment, ikscli

import ikscli as api


def cli_json(tmp_path, *args):
    done = ikscli(*args, "-f", "json", cwd=tmp_path, cache=tmp_path / "c")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def data():
    return api.load(DATA)


SELECTIONS = [
    ({"kommune": "Øyer"}, ["list", "--kommune", "Øyer"]),
    ({"kommune": ["Gausdal", "Øyer kommune"]}, ["list", "-k", "Gausdal", "-k", "Øyer kommune"]),
    ({"party": "Ringebu"}, ["list", "--party", "Ringebu"]),
    (
        {"host": "Lillehammer", "form": "§ 28-1 b"},
        ["list", "--host", "Lillehammer", "--form", "§ 28-1 b"],
    ),
    (
        {"category": "helse", "status": "aktiv"},
        ["list", "--category", "helse", "--status", "aktiv"],
    ),
    ({"search": "vertskommune"}, ["list", "--search", "vertskommune"]),
    ({"where": "host=Gausdal|Øyer"}, ["filter", "host=Gausdal|Øyer"]),
    (
        {"where": ["kommune=Gausdal", "kommune!=Øyer"]},
        ["filter", "kommune=Gausdal", "kommune!=Øyer"],
    ),
    ({"sort": "host,name", "limit": 5}, ["list", "--sort", "host,name", "--limit", "5"]),
]


@pytest.mark.parametrize(("filters", "args"), SELECTIONS, ids=lambda v: str(v)[:30])
def test_select_is_what_the_command_line_lists(tmp_path, data, filters, args):
    expected = cli_json(tmp_path, *args)
    assert [a.as_dict() for a in data.select(**filters)] == expected
    assert expected  # each selection finds something


@pytest.mark.parametrize("by", ["form", "kommune", ["members", "form"], "status"])
def test_count_is_what_count_prints(tmp_path, data, by):
    fields = [by] if isinstance(by, str) else by
    args = [x for f in fields for x in ("--by", f)]
    assert data.count(by=by) == cli_json(tmp_path, "count", *args)
    assert data.count(by=by, status="active") == cli_json(
        tmp_path, "count", *args, "--status", "active"
    )


def test_hosts_and_get(tmp_path, data):
    assert data.hosts() == cli_json(tmp_path, "hosts")
    assert data.hosts(kommune="Øyer") == cli_json(tmp_path, "hosts", "--kommune", "Øyer")
    shown = cli_json(tmp_path, "show", "Borgerlig vigsel")
    shown.pop("sub_agreements")
    assert data.get("Borgerlig vigsel").as_dict() == shown
    with pytest.raises(KeyError, match="did you mean 'felles-nav-kontor'"):
        data.get("nav")


def test_load_takes_the_command_lines_file_and_writes_nothing(tmp_path, monkeypatch):
    copy = tmp_path / "mine.yaml"
    copy.write_text(
        DATA.read_text(encoding="utf-8").replace("name: Regionråd\n", "name: Regionrådet\n"),
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("IKSCLI_DATA", str(copy))
    loaded = api.load()
    assert loaded.get("regionrad").name == "Regionrådet"
    assert not cache.exists()  # no cache written by default
    api.load(copy, cache=True)
    assert any(cache.rglob("*.bin"))


def test_an_invalid_file_raises_data_error_with_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DATA.read_text(encoding="utf-8").replace("host:", "hots:", 1), "utf-8")
    with pytest.raises(api.DataError) as caught:
        api.load(bad)
    problem = caught.value.problems[0]
    line = DATA.read_text(encoding="utf-8").split("host:", 1)[0].count("\n") + 1
    assert (problem.severity, problem.line, problem.column) == ("error", line, 5)
    assert problem.file.endswith("bad.yaml") and "unknown key 'hots'" in problem.message
    with pytest.raises(api.DataError, match="no such file"):
        api.load(tmp_path / "missing.yaml")


def test_the_api_is_exported_and_typed():
    assert set(api.__all__) >= {"load", "Dataset", "Agreement", "DataError", "Problem"}
    assert all(getattr(api, name) is not None for name in api.__all__)
    assert (DATA.parent.parent / "ikscli" / "py.typed").exists()
    with pytest.raises(AttributeError):
        api.nothing_here  # noqa: B018


def test_a_notebook_completes_and_shows_the_api(tmp_path):
    """Jupyter completes from dir(); a repr is one line; the HTML view is a short table."""
    code = (
        "import ikscli; names = dir(ikscli); "
        "print(all(n in names for n in ikscli.__all__), 'ikscli.api' in __import__('sys').modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment(tmp_path)
    )
    assert done.stdout == "True False\n"  # completion needs no import of the API
    import ikscli

    assert {"load", "Dataset", "QueryError", "DataError"} <= set(dir(ikscli))
    data = ikscli.load(DATA)
    shown = repr(data)
    assert "\n" not in shown and len(shown) < 120 and "58 agreements" in shown
    page = data._repr_html_()
    assert page.count("<tr>") == 11 and "… 48 more" in page
    with pytest.raises(ikscli.QueryError):
        data.select(where="nosuchfield=1")


def test_records_and_pandas_are_the_json(tmp_path, data):
    records = data.to_records()
    assert records == cli_json(tmp_path, "list")
    records[0]["members"].append("X")  # a copy: the loaded data is untouched
    assert "X" not in data.agreements[0].members and data.to_records()[0] != records[0]
    with pytest.raises(TypeError, match="read-only"):  # and cannot be changed by accident
        data.agreements[0].members.append("X")
    with pytest.raises(TypeError):
        data.select(kommune="Øyer")[0].partners[0] = "X"
    assert list(data.agreements[0].members) + ["X"] != data.agreements[0].members  # a copy can
    pandas = pytest.importorskip("pandas")
    frame = data.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and list(frame["id"]) == [a.id for a in data]


def test_the_api_in_a_fresh_interpreter_is_quick_to_import(tmp_path):
    code = "import ikscli, sys; print('ikscli.api' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment(tmp_path)
    )
    assert done.stdout == "False\n"  # `import ikscli` alone loads no API (the CLI does not pay)


# --- formats and selections -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "-k", "Øyer", "-c", "id,members"], ["hosts"], ["count", "--by", "form"]],
)
def test_ndjson_is_the_json_array_one_object_a_line(tmp_path, args):
    array = cli_json(tmp_path, *args)
    done = ikscli(*args, "-f", "ndjson", cwd=tmp_path, cache=tmp_path / "c")
    lines = done.stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == array
    assert done.stdout.endswith(b"\n") and not any(line.startswith((" ", "[")) for line in lines)


def test_ndjson_of_show_is_one_line(tmp_path):
    done = ikscli("show", "eioff", "-f", "ndjson", cwd=tmp_path, cache=tmp_path / "c")
    assert len(done.stdout.splitlines()) == 1 and json.loads(done.stdout)["id"] == "eioff"


def test_tsv_has_the_csv_cells(tmp_path):
    tsv = ikscli("list", "-f", "tsv", cwd=tmp_path, cache=tmp_path / "c").stdout.decode()
    plain = ikscli("list", "-f", "csv", cwd=tmp_path, cache=tmp_path / "c").stdout.decode()
    assert list(csv.reader(io.StringIO(tsv), delimiter="\t")) == list(
        csv.reader(io.StringIO(plain))
    )
    assert "\r" not in tsv and tsv.splitlines()[0].startswith("id\tname\tcategory")


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv", "tsv", "markdown", "table"])
def test_columns_choose_the_fields_in_every_format(tmp_path, fmt):
    args = ["filter", "status=terminated", "-c", "id,kommune,status", "-f", fmt]
    out = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c").stdout.decode()
    if fmt == "json":
        assert [list(r) for r in json.loads(out)] == [["id", "members", "status"]] * 2
    elif fmt == "ndjson":
        assert [list(json.loads(line)) for line in out.splitlines()] == [
            ["id", "members", "status"]
        ] * 2
    elif fmt in ("csv", "tsv"):
        assert out.splitlines()[0] == (
            "id,members,status" if fmt == "csv" else "id\tmembers\tstatus"
        )
        assert "Gausdal, Lillehammer\t" in out or '"Gausdal, Lillehammer"' in out
        assert "?" not in out  # for programs: the names exact (members_basis says the rest)
    elif fmt == "markdown":
        assert out.startswith("| ID | Members | Status |")
    else:
        assert out.splitlines()[0].split() == ["ID", "Members", "Status"]
    show = ikscli(
        "show", "eioff", "-c", "name,status", "-f", "json", cwd=tmp_path, cache=tmp_path / "c"
    )
    assert list(json.loads(show.stdout)) == ["name", "status"]


def test_unknown_columns_and_bad_patterns_are_usage_errors(tmp_path):
    for args, message in (
        (["list", "-c", "id,hots"], "Error: unknown field 'hots' (did you mean 'host'"),
        (["filter", "name~/[/"], "Error: /[/ is not a valid regular expression"),
        (["list", "--sort", "host,nme"], "Error: cannot sort by 'nme'"),
    ):
        done = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c")
        assert done.returncode == 2 and done.stderr.decode().startswith(message), args


def test_any_of_and_none_of(data):
    either = {a.id for a in data.select(where="host=Gausdal|Øyer kommune")}
    assert either == {a.id for a in data.select(host="Gausdal")} | {
        a.id for a in data.select(host="Øyer")
    }
    neither = {a.id for a in data.select(where="host!=Gausdal|Øyer")}
    assert neither == {a.id for a in data} - either


def test_regex_is_case_blind_and_contains_is_too(data):
    pattern = sorted(a.id for a in data.select(where="name~/^FELLES (nav|110)/"))
    assert pattern == ["felles-110-sentral", "felles-nav-kontor"]
    assert {a.id for a in data.select(where="note~VERTSKOMMUNE")} == {
        a.id for a in data if a.note and "vertskommune" in a.note.lower()
    }


def test_a_pattern_that_backtracks_without_end_is_stopped(tmp_path):
    slow = tmp_path / "slow.yaml"
    text = DATA.read_text(encoding="utf-8").replace(
        "note: Med Oppland fylkeskommune", "note: " + "a" * 40 + "!", 1
    )
    slow.write_text(text, encoding="utf-8")
    import time

    started = time.monotonic()
    done = ikscli(
        "filter", "note~/^(a|aa)+$/", "--data", str(slow), cwd=tmp_path, cache=tmp_path / "c"
    )
    assert time.monotonic() - started < 10
    assert done.returncode == 2 and b"took more than 2.0 s" in done.stderr


def test_sort_on_several_keys(data, tmp_path):
    rows = cli_json(tmp_path, "list", "--sort", "host,name")
    from ikscli.text.names import sort_key

    hosted = [(r["host"], r["name"]) for r in rows if r["host"]]
    assert hosted == sorted(hosted, key=lambda hn: (sort_key(hn[0]), sort_key(hn[1])))
    assert rows[-1]["host"] is None  # no host last


# --- SQLite --------------------------------------------------------------------------------


def test_export_sqlite_agrees_with_the_command_line(tmp_path, data):
    db = tmp_path / "samarbeid.db"
    done = ikscli("export", "sqlite", str(db), cwd=tmp_path, cache=tmp_path / "c")
    assert done.returncode == 0 and done.stderr.decode() == f"{db}: 58 agreements\n"
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    count = {r["members"]: r["count"] for r in cli_json(tmp_path, "count", "--by", "kommune")}
    per = connection.execute("SELECT kommune, agreements FROM agreements_per_kommune").fetchall()
    assert dict(per) == {k: v for k, v in count.items() if k is not None}
    assert connection.execute("SELECT count(*) FROM agreements").fetchone()[0] == len(data)
    assert connection.execute("SELECT count(*) FROM partners").fetchone()[0] == sum(
        len(a.partners) for a in data
    )
    hosted = sum(len(h["agreements"]) for h in cli_json(tmp_path, "hosts"))
    assert connection.execute("SELECT count(*) FROM hosts").fetchone()[0] == hosted
    numbers = dict(connection.execute("SELECT name, number_2019 FROM parties").fetchall())
    assert numbers["Lillehammer"] == "0501"  # text, with its zero
    uncertain = connection.execute(
        "SELECT count(DISTINCT agreement_id) FROM members WHERE basis = 'uncertain'"
    ).fetchone()[0]
    assert uncertain == len(data.select(where="members_basis=uncertain"))
    indexes = {
        r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='index'")
    }
    assert {"members_kommune", "partners_party", "agreements_host"} <= indexes
    parents = connection.execute("SELECT count(*) FROM agreements WHERE parent IS NOT NULL")
    assert parents.fetchone()[0] == 6


@pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None, reason="datasette is not installed"
)
def test_datasette_opens_the_export(tmp_path):
    db = tmp_path / "samarbeid.db"
    ikscli("export", "sqlite", str(db), cwd=tmp_path, cache=tmp_path / "c")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "datasette",
            str(db),
            "--get",
            "/samarbeid/agreements_per_kommune.json?_shape=array",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    rows = json.loads(done.stdout)
    assert {r["kommune"] for r in rows} == {"Gausdal", "Lillehammer", "Øyer"}


def test_the_python_guide_runs_as_written(monkeypatch):
    import doctest
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    failed, tried = doctest.testfile(str(root / "docs" / "python.md"), module_relative=False)
    assert (failed, tried > 5) == (0, True)
