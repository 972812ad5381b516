"""A dataset file that a command writes (fmt, set, add, end, remove, import, snapshot):
read it whole, check it before and after, and replace it atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import typer

from ..i18n import _
from ..terminal import say
from .common import EXIT_INVALID, data_error, replacing, usage_error


def read(path: Path, stdin_refused: str | None = None) -> tuple[bytes, str]:
    """The file's bytes and its name as problems show it. A command that writes the
    file back cannot take it from standard input: for it, `--data -` is the usage
    error `stdin_refused`."""
    from ..loader import STDIN, DataFileError, display_name, read_bytes

    if stdin_refused is not None and str(path) == STDIN:
        usage_error(stdin_refused)
    try:
        return read_bytes(path), display_name(path)
    except DataFileError as exc:
        usage_error(str(exc))


def say_errors(problems: list[Any]) -> None:
    from ..problems import errors

    for problem in errors(problems):
        say(str(problem))


def valid(raw: bytes, file: str) -> Any:  # -> Loaded, with a dataset
    """The file read and checked; an invalid file is its errors and exit 1."""
    from ..loader import parse

    loaded = parse(raw, file)
    if not loaded.ok or loaded.dataset is None:
        say_errors(loaded.problems)
        data_error(_("{file} is not valid; fix it first (see ikscli validate)").format(file=file))
    return loaded


def still_valid(raw: bytes, file: str, refusal: str) -> Any:  # -> Loaded
    """The result of a change read back; if invalid, its errors, `refusal`, exit 1."""
    from ..loader import parse

    loaded = parse(raw, file)
    if not loaded.ok or loaded.dataset is None:
        say_errors(loaded.problems)
        refuse(refusal)
    return loaded


def refuse(summary: str) -> NoReturn:
    say(summary)
    raise typer.Exit(EXIT_INVALID)


def write(path: Path, content: bytes) -> None:
    """The file's new bytes in place of the old, atomically (its mode kept)."""
    with replacing(path) as handle:
        handle.write(content)
