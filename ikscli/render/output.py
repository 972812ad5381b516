"""What a command shows: `Output` (rows for people, records for programs) and `Column`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

Justify = Literal["left", "center", "right"]


@dataclass
class Column:
    header: str
    key: str
    width: int | None = None  # a rich hint: minimum width for short columns
    max_width: int | None = None  # a rich hint: a list of names wraps rather than crowd others
    justify: Justify = "left"
    no_wrap: bool = False
    sub_key: str | None = None  # shown dimmed under the value in tables
    sub_header: str | None = None  # its own column in markdown


@dataclass
class Output:
    """What a command shows: rows for people, records for programs.

    `rows` and `records` may be given as functions of no arguments; they are then
    built only if the chosen format uses them (a JSON run builds no table rows).
    """

    columns: list[Column]
    _rows: list[dict[str, Any]] | Callable[[], list[dict[str, Any]]]
    _records: Any  # the JSON payload (usually a list of dicts), or a function giving it
    title: str | None = None
    csv_records: list[dict[str, Any]] | Callable[[], list[dict[str, Any]]] | None = None
    # ^ for CSV, when it differs from `records` (may be a function, built on use)
    footer: str | None = None  # a closing line under the table (e.g. a total)
    group_by: str | None = None  # the key whose changes start a new section
    capped: bool = True  # tables show at most TABLE_ROWS rows (False: the user chose --limit)
    headings: int = 0  # rows that are headings, not results: they do not count to the cap
    table_columns: list[Column] | None = None  # fewer columns for a table, if too many
    table_note: str | None = None  # said on stderr when a table leaves something out
    json_lines: Callable[[], list[str]] | None = None  # the records, already encoded
    # CSV as (header, rows of cells), when a command can build it faster than records:
    csv_table: Callable[[], tuple[list[str], Iterable[list[Any]]]] | None = None
    # A table written for editing (list and filter) says what it was made from, so that
    # `import` can merge it back: the dataset's digest, and each row's revision (in CSV
    # the columns base and revision; in a workbook, a hidden sheet).
    base: str | None = None
    revisions: Callable[[], list[tuple[str, str]]] | None = None  # (id, revision) per row
    base_columns: bool = True  # in CSV too (False: only a workbook's hidden sheet)
    sheet: str | None = None  # the workbook's sheet name
    # Per CSV row: whether its members are unsettled. Formats for programs keep the
    # names exact (members_basis says it); those for people (--excel, xlsx) mark each
    # name of the members column with ?.
    uncertain: Callable[[], list[bool]] | None = None
    # The dataset the output was made from, for a workbook's properties, its sheet about
    # the data and its drop-down lists (a Dataset; Any keeps render free of the model).
    dataset: Any = None

    @property
    def rows(self) -> list[dict[str, Any]]:
        if callable(self._rows):
            self._rows = self._rows()
        return self._rows

    @property
    def records(self) -> Any:
        if callable(self._records):
            self._records = self._records()
        return self._records


# A table longer than this is cut: rich needs ~0.8 ms a row, and a table of more than a
# screenful or two is read better as CSV in a spreadsheet. The cut is announced on
# stderr with the ways to get everything (--limit N, --format csv or json).
TABLE_ROWS = 60


# How a list (members, partners) is one cell of CSV, TSV or a sheet: names never hold it.
LIST_SEPARATOR = ", "


def cell(value: Any) -> str:
    """A value as table text: lists joined, None empty, a yes for true."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, dict):  # owners' shares, as the CSV of every column writes them
        return LIST_SEPARATOR.join(f"{k}: {v:g}" for k, v in value.items())
    return str(value)


def exact_cell(value: Any) -> str:
    """A value as a cell for programs (CSV, TSV): lists joined by LIST_SEPARATOR, None
    empty, booleans true and false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return cell(value)
