"""`ikscli init`: start a register for any municipality or county municipality."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ikscli.cli.options import AddToProjectOption, ForceOption, date_value
from ikscli.i18n import _
from ikscli.render.terminal import say


def init(
    kommune: Annotated[
        Optional[str],
        typer.Option(
            "--kommune",
            metavar=_("NAME"),
            help=_("The municipality whose register it is: Bergen, 4601, Guovdageaidnu."),
            show_default=False,
        ),
    ] = None,
    fylkeskommune: Annotated[
        Optional[str],
        typer.Option(
            "--fylkeskommune",
            metavar=_("NAME"),
            help=_("Or the county municipality: Vestland, Vestland fylkeskommune, 46."),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", metavar=_("FILE"), help=_("The new dataset file."), show_default=False
        ),
    ] = None,
    as_of: Annotated[
        Optional[str],
        typer.Option(
            "--as-of",
            metavar=_("DATE"),
            help=_("The register's date (today if left out): 2025-01-01 or 1. januar 2025."),
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        Optional[str],
        typer.Option(
            "--language",
            metavar="nb|nn",
            help=_("The written standard of its documents: nb (bokmål, the default) or nn."),
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    add_to_project: AddToProjectOption = False,
) -> None:
    """Start a register for any municipality or county municipality in Norway, named
    as people write it and found in the national catalogue: meta for the date, the
    municipality as the region, the bundled overview's categories, no agreements yet.
    It is valid at once; `add` fills it.

    Example: ikscli init --kommune Bergen -o data/samarbeid_2025.yaml
    """
    import datetime

    from ikscli import files
    from ikscli.cli.commands.edit import command_line
    from ikscli.cli.errors import output_failed, usage_error
    from ikscli.edit.errors import EditError
    from ikscli.edit.init import start
    from ikscli.reading.loader import STDIN

    if (kommune is None) == (fylkeskommune is None):
        usage_error(_("name the register's owner: --kommune NAME or --fylkeskommune NAME"))
    if output is None:
        usage_error(_("-o FILE: name the new dataset file, e.g. data/samarbeid_2025.yaml"))
    if str(output) == STDIN:
        usage_error(_("-o needs a file: the new dataset cannot go to standard output"))
    day = date_value(as_of, "--as-of") if as_of is not None else datetime.date.today()
    if language not in (None, "nb", "nn"):
        usage_error(
            _("--language {value}: write nb (bokmål) or nn (nynorsk)").format(
                value=files.shown(language or "")
            )
        )
    kind, name = ("kommune", kommune) if kommune is not None else ("fylkeskommune", fylkeskommune)
    assert name is not None
    try:
        started = start(
            name, kind, day, output, force=force, command=command_line(), language=language or "nb"
        )
    except EditError as exc:
        usage_error(str(exc))
    except files.WriteError as exc:
        output_failed(str(exc))
    entry = started.entry
    numbers = ", ".join(f"{year}: {n}" for year, n in entry.numbers().items())
    say(
        _("{file}: a register for {name} ({numbers}) as of {date}, valid").format(
            file=files.shown(output), name=files.shown(entry.name), numbers=numbers, date=day
        )
    )
    _project(output, add_to_project)


def _project(output: Path, add: bool) -> None:
    """Make the new file the one commands read: name it in the project's configuration
    (or write one, when there is none here), or say how."""
    from ikscli import files
    from ikscli.cli.commands.snapshot import _project as named_in_project
    from ikscli.cli.errors import usage_error
    from ikscli.reading.project import ProjectError, find

    try:
        project = find()
    except ProjectError as exc:
        usage_error(str(exc))
    if project is not None:
        named_in_project(output, add, command="init")
        return
    here = Path.cwd()
    try:
        relative = output.resolve().relative_to(here.resolve()).as_posix()
    except ValueError:
        say(_("commands read it with --data {file}").format(file=files.shown(output)))
        return
    config = here / "ikscli.toml"
    quoted = relative.replace("\\", "\\\\").replace('"', '\\"')
    content = (
        "# "
        + _("The project's dataset files, newest first: ikscli's commands read the first.")
        + f'\ndata = ["{quoted}"]\n'
    )
    try:
        files.write_bytes(config, content.encode("utf-8"))
    except files.WriteError as exc:
        say(str(exc))
        say(_('name it in ikscli.toml: data = ["{file}"]').format(file=files.shown(relative)))
        return
    say(
        _("{config}: written; queries, validate and the edits now read {file}").format(
            config=files.shown(config.name), file=files.shown(relative)
        )
    )
