"""The dataset file's JSON Schema, generated from the models, for editors.

yaml-language-server understands draft-07, so pydantic's output (2020-12 style,
with `$defs`) is rewritten to draft-07 (`definitions`) and stripped of titles
that add nothing. Every property gets a description in bokmål and English (what an
editor shows on hover), and the values of each closed set a title (as `oneOf` of
`const` and `title`, which validates as the enum does).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "urn:ikscli:schema:samarbeid:1"  # names the schema; it is shipped, not fetched

# What an editor shows on hover: bokmål, then English.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Dataset": {
        "meta": "Hva filen er. — What the file is.",
        "parties": "Kommunene og fylkeskommunene filen kan nevne. — The parties it may name.",
        "categories": "Kildens overskrifter, i kildens rekkefølge. — The source's headings.",
        "agreements": "Samarbeidene, ett per rad i kilden. — The agreements, one per row.",
    },
    "Meta": {
        "title": "Oversiktens tittel. — The overview's title.",
        "as_of": "Datoen oversikten gjelder, ÅÅÅÅ-MM-DD i anførselstegn. — The date it "
        "describes, YYYY-MM-DD in quotes.",
        "source": "Kilden: dokumentet dataene er hentet fra. — The source document.",
        "region": "Regionen oversikten gjelder. — The region it covers.",
        "language": "Målformen dokumentene skrives i: nb eller nn. — The written standard "
        "of its documents.",
        "licence": "Lisensen dataene kan brukes under (navn eller URL). — The licence.",
    },
    "Party": {
        "name": "Partens navn. — The party's name.",
        "kind": "kommune eller fylkeskommune. — A municipality or a county municipality.",
        "number_2019": "Kommunenummer (4 sifre) eller fylkesnummer (2) i 2019, i "
        "anførselstegn. — Its number in 2019, quoted.",
        "number_2020": "Kommunenummer eller fylkesnummer i 2020. — Its number in 2020.",
        "short_name": "Et kortnavn kilden bruker (OFK). — A short name the source uses.",
        "region": "true: en av regionens kommuner (får en kolonne i oversikten). — One of "
        "the region's municipalities.",
        "county_2019": "Fylket den hørte til i 2019. — The county it belonged to in 2019.",
        "number_2024": "Kommunenummer eller fylkesnummer fra 2024. — Its number from 2024.",
    },
    "Agreement": {
        "id": "Samarbeidets id: små bokstaver a-z, sifre og enkle bindestreker. — The id.",
        "name": "Samarbeidets navn, slik kilden skriver det. — Its name, as the source writes it.",
        "category": "Overskriften i kilden det står under. — The source's heading.",
        "form": "Organisasjonsformen (formcellen i kilden). — The organisation form.",
        "form_inferred": "true: formcellen er tom, og navnet sier formen. — The form is "
        "taken from the name.",
        "members": "Regionens kommuner med en x i raden. — The region's municipalities with an x.",
        "members_basis": "Hvordan medlemmene er kjent. — How the members are known.",
        "members_evidence": "Hva som avklarer medlemmene, når ikke kilden gjør det (på "
        "bokmål). — What settles them, when not the source.",
        "host": "Vertskommunen. — The host municipality.",
        "partners": "Andre parter som er nevnt (ikke medlemmer). — Other parties named.",
        "others": "Andre som kilden nevner med ord. — Others the source names in words.",
        "status": "aktiv, sagt opp eller planlagt. — active, terminated or planned.",
        "note": "Merknaden i kilden. — The source's remark.",
        "parent": "Samarbeidet dette er en delavtale under. — The agreement this is a "
        "sub-agreement of.",
        "orgnr": "Organisasjonsnummeret i Enhetsregisteret, 9 sifre i anførselstegn. — "
        "Its organisation number.",
        "started": "Gjelder fra, YYYY-MM-DD i anførselstegn. — In force from.",
        "ended": "Siste dag det gjaldt, YYYY-MM-DD i anførselstegn. — Its last day in force.",
        "decision": "Kommunestyrets vedtak eller saksnummer. — The council's decision.",
        "url": "Nettadressen til avtalen (https://…). — The agreement itself, online.",
        "shares": "Eierandeler i prosent for IKS og AS: {Gausdal: 20, Øyer: 80}. — Each "
        "owner's share, in per cent.",
        "board": "Representantskapet eller styret. — The representatives' body.",
    },
}

# The values of the closed sets, as people say them.
TITLES: dict[str, str] = {
    "active": "aktiv — active",
    "terminated": "sagt opp — terminated",
    "planned": "planlagt — planned",
    "source": "kilden — the source's x's",
    "evidence": "andre kilder — other evidence",
    "remark": "merknaden — the row's remark",
    "spacing": "plasseringen, støttet av andre kilder — spacing with other evidence",
    "uncertain": "usikkert — nothing settles them",
    "kommune": "kommune — a municipality",
    "fylkeskommune": "fylkeskommune — a county municipality",
    "nb": "bokmål",
    "nn": "nynorsk",
    "Avtale": "avtale — an agreement",
    "Uformelt": "uformelt samarbeid — informal",
    "Vedtak": "vedtak — a decision",
    "§ 27": "interkommunalt samarbeid etter kommuneloven 1992 § 27",
    "§ 28-1 b": "administrativt vertskommunesamarbeid (1992 § 28-1 b; 2018 § 20-2)",
    "IKS": "interkommunalt selskap",
    "AS": "aksjeselskap",
    "Kommunalt oppgavefellesskap": "kommunalt oppgavefellesskap (kommuneloven 2018 kap. 19)",
    "Interkommunalt politisk råd": "interkommunalt politisk råd (kommuneloven 2018 kap. 18)",
    "Administrativt vertskommunesamarbeid": "administrativt vertskommunesamarbeid "
    "(kommuneloven 2018 § 20-2)",
    "Vertskommune med felles folkevalgt nemnd": "vertskommune med felles folkevalgt nemnd "
    "(kommuneloven 2018 § 20-3)",
    "Samvirkeforetak": "samvirkeforetak (SA, samvirkelova)",
    "Forening": "forening — an association",
    "§ 28-1 c": "vertskommune med felles folkevalgt nemnd (1992 § 28-1 c; 2018 § 20-3)",
}


def generate() -> dict[str, Any]:
    from pydantic import TypeAdapter

    from ikscli.model import Dataset

    raw = TypeAdapter(Dataset).json_schema(ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    raw.pop("title", None)
    raw.pop("description", None)
    schema = {
        "$schema": DRAFT_07,
        "$id": SCHEMA_ID,
        "title": "ikscli dataset (interkommunalt samarbeid)",
        "description": "A dataset file read by ikscli: meta, parties, categories and "
        "agreements. Check it with `ikscli validate`.",
        **raw,
        "definitions": definitions,
    }
    cleaned: dict[str, Any] = _without_field_titles(schema)
    _describe(cleaned["properties"], DESCRIPTIONS["Dataset"])
    for name, definition in cleaned["definitions"].items():
        _describe(definition.get("properties", {}), DESCRIPTIONS.get(name, {}))
    titled: dict[str, Any] = _titled(cleaned)
    return titled


def _describe(properties: dict[str, Any], said: dict[str, str]) -> None:
    for key, prop in properties.items():
        if key in said:
            prop["description"] = said[key]


def _titled(node: Any) -> Any:
    """Each closed set's values with a title: {"enum": [...]} → {"oneOf": [{"const": v,
    "title": ...}]} (the same values, and an editor can say what each means)."""
    if isinstance(node, dict):
        node = {k: _titled(v) for k, v in node.items()}
        values = node.get("enum")
        if isinstance(values, list) and all(v in TITLES for v in values):
            node.pop("enum")
            node["oneOf"] = [{"const": v, "title": TITLES[v]} for v in values]
        return node
    if isinstance(node, list):
        return [_titled(v) for v in node]
    return node


def _without_field_titles(node: Any, top: bool = True) -> Any:
    """Drop pydantic's per-field titles ("title": "Category"): they repeat the key."""
    if isinstance(node, dict):
        return {
            k: _without_field_titles(v, False)
            for k, v in node.items()
            if top or not (k == "title" and isinstance(v, str))
        }
    if isinstance(node, list):
        return [_without_field_titles(v, False) for v in node]
    return node


SCHEMA_NAME = "samarbeid.schema.json"


def shipped_path() -> Path | None:
    """The schema file that ships with ikscli: inside the wheel, or schema/ in a
    checkout (None if this installation has neither)."""
    here = Path(__file__).resolve().parent.parent  # the package, above reading/
    for candidate in (here / "data" / SCHEMA_NAME, here.parent / "schema" / SCHEMA_NAME):
        if candidate.is_file():
            return candidate
    return None


def text() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"
