"""`ikscli init`: a new register for any municipality or county municipality.

The file has the schema line, a header that says what it is, meta for its date, the
municipality (from the national catalogue, with its numbers) as the region's one
party, the categories of the bundled overview as a start, and no agreements yet. It
is validated before it is written, written through the one writer, and never over an
existing file unless asked (then kept for `undo`).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from ikscli import catalogue
from ikscli.edit import new_file
from ikscli.edit.emit import scalar
from ikscli.edit.errors import EditError
from ikscli.i18n import _
from ikscli.reading import loader
from ikscli.reading.project import bundled_path
from ikscli.text.dates import norwegian


@dataclass
class Started:
    entry: catalogue.Entry
    text: str
    kept: bool  # an existing file it replaced is kept for undo


def choose(name: str, kind: str, on: datetime.date) -> catalogue.Entry:
    """The municipality (or county municipality) `name` means on `on`, or EditError."""
    found = [e for e in catalogue.lookup(name, on) if e.kind == kind]
    if len(found) == 1:
        return found[0]
    if found:
        raise EditError(
            _("{name} names more than one municipality: {options}").format(
                name=repr(name), options=_(" or ").join(e.name for e in found)
            )
        )
    from ikscli.text.names import did_you_mean

    known = [e.name for e in catalogue.entries() if e.kind == kind and e.number(on)]
    raise EditError(
        (
            _("the national catalogue has no municipality {name} on {date}")
            if kind == "kommune"
            else _("the national catalogue has no county municipality {name} on {date}")
        ).format(name=repr(name), date=on.isoformat())
        + did_you_mean(name, known)
    )


def text(entry: catalogue.Entry, on: datetime.date, output: Path, language: str = "nb") -> str:
    """The new dataset file's text, its own words in `language` (nb or nn) whatever the
    language of the one who runs the command: the file is a Norwegian document."""
    from ikscli.i18n import speaking

    with speaking(language):
        return _text(entry, on, output, language)


def _text(entry: catalogue.Entry, on: datetime.date, output: Path, language: str) -> str:
    from ikscli.reading.schema import shipped_path

    categories = loader.load(bundled_path()).dataset
    assert categories is not None  # the bundled file is valid (tested)
    shipped = shipped_path()
    modeline: list[str] = []
    if shipped is not None:
        try:  # the editor's schema line: the schema this installation ships
            schema = Path(os.path.relpath(shipped, output.resolve().parent)).as_posix()
        except ValueError:  # another drive, on Windows
            schema = shipped.as_uri()
        modeline = [f"# yaml-language-server: $schema={schema}", "#"]
    title = _("Overview of intermunicipal cooperation as of {date}").format(date=norwegian(on))
    whose = entry.name if entry.kind == "fylkeskommune" else f"{entry.name} kommune"
    lines = [
        *modeline,
        f"# {title}: {whose}.",
        "# " + _("Started with ikscli init; check it with ikscli validate."),
        "",
        "meta:",
        f"  title: {scalar(title)}",
        f"  region: {scalar(entry.name)}",
        f'  as_of: "{on.isoformat()}"',
        "  source: " + scalar(_("{whose}'s own register").format(whose=whose)),
        *([f"  language: {language}"] if language != "nb" else []),
        "",
        "parties:",
        f"  - name: {scalar(entry.name)}",
        f"    kind: {entry.kind}",
        "    region: true",
    ]
    for year, number in entry.numbers().items():
        lines.append(f'    number_{year}: "{number}"')
    lines += ["", "categories:"]
    lines += [f"  - {scalar(c)}" for c in categories.categories]
    lines += ["", "agreements: []", ""]
    return "\n".join(lines)


def start(
    name: str,
    kind: str,
    on: datetime.date,
    output: Path,
    *,
    force: bool,
    command: str,
    language: str = "nb",
) -> Started:
    """Write a new register for `name` as of `on` to `output`."""
    exists = new_file.check(output, force=force)
    entry = choose(name, kind, on)
    written = text(entry, on, output, language)
    raw = written.encode("utf-8")
    checked = loader.load_bytes(raw, loader.display_name(output), use_cache=False)
    if not checked.ok:  # pragma: no cover - the template is tested valid for every entry
        raise EditError("; ".join(str(p) for p in checked.problems))
    kept = new_file.write(output, raw, replacing=exists, command=command, summary=_("init"))
    return Started(entry, written, kept)
