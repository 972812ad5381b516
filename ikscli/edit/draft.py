"""The changes asked of a dataset file, made on its text together, record by record.

A `Draft` collects what a command asks (change these fields of that record, add this
one after that, remove another), then `render` writes each affected record's new text
into the file's text in one pass: every character outside those records stays as it
was. It also says which records are new or changed, so that only they need reading and
checking again (`ikscli.edit.session`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ikscli.edit import lines
from ikscli.edit.errors import Unsupported
from ikscli.edit.layout import Item, Layout, odd
from ikscli.edit.record import REMOVE, Record, changed_value, new_record, read
from ikscli.i18n import _
from ikscli.model import AGREEMENT_FIELDS, META_FIELDS, PARTY_FIELDS

# Each section's order of fields, as the canonical file writes them.
META_ORDER = ("title", "region", "as_of", "source")
PARTY_ORDER = ("name", "short_name", "kind", "region", "number_2019", "number_2020", "number_2024")


def _complete(order: tuple[str, ...], fields: tuple[str, ...]) -> tuple[str, ...]:
    return order + tuple(f for f in fields if f not in order)


ORDERS: dict[str, tuple[str, ...]] = {
    "agreements": AGREEMENT_FIELDS,
    "parties": _complete(PARTY_ORDER, PARTY_FIELDS),
    "meta": _complete(META_ORDER, META_FIELDS),
}
NAMES = {"agreements": "agreement", "parties": "party"}


@dataclass
class Splice:
    """One change of the text: text[start:end] becomes `text`. What it is for is kept,
    so that the next command can know where the new file's records stand without
    reading it (`ikscli.edit.remember`)."""

    start: int
    end: int
    text: str
    kind: str = "text"  # change, remove, add, first (into an empty list), block, text
    section: str = ""
    position: int = -1  # the record's position in the old text (change, remove, add: after)
    offset: int = 0  # add: where the record's own text starts within `text`
    length: int = 0  # add: how long it is
    dash: int = -1  # add: the column of its "-"
    new_start: int = -1  # where `text` stands in the new text (set when made)


@dataclass
class Rendered:
    """The new text, and for each section the records it now has: the position of an
    unchanged record in the old text, or the new text of a changed or added one."""

    text: str
    records: dict[str, list[int | str]] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)  # changed top-level mappings' text
    # for each section, the values of its new or changed records (by new position),
    # read back when they were made, and the splice that holds each one's text
    values: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    splice_of: dict[str, dict[int, Splice]] = field(default_factory=dict)
    block_values: dict[str, dict[str, Any]] = field(default_factory=dict)
    splices: list[Splice] = field(default_factory=list)  # in the old text, as made


class Draft:
    def __init__(self, text: str, layout: Layout | Any, dataset: Any = None) -> None:
        """`layout`: where the records stand, or a function that finds it when needed;
        `dataset`: what the text holds, validated (records are then not read twice)."""
        self.text = text
        self._layout = layout
        self.dataset = dataset
        self._changes: dict[tuple[str, int], dict[str, Any]] = {}
        self._removed: set[tuple[str, int]] = set()
        self._added: list[tuple[str, int | None, dict[str, Any]]] = []
        self._block_changes: dict[str, dict[str, Any]] = {}
        self._records: dict[tuple[str, int], Record] = {}
        self._text_edits: list[tuple[int, int, str]] = []
        # problems the command found itself (a table's cells): refused with the result's
        self.problems: list[Any] = []
        # the summary line when refused (a function of the number of problems, or text)
        self.refusal: Any = None
        # places findings of the result where the person made them (a table's cells)
        self.place: Any = None

    @property
    def layout(self) -> Layout:
        if callable(self._layout):
            self._layout = self._layout()
        return self._layout

    # --- reading ---------------------------------------------------------------------

    def item(self, section: str, position: int) -> Item:
        return self.layout.sections[section][position]

    def record(self, section: str, position: int) -> Record:
        """A record as it stands in the file (read once)."""
        known = self._records.get((section, position))
        if known is None:
            item = self.item(section, position)
            if not item.flow and item.dash < 0:
                raise odd(section, position)
            what = _("{kind} #{n}").format(kind=_(NAMES.get(section, section)), n=position + 1)
            values = getattr(self.dataset, section, None)
            value = values[position] if values is not None and position < len(values) else None
            known = read(self.text[item.start : item.end], what, value)
            self._records[(section, position)] = known
        return known

    def count(self, section: str) -> int:
        return len(self.layout.sections.get(section, []))

    # --- asking ----------------------------------------------------------------------

    def change(self, section: str, position: int, changes: dict[str, Any]) -> None:
        """Set fields (a value, or REMOVE) of the record at `position`."""
        if changes:
            self._changes.setdefault((section, position), {}).update(changes)

    def remove(self, section: str, position: int) -> None:
        self._removed.add((section, position))

    def add(self, section: str, after: int | None, values: dict[str, Any]) -> None:
        """A new record after the one at `after` (None: at the end of the section)."""
        self._added.append((section, after, values))

    def change_block(self, key: str, changes: dict[str, Any]) -> None:
        """Set fields of a top-level mapping (meta)."""
        self._block_changes.setdefault(key, {}).update(changes)

    def replace_text(self, start: int, end: int, text: str) -> None:
        """Replace characters outside every record (a header comment)."""
        self._text_edits.append((start, end, text))

    @property
    def empty(self) -> bool:
        return not (
            self._changes or self._removed or self._added or self._block_changes or self._text_edits
        )

    # --- writing ---------------------------------------------------------------------

    def render(self) -> Rendered:
        if self.empty:
            return Rendered(self.text)
        text = self.text
        splices: list[Splice] = []
        rendered = Rendered(text)
        newline = lines.first_break(text)
        for section, items in self.layout.sections.items():
            order = ORDERS.get(section, ())
            new_texts: dict[int, tuple[str, dict[str, Any], Splice]] = {}
            for position in range(len(items)):
                key = (section, position)
                if key in self._removed:
                    start, end = self._removal(section, position)
                    splices.append(Splice(start, end, "", "remove", section, position))
                elif key in self._changes:
                    record = self.record(section, position)
                    item = items[position]
                    new, value = changed_value(
                        record, self._changes[key], order, record_name(record, section, position)
                    )
                    if new != record.text:
                        splice = Splice(item.start, item.end, new, "change", section, position)
                        splices.append(splice)
                        new_texts[position] = (new, value, splice)
            added: dict[int | None, list[tuple[str, dict[str, Any], Splice]]] = {}
            for where_section, after, values in self._added:
                if where_section != section:
                    continue
                added.setdefault(after, []).append(
                    self._addition(section, after, values, order, newline, splices)
                )
            records: list[int | str] = []
            made_values = rendered.values.setdefault(section, {})
            made_splices = rendered.splice_of.setdefault(section, {})

            for position in range(len(items)):
                if (section, position) not in self._removed:
                    if position in new_texts:
                        _made(records, made_values, made_splices, new_texts[position])
                    else:
                        records.append(position)
                for entry in added.get(position, []):
                    _made(records, made_values, made_splices, entry)
            for entry in added.get(None, []):
                _made(records, made_values, made_splices, entry)
            rendered.records[section] = records
        for block, changes in self._block_changes.items():
            found = self.layout.blocks.get(block)
            if found is None or found.flow:
                raise Unsupported(
                    _(
                        "the file's {key} is not written as a block of keys; "
                        "ikscli fmt writes it so"
                    ).format(key=block)
                )
            record = read(text[found.start : found.end], block, getattr(self.dataset, block, None))
            new, value = changed_value(record, changes, ORDERS.get(block, ()), block)
            if new != record.text:
                splices.append(Splice(found.start, found.end, new, "block", block))
                rendered.blocks[block] = new
                rendered.block_values[block] = value
        splices.extend(Splice(s, e, t) for s, e, t in self._text_edits)
        rendered.text, rendered.splices = _spliced(text, splices)
        return rendered

    def _removal(self, section: str, position: int) -> tuple[int, int]:
        """The characters a removed record takes: its text and the comment lines right
        above it (a section heading, with a blank line under it, stays)."""
        items = self.layout.sections[section]
        item = items[position]
        text = self.text
        if item.flow:
            if position + 1 < len(items):
                return item.start, items[position + 1].start
            if position > 0:
                return items[position - 1].end, item.end
            return item.start, item.end
        if item.dash < 0:
            raise odd(section, position)
        start = item.start
        floor = items[position - 1].end if position > 0 else 0
        while start > floor:
            above = lines.line_start(text, start - 1)
            if not lines.is_comment(text[above:start]):
                break
            start = above
        return start, item.end

    def _first(
        self,
        section: str,
        values: dict[str, Any],
        order: tuple[str, ...],
        newline: str,
        splices: list[Splice],
    ) -> tuple[str, dict[str, Any], Splice] | None:
        """The first record of a section written as an empty list (`agreements: []`, as
        `ikscli init` writes it): the list becomes a block with the record in it."""
        match = _empty_list(section).search(self.text)
        if match is None:
            return None
        record_text = new_record(values, order, 2, newline)
        body = newline + record_text.rstrip("\r\n")  # canonical: no blank line after the key
        # "first": the next command reads the file afresh (remember.py knows no such splice)
        splice = Splice(match.start(1), match.end(1), body, "first", section)
        splices.append(splice)
        return record_text, _read_back(record_text, values), splice

    def _addition(
        self,
        section: str,
        after: int | None,
        values: dict[str, Any],
        order: tuple[str, ...],
        newline: str,
        splices: list[Splice],
    ) -> tuple[str, dict[str, Any], Splice]:
        """Place a new record's text; return that text, its values and its splice."""
        items = self.layout.sections[section]
        anchor = items[after] if after is not None else (items[-1] if items else None)
        if anchor is None:
            first = self._first(section, values, order, newline, splices)
            if first is not None:
                return first
            raise Unsupported(
                _(
                    "the file has no {section} yet to add after; add the first one in an editor"
                ).format(section=section)
            )
        if anchor.flow:
            json = self.text[anchor.start : anchor.start + 2] == '{"'
            item_text = new_record(values, order, 0, newline, json=json, flow=True)
            position = items.index(anchor)
            following = (
                items[position + 1].start
                if position + 1 < len(items)
                else self.layout.section_end.get(section, anchor.end)
            )
            if any(brk in self.text[anchor.end : following] for brk in ("\n", "\r")):
                # one item a line: the new one on a line of its own, indented as its neighbour
                start = lines.line_start(self.text, anchor.start)
                indent = self.text[start : anchor.start]
                separator = "," + lines.first_break(self.text[anchor.end :], newline) + indent
            else:
                separator = ", "
            splice = Splice(
                anchor.end, anchor.end, separator + item_text, "add", section,
                items.index(anchor), len(separator), len(item_text),
            )  # fmt: skip
            splices.append(splice)
            return item_text, _read_back(item_text, values), splice
        if anchor.dash < 0:
            raise odd(section, items.index(anchor))
        neighbour = self.text[anchor.start : anchor.end]
        json = neighbour.lstrip(" -").startswith('{"')
        brk = lines.ending(lines.split(neighbour)[-1]) or newline
        record_text = new_record(values, order, anchor.dash, brk, json=json)
        gap = brk if section == "agreements" else ""  # one blank line before each agreement
        end = anchor.end
        head = gap
        body = record_text
        if self.text[end - 1 : end] not in ("\n", "\r"):  # the file's last line has no break
            head, body = brk + gap, record_text.rstrip("\r\n")
        splice = Splice(
            end, end, head + body, "add", section, items.index(anchor),
            len(head), len(body), anchor.dash,
        )  # fmt: skip
        splices.append(splice)
        return record_text, _read_back(record_text, values), splice


