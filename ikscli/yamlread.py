"""Read YAML text into plain Python values, fast, and find any value's place.

We drive the YAML parser's event stream ourselves instead of using PyYAML's
constructor: it is faster (libyaml does the parsing, one small loop builds the
values), it holds no node tree in memory, and it lets us refuse what PyYAML
would silently accept (duplicate keys) or should never run (Python object tags).

`read` builds values without keeping positions. When a file turns out to have
problems, `read(..., track=True)` reads it again and returns a `Locator` that
maps every value's path (``("agreements", 3, "host")``) to its line and column.
Bad input never raises: it comes back as `Problem`s.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
from yaml import events as ev
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .gcpause import gc_paused
from .problems import Problem

try:
    from yaml._yaml import CParser as _Parser

    LIBYAML = True
except ImportError:  # pragma: no cover - exercised by the no-libyaml test
    _Parser = None
    LIBYAML = False

MAX_DEPTH = 64
# Aliases may stand for at most as many values as the document has characters (and a
# small allowance): a file can then never grow past what it could have written out,
# and a bomb of aliased lists is refused as soon as it exceeds that.
ALIAS_ALLOWANCE = 1_000

Y = "tag:yaml.org,2002:"
_STR = Y + "str"
_SCALAR_TAGS = {Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_IMPLICIT = Resolver.yaml_implicit_resolvers
_CONSTRUCT = SafeConstructor.yaml_constructors
_constructor = SafeConstructor()
_NOTHING = object()
# Plain scalars that start with one of these may be numbers, booleans, dates or null;
# all others are strings and need no regular expression.
_MAYBE_TYPED = frozenset(k for k in _IMPLICIT if k is not None) | {""}
Path = tuple  # a value's path: mapping keys and sequence indices


@dataclass
class Locator:
    """Lines and columns (1-based) of every value and key, by path."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: Path) -> tuple[int, int]:
        """The place of the value at `path`, or of its nearest enclosing value."""
        path = tuple(path)
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key(self, path: Path) -> tuple[int, int]:
        """The place of the key that holds `path`, else of the value."""
        path = tuple(path)
        return self.keys.get(path) or self.value(path)


@dataclass
class Reading:
    """What `read` found: the value (None if unreadable) and any problems."""

    value: Any
    problems: list[Problem]
    locator: Locator | None = None
    unprintable: bool = False  # some text holds a control, bidi, zero-width or odd space
    outline: Outline | None = None  # where each top-level record starts (untracked reads)


class Places(Protocol):
    """Whatever places a path of the data at a line and column (1-based)."""

    def value(self, path: Path) -> tuple[int, int]: ...

    def key(self, path: Path) -> tuple[int, int]: ...


class Unplaced(Exception):
    """A path that the outline cannot place: read the whole file with positions."""


@dataclass
class Outline:
    """Where each item of a top-level list (each agreement, party, category) starts.

    A clean read records one mark per record, not per value. When a file has
    findings, `locator()` places them by reading again, with positions, only the
    records they concern: a file with a few warnings costs a few records more, not a
    second read of the whole file. Anything it cannot place raises Unplaced.
    """

    text: str
    file: str
    starts: list[tuple[Any, Any]] = field(default_factory=list)  # (list's key, mark)
    ends: dict[Any, Any] = field(default_factory=dict)  # list's key → its end mark
    _items: dict[Any, list[Any]] | None = None
    _fragments: dict[tuple[Any, int], Locator] = field(default_factory=dict)

    def locator(self) -> FragmentLocator:
        return FragmentLocator(self)

    def fragment(self, section: Any, index: int) -> tuple[Locator, Any]:
        """The positions inside item `index` of top-level list `section`, and its mark."""
        if self._items is None:
            self._items = {}
            for key, mark in self.starts:
                self._items.setdefault(key, []).append(mark)
        marks = self._items.get(section)
        if not marks or index >= len(marks) or section not in self.ends:
            raise Unplaced(section, index)
        mark = marks[index]
        cached = self._fragments.get((section, index))
        if cached is not None:
            return cached, mark
        following = marks[index + 1] if index + 1 < len(marks) else self.ends[section]
        if following.line <= mark.line:  # several items on one line (flow style)
            raise Unplaced(section, index)
        text = self.text
        end = text.rfind("\n", 0, following.index) + 1  # up to the next item's line
        source = " " * mark.column + text[mark.index : end]
        reading = read(source, self.file, track=True)
        if reading.problems or reading.locator is None:
            raise Unplaced(section, index)
        self._fragments[(section, index)] = reading.locator
        return reading.locator, mark


