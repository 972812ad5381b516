"""The cooperation network as a graph: parties and agreements, or parties alone.

Builds nodes and edges; `ikscli.render.graphs` writes them as Mermaid or DOT.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from ikscli.model import Agreement, Dataset
from ikscli.query.parties import every_party


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
    for i, party in enumerate(every_party(dataset)):
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
    roles = [_roles(a) for a in agreements]
    used = {name for these in roles for name, _ in these}
    parties = _party_nodes(dataset, used)
    keys = {name: node.key for name, node in parties.items()}
    nodes = list(parties.values())
    edges = []
    for i, (a, these) in enumerate(zip(agreements, roles, strict=True)):
        key = f"a{i}"
        nodes.append(Node(key, a.name, "agreement"))
        edges += [Edge(keys[name], key, role) for name, role in these]
    return Graph(nodes, edges)


def shared_counts(
    dataset: Dataset, agreements: list[Agreement]
) -> list[tuple[tuple[str, str], int]]:
    """Each pair of parties that share agreements, with how many: the most first (then in
    the dataset's order of parties). The one count of the network, for the graph and the
    public page alike."""
    shared: Counter[tuple[str, str]] = Counter()
    order = {p.name: i for i, p in enumerate(every_party(dataset))}
    for a in agreements:
        names = sorted({name for name, _ in _roles(a)}, key=order.__getitem__)
        shared.update(combinations(names, 2))
    return sorted(shared.items(), key=lambda kv: (-kv[1], order[kv[0][0]], order[kv[0][1]]))


def parties_graph(dataset: Dataset, agreements: list[Agreement]) -> Graph:
    """Parties only; an edge's weight is the number of agreements the two share."""
    used = {name for a in agreements for name, _ in _roles(a)}
    parties = _party_nodes(dataset, used)
    edges = [
        Edge(parties[a].key, parties[b].key, "shared", n)
        for (a, b), n in shared_counts(dataset, agreements)
    ]
    return Graph(list(parties.values()), edges)
