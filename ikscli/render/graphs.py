"""Graphs as text: Mermaid (renders on GitHub) and DOT (Graphviz)."""

from __future__ import annotations

import re
from typing import TextIO

from ikscli.analysis.graph import Graph
from ikscli.text.untrusted import CONTROL_CHARACTERS, escaped

_ROLE_LABEL = {"member": None, "partner": "partner", "host": "vertskommune"}


_MERMAID = str.maketrans(
    {
        "&": "#amp;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "%": "#37;",
        "#": "#35;",
        "\n": " ",
        "\r": " ",
    }
)


_MERMAID_SPECIAL = re.compile(f'[&"<>%#{CONTROL_CHARACTERS}]')


def _mermaid_text(text: str) -> str:
    """A label for a quoted Mermaid string: markup characters as Mermaid's entities.

    `%` too, so that no label can carry a `%%{init: ...}%%` directive or a comment.
    """
    if not _MERMAID_SPECIAL.search(text):
        return text
    return escaped(text.translate(_MERMAID))


def mermaid(graph: Graph, out: TextIO) -> None:
    lines: list[str] = ["flowchart LR\n"]  # written at once: a national graph has ~1M lines
    w = lines.append
    for node in graph.nodes:
        label = _mermaid_text(node.label)
        if node.kind == "agreement":
            w(f'  {node.key}(["{label}"])\n')
        elif node.kind == "county":
            w(f'  {node.key}[["{label}"]]\n')
        else:
            w(f'  {node.key}["{label}"]\n')
    for edge in graph.edges:
        if edge.kind == "shared":
            w(f'  {edge.source} ---|"{edge.weight}"| {edge.target}\n')
        elif edge.kind == "member":
            w(f"  {edge.source} --- {edge.target}\n")
        else:
            w(f'  {edge.source} -.-|"{_ROLE_LABEL[edge.kind]}"| {edge.target}\n')
    region = [n.key for n in graph.nodes if n.region]
    if region:
        w("  classDef region fill:#cfe3f7,stroke:#2b6ca3\n")
        w(f"  class {','.join(region)} region\n")
    out.write("".join(lines))


def _dot_text(text: str) -> str:
    return escaped(
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")
    )


def dot(graph: Graph, out: TextIO) -> None:
    out.write("graph ikscli {\n")
    out.write('  graph [rankdir=LR, fontname="Helvetica"];\n')
    out.write('  node [fontname="Helvetica", fontsize=10];\n')
    for node in graph.nodes:
        shape = {"agreement": "box, style=rounded", "county": "doubleoctagon"}.get(
            node.kind, "ellipse"
        )
        fill = ', style=filled, fillcolor="#cfe3f7"' if node.region else ""
        out.write(f'  {node.key} [label="{_dot_text(node.label)}", shape={shape}{fill}];\n')
    for edge in graph.edges:
        if edge.kind == "shared":
            out.write(
                f'  {edge.source} -- {edge.target} [label="{edge.weight}", '
                f"penwidth={1 + min(edge.weight, 40) / 8:.2f}];\n"
            )
        elif edge.kind == "member":
            out.write(f"  {edge.source} -- {edge.target};\n")
        else:
            out.write(
                f'  {edge.source} -- {edge.target} [label="{_ROLE_LABEL[edge.kind]}", '
                "style=dashed];\n"
            )
    out.write("}\n")
