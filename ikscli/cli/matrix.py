"""`ikscli matrix`: the source's grid, agreements down and municipalities across."""

from __future__ import annotations

from .common import emit, load_dataset, usage_error
from .options import (CategoryOption, DataOption, ExcelOption, Format, FormatOption,
                      FormFilter, HostOption, KommuneOption, NoCacheOption, SearchOption,
                      StatusOption, filters)


def matrix(
    kommune: KommuneOption = None,
    host: HostOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    fmt: FormatOption = Format.table,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The participation grid: an x where a municipality takes part, grouped by category.

    Example: ikscli matrix --category "Helse og omsorg"
    """
    from ..query import QueryError, select
    from ..views import matrix_output

    directory = load_dataset(data, no_cache)
    try:
        agreements = select(directory, filters(kommune, host, form, category, status, search))
    except QueryError as exc:
        usage_error(str(exc))
    emit(matrix_output(directory, agreements), fmt.value, excel)
