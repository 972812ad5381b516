"""Open data that keeps its meaning: what researchers' tools read back is the dataset,
value for value (issue 22). Each client is tested where it is installed (datasette,
duckdb, frictionless, pandas are in the test extra); the checks that need none always
run.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import sqlite3

import pytest
from cli import DATA, ikscli

from ikscli import load

DATASET = load(DATA)


def run(tmp_path, *args, code=0):
    result = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == code, result.stderr.decode()
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def exact(value) -> str:
    """A JSON value as the formats for programs write it in a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


# --- 1. exports for programs never alter a value ---------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_plain_tables_hold_the_values_of_the_json_exactly(tmp_path, fmt):
    records = json.loads(run(tmp_path, "list", "-f", "json")[0])
    text = run(tmp_path, "list", "-f", fmt)[0]
    rows = list(csv.DictReader(io.StringIO(text), delimiter="," if fmt == "csv" else "\t"))
    assert len(rows) == len(records) == len(DATASET.agreements)
    for record, row in zip(records, rows, strict=True):
        assert {k: row[k] for k in record} == {k: exact(v) for k, v in record.items()}
    # a researcher who splits the column counts the municipalities of the file
    named = {m for row in rows for m in row["members"].split(", ") if m}
    assert named <= {p.name for p in DATASET.parties}
    assert {row["form_inferred"] for row in rows} == {"true", "false"}
    unsure = {row["id"] for row in rows if row["members_basis"] == "uncertain"}
    assert unsure == {a.id for a in DATASET.agreements if a.members_basis == "uncertain"}


def test_the_formats_for_people_mark_what_the_source_does_not_settle(tmp_path):
    excel = run(tmp_path, "list", "--excel")[0].lstrip("\ufeff")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(excel), delimiter=";")}
    for a in DATASET.agreements:
        names = [n for n in rows[a.id]["members"].split(", ") if n]
        if a.members_basis == "uncertain":
            assert names == [m + "?" for m in a.members]
        else:
            assert names == a.members
    table = run(tmp_path, "list")[0]
    assert "marked ?" in table  # and says what the mark means


# --- 2. SQLite for datasette and DuckDB -------------------------------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("db")
    run(folder, "export", "sqlite", "samarbeid.db", "--metadata", "metadata.json")
    return folder / "samarbeid.db", folder / "metadata.json"


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def test_the_database_carries_the_files_meta_and_who_takes_part(database):
    connection = sqlite3.connect(database[0])
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    assert meta["title"] == DATASET.meta.title and meta["source"] == DATASET.meta.source
    assert meta["as_of"] == DATASET.meta.as_of.isoformat()
    assert meta["region"] == DATASET.meta.region
    members = dict(connection.execute("SELECT id, members FROM agreements"))
    assert members == {a.id: ", ".join(a.members) for a in DATASET.agreements}
    unsure = {i for (i,) in connection.execute("SELECT agreement_id FROM members WHERE uncertain")}
    assert unsure == {
        a.id for a in DATASET.agreements if a.members_basis == "uncertain" and a.members
    }


def test_full_text_search_finds_every_agreement_that_names_the_word(database):
    connection = sqlite3.connect(database[0])
    found = {
        i
        for (i,) in connection.execute(
            "SELECT a.id FROM agreements_fts JOIN agreements a ON a.rowid = agreements_fts.rowid "
            "WHERE agreements_fts MATCH 'vertskommune'"
        )
    }
    expected = {
        a.id
        for a in DATASET.agreements
        if "vertskommune" in _words(a.name) | _words(a.note) | _words(a.category)
    }
    assert found == expected and len(expected) > 10


def test_the_metadata_describes_every_table_and_column_of_the_database(database):
    connection = sqlite3.connect(database[0])
    described = json.loads(database[1].read_text(encoding="utf-8"))
    assert described["title"] == DATASET.meta.title
    tables = described["databases"]["samarbeid"]["tables"]
    names = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    real = [n for n in names if not n.startswith("agreements_fts")]
    assert set(real) <= set(tables)
    for table in ("agreements", "members", "partners", "parties", "categories"):
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        assert set(columns) == set(tables[table]["columns"]), table
    assert tables["agreements"]["facets"] == ["form", "category", "status", "host"]
    assert tables["agreements"]["sort"] == "position"


def test_datasette_finds_the_search_and_the_metadata(database):
    datasette = pytest.importorskip("datasette.app")
    path, metadata = database
    app = datasette.Datasette(
        [str(path)], metadata=json.loads(metadata.read_text(encoding="utf-8"))
    )

    async def get(url: str):
        response = await app.client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        return response.json()

    rows = asyncio.run(
        get("/samarbeid/agreements.json?_search=vertskommune&_shape=array&_size=max")
    )
    connection = sqlite3.connect(path)
    (count,) = connection.execute(
        "SELECT count(*) FROM agreements_fts WHERE agreements_fts MATCH 'vertskommune'"
    ).fetchone()
    assert len(rows) == count and all("members" in r for r in rows)
    assert asyncio.run(get("/-/metadata.json"))["title"] == DATASET.meta.title


