"""One record's text as the parser sees it: each key and value with where it stands.

A record is a mapping of plain values and lists of them (every record of a dataset
is). `parse` reads the record's own text with libyaml's events and gives each key's
and value's span, its style (plain, quoted, block) and whether a list is written in
flow style, so that a change can replace exactly the characters of one value and
keep every other character of the file. Anything else (a nested mapping, an alias,
a tag) is `None`: the caller then says it cannot change that record by itself.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - no libyaml
    _Parser = None


@dataclass(slots=True)
class Scalar:
    start: int
    end: int
    style: str  # '' plain, "'" or '"' quoted, '|' or '>' a block scalar
    text: str  # the value as the parser gives it (before types are resolved)


@dataclass(slots=True)
class Sequence:
    start: int
    end: int  # flow: after "]"; block: the end of its last item
    flow: bool
    items: list[Scalar] = field(default_factory=list)


Value = Scalar | Sequence


@dataclass(slots=True)
class Entry:
    key: str
    key_start: int
    key_end: int
    value: Value


@dataclass
class Syntax:
    """A record: its entries in the order written, and what else its text holds."""

    entries: list[Entry]
    flow: bool  # the mapping is written {...}
    start: int  # where the mapping starts (after "- " for an item)
    end: int  # where its last token ends
    comments: list[int]  # where each comment starts
    in_list: bool  # the text is an item of a list ("- ..."), not a bare mapping

    def entry(self, key: str) -> Entry | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


def parse(text: str) -> Syntax | None:
    """The syntax of one record's text (a list item or a mapping), or None when it is
    not a flat mapping of values and lists of values."""
    parser = _Parser(text) if _Parser is not None else yaml.SafeLoader(text)
    try:
        found = list(_events(parser))
    except yaml.YAMLError:
        return None
    position = 0
    # stream start, document start
    while position < len(found) and isinstance(
        found[position], (ev.StreamStartEvent, ev.DocumentStartEvent)
    ):
        position += 1
    in_list = False
    if position < len(found) and isinstance(found[position], ev.SequenceStartEvent):
        in_list = True
        position += 1
    if position >= len(found) or not isinstance(found[position], ev.MappingStartEvent):
        return None
    mapping = found[position]
    if mapping.anchor or (mapping.tag and mapping.tag not in ("tag:yaml.org,2002:map",)):
        return None
    position += 1
    entries: list[Entry] = []
    spans: list[tuple[int, int]] = []
    end = mapping.start_mark.index
    while position < len(found) and not isinstance(found[position], ev.MappingEndEvent):
        key = found[position]
        if not isinstance(key, ev.ScalarEvent) or key.anchor or key.tag:
            return None
        position += 1
        if position >= len(found):
            return None
        item = found[position]
        value: Value
        if isinstance(item, ev.ScalarEvent):
            if item.anchor or (item.tag and item.tag != "!"):
                return None
            value = _scalar(item)
            spans.append((value.start, value.end))
            position += 1
        elif isinstance(item, ev.SequenceStartEvent):
            if item.anchor or item.tag:
                return None
            sequence = Sequence(item.start_mark.index, item.end_mark.index, bool(item.flow_style))
            position += 1
            while position < len(found) and isinstance(found[position], ev.ScalarEvent):
                scalar = found[position]
                if scalar.anchor or scalar.tag:
                    return None
                sequence.items.append(_scalar(scalar))
                spans.append((sequence.items[-1].start, sequence.items[-1].end))
                position += 1
            if position >= len(found) or not isinstance(found[position], ev.SequenceEndEvent):
                return None
            closing = found[position]
            if sequence.flow:
                sequence.end = closing.end_mark.index
            elif sequence.items:
                sequence.end = sequence.items[-1].end
            position += 1
            value = sequence
        elif isinstance(item, ev.MappingStartEvent) and item.flow_style and not item.anchor:
            # a flow mapping of scalars (owners' shares: {Gausdal: 20, Øyer: 30}): replaced
            # as a whole, as a flow list is
            pairs = Sequence(item.start_mark.index, item.end_mark.index, True)
            position += 1
            while position < len(found) and isinstance(found[position], ev.ScalarEvent):
                scalar = found[position]
                if scalar.anchor or scalar.tag:
                    return None
                pairs.items.append(_scalar(scalar))
                spans.append((pairs.items[-1].start, pairs.items[-1].end))
                position += 1
            if position >= len(found) or not isinstance(found[position], ev.MappingEndEvent):
                return None
            pairs.end = found[position].end_mark.index
            position += 1
            value = pairs
        else:
            return None
        spans.append((key.start_mark.index, key.end_mark.index))
        entries.append(Entry(key.value, key.start_mark.index, key.end_mark.index, value))
        end = max(
            end,
            value.end
            if not isinstance(value, Sequence) or value.flow or value.items
            else value.start,
        )
    if position >= len(found):
        return None
    if mapping.flow_style:
        end = found[position].end_mark.index
    rest = found[position + 1 :]
    if in_list:
        if not rest or not isinstance(rest[0], ev.SequenceEndEvent):
            return None
        rest = rest[1:]
    if any(not isinstance(e, (ev.DocumentEndEvent, ev.StreamEndEvent)) for e in rest):
        return None
    return Syntax(
        entries,
        bool(mapping.flow_style),
        mapping.start_mark.index,
        end,
        _comments(text, spans),
        in_list,
    )


def _events(parser: Any) -> Iterator[Any]:
    get = parser.get_event
    while True:
        event = get()
        yield event
        if isinstance(event, ev.StreamEndEvent):
            return


def _scalar(event: Any) -> Scalar:
    return Scalar(event.start_mark.index, event.end_mark.index, event.style or "", event.value)


def _comments(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Where each comment starts: a # outside every token, at a line's start or after
    a space or tab."""
    spans.sort()
    starts = [s for s, _e in spans]
    found = []
    at = text.find("#")
    while at != -1:
        i = bisect.bisect_right(starts, at) - 1
        inside = i >= 0 and spans[i][0] <= at < spans[i][1]
        if not inside and (at == 0 or text[at - 1] in " \t\r\n"):
            found.append(at)
            nl = min((p for p in (text.find("\n", at), text.find("\r", at)) if p != -1), default=-1)
            if nl == -1:
                break
            at = text.find("#", nl)
            continue
        at = text.find("#", at + 1)
    return found
