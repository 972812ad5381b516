"""`ikscli import`: a table a colleague filled in, merged back into the dataset file.

The table is read cell by cell (`ikscli.edit.table`), merged three ways with the
version it was made from (`ikscli.edit.merge`), and the result is checked as any
change is: every problem, the table's own and those of the result, is named by its
cell, all in one round, and nothing is written while there is one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ikscli.edit.draft import Draft
from ikscli.edit.merge import Merge, merge
from ikscli.edit.operations import add_agreement, change_agreement, position_of
from ikscli.edit.session import Change, Edit
from ikscli.edit.table import Table, check_size, read_text
from ikscli.i18n import _, ngettext
from ikscli.problems import Problem
from ikscli.query.nameindex import NameIndex


def read_table(path: Path, file: str) -> Table:
    """Read a table (a workbook or CSV/TSV); a file that is no table is a TableError."""
    check_size(path, file)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from ikscli.edit.workbook import read_workbook

        return read_workbook(path, file)
    return read_text(path, file)


def import_table(
    table: Table, dataset_path: Path, choice: str | None = None, remove_missing: bool = False
) -> tuple[Edit, list[Merge]]:
    """The edit that brings `table` into the dataset file, and (once run) its merge."""
    merges: list[Merge] = []

    def edit(draft: Draft, index: NameIndex) -> list[Change]:
        merged = merge(table, index, _base(table, dataset_path), choice, remove_missing)
        merges.append(merged)
        draft.problems = list(merged.problems)
        draft.place = _placer(table, merged)
        draft.refusal = lambda count: ngettext(
            "{table}: nothing imported ({n} problem)",
            "{table}: nothing imported ({n} problems)",
            count,
        ).format(table=table.file, n=count)
        changes: list[Change] = []
        for ident, values in merged.changed.items():
            change = change_agreement(draft, index, index.agreements[ident], values)
            if change:
                changes.append(change)
        for ident in merged.removed:
            agreement = index.agreements[ident]
            draft.remove("agreements", position_of(index, agreement))
            changes.append(Change("removed", agreement.id, agreement.name))
        for ident, values in merged.added.items():
            values = {k: v for k, v in values.items() if k != "id"}
            if not values.get("name"):
                draft.problems.append(
                    Problem(
                        table.file,
                        merged.rows[ident],
                        table.column("name") or table.column("id") or 1,
                        "error",
                        _("a new agreement needs a name"),
                        _header(table, "name"),
                    )
                )
                continue
            changes.append(add_agreement(draft, index, ident, values))
        return changes

    return edit, merges


def _header(table: Table, key: str) -> str | None:
    column = table.column(key) or table.column("id")
    return table.header[column - 1] if column else None


def _base(table: Table, dataset_path: Path) -> Any:
    """The dataset the table was made from, when a copy of that version is kept."""
    if not table.base:
        return None
    from ikscli.edit import history
    from ikscli.reading.loader import load_bytes

    raw = history.find(table.base, dataset_path)
    if raw is None:
        return None
    loaded = load_bytes(raw, "base", use_cache=True)
    return loaded.dataset


def _placer(table: Table, merged: Merge) -> Any:
    """Findings of the result at the table's cells: the row of the agreement's id, the
    column of the field (or the id's, when the table has no such column)."""

    def place(findings: list[Any], ids: list[str | None]) -> list[Problem]:
        placed = []
        for finding in findings:
            path = finding.path
            if len(path) < 2 or path[0] != "agreements" or not isinstance(path[1], int):
                continue
            ident = ids[path[1]] if path[1] < len(ids) else None
            row = merged.rows.get(ident) if ident is not None else None
            if row is None:
                continue
            field = path[2] if len(path) > 2 else "id"
            column = table.column(str(field)) or table.column("id") or 1
            placed.append(
                Problem(
                    table.file,
                    row,
                    column,
                    finding.severity,
                    finding.message,
                    table.header[column - 1] or None,
                )
            )
        return placed

    return place
