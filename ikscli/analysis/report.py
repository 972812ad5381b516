"""The appendix the council reads, rebuilt from the data: sections, rows and marks.

Knows nothing of markdown or HTML; `ikscli.render.report_markdown` and
`report_html` lay it out. The report is in Norwegian, as the source is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikscli.analysis.marks import EVIDENCE, UNCERTAIN, mark
from ikscli.model import Agreement, Dataset
from ikscli.text.dates import norwegian

PLANNED_HEADING = "Under utredning"


@dataclass
class Row:
    agreement: Agreement
    marks: list[str]  # "x", "x?" or "" per municipality
    sub: bool  # a sub-agreement (delavtale), printed with * as in the source

    @property
    def name(self) -> str:
        return self.agreement.name + ("*" if self.sub else "")

    @property
    def terminated(self) -> bool:
        return self.agreement.status == "terminated"


@dataclass
class Section:
    heading: str
    rows: list[Row]


@dataclass
class Report:
    title: str
    as_of: str
    source: str
    municipalities: list[str]
    other_parties: list[str]
    sections: list[Section]
    legend: Legend


@dataclass
class Legend:
    """What the report's marks mean, for the marks it uses."""

    parents: list[str]  # the agreements whose sub-agreements carry a *
    evidence: bool  # some row has an x¹
    uncertain: bool  # some row has an x?
    terminated: bool  # some row is struck through


def build(dataset: Dataset) -> Report:
    municipalities = [p.name for p in dataset.parties if p.region]
    others = [
        p.name + (f" ({p.short_name})" if p.short_name else "")
        for p in dataset.parties
        if not p.region
    ]

    marks_for: dict[tuple[tuple[str, ...], str], list[str]] = {}  # few kinds of rows

    def row(a: Agreement) -> Row:
        key = (tuple(a.members), a.members_basis)
        marks = marks_for.get(key)
        if marks is None:
            marks = marks_for[key] = [mark(a, m) for m in municipalities]
        return Row(a, marks, a.parent is not None)

    declared = set(dataset.categories)
    by_category: dict[str | None, list[Agreement]] = {}
    for a in dataset.agreements:  # one pass, whatever the number of categories
        heading = a.category if a.category in declared else None
        by_category.setdefault(heading, []).append(a)
    sections = []
    for heading in [*dataset.categories, None]:
        members = by_category.get(heading, [])
        if heading is None:  # named outside the table: planned ones first, then any other
            members = sorted(members, key=lambda a: a.status != "planned")
        ordered = _parents_first(members)
        if ordered:
            sections.append(Section(heading or PLANNED_HEADING, [row(a) for a in ordered]))
    day = dataset.meta.as_of
    rows = [r for section in sections for r in section.rows]
    names = {a.id: a.name for a in dataset.agreements}
    parents = list(
        dict.fromkeys(
            names.get(r.agreement.parent, r.agreement.parent)
            for r in rows
            if r.sub and r.agreement.parent
        )
    )
    legend = Legend(
        parents,
        any(EVIDENCE in r.marks for r in rows),
        any(UNCERTAIN in r.marks for r in rows),
        any(r.terminated for r in rows),
    )
    return Report(
        dataset.meta.title,
        norwegian(day),
        dataset.meta.source,
        municipalities,
        others,
        sections,
        legend,
    )


def legend_parts(legend: Legend) -> list[tuple[str, str]]:
    """(mark, meaning) for each mark the report uses, in Norwegian, as the source."""
    parts = []
    if legend.parents:
        parts.append(("*", "Delavtale under " + ", ".join(legend.parents)))
    if legend.evidence:
        parts.append(
            (
                EVIDENCE,
                "deltakelsen står ikke tydelig i kilden og er avgjort ut fra "
                "andre opplysninger (se ikscli show)",
            )
        )
    if legend.uncertain:
        parts.append((UNCERTAIN, "deltakelsen er usikker i kilden"))
    if legend.terminated:
        parts.append(("struck", "avtalen er sagt opp"))
    return parts


def _parents_first(agreements: list[Agreement]) -> list[Agreement]:
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
