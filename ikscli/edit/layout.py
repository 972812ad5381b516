"""Where each record of a dataset file stands in its text, from what the reader saw.

The fast reader (`ikscli.reading.yamlread`) notes where every item of a top-level list
starts and where its last token ends, and where each top-level value lies. A record's
text is then exactly the lines from its first to its last token, whatever it holds
inside: blank lines, comments at any column, tabs, any line break. Nothing is found by
indentation. The lines between two records (blank lines, section comments) belong to
neither; the comment lines right above a record are its own when it is removed.

A `Layout` is plain numbers, so it is stored in the cache beside the validated dataset:
an edit of a file that a query read before finds its records without reading it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ikscli.edit import lines
from ikscli.edit.errors import Unsupported
from ikscli.i18n import _

_DASH = re.compile(r"[ ]*-[ ]+")


@dataclass(slots=True)
class Item:
    """One record's text: `text[start:end]`."""

    start: int  # a block item: the start of its first line; a flow item: its first character
    end: int  # a block item: just after its last line's break; a flow item: after its end
    node: int  # where its value starts (after "- ")
    flow: bool  # an item of a list written in flow style: spliced by characters, not lines
    dash: int  # the column of its "-" (block items), else -1


@dataclass
class Layout:
    """The records of each top-level list (parties, categories, agreements), and each
    top-level mapping (meta) as an item of its own."""

    sections: dict[str, list[Item]] = field(default_factory=dict)
    section_end: dict[str, int] = field(default_factory=dict)  # where each list ends
    blocks: dict[str, Item] = field(default_factory=dict)
    flow: dict[str, bool] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # the top-level keys, in the file's order

    def plain(self) -> Any:
        """For the cache: numbers only."""
        return (
            {
                k: [(i.start, i.end, i.node, i.flow, i.dash) for i in v]
                for k, v in self.sections.items()
            },
            dict(self.section_end),
            {k: (i.start, i.end, i.node, i.flow, i.dash) for k, i in self.blocks.items()},
            dict(self.flow),
            list(self.keys),
        )

    @classmethod
    def from_plain(cls, plain: Any) -> Layout:
        sections, ends, blocks, flow, keys = plain
        return cls(
            {k: [Item(*t) for t in v] for k, v in sections.items()},
            dict(ends),
            {k: Item(*t) for k, t in blocks.items()},
            dict(flow),
            list(keys),
        )


def build(text: str, outline: Any) -> Layout:
    """The layout of `text` from the reader's outline of it (or its `numbers`)."""
    _tag, starts, ends, blocks, flows = outline if isinstance(outline, tuple) else outline.numbers()
    result = Layout(flow=dict(flows), keys=[str(k) for k in blocks])
    for section, node, last in starts:
        result.sections.setdefault(section, []).append(
            _item(text, node, last, flows.get(section, False))
        )
    for section, index in ends.items():
        result.section_end[section] = index
        result.sections.setdefault(section, [])
    for key, (start, end) in blocks.items():
        if key in result.flow or end is None:
            continue
        head = text[lines.line_start(text, start) : start]
        if head.strip(" ") or start >= end:  # flow style, or empty
            result.blocks[key] = Item(start, end, start, True, -1)
        else:
            first = lines.line_start(text, start)
            result.blocks[key] = Item(
                first, _trimmed(text, first, lines.line_end(text, end - 1)), start, False, -1
            )
    return result


def _item(text: str, node: int, last: int, flow: bool) -> Item:
    if flow:
        return Item(node, last, node, True, -1)
    start = lines.line_start(text, node)
    end = _trimmed(text, start, lines.line_end(text, max(last - 1, node)))
    dash = _DASH.fullmatch(text, start, node)
    if dash is None:  # "-" on a line of its own, or a list inside a list
        return Item(start, end, node, False, -1)
    column = text.index("-", start, node) - start
    return Item(start, end, node, False, column)


def _trimmed(text: str, start: int, end: int) -> int:
    """`end` moved back over blank lines (a block scalar's token runs over the blank
    lines after it; they are between records, not in one)."""
    while end > start:
        before = lines.line_start(text, end - 1)
        if before <= start or not lines.is_blank(text[before:end]):
            break
        end = before
    return end


def odd(section: str, position: int) -> Unsupported:
    return Unsupported(
        _(
            "record {n} of {section} is laid out in a way ikscli does not change by itself; "
            "write it as the other records are (ikscli fmt does)"
        ).format(n=position + 1, section=section)
    )
