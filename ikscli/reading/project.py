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

A project names only files inside itself: an absolute path, or one that leaves the
project's folder (`../`, a link pointing out), is a configuration error. The search
upwards stops at a repository's root (a folder with `.git`), and, as git's
safe.directory does, it does not obey a configuration that belongs to another user
(or lies in a folder another user owns): a planted `ikscli.toml` in a shared parent
folder is passed by. IKSCLI_SAFE_DIRECTORIES (folders, separated by the system's path
separator, or `*`) names folders whose projects are trusted all the same.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikscli.i18n import _

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
        root = self.root.resolve()
        for pattern in self.patterns:
            self._inside(pattern, root)
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
            for match in matches:
                if match.exists() and not _within(match.resolve(), root):
                    raise self._outside(pattern)
            found += [m for m in matches if m not in found]
        return found

    def _inside(self, pattern: str, root: Path) -> None:
        """A pattern that stays inside the project's folder (else ProjectError)."""
        if Path(pattern).is_absolute() or Path(pattern).drive or pattern.startswith(("/", "\\")):
            raise self._outside(pattern)
        if not _within(Path(os.path.normpath(root / pattern)), root):
            raise self._outside(pattern)

    def _outside(self, pattern: str) -> ProjectError:
        from ikscli.text.untrusted import quoted

        return ProjectError(
            _(
                "{config}: data names {pattern}, which is not inside the project; a project "
                "names only files inside its folder"
            ).format(config=self.config, pattern=quoted(pattern))
        )


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def find(start: Path | None = None) -> Project | None:
    """The nearest project at or above `start` (the working directory), if any; the
    search stops at a repository's root and at a folder of another user's."""
    try:
        folder = (start or Path.cwd()).resolve()
    except OSError:  # the working directory was removed
        return None
    for candidate in (folder, *folder.parents):
        trusted = _trusted(candidate)
        for name in CONFIG_FILES:
            config = candidate / name
            if not trusted or not _trusted(config):
                continue
            project = _read(config, tool_table=name == "pyproject.toml")
            if project is not None:
                return project
        if not trusted or (candidate / ".git").exists():
            return None  # a repository's root, or another user's folder: no further
    return None


def _trusted(path: Path) -> bool:
    """A folder or file of the current user's (or one IKSCLI_SAFE_DIRECTORIES names)."""
    if not hasattr(os, "geteuid"):
        return True  # pragma: no cover - Windows: the folder's ACL decides
    try:
        owner = os.stat(path).st_uid
    except FileNotFoundError:
        return True  # nothing there to obey
    except OSError:
        return False
    if owner == os.geteuid():
        return True
    safe = os.environ.get("IKSCLI_SAFE_DIRECTORIES", "")
    if safe.strip() == "*":
        return True
    folder = path if path.is_dir() else path.parent
    return any(
        item and Path(item).resolve() in (folder, *folder.parents)
        for item in safe.split(os.pathsep)
    )


def _read(config: Path, tool_table: bool) -> Project | None:
    try:
        raw = config.read_bytes()
    except OSError:
        return None
    if tool_table and b"ikscli" not in raw:  # most pyproject.toml files: no parse
        return None
    document = _parse_toml(config, raw)
    if tool_table:
        tool = document.get("tool", {})
        if not isinstance(tool, dict):
            raise ProjectError(
                _("{config}: [tool] must be a table of tools' settings").format(config=config)
            )
        table: Any = tool.get("ikscli")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ProjectError(
                _("{config}: [tool.ikscli] must be a table, e.g. data = [...] under it").format(
                    config=config
                )
            )
    else:
        table = document
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
        parsed: dict[str, Any] = tomllib.loads(raw.decode("utf-8-sig"))
        return parsed
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
    return Choice((bundled_path(),), "bundled")


BUNDLED_NAME = "samarbeid_2019.yaml"


def bundled_path() -> Path:
    """The dataset that ships with ikscli: inside the wheel, or data/ in a checkout."""
    from ikscli.problems import DataFileError

    here = Path(__file__).resolve().parent.parent  # the package, above reading/
    for candidate in (here / "data" / BUNDLED_NAME, here.parent / "data" / BUNDLED_NAME):
        if candidate.is_file():
            return candidate
    raise DataFileError(
        _("the bundled dataset {name} is missing from this installation").format(name=BUNDLED_NAME)
    )