def _empty_list(section: str) -> re.Pattern[str]:
    return re.compile(rf"(?m)^{re.escape(section)}:([ \t]*\[[ \t]*\])[ \t]*$")


def _made(
    records: list[int | str],
    values: dict[int, dict[str, Any]],
    splices: dict[int, Splice],
    entry: tuple[str, dict[str, Any], Splice],
) -> None:
    """A new or changed record in the new order: its text, its values and its splice."""
    values[len(records)] = entry[1]
    splices[len(records)] = entry[2]
    records.append(entry[0])


def _read_back(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """A new record's text must read as its values (else the addition is refused)."""
    from ikscli.edit.record import check

    check(text, values, _("the new record"))
    return values


def record_name(record: Record, section: str, position: int) -> str:
    """A record as messages name it: agreement 'id', party 'name', or its number."""
    from ikscli.text.untrusted import quoted

    if section == "agreements" and isinstance(record.value.get("id"), str):
        return _("agreement {id}").format(id=quoted(record.value["id"]))
    if section == "parties" and isinstance(record.value.get("name"), str):
        return _("party {name}").format(name=quoted(record.value["name"]))
    return _("{kind} #{n}").format(kind=_(NAMES.get(section, section)), n=position + 1)


def _spliced(text: str, splices: list[Splice]) -> tuple[str, list[Splice]]:
    """`text` with each splice made, and the splices as made (each with where it stands
    in the new text); where a removal leaves a blank line on both sides, one goes."""
    out: list[str] = []
    made: list[Splice] = []
    cursor = 0
    written = 0  # characters of the new text so far
    blank_before = False  # the text written so far ends with a blank line
    for splice in sorted(splices, key=lambda s: (s.start, s.end)):
        if splice.start < cursor:
            raise Unsupported(_("two changes overlap in the file; make them one at a time"))
        kept = text[cursor : splice.start]
        for piece in (kept, splice.text):
            if piece:
                out.append(piece)
                blank_before = _last_line_blank(piece, blank_before)
        splice.new_start = written + len(kept)
        written += len(kept) + len(splice.text)
        cursor = splice.end
        if splice.kind == "remove" and blank_before and cursor < len(text):
            following = lines.line_end(text, cursor)
            if lines.is_blank(text[cursor:following]):
                cursor = following
                splice.end = cursor
        made.append(splice)
    out.append(text[cursor:])
    return "".join(out), made


def _last_line_blank(piece: str, before: bool) -> bool:
    """Whether text ending with `piece` ends with a blank line (pieces end at line ends)."""
    last = lines.split(piece[-400:])[-1]
    return bool(lines.ending(last)) and lines.is_blank(last)


__all__ = ["Draft", "REMOVE", "Rendered", "Splice", "record_name"]
