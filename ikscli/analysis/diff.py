"""What changed between two datasets, agreement by agreement (matched by id)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ikscli.i18n import N_, _
from ikscli.model import Agreement, Dataset
from ikscli.text.names import fold

# The kinds of change, in the order reports list them, with their titles (translated
# where they are shown: the table, and the council's change list).
KINDS: dict[str, str] = {
    "added": N_("Added"),
    "removed": N_("Removed"),
    "id": N_("New id"),
    "terminated": N_("Terminated"),
    "status": N_("Status changed"),
    "joined": N_("Members joined"),
    "left": N_("Members left"),
    "host": N_("Host changed"),
    "form": N_("Form changed"),
    "note": N_("Remark changed"),
    "name": N_("Renamed"),
    "category": N_("Category changed"),
    "partners": N_("Partners changed"),
    "others": N_("Other participants changed"),
    "parent": N_("Parent changed"),
    "members_basis": N_("How the members are known"),
    "members_evidence": N_("Evidence for the members"),
    "form_inferred": N_("Form taken from the name"),
    "orgnr": N_("Organisation number changed"),
    "started": N_("Start date changed"),
    "ended": N_("End date changed"),
    "decision": N_("Council decision changed"),
    "url": N_("Link to the agreement changed"),
    "shares": N_("Owners' shares changed"),
    "board": N_("Board changed"),
}


def title(kind: str) -> str:
    """A kind of change as a heading, in the language being written."""
    return _(KINDS[kind])


# Fields compared one to one (status, members and partners have kinds of their own).
_FIELDS = (
    "host",
    "form",
    "note",
    "name",
    "category",
    "others",
    "parent",
    "members_basis",
    "members_evidence",
    "form_inferred",
    "orgnr",
    "started",
    "ended",
    "decision",
    "url",
    "shares",
    "board",
)


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    name: str
    old: Any = None
    new: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "old": self.old,
            "new": self.new,
        }


def compare(old: Dataset, new: Dataset) -> list[Change]:
    """Every change from `old` to `new`, grouped by kind, in each file's order."""
    before = {a.id: a for a in old.agreements}
    after = {a.id: a for a in new.agreements}
    renamed = _renamed(
        [a for a in old.agreements if a.id not in after],
        [a for a in new.agreements if a.id not in before],
    )
    changes: list[Change] = []
    new_ids = set(renamed.values())
    for a in new.agreements:
        if a.id not in before and a.id not in new_ids:
            changes.append(Change("added", a.id, a.name, None, a.status))
    for a in old.agreements:
        if a.id not in after and a.id not in renamed:
            changes.append(Change("removed", a.id, a.name, a.status, None))
    for a in new.agreements:
        if a.id in before:
            changes += _changed(before[a.id], a)
    for old_id, new_id in renamed.items():
        changes.append(Change("id", new_id, after[new_id].name, old_id, new_id))
        changes += _changed(before[old_id], after[new_id])
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(changes, key=lambda c: order[c.kind])  # stable: file order within a kind


def _renamed(gone: list[Agreement], came: list[Agreement]) -> dict[str, str]:
    """Old id → new id for agreements whose id changed but which are the same agreement:
    the same name (as people read it), or, when the name changed too, the same
    everything else. Only pairs that match one to one count."""
    pairs: dict[str, str] = {}

    def same_name(a: Agreement) -> object:
        return fold(a.name)

    def same_rest(a: Agreement) -> object:
        d = a.as_dict()
        return tuple(repr(d[k]) for k in sorted(d) if k not in ("id", "name"))

    for key in (same_name, same_rest):
        left = [a for a in gone if a.id not in pairs]
        right = [a for a in came if a.id not in pairs.values()]
        by_key: dict[object, list[Agreement]] = {}
        for a in right:
            by_key.setdefault(key(a), []).append(a)
        counts: dict[object, int] = {}
        for a in left:
            counts[key(a)] = counts.get(key(a), 0) + 1
        for a in left:
            match = by_key.get(key(a), [])
            if len(match) == 1 and counts[key(a)] == 1:
                pairs[a.id] = match[0].id
    return pairs


def _changed(old: Agreement, new: Agreement) -> list[Change]:
    if old == new:  # most agreements do not change from one year to the next
        return []
    out = []
    if old.status != new.status:
        kind = "terminated" if new.status == "terminated" else "status"
        out.append(Change(kind, new.id, new.name, old.status, new.status))
    joined = [m for m in new.members if m not in old.members]
    left = [m for m in old.members if m not in new.members]
    if joined:
        out.append(Change("joined", new.id, new.name, None, joined))
    if left:
        out.append(Change("left", new.id, new.name, left, None))
    if list(old.partners) != list(new.partners):
        out.append(Change("partners", new.id, new.name, list(old.partners), list(new.partners)))
    for field in _FIELDS:
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            if field in ("started", "ended"):  # as JSON writes them: ISO dates
                before = before.isoformat() if isinstance(before, datetime.date) else before
                after = after.isoformat() if isinstance(after, datetime.date) else after
            out.append(Change(field, new.id, new.name, before, after))
    return out
