"""Every party a dataset names: those it declares, then those it names from the
national catalogue without declaring them (in the order the agreements first name
them), each with its kind and numbers from the catalogue for the file's date."""

from __future__ import annotations

from ikscli.model import Dataset, Party


def every_party(dataset: Dataset) -> list[Party]:
    declared = {p.name for p in dataset.parties}
    named: list[str] = []
    seen = set(declared)
    for agreement in dataset.agreements:
        for name in (*agreement.members, *agreement.partners, agreement.host):
            if name is not None and name not in seen:
                seen.add(name)
                named.append(name)
    if not named:
        return list(dataset.parties)
    from ikscli import catalogue

    extra = []
    for name in named:
        entry = catalogue.named(name, dataset.meta.as_of)
        if entry is None:  # validation lets no such name through; kept, never dropped
            extra.append(Party(name, "kommune"))
            continue
        numbers = entry.numbers()
        extra.append(
            Party(
                entry.name,
                "fylkeskommune" if entry.kind == "fylkeskommune" else "kommune",
                number_2019=numbers.get(2019),
                number_2020=numbers.get(2020),
                number_2024=numbers.get(2024),
            )
        )
    return [*dataset.parties, *extra]
