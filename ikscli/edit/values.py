"""Values as people type them, for the commands that change a record.

`members=Øyer kommune, 521`, `status=sagt opp`, `form=iks`: names, statuses, forms and
categories are understood as every query understands them, and stored as the file
spells them. An empty value removes an optional field. The agreement a change is for
is named exactly, by its id or its whole name: a prefix that finds one agreement for a
query could change the wrong one here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ikscli.edit.errors import EditError
from ikscli.i18n import _
from ikscli.model import AGREEMENT_FIELDS, Agreement
from ikscli.query.fields import FIELDS
from ikscli.query.nameindex import NameIndex, UnknownName
from ikscli.query.select import canonical
from ikscli.text import numbers
from ikscli.text.names import did_you_mean, fold, name_keys, nfc
from ikscli.text.untrusted import quoted

BOOLEAN = {"true": True, "yes": True, "ja": True, "false": False, "no": False, "nei": False}
REQUIRED = ("id", "name")
LISTS = ("members", "partners")
DEFAULTS: dict[str, Any] = {f: getattr(Agreement("", ""), f) for f in AGREEMENT_FIELDS}


def parse_assignments(index: NameIndex, texts: list[str]) -> dict[str, Any]:
    """`FIELD=VALUE` texts → {field: value}; None removes an optional field."""
    values: dict[str, Any] = {}
    for text in texts:
        name, equals, raw = nfc(text).partition("=")
        field = canonical(name.strip())
        if not equals or not name.strip():
            raise EditError(_("cannot read {text}: write FIELD=VALUE").format(text=quoted(text)))
        if field not in AGREEMENT_FIELDS:
            raise EditError(
                _("unknown field {name}").format(name=quoted(name.strip()))
                + did_you_mean(name.strip(), list(AGREEMENT_FIELDS))
            )
        values[field] = value_of(index, field, raw.strip())
    return values


def value_of(index: NameIndex, field: str, raw: str) -> Any:
    """One field's value from what a person typed (names resolved, words understood)."""
    if raw == "":
        if field in REQUIRED:
            raise EditError(_("{field} cannot be empty").format(field=field))
        return [] if field in LISTS else None
    try:
        return _CONVERT[FIELDS[field].kind](index, raw)
    except (UnknownName, EditError) as exc:
        raise EditError(f"{field}: {exc}") from None


def is_default(field: str, value: Any) -> bool:
    """The value the file leaves out (an empty list, status active, no text)."""
    return value is None or value == DEFAULTS.get(field, None)


def _text(_index: NameIndex, raw: str) -> str:
    return raw


_SEVERAL = re.compile(r"\s*;\s*|\s+(?:og|and|&)\s+", re.IGNORECASE)


def _names(index: NameIndex, raw: str) -> list[str]:
    names = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        try:
            names.append(index.party(part))
        except UnknownName:
            pieces = [p for p in _SEVERAL.split(part) if p]
            if len(pieces) > 1 and all(_known(index, p) for p in pieces):
                raise EditError(
                    _("{text} is several names: separate them with commas ({names})").format(
                        text=quoted(part), names=", ".join(pieces)
                    )
                ) from None
            raise
    return list(dict.fromkeys(names))  # a name typed twice is kept once


def _known(index: NameIndex, text: str) -> bool:
    try:
        index.party(text)
    except UnknownName:
        return False
    return True


def _boolean(_index: NameIndex, raw: str) -> bool:
    value = BOOLEAN.get(raw.lower())
    if value is None:
        raise EditError(
            _("{value} is not yes or no (ja/nei, true/false)").format(value=quoted(raw))
        )
    return value


def _date(_index: NameIndex, raw: str) -> Any:
    from ikscli.text.dates import parse

    try:
        return parse(raw)
    except ValueError:
        raise EditError(
            _("{value} is not a date: write 2020-01-01, 01.01.2020 or 1. januar 2020").format(
                value=quoted(raw)
            )
        ) from None


def _orgnr(_index: NameIndex, raw: str) -> str:
    """An organisation number as people write it (964 338 531, NO 964338531 MVA): the
    nine digits; the check of its control digit is validate's."""
    digits = re.sub(r"(?i)^no|mva$|[\s.-]", "", raw.strip())
    if not digits.isdigit():
        raise EditError(
            _("{value} is not an organisation number (9 digits)").format(value=quoted(raw))
        )
    return digits


