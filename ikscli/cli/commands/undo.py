"""`ikscli undo`: the last change of a dataset file taken back, or the list of changes."""

from __future__ import annotations

from typing import Annotated

import typer

from ikscli.cli.options import DataOption
from ikscli.i18n import _
from ikscli.render.terminal import say


def undo(
    show: Annotated[
        bool, typer.Option("--list", "-l", help=_("List the kept versions; restore nothing."))
    ] = False,
    data: DataOption = None,
) -> None:
    """Restore the dataset file as it was before the last command that changed it (set,
    add, end, remove, import, fmt, rename-party, snapshot). Again: the one before.
    Refused when the file was changed since by something else.

    Example: ikscli undo --list
    """
    from ikscli import files
    from ikscli.cli.commands.edit import edit_target
    from ikscli.cli.errors import EXIT_INVALID, output_failed, usage_error
    from ikscli.cli.writing import writing
    from ikscli.edit import history
    from ikscli.edit.undo import Refusal, undo
    from ikscli.text.untrusted import escaped

    path = edit_target(data)
    if show:
        kept = history.versions(path)
        with writing(None) as stream:
            for version in reversed(kept):
                stream.write(
                    f"{version.number:>4}  {version.time}  {escaped(version.command)}\n"
                    f"      {escaped(version.summary)}\n"
                )
        say(
            _("{file}: {n} kept versions (the last {keep})").format(
                file=files.shown(path), n=len(kept), keep=history.KEEP
            )
        )
        return
    try:
        version = undo(path)
    except Refusal as exc:
        say(_("Error: {message}").format(message=str(exc)))
        raise typer.Exit(EXIT_INVALID) from None
    except files.WriteError as exc:
        output_failed(str(exc))
    except Exception as exc:  # EditError: no such file
        from ikscli.edit.errors import EditError

        if isinstance(exc, EditError):
            usage_error(str(exc))
        raise
    say(
        _("{file}: undid {summary} ({time}, {command})").format(
            file=files.shown(path),
            summary=escaped(version.summary),
            time=version.time,
            command=escaped(version.command),
        )
    )
