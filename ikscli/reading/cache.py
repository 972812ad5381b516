"""A cache of validated datasets, keyed on the file's exact content.

Validation belongs at the boundary: once a file's bytes have been read and
validated, later runs load the result from here and need neither YAML nor
pydantic.

- Correct: the key is a hash of the content, of every module of this package (size
  and modification time), of the model's fields and of the Python version, so an
  entry can never be served to other code. Records are frozen in the model's own
  field order. Entries are written atomically and carry a checksum of their body;
  an unreadable, damaged or foreign entry is ignored (the file is validated again).
- Bounded: past IKSCLI_CACHE_MAX_MB (64 by default; 0 turns the cache off) the
  least recently used entries are removed, always keeping those of the file in use
  (raise the limit to keep several national-size files: one of 200,000 agreements
  takes about 30 MiB, and 80 MiB more once JSON was asked for). Temporary
  files left behind by a killed writer are removed after ten minutes.
- Only ours: marshal is not safe against crafted input, so the folder is used only
  when it belongs to the current user and no one else may write to it (as pip
  does); otherwise ikscli runs without a cache and says so once.

Lives in $XDG_CACHE_HOME/ikscli (~/.cache/ikscli by default). `ikscli cache info`
and `ikscli cache clear` show and empty it.
"""

from __future__ import annotations

import datetime
import hashlib
import marshal
import os
import stat
import sys
import time
from dataclasses import astuple
from itertools import starmap
from operator import attrgetter
from pathlib import Path
from typing import Any

from ikscli import files
from ikscli._version import __version__
from ikscli.i18n import LANGUAGE, _
from ikscli.model import (
    AGREEMENT_FIELDS,
    META_FIELDS,
    PARTY_FIELDS,
    Agreement,
    Dataset,
    Meta,
    Party,
)
from ikscli.notices import notice
from ikscli.problems import Problem
from ikscli.reading.gcpause import gc_paused

FORMAT = 4
DEFAULT_MAX_MB = 64
STALE_TEMPORARY_SECONDS = 600
SUFFIXES = (".bin", ".json.bin", ".canonical.bin")
CANONICAL = "records"  # the entry of records known canonical (fmt), for any content
MAX_CANONICAL = 500_000

# Fields whose values repeat from record to record (a few forms, hosts, statuses):
# stored as one shared string object, which marshal writes and loads once.
_SHARED = frozenset({"category", "form", "members_basis", "host", "others", "status"})
_SHARED_LISTS = frozenset({"members", "partners"})
_AGREEMENT = attrgetter(*AGREEMENT_FIELDS)
_DATES = [AGREEMENT_FIELDS.index(f) for f in ("started", "ended")]
_PARTY = attrgetter(*PARTY_FIELDS)
_META = attrgetter(*META_FIELDS)


def _code_fingerprint() -> list[tuple[str, int, int]]:
    """Every module and catalog of the package: after any change, old entries are unread."""
    here = Path(__file__).resolve().parent.parent  # the package, above reading/
    found = []
    for folder, _folders, names in os.walk(here):
        for name in names:
            if name.endswith((".py", ".mo")):
                info = os.stat(os.path.join(folder, name))
                found.append(
                    (
                        os.path.relpath(os.path.join(folder, name), here),
                        info.st_size,
                        info.st_mtime_ns,
                    )
                )
    return sorted(found)


_SALT = repr(
    (
        FORMAT,
        __version__,
        sys.version,
        sys.implementation.cache_tag,
        marshal.version,
        AGREEMENT_FIELDS,
        PARTY_FIELDS,
        META_FIELDS,
        _code_fingerprint(),
        LANGUAGE,  # messages are cached in the reader's language
    )
).encode()


