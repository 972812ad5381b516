"""Keep the documentation's examples true: every ```console block is real, current output.

The README and every page in docs/ are checked.

A block holds one or more commands (`$ ikscli ...`), each followed by what it
prints to stdout when run on the bundled dataset at 80 columns without colour.

    python scripts/readme_examples.py          # check: exit 1 and a diff on drift
    python scripts/readme_examples.py --update # rewrite the outputs in README.md

tests/test_readme.py runs the check.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def documents() -> list[Path]:
    """The README and the pages in docs/."""
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
# A rendered picture: <!-- $ ikscli graph ... --> followed by a ```mermaid block.
PICTURE = re.compile(r"(<!-- \$ (ikscli [^\n]*?) -->\n```mermaid\n)(.*?)(```)", re.S)


def run(command: str) -> str:
    """What `ikscli ARGS` prints on stdout, as a user at an 80-column terminal sees it."""
    sys.path.insert(0, str(ROOT))
    from typer.testing import CliRunner

    from ikscli.cli.app import app

    os.chdir(ROOT)  # examples name files relative to the repository
    args = shlex.split(command)
    settings = {}
    while "=" in args[0] and args[0].split("=")[0].isupper():  # `IKSCLI_LANG=nb ikscli ...`
        name, _, value = args.pop(0).partition("=")
        settings[name] = value
    assert args[0] == "ikscli", command
    env = {"COLUMNS": "80", "NO_COLOR": "1", "IKSCLI_DATA": ""}
    if settings:  # the language is read once per process: run this one on its own
        import subprocess

        drop = ("IKSCLI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "IKSCLI_DATA")
        full = {k: v for k, v in os.environ.items() if k not in drop}
        full.update(env, PYTHONPATH=str(ROOT), **settings)
        done = subprocess.run(
            [sys.executable, "-m", "ikscli", *args[1:]], capture_output=True, env=full
        )
        stdout = done.stdout.decode("utf-8")
    else:
        stdout = CliRunner().invoke(app, args[1:], env=env).stdout
    lines = [line.rstrip() for line in stdout.splitlines()]
    return "\n".join(lines) + "\n" if lines else ""


def render_block(body: str) -> str:
    out = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append(line + "\n" + run(line[2:]))
    return "".join(out)


def updated(text: str) -> str:
    text = BLOCK.sub(lambda m: m.group(1) + render_block(m.group(2)) + m.group(3), text)
    return PICTURE.sub(lambda m: m.group(1) + run(m.group(2)) + m.group(4), text)


def main() -> int:
    os.environ.pop("IKSCLI_DATA", None)
    drifted = 0
    for path in documents():
        text = path.read_text(encoding="utf-8")
        new = updated(text)
        if new == text:
            continue
        if "--update" in sys.argv:
            path.write_text(new, encoding="utf-8")
            continue
        name = str(path.relative_to(ROOT))
        sys.stdout.writelines(
            difflib.unified_diff(
                text.splitlines(True), new.splitlines(True), name, f"{name} (current output)"
            )
        )
        drifted += 1
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main())
