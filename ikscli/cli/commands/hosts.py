"""`ikscli hosts`: who hosts what (vertskommune), and for whom."""

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


def hosts(
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
    """Every host municipality with the agreements it hosts and the members they serve.

    With --kommune X it turns around: which hosts serve X, and for what.

    Example: ikscli hosts --kommune Øyer
    """
    query = filters(kommune, host, form, category, status, search, party)
    from ikscli.query.select import hosts as by_host
    from ikscli.render.views import hosts_output

    index = load_dataset(data, no_cache)
    emit(hosts_output(by_host(select_or_exit(index, query))), fmt, excel, output)
