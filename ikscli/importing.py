"""A table (CSV or XLSX) brought back into a dataset file: rows matched by id.

The table is what `list --format csv|xlsx` or `--excel` wrote, perhaps edited in
Excel: plain CSV or Excel's (semicolons, a BOM, formulas neutralised with '), headers
as JSON keys or as column names in either language, uncertain members marked ?.
Only the cells that differ from the file become changes; columns the table leaves
out are left alone. Every problem names its row and column, as Excel numbers them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .editing import EditError, value_of
from .i18n import LABELS, _, bokmal
from .model import AGREEMENT_FIELDS, Agreement
from .nameindex import NameIndex
from .names import did_you_mean, fold, nfc
from .problems import Problem
from .render.csvout import FORMULA_START


@dataclass
class Table:
    file: str
    header: list[str]  # the column names as the table writes them
    keys: list[str | None]  # a column's field, None for a column that is not one
    rows: list[tuple[int, list[str]]]  # (row number as Excel shows it, cells)


@dataclass
class Plan:
    """What importing a table would do to a dataset."""

    changed: dict[str, dict[str, Any]] = field(default_factory=dict)
    added: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class TableError(Exception):
    """The table cannot be read at all (one line)."""


def read_table(path: Path, file: str) -> Table:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        grid = _workbook_rows(path)
    else:
        grid = _csv_rows(path)
    if not grid:
        raise TableError(_("{file}: the table is empty").format(file=file))
    header, *body = grid
    names = _headers()
    keys = [names.get(fold(name.strip())) for name in header]
    rows = [(number, cells) for number, cells in enumerate(body, start=2) if any(cells)]
    return Table(file, header, keys, rows)


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
            _("{file}: not UTF-8; save the table as CSV UTF-8").format(file=path)
        ) from None
    except OSError as exc:
        raise TableError(f"{path}: {exc.strerror or exc}") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [
        [nfc(cell) for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _workbook_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is no workbook
        raise TableError(
            _("{file}: not an Excel workbook ({reason})").format(file=path, reason=exc)
        ) from None
    sheet = book.worksheets[0]
    rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))


def _headers() -> dict[str, str]:
    """Every name a column may have → its field: the key, and its name in both languages."""
    names = {fold(key): key for key in AGREEMENT_FIELDS}
    for key, label in LABELS.items():
        if key in AGREEMENT_FIELDS:
            names.setdefault(fold(label), key)
            names.setdefault(fold(bokmal(label)), key)
            names.setdefault(fold(_(label)), key)
    names[fold("kommune")] = "members"
    return names


def _cell(text: str, key: str) -> str:
    """A cell as typed: Excel's neutralising ' taken off, the ? of unsettled members too."""
    text = text.strip()
    if text.startswith("'") and text[1:2] in FORMULA_START:
        text = text[1:]
    if key == "members":
        text = ", ".join(part.strip().removesuffix("?") for part in text.split(","))
    return text


def plan(table: Table, index: NameIndex, remove_missing: bool) -> Plan:
    """The changes the table asks for, or the problems that stop it."""
    result = Plan()

    def problem(row: int, column: int, message: str) -> None:
        result.problems.append(Problem(table.file, row, column, "error", message))

    for column, (key, name) in enumerate(zip(table.keys, table.header, strict=True), start=1):
        if key is None and name.strip():
            known = [*AGREEMENT_FIELDS]
            problem(
                1,
                column,
                _("unknown column {name}").format(name=repr(name)) + did_you_mean(name, known),
            )
    if "id" not in table.keys:
        problem(1, 1, _("the table has no id column"))
        return result
    where = table.keys.index("id")
    seen: dict[str, int] = {}
    current = index.agreements
    for number, cells in table.rows:
        cells = cells + [""] * (len(table.keys) - len(cells))
        ident = cells[where].strip()
        if not ident:
            problem(number, where + 1, _("the id is empty"))
            continue
        if ident in seen:
            problem(
                number,
                where + 1,
                _("id {id} appears twice (also row {row})").format(id=repr(ident), row=seen[ident]),
            )
            continue
        seen[ident] = number
        values: dict[str, Any] = {}
        for column, key in enumerate(table.keys):
            if key is None or key == "id":
                continue
            try:
                values[key] = value_of(index, key, _cell(cells[column], key))
            except EditError as exc:
                problem(number, column + 1, str(exc))
        agreement = current.get(ident)
        if agreement is None:
            result.added[ident] = {k: v for k, v in values.items() if v not in (None, [])}
            continue
        differ = {k: v for k, v in values.items() if not _same(agreement, k, v)}
        if differ:
            result.changed[ident] = differ
    if remove_missing:
        result.removed = [a.id for a in index.dataset.agreements if a.id not in seen]
    return result


_DEFAULT = Agreement("", "")


def _same(agreement: Agreement, key: str, value: Any) -> bool:
    """The cell says what the file says (an empty cell: the field's default)."""
    if value is None:
        value = getattr(_DEFAULT, key)
    return bool(getattr(agreement, key) == value)
