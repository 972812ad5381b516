"""A change as a unified diff (`--diff`), built from the records it changed.

difflib over a whole national file is quadratic; the splices already say which lines
changed, so each hunk is those lines and three around them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ikscli.edit import lines

CONTEXT = 3


def unified(old: str, splices: list[Any], file: str) -> Iterator[str]:
    """The unified diff of `old` with `splices` (start, end, new text) made."""
    if not splices:
        return
    splices = [(s.start, s.end, s.text) if hasattr(s, "start") else s for s in splices]
    old_lines = lines.split(old)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    import bisect

    blocks = []  # (first old line, old line count, new lines)
    for start, end, new in _finer(old, sorted(splices)):
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_left(starts, end) if end > start else first
        last = max(last, first)
        region_start = starts[first] if first < len(starts) else len(old)
        region_end = starts[last] if last < len(starts) else len(old)
        if end > region_end:
            region_end = end
        new_text = old[region_start:start] + new + old[end:region_end]
        blocks.append((first, max(0, last - first), lines.split(new_text)))
    yield f"--- a/{file}\n"
    yield f"+++ b/{file}\n"
    shift = 0  # new line number minus old, before the current block
    hunk: list[str] = []
    hunk_old = hunk_new = 0
    hunk_start_old = hunk_start_new = 0
    cursor = 0  # the old line after the last one in the hunk

    def flush() -> Iterator[str]:
        if hunk:
            yield f"@@ -{_range(hunk_start_old, hunk_old)} +{_range(hunk_start_new, hunk_new)} @@\n"
            yield from hunk

    for first, count, new_lines in blocks:
        before_from = max(first - CONTEXT, 0)
        if hunk and before_from <= cursor + CONTEXT:
            for line in old_lines[cursor:first]:
                hunk.append(" " + _ended(line))
                hunk_old += 1
                hunk_new += 1
        else:
            if hunk:
                for line in old_lines[cursor : min(cursor + CONTEXT, len(old_lines))]:
                    hunk.append(" " + _ended(line))
                    hunk_old += 1
                    hunk_new += 1
                yield from flush()
            hunk = []
            hunk_start_old, hunk_start_new = before_from, before_from + shift
            hunk_old = hunk_new = 0
            for line in old_lines[before_from:first]:
                hunk.append(" " + _ended(line))
                hunk_old += 1
                hunk_new += 1
        for line in old_lines[first : first + count]:
            hunk.append("-" + _ended(line))
            hunk_old += 1
        for line in new_lines:
            hunk.append("+" + _ended(line))
            hunk_new += 1
        shift += len(new_lines) - count
        cursor = first + count
    for line in old_lines[cursor : min(cursor + CONTEXT, len(old_lines))]:
        hunk.append(" " + _ended(line))
        hunk_old += 1
        hunk_new += 1
    yield from flush()


def _finer(old: str, splices: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """Each splice of whole lines as the smaller splices of the lines that differ (a
    record's one changed field, not the whole record)."""
    import difflib

    for start, end, new in splices:
        before = lines.split(old[start:end])
        after = lines.split(new)
        if len(before) + len(after) > 2000 or start != lines.line_start(old, start):
            yield start, end, new
            continue
        offsets = [start]
        for line in before:
            offsets.append(offsets[-1] + len(line))
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                yield offsets[i1], offsets[i2], "".join(after[j1:j2])


def _range(start: int, count: int) -> str:
    first = start + 1 if count else start
    return f"{first}" if count == 1 else f"{first},{count}"


def _ended(line: str) -> str:
    """A diff line ends with \\n whatever the file's line break."""
    return lines.body(line) + "\n"
