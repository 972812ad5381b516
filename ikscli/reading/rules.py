"""Rules that span records: what pydantic's per-field checks cannot see.

Every rule returns `Finding`s with the path of the offending value. Errors make a
dataset invalid; warnings mark what is possible but suspicious.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from ikscli.i18n import _
from ikscli.model import (
    AGREEMENT_FIELDS,
    HOSTED_FORMS,
    META_FIELDS,
    OWNED_FORMS,
    PARTY_FIELDS,
    Agreement,
    Dataset,
    Party,
)
from ikscli.problems import Finding, error, warning
from ikscli.text.names import Suggester, fold
from ikscli.text.untrusted import CONTROL, ZERO_WIDTH, quoted

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KOMMUNENUMMER = {"kommune": re.compile(r"\d{4}"), "fylkeskommune": re.compile(r"\d{2}")}


def check(
    dataset: Dataset, partial: Partial | None = None, unprintable: bool = True
) -> list[Finding]:
    """All findings for a dataset whose fields already have the right types.

    With `partial`, `dataset` holds only the records that passed pydantic, and
    `partial` says where they stand in the file and what the others declared.
    `unprintable` False (the reader saw only printable text) skips the check of
    every text field for control, bidi and zero-width characters.
    """
    partial = partial or Partial.whole(dataset)
    findings = [*_parties(dataset, partial.party_positions), *_categories(dataset)]
    if unprintable:
        findings += _untrusted_text(dataset, partial)
    party_names = [p.name for p in dataset.parties] + sorted(partial.other_parties)
    declared = set(party_names)
    party_hints, category_hints = Suggester(party_names), Suggester(dataset.categories)
    region = {p.name for p in dataset.parties if p.region} | partial.other_parties
    ids: dict[str, int] = dict(partial.other_ids)
    for index, agreement in zip(partial.agreement_positions, dataset.agreements, strict=True):
        here = ("agreements", index)
        findings += _text(agreement, here)
        if not SLUG.fullmatch(agreement.id):
            findings.append(
                error(
                    here + ("id",),
                    _(
                        "id {id} must be lower-case letters a-z, digits and single hyphens "
                        "(as felles-nav-kontor)"
                    ).format(id=repr(agreement.id)),
                )
            )
        if agreement.id in ids:
            findings.append(
                error(
                    here + ("id",),
                    _("id {id} is used twice (also agreement #{other})").format(
                        id=repr(agreement.id), other=ids[agreement.id] + 1
                    ),
                )
            )
        ids.setdefault(agreement.id, index)
        findings += _parties_named(agreement, here, party_hints, Known(declared, dataset), region)
        findings += _record(agreement, here, dataset.categories, category_hints)
    findings += _parents(dataset, ids, partial.agreement_positions)
    return findings


class Known:
    """The parties a file may name: those it declares, and any the national catalogue
    has by that exact name in the structure of the file's date (looked up only for a
    name the file does not declare)."""

    def __init__(self, declared: set[str], dataset: Dataset) -> None:
        self.declared = declared
        self.on = _date(dataset)

    def __contains__(self, name: object) -> bool:
        if name in self.declared:
            return True
        from ikscli import catalogue

        return isinstance(name, str) and catalogue.named(name, self.on) is not None


@dataclass
class Partial:
    """Where the records of a partly valid dataset stand, and what the invalid ones named."""

    agreement_positions: list[int]
    party_positions: list[int]
    other_parties: set[str] = field(default_factory=set)
    other_ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def whole(cls, dataset: Dataset) -> Partial:
        return cls(list(range(len(dataset.agreements))), list(range(len(dataset.parties))))


def _who(agreement: Agreement) -> str:
    """An agreement as messages name it: its id, quoted and escaped (ids are untrusted)."""
    return _("agreement {id}").format(id=quoted(agreement.id))


def _texts(record: object, fields: tuple[str, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path below the record, text) for every text in `fields`, list items included."""
    for name in fields:
        value = getattr(record, name, None)
        if isinstance(value, str):
            yield (name,), value
        elif isinstance(value, list):
            for position, item in enumerate(value):
                if isinstance(item, str):
                    yield (name, position), item
        elif isinstance(value, dict):  # owners' shares: the owners' names are text
            for key in value:
                if isinstance(key, str):
                    yield (name, key), key


_TEXT_FIELDS = tuple(
    f
    for f in AGREEMENT_FIELDS
    if f not in ("form_inferred", "members", "partners", "started", "ended", "shares")
)


_TEXT_VALUES = attrgetter(*_TEXT_FIELDS, "members", "partners", "shares")


