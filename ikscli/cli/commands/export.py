"""`ikscli export sqlite OUT.db`: the dataset as a database for datasette and DuckDB."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

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
    help=_("Write the dataset in a format other tools open (sqlite)."),
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("sqlite")
def export_sqlite(
    out: Annotated[
        Path, typer.Argument(metavar=_("OUT.db"), help=_("The database file to write."))
    ],
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """A normalised SQLite database: agreements, members, partners, parties and
    categories, with foreign keys, indexes and the views agreements_per_kommune and
    hosts. It opens in datasette and DuckDB; an existing file is replaced whole.

    Example: ikscli export sqlite samarbeid.db && datasette samarbeid.db
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
