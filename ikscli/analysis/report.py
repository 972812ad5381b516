"""The appendix the council reads, rebuilt from the data: sections, rows and marks.

Knows nothing of markdown or HTML; `ikscli.render.report_markdown` and
`report_html` lay it out. The report is in Norwegian, as the source is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikscli.analysis.grid import Row, grid
from ikscli.analysis.marks import EVIDENCE, UNCERTAIN
from ikscli.model import Dataset
from ikscli.text.dates import norwegian

PLANNED_HEADING = "Under utredning"
TERMINATED = "sagt opp"  # the source's words for a terminated agreement (the glossary's)


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

    @property
    def introduction(self) -> str:
        """The line under the title: the date, the municipalities, the other parties."""
        text = f"Per {self.as_of}. Kommuner: {', '.join(self.municipalities)}."
        if self.other_parties:
            text += f" Andre parter som er nevnt: {', '.join(self.other_parties)}."
        return text


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

    sections = [
        Section(part.category or PLANNED_HEADING, part.rows)
        for part in grid(dataset, dataset.agreements, municipalities)
    ]
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
                "deltakelsen står ikke tydelig i kilden og er avgjort ut fra andre opplysninger",
            )
        )
    if legend.uncertain:
        parts.append((UNCERTAIN, "deltakelsen er usikker i kilden"))
    if legend.terminated:
        parts.append(("struck", "avtalen er sagt opp"))
    return parts
