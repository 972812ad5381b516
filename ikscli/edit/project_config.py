"""Name a new dataset file first in the project's configuration (`snapshot --add-to-project`).

The `data` of `[tool.ikscli]` (or of ikscli.toml) gets the new file as its first entry,
so that queries and edits work on it; the rest of the configuration, its comments
included, stays as it was. The result is read back and must say what was meant.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ikscli import files
from ikscli.edit.errors import EditError
from ikscli.i18n import _
from ikscli.reading.project import Project


def add_first(project: Project, new: Path) -> str:
    """Put `new` first in the project's data; the entry as written."""
    try:
        relative = Path(new).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        raise EditError(
            _("{path} is outside the project {root}; a project names only files inside it").format(
                path=files.shown(new), root=files.shown(project.root)
            )
        ) from None
    text = project.config.read_text(encoding="utf-8")
    pyproject = project.config.name == "pyproject.toml"
    start = 0
    if pyproject:
        section = re.search(r"(?m)^\[tool\.ikscli\][ \t]*(#.*)?$", text)
        if section is None:
            raise _cannot(project)
        start = section.end()
    match = re.compile(r"(?m)^data[ \t]*=[ \t]*").search(text, start)
    if match is None:
        raise _cannot(project)
    value_start = match.end()
    quoted = '"' + relative.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if text.startswith("[", value_start):
        new_text = text[: value_start + 1] + quoted + ", " + text[value_start + 1 :]
    else:
        string = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'').match(text, value_start)
        if string is None:
            raise _cannot(project)
        new_text = text[:value_start] + f"[{quoted}, {string.group(0)}]" + text[string.end() :]
    _check(project, new_text, relative)
    files.write_bytes(project.config, new_text.encode("utf-8"))
    return relative


def _check(project: Project, text: str, relative: str) -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise _cannot(project) from None
    table = (
        document.get("tool", {}).get("ikscli")
        if project.config.name == "pyproject.toml"
        else document
    )
    data = table.get("data") if isinstance(table, dict) else None
    if not isinstance(data, list) or not data or data[0] != relative:
        raise _cannot(project)


def _cannot(project: Project) -> EditError:
    return EditError(
        _("cannot add the file to {config} by itself; put it first in its data by hand").format(
            config=files.shown(project.config)
        )
    )
