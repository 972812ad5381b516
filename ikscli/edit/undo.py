"""`ikscli undo`: bring back the version the last writing command replaced."""

from __future__ import annotations

from pathlib import Path

from ikscli import files
from ikscli.edit import history
from ikscli.edit.errors import EditError
from ikscli.i18n import _
from ikscli.text.options import option


class Refusal(EditError):
    """Undo cannot be done without losing something (exit 1)."""


def undo(path: Path) -> history.Version:
    """Restore the file's last kept version, byte for byte; the version restored.

    Refused when nothing is kept, or when the file changed since ikscli wrote it (by an
    editor, a colleague, another program): undo would lose that change.
    """
    shown = files.shown(path)
    with files.locked(path) as target:
        current = target.read_bytes()
        found = history.last(target)
        if found is None:
            raise Refusal(
                _(
                    "{file}: no change to undo (ikscli keeps the versions its own commands replace)"
                ).format(file=shown)
            )
        version, raw = found
        if history.digest(current) != version.after:
            raise Refusal(
                _(
                    "{file} was changed after ikscli's last change ({time}: {summary}), by an "
                    "editor or another program; undo would lose that change. See {undo_list}"
                ).format(
                    file=shown,
                    time=version.time,
                    summary=version.summary,
                    undo_list=option("undo_list"),
                )
            )
        files.write_bytes(target, raw, follow_links=True)
        history.drop_last(target)
        return version
