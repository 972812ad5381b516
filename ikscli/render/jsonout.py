"""JSON: the records as they are, UTF-8, indented, one trailing newline."""

from __future__ import annotations

import json
from typing import TextIO

from . import Output


def render(output: Output, out: TextIO) -> None:
    json.dump(output.records, out, ensure_ascii=False, indent=2)
    out.write("\n")
