"""The appendix as Markdown."""

from __future__ import annotations

from typing import TextIO

from ikscli.analysis.report import Report
from ikscli.render.markdown import escape


def render(report: Report, out: TextIO) -> None:
    out.write(f"# {escape(report.title)}\n\n")
    out.write(escape(report.introduction))
    out.write(f"\n\n{escape(report.words.source)}\n")
    agreement, form, host, remark = map(escape, report.words.columns)
    headers = [agreement, form, host, *map(escape, report.municipalities), remark]
    for section in report.sections:
        out.write(f"\n## {escape(section.heading)}\n\n")
        out.write("| " + " | ".join(headers) + " |\n")
        out.write(
            "|"
            + "|".join(["---", "---", "---", *[":---:"] * len(report.municipalities), "---"])
            + "|\n"
        )
        for row in section.rows:
            a = row.agreement
            name = escape(row.name)
            if row.terminated:
                name = f"~~{name}~~ ({escape(report.words.terminated)})"
            cells = [
                name,
                escape(a.form or ""),
                escape(a.host or ""),
                *map(escape, row.marks),
                escape(a.note or ""),
            ]
            out.write("| " + " | ".join(cells) + " |\n")
    parts = report.words.legend
    if parts:
        struck = f"~~{escape(report.words.struck)}~~"
        text = " ".join(
            f"\\* {escape(v)}."
            if k == "*"
            else f"{struck if k == 'struck' else escape(k)} = {escape(v)}."
            for k, v in parts
        )
        out.write(f"\n{text}\n")