def _printable(agreement: Agreement) -> bool:
    """Every text of the record printable (one check of them all, at C speed)."""
    *texts, members, partners, shares = _TEXT_VALUES(agreement)
    texts += members
    texts += partners
    if shares:
        texts += shares
    return "".join([t for t in texts if t is not None]).isprintable()


def _untrusted_text(dataset: Dataset, partial: Partial) -> Iterator[Finding]:
    """Control and bidi characters are errors in any text; zero-width ones are warnings."""
    places: list[tuple[tuple[Any, ...], str]] = []
    if dataset.meta is not None:
        places += [(("meta", *p), t) for p, t in _texts(dataset.meta, META_FIELDS)]
    for index, party in zip(partial.party_positions, dataset.parties, strict=True):
        places += [(("parties", index, *p), t) for p, t in _texts(party, PARTY_FIELDS)]
    places += [(("categories", i), c) for i, c in enumerate(dataset.categories)]
    for index, agreement in zip(partial.agreement_positions, dataset.agreements, strict=True):
        if _printable(agreement):  # most records: one check of all their text at C speed
            continue
        places += [
            (("agreements", index, *p), t)
            for p, t in _texts(agreement, AGREEMENT_FIELDS)
            if not t.isprintable()
        ]
    for path, text in places:
        if text.isprintable():
            continue
        where = ".".join(str(p) for p in path if not isinstance(p, int))
        control = CONTROL.search(text)
        if control:
            point = ord(control.group(0))
            what = (
                _("a bidi control character, which shows text in another order than it is stored")
                if 0x202A <= point <= 0x2069
                else _("a control character")
            )
            message = _("{where}: {what} ({code}) at position {position}; remove it")
            yield error(
                path,
                message.format(
                    where=where, what=what, code=f"U+{point:04X}", position=control.start() + 1
                ),
            )
            continue
        hidden = ZERO_WIDTH.search(text)
        if hidden:
            message = _(
                "{where}: an invisible zero-width character ({code}) at position {position}"
            )
            yield warning(
                path,
                message.format(
                    where=where,
                    code=f"U+{ord(hidden.group(0)):04X}",
                    position=hidden.start() + 1,
                ),
            )


def _text(agreement: Agreement, here: tuple[Any, ...]) -> Iterator[Finding]:
    for name in ("id", "name"):
        if not getattr(agreement, name).strip():
            yield error(here + (name,), _("{name} is empty").format(name=name))


def _date(dataset: Dataset) -> datetime.date:
    """The file's date; today's when its meta did not validate (a partial dataset)."""
    meta = dataset.meta
    return meta.as_of if meta is not None else datetime.date.today()


def _parties(dataset: Dataset, positions: list[int]) -> Iterator[Finding]:
    on = _date(dataset)
    seen: dict[str, str] = {}
    numbers: dict[tuple[str, str], str] = {}
    for index, party in zip(positions, dataset.parties, strict=True):
        here = ("parties", index)
        if not party.name.strip():
            yield error(here + ("name",), _("party name is empty"))
        for label in filter(None, (party.name, party.short_name)):
            key = fold(label)
            if key in seen:
                yield error(
                    here + ("name",),
                    _("party {name} is declared twice (clashes with {other})").format(
                        name=repr(label), other=repr(seen[key])
                    ),
                )
            seen.setdefault(key, label)
        for key in ("number_2019", "number_2020", "number_2024"):
            number = getattr(party, key)
            if number is None:
                continue
            pattern = KOMMUNENUMMER[party.kind]
            if not pattern.fullmatch(number):
                digits = 4 if party.kind == "kommune" else 2
                yield error(
                    here + (key,),
                    _("{key} {number} of {name} must be {digits} digits for a {kind}").format(
                        key=key,
                        number=repr(number),
                        name=repr(party.name),
                        digits=digits,
                        kind=party.kind,
                    ),
                )
            elif (key, number) in numbers:
                yield error(
                    here + (key,),
                    _("{key} {number} of {name} is also that of {other}").format(
                        key=key,
                        number=repr(number),
                        name=repr(party.name),
                        other=repr(numbers[(key, number)]),
                    ),
                )
            numbers.setdefault((key, number), party.name)
        yield from _as_catalogued(party, here, on)


def _as_catalogued(party: Party, here: tuple[Any, ...], on: datetime.date) -> Iterator[Finding]:
    """A warning for each declared number the national catalogue gives otherwise, for the
    party the catalogue knows by its name in the structure of the file's date."""
    from ikscli import catalogue

    found = [e for e in catalogue.lookup(party.name, on) if e.kind == party.kind]
    if len(found) != 1:
        return
    entry = found[0]
    for year, number in entry.numbers().items():
        declared = getattr(party, f"number_{year}")
        if declared is not None and declared != number:
            yield warning(
                here + (f"number_{year}",),
                _(
                    "number_{year} {number} of {name} is not the catalogue's: {entry} "
                    "had {known} in {year}"
                ).format(
                    year=year,
                    number=repr(declared),
                    name=repr(party.name),
                    entry=entry.name,
                    known=number,
                ),
            )


