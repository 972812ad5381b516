"""Datasette's metadata for the SQLite export (`ikscli export sqlite OUT.db --metadata
metadata.json`): the title, the source, the date, the licence when the file names one,
and a description of every table and column, in the register's language; the
agreements sorted in the source's order, with facets on form, category, status and
host, and the full-text index for search.

    datasette samarbeid.db --metadata metadata.json
"""

from __future__ import annotations

from typing import Any

from ikscli.i18n import N_, _, document_language, speaking
from ikscli.model import Dataset
from ikscli.render.datapackage import RESOURCES

# The columns of the database that the data package has not (it is normalised)
EXTRA_COLUMNS = {
    "agreements": {
        "members": N_("The members, joined by a comma (one row each in members)"),
        "partners": N_("The other parties it names, joined by a comma (see partners)"),
    },
    "members": {"basis": N_("How the members are known (the agreement's members_basis)")},
}
VIEWS = {
    "agreements_per_kommune": N_("How many agreements each municipality is a member of"),
    "hosts": N_("The agreements each host municipality hosts, with their members"),
    "meta": N_("What the file is: title, region, the date it describes, source, licence"),
}
FACETS = ["form", "category", "status", "host"]


def metadata(dataset: Dataset, database: str) -> dict[str, Any]:
    """The metadata for a database named `database` (datasette names it by the file)."""
    with speaking(document_language(dataset.meta.language)):
        return _metadata(dataset, database)


def _metadata(dataset: Dataset, database: str) -> dict[str, Any]:
    meta = dataset.meta
    tables: dict[str, Any] = {}
    for name, resource in RESOURCES.items():
        columns = {f["name"]: _(f["description"]) for f in resource["fields"]}
        columns.update({k: _(v) for k, v in EXTRA_COLUMNS.get(name, {}).items()})
        tables[name] = {"description": _(resource["description"]), "columns": columns}
    tables["agreements"].update(
        {
            "sort": "position",
            "facets": FACETS,
            "label_column": "name",
            "fts_table": "agreements_fts",
        }
    )
    tables["categories"]["sort"] = "position"
    for name, description in VIEWS.items():
        tables[name] = {"description": _(description)}
    found: dict[str, Any] = {
        "title": meta.title,
        "description": _("Intermunicipal cooperation as of {date}, from {source}").format(
            date=meta.as_of.strftime("%d.%m.%Y"), source=meta.source
        ),
        "source": meta.source,
        "about": "ikscli",
    }
    if meta.licence:
        found["license"] = meta.licence
        if meta.licence.startswith(("http://", "https://")):
            found["license_url"] = meta.licence
    found["databases"] = {database: {"tables": tables}}
    return found
