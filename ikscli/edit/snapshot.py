"""`ikscli snapshot`: next year's file, started from this year's.

The new file has the new date in meta, in its title and in its header comment;
terminated agreements are left out (one pass, however many), planned ones are kept,
and every comment of what is kept stays. It is written to another file, never over
the one it is made from, and never over an existing file unless asked (`--force`, the
old one then kept for `undo`).
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ikscli.edit import lines, new_file
from ikscli.edit.draft import Draft
from ikscli.edit.errors import EditError
from ikscli.edit.session import Change, Outcome, apply, prepare
from ikscli.i18n import _
from ikscli.query.nameindex import NameIndex
from ikscli.text.dates import norwegian
from ikscli.text.options import option


@dataclass
class Snapshot:
    outcome: Outcome
    kept: int  # agreements in the new file
    left_out: list[str] = field(default_factory=list)  # terminated, left out
    still_parents: list[str] = field(default_factory=list)  # terminated, kept as parents


def make(
    source: Path,
    raw: bytes,
    file: str,
    day: datetime.date,
    output: Path,
    *,
    force: bool,
    command: str,
) -> Snapshot:
    """Write the snapshot of `raw` (the file `source`) as of `day` to `output`."""
    from ikscli.edit.session import remember
    from ikscli.reading.loader import display_name

    exists = new_file.check(output, force=force, source=None if str(source) == "-" else source)
    prepared = prepare(raw, file)
    old = prepared.dataset.meta.as_of
    if day < old:
        raise EditError(
            _(
                "{as_of} {day} is before the file's own date ({old}): a snapshot starts "
                "a later year"
            ).format(day=day.isoformat(), old=old.isoformat(), as_of=option("as_of"))
        )
    result = Snapshot(None, 0)  # type: ignore[arg-type]

    def edit(draft: Draft, index: NameIndex) -> list[Change]:
        agreements = index.dataset.agreements
        meta = index.dataset.meta
        changes: dict[str, object] = {"as_of": day}
        if norwegian(old) in meta.title:
            changes["title"] = meta.title.replace(norwegian(old), norwegian(day))
        draft.change_block("meta", changes)
        header_end = _header_end(draft.text)
        header = draft.text[:header_end]
        moved = _modeline(header, source, output)
        if norwegian(old) in moved:
            moved = moved.replace(norwegian(old), norwegian(day))
        if moved != header:
            draft.replace_text(0, header_end, moved)
        parents = {a.parent for a in agreements if a.parent and a.status != "terminated"}
        said: list[Change] = [
            Change("changed", "meta", "", [(k, getattr(meta, k), v) for k, v in changes.items()])
        ]
        for position, agreement in enumerate(agreements):
            if agreement.status != "terminated":
                continue
            if agreement.id in parents:
                result.still_parents.append(agreement.id)
                continue
            draft.remove("agreements", position)
            result.left_out.append(agreement.id)
            said.append(Change("removed", agreement.id, agreement.name))
        return said

    outcome = apply(prepared, edit, output)
    outcome.file = display_name(output)
    result.outcome = outcome
    result.kept = len(outcome.dataset.agreements) if outcome.dataset else 0
    outcome.kept = new_file.write(
        output, outcome.after, replacing=exists, command=command, summary=_("snapshot")
    )
    outcome.written = True
    remember(prepared, outcome)
    return result


_MODELINE = re.compile(r"(# yaml-language-server: \$schema=)(\S+)")


def _modeline(header: str, source: Path, output: Path) -> str:
    """The editor's schema line, pointing from the new file's folder to the schema the
    old line pointed to (a relative ../schema/… breaks when the file moves)."""
    match = _MODELINE.search(header)
    if match is None or str(source) == "-" or "://" in match.group(2):
        return header
    named = Path(match.group(2))
    if named.is_absolute():
        return header
    schema = (source.resolve().parent / named).resolve()
    if not schema.is_file():
        return header
    moved = os.path.relpath(schema, output.resolve().parent)
    return header[: match.start(2)] + Path(moved).as_posix() + header[match.end(2) :]


def _header_end(text: str) -> int:
    """Where the file's header comment ends: at its first line that is not a comment."""
    at = 0
    for line in lines.split(text):
        if not (lines.is_comment(line) or lines.is_blank(line)):
            break
        at += len(line)
    return at
