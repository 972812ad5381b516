"""Generate synthetic, national-shape datasets for benchmarks, in two shapes.

`real`: the real file's 58 records replicated (ids and parents suffixed with the
copy's number) until there are N: the same notes, uncertain and evidence-based
members, sub-agreements and warnings as the real data (4 warnings per 58 records).

`random` (the default): the data is invented: 356 municipalities, of which three
carry the names of the real region (so that `list --kommune Øyer` means something on
every size) and the rest are named "Kommune NNN"; the agreements are random. Only the shape follows
the real dataset: the same keys, a realistic mix of forms, hosts, partners, notes
and statuses. Usage:

    python bench/generate.py 20000 > /tmp/national-20k.yaml
    python bench/generate.py 20000 --shape real > /tmp/real-20k.yaml
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "data" / "samarbeid_2019.yaml"

FORMS = ["Avtale", "Uformelt", "Vedtak", "§ 27", "§ 28-1 b", "IKS", "AS", None]
WEIGHTS = [2, 7, 11, 4, 17, 4, 9, 4]
CATEGORIES = [
    "Regionråd og annet politisk samarbeid",
    "Administrativt samarbeid",
    "Tekniske tjenester",
    "Næringsutvikling",
    "Landbruk",
    "Reiseliv, natur og kultur",
    "Brannvesen",
    "Renovasjon",
    "Energi",
    "Kompetanse, opplæring, oppvekst",
    "Helse og omsorg",
    "NAV",
    "Ungdom",
]
WORDS = [
    "felles",
    "regional",
    "tjeneste",
    "samarbeid",
    "kontor",
    "senter",
    "plan",
    "nettverk",
    "enhet",
    "øvelse",
    "kjøp",
    "drift",
    "næring",
    "helse",
    "skole",
]


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
        out += [
            f"  - name: {name}",
            "    kind: kommune",
            "    region: true",
            f'    number_2019: "{1000 + i:04d}"',
            f'    number_2020: "{5000 + i:04d}"',
        ]
    out.append("categories:")
    out += [f"  - {c}" for c in CATEGORIES]
    out.append("agreements:")
    parents: list[str] = []
    for i in range(agreements):
        form = rng.choices(FORMS, WEIGHTS)[0]
        members = rng.sample(names, rng.choice([1, 2, 2, 3, 3, 3, 4, 5, 8]))
        words = " ".join(rng.sample(WORDS, 3))
        ident = f"avtale-{i:06d}"
        out += [
            f"  - id: {ident}",
            f"    name: {words.capitalize()} {i}",
            f"    category: {rng.choice(CATEGORIES)}",
        ]
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


def render_real(agreements: int) -> str:
    """The real records, copied with suffixed ids until there are `agreements` of them."""
    text = REAL.read_text(encoding="utf-8")
    head, body = text.split("\nagreements:\n", 1)
    records = re.split(r"(?m)^(?=  - id: )", body)
    preamble, records = records[0], [r for r in records[1:] if r.strip()]
    out = [head, "\nagreements:\n", preamble]
    copy = 0
    while True:
        for record in records:
            if agreements <= 0:
                return "".join(out)
            suffixed = re.sub(
                r"(?m)^(  - id: |    parent: )(\S+)$",
                lambda m, n=copy: f"{m.group(1)}{m.group(2)}-{n:05d}",
                record,
            )
            out.append(suffixed if suffixed.endswith("\n") else suffixed + "\n")
            agreements -= 1
        copy += 1


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1000
    shape = sys.argv[sys.argv.index("--shape") + 1] if "--shape" in sys.argv else "random"
    sys.stdout.write(render_real(size) if shape == "real" else render(size))
