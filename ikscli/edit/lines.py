"""A dataset file's text as lines, each with its own line break (\\n, \\r\\n or \\r).

The editing commands change the records they are asked to change and nothing else:
every other line keeps its bytes, its line break included, whatever mix of Unix,
Windows and old Mac endings the file has.
"""

from __future__ import annotations

import re

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
BREAKS = ("\r\n", "\r", "\n")


def split(text: str) -> list[str]:
    """`text` as lines, each ending with its own line break (the last may have none)."""
    return _LINES.findall(text)


def line_start(text: str, index: int) -> int:
    """Where the line that holds `index` starts (the \\n of a \\r\\n belongs to the line
    the \\r ends)."""
    end = index
    if 0 < index < len(text) and text[index] == "\n" and text[index - 1] == "\r":
        end = index - 1
    n = text.rfind("\n", 0, end)
    return max(n, text.rfind("\r", n + 1, end)) + 1  # a \r only after the last \n


def line_end(text: str, index: int) -> int:
    """Just after the line break of the line that holds `index` (or the text's end)."""
    n = text.find("\n", index)
    r = text.find("\r", index, len(text) if n == -1 else n)  # a \r only before the next \n
    if r != -1 and (n == -1 or r < n):
        return r + 2 if text.startswith("\r\n", r) else r + 1
    return len(text) if n == -1 else n + 1


def ending(line: str) -> str:
    """The line break `line` ends with ('' for none)."""
    for brk in BREAKS:
        if line.endswith(brk):
            return brk
    return ""


def body(line: str) -> str:
    """`line` without its line break."""
    return line[: len(line) - len(ending(line))]


def first_break(text: str, default: str = "\n") -> str:
    """The first line break in `text`: what new lines are written with."""
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else default


def line_number(text: str, index: int) -> int:
    """The 1-based line of `index` (\\r\\n, \\r and \\n each end a line)."""
    head = text[:index]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def with_breaks(text: str, newline: str) -> str:
    """Text written with \\n, its line breaks made `newline`."""
    return text if newline == "\n" else text.replace("\n", newline)


def is_comment(line: str) -> bool:
    return body(line).lstrip(" \t").startswith("#")


def is_blank(line: str) -> bool:
    return not body(line).strip(" \t")