def directory() -> Path:
    """The platform's cache folder for ikscli, as platformdirs names it
    (`user_cache_dir("ikscli", appauthor=False)`): %LOCALAPPDATA%\\ikscli\\Cache on
    Windows, ~/Library/Caches/ikscli on macOS, $XDG_CACHE_HOME/ikscli (or
    ~/.cache/ikscli) elsewhere and wherever XDG_CACHE_HOME is set.
    tests/test_cache.py holds it equal to platformdirs; importing platformdirs itself
    would add about 10 ms to every start."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA", "").strip()
        if not base:
            base = os.path.join(os.path.expanduser("~"), "AppData", "Local")
        return Path(os.path.normpath(base)) / "ikscli" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()  # honoured on macOS too
    if sys.platform == "darwin":
        return Path(xdg or os.path.expanduser("~/Library/Caches")) / "ikscli"
    return Path(xdg or os.path.expanduser("~/.cache")) / "ikscli"


def max_bytes() -> int:
    """The size the cache is kept under (IKSCLI_CACHE_MAX_MB, in MiB; 0: no cache)."""
    text = os.environ.get("IKSCLI_CACHE_MAX_MB", "").strip()
    try:
        megabytes = float(text) if text else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return max(0, int(megabytes * 1024 * 1024))


_verdicts: dict[Path, tuple[bool, str]] = {}


def usable(create: bool = False) -> tuple[bool, str]:
    """(True, "") when the cache folder may be used; else (False, why).

    The folder must belong to the current user and be writable by no one else;
    with `create`, a missing folder is made (private to the user).
    """
    folder = directory()
    known = _verdicts.get(folder)
    if known is not None:
        return known
    if max_bytes() == 0:
        return False, _("turned off (IKSCLI_CACHE_MAX_MB=0)")
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        if not create:
            return False, _("not created yet")
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            info = os.stat(folder)
        except OSError as exc:
            why = _("cannot be created ({reason})").format(reason=files.reason(exc))
            return _judged(folder, False, why, warn=False)
    except OSError as exc:
        return _judged(
            folder, False, _("cannot be read ({reason})").format(reason=files.reason(exc))
        )
    if not stat.S_ISDIR(info.st_mode):
        return _judged(folder, False, _("is not a folder"))
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return _judged(folder, False, _("belongs to another user"))
    if hasattr(os, "getuid") and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return _judged(folder, False, _("can be written by other users"))
    return _judged(folder, True, "")


def _judged(folder: Path, ok: bool, why: str, warn: bool = True) -> tuple[bool, str]:
    _verdicts[folder] = (ok, why)
    if not ok and warn:
        notice(
            _(
                "ikscli: not using the cache folder {folder}: it {why}; running without a cache"
            ).format(folder=folder, why=why)
        )
    return ok, why


def key(raw: bytes) -> str:
    # sha256 is hardware-accelerated on most machines: ~1 ms a MiB.
    digest = hashlib.sha256(_SALT)
    digest.update(raw)
    return digest.hexdigest()


def get(digest: str) -> tuple[Dataset | None, list[Problem], bytes | None, str | None] | None:
    """The cached result for this content (the dataset, its problems, and, for an edit,
    where its records stand, still packed, and its names as a change looks them up),
    or None when absent or unusable."""
    body = _read(digest, ".bin")
    if body is None:
        return None
    try:
        with gc_paused():
            frozen, problems, layout, names = marshal.loads(body)
            return _thaw(frozen), [Problem(*p) for p in problems], layout, names
    except Exception:  # not ours after all: just validate again
        return None


def put(
    digest: str,
    dataset: Dataset | None,
    problems: list[Problem],
    layout: Any = None,
    names: str | None = None,
) -> None:
    """Store a result; silently does nothing when the cache cannot be written. `layout`
    (plain numbers: where each record stands) is kept packed, so that a query pays
    nothing for it; `names` (see ikscli.edit.values) is one string."""
    with gc_paused():
        packed = marshal.dumps(layout) if layout is not None else None
        body = marshal.dumps((_freeze(dataset), [astuple(p) for p in problems], packed, names))
    _write(digest, ".bin", body)


def unpack_layout(packed: bytes | None) -> Any:
    """The layout `get` gave, unpacked (None if there is none, or it is damaged)."""
    if packed is None:
        return None
    try:
        return marshal.loads(packed)
    except Exception:
        return None


def get_json_lines(digest: str) -> list[str] | None:
    """Every agreement of this content as its line of JSON, if stored before."""
    body = _read(digest, ".json.bin")
    try:
        lines = marshal.loads(body) if body is not None else None
    except Exception:
        return None
    return lines if isinstance(lines, list) else None


def put_json_lines(digest: str, lines: list[str]) -> None:
    """Store the JSON lines of this content: `list --format json` then only joins them."""
    _write(digest, ".json.bin", marshal.dumps(lines))


def get_canonical() -> set[bytes]:
    """Short hashes of records `fmt` found (or wrote) canonical."""
    body = _read(CANONICAL, ".canonical.bin")
    if body is None or len(body) % 8:
        return set()
    return {body[i : i + 8] for i in range(0, len(body), 8)}


def put_canonical(known: set[bytes]) -> None:
    if len(known) > MAX_CANONICAL:  # bounded: keep an arbitrary part of them
        known = set(list(known)[:MAX_CANONICAL])
    _write(CANONICAL, ".canonical.bin", b"".join(sorted(known)))


def _read(digest: str, suffix: str) -> bytes | None:
    """An entry's body, or None when absent, unreadable, another file's, or damaged."""
    if not usable()[0]:
        return None
    path = directory() / f"{digest}{suffix}"
    try:
        with open(path, "rb") as handle:
            payload = handle.read()
    except OSError:
        return None
    head = digest.encode() + b"\n"
    checksum, body = payload[len(head) : len(head) + 32], payload[len(head) + 32 :]
    if not payload.startswith(head) or hashlib.sha256(body).digest() != checksum:
        return None  # never trust it
    _in_use.add(digest)
    try:
        os.utime(path)  # recently used: the last to be evicted
    except OSError:
        pass
    return body


def _write(digest: str, suffix: str, body: bytes) -> None:
    """Write an entry atomically (the key, a checksum of the body, the body), then trim."""
    if not usable(create=True)[0]:
        return
    folder = directory()
    target = folder / f"{digest}{suffix}"
    payload = digest.encode() + b"\n" + hashlib.sha256(body).digest() + body
    try:  # the one writer; no fsync: an entry checks itself and can be made again
        files.write_bytes(target, payload, durable=False)
    except files.WriteError:  # read-only or full disk: the tool still works, only slower
        return
    _in_use.add(digest)
    trim(keep=_in_use)


def _temporary(name: str) -> bool:
    """A temporary file: an older ikscli's `.tmp-…`, or the writer's `.NAME….tmp`."""
    return name.startswith(".tmp-") or (name.startswith(".") and name.endswith(".tmp"))


def entries() -> list[os.DirEntry[str]]:
    """The cache's entries and temporary files (nothing else in the folder)."""
    try:
        with os.scandir(directory()) as found:
            return [
                e
                for e in found
                if e.is_file(follow_symlinks=False)
                and (_temporary(e.name) or e.name.endswith(SUFFIXES))
            ]
    except OSError:
        return []


