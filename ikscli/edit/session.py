"""The one way a dataset file is changed: lock → read → check → change → check → write.

1. The file is locked (`ikscli.files.locked`) until it has been replaced: a second
   command waits, and then reads what the first wrote.
2. It is read and must be valid: a file with errors is not changed (fix it first).
   A file a query read before comes from the cache, with where each record stands.
3. The command's change is made on a `Draft`: only the records it touches change.
4. The result is checked as `ikscli validate` would check it: the changed records
   are read and validated again, and every rule across records runs on the whole.
   A result with errors is refused with every problem, and nothing is written.
5. The previous version is kept for `ikscli undo`, then the new one is written by the
   one atomic, durable writer (its mode, owner, links and line endings kept).

Commands (and the Python API) call `run`; what they get back says what changed, in
words the command layer prints.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikscli import files
from ikscli.edit import history
from ikscli.edit.draft import Draft, Rendered
from ikscli.edit.errors import EditError, Refused
from ikscli.edit.layout import Layout, build
from ikscli.i18n import _
from ikscli.model import Agreement, Dataset, Meta, Party
from ikscli.problems import Problem, errors
from ikscli.query.nameindex import NameIndex


@dataclass
class Change:
    """One record changed, added or removed, as people read it."""

    kind: str  # "changed", "added", "removed"
    id: str
    name: str = ""
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field, old, new)


@dataclass
class Outcome:
    """What a change did (or, with a dry run, would do)."""

    file: str  # as messages show it
    target: Path  # the file written (a link's target)
    before: bytes
    after: bytes
    changes: list[Change]
    text_before: str = ""
    rendered: Rendered | None = None
    written: bool = False
    kept: bool = False  # the previous version was kept for undo
    warnings: list[Problem] = field(default_factory=list)
    dataset: Dataset | None = None
    check: Any = field(default=None, repr=False)  # the new text's checked findings
    problems: list[Problem] | None = field(default=None, repr=False)  # at their new lines

    @property
    def unchanged(self) -> bool:
        return self.before == self.after


@dataclass
class Prepared:
    """A valid file read for a change: its text, its dataset and where its records stand
    (found when first asked: a change refused for an unknown id never needs it)."""

    file: str
    raw: bytes
    text: str
    bom: bool
    loaded: Any  # ikscli.reading.loader.Loaded
    _layout: Layout | None = None

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = _layout(self)
        return self._layout

    @property
    def dataset(self) -> Dataset:
        dataset: Dataset | None = self.loaded.dataset
        assert dataset is not None
        return dataset

    def encoded(self, text: str) -> bytes:
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


Edit = Callable[[Draft, NameIndex], list[Change]]


def writable(path: Path) -> None:
    """A dataset file a command may change: a regular file, there, not read-only."""
    shown = files.shown(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise EditError(_("{path}: no such file").format(path=shown)) from None
    except OSError as exc:
        raise EditError(f"{shown}: {files.reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise EditError(_("{path} is a folder, not a dataset file").format(path=shown))
    if not stat.S_ISREG(info.st_mode):
        raise EditError(
            _(
                "{path} is not a regular file (a device or a pipe); ikscli changes only files"
            ).format(path=shown)
        )
    if files.read_only(path, info):
        raise files.WriteError(_("cannot write {path}: it is read-only").format(path=shown))


def prepare(raw: bytes, file: str) -> Prepared:
    """Read `raw` for a change; a file with errors is Refused (fix it first)."""
    from ikscli.reading import loader

    loaded = loader.load_bytes(raw, file, use_cache=True)
    if not loaded.ok or loaded.dataset is None:
        found = errors(loaded.problems)
        raise Refused(
            found,
            _("{file} is not valid; fix it first (see ikscli validate)").format(
                file=files.shown(file)
            ),
        )
    text = raw.decode("utf-8")
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    return Prepared(file, raw, text, bom, loaded)


def _layout(prepared: Prepared) -> Layout:
    """Where each record stands: from the cache, from the read just made, or read now."""
    from ikscli.reading import cache, yamlread

    stored = cache.unpack_layout(prepared.loaded.layout)
    outline: Any = None
    if isinstance(stored, tuple) and stored and stored[0] == "outline":
        outline = stored  # the numbers a query's read left: build the layout from them
    elif stored is not None:
        try:
            return Layout.from_plain(stored)
        except (TypeError, ValueError):
            pass
    if outline is None:
        outline = prepared.loaded.outline or yamlread.read(prepared.text, prepared.file).outline
    return build(prepared.text, outline)


def run(path: Path, edit: Edit, *, command: str, dry_run: bool = False) -> Outcome:
    """Make `edit` on the dataset file `path` and write it (unless `dry_run`)."""
    from ikscli.reading.loader import display_name

    writable(path)
    file = display_name(path)
    with files.locked(path) as target:
        try:
            raw = target.read_bytes()
        except OSError as exc:
            raise EditError(f"{files.shown(file)}: {files.reason(exc)}") from None
        prepared = prepare(raw, file)
        outcome = apply(prepared, edit, target)
        if outcome.unchanged or dry_run:
            return outcome
        outcome.kept = history.keep(target, raw, outcome.after, command, summary(outcome.changes))
        files.write_bytes(target, outcome.after, follow_links=True)
        outcome.written = True
        remember(prepared, outcome)
        return outcome


def apply(prepared: Prepared, edit: Edit, target: Path) -> Outcome:
    """The outcome of `edit` on a prepared file, checked; nothing is written here.

    Problems the edit found itself (a table's cells) and those of the result are
    refused together, in one round: every problem, then nothing written."""
    index = NameIndex(prepared.dataset, prepared.loaded.digest)
    index.name_keys = prepared.loaded.names  # type: ignore[attr-defined]
    draft = Draft(prepared.text, lambda: prepared.layout, prepared.dataset)
    changes = edit(draft, index)
    rendered = draft.render()
    outcome = Outcome(prepared.file, target, prepared.raw, prepared.raw, changes, prepared.text)
    if rendered.text == prepared.text and not draft.problems:
        outcome.dataset = prepared.dataset
        return outcome
    outcome.rendered = rendered
    outcome.after = prepared.encoded(rendered.text)
    check = checked(prepared, rendered)
    outcome.check = check
    said = {p.message for p in prepared.loaded.problems}
    found = [f for f in check.findings if f.severity == "error"]
    if found or errors(draft.problems):
        placed = draft.place(found, check.ids) if draft.place is not None else []
        unplaced = [f for f in found if f.message not in {p.message for p in placed}]
        if unplaced:
            placed += [p for p in _in_file(outcome.after, prepared.file) if p.severity == "error"]
        every = draft.problems + placed
        if callable(draft.refusal):
            said_summary = draft.refusal(len(every))
        else:
            said_summary = draft.refusal or _(
                "{file} is left as it was: the change would make it invalid"
            ).format(file=files.shown(prepared.file))
        raise Refused(every, said_summary)
    outcome.dataset = check.dataset
    from ikscli.edit.remember import problems

    outcome.problems = problems(prepared, rendered, check)
    new = [f for f in check.findings if f.message not in said]
    if new:
        placed = draft.place(new, check.ids) if draft.place is not None else []
        if len(placed) < len(new):
            placed_all = outcome.problems
            if placed_all is None:
                placed_all = _in_file(outcome.after, prepared.file)
            placed += [
                p
                for p in placed_all
                if p.severity == "warning"
                and p.message not in said
                and p.message not in {q.message for q in placed}
            ]
        outcome.warnings = placed
    return outcome


@dataclass
class Checked:
    """The new file's dataset (None if a record is invalid), every finding at its path,
    and the id of the agreement at each new position."""

    dataset: Dataset | None
    findings: list[Any]
    ids: list[str | None]


def checked(prepared: Prepared, rendered: Rendered) -> Checked:
    """The dataset the new text holds, checked as validate checks it. Only the changed
    records are read again; the rules across records run on the whole."""
    from ikscli.reading import rules
    from ikscli.reading.validation import record_findings

    before = prepared.dataset
    findings: list[Any] = []
    others: dict[str, Any] = {"parties": set(), "agreements": {}}

    def rebuilt(section: str, old: list[Any], model: type) -> tuple[list[Any], list[int]]:
        items = rendered.records.get(section)
        if items is None:
            return old, list(range(len(old)))
        out, positions = [], []
        known = rendered.values.get(section, {})
        for position, item in enumerate(items):
            if isinstance(item, int):
                out.append(old[item])
                positions.append(position)
                continue
            value = known[position] if position in known else _value(item)
            if model is str:
                if isinstance(value, str):
                    out.append(value)
                    positions.append(position)
                continue
            made, found = record_findings(model, value, section, position)
            if made is None:
                findings.extend(found)
                if isinstance(value, dict):
                    key = "name" if section == "parties" else "id"
                    if isinstance(value.get(key), str):
                        if section == "parties":
                            others["parties"].add(value[key])
                        else:
                            others["agreements"].setdefault(value[key], position)
                continue
            out.append(made)
            positions.append(position)
        return out, positions

    agreements, agreement_positions = rebuilt("agreements", before.agreements, Agreement)
    parties, party_positions = rebuilt("parties", before.parties, Party)
    categories, _positions = rebuilt("categories", before.categories, str)
    meta: Meta | None = before.meta
    if "meta" in rendered.blocks:
        value = rendered.block_values.get("meta") or _value(rendered.blocks["meta"])
        meta, found = record_findings(Meta, value, "meta", 0)
        findings.extend(
            type(f)((f.path[0], *f.path[2:]), f.severity, f.message, f.at_key) for f in found
        )
    dataset = Dataset(meta, parties, categories, agreements)  # type: ignore[arg-type]
    partial = rules.Partial(
        agreement_positions, party_positions, others["parties"], others["agreements"]
    )
    findings += rules.check(dataset, partial, unprintable=True)
    ids: list[str | None] = []
    by_position = dict(zip(agreement_positions, agreements, strict=True))
    for position, item in enumerate(rendered.records.get("agreements", range(len(agreements)))):
        agreement = by_position.get(position)
        ids.append(agreement.id if agreement is not None else _id_of(item))
    valid = meta is not None and not errors(findings)
    return Checked(dataset if valid else None, findings, ids)


def _id_of(item: Any) -> str | None:
    if isinstance(item, str):
        value = _value(item)
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return str(value["id"])
    return None


def _value(text: str) -> Any:
    from ikscli.reading.yamlread import read

    value = read(text, "-").value
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def _in_file(new_raw: bytes, file: str) -> list[Problem]:
    """Every problem of the new text, at its line (the text as it would be written)."""
    from ikscli.reading.loader import parse

    return parse(new_raw, file).problems


def remember(prepared: Prepared, outcome: Outcome) -> None:
    """The new file's dataset, problems and layout, for the next command (the cache)."""
    if outcome.rendered is None or outcome.check is None:
        return
    from ikscli.edit.remember import remember as store

    store(prepared, outcome.rendered, outcome.check, outcome.after, outcome.problems)


def summary(changes: list[Change]) -> str:
    """One line for the history and the messages: what changed."""
    if len(changes) == 1:
        change = changes[0]
        if change.kind == "changed":
            shown = "; ".join(f"{f}: {_word(old)} → {_word(new)}" for f, old, new in change.fields)
            return _("changed {id}: {fields}").format(id=change.id, fields=shown)
        if change.kind == "added":
            return _("added {id}").format(id=change.id)
        return _("removed {id}").format(id=change.id)
    counts = {k: sum(c.kind == k for c in changes) for k in ("changed", "added", "removed")}
    return _("{changed} changed, {added} added, {removed} removed").format(**counts)


def _word(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        from ikscli.model import shares_text

        return shares_text(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


word = _word
