"""The bokmål catalog as files: a PO parser and a GNU .mo compiler (as msgfmt writes it).

Only the tools use this (`scripts/catalog.py` keeps the catalog in step with the code,
the tests check it); at run time the standard library's gettext reads the .mo.
"""

from __future__ import annotations

import re
import struct

from ikscli.i18n import CATALOG

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_ESCAPE = re.compile(r"\\(.)")


def _unquote(token: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), token.strip()[1:-1])


class Entry:
    """One catalog entry: msgid (and msgid_plural), its translations and flags."""

    __slots__ = ("msgid", "plural", "strings", "flags", "comments")

    def __init__(self) -> None:
        self.msgid = ""
        self.plural: str | None = None
        self.strings: dict[int, str] = {}  # msgstr, or msgstr[n]
        self.flags: set[str] = set()
        self.comments: list[str] = []

    @property
    def translated(self) -> bool:
        return (
            "fuzzy" not in self.flags
            and bool(self.strings)
            and all(self.strings.get(i) for i in range(2 if self.plural is not None else 1))
        )


def read_catalog(text: str) -> list[Entry]:
    """The entries of a PO file (the header, msgid "", included first)."""
    entries: list[Entry] = []
    entry = Entry()
    field: tuple[str, int] | None = None
    started = False

    def finish() -> None:
        nonlocal entry, started
        if started:
            entries.append(entry)
        entry, started = Entry(), False

    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            if started and field is not None and field[0] == "msgstr":
                finish()
            if line.startswith("#,"):
                entry.flags.update(f.strip() for f in line[2:].split(","))
            elif not line.startswith("#~"):
                entry.comments.append(line)
            continue
        if line.startswith('"'):
            if field is None:
                raise ValueError(f"{CATALOG.name}:{number}: a string outside an entry")
            name, index = field
            if name == "msgid":
                entry.msgid += _unquote(line)
            elif name == "msgid_plural":
                entry.plural = (entry.plural or "") + _unquote(line)
            else:
                entry.strings[index] = entry.strings.get(index, "") + _unquote(line)
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword == "msgid":
            if started:
                finish()
            started = True
            field = ("msgid", 0)
            entry.msgid = _unquote(rest)
        elif keyword == "msgid_plural":
            field = ("msgid_plural", 0)
            entry.plural = _unquote(rest)
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            index = int(keyword[7:-1]) if keyword != "msgstr" else 0
            field = ("msgstr", index)
            entry.strings[index] = _unquote(rest)
        else:
            raise ValueError(f"{CATALOG.name}:{number}: cannot read {keyword!r}")
    finish()
    return entries


def compiled(entries: list[Entry]) -> bytes:
    """A catalog as GNU .mo bytes, as msgfmt writes them: translated, non-fuzzy entries
    (and the header), sorted, without a hash table."""
    pairs = []
    for entry in entries:
        if entry.msgid and not entry.translated:
            continue
        if entry.plural is not None:
            key = f"{entry.msgid}\0{entry.plural}"
            value = "\0".join(entry.strings[i] for i in sorted(entry.strings))
        else:
            key, value = entry.msgid, entry.strings.get(0, "")
        pairs.append((key.encode("utf-8"), value.encode("utf-8")))
    pairs.sort()
    count = len(pairs)
    originals, translations = 28, 28 + 8 * count
    data = 28 + 16 * count
    table: list[int] = []
    blob = b""
    for strings in ([k for k, _v in pairs], [v for _k, v in pairs]):
        for text in strings:
            table += [len(text), data + len(blob)]
            blob += text + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals, translations, 0, data)
    return header + struct.pack(f"<{len(table)}I", *table) + blob
