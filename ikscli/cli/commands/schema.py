"""`ikscli schema`: the JSON Schema of the dataset file, for editors."""

from __future__ import annotations

from typing import Annotated

import typer

from ikscli.cli.options import OutputOption
from ikscli.cli.writing import writing
from ikscli.i18n import _


def schema(
    path: Annotated[
        bool,
        typer.Option(
            "--path",
            help=_(
                "Print where the schema that ships with ikscli is, for a modeline in a "
                "file anywhere: # yaml-language-server: $schema=PATH"
            ),
        ),
    ] = False,
    output: OutputOption = None,
) -> None:
    """Print the dataset file's JSON Schema (draft-07, generated from the models).

    Editors with yaml-language-server check the file while it is typed when its first
    line is `# yaml-language-server: $schema=../schema/samarbeid.schema.json`.

    Example: ikscli schema -o schema/samarbeid.schema.json
    """
    from ikscli.reading.schema import shipped_path, text

    if path:
        from ikscli.cli.errors import data_error

        found = shipped_path()
        if found is None:
            data_error(_("this installation of ikscli has no schema file; write one with -o"))
        with writing(output) as stream:
            stream.write(found.as_posix() + "\n")
        return
    with writing(output) as stream:
        stream.write(text())
