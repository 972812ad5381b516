"""`ikscli set`, `add`, `end`, `remove` and `rename-party`: change the dataset file.

The work is done by `ikscli.edit` (lock, read, check, change, check, keep the old
version, write); this module maps its outcome to words and exit codes. `--dry-run`
shows each change as `field: old → new` and writes nothing; `--diff` shows the lines.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ikscli.cli.options import DataOption, date_value
from ikscli.i18n import _
from ikscli.render.terminal import say

DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", "-n", help=_("Show what would change (field: old → new); write nothing.")
    ),
]
DiffOption = Annotated[
    bool, typer.Option("--diff", help=_("Also show the change as a unified diff of the file."))
]
IdArgument = Annotated[
    str,
    typer.Argument(metavar=_("ID"), help=_("The agreement: its id or its whole name.")),
]
AssignmentsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar=_("FIELD=VALUE"),
        help=_(
            "Fields as in JSON (members, host, status, note, ...). Lists are comma-"
            "separated; names, forms and statuses as people write them; an empty VALUE "
            "removes the field."
        ),
    ),
]


def edit_target(data: Optional[Path]) -> Path:
    """The dataset file a change writes: --data, IKSCLI_DATA or the project's first; never
    standard input, never the dataset that ships inside ikscli."""
    from ikscli.cli.dataset import resolve_path
    from ikscli.cli.errors import usage_error
    from ikscli.cli.output import same_file
    from ikscli.reading.loader import STDIN, bundled_path

    path = resolve_path(data)
    if str(path) == STDIN:
        usage_error(_("a change needs a file to write: --data - reads standard input"))
    try:
        bundled = bundled_path()
    except Exception:
        bundled = None
    if bundled is not None and data is None and same_file(path, bundled):
        usage_error(
            _(
                "ikscli does not change the dataset it ships with; copy it into a project "
                "(see README, Which dataset) or give --data FILE"
            )
        )
    return path


def run_edit(
    data: Optional[Path],
    edit: Any,
    dry_run: bool,
    diff: bool = False,
    *,
    path: Optional[Path] = None,
    notes: Any = None,
) -> Any:
    """Run an edit of the dataset file and say what it did; exit 1, 2 or 3 as it fails."""
    from ikscli import files
    from ikscli.cli.errors import output_failed, usage_error
    from ikscli.edit.errors import EditError, Refused
    from ikscli.edit.session import run
    from ikscli.query.nameindex import UnknownName

    target = path if path is not None else edit_target(data)
    try:
        outcome = run(target, edit, command=command_line(), dry_run=dry_run)
    except (EditError, UnknownName) as exc:
        _notes(notes)
        usage_error(str(exc))
    except Refused as exc:
        _notes(notes)
        refused(exc)
    except files.WriteError as exc:
        _notes(notes)
        output_failed(str(exc))
    _notes(notes)
    report(outcome, dry_run, diff)
    return outcome


def _notes(notes: Any) -> None:
    if notes is not None:
        notes()


def refused(exc: Any) -> None:
    from ikscli.cli.errors import EXIT_INVALID

    for problem in exc.problems:
        say(str(problem))
    say(exc.summary)
    raise typer.Exit(EXIT_INVALID)


def command_line() -> str:
    """This run's command, for the history (untrusted text, shown escaped)."""
    from ikscli.text.untrusted import escaped

    return escaped(" ".join(["ikscli", *sys.argv[1:]]))


def report(outcome: Any, dry_run: bool, diff: bool) -> None:
    """What changed, in words: on stderr when written, on stdout for a dry run."""
    from ikscli import files
    from ikscli.cli.writing import writing
    from ikscli.edit.patch import unified

    file = files.shown(outcome.file)
    for warning in outcome.warnings:
        say(str(warning))
    if outcome.unchanged:
        say(_("{file}: nothing to change").format(file=file))
        return
    described = list(describe(outcome.changes))
    if dry_run or diff:
        with writing(None) as stream:
            if dry_run:
                stream.writelines(line + "\n" for line in described)
            if diff and outcome.rendered is not None:
                stream.writelines(unified(outcome.text_before, outcome.rendered.splices, file))
    if dry_run:
        say(_("{file}: nothing was written (--dry-run)").format(file=file))
        return
    if len(outcome.changes) == 1 and outcome.changes[0].kind in ("changed", "added", "removed"):
        change = outcome.changes[0]
        done = {
            "changed": _("{file}: changed {id}"),
            "added": _("{file}: added {id}"),
            "removed": _("{file}: removed {id}"),
        }[change.kind]
        say(done.format(file=file, id=_shown(change.id)))
        for line in described[1:]:
            say(line)
    else:
        from ikscli.edit.session import summary

        say(f"{file}: {summary(outcome.changes)}")
        for line in described[:SHOWN]:
            say("  " + line)
        if len(described) > SHOWN:
            say(
                "  "
                + _("… and {n} lines more (--dry-run shows them all)").format(
                    n=len(described) - SHOWN
                )
            )
    if not outcome.kept:
        say(_("(the previous version could not be kept for undo: no private folder for it)"))


