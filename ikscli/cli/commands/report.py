"""`ikscli report`: the appendix the council reads, regenerated from the data."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from ikscli.cli.dataset import load_dataset
from ikscli.cli.options import DataOption, NoCacheOption, OutputOption, choices
from ikscli.cli.writing import write_binary, writing
from ikscli.i18n import _

if TYPE_CHECKING:  # a class to the type checker; made from the registry when run

    class ReportFormat(str, Enum): ...

else:
    ReportFormat = choices("ReportFormat", "report")


def report(
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help=_(
                "markdown; html: one self-contained file, printable on A4 landscape; docx: "
                "a Word document (give -o FILE.docx)."
            ),
        ),
    ] = ReportFormat["markdown"],
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
    from ikscli.render import FORMATS, get

    render = get(fmt.value, "report")
    if FORMATS[("report", fmt.value)].binary:
        write_binary(lambda out: render(document, out), fmt.value, output)
        return
    with writing(output) as stream:
        render(document, stream)
