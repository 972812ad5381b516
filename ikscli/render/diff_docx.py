"""diff as a Norwegian change list in a Word document, for a council's case papers
(`ikscli diff OLD NEW --format docx -o endringer.docx`): the same list as Markdown,
in the same language."""

from __future__ import annotations

from typing import BinaryIO

from ikscli.analysis.diff import Change
from ikscli.i18n import _
from ikscli.model import Dataset
from ikscli.render import word
from ikscli.render.diff_markdown import footer, heading, in_language, sections


def render(changes: list[Change], old: Dataset, new: Dataset, out: BinaryIO) -> None:
    with in_language(new) as language:
        built = word.document(language)
        built.add_heading(word.clean(heading(old, new)), level=1)
        if not changes:
            built.add_paragraph(_("No changes."))
        for name, items in sections(changes):
            built.add_heading(word.clean(name), level=2)
            for agreement, detail in items:
                paragraph = built.add_paragraph(style="List Bullet")
                paragraph.add_run(word.clean(agreement)).bold = True
                if detail:
                    paragraph.add_run(word.clean(f": {detail}"))
        word.footer(built, footer(new))
    word.save(built, out)
