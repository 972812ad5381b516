"""Look things up in a dataset the way people type them: parties, ids, categories, forms."""

from __future__ import annotations

from .model import FORMS, STATUSES, Agreement, Dataset, Party
from .names import did_you_mean, fold, nfc


class UnknownName(ValueError):
    """A name, number or id that matches nothing in the dataset (a usage error)."""


class NameIndex:
    """Indexes over one dataset, built once per run."""

    def __init__(self, dataset: Dataset, digest: str | None = None) -> None:
        self.dataset = dataset
        self.digest = digest  # the cache key of the file's content, if cached
        self.parties: dict[str, Party] = {p.name: p for p in dataset.parties}
        self._party_index: dict[str, str] | None = None
        self._by_id: dict[str, Agreement] | None = None
        self._categories = {fold(c): c for c in dataset.categories}
        self._forms = {fold(f): f for f in FORMS}

    @property
    def agreements(self) -> dict[str, Agreement]:
        """Agreements by id (built on first use: most commands never look one up)."""
        if self._by_id is None:
            self._by_id = {a.id: a for a in self.dataset.agreements}
        return self._by_id

    def _party_keys(self) -> dict[str, str]:
        """Folded names, short names and kommunenummer → party name (built on first use)."""
        if self._party_index is None:
            self._party_index = {}
            for party in self.dataset.parties:
                for label in (party.name, party.short_name, party.number_2019, party.number_2020):
                    if label:
                        self._party_index.setdefault(fold(label), party.name)
        return self._party_index

    def party(self, text: str) -> str:
        """The declared party `text` names: by name, short name or kommunenummer."""
        exact = nfc(text)
        if exact in self.parties:
            return exact
        name = self._party_keys().get(fold(text))
        if name is None:
            raise UnknownName(
                f"unknown municipality or party {nfc(text)!r}"
                f"{did_you_mean(text, list(self.parties))}"
            )
        return name

    def agreement(self, text: str) -> Agreement:
        ident = nfc(text).strip()
        found = self.agreements.get(ident) or self.agreements.get(ident.lower())
        if found is None:
            raise UnknownName(
                f"unknown agreement id {ident!r}{did_you_mean(ident, list(self.agreements))}"
            )
        return found

    def category(self, text: str) -> str:
        """A category by its heading, or by a word that only one heading contains."""
        key = fold(text)
        found = self._categories.get(key)
        if found is None and key:
            matches = [c for k, c in self._categories.items() if key in k]
            found = matches[0] if len(matches) == 1 else None
        if found is None:
            raise UnknownName(
                f"unknown category {nfc(text)!r}{did_you_mean(text, list(self.dataset.categories))}"
            )
        return found

    def form(self, text: str) -> str:
        found = self._forms.get(fold(text))
        if found is None:
            raise UnknownName(f"unknown form {nfc(text)!r}; the forms are " + ", ".join(FORMS))
        return found

    @staticmethod
    def status(text: str) -> str:
        value = nfc(text).strip().lower()
        if value not in STATUSES:
            raise UnknownName(f"unknown status {text!r}; the statuses are " + ", ".join(STATUSES))
        return value

    def children(self, ident: str) -> list[Agreement]:
        return [a for a in self.dataset.agreements if a.parent == ident]
