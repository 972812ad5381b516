"""Where a command's result goes: stdout or -o FILE, never over a dataset, in the format
asked for (through the one registry of `ikscli.render`).

A write that fails is one line on stderr and exit 3; a closed pipe is exit 0; a place
ikscli does not write to (a link, a dataset file) is exit 2 (see `ikscli.cli.output`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Optional, TextIO

from ikscli.cli.dataset import READ
from ikscli.cli.errors import output_failed, usage_error
from ikscli.cli.options import Format
from ikscli.cli.output import OutputError, OutputRefused, opened, replaced, same_file
from ikscli.i18n import _

if TYPE_CHECKING:
    from ikscli.render.output import Output


@contextlib.contextmanager
def writing(path: Optional[Path]) -> Iterator[TextIO]:
    """The stream a command writes its result to: stdout, or FILE with -o."""
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
    """A binary file that replaces `path` once complete (see output.replaced)."""
    never_the_data(path)
    try:
        with replaced(path) as handle:
            yield handle
    except OutputRefused as exc:
        usage_error(str(exc))
    except OutputError as exc:
        output_failed(str(exc))


def never_the_data(path: Path) -> None:
    """No output goes over a dataset: the file this run reads, any file the project
    names as data, or the dataset that ships with ikscli (exit 2)."""
    from ikscli import files
    from ikscli.reading.project import ProjectError, bundled_path, find

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
    if any(same_file(path, read) for read in READ):
        usage_error(
            _("-o {path} is the dataset being read; ikscli never writes over it").format(
                path=files.shown(path)
            )
        )
    try:
        bundled = bundled_path()
    except Exception:  # no bundled dataset in this installation
        return
    if same_file(path, bundled):
        usage_error(
            _("{path} is the dataset ikscli ships with; ikscli never writes over it").format(
                path=files.shown(path)
            )
        )


def format_name(fmt: Optional[Format], excel: bool) -> str:
    """The renderer for --format and --excel; --excel with another format is a usage error."""
    if excel:
        if fmt is not None and fmt != Format["csv"]:
            usage_error(
                _(
                    "--excel writes CSV for Excel; it cannot be combined with --format {format}"
                ).format(format=fmt.value)
            )
        return "excel"
    return str((fmt or Format["table"]).value)


def emit(
    output: Output, fmt: Optional[Format], excel: bool = False, path: Optional[Path] = None
) -> None:
    """Render an Output in a format to stdout or to FILE."""
    from ikscli.render import FORMATS, get

    name = format_name(fmt, excel)
    render = get(name)
    if FORMATS[("output", name)].binary:
        from ikscli.cli.dataset import LOADED

        if output.dataset is None and LOADED:  # a workbook says what it was made from
            output.dataset = LOADED[-1].dataset
        write_binary(lambda out: render(output, out), name, path)
        return
    with writing(path) as stream:
        render(output, stream)


def write_binary(render: Callable[[BinaryIO], Any], name: str, path: Optional[Path]) -> None:
    """A format of bytes (a workbook, a Word document), written to FILE whole (never to
    a terminal): built first, so that a failed write leaves no half a zip."""
    import io

    if path is None or str(path) == "-":
        usage_error(_("--format {format} writes a file: give -o FILE.{format}").format(format=name))
    never_the_data(path)
    built = io.BytesIO()
    render(built)
    with replacing(path) as handle:
        handle.write(built.getvalue())


def output_folder(folder: Path) -> None:
    """A folder the command writes files in (a page, a data package): made if missing,
    never a link (exit 2), or exit 3 when it cannot be made."""
    import os

    from ikscli import files

    if os.path.islink(folder):
        usage_error(
            _("{path} is a symbolic link; ikscli does not write through links").format(
                path=files.shown(folder)
            )
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        output_failed(
            _("cannot write {path}: {reason}").format(
                path=files.shown(folder), reason=files.reason(exc)
            )
        )
