"""`ikscli fmt`'s canonical form, record by record.

The canonical file: meta, parties, categories, agreements in that order; each record's
keys in the file's order; members and partners as flow lists; text plain where YAML
allows it, else quoted (see `ikscli.edit.emit`); one blank line before each agreement
and its comments, never two in a row; the header comment, every other comment and
each block scalar (`>-`) as they are.

A file already laid out so (its sections in order, records under "  - ") is formatted
record by record: a record without comments is written again from its values (fast:
no round-trip parser), compared with its text, and replaced only if it differs; a
record with comments goes through ruamel.yaml, which keeps them. Any other file is
put in that shape by ruamel.yaml first, then formatted the same way, so the result is
the same fixed point whichever way it came.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from ikscli.edit import emit, lines
from ikscli.edit.draft import ORDERS
from ikscli.edit.layout import Layout, build
from ikscli.edit.spacing import blank_lines
from ikscli.edit.syntax import Scalar, parse

TOP = ("meta", "parties", "categories", "agreements")
FLOW = ("members", "partners")


class Memo:
    """Records already known to be canonical, by a short hash of their text: a file that
    is canonical but for one record costs one record's formatting, not the file's."""

    def __init__(self, known: set[bytes] | None = None) -> None:
        self.known = known if known is not None else set()
        self.new: set[bytes] = set()
        self.whole_file = False  # the file went through ruamel.yaml whole (not record by record)

    @staticmethod
    def key(text: str) -> bytes:
        import hashlib

        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()

    def __contains__(self, text: str) -> bool:
        return self.key(text) in self.known

    def add(self, text: str) -> None:
        key = self.key(text)
        if key not in self.known:
            self.known.add(key)
            self.new.add(key)


def canonical(text: str, layout: Layout, dataset: Any = None, memo: Memo | None = None) -> str:
    """`text` (whose records `layout` places) in canonical form, with \\n line breaks.
    `dataset` is what the text holds (validated): records are written from its values."""
    memo = memo if memo is not None else Memo()
    if not _laid_out(text, layout):
        memo.whole_file = True
        from ikscli.edit.roundtrip import canonical_text
        from ikscli.reading import yamlread

        text = canonical_text(_unix(text))
        reading = yamlread.read(text, "-")
        if reading.problems or reading.outline is None:
            return text
        layout = build(text, reading.outline)
        if not _laid_out(text, layout):
            return text
    return _formatted(text, layout, dataset, memo)


def _laid_out(text: str, layout: Layout) -> bool:
    """The file's sections in order, in block style, records under '  - '."""
    if [k for k in layout.keys if k in TOP] != list(TOP) or len(layout.keys) != len(TOP):
        return False
    meta = layout.blocks.get("meta")
    if meta is None or meta.flow or _column(text, meta.node) != 2:
        return False
    for section in ("parties", "categories", "agreements"):
        if layout.flow.get(section, True):
            return False
        if any(item.flow or item.dash != 2 for item in layout.sections.get(section, [])):
            return False
    return True


def _column(text: str, index: int) -> int:
    return index - lines.line_start(text, index)


