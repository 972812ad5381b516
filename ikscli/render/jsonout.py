"""JSON: UTF-8, an array with one object per line (or an indented single object).

One object per line keeps large outputs fast (the C encoder does each line; with
`indent` Python's json falls back to pure Python, 10x slower) and makes a change to
one agreement a change to one line in a diff.
"""

from __future__ import annotations

import json
from typing import TextIO

from . import Output


def _line_encoder():
    """json's C encoder, made once and reused for every line (JSONEncoder.encode would
    build a new one per call)."""
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
        return encode
    default = json.JSONEncoder().default
    c_encode = c_make_encoder(None, default, encode_basestring, None, ": ", ", ", False,
                              False, True)
    return lambda record: "".join(c_encode(record, 0))


def render(output: Output, out: TextIO) -> None:
    records = output.records
    if isinstance(records, list):
        encode = _line_encoder()
        out.write("[\n" + ",\n".join("  " + encode(r) for r in records) + ("\n]\n" if records else "]\n"))
    else:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
