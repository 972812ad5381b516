"""CSV: plain (comma, UTF-8) for programs, or for Norwegian Excel (semicolon, BOM)."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from . import Output, cell


def _records(output: Output) -> list[dict[str, Any]]:
    if output.csv_records is not None:
        return output.csv_records
    return output.records if isinstance(output.records, list) else [output.records]


def _write(output: Output, out: TextIO, delimiter: str, bom: bool) -> None:
    records = _records(output)
    keys = list(records[0]) if records else [c.key for c in output.columns]
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(keys)
    for record in records:
        writer.writerow([cell(record.get(k)) for k in keys])


def render(output: Output, out: TextIO) -> None:
    _write(output, out, ",", bom=False)


def render_excel(output: Output, out: TextIO) -> None:
    """Excel in a Norwegian locale splits on `;` and needs the BOM to read UTF-8."""
    _write(output, out, ";", bom=True)
