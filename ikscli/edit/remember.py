"""What the next command knows of a file an edit just wrote, without reading it again.

An edit has the old file's problems at their lines, its layout, the splices it made
and the new dataset, checked. From them follow the new file's problems (those outside
the changed records moved by the lines the splices added or took, those of the changed
records placed by reading just those records) and where each of its records now
stands. Both go into the cache under the new content, as a validation would have put
them: the query after an edit, and the next edit, start at once.

Where the splices are not whole lines (a JSON-style file) or a problem cannot be
placed so, nothing is stored: the next command then validates the file itself.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any

from ikscli.edit import lines
from ikscli.edit.draft import Rendered, Splice
from ikscli.edit.layout import Item, Layout
from ikscli.problems import Problem, sort_key


class _Unknown(Exception):
    """Something the shortcut cannot place: let the next command validate the file."""


def problems(prepared: Any, rendered: Rendered, check: Any) -> list[Problem] | None:
    """Every problem of the new text at its line, as a validation would find them
    (None when the shortcut cannot place them)."""
    if any(s.kind == "first" for s in rendered.splices):
        return None  # a list that was empty: the next command validates the file
    try:
        return _problems(prepared, rendered, check, _Moves(prepared.text, rendered))
    except _Unknown:
        return None


def remember(
    prepared: Any, rendered: Rendered, check: Any, new_raw: bytes, found: list[Problem] | None
) -> None:
    """Store the new content's dataset, problems and layout in the cache."""
    from ikscli.reading import cache

    if check.dataset is None or found is None:
        return
    try:
        layout = _layout(prepared.layout, rendered.splices)
    except _Unknown:
        return
    problems = found
    names = _names(prepared, rendered, check.dataset)
    cache.put(cache.key(new_raw), check.dataset, problems, layout.plain(), names)


class _Moves:
    """How the lines of the old text move in the new."""

    def __init__(self, old: str, rendered: Rendered) -> None:
        self.old = old
        self.splices = sorted(rendered.splices, key=lambda s: s.start)
        self.starts: list[int] = []  # each splice's first old line
        self.ends: list[int] = []  # the old line at its end
        self.deltas: list[int] = []  # the lines it adds (negative: takes)
        line, at = 1, 0
        for splice in self.splices:
            if splice.start != lines.line_start(old, splice.start) or (
                splice.end < len(old) and splice.end != lines.line_start(old, splice.end)
            ):
                raise _Unknown  # not whole lines
            if splice.text and not splice.text.endswith(("\n", "\r")) and splice.end < len(old):
                raise _Unknown  # a splice that ends inside a line
            line += _breaks(old, at, splice.start)
            first = line
            line += _breaks(old, splice.start, splice.end)
            at = splice.end
            self.starts.append(first)
            self.ends.append(line)
            self.deltas.append(_breaks(splice.text, 0, len(splice.text)) - (line - first))
        self.before: list[int] = [0]  # lines added by the splices before each one
        for delta in self.deltas:
            self.before.append(self.before[-1] + delta)
        self.index = {id(splice): k for k, splice in enumerate(self.splices)}

    def line(self, old_line: int) -> int | None:
        """The new line of an old one (None: it was in a changed region)."""
        k = bisect.bisect_right(self.ends, old_line) - 1  # the last splice ending at or before
        nxt = k + 1
        if nxt < len(self.starts) and self.starts[nxt] <= old_line < self.ends[nxt]:
            return None
        return old_line + self.before[k + 1]

    def first_line(self, splice: Splice) -> int:
        """The new line where a splice's text starts."""
        k = self.index[id(splice)]
        return self.starts[k] + self.before[k]


def _breaks(text: str, start: int, end: int) -> int:
    part = text[start:end]
    return part.count("\n") + part.count("\r") - part.count("\r\n")


def _problems(prepared: Any, rendered: Rendered, check: Any, moves: _Moves) -> list[Problem]:
    wanted = Counter(f.message for f in check.findings)
    kept: list[Problem] = []
    for problem in prepared.loaded.problems:
        if wanted[problem.message] <= 0:
            continue
        line = moves.line(problem.line)
        if line is None:
            continue
        wanted[problem.message] -= 1
        kept.append(Problem(problem.file, line, problem.column, problem.severity, problem.message))
    if sum(wanted.values()):
        kept += _placed(prepared, rendered, check, moves, wanted)
    return sorted(kept, key=sort_key)