class FragmentLocator:
    """The `Locator` interface over an `Outline`: places a path from its record alone."""

    def __init__(self, outline: Outline) -> None:
        self.outline = outline

    def _place(self, path: Path, key: bool) -> tuple[int, int]:
        path = tuple(path)
        if len(path) < 2 or not isinstance(path[1], int):
            raise Unplaced(path)
        inner, mark = self.outline.fragment(path[0], path[1])
        rest = path[2:]
        if key and rest in inner.keys:
            line, column = inner.keys[rest]
        elif rest in inner.values or not rest:
            line, column = inner.value(rest)
        else:
            line, column = inner.value(rest)
        return line + mark.line, column

    def value(self, path: Path) -> tuple[int, int]:
        return self._place(path, key=False)

    def key(self, path: Path) -> tuple[int, int]:
        return self._place(path, key=True)


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Bytes to text: UTF-8, with or without a byte-order mark."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            file,
            line,
            column,
            "error",
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02X}); save the file as UTF-8",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def _resolve_plain(value: str) -> str:
    if not value:
        return Y + "null"
    for tag, regexp in _IMPLICIT.get(value[0], ()):
        if regexp.match(value):
            return tag
    return _STR


def _describe_tag(tag: str) -> str:
    return "!!" + tag[len(Y) :] if tag.startswith(Y) else tag


def read(text: str, file: str, track: bool = False) -> Reading:
    """Parse one YAML document into dicts, lists and scalars.

    With `track`, also record where every key and value stands.
    """
    problems: list[Problem] = []
    locator = Locator() if track else None
    flags: list[bool] = []
    outline = Outline(text, file)
    with gc_paused():
        value = _build(text, file, problems, locator, flags, outline)
    return Reading(value, problems, locator, bool(flags), None if track else outline)


