"""`ikscli set`, `add`, `end` and `remove`: change the dataset file and keep it valid.

Each reads the file (which must be valid), makes the change on a round-trip copy
that keeps every comment, reads the result back, and writes it atomically only if
it is valid; otherwise one line per problem, exit 1, and the file untouched.
`--dry-run` prints the change as a unified diff instead of writing.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from ..i18n import _
from ..terminal import say
from .common import resolve_path, usage_error
from .options import DataOption

DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", "-n", help=_("Print the change as a diff; write nothing.")),
]
IdArgument = Annotated[
    str, typer.Argument(metavar="ID", help=_("The agreement: its id, name or a unique prefix."))
]
AssignmentsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="FIELD=VALUE...",
        help=_(
            "Fields as in JSON (members, host, status, note, ...). Lists are comma-"
            "separated; names, forms and statuses as people write them; an empty VALUE "
            "removes the field."
        ),
    ),
]

# (round-trip document, NameIndex, text) → (the new text, the id of the agreement changed)
Change = Callable[[Any, Any, str], tuple[str, str]]


def change_file(
    data: Path | None, dry_run: bool, change: Change, done: str, show: bool = False
) -> None:
    """Read, change, check, then write (or show) the dataset file; `done` is what is
    said after writing, with {file} and {id}. With `show`, the diff is printed before
    writing too."""
    from .. import roundtrip
    from ..editing import EditError, Refused
    from ..nameindex import NameIndex, UnknownName
    from . import datafile

    path = resolve_path(data)
    raw, file = datafile.read(
        path, _("a change needs a file to write: --data - reads standard input")
    )
    before = datafile.valid(raw, file)
    text, newline, bom = roundtrip.decoded(raw)
    try:
        document = roundtrip.load(text, keep_quotes=True)
        new_text, ident = change(document, NameIndex(before.dataset, before.digest), text)
    except (EditError, UnknownName, roundtrip.RoundTripError) as exc:
        usage_error(str(exc))
    except Refused as exc:
        for problem in exc.problems:
            say(str(problem))
        datafile.refuse(exc.summary)
    new_raw = roundtrip.encoded(new_text, newline, bom)
    datafile.still_valid(
        new_raw,
        file,
        _("{file} is left as it was: the change would make it invalid").format(file=file),
    )
    if new_raw == raw:
        say(_("{file}: nothing to change").format(file=file))
        return
    if dry_run or show:
        _show_diff(text, new_text, file)
    if dry_run:
        return
    datafile.write(path, new_raw)
    say(done.format(file=file, id=ident))


def _show_diff(old: str, new: str, file: str) -> None:
    from .common import writing

    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{file}", f"b/{file}"
    )
    with writing(None) as stream:
        stream.writelines(lines)


def set_fields(
    ident: IdArgument,
    assignments: AssignmentsArgument,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Change fields of an agreement; the file stays valid or is left as it was.

    Example: ikscli set felles-nav-kontor host=Gausdal --dry-run
    """
    from ..editing import parse_assignments, set_fields
    from ..roundtrip import text_of

    def change(document: Any, index: Any, _text: str) -> tuple[str, str]:
        found = index.agreement(ident).id
        set_fields(document, found, parse_assignments(index, assignments))
        return text_of(document), found

    change_file(data, dry_run, change, _("{file}: changed {id}"))


def add(
    ident: Annotated[str, typer.Argument(metavar="ID", help=_("The new agreement's id."))],
    assignments: AssignmentsArgument,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Add an agreement, after the last one of its category.

    Example: ikscli add psykolog name=Psykolog members=Gausdal,Øyer
    """
    from ..editing import add_lines, parse_assignments

    def change(document: Any, index: Any, text: str) -> tuple[str, str]:
        return add_lines(text, document, ident, parse_assignments(index, assignments)), ident

    change_file(data, dry_run, change, _("{file}: added {id}"))


def end(ident: IdArgument, dry_run: DryRunOption = False, data: DataOption = None) -> None:
    """Mark an agreement terminated (sagt opp); it stays in the file.

    Example: ikscli end digitaliseringsstyret
    """
    from ..editing import end
    from ..roundtrip import text_of

    def change(document: Any, index: Any, _text: str) -> tuple[str, str]:
        found = index.agreement(ident).id
        end(document, found)
        return text_of(document), found

    change_file(data, dry_run, change, _("{file}: ended {id}"))


def remove(ident: IdArgument, dry_run: DryRunOption = False, data: DataOption = None) -> None:
    """Remove an agreement and the comment right above it.

    Example: ikscli remove eioff --dry-run
    """
    from ..editing import remove_lines

    def change(document: Any, index: Any, text: str) -> tuple[str, str]:
        found = index.agreement(ident).id
        return remove_lines(text, document, found), found

    change_file(data, dry_run, change, _("{file}: removed {id}"))
