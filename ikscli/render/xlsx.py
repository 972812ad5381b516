"""A real Excel workbook (`--format xlsx -o FILE`): what `--excel` gives as CSV, with a
bold frozen header, an autofilter and column widths to read it by.

Its cells are those of the Excel CSV (headers and words in the reader's language,
uncertain members marked ?); counts stay numbers. A text that starts with = is stored
as text, never as a formula (openpyxl would otherwise write it as one), and
characters a workbook cannot hold are left out.

Printed, it is A4 landscape, one page wide, the header row on every page; long text
wraps in its cell. The workbook's properties (title, subject, creator) and a second
sheet say what the data is (title, date, source, licence) and what ? means; the
columns of a closed set (form, status, host, category, members_basis) offer their
values in a drop-down list, read from a hidden sheet of lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from ikscli.i18n import BASIS, _, basis_word, norwegian, status_word
from ikscli.query.parties import every_party
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
    from openpyxl.styles import Alignment, Font
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
    wrapped = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)
        if width + 2 > MAX_WIDTH:  # long text wraps in its cell, on screen and on paper
            _wrap(sheet, column, wrapped)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(keys)))
    sheet.auto_filter.ref = f"A1:{last}{max(1, sheet.max_row)}"
    _for_print(sheet)
    if output.dataset is not None:
        _properties(book, output.dataset)
        about = _about_sheet(book, output.dataset)
        _drop_downs(book, sheet, keys, output.dataset)
    else:
        about = None
    if output.base is not None and output.revisions is not None:
        _base_sheet(book, sheet.title, keys, written, output, about)
    book.save(out)


def _wrap(sheet: Any, column: int, wrapped: Any) -> None:
    """Every cell of a column below the header wraps its text: the first gets the
    alignment, the others a copy of its style (as fast as a workbook of 200,000 rows
    needs; setting the alignment cell by cell looks it up each time)."""
    from copy import copy

    first = None
    for (item,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if first is None:
            item.alignment = wrapped
            first = item._style
        else:
            item._style = copy(first)


def _for_print(sheet: Any) -> None:
    """A4 landscape, one page wide, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _properties(book: Any, dataset: Any) -> None:
    from ikscli._version import __version__

    meta = dataset.meta
    book.properties.title = meta.title
    book.properties.subject = _("Intermunicipal cooperation as of {date}").format(
        date=meta.as_of.strftime("%d.%m.%Y")
    )
    book.properties.description = meta.source
    book.properties.creator = f"ikscli {__version__}"
    book.properties.keywords = "interkommunalt samarbeid"
    if meta.language:
        book.properties.language = meta.language


def _about_sheet(book: Any, dataset: Any) -> str:
    """A sheet that says what the data is and what its marks mean."""
    from openpyxl.styles import Alignment, Font

    meta = dataset.meta
    sheet = book.create_sheet(_sheet_title(_("About the data")))
    rows = [
        (_("Title"), meta.title),
        (_("Region"), meta.region or ""),
        (_("As of"), meta.as_of.strftime("%d.%m.%Y")),
        (_("Source"), meta.source),
        (_("Licence"), meta.licence or _("(the source names none)")),
        ("?", _("after a name: the source does not settle that membership")),
        (_("Made by"), "ikscli"),
    ]
    for key, value in rows:
        sheet.append([key, value])
    for key, value in sheet.iter_rows():
        key.font = Font(bold=True)
        value.alignment = Alignment(wrap_text=True, vertical="top")
        value.data_type = "s"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 90
    return str(sheet.title)


LISTS_SHEET = "lister"  # hidden: the values a drop-down list offers


def _drop_downs(book: Any, sheet: Any, keys: list[str], dataset: Any) -> None:
    """A drop-down list on each column of a closed set: form, status, host, category and
    members_basis, with the values in the words the sheet uses (import reads them)."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from ikscli.model import FORMS, STATUSES

    values = {
        "form": list(FORMS),
        "status": [status_word(s) if norwegian() else s for s in STATUSES],
        "host": [p.name for p in every_party(dataset)],
        "category": list(dataset.categories),
        "members_basis": [basis_word(b) if norwegian() else b for b in BASIS],
    }
    wanted = [(i, k) for i, k in enumerate(keys, start=1) if k in values and values[k]]
    if not wanted or sheet.max_row < 2:
        return
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for number, (column, key) in enumerate(wanted, start=1):
        letter = get_column_letter(number)
        lists.cell(1, number, key)
        for row, value in enumerate(values[key], start=2):
            lists.cell(row, number, value).data_type = "s"
        source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values[key]) + 1}"
        check = DataValidation(type="list", formula1=source, allow_blank=True)
        check.error = _("Choose one of the list's values, or leave the cell empty.")
        check.showErrorMessage = key != "host"  # a host from outside may be new
        target = get_column_letter(column)
        check.add(f"{target}2:{target}{sheet.max_row}")
        sheet.add_data_validation(check)


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    return cleaned or "ikscli"


BASE_SHEET = "ikscli"


def _base_sheet(
    book: Any,
    title: str,
    keys: list[str],
    rows: list[list[Any]],
    output: Output,
    about: str | None = None,
) -> None:
    """A hidden sheet that says what the table was made from: the dataset's digest, the
    sheet to read back, and each row's cells as written (the base of `import`'s merge)."""
    assert output.revisions is not None
    hidden = book.create_sheet(BASE_SHEET)
    hidden.sheet_state = "hidden"
    hidden.append(["base", output.base])
    hidden.append(["sheet", title])
    if about is not None:
        hidden.append(["about_sheet", about])  # people's notes, not data: import skips it
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
