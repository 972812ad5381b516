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

from ikscli.i18n import N_, _
from ikscli.problems import Problem
from ikscli.reading.gcpause import gc_paused
from ikscli.text import numbers

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
Path = tuple[Any, ...]  # a value's path: mapping keys and sequence indices


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
    # where each item's last token ends (parallel to `starts`): a record's text is from
    # the line of its start to the line of this end, whatever blank lines or comments
    # it holds; and each top-level value's (start mark, end mark), and which lists are
    # written in flow style ([...]). The editing commands splice records by these.
    item_ends: list[Any] = field(default_factory=list)
    blocks: dict[Any, tuple[Any, Any]] = field(default_factory=dict)
    flow: dict[Any, bool] = field(default_factory=dict)
    _items: dict[Any, list[Any]] | None = None
    _fragments: dict[tuple[Any, int], Locator] = field(default_factory=dict)

    def numbers(self) -> tuple[Any, ...]:
        """This outline as plain numbers (what the cache keeps after a query, so that a
        later edit need not read the file again to find its records)."""
        return (
            "outline",
            [
                (section, mark.index, end.index if end is not None else mark.index)
                for (section, mark), end in zip(self.starts, self.item_ends, strict=True)
            ],
            {section: mark.index for section, mark in self.ends.items()},
            {
                key: (start.index, end.index if end is not None else None)
                for key, (start, end) in self.blocks.items()
            },
            dict(self.flow),
        )

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
            _("not valid UTF-8 (byte {byte}); save the file as UTF-8").format(
                byte=f"0x{raw[exc.start]:02X}"
            ),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None


def _resolve_plain(value: str) -> str:
    if not value:
        return Y + "null"
    for tag, regexp in _IMPLICIT.get(value[0], ()):
        if regexp.match(value):
            return str(tag)
    return _STR


def _describe_tag(tag: str) -> str:
    return "!!" + tag[len(Y) :] if tag.startswith(Y) else tag


def read(text: str, file: str, track: bool = False) -> Reading:
    """Parse one YAML document into dicts, lists and scalars.

    With `track`, also record where every key and value stands.
    """
    builder = _Builder(text, file, Locator() if track else None)
    with gc_paused():
        value = builder.build()
    return Reading(
        value,
        builder.problems,
        builder.locator,
        builder.unprintable,
        None if track else builder.outline,
    )


