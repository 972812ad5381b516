"""Tables for people: rich, fitted to the terminal (80 columns when not a terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from ikscli.i18n import _
from ikscli.render.output import TABLE_ROWS, Column, Output, cell
from ikscli.render.terminal import console, say
from ikscli.text import numbers
from ikscli.text.options import option
from ikscli.text.untrusted import escaped

if TYPE_CHECKING:
    from rich.text import Text

_START = object()


def render(output: Output, out: TextIO) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    con = console(out)
    table = Table(
        title=escaped(output.title) if output.title else None,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        title_justify="left",
        expand=False,
        highlight=False,
    )
    columns = output.table_columns or output.columns
    if output.table_note:
        say(output.table_note)
    rows = output.rows
    cap = TABLE_ROWS + output.headings
    if output.capped and len(rows) > cap:
        rows = rows[:cap]
        say(
            _(
                "Showing the first {shown} of {total} rows. Use {limit_n} to choose how many, "
                "or {format_csv_json} for all of them."
            ).format(
                shown=numbers.number(TABLE_ROWS),
                total=numbers.number(len(output.rows) - output.headings),
                limit_n=option("limit_n"),
                format_csv_json=option("format_csv_json"),
            )
        )
    for column in columns:
        least = _min_width(column, rows)
        table.add_column(
            column.header,
            justify=column.justify,
            min_width=least,
            # a column held open for its ids is exactly that wide: rich shrinks wrapping
            # columns to fit, and one it shrank below its minimum would push the table past
            # the edge, where rich crops text without a mark
            width=_fixed_width(column, rows, least) if column.sub_key else None,
            max_width=column.max_width,
            no_wrap=column.no_wrap,
            overflow="fold",
        )
    previous = _START
    for row in rows:
        if output.group_by is not None:
            group = row.get(output.group_by)
            if group != previous and previous is not _START:
                table.add_section()
            previous = group
        table.add_row(*(_cell(row, c) for c in columns))
    con.print(table)
    if output.footer:
        con.print(Text(escaped(output.footer)))


# The second line of a cell is an id (or id · status), which people copy into `show`:
# its column is made wide enough to hold it whole; one longer than this is cut with an
# ellipsis, never split over two lines.
ID_WIDTH = 36
NAME_WIDTH = 33  # a column of names is at most this wide (with its gaps, 36); names wrap


def _min_width(column: Column, rows: list[dict[str, Any]]) -> int | None:
    """At least the column's own hint, its longest header word, its longest id, and, for
    a column that does not wrap, its longest value."""
    widths = [column.width or 0, max(len(word) for word in column.header.split() or [""])]
    if column.no_wrap:  # it cannot wrap: as wide as its longest value, or it is cut
        widths.append(min(ID_WIDTH, max((len(cell(r.get(column.key))) for r in rows), default=0)))
    if column.sub_key:
        widths.append(
            min(ID_WIDTH, max((len(cell(r.get(column.sub_key))) for r in rows), default=0))
        )
    return max(widths) or None


def _fixed_width(column: Column, rows: list[dict[str, Any]], least: int | None) -> int:
    """The width of a column of names with ids under them: its widest line, at least
    `least` (its ids whole) and at most NAME_WIDTH (longer names wrap)."""
    widest = max(
        (len(line) for r in rows for line in cell(r.get(column.key)).split("\n")), default=0
    )
    return max(least or 0, min(widest, NAME_WIDTH))


def _cell(row: dict[str, Any], column: Column) -> Text:
    from rich.text import Text

    # Text() rather than a markup string: [brackets] in the data stay as they are.
    # a line break the command put in a value (show's evidence, sub-agreements) stays one
    lines = cell(row.get(column.key)).split("\n")
    text = Text("\n".join(escaped(line) for line in lines))
    if column.sub_key and row.get(column.sub_key):
        sub = escaped(cell(row.get(column.sub_key)))
        if len(sub) > ID_WIDTH:
            sub = sub[: ID_WIDTH - 1] + "…"
        text.append("\n" + sub, style="dim")
    return text
