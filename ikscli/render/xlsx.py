"""A real Excel workbook (`--format xlsx -o FILE`): what `--excel` gives as CSV, with a
bold frozen header, an autofilter and column widths to read it by.

Its cells are those of the Excel CSV (headers and words in the reader's language,
uncertain members marked ?); counts stay numbers. A text that starts with = is stored
as text, never as a formula (openpyxl would otherwise write it as one), and
characters a workbook cannot hold are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from ikscli.render.csvout import excel_header, excel_words, marked, table_records
from ikscli.render.output import Output, exact_cell

MAX_WIDTH = 60  # characters: longer text wraps in the cell when opened
SAMPLED = 1_000  # rows read to choose the column widths


def _table(output: Output) -> tuple[list[str], Iterator[list[Any]]]:
    if output.csv_table is not None:
        keys, rows = output.csv_table()
        return list(keys), marked(output, list(keys), rows)
    records = table_records(output)
    keys = list(records[0]) if records else [c.key for c in output.columns]

    def values(record: dict[str, Any]) -> list[Any]:
        return [
            v if isinstance(v, (int, float)) and not isinstance(v, bool) else exact_cell(v)
            for v in map(record.get, keys)
        ]

    return keys, marked(output, keys, map(values, records))


def write(output: Output, out: BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    keys, rows = _table(output)
    words = excel_words(keys)
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(output.sheet or "ikscli")
    written: list[list[Any]] = []
    header = [text.removeprefix("'") for text in excel_header(keys)]
    sheet.append(header)
    for item in sheet[1]:
        item.font = Font(bold=True)
    widths = [len(h) for h in header]
    for number, row in enumerate(_cleaned(rows, words, ILLEGAL_CHARACTERS_RE), start=2):
        sheet.append(row)
        if output.base is not None:
            written.append(row)
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(number, column).data_type = "s"  # text, not a formula
        if number <= SAMPLED:
            widths = [max(w, len(str(v))) for w, v in zip(widths, row, strict=True)]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(keys)))
    sheet.auto_filter.ref = f"A1:{last}{max(1, sheet.max_row)}"
    if output.base is not None and output.revisions is not None:
        _base_sheet(book, sheet.title, keys, written, output)
    book.save(out)


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    return cleaned or "ikscli"


BASE_SHEET = "ikscli"


def _base_sheet(
    book: Any, title: str, keys: list[str], rows: list[list[Any]], output: Output
) -> None:
    """A hidden sheet that says what the table was made from: the dataset's digest, the
    sheet to read back, and each row's cells as written (the base of `import`'s merge)."""
    assert output.revisions is not None
    hidden = book.create_sheet(BASE_SHEET)
    hidden.sheet_state = "hidden"
    hidden.append(["base", output.base])
    hidden.append(["sheet", title])
    hidden.append(["format", "1"])
    hidden.append(["about", "ikscli import reads this sheet to merge the table back"])
    hidden.append(["id", "revision", *keys])
    for row, (ident, revision) in zip(rows, output.revisions(), strict=True):
        hidden.append([ident, revision, *("" if v is None else str(v) for v in row)])
    for line in hidden.iter_rows():
        for item in line:
            item.data_type = "s"  # text, never a formula


def _cleaned(
    rows: Iterable[list[Any]], words: dict[int, Callable[[Any], Any]], illegal: Any
) -> Iterator[list[Any]]:
    for row in rows:
        yield [
            illegal.sub("", words[i](v) if i in words else v) if isinstance(v, str) else v
            for i, v in enumerate("" if v is None else v for v in row)
        ]
