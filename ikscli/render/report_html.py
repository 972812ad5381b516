"""The appendix as one self-contained HTML file: inline CSS, no network, A4 landscape."""

from __future__ import annotations

from html import escape
from typing import TextIO

from ikscli.analysis.report import Report

CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 10pt; color: #111; margin: 2em; }
h1 { font-size: 16pt; margin-bottom: 0.2em; }
p.meta { color: #444; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #e8e8e8; }
td.mark, th.mark { text-align: center; width: 6em; }
tr.category th { background: #cfdbe6; font-size: 11pt; }
tr.terminated td { color: #666; }
tr.terminated td.name { text-decoration: line-through; }
tr { page-break-inside: avoid; }
span.badge { font-size: 8pt; border: 1px solid #999; border-radius: 3px; padding: 0 3px;
             text-decoration: none; display: inline-block; }
p.legend { color: #444; font-size: 9pt; }
@media print { body { margin: 0; } }
"""


def render(report: Report, out: TextIO) -> None:
    marks = report.municipalities
    chunks: list[str] = []  # written at once: one write per row is slow at national size
    w = chunks.append
    words = report.words
    agreement, form, host, remark = map(escape, words.columns)
    w(f'<!DOCTYPE html>\n<html lang="{report.language}">\n<head>\n<meta charset="utf-8">\n')
    w(f"<title>{escape(report.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    w(f"<h1>{escape(report.title)}</h1>\n")
    w(f'<p class="meta">{escape(report.introduction)}<br>{escape(words.source)}</p>\n')
    w(f"<table>\n<thead><tr><th>{agreement}</th><th>{form}</th><th>{host}</th>")
    w("".join(f'<th class="mark">{escape(m)}</th>' for m in marks))
    w(f"<th>{remark}</th></tr></thead>\n")
    terminated = escape(words.terminated)
    for section in report.sections:
        w(
            f'<tbody>\n<tr class="category"><th colspan="{len(marks) + 4}">'
            f"{escape(section.heading)}</th></tr>\n"
        )
        for row in section.rows:
            a = row.agreement
            cls = f' class="{"terminated" if row.terminated else a.status}"'
            badge = f' <span class="badge">{terminated}</span>' if row.terminated else ""
            w(
                f'<tr{cls} id="{escape(a.id)}"><td class="name">{escape(row.name)}</td>'
                f"<td>{escape(a.form or '')}</td><td>{escape(a.host or '')}</td>"
            )
            w("".join(f'<td class="mark">{escape(m)}</td>' for m in row.marks))
            w(f"<td>{escape(a.note or '')}{badge}</td></tr>\n")
        w("</tbody>\n")
    w("</table>\n")
    parts = words.legend
    if parts:
        struck = escape(words.struck)
        text = " ".join(
            f"{escape(k)} {escape(v)}."
            if k == "*"
            else f"{struck if k == 'struck' else escape(k)} = {escape(v)}."
            for k, v in parts
        )
        w(f'<p class="legend">{text}</p>\n')
    w("</body>\n</html>\n")
    out.write("".join(chunks))
