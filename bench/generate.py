"""Generate synthetic, national-shape datasets for benchmarks.

The data is invented: 356 municipalities, of which three carry the names of the
real region (so that `list --kommune Øyer` means something on every size) and the
rest are named "Kommune NNN"; the agreements are random. Only the shape follows
the real dataset: the same keys, a realistic mix of forms, hosts, partners, notes
and statuses. Usage:

    python bench/generate.py 20000 > /tmp/national-20k.yaml
"""

from __future__ import annotations

import random
import sys

FORMS = ["Avtale", "Uformelt", "Vedtak", "§ 27", "§ 28-1 b", "IKS", "AS", None]
WEIGHTS = [2, 7, 11, 4, 17, 4, 9, 4]
CATEGORIES = [
    "Regionråd og annet politisk samarbeid", "Administrativt samarbeid",
    "Tekniske tjenester", "Næringsutvikling", "Landbruk", "Reiseliv, natur og kultur",
    "Brannvesen", "Renovasjon", "Energi", "Kompetanse, opplæring, oppvekst",
    "Helse og omsorg", "NAV", "Ungdom",
]
WORDS = ["felles", "regional", "tjeneste", "samarbeid", "kontor", "senter", "plan",
         "nettverk", "enhet", "øvelse", "kjøp", "drift", "næring", "helse", "skole"]


def municipalities(count: int = 356) -> list[str]:
    return ["Gausdal", "Lillehammer", "Øyer"] + [f"Kommune {i:03d}" for i in range(4, count + 1)]


def render(agreements: int, seed: int = 2019) -> str:
    rng = random.Random(seed)
    names = municipalities()
    out = [
        "meta:",
        "  title: Syntetisk nasjonalt datasett (oppdiktet, kun for ytelsestester)",
        "  region: Norge",
        "  as_of: 2019-01-01",
        "  source: bench/generate.py",
        "parties:",
    ]
    for i, name in enumerate(names, start=1):
        out += [f"  - name: {name}", "    kind: kommune", "    region: true",
                f'    number_2019: "{1000 + i:04d}"', f'    number_2020: "{5000 + i:04d}"']
    out.append("categories:")
    out += [f"  - {c}" for c in CATEGORIES]
    out.append("agreements:")
    parents: list[str] = []
    for i in range(agreements):
        form = rng.choices(FORMS, WEIGHTS)[0]
        members = rng.sample(names, rng.choice([1, 2, 2, 3, 3, 3, 4, 5, 8]))
        words = " ".join(rng.sample(WORDS, 3))
        ident = f"avtale-{i:06d}"
        out += [f"  - id: {ident}", f"    name: {words.capitalize()} {i}",
                f"    category: {rng.choice(CATEGORIES)}"]
        if form:
            out.append(f"    form: {form}")
        out.append(f"    members: [{', '.join(members)}]")
        if form == "§ 28-1 b" or rng.random() < 0.1:
            host = members[0]
            out += [f"    host: {host}", f"    note: {host} vertskommune"]
        elif rng.random() < 0.3:
            out += ["    others: flere kommuner", "    note: Med flere kommuner"]
        if rng.random() < 0.03:
            out.append("    status: terminated")
        if parents and rng.random() < 0.05:
            out.append(f"    parent: {rng.choice(parents)}")
        elif rng.random() < 0.02:
            parents.append(ident)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
