"""`ikscli report`: the appendix the council reads, regenerated from the data."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ikscli.cli.common import load_dataset, writing
from ikscli.cli.options import DataOption, NoCacheOption, OutputOption
from ikscli.i18n import _


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


def report(
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help=_("markdown, or html: one self-contained file, printable on A4 landscape."),
        ),
    ] = ReportFormat.markdown,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The overview appendix (in Norwegian), rebuilt from the data.

    The source's categories in order, one row per agreement, an x per municipality,
    the remark; sub-agreements under their parent, terminated ones struck through.

    Example: ikscli report --format html -o vedlegg.html
    """
    from ikscli.analysis.report import build

    index = load_dataset(data, no_cache)
    document = build(index.dataset)
    if fmt is ReportFormat.html:
        from ikscli.render.report_html import render
    else:
        from ikscli.render.report_markdown import render
    with writing(output) as stream:
        render(document, stream)
