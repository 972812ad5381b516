"""`ikscli list` and `ikscli filter`: the agreements that match, as a table or data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ikscli.cli.dataset import chosen_columns, load_dataset, select_or_exit
from ikscli.cli.errors import usage_error
from ikscli.cli.options import (
    OUTPUT,
    CategoryOption,
    ColumnsOption,
    DataOption,
    ExcelOption,
    Format,
    FormatOption,
    FormFilter,
    HostOption,
    KommuneOption,
    NoCacheOption,
    OutputOption,
    PartyOption,
    SearchOption,
    StatusOption,
    date_value,
    filters,
)
from ikscli.cli.writing import emit
from ikscli.i18n import _, ngettext

if TYPE_CHECKING:
    from ikscli.model import Agreement
    from ikscli.query.nameindex import NameIndex
    from ikscli.query.select import Query
    from ikscli.render.output import Output

SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        rich_help_panel=OUTPUT,
        metavar=_("FIELD"),
        help=_("Order by source (default), id, name, category, form, host, status or members."),
    ),
]
ReverseOption = Annotated[
    bool, typer.Option("--reverse", rich_help_panel=OUTPUT, help=_("Reverse the order."))
]
LimitOption = Annotated[
    Optional[int],
    typer.Option(
        "--limit",
        "-n",
        metavar=_("N"),
        min=0,
        rich_help_panel=OUTPUT,
        help=_("At most N agreements."),
    ),
]


def _show(
    index: NameIndex,
    query: Query,
    fmt: Optional[Format],
    excel: bool,
    to: Optional[Path],
    columns: Optional[str] = None,
) -> None:
    from ikscli.render.views import agreements_output, chosen_output

    fields = chosen_columns(columns)
    limit, query.limit = query.limit, None
    if limit is not None and limit < 0:
        usage_error(_("--limit must be 0 or more"))
    matched = select_or_exit(index, query)
    if fields is not None:
        shown = chosen_output(matched[:limit], fields, of=len(matched))
    else:
        shown = agreements_output(index, matched[:limit], of=len(matched))
    shown.capped = limit is None
    editing = excel or fmt in (Format["csv"], Format["tsv"])
    chosen = fields is not None and {"base", "revision"} & set(fields)
    if fmt == Format["xlsx"] or (editing and (fields is None or chosen)):
        _with_base(shown, index, matched[:limit], in_columns=fields is None or bool(chosen))
    if not matched:
        _say_other_roles(index, query)
    emit(shown, fmt, excel, to)


def _with_base(
    shown: Output, index: NameIndex, agreements: list[Agreement], in_columns: bool = True
) -> None:
    """A table for editing says what it was made from: the dataset (kept privately, so
    that `import` can merge the table back) and each row's revision. In CSV these are the
    columns base and revision, unless --columns chose the columns (then only as chosen);
    a workbook keeps them in a hidden sheet."""
    from ikscli.edit.history import keep_base
    from ikscli.reading.loader import STDIN, read_bytes

    source = index.source
    if source is None or str(source) == STDIN:
        return
    try:
        raw = read_bytes(source)
    except Exception:
        return
    if index.digest is not None:
        from ikscli.reading.cache import key

        if key(raw) != index.digest:  # the file changed since it was read: no base
            return
    shown.base = keep_base(raw)
    shown.base_columns = in_columns
    shown.sheet = _("Agreements")
    shown.revisions = lambda: [(a.id, a.revision()) for a in agreements]


def _say_other_roles(index: NameIndex, query: Query) -> None:
    """`list --kommune Ringebu` finds nothing: say where Ringebu does take part."""
    from ikscli.query.select import Condition, Query, select
    from ikscli.render.terminal import say

    for condition in query.conditions:
        if condition.field != "members" or condition.op != "=":
            continue
        name = index.party(condition.value)
        roles = select(index, Query([Condition("party", "=", name)]))
        if roles:
            text = ngettext(
                "{name} is a member of none of them, but a partner or host in {n} agreement: "
                "{command}",
                "{name} is a member of none of them, but a partner or host in {n} agreements: "
                "{command}",
                len(roles),
            )
            say(text.format(name=name, n=len(roles), command=_party_command(name)))


def _party_command(name: str) -> str:
    quoted = name if name.replace("-", "").isalnum() else f'"{name}"'
    return f"ikscli list --party {quoted}"


def list_agreements(
    kommune: KommuneOption = None,
    party: PartyOption = None,
    host: HostOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    as_of: Annotated[
        Optional[str],
        typer.Option(
            "--as-of",
            metavar=_("DATE"),
            help=_(
                "Only those in force on DATE, by started and ended (without dates: "
                "terminated counts as ended, planned as not started)."
            ),
            show_default=False,
        ),
    ] = None,
    sort: SortOption = "source",
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List agreements (all statuses), filtered and sorted.

    Example: ikscli list --kommune Øyer --form "§ 28-1 b"
    """
    query = filters(kommune, host, form, category, status, search, party)
    if as_of is not None:
        query.in_force = date_value(as_of, "--as-of")
    index = load_dataset(data, no_cache)
    query.sort, query.reverse, query.limit = sort, reverse, limit
    _show(index, query, fmt, excel, output, columns)


def filter_agreements(
    expressions: Annotated[
        list[str],
        typer.Argument(
            metavar=_("EXPR"),
            help=_(
                "FIELD=VALUE, FIELD!=VALUE or FIELD~TEXT; all must hold. "
                "Fields, as in JSON: members (or kommune), partners, host, party (any role), "
                "form, category, status, id, parent, name, note, others, members_basis. An "
                "empty VALUE means none."
            ),
        ),
    ],
    sort: SortOption = "source",
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    columns: ColumnsOption = None,
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
    from ikscli.query.select import Query, QueryError, parse_expression

    try:
        conditions = [parse_expression(e) for e in expressions]
    except QueryError as exc:
        usage_error(str(exc))
    index = load_dataset(data, no_cache)
    _show(index, Query(conditions, [], sort, reverse, limit), fmt, excel, output, columns)