def _count_by_kommune(tmp_path) -> dict[str, int]:
    counted = json.loads(run(tmp_path, "count", "--by", "kommune", "-f", "json")[0])
    # an agreement without members counts under null there, and has no row to unnest here
    return {r["members"]: r["count"] for r in counted if r["members"] is not None}


def test_duckdb_answers_agreements_per_municipality_as_count_does(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    (tmp_path / "s.ndjson").write_text(run(tmp_path, "list", "-f", "ndjson")[0], encoding="utf-8")
    (tmp_path / "s.csv").write_text(run(tmp_path, "list", "-f", "csv")[0], encoding="utf-8")
    expected = _count_by_kommune(tmp_path)
    from_json = dict(
        duckdb.sql(
            f"SELECT m, count(*) FROM (SELECT unnest(members) AS m FROM "
            f"read_json_auto('{tmp_path / 's.ndjson'}')) GROUP BY m"
        ).fetchall()
    )
    from_csv = dict(
        duckdb.sql(
            f"SELECT m, count(*) FROM (SELECT unnest(string_split(members, ', ')) AS m FROM "
            f"read_csv('{tmp_path / 's.csv'}', all_varchar=true) WHERE members <> '') GROUP BY m"
        ).fetchall()
    )
    assert from_json == from_csv == expected


def test_the_duckdb_routes_the_docs_show_answer_as_count_does(tmp_path, monkeypatch):
    """docs/open-data.md's Python block, run as it stands."""
    pytest.importorskip("duckdb")
    from cli import ROOT

    page = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", page, re.S)
    (tmp_path / "samarbeid.ndjson").write_text(run(tmp_path, "list", "-f", "ndjson")[0], "utf-8")
    (tmp_path / "samarbeid.csv").write_text(run(tmp_path, "list", "-f", "csv")[0], "utf-8")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(code, "docs/open-data.md", "exec"), names)
    expected = _count_by_kommune(tmp_path)
    assert dict(names["by_json"].fetchall()) == dict(names["by_csv"].fetchall()) == expected


# --- 3. a Frictionless data package -----------------------------------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pkg")
    _out, err = run(folder, "export", "datapackage", "samarbeid")
    assert "datapackage.json" in err
    return folder / "samarbeid"


