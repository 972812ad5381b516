"""Options shared by the commands, declared once."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

DataOption = Annotated[
    Optional[Path],
    typer.Option(
        "--data", "-d", envvar="IKSCLI_DATA", show_envvar=True, metavar="FILE",
        help="Dataset file to read instead of the bundled one (never written to).",
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read and validate the file even if it was validated before."),
]


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output: table for people; json, csv, markdown for "
                 "programs and documents.", case_sensitive=False),
]

ExcelOption = Annotated[
    bool,
    typer.Option("--excel", help="CSV for Norwegian Excel: semicolons and a UTF-8 BOM "
                 "(implies --format csv)."),
]

def complete_party(incomplete: str) -> list[str]:
    from .completion import party_names

    return party_names(incomplete)


KommuneOption = Annotated[
    Optional[list[str]],
    typer.Option("--kommune", "-k", metavar="NAME", autocompletion=complete_party,
                 help="Only agreements this municipality is a member of (name, short "
                 "name or kommunenummer; repeat: all must be members)."),
]

HostOption = Annotated[Optional[str], typer.Option(
    "--host", metavar="NAME", autocompletion=complete_party, help="Only agreements this municipality hosts (vertskommune).")]
FormFilter = Annotated[Optional[str], typer.Option(
    "--form", metavar="FORM", help="Only this organisation form (Avtale, Uformelt, Vedtak, "
    "'§ 27', '§ 28-1 b', IKS, AS, Kommunalt oppgavefellesskap, Interkommunalt politisk "
    "råd; 'none' for no form).")]
CategoryOption = Annotated[Optional[str], typer.Option(
    "--category", metavar="HEADING", help="Only this category (a heading of the source).")]
StatusOption = Annotated[Optional[str], typer.Option(
    "--status", metavar="STATUS", help="Only this status: active, terminated, planned.")]
SearchOption = Annotated[Optional[list[str]], typer.Option(
    "--search", "-s", metavar="TEXT", help="Text in name or remark (case and æ/ø/å "
    "insensitive; repeat: all must match).")]


_FILTERS = {"kommune": KommuneOption, "host": HostOption, "form": FormFilter,
            "category": CategoryOption, "status": StatusOption, "search": SearchOption}


def with_filters(*, host: bool = True) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the filter options of `list` (--kommune, --host, --form,
    --category, --status, --search), handed to it as one `query` argument.

    typer reads a command's options from its signature; the decorator adds the
    filters there, so each command declares only what is its own.
    """
    names = [name for name in _FILTERS if host or name != "host"]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        hints = typing.get_type_hints(command, include_extras=True)  # strings → types
        own = [p.replace(annotation=hints.get(p.name, p.annotation))
               for p in signature.parameters.values() if p.name != "query"]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None,
                                   annotation=_FILTERS[name]) for name in names]
        keyword_own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]

        @functools.wraps(command)
        def run(**options: Any) -> None:
            chosen = {name: options.pop(name) for name in names}
            command(query=filters(**chosen), **options)

        run.__signature__ = signature.replace(parameters=keyword_own + added)  # type: ignore[attr-defined]
        return run

    return decorate


def filters(kommune: Optional[list[str]] = None, host: Optional[str] = None,
            form: Optional[str] = None, category: Optional[str] = None,
            status: Optional[str] = None, search: Optional[list[str]] = None):  # -> Query
    """The common filter options as a Query (no sorting, no limit)."""
    from ..query import Condition, Query

    conditions = [Condition("kommune", "=", k) for k in kommune or []]
    for name, value in (("host", host), ("form", form), ("category", category),
                        ("status", status)):
        if value is not None:
            conditions.append(Condition(name, "=", value))
    return Query(conditions, list(search or []))