SHOWN = 40  # lines of a change list said after writing; --dry-run says all


def describe(changes: list[Any]) -> list[str]:
    """Each change as people read it: `changed felles-nav-kontor` and `  host: A → B`."""
    from ikscli.edit.session import word

    out = []
    for change in changes:
        ident = _shown(change.id)
        if change.kind == "changed":
            out.append(_("changed {id}").format(id=ident))
            out += [
                f"  {name}: {_shown(word(old))} → {_shown(word(new))}"
                for name, old, new in change.fields
            ]
        elif change.kind == "added":
            out.append(_("added {id}").format(id=ident))
            out += [f"  {name}: {_shown(word(new))}" for name, _old, new in change.fields]
        elif change.kind == "removed":
            out.append(_("removed {id}").format(id=ident))
        elif change.kind == "renamed":
            out.append(
                _("renamed the party {old} to {new}").format(old=ident, new=_shown(change.name))
            )
    return out


def _shown(text: Any) -> str:
    from ikscli.text.untrusted import escaped

    return escaped(str(text))


def set_fields(
    ident: IdArgument,
    assignments: AssignmentsArgument,
    dry_run: DryRunOption = False,
    diff: DiffOption = False,
    data: DataOption = None,
) -> None:
    """Change fields of an agreement; the file stays valid or is left as it was.

    Example: ikscli set felles-nav-kontor host=Gausdal --dry-run
    """
    from ikscli.edit.operations import set_fields

    run_edit(data, set_fields(ident, assignments), dry_run, diff)


def add(
    ident: Annotated[str, typer.Argument(metavar=_("ID"), help=_("The new agreement's id."))],
    assignments: AssignmentsArgument,
    dry_run: DryRunOption = False,
    diff: DiffOption = False,
    data: DataOption = None,
) -> None:
    """Add an agreement, after the last one of its category.

    Example: ikscli add psykolog name=Psykolog members=Gausdal,Øyer
    """
    from ikscli.edit.operations import add

    run_edit(data, add(ident, assignments), dry_run, diff)


def end(
    ident: IdArgument,
    date: Annotated[
        Optional[str],
        typer.Option(
            "--date",
            metavar=_("DATE"),
            help=_("Its last day in force (the field ended): 2024-12-31 or 31.12.2024."),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    diff: DiffOption = False,
    data: DataOption = None,
) -> None:
    """Mark an agreement terminated (sagt opp), with its last day when given; it stays
    in the file.

    Example: ikscli end digitaliseringsstyret --date 31.12.2019
    """
    from ikscli.edit.operations import end

    day = date_value(date, "--date") if date is not None else None
    run_edit(data, end(ident, day), dry_run, diff)


def remove(
    ident: IdArgument,
    dry_run: DryRunOption = False,
    diff: DiffOption = False,
    data: DataOption = None,
) -> None:
    """Remove an agreement and the comment right above it.

    Example: ikscli remove eioff --dry-run
    """
    from ikscli.edit.operations import remove

    run_edit(data, remove(ident), dry_run, diff)


def rename_party(
    old: Annotated[str, typer.Argument(metavar=_("OLD"), help=_("The party's name now."))],
    new: Annotated[str, typer.Argument(metavar=_("NEW"), help=_("Its new name."))],
    dry_run: DryRunOption = False,
    diff: DiffOption = False,
    data: DataOption = None,
) -> None:
    """Rename a party everywhere: its record, and every agreement naming it as member,
    partner or host.

    Example: ikscli rename-party OFK "Innlandet fylkeskommune"
    """
    from ikscli.edit.operations import rename_party

    run_edit(data, rename_party(old, new), dry_run, diff)
