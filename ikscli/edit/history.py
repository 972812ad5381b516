"""Every version a writing command replaced, kept so that `ikscli undo` can bring it back.

Before a command writes a dataset file (set, add, end, remove, import, fmt,
rename-party, undo's own restore aside, and snapshot over an existing file), the
file's previous bytes are kept here, compressed, with when, which command and a
one-line summary. `undo` restores the last one byte for byte, and again the one
before; it refuses when the file was changed since by something else (an editor, a
colleague), which undo would otherwise lose.

- Private: beside the cache, in a folder of the user's own that no one else may
  write (the cache's rule); without one, ikscli still writes, and says that it
  cannot keep the version.
- Bounded: the last KEEP (50) versions per file; older ones are removed.
- The tables ikscli writes for editing are kept too (by their content), so that
  `import` can tell which cells a colleague changed since the export (`bases/`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from ikscli import files

KEEP = 50
KEEP_BASES = 20


def digest(raw: bytes) -> str:
    """The content's name: what a table's base and the history call it."""
    return hashlib.sha256(raw).hexdigest()[:32]


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ikscli-history"


def usable() -> bool:
    """The history folder exists (or is made) as the user's own, writable by no one else."""
    place = folder()
    try:
        place.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.stat(place)
    except OSError:
        return False
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            return False
        if info.st_mode & 0o022:
            return False
    return True


def _of(target: Path) -> Path:
    """The folder of one file's versions (named by the file's full path)."""
    name = hashlib.sha256(str(Path(os.path.realpath(target))).encode()).hexdigest()[:24]
    return folder() / name


@dataclass
class Version:
    number: int
    time: str  # ISO 8601, local time with its offset
    command: str
    summary: str
    before: str  # the digest of the bytes kept
    after: str  # the digest of the bytes written in their place
    path: str

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def versions(target: Path) -> list[Version]:
    """The file's kept versions, oldest first."""
    log = _of(target) / "log.json"
    try:
        entries = json.loads(log.read_text(encoding="utf-8"))
        return [Version(**e) for e in entries]
    except (OSError, ValueError, TypeError):
        return []


def keep(target: Path, before: bytes, after: bytes, command: str, summary: str) -> bool:
    """Keep `before` as the version `command` replaced with `after` (under the file's
    lock). False when there is no private place for it."""
    if not usable():
        return False
    place = _of(target)
    try:
        place.mkdir(exist_ok=True, mode=0o700)
        kept = versions(target)
        number = kept[-1].number + 1 if kept else 1
        files.write_bytes(place / f"{number:06d}.z", zlib.compress(before, 1))
        now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        kept.append(
            Version(number, now, command, summary, digest(before), digest(after), str(target))
        )
        for old in kept[:-KEEP]:
            _remove(place / f"{old.number:06d}.z")
        _write_log(place, kept[-KEEP:])
    except (OSError, files.WriteError):
        return False
    return True


def last(target: Path) -> tuple[Version, bytes] | None:
    """The last kept version and its bytes (checked against its digest)."""
    kept = versions(target)
    if not kept:
        return None
    version = kept[-1]
    try:
        raw = zlib.decompress((_of(target) / f"{version.number:06d}.z").read_bytes())
    except (OSError, zlib.error):
        return None
    if digest(raw) != version.before:
        return None
    return version, raw


def drop_last(target: Path) -> None:
    """Forget the last version (it was restored)."""
    place = _of(target)
    kept = versions(target)
    if kept:
        _remove(place / f"{kept[-1].number:06d}.z")
        _write_log(place, kept[:-1])


def _write_log(place: Path, kept: list[Version]) -> None:
    text = json.dumps([v.as_dict() for v in kept], ensure_ascii=False, indent=1)
    files.write_bytes(place / "log.json", text.encode("utf-8"))


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# --- the bases of tables written for editing -----------------------------------------


def keep_base(raw: bytes) -> str:
    """Keep a dataset's bytes as the base of a table made from it; its digest."""
    name = digest(raw)
    if not usable():
        return name
    place = folder() / "bases"
    try:
        place.mkdir(exist_ok=True, mode=0o700)
        path = place / f"{name}.z"
        if path.exists():
            os.utime(path)
        else:
            files.write_bytes(path, zlib.compress(raw, 1))
        stored = sorted(place.glob("*.z"), key=lambda p: p.stat().st_mtime)
        for old in stored[:-KEEP_BASES]:
            _remove(old)
    except (OSError, files.WriteError):
        pass
    return name


def find(name: str, target: Path | None = None) -> bytes | None:
    """The dataset bytes whose digest is `name`: a kept base, or a kept version of
    `target`."""
    candidates = [folder() / "bases" / f"{name}.z"]
    if target is not None:
        candidates += [
            _of(target) / f"{v.number:06d}.z"
            for v in reversed(versions(target))
            if v.before == name
        ]
    for path in candidates:
        try:
            raw = zlib.decompress(path.read_bytes())
        except (OSError, zlib.error):
            continue
        if digest(raw) == name:
            return raw
    return None
