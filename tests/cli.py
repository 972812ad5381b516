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
