"""`ikscli fmt`: write dataset files in their canonical form, comments kept."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import _, ngettext
from ..terminal import say
from .common import EXIT_INVALID, resolve_paths
from .options import DataOption


def fmt(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="[PATH]...",
            help=_("Dataset files to format (default: the project's files, or --data)."),
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help=_("Change nothing; exit 1 and name the files fmt would change.")
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Write dataset files in canonical form: keys in order, members and partners as
    flow lists, quotes only where needed (and always where a value would change type),
    one blank line before each agreement. Comments are kept, and the data is the same
    before and after.

    Example: ikscli fmt --check
    """
    from .. import roundtrip
    from ..loader import parse
    from . import datafile

    targets = list(paths) if paths else resolve_paths(data)
    changed, failed = [], False
    for path in targets:
        raw, file = datafile.read(
            path, _("fmt needs files to write: --data - reads standard input")
        )
        before = parse(raw, file)
        if not before.ok:
            datafile.say_errors(before.problems)
            say(_("{file}: not formatted: it is not valid").format(file=file))
            failed = True
            continue
        text, newline, bom = roundtrip.decoded(raw)
        new_raw = roundtrip.encoded(roundtrip.canonical_text(text), newline, bom)
        if new_raw == raw:
            continue
        after = parse(new_raw, file)
        if after.dataset != before.dataset or not after.ok:  # never change the meaning
            say(_("{file}: not formatted: the result would mean something else").format(file=file))
            failed = True
            continue
        changed.append(file)
        if check:
            say(_("would reformat {file}").format(file=file))
        else:
            datafile.write(path, new_raw)
            say(_("reformatted {file}").format(file=file))
    summary = (
        ngettext(
            "{changed} of {total} file would be reformatted",
            "{changed} of {total} files would be reformatted",
            len(targets),
        )
        if check
        else ngettext(
            "{changed} of {total} file reformatted",
            "{changed} of {total} files reformatted",
            len(targets),
        )
    )
    say(summary.format(changed=len(changed), total=len(targets)))
    if failed or (check and changed):
        raise typer.Exit(EXIT_INVALID)
