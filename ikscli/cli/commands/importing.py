"""`ikscli import`: a table a colleague filled in, merged back into the dataset file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ikscli.cli.commands.edit import DiffOption, DryRunOption
from ikscli.i18n import _
from ikscli.render.terminal import say


def import_table(
    table: Annotated[
        Path,
        typer.Argument(
            metavar=_("TABLE"),
            help=_("CSV or TSV (plain, or Excel's with ; and a BOM) or XLSX, with an id column."),
        ),
    ],
    into: Annotated[
        Optional[Path],
        typer.Option(
            "--into",
            "--data",
            "-d",
            metavar=_("DATASET"),
            help=_("The dataset file to change (default: the project's)."),
            show_default=False,
        ),
    ] = None,
    remove_missing: Annotated[
        bool,
        typer.Option(
            "--remove-missing",
            help=_("Remove the agreements the table leaves out (those it was made with)."),
        ),
    ] = False,
    theirs: Annotated[
        bool, typer.Option("--theirs", help=_("In a conflict, take the table's value."))
    ] = False,
    ours: Annotated[
        bool, typer.Option("--ours", help=_("In a conflict, keep the file's value."))
    ] = False,
    dry_run: DryRunOption = False,
    diff: DiffOption = False,
) -> None:
    """Bring a table back into the dataset, merged cell by cell with the version it was
    made from: a cell the colleague did not change is not applied; a cell changed both
    in the table and in the file since is a conflict, named by its cell. Every problem
    is named by its cell, and nothing is written while there is one.

    Example: ikscli import samarbeid.xlsx --dry-run
    """
    from ikscli import files
    from ikscli.cli.commands.edit import edit_target, run_edit
    from ikscli.cli.errors import usage_error
    from ikscli.edit.importing import import_table as make
    from ikscli.edit.importing import read_table as read
    from ikscli.edit.merge import OURS, THEIRS
    from ikscli.edit.table import TableError
    from ikscli.reading.loader import display_name

    if theirs and ours:
        usage_error(_("--theirs and --ours cannot both be chosen"))
    name = display_name(table)
    try:
        read_table = read(table, name)
    except TableError as exc:
        usage_error(files.shown(str(exc)))
    for note in read_table.notes:
        say(f"{files.shown(name)}: {note}")
    target = edit_target(into)
    edit, merges = make(
        read_table, target, THEIRS if theirs else OURS if ours else None, remove_missing
    )

    def notes() -> None:
        for merged in merges:
            for note in merged.notes:
                say(f"{files.shown(name)}: {note}")

    run_edit(into, edit, dry_run, diff, path=target, notes=notes)
