"""The source's grid, once: agreements in its sections, a mark per municipality.

The council's appendix (`ikscli.analysis.report`) and `ikscli matrix`
(`ikscli.render.views.matrix_output`) are both this grid: the dataset's categories in
their order, then what no category holds (planned agreements first); in a section the
source's order, each agreement's sub-agreements right after it; per municipality
across, the mark of `ikscli.analysis.marks`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikscli.analysis.marks import mark
from ikscli.model import Agreement, Dataset


@dataclass
class Row:
    agreement: Agreement
    marks: list[str]  # "x", "x¹", "x?" or "" per municipality across
    sub: bool  # a sub-agreement (delavtale), printed with * as in the source

    @property
    def name(self) -> str:
        return self.agreement.name + ("*" if self.sub else "")

    @property
    def terminated(self) -> bool:
        return self.agreement.status == "terminated"


@dataclass
class Section:
    category: str | None  # None: the agreements no category of the dataset holds
    rows: list[Row]


def grid(dataset: Dataset, agreements: list[Agreement], municipalities: list[str]) -> list[Section]:
    """The sections of the grid of `agreements`, marked for `municipalities`."""
    marks_for: dict[tuple[tuple[str, ...], str], list[str]] = {}  # few kinds of rows

    def row(a: Agreement) -> Row:
        key = (tuple(a.members), a.members_basis)
        marks = marks_for.get(key)
        if marks is None:
            marks = marks_for[key] = [mark(a, m) for m in municipalities]
        return Row(a, marks, a.parent is not None)

    declared = set(dataset.categories)
    by_category: dict[str | None, list[Agreement]] = {}
    for a in agreements:  # one pass, whatever the number of categories
        heading = a.category if a.category in declared else None
        by_category.setdefault(heading, []).append(a)
    sections = []
    for heading in [*dataset.categories, None]:
        members = by_category.get(heading, [])
        if heading is None:  # named outside the table: planned ones first, then any other
            members = sorted(members, key=lambda a: a.status != "planned")
        ordered = parents_first(members)
        if ordered:
            sections.append(Section(heading, [row(a) for a in ordered]))
    return sections


def parents_first(agreements: list[Agreement]) -> list[Agreement]:
    """Source order, with each agreement's sub-agreements right after it.

    Linear, and without recursion: a chain of sub-agreements may be as deep as the
    file is long.
    """
    ids = {a.id for a in agreements}
    children: dict[str, list[Agreement]] = {}
    for a in agreements:
        if a.parent is not None and a.parent in ids:
            children.setdefault(a.parent, []).append(a)
    result: list[Agreement] = []
    placed: set[str] = set()
    roots = [a for a in agreements if a.parent not in ids]
    # anything left after the roots' trees (a cycle cannot pass validation, but be safe)
    for start in [*roots, *agreements]:
        stack = [start]
        while stack:
            a = stack.pop()
            if a.id in placed:
                continue
            placed.add(a.id)
            result.append(a)
            stack.extend(reversed(children.get(a.id, ())))
    return result
