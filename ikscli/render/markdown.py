"""Markdown: a pipe table for pasting into documents and issues."""

from __future__ import annotations

import re
from typing import TextIO

from ikscli.render.output import Output, cell
from ikscli.text.untrusted import CONTROL_CHARACTERS, escaped

_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\r": " ",
        "\n": " ",
        "\u2028": " ",
        "\u2029": " ",
    }
)


_NEEDS_ESCAPE = re.compile(f"[\\\\|&<>{CONTROL_CHARACTERS}]")


def escape(text: str) -> str:
    """Text for one Markdown line or table cell: no HTML, no cell or line breaks.

    `<`, `>` and `&` become entities (no raw HTML such as <img onerror>), `|` and
    `\\` are escaped, line breaks become spaces, and any other control
    character is written out (\\x1b).
    """
    if not _NEEDS_ESCAPE.search(text):  # most cells: nothing to do
        return text
    return escaped(text.translate(_MARKDOWN))


def render(output: Output, out: TextIO) -> None:
    if output.title:
        out.write(f"**{escape(output.title)}**\n\n")
    columns = [(c.header, c.key, c.justify) for c in output.columns]
    for c in output.columns:  # a dimmed second line in a table is a column of its own here
        if c.sub_key:
            columns.insert(
                columns.index((c.header, c.key, c.justify)) + 1,
                (c.sub_header or c.sub_key, c.sub_key, "left"),
            )
    out.write("| " + " | ".join(escape(h) for h, _, _ in columns) + " |\n")
    out.write("|" + "|".join("---:" if j == "right" else "---" for _, _, j in columns) + "|\n")
    for row in output.rows:
        out.write("| " + " | ".join(escape(cell(row.get(k))) for _, k, _ in columns) + " |\n")
    if output.footer:
        out.write(f"\n{escape(output.footer)}\n")
