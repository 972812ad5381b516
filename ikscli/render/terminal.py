"""The terminal: consoles that honour NO_COLOR, CI and pipes, and fit the width."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL")


def colour_allowed(stream: TextIO) -> bool:
    """Colour only for a real terminal, never with NO_COLOR set or under CI."""
    if os.environ.get("NO_COLOR"):
        return False
    if any(os.environ.get(name) for name in CI_VARIABLES):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console(stream: TextIO | None = None) -> Any:
    """A rich console on `stream` (stdout by default); 80 columns unless a terminal says more."""
    from rich.console import Console

    stream = stream if stream is not None else sys.stdout
    colour = colour_allowed(stream)
    con = Console(
        file=stream,
        no_color=not colour,
        color_system="auto" if colour else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    # rich would exit 1; a closed pipe is not an error
    con.on_broken_pipe = reader_gone  # type: ignore[method-assign]
    return con


def reader_gone() -> None:
    """The reader stopped reading (`| head`): leave quietly, successfully."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    raise SystemExit(0)


def say(message: str) -> None:
    """A message for the person at the terminal: on stderr, never mixed with output.

    Every message is one line: a control character, a line break or a bidi mark that a
    file name, a value or a library's error brought along is shown escaped, so no text
    can move the cursor, retitle the terminal or forge a line of its own. A closed or
    failing stderr loses the message rather than raising.
    """
    from ikscli.text.untrusted import escaped

    try:
        sys.stderr.write(escaped(message.rstrip("\n")) + "\n")
    except (OSError, ValueError, AttributeError):
        pass
