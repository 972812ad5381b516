"""`ikscli fmt`: a dataset file in canonical form, its meaning and comments kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ikscli import files
from ikscli.edit import history, lines
from ikscli.edit.canonical import canonical
from ikscli.edit.errors import Refused
from ikscli.edit.session import prepare
from ikscli.problems import Problem


@dataclass
class Formatted:
    file: str
    before: bytes
    after: bytes
    problems: list[Problem] = field(default_factory=list)
    same_meaning: bool = True
    written: bool = False

    @property
    def unchanged(self) -> bool:
        return self.before == self.after


def formatted(raw: bytes, file: str) -> Formatted:
    """What fmt makes of `raw`. A file with errors is Refused (fix it first)."""
    from ikscli.edit.canonical import Memo
    from ikscli.reading import cache

    prepared = prepare(raw, file)
    memo = Memo(cache.get_canonical())
    text = canonical(prepared.text, prepared.layout, prepared.dataset, memo)
    if memo.new:
        cache.put_canonical(memo.known)
    newline = lines.first_break(prepared.text)
    after = prepared.encoded(lines.with_breaks(text, newline))
    result = Formatted(file, raw, after)
    # record by record, each changed record was read back as the same; a whole-file pass
    # through ruamel.yaml is checked whole
    if after != raw and memo.whole_file and not _same(prepared, after, file):
        result.same_meaning = False
    return result


def _same(prepared: object, after: bytes, file: str) -> bool:
    """The formatted file means what the file meant (every record read again)."""
    from ikscli.reading.loader import parse

    again = parse(after, file)
    return again.ok and again.dataset == prepared.loaded.dataset  # type: ignore[attr-defined]


def format_file(path: Path, file: str, command: str) -> Formatted:
    """Write the file in canonical form (locked; the old version kept for undo)."""
    with files.locked(path) as target:
        raw = target.read_bytes()
        result = formatted(raw, file)
        if result.unchanged or not result.same_meaning:
            return result
        history.keep(target, raw, result.after, command, "fmt")
        files.write_bytes(target, result.after, follow_links=True)
        result.written = True
        return result


__all__ = ["Formatted", "Refused", "format_file", "formatted"]
