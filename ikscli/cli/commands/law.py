"""`ikscli law`: which agreements had to change form under kommuneloven 2018."""

from __future__ import annotations

from typing import Annotated

import typer

from ikscli.cli.dataset import load_dataset
from ikscli.cli.errors import usage_error
from ikscli.cli.options import (
    CategoryOption,
    DataOption,
    ExcelOption,
    FormatOption,
    FormFilter,
    HostOption,
    KommuneOption,
    NoCacheOption,
    OutputOption,
    PartyOption,
    SearchOption,
    StatusOption,
    filters,
)
from ikscli.cli.writing import emit
from ikscli.i18n import _


def law(
    kommune: KommuneOption = None,
    party: PartyOption = None,
    host: HostOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help=_(
                "Every agreement with its place under the 2018 law, not only those "
                "that had to change."
            ),
        ),
    ] = False,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Which agreements had to change form under kommuneloven 2018, and into what.

    § 27 cooperations had to be reorganised by autumn 2023; regional councils became
    interkommunale politiske råd; § 28-1 b continues under chapter 20.

    Example: ikscli law --kommune Øyer
    """
    from ikscli.analysis.law import placement
    from ikscli.query.select import QueryError, select
    from ikscli.render.views import law_output

    query = filters(kommune, host, form, category, status, search, party)
    index = load_dataset(data, no_cache)
    try:
        agreements = select(index, query)
    except QueryError as exc:
        usage_error(str(exc))
    placed = [(a, placement(a)) for a in agreements]
    must = [(a, p) for a, p in placed if p.must_change]
    emit(law_output(placed if every else must, len(must), len(placed)), fmt, excel, output)
