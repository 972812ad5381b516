"""`ikscli matrix`: the source's grid, agreements down and municipalities across."""

from __future__ import annotations

from ikscli.cli.dataset import load_dataset, select_or_exit
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


def matrix(
    kommune: KommuneOption = None,
    party: PartyOption = None,
    host: HostOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The participation grid: an x where a municipality takes part, grouped by category.

    Example: ikscli matrix --category "Helse og omsorg"
    """
    query = filters(kommune, host, form, category, status, search, party)
    from ikscli.render.views import matrix_output

    index = load_dataset(data, no_cache)
    emit(matrix_output(index, select_or_exit(index, query)), fmt, excel, output)
