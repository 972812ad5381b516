"""`ikscli snapshot`: start next year's file from this one."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _, ngettext
from ..terminal import say
from .common import resolve_path, usage_error
from .options import DataOption

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip


def norwegian_date(day: datetime.date) -> str:
    """1. januar 2019, as the title writes it."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def snapshot(
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=_("The new file's date, YYYY-MM-DD."),
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", help=_("The new dataset file."), show_default=False
        ),
    ],
    data: DataOption = None,
) -> None:
    """Start next year's file from this one: the new date in meta (and in the title),
    terminated agreements left out, planned ones kept as planned, comments kept. `diff`
    of the two files then reads as the year's change list.

    Example: ikscli snapshot --as-of 2020-01-01 -o data/samarbeid_2020.yaml
    """
    from .. import roundtrip
    from ..editing import remove_lines
    from ..loader import STDIN, display_name
    from . import datafile
    from .output import same_file

    try:
        day = datetime.date.fromisoformat(as_of)
    except ValueError:
        usage_error(_("--as-of {value}: write the date as YYYY-MM-DD").format(value=as_of))
    path = resolve_path(data)
    if str(output) == STDIN or (str(path) != STDIN and same_file(output, path)):
        usage_error(
            _("-o {path} is the dataset being read; ikscli never writes over it").format(
                path=output
            )
        )
    raw, file = datafile.read(path)  # it may come on standard input: -o is another file
    before = datafile.valid(raw, file)
    text, newline, bom = roundtrip.decoded(raw)
    document = roundtrip.load(text, keep_quotes=True)
    meta = document["meta"]
    old = before.dataset.meta.as_of if before.dataset.meta else None
    meta["as_of"] = day
    if old is not None and isinstance(meta.get("title"), str):
        meta["title"] = meta["title"].replace(norwegian_date(old), norwegian_date(day))
    text = roundtrip.text_of(document)
    agreements = before.dataset.agreements
    parents = {a.parent for a in agreements if a.parent and a.status != "terminated"}
    ended = [a.id for a in agreements if a.status == "terminated" and a.id not in parents]
    for ident in ended:
        text = remove_lines(text, roundtrip.load(text, keep_quotes=True), ident)
    for ident in sorted(parents & {a.id for a in agreements if a.status == "terminated"}):
        say(
            _("{id} is kept though terminated: agreements still name it as parent").format(id=ident)
        )
    new_raw = roundtrip.encoded(text, newline, bom)
    shown = display_name(output)
    after = datafile.still_valid(
        new_raw, shown, _("{file} is not written: it would not be valid").format(file=shown)
    )
    datafile.write(output, new_raw)
    kept = len(after.dataset.agreements)
    say(
        ngettext(
            "{file}: as of {date}, {n} agreement; {ended} terminated left out",
            "{file}: as of {date}, {n} agreements; {ended} terminated left out",
            kept,
        ).format(file=shown, date=day.isoformat(), n=kept, ended=len(ended))
    )
