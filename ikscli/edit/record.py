"""Change one record's text: set, add or remove its fields, and nothing else.

A value is replaced by its own characters (the key, the comment after it and every
other line of the record stay as they are); a new field is a line of its own, after
the field that comes before it in the file's order; a removed field takes its own
lines, never a comment line. A value equal to its default (status active,
members_basis source, an empty list) is written as the file writes defaults: left
out. Each changed record is read back and must say exactly what was asked, so a
record the editor does not understand is refused, never damaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ikscli.edit import emit, lines
from ikscli.edit.errors import Unsupported
from ikscli.edit.syntax import Scalar, Sequence, Syntax, parse
from ikscli.i18n import _

REMOVE = object()  # in a change: take the field out


@dataclass
class Record:
    """A record's text, as it stands in the file, read two ways."""

    text: str
    syntax: Syntax
    value: dict[str, Any]  # what the reader makes of it


def read(text: str, what: str, known: Any = None) -> Record:
    """The record `text` (a list item or a mapping block); `what` names it in errors.
    `known`: the validated record it holds (its values, without reading it again)."""
    syntax = parse(text)
    value: Any = None
    problems = False
    if (
        syntax is not None
        and known is not None
        and all(hasattr(known, e.key) for e in syntax.entries)
    ):
        value = {e.key: getattr(known, e.key) for e in syntax.entries}
    elif syntax is not None:
        from ikscli.reading.yamlread import read as read_yaml

        reading = read_yaml(text, "-")
        value, problems = reading.value, bool(reading.problems)
        if syntax.in_list and isinstance(value, list) and len(value) == 1:
            value = value[0]
    if syntax is None or problems or not isinstance(value, dict):
        raise Unsupported(
            _(
                "{what} is written in a way ikscli does not change by itself (a nested "
                "value, an alias or a tag); change it in an editor"
            ).format(what=what)
        )
    return Record(text, syntax, value)


def changed(record: Record, changes: dict[str, Any], order: tuple[str, ...], what: str) -> str:
    """The record's text with `changes` ({field: value, or REMOVE}) made."""
    return changed_value(record, changes, order, what)[0]


def changed_value(
    record: Record, changes: dict[str, Any], order: tuple[str, ...], what: str
) -> tuple[str, dict[str, Any]]:
    """The record's text with `changes` made, and the values it now holds (checked)."""
    if record.syntax.flow:
        text = _flow(record, changes, order, what)
    else:
        text = _block(record, changes, order, what)
    expected = dict(record.value)
    for field, new in changes.items():
        if new is REMOVE:
            expected.pop(field, None)
        else:
            expected[field] = new
    check(text, expected, what)
    return text, expected


def check(text: str, expected: dict[str, Any], what: str) -> None:
    """`text` must read as `expected`, else the change is refused (a defect of ours,
    caught before anything is written)."""
    from ikscli.reading.yamlread import read as read_yaml

    reading = read_yaml(text, "-")
    value = reading.value
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if reading.problems or _dated(value) != _dated(expected):
        raise Unsupported(
            _(
                "{what}: the change cannot be written safely in this record's layout; "
                "nothing was changed (please report this, with the record)"
            ).format(what=what)
        )


def _dated(value: Any) -> Any:
    """A value with its dates as the text they are written as (a date is written quoted,
    and reads back as that text; the model reads both as the date)."""
    import datetime

    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dated(v) for k, v in value.items()}
    return value


def _json(record: Record) -> bool:
    """The record is written as JSON: keys in double quotes."""
    text = record.text
    entries = record.syntax.entries
    return bool(entries) and text[entries[0].key_start : entries[0].key_start + 1] == '"'


def _flow(record: Record, changes: dict[str, Any], order: tuple[str, ...], what: str) -> str:
    """A record written {...}: written again, whole, in the same style."""
    syntax = record.syntax
    if syntax.comments and any(syntax.start <= c < syntax.end for c in syntax.comments):
        raise Unsupported(
            _(
                "{what} is written in flow style with a comment inside; change it in an editor"
            ).format(what=what)
        )
    json = _json(record)
    values = dict(record.value)
    for field, new in changes.items():
        if new is REMOVE:
            values.pop(field, None)
        else:
            values[field] = new
    rank = {k: i for i, k in enumerate(order)}
    written = [e.key for e in syntax.entries if e.key in values]
    for field in sorted(
        (f for f in values if f not in written), key=lambda f: rank.get(f, len(rank))
    ):
        _insert_in_order(written, field, rank)
    inner = ", ".join(
        f"{emit.key(k, json)}: {emit.value(values[k], json=json, flow=True)}" for k in written
    )
    return record.text[: syntax.start] + "{" + inner + "}" + record.text[syntax.end :]


def _insert_in_order(keys: list[str], field: str, rank: dict[str, int]) -> None:
    mine = rank.get(field, len(rank))
    for i, key in enumerate(keys):
        if rank.get(key, len(rank)) > mine and i > 0:
            keys.insert(i, field)
            return
    keys.append(field)


