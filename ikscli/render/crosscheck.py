"""`ikscli crosscheck`'s findings: a line per finding with its places, or a table.

The text form is one line per finding, like validate's problems: the place in the
first file (file:line:col), what differs, and the place in the other. JSON keeps
every value exactly; Markdown is the auditor's table (both through `Output`).
"""

from __future__ import annotations

from typing import Any, TextIO

from ikscli.i18n import _
from ikscli.render.output import Column, Output
from ikscli.text.untrusted import quoted


def _value(value: Any) -> str:
    from ikscli.analysis.crosscheck import VALUE_WORDS

    if value is None:
        return _("not listed")
    if value in VALUE_WORDS:
        return _(VALUE_WORDS[value])
    return str(value)


def _sentence(finding: Any) -> str:
    from ikscli.analysis.crosscheck import title

    name = quoted(finding.agreement)
    if finding.kind == "missing":
        (other,) = finding.values
        return _("{what}: {name} names {who}, and {other} does not list it").format(
            what=title(finding.kind), name=name, who=quoted(finding.subject), other=other
        )
    values = "; ".join(f"{file}: {_value(v)}" for file, v in finding.values.items())
    who = f" ({quoted(finding.subject)})" if finding.subject else ""
    return f"{title(finding.kind)}: {name}{who}: {values}"


def _where(place: Any) -> str:
    return f"{place.file}:{place.line}:{place.column}" if place.line else place.file


def text(findings: list[Any], stream: TextIO) -> None:
    """A line per finding: where, what, and where else."""
    for finding in findings:
        first, *others = finding.places
        also = "".join(f" [{_where(p)}]" for p in others)
        stream.write(f"{_where(first)}: {_sentence(finding)}{also}\n")


def output(findings: list[Any]) -> Output:
    """The findings as a table (Markdown, the auditor's report) and as records (JSON)."""
    from ikscli.analysis.crosscheck import title

    columns = [
        Column(_("Finding"), "kind"),
        Column(_("Agreement"), "agreement"),
        Column(_("Municipality"), "municipality"),
        Column(_("Where"), "where"),
        Column(_("Values"), "values"),
    ]
    rows = [
        {
            "kind": title(f.kind),
            "agreement": f.agreement,
            "municipality": f.subject or "",
            "where": ", ".join(_where(p) for p in f.places),
            "values": "; ".join(f"{file}: {_value(v)}" for file, v in f.values.items()),
        }
        for f in findings
    ]
    return Output(columns, rows, [f.as_dict() for f in findings])
