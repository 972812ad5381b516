"""Renderers: every output ikscli writes, one module per format, behind one registry.

`FORMATS` names each format by what it renders and its name (`("agreements", "csv")`,
`("report", "html")`, `("problems", "github")`) and says where its function lives; a
renderer is imported only when its format is asked for. Adding a format is a module
here and its line in `FORMATS`; the command line's choices come from this table.

Renderers of what queries find take an `Output` (ikscli.render.output) and a text
stream; the others take what their command built (a report, a list of changes, a
graph, problems) and a stream; `binary` ones write bytes (a workbook, a database).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from ikscli.render.output import TABLE_ROWS, Column, Output, cell


@dataclass(frozen=True)
class Format:
    """Where one format's renderer lives."""

    module: str  # in ikscli.render
    function: str
    binary: bool = False  # writes bytes, to a file only
    for_programs: bool = False  # keeps values exactly (JSON, plain CSV): never translated


FORMATS: dict[tuple[str, str], Format] = {
    # what the queries find (list, filter, count, hosts, show, matrix, law)
    ("output", "table"): Format("table", "render"),
    ("output", "json"): Format("jsonout", "render", for_programs=True),
    ("output", "csv"): Format("csvout", "render", for_programs=True),
    ("output", "markdown"): Format("markdown", "render"),
    ("output", "ndjson"): Format("jsonout", "render_lines", for_programs=True),
    ("output", "tsv"): Format("csvout", "render_tsv", for_programs=True),
    ("output", "excel"): Format("csvout", "render_excel"),
    ("output", "xlsx"): Format("xlsx", "write", binary=True),
    # the council's appendix, the change list, the network, validate's problems
    ("report", "markdown"): Format("report_markdown", "render"),
    ("report", "html"): Format("report_html", "render"),
    ("report", "docx"): Format("report_docx", "render", binary=True),
    ("changes", "markdown"): Format("diff_markdown", "render"),
    ("changes", "docx"): Format("diff_docx", "render", binary=True),
    ("crosscheck", "text"): Format("crosscheck", "text"),
    ("graph", "mermaid"): Format("graphs", "mermaid"),
    ("graph", "dot"): Format("graphs", "dot"),
    ("problems", "text"): Format("problems", "text"),
    ("problems", "github"): Format("problems", "github"),
    ("problems", "json"): Format("problems", "as_json", for_programs=True),
    # whole publications
    ("dataset", "sqlite"): Format("sqlite", "write"),
    ("dataset", "datasette"): Format("datasette", "metadata", for_programs=True),
    ("dataset", "datapackage"): Format("datapackage", "files", binary=True, for_programs=True),
    ("dataset", "site"): Format("site", "page"),
}


def names(kind: str) -> list[str]:
    """The format names of one kind, in the registry's order (for --format choices)."""
    return [name for k, name in FORMATS if k == kind]


def get(name: str, kind: str = "output") -> Callable[..., Any]:
    """The renderer of a format (imported now, on its first use)."""
    found = FORMATS.get((kind, name))
    if found is None:
        raise ValueError(f"no {kind} format {name!r}")
    module = import_module(f"ikscli.render.{found.module}")
    renderer: Callable[..., Any] = getattr(module, found.function)
    return renderer


__all__ = ["FORMATS", "TABLE_ROWS", "Column", "Format", "Output", "cell", "get", "names"]
