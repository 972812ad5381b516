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
    paths: Annotated[Optional[list[Path]], typer.Argument(
        metavar="[PATH]...", help="Dataset files to check (default: --data, $IKSCLI_DATA or "
        "the bundled one).", show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="text: file:line:column lines; json; github: Actions "
        "annotations.", case_sensitive=False)] = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check dataset files: every problem with its line and column.

    Exit 0 when valid, 1 when not (with --strict, warnings count), 2 on wrong usage.
    With several files, --format json prints an array of reports.

    Example: ikscli validate data/samarbeid_2019.yaml --format github
    """
    targets = list(paths) if paths else [data]
    reports = [_check(path, fmt, strict, no_cache) for path in targets]
    if fmt is ReportFormat.json:
        json.dump(reports[0] if len(reports) == 1 else reports, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    failed = any(not r["valid"] for r in reports)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


def _check(path: Optional[Path], fmt: ReportFormat, strict: bool, no_cache: bool) -> dict:
    """Validate one file, print its problems (text, github) and its summary line."""
    loaded = load_loaded(path, no_cache)
    problems = loaded.problems
    n_errors = sum(p.severity == "error" for p in problems)
    n_warnings = len(problems) - n_errors
    failed = n_errors > 0 or (strict and n_warnings > 0)
    out = sys.stdout
    if fmt is not ReportFormat.json:
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
    return {"file": loaded.file, "valid": not failed, "errors": n_errors,
            "warnings": n_warnings, "agreements": _count(loaded),
            "problems": [p.as_dict() for p in problems]}


def _count(loaded) -> int:
    return len(loaded.dataset.agreements) if loaded.dataset is not None else 0
