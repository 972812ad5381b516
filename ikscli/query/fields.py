"""Every field of an agreement, once: how a query reads it and understands a typed value,
and what kind of value a change to it takes.

Queries (`ikscli.query.select`) filter, sort and group by these fields; the commands
that change a record (`ikscli.edit.values`) convert what a person typed by the field's
`kind`. A field is added here, and both understand it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ikscli.model import AGREEMENT_FIELDS, Agreement
from ikscli.query.nameindex import NameIndex


@dataclass(frozen=True)
class Field:
    """A field: how to read it and how to resolve what a person typed for it."""

    name: str
    get: Callable[[Agreement], Any]
    resolve: Callable[[NameIndex, str], str] | None = None  # a query's value; None: text
    many: bool = False  # a list field: `=` means "contains"
    kind: str = "text"  # a change's value: text, names, party, status, form, category,
    # agreement (named exactly) or boolean
    query: bool = True  # filters may name it


def _party(d: NameIndex, text: str) -> str:
    return d.party(text)


def _roles(a: Agreement) -> list[str]:
    return [*a.members, *a.partners, *([a.host] if a.host else [])]


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("members", lambda a: a.members, _party, many=True, kind="names"),
        Field("host", lambda a: a.host, _party, kind="party"),  # the vertskommune
        Field("partners", lambda a: a.partners, _party, many=True, kind="names"),
        Field("party", _roles, _party, many=True, kind="derived"),  # any role
        Field("form", lambda a: a.form, lambda d, t: d.form(t), kind="form"),
        Field("category", lambda a: a.category, lambda d, t: d.category(t), kind="category"),
        Field("status", lambda a: a.status, lambda d, t: d.status(t), kind="status"),
        Field("id", lambda a: a.id, lambda d, t: d.agreement(t).id),
        Field("parent", lambda a: a.parent, lambda d, t: d.agreement(t).id, kind="agreement"),
        Field("name", lambda a: a.name),
        Field("note", lambda a: a.note),  # the remark
        Field("others", lambda a: a.others),  # unnamed other participants
        Field("members_basis", lambda a: a.members_basis),
        Field("members_evidence", lambda a: a.members_evidence, query=False),
        Field("form_inferred", lambda a: a.form_inferred, kind="boolean", query=False),
        Field("orgnr", lambda a: a.orgnr, kind="orgnr"),  # organisation number
        Field("started", lambda a: a.started, kind="date", query=False),
        Field("ended", lambda a: a.ended, kind="date", query=False),
        Field("decision", lambda a: a.decision),  # the council's vedtak
        Field("url", lambda a: a.url, query=False),
        Field("shares", lambda a: a.shares, kind="shares", query=False),
        Field("board", lambda a: a.board),
    )
}
QUERY_FIELDS: tuple[str, ...] = tuple(name for name, f in FIELDS.items() if f.query)

assert set(FIELDS) - {"party"} == set(AGREEMENT_FIELDS), "a field of Agreement is missing"