class _Refused(Exception):
    """The document cannot be read on (too deep, an alias bomb, a second document)."""


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence whose events are still arriving."""

    container: Any  # the dict or list being filled
    is_map: bool
    anchor: str | None  # its &anchor, if any
    events_at_start: int  # with expanded_at_start: how many values an alias to it stands for
    expanded_at_start: int
    mark: Any  # where it starts
    path: tuple[Any, ...]  # from the root (kept only when tracking)
    flow: bool = False  # written in flow style ({...} or [...])
    key: Any = _NOTHING  # in a mapping: the key that waits for its value


_TAG_ERROR = N_("unsupported tag {tag}; only plain YAML values are allowed")


class _Builder:
    """Builds one document's values from the parser's events, one method per event kind.

    The frames of the open containers are on `stack`; the innermost is `frame`.
    """

    __slots__ = (
        "text", "file", "locator", "problems", "outline", "unprintable", "needs_nfc", "track",
        "values", "keys", "max_expansion", "plain_values", "anchors", "stack", "frame", "root",
        "count", "expanded", "documents", "last_end",
    )  # fmt: skip

    def __init__(self, text: str, file: str, locator: Locator | None) -> None:
        self.text, self.file, self.locator = text, file, locator
        self.problems: list[Problem] = []
        self.outline = Outline(text, file)
        self.unprintable = False  # some text holds a control, bidi or zero-width character
        self.needs_nfc = not unicodedata.is_normalized("NFC", text)
        self.track = locator is not None
        self.values = locator.values if locator is not None else {}
        self.keys = locator.keys if locator is not None else {}
        self.max_expansion = len(text) + ALIAS_ALLOWANCE
        self.plain_values: dict[str, Any] = {}  # plain text → its value, resolved once
        self.anchors: dict[str, tuple[Any, int]] = {}  # &anchor → (value, values it holds)
        self.stack: list[_Frame] = []
        self.frame: _Frame | None = None
        self.root: Any = _NOTHING
        self.count = 0  # events seen
        self.expanded = 0  # values that aliases stood for so far
        self.documents = 0
        self.last_end: Any = None  # the end mark of the last scalar, alias or flow collection

    def build(self) -> Any:
        """The document's value, or None (with problems) when it cannot be read."""
        parser = _Parser(self.text) if LIBYAML else yaml.SafeLoader(self.text)
        get_event = parser.get_event
        handlers = {
            ev.ScalarEvent: self._scalar,
            ev.MappingStartEvent: self._open,
            ev.SequenceStartEvent: self._open,
            ev.MappingEndEvent: self._close,
            ev.SequenceEndEvent: self._close,
            ev.AliasEvent: self._alias,
            ev.DocumentStartEvent: self._document,
        }
        end = ev.StreamEndEvent
        try:
            while True:
                event = get_event()
                self.count += 1
                handler = handlers.get(event.__class__)
                if handler is not None:
                    handler(event)
                elif event.__class__ is end:
                    break
        except _Refused:
            return None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = yaml_problem(exc.problem, exc.context)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(
                Problem(
                    self.file,
                    line,
                    column,
                    "error",
                    _("YAML syntax: {message}").format(message=message),
                )
            )
            return None
        except yaml.YAMLError as exc:  # a ReaderError: a character YAML does not allow
            self.problems.append(_reader_problem(exc, self.text, self.file))
            return None
        if self.root is _NOTHING:
            self.problems.append(Problem(self.file, 1, 1, "error", _("the file is empty")))
            return None
        return self.root

    def _problem(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, "error", message))

    # --- one method per kind of event -----------------------------------------------

    def _scalar(self, event: Any) -> None:
        value = event.value
        if not self.unprintable and not value.isprintable():  # a cheap C-level check
            self.unprintable = True
        if self.needs_nfc:
            value = unicodedata.normalize("NFC", value)
        if event.tag is not None:
            value = self._typed(event, value)
        elif event.implicit[0] and value[:1] in _MAYBE_TYPED:
            # plain text that may be a number, date or yes/no: resolved once per value
            known = self.plain_values.get(value, _NOTHING)
            if known is _NOTHING:
                before = len(self.problems)
                known = self._typed(event, value)
                if len(self.problems) == before:
                    self.plain_values[value] = known
            value = known
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.last_end = event.end_mark
        self._place(value, event.start_mark)

    def _open(self, event: Any) -> None:
        is_map = event.__class__ is ev.MappingStartEvent
        tag = event.tag
        if tag is not None and tag != "!" and tag != Y + ("map" if is_map else "seq"):
            self._problem(event.start_mark, _(_TAG_ERROR).format(tag=_describe_tag(tag)))
        if len(self.stack) >= MAX_DEPTH:
            message = _("nesting deeper than {n} levels").format(n=MAX_DEPTH)
            self._problem(event.start_mark, message)
            raise _Refused
        outer = self.frame
        path: tuple[Any, ...] = ()
        if outer is not None:
            self.stack.append(outer)
            if self.track:
                step = outer.key if outer.is_map else len(outer.container)
                path = outer.path + (step,)
        flow = bool(event.flow_style)
        if len(self.stack) == 1 and not is_map and outer is not None:  # a top-level list
            self.outline.flow[outer.key] = flow
        self.frame = _Frame(
            {} if is_map else [],
            is_map,
            event.anchor,
            self.count,
            self.expanded,
            event.start_mark,
            path,
            flow,
        )

    def _close(self, event: Any) -> None:
        frame = self.frame
        assert frame is not None
        stack = self.stack
        if len(stack) == 1 and not frame.is_map:  # a top-level list ends here
            self.outline.ends[stack[0].key] = event.start_mark
        if frame.anchor is not None:
            held = self.count - frame.events_at_start + self.expanded - frame.expanded_at_start
            self.anchors[frame.anchor] = (frame.container, held)
        if frame.flow:  # a block collection's end event stands at the next token
            self.last_end = event.end_mark
        self.frame = stack.pop() if stack else None
        self._place(frame.container, frame.mark)

    def _alias(self, event: Any) -> None:
        mark = event.start_mark
        if event.anchor not in self.anchors:
            self._problem(mark, _("unknown alias {alias}").format(alias=f"*{event.anchor}"))
            value = None
        else:
            value, weight = self.anchors[event.anchor]
            self.last_end = event.end_mark
            self.expanded += weight
            if self.expanded > self.max_expansion:
                self._problem(
                    mark,
                    _(
                        "aliases expand to more values ({values}) than the file has characters "
                        "({characters}); write the values out"
                    ).format(
                        values=numbers.number(self.expanded),
                        characters=numbers.number(len(self.text)),
                    ),
                )
                raise _Refused
        self._place(value, mark)

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self._problem(event.start_mark, _("more than one YAML document (---) in the file"))
            raise _Refused

    # --- putting a value where it belongs -------------------------------------------

    def _place(self, value: Any, mark: Any) -> None:
        """Put `value` in the open container (or make it the root)."""
        frame = self.frame
        if frame is None:
            if self.root is _NOTHING:
                self.root = value
                if self.track:
                    self.values[()] = (mark.line + 1, mark.column + 1)
        elif not frame.is_map:
            if self.track:
                where = frame.path + (len(frame.container),)
                self.values[where] = (mark.line + 1, mark.column + 1)
            elif len(self.stack) == 1:  # an item of a top-level list: note where it stands
                self.outline.starts.append((self.stack[0].key, mark))
                self.outline.item_ends.append(self.last_end)
            frame.container.append(value)
        elif frame.key is _NOTHING:
            self._key(frame, value, mark)
        else:
            key = frame.key
            if not self.stack and not self.track:  # a top-level value: where it stands
                self.outline.blocks.setdefault(key, (mark, self.last_end))
            if key not in frame.container:
                frame.container[key] = value
                if self.track:
                    self.values[frame.path + (key,)] = (mark.line + 1, mark.column + 1)
            frame.key = _NOTHING

    def _key(self, frame: _Frame, value: Any, mark: Any) -> None:
        """`value` arrives where a mapping expects a key."""
        if isinstance(value, (dict, list)):
            self._problem(mark, _("a mapping key must be a plain value, not a mapping or list"))
            value = repr(value)[:40]
        if value in frame.container:
            first = self.keys.get(frame.path + (value,))
            where = " " + _("(first at line {line})").format(line=first[0]) if first else ""
            self._problem(
                mark,
                _("duplicate key {key}{where}: YAML would silently keep only the last one").format(
                    key=repr(value), where=where
                ),
            )
        elif self.track:
            self.keys[frame.path + (value,)] = (mark.line + 1, mark.column + 1)
        frame.key = value

    def _typed(self, event: Any, value: str) -> Any:
        """A scalar's value by its tag (given or resolved): text, number, date, yes/no."""
        tag = event.tag
        if tag is None:
            tag = _resolve_plain(value)
        elif tag == "!":
            return value
        if tag == _STR:
            return value
        if tag not in _SCALAR_TAGS:
            if tag == Y + "merge":
                self._problem(
                    event.start_mark, _("merge keys (<<) are not supported; write the keys out")
                )
            else:
                self._problem(event.start_mark, _(_TAG_ERROR).format(tag=_describe_tag(tag)))
            return value
        try:
            return _CONSTRUCT[tag](_constructor, ScalarNode(tag, value))
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            message = _("{value} is not a valid {tag}")
            self._problem(
                event.start_mark, message.format(value=repr(value), tag=_describe_tag(tag))
            )
            return value


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
    return Problem(file, line, column, "error", _("YAML: {reason}").format(reason=reason) + what)


