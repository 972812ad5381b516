"""The appendix as Markdown."""

from __future__ import annotations

from typing import TextIO

from ikscli.analysis.report import TERMINATED, Report, legend_parts
from ikscli.render.markdown import escape


def render(report: Report, out: TextIO) -> None:
    out.write(f"# {escape(report.title)}\n\n")
    out.write(escape(report.introduction))
    out.write(f"\n\nKilde: {escape(report.source)}\n")
    headers = ["Samarbeid", "Form", "Vertskommune", *map(escape, report.municipalities), "Merknad"]
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
                name = f"~~{name}~~ ({TERMINATED})"
            cells = [
                name,
                escape(a.form or ""),
                escape(a.host or ""),
                *map(escape, row.marks),
                escape(a.note or ""),
            ]
            out.write("| " + " | ".join(cells) + " |\n")
    parts = legend_parts(report.legend)
    if parts:
        text = " ".join(
            f"\\* {escape(v)}."
            if k == "*"
            else f"{'~~Overstreket~~' if k == 'struck' else escape(k)} = {escape(v)}."
            for k, v in parts
        )
        out.write(f"\n{text}\n")
