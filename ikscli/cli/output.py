"""Where output goes, in what encoding, and what happens when it cannot be written.

- Files and pipes always get UTF-8, whatever the console's code page (a Windows
  redirect `> f.csv` would otherwise write cp1252, and fail on `→` or the BOM).
  Line endings are written as the renderer makes them: no CRLF doubling on Windows.
- A console keeps its own encoding and shows `?` for what it cannot display.
- `-o FILE` goes through the one writer (`ikscli.files`): a temporary file beside
  FILE, fsynced and renamed into place only when everything was written, the old
  file's mode and owner kept; a failed run leaves no half-written file. A device or a
  FIFO (`-o /dev/null`) is written to, never replaced; a symbolic link is refused, as
  is any file the project names as data (exit 2).
- A reader that stops reading (`| head -1`) ends the run quietly with exit 0.
- Any other write failure (a full disk, a closed stdout, no permission) is one line
  on stderr and exit 3 (`ikscli.cli.errors`), never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from ikscli.i18n import _
from ikscli.render.terminal import reader_gone


class OutputError(Exception):
    """The output could not be written (its message is the one line the user sees)."""


def configure_streams() -> None:
    """UTF-8 for files and pipes; the console's encoding, with replacements, for a console."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        try:
            if _is_console(stream):
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(
                    encoding="utf-8",
                    newline="",
                    errors="strict" if name == "stdout" else "backslashreplace",
                )
        except (OSError, ValueError):  # pragma: no cover - a stream that cannot change
            pass


def _is_console(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class OutputRefused(OutputError):
    """A place ikscli does not write to (through a link, over a dataset file): exit 2."""


@contextlib.contextmanager
def replaced(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `path` when it closes: the one writer of
    ikscli.files (atomic and durable, the old file's mode and owner kept, a device or
    a FIFO written to, a link refused)."""
    from ikscli import files

    try:
        with files.replacing(path, follow_links=False) as handle:
            yield handle
    except files.NotThere as exc:
        raise OutputRefused(str(exc)) from None
    except files.WriteError as exc:
        raise OutputError(str(exc)) from None


@contextlib.contextmanager
def opened(path: Path | None) -> Iterator[TextIO]:
    """A text stream for a command's output: `path` (through `replaced`), or stdout.

    Raises OutputError with one line for the user when the output cannot be written.
    """
    if path is None or str(path) == "-":
        stream = sys.stdout
        if stream is None:
            raise OutputError(_("standard output is closed; give -o FILE to write to a file"))
        try:
            yield stream
            stream.flush()
        except BrokenPipeError:
            reader_gone()
        except (OSError, ValueError) as exc:
            raise OutputError(
                _("cannot write to standard output: {reason}").format(reason=_reason(exc))
            ) from None
        return
    with replaced(path) as binary:
        wrapper = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()  # the writer closes the file itself, once it is whole


def _reason(exc: BaseException) -> str:
    from ikscli.files import reason

    return reason(exc)
