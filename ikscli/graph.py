"""The cooperation network as a graph: parties and agreements, or parties alone.

Builds nodes and edges; `ikscli.render.graphs` writes them as Mermaid or DOT.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from .model import Agreement, Dataset


class Node(NamedTuple):
    """A party or an agreement. (NamedTuples: a national graph has a million of these,
    and a frozen dataclass costs several times as much to create.)"""

    key: str  # a safe identifier: p0, p1, … for parties, a0, a1, … for agreements
    label: str
    kind: str  # "municipality", "county", "agreement"
    region: bool = False


class Edge(NamedTuple):
    source: str
    target: str
    kind: str  # "member", "partner", "host", "shared"
    weight: int = 1


@dataclass
class Graph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def _party_nodes(dataset: Dataset, used: set[str]) -> dict[str, Node]:
    nodes = {}
    for i, party in enumerate(dataset.parties):
        if party.name in used:
            kind = "county" if party.kind == "fylkeskommune" else "municipality"
            nodes[party.name] = Node(f"p{i}", party.name, kind, party.region)
    return nodes


def _roles(a: Agreement) -> list[tuple[str, str]]:
    roles = [(m, "member") for m in a.members] + [(p, "partner") for p in a.partners]
    if a.host is not None:
        roles.append((a.host, "host"))
    return roles


def agreements_graph(dataset: Dataset, agreements: list[Agreement]) -> Graph:
    """Parties and agreements, with an edge per membership, partnership and hosting."""
    used = {name for a in agreements for name, _ in _roles(a)}
    parties = _party_nodes(dataset, used)
    graph = Graph(list(parties.values()))
    for i, a in enumerate(agreements):
        node = Node(f"a{i}", a.name, "agreement")
        graph.nodes.append(node)
        for name, role in _roles(a):
            graph.edges.append(Edge(parties[name].key, node.key, role))
    return graph


def parties_graph(dataset: Dataset, agreements: list[Agreement]) -> Graph:
    """Parties only; an edge's weight is the number of agreements the two share."""
    shared: Counter[tuple[str, str]] = Counter()
    used: set[str] = set()
    order = {p.name: i for i, p in enumerate(dataset.parties)}
    for a in agreements:
        names = sorted({name for name, _ in _roles(a)}, key=order.__getitem__)
        used.update(names)
        shared.update(combinations(names, 2))
    parties = _party_nodes(dataset, used)
    edges = [
        Edge(parties[a].key, parties[b].key, "shared", n)
        for (a, b), n in sorted(
            shared.items(), key=lambda kv: (-kv[1], order[kv[0][0]], order[kv[0][1]])
        )
    ]
    return Graph(list(parties.values()), edges)
