"""`ikscli crosscheck A B C…`: do the municipalities' own registers agree?"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ikscli.cli.dataset import load_valid
from ikscli.cli.options import NoCacheOption, OutputOption
from ikscli.cli.writing import writing
from ikscli.i18n import _, ngettext
from ikscli.render.terminal import say


class CrosscheckFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def crosscheck(
    registers: Annotated[
        list[Path],
        typer.Argument(
            metavar=_("FILE..."),
            help=_("Two or more registers, each a municipality's own dataset file."),
            show_default=False,
        ),
    ],
    fmt: Annotated[
        CrosscheckFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help=_("text, a line per finding with its places; json; markdown, for a report."),
        ),
    ] = CrosscheckFormat.text,
    output: OutputOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check registers against each other: the same agreement (matched by
    organisation number, then id, then name) with another host, form or status; a
    municipality a file names as taking part whose own file does not list the
    agreement; members one file marks uncertain and another states.

    Exit 0 when they agree, 1 when they differ, 2 when a file is missing or invalid.

    Example: ikscli crosscheck gausdal.yaml lillehammer.yaml oyer.yaml
    """
    from ikscli.analysis.crosscheck import Register, compare
    from ikscli.cli.errors import usage_error
    from ikscli.reading.places import agreement_places
    from ikscli.render import get
    from ikscli.render.crosscheck import output as crosscheck_output

    if len(registers) < 2:
        usage_error(_("crosscheck needs two or more registers to compare"))
    loaded = load_valid(registers, no_cache)
    checked = []
    for path, one in zip(registers, loaded, strict=True):
        assert one.dataset is not None  # valid by now
        checked.append(Register(one.file, one.dataset, agreement_places(path, one.dataset)))
    found = compare(checked)
    with writing(output) as stream:
        if fmt is CrosscheckFormat.text:
            get("text", "crosscheck")(found, stream)
        else:
            get(fmt.value)(crosscheck_output(found), stream)
    say(
        ngettext("{n} difference", "{n} differences", len(found)).format(n=len(found))
        if found
        else ngettext("the {n} register agrees", "the {n} registers agree", len(checked)).format(
            n=len(checked)
        )
    )
    raise typer.Exit(1 if found else 0)
