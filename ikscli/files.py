"""Writing files safely: the one writer for everything ikscli writes, and the lock that
keeps two edits of the same dataset from losing one of them.

What git does for its index, done for every file ikscli writes:

- `replacing(path)` gives a stream to a temporary file in the same folder; when it is
  closed without error, the file is flushed and fsynced, renamed over `path`, and the
  folder is fsynced: a crash or a `kill -9` at any moment leaves the old file or the
  new one, never a mix. On Linux the temporary file has no name until it is complete
  (O_TMPFILE), so a killed write leaves nothing behind; elsewhere a leftover
  `.NAME.ikscli-PID.tmp` of a process that is gone is removed by the next write.
- An existing file keeps its mode, owner and group. A file with other hard links, or
  one that belongs to another user (whose ownership a rename would take), is written
  in place instead, through a journal beside it that the next write completes if the
  writer was killed. A read-only file is never replaced.
- A device or a FIFO (`-o /dev/null`) is written to, never replaced. A symbolic link is
  followed only when the caller says so (the dataset file: the link stays, its target
  is written); outputs never write through one.
- `locked(path)` holds an exclusive lock from reading a dataset to replacing it
  (fcntl on POSIX, msvcrt on Windows); a second writer waits, at most LOCK_WAIT
  seconds (IKSCLI_LOCK_WAIT), then gives up with a message.

Every failure is a `WriteError` with one line for the person (the command layer exits 3).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ikscli.i18n import N_, _
from ikscli.text.numbers import decimal
from ikscli.text.untrusted import escaped

LOCK_WAIT = 30.0  # seconds a second writer waits for the first
JOURNAL = ".ikscli-journal"
_TEMPORARY = ".ikscli-"


class WriteError(Exception):
    """A file could not be written (the message is the one line the person sees)."""


class Locked(WriteError):
    """Another ikscli process is changing the file, and did not finish in time."""


class NotThere(WriteError):
    """A place ikscli does not write to at all (through a link): choose another (exit 2)."""


def shown(path: Path | str) -> str:
    """A path as a message shows it: any control character escaped (file names are
    untrusted too)."""
    return escaped(str(path))


def reason(exc: BaseException, reading: bool = False) -> str:
    """An OS error in words people read, in their language (never the OS's English):
    `reading` says a missing name is the file itself, not the folder to write in."""
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno == errno.ENOENT:
            return _("no such file") if reading else _("the folder does not exist")
        said = _OS_WORDS.get(exc.errno)
        if said is not None:
            return _(said)
        name = errno.errorcode.get(exc.errno, str(exc.errno))
        return _("the operating system refused ({name})").format(name=name)
    if isinstance(exc, OSError):
        return _("the operating system refused ({name})").format(name=exc.__class__.__name__)
    return str(exc) or exc.__class__.__name__


_OS_WORDS = {
    errno.ENOSPC: N_("no space left on the device"),
    errno.EBADF: N_("it is closed"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.EIO: N_("the disk could not be read or written (input/output error)"),
    errno.EMFILE: N_("too many open files"),
    errno.EBUSY: N_("it is in use"),
    errno.EFBIG: N_("the file is too large"),
    errno.EXDEV: N_("it is on another device"),
    errno.EEXIST: N_("it exists already"),
    errno.EINVAL: N_("the name or the operation is not valid here"),
}
if hasattr(errno, "EDQUOT"):
    _OS_WORDS[errno.EDQUOT] = N_("the disk quota is used up")


def _failed(path: Path | str, exc: BaseException) -> WriteError:
    return WriteError(
        _("cannot write {path}: {reason}").format(path=shown(path), reason=reason(exc))
    )


def is_special(path: Path) -> bool:
    """An existing file that is neither a regular file nor a folder (a device, a FIFO)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def target_of(path: Path, follow_links: bool) -> Path:
    """The file a write to `path` changes; a link is refused unless `follow_links`."""
    if os.path.islink(path):
        if not follow_links:
            raise NotThere(
                _("{path} is a symbolic link; ikscli does not write through links").format(
                    path=shown(path)
                )
            )
        return Path(os.path.realpath(path))
    return path


@contextlib.contextmanager
def replacing(
    path: Path, *, follow_links: bool = False, durable: bool = True
) -> Iterator[BinaryIO]:
    """A binary stream whose content becomes `path` once the block ends without error.

    `durable=False` skips the fsyncs, for what can be made again and checks itself (the
    cache's entries): still atomic, never a mix, only perhaps lost in a power cut.

    Raises WriteError (one line) when it cannot be written; the old file is then as it
    was, and no temporary file stays behind.
    """
    target = target_of(Path(path), follow_links)
    if is_special(target):  # a device or a pipe: written to, never replaced
        try:
            with open(target, "wb") as handle:
                yield handle
        except OSError as exc:
            raise _failed(path, exc) from None
        return
    if target.is_dir():
        raise WriteError(_("cannot write {path}: it is a folder").format(path=shown(path)))
    existing = _existing(target)
    if existing is not None and read_only(target, existing):
        raise WriteError(_("cannot write {path}: it is read-only").format(path=shown(path)))
    if existing is not None and _in_place(existing):
        with _journaled(target, path) as handle:
            yield handle
        return
    with _renamed(target, path, existing, durable) as handle:
        yield handle


def read_only(target: Path, info: os.stat_result | None = None) -> bool:
    """A file its owner made read-only (chmod a-w), or that we may not write: never
    replaced, not even by root, who could."""
    info = info or os.stat(target)
    return not (info.st_mode & stat.S_IWUSR) or not os.access(target, os.W_OK)


def write_bytes(
    path: Path, content: bytes, *, follow_links: bool = False, durable: bool = True
) -> None:
    """`content` as the whole of `path`, through `replacing`."""
    with replacing(path, follow_links=follow_links, durable=durable) as handle:
        handle.write(content)


def _existing(target: Path) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _failed(target, exc) from None


def _in_place(info: os.stat_result) -> bool:
    """Whether a rename would lose something the file has: its other hard links, or an
    owner other than us that we cannot give back (only root can)."""
    if info.st_nlink > 1:
        return True
    if hasattr(os, "geteuid"):
        me = os.geteuid()
        return me != 0 and info.st_uid != me
    return False


def _new_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _renamed(
    target: Path, shown_path: Path, existing: os.stat_result | None, durable: bool = True
) -> Iterator[BinaryIO]:
    folder = target.parent
    _remove_leftovers(target)
    handle, temporary = _temporary(folder, target.name, shown_path)
    try:
        with handle:
            yield handle
            handle.flush()
            fd = handle.fileno()
            if os.name != "nt":
                mode = stat.S_IMODE(existing.st_mode) if existing else _new_mode()
                os.fchmod(fd, mode)
                if existing is not None and hasattr(os, "fchown"):
                    with contextlib.suppress(OSError):  # the group, where we may set it
                        os.fchown(fd, existing.st_uid, existing.st_gid)
            if durable:
                os.fsync(fd)
            if temporary is None:  # O_TMPFILE: give it a name only now that it is whole
                temporary = _link_anonymous(fd, folder, target.name)
        os.replace(temporary, target)
        temporary = None
        if durable:
            _sync_folder(folder)
    except OSError as exc:
        raise _failed(shown_path, exc) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _temporary(folder: Path, name: str, shown_path: Path) -> tuple[BinaryIO, str | None]:
    """An open temporary file in `folder`: (handle, its name), the name None while it
    has none (O_TMPFILE)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and sys.platform.startswith("linux"):
        try:
            fd = os.open(folder, flag | os.O_WRONLY, 0o600)
            return os.fdopen(fd, "wb"), None
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise _failed(shown_path, exc) from None
    temporary = str(folder / f".{name}{_TEMPORARY}{os.getpid()}.tmp")
    try:
        fd = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600
        )
    except OSError as exc:
        raise _failed(shown_path, exc) from None
    return os.fdopen(fd, "wb"), temporary


def _link_anonymous(fd: int, folder: Path, name: str) -> str:
    temporary = f".{name}{_TEMPORARY}{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / temporary)
    directory = os.open(folder, os.O_RDONLY)
    try:  # linkat(AT_SYMLINK_FOLLOW): a name for the file that had none
        os.link(f"/proc/self/fd/{fd}", temporary, dst_dir_fd=directory, follow_symlinks=True)
    finally:
        os.close(directory)
    return str(folder / temporary)


def _remove_leftovers(target: Path) -> None:
    """Temporary files of `target` whose writer is gone (killed before its rename)."""
    prefix = f".{target.name}{_TEMPORARY}"
    try:
        with os.scandir(target.parent) as found:
            names = [e.name for e in found if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) : -len(".tmp")]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of ours from before: we are not writing it now
    if os.name == "nt":
        return True  # pragma: no cover - no cheap check: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """fsync the folder, so that the rename itself survives a crash (POSIX)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def journal_of(target: Path) -> Path:
    return target.parent / f".{target.name}{JOURNAL}"


@contextlib.contextmanager
def _journaled(target: Path, shown_path: Path) -> Iterator[BinaryIO]:
    """Write `target` in place (its inode, links and owner kept): the new content goes
    first, whole and fsynced, to a journal beside it; then over the file; then the
    journal goes. A writer killed half-way leaves the journal, which `recover` (the
    next locked write) completes."""
    journal = journal_of(target)
    complete = False
    try:
        with open(journal, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        complete = True
        _sync_folder(target.parent)
        _from_journal(journal, target)
    except OSError as exc:
        if not complete:  # the file itself is untouched: the journal is only in the way
            with contextlib.suppress(OSError):
                os.unlink(journal)
        raise _failed(shown_path, exc) from None
    except BaseException:
        if not complete:
            with contextlib.suppress(OSError):
                os.unlink(journal)
        raise


def _from_journal(journal: Path, target: Path) -> None:
    content = journal.read_bytes()
    with open(target, "r+b") as handle:
        handle.write(content)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
    os.unlink(journal)
    _sync_folder(target.parent)


def recover(target: Path) -> bool:
    """Complete an in-place write that was killed after its journal was whole (called
    under the lock, before reading). True if there was one."""
    journal = journal_of(target)
    if not journal.is_file():
        return False
    try:
        _from_journal(journal, target)
    except OSError as exc:
        raise _failed(target, exc) from None
    return True


# --- the lock ------------------------------------------------------------------------


def lock_wait() -> float:
    text = os.environ.get("IKSCLI_LOCK_WAIT", "").strip()
    try:
        return max(0.0, float(text)) if text else LOCK_WAIT
    except ValueError:
        return LOCK_WAIT


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the dataset file `path` exclusively (a link: its target) and yield the file
    that is written. Raises Locked after `wait` seconds (default IKSCLI_LOCK_WAIT)."""
    target = Path(os.path.realpath(path))
    wait = lock_wait() if wait is None else wait
    if os.name == "nt":  # pragma: no cover - Windows
        with _locked_windows(target, wait):
            recover(target)
            yield target
        return
    import fcntl

    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(target, os.O_RDONLY)
        except OSError as exc:
            raise WriteError(
                _("cannot open {path}: {reason}").format(path=shown(path), reason=reason(exc))
            ) from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise Locked(_busy(path, wait)) from None
                    time.sleep(0.02)
            # the file we locked must still be the one at `path`: a writer before us
            # may have replaced it while we waited
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(target))
            except OSError:
                same = False
            if same:
                recover(target)
                yield target
                return
        finally:
            os.close(fd)


def _busy(path: Path, wait: float) -> str:
    return _(
        "{path} is being changed by another ikscli command; waited {seconds} s. Try again "
        "when it has finished."
    ).format(path=shown(path), seconds=decimal(wait))


@contextlib.contextmanager
def _locked_windows(target: Path, wait: float) -> Iterator[None]:  # pragma: no cover
    import msvcrt

    lock = target.parent / f".{target.name}.lock"
    deadline = time.monotonic() + wait
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise Locked(_busy(target, wait)) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(lock)
