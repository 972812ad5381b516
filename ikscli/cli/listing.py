"""`ikscli list`: the agreements, filtered and sorted."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import emit, load_dataset, usage_error
from .options import (DataOption, ExcelOption, Format, FormatOption, KommuneOption,
                      NoCacheOption)


def list_agreements(
    kommune: KommuneOption = None,
    host: Annotated[Optional[str], typer.Option(
        "--host", metavar="NAME", help="Only agreements this municipality hosts (vertskommune).")] = None,
    form: Annotated[Optional[str], typer.Option(
        "--form", metavar="FORM", help="Only this organisation form (Avtale, Uformelt, Vedtak, "
        "'§ 27', '§ 28-1 b', IKS, AS; 'none' for no form).")] = None,
    category: Annotated[Optional[str], typer.Option(
        "--category", metavar="HEADING", help="Only this category (source heading).")] = None,
    status: Annotated[Optional[str], typer.Option(
        "--status", metavar="STATUS", help="Only this status: active, terminated, planned.")] = None,
    search: Annotated[Optional[list[str]], typer.Option(
        "--search", "-s", metavar="TEXT", help="Text in name or remark (case and æ/ø/å "
        "insensitive; repeat: all must match).")] = None,
    sort: Annotated[str, typer.Option(
        "--sort", metavar="FIELD", help="Order by source (default), id, name, category, form, "
        "host, status or members.")] = "source",
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    limit: Annotated[Optional[int], typer.Option(
        "--limit", "-n", metavar="N", help="At most N agreements.", min=0)] = None,
    fmt: FormatOption = Format.table,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List agreements (all statuses), filtered and sorted.

    Example: ikscli list --kommune Øyer --form "§ 28-1 b"
    """
    from ..query import Condition, Query, QueryError, select
    from ..views import agreements_output

    directory = load_dataset(data, no_cache)
    conditions = [Condition("kommune", "=", k) for k in kommune or []]
    for name, value in (("host", host), ("form", form), ("category", category),
                        ("status", status)):
        if value is not None:
            conditions.append(Condition(name, "=", value))
    query = Query(conditions, list(search or []), sort, reverse, limit)
    try:
        agreements = select(directory, query)
    except QueryError as exc:
        usage_error(str(exc))
    emit(agreements_output(directory, agreements), fmt.value, excel)
