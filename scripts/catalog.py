"""Keep the bokmål and nynorsk catalogs in step with the code, with Babel.

    python scripts/catalog.py            # list what is missing, untranslated, fuzzy, stale
                                         # or not compiled
    python scripts/catalog.py --update   # write ikscli.pot from the code, bring both .po
                                         # files up to date with it, compile each .mo

The messages are the string arguments of `_()`, `N_()` and `ngettext()` in ikscli/, and
the docstrings of the commands (their help); they go to the template
ikscli/i18n/locale/ikscli.pot. A translator fills in the empty msgstr entries of
ikscli/i18n/locale/nb/LC_MESSAGES/ikscli.po (bokmål) and .../nn/... (nynorsk) with any
PO editor (Poedit, Lokalize, msgcat and msgfmt too), and runs --update again to compile
them; Babel reads, updates and compiles the catalogs, and at run time the standard
library's gettext reads the .mo. The checks compare content, never layout: a catalog
rewrapped by msgcat or a .mo compiled by GNU msgfmt passes when it says the same. The
test suite fails while a message is missing, untranslated, fuzzy, stale, has other
{placeholders} than its English message, or a .mo does not hold its .po.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import gettext
import inspect
import io
import re
import sys
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ikscli"
LOCALE = PACKAGE / "i18n" / "locale"
TEMPLATE = LOCALE / "ikscli.pot"
LANGUAGES = {"nb": "Bokmål", "nn": "Nynorsk"}
CATALOGS = {code: LOCALE / code / "LC_MESSAGES" / "ikscli.po" for code in LANGUAGES}
CATALOG = CATALOGS["nb"]
COMPILED = CATALOG.with_suffix(".mo")
DATED = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)  # fixed: no churn
BUGS = "the ikscli issue tracker"


@dataclass
class Message:
    msgid: str
    plural: str | None = None
    places: list[str] = field(default_factory=list)


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract() -> dict[str, Message]:
    """Every message of the code, in order of first use."""
    found: dict[str, Message] = {}

    def add(msgid: str, place: str, plural: str | None = None) -> None:
        message = found.setdefault(msgid, Message(msgid, plural))
        if place not in message.places:
            message.places.append(place)

    for path in sorted(PACKAGE.rglob("*.py")):
        place = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = [_constant(a) for a in node.args]
            if node.func.id in ("_", "N_") and len(args) == 1 and args[0] is not None:
                add(args[0], place)
            elif node.func.id == "ngettext" and len(args) == 3 and None not in args[:2]:
                add(args[0], place, args[1])  # type: ignore[arg-type]
    for msgid, place in _command_docstrings():
        add(msgid, place)
    return found


def _command_docstrings() -> list[tuple[str, str]]:
    """The commands' help: the docstrings `helped()` translates."""
    import typer

    from ikscli.cli.app import COMMANDS

    found = []
    for module, function in COMMANDS.values():
        command = getattr(import_module(f"ikscli.cli.commands.{module}"), function)
        place = f"ikscli/cli/commands/{module}.py"
        callbacks = (
            [info.callback for info in command.registered_commands]
            if isinstance(command, typer.Typer)
            else [command]
        )
        found += [(inspect.getdoc(c) or "", place) for c in callbacks if c is not None]
    return found


PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def template(messages: dict[str, Message]) -> Any:
    """The messages as a Babel catalog: the template (.pot) the .po files follow."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(
        project="ikscli",
        version="1",
        msgid_bugs_address=BUGS,
        creation_date=DATED,
        revision_date=DATED,
        fuzzy=False,
    )
    for message in messages.values():
        key = (message.msgid, message.plural) if message.plural is not None else message.msgid
        braces = PLACEHOLDER.search(message.msgid + (message.plural or ""))
        catalog.add(
            key,
            locations=[(place, None) for place in message.places],
            flags=["python-brace-format"] if braces else [],
        )
    return catalog


def read(text: str, language: str | None = None) -> Any:
    """A PO (or POT) file's text as a Babel catalog."""
    from babel.messages.pofile import read_po

    return read_po(io.StringIO(text), locale=language)


def written(catalog: Any) -> str:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=88, ignore_obsolete=True, include_previous=False)
    return out.getvalue().decode("utf-8")


