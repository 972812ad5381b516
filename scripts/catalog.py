"""Keep the bokmål and nynorsk catalogs in step with the code.

    python scripts/catalog.py            # list what is missing, untranslated or stale
    python scripts/catalog.py --update   # add new messages (untranslated), drop stale ones,
                                         # and compile the .po to the .mo ikscli reads

The messages are the string arguments of `_()`, `N_()`, `bokmal()`, `ngettext()` and
`bokmal_n()` in ikscli/, and
the docstrings of the commands (their help). A translator then fills in the empty
msgstr entries of ikscli/i18n/locale/nb/LC_MESSAGES/ikscli.po (bokmål) and
ikscli/i18n/locale/nn/LC_MESSAGES/ikscli.po (nynorsk) with any PO editor, and runs
--update again to compile them; the test suite fails while one is empty, fuzzy, stale,
has other {placeholders} than its English message, or a .mo is not its .po compiled.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import sys
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ikscli"
LANGUAGES = {"nb": "Bokmål", "nn": "Nynorsk"}
CATALOGS = {
    code: PACKAGE / "i18n" / "locale" / code / "LC_MESSAGES" / "ikscli.po" for code in LANGUAGES
}
CATALOG = CATALOGS["nb"]
COMPILED = CATALOG.with_suffix(".mo")

HEADER = (
    "Project-Id-Version: ikscli\\n"
    "PO-Revision-Date: 2026-12-01 00:00+0000\\n"
    "Last-Translator: the ikscli developers\\n"
    "Language-Team: {team}\\n"
    "Language: {language}\\n"
    "MIME-Version: 1.0\\n"
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Content-Transfer-Encoding: 8bit\\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\\n"
)


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
            if node.func.id in ("_", "N_", "bokmal") and len(args) == 1 and args[0] is not None:
                add(args[0], place)
            elif (
                node.func.id in ("ngettext", "bokmal_n") and len(args) == 3 and None not in args[:2]
            ):
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


def problems(catalog_text: str, messages: dict[str, Message]) -> list[str]:
    """What is wrong with the catalog for these messages: one line each."""
    from ikscli.i18n.catalog import read_catalog

    entries = {e.msgid: e for e in read_catalog(catalog_text) if e.msgid}
    found = []
    for msgid, message in messages.items():
        entry = entries.get(msgid)
        if entry is None:
            found.append(f"missing: {msgid!r} ({', '.join(message.places)})")
        elif not entry.translated:
            found.append(f"untranslated or fuzzy: {msgid!r}")
        elif (entry.plural is None) != (message.plural is None):
            found.append(f"plural form differs: {msgid!r}")
        else:
            wanted = sorted(PLACEHOLDER.findall(msgid + (message.plural or "")))
            for text in entry.strings.values():
                if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(wanted)):
                    found.append(f"placeholders differ: {msgid!r} → {text!r}")
    found += [f"stale: {msgid!r}" for msgid in entries if msgid not in messages]
    return found


def compile_catalog(catalog_text: str) -> bytes:
    from ikscli.i18n.catalog import compiled, read_catalog

    return compiled(read_catalog(catalog_text))


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'


def _po_string(keyword: str, text: str) -> list[str]:
    if "\n" not in text.rstrip("\n"):
        return [f"{keyword} {_quoted(text)}"]
    pieces = text.splitlines(keepends=True)
    return [f'{keyword} ""', *(_quoted(p) for p in pieces)]


def write_catalog(messages: dict[str, Message], catalog_text: str, language: str = "nb") -> str:
    """The catalog with these messages: their translations kept, new ones empty."""
    from ikscli.i18n.catalog import read_catalog

    old = {e.msgid: e for e in read_catalog(catalog_text) if e.msgid} if catalog_text else {}
    lines = [
        f"# {LANGUAGES[language]} for ikscli. Edit the msgstr lines; "
        "`python scripts/catalog.py` checks them.",
        'msgid ""',
        'msgstr ""',
        *(
            _quoted(line)
            for line in HEADER.format(language=language, team=LANGUAGES[language])
            .replace("\\n", "\n")
            .splitlines(keepends=True)
        ),
    ]
    for msgid, message in messages.items():
        entry = old.get(msgid)
        lines.append("")
        lines.append("#: " + " ".join(message.places))
        flags = set(entry.flags) if entry else set()
        if PLACEHOLDER.search(msgid):
            flags.add("python-brace-format")
        if flags:
            lines.append("#, " + ", ".join(sorted(flags)))
        lines += _po_string("msgid", msgid)
        if message.plural is not None:
            lines += _po_string("msgid_plural", message.plural)
            for index in (0, 1):
                text = entry.strings.get(index, "") if entry and entry.plural is not None else ""
                lines += _po_string(f"msgstr[{index}]", text)
        else:
            text = entry.strings.get(0, "") if entry and entry.plural is None else ""
            lines += _po_string("msgstr", text)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the catalog")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    messages = extract()
    found = []
    for language, catalog in CATALOGS.items():
        compiled = catalog.with_suffix(".mo")
        text = catalog.read_text(encoding="utf-8") if catalog.exists() else ""
        if args.update:
            catalog.parent.mkdir(parents=True, exist_ok=True)
            written = write_catalog(messages, text, language)
            catalog.write_text(written, encoding="utf-8", newline="\n")
            text = catalog.read_text(encoding="utf-8")
            compiled.write_bytes(compile_catalog(text))
        here = problems(text, messages)
        if not compiled.exists() or compiled.read_bytes() != compile_catalog(text):
            here.append(f"{compiled.name} is not {catalog.name} compiled: run with --update")
        found += [f"{language}: {line}" for line in here]
    for line in found:
        print(line)
    print(f"{len(messages)} messages, {len(found)} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
