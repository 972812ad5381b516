"""Options shared by the commands, declared once."""

from __future__ import annotations

import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ikscli.i18n import N_, _

if TYPE_CHECKING:
    from ikscli.query.select import Query

# The panels of a query command's help: what to select, how to show it, what to read.
FILTERS, OUTPUT, DATASET = _("Filters"), _("Output"), _("Dataset")

DataOption = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        "-d",
        envvar="IKSCLI_DATA",
        show_envvar=True,
        metavar=_("FILE"),
        rich_help_panel=DATASET,
        help=_(
            "Dataset file to read instead of the project's or the bundled one (never "
            "written to by queries); - reads it from standard input."
        ),
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        rich_help_panel=DATASET,
        help=_("Read and validate the file even if it was validated before."),
    ),
]


def choices(name: str, kind: str, leave_out: tuple[str, ...] = ()) -> Any:
    """An Enum of a kind's format names, from the one registry (ikscli.render.FORMATS):
    a new format is offered on the command line without touching this module."""
    from ikscli.render import names

    return Enum(name, {n: n for n in names(kind) if n not in leave_out}, type=str)


# the formats of the query commands (Excel's CSV is --excel, CSV's own option)
if TYPE_CHECKING:  # a class to the type checker; made from the registry when run

    class Format(str, Enum): ...

else:
    Format = choices("Format", "output", leave_out=("excel",))


FormatOption = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        rich_help_panel=OUTPUT,
        help=_(
            "Output: table for people (the default); json, ndjson, csv, tsv, markdown for "
            "programs and documents; xlsx, an Excel workbook, with -o FILE."
        ),
        case_sensitive=False,
        show_default=False,
    ),
]

OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        metavar=_("FILE"),
        rich_help_panel=OUTPUT,
        help=_("Write to FILE (UTF-8, replaced only when complete) instead of standard output."),
        show_default=False,
    ),
]

ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        rich_help_panel=OUTPUT,
        help=_(
            "CSV for Norwegian Excel: semicolons and a UTF-8 BOM "
            "(the CSV format; not with another --format)."
        ),
    ),
]


def complete_party(incomplete: str) -> list[str]:
    from ikscli.cli.completion import party_names

    return party_names(incomplete)


KommuneOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kommune",
        "-k",
        metavar=_("NAME"),
        autocompletion=complete_party,
        rich_help_panel=FILTERS,
        help=_(
            "Only agreements this municipality is a member of (name, short "
            "name or kommunenummer; repeat: all must be members)."
        ),
    ),
]

PartyOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--party",
        "-p",
        metavar=_("NAME"),
        autocompletion=complete_party,
        rich_help_panel=FILTERS,
        help=_(
            "Only agreements this party takes part in, in any role: member, partner or "
            "host (repeat: all must take part)."
        ),
    ),
]

HostOption = Annotated[
    Optional[str],
    typer.Option(
        "--host",
        metavar=_("NAME"),
        autocompletion=complete_party,
        rich_help_panel=FILTERS,
        help=_("Only agreements this municipality hosts (vertskommune)."),
    ),
]
FormFilter = Annotated[
    Optional[str],
    typer.Option(
        "--form",
        metavar=_("FORM"),
        rich_help_panel=FILTERS,
        help=_(
            "Only this organisation form (Avtale, Uformelt, Vedtak, "
            "'§ 27', '§ 28-1 b', IKS, AS, Kommunalt oppgavefellesskap, Interkommunalt politisk "
            "råd; also vertskommune, KO, IPR; 'none' or 'ingen' for no form)."
        ),
    ),
]
CategoryOption = Annotated[
    Optional[str],
    typer.Option(
        "--category",
        metavar=_("HEADING"),
        rich_help_panel=FILTERS,
        help=_("Only this category (a heading of the source)."),
    ),
]
StatusOption = Annotated[
    Optional[str],
    typer.Option(
        "--status",
        metavar=_("STATUS"),
        rich_help_panel=FILTERS,
        help=_("Only this status: active, terminated, planned."),
    ),
]
SearchOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--search",
        "-s",
        metavar=_("TEXT"),
        rich_help_panel=FILTERS,
        help=_("Text in name or remark (case and æ/ø/å insensitive; repeat: all must match)."),
    ),
]


def filters(
    kommune: Optional[list[str]] = None,
    host: Optional[str] = None,
    form: Optional[str] = None,
    category: Optional[str] = None,
    status: Optional[str] = None,
    search: Optional[list[str]] = None,
    party: Optional[list[str]] = None,
) -> Query:
    """The common filter options as a Query (no sorting, no limit)."""
    from ikscli.query.select import Query, filter_conditions

    conditions = filter_conditions(kommune, host, form, category, status, party)
    return Query(conditions, list(search or []))


ColumnsOption = Annotated[
    Optional[str],
    typer.Option(
        "--columns",
        "-c",
        metavar=_("FIELD,..."),
        rich_help_panel=OUTPUT,
        help=_("Only these fields, in this order (as in JSON: id, name, members, host, ...)."),
        show_default=False,
    ),
]


# How the command line spells the options the core's messages name (ikscli.text.options);
# translated where they are installed (ikscli.cli.app).
SPELLED: dict[str, str] = {
    "as_of": "--as-of",
    "columns": "--columns",
    "data_file": N_("--data FILE"),
    "force": "--force",
    "format_csv": "--format csv",
    "format_csv_json": N_("--format csv or json"),
    "kommune": "--kommune",
    "limit": "--limit",
    "limit_n": "--limit N",
    "ours": "--ours",
    "search": "ikscli list --search ",
    "status_active": N_("--status active"),
    "strict": "--strict",
    "theirs": "--theirs",
    "undo_list": "ikscli undo --list",
}

ForceOption = Annotated[
    bool,
    typer.Option("--force", help=_("Replace FILE if it exists (kept for ikscli undo).")),
]
AddToProjectOption = Annotated[
    bool,
    typer.Option(
        "--add-to-project",
        help=_("Name the new file first in the project's [tool.ikscli] data."),
    ),
]


def date_value(text: str, flag: str) -> datetime.date:
    """A date option's value as people type it (2020-01-01, 01.01.2020, 1. januar 2020);
    anything else is a usage error that names the option."""
    from ikscli import files
    from ikscli.cli.errors import usage_error
    from ikscli.text.dates import parse

    try:
        return parse(text)
    except ValueError:
        usage_error(
            _("{option} {value}: write the date as 2020-01-01 or 01.01.2020").format(
                option=flag, value=files.shown(text)
            )
        )
