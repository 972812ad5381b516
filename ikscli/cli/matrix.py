"""`ikscli matrix`: the source's grid, agreements down and municipalities across."""

from __future__ import annotations

from .common import emit, load_dataset, select_or_exit
from .options import DataOption, ExcelOption, Format, FormatOption, NoCacheOption, with_filters


@with_filters()
def matrix(
    query,    fmt: FormatOption = Format.table,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The participation grid: an x where a municipality takes part, grouped by category.

    Example: ikscli matrix --category "Helse og omsorg"
    """
    from ..views import matrix_output

    directory = load_dataset(data, no_cache)
    emit(matrix_output(directory, select_or_exit(directory, query)), fmt.value, excel)
