"""Registers checked against each other: do the municipalities' own overviews agree?

Each file is one register; its owners are its region's municipalities (parties with
`region: true`). An agreement of one file is matched with one of another by its
organisation number, then by its id, then by its name as people write it (folded).
What is found, each with its place in every file it concerns:

- missing: a file lists an agreement with another file's owner taking part, and that
  owner's own file does not list it;
- participants: the two files disagree on whether an owner takes part;
- host, form, status: the same agreement with another value in the other file;
- uncertain: a member one file marks uncertain (x?) and the other states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ikscli.i18n import N_, _
from ikscli.model import Agreement, Dataset
from ikscli.text.names import fold

# the kinds of finding, in the order a report lists them
KINDS = {
    "missing": N_("not listed by a municipality taking part"),
    "participants": N_("different participants"),
    "host": N_("different host"),
    "form": N_("different form"),
    "status": N_("different status"),
    "uncertain": N_("uncertain in one, stated in another"),
}


@dataclass(frozen=True)
class Register:
    """One municipality's file: its name as shown, its dataset, and where each agreement
    stands in it (line and column of its id)."""

    file: str
    dataset: Dataset
    places: dict[str, tuple[int, int]]

    @property
    def owners(self) -> list[str]:
        """Whose register it is: the party its meta.region names (as `ikscli init`
        writes it), else the region's municipalities."""
        region = self.dataset.meta.region
        named = [p.name for p in self.dataset.parties if region and fold(p.name) == fold(region)]
        return named or [p.name for p in self.dataset.parties if p.region]


@dataclass(frozen=True)
class Place:
    file: str
    line: int
    column: int
    id: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "id": self.id}


@dataclass
class Finding:
    kind: str
    agreement: str  # the agreement's name in the first file that has it
    subject: str | None  # the municipality it concerns (missing, participants, uncertain)
    places: list[Place]
    values: dict[str, Any] = field(default_factory=dict)  # file → its value

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "agreement": self.agreement,
            "municipality": self.subject,
            "places": [p.as_dict() for p in self.places],
            "values": self.values,
        }


def title(kind: str) -> str:
    """A kind of finding in the language being written."""
    return _(KINDS[kind])


def participants(agreement: Agreement) -> set[str]:
    """Everyone a record names as taking part: members, partners and the host."""
    return {*agreement.members, *agreement.partners, *([agreement.host] if agreement.host else [])}


def _keys(agreement: Agreement) -> list[str]:
    keys = [f"id:{agreement.id}", f"name:{fold(agreement.name)}"]
    return [f"orgnr:{agreement.orgnr}", *keys] if agreement.orgnr else keys


class _Index:
    """A register's agreements by organisation number, id and folded name."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.by_key: dict[str, Agreement] = {}
        for agreement in register.dataset.agreements:
            for key in _keys(agreement):
                self.by_key.setdefault(key, agreement)

    def match(self, agreement: Agreement) -> Agreement | None:
        for key in _keys(agreement):
            found = self.by_key.get(key)
            if found is not None:
                return found
        return None


def _place(register: Register, agreement: Agreement) -> Place:
    line, column = register.places.get(agreement.id, (0, 0))
    return Place(register.file, line, column, agreement.id)


def compare(registers: list[Register]) -> list[Finding]:
    """Every disagreement between the registers, pair by pair, in the files' order."""
    indexes = [_Index(r) for r in registers]
    owner_of = {owner: i for i, r in enumerate(registers) for owner in r.owners}
    found: list[Finding] = []
    for i, register in enumerate(registers):
        for agreement in register.dataset.agreements:
            if agreement.status == "terminated":
                taking_part: set[str] = set()
            else:
                taking_part = participants(agreement)
            for owner in sorted(taking_part - set(register.owners)):
                j = owner_of.get(owner)
                if j is None or j == i:
                    continue
                if indexes[j].match(agreement) is None:
                    found.append(
                        Finding(
                            "missing",
                            agreement.name,
                            owner,
                            [_place(register, agreement)],
                            {registers[j].file: None},
                        )
                    )
            for j in range(i + 1, len(registers)):
                other = indexes[j].match(agreement)
                if other is not None:
                    found += _differences(register, agreement, registers[j], other)
    return found


def _part(takes_part: bool) -> str:
    return "takes part" if takes_part else "not taking part"


def _sure(stated: bool) -> str:
    return "stated" if stated else "uncertain"


# the words of a finding's values, for people (JSON keeps the English words)
VALUE_WORDS = {
    "takes part": N_("takes part"),
    "not taking part": N_("not taking part"),
    "stated": N_("stated"),
    "uncertain": N_("uncertain"),
}


def _differences(a: Register, first: Agreement, b: Register, second: Agreement) -> list[Finding]:
    places = [_place(a, first), _place(b, second)]
    out: list[Finding] = []
    for kind in ("host", "form", "status"):
        left, right = getattr(first, kind), getattr(second, kind)
        if left != right:
            out.append(Finding(kind, first.name, None, places, {a.file: left, b.file: right}))
    owners = set(a.owners) | set(b.owners)
    if first.status != "terminated" and second.status != "terminated":
        theirs, ours = participants(first), participants(second)
        for owner in sorted(owners):
            if (owner in theirs) != (owner in ours):
                out.append(
                    Finding(
                        "participants",
                        first.name,
                        owner,
                        places,
                        {a.file: _part(owner in theirs), b.file: _part(owner in ours)},
                    )
                )
    unsure_a = set(first.members) if first.members_basis == "uncertain" else set()
    unsure_b = set(second.members) if second.members_basis == "uncertain" else set()
    stated_a = participants(first) - unsure_a
    stated_b = participants(second) - unsure_b
    for member in sorted((unsure_a & stated_b) | (unsure_b & stated_a)):
        out.append(
            Finding(
                "uncertain",
                first.name,
                member,
                places,
                {a.file: _sure(member not in unsure_a), b.file: _sure(member not in unsure_b)},
            )
        )
    return out