def _unix(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _formatted(text: str, layout: Layout, dataset: Any, memo: Memo) -> str:
    splices: list[tuple[int, int, str]] = []

    def visit(item: Any, order: tuple[str, ...], in_list: bool, known: Any) -> None:
        old = text[item.start : item.end]
        if "\r" not in old and old in memo:
            return
        new = record(old, order, in_list, known)
        if new is None:
            return
        if new != _unix(old):
            splices.append((item.start, item.end, new))
        memo.add(new)

    for section in ("parties", "agreements"):
        items = layout.sections.get(section, [])
        values: list[Any] = list(getattr(dataset, section, None) or [])
        same = len(values) == len(items)
        for position, item in enumerate(items):
            visit(item, ORDERS[section], True, values[position] if same else None)
    for item in layout.sections.get("categories", []):
        old = text[item.start : item.end]
        new = _category(old)
        if new is not None and new != _unix(old):
            splices.append((item.start, item.end, new))
    visit(layout.blocks["meta"], ORDERS["meta"], False, getattr(dataset, "meta", None))
    out, cursor = [], 0
    for start, end, new in sorted(splices):
        out.append(text[cursor:start])
        out.append(new)
        cursor = end
    out.append(text[cursor:])
    return blank_lines(_unix("".join(out)))


def record(text: str, order: tuple[str, ...], in_list: bool, known: Any = None) -> str | None:
    """A record's canonical text (\\n line breaks), or None to leave it as it is. `known`:
    the validated record the text holds (its values, without reading the text again).
    The new text must read as the old: a record the formatter would change in meaning
    is left as it is."""
    new = _record(text, order, in_list, known)
    if new is None or new == _unix(text):
        return new
    from ikscli.reading.yamlread import read

    old, made = read(text, "-"), read(new, "-")
    if old.problems or made.problems or old.value != made.value:
        return None
    return new


def _record(text: str, order: tuple[str, ...], in_list: bool, known: Any) -> str | None:
    syntax = parse(text)
    if syntax is None or syntax.in_list != in_list:
        return None
    if syntax.flow or syntax.comments or _blank_inside(text, syntax):
        return _round_trip(text, order, in_list)
    if known is not None and all(hasattr(known, e.key) for e in syntax.entries):
        value = {e.key: getattr(known, e.key) for e in syntax.entries}
    else:
        from ikscli.reading.yamlread import read

        reading = read(text, "-")
        value = reading.value[0] if in_list and isinstance(reading.value, list) else reading.value
        if reading.problems or not isinstance(value, dict):
            return None
    rank = {k: i for i, k in enumerate(order)}
    entries = sorted(syntax.entries, key=lambda e: rank.get(e.key, len(rank)))
    indent = 4 if in_list else 2
    out = []
    for i, entry in enumerate(entries):
        head = ("  - " if i == 0 else " " * indent) if in_list else "  "
        value_text = _value(text, entry, value.get(entry.key), indent)
        if value_text is None:
            return _round_trip(text, order, in_list)
        out.append(f"{head}{emit.key(entry.key)}:{value_text}\n")
    return "".join(out)


def _value(text: str, entry: Any, value: Any, indent: int) -> str | None:
    """' value' for one key (with its leading space), or None when only the round-trip
    parser can write it."""
    token = entry.value
    if isinstance(token, Scalar) and token.style in ("|", ">"):
        return _block_scalar(text, token, indent)
    if value is None:
        return ""
    if entry.key in FLOW and not isinstance(value, list):
        return None
    if isinstance(value, list):
        if entry.key not in FLOW or not all(isinstance(v, str) for v in value):
            return None
        return " " + emit.value(value)
    if isinstance(value, (str, bool, int, datetime.date)) and not isinstance(value, float):
        return " " + emit.value(value)
    return None


_CONTENT = re.compile(r"( *)(\S?)")


def _block_scalar(text: str, token: Scalar, indent: int) -> str | None:
    """A block scalar as written, when its lines stand where the canonical file puts
    them (two spaces in from its key); else None."""
    parts = lines.split(text[token.start : token.end])
    while len(parts) > 1 and lines.is_blank(parts[-1]):
        parts.pop()
    header = lines.body(parts[0]).rstrip()
    if header not in (">", ">-", "|", "|-", ">+", "|+") or header.endswith("+"):
        return None
    body = []
    for part in parts[1:]:
        line = lines.body(part)
        match = _CONTENT.match(line)
        assert match is not None
        if not line.strip():
            body.append("")
            continue
        if len(match.group(1)) != indent + 2 or line != line.rstrip(" \t"):
            return None
        body.append(line)
    if not body:
        return None
    return " " + header + "\n" + "\n".join(body)


def _blank_inside(text: str, syntax: Any) -> bool:
    """A blank line between the record's first and last token."""
    inside = text[: syntax.end]
    for part in lines.split(inside)[:-1]:
        if lines.is_blank(part):
            return True
    return False


def _category(text: str) -> str | None:
    syntax_value = re.fullmatch(r"  - (.*?)(\r\n|\r|\n)?", text, re.S)
    if syntax_value is None or "#" in text:
        return None
    from ikscli.reading.yamlread import read

    reading = read(text, "-")
    if reading.problems or not isinstance(reading.value, list) or len(reading.value) != 1:
        return None
    value = reading.value[0]
    if not isinstance(value, str):
        return None
    return f"  - {emit.scalar(value)}\n"


def _round_trip(text: str, order: tuple[str, ...], in_list: bool) -> str | None:
    """A record with comments (or laid out in flow style), through ruamel.yaml."""
    from ikscli.edit.roundtrip import RoundTripError, canonical_record

    clean = _untabbed(text)
    if clean is None:
        return None
    try:
        return canonical_record(_unix(clean), order, in_list)
    except RoundTripError:
        return None


def _untabbed(text: str) -> str | None:
    """ruamel.yaml reads no tab where YAML allows one as a space: those tabs become
    spaces (a tab inside a value: None, the record is left as it is)."""
    if "\t" not in text:
        return text
    syntax = parse(text)
    if syntax is None:
        return None
    spans = [(e.value.start, e.value.end) for e in syntax.entries if isinstance(e.value, Scalar)]
    for e in syntax.entries:
        spans.append((e.key_start, e.key_end))
        if not isinstance(e.value, Scalar):
            spans += [(i.start, i.end) for i in e.value.items]
    chars = list(text)
    for at, ch in enumerate(chars):
        if ch == "\t":
            if any(s <= at < e for s, e in spans):
                return None
            chars[at] = " "
    return "".join(chars)
