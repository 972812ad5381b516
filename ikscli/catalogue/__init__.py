"""Every municipality and county municipality of Norway since 2019, by the structure of a date.

The catalogue (kommuner.csv beside this module) is built by scripts/catalogue.py from
Kartverket's and SSB's registers; SOURCES.md says where every column comes from and
under which licence. It is read on first use only: a dataset that declares the
parties it names never opens it.

A date chooses a structure: the 2019 one before 2020, the 2020 one (356
municipalities, 11 counties) until 2023, the 2024 one (357, 15) from 2024. An entry
exists in a structure when it has a number in it; a name is looked up among the
entries of the date's structure, by any of its names (Guovdageaidnu for Kautokeino),
any of its numbers (1201 and 4601 for Bergen) and with or without "kommune".
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ikscli.text.names import fold, nfc

STRUCTURES = (2019, 2020, 2024)
# Words people add to a name: "Bergen kommune", "Vestland fylkeskommune", "Kautokeino
# suohkan", "Deanu gielda".
_KIND_WORDS = re.compile(r"\s+(kommune|fylkeskommune|fylke|suohkan|gielda)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entry:
    """A municipality or county municipality as the catalogue knows it."""

    kind: str  # kommune | fylkeskommune
    name: str  # its name in the latest structure it belongs to (Våler (Østfold))
    names: tuple[str, ...]  # its other names: Sámi and Kven, earlier forms
    number_2019: str | None
    number_2020: str | None
    number_2024: str | None
    orgnr: str | None
    sami_area: bool  # in the administrative area for Sámi languages
    change_2020: str | None  # renumbered, merged, split or new on 2020-01-01
    change_2024: str | None  # the same for 2024-01-01
    successors: tuple[str, ...]  # the numbers it became, when merged or split

    def number(self, on: datetime.date) -> str | None:
        """Its kommunenummer (or fylkesnummer) in the structure of `on`."""
        return getattr(self, f"number_{structure(on)}")  # type: ignore[no-any-return]

    def numbers(self) -> dict[int, str]:
        """Its number in each structure it belongs to."""
        found = ((year, getattr(self, f"number_{year}")) for year in STRUCTURES)
        return {year: number for year, number in found if number}

    def labels(self) -> tuple[str, ...]:
        return (self.name, *self.names, *self.numbers().values())


def structure(on: datetime.date) -> int:
    """The year of the structure in force on `on`: 2019, 2020 or 2024."""
    return 2024 if on.year >= 2024 else 2020 if on.year >= 2020 else 2019


@cache
def entries() -> tuple[Entry, ...]:
    text = resources.files(__package__).joinpath("kommuner.csv").read_text(encoding="utf-8")
    return tuple(
        Entry(
            kind=row["kind"],
            name=row["name"],
            names=tuple(filter(None, row["names"].split("|"))),
            number_2019=row["number_2019"] or None,
            number_2020=row["number_2020"] or None,
            number_2024=row["number_2024"] or None,
            orgnr=row["orgnr"] or None,
            sami_area=row["sami_area"] == "true",
            change_2020=row["change_2020"] or None,
            change_2024=row["change_2024"] or None,
            successors=tuple(filter(None, row["successors"].split("|"))),
        )
        for row in csv.DictReader(text.splitlines())
    )


@cache
def _index(year: int) -> dict[str, tuple[Entry, ...]]:
    found: dict[str, list[Entry]] = {}
    for entry in entries():
        if getattr(entry, f"number_{year}") is None:
            continue
        labels = list(entry.labels())
        if entry.kind == "fylkeskommune":
            labels += [f"{label} fylke" for label in entry.names]
        for label in labels:
            bucket = found.setdefault(fold(label), [])
            if entry not in bucket:
                bucket.append(entry)
    return {key: tuple(bucket) for key, bucket in found.items()}


def lookup(text: str, on: datetime.date) -> tuple[Entry, ...]:
    """The entries of the structure of `on` that `text` names, as people write it:
    "Bergen", "bergen kommune", 4601, 1201, "Guovdageaidnu", "Vestland fylkeskommune",
    and 301 for 0301 (a number whose leading zero a spreadsheet dropped). More than one
    when the name is ambiguous (Våler, Herøy)."""
    index = _index(structure(on))
    exact = nfc(text).strip()
    found = index.get(fold(exact))
    if found is None:
        plain = _KIND_WORDS.sub("", exact).strip()
        if plain.isdigit() and len(plain) in (1, 3):
            plain = plain.zfill(len(plain) + 1)
        found = index.get(fold(plain)) if plain else None
    return found or ()


def named(name: str, on: datetime.date) -> Entry | None:
    """The entry whose catalogue name is exactly `name` in the structure of `on`."""
    for entry in _index(structure(on)).get(fold(name), ()):
        if entry.name == name:
            return entry
    return None


def names(on: datetime.date) -> list[str]:
    """Every catalogue name in the structure of `on` (for suggestions)."""
    return [e.name for e in entries() if e.number(on) is not None]
