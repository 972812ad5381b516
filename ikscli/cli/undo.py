"""`ikscli undo`: the last change of a dataset file taken back, or the list of changes."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import _
from ..terminal import say
from .options import DataOption


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
    from .. import files
    from ..edit import history
    from ..edit.undo import Refusal, undo
    from ..untrusted import escaped
    from .common import EXIT_INVALID, output_failed, usage_error, writing
    from .edit import edit_target

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
        from ..edit.errors import EditError

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
