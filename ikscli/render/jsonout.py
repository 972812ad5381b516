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
    if output.json_lines is not None:  # already encoded (see ikscli.jsonlines)
        lines = output.json_lines()
    elif isinstance(output.records, list):
        from ..jsonlines import encoder

        encode = encoder()
        lines = [encode(record) for record in output.records]
    else:
        json.dump(output.records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    out.write("[\n" + ",\n".join("  " + line for line in lines) + ("\n]\n" if lines else "]\n"))
