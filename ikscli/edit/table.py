"""A table a colleague filled in (CSV, TSV or XLSX), read cell by cell, every cell untrusted.

What `list --format csv|tsv|xlsx` or `--excel` wrote, perhaps edited in Excel or
LibreOffice: plain CSV or TSV (values exactly as they are), Excel's CSV (semicolons,
a BOM, formulas neutralised with a leading '), or a workbook. Headers are JSON keys or
the column names people read, in either language. Every cell keeps its place (its
row, its column, the header as the sheet shows it), so that each problem is named by
its cell: `samarbeid.xlsx: E18 (Medlemmer)`.

Refused, each at its cell, all in one round: a formula (ikscli never runs one, nor
takes a value a formula cached), a date, number or yes/no where text is expected, a
row with fewer cells than the header (a cell went missing), a column named twice. A
workbook is read from the visible sheet ikscli wrote (or the active one), and the
message says which; blank rows are skipped.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikscli import files
from ikscli.i18n import LABELS, _, norwegian_forms
from ikscli.model import AGREEMENT_FIELDS
from ikscli.problems import Problem
from ikscli.text import numbers
from ikscli.text.names import did_you_mean, fold, nfc

BASE, REVISION = "base", "revision"  # the columns that say what a table was made from
BASE_SHEET = "ikscli"  # the hidden sheet of a workbook that carries its base
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Bounds a register never reaches (a 20,000-row national file is a tenth of them)
MAX_ROWS = 1_000_000
MAX_COLUMNS = 100
MAX_CELL = 100_000  # characters in one cell
MAX_TABLE_BYTES = 256 * 1024 * 1024


class TableError(Exception):
    """The table cannot be read at all (one line)."""


@dataclass(slots=True)
class Cell:
    text: str
    kind: str = "text"  # text, number, date, bool, formula, error


EMPTY = Cell("")  # shared by every empty cell of a table (most of them)


@dataclass(slots=True)
class Row:
    number: int  # as the sheet shows it (the header is row 1)
    cells: list[Cell]


@dataclass
class Table:
    file: str
    flavour: str  # csv, tsv, excel (Excel's CSV), xlsx
    header: list[str]  # the column names as the sheet shows them
    keys: list[str | None]  # each column's field (or base, revision), None if none
    rows: list[Row]
    sheet: str | None = None
    base: str | None = None  # the digest of the dataset the table was made from
    revisions: dict[str, str] = field(default_factory=dict)  # id → revision at the export
    base_cells: dict[str, dict[str, str]] = field(default_factory=dict)  # id → field → cell
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, row: int, column: int, message: str) -> None:
        header = self.header[column - 1] if 0 < column <= len(self.header) else ""
        self.problems.append(Problem(self.file, row, column, "error", message, header or None))

    def column(self, key: str) -> int | None:
        """The 1-based column of a field, if the table has it."""
        return self.keys.index(key) + 1 if key in self.keys else None


def check_size(path: Path, file: str) -> None:
    """A TableError if `path` cannot be read or is larger than any table of agreements."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise TableError(f"{file}: {files.reason(exc, reading=True)}") from None
    if size > MAX_TABLE_BYTES:
        raise TableError(
            _("{file}: {size} MiB is more than a table of agreements can be ({limit} MiB)").format(
                file=file, size=size // 2**20, limit=MAX_TABLE_BYTES // 2**20
            )
        )


