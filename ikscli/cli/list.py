"""`ikscli list` and `ikscli filter`: the agreements that match, as a table or data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import emit, load_dataset, select_or_exit, usage_error
from .options import (
    CategoryOption,
    DataOption,
    ExcelOption,
    Format,
    FormatOption,
    FormFilter,
    HostOption,
    KommuneOption,
    NoCacheOption,
    OutputOption,
    SearchOption,
    StatusOption,
    filters,
)

SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        metavar="FIELD",
        help="Order by source (default), id, name, category, form, host, status or members.",
    ),
]
ReverseOption = Annotated[bool, typer.Option("--reverse", help="Reverse the order.")]
LimitOption = Annotated[
    Optional[int], typer.Option("--limit", "-n", metavar="N", min=0, help="At most N agreements.")
]


def _show(index, query, fmt: Optional[Format], excel: bool, to: Optional[Path]) -> None:
    from ..views import agreements_output

    shown = agreements_output(index, select_or_exit(index, query))
    shown.capped = query.limit is None
    emit(shown, fmt, excel, to)


def list_agreements(
    kommune: KommuneOption = None,
    host: HostOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    sort: SortOption = "source",
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List agreements (all statuses), filtered and sorted.

    Example: ikscli list --kommune Øyer --form "§ 28-1 b"
    """
    query = filters(kommune, host, form, category, status, search)
    index = load_dataset(data, no_cache)
    query.sort, query.reverse, query.limit = sort, reverse, limit
    _show(index, query, fmt, excel, output)


def filter_agreements(
    expressions: Annotated[
        list[str],
        typer.Argument(
            metavar="EXPR...",
            help="FIELD=VALUE, FIELD!=VALUE or FIELD~TEXT; all must hold. "
            "Fields: kommune (a member), host, partner, party, form, category, status, id, "
            "parent, name, note, others, members_basis. An empty VALUE means none.",
        ),
    ],
    sort: SortOption = "source",
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Select agreements with expressions over any field.

    What Gausdal shares with others that Øyer is not in:

    Example: ikscli filter kommune=Gausdal kommune!=Øyer
    """
    from ..query import Query, QueryError, parse_expression

    try:
        conditions = [parse_expression(e) for e in expressions]
    except QueryError as exc:
        usage_error(str(exc))
    index = load_dataset(data, no_cache)
    _show(index, Query(conditions, [], sort, reverse, limit), fmt, excel, output)