# What the YAML parser's problems mean, for a register keeper (libyaml's English, word
# for word, is no help: "mapping values are not allowed in this context").
YAML_PROBLEMS = {
    "mapping values are not allowed in this context": N_(
        "a colon and a space inside a value; put the whole value in quotes, as in "
        "note: 'Tid: kl. 10'"
    ),
    "mapping values are not allowed here": N_(
        "a colon and a space inside a value; put the whole value in quotes, as in "
        "note: 'Tid: kl. 10'"
    ),
    "could not find expected ':'": N_(
        "a line that is neither a key with its colon (key: value) nor part of the value "
        "above; check the line before"
    ),
    "found unexpected end of stream": N_(
        "the file ends inside a value: a quote (' or \") that is never closed?"
    ),
    "did not find expected ',' or ']'": N_("a list in [ ] that is not closed with ]"),
    "did not find expected ',' or '}'": N_("a mapping in { } that is not closed with }"),
    "found character that cannot start any token": N_(
        "a character that cannot begin a value here (a tab for indentation, or @ or `): "
        "indent with spaces, and put such a value in quotes"
    ),
    "did not find expected '-' indicator": N_(
        "a line indented like a list item but without its '- '; check the indentation"
    ),
    "did not find expected key": N_(
        "a line indented like a key of the record above, but it is none; check the indentation"
    ),
    "found a tab character that violates indentation": N_(
        "a tab where YAML needs spaces for indentation"
    ),
    "found unknown escape character": N_(
        "an unknown escape (\\…) inside double quotes; use single quotes instead"
    ),
    "did not find expected node content": N_("a value is missing here"),
    "found undefined alias": N_("an alias (*name) that no anchor (&name) defines"),
}


def yaml_problem(problem: str | None, context: str | None) -> str:
    """The parser's problem in the reader's language, with how to mend it."""
    known = YAML_PROBLEMS.get((problem or "").strip())
    if known is not None:
        return _(known)
    english = " ".join(str(part) for part in (context, problem) if part)
    return _("the parser says: {english}").format(english=english)
