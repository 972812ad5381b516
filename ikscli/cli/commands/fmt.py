"""`ikscli fmt`: write dataset files in their canonical form, comments kept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ikscli.cli.dataset import resolve_paths
from ikscli.cli.errors import EXIT_INVALID
from ikscli.cli.options import DataOption
from ikscli.i18n import _, ngettext
from ikscli.render.terminal import say


def fmt(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar=_("PATH"),
            help=_("Dataset files to format (default: the project's files, or --data)."),
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help=_("Change nothing; exit 1 and name the files fmt would change.")
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Write dataset files in the one layout they all share: keys in a fixed order,
    members and partners on one line in brackets ([Gausdal, Øyer]), quotes only where
    needed (and always where a value would change type), one blank line before each
    agreement. Comments are kept, and the data is the same before and after.

    Example: ikscli fmt --check
    """
    from ikscli import files
    from ikscli.cli.commands.edit import command_line
    from ikscli.cli.errors import output_failed, usage_error
    from ikscli.edit.errors import Refused
    from ikscli.edit.formatting import format_file, formatted
    from ikscli.edit.session import writable
    from ikscli.reading.loader import STDIN, DataFileError, display_name, read_bytes

    targets = list(paths) if paths else resolve_paths(data)
    changed, failed = [], False
    for path in targets:
        if str(path) == STDIN:
            usage_error(_("fmt needs files to write: --data - reads standard input"))
        file = display_name(path)
        shown = files.shown(file)
        try:
            if check:
                result = formatted(read_bytes(path), file)
            else:
                writable(path)
                result = format_file(path, file, command_line())
        except DataFileError as exc:
            usage_error(files.shown(str(exc)))
        except Refused as exc:
            for problem in exc.problems:
                say(str(problem))
            say(_("{file}: not formatted: it is not valid").format(file=shown))
            failed = True
            continue
        except files.WriteError as exc:
            output_failed(str(exc))
        except Exception as exc:
            from ikscli.edit.errors import EditError

            if isinstance(exc, EditError):
                usage_error(str(exc))
            raise
        if not result.same_meaning:
            say(_("{file}: not formatted: the result would mean something else").format(file=shown))
            failed = True
            continue
        if result.unchanged:
            continue
        changed.append(file)
        say((_("would reformat {file}") if check else _("reformatted {file}")).format(file=shown))
    summary = (
        ngettext(
            "{changed} of {total} file would be reformatted",
            "{changed} of {total} files would be reformatted",
            len(targets),
        )
        if check
        else ngettext(
            "{changed} of {total} file reformatted",
            "{changed} of {total} files reformatted",
            len(targets),
        )
    )
    say(summary.format(changed=len(changed), total=len(targets)))
    if failed or (check and changed):
        raise typer.Exit(EXIT_INVALID)
