"""The changes a register keeper makes: set fields, add, end, remove, rename a party.

Each is an `Edit` for `ikscli.edit.session.run`: it reads what it needs from the
dataset (the agreement named exactly, the values as people type them), asks the
`Draft` for the change and says what it changed.
"""

from __future__ import annotations

import datetime
from typing import Any

from ikscli.edit.draft import REMOVE, Draft
from ikscli.edit.errors import EditError
from ikscli.edit.session import Change, Edit
from ikscli.edit.values import exact_agreement, is_default, parse_assignments
from ikscli.i18n import _
from ikscli.model import Agreement
from ikscli.query.nameindex import NameIndex
from ikscli.text.names import fold, nfc
from ikscli.text.untrusted import quoted


def position_of(index: NameIndex, agreement: Agreement) -> int:
    """Where the agreement stands among the file's agreements."""
    positions = getattr(index, "_positions", None)
    if positions is None:
        positions = {id(a): i for i, a in enumerate(index.dataset.agreements)}
        index._positions = positions  # type: ignore[attr-defined]
    return int(positions[id(agreement)])


def change_agreement(
    draft: Draft, index: NameIndex, agreement: Agreement, values: dict[str, Any]
) -> Change | None:
    """Set `values` on `agreement` (None or a default removes the field); None when
    nothing differs."""
    changes: dict[str, Any] = {}
    fields: list[tuple[str, Any, Any]] = []
    for name, new in values.items():
        old = getattr(agreement, name)
        if new == old or (is_default(name, new) and is_default(name, old)):
            continue
        fields.append((name, old, new))
        changes[name] = REMOVE if is_default(name, new) else new
    if not changes:
        return None
    draft.change("agreements", position_of(index, agreement), changes)
    return Change("changed", agreement.id, agreement.name, fields)


def set_fields(ident: str, assignments: list[str]) -> Edit:
    """`ikscli set ID FIELD=VALUE...`"""

    def edit(draft: Draft, index: NameIndex) -> list[Change]:
        agreement = exact_agreement(index, ident)
        change = change_agreement(draft, index, agreement, parse_assignments(index, assignments))
        return [change] if change else []

    return edit


def end(ident: str, on: datetime.date | None = None) -> Edit:
    """`ikscli end ID [--date DATE]`: the agreement is terminated (sagt opp), its last
    day in force `on` when given (the field `ended`); it stays in the file."""

    def edit(draft: Draft, index: NameIndex) -> list[Change]:
        agreement = exact_agreement(index, ident)
        changes: dict[str, object] = {"status": "terminated"}
        if on is not None:
            changes["ended"] = on
        change = change_agreement(draft, index, agreement, changes)
        return [change] if change else []

    return edit


def remove(ident: str) -> Edit:
    """`ikscli remove ID`: the agreement and the comment right above it."""

    def edit(draft: Draft, index: NameIndex) -> list[Change]:
        agreement = exact_agreement(index, ident)
        draft.remove("agreements", position_of(index, agreement))
        return [Change("removed", agreement.id, agreement.name)]

    return edit


def add(ident: str, assignments: list[str]) -> Edit:
    """`ikscli add ID FIELD=VALUE...`: a new agreement, after the last of its category."""

    def edit(draft: Draft, index: NameIndex) -> list[Change]:
        new_id = nfc(ident).strip()
        values = parse_assignments(index, assignments)
        given = values.pop("id", new_id)
        if given != new_id:
            raise EditError(
                _("the new agreement's id is {id}; id={other} says another: give it once").format(
                    id=quoted(new_id), other=quoted(given)
                )
            )
        return [add_agreement(draft, index, new_id, values)]

    return edit


def add_agreement(draft: Draft, index: NameIndex, ident: str, values: dict[str, Any]) -> Change:
    if ident in index.agreements:
        raise EditError(
            _("agreement {id} exists already; change it with set").format(id=quoted(ident))
        )
    if not values.get("name"):
        raise EditError(_("a new agreement needs a name: name=..."))
    record = {"id": ident, **{k: v for k, v in values.items() if not is_default(k, v)}}
    category = record.get("category")
    after = None
    if category:
        for position, agreement in enumerate(index.dataset.agreements):
            if agreement.category == category:
                after = position
    draft.add("agreements", after, record)
    return Change(
        "added", ident, str(record["name"]), [(k, None, v) for k, v in record.items() if k != "id"]
    )


def rename_party(old: str, new: str) -> Edit:
    """`ikscli rename-party OLD NEW`: the party's record, and every agreement that names
    it as member, partner or host (as the 2020 reform renamed the counties)."""

    def edit(draft: Draft, index: NameIndex) -> list[Change]:
        name = index.party(old)
        wanted = nfc(new).strip()
        if not wanted:
            raise EditError(_("the new name cannot be empty"))
        if wanted == name:
            return []
        for party in index.dataset.parties:
            if party.name != name and fold(wanted) in (
                fold(party.name),
                fold(party.short_name or ""),
            ):
                raise EditError(
                    _("{new} is already the name of a party; a rename needs a new name").format(
                        new=quoted(wanted)
                    )
                )
        position = next(i for i, p in enumerate(index.dataset.parties) if p.name == name)
        draft.change("parties", position, {"name": wanted})
        changes = [Change("renamed", name, wanted, [("name", name, wanted)])]
        for agreement in index.dataset.agreements:
            values: dict[str, Any] = {}
            for role in ("members", "partners"):
                names = getattr(agreement, role)
                if name in names:
                    values[role] = [wanted if n == name else n for n in names]
            if agreement.host == name:
                values["host"] = wanted
            if values:
                change = change_agreement(draft, index, agreement, values)
                if change:
                    changes.append(change)
        return changes

    return edit
