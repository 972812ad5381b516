"""Run the real `ikscli` as a separate process, the way a user's shell does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "samarbeid_2019.yaml"
EXAMPLE = ROOT / "examples" / "samarbeid_2020_illustrative.yaml"


# What chooses the language ikscli speaks; a test that wants bokmål sets one of them.
LANGUAGE_VARIABLES = ("IKSCLI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
NORWEGIAN = {"LANG": "nb_NO.UTF-8"}
ENGLISH = {"LANG": "en_GB.UTF-8"}


def environment(cache: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The user's environment, with this checkout's ikscli and a private cache; in
    English unless `extra` chooses a language (the tests' own machine may be Norwegian)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("IKSCLI_DATA", "FORCE_COLOR", "COLUMNS", "NO_COLOR", "CI", *LANGUAGE_VARIABLES)
    }
    env["PYTHONPATH"] = str(ROOT)
    env["XDG_CACHE_HOME"] = str(cache)
    env.update(extra or {})
    return env


def ikscli(
    *args: str,
    cwd: Path,
    cache: Path,
    env: dict[str, str] | None = None,
    stdout=subprocess.PIPE,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """`ikscli ARGS` in `cwd`; stdout and stderr as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "ikscli", *args],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment(cache, env),
        timeout=timeout,
    )


# One process, many runs: the language and the environment are a process's, as a user's
# shell gives them, and each command line runs through ikscli.cli.app.run, the function
# the entry point calls, with its own stdout, stderr and COLUMNS.
_EACH = r"""
import io, json, os, sys
from ikscli.cli.app import run
results = []
for argv, columns in json.load(sys.stdin):
    out, err = io.BytesIO(), io.BytesIO()
    real = sys.stdout, sys.stderr
    wrapped = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")
    sys.stdout, sys.stderr = wrapped
    os.environ["COLUMNS"] = str(columns)
    try:
        code = run(argv)
    finally:
        sys.stdout.flush(); sys.stderr.flush()
        sys.stdout, sys.stderr = real
    results.append([code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")])
    del wrapped
json.dump(results, sys.stdout)
"""


def ikscli_each(
    runs: list[tuple[list[str], int]], *, cwd: Path, cache: Path, env: dict[str, str] | None = None
) -> list[tuple[int, str, str]]:
    """Each (argv, COLUMNS) run in one `ikscli` process: [(exit code, stdout, stderr)]."""
    import json

    result = subprocess.run(
        [sys.executable, "-c", _EACH],
        input=json.dumps(runs).encode(),
        cwd=cwd,
        capture_output=True,
        env=environment(cache, env),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return [tuple(r) for r in json.loads(result.stdout)]