def _build(
    text: str,
    file: str,
    problems: list[Problem],
    locator: Locator | None,
    unprintable: list[bool],
    outline: Outline,
) -> Any:
    parser = _Parser(text) if LIBYAML else yaml.SafeLoader(text)
    get_event = parser.get_event
    needs_nfc = not unicodedata.is_normalized("NFC", text)
    track = locator is not None
    values = locator.values if locator is not None else {}
    keys = locator.keys if locator is not None else {}
    Scalar, MapStart, SeqStart = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    MapEnd, SeqEnd, Alias = ev.MappingEndEvent, ev.SequenceEndEvent, ev.AliasEvent
    maybe_typed = _MAYBE_TYPED
    nothing = _NOTHING
    max_expansion = len(text) + ALIAS_ALLOWANCE
    starts = outline.starts
    ends = outline.ends
    plain_values: dict[str, Any] = {}

    def problem(mark: Any, message: str) -> None:
        problems.append(Problem(file, mark.line + 1, mark.column + 1, "error", message))

    def typed_scalar(event: Any, value: str) -> Any:
        tag = event.tag
        if tag is None:
            tag = _resolve_plain(value)
        elif tag == "!":
            return value
        if tag == _STR:
            return value
        if tag not in _SCALAR_TAGS:
            if tag == Y + "merge":
                problem(event.start_mark, "merge keys (<<) are not supported; write the keys out")
            else:
                problem(
                    event.start_mark,
                    f"unsupported tag {_describe_tag(tag)}; only plain YAML values are allowed",
                )
            return value
        try:
            return _CONSTRUCT[tag](_constructor, ScalarNode(tag, value))
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            problem(event.start_mark, f"{value!r} is not a valid {_describe_tag(tag)}")
            return value

    root: Any = nothing
    # The open mapping or sequence is kept in locals; enclosing ones on `stack` as
    # (container, is_mapping, pending_key, anchor, events_at_start, expanded_at_start, mark).
    stack: list[tuple[Any, ...]] = []
    container: Any = None
    is_map = False
    key: Any = nothing
    anchor: Any = None
    started = (0, 0)
    open_mark: Any = None
    path: tuple[Any, ...] = ()  # where `container` stands; kept only when tracking
    anchors: dict[str, tuple[Any, int]] = {}
    count = 0  # events seen
    expanded = 0  # values that aliases stand for
    documents = 0
    value: Any
    mark: Any = None
    try:
        while True:
            event = get_event()
            count += 1
            cls = event.__class__
            if cls is Scalar:
                value = event.value
                if not value.isprintable() and not unprintable:  # a cheap C-level check
                    unprintable.append(True)
                if needs_nfc:
                    value = unicodedata.normalize("NFC", value)
                if event.tag is not None:
                    value = typed_scalar(event, value)
                elif event.implicit[0] and value[:1] in maybe_typed:
                    # plain text that may be a number, date or yes/no: resolved once per value
                    known = plain_values.get(value, nothing)
                    if known is nothing:
                        before = len(problems)
                        known = typed_scalar(event, value)
                        if len(problems) == before:
                            plain_values[value] = known
                    value = known
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                mark = event.start_mark if track else None
            elif cls is MapStart or cls is SeqStart:
                tag = event.tag
                kind = Y + ("map" if cls is MapStart else "seq")
                if tag is not None and tag != "!" and tag != kind:
                    problem(
                        event.start_mark,
                        f"unsupported tag {_describe_tag(tag)}; only plain YAML values are allowed",
                    )
                if len(stack) >= MAX_DEPTH:
                    problem(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
                    return None
                if container is not None:
                    stack.append((container, is_map, key, anchor, started, open_mark, path))
                    if track:
                        path = path + ((key if is_map else len(container)),)
                container = {} if cls is MapStart else []
                is_map = cls is MapStart
                key = nothing
                anchor = event.anchor
                started = (count, expanded)
                open_mark = event.start_mark
                continue
            elif cls is MapEnd or cls is SeqEnd:
                value = container
                mark = open_mark
                if len(stack) == 1 and not is_map:  # a top-level list ends here
                    ends[stack[0][2]] = event.start_mark
                if anchor is not None:
                    anchors[anchor] = (value, count - started[0] + expanded - started[1])
                if stack:
                    container, is_map, key, anchor, started, open_mark, path = stack.pop()
                else:
                    container = None
            elif cls is Alias:
                mark = event.start_mark
                if event.anchor not in anchors:
                    problem(mark, f"unknown alias *{event.anchor}")
                    value = None
                else:
                    value, weight = anchors[event.anchor]
                    expanded += weight
                    if expanded > max_expansion:
                        problem(
                            mark,
                            f"aliases expand to more values ({expanded:,}) than the "
                            f"file has characters ({len(text):,}); write the values out",
                        )
                        return None
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problem(event.start_mark, "more than one YAML document (---) in the file")
                    return None
                continue
            elif cls is ev.StreamEndEvent:
                break
            else:
                continue
            # Place `value` in the open container (or make it the root).
            if container is None:
                if root is nothing:
                    root = value
                    if track:
                        values[()] = (mark.line + 1, mark.column + 1)
            elif is_map:
                if key is nothing:
                    if isinstance(value, (dict, list)):
                        problem(
                            mark or event.start_mark,
                            "a mapping key must be a plain value, not a mapping or list",
                        )
                        value = repr(value)[:40]
                    if value in container:
                        first = keys.get(path + (value,))
                        where = f" (first at line {first[0]})" if first else ""
                        problem(
                            mark or event.start_mark,
                            f"duplicate key {value!r}{where}: YAML would silently keep "
                            "only the last one",
                        )
                    elif track:
                        keys[path + (value,)] = (mark.line + 1, mark.column + 1)
                    key = value
                else:
                    if key not in container:
                        container[key] = value
                        if track:
                            values[path + (key,)] = (mark.line + 1, mark.column + 1)
                    key = nothing
            else:
                if track:
                    values[path + (len(container),)] = (mark.line + 1, mark.column + 1)
                elif len(stack) == 1:  # an item of a top-level list: note where it starts
                    starts.append((stack[0][2], mark or event.start_mark))
                container.append(value)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        problems.append(
            Problem(
                file,
                mark.line + 1 if mark else 1,
                mark.column + 1 if mark else 1,
                "error",
                f"YAML syntax: {message}",
            )
        )
        return None
    except yaml.YAMLError as exc:  # a ReaderError: a character YAML does not allow
        problems.append(_reader_problem(exc, text, file))
        return None
    if root is nothing:
        problems.append(Problem(file, 1, 1, "error", "the file is empty"))
        return None
    return root


def _reader_problem(exc: Any, text: str, file: str) -> Problem:
    """libyaml gives a byte offset into the UTF-8 text; turn it into line and column."""
    encoded = text.encode("utf-8")
    position = min(getattr(exc, "position", 0) or 0, len(encoded))
    start = encoded.rfind(b"\n", 0, position) + 1
    line = encoded.count(b"\n", 0, position) + 1
    column = len(encoded[start:position].decode("utf-8", "replace")) + 1
    reason = getattr(exc, "reason", "unreadable character")
    character = getattr(exc, "character", None)
    if isinstance(character, int):
        character = f"U+{character:04X}"
    what = f" ({character})" if character is not None else ""
    return Problem(file, line, column, "error", f"YAML: {reason}{what}")