def _placed(
    prepared: Any, rendered: Rendered, check: Any, moves: _Moves, wanted: Counter[str]
) -> list[Problem]:
    """The findings no old problem accounts for, placed by reading their records."""
    from ikscli.reading.yamlread import read

    records = rendered.records.get("agreements")
    splice_of = rendered.splice_of.get("agreements", {})
    placed = []
    for finding in check.findings:
        if wanted[finding.message] <= 0:
            continue
        path = finding.path
        if len(path) < 2 or path[0] != "agreements" or records is None or path[1] >= len(records):
            raise _Unknown
        entry = records[path[1]]
        if isinstance(entry, int):
            item = prepared.layout.sections["agreements"][entry]
            text = prepared.text[item.start : item.end]
            old_line = lines.line_number(prepared.text, item.start)
            first = moves.line(old_line)
            if first is None:
                raise _Unknown
        else:
            splice = splice_of.get(path[1])
            if splice is None:
                raise _Unknown
            text = entry
            head = splice.text[: splice.offset] if splice.kind == "add" else ""
            if not splice.text.startswith(entry, len(head)):
                raise _Unknown
            first = moves.first_line(splice) + _breaks(head, 0, len(head))
        reading = read(text, prepared.file, track=True)
        if reading.locator is None or reading.problems:
            raise _Unknown
        inner = (0, *path[2:]) if isinstance(reading.value, list) else tuple(path[2:])
        line, column = (
            reading.locator.key(inner) if finding.at_key else reading.locator.value(inner)
        )
        placed.append(
            Problem(prepared.file, first + line - 1, column, finding.severity, finding.message)
        )
        wanted[finding.message] -= 1
    return placed


def _names(prepared: Any, rendered: Rendered, dataset: Any) -> str:
    """The new file's names as a change looks them up: the old ones, but where a record
    was changed or added."""
    from ikscli.text.names import fold, name_keys

    records = rendered.records.get("agreements")
    if prepared.loaded.names is None or records is None:
        return name_keys([a.name for a in dataset.agreements], [a.id for a in dataset.agreements])
    old_names, _sep, old_bare = prepared.loaded.names.partition("\0")
    names, bare = old_names.split("\n"), old_bare.split("\n")
    new_names, new_bare = [], []
    for position, entry in enumerate(records):
        if isinstance(entry, int):
            new_names.append(names[entry])
            new_bare.append(bare[entry])
        else:
            agreement = dataset.agreements[position]
            new_names.append(fold(agreement.name))
            new_bare.append(agreement.id.replace("-", ""))
    return "\n".join(new_names) + "\0" + "\n".join(new_bare)


def _layout(old: Layout, splices: list[Splice]) -> Layout:
    """Where each record stands in the new text."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end))
    ends = [s.end for s in ordered]
    shift = [0]
    for s in ordered:
        shift.append(shift[-1] + len(s.text) - (s.end - s.start))

    def moved(at: int) -> int:
        return at + shift[bisect.bisect_right(ends, at)]

    changed = {(s.section, s.position): s for s in ordered if s.kind in ("change", "remove")}
    added: dict[tuple[str, int], list[Splice]] = {}
    for s in ordered:
        if s.kind == "add":
            added.setdefault((s.section, s.position), []).append(s)
    new = Layout(flow=dict(old.flow), keys=list(old.keys))
    for section, items in old.sections.items():
        out: list[Item] = []
        for position, item in enumerate(items):
            splice = changed.get((section, position))
            if splice is None:
                delta = moved(item.start) - item.start
                out.append(
                    Item(
                        item.start + delta,
                        item.end + delta,
                        item.node + delta,
                        item.flow,
                        item.dash,
                    )
                )
            elif splice.kind == "change":
                start = splice.new_start
                out.append(
                    Item(
                        start,
                        start + len(splice.text),
                        start + item.node - item.start,
                        item.flow,
                        item.dash,
                    )
                )
            for addition in added.get((section, position), []):
                start = addition.new_start + addition.offset
                if addition.dash < 0:
                    raise _Unknown
                out.append(
                    Item(
                        start,
                        start + addition.length,
                        start + addition.dash + 2,
                        False,
                        addition.dash,
                    )
                )
        new.sections[section] = out
    for section, end in old.section_end.items():
        new.section_end[section] = moved(end)
    blocks = {s.section: s for s in ordered if s.kind == "block"}
    for key, item in old.blocks.items():
        splice = blocks.get(key)
        if splice is None:
            delta = moved(item.start) - item.start
            new.blocks[key] = Item(
                item.start + delta, item.end + delta, item.node + delta, item.flow, item.dash
            )
        else:
            start = splice.new_start
            new.blocks[key] = Item(
                start,
                start + len(splice.text),
                start + item.node - item.start,
                item.flow,
                item.dash,
            )
    return new