def _block(record: Record, changes: dict[str, Any], order: tuple[str, ...], what: str) -> str:
    text, syntax = record.text, record.syntax
    newline = lines.first_break(text)
    edits: list[tuple[int, int, str]] = []
    rank = {k: i for i, k in enumerate(order)}
    column = _key_column(text, syntax)
    for field in sorted(changes, key=lambda f: rank.get(f, len(rank))):
        new = changes[field]
        entry = syntax.entry(field)
        if new is REMOVE:
            if entry is None:
                continue
            start = lines.line_start(text, entry.key_start)
            if syntax.in_list and start == lines.line_start(text, syntax.start):
                raise Unsupported(
                    _(
                        "{what}: {field} is on the line of the record's '-'; remove it in an editor"
                    ).format(what=what, field=field)
                )
            stop = lines.line_end(text, max(entry.key_end, _end(entry.value)) - 1)
            edits.append((start, stop, "".join(_comment_lines(text, start, stop, entry))))
            continue
        written = emit.value(new)
        if entry is None:
            at = _insertion_point(text, syntax, field, rank)
            edits.append((at, at, " " * column + f"{emit.key(field)}: {written}" + newline))
            continue
        edits.append(_replacement(text, entry, written, newline))
    out = text
    # from the end: two fields new at one place go in in the order's order
    ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    for _seq, (start, stop, replacement) in ordered:
        out = out[:start] + replacement + out[stop:]
    return out


def _comment_lines(text: str, start: int, stop: int, entry: Any) -> list[str]:
    """The comment lines of text[start:stop], which stay when the field goes (a line
    inside a block scalar that starts with # is text, not a comment)."""
    value = entry.value
    block = isinstance(value, Scalar) and value.style in ("|", ">")
    kept, at = [], start
    for line in lines.split(text[start:stop]):
        if lines.is_comment(line) and not (block and value.start <= at < value.end):
            kept.append(line)
        at += len(line)
    return kept


def _end(value: Scalar | Sequence) -> int:
    return value.end


def _key_column(text: str, syntax: Syntax) -> int:
    """The column of the record's keys (of its second key, if the first shares the '-' line)."""
    entries = syntax.entries
    chosen = entries[1] if len(entries) > 1 else entries[0]
    return chosen.key_start - lines.line_start(text, chosen.key_start)


def _insertion_point(text: str, syntax: Syntax, field: str, rank: dict[str, int]) -> int:
    """Just after the last line of the field that comes before `field` in the order."""
    mine = rank.get(field, len(rank))
    before = [e for e in syntax.entries if rank.get(e.key, len(rank)) < mine]
    anchor = before[-1] if before else syntax.entries[0]
    return lines.line_end(text, max(anchor.key_end, anchor.value.end) - 1)


def _replacement(text: str, entry: Any, written: str, newline: str) -> tuple[int, int, str]:
    value = entry.value
    if isinstance(value, Scalar) and value.style in ("|", ">"):
        # a block scalar's token runs to the line after its text, with any blank lines
        token = text[value.start : value.end]
        parts = lines.split(token)
        trailing = ""
        while parts and lines.is_blank(parts[-1]) and len(parts) > 1:
            trailing = parts.pop() + trailing
        brk = lines.ending(parts[-1]) if parts else newline
        return value.start, value.end, written + (brk or "") + trailing
    if isinstance(value, Sequence) and not value.flow:
        # a block list becomes a flow list on the key's line; comments inside stay
        stop = lines.line_end(text, value.end - 1)
        inside = lines.split(text[entry.key_end : stop])
        inline = ""
        head = lines.body(inside[0]) if inside else ""
        hash_at = head.find("#")
        if hash_at != -1:
            inline = "  " + head[hash_at:]
        kept = [line for line in inside[1:] if lines.is_comment(line)]
        brk = lines.ending(inside[-1]) if inside else newline
        return entry.key_end, stop, f": {written}{inline}{brk or newline}" + "".join(kept)
    if value.start == value.end:  # "key:" with nothing after it
        return value.start, value.end, (" " if written else "") + written
    return value.start, value.end, written


def new_record(
    values: dict[str, Any],
    order: tuple[str, ...],
    dash: int,
    newline: str,
    json: bool = False,
    flow: bool = False,
) -> str:
    """A new record's text: block lines under a '-' at column `dash`, or one flow item."""
    rank = {k: i for i, k in enumerate(order)}
    keys = sorted(values, key=lambda k: rank.get(k, len(rank)))
    if flow or json:
        inner = ", ".join(
            f"{emit.key(k, json)}: {emit.value(values[k], json=json, flow=True)}" for k in keys
        )
        item = "{" + inner + "}"
        return item if flow else " " * dash + "- " + item + newline
    out = []
    for i, k in enumerate(keys):
        head = " " * dash + "- " if i == 0 else " " * (dash + 2)
        out.append(f"{head}{emit.key(k)}: {emit.value(values[k])}{newline}")
    return "".join(out)
