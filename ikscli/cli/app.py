"""The `ikscli` command: the typer app and its entry point."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .. import __version__
from . import (counting, diffcmd, graphcmd, hosting, lawcmd, listing, matrix, reporting,
               schemacmd, showing, validate)

app = typer.Typer(
    name="ikscli",
    help="Intermunicipal cooperation (interkommunalt samarbeid) as data: query, validate "
    "and report on the agreements of Gausdal, Lillehammer and Øyer (per 1 January 2019), "
    "or any dataset file of the same shape.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ikscli {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")] = None,
) -> None:
    """Exit codes: 0 ok, 1 invalid data, 2 wrong usage."""


app.command("validate")(validate.validate)
app.command("list")(listing.list_agreements)
app.command("filter")(listing.filter_agreements)
app.command("count")(counting.count)
app.command("hosts")(hosting.hosts)
app.command("show")(showing.show)
app.command("matrix")(matrix.matrix)
app.command("law")(lawcmd.law)
app.command("report")(reporting.report)
app.command("schema")(schemacmd.schema)
app.command("diff")(diffcmd.diff)
app.command("graph")(graphcmd.graph)


def main() -> None:
    """Console entry point: no tracebacks for a closed pipe or Ctrl-C."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
