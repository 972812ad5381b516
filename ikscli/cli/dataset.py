"""Which dataset a command reads, and reading it or ending the run in one line.

Without --data: $IKSCLI_DATA, else the project's first file (found upwards from the
working folder, and named on stderr when it is not the working folder's own), else
the dataset that ships with ikscli (see `ikscli.reading.project.choose`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ikscli.cli.errors import data_error, usage_error
from ikscli.i18n import _, ngettext
from ikscli.render.terminal import say

if TYPE_CHECKING:
    from ikscli.model import Agreement
    from ikscli.query.nameindex import NameIndex
    from ikscli.query.select import Query
    from ikscli.reading.loader import Loaded

READ: list[Path] = []  # the files this run reads: output must never replace them
LOADED: list[NameIndex] = []  # the datasets this run loaded (a workbook names its own)
_said_project: list[Path] = []


def resolve_paths(data: Optional[Path]) -> list[Path]:
    """The dataset files a run reads: --data, $IKSCLI_DATA, the project's, or the bundled."""
    from ikscli.reading.loader import DataFileError
    from ikscli.reading.project import ProjectError, choose

    try:
        chosen = choose(data)
    except ProjectError as exc:
        usage_error(str(exc))
    except DataFileError as exc:
        data_error(str(exc))
    if chosen.project is not None:
        _say_project(chosen.project.config)
    return list(chosen.files)


def _say_project(config: Path) -> None:
    """A project found above the working folder is named, once: a command never reads a
    dataset you did not know it would."""
    from ikscli import files

    try:
        if config.parent.resolve() == Path.cwd().resolve() or config in _said_project:
            return
    except OSError:
        pass
    shown = os.path.abspath(config)
    _said_project.append(config)
    say(_("ikscli: using the project of {config}").format(config=files.shown(shown)))


def resolve_path(data: Optional[Path]) -> Path:
    """The one dataset file a query reads (a project's first)."""
    return resolve_paths(data)[0]


def load_loaded(data: Optional[Path], no_cache: bool = False) -> Loaded:
    """Load a dataset file; a missing file or a directory is a usage error (exit 2)."""
    from ikscli.reading.loader import DataFileError, load

    path = resolve_path(data)
    READ.append(path)
    try:
        return load(path, use_cache=not no_cache)
    except DataFileError as exc:
        usage_error(str(exc))


def load_dataset(data: Optional[Path], no_cache: bool = False) -> NameIndex:
    """The dataset as a NameIndex, or exit 1 listing every error (one per line)."""
    from ikscli.problems import errors
    from ikscli.query.nameindex import NameIndex

    loaded = load_loaded(data, no_cache)
    if not loaded.ok or loaded.dataset is None:
        problems = errors(loaded.problems)
        for problem in problems:
            say(str(problem))
        data_error(
            ngettext(
                "{file} is not a valid dataset ({n} error); see `ikscli validate`",
                "{file} is not a valid dataset ({n} errors); see `ikscli validate`",
                len(problems),
            ).format(file=loaded.file, n=len(problems))
        )
    index = NameIndex(loaded.dataset, loaded.digest)
    index.source = READ[-1]  # the file it was read from
    LOADED.append(index)
    return index


def chosen_columns(text: Optional[str]) -> Optional[list[str]]:
    """--columns as fields (None without it); one that is no field is a usage error."""
    if text is None:
        return None
    from ikscli.query.select import QueryError
    from ikscli.render.views import parse_columns

    try:
        return parse_columns(text)
    except QueryError as exc:
        usage_error(str(exc))


def select_or_exit(index: NameIndex, query: Query) -> list[Agreement]:
    """The agreements a query selects; a query that cannot run is a usage error."""
    from ikscli.query.select import QueryError, select

    try:
        return select(index, query)
    except QueryError as exc:
        usage_error(str(exc))


def load_valid(paths: list[Path], no_cache: bool = False) -> list[Loaded]:
    """Load files that must all be valid to be compared (diff, crosscheck): each error
    said as validate says it, and exit 2 when any file is invalid."""
    import typer

    from ikscli import files
    from ikscli.cli.errors import EXIT_USAGE

    loaded = [load_loaded(path, no_cache) for path in paths]
    broken = False
    for one in loaded:
        for problem in one.problems:
            if problem.severity == "error":
                say(str(problem))
        if not one.ok:
            broken = True
            say(_("{file}: invalid; nothing compared").format(file=files.shown(one.file)))
    if broken:
        raise typer.Exit(EXIT_USAGE)
    return loaded
