"""JSON: UTF-8, an array with one object per line (or an indented single object).

One object per line keeps large outputs fast (the C encoder does each line; with
`indent` Python's json falls back to pure Python, 10x slower) and makes a change to
one agreement a change to one line in a diff.
"""

from __future__ import annotations

import json
from typing import TextIO

from ikscli.render.output import Output


def render(output: Output, out: TextIO) -> None:
    if output.json_lines is not None:  # already encoded (see ikscli.render.cached_json)
        lines = output.json_lines()
    elif isinstance(output.records, list):
        from ikscli.render.cached_json import encoder

        encode = encoder()
        lines = [encode(record) for record in output.records]
    else:
        json.dump(output.records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    write_array(lines, out)


CHUNK = 2_000


def write_array(lines: list[str], out: TextIO) -> None:
    """A JSON array of already-encoded items, one per line, written in chunks: a
    200,000-agreement array is never joined into one string in memory."""
    if not lines:
        out.write("[]\n")
        return
    out.write("[\n")
    last = len(lines) - 1
    for start in range(0, len(lines), CHUNK):
        chunk = lines[start : start + CHUNK]
        end = "\n]\n" if start + CHUNK > last else ",\n"
        out.write(",\n".join("  " + line for line in chunk) + end)


def render_lines(output: Output, out: TextIO) -> None:
    """ndjson: one object per line and nothing else, as `jq -c` and sqlite-utils --nl
    write it (a single object, as `show` gives, is one line)."""
    if output.json_lines is not None:
        lines = output.json_lines()
    else:
        from ikscli.render.cached_json import encoder

        encode = encoder()
        records = output.records if isinstance(output.records, list) else [output.records]
        lines = [encode(record) for record in records]
    for start in range(0, len(lines), CHUNK):
        out.write("".join(line + "\n" for line in lines[start : start + CHUNK]))
