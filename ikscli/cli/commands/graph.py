"""`ikscli graph`: the cooperation network as Mermaid or DOT."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from ikscli.cli.dataset import load_dataset, select_or_exit
from ikscli.cli.options import (
    CategoryOption,
    DataOption,
    FormFilter,
    HostOption,
    KommuneOption,
    NoCacheOption,
    OutputOption,
    PartyOption,
    SearchOption,
    StatusOption,
    choices,
    filters,
)
from ikscli.cli.writing import writing
from ikscli.i18n import _

if TYPE_CHECKING:  # a class to the type checker; made from the registry when run

    class GraphFormat(str, Enum): ...

else:
    GraphFormat = choices("GraphFormat", "graph")


class GraphView(str, Enum):
    agreement = "agreement"
    kommune = "kommune"


def graph(
    kommune: KommuneOption = None,
    party: PartyOption = None,
    host: HostOption = None,
    form: FormFilter = None,
    category: CategoryOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    fmt: Annotated[
        GraphFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help=_("mermaid (renders on GitHub and in many editors) or dot (Graphviz)."),
        ),
    ] = GraphFormat["mermaid"],
    by: Annotated[
        GraphView,
        typer.Option(
            "--by",
            case_sensitive=False,
            help=_(
                "agreement: parties and agreements; kommune: parties only, edges weighted by "
                "the number of agreements they share."
            ),
        ),
    ] = GraphView.agreement,
    output: OutputOption = None,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """The cooperation network as a picture (Mermaid or Graphviz DOT).

    Parties (municipalities, the county, hosts outside the region) and agreements, with
    edges for membership, partnership and hosting; or, with --by kommune, the parties
    alone, each edge weighted by the agreements two parties share.

    Example: ikscli graph --format dot | dot -Tsvg > samarbeid.svg
    """
    query = filters(kommune, host, form, category, status, search, party)
    from ikscli.analysis.graph import agreements_graph, parties_graph
    from ikscli.render import get

    index = load_dataset(data, no_cache)
    agreements = select_or_exit(index, query)
    build = parties_graph if by is GraphView.kommune else agreements_graph
    picture = build(index.dataset, agreements)
    with writing(output) as stream:
        get(fmt.value, "graph")(picture, stream)
