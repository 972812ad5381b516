"""The exit codes and the one line a command ends with when it cannot go on.

0 ok, 1 invalid data, 2 wrong usage, 3 output not written (see README, "Exit codes").
Every other module of the command layer ends a run through these three functions, so
the message is always one line on stderr, in the user's language, never a traceback.
"""

from __future__ import annotations

from typing import NoReturn

import typer

from ikscli.i18n import _
from ikscli.render.terminal import say

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3


def _end(message: str, code: int) -> NoReturn:
    say(_("Error: {message}").format(message=message))
    raise typer.Exit(code)


def usage_error(message: str) -> NoReturn:
    """A mistake in how the command was called: one line, exit 2."""
    _end(message, EXIT_USAGE)


def data_error(message: str) -> NoReturn:
    """The dataset is not valid: one line, exit 1."""
    _end(message, EXIT_INVALID)


def output_failed(message: str) -> NoReturn:
    """The output could not be written: one line, exit 3."""
    _end(message, EXIT_OUTPUT)
