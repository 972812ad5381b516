"""The appendix as a Word document (`ikscli report --format docx -o vedlegg.docx`).

The same grid as the Markdown and HTML appendix, with the host (vertskommune) beside
the form: the categories as rows across the table, terminated agreements struck
through and said so, the legend under it, the source and date in every page's footer.
"""

from __future__ import annotations

from typing import BinaryIO

from ikscli.analysis.report import Report
from ikscli.render import word


def render(report: Report, out: BinaryIO) -> None:
    built = word.document(report.language)
    words = report.words
    agreement, form, host, remark = words.columns
    terminated = words.terminated
    built.add_heading(word.clean(report.title), level=1)
    built.add_paragraph(word.clean(report.introduction))
    headers = [agreement, form, host, *report.municipalities, remark]
    grid = word.table(built, headers)
    for section in report.sections:
        word.heading_row(grid, section.heading)
        for row in section.rows:
            a = row.agreement
            note = a.note or ""
            if row.terminated and terminated not in note.lower():
                note = f"{note} ({terminated})" if note else terminated.capitalize()
            texts = [row.name, a.form or "", a.host or "", *row.marks, note]
            word.row(grid, texts, struck=0 if row.terminated else None)
    parts = words.legend
    if parts:
        built.add_paragraph(
            word.clean(
                " ".join(
                    f"* {v}." if k == "*" else f"{words.struck if k == 'struck' else k} = {v}."
                    for k, v in parts
                )
            )
        )
    word.footer(built, words.footer)
    word.save(built, out)
