"""A new dataset file (`snapshot -o`, `init -o`): where it may go, and how it is written.

Never a folder, a device or a link, never the file being read, never an existing file
unless asked (`--force`: the old one is then kept for `undo`)."""

from __future__ import annotations

import os
from pathlib import Path

from ikscli import files
from ikscli.edit import history
from ikscli.edit.errors import EditError
from ikscli.i18n import _
from ikscli.text.options import option


def check(output: Path, *, force: bool, source: Path | None = None) -> bool:
    """Refuse an `output` a new file may not go to (EditError); whether it exists."""
    shown = files.shown(output)
    if os.path.isdir(output):
        raise EditError(_("-o {path} is a folder; name the new dataset file").format(path=shown))
    if files.is_special(output):
        raise EditError(
            _("-o {path} is not a regular file; name the new dataset file").format(path=shown)
        )
    if os.path.islink(output):
        raise EditError(
            _("-o {path} is a symbolic link; name the new file itself").format(path=shown)
        )
    if source is not None and os.path.exists(output) and os.path.samefile(output, source):
        raise EditError(
            _("-o {path} is the dataset being read; ikscli never writes over it").format(path=shown)
        )
    exists = os.path.exists(output)
    if exists and not force:
        raise EditError(
            _(
                "{path} exists already; {force} replaces it (its version is kept for ikscli undo)"
            ).format(path=shown, force=option("force"))
        )
    return exists


def write(output: Path, content: bytes, *, replacing: bool, command: str, summary: str) -> bool:
    """Write the new file through the one writer; an existing one it replaces is kept for
    `undo` first, under the file's lock. Whether a version was kept (True when there was
    none to keep)."""
    if not replacing:
        output.parent.mkdir(parents=True, exist_ok=True)
        files.write_bytes(output, content)
        return True
    with files.locked(output) as target:
        kept = history.keep(target, target.read_bytes(), content, command, summary)
        files.write_bytes(target, content, follow_links=False)
    return kept
