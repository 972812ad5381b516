"""Keeping the register: fmt, set, add, end and remove on copies of the real file,
run as the register's keeper runs them."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from cli import DATA, ROOT, environment, ikscli


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "samarbeid.yaml"
    path.write_bytes(DATA.read_bytes())
    return path


def run(path, *args, stdin: bytes | None = None):
    if stdin is not None:
        done = subprocess.run(
            [sys.executable, "-m", "ikscli", *args],
            input=stdin,
            capture_output=True,
            cwd=path.parent,
            env=environment(path.parent / "cache"),
        )
    else:
        done = ikscli(*args, cwd=path.parent, cache=path.parent / "cache")
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def records(path) -> dict[str, dict]:
    _code, out, _err = run(path, "list", "-f", "json", "--data", str(path))
    return {r["id"]: r for r in json.loads(out)}


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


# --- fmt -----------------------------------------------------------------------------


def test_the_shipped_files_are_canonical():
    done = ikscli("fmt", "--check", cwd=ROOT, cache=ROOT / ".pytest_cache" / "fmt")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().endswith("0 of 2 files would be reformatted\n")


MESSY = """\
# header comment: kept
agreements:
  # about alpha
  - name: Alpha
    id: alpha
    members:
      - Gausdal
      - Øyer
    note: 'plain text'
    others: "yes"
  - id: beta
    name: Beta   # an inline comment
    partners: [Hamar]


  - id: gamma
    name: Gamma
    note: "2019-01-01"
categories: [Helse]
meta:
  source: S
  as_of: 2019-01-01
  title: T
parties:
  - kind: kommune
    name: Gausdal
    region: true
    number_2019: '0522'
    number_2020: "3441"
  - {name: Øyer, kind: kommune, region: true, number_2019: "0521", number_2020: "3440"}
  - {name: Hamar, kind: kommune, number_2019: "0403", number_2020: "3403"}
