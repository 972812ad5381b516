"""One query engine for every command: select, sort, limit, count and group agreements.

Knows nothing of the terminal. The command layer turns options into a `Query`
and renders what comes back.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ikscli.i18n import N_, _
from ikscli.model import Agreement
from ikscli.query.fields import FIELDS, QUERY_FIELDS
from ikscli.query.nameindex import NameIndex, UnknownName
from ikscli.text import numbers
from ikscli.text.names import did_you_mean, fold, nfc, sort_key
from ikscli.text.options import option

NONE = N_("(none)")  # a group of agreements without the field


SORT_FIELDS = ("source", "id", "name", "category", "form", "host", "status", "members")
GROUP_FIELDS = (
    "members",
    "partners",
    "party",
    "form",
    "category",
    "host",
    "status",
    "parent",
    "members_basis",
)
# One vocabulary: the JSON keys are the documented names; these spellings mean the same.
# A Norwegian register keeper types the fields in Norwegian: `navn=`, `merknad=`, ...
ALIASES = {
    "kommune": "members",
    "kommuner": "members",
    "member": "members",
    "partner": "partners",
    "parties": "party",
    "vertskommune": "host",
    "navn": "name",
    "merknad": "note",
    "kategori": "category",
    "medlem": "members",
    "medlemmer": "members",
    "deltakere": "partners",
    "partnere": "partners",
    "andre_parter": "partners",
    "part": "party",
    "parter": "party",
    "organisasjonsform": "form",
    "hører_under": "parent",
    "forelder": "parent",
    "andre": "others",
    "grunnlag": "members_evidence",
    "kilde": "source",
}


def canonical(name: str) -> str:
    """A field as people may write it (kommune, partner) → its documented name."""
    key = name.strip().lower()
    return ALIASES.get(key, key)


_EXPRESSION = re.compile(r"^\s*([A-Za-z_æøåÆØÅ]+)\s*(!=|=|~)(.*)$", re.S)
_EMPTY = {"", "none", "-", "null", "ingen"}


class QueryError(ValueError):
    """A query that cannot be run as written (a usage error)."""


@dataclass(frozen=True)
class Condition:
    field: str
    op: str  # "=", "!=", "~"
    value: str


@dataclass
class Query:
    """What to select and how to order it. All conditions must hold (AND)."""

    conditions: list[Condition] = field(default_factory=list)
    search: list[str] = field(default_factory=list)  # text in name or note
    sort: str = "source"
    reverse: bool = False
    limit: int | None = None
    in_force: datetime.date | None = None  # only what was in force on this day


def in_force(agreement: Agreement, day: datetime.date) -> bool:
    """Whether `agreement` was in force on `day`, by its started and ended (its last day).
    Without dates its status decides: a terminated one counts as ended, a planned one as
    not yet started, an active one as in force."""
    if agreement.started is not None and day < agreement.started:
        return False
    if agreement.ended is not None:
        return day <= agreement.ended
    if agreement.status == "terminated":
        return False
    return agreement.status == "active" or agreement.started is not None


def filter_conditions(
    kommune: list[str] | None = None,
    host: str | None = None,
    form: str | None = None,
    category: str | None = None,
    status: str | None = None,
    party: list[str] | None = None,
) -> list[Condition]:
    """The filters of `list` (--kommune, --party, --host, ...) as conditions."""
    conditions = [Condition("members", "=", k) for k in kommune or []]
    conditions += [Condition("party", "=", p) for p in party or []]
    for name, value in (("host", host), ("form", form), ("category", category), ("status", status)):
        if value is not None:
            conditions.append(Condition(name, "=", value))
    return conditions


def parse_expression(text: str) -> Condition:
    """`kommune=Øyer`, `form!=AS`, `note~vertskommune` → a Condition."""
    match = _EXPRESSION.match(nfc(text))
    if not match:
        raise QueryError(
            _("cannot read {text}: write FIELD=VALUE, FIELD!=VALUE or FIELD~TEXT").format(
                text=repr(text)
            )
        )
    name, op, value = canonical(match.group(1)), match.group(2), match.group(3).strip()
    if name not in QUERY_FIELDS:
        raise unknown_field(name, list(QUERY_FIELDS))
    return Condition(name, op, value)


def unknown_field(name: str, fields: list[str]) -> QueryError:
    """The error for a field that is none of `fields`: the closest, then all of them."""
    return QueryError(
        _("unknown field {name}").format(name=repr(name))
        + did_you_mean(name, fields)
        + "; "
        + _("the fields are: {fields}").format(fields=", ".join(fields))
    )


def _predicate(index: NameIndex, condition: Condition) -> Callable[[Agreement], bool]:
    spec = FIELDS[condition.field]
    get = spec.get
    if condition.op == "~":
        match = (
            pattern_matcher(condition.value)
            if _is_pattern(condition.value)
            else (text_matcher(condition.value))
        )

        def contains(a: Agreement) -> bool:
            value = get(a)
            values = value if spec.many else [value]
            return any(v is not None and match(v) for v in values)

        return contains
    if "|" in condition.value:  # any of: host=Gausdal|Øyer
        tests = [
            _predicate(index, Condition(condition.field, "=", part.strip()))
            for part in condition.value.split("|")
        ]

        def any_of(a: Agreement) -> bool:
            return any(t(a) for t in tests)

        return any_of if condition.op == "=" else (lambda a: not any_of(a))
    empty = condition.value.lower() in _EMPTY
    if empty:
        target: str | None = None
    elif spec.resolve is not None:
        try:
            target = spec.resolve(index, condition.value)
        except UnknownName as exc:
            raise QueryError(str(exc)) from None
    else:
        target = condition.value
    test: Callable[[Agreement], bool]
    if spec.many:
        if empty:

            def test(a: Agreement) -> bool:
                return not get(a)
        else:

            def test(a: Agreement) -> bool:
                return target in get(a)
    elif spec.resolve is None and target is not None:
        key = fold(target)

        def test(a: Agreement) -> bool:
            value = get(a)
            return value is not None and fold(value) == key
    else:

        def test(a: Agreement) -> bool:
            return bool(get(a) == target)

    if condition.op == "!=":
        return lambda a: not test(a)
    return test


def text_matcher(term: str) -> Callable[[str], bool]:
    """A case-blind "contains" for a search term, as people type it.

    The term and the text are folded (case, æ/ø/å, accents and punctuation), so
    `tilsyn` finds "Tilsyn" and `oyer` finds "Øyer". A term that folds to nothing
    (`!!!`, `[`) is looked for literally, case-blind: it must not match everything.
    """
    needle = fold(term)
    if needle:
        return lambda text: needle in fold(text)
    literal = nfc(term).casefold()
    if not literal.strip():
        return lambda text: False
    return lambda text: literal in nfc(text).casefold()


# A regular expression runs at most this long over a whole query: a pattern that
# backtracks without end ((a+)+$) is stopped, not left to hang the command.
PATTERN_SECONDS = 2.0


def _is_pattern(value: str) -> bool:
    return len(value) >= 2 and value.startswith("/") and value.endswith("/")


def pattern_matcher(value: str) -> Callable[[str], bool]:
    """`/REGEX/`: a case-blind regular expression, searched within a time limit.

    It runs on the `regex` engine, which can stop a search that takes too long (the
    standard library's cannot); the limit is shared by every text of the query.
    """
    import time

    import regex

    _bounded(value)
    try:
        compiled = regex.compile(value[1:-1], regex.IGNORECASE | regex.V1)
    except (regex.error, ValueError, OverflowError, RecursionError, MemoryError) as exc:
        raise QueryError(
            _("{pattern} is not a valid regular expression: {reason}").format(
                pattern=_short(value), reason=str(exc)[:80]
            )
        ) from None
    except Exception:  # the engine's own failure on an odd pattern (KeyError for (?V0))
        raise QueryError(
            _("{pattern} is not a valid regular expression: {reason}").format(
                pattern=_short(value), reason=_("the engine cannot read it")
            )
        ) from None
    deadline = time.monotonic() + PATTERN_SECONDS

    def matches(text: str) -> bool:
        left = deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            return compiled.search(nfc(text), timeout=left) is not None
        except TimeoutError:
            raise QueryError(
                _("{pattern} took more than {seconds} s; write a simpler pattern").format(
                    pattern=value, seconds=PATTERN_SECONDS
                )
            ) from None

    return matches


MAX_PATTERN = 200  # characters: a pattern over names and remarks needs no more
MAX_REPEAT = 10_000  # what the counted repetitions ({m,n}) of a pattern multiply to
MAX_NESTING = 20  # groups inside groups
_COUNTED = re.compile(r"\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}")


def _bounded(value: str) -> None:
    """A pattern whose compiling alone could take gigabytes is refused before it is
    compiled: too long, repetitions that multiply past MAX_REPEAT, groups too deep."""
    pattern = value[1:-1]
    if len(pattern) > MAX_PATTERN:
        raise QueryError(
            _("the pattern has {n} characters; at most {limit} are read").format(
                n=len(pattern), limit=MAX_PATTERN
            )
        )
    product = 1
    for match in _COUNTED.finditer(pattern):
        counts = [int(g) for g in match.groups() if g]
        product *= max(counts + [1])
        if product > MAX_REPEAT:
            raise QueryError(
                _("{pattern} repeats more than {limit} times; write a simpler pattern").format(
                    pattern=_short(value), limit=numbers.number(MAX_REPEAT)
                )
            )
    depth = deepest = 0
    escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(
            _("the pattern nests {n} groups; at most {limit} are read").format(
                n=deepest, limit=MAX_NESTING
            )
        )


def _short(text: str) -> str:
    from ikscli.text.untrusted import escaped

    text = escaped(text)
    return text if len(text) <= 60 else text[:57] + "..."


def select(index: NameIndex, query: Query) -> list[Agreement]:
    """The agreements that satisfy every condition, sorted and limited."""
    predicates = [_predicate(index, c) for c in query.conditions]
    matchers = [text_matcher(s) for s in query.search]
    if query.in_force is not None:
        day = query.in_force
        predicates.append(lambda a: in_force(a, day))
    if not predicates and not matchers:
        return _order(index, list(index.dataset.agreements), query)
    result = list(index.dataset.agreements)
    for predicate in predicates:  # one pass per condition: no per-agreement generator
        result = [a for a in result if predicate(a)]
    if matchers:
        result = [a for a in result if all(m(a.name) or m(a.note or "") for m in matchers)]
    return _order(index, result, query)


def _order(index: NameIndex, result: list[Agreement], query: Query) -> list[Agreement]:
    result = sort(index, result, query.sort, query.reverse)
    if query.limit is not None:
        if query.limit < 0:
            raise QueryError(_("{limit} must be 0 or more").format(limit=option("limit")))
        result = result[: query.limit]
    return result


def sort(
    index: NameIndex, agreements: list[Agreement], by: str, reverse: bool = False
) -> list[Agreement]:
    """Sorted by one key or several (`host,name`: by host, then by name within a host)."""
    keys = [part for part in by.split(",") if part.strip()] or ["source"]
    for key in reversed(keys):  # a stable sort, least significant key first
        agreements = _sorted(index, agreements, key, reverse)
    return agreements


def _sorted(
    index: NameIndex, agreements: list[Agreement], by: str, reverse: bool = False
) -> list[Agreement]:
    by = canonical(by)
    if by not in SORT_FIELDS:
        raise QueryError(
            _("cannot sort by {name}; choose one of {fields}").format(
                name=repr(by), fields=", ".join(SORT_FIELDS)
            )
        )
    if by == "source":
        return list(reversed(agreements)) if reverse else list(agreements)
    if by == "members":
        return sorted(agreements, key=lambda a: len(a.members), reverse=reverse)
    if by == "category":
        order = {c: i for i, c in enumerate(index.dataset.categories)}
        last = len(order)
        return sorted(
            agreements,
            key=lambda a: order.get(a.category, last) if a.category else last,
            reverse=reverse,
        )
    getter = FIELDS[by].get

    def key(a: Agreement) -> tuple[bool, tuple[str, str]]:
        value = getter(a)
        return (value is None, sort_key(value) if value is not None else ("", ""))

    return sorted(agreements, key=key, reverse=reverse)


def group_values(agreement: Agreement, field_name: str) -> list[str]:
    """The group(s) an agreement falls in for `field_name`; list fields give several."""
    value = FIELDS[field_name].get(agreement)
    if FIELDS[field_name].many:
        return list(value) or [NONE]
    return [value if value is not None else NONE]


def count(agreements: Iterable[Agreement], by: list[str]) -> list[tuple[tuple[str, ...], int]]:
    """Counts per group (a cross-table when `by` has several fields), biggest first.

    An agreement with several members counts once for each of them under `members`.
    """
    by = [canonical(name) for name in by]
    for name in by:
        if name not in GROUP_FIELDS:
            raise QueryError(
                _("cannot count by {name}; choose from {fields}").format(
                    name=repr(name), fields=", ".join(GROUP_FIELDS)
                )
            )
    counter: Counter[tuple[str, ...]] = Counter()
    if len(by) == 1:  # the common case, kept to one pass without per-agreement tuples
        spec = FIELDS[by[0]]
        get = spec.get
        if spec.many:
            counter.update((v,) for a in agreements for v in (get(a) or (NONE,)))
        else:
            values = Counter(get(a) for a in agreements)
            counter.update({(NONE if v is None else v,): n for v, n in values.items()})
    else:
        for agreement in agreements:
            keys: list[tuple[str, ...]] = [()]
            for name in by:
                keys = [k + (v,) for k in keys for v in group_values(agreement, name)]
            counter.update(keys)
    return sorted(counter.items(), key=lambda kv: (-kv[1], [sort_key(v) for v in kv[0]]))


def hosts(agreements: Iterable[Agreement]) -> list[tuple[str, list[Agreement]]]:
    """Each host with the agreements it hosts, most first."""
    by_host: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        if agreement.host is not None:
            by_host.setdefault(agreement.host, []).append(agreement)
    return sorted(by_host.items(), key=lambda kv: (-len(kv[1]), sort_key(kv[0])))


def count_records(
    fields: list[str], groups: list[tuple[tuple[str, ...], int]]
) -> list[dict[str, Any]]:
    """Counts as programs get them: each field's value (None for none) and `count`."""
    return [
        {**{f: (None if v == NONE else v) for f, v in zip(fields, values, strict=True)}, "count": n}
        for values, n in groups
    ]


def host_records(hosted: list[tuple[str, list[Agreement]]]) -> list[dict[str, Any]]:
    """Each host as programs get it: the ids it hosts and whom they serve."""
    return [
        {
            "host": host,
            "agreements": [a.id for a in agreements],
            "serves": sorted(
                {m for a in agreements for m in [*a.members, *a.partners]}, key=sort_key
            ),
        }
        for host, agreements in hosted
    ]