_in_use: set[str] = set()  # the contents this run has read or written


def trim(keep: set[str] | frozenset[str] = frozenset(), limit: int | None = None) -> int:
    """Remove stale temporary files, then the least recently used entries until the
    cache is within `limit` bytes. Every entry of the contents in `keep` (those this
    run uses: a dataset and its JSON lines, both files of a diff) stays, even when they
    alone are bigger than the limit: a national file must not evict itself.
    Returns the bytes freed."""
    limit = max_bytes() if limit is None else limit
    now = time.time()
    freed = 0
    kept: list[tuple[float, int, str]] = []
    for entry in entries():
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if _temporary(entry.name):
            if now - info.st_mtime > STALE_TEMPORARY_SECONDS and _remove(entry.path):
                freed += info.st_size
            continue
        kept.append((info.st_mtime, info.st_size, entry.path))
    total = sum(size for _used, size, _path in kept)
    for _used, size, path in sorted(kept):  # oldest use first
        if total <= limit:
            break
        name = os.path.basename(path).split(".", 1)[0]
        if name in keep or name == CANONICAL:  # the records fmt knows: bounded on its own
            continue
        if _remove(path):
            total -= size
            freed += size
    return freed


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


def info() -> dict[str, object]:
    """What `ikscli cache info` shows."""
    ok, why = usable()
    stored = [e for e in entries() if not _temporary(e.name)]
    return {
        "folder": str(directory()),
        "in_use": ok,
        "why_not": why,
        "datasets": sum(e.name.count(".") == 1 for e in stored),
        "entries": len(stored),
        "bytes": sum(e.stat(follow_symlinks=False).st_size for e in stored),
        "limit_bytes": max_bytes(),
    }


def clear() -> tuple[int, int]:
    """Remove every entry and temporary file: (files removed, bytes freed)."""
    removed = freed = 0
    for entry in entries():
        try:
            size = entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
        if _remove(entry.path):
            removed += 1
            freed += size
    return removed, freed


def _freeze(dataset: Dataset | None) -> Any:
    """Plain tuples for marshal, in the model's field order. Repeated strings (party
    names, forms, categories) become one object, which marshal writes and loads once."""
    if dataset is None:
        return None
    shared_strings: dict[str, str] = {}
    one = shared_strings.setdefault
    shared = [i for i, f in enumerate(AGREEMENT_FIELDS) if f in _SHARED]
    lists = [i for i, f in enumerate(AGREEMENT_FIELDS) if f in _SHARED_LISTS]
    agreements = []
    dated: list[tuple[int, int, int]] = []  # (record, field, ordinal): marshal has no dates
    for position, agreement in enumerate(dataset.agreements):
        row = list(_AGREEMENT(agreement))
        for i in shared:
            value = row[i]
            if value is not None:
                row[i] = one(value, value)
        for i in lists:
            row[i] = [one(v, v) for v in row[i]]
        if agreement.started is not None or agreement.ended is not None:
            for i in _DATES:
                if row[i] is not None:
                    dated.append((position, i, row[i].toordinal()))
                    row[i] = None
        agreements.append(tuple(row))
    meta = tuple(v.isoformat() if isinstance(v, datetime.date) else v for v in _META(dataset.meta))
    parties = [_PARTY(p) for p in dataset.parties]
    return (meta, parties, list(dataset.categories), agreements, dated)


def _thaw(frozen: Any) -> Dataset | None:
    if frozen is None:
        return None
    meta, parties, categories, agreements, dated = frozen
    values = dict(zip(META_FIELDS, meta, strict=True))
    values["as_of"] = datetime.date.fromisoformat(values["as_of"])
    records = list(starmap(Agreement, agreements))
    for position, field, ordinal in dated:
        setattr(records[position], AGREEMENT_FIELDS[field], datetime.date.fromordinal(ordinal))
    return Dataset(Meta(**values), list(starmap(Party, parties)), categories, records)
