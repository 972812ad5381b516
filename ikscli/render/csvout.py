"""CSV: plain (comma, UTF-8) for programs, or for Norwegian Excel (semicolon, BOM).

Excel CSV is for people opening it in a spreadsheet: formulas are neutralised. Plain
CSV is for programs and keeps every value exactly as it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from ikscli.i18n import _, label, norwegian, status_word
from ikscli.render.output import Output, cell


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
        # strings, the most common value, need no call to cell()
        return [
            v if type(v) is str else "" if v is None else cell(v) for v in map(record.get, keys)
        ]

    if bom:  # for a spreadsheet: every cell text, none a formula, in the reader's language
        writer.writerow(excel_header(keys))
        words = excel_words(keys)
        writer.writerows(
            [neutralised(words[i](c) if i in words else c) for i, c in enumerate(cells(record))]
            for record in records
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


def excel_words(keys: list[str]) -> dict[int, Callable[[Any], Any]]:
    """Column → how its values read in words, for the columns said in words (bokmål only)."""
    if not norwegian():
        return {}
    yes = _("yes")
    said = {
        "status": status_word,
        "form_inferred": lambda v: yes if v == "yes" else v,
        "must_change": lambda v: yes if v == "yes" else v,
        "kommuneloven_2018": lambda v: _(v) if v else v,
        "deadline": lambda v: _(v) if v else v,
    }
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
