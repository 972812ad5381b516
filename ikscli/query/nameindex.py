"""Look things up in a dataset the way people type them: parties, ids, categories, forms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ikscli.i18n import _
from ikscli.model import FORMS, STATUSES, Agreement, Dataset, Party
from ikscli.text.names import did_you_mean, fold, nfc
from ikscli.text.options import option

# Words people add to a name: "Øyer kommune", "Oppland fylke", "Oppland fylkeskommune".
_KIND_WORDS = re.compile(r"\s+(kommune|fylkeskommune|fylke)\s*$", re.IGNORECASE)
# The forms as people say them (and as the source spells them) → the form.
FORM_WORDS = {
    "vertskommune": "§ 28-1 b",
    "vertskommunesamarbeid": "§ 28-1 b",
    "28-1 b": "§ 28-1 b",
    "§ 28 – 1B": "§ 28-1 b",
    "§ 28-1b": "§ 28-1 b",
    "27": "§ 27",
    "§27": "§ 27",
    "KO": "Kommunalt oppgavefellesskap",
    "oppgavefellesskap": "Kommunalt oppgavefellesskap",
    "IPR": "Interkommunalt politisk råd",
    "politisk råd": "Interkommunalt politisk råd",
    "interkommunalt selskap": "IKS",
    "aksjeselskap": "AS",
    "avtale": "Avtale",
    "administrativt vertskommunesamarbeid": "Administrativt vertskommunesamarbeid",
    "§ 20-2": "Administrativt vertskommunesamarbeid",
    "20-2": "Administrativt vertskommunesamarbeid",
    "felles folkevalgt nemnd": "Vertskommune med felles folkevalgt nemnd",
    "vertskommune med nemnd": "Vertskommune med felles folkevalgt nemnd",
    "§ 20-3": "Vertskommune med felles folkevalgt nemnd",
    "20-3": "Vertskommune med felles folkevalgt nemnd",
    "28-1 c": "§ 28-1 c",
    "§ 28-1c": "§ 28-1 c",
    "SA": "Samvirkeforetak",
    "samvirke": "Samvirkeforetak",
    "forening": "Forening",
}
_COUNTY_WORDS = re.compile(r"\s+fylkeskommune\s*$", re.IGNORECASE)

# Statuses as people say them, in English and in Norwegian (folded).
STATUS_WORDS: dict[str, str] = {
    **{fold(s): s for s in STATUSES},
    "aktiv": "active", "aktive": "active", "iverksatt": "active",
    "sagtopp": "terminated", "oppsagt": "terminated", "avsluttet": "terminated",
    "planlagt": "planned", "underutredning": "planned", "utredning": "planned",
    # nynorsk
    "sagdopp": "terminated", "oppsagd": "terminated", "avslutta": "terminated",
    "planlagd": "planned", "underutgreiing": "planned", "utgreiing": "planned",
}  # fmt: skip


def _same(name: str, key: str) -> bool:
    return name == key


def _starts(name: str, key: str) -> bool:
    return name.startswith(key)


def _unique(agreements: Iterable[Agreement]) -> list[Agreement]:
    return list({id(a): a for a in agreements}.values())


class UnknownName(ValueError):
    """A name, number or id that matches nothing in the dataset (a usage error)."""


class NameIndex:
    """Indexes over one dataset, built once per run."""

    def __init__(self, dataset: Dataset, digest: str | None = None) -> None:
        self.dataset = dataset
        self.digest = digest  # the cache key of the file's content, if cached
        self.source: Path | None = None  # the file it was read from, when there is one
        self.parties: dict[str, Party] = {p.name: p for p in dataset.parties}
        self._party_index: dict[str, str] | None = None
        self._by_id: dict[str, Agreement] | None = None
        self._categories = {fold(c): c for c in dataset.categories}
        self._forms = {fold(f): f for f in FORMS} | {fold(k): f for k, f in FORM_WORDS.items()}

    @property
    def agreements(self) -> dict[str, Agreement]:
        """Agreements by id (built on first use: most commands never look one up)."""
        if self._by_id is None:
            self._by_id = {a.id: a for a in self.dataset.agreements}
        return self._by_id

    def _party_keys(self) -> dict[str, str]:
        """Folded names, short names and kommunenummer → party name (built on first use).

        A county is also found by its name without "fylkeskommune" (Oppland)."""
        if self._party_index is None:
            self._party_index = {}
            for party in self.dataset.parties:
                labels = [
                    party.name,
                    party.short_name,
                    party.number_2019,
                    party.number_2020,
                    party.number_2024,
                ]
                if party.kind == "fylkeskommune":
                    labels.append(_COUNTY_WORDS.sub("", party.name))
                for label in labels:
                    if label:
                        self._party_index.setdefault(fold(label), party.name)
        return self._party_index

    def party(self, text: str) -> str:
        """The declared party `text` names: by name, short name or kommunenummer, as
        people write them: "Øyer kommune", "Oppland fylke", and 521 for 0521 (a number
        whose leading zero a spreadsheet dropped)."""
        exact = nfc(text)
        if exact in self.parties:
            return exact
        keys = self._party_keys()
        name = keys.get(fold(text))
        if name is None:
            plain = _KIND_WORDS.sub("", exact).strip()
            if plain.isdigit() and len(plain) in (1, 3):  # 5 → 05, 521 → 0521
                plain = plain.zfill(len(plain) + 1)
            name = keys.get(fold(plain)) if plain else None
        if name is None:
            name = self._catalogued(text)
        return name

    def _catalogued(self, text: str) -> str:
        """The party the national catalogue knows by `text` in the structure of the
        file's date: the declared party with its number, when the file declares it under
        another name (Guovdageaidnu for a declared Kautokeino), else the catalogue's name."""
        from ikscli import catalogue

        on = self.dataset.meta.as_of
        found = catalogue.lookup(text, on)
        if len(found) == 1:
            entry = found[0]
            numbers = set(entry.numbers().values())
            for party in self.dataset.parties:
                if party.kind == entry.kind and numbers & {
                    party.number_2019,
                    party.number_2020,
                    party.number_2024,
                }:
                    return party.name
            return entry.name
        if len(found) > 1:
            raise UnknownName(
                _("{name} names more than one municipality: {options}").format(
                    name=repr(nfc(text)), options=_(" or ").join(e.name for e in found)
                )
            )
        raise UnknownName(
            _("unknown municipality or party {name}").format(name=repr(nfc(text)))
            + (did_you_mean(text, list(self.parties)) or did_you_mean(text, catalogue.names(on)))
        )

    def agreement(self, text: str) -> Agreement:
        """An agreement by its id, or by its name or a prefix of it that only one has
        (`Borgerlig vigsel`, `borgerlig`)."""
        ident = nfc(text).strip()
        found = self.agreements.get(ident) or self.agreements.get(ident.lower())
        if found is not None:
            return found
        key = fold(ident)
        if key:
            for match in (_same, _starts):
                hits = _unique(
                    a
                    for a in self.dataset.agreements
                    if match(fold(a.name), key) or match(fold(a.id), key)
                )
                if len(hits) == 1:
                    return hits[0]
                if len(hits) > 1 and match is _same:
                    break
        raise UnknownName(
            _("unknown agreement {id}").format(id=repr(ident)) + self._agreement_hint(key, ident)
        )

    def _agreement_hint(self, key: str, ident: str) -> str:
        """Ids whose id or name contains what was typed (`nav`), else the closest ids."""
        if key:
            containing = _unique(
                a for a in self.dataset.agreements if key in fold(a.id) or key in fold(a.name)
            )
            if 0 < len(containing) <= 3:
                return " " + _("(did you mean {options}?)").format(
                    options=_(" or ").join(repr(a.id) for a in containing)
                )
            if len(containing) > 3:
                return "; " + _("{n} agreements match it: see `{search}{text}`").format(
                    n=len(containing), text=ident, search=option("search")
                )
        return did_you_mean(ident, list(self.agreements))

    def category(self, text: str) -> str:
        """A category by its heading, or by a word that only one heading contains."""
        key = fold(text)
        found = self._categories.get(key)
        if found is None and key:
            matches = [c for k, c in self._categories.items() if key in k]
            found = matches[0] if len(matches) == 1 else None
        if found is None:
            raise UnknownName(
                _("unknown category {name}").format(name=repr(nfc(text)))
                + did_you_mean(text, list(self.dataset.categories))
            )
        return found

    def form(self, text: str) -> str:
        found = self._forms.get(fold(text))
        if found is None:
            raise UnknownName(
                _("unknown form {name}; the forms are {forms}").format(
                    name=repr(nfc(text)), forms=", ".join(FORMS)
                )
            )
        return found

    @staticmethod
    def status(text: str) -> str:
        """A status in English, bokmål or nynorsk: active/aktiv, terminated/sagt opp/sagd
        opp, planned/planlagt/planlagd."""
        value = STATUS_WORDS.get(fold(text))
        if value is None:
            raise UnknownName(
                _(
                    "unknown status {name}; the statuses are active (aktiv), terminated "
                    "(sagt opp) and planned (planlagt)"
                ).format(name=repr(text))
            )
        return value

    def children(self, ident: str) -> list[Agreement]:
        return [a for a in self.dataset.agreements if a.parent == ident]
