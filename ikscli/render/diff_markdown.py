"""diff as a Norwegian change list in Markdown, for a council document.

In the later dataset's language (`meta.language`: bokmål or nynorsk), else the
reader's; `sections` and `heading` are the words the Word list uses too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from ikscli.analysis.diff import Change, title
from ikscli.i18n import _, basis_word, document_language, speaking, status_word
from ikscli.model import Dataset
from ikscli.render.markdown import escape


@contextmanager
def in_language(new: Dataset) -> Iterator[str]:
    """Write the change list in the language of the later file (or the reader's)."""
    language = document_language(new.meta.language)
    with speaking(language):
        yield language


def value(v: object, kind: str = "") -> str:
    """A value as the change list says it: the file's closed sets in words."""
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, list):
        return ", ".join(v)
    if not isinstance(v, str):
        return _("none")
    if kind == "members_basis":
        return basis_word(v)
    return status_word(v) if kind in ("terminated", "status") else v


def heading(old: Dataset, new: Dataset) -> str:
    return _("Changes in intermunicipal cooperation from {old} to {new}").format(
        old=old.meta.as_of.strftime("%d.%m.%Y"), new=new.meta.as_of.strftime("%d.%m.%Y")
    )


def footer(new: Dataset) -> str:
    return _("Source: {source}. As of {date}.").format(
        source=new.meta.source, date=new.meta.as_of.strftime("%d.%m.%Y")
    )


def sections(changes: list[Change]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The change list: per kind of change, its title and (agreement, what changed)."""
    found: list[tuple[str, list[tuple[str, str]]]] = []
    kind: str | None = None
    for c in changes:
        if c.kind != kind:
            kind = c.kind
            found.append((title(kind), []))
        if kind in ("added", "removed"):
            detail = ""
        elif kind == "joined":
            detail = value(c.new)
        elif kind == "left":
            detail = value(c.old)
        else:
            detail = f"{value(c.old, kind)} → {value(c.new, kind)}"
        found[-1][1].append((c.name, detail))
    return found


def render(changes: list[Change], old: Dataset, new: Dataset, out: TextIO) -> None:
    """A Norwegian change list a municipality can paste into its council document."""
    with in_language(new):
        out.write(f"## {heading(old, new)}\n")
        if not changes:
            out.write("\n" + _("No changes.") + "\n")
            return
        for name, items in sections(changes):
            out.write(f"\n### {name}\n\n")
            for agreement, detail in items:
                line = f"**{escape(agreement)}**"
                if detail:
                    line += f": {escape(detail)}"
                out.write(f"- {line}\n")
