"""`ikscli validate`: is the file a valid dataset? Problems with their places."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ikscli.cli.dataset import load_loaded, resolve_paths
from ikscli.cli.errors import EXIT_INVALID, EXIT_OK
from ikscli.cli.options import DataOption, NoCacheOption, OutputOption, choices
from ikscli.cli.writing import writing
from ikscli.i18n import _
from ikscli.render.terminal import say

if TYPE_CHECKING:  # a class to the type checker; made from the registry when run

    class ProblemsFormat(str, Enum): ...

else:
    ProblemsFormat = choices("ProblemsFormat", "problems")


def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar=_("PATH"),
            help=_(
                "Dataset files to check (default: --data, $IKSCLI_DATA, "
                "every file the project names, or the bundled one)."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ProblemsFormat,
        typer.Option(
            "--format",
            "-f",
            help=_("text: file:line:column lines; json; github: Actions annotations."),
            case_sensitive=False,
        ),
    ] = ProblemsFormat["text"],
    strict: Annotated[bool, typer.Option("--strict", help=_("Fail on warnings too."))] = False,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check dataset files: every problem with its line and column.

    Exit 0 when valid, 1 when not (with --strict, warnings count), 2 on wrong usage.
    Inside a project (a pyproject.toml with [tool.ikscli], or an ikscli.toml) it
    checks every file the project names. With several files, --format json prints
    an array of reports.

    Example: ikscli validate data/samarbeid_2019.yaml --format github
    """
    from ikscli.render import get
    from ikscli.render.problems import FileResult, summary

    targets = list(paths) if paths else resolve_paths(data)
    reports = []
    for path in targets:
        loaded = load_loaded(path, no_cache)
        errors = sum(p.severity == "error" for p in loaded.problems)
        failed = errors > 0 or (strict and len(loaded.problems) > errors)
        agreements = len(loaded.dataset.agreements) if loaded.dataset is not None else 0
        reports.append(FileResult(loaded.file, not failed, agreements, loaded.problems))
    with writing(output) as stream:
        get(fmt.value, "problems")(reports, stream)
    for report in reports:
        say(summary(report, strict))
    raise typer.Exit(EXIT_INVALID if any(not r.valid for r in reports) else EXIT_OK)
