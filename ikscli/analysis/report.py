"""The appendix the council reads, rebuilt from the data: sections, rows and marks.

Knows nothing of markdown or HTML; `ikscli.render.report_markdown` and
`report_html` lay it out. The report is in Norwegian, as the source is: in the
dataset's `meta.language` (bokmål or nynorsk), else the reader's; its words are
made here, in that language, and the layouts only place them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikscli.analysis.grid import Row, grid
from ikscli.analysis.marks import EVIDENCE, UNCERTAIN
from ikscli.i18n import N_, _, document_language, speaking, status_word
from ikscli.model import Dataset
from ikscli.query.parties import every_party
from ikscli.text.dates import norwegian

PLANNED_HEADING = N_("Under study")  # the source's "Under utredning": planned ones
UNSORTED_HEADING = N_("Without a category")  # neither planned nor under a heading


@dataclass
class Section:
    heading: str
    rows: list[Row]


@dataclass
class Words:
    """The report's own words, in its language."""

    introduction: str  # the line under the title: the date, municipalities, other parties
    source: str  # "Kilde: …"
    footer: str  # "Kilde: …. Per …." (Word's footer)
    columns: tuple[str, str, str, str]  # agreement, form, host, remark
    terminated: str  # "sagt opp" (the glossary's word)
    struck: str  # what the legend calls a struck-through row
    legend: list[tuple[str, str]]  # (mark, meaning) for each mark the report uses


@dataclass
class Report:
    title: str
    as_of: str
    source: str
    municipalities: list[str]
    other_parties: list[str]
    sections: list[Section]
    legend: Legend
    language: str  # nb or nn
    words: Words

    @property
    def introduction(self) -> str:
        return self.words.introduction


@dataclass
class Legend:
    """What the report's marks mean, for the marks it uses."""

    parents: list[str]  # the agreements whose sub-agreements carry a *
    evidence: bool  # some row has an x¹
    uncertain: bool  # some row has an x?
    terminated: bool  # some row is struck through


def build(dataset: Dataset) -> Report:
    """The appendix of a dataset, in its language (`meta.language`, else the reader's)."""
    language = document_language(dataset.meta.language)
    with speaking(language):
        return _build(dataset, language)


def _build(dataset: Dataset, language: str) -> Report:
    municipalities = [p.name for p in dataset.parties if p.region]
    others = [
        p.name + (f" ({p.short_name})" if p.short_name else "")
        for p in every_party(dataset)
        if not p.region
    ]

    sections = []
    for part in grid(dataset, dataset.agreements, municipalities):
        if part.category is not None:
            sections.append(Section(part.category, part.rows))
            continue
        planned = [r for r in part.rows if r.agreement.status == "planned"]
        unsorted = [r for r in part.rows if r.agreement.status != "planned"]
        for heading, rows in ((PLANNED_HEADING, planned), (UNSORTED_HEADING, unsorted)):
            if rows:
                sections.append(Section(_(heading), rows))
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
    as_of = norwegian(day)
    source = dataset.meta.source
    introduction = _("As of {date}. Municipalities: {names}.").format(
        date=as_of, names=", ".join(municipalities)
    )
    if others:
        introduction += " " + _("Other parties named: {names}.").format(names=", ".join(others))
    words = Words(
        introduction,
        _("Source: {source}").format(source=source),
        _("Source: {source}. As of {date}.").format(source=source, date=as_of),
        (_("Agreement"), _("Form"), _("Host"), _("Remark")),
        status_word("terminated"),
        _("Struck through"),
        legend_parts(legend),
    )
    return Report(
        dataset.meta.title,
        as_of,
        source,
        municipalities,
        others,
        sections,
        legend,
        language,
        words,
    )


def legend_parts(legend: Legend) -> list[tuple[str, str]]:
    """(mark, meaning) for each mark the report uses, in the language being written."""
    parts = []
    if legend.parents:
        parts.append(
            ("*", _("Sub-agreement under {names}").format(names=", ".join(legend.parents)))
        )
    if legend.evidence:
        parts.append(
            (
                EVIDENCE,
                _("the source does not show the membership clearly; other evidence settles it"),
            )
        )
    if legend.uncertain:
        parts.append((UNCERTAIN, _("the membership is uncertain in the source")))
    if legend.terminated:
        parts.append(("struck", _("the agreement is terminated")))
    return parts
