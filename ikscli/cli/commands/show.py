"""`ikscli show`: everything about one agreement."""

from __future__ import annotations

from typing import Annotated

import typer

from ikscli.cli.dataset import chosen_columns, load_dataset
from ikscli.cli.errors import usage_error
from ikscli.cli.options import (
    ColumnsOption,
    DataOption,
    ExcelOption,
    FormatOption,
    NoCacheOption,
    OutputOption,
)
from ikscli.cli.writing import emit
from ikscli.i18n import _


def complete_id(incomplete: str) -> list[str]:
    from ikscli.cli.completion import agreement_ids

    return agreement_ids(incomplete)


def show(
    ident: Annotated[
        str,
        typer.Argument(
            metavar=_("ID"),
            help=_("The agreement's id (see `ikscli list`)."),
            autocompletion=complete_id,
        ),
    ],
    columns: ColumnsOption = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Everything about one agreement: its fields, its parent and its sub-agreements.

    Example: ikscli show regionalt-helsesamarbeid
    """
    from ikscli.query.nameindex import UnknownName
    from ikscli.render.views import show_output

    fields = chosen_columns(columns)
    index = load_dataset(data, no_cache)
    try:
        agreement = index.agreement(ident)
    except UnknownName as exc:
        usage_error(str(exc))
    emit(show_output(index, agreement, fields), fmt, excel, output)
