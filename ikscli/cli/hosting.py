"""`ikscli hosts`: who hosts what (vertskommune), and for whom."""

from __future__ import annotations

from .common import emit, load_dataset, usage_error
from .options import (CategoryOption, DataOption, ExcelOption, Format, FormatOption,
                      FormFilter, KommuneOption, NoCacheOption, SearchOption, StatusOption,
                      filters)


def hosts(
    kommune: KommuneOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    fmt: FormatOption = Format.table,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Every host municipality with the agreements it hosts and the members they serve.

    With --kommune X it turns around: which hosts serve X, and for what.

    Example: ikscli hosts --kommune Øyer
    """
    from ..query import QueryError, hosts as by_host, select
    from ..views import hosts_output

    directory = load_dataset(data, no_cache)
    try:
        agreements = select(directory, filters(kommune, None, form, category, status, search))
    except QueryError as exc:
        usage_error(str(exc))
    emit(hosts_output(by_host(agreements)), fmt.value, excel)
