"""What every command needs: load the dataset or exit cleanly, and write output."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NoReturn, Optional, TextIO

import typer

from ikscli.cli.options import Format
from ikscli.cli.output import EXIT_OUTPUT, OutputError, OutputRefused, opened, replaced, same_file
from ikscli.i18n import _, ngettext
from ikscli.render.terminal import say

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def usage_error(message: str) -> NoReturn:
    """A mistake in how the command was called: one line, exit 2."""
    say(_("Error: {message}").format(message=message))
    raise typer.Exit(EXIT_USAGE)


def data_error(message: str) -> NoReturn:
    say(_("Error: {message}").format(message=message))
    raise typer.Exit(EXIT_INVALID)


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


_said_project: list[Path] = []


def _say_project(config: Path) -> None:
    """A project found above the working folder is named, once: a command never reads a
    dataset you did not know it would."""
    import os

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


def load_loaded(data: Optional[Path], no_cache: bool = False):  # -> Loaded
    """Load a dataset file; a missing file or a directory is a usage error (exit 2)."""
    from ikscli.reading.loader import DataFileError, load

    path = resolve_path(data)
    _read.append(path)
    try:
        return load(path, use_cache=not no_cache)
    except DataFileError as exc:
        usage_error(str(exc))


def load_dataset(data: Optional[Path], no_cache: bool = False):  # -> NameIndex
    """The dataset as a NameIndex, or exit 1 listing every error (one per line)."""
    from ikscli.problems import errors
    from ikscli.query.nameindex import NameIndex

    loaded = load_loaded(data, no_cache)
    if not loaded.ok:
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
    index.source = _read[-1]  # type: ignore[attr-defined]  # the file it was read from
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


def select_or_exit(index, query) -> list:
    """The agreements a query selects; a query that cannot run is a usage error."""
    from ikscli.query.select import QueryError, select

    try:
        return select(index, query)
    except QueryError as exc:
        usage_error(str(exc))


_read: list[Path] = []  # the files this run reads: output must never replace them


@contextlib.contextmanager
def writing(path: Optional[Path]) -> Iterator[TextIO]:
    """The stream a command writes its result to: stdout, or FILE with -o.

    A write that fails is one line on stderr and exit 3; a closed pipe is exit 0.
    """
    if path is not None:
        never_the_data(path)
    try:
        with opened(path) as stream:
            yield stream
    except OutputRefused as exc:
        usage_error(str(exc))
    except OutputError as exc:
        output_failed(str(exc))


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` once complete (see output.replaced); a write
    that fails is one line on stderr and exit 3."""
    never_the_data(path)
    try:
        with replaced(path) as handle:
            yield handle
    except OutputRefused as exc:
        usage_error(str(exc))
    except OutputError as exc:
        output_failed(str(exc))


def output_failed(message: str) -> NoReturn:
    """The output could not be written: one line, exit 3."""
    say(_("Error: {message}").format(message=message))
    raise typer.Exit(EXIT_OUTPUT)


def never_the_data(path: Path) -> None:
    """No output goes over a dataset: the file this run reads, any file the project
    names as data, or the dataset that ships with ikscli (exit 2)."""
    from ikscli import files
    from ikscli.reading.loader import bundled_path
    from ikscli.reading.project import ProjectError, find

    try:
        project = find()
        named = project.files() if project is not None else []
    except ProjectError:
        project, named = None, []
    if project is not None and any(same_file(path, f) for f in named):
        usage_error(
            _(
                "{path} is a dataset file of the project ({config}); ikscli never writes over it"
            ).format(path=files.shown(path), config=files.shown(project.config.name))
        )
    if any(same_file(path, read) for read in _read):
        usage_error(
            _("-o {path} is the dataset being read; ikscli never writes over it").format(
                path=files.shown(path)
            )
        )
    try:
        if same_file(path, bundled_path()):
            usage_error(
                _("{path} is the dataset ikscli ships with; ikscli never writes over it").format(
                    path=files.shown(path)
                )
            )
    except Exception as exc:  # no bundled dataset in this installation
        if isinstance(exc, typer.Exit):
            raise


def format_name(fmt: Optional[Format], excel: bool) -> str:
    """The renderer for --format and --excel; --excel with another format is a usage error."""
    if excel:
        if fmt not in (None, Format["csv"]):
            usage_error(
                _(
                    "--excel writes CSV for Excel; it cannot be combined with --format {format}"
                ).format(format=fmt.value)
            )
        return "excel"
    return (fmt or Format["table"]).value


def emit(output, fmt: Optional[Format], excel: bool = False, path: Optional[Path] = None) -> None:
    """Render an Output in a format to stdout or to FILE."""
    from ikscli.render import FORMATS, get

    name = format_name(fmt, excel)
    render = get(name)
    if FORMATS[("output", name)].binary:
        _binary(output, render, name, path)
        return
    with writing(path) as stream:
        render(output, stream)


def _binary(output, render, name: str, path: Optional[Path]) -> None:
    """A format of bytes (a workbook), written to FILE whole (never to a terminal)."""
    import io

    if path is None or str(path) == "-":
        usage_error(
            _("--format {format} writes a workbook: give -o FILE.{format}").format(format=name)
        )
    never_the_data(path)
    built = io.BytesIO()  # whole before it is written: a failed write leaves no half zip
    render(output, built)
    with replacing(path) as handle:
        handle.write(built.getvalue())