def _resource(package, name: str) -> list[dict[str, str]]:
    text = (package / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_descriptor_describes_the_csvs_it_names(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == DATASET.meta.title
    assert descriptor["sources"] == [{"title": DATASET.meta.source}]
    assert re.fullmatch(r"[a-z0-9._-]+", descriptor["name"])
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == {
        "agreements",
        "members",
        "partners",
        "shares",
        "parties",
        "categories",
    }
    rows = {name: _resource(package, name) for name in resources}
    for name, resource in resources.items():
        fields = [f["name"] for f in resource["schema"]["fields"]]
        header = (package / resource["path"]).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == fields, name
        for field in resource["schema"]["fields"]:
            values = [r[field["name"]] for r in rows[name]]
            constraints = field.get("constraints", {})
            if constraints.get("required"):
                assert all(values), (name, field["name"])
            if "enum" in constraints:
                assert {v for v in values if v} <= set(constraints["enum"])
            if field["type"] == "boolean":
                assert set(values) <= {"true", "false"}
            if field["type"] == "integer":
                assert all(v.isdigit() for v in values)
        key = resource["schema"]["primaryKey"]
        assert len({tuple(r[k] for k in key) for r in rows[name]}) == len(rows[name])
        for foreign in resource["schema"].get("foreignKeys", []):
            target = foreign["reference"]["resource"] or name
            known = {r[foreign["reference"]["fields"]] for r in rows[target]}
            used = {r[foreign["fields"]] for r in rows[name] if r[foreign["fields"]]}
            assert used <= known, (name, foreign)


def test_the_package_holds_the_dataset_value_for_value(package):
    agreements = _resource(package, "agreements")
    assert [r["id"] for r in agreements] == [a.id for a in DATASET.agreements]
    for row, a in zip(agreements, DATASET.agreements, strict=True):
        record = a.as_dict()
        for key in row:
            if key in record:
                assert row[key] == exact(record[key]), (a.id, key)
    members = {(r["agreement_id"], r["kommune"]) for r in _resource(package, "members")}
    assert members == {(a.id, m) for a in DATASET.agreements for m in a.members}
    partners = {(r["agreement_id"], r["party"]) for r in _resource(package, "partners")}
    assert partners == {(a.id, p) for a in DATASET.agreements for p in a.partners}
    assert [r["name"] for r in _resource(package, "categories")] == list(DATASET.categories)


def test_frictionless_finds_the_package_valid(package):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_pandas_reads_the_package_with_its_types(package):
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(package / "agreements.csv", keep_default_na=False, dtype=str)
    assert list(frame["id"]) == [a.id for a in DATASET.agreements]
    assert set(frame["form_inferred"]) == {"true", "false"}


def test_a_data_package_is_a_folder_not_standard_output(tmp_path):
    _out, err = run(tmp_path, "export", "datapackage", "-", code=2)
    assert err.count("\n") == 1 and "OUT_DIR" in err


# --- the workbook for people -------------------------------------------------------------


def test_a_workbook_prints_on_a4_says_what_it_is_and_offers_the_closed_sets(tmp_path):
    import shutil

    openpyxl = pytest.importorskip("openpyxl")
    data = tmp_path / "s.yaml"
    shutil.copy(DATA, data)
    env = {"IKSCLI_LANG": "nb"}
    result = ikscli(
        "list", "-f", "xlsx", "-o", "l.xlsx", "--data", str(data), cwd=tmp_path,
        cache=tmp_path / "c", env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "l.xlsx")
    shown = [s.title for s in book.worksheets if s.sheet_state == "visible"]
    assert shown == ["Samarbeid", "Om dataene"]
    assert book.properties.title == DATASET.meta.title and "ikscli" in book.properties.creator
    about = {r[0].value: r[1].value for r in book["Om dataene"].iter_rows()}
    assert about["Kilde"] == DATASET.meta.source and about["Per dato"] == "01.01.2019"
    assert "?" in about
    sheet = book["Samarbeid"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"
    header = [c.value for c in sheet[1]]
    note = header.index("Merknad") + 1
    assert all(sheet.cell(r, note).alignment.wrap_text for r in range(2, sheet.max_row + 1))
    lists = book["lister"]
    offered = {}
    for check in sheet.data_validations.dataValidation:
        letters = re.findall(r"\$([A-Z]+)\$", check.formula1)
        column = openpyxl.utils.column_index_from_string(letters[0])
        values = [c.value for (c,) in lists.iter_rows(min_row=2, min_col=column, max_col=column)]
        target = openpyxl.utils.column_index_from_string(
            re.match(r"[A-Z]+", str(check.sqref)).group()
        )
        offered[header[target - 1]] = [v for v in values if v is not None]
    assert offered["Status"] == ["aktiv", "sagt opp", "planlagt"]
    assert offered["Kategori"] == list(DATASET.categories)
    assert offered["Vertskommune"] == [p.name for p in DATASET.parties]
    assert "§ 28-1 b" in offered["Form"] and "usikkert" in offered["Medlemmer fastsatt ved"]
    # and it comes back as it went: nothing to change, the notes sheet not read as data
    result = ikscli(
        "import", "l.xlsx", "--into", str(data), cwd=tmp_path, cache=tmp_path / "c", env=env
    )
    assert result.returncode == 0 and b"ingenting \xc3\xa5 endre" in result.stderr
    assert b"ikke lest" not in result.stderr


# --- 4. the JSON Schema people's tools read -------------------------------------------


@pytest.fixture(scope="module")
def schema():
    from cli import ROOT

    return json.loads((ROOT / "schema" / "samarbeid.schema.json").read_text(encoding="utf-8"))


def test_every_property_is_described_and_every_closed_set_titled(schema):
    assert schema["$id"].startswith("urn:ikscli:")
    places = [("", schema)] + list(schema["definitions"].items())
    for name, node in places:
        for key, prop in node["properties"].items():
            assert " — " in prop.get("description", ""), (name, key)  # bokmål — English
    text = json.dumps(schema)
    assert '"enum"' not in text  # each closed set is a oneOf of titled constants
    status = schema["definitions"]["Agreement"]["properties"]["status"]["oneOf"]
    assert [s["const"] for s in status] == ["active", "terminated", "planned"]
    assert all(s["title"] for s in status)


def test_a_researcher_checks_the_file_with_pyyaml_and_jsonschema(schema, tmp_path):
    """yaml.safe_load reads YAML 1.1, where a bare 2019-01-01 is a date: the file quotes
    its date, so it is the text the schema asks for."""
    import yaml
    from cli import EXAMPLE

    jsonschema = pytest.importorskip("jsonschema")
    for path in (DATA, EXAMPLE):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    bad["agreements"][0]["status"] = "ferdig"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    # and a snapshot writes its date so too
    run(tmp_path, "snapshot", "--as-of", "2020-01-01", "-o", "s.yaml", "--data", str(DATA))
    jsonschema.validate(yaml.safe_load((tmp_path / "s.yaml").read_text("utf-8")), schema)


def test_schema_path_names_the_schema_and_a_snapshot_elsewhere_still_finds_it(tmp_path):
    from pathlib import Path

    shipped = Path(run(tmp_path, "schema", "--path")[0].strip())
    assert shipped.read_text(encoding="utf-8") == run(tmp_path, "schema")[0]
    (tmp_path / "far" / "away").mkdir(parents=True)
    run(tmp_path, "snapshot", "--as-of", "2020-01-01", "-o", "far/away/s.yaml", "--data", str(DATA))
    first = (tmp_path / "far" / "away" / "s.yaml").read_text("utf-8").splitlines()[0]
    named = first.removeprefix("# yaml-language-server: $schema=")
    assert named != first and (tmp_path / "far" / "away" / named).resolve() == shipped.resolve()
