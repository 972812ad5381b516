"""A table brought back as a three-way merge, cell by cell, as git merges a file.

Three versions of each cell: the base (what the table said when ikscli wrote it), the
sheet (what the colleague left in it) and the file (the dataset now). A cell the
colleague did not change is not applied, so an old sheet cannot undo what was done
in the file since (a member added, an agreement ended, a party renamed). A cell
changed in the sheet is applied when the file still has the base's value; changed in
both, to different values, it is a conflict, named by its cell, and nothing is
written unless the keeper chooses: `--theirs` (the sheet's) or `--ours` (the file's).

The base is found by the table's own record of it: the digest of the dataset it was
made from (a kept copy of that version gives every base value), the base cells of a
workbook's hidden sheet, or each row's revision (the record unchanged since: the file
is the base). A table without any (made by hand) still imports, and says that changes
made in the file since cannot be told apart from the sheet's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ikscli.edit.errors import EditError
from ikscli.edit.table import BASE, REVISION, Cell, Row, Table, cell_kind_problem
from ikscli.edit.values import is_default, value_of
from ikscli.i18n import BASIS, _, norwegian_forms
from ikscli.model import Agreement, Dataset
from ikscli.problems import Problem
from ikscli.query.nameindex import NameIndex
from ikscli.text.names import fold
from ikscli.text.options import option
from ikscli.text.untrusted import escaped

THEIRS, OURS = "theirs", "ours"
_UNKNOWN = object()  # a base value that cannot be known
_ABSENT = object()  # the record is not in the base
_NOBASE = object()  # the table has no base at all: its values are taken


@dataclass
class Merge:
    """What importing a table does to the dataset, or the problems that stop it."""

    changed: dict[str, dict[str, Any]] = field(default_factory=dict)
    added: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # id → its row in the table
    conflicts: int = 0


def merge(
    table: Table,
    index: NameIndex,
    base: Dataset | None,
    choice: str | None = None,
    remove_missing: bool = False,
) -> Merge:
    result = Merge(problems=list(table.problems))
    ident_column = table.column("id")
    if ident_column is None:
        return result
    view = _view(table, index, base, result)
    current = index.agreements
    seen: dict[str, int] = {}
    for row in table.rows:
        ident = row.cells[ident_column - 1].text.strip()
        if not ident:
            _problem(
                result,
                table,
                row.number,
                ident_column,
                _("the id is empty (a totals or notes row?)"),
            )
            continue
        if ident in seen:
            _problem(
                result,
                table,
                row.number,
                ident_column,
                _("id {id} appears twice (also row {row})").format(id=repr(ident), row=seen[ident]),
            )
            continue
        seen[ident] = row.number
        result.rows[ident] = row.number
        agreement = current.get(ident)
        if agreement is None:
            if view.had(ident) and choice != THEIRS:
                if choice != OURS:
                    _conflict(
                        result,
                        table,
                        row.number,
                        ident_column,
                        _(
                            "agreement {id} was removed from the file since the export; "
                            "{theirs} adds it again, {ours} leaves it out"
                        ).format(id=repr(ident), theirs=option("theirs"), ours=option("ours")),
                    )
                continue
            values = _new(table, row, index, result)
            result.added[ident] = {k: v for k, v in values.items() if not is_default(k, v)}
            continue
        wanted = _merged(table, row, ident, agreement, index, view, choice, result)
        if wanted:
            result.changed[ident] = wanted
        _check_marks(table, row, ident, agreement, wanted, view, result)
    if remove_missing:
        _missing(table, index, view, seen, choice, result)
    return result


def _missing(
    table: Table,
    index: NameIndex,
    view: Any,
    seen: dict[str, int],
    choice: str | None,
    result: Merge,
) -> None:
    """The rows the colleague deleted: the records the table had, and left out."""
    for agreement in index.dataset.agreements:
        if agreement.id in seen or not view.had(agreement.id, default=True):
            continue  # in the table, or added to the file after the export
        if view.changed_since(agreement) and choice != THEIRS:
            if choice != OURS:
                result.conflicts += 1
                result.problems.append(
                    Problem(
                        table.file,
                        0,
                        0,
                        "error",
                        _(
                            "agreement {id} was left out of the table and changed in the file "
                            "since the export; {theirs} removes it, {ours} keeps it"
                        ).format(
                            id=repr(agreement.id), theirs=option("theirs"), ours=option("ours")
                        ),
                    )
                )
            continue
        result.removed.append(agreement.id)


def _problem(result: Merge, table: Table, row: int, column: int, message: str) -> None:
    header = table.header[column - 1] if 0 < column <= len(table.header) else None
    result.problems.append(Problem(table.file, row, column, "error", message, header))


def _conflict(result: Merge, table: Table, row: int, column: int, message: str) -> None:
    result.conflicts += 1
    _problem(result, table, row, column, message)


def _cells(table: Table, row: Row, result: Merge) -> list[tuple[int, str, Cell]]:
    """(column, field, cell) of each field the row has; a cell that is no text where
    text is expected is a problem, and left out."""
    found = []
    for column, key in enumerate(table.keys, start=1):
        if key in (None, "id", BASE, REVISION):
            continue
        cell = row.cells[column - 1]
        why = cell_kind_problem(cell, key)
        if why is not None:
            _problem(result, table, row.number, column, why)
            continue
        found.append((column, key, cell))
    return found


def _new(table: Table, row: Row, index: NameIndex, result: Merge) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column, key, cell in _cells(table, row, result):
        try:
            values[key] = read_cell(index, key, cell.text)
        except EditError as exc:
            _problem(result, table, row.number, column, str(exc))
    return values


def read_cell(index: NameIndex, key: str, text: str) -> Any:
    """A cell's value as the dataset holds it: names, statuses and words understood,
    the ? of unsettled members taken off (see _check_marks)."""
    text = text.strip()
    if key == "members":
        text = ", ".join(part.strip().removesuffix("?").strip() for part in text.split(","))
        text = text.strip(", ")
    elif key == "members_basis":
        text = basis_code(text)
    elif key == "form_inferred" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return value_of(index, key, text)


def basis_code(text: str) -> str:
    """members_basis as the sheet may say it (the code, or its word in either language)."""
    key = fold(text)
    for code, word in BASIS.items():
        if key in (fold(code), fold(word), fold(_(word)), *map(fold, norwegian_forms(word))):
            return code
    return text


def _same(field_name: str, a: Any, b: Any) -> bool:
    if is_default(field_name, a) and is_default(field_name, b):
        return True
    return bool(a == b)


def _merged(
    table: Table,
    row: Row,
    ident: str,
    agreement: Agreement,
    index: NameIndex,
    view: Any,
    choice: str | None,
    result: Merge,
) -> dict[str, Any]:
    """The cells of one row that change the file."""
    wanted: dict[str, Any] = {}
    for column, key, cell in _cells(table, row, result):
        if view.unchanged(ident, key, cell.text):
            continue  # the colleague left this cell as it was
        try:
            value = read_cell(index, key, cell.text)
        except EditError as exc:
            _problem(result, table, row.number, column, str(exc))
            continue
        ours = getattr(agreement, key)
        if _same(key, value, ours):
            continue
        old = view.value(ident, key)
        if old is _NOBASE or (old not in (_UNKNOWN, _ABSENT) and _same(key, ours, old)):
            wanted[key] = value  # only the sheet changed it
            continue
        if choice == THEIRS:
            wanted[key] = value
            continue
        if choice == OURS:
            continue
        if old is _UNKNOWN or old is _ABSENT:
            message = _(
                "changed in the sheet to {sheet}, and the file's record changed since the "
                "export (it has {file}; the export's version is not at hand to tell which "
                "cells): choose with {theirs} (the sheet's) or {ours} (the file's)"
            ).format(
                sheet=_said(value), file=_said(ours), theirs=option("theirs"), ours=option("ours")
            )
        else:
            message = _(
                "changed in the sheet to {sheet} and in the file to {file} since the export "
                "(it was {base}); choose with {theirs} (the sheet's) or {ours} (the file's)"
            ).format(
                sheet=_said(value),
                file=_said(ours),
                base=_said(old),
                theirs=option("theirs"),
                ours=option("ours"),
            )
        _conflict(result, table, row.number, column, message)
    return wanted


def _said(value: Any) -> str:
    if value is None or value == [] or value == "":
        return _("(empty)")
    if isinstance(value, list):
        value = ", ".join(value)
    text = escaped(str(value))
    return "'" + (text if len(text) <= 60 else text[:57] + "...") + "'"


PLAIN = ("csv", "tsv")  # the tables for programs: names exact, no ? on them


def _marks(text: str) -> str:
    """Whether a members cell marks its names unsettled: all, none or some."""
    names = [p.strip() for p in text.split(",") if p.strip()]
    marked = [n.endswith("?") for n in names]
    if not names or not any(marked):
        return "none"
    return "all" if all(marked) else "some"


def _check_marks(
    table: Table,
    row: Row,
    ident: str,
    agreement: Agreement,
    wanted: dict[str, Any],
    view: Any,
    result: Merge,
) -> None:
    """The ? on members says what members_basis says (uncertain); taking it off alone is
    refused in words. A members cell the colleague left as it was says nothing new.
    Plain CSV and TSV (for programs) mark nothing: members_basis alone says it."""
    if table.flavour in PLAIN:
        return
    column = table.column("members")
    if column is None or not row.cells[column - 1].text.strip():
        return
    unchanged = view.unchanged(ident, "members", row.cells[column - 1].text)
    if unchanged and "members_basis" not in wanted:
        return
    marks = _marks(row.cells[column - 1].text)
    basis = wanted.get("members_basis", agreement.members_basis) or "source"
    if marks == "some":
        message = _(
            "some members are marked ? and some not; ? marks them all as unsettled, or none"
        )
    elif marks == "all" and basis != "uncertain":
        message = _(
            "the ? marks members nothing settles, but members_basis says {basis}; take the ? "
            "off, or set members_basis to uncertain"
        ).format(basis=basis)
    elif marks == "none" and basis == "uncertain":
        message = _(
            "the ? came off members nothing settles; to settle them, set members_basis "
            "(evidence, remark, spacing or source) and members_evidence too, or keep the ?"
        )
    else:
        return
    _problem(result, table, row.number, column, message)


# --- what the table was made from ----------------------------------------------------


class _FromDataset:
    """The base is a kept copy of the dataset version the table was made from."""

    def __init__(self, base: Dataset) -> None:
        self.index = NameIndex(base)
        self.records = {a.id: a for a in base.agreements}

    def had(self, ident: str, default: bool = False) -> bool:
        return ident in self.records

    def unchanged(self, ident: str, key: str, text: str) -> bool:
        record = self.records.get(ident)
        if record is None:
            return False
        try:
            return _same(key, read_cell(self.index, key, text), getattr(record, key))
        except EditError:
            return False

    def value(self, ident: str, key: str) -> Any:
        record = self.records.get(ident)
        return getattr(record, key) if record is not None else _ABSENT

    def changed_since(self, agreement: Agreement) -> bool:
        return self.records.get(agreement.id) != agreement


class _FromSheet:
    """The base is the cells a workbook's hidden sheet kept, as they were written."""

    def __init__(self, table: Table, index: NameIndex) -> None:
        self.cells = table.base_cells
        self.index = index
        self.revisions = table.revisions

    def had(self, ident: str, default: bool = False) -> bool:
        return ident in self.cells

    def unchanged(self, ident: str, key: str, text: str) -> bool:
        cells = self.cells.get(ident)
        return cells is not None and key in cells and cells[key].strip() == text.strip()

    def value(self, ident: str, key: str) -> Any:
        cells = self.cells.get(ident)
        if cells is None:
            return _ABSENT
        if key not in cells:
            return _UNKNOWN
        try:
            return read_cell(self.index, key, cells[key])
        except EditError:
            return _UNKNOWN

    def changed_since(self, agreement: Agreement) -> bool:
        return self.revisions.get(agreement.id) != agreement.revision()


