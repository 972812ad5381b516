"""`ikscli snapshot`: start next year's file from this one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ikscli.cli.options import AddToProjectOption, DataOption, ForceOption, date_value
from ikscli.i18n import _, ngettext
from ikscli.render.terminal import say


def snapshot(
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            metavar=_("DATE"),
            help=_("The new file's date: 2020-01-01, 01.01.2020 or 1. januar 2020."),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar=_("FILE"), help=_("The new dataset file."), show_default=False
        ),
    ],
    force: ForceOption = False,
    add_to_project: AddToProjectOption = False,
    data: DataOption = None,
) -> None:
    """Start next year's file from this one: the new date in meta, in the title and in
    the header comment; terminated agreements left out, planned ones kept, comments
    kept. `diff` of the two files then reads as the year's change list.

    Example: ikscli snapshot --as-of 2020-01-01 -o data/samarbeid_2020.yaml
    """
    from ikscli import files
    from ikscli.cli.commands.edit import command_line, refused
    from ikscli.cli.dataset import resolve_path
    from ikscli.cli.errors import output_failed, usage_error
    from ikscli.edit.errors import EditError, Refused
    from ikscli.edit.snapshot import make
    from ikscli.reading.loader import STDIN, DataFileError, display_name, read_bytes

    day = date_value(as_of, "--as-of")
    if str(output) == STDIN:
        usage_error(_("-o needs a file: the new dataset cannot go to standard output"))
    path = resolve_path(data)
    try:
        raw = read_bytes(path)
    except DataFileError as exc:
        usage_error(files.shown(str(exc)))
    try:
        made = make(path, raw, display_name(path), day, output, force=force, command=command_line())
    except EditError as exc:
        usage_error(str(exc))
    except Refused as exc:
        refused(exc)
    except files.WriteError as exc:
        output_failed(str(exc))
    shown = files.shown(display_name(output))
    ended = len(made.left_out)
    say(
        ngettext(
            "{file}: as of {date}, {n} agreement",
            "{file}: as of {date}, {n} agreements",
            made.kept,
        ).format(file=shown, date=day.isoformat(), n=made.kept)
        + "; "
        + ngettext("{ended} terminated left out", "{ended} terminated left out", ended).format(
            ended=ended
        )
    )
    for ident in made.still_parents:
        say(
            _("{id} is kept though terminated: agreements still name it as parent").format(id=ident)
        )
    _project(output, add_to_project)


def _project(output: Path, add: bool, command: str = "snapshot") -> None:
    """Say how the new file becomes the one commands read, or make it so."""
    from ikscli import files
    from ikscli.cli.errors import usage_error
    from ikscli.edit.errors import EditError
    from ikscli.reading.project import ProjectError, find

    try:
        project = find()
    except ProjectError as exc:
        usage_error(str(exc))
    if project is None:
        if add:
            usage_error(
                _("--add-to-project: there is no project here (no ikscli.toml or [tool.ikscli])")
            )
        return
    if add:
        from ikscli.edit.project_config import add_first

        try:
            entry = add_first(project, output)
        except (EditError, files.WriteError) as exc:
            usage_error(str(exc))
        say(
            _("{config}: {entry} is now the first data file: queries and edits read it").format(
                config=files.shown(project.config.name), entry=files.shown(entry)
            )
        )
        return
    say(
        _(
            "queries, validate and the edits still read {first}: name the new file first in "
            "{config} (data = [...]), or run {command} with --add-to-project"
        ).format(
            command=command,
            first=files.shown(project.files()[0].relative_to(project.root).as_posix())
            if project.files()
            else "-",
            config=files.shown(project.config.name),
        )
    )
