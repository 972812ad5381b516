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


def render(changes: list[Change], old: Dataset, new: Dataset, out: TextIO) -> None:
    """A Norwegian change list a municipality can paste into its council document."""

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "ja" if v else "nei"
        if isinstance(v, list):
            return ", ".join(v)
        return _STATUS_NO.get(v, v) if isinstance(v, str) else "ingen"

    date_old = old.meta.as_of.strftime("%d.%m.%Y")
    date_new = new.meta.as_of.strftime("%d.%m.%Y")
    out.write(f"## Endringer i interkommunale samarbeid fra {date_old} til {date_new}\n")
    if not changes:
        out.write("\nIngen endringer.\n")
        return
    kind: str | None = None
    for c in changes:
        if c.kind != kind:
            kind = c.kind
            out.write(f"\n### {title(kind, norwegian=True)}\n\n")
        name = f"**{escape(c.name)}**"
        if kind in ("added", "removed"):
            line = name
        elif kind == "joined":
            line = f"{name}: {escape(value(c.new))}"
        elif kind == "left":
            line = f"{name}: {escape(value(c.old))}"
        else:
            line = f"{name}: {escape(value(c.old))} → {escape(value(c.new))}"
        out.write(f"- {line}\n")