class _FromRevisions:
    """Only each row's revision: a record unchanged since the export is its own base."""

    def __init__(self, table: Table, index: NameIndex) -> None:
        self.revisions = table.revisions
        self.current = index.agreements
        self.index = index

    def _same_record(self, ident: str) -> bool:
        agreement = self.current.get(ident)
        return agreement is not None and self.revisions.get(ident) == agreement.revision()

    def had(self, ident: str, default: bool = False) -> bool:
        return ident in self.revisions if self.revisions else default

    def unchanged(self, ident: str, key: str, text: str) -> bool:
        if not self._same_record(ident):
            return False
        try:
            return _same(key, read_cell(self.index, key, text), getattr(self.current[ident], key))
        except EditError:
            return False

    def value(self, ident: str, key: str) -> Any:
        return getattr(self.current[ident], key) if self._same_record(ident) else _UNKNOWN

    def changed_since(self, agreement: Agreement) -> bool:
        return not self._same_record(agreement.id)


class _NoBase:
    """A table made by hand: its values are taken."""

    def had(self, ident: str, default: bool = False) -> bool:
        return default

    def unchanged(self, ident: str, key: str, text: str) -> bool:
        return False

    def value(self, ident: str, key: str) -> Any:
        return _NOBASE

    def changed_since(self, agreement: Agreement) -> bool:
        return False


def _view(table: Table, index: NameIndex, base: Dataset | None, result: Merge) -> Any:
    if base is not None:
        return _FromDataset(base)
    if table.base_cells:
        return _FromSheet(table, index)
    if table.base is not None or table.revisions:
        current = index.agreements
        if any(
            ident in current and current[ident].revision() != revision
            for ident, revision in table.revisions.items()
        ):
            result.notes.append(
                _(
                    "the dataset version this table was made from is not kept on this "
                    "machine: where a record changed since, a cell that differs is a conflict"
                )
            )
        return _FromRevisions(table, index)
    result.notes.append(
        _(
            "the table carries no base (ikscli did not write it, or its base and revision "
            "columns were removed): changes made in the file since the table was made cannot "
            "be told apart from the table's, and the table's values are taken"
        )
    )
    return _NoBase()