def _categories(dataset: Dataset) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, category in enumerate(dataset.categories):
        if category in seen:
            message = _("category {name} is listed twice").format(name=repr(category))
            yield error(("categories", index), message)
        seen.add(category)


def _parties_named(
    agreement: Agreement,
    here: tuple[Any, ...],
    names: Suggester,
    declared: Known,
    region: set[str],
) -> Iterator[Finding]:
    for role in ("members", "partners"):
        seen: set[str] = set()
        for position, name in enumerate(getattr(agreement, role)):
            path = here + (role, position)
            if name not in declared:
                yield error(
                    path,
                    (
                        _("{who}: member {name} is not a declared party")
                        if role == "members"
                        else _("{who}: partner {name} is not a declared party")
                    ).format(who=_who(agreement), name=repr(name))
                    + names.did_you_mean(name),
                )
            elif role == "members" and name not in region:
                yield error(
                    path,
                    _(
                        "{who}: member {name} is not one of the region's municipalities "
                        "(parties with region: true); name it under partners"
                    ).format(who=_who(agreement), name=repr(name)),
                )
            elif name in seen:
                message = _("{who}: {name} is listed twice in {role}")
                yield error(path, message.format(who=_who(agreement), name=repr(name), role=role))
            elif role == "partners" and name in agreement.members:
                message = _("{who}: {name} is both a member and a partner")
                yield error(path, message.format(who=_who(agreement), name=repr(name)))
            seen.add(name)
    if agreement.host is not None and agreement.host not in declared:
        yield error(
            here + ("host",),
            _("{who}: host {name} is not a declared party").format(
                who=_who(agreement), name=repr(agreement.host)
            )
            + names.did_you_mean(agreement.host),
        )


def _register_fields(agreement: Agreement, here: tuple[Any, ...]) -> Iterator[Finding]:
    """The facts a register keeps beyond the source's columns: an organisation number
    that passes its mod-11 check, dates in order, a web address, shares that add up."""
    who = _who(agreement)
    if agreement.orgnr is not None:
        from stdnum.no import orgnr

        if not (agreement.orgnr.isdigit() and orgnr.is_valid(agreement.orgnr)):
            yield error(
                here + ("orgnr",),
                _(
                    "{who}: orgnr {number} is not an organisation number (9 digits whose "
                    "last is the mod-11 check digit)"
                ).format(who=who, number=quoted(agreement.orgnr)),
            )
    if agreement.started and agreement.ended and agreement.ended < agreement.started:
        yield error(
            here + ("ended",),
            _("{who}: ended {ended} is before started {started}").format(
                who=who, ended=agreement.ended.isoformat(), started=agreement.started.isoformat()
            ),
        )
    if agreement.url is not None and not re.match(r"https?://[^\s/]+", agreement.url):
        yield error(
            here + ("url",),
            _("{who}: url {url} must be a web address (https://…)").format(
                who=who, url=quoted(agreement.url)
            ),
        )
    if agreement.shares:
        yield from _shares(agreement, here)


def _shares(agreement: Agreement, here: tuple[Any, ...]) -> Iterator[Finding]:
    who = _who(agreement)
    shares = agreement.shares or {}
    owners = {
        *agreement.members,
        *agreement.partners,
        *([agreement.host] if agreement.host else []),
    }
    for owner, share in shares.items():
        if owner not in owners:
            yield error(
                here + ("shares", owner),
                _("{who}: shares names {name}, who is not a member, partner or host").format(
                    who=who, name=quoted(owner)
                ),
            )
        if not 0 < share <= 100:
            yield error(
                here + ("shares", owner),
                _("{who}: the share of {name} must be more than 0 and at most 100").format(
                    who=who, name=quoted(owner)
                ),
            )
    total = sum(shares.values())
    if owners and set(shares) >= owners and abs(total - 100) > 0.01:
        yield error(
            here + ("shares",),
            _("{who}: the shares add up to {total} %, not 100 %").format(
                who=who, total=f"{total:g}"
            ),
        )
    if agreement.form not in OWNED_FORMS:
        yield warning(
            here + ("shares",),
            _("{who}: shares are an owner's part of an IKS, AS or samvirkeforetak").format(who=who),
        )


