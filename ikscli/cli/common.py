"""What every command needs: load the dataset or exit cleanly, and write output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from ..terminal import reader_gone, say

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def usage_error(message: str) -> NoReturn:
    """A mistake in how the command was called: one line, exit 2."""
    say(f"Error: {message}")
    raise typer.Exit(EXIT_USAGE)


def data_error(message: str) -> NoReturn:
    say(f"Error: {message}")
    raise typer.Exit(EXIT_INVALID)


def resolve_path(data: Optional[Path]) -> Path:
    from ..loader import DataFileError, default_path

    try:
        return data if data is not None else default_path()
    except DataFileError as exc:
        data_error(str(exc))


def load_loaded(data: Optional[Path], no_cache: bool = False):  # -> Loaded
    """Load a dataset file; a missing file or a directory is a usage error (exit 2)."""
    from ..loader import DataFileError, load

    path = resolve_path(data)
    try:
        return load(path, use_cache=not no_cache)
    except DataFileError as exc:
        usage_error(str(exc))


def load_dataset(data: Optional[Path], no_cache: bool = False):  # -> Directory
    """The dataset as a Directory, or exit 1 listing every error (one per line)."""
    from ..directory import Directory
    from ..problems import errors

    loaded = load_loaded(data, no_cache)
    if not loaded.ok:
        problems = errors(loaded.problems)
        for problem in problems:
            say(str(problem))
        data_error(f"{loaded.file} is not a valid dataset ({len(problems)} "
                   f"error{'s' if len(problems) != 1 else ''}); see `ikscli validate`")
    return Directory(loaded.dataset, loaded.digest)


def select_or_exit(directory, query) -> list:
    """The agreements a query selects; a query that cannot run is a usage error."""
    from ..query import QueryError, select

    try:
        return select(directory, query)
    except QueryError as exc:
        usage_error(str(exc))


def emit(output, fmt: str, excel: bool = False) -> None:
    """Render an Output in a format to stdout."""
    from ..render import get

    name = "excel" if excel else fmt
    try:
        get(name)(output, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has had enough (`| head`): not an error
        reader_gone()
