"""`ikscli diff OLD NEW`: what changed between two dataset files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ikscli.cli.dataset import load_valid
from ikscli.cli.options import NoCacheOption, OutputOption
from ikscli.cli.writing import write_binary, writing
from ikscli.i18n import _, ngettext
from ikscli.render.terminal import say


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    docx = "docx"


def diff(
    old: Annotated[Path, typer.Argument(metavar=_("OLD"), help=_("The earlier dataset file."))],
    new: Annotated[Path, typer.Argument(metavar=_("NEW"), help=_("The later dataset file."))],
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help=_(
                "table; json; markdown or docx (a change list in Norwegian for a council "
                "document; docx is Word: give -o FILE.docx)."
            ),
        ),
    ] = DiffFormat.table,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """What changed from OLD to NEW, agreement by agreement (matched by id).

    Added, removed and terminated agreements; members who joined or left; changes of
    host, form, remark and more.

    Exit 0 when the files agree, 1 when they differ (like diff), 2 when a file is
    missing or invalid (its problems are listed as `validate` lists them).

    Example: ikscli diff samarbeid_2019.yaml samarbeid_2020.yaml
    """
    from ikscli.analysis.diff import compare
    from ikscli.render import get
    from ikscli.render.views import diff_output

    loaded = load_valid([old, new], no_cache)
    before, after = loaded[0].dataset, loaded[1].dataset
    assert before is not None and after is not None  # both are valid by now
    changes = compare(before, after)
    if fmt is DiffFormat.docx:
        render = get("docx", "changes")
        write_binary(lambda out: render(changes, before, after, out), "docx", output)
    else:
        with writing(output) as stream:
            if fmt is DiffFormat.markdown:
                get("markdown", "changes")(changes, before, after, stream)
            else:
                get(fmt.value)(diff_output(changes), stream)
    if fmt is not DiffFormat.table:  # the table says it in its last line
        count = ngettext("{n} change", "{n} changes", len(changes)).format(n=len(changes))
        say(count if changes else _("no differences"))
    raise typer.Exit(1 if changes else 0)
