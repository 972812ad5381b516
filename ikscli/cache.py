"""A cache of validated datasets, keyed on the file's exact content.

Validation belongs at the boundary: once a file's bytes have been read and
validated, later runs load the result from here and need neither YAML nor
pydantic. The key is a hash of the content (and of this version of ikscli), so
an entry can never be stale. Entries are written atomically (a temporary file,
then a rename) and carry a checksum of their body; an unreadable, damaged or
foreign entry is ignored (the file is validated again), and a cache directory
that cannot be written is no obstacle. Lives in $XDG_CACHE_HOME/ikscli
(~/.cache/ikscli by default).
"""

from __future__ import annotations

import datetime
import hashlib
import marshal
import os
import tempfile
from itertools import starmap
from dataclasses import astuple
from pathlib import Path

from . import __version__
from .gcpause import gc_paused
from .model import AGREEMENT_FIELDS, PARTY_FIELDS, Agreement, Dataset, Meta, Party
from .problems import Problem

FORMAT = 1


def _code_fingerprint() -> tuple:
    """Which code wrote an entry: after a change to the model, the rules, the cache or the
    JSON encoding of records, old entries are never read."""
    here = Path(__file__).resolve().parent
    stats = [(here / name).stat() for name in ("model.py", "cache.py", "validation.py",
                                                "rules.py", "records.py", "jsonlines.py")]
    return tuple((s.st_size, s.st_mtime_ns) for s in stats)


_SALT = repr((FORMAT, __version__, AGREEMENT_FIELDS, PARTY_FIELDS, _code_fingerprint())).encode()


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ikscli"


def key(raw: bytes) -> str:
    # sha256 is hardware-accelerated on most machines: ~1 ms a MiB.
    digest = hashlib.sha256(_SALT)
    digest.update(raw)
    return digest.hexdigest()


def get(digest: str) -> tuple[Dataset | None, list[Problem]] | None:
    """The cached result for this content, or None when absent or unusable."""
    body = _read(digest, ".bin")
    if body is None:
        return None
    try:
        with gc_paused():
            frozen, problems = marshal.loads(body)
            return _thaw(frozen), [Problem(*p) for p in problems]
    except Exception:  # not ours after all: just validate again
        return None


def put(digest: str, dataset: Dataset | None, problems: list[Problem]) -> None:
    """Store a result; silently does nothing when the cache cannot be written."""
    with gc_paused():
        body = marshal.dumps((_freeze(dataset), [astuple(p) for p in problems]))
    _write(digest, ".bin", body)


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


def _read(digest: str, suffix: str) -> bytes | None:
    """An entry's body, or None when absent, unreadable, another file's, or damaged."""
    try:
        with open(directory() / f"{digest}{suffix}", "rb") as handle:
            payload = handle.read()
    except OSError:
        return None
    head = digest.encode() + b"\n"
    checksum, body = payload[len(head):len(head) + 32], payload[len(head) + 32:]
    if not payload.startswith(head) or hashlib.sha256(body).digest() != checksum:
        return None  # never trust it
    return body


def _write(digest: str, suffix: str, body: bytes) -> None:
    """Write an entry atomically: the key, a checksum of the body, the body."""
    try:
        folder = directory()
        folder.mkdir(parents=True, exist_ok=True)
        payload = digest.encode() + b"\n" + hashlib.sha256(body).digest() + body
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=suffix)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(temporary, folder / f"{digest}{suffix}")
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # read-only or full disk: the tool still works, only slower
        return


def _freeze(dataset: Dataset | None):
    """Plain tuples for marshal, in AGREEMENT_FIELDS order. Repeated strings (party
    names, forms, categories) become one object, which marshal writes and loads once."""
    if dataset is None:
        return None
    one = {}.setdefault

    def many(values: list[str]) -> list[str]:
        return [one(v, v) for v in values]

    meta = dataset.meta
    agreements = [
        (a.id, a.name, a.category and one(a.category, a.category), a.form and one(a.form, a.form),
         a.form_inferred, many(a.members), one(a.members_basis, a.members_basis),
         a.members_evidence, a.host and one(a.host, a.host), many(a.partners),
         a.others and one(a.others, a.others), one(a.status, a.status), a.note, a.parent)
        for a in dataset.agreements]
    return ((meta.title, meta.as_of.isoformat(), meta.source, meta.region),
            [tuple(getattr(p, f) for f in PARTY_FIELDS) for p in dataset.parties],
            list(dataset.categories), agreements)


def _thaw(frozen) -> Dataset | None:
    if frozen is None:
        return None
    meta, parties, categories, agreements = frozen
    title, as_of, source, region = meta
    return Dataset(Meta(title, datetime.date.fromisoformat(as_of), source, region),
                   list(starmap(Party, parties)), categories,
                   list(starmap(Agreement, agreements)))
