"""Plain values from YAML → a `Dataset`, with every finding (pydantic, then our rules)."""

from __future__ import annotations

import difflib
from functools import cache, lru_cache
from typing import Any

from ikscli.i18n import _
from ikscli.model import AGREEMENT_FIELDS, PARTY_FIELDS, Agreement, Dataset, Meta, Party
from ikscli.problems import Finding, error
from ikscli.reading import rules
from ikscli.text.untrusted import quoted

_FIELDS_AT = {"agreements": AGREEMENT_FIELDS, "parties": PARTY_FIELDS}
_TOP = ("meta", "parties", "categories", "agreements")
_META = tuple(Meta.__dataclass_fields__)


@lru_cache(maxsize=1)
def _adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Dataset)


@cache
def _record_adapter(model: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def record(model: type, raw: Any) -> Any | None:
    """One record (an Agreement, a Party, Meta) from its plain values, or None when
    pydantic finds it invalid (the caller then validates the whole file for the places)."""
    from pydantic import ValidationError

    try:
        return _record_adapter(model).validate_python(raw)
    except ValidationError:
        return None


def record_findings(
    model: type, raw: Any, section: str, position: int
) -> tuple[Any, list[Finding]]:
    """One record validated on its own, with pydantic's findings at its place in the
    file (`section`, `position`): (the record, []) or (None, findings)."""
    from pydantic import ValidationError

    try:
        return _record_adapter(model).validate_python(raw), []
    except ValidationError as exc:
        root = {section: [None] * position + [raw]}
        return None, [
            _finding({**e, "loc": (section, position, *e["loc"])}, root)
            for e in exc.errors(include_url=False)
        ]


def validate(raw: Any, unprintable: bool = True) -> tuple[Dataset | None, list[Finding]]:
    """Check `raw` against the models, then the cross-record rules.

    `unprintable` False says the reader found only printable text (see rules.check).
    """
    if not isinstance(raw, dict):
        found = _("a list") if isinstance(raw, list) else _excerpt(raw)
        message = _(
            "the file must be a mapping with the keys meta, parties, categories and "
            "agreements; found {found}"
        )
        return None, [error((), message.format(found=found))]
    from pydantic import ValidationError

    try:
        dataset = _adapter().validate_python(raw)
    except ValidationError as exc:
        findings = [_finding(e, raw) for e in exc.errors(include_url=False)]
        # Still run the cross-record rules on the records that passed, so that one
        # run reports every problem, not only the first kind.
        partial_dataset, partial = _partial(raw)
        return None, findings + rules.check(partial_dataset, partial, unprintable)
    return dataset, rules.check(dataset, unprintable=unprintable)


EXCERPT = 12  # characters of a file that is no dataset a message may quote


def _excerpt(raw: Any) -> str:
    """What a file that is no dataset holds, in a short escaped excerpt: a message may go
    to a CI log, and the file may be a credential someone pointed ikscli at."""
    from ikscli.text.untrusted import quoted

    if isinstance(raw, str):
        text = raw if len(raw) <= EXCERPT else raw[:EXCERPT] + "…"
        return _("text beginning {excerpt}").format(excerpt=quoted(text))
    if raw is None:
        return _("nothing")
    return _("a {kind}").format(kind=type(raw).__name__)


def _valid_items(raw: Any, key: str, model: type) -> tuple[list[Any], list[int], list[Any]]:
    """The items of section `key` that pass `model`, their positions, and the others."""
    from pydantic import TypeAdapter, ValidationError

    items = raw.get(key)
    if not isinstance(items, list):
        return [], [], []
    adapter: TypeAdapter[Any] = TypeAdapter(model)
    good, positions, bad = [], [], []
    for index, item in enumerate(items):
        try:
            good.append(adapter.validate_python(item))
            positions.append(index)
        except ValidationError:
            bad.append(item)
    return good, positions, bad


def _partial(raw: dict[str, Any]) -> tuple[Dataset, rules.Partial]:
    parties, party_positions, bad_parties = _valid_items(raw, "parties", Party)
    agreements, agreement_positions, _ = _valid_items(raw, "agreements", Agreement)
    categories = raw.get("categories")
    categories = (
        [c for c in categories if isinstance(c, str)] if isinstance(categories, list) else []
    )
    other_parties = {
        p["name"] for p in bad_parties if isinstance(p, dict) and isinstance(p.get("name"), str)
    }
    other_ids: dict[str, int] = {}
    items = raw.get("agreements")
    valid = set(agreement_positions)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if index not in valid and isinstance(item, dict) and isinstance(item.get("id"), str):
            other_ids.setdefault(item["id"], index)
    dataset = Dataset(meta=None, parties=parties, categories=categories, agreements=agreements)  # type: ignore[arg-type]
    return dataset, rules.Partial(agreement_positions, party_positions, other_parties, other_ids)


def _where(loc: tuple[Any, ...], raw: Any) -> str:
    """A reader's name for the place: `agreement 'eioff': host` or `meta.title`."""
    if len(loc) >= 2 and loc[0] in ("agreements", "parties") and isinstance(loc[1], int):
        label = _("agreement") if loc[0] == "agreements" else _("party")
        record = raw.get(loc[0])
        item = record[loc[1]] if isinstance(record, list) and loc[1] < len(record) else None
        ident = (
            item.get("id" if loc[0] == "agreements" else "name") if isinstance(item, dict) else None
        )
        head = f"{label} {quoted(ident)}" if isinstance(ident, str) else f"{label} #{loc[1] + 1}"
        rest = ".".join(_step(p) for p in loc[2:])
        return f"{head}: {rest.replace('.[', '[')}" if rest else head
    return ".".join(_step(p) for p in loc).replace(".[", "[") or _("the file")


def _step(part: Any) -> str:
    """One step of a path in a message: an index, a plain key, or a quoted odd key."""
    if isinstance(part, int):
        return f"[{part}]"
    text = str(part)
    return text if text.isidentifier() else quoted(text)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _finding(err: Any, raw: Any) -> Finding:
    """A pydantic error (its ErrorDetails) as a finding a person can act on."""
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    where = _where(loc, raw)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        key = loc[-1]
        known = _known_keys(loc[:-1])
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = (
            " " + _("(did you mean {options}?)").format(options=repr(close[0]))
            if close
            else "; " + _("known keys: {keys}").format(keys=", ".join(known))
        )
        message = _("{where}: unknown key {key}").format(where=where, key=repr(key))
        return error(loc, message + hint, at_key=True)
    if kind == "missing" or kind == "missing_argument":
        message = _("{where}: missing required key {key}")
        return error(loc, message.format(where=_where(loc[:-1], raw), key=repr(loc[-1])))
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", ""))
        head, joint, last = expected.rpartition(" or ")
        expected = head + _(" or ") + last if joint else expected
        message = _("{where}: {value} is not allowed; expected {expected}")
        return error(loc, message.format(where=where, value=_shown(value), expected=expected))
    if kind in (
        "string_type",
        "bool_type",
        "list_type",
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        message = _("{where}: {expected}, found {found}")
        return error(
            loc, message.format(where=where, expected=_expected(kind), found=_found(value))
        )
    if kind.startswith("dataclass") or kind.startswith("model") or kind == "dict_type":
        message = _("{where}: expected a mapping of keys, found {found}")
        return error(loc, message.format(where=where, found=_found(value)))
    return error(loc, f"{where}: {err['msg']}")


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    if not loc:
        return list(_TOP)
    if loc == ("meta",):
        return list(_META)
    return list(_FIELDS_AT.get(loc[0], ()))


def _expected(kind: str) -> str:
    return {
        "string_type": _("expected text"),
        "bool_type": _("expected true or false"),
        "list_type": _("expected a list"),
    }.get(kind) or _("expected a date (YYYY-MM-DD)")


def _found(value: Any) -> str:
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("the yes/no value {value} (quote it if you mean text)").format(value=repr(value))
    if isinstance(value, (int, float)):
        return _('a number (put it in quotes if you mean text, e.g. "0501")')
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if not isinstance(value, str):
        return _("{kind} {value} (quote it if you mean text)").format(
            kind=type(value).__name__, value=_shown(str(value))
        )
    return _shown(value)
