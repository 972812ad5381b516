"""What is wrong with a dataset file: findings at a path in the data, then problems at a
line and column of the file. Values, rendered once at the edge (render/problems.py).

Validation finds `Finding`s (it knows the data, not the file); the loader places each
at its line and column as a `Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ikscli.i18n import N_, _

Severity = Literal["error", "warning"]
# The severity as people read it (`file:line:col: feil: ...` in bokmål); the github and
# JSON formats of validate keep the codes.
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning")}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, at a line and column (both 1-based).

    In a table (`import`), `header` is the column's header as the sheet shows it, and
    the place reads as a spreadsheet names a cell: `samarbeid.xlsx: E18 (Medlemmer)`.
    Line 0 is no place: the problem is the whole file's (or a record's, named in it).
    """

    file: str
    line: int
    column: int
    severity: Severity
    message: str
    header: str | None = None

    @property
    def place(self) -> str:
        from ikscli.text.untrusted import escaped

        file = escaped(self.file)
        if self.header is not None:
            return f"{file}: {cell_name(self.line, self.column)} ({escaped(self.header)})"
        if self.line <= 0:
            return file
        return f"{file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.place}: {_(SEVERITY_WORDS[self.severity])}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }
        if self.header is not None:
            found["cell"] = cell_name(self.line, self.column)
            found["header"] = self.header
        return found


def cell_name(row: int, column: int) -> str:
    """A spreadsheet's name for a cell: column letters, then the row (E18)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters or 'A'}{row}"


class DataFileError(Exception):
    """A dataset file cannot be read at all (missing, a folder, no permission, too big)."""


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def sort_key(problem: Problem) -> tuple[int, int, int]:
    return (problem.line, problem.column, problem.severity != "error")


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at `path` (keys and indices into the data).

    `at_key` points at the key itself rather than its value (for unknown keys).
    """

    path: tuple[Any, ...]
    severity: Severity
    message: str
    at_key: bool = False


def error(path: tuple[Any, ...], message: str, at_key: bool = False) -> Finding:
    return Finding(path, "error", message, at_key)


def warning(path: tuple[Any, ...], message: str) -> Finding:
    return Finding(path, "warning", message)
