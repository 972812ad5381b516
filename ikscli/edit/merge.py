"""A table brought back as a three-way merge, cell by cell, as git merges a file.

Three versions of each cell: the base (what the table said when ikscli wrote it), the
sheet (what the colleague left in it) and the file (the dataset now). A cell the
colleague did not change is not applied, so an old sheet cannot undo what was done
in the file since (a member added, an agreement ended). A cell changed in the sheet
is applied when the file still has the base's value; changed in both, to different
values, it is a conflict, named by its cell, and nothing is written unless the keeper
chooses: `--theirs` (the sheet's) or `--ours` (the file's).

The base is found by the table's own record of it: the digest of the dataset it was
made from (a kept copy of that version gives every base cell), the base cells of a
workbook's hidden sheet, or each row's revision (the record unchanged since: the file
is the base). A table without any (made by hand) still imports, and says that changes
made in the file since cannot be told apart from the sheet's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..i18n import BASIS, _, bokmal
from ..model import Agreement, Dataset
from ..nameindex import NameIndex, UnknownName
from ..names import fold
from ..problems import Problem
from ..untrusted import escaped
from .errors import EditError
from .table import BASE, REVISION, Row, Table, cell_kind_problem
from .values import is_default, value_of

THEIRS, OURS = "theirs", "ours"


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


_UNKNOWN = object()  # a base value that cannot be known
_ABSENT = object()  # the record is not in that version
_NOBASE = object()  # the table has no base at all: its values are taken


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
    based = _base_of(table, index, base, result)
    current = index.agreements
    base_by_id = _by_id(base) if base is not None else {}
    base_ids = set(base_by_id) if base is not None else set(table.base_cells) or None
    seen: dict[str, int] = {}
    for row in table.rows:
        ident = row.cells[ident_column - 1].text.strip()
        if not ident:
            _problem(result, table, row.number, ident_column, _("the id is empty (a totals or notes row?)"))
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
        sheet = _values(table, row, index, result)
        agreement = current.get(ident)
        if agreement is None:
            if base_ids is not None and ident in base_ids and choice != THEIRS:
                if choice == OURS:
                    continue
                _conflict_row(
                    result,
                    table,
                    row.number,
                    ident_column,
                    _(
                        "agreement {id} was removed from the file since the export; "
                        "--theirs adds it again, --ours leaves it out"
                    ).format(id=repr(ident)),
                )
                continue
            result.added[ident] = {k: v for k, v in sheet.items() if not is_default(k, v)}
            continue
        wanted = _merged(table, row, agreement, sheet, based(ident, agreement), choice, result)
        if wanted:
            result.changed[ident] = wanted
        _check_marks(table, row, agreement, sheet, wanted, result)
    if remove_missing:
        for agreement in index.dataset.agreements:
            if agreement.id in seen:
                continue
            if base_ids is not None and agreement.id not in base_ids:
                continue  # added to the file after the export: the table never had it
            base_record = base_by_id.get(agreement.id)
            if base_record is not None and base_record != agreement and choice != THEIRS:
                if choice == OURS:
                    continue
                result.conflicts += 1
                result.problems.append(
                    Problem(
                        table.file,
                        0,
                        0,
                        "error",
                        _(
                            "agreement {id} was left out of the table and changed in the file "
                            "since the export; --theirs removes it, --ours keeps it"
                        ).format(id=repr(agreement.id)),
                    )
                )
                continue
            result.removed.append(agreement.id)
    return result


def _by_id(dataset: Dataset) -> dict[str, Agreement]:
    return {a.id: a for a in dataset.agreements}


def _problem(result: Merge, table: Table, row: int, column: int, message: str) -> None:
    header = table.header[column - 1] if 0 < column <= len(table.header) else None
    result.problems.append(Problem(table.file, row, column, "error", message, header))


def _conflict_row(result: Merge, table: Table, row: int, column: int, message: str) -> None:
    result.conflicts += 1
    _problem(result, table, row, column, message)


def _values(table: Table, row: Row, index: NameIndex, result: Merge) -> dict[str, Any]:
    """The row's cells as field values; a cell that cannot be read is a problem (and
    left out of the change)."""
    values: dict[str, Any] = {}
    for column, key in enumerate(table.keys, start=1):
        if key in (None, "id", BASE, REVISION):
            continue
        cell = row.cells[column - 1]
        why = cell_kind_problem(cell, key)
        if why is not None:
            _problem(result, table, row.number, column, why)
            continue
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
    try:
        return value_of(index, key, text)
    except UnknownName as exc:  # pragma: no cover - value_of words it
        raise EditError(str(exc)) from None


def basis_code(text: str) -> str:
    """members_basis as the sheet may say it (the code, or its word in either language)."""
    key = fold(text)
    for code, word in BASIS.items():
        if key in (fold(code), fold(word), fold(bokmal(word)), fold(_(word))):
            return code
    return text


def _marks(text: str) -> str:
    """Whether a members cell marks its names unsettled: all, none or some."""
    names = [p.strip() for p in text.split(",") if p.strip()]
    marked = [n.endswith("?") for n in names]
    if not names or not any(marked):
        return "none"
    return "all" if all(marked) else "some"


def _check_marks(
    table: Table, row: Row, agreement: Agreement, sheet: dict[str, Any], wanted: dict[str, Any], result: Merge
) -> None:
    """The ? on members says what members_basis says (uncertain); removing it alone is
    refused in words."""
    column = table.column("members")
    if column is None:
        return
    text = row.cells[column - 1].text
    if not text.strip():
        return
    marks = _marks(text)
    basis = wanted.get("members_basis", sheet.get("members_basis", agreement.members_basis))
    basis = basis or "source"
    if marks == "some":
        _problem(
            result,
            table,
            row.number,
            column,
            _("some members are marked ? and some not; ? marks them all as unsettled, or none"),
        )
    elif marks == "all" and basis != "uncertain":
        _problem(
            result,
            table,
            row.number,
            column,
            _(
                "the ? marks members nothing settles, but members_basis says {basis}; "
                "take the ? off, or set members_basis to uncertain"
            ).format(basis=basis),
        )
    elif marks == "none" and basis == "uncertain":
        _problem(
            result,
            table,
            row.number,
            column,
            _(
                "the ? came off members nothing settles; to settle them, set members_basis "
                "(evidence, remark, spacing or source) and members_evidence too, or keep the ?"
            ),
        )


def _same(field_name: str, a: Any, b: Any) -> bool:
    if is_default(field_name, a) and is_default(field_name, b):
        return True
    return bool(a == b)


def _merged(
    table: Table,
    row: Row,
    agreement: Agreement,
    sheet: dict[str, Any],
    base: Any,
    choice: str | None,
    result: Merge,
) -> dict[str, Any]:
    """The cells of one row that change the file."""
    wanted: dict[str, Any] = {}
    for key, value in sheet.items():
        ours = getattr(agreement, key)
        if _same(key, value, ours):
            continue
        old = base(key)
        if old is _NOBASE:
            wanted[key] = value
            continue
        if old is not _UNKNOWN and old is not _ABSENT and _same(key, value, old):
            continue  # the colleague left this cell as it was
        if old is not _UNKNOWN and old is not _ABSENT and _same(key, ours, old):
            wanted[key] = value  # only the sheet changed it
            continue
        if choice == THEIRS:
            wanted[key] = value
            continue
        if choice == OURS:
            continue
        column = table.column(key) or 1
        if old is _UNKNOWN:
            message = _(
                "changed in the sheet to {sheet}, and the file's record changed since the "
                "export (it has {file}; the export's version is not at hand to tell which "
                "cells): choose with --theirs (the sheet's) or --ours (the file's)"
            ).format(sheet=_said(value), file=_said(ours))
        else:
            message = _(
                "changed in the sheet to {sheet} and in the file to {file} since the export "
                "(it was {base}); choose with --theirs (the sheet's) or --ours (the file's)"
            ).format(sheet=_said(value), file=_said(ours), base=_said(None if old is _ABSENT else old))
        result.conflicts += 1
        _problem(result, table, row.number, column, message)
    return wanted


def _said(value: Any) -> str:
    if value is None or value == [] or value == "":
        return _("(empty)")
    if isinstance(value, list):
        value = ", ".join(value)
    text = escaped(str(value))
    return "'" + (text if len(text) <= 60 else text[:57] + "...") + "'"


def _base_of(table: Table, index: NameIndex, base: Dataset | None, result: Merge) -> Any:
    """A function (id, agreement) → a function field → the base's value (or _UNKNOWN,
    _ABSENT)."""
    if base is not None:
        by_id = _by_id(base)

        def from_dataset(ident: str, agreement: Agreement) -> Any:
            record = by_id.get(ident)
            if record is None:
                return lambda key: _ABSENT
            return lambda key: getattr(record, key)

        return from_dataset
    if table.base_cells:

        def from_sheet(ident: str, agreement: Agreement) -> Any:
            cells = table.base_cells.get(ident)
            if cells is None:
                return lambda key: _ABSENT

            def value(key: str) -> Any:
                if key not in cells:
                    return _UNKNOWN
                try:
                    return read_cell(index, key, cells[key])
                except EditError:
                    return _UNKNOWN

            return value

        return from_sheet
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

        def from_revision(ident: str, agreement: Agreement) -> Any:
            if table.revisions.get(ident) == agreement.revision():
                return lambda key: getattr(agreement, key)
            return lambda key: _UNKNOWN

        return from_revision
    result.notes.append(
        _(
            "the table carries no base (ikscli did not write it, or its base and revision "
            "columns were removed): changes made in the file since the table was made cannot "
            "be told apart from the table's, and the table's values are taken"
        )
    )
    return lambda ident, agreement: (lambda key: _NOBASE)
