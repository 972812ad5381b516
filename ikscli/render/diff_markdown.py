"""diff as a Norwegian change list in Markdown, for a council document."""

from __future__ import annotations

from typing import TextIO

from ikscli.analysis.diff import Change, title
from ikscli.model import Dataset
from ikscli.render.markdown import escape

# Values of the file's closed sets, as the change list says them in Norwegian.
_STATUS_NO = {
    "active": "aktiv",
    "terminated": "sagt opp",
    "planned": "planlagt",
    "source": "kilden",
    "evidence": "andre kilder",
    "uncertain": "usikkert",
}


def value(v: object) -> str:
    """A value as the change list says it in Norwegian."""
    if isinstance(v, bool):
        return "ja" if v else "nei"
    if isinstance(v, list):
        return ", ".join(v)
    return _STATUS_NO.get(v, v) if isinstance(v, str) else "ingen"


def heading(old: Dataset, new: Dataset) -> str:
    date_old = old.meta.as_of.strftime("%d.%m.%Y")
    date_new = new.meta.as_of.strftime("%d.%m.%Y")
    return f"Endringer i interkommunale samarbeid fra {date_old} til {date_new}"


def sections(changes: list[Change]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The change list: per kind of change, its title and (agreement, what changed)."""
    found: list[tuple[str, list[tuple[str, str]]]] = []
    kind: str | None = None
    for c in changes:
        if c.kind != kind:
            kind = c.kind
            found.append((title(kind, norwegian=True), []))
        if kind in ("added", "removed"):
            detail = ""
        elif kind == "joined":
            detail = value(c.new)
        elif kind == "left":
            detail = value(c.old)
        else:
            detail = f"{value(c.old)} → {value(c.new)}"
        found[-1][1].append((c.name, detail))
    return found


def render(changes: list[Change], old: Dataset, new: Dataset, out: TextIO) -> None:
    """A Norwegian change list a municipality can paste into its council document."""
    out.write(f"## {heading(old, new)}\n")
    if not changes:
        out.write("\nIngen endringer.\n")
        return
    for name, items in sections(changes):
        out.write(f"\n### {name}\n\n")
        for agreement, detail in items:
            line = f"**{escape(agreement)}**"
            if detail:
                line += f": {escape(detail)}"
            out.write(f"- {line}\n")
