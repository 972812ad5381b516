"""CSV: plain (comma, UTF-8) for programs, or for Norwegian Excel (semicolon, BOM).

Plain CSV (and TSV) is for programs and keeps every value exactly as it is: names as
in the file (whether the members are settled is the members_basis column), lists
joined by ", ", booleans true and false, an empty cell for nothing. Excel CSV is for
people opening it in a spreadsheet: headers and words in their language, members the
source does not settle marked ?, formulas neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from ikscli.analysis.marks import UNCERTAIN
from ikscli.i18n import _, basis_word, label, norwegian, status_word
from ikscli.render.output import LIST_SEPARATOR, Output, exact_cell


def table_records(output: Output) -> list[dict[str, Any]]:
    if callable(output.csv_records):
        output.csv_records = output.csv_records()
    if output.csv_records is not None:
        return output.csv_records
    return output.records if isinstance(output.records, list) else [output.records]


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...),
# +cmd|..., @SUM(...)); OWASP's advice is to make it text with a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula; a value that itself
    starts with ' gets one more, which `import` takes off again."""
    return "'" + text if text.startswith(_ESCAPED) else text


_ESCAPED = (*FORMULA_START, "'")
_FIRST = frozenset(_ESCAPED)


def _write(output: Output, out: TextIO, delimiter: str, bom: bool, end: str = "\r\n") -> None:
    if output.csv_table is not None:
        _write_table(output, out, delimiter, bom, end)
        return
    records = table_records(output)
    keys = list(records[0]) if records else [c.key for c in output.columns]
    if output.base is not None and output.revisions is not None and output.base_columns:
        records = _with_base(output, records)
        keys += [BASE, REVISION]
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=end)

    def cells(record: dict[str, Any]) -> list[str]:
        # strings, the most common value, need no call to exact_cell()
        return [
            v if type(v) is str else "" if v is None else exact_cell(v)
            for v in map(record.get, keys)
        ]

    if bom:  # for a spreadsheet: every cell text, none a formula, in the reader's language
        writer.writerow(excel_header(keys))
        words = excel_words(keys)
        writer.writerows(
            [neutralised(words[i](c) if i in words else c) for i, c in enumerate(row)]
            for row in marked(output, keys, map(cells, records))
        )
        return
    writer.writerow(keys)
    writer.writerows(map(cells, records))


def _write_table(output: Output, out: TextIO, delimiter: str, bom: bool, end: str) -> None:
    """Rows of cells straight from the command (None is written empty by csv)."""
    assert output.csv_table is not None
    keys, rows = output.csv_table()
    if output.base is not None and output.revisions is not None and output.base_columns:
        base, revisions = output.base, output.revisions()
        keys = [*keys, BASE, REVISION]
        rows = (
            [*row, base, revision] for row, (_id, revision) in zip(rows, revisions, strict=True)
        )
    if bom:
        out.write("\ufeff")
    buffer = io.StringIO()  # a row at a time into memory, to `out` in chunks: fewer writes
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=end)
    first = _FIRST
    writer.writerow(excel_header(keys) if bom else keys)
    words = excel_words(keys) if bom else {}
    if bom:
        rows = marked(output, keys, rows)
    for chunk in _chunks(rows, 5_000):
        if bom:
            chunk = [
                [("'" + c if type(c) is str and c[:1] in first else c) for c in row]
                for row in chunk
            ]
            for i, word in words.items():
                for row in chunk:
                    row[i] = word(row[i])
        writer.writerows(chunk)
        out.write(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    out.write(buffer.getvalue())


BASE, REVISION = "base", "revision"


def _with_base(output: Output, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert output.revisions is not None
    return [
        {**record, BASE: output.base, REVISION: revision}
        for record, (_id, revision) in zip(records, output.revisions(), strict=True)
    ]


def excel_header(keys: list[str]) -> list[str]:
    """Excel's header row: the JSON keys, or in bokmål the column names people read."""
    return [neutralised(label(k) if norwegian() else k) for k in keys]


def marked(output: Output, keys: list[str], rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """Rows for people: in the members column, each name the source does not settle
    marked ? (as the table and the report mark it)."""
    if output.uncertain is None or "members" not in keys:
        yield from rows
        return
    column = keys.index("members")
    for row, unsure in zip(rows, output.uncertain(), strict=True):
        if unsure and row[column]:
            row = list(row)
            row[column] = LIST_SEPARATOR.join(
                name + UNCERTAIN[1:] for name in row[column].split(LIST_SEPARATOR)
            )
        yield row


def _yes(value: Any) -> Any:
    return (
        _("yes") if value in ("true", "yes", True) else "" if value in ("false", False) else value
    )


def excel_words(keys: list[str]) -> dict[int, Callable[[Any], Any]]:
    """Column → how its values read in words, in the reader's language (a yes for true,
    nothing for false; statuses, what settled the members and the law's words)."""
    said: dict[str, Callable[[Any], Any]] = {
        "form_inferred": _yes,
        "must_change": _yes,
        "region": _yes,
    }
    if norwegian():
        said.update(
            {
                "status": status_word,
                "members_basis": basis_word,
                "kommuneloven_2018": lambda v: _(v) if v else v,
                "deadline": lambda v: _(v) if v else v,
            }
        )
    return {i: said[k] for i, k in enumerate(keys) if k in said}


def _chunks(rows: Iterable[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def render(output: Output, out: TextIO) -> None:
    _write(output, out, ",", bom=False)


def render_tsv(output: Output, out: TextIO) -> None:
    """Tab-separated, one record per line (a value with a tab, a line break or a quote
    is quoted, as CSV quotes it)."""
    _write(output, out, "\t", bom=False, end="\n")


def render_excel(output: Output, out: TextIO) -> None:
    """Excel in a Norwegian locale splits on `;` and needs the BOM to read UTF-8."""
    _write(output, out, ";", bom=True)
