"""`ikscli schema`: the JSON Schema of the dataset file, for editors."""

from __future__ import annotations

from ikscli.cli.options import OutputOption
from ikscli.cli.writing import writing


def schema(output: OutputOption = None) -> None:
    """Print the dataset file's JSON Schema (draft-07, generated from the models).

    Editors with yaml-language-server check the file while it is typed when its first
    line is `# yaml-language-server: $schema=../schema/samarbeid.schema.json`.

    Example: ikscli schema -o schema/samarbeid.schema.json
    """
    from ikscli.reading.schema import text

    with writing(output) as stream:
        stream.write(text())
