"""A finding: something wrong at a path in the data, before it has a line and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .problems import Severity


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
