"""JSON: UTF-8, an array with one object per line (or an indented single object).

One object per line keeps large outputs fast (the C encoder does each line; with
`indent` Python's json falls back to pure Python, 10x slower) and makes a change to
one agreement a change to one line in a diff.
"""

from __future__ import annotations

import json
from typing import TextIO

from . import Output


def render(output: Output, out: TextIO) -> None:
    records = output.records
    if isinstance(records, list):
        encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
        out.write("[\n" + ",\n".join("  " + encode(r) for r in records) + ("\n]\n" if records else "]\n"))
    else:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
