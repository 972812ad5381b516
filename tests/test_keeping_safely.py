"""Keeping the register safely over a year: two colleagues' sheets of one export, a blank
line or a tab inside a record, CR-only and mixed line endings, a JSON-style file, two
edits at once, a kill -9 mid-write, the file's own properties, and undo after every
writing command. Each runs the real command line, as the register's keeper does."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli import DATA, environment, ikscli


@pytest.fixture
def home(tmp_path):
    """A folder with a copy of the dataset and a private cache (and history) folder."""
    (tmp_path / "samarbeid.yaml").write_bytes(DATA.read_bytes())
    return tmp_path


def run(home: Path, *args: str, env: dict | None = None, timeout: float = 120):
    done = ikscli(*args, cwd=home, cache=home / "cache", env=env, timeout=timeout)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def data_of(home: Path, path: str = "samarbeid.yaml") -> dict[str, dict]:
    code, out, err = run(home, "list", "-f", "json", "--data", path)
    assert code == 0, err
    return {r["id"]: r for r in json.loads(out)}


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def read_csv(path: Path, delimiter: str = ",") -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=delimiter))
    return rows[0], rows[1:]


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows([header, *rows])


def set_cell(header, rows, ident: str, column: str, value: str) -> None:
    row = next(r for r in rows if r[0] == ident)
    row[header.index(column)] = value


# --- 1. a spreadsheet comes back as a merge -------------------------------------------------


def test_two_colleagues_sheets_of_one_export_both_land(home):
    code, out, err = run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")
    export = home / "export.csv"
    export.write_text(out, encoding="utf-8")
    header, rows = read_csv(export)
    a_rows = [r[:] for r in rows]
    set_cell(header, a_rows, "borgerlig-vigsel", "members", "Gausdal, Lillehammer, Øyer")
    write_csv(home / "a.csv", header, a_rows)
    b_rows = [r[:] for r in rows]
    set_cell(header, b_rows, "ufo", "note", "Ny merknad fra B")
    write_csv(home / "b.csv", header, b_rows)
    code, _out, err = run(home, "import", "a.csv", "--into", "samarbeid.yaml")
    assert code == 0 and err.endswith(
        "changed borgerlig-vigsel\n  members: Gausdal, Lillehammer → Gausdal, Lillehammer, Øyer\n"
    ), err
    code, _out, err = run(home, "import", "b.csv", "--into", "samarbeid.yaml")
    assert code == 0 and "changed ufo" in err and "borgerlig" not in err, err
    records = data_of(home)
    assert records["borgerlig-vigsel"]["members"] == ["Gausdal", "Lillehammer", "Øyer"]
    assert records["ufo"]["note"] == "Ny merknad fra B"


def test_an_older_sheet_does_not_undo_what_was_done_in_the_file_since(home):
    _code, out, _err = run(home, "list", "--excel", "--data", "samarbeid.yaml")
    (home / "old.csv").write_text(out, encoding="utf-8-sig")
    assert run(home, "end", "giax", "--data", "samarbeid.yaml")[0] == 0
    header, rows = read_csv(home / "old.csv", ";")
    set_cell(header, rows, "regionrad", "note", "Med Oppland fylkeskommune (IPR fra 2020)")
    with (home / "old.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([header, *rows])
    code, _out, err = run(home, "import", "old.csv", "--into", "samarbeid.yaml")
    assert code == 0, err
    records = data_of(home)
    assert records["giax"]["status"] == "terminated"  # the sheet's "active" was the base's
    assert records["regionrad"]["note"] == "Med Oppland fylkeskommune (IPR fra 2020)"


@pytest.mark.parametrize("how", ["csv", "xlsx"])
def test_a_cell_changed_in_both_places_is_a_conflict_named_by_its_cell(home, how):
    norwegian = {"LANG": "nb_NO.UTF-8"}
    table = home / f"t.{how}"
    if how == "xlsx":
        assert (
            run(
                home,
                "list",
                "-f",
                "xlsx",
                "-o",
                str(table),
                "--data",
                "samarbeid.yaml",
                env=norwegian,
            )[0]
            == 0
        )
    else:
        table.write_text(
            run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")[1], encoding="utf-8"
        )
    assert (
        run(home, "set", "borgerlig-vigsel", "members=Gausdal", "--data", "samarbeid.yaml")[0] == 0
    )
    if how == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(table)
        sheet = book["Samarbeid"]
        header = [c.value for c in sheet[1]]
        number = next(
            r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "borgerlig-vigsel"
        )
        sheet.cell(number, header.index("Medlemmer") + 1).value = "Lillehammer, Øyer"
        sheet.cell(number, header.index("Merknad") + 1).value = "Fra regnearket"
        book.save(table)
        place = f"t.xlsx: E{number} (Medlemmer)"
    else:
        header, rows = read_csv(table)
        set_cell(header, rows, "borgerlig-vigsel", "members", "Lillehammer, Øyer")
        set_cell(header, rows, "borgerlig-vigsel", "note", "Fra regnearket")
        write_csv(table, header, rows)
        number = 2 + next(i for i, r in enumerate(rows) if r[0] == "borgerlig-vigsel")
        place = f"t.csv: E{number} (members)"
    before = (home / "samarbeid.yaml").read_bytes()
    code, out, err = run(home, "import", table.name, "--into", "samarbeid.yaml")
    lines = [line for line in err.splitlines() if "error:" in line]
    assert code == 1 and out == "" and len(lines) == 1, err
    assert lines[0].startswith(
        f"{place}: error: changed in the sheet to 'Lillehammer, Øyer' and in the file to 'Gausdal'"
    )
    assert err.splitlines()[-1] == f"{table.name}: nothing imported (1 problem)"
    assert (home / "samarbeid.yaml").read_bytes() == before
    code, _out, err = run(home, "import", table.name, "--into", "samarbeid.yaml", "--ours")
    assert code == 0, err
    record = data_of(home)["borgerlig-vigsel"]
    assert (record["members"], record["note"]) == (["Gausdal"], "Fra regnearket")
    assert run(home, "undo", "--data", "samarbeid.yaml")[0] == 0
    code, _out, err = run(home, "import", table.name, "--into", "samarbeid.yaml", "--theirs")
    assert code == 0, err
    assert data_of(home)["borgerlig-vigsel"]["members"] == ["Lillehammer", "Øyer"]


def test_chosen_columns_are_exactly_those_chosen_and_may_include_the_base(home):
    code, out, _err = run(
        home, "list", "-f", "csv", "--columns", "id,note", "--data", "samarbeid.yaml"
    )
    assert out.splitlines()[0] == "id,note"
    code, out, _err = run(
        home, "list", "-f", "csv", "--columns", "revision,id,note,base", "--data", "samarbeid.yaml"
    )
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert header == ["id", "note", "base", "revision"] and len(rows) == 58
    (home / "t.csv").write_text(
        out.replace("Med Oppland fylkeskommune", "Med IPR"), encoding="utf-8"
    )
    assert run(home, "set", "ufo", "note=endret i filen", "--data", "samarbeid.yaml")[0] == 0
    code, _out, err = run(home, "import", "t.csv", "--into", "samarbeid.yaml")
    assert code == 0 and ": 2 changed, 0 added, 0 removed\n" in err, err  # two remarks said it
    records = data_of(home)
    assert (records["regionrad"]["note"], records["ufo"]["note"]) == ("Med IPR", "endret i filen")


def test_a_table_made_by_hand_still_imports_and_says_it_has_no_base(home):
    (home / "hand.csv").write_text("id,note\nufo,Skrevet for hånd\n", encoding="utf-8")
    code, _out, err = run(home, "import", "hand.csv", "--into", "samarbeid.yaml")
    assert code == 0 and "carries no base" in err, err
    assert data_of(home)["ufo"]["note"] == "Skrevet for hånd"


def test_problems_of_the_result_are_named_by_their_cells_all_in_one_round(home):
    table = home / "t.csv"
    table.write_text(
        run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")[1], encoding="utf-8"
    )
    header, rows = read_csv(table)
    set_cell(header, rows, "felles-personvernombud", "host", "")  # a § 28-1 b needs a host
    rows.append(["Ny_ID", "Ny rad"] + [""] * (len(header) - 2))  # an id that is no slug
    set_cell(header, rows, "regionrad", "members", "Gausdl")  # no such municipality
    write_csv(table, header, rows)
    host_row = 2 + next(i for i, r in enumerate(rows) if r[0] == "felles-personvernombud")
    code, _out, err = run(home, "import", "t.csv", "--into", "samarbeid.yaml")
    assert code == 1, err
    said = err.splitlines()
    assert (
        "t.csv: E2 (members): error: members: unknown municipality or party 'Gausdl' (did you mean 'Gausdal'?)"
        in said
    )
    assert any(
        line.startswith(
            f"t.csv: D{host_row} (form): error: agreement 'felles-personvernombud': a § 28-1 b agreement"
        )
        for line in said
    ), err
    assert any(
        line.startswith(
            f"t.csv: A{len(rows) + 1} (id): error: id 'Ny_ID' must be lower-case letters"
        )
        for line in said
    ), err
    assert said[-1] == "t.csv: nothing imported (3 problems)"
    assert not any(
        re.match(r"^samarbeid\.yaml:\d+", line) for line in said
    )  # no line of a file never written


def test_cells_that_are_not_text_formulas_and_twice_named_columns_are_refused(home):
    from datetime import date

    from openpyxl import load_workbook

    table = home / "t.xlsx"
    assert run(home, "list", "-f", "xlsx", "-o", "t.xlsx", "--data", "samarbeid.yaml")[0] == 0
    book = load_workbook(table)
    sheet = book["Agreements"]
    header = [c.value for c in sheet[1]]  # in English, the JSON keys
    note = header.index("note") + 1
    sheet.cell(2, note).value = date(2020, 3, 1)
    sheet.cell(3, note).value = 12345678901234567890
    sheet.cell(4, note).value = True
    sheet.cell(5, header.index("host") + 1).value = '=WEBSERVICE("http://x")'
    sheet.cell(1, header.index("others") + 1).value = "Remark"  # the remark, again
    book.save(table)
    before = (home / "samarbeid.yaml").read_bytes()
    code, _out, err = run(home, "import", "t.xlsx", "--into", "samarbeid.yaml")
    said = err.splitlines()
    assert code == 1 and said[0] == "t.xlsx: read the sheet 'Agreements'", err
    assert (
        "t.xlsx: I2 (note): error: a date (2020-03-01) where text is expected; format the cell as text (or start it with ')"
        in said
    )
    assert any(
        line.startswith("t.xlsx: I3 (note): error: a number (1.23456789") for line in said
    ), err
    assert any(line.startswith("t.xlsx: I4 (note): error: a yes/no value") for line in said)
    assert any("F5 (host): error: a formula (=WEBSERVICE" in line for line in said)
    assert any(
        line.startswith("t.xlsx: N1 (Remark): error: this column is note again (also column I)")
        for line in said
    )
    assert (home / "samarbeid.yaml").read_bytes() == before


def test_a_short_csv_row_is_a_problem_at_its_row_not_emptied_fields(home):
    table = home / "t.csv"
    export = run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")[1]
    header = export.splitlines()[0]
    table.write_text(header + "\nregionrad,Regionråd\n", encoding="utf-8")
    code, _out, err = run(home, "import", "t.csv", "--into", "samarbeid.yaml")
    cells = len(header.split(","))  # every field of the model, and base and revision
    assert cells == 23
    assert (
        code == 1
        and f"t.csv: C2 (category): error: the row has 2 cells and the header {cells}: a cell is "
        "missing"
        in err
    ), err
    assert data_of(home)["regionrad"]["note"] == "Med Oppland fylkeskommune"


def test_the_sheet_ikscli_wrote_is_read_whatever_sheet_is_first_or_active(home):
    from openpyxl import load_workbook

    table = home / "t.xlsx"
    assert run(home, "list", "-f", "xlsx", "-o", "t.xlsx", "--data", "samarbeid.yaml")[0] == 0
    book = load_workbook(table)
    hidden = book.create_sheet("Gammel", 0)
    hidden.append(["id", "note"])
    hidden.append(["ufo", "fra det skjulte arket"])
    hidden.sheet_state = "hidden"
    book.create_sheet("Instruks", 1).append(["Fyll inn merknader i arket Agreements"])
    book.active = 1
    sheet = book["Agreements"]
    header = [c.value for c in sheet[1]]
    number = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "ufo")
    sheet.cell(number, header.index("note") + 1).value = "fra det rette arket"
    book.save(table)
    code, _out, err = run(home, "import", "t.xlsx", "--into", "samarbeid.yaml")
    assert code == 0 and err.startswith(
        "t.xlsx: read the sheet 'Agreements'; not read: 'Instruks'\n"
    ), err
    assert data_of(home)["ufo"]["note"] == "fra det rette arket"


def test_the_question_mark_comes_off_only_with_a_basis_that_settles_the_members(home):
    """The ? belongs to the sheets people edit (--excel, xlsx)."""
    table = home / "t.csv"
    table.write_text(run(home, "list", "--excel", "--data", "samarbeid.yaml")[1], encoding="utf-8")
    header, rows = read_csv(table, ";")
    assert next(r for r in rows if r[0] == "smiso")[header.index("members")].endswith("?")
    set_cell(header, rows, "smiso", "members", "Lillehammer, Øyer")
    write_csv(table, header, rows, ";")
    code, _out, err = run(home, "import", "t.csv", "--into", "samarbeid.yaml")
    assert code == 1 and "the ? came off members nothing settles" in err, err
    set_cell(header, rows, "smiso", "members_basis", "evidence")
    set_cell(
        header, rows, "smiso", "members_evidence", "outside evidence: SMISO's annual report 2019"
    )
    write_csv(table, header, rows, ";")
    code, _out, err = run(home, "import", "t.csv", "--into", "samarbeid.yaml")
    assert code == 0, err
    assert data_of(home)["smiso"]["members_basis"] == "evidence"


def test_a_plain_csv_keeps_names_exact_and_members_basis_says_what_is_unsettled(home):
    """The CSV for programs has no marks: changing an unsettled agreement's members
    there keeps members_basis as it is, and nothing asks for a ?."""
    table = home / "t.csv"
    table.write_text(
        run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")[1], encoding="utf-8"
    )
    header, rows = read_csv(table)
    smiso = next(r for r in rows if r[0] == "smiso")
    assert "?" not in smiso[header.index("members")]
    assert smiso[header.index("members_basis")] == "uncertain"
    set_cell(header, rows, "smiso", "members", "Lillehammer, Øyer")
    write_csv(table, header, rows)
    code, _out, err = run(home, "import", "t.csv", "--into", "samarbeid.yaml")
    assert code == 0, err
    assert data_of(home)["smiso"]["members"] == ["Lillehammer", "Øyer"]
    assert data_of(home)["smiso"]["members_basis"] == "uncertain"


@pytest.mark.parametrize("how", [["-f", "csv"], ["-f", "tsv"], ["--excel"], ["-f", "xlsx"]])
def test_values_that_start_with_an_apostrophe_or_look_like_formulas_survive_a_round_trip(home, how):
    for ident, note in (
        ("ufo", "'=1+1"),
        ("regionrad", "=SUM(A1)"),
        ("valg-samarbeid", "-5 kommuner"),
    ):
        assert run(home, "set", ident, f"note={note}", "--data", "samarbeid.yaml")[0] == 0
    table = home / ("t.xlsx" if "xlsx" in how else "t.txt")
    code, out, err = run(
        home, "list", *how, "--data", "samarbeid.yaml", *(["-o", "t.xlsx"] if "xlsx" in how else [])
    )
    assert code == 0, err
    if "xlsx" not in how:
        table.write_text(out, encoding="utf-8")
    before = (home / "samarbeid.yaml").read_bytes()
    code, _out, err = run(home, "import", table.name, "--into", "samarbeid.yaml")
    assert code == 0 and err.endswith("samarbeid.yaml: nothing to change\n"), err
    assert (home / "samarbeid.yaml").read_bytes() == before


def test_a_cell_larger_than_any_register_needs_is_one_line(home):
    (home / "big.csv").write_text("id,note\nufo," + "x" * 200_000 + "\n", encoding="utf-8")
    code, _out, err = run(home, "import", "big.csv", "--into", "samarbeid.yaml")
    assert (
        code == 2
        and err
        == "Error: big.csv: row 2: cannot read it as CSV (a cell has more than 100,000 characters)\n"
    ), err


def test_invisible_marks_are_warned_of_by_the_edits_as_validate_warns(home):
    for mark in ("\u200e", "\u00ad", "\U000e0041"):
        code, _out, err = run(home, "set", "ufo", f"note=Hei{mark}du", "--data", "samarbeid.yaml")
        assert code == 0 and re.search(r"samarbeid\.yaml:\d+:\d+: warning: .*invisible", err), err
        assert mark not in err  # shown escaped
    code, _out, err = run(home, "add", "ny", "name=Ny\u200brad", "--data", "samarbeid.yaml")
    assert code == 0 and "warning:" in err and "\u200b" not in err, err


# --- 2. every record and every comment stays where it is -------------------------------


ODD = "\n\n# a comment at column 0, inside the record\n"


def test_records_are_found_by_where_the_reader_saw_them_not_by_indentation(home):
    path = home / "samarbeid.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: umk-ungdommens-kulturmonstring\n    name: 'UMK: Ungdommens kulturmønstring'\n",
        "  - id: umk-ungdommens-kulturmonstring\n    name: 'UMK: Ungdommens kulturmønstring'" + ODD,
    )
    path.write_text(text, encoding="utf-8")
    assert run(home, "validate", "samarbeid.yaml")[0] == 0
    before = data_of(home)
    code, _out, err = run(home, "remove", "ufo", "--data", "samarbeid.yaml")
    assert code == 0, err
    after = data_of(home)
    assert (
        "ufo" not in after
        and after["umk-ungdommens-kulturmonstring"] == before["umk-ungdommens-kulturmonstring"]
    )
    assert run(home, "remove", "umk-ungdommens-kulturmonstring", "--data", "samarbeid.yaml")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "# a comment at column 0, inside the record" not in text  # the record's own
    assert "felles-barnevern" in data_of(home) and run(home, "validate", "samarbeid.yaml")[0] == 0


def test_tabs_where_yaml_allows_them_are_no_trouble_for_any_command(home):
    path = home / "samarbeid.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    category: Ungdom\n", "    category: Ungdom\t\n", 1)
    text = text.replace(
        "    note: Med Oppland fylkeskommune\n",
        "    note: Med Oppland fylkeskommune\t# a tab before me\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    assert run(home, "validate", "samarbeid.yaml")[0] == 0
    for args in (
        ["set", "regionrad", "note=Endret"],
        ["set", "ufo", "form=Avtale"],
        ["snapshot", "--as-of", "2020-01-01", "-o", "ny.yaml", "--data", "samarbeid.yaml"],
        ["remove", "ufo"],
        ["fmt", "samarbeid.yaml"],
    ):
        extra = ["--data", "samarbeid.yaml"] if args[0] in ("set", "remove") else []
        code, _out, err = run(home, *args, *extra)
        assert code == 0 and "Traceback" not in err, (args, err)
    assert "note: Endret # a tab before me" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_only_and_windows_files_keep_every_line_ending(home, newline):
    path = home / "samarbeid.yaml"
    path.write_bytes(DATA.read_bytes().replace(b"\n", newline.encode()))
    for args in (
        ["set", "felles-nav-kontor", "host=Gausdal"],
        ["add", "ny", "name=Ny", "category=Ungdom"],
        ["remove", "eioff"],
        ["end", "giax"],
    ):
        code, _out, err = run(home, *args, "--data", "samarbeid.yaml")
        assert code == 0, (args, err)
        raw = path.read_bytes()
        if newline == "\r":
            assert b"\n" not in raw, args
        else:
            assert raw.count(b"\r\n") == raw.count(b"\n") == raw.count(b"\r"), args
    assert run(home, "validate", "samarbeid.yaml")[0] == 0


def test_a_file_with_a_few_windows_lines_keeps_them_where_they_are(home):
    path = home / "samarbeid.yaml"
    lines = DATA.read_text(encoding="utf-8").split("\n")
    mixed = "".join(line + ("\r\n" if i % 9 == 0 else "\n") for i, line in enumerate(lines[:-1]))
    path.write_bytes(mixed.encode("utf-8"))
    assert run(home, "set", "giax", "note=Ny", "--data", "samarbeid.yaml")[0] == 0
    after = path.read_bytes().decode("utf-8")
    assert after.count("\r\n") == mixed.count("\r\n")
    changed = [
        (a, b)
        for a, b in zip(mixed.splitlines(True), after.splitlines(True), strict=True)
        if a != b
    ]
    assert changed == [("    note: Med flere andre kommuner\n", "    note: Ny\n")]


def test_a_json_style_file_changes_only_the_line_of_its_record(home):
    import yaml

    document = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    document["meta"]["as_of"] = str(document["meta"]["as_of"])
    text = (
        "{\n"
        + ",\n".join(
            f'"{key}": '
            + (
                json.dumps(value, ensure_ascii=False)
                if key != "agreements"
                else "[\n"
                + ",\n".join("  " + json.dumps(a, ensure_ascii=False) for a in value)
                + "\n]"
            )
            for key, value in document.items()
        )
        + "\n}\n"
    )
    path = home / "samarbeid.yaml"
    path.write_text(text, encoding="utf-8")
    assert (
        run(home, "set", "giax", "note=Ny", "partners=Ringebu", "--data", "samarbeid.yaml")[0] == 0
    )
    after = path.read_text(encoding="utf-8")
    changed = [b for a, b in zip(text.splitlines(), after.splitlines(), strict=True) if a != b]
    assert (
        len(changed) == 1
        and '"partners": ["Ringebu"]' in changed[0]
        and '"note": "Ny"' in changed[0]
    )
    assert run(home, "add", "ny", "name=Ny", "category=Ungdom", "--data", "samarbeid.yaml")[0] == 0
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(text.splitlines()) + 1
    assert run(home, "validate", "samarbeid.yaml")[0] == 0


def test_emptying_a_field_keeps_the_comment_above_the_next_agreement(home):
    path = home / "samarbeid.yaml"
    before = path.read_text(encoding="utf-8")
    assert (
        run(home, "set", "kontrollutvalgssekretariat", "note=", "--data", "samarbeid.yaml")[0] == 0
    )
    after = path.read_text(encoding="utf-8")
    assert comment_lines(after) == comment_lines(before)
    assert before.count("\n") - after.count("\n") == 1


def test_fmt_keeps_a_section_comment_out_of_a_block_list(home):
    path = home / "samarbeid.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    members: [Gausdal, Lillehammer, Øyer]\n\n  # --- Landbruk",
        "    members:\n      - Gausdal\n      - Lillehammer\n      - Øyer\n\n  # --- Landbruk",
        1,
    )
    assert "      - Lillehammer\n" in text
    path.write_text(text, encoding="utf-8")
    assert run(home, "fmt", "--check", "samarbeid.yaml")[0] == 1
    assert run(home, "fmt", "samarbeid.yaml")[0] == 0
    assert path.read_bytes() == DATA.read_bytes()
    assert run(home, "fmt", "--check", "samarbeid.yaml")[0] == 0


FIELDS = {  # a value for each field, and a record to set it on
    "name": ("ufo", "UFO: Aktiviteter"),
    "category": ("ufo", "Helse og omsorg"),
    "form": ("ufo", "IKS"),
    "form_inferred": ("ufo", "ja"),
    "members": ("ufo", "Gausdal, Øyer"),
    "members_basis": ("ufo", "evidence"),
    "members_evidence": ("ufo", "outside evidence: the programme"),
    "host": ("ufo", "Lillehammer"),
    "partners": ("ufo", "Ringebu"),
    "others": ("ufo", "flere kommuner"),
    "status": ("ufo", "planlagt"),
    "note": ("eioff", "Ny merknad: med kolon"),
    "parent": ("ufo", "regionrad"),
    "id": ("ufo", "ufo-ny"),
}


def test_no_writing_command_loses_a_comment_line(home):
    path = home / "samarbeid.yaml"
    original = path.read_text(encoding="utf-8")
    expected = comment_lines(original)
    for field, (ident, value) in FIELDS.items():
        extra = ["members_evidence=outside evidence: x"] if field == "members_basis" else []
        extra += ["members_basis=evidence"] if field == "members_evidence" else []
        code, _out, err = run(
            home, "set", ident, f"{field}={value}", *extra, "--data", "samarbeid.yaml"
        )
        assert code == 0, (field, err)
        assert comment_lines(path.read_text(encoding="utf-8")) == expected, field
        assert run(home, "undo", "--data", "samarbeid.yaml")[0] == 0
        if field in (
            "members_basis",
            "members_evidence",
            "id",
            "name",
            "category",
            "form",
            "members",
            "status",
        ):
            continue  # required, or would make the record invalid when emptied
        code, _out, err = run(home, "set", ident, f"{field}=", "--data", "samarbeid.yaml")
        assert code in (0, 1), (field, err)
        assert comment_lines(path.read_text(encoding="utf-8")) == expected, field
        if code == 0 and "nothing to change" not in err:
            assert run(home, "undo", "--data", "samarbeid.yaml")[0] == 0
    assert path.read_text(encoding="utf-8") == original
    table = home / "t.csv"
    table.write_text(
        run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")[1], encoding="utf-8"
    )
    for args in (
        ["add", "ny", "name=Ny", "category=Ungdom", "--data", "samarbeid.yaml"],
        ["end", "ufo", "--data", "samarbeid.yaml"],
        ["rename-party", "OFK", "Innlandet fylkeskommune", "--data", "samarbeid.yaml"],
        ["import", "t.csv", "--into", "samarbeid.yaml"],
        ["fmt", "samarbeid.yaml"],
    ):
        code, _out, err = run(home, *args)
        assert code == 0, (args, err)
        assert comment_lines(path.read_text(encoding="utf-8")) == expected, args
    own = "# The form cell is empty and the name does not state a form."
    assert run(home, "remove", "eioff", "--data", "samarbeid.yaml")[0] == 0
    after = comment_lines(path.read_text(encoding="utf-8"))
    assert after.count(own) == expected.count(own) - 1
    assert [c for c in after if c != own] == [c for c in expected if c != own]


# --- 3. undo, and no accidents -----------------------------------------------------------


def test_every_writing_command_can_be_undone_byte_for_byte(home):
    path = home / "samarbeid.yaml"
    table = home / "t.csv"
    table.write_text(
        run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")[1], encoding="utf-8"
    )
    header, rows = read_csv(table)
    set_cell(header, rows, "ufo", "note", "fra tabellen")
    write_csv(table, header, rows)
    messy = (
        b"    members: [Gausdal, Lillehammer, \xc3\x98yer]\n    partners: [Oppland fylkeskommune]\n"
    )
    assert messy in path.read_bytes()  # a line fmt will tidy
    path.write_bytes(path.read_bytes().replace(messy, messy.replace(b", ", b",   ", 1), 1))
    steps = [
        ["set", "felles-nav-kontor", "host=Gausdal", "--data", "samarbeid.yaml"],
        ["add", "ny", "name=Ny", "--data", "samarbeid.yaml"],
        ["end", "giax", "--data", "samarbeid.yaml"],
        ["import", "t.csv", "--into", "samarbeid.yaml"],
        ["remove", "eioff", "--data", "samarbeid.yaml"],
        ["rename-party", "Ringsaker", "Ringsaker kommune", "--data", "samarbeid.yaml"],
        ["fmt", "samarbeid.yaml"],
    ]
    versions = [path.read_bytes()]
    for args in steps:
        code, _out, err = run(home, *args)
        assert code == 0, (args, err)
        assert path.read_bytes() != versions[-1], args
        versions.append(path.read_bytes())
    code, out, _err = run(home, "undo", "--list", "--data", "samarbeid.yaml")
    assert code == 0 and out.count("ikscli ") == len(steps)
    assert "rename-party Ringsaker" in out.split("\n")[2] or "fmt" in out.split("\n")[0]
    for expected in reversed(versions[:-1]):
        code, _out, err = run(home, "undo", "--data", "samarbeid.yaml")
        assert code == 0 and "undid" in err, err
        assert path.read_bytes() == expected
    code, _out, err = run(home, "undo", "--data", "samarbeid.yaml")
    assert code == 1 and "no change to undo" in err


def test_undo_refuses_when_the_file_was_changed_since_by_something_else(home):
    path = home / "samarbeid.yaml"
    assert run(home, "end", "giax", "--data", "samarbeid.yaml")[0] == 0
    path.write_text(
        path.read_text(encoding="utf-8").replace("Regionråd\n", "Regionrådet\n", 1),
        encoding="utf-8",
    )
    changed = path.read_bytes()
    code, _out, err = run(home, "undo", "--data", "samarbeid.yaml")
    assert (
        code == 1
        and "was changed after ikscli's last change" in err
        and "undo would lose that change" in err
    )
    assert path.read_bytes() == changed


def test_snapshot_over_an_existing_file_needs_force_and_can_be_undone(home):
    new = home / "ny.yaml"
    new.write_text("# a colleague's draft\n", encoding="utf-8")
    code, _out, err = run(
        home, "snapshot", "--as-of", "2020-01-01", "-o", "ny.yaml", "--data", "samarbeid.yaml"
    )
    assert code == 2 and "exists already; --force replaces it" in err
    assert new.read_text(encoding="utf-8") == "# a colleague's draft\n"
    assert (
        run(
            home,
            "snapshot",
            "--as-of",
            "2020-01-01",
            "-o",
            "ny.yaml",
            "--force",
            "--data",
            "samarbeid.yaml",
        )[0]
        == 0
    )
    assert run(home, "undo", "--data", "ny.yaml")[0] == 0
    assert new.read_text(encoding="utf-8") == "# a colleague's draft\n"


def test_snapshot_dates_the_new_file_refuses_an_earlier_date_and_says_one_in_the_singular(home):
    code, _out, err = run(
        home, "snapshot", "--as-of", "01.01.2018", "-o", "ny.yaml", "--data", "samarbeid.yaml"
    )
    assert code == 2 and "before the file's own date (2019-01-01)" in err
    assert run(home, "remove", "innoff", "--data", "samarbeid.yaml")[0] == 0
    norwegian = {"LANG": "nb_NO.UTF-8"}
    code, _out, err = run(
        home,
        "snapshot",
        "--as-of",
        "1. januar 2020",
        "-o",
        "ny.yaml",
        "--data",
        "samarbeid.yaml",
        env=norwegian,
    )
    assert code == 0 and "1 oppsagt utelatt" in err, err
    text = (home / "ny.yaml").read_text(encoding="utf-8")
    assert (
        "# per 1. januar 2020 — the source table as data." in text
        and "per 1. januar 2019" not in text.split("meta:")[0]
    )


def test_snapshot_tells_how_to_make_the_new_file_the_projects_and_can_do_it(home):
    (home / "data").mkdir()
    (home / "samarbeid.yaml").rename(home / "data" / "samarbeid_2019.yaml")
    (home / "pyproject.toml").write_text(
        '[project]\nname = "register"\n\n[tool.ikscli]\n# our register\ndata = ["data/samarbeid_2019.yaml"]\n',
        encoding="utf-8",
    )
    code, _out, err = run(
        home, "snapshot", "--as-of", "2020-01-01", "-o", "data/samarbeid_2020.yaml"
    )
    assert (
        code == 0 and "still read data/samarbeid_2019.yaml" in err and "--add-to-project" in err
    ), err
    code, _out, err = run(
        home,
        "snapshot",
        "--as-of",
        "2020-01-01",
        "-o",
        "data/samarbeid_2020.yaml",
        "--force",
        "--add-to-project",
    )
    assert code == 0 and "data/samarbeid_2020.yaml is now the first data file" in err, err
    config = (home / "pyproject.toml").read_text(encoding="utf-8")
    assert (
        'data = ["data/samarbeid_2020.yaml", "data/samarbeid_2019.yaml"]' in config
        and "# our register" in config
    )
    code, out, err = run(home, "validate")
    assert code == 0 and "data/samarbeid_2020.yaml" in out + err


def test_rename_party_renames_it_everywhere(home):
    code, _out, err = run(
        home,
        "rename-party",
        "Oppland fylkeskommune",
        "Innlandet fylkeskommune",
        "--data",
        "samarbeid.yaml",
    )
    assert code == 0, err
    text = (home / "samarbeid.yaml").read_text(encoding="utf-8")
    assert "Innlandet fylkeskommune" in text
    assert not re.search(r"^\s+(name|members|partners|host):.*Oppland fylkeskommune", text, re.M)
    records = data_of(home)
    assert records["regionrad"]["partners"] == ["Innlandet fylkeskommune"]
    assert run(home, "validate", "samarbeid.yaml")[0] == 0
    code, _out, err = run(home, "rename-party", "Gausdal", "Øyer", "--data", "samarbeid.yaml")
    assert code == 2 and "already the name of a party" in err


def test_status_active_after_end_leaves_the_file_as_it_was(home):
    before = (home / "samarbeid.yaml").read_bytes()
    assert run(home, "end", "giax", "--data", "samarbeid.yaml")[0] == 0
    assert run(home, "set", "giax", "status=active", "--data", "samarbeid.yaml")[0] == 0
    assert (home / "samarbeid.yaml").read_bytes() == before


def test_the_bundled_dataset_is_never_changed(tmp_path):
    code, _out, err = run(tmp_path, "end", "giax")
    assert code == 2 and "does not change the dataset it ships with" in err


def test_queries_keep_prefixes_that_changes_refuse(home):
    assert run(home, "show", "eidsiva", "--data", "samarbeid.yaml")[0] == 0
    code, _out, err = run(home, "end", "eidsiva", "--data", "samarbeid.yaml")
    assert code == 2 and "(did you mean eidsiva-energi?)" in err
    assert (
        run(home, "end", "Eidsiva Energi AS", "--data", "samarbeid.yaml")[0] == 0
    )  # the whole name


# --- 5. two edits at once, crashes, and the file's properties ---------------------------


def test_two_edits_at_once_both_land(home):
    path = home / "samarbeid.yaml"
    for attempt in range(6):
        path.write_bytes(DATA.read_bytes())
        started = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "ikscli",
                    "set",
                    ident,
                    f"note={note}{attempt}",
                    "--data",
                    "samarbeid.yaml",
                ],
                cwd=home,
                env=environment(home / "cache"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for ident, note in (("ufo", "AAA"), ("felles-nav-kontor", "BBB"))
        ]
        for process in started:
            _out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        records = data_of(home)
        assert (records["ufo"]["note"], records["felles-nav-kontor"]["note"]) == (
            f"AAA{attempt}",
            f"BBB{attempt}",
        )


def test_a_writer_that_cannot_get_the_lock_in_time_says_so(home):
    import fcntl

    path = home / "samarbeid.yaml"
    with open(path, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        code, _out, err = run(
            home, "end", "giax", "--data", "samarbeid.yaml", env={"IKSCLI_LOCK_WAIT": "0.5"}
        )
    assert code == 3 and "is being changed by another ikscli command; waited 0.5 s" in err, err
    assert path.read_bytes() == DATA.read_bytes()


@pytest.mark.slow
def test_a_kill_at_any_moment_leaves_the_old_file_or_the_new_never_a_mix(tmp_path):
    from generate import render_real

    path = tmp_path / "national.yaml"
    path.write_text(render_real(20_000), encoding="utf-8")
    env = environment(tmp_path / "cache")
    old = path.read_bytes()
    assert (
        subprocess.run(
            [sys.executable, "-m", "ikscli", "validate", str(path)], env=env, capture_output=True
        ).returncode
        == 0
    )
    started = time.monotonic()  # how long one edit takes here, whole
    done = subprocess.run(
        [sys.executable, "-m", "ikscli", "set", "ufo-00001", "note=først", "--data", str(path)],
        env=env,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    took = time.monotonic() - started
    old = path.read_bytes()
    seen = set()
    for attempt in range(12):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ikscli",
                "set",
                "ufo-00001",
                f"note=forsøk {attempt}",
                "--data",
                str(path),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(took * attempt / 10)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        now = path.read_bytes()
        written = now != old
        seen.add(written)
        if written:  # the new file whole: it validates, and only ufo-00001 changed
            done = subprocess.run(
                [sys.executable, "-m", "ikscli", "validate", "--no-cache", str(path)],
                env=env,
                capture_output=True,
            )
            assert done.returncode == 0, done.stdout[-500:]
            assert f"note: forsøk {attempt}".encode() in now and abs(len(now) - len(old)) < 100
            old = now
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".national")] == []
    assert seen == {True, False}  # killed before and after the write, both seen


def test_mode_links_bom_and_line_endings_are_kept_and_a_read_only_file_is_not_replaced(home):
    real = home / "real.yaml"
    real.write_bytes(b"\xef\xbb\xbf" + DATA.read_bytes().replace(b"\n", b"\r\n"))
    os.chmod(real, 0o640)
    link = home / "link.yaml"
    link.symlink_to("real.yaml")
    hard = home / "hard.yaml"
    os.link(real, hard)
    assert run(home, "end", "giax", "--data", "link.yaml")[0] == 0
    assert link.is_symlink() and os.readlink(link) == "real.yaml"
    raw = real.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")
    assert b"status: terminated" in raw and hard.read_bytes() == raw  # the hard link too
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o640
    os.chmod(real, 0o444)
    code, _out, err = run(home, "end", "ufo", "--data", "hard.yaml")
    assert code == 3 and "read-only" in err and real.read_bytes() == raw
    os.chmod(real, 0o644)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing an owner needs root"
)
def test_the_owner_and_group_of_a_file_are_kept(home):
    path = home / "samarbeid.yaml"
    os.chown(path, 65534, 65534)
    assert run(home, "end", "giax", "--data", "samarbeid.yaml")[0] == 0
    info = os.stat(path)
    assert (info.st_uid, info.st_gid) == (65534, 65534)


def test_the_python_api_offers_the_same_edits(home, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    import ikscli

    path = home / "samarbeid.yaml"
    changes = ikscli.set_fields(
        path, "felles-nav-kontor", host="Gausdal", members=["Gausdal", "Øyer"]
    )
    assert [(c.id, [f for f, _o, _n in c.fields]) for c in changes] == [
        ("felles-nav-kontor", ["host", "members"])
    ]
    with pytest.raises(ikscli.DataError) as refused:
        ikscli.set_fields(path, "felles-nav-kontor", host=None, form="§ 28-1 b")
    assert "must name its host" in refused.value.problems[0].message
    with pytest.raises(ikscli.EditError):
        ikscli.remove(path, "eid")
    assert "felles-nav-kontor" in ikscli.undo(path)
    assert path.read_bytes() == DATA.read_bytes()


def test_what_an_edit_remembers_is_what_a_validation_finds(home):
    """After each edit the cache already holds the new file (so the next command starts
    at once): its problems, at their lines, and its records must be what reading the
    file afresh gives."""
    table = home / "t.csv"
    table.write_text(
        run(home, "list", "-f", "csv", "--data", "samarbeid.yaml")[1], encoding="utf-8"
    )
    header, rows = read_csv(table)
    set_cell(header, rows, "regionrad", "note", "Fra tabellen")
    rows.append(["ny-fra-tabellen", "Ny fra tabellen"] + [""] * (len(header) - 2))
    write_csv(table, header, rows)
    steps = [
        ["set", "ufo", "note=Hei\u200bdu", "--data", "samarbeid.yaml"],  # a new warning
        ["add", "ny", "name=Ny", "category=Ungdom", "--data", "samarbeid.yaml"],  # another
        ["remove", "eioff", "--data", "samarbeid.yaml"],  # a record with a warning goes
        [
            "set",
            "smiso",
            "members_basis=evidence",
            "members_evidence=outside evidence: x",
            "--data",
            "samarbeid.yaml",
        ],
        ["end", "giax", "--data", "samarbeid.yaml"],
        ["import", "t.csv", "--into", "samarbeid.yaml", "--ours"],
        ["rename-party", "OFK", "Innlandet fylkeskommune", "--data", "samarbeid.yaml"],
        ["snapshot", "--as-of", "2020-01-01", "-o", "ny.yaml", "--data", "samarbeid.yaml"],
    ]
    for args in steps:
        code, _out, err = run(home, *args)
        assert code == 0, (args, err)
        target = "ny.yaml" if args[0] == "snapshot" else "samarbeid.yaml"
        cached = run(home, "validate", target)
        fresh = run(home, "validate", "--no-cache", target)
        assert cached == fresh, args
        assert run(home, "list", "-f", "json", "--data", target) == run(
            home, "list", "-f", "json", "--no-cache", "--data", target
        )


def test_a_cached_query_reads_no_yaml_and_loads_no_writing_library(home):
    """What queries do not need, they do not import: a cached run reads no YAML, and
    only the commands that write load ruamel.yaml or openpyxl."""
    for args in (["count"], ["list", "--kommune", "Øyer"]):
        assert run(home, *args, "--data", "samarbeid.yaml")[0] == 0  # the cache is warm
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "ikscli", *args, "--data", "samarbeid.yaml"],
            cwd=home,
            env=environment(home / "cache"),
            capture_output=True,
        )
        assert done.returncode == 0
        imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines()}
        assert not imported & {
            "yaml",
            "ikscli.reading.yamlread",
            "ruamel.yaml",
            "openpyxl",
            "regex",
            "ikscli.edit.session",
        }, args
