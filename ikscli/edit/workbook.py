"""An Excel workbook read as a table (openpyxl), within bounds a register never reaches.

Before a cell is read, the archive's declared sizes and the sheet's dimensions are
checked: a workbook of a few kilobytes that unpacks to gigabytes (a "zip bomb"), or
declares millions of rows, is refused in one line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ikscli import files
from ikscli.edit.table import (
    BASE_SHEET,
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    Row,
    Table,
    TableError,
    _base_columns,
    _table,
    cell_of,
)
from ikscli.i18n import _
from ikscli.text import numbers
from ikscli.text.names import nfc

MAX_UNPACKED = 512 * 1024 * 1024  # bytes, all parts of the archive together
MAX_RATIO = 200  # unpacked size of a part over its packed size


def read_workbook(path: Path, file: str) -> Table:
    _check_archive(path, file)
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises several kinds for a file that is no workbook
        raise TableError(
            _("{file}: not an Excel workbook ({reason})").format(file=file, reason=_said(exc))
        ) from None
    try:
        return _read(book, file)
    finally:
        book.close()


def _said(exc: BaseException) -> str:
    from ikscli.text.untrusted import escaped

    text = escaped(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return text[:120]


def _check_archive(path: Path, file: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_UNPACKED or (info.file_size > 10 * 2**20 and ratio > MAX_RATIO):
                    raise TableError(
                        _(
                            "{file}: the workbook unpacks to more than a register can hold "
                            "({part}: {size} MiB); refused"
                        ).format(file=file, part=info.filename[:60], size=info.file_size // 2**20)
                    )
    except zipfile.BadZipFile:
        raise TableError(
            _("{file}: not an Excel workbook (not a zip archive)").format(file=file)
        ) from None
    except OSError as exc:
        raise TableError(f"{file}: {files.reason(exc, reading=True)}") from None


def _read(book: Any, file: str) -> Table:
    sheets = list(book.worksheets)
    visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
    wanted, base_rows, meta = None, None, {}
    hidden = next((s for s in sheets if s.title == BASE_SHEET and s not in visible), None)
    if hidden is not None:
        base_rows = _rows(hidden, file)
        meta = {str(r[0].text): r[1].text for r in base_rows if len(r) > 1 and r[0].text}
        wanted = meta.get("sheet")
    sheet = None
    if wanted:
        sheet = next((s for s in visible if s.title == wanted), None)
    if sheet is None:
        active = book.active
        sheet = active if active in visible else (visible[0] if visible else None)
    if sheet is None:
        raise TableError(_("{file}: the workbook has no visible sheet").format(file=file))
    rows = _rows(sheet, file)
    about = meta.get("about_sheet") if hidden is not None else None  # notes, not data
    others = [s.title for s in visible if s is not sheet and s.title != about]
    while rows and not any(c.text.strip() for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise TableError(
            _("{file}: the sheet {sheet} is empty").format(file=file, sheet=repr(sheet.title))
        )
    header_cells = rows[0]
    while header_cells and not header_cells[-1].text.strip():
        header_cells = header_cells[:-1]
    table = _table(file, "xlsx", [c.text for c in header_cells], sheet.title)
    note = _("read the sheet {sheet}").format(sheet=repr(sheet.title))
    if others:
        note += "; " + _("not read: {sheets}").format(sheets=", ".join(repr(o) for o in others))
    table.notes.append(note)
    width = len(table.header)
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.text.strip() for c in cells):
            continue
        cells = cells + [cell_of(None)] * (width - len(cells))
        if any(c.text.strip() for c in cells[width:]):
            table.problem(
                number,
                width + 1,
                _("a cell outside the header's columns: name its column, or clear it"),
            )
        table.rows.append(Row(number, cells[:width]))
    if base_rows is not None:
        _hidden_base(table, base_rows)
    else:
        _base_columns(table)
    return table


def _rows(sheet: Any, file: str) -> list[list[Any]]:
    dimension = getattr(sheet, "max_row", None), getattr(sheet, "max_column", None)
    if (dimension[0] or 0) > MAX_ROWS or (dimension[1] or 0) > MAX_COLUMNS * 10:
        raise TableError(
            _(
                "{file}: the sheet {sheet} declares {rows} rows and {columns} columns; refused"
            ).format(file=file, sheet=repr(sheet.title), rows=dimension[0], columns=dimension[1])
        )
    out = []
    for count, row in enumerate(sheet.iter_rows(), start=1):
        if count > MAX_ROWS:
            raise TableError(
                _("{file}: more than {n} rows; a register has fewer").format(
                    file=file, n=numbers.number(MAX_ROWS)
                )
            )
        cells = []
        for item in row[: MAX_COLUMNS * 10]:
            cell = cell_of(item.value)
            if getattr(item, "data_type", None) == "f":
                cell.kind = "formula"
            elif getattr(item, "data_type", None) == "e":
                cell.kind = "error"
            if len(cell.text) > MAX_CELL:
                raise TableError(
                    _("{file}: a cell of row {row} has more than {n} characters; refused").format(
                        file=file, row=count, n=numbers.number(MAX_CELL)
                    )
                )
            cell.text = nfc(cell.text)
            cells.append(cell)
        out.append(cells)
    return out


def _hidden_base(table: Table, rows: list[list[Any]]) -> None:
    """The base sheet: key/value lines (base, sheet), then the table of base cells
    (id, revision, one column per field) under a line that starts with 'id'."""
    at = next((i for i, r in enumerate(rows) if r and r[0].text == "id"), None)
    for r in rows[: at if at is not None else len(rows)]:
        if len(r) > 1 and r[0].text == "base":
            table.base = r[1].text.strip() or None
    if at is None:
        return
    keys = [c.text for c in rows[at]]
    for r in rows[at + 1 :]:
        values = {k: (r[i].text if i < len(r) else "") for i, k in enumerate(keys)}
        ident = values.pop("id", "").strip()
        if not ident:
            continue
        revision = values.pop("revision", "").strip()
        if revision:
            table.revisions[ident] = revision
        table.base_cells[ident] = values
