"""What stops a change: wrong usage, problems in the data, or a layout we do not change."""

from __future__ import annotations

from typing import Any


class EditError(Exception):
    """A change that cannot be made as asked (wrong usage: exit 2)."""


class Unsupported(EditError):
    """A record written in a way the editor does not change by itself (exit 2); the
    file is left as it was."""


class Refused(Exception):
    """A change refused for problems with their places (invalid data: exit 1)."""

    def __init__(self, problems: list[Any], summary: str) -> None:
        super().__init__(summary)
        self.problems = problems
        self.summary = summary