def updated(messages: dict[str, Message], text: str, language: str) -> str:
    """The catalog of `language` with these messages: translations kept, new ones empty,
    stale ones dropped."""
    from babel.messages.catalog import Catalog

    catalog = read(text, language) if text else Catalog(locale=language, fuzzy=False)
    catalog.update(template(messages), no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.project, catalog.version, catalog.msgid_bugs_address = "ikscli", "1", BUGS
    catalog.creation_date = catalog.revision_date = DATED
    catalog.last_translator = "the ikscli developers"
    catalog.language_team = LANGUAGES[language]
    catalog.fuzzy = False
    catalog.header_comment = (
        f"# {LANGUAGES[language]} for ikscli. Edit the msgstr lines; "
        "`python scripts/catalog.py --update` checks and compiles them."
    )
    return written(catalog)


def compile_catalog(text: str, language: str = "nb") -> bytes:
    """The .mo of a catalog (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, read(text, language), use_fuzzy=False)
    return out.getvalue()


def strings(text: str, language: str = "nb") -> list[tuple[str, list[str]]]:
    """(msgid, its translations) of every entry of a catalog."""
    found = []
    for message in read(text, language):
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        translated = message.string if isinstance(message.string, tuple) else (message.string,)
        found.append((msgid, [t or "" for t in translated]))
    return found


def problems(text: str, messages: dict[str, Message], language: str = "nb") -> list[str]:
    """What is wrong with the catalog for these messages: one line each."""
    catalog = read(text, language)
    entries = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}
    found = []
    for msgid, message in messages.items():
        entry = entries.get(msgid)
        if entry is None:
            found.append(f"missing: {msgid!r} ({', '.join(message.places)})")
            continue
        texts = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(texts):
            found.append(f"untranslated or fuzzy: {msgid!r}")
        elif isinstance(entry.id, tuple) != (message.plural is not None):
            found.append(f"plural form differs: {msgid!r}")
        else:
            wanted = set(PLACEHOLDER.findall(msgid + (message.plural or "")))
            for translated in texts:
                if set(PLACEHOLDER.findall(translated)) != wanted:
                    found.append(f"placeholders differ: {msgid!r} → {translated!r}")
    found += [f"stale: {msgid!r}" for msgid in entries if msgid not in messages]
    return found


def held(compiled: bytes) -> dict[Any, str]:
    """What a .mo holds, as gettext reads it: msgid (or (msgid, n)) → translation."""
    translations = gettext.GNUTranslations(io.BytesIO(compiled))
    return {k: v for k, v in translations._catalog.items() if k != ""}  # type: ignore[attr-defined]


def compiled_problems(compiled: bytes, text: str, language: str = "nb") -> list[str]:
    """Whether a .mo (however compiled: Babel, GNU msgfmt) holds what its .po says."""
    return [] if held(compiled) == held(compile_catalog(text, language)) else ["differs"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the catalogs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    messages = extract()
    found = []
    if args.update:
        TEMPLATE.write_text(written(template(messages)), encoding="utf-8", newline="\n")
    pot = {m.id for m in read(TEMPLATE.read_text(encoding="utf-8"))} if TEMPLATE.exists() else set()
    wanted = {(m.msgid, m.plural) if m.plural else m.msgid for m in messages.values()}
    if pot - {""} != wanted:
        found.append(f"{TEMPLATE.name} is not the code's messages: run with --update")
    for language, catalog in CATALOGS.items():
        compiled = catalog.with_suffix(".mo")
        text = catalog.read_text(encoding="utf-8") if catalog.exists() else ""
        if args.update:
            catalog.parent.mkdir(parents=True, exist_ok=True)
            catalog.write_text(updated(messages, text, language), encoding="utf-8", newline="\n")
            text = catalog.read_text(encoding="utf-8")
            compiled.write_bytes(compile_catalog(text, language))
        here = problems(text, messages, language)
        if not compiled.exists() or compiled_problems(compiled.read_bytes(), text, language):
            here.append(f"{compiled.name} does not hold {catalog.name}: run with --update")
        found += [f"{language}: {line}" for line in here]
    for line in found:
        print(line)
    print(f"{len(messages)} messages, {len(found)} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
