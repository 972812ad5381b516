"""diff as a Norwegian change list in a Word document, for a council's case papers
(`ikscli diff OLD NEW --format docx -o endringer.docx`): the same list as Markdown."""

from __future__ import annotations

from typing import BinaryIO

from ikscli.analysis.diff import Change
from ikscli.model import Dataset
from ikscli.render import word
from ikscli.render.diff_markdown import heading, sections


def render(changes: list[Change], old: Dataset, new: Dataset, out: BinaryIO) -> None:
    built = word.document()
    built.add_heading(word.clean(heading(old, new)), level=1)
    if not changes:
        built.add_paragraph("Ingen endringer.")
    for name, items in sections(changes):
        built.add_heading(word.clean(name), level=2)
        for agreement, detail in items:
            paragraph = built.add_paragraph(style="List Bullet")
            paragraph.add_run(word.clean(agreement)).bold = True
            if detail:
                paragraph.add_run(word.clean(f": {detail}"))
    word.footer(built, f"Kilde: {new.meta.source}. Per {new.meta.as_of.strftime('%d.%m.%Y')}.")
    word.save(built, out)
