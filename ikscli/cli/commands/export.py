"""`ikscli export sqlite OUT.db` and `ikscli export datapackage OUT_DIR`: the dataset
for the tools researchers use (datasette, DuckDB, pandas, frictionless)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer

from ikscli.cli.dataset import load_dataset
from ikscli.cli.errors import output_failed, usage_error
from ikscli.cli.language import Group
from ikscli.cli.options import DataOption, NoCacheOption
from ikscli.i18n import _, ngettext
from ikscli.render.terminal import say

app = typer.Typer(
    name="export",
    cls=Group,
    no_args_is_help=True,
    add_completion=False,
    help=_("Write the dataset in a format other tools open (sqlite, datapackage)."),
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("sqlite")
def export_sqlite(
    out: Annotated[
        Path, typer.Argument(metavar=_("OUT.db"), help=_("The database file to write."))
    ],
    metadata: Annotated[
        Optional[Path],
        typer.Option(
            "--metadata",
            metavar=_("FILE"),
            help=_(
                "Write datasette's metadata too (title, source, licence, every table and "
                "column described, facets): datasette OUT.db --metadata FILE."
            ),
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """A normalised SQLite database: meta, agreements, members, partners, parties and
    categories, with foreign keys, indexes, a full-text index and the views
    agreements_per_kommune and hosts. It opens in datasette and DuckDB; an existing
    file is replaced whole.

    Example: ikscli export sqlite samarbeid.db --metadata metadata.json
    """
    import shutil
    import sqlite3

    from ikscli import files
    from ikscli.cli.writing import never_the_data, replacing
    from ikscli.render.sqlite import write

    if str(out) == "-":
        usage_error(_("a database needs a file: give OUT.db"))
    index = load_dataset(data, no_cache)
    never_the_data(out)
    # sqlite3 needs a path of its own: the database is made in a private folder, then
    # goes to OUT.db through the one writer (atomic, the old file's mode kept, a device
    # written to, a link refused)
    private = Path(tempfile.mkdtemp(prefix="ikscli-export-"))
    try:
        built = private / "export.db"
        try:
            write(index.dataset, built)
        except (sqlite3.Error, OSError) as exc:
            output_failed(
                _("cannot write {path}: {reason}").format(path=files.shown(out), reason=exc)
            )
        with replacing(out) as handle, open(built, "rb") as source:
            shutil.copyfileobj(source, handle, 1024 * 1024)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    agreements = len(index.dataset.agreements)
    say(
        ngettext("{path}: {n} agreement", "{path}: {n} agreements", agreements).format(
            path=files.shown(out), n=agreements
        )
    )
    if metadata is not None:
        import json

        from ikscli.render import get

        described = get("datasette", "dataset")(index.dataset, out.stem)
        text = json.dumps(described, ensure_ascii=False, indent=2) + "\n"
        with replacing(metadata) as handle:
            handle.write(text.encode("utf-8"))
        say(_("{path}: datasette's metadata").format(path=files.shown(metadata)))


@app.command("datapackage")
def export_datapackage(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar=_("OUT_DIR"), help=_("The folder to write datapackage.json and the CSVs in.")
        ),
    ],
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """A Frictionless data package: datapackage.json (title, source, date, licence, a
    Table Schema for each table with types, constraints and keys) and one CSV per
    table: agreements, members, partners, parties, categories. Every value exact.

    Example: ikscli export datapackage samarbeid && frictionless validate samarbeid/datapackage.json
    """

    from ikscli import files
    from ikscli.cli.writing import output_folder, replacing
    from ikscli.render import get

    if str(folder) == "-":
        usage_error(_("a data package is a folder: give OUT_DIR"))
    index = load_dataset(data, no_cache)
    output_folder(folder)
    written = get("datapackage", "dataset")(index.dataset)
    for name, content in written.items():  # the CSVs first, the descriptor that names them last
        with replacing(folder / name) as handle:
            handle.write(content)
    say(
        ngettext(
            "{path}: {n} file, {agreements} agreements",
            "{path}: {n} files, {agreements} agreements",
            len(written),
        ).format(
            path=files.shown(folder / "datapackage.json"),
            n=len(written),
            agreements=len(index.dataset.agreements),
        )
    )
