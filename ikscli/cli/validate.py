"""`ikscli validate`: is the file a valid dataset? Problems with their places."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import EXIT_INVALID, EXIT_OK, load_loaded
from .options import DataOption, NoCacheOption
from ..terminal import say


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _github(value: str, prop: bool = False) -> str:
    """Escape for GitHub Actions workflow commands."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def validate(
    path: Annotated[Optional[Path], typer.Argument(
        help="Dataset file to check (default: --data, $IKSCLI_DATA or the bundled one).",
        show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="text: file:line:column lines; json; github: Actions "
        "annotations.", case_sensitive=False)] = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check a dataset file: every problem with its line and column.

    Exit 0 when valid, 1 when not (with --strict, warnings count), 2 on wrong usage.

    Example: ikscli validate data/samarbeid_2019.yaml --format github
    """
    loaded = load_loaded(path if path is not None else data, no_cache)
    problems = loaded.problems
    n_errors = sum(p.severity == "error" for p in problems)
    n_warnings = len(problems) - n_errors
    failed = n_errors > 0 or (strict and n_warnings > 0)
    out = sys.stdout
    if fmt is ReportFormat.json:
        json.dump({"file": loaded.file, "valid": not failed, "errors": n_errors,
                   "warnings": n_warnings, "agreements": _count(loaded),
                   "problems": [p.as_dict() for p in problems]},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for p in problems:
            if fmt is ReportFormat.github:
                out.write(f"::{p.severity} file={_github(p.file, True)},line={p.line},"
                          f"col={p.column}::{_github(p.message)}\n")
            else:
                out.write(f"{p}\n")
    verdict = "invalid" if failed else "valid"
    say(f"{loaded.file}: {verdict}: {_count(loaded)} agreements, {n_errors} "
        f"error{'s' * (n_errors != 1)}, {n_warnings} warning{'s' * (n_warnings != 1)}"
        + (" (--strict: warnings fail)" if strict and n_warnings and not n_errors else ""))
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


def _count(loaded) -> int:
    return len(loaded.dataset.agreements) if loaded.dataset is not None else 0
