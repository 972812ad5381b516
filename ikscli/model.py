"""The dataset's shape: plain dataclasses the rest of ikscli works with.

The same classes are the pydantic schema: `ikscli.reading.validation` hands them to a
pydantic ``TypeAdapter``, which checks types, closed sets and unknown keys and
builds these objects. The pydantic schema is built only when a file is
validated, so a run served from the cache pays nothing for it.
Rules that span records (unique ids, parents, hosts) live in ``ikscli.reading.rules``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any, Literal, Optional, Union, get_args

from pydantic import ConfigDict, StrictBool, StrictFloat, StrictInt, StrictStr

# The 2019 source's forms (Avtale … AS), the lawful forms of kommuneloven 2018 § 17-1
# (interkommunalt politisk råd, kommunalt oppgavefellesskap, the two kinds of
# vertskommune, IKS, AS, samvirkeforetak, forening) and the 1992 law's § 28-1 c.
Form = Literal[
    "Avtale",
    "Uformelt",
    "Vedtak",
    "§ 27",
    "§ 28-1 b",
    "IKS",
    "AS",
    "Kommunalt oppgavefellesskap",
    "Interkommunalt politisk råd",
    "Administrativt vertskommunesamarbeid",
    "Vertskommune med felles folkevalgt nemnd",
    "Samvirkeforetak",
    "Forening",
    "§ 28-1 c",
]
# Forms whose agreement has a host (vertskommune) by law.
HOSTED_FORMS = frozenset(
    {"§ 28-1 b", "§ 28-1 c", "Administrativt vertskommunesamarbeid",
     "Vertskommune med felles folkevalgt nemnd"}
)  # fmt: skip
# Forms that are companies with owners' shares.
OWNED_FORMS = frozenset({"IKS", "AS", "Samvirkeforetak"})
Status = Literal["active", "terminated", "planned"]
MembersBasis = Literal["source", "evidence", "remark", "spacing", "uncertain"]
PartyKind = Literal["kommune", "fylkeskommune"]
Language = Literal["nb", "nn"]  # the written standard (målform) of the file's documents

FORMS: tuple[str, ...] = get_args(Form)
STATUSES: tuple[str, ...] = get_args(Status)

# Unknown keys are errors: a typo such as `hots:` must not vanish silently.
_STRICT_KEYS = ConfigDict(extra="forbid")


@dataclass(slots=True)
class Meta:
    """What the file is: its title, the date it describes and where it comes from, the
    language its documents are written in (nb bokmål, nn nynorsk; unset: the
    reader's), and the licence the data may be reused under (a name or a URL), when
    the publisher names one."""

    __pydantic_config__ = _STRICT_KEYS
    title: StrictStr
    as_of: datetime.date
    source: StrictStr
    region: Optional[StrictStr] = None
    language: Optional[Language] = None
    licence: Optional[StrictStr] = None


@dataclass(slots=True)
class Party:
    """A municipality or county that an agreement can name. Its kommunenummer (or
    fylkesnummer) in each structure since 2019; a party the national catalogue knows
    need not be declared at all (`ikscli.catalogue`)."""

    __pydantic_config__ = _STRICT_KEYS
    name: StrictStr
    kind: PartyKind
    number_2019: Optional[StrictStr] = None
    number_2020: Optional[StrictStr] = None
    short_name: Optional[StrictStr] = None
    region: StrictBool = False
    county_2019: Optional[StrictStr] = None
    number_2024: Optional[StrictStr] = None


@dataclass(slots=True)
class Agreement:
    """One cooperation (samarbeid): a row of the source table."""

    __pydantic_config__ = _STRICT_KEYS
    id: StrictStr
    name: StrictStr
    category: Optional[StrictStr] = None
    form: Optional[Form] = None
    form_inferred: StrictBool = False
    members: list[StrictStr] = field(default_factory=list)
    members_basis: MembersBasis = "source"
    members_evidence: Optional[StrictStr] = None
    host: Optional[StrictStr] = None
    partners: list[StrictStr] = field(default_factory=list)
    others: Optional[StrictStr] = None
    status: Status = "active"
    note: Optional[StrictStr] = None
    parent: Optional[StrictStr] = None
    # What a register keeps beyond the source's columns (all optional):
    orgnr: Optional[StrictStr] = None  # organisation number (Enhetsregisteret), 9 digits
    started: Optional[datetime.date] = None  # in force from
    ended: Optional[datetime.date] = None  # its last day in force
    decision: Optional[StrictStr] = None  # the council's vedtak or saksnummer
    url: Optional[StrictStr] = None  # the agreement itself (http or https)
    shares: Optional[dict[StrictStr, Union[StrictInt, StrictFloat]]] = None  # owner → %
    board: Optional[StrictStr] = None  # the representatives' body (representantskap, styre)

    def revision(self) -> str:
        """A short name of this record's values: a table written for editing carries it
        per row, and `import` tells by it whether the record changed since the export."""
        import hashlib

        values = repr(tuple(getattr(self, f.name) for f in fields(self)))
        return hashlib.blake2b(values.encode("utf-8"), digest_size=6).hexdigest()

    def as_dict(self) -> dict[str, Any]:
        """One agreement as the contract's object: the ten keys `list --format json` promises
        (id … parent), then the four that extend it, then the register's own seven
        (orgnr … board). Its lists are the record's own: read only."""
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "form": self.form,
            "members": self.members,
            "host": self.host,
            "partners": self.partners,
            "status": self.status,
            "note": self.note,
            "parent": self.parent,
            "form_inferred": self.form_inferred,
            "members_basis": self.members_basis,
            "members_evidence": self.members_evidence,
            "others": self.others,
            "orgnr": self.orgnr,
            "started": iso(self.started),  # JSON's text
            "ended": iso(self.ended),
            "decision": self.decision,
            "url": self.url,
            "shares": self.shares,
            "board": self.board,
        }


@dataclass(slots=True)
class Dataset:
    """A whole dataset file."""

    __pydantic_config__ = _STRICT_KEYS
    meta: Meta
    parties: list[Party]
    categories: list[StrictStr]
    agreements: list[Agreement]


def iso(day: datetime.date | None) -> str | None:
    """A date as JSON, CSV and SQLite write it: 2020-01-01 (None stays None)."""
    return day.isoformat() if day is not None else None


def shares_text(shares: dict[str, int | float] | None) -> str:
    """Owners' shares as one cell: "Gausdal: 20, Lillehammer: 50, Øyer: 30"."""
    if not shares:
        return ""
    return ", ".join(f"{owner}: {share:g}" for owner, share in shares.items())


AGREEMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Agreement))
PARTY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Party))
META_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Meta))
