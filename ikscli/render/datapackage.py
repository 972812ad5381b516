"""The dataset as a Frictionless tabular data package (`ikscli export datapackage DIR`).

`datapackage.json` describes the package (title, the date the data is as of, its
source, its licence when the file names one) and, for each resource, a Table Schema:
field types, constraints, the primary key and the foreign keys between resources. One
CSV per resource: agreements, members, partners, parties, categories.

The CSVs are for programs: every value exactly as in the dataset (names without marks;
whether the members are settled is its own field, `members_basis`, and `uncertain` on
each membership), booleans `true`/`false`, nothing left out for an empty value but the
empty cell. The same values as `ikscli export sqlite` and `--format json`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, get_args

from ikscli.i18n import N_
from ikscli.model import FORMS, STATUSES, Dataset, MembersBasis, iso
from ikscli.query.parties import every_party

DESCRIPTOR = "datapackage.json"
BASES = tuple(get_args(MembersBasis))
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"  # reading.rules.SLUG


def _field(name: str, kind: str, description: str, **constraints: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if constraints:
        found["constraints"] = constraints
    return found


AGREEMENT_FIELDS = [
    _field(
        "id",
        "string",
        N_("The agreement's id in the register"),
        required=True,
        unique=True,
        pattern=ID_PATTERN,
    ),
    _field("position", "integer", N_("Its place in the source's order (0 first)"), required=True),
    _field("name", "string", N_("The agreement's name, as the source writes it"), required=True),
    _field("category", "string", N_("The source's heading it stands under")),
    _field("form", "string", N_("Its organisation form"), enum=list(FORMS)),
    _field(
        "form_inferred",
        "boolean",
        N_("true: the form cell is empty and the name states it"),
        required=True,
    ),
    _field(
        "members_basis",
        "string",
        N_("How the members are known (uncertain: nothing settles them)"),
        required=True,
        enum=list(BASES),
    ),
    _field("members_evidence", "string", N_("What settles the members, when not the source")),
    _field("host", "string", N_("The host municipality (vertskommune)")),
    _field("others", "string", N_("Other participants the source names in words")),
    _field(
        "status", "string", N_("active, terminated or planned"), required=True, enum=list(STATUSES)
    ),
    _field("note", "string", N_("The source's remark (merknad)")),
    _field("parent", "string", N_("The agreement this is a sub-agreement (delavtale) of")),
    _field(
        "orgnr", "string", N_("Its organisation number (Enhetsregisteret)"), pattern="^[0-9]{9}$"
    ),
    _field("started", "date", N_("In force from")),
    _field("ended", "date", N_("Its last day in force")),
    _field("decision", "string", N_("The council's decision (vedtak or saksnummer)")),
    {**_field("url", "string", N_("The agreement itself, online")), "format": "uri"},
    _field("board", "string", N_("The representatives' body")),
]

RESOURCES: dict[str, dict[str, Any]] = {
    "categories": {
        "description": N_("The source's headings, in its order"),
        "fields": [
            _field("name", "string", N_("The heading"), required=True, unique=True),
            _field("position", "integer", N_("Its place in the source's order"), required=True),
        ],
        "primaryKey": ["name"],
        "foreignKeys": [],
    },
    "parties": {
        "description": N_("The municipalities and county municipalities the file may name"),
        "fields": [
            _field("name", "string", N_("The party's name"), required=True, unique=True),
            _field("short_name", "string", N_("A short name the source uses (OFK)")),
            _field(
                "kind",
                "string",
                N_("kommune or fylkeskommune"),
                required=True,
                enum=["kommune", "fylkeskommune"],
            ),
            _field(
                "region", "boolean", N_("true: one of the region's municipalities"), required=True
            ),
            _field(
                "number_2019",
                "string",
                N_("Kommunenummer or fylkesnummer in 2019"),
                pattern="^[0-9]{2}([0-9]{2})?$",
            ),
            _field(
                "number_2020",
                "string",
                N_("Kommunenummer or fylkesnummer in 2020"),
                pattern="^[0-9]{2}([0-9]{2})?$",
            ),
            _field("county_2019", "string", N_("The county it belonged to in 2019")),
            _field(
                "number_2024",
                "string",
                N_("Kommunenummer or fylkesnummer from 2024"),
                pattern="^[0-9]{2}([0-9]{2})?$",
            ),
        ],
        "primaryKey": ["name"],
        "foreignKeys": [],
    },
    "agreements": {
        "description": N_("One row per agreement, in the source's order"),
        "fields": AGREEMENT_FIELDS,
        "primaryKey": ["id"],
        "foreignKeys": [
            {"fields": "category", "reference": {"resource": "categories", "fields": "name"}},
            {"fields": "host", "reference": {"resource": "parties", "fields": "name"}},
            {"fields": "parent", "reference": {"resource": "", "fields": "id"}},
        ],
    },
    "members": {
        "description": N_("Who takes part: one row per agreement and member municipality"),
        "fields": [
            _field("agreement_id", "string", N_("The agreement"), required=True),
            _field("kommune", "string", N_("A member municipality"), required=True),
            _field(
                "uncertain",
                "boolean",
                N_("true: the source does not settle this member"),
                required=True,
            ),
        ],
        "primaryKey": ["agreement_id", "kommune"],
        "foreignKeys": [
            {"fields": "agreement_id", "reference": {"resource": "agreements", "fields": "id"}},
            {"fields": "kommune", "reference": {"resource": "parties", "fields": "name"}},
        ],
    },
    "partners": {
        "description": N_("Other parties an agreement names (not members)"),
        "fields": [
            _field("agreement_id", "string", N_("The agreement"), required=True),
            _field("party", "string", N_("Another party it names"), required=True),
        ],
        "primaryKey": ["agreement_id", "party"],
        "foreignKeys": [
            {"fields": "agreement_id", "reference": {"resource": "agreements", "fields": "id"}},
            {"fields": "party", "reference": {"resource": "parties", "fields": "name"}},
        ],
    },
    "shares": {
        "description": N_("Owners' shares of an IKS or AS: one row per agreement and owner"),
        "fields": [
            _field("agreement_id", "string", N_("The agreement"), required=True),
            _field("party", "string", N_("An owner"), required=True),
            _field("percent", "number", N_("Its share, in per cent"), required=True),
        ],
        "primaryKey": ["agreement_id", "party"],
        "foreignKeys": [
            {"fields": "agreement_id", "reference": {"resource": "agreements", "fields": "id"}},
            {"fields": "party", "reference": {"resource": "parties", "fields": "name"}},
        ],
    },
}


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def rows(dataset: Dataset) -> dict[str, list[list[Any]]]:
    """Each resource's rows, in its fields' order (None for an empty cell)."""
    return {
        "categories": [[name, i] for i, name in enumerate(dataset.categories)],
        "parties": [
            [
                p.name,
                p.short_name,
                p.kind,
                _boolean(p.region),
                p.number_2019,
                p.number_2020,
                p.county_2019,
                p.number_2024,
            ]
            for p in every_party(dataset)
        ],
        "agreements": [
            [
                a.id,
                i,
                a.name,
                a.category,
                a.form,
                _boolean(a.form_inferred),
                a.members_basis,
                a.members_evidence,
                a.host,
                a.others,
                a.status,
                a.note,
                a.parent,
                a.orgnr,
                iso(a.started),
                iso(a.ended),
                a.decision,
                a.url,
                a.board,
            ]
            for i, a in enumerate(dataset.agreements)
        ],
        "shares": [[a.id, p, s] for a in dataset.agreements for p, s in (a.shares or {}).items()],
        "members": [
            [a.id, m, _boolean(a.members_basis == "uncertain")]
            for a in dataset.agreements
            for m in a.members
        ],
        "partners": [[a.id, p] for a in dataset.agreements for p in a.partners],
    }


def _csv(header: list[str], body: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in body)
    return buffer.getvalue().encode("utf-8")


def _name(dataset: Dataset) -> str:
    """The package's name: lower-case letters, digits, - . _ (the spec's pattern)."""
    import re

    from ikscli.text.names import fold

    words = re.sub(r"[^a-z0-9]+", "-", fold(dataset.meta.region or dataset.meta.title))
    return f"ikscli-{words.strip('-') or 'samarbeid'}-{dataset.meta.as_of.isoformat()}"


def descriptor(dataset: Dataset) -> dict[str, Any]:
    meta = dataset.meta
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": _name(dataset),
        "title": meta.title,
        "description": (
            "Intermunicipal cooperation (interkommunalt samarbeid) as of "
            f"{meta.as_of.isoformat()}, written by ikscli from its dataset file."
        ),
        "sources": [{"title": meta.source}],
        "keywords": ["interkommunalt samarbeid", "kommune", "Norway"],
        "as_of": meta.as_of.isoformat(),  # a property of ours: the date the data describes
    }
    if meta.region:
        package["region"] = meta.region
    if meta.language:
        package["language"] = meta.language
    if meta.licence:
        package["licenses"] = [_licence(meta.licence)]
    package["resources"] = [
        {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": resource["description"],
            "schema": {
                "fields": resource["fields"],
                "primaryKey": resource["primaryKey"],
                **({"foreignKeys": resource["foreignKeys"]} if resource["foreignKeys"] else {}),
                "missingValues": [""],
            },
        }
        for name, resource in RESOURCES.items()
    ]
    return package


def _licence(text: str) -> dict[str, str]:
    """A licence as the spec writes it: a URL is its path, a name its title."""
    if text.startswith(("http://", "https://")):
        return {"path": text, "title": text}
    return {"name": text, "title": text}


def files(dataset: Dataset) -> dict[str, bytes]:
    """Every file of the package: name → content."""
    found = {
        f"{name}.csv": _csv([f["name"] for f in RESOURCES[name]["fields"]], body)
        for name, body in rows(dataset).items()
    }
    text = json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    found[DESCRIPTOR] = text.encode("utf-8")
    return found
