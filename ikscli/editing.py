"""Changes to a dataset file, as its keeper makes them: set, add, end, remove.

Values are read as people type them (`members=Øyer kommune, 521`, `status=sagt opp`,
`form=iks`) and stored as the file spells them. A change touches only its record:
the rest of the file keeps its comments and formatting. Whether the result is valid
is for the caller to check (`ikscli.cli.edit` reads it back before writing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .i18n import _
from .model import AGREEMENT_FIELDS
from .nameindex import NameIndex, UnknownName
from .names import nfc
from .query import canonical
from .roundtrip import FLOW, flow_list, needs_quotes, order_keys

BOOLEAN = {"true": True, "yes": True, "ja": True, "false": False, "no": False, "nei": False}
REQUIRED = ("id", "name")


class EditError(Exception):
    """A change that cannot be made as asked (wrong usage: exit 2)."""


class Refused(Exception):
    """A change refused for problems with their places (invalid data: exit 1)."""

    def __init__(self, problems: list[Any], summary: str) -> None:
        super().__init__(summary)
        self.problems = problems
        self.summary = summary


def parse_assignments(index: NameIndex, texts: list[str]) -> dict[str, Any]:
    """`FIELD=VALUE` texts → {field: value}; None removes an optional field."""
    values: dict[str, Any] = {}
    for text in texts:
        name, equals, raw = nfc(text).partition("=")
        field = canonical(name.strip())
        if not equals or not name.strip():
            raise EditError(_("cannot read {text}: write FIELD=VALUE").format(text=repr(text)))
        if field not in AGREEMENT_FIELDS:
            from .names import did_you_mean

            raise EditError(
                _("unknown field {name}").format(name=repr(name.strip()))
                + did_you_mean(name.strip(), list(AGREEMENT_FIELDS))
            )
        values[field] = value_of(index, field, raw.strip())
    return values


def value_of(index: NameIndex, field: str, raw: str) -> Any:
    """One field's value from what a person typed (names resolved, words understood)."""
    if raw == "":
        if field in REQUIRED:
            raise EditError(_("{field} cannot be empty").format(field=field))
        return [] if field in FLOW else None
    try:
        return _CONVERT.get(field, _text)(index, raw)
    except (UnknownName, EditError) as exc:
        raise EditError(f"{field}: {exc}") from None


def _text(_index: NameIndex, raw: str) -> str:
    return raw


def _names(index: NameIndex, raw: str) -> list[str]:
    names = [index.party(part.strip()) for part in raw.split(",") if part.strip()]
    return list(dict.fromkeys(names))  # a name typed twice is kept once


def _boolean(_index: NameIndex, raw: str) -> bool:
    value = BOOLEAN.get(raw.lower())
    if value is None:
        raise EditError(_("{value} is not yes or no (ja/nei, true/false)").format(value=repr(raw)))
    return value


_CONVERT: dict[str, Callable[[NameIndex, str], Any]] = {
    "members": _names,
    "partners": _names,
    "host": lambda index, raw: index.party(raw),
    "status": lambda index, raw: index.status(raw),
    "form": lambda index, raw: index.form(raw),
    "category": lambda index, raw: index.category(raw),
    "parent": lambda index, raw: index.agreement(raw).id,
    "form_inferred": _boolean,
}


def _records(document: CommentedMap) -> CommentedSeq:
    records = document.get("agreements")
    if not isinstance(records, CommentedSeq):
        raise EditError(_("the file has no list of agreements"))
    return records


def _position(document: CommentedMap, ident: str) -> int:
    for i, record in enumerate(_records(document)):
        if isinstance(record, dict) and record.get("id") == ident:
            return i
    raise EditError(_("unknown agreement {id}").format(id=repr(ident)))


def set_fields(document: CommentedMap, ident: str, values: dict[str, Any]) -> None:
    """Set (or, for None and empty lists, remove) fields of the agreement `ident`."""
    record = _records(document)[_position(document, ident)]
    for field, value in values.items():
        if value is None or (field in FLOW and value == []):
            record.pop(field, None)
        else:
            record[field] = _stored(field, value)
    order_keys(record, AGREEMENT_FIELDS)


def _stored(field: str, value: Any) -> Any:
    if field in FLOW:
        return flow_list(list(value))
    if isinstance(value, str) and needs_quotes(value):
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)
    return value


def add_lines(text: str, document: CommentedMap, ident: str, values: dict[str, Any]) -> str:
    """`text` with a new agreement after the last one of its category (else at the end),
    a blank line before it; every other line as it was."""
    records = _records(document)
    if any(isinstance(r, dict) and r.get("id") == ident for r in records):
        raise EditError(
            _("agreement {id} exists already; change it with set").format(id=repr(ident))
        )
    if "name" not in values:
        raise EditError(_("a new agreement needs a name: name=..."))
    record = CommentedMap(id=ident)
    for field, value in values.items():
        if value is not None and not (field in FLOW and value == []):
            record[field] = _stored(field, value)
    order_keys(record, AGREEMENT_FIELDS)
    from .roundtrip import text_of

    block = text_of(CommentedMap(agreements=[record])).split("\n")[1:]  # under agreements:
    lines = text.split("\n")
    category = values.get("category")
    same = [i for i, r in enumerate(records) if category and r.get("category") == category]
    last = same[-1] if same else len(records) - 1
    if last < 0:
        raise EditError(_("the file has no agreement to add after"))
    after = _end_of(lines, records.lc.item(last)[0])
    new = ["", *[line for line in block if line]]
    return "\n".join(lines[:after] + new + lines[after:])


def _end_of(lines: list[str], start: int) -> int:
    """The line after the record that starts at `start` (its fields are indented)."""
    stop = start + 1
    while stop < len(lines) and (
        lines[stop].startswith("    ")
        or (lines[stop] == "" and stop + 1 < len(lines) and lines[stop + 1].startswith("      "))
    ):
        stop += 1
    return stop


def end(document: CommentedMap, ident: str) -> None:
    """The agreement is terminated (sagt opp)."""
    set_fields(document, ident, {"status": "terminated"})


def remove_lines(text: str, document: CommentedMap, ident: str) -> str:
    """`text` without the agreement `ident`: its lines and the comment right above it.

    A section heading (a comment with a blank line after it) stays for the records
    that follow. ruamel.yaml gives where the record starts; the record ends where
    the lines indented as its fields end.
    """
    position = _position(document, ident)
    start = _records(document).lc.item(position)[0]
    lines = text.split("\n")
    first = start
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    kept = lines[:first] + lines[_end_of(lines, start) :]
    if first > 0 and first < len(kept) and kept[first - 1] == "" and kept[first] == "":
        del kept[first]
    return "\n".join(kept)
