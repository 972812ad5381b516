"""`ikscli count`: how many agreements per form, municipality, category, host or status."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ikscli.cli.dataset import load_dataset, select_or_exit
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


def count(
    kommune: KommuneOption = None,
    party: PartyOption = None,
    host: HostOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    by: Annotated[
        Optional[list[str]],
        typer.Option(
            "--by",
            "-b",
            metavar=_("FIELD"),
            help=_(
                "Group by members (or kommune), partners, party, form, category, host, "
                "status, parent or members_basis; repeat for a cross-table. Default: form."
            ),
        ),
    ] = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Count agreements per group, with a total.

    Under --by members an agreement counts once for each member.

    Example: ikscli count --by form --status active
    """
    query = filters(kommune, host, form, category, status, search, party)
    from ikscli.query.select import QueryError, canonical
    from ikscli.query.select import count as count_groups
    from ikscli.render.views import count_output

    fields = [canonical(b) for b in by] if by else ["form"]
    index = load_dataset(data, no_cache)
    agreements = select_or_exit(index, query)
    try:
        groups = count_groups(agreements, fields)
    except QueryError as exc:
        usage_error(str(exc))
    emit(count_output(fields, groups, agreements), fmt, excel, output)
