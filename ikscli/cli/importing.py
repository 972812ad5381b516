"""`ikscli import`: a table a colleague filled in, brought back into the dataset file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..i18n import _, ngettext
from .common import usage_error
from .edit import DryRunOption, change_file


def import_table(
    table: Annotated[
        Path,
        typer.Argument(
            metavar="TABLE",
            help=_("CSV (plain, or Excel's with ; and a BOM) or XLSX, with an id column."),
        ),
    ],
    into: Annotated[
        Optional[Path],
        typer.Option(
            "--into",
            "--data",
            "-d",
            metavar="DATASET",
            help=_("The dataset file to change (default: the project's)."),
            show_default=False,
        ),
    ] = None,
    remove_missing: Annotated[
        bool,
        typer.Option("--remove-missing", help=_("Remove the agreements the table leaves out.")),
    ] = False,
    dry_run: DryRunOption = False,
) -> None:
    """Bring a table back into the dataset: rows matched by id, new rows added, changed
    cells updated, comments kept. The change is shown as a diff, checked, then written;
    a problem (an unknown column, a duplicate id, a bad value) is named by its row and
    column, and nothing is written.

    Example: ikscli import liste.csv --into data/samarbeid_2019.yaml --dry-run
    """
    from ..editing import Refused, add_lines, remove_lines, set_fields
    from ..importing import TableError, plan, read_table
    from ..loader import display_name
    from ..roundtrip import load, text_of

    name = display_name(table)
    try:
        read = read_table(table, name)
    except TableError as exc:
        usage_error(str(exc))

    def change(document: Any, index: Any, text: str) -> tuple[str, str]:
        planned = plan(read, index, remove_missing)
        if planned.problems:
            raise Refused(
                planned.problems,
                ngettext(
                    "{table}: nothing imported ({n} problem)",
                    "{table}: nothing imported ({n} problems)",
                    len(planned.problems),
                ).format(table=name, n=len(planned.problems)),
            )
        for ident, values in planned.changed.items():
            set_fields(document, ident, values)
        text = text_of(document)
        for ident in planned.removed:
            text = remove_lines(text, load(text, keep_quotes=True), ident)
        for ident, values in planned.added.items():
            text = add_lines(text, load(text, keep_quotes=True), ident, values)
        summary = _("{changed} changed, {added} added, {removed} removed").format(
            changed=len(planned.changed), added=len(planned.added), removed=len(planned.removed)
        )
        return text, summary

    # said after writing: "{file}: {id}" with the summary in place of an id
    change_file(
        into,
        dry_run,
        change,
        _("{file}: imported {table}: {id}").replace("{table}", name),
        show=True,
    )