"""


def test_fmt_writes_the_canonical_form_and_keeps_meaning_and_comments(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MESSY, encoding="utf-8")
    code, _out, err = run(path, "fmt", "--check", str(path))
    assert code == 1 and "would reformat m.yaml" in err
    assert path.read_text(encoding="utf-8") == MESSY  # --check writes nothing
    code, _out, err = run(path, "fmt", str(path))
    assert code == 0 and "reformatted m.yaml" in err
    text = path.read_text(encoding="utf-8")
    assert comments(text) == comments(MESSY)
    assert list(re.findall(r"^(\w+):", text, re.M)) == [
        "meta",
        "parties",
        "categories",
        "agreements",
    ]
    assert "  - id: alpha\n    name: Alpha\n    members: [Gausdal, Øyer]\n" in text
    assert 'others: "yes"' in text and "note: plain text" in text  # quotes only where needed
    assert 'note: "2019-01-01"' in text and 'number_2019: "0522"' in text
    assert "\n\n\n" not in text and "    partners: [Hamar]\n\n  - id: gamma" in text
    original = tmp_path / "original.yaml"
    original.write_text(MESSY, encoding="utf-8")
    code, out, _err = run(path, "diff", str(original), str(path), "-f", "json")
    assert (code, json.loads(out)) == (0, [])  # the same data
    assert run(path, "fmt", "--check", str(path))[0] == 0  # canonical is a fixed point


def test_fmt_keeps_crlf_and_bom(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode("utf-8"))
    assert run(path, "fmt", str(path))[0] == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")


def test_fmt_refuses_an_invalid_file_and_leaves_it(tmp_path):
    path = tmp_path / "bad.yaml"
    bad = MESSY.replace("name: Gamma", "name: Gamma\n    hots: Gausdal")
    path.write_text(bad, encoding="utf-8")
    code, _out, err = run(path, "fmt", str(path))
    assert code == 1 and "unknown key 'hots'" in err and "not formatted" in err
    assert path.read_text(encoding="utf-8") == bad


# --- set, add, end, remove ----------------------------------------------------------------


def changed_lines(before: str, after: str) -> list[str]:
    import difflib

    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def test_set_changes_only_its_record_and_reads_names_as_people_write_them(copy):
    before = copy.read_text(encoding="utf-8")
    code, _out, err = run(
        copy,
        "set",
        "felles nav-KONTOR",  # the whole name, as people write it
        "host=Gausdal kommune",
        "members=521, Lillehammer",
        "note=Gausdal vertskommune",
        "--data",
        str(copy),
    )
    assert code == 0 and err == (
        "samarbeid.yaml: changed felles-nav-kontor\n"
        "  host: Lillehammer → Gausdal\n"
        "  members: Gausdal, Lillehammer → Øyer, Lillehammer\n"
        "  note: Lillehammer vertskommune → Gausdal vertskommune\n"
    )
    after = copy.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-    members: [Gausdal, Lillehammer]",
        "+    members: [Øyer, Lillehammer]",
        "-    host: Lillehammer",
        "-    note: Lillehammer vertskommune",
        "+    host: Gausdal",
        "+    note: Gausdal vertskommune",
    ]
    assert comments(after) == comments(before)
    nav = records(copy)["felles-nav-kontor"]
    assert (nav["host"], nav["members"]) == ("Gausdal", ["Øyer", "Lillehammer"])


def test_set_with_an_empty_value_removes_the_field(copy):
    assert run(copy, "set", "felles-nav-kontor", "note=", "--data", str(copy))[0] == 0
    assert records(copy)["felles-nav-kontor"]["note"] is None


def test_an_edit_that_would_break_the_file_leaves_it_byte_for_byte(copy):
    raw = copy.read_bytes()
    for args in (
        ["set", "felles-nav-kontor", "members_basis=source"],  # its evidence needs a basis
        ["set", "legevaktsamarbeid", "form=§ 28-1 b", "host="],  # § 28-1 b needs a host
        ["remove", "regionalt-helsesamarbeid"],  # six sub-agreements name it as parent
        ["add", "Ny_ID", "name=Ny"],  # not a slug
    ):
        code, out, err = run(copy, *args, "--data", str(copy))
        assert code == 1, (args, err)
        lines = err.splitlines()
        assert lines[-1] == "samarbeid.yaml is left as it was: the change would make it invalid"
        assert all(re.match(r"^samarbeid\.yaml:\d+:\d+: error: ", line) for line in lines[:-1])
        assert out == "" and copy.read_bytes() == raw, args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["set", "felles-nav-kontor", "hots=Gausdal"],
            "Error: unknown field 'hots' (did you mean 'host'",
        ),
        (
            ["set", "nav", "host=Gausdal"],
            "Error: no agreement has the id or name 'nav'; a change needs the exact id or name "
            "(did you mean felles-nav-kontor?)",
        ),
        (
            ["remove", "eid"],  # a prefix finds one agreement for a query, never for a change
            "Error: no agreement has the id or name 'eid'; a change needs the exact id or name "
            "(did you mean eidsiva-energi?)",
        ),
        (
            ["add", "ny6", "name=X", "id=other"],
            "Error: the new agreement's id is 'ny6'; id='other' says another: give it once",
        ),
        (
            ["set", "felles-nav-kontor", "host=Gausdl"],
            "Error: host: unknown municipality or party 'Gausdl'",
        ),
        (["set", "felles-nav-kontor", "name="], "Error: name cannot be empty"),
        (
            ["set", "felles-nav-kontor", "form_inferred=kanskje"],
            "Error: form_inferred: 'kanskje' is not yes or no",
        ),
        (["add", "regionrad", "name=X"], "Error: agreement 'regionrad' exists already"),
        (["add", "ny", "members=Øyer"], "Error: a new agreement needs a name"),
        (["set", "felles-nav-kontor", "host"], "Error: cannot read 'host': write FIELD=VALUE"),
    ],
)
def test_wrong_usage_is_one_line_and_exit_2(copy, args, message):
    raw = copy.read_bytes()
    code, _out, err = run(copy, *args, "--data", str(copy))
    assert code == 2 and err.startswith(message) and len(err.splitlines()) == 1, err
    assert copy.read_bytes() == raw


def test_dry_run_says_the_change_and_writes_nothing(copy):
    raw = copy.read_bytes()
    code, out, err = run(copy, "end", "giax", "--dry-run", "--data", str(copy))
    assert code == 0 and copy.read_bytes() == raw
    assert out == "changed giax\n  status: active → terminated\n"
    assert err == "samarbeid.yaml: nothing was written (--dry-run)\n"
    code, out, _err = run(copy, "end", "giax", "--dry-run", "--diff", "--data", str(copy))
    assert code == 0 and copy.read_bytes() == raw
    assert out.startswith(
        "changed giax\n  status: active → terminated\n--- a/samarbeid.yaml\n+++ b/samarbeid.yaml\n@@ "
    )
    assert [
        line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")
    ] == ["+    status: terminated"]


def test_add_places_the_agreement_in_its_category(copy):
    before = copy.read_text(encoding="utf-8")
    code, _out, err = run(
        copy,
        "add",
        "felles-psykolog",
        "name=Felles psykolog",
        "category=helse",
        "form=iks",
        "members=Gausdal, Øyer kommune",
        "--data",
        str(copy),
    )
    assert code == 0, err
    after = copy.read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    ids = list(records(copy))
    helse = [i for i, r in records(copy).items() if r["category"] == "Helse og omsorg"]
    assert ids.index("felles-psykolog") == ids.index(helse[-2]) + 1
    assert (
        "\n\n  - id: felles-psykolog\n    name: Felles psykolog\n    category: Helse og omsorg\n"
        in after
    )
    assert records(copy)["felles-psykolog"]["members"] == ["Gausdal", "Øyer"]
    assert run(copy, "validate", str(copy))[0] == 0


def test_end_and_remove(copy):
    assert run(copy, "end", "Digitaliseringsstyret", "--data", str(copy))[0] == 0
    assert records(copy)["digitaliseringsstyret"]["status"] == "terminated"
    before = copy.read_text(encoding="utf-8")
    comment = "# The form cell is empty and the name does not state a form."
    code, _out, err = run(copy, "remove", "eioff", "--data", str(copy))
    assert code == 0 and err == "samarbeid.yaml: removed eioff\n"
    after = copy.read_text(encoding="utf-8")
    assert "eioff" not in records(copy) and len(records(copy)) == 57
    assert after.count(comment) == before.count(comment) - 1  # its own comment went with it
    assert "\n\n\n" not in after and "# --- Næringsutvikling ---" in after


def test_changes_need_a_file_not_standard_input(copy):
    code, _out, err = run(copy, "end", "giax", "--data", "-", stdin=copy.read_bytes())
    assert code == 2 and "standard input" in err


def test_queries_read_standard_input(copy):
    code, out, _err = run(copy, "count", "-f", "json", "--data", "-", stdin=copy.read_bytes())
    assert code == 0 and sum(r["count"] for r in json.loads(out)) == 58
    code, out, err = run(copy, "validate", "--data", "-", stdin=b"meta: 1\n")
    assert code == 1 and out.startswith("<stdin>:1:1: error: ")
    code, _out, err = run(copy, "list", "--data", "-", stdin=b"")
    assert code == 1 and "<stdin>:1:1: error: the file is empty" in err


# --- xlsx, import, snapshot, the naming rule ---------------------------------------------


def workbook(path):
    from openpyxl import load_workbook

    return load_workbook(path).active


@pytest.mark.parametrize(
    "args",
    [["list"], ["filter", "kommune=Øyer"], ["count", "--by", "kommune"], ["hosts"], ["matrix"]],
)
def test_xlsx_is_a_real_workbook(copy, args):
    out = copy.parent / "t.xlsx"
    code, _out, err = run(copy, *args, "-f", "xlsx", "-o", str(out), "--data", str(copy))
    assert code == 0, err
    sheet = workbook(out)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert all(c.font.b for c in sheet[1])
    assert all(sheet.column_dimensions[c].width >= 4 for c in "AB")
    _code, csv_text, _err = run(copy, *args, "--excel", "--data", str(copy))
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff")), delimiter=";"))
    if args[0] in ("list", "filter"):  # a table for editing: its base, in CSV in two columns
        assert rows[0][-2:] == ["base", "revision"]
        rows = [row[:-2] for row in rows]  # in a workbook, in its hidden sheet
    cells = [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
    assert cells == rows  # the same cells as Excel's CSV, Norwegian letters intact


def test_xlsx_never_stores_a_formula_and_needs_a_file(copy):
    text = copy.read_text(encoding="utf-8").replace(
        "note: Med Oppland fylkeskommune", 'note: "=HYPERLINK(\\"http://x\\")"', 1
    )
    copy.write_text(text, encoding="utf-8")
    out = copy.parent / "t.xlsx"
    assert run(copy, "list", "-f", "xlsx", "-o", str(out), "--data", str(copy))[0] == 0
    sheet = workbook(out)
    note = next(c for c in sheet["I"] if str(c.value).startswith("=HYPERLINK"))
    assert note.data_type == "s"  # text, shown as typed; never run
    code, _out, err = run(copy, "list", "-f", "xlsx", "--data", str(copy))
    assert code == 2 and err == "Error: --format xlsx writes a file: give -o FILE.xlsx\n"


@pytest.mark.parametrize("how", [["-f", "csv"], ["--excel"], ["-f", "xlsx"]])
@pytest.mark.parametrize(
    "language", [{"LANG": "en_GB.UTF-8"}, {"LANG": "nb_NO.UTF-8"}], ids=["en", "nb"]
)
def test_a_table_comes_back_with_exactly_the_changes_made_in_it(copy, how, language):
    table = copy.parent / ("t.xlsx" if "xlsx" in how else "t.csv")
    args = ["list", *how, "--data", str(copy)] + (["-o", str(table)] if "xlsx" in how else [])
    done = ikscli(*args, cwd=copy.parent, cache=copy.parent / "cache", env=language)
    if "xlsx" not in how:
        table.write_bytes(done.stdout)
    before = copy.read_bytes()
    code, _out, err = run(copy, "import", str(table), "--into", str(copy))
    said = "t.xlsx: read the sheet 'Agreements'\n" if "xlsx" in how else ""
    if "xlsx" in how and language["LANG"].startswith("nb"):
        said = "t.xlsx: read the sheet 'Samarbeid'\n"
    assert (code, err, copy.read_bytes()) == (
        0,
        said + "samarbeid.yaml: nothing to change\n",
        before,
    )
    # a person's edits: a status in words, a new row, a member with its ? kept elsewhere
    if "xlsx" in how:
        from openpyxl import load_workbook

        book = load_workbook(table)
        sheet = book.active
        header = [c.value for c in sheet[1]]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    else:
        delimiter = ";" if "--excel" in how else ","
        header, *rows = list(
            csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig")), delimiter=delimiter)
        )
    status = header.index(
        "Status" if language["LANG"].startswith("nb") and "csv" not in how[-1] else "status"
    )
    giax = next(r for r in rows if r[0] == "giax")
    giax[status] = "sagt opp"
    rows.append(["ny-rad", "Ny rad"] + [None if "xlsx" in how else ""] * (len(header) - 2))
    if "xlsx" in how:
        sheet.delete_rows(2, sheet.max_row)
        for row in rows:
            sheet.append(row)
        book.save(table)
    else:
        with table.open(
            "w", encoding="utf-8-sig" if "--excel" in how else "utf-8", newline=""
        ) as f:
            csv.writer(f, delimiter=delimiter).writerows([header, *rows])
    code, out, err = run(copy, "import", str(table), "--into", str(copy), "--diff")
    assert code == 0, err
    assert (
        ": 1 changed, 1 added, 0 removed\n  changed giax\n    status: active → terminated\n" in err
    )
    changed = [
        line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == ["+    status: terminated", "+", "+  - id: ny-rad", "+    name: Ny rad"]
    assert records(copy)["giax"]["status"] == "terminated"


def test_import_names_each_problem_by_row_and_column_and_writes_nothing(copy):
    table = copy.parent / "t.csv"
    table.write_bytes(run(copy, "list", "-f", "csv", "--data", str(copy))[1].encode())
    header, *rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    header[5] = "hots"
    rows[2][4] = "Gausdl"
    rows.append(rows[0])
    with table.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    before = copy.read_bytes()
    code, out, err = run(copy, "import", str(table), "--into", str(copy))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "t.csv: F1 (hots): error: unknown column 'hots' (did you mean 'host' or 'others'?)",
        "t.csv: E4 (members): error: members: unknown municipality or party 'Gausdl' (did you mean 'Gausdal'?)",
        f"t.csv: A{len(rows) + 1} (id): error: id 'regionrad' appears twice (also row 2)",
        "t.csv: nothing imported (3 problems)",
    ]
    assert copy.read_bytes() == before


def test_import_remove_missing_and_dry_run(copy):
    table = copy.parent / "t.csv"
    lines = run(copy, "list", "-f", "csv", "--data", str(copy))[1].splitlines(keepends=True)
    table.write_text(
        "".join(line for line in lines if not line.startswith("eioff,")), encoding="utf-8"
    )
    assert run(copy, "import", str(table), "--into", str(copy))[2].endswith("nothing to change\n")
    before = copy.read_bytes()
    code, out, _err = run(
        copy, "import", str(table), "--into", str(copy), "--remove-missing", "--dry-run", "--diff"
    )
    assert code == 0 and "-  - id: eioff" in out and copy.read_bytes() == before
    assert run(copy, "import", str(table), "--into", str(copy), "--remove-missing")[0] == 0
    assert "eioff" not in records(copy)


def test_snapshot_starts_next_years_file(copy):
    new = copy.parent / "samarbeid_2020.yaml"
    code, _out, err = run(
        copy, "snapshot", "--as-of", "2020-01-01", "-o", str(new), "--data", str(copy)
    )
    assert (
        code == 0
        and err == "samarbeid_2020.yaml: as of 2020-01-01, 56 agreements; 2 terminated left out\n"
    )
    text = new.read_text(encoding="utf-8")
    assert "title: Oversikt over interkommunale samarbeid per 1. januar 2020\n" in text
    assert '  as_of: "2020-01-01"\n' in text  # quoted: YAML 1.1 readers see text
    header = comments(copy.read_text(encoding="utf-8"))[:10]
    assert comments(text)[:10] == [c.replace("1. januar 2019", "1. januar 2020") for c in header]
    kept = records(new)
    assert not any(r["status"] == "terminated" for r in kept.values())
    assert kept["felles-barnevern"]["status"] == "planned"
    code, out, _err = run(copy, "diff", str(copy), str(new), "-f", "json")
    assert code == 1 and {(c["kind"], c["id"]) for c in json.loads(out)} == {
        ("removed", "innoff"),
        ("removed", "eioff"),
    }
    assert run(copy, "fmt", "--check", str(new))[0] == 0
    code, _out, err = run(
        copy, "snapshot", "--as-of", "1. januar", "-o", str(new), "--data", str(copy)
    )
    assert code == 2 and "01.01.2020" in err


def test_the_naming_rule_of_the_2018_forms(copy):
    assert (
        run(copy, "set", "regionrad", "form=Interkommunalt politisk råd", "--data", str(copy))[0]
        == 0
    )
    code, out, _err = run(copy, "validate", str(copy))
    assert code == 0
    assert (
        "warning: agreement 'regionrad': the name must contain “interkommunalt politisk råd” "
        "or IPR (Prop. 46 L (2017–2018) 19.3.2.2)"
    ) in out
    _code, table, _err = run(copy, "law", "--all", "--data", str(copy))
    words = " ".join(table.split())
    assert (
        "the name must contain “interkommunalt politisk råd” or IPR (Prop. 46 L (2017–2018) 19.3.2.2)"
        in words
    )
    _code, data, _err = run(copy, "law", "--all", "-f", "json", "--data", str(copy))
    regionrad = next(r for r in json.loads(data) if r["id"] == "regionrad")
    assert "IPR" in regionrad["law"]["name"]
    for name in (
        "Regionrådet IPR",
        "Gudbrandsdal interkommunale politiske råd",
        "Lillehammer-regionen interkommunalt politisk råd",
    ):
        run(copy, "set", "regionrad", f"name={name}", "--data", str(copy))
        warned = "IPR (Prop." in run(copy, "validate", str(copy))[1]
        assert warned == (name == "Gudbrandsdal interkommunale politiske råd"), name


def test_a_changed_host_is_checked_against_the_remark(tmp_path):
    """set (and import) warn when the remark still names the old host."""
    from cli import ikscli

    path = tmp_path / "s.yaml"
    path.write_bytes(DATA.read_bytes())
    result = ikscli(
        "set",
        "felles-landbrukskontor",
        "host=Øyer",
        "--data",
        str(path),
        cwd=tmp_path,
        cache=tmp_path / "c",
    )
    assert result.returncode == 0
    err = result.stderr.decode()
    assert (
        "agreement 'felles-landbrukskontor': the remark names 'Gausdal' as vertskommune, "
        "but host is 'Øyer'" in err
    )
    again = ikscli(
        "set",
        "felles-landbrukskontor",
        "note=Øyer vertskommune",
        "--data",
        str(path),
        cwd=tmp_path,
        cache=tmp_path / "c",
    )
    assert again.returncode == 0 and "as vertskommune" not in again.stderr.decode()