def _shares(index: NameIndex, raw: str) -> dict[str, int | float]:
    """Owners' shares as people write them: "Gausdal: 20, Lillehammer 50 %, Øyer=30"."""
    shares: dict[str, int | float] = {}
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        match = re.fullmatch(r"(.+?)\s*[:=]?\s*(\d+(?:[.,]\d+)?)\s*%?", part)
        if match is None:
            raise EditError(
                _("{text}: write each owner's share as Gausdal: 20").format(text=quoted(part))
            )
        number = float(match.group(2).replace(",", "."))
        shares[index.party(match.group(1).strip())] = int(number) if number.is_integer() else number
    return shares


_CONVERT: dict[str, Callable[[NameIndex, str], Any]] = {  # by the field's kind
    "date": _date,
    "orgnr": _orgnr,
    "shares": _shares,
    "text": _text,
    "names": _names,
    "party": lambda index, raw: index.party(raw),
    "status": lambda index, raw: index.status(raw),
    "form": lambda index, raw: index.form(raw),
    "category": lambda index, raw: index.category(raw),
    "agreement": lambda index, raw: exact_agreement(index, raw).id,
    "boolean": _boolean,
}


def exact_agreement(index: NameIndex, text: str) -> Agreement:
    """The agreement whose id, or whole name as people write it, is `text`. A prefix or
    a name several agreements share is refused, with the candidates."""
    ident = nfc(text).strip()
    found = index.agreements.get(ident) or index.agreements.get(ident.lower())
    if found is not None:
        return found
    key = fold(ident)
    agreements = index.dataset.agreements
    names, bare = _keys(index)
    named = _lines(names, re.escape(key) + "$") if key else []
    if len(named) == 1:
        return agreements[named[0]]
    if len(named) > 1:
        raise EditError(
            _("{text} is the name of {n} agreements; give the id: {ids}").format(
                text=quoted(ident),
                n=len(named),
                ids=", ".join(agreements[i].id for i in named[:10]),
            )
        )
    hits: list[int] = []
    if key:
        for pattern in (re.escape(key), ".*" + re.escape(key)):  # a prefix, else anywhere
            hits = sorted(set(_lines(names, pattern) + _lines(bare, pattern)))
            if hits:
                break
    if len(hits) > 1:  # ambiguous, not unknown: say how many, and some of them
        shown = ", ".join(agreements[i].id for i in hits[:5])
        if len(hits) > 5:
            shown += " " + _("and {n} more").format(n=numbers.number(len(hits) - 5))
        raise EditError(
            _(
                "{text} is not the whole id or name of an agreement, and {n} agreements "
                "begin with it or hold it: {ids}; a change needs the exact id"
            ).format(text=quoted(ident), n=numbers.number(len(hits)), ids=shown)
        )
    if hits:
        raise EditError(
            _(
                "no agreement has the id or name {text}; a change needs the exact id or name "
                "(did you mean {ids}?)"
            ).format(text=quoted(ident), ids=agreements[hits[0]].id)
        )
    lower = ident.lower()
    pool = [i for i in index.agreements if i[:3] == lower[:3]]
    if not pool or len(pool) > 200:
        pool = [i for i in index.agreements if i[:1] == lower[:1]][:200]
    raise EditError(
        _("unknown agreement {id}").format(id=quoted(ident)) + did_you_mean(ident, pool)
    )


def _keys(index: NameIndex) -> tuple[str, str]:
    """Every agreement's name folded, and its id without hyphens, one a line."""
    agreements = index.dataset.agreements
    stored = getattr(index, "name_keys", None) or name_keys(
        [a.name for a in agreements], [a.id for a in agreements]
    )
    names, _sep, bare = stored.partition("\0")
    return names, bare


def _lines(text: str, pattern: str, limit: int | None = None) -> list[int]:
    """The numbers (from 0) of the lines of `text` that match `pattern` from their start."""
    found: list[int] = []
    line, at = 0, 0
    for match in re.finditer("(?m)^" + pattern, text):
        line += text.count("\n", at, match.start())
        at = match.start()
        found.append(line)
        if limit is not None and len(found) >= limit:
            break
    return found