def _record(
    agreement: Agreement, here: tuple[Any, ...], categories: list[str], hints: Suggester
) -> Iterator[Finding]:
    if agreement.category is not None and agreement.category not in categories:
        yield error(
            here + ("category",),
            _("{who}: category {name} is not among the declared categories").format(
                who=_who(agreement), name=repr(agreement.category)
            )
            + hints.did_you_mean(agreement.category),
        )
    if agreement.form == "§ 28-1 b" and agreement.host is None:
        yield error(
            here + ("form",),
            _(
                "{who}: a § 28-1 b agreement (administrativt vertskommunesamarbeid) must name "
                "its host"
            ).format(who=_who(agreement)),
        )
    elif agreement.form in HOSTED_FORMS and agreement.host is None:
        yield error(
            here + ("form",),
            _("{who}: a {form} agreement must name its host (vertskommune)").format(
                who=_who(agreement), form=agreement.form
            ),
        )
    yield from _register_fields(agreement, here)
    from ikscli.reading.naming_rule import name_lacks_form

    naming = name_lacks_form(agreement)
    if naming is not None:
        yield warning(here + ("name",), f"{_who(agreement)}: {naming}")
    if agreement.form_inferred and agreement.form is None:
        yield error(
            here + ("form_inferred",),
            _("{who}: form_inferred is set but there is no form").format(who=_who(agreement)),
        )
    if agreement.members_basis == "source" and agreement.members_evidence is not None:
        yield error(
            here + ("members_evidence",),
            _("{who}: members_evidence needs a members_basis other than source").format(
                who=_who(agreement)
            ),
        )
    if agreement.members_basis != "source" and not agreement.members_evidence:
        yield error(
            here + ("members_basis",),
            _("{who}: members_basis {basis} needs members_evidence saying why").format(
                who=_who(agreement), basis=agreement.members_basis
            ),
        )
    if not agreement.members:
        yield warning(
            here + ("members",),
            _("{who}: has no members; the source marks no municipality for it").format(
                who=_who(agreement)
            ),
        )
    if agreement.members_basis == "uncertain":
        yield warning(
            here + ("members",),
            _("{who}: the source does not settle the members; see members_evidence").format(
                who=_who(agreement)
            ),
        )
    named = _REMARK_HOST.search(agreement.note or "")
    if named is not None and named.group(1) != agreement.host:
        yield warning(
            here + ("note",),
            _(
                "{who}: the remark names {named} as vertskommune, but host is {host}; change "
                "the one that is out of date"
            ).format(
                who=_who(agreement),
                named=repr(named.group(1)),
                host=repr(agreement.host) if agreement.host else _("not given"),
            ),
        )


# "Lillehammer vertskommune", "Ringsaker er vertskommune": the host a remark names.
_REMARK_HOST = re.compile(r"\b([A-ZÆØÅ][\w-]*(?: [A-ZÆØÅ][\w-]*)*) (?:er )?vertskommune\b")


def _parents(dataset: Dataset, ids: dict[str, int], positions: list[int]) -> Iterator[Finding]:
    parent_of = {a.id: a.parent for a in dataset.agreements if a.parent is not None}
    entry = _cycle_entries(parent_of)
    suggest = Suggester(list(ids))
    for index, agreement in zip(positions, dataset.agreements, strict=True):
        parent = agreement.parent
        if parent is None:
            continue
        path = ("agreements", index, "parent")
        if parent not in ids:
            yield error(
                path,
                _("{who}: parent {id} is not the id of any agreement").format(
                    who=_who(agreement), id=repr(parent)
                )
                + suggest.did_you_mean(parent),
            )
            continue
        step = entry.get(agreement.id)
        if step is not None:
            yield error(
                path,
                _("{who}: parent {id} leads back to {step}: parents must not form a cycle").format(
                    who=_who(agreement), id=repr(parent), step=repr(step)
                ),
            )


def _cycle_entries(parent_of: dict[str, str]) -> dict[str, str]:
    """For each id whose chain of parents runs into a cycle, the first id that chain
    meets twice (itself when it is on the cycle). Each id is walked once: linear."""
    entry: dict[str, str] = {}
    done: set[str] = set()
    for start in parent_of:
        if start in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        step: str | None = start
        while step is not None and step not in done and step not in on_path:
            on_path[step] = len(path)
            path.append(step)
            step = parent_of.get(step)
        if step is not None and step in on_path:  # a new cycle, entered at `step`
            first = on_path[step]
            for node in path[first:]:
                entry[node] = node
            for node in path[:first]:
                entry[node] = step
        elif step is not None and step in entry:  # runs into a cycle found before
            meets = step if entry[step] == step else entry[step]
            for node in path:
                entry[node] = meets
        done.update(path)
    return entry
