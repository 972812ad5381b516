"""Which dataset a run means: the project's, found the way ruff and pytest find theirs.

Precedence, first that applies:

1. a file given on the command line (`--data FILE`, or `validate FILE...`);
2. the environment variable IKSCLI_DATA;
3. the project: the nearest folder, from the working directory up, holding an
   `ikscli.toml` with a top-level `data`, or a `pyproject.toml` with a
   `[tool.ikscli]` table (a pyproject.toml without one is passed by, as ruff
   does). `data` is a path or a list of paths and globs, relative to that
   folder. Queries read the first file it names; `validate` checks them all;
4. the dataset bundled with ikscli.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import _

ENV_VAR = "IKSCLI_DATA"
CONFIG_FILES = ("ikscli.toml", "pyproject.toml")


class ProjectError(Exception):
    """The project's configuration cannot be used (its message names the file)."""


@dataclass(frozen=True)
class Project:
    """A project that names its dataset files."""

    config: Path  # the ikscli.toml or pyproject.toml that declares it
    patterns: tuple[str, ...]

    @property
    def root(self) -> Path:
        return self.config.parent

    def files(self) -> list[Path]:
        """Every file the project names, in the order given (globs sorted)."""
        found: list[Path] = []
        for pattern in self.patterns:
            if any(c in pattern for c in "*?["):
                matches = sorted(p for p in self.root.glob(pattern) if p.is_file())
                if not matches:
                    raise ProjectError(
                        _("{config}: data pattern {pattern} matches no file").format(
                            config=self.config, pattern=repr(pattern)
                        )
                    )
            else:
                matches = [self.root / pattern]
            found += [m for m in matches if m not in found]
        return found


def find(start: Path | None = None) -> Project | None:
    """The nearest project at or above `start` (the working directory), if any."""
    try:
        folder = (start or Path.cwd()).resolve()
    except OSError:  # the working directory was removed
        return None
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            config = candidate / name
            project = _read(config, tool_table=name == "pyproject.toml")
            if project is not None:
                return project
    return None


def _read(config: Path, tool_table: bool) -> Project | None:
    try:
        raw = config.read_bytes()
    except OSError:
        return None
    if tool_table and b"tool.ikscli" not in raw:  # most pyproject.toml files: no parse
        return None
    document = _parse_toml(config, raw)
    table: Any = document.get("tool", {}).get("ikscli") if tool_table else document
    if not isinstance(table, dict):
        return None
    data = table.get("data")
    where = f"{config}: " + ("[tool.ikscli] data" if tool_table else "data")
    if data is None:
        raise ProjectError(
            _(
                '{where} is missing; name the dataset file, e.g. data = "data/samarbeid_2019.yaml"'
            ).format(where=where)
        )
    patterns = [data] if isinstance(data, str) else data
    if (
        not isinstance(patterns, list)
        or not patterns
        or not all(isinstance(p, str) and p.strip() for p in patterns)
    ):
        raise ProjectError(
            _("{where} must be a path or a list of paths and globs").format(where=where)
        )
    return Project(config, tuple(patterns))


def _parse_toml(config: Path, raw: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProjectError(
            _("{config}: not valid TOML: {reason}").format(config=config, reason=exc)
        ) from None


@dataclass(frozen=True)
class Choice:
    """The dataset file(s) a run reads, and why."""

    files: tuple[Path, ...]
    origin: str  # "argument", "environment", "project" or "bundled"
    project: Project | None = None


def choose(given: Path | None = None) -> Choice:
    """The dataset files for a run, by the precedence above. Raises ProjectError."""
    if given is not None:
        return Choice((given,), "argument")
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return Choice((Path(chosen),), "environment")
    project = find()
    if project is not None:
        return Choice(tuple(project.files()), "project", project)
    from .loader import bundled_path

    return Choice((bundled_path(),), "bundled")
