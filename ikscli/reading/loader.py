"""File → `Dataset`: read, validate, and give every problem its line and column."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ikscli import files
from ikscli.i18n import _
from ikscli.model import Dataset
from ikscli.notices import notice
from ikscli.problems import DataFileError, Finding, Problem, errors, sort_key
from ikscli.reading.gcpause import gc_paused
from ikscli.reading.project import BUNDLED_NAME, bundled_path
from ikscli.text.numbers import decimal
from ikscli.text.options import option

if TYPE_CHECKING:  # a cached run reads no YAML: the reader is imported when it reads
    from ikscli.reading.yamlread import Places

__all__ = ["BUNDLED_NAME", "DataFileError", "Loaded", "bundled_path", "load", "parse"]


@dataclass
class Loaded:
    """A loaded file: the dataset (None when it has errors) and its problems."""

    file: str
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    digest: str | None = None  # the cache key of the content (None with --no-cache)
    # where each record stands in the text, when it was read just now (see yamlread.Outline)
    outline: Any = field(default=None, repr=False, compare=False)
    # or, from the cache, the same packed as plain numbers (ikscli.edit.layout), and the
    # agreements' names as a change looks them up (ikscli.edit.values.name_keys)
    layout: bytes | None = field(default=None, repr=False, compare=False)
    names: str | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not errors(self.problems)


def default_path() -> Path:
    """The file a run reads when none is given: $IKSCLI_DATA, the project's first
    dataset, else the bundled one (see `ikscli.reading.project`). Raises ProjectError."""
    from ikscli.reading.project import choose

    return choose().files[0]


STDIN = "-"  # `--data -`: the dataset comes on standard input
STDIN_NAME = "<stdin>"


def read_bytes(path: Path) -> bytes:
    if str(path) == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise DataFileError(_("standard input is closed"))
        limit = stdin_limit()
        raw: bytes = stream.read(limit + 1)
        if len(raw) > limit:
            raise DataFileError(
                _(
                    "standard input holds more than {size} MiB, more than a dataset does; "
                    "give the file with {data_file} (or raise IKSCLI_STDIN_MAX_MB)"
                ).format(size=decimal(limit / 2**20), data_file=option("data_file"))
            )
        return raw
    if path.is_dir():
        raise DataFileError(_("{path} is a directory, not a dataset file").format(path=path))
    try:
        with open(path, "rb") as handle:  # read only: ikscli never writes the data file
            return handle.read()
    except FileNotFoundError:
        raise DataFileError(_("{path}: no such file").format(path=path)) from None
    except OSError as exc:
        raise DataFileError(f"{path}: {files.reason(exc, reading=True)}") from None


STDIN_MAX_MB = 256  # a national dataset of 200,000 agreements is 60 MiB


def stdin_limit() -> int:
    """How much of standard input a run reads as a dataset (IKSCLI_STDIN_MAX_MB)."""
    text = os.environ.get("IKSCLI_STDIN_MAX_MB", "").strip()
    try:
        megabytes = float(text) if text else STDIN_MAX_MB
    except ValueError:
        megabytes = STDIN_MAX_MB
    return max(1, int(megabytes * 2**20))


def display_name(path: Path) -> str:
    """The path as problems show it: relative to the working directory when inside it."""
    if str(path) == STDIN:
        return STDIN_NAME
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def load(path: Path, use_cache: bool = True) -> Loaded:
    """Load and validate a dataset file; never raises for bad content.

    With `use_cache`, a file whose exact content was validated before is served
    from the cache (see `ikscli.reading.cache`), without YAML or pydantic.
    """
    raw = read_bytes(path)
    file = display_name(path)
    if str(path) == STDIN:  # a pipe's content is read once: no cache
        use_cache = False
    return load_bytes(raw, file, use_cache)


def load_bytes(raw: bytes, file: str, use_cache: bool = True) -> Loaded:
    """`load` for bytes already read (the editing commands read them under a lock)."""
    if not use_cache:
        return parse(raw, file)
    from ikscli.reading import cache

    digest = cache.key(raw)
    hit = cache.get(digest)
    if hit is not None:
        dataset, problems, layout, names = hit
        # Problems name the file as it was given; the same content may come by another path.
        problems = [replace(p, file=file) for p in problems]
        return Loaded(file, dataset, problems, digest, layout=layout, names=names)
    loaded = parse(raw, file)
    numbers = names = None
    if loaded.ok and loaded.outline is not None and loaded.dataset is not None:
        from ikscli.text.names import name_keys

        numbers = loaded.outline.numbers()  # for an edit: where the records stand,
        agreements = loaded.dataset.agreements  # and the names a change looks up
        names = name_keys([a.name for a in agreements], [a.id for a in agreements])
    cache.put(digest, loaded.dataset, loaded.problems, numbers, names)
    return replace(loaded, digest=digest, names=names)


def parse(raw: bytes, file: str) -> Loaded:
    """Validate the bytes of a dataset file named `file`."""
    with gc_paused():
        return _parse(raw, file)


def _parse(raw: bytes, file: str) -> Loaded:
    from ikscli.reading import yamlread

    text, problem = yamlread.decode(raw, file)
    if text is None:
        return Loaded(file, None, [problem] if problem is not None else [])
    if not yamlread.LIBYAML:
        notice(
            "ikscli: libyaml is not available; reading YAML in pure Python (slow). "
            "Install PyYAML with libyaml for full speed."
        )
    reading = yamlread.read(text, file)
    if reading.problems:  # read again, keeping positions, for the full story
        reading = yamlread.read(text, file, track=True)
        return Loaded(file, None, sorted(reading.problems, key=sort_key))
    from ikscli.reading.validation import validate

    outline = reading.outline
    dataset, findings = validate(reading.value, reading.unprintable)
    reading.value = None  # the plain values are not needed any more: free them early
    if not findings:
        return Loaded(file, dataset, [], outline=outline)
    try:  # read again only the records that have findings
        if reading.outline is None:
            raise yamlread.Unplaced("no outline")
        fragments = reading.outline.locator()
        placed = [_place(f, fragments, file) for f in findings]
    except yamlread.Unplaced:  # meta, a category, flow style: read it all with positions
        whole = yamlread.read(text, file, track=True).locator
        assert whole is not None  # a tracked read always has one
        placed = [_place(f, whole, file) for f in findings]
    problems = sorted(placed, key=sort_key)
    return Loaded(file, dataset if not errors(problems) else None, problems, outline=outline)


def _place(finding: Finding, locator: Places, file: str) -> Problem:
    line, column = locator.key(finding.path) if finding.at_key else locator.value(finding.path)
    return Problem(file, line, column, finding.severity, finding.message)
