"""Where output goes, in what encoding, and what happens when it cannot be written.

- Files and pipes always get UTF-8, whatever the console's code page (a Windows
  redirect `> f.csv` would otherwise write cp1252, and fail on `→` or the BOM).
  Line endings are written as the renderer makes them: no CRLF doubling on Windows.
- A console keeps its own encoding and shows `?` for what it cannot display.
- `-o FILE` writes UTF-8 to a temporary file beside FILE and renames it into place
  only when everything was written: a failed run leaves no half-written file. A
  symbolic link keeps pointing at the new file; a device or a FIFO (`-o /dev/null`)
  is written to, never replaced.
- A reader that stops reading (`| head -1`) ends the run quietly with exit 0.
- Any other write failure (a full disk, a closed stdout, no permission) is one line
  on stderr and exit 3 (EXIT_OUTPUT), never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from ..i18n import _
from ..terminal import reader_gone

EXIT_OUTPUT = 3


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


@contextlib.contextmanager
def replaced(path: Path, keep_mode: bool = True) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `path` atomically when it closes (a
    workbook, an edited dataset file with its own line ends and BOM, or `opened`'s
    text). A symbolic link keeps pointing at the new file. With `keep_mode` an
    existing file keeps its permissions; else the file gets those a new one would."""
    shown, target = path, Path(os.path.realpath(path))
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise OutputError(
            _("cannot write {path}: {reason}").format(path=shown, reason=_reason(exc))
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        if os.name != "nt":
            os.chmod(temporary, _mode(target, keep_mode))
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise OutputError(
            _("cannot write {path}: {reason}").format(path=shown, reason=_reason(exc))
        ) from None
    except BaseException:
        _remove(temporary)
        raise


@contextlib.contextmanager
def opened(path: Path | None) -> Iterator[TextIO]:
    """A text stream for a command's output: `path` (atomically), or stdout.

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
    if _special(path):  # a device or a pipe (/dev/null, a FIFO): written to, never replaced
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                yield handle
        except OSError as exc:
            raise OutputError(
                _("cannot write {path}: {reason}").format(path=path, reason=_reason(exc))
            ) from None
        return
    with replaced(path, keep_mode=False) as binary:
        with io.TextIOWrapper(binary, encoding="utf-8", newline="") as handle:
            yield handle


def _mode(target: Path, keep: bool) -> int:
    """The permissions of the file that replaces `target`."""
    if keep:
        try:
            return stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _special(path: Path) -> bool:
    """An existing file that is not a regular one (a device, a FIFO)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return _("no space left on the device")
        if exc.errno == errno.EBADF:
            return _("it is closed")
        return exc.strerror or str(exc)
    return str(exc) or exc.__class__.__name__
