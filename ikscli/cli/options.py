"""Options shared by the commands, declared once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

DataOption = Annotated[
    Optional[Path],
    typer.Option(
        "--data", "-d", envvar="IKSCLI_DATA", show_envvar=True, metavar="FILE",
        help="Dataset file to read instead of the bundled one (never written to).",
    ),
]

NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="Read and validate the file even if it was validated before."),
]


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output: table for people; json, csv, markdown for "
                 "programs and documents.", case_sensitive=False),
]

ExcelOption = Annotated[
    bool,
    typer.Option("--excel", help="CSV for Norwegian Excel: semicolons and a UTF-8 BOM "
                 "(implies --format csv)."),
]

KommuneOption = Annotated[
    Optional[list[str]],
    typer.Option("--kommune", "-k", metavar="NAME",
                 help="Only agreements this municipality is a member of (name, short "
                 "name or kommunenummer; repeat: all must be members)."),
]