def read_text(path: Path, file: str) -> Table:
    """A CSV or TSV table (any encoding Excel writes), read cell by cell."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError(f"{file}: {files.reason(exc, reading=True)}") from None
    if raw.startswith(b"PK\x03\x04"):
        raise TableError(
            _("{file} is an Excel workbook; name it .xlsx to import it").format(file=file)
        )
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
            _("{file}: not UTF-8; save the table as CSV UTF-8").format(file=file)
        ) from None
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    flavour = "tsv" if delimiter == "\t" else ("excel" if bom or delimiter == ";" else "csv")
    del raw
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    del text
    previous = csv.field_size_limit(MAX_CELL)
    table: Table | None = None
    try:
        for number, cells in enumerate(reader, start=1):
            if table is None:
                table = _table(file, flavour, [nfc(h) for h in cells])
                continue
            if number > MAX_ROWS:
                raise TableError(
                    _("{file}: more than {n} rows; a register has fewer").format(
                        file=file, n=numbers.number(MAX_ROWS)
                    )
                )
            _csv_row(table, number, cells, flavour == "excel")
    except csv.Error as exc:
        raise TableError(
            _("{file}: row {row}: cannot read it as CSV ({reason})").format(
                file=file, row=reader.line_num, reason=_csv_reason(exc)
            )
        ) from None
    finally:
        csv.field_size_limit(previous)
    if table is None:
        raise TableError(_("{file}: the table is empty").format(file=file))
    _base_columns(table)
    return table


def _csv_row(table: Table, number: int, cells: list[str], excel: bool) -> None:
    """One row of a CSV into the table (or a problem at its row)."""
    width = len(table.header)
    if not any(c.strip() for c in cells):
        return
    if len(cells) < width:
        table.problem(
            number,
            len(cells) + 1,
            _(
                "the row has {n} cells and the header {m}: a cell is missing (a value "
                "with the separator in it needs quotes)"
            ).format(n=len(cells), m=width),
        )
        return
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        table.problem(
            number,
            width + 1,
            _("a cell outside the header's columns: name its column, or clear it"),
        )
    values = [
        EMPTY if not c else Cell(_unescaped(nfc(c)) if excel else nfc(c)) for c in cells[:width]
    ]
    table.rows.append(Row(number, values))


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return _("a cell has more than {n} characters").format(n=numbers.number(MAX_CELL))
    return text


def _unescaped(text: str) -> str:
    """Excel's CSV: the ' that ikscli put before a formula-like value (or before a
    value that itself starts with ') comes off; any other ' is the value's own."""
    if text.startswith("'") and text[1:2] and (text[1] in FORMULA_START or text[1] == "'"):
        return text[1:]
    return text


def headers() -> dict[str, str]:
    """Every name a column may have → its field: the key, and its name in each language."""
    names = {fold(key): key for key in AGREEMENT_FIELDS}
    for key, label in LABELS.items():
        if key in AGREEMENT_FIELDS or key in (BASE, REVISION):
            names.setdefault(fold(label), key)
            names.setdefault(fold(_(label)), key)
            for form in norwegian_forms(label):
                names.setdefault(fold(form), key)
    names[fold("kommune")] = "members"
    names.setdefault(fold("Deltakere"), "partners")  # the header of sheets before 2026-12
    names[fold(BASE)] = BASE
    names[fold(REVISION)] = REVISION
    return names


def _table(file: str, flavour: str, header: list[str], sheet: str | None = None) -> Table:
    if len(header) > MAX_COLUMNS:
        raise TableError(
            _("{file}: {n} columns; a table of agreements has at most {m}").format(
                file=file, n=len(header), m=MAX_COLUMNS
            )
        )
    names = headers()
    keys = [names.get(fold(name.strip())) if name.strip() else None for name in header]
    table = Table(file, flavour, header, keys, [], sheet)
    seen: dict[str, int] = {}
    for column, (key, name) in enumerate(zip(keys, header, strict=True), start=1):
        if key is None and name.strip():
            table.problem(
                1,
                column,
                _("unknown column {name}").format(name=repr(name))
                + did_you_mean(name, list(AGREEMENT_FIELDS)),
            )
        elif key is not None and key in seen:
            table.problem(
                1,
                column,
                _("this column is {field} again (also column {other}); keep one of them").format(
                    field=key, other=_letters(seen[key])
                ),
            )
            keys[column - 1] = None
        elif key is not None:
            seen[key] = column
    if "id" not in seen:
        table.problem(1, 1, _("the table has no id column"))
    return table


def _base_columns(table: Table) -> None:
    """The base and revisions of a CSV from its base and revision columns."""
    base, revision, ident = table.column(BASE), table.column(REVISION), table.column("id")
    if base is None or ident is None:
        return
    bases = {row.cells[base - 1].text.strip() for row in table.rows} - {""}
    if len(bases) == 1:
        table.base = bases.pop()
    elif len(bases) > 1:
        table.problem(
            table.rows[0].number if table.rows else 2,
            base,
            _("the rows come from {n} different exports; import each table on its own").format(
                n=len(bases)
            ),
        )
    if revision is not None:
        for row in table.rows:
            key = row.cells[ident - 1].text.strip()
            value = row.cells[revision - 1].text.strip()
            if key and value:
                table.revisions[key] = value


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_kind_problem(cell: Cell, key: str) -> str | None:
    """Why a workbook cell cannot be taken for `key`, if it cannot."""
    if cell.kind == "text":
        return None
    if cell.kind == "formula":
        return _(
            "a formula ({formula}); type the value itself: ikscli does not run formulas"
        ).format(formula=_short(cell.text))
    if cell.kind == "error":
        return _("an error value ({value}); type the value itself").format(value=_short(cell.text))
    if cell.kind == "bool" and key == "form_inferred":
        return None
    if cell.kind == "date" and key in ("started", "ended"):  # a date cell for a date field
        return None
    what = {"date": _("a date"), "number": _("a number"), "bool": _("a yes/no value")}[cell.kind]
    return _(
        "{what} ({value}) where text is expected; format the cell as text (or start it with ')"
    ).format(what=what, value=_short(cell.text))


def _short(text: str) -> str:
    from ikscli.text.untrusted import escaped

    text = escaped(text)
    return text if len(text) <= 40 else text[:37] + "..."


def cell_of(value: Any) -> Cell:
    """A workbook value as a cell: its text and what kind it was."""
    if value is None:
        return Cell("")
    if isinstance(value, bool):
        return Cell("true" if value else "false", "bool")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        shown = (
            value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
        )
        return Cell(shown, "date")
    if isinstance(value, (int, float)):
        return Cell(repr(value), "number")
    return Cell(nfc(str(value)))
