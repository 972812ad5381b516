"""validate's report: text (file:line:col lines), GitHub annotations, or JSON.

Every line a problem prints is one line: the file name and the message are
escaped, so no value in a dataset can forge another line of output. Text and
GitHub output show at most CAP problems of one kind per file, then one line that
says how many more there are; JSON, for programs, carries them all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from ikscli.i18n import _, ngettext
from ikscli.problems import SEVERITY_WORDS, Problem
from ikscli.text import numbers
from ikscli.text.options import option
from ikscli.text.untrusted import escaped

CAP = 50
_VARIABLE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+")


@dataclass
class FileResult:
    """One file's verdict and its problems."""

    file: str
    valid: bool
    agreements: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "valid": self.valid,
            "errors": self.errors,
            "warnings": self.warnings,
            "agreements": self.agreements,
            "problems": [p.as_dict() for p in self.problems],
        }


def kind(problem: Problem) -> tuple[str, str]:
    """Problems of one kind share their message once quoted values and numbers are blanked."""
    return problem.severity, _VARIABLE.sub("…", problem.message)


def capped(problems: list[Problem], cap: int = CAP) -> Iterator[Problem | tuple[int, Problem]]:
    """The problems, with each kind cut after `cap`; a cut kind ends in (hidden, example)."""
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        key = kind(problem)
        if shown.get(key, 0) < cap:
            shown[key] = shown.get(key, 0) + 1
            yield problem
        else:
            hidden.setdefault(key, []).append(problem)
    for rest in hidden.values():
        yield len(rest), rest[0]


def line(problem: Problem) -> str:
    return escaped(
        f"{problem.file}:{problem.line}:{problem.column}: {_(SEVERITY_WORDS[problem.severity])}: "
        f"{problem.message}"
    )


def _more(count: int, example: Problem) -> str:
    more = _("… and {n} more like {message} (from line {line})").format(
        n=numbers.number(count), message=repr(escaped(example.message)), line=example.line
    )
    return f"{escaped(example.file)}: {_(SEVERITY_WORDS[example.severity])}: {more}"


def text(reports: list[FileResult], out: TextIO) -> None:
    for report in reports:
        for item in capped(report.problems):
            out.write((line(item) if isinstance(item, Problem) else _more(*item)) + "\n")


def _github_value(value: str, prop: bool = False) -> str:
    """Escape for GitHub Actions workflow commands (then any other control character)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return escaped(value)


def github(reports: list[FileResult], out: TextIO) -> None:
    for report in reports:
        for item in capped(report.problems):
            if isinstance(item, Problem):
                p = item
                out.write(
                    f"::{p.severity} file={_github_value(p.file, True)},line={p.line},"
                    f"col={p.column}::{_github_value(p.message)}\n"
                )
            else:
                out.write(
                    f"::notice file={_github_value(item[1].file, True)}::"
                    f"{_github_value(_more(*item))}\n"
                )


def as_json(reports: list[FileResult], out: TextIO) -> None:
    body = [r.as_dict() for r in reports]
    json.dump(body[0] if len(body) == 1 else body, out, ensure_ascii=False, indent=2)
    out.write("\n")


def summary(report: FileResult, strict: bool) -> str:
    """The closing line for a file (on stderr)."""
    n_errors, n_warnings = report.errors, report.warnings
    counts = ", ".join(
        text.format(n=n)
        for text, n in (
            (ngettext("{n} agreement", "{n} agreements", report.agreements), report.agreements),
            (ngettext("{n} error", "{n} errors", n_errors), n_errors),
            (ngettext("{n} warning", "{n} warnings", n_warnings), n_warnings),
        )
    )
    verdict = _("valid") if report.valid else _("invalid")
    line = f"{escaped(report.file)}: {verdict}: {counts}"
    if strict and n_warnings and not n_errors:
        line += " " + _("({strict}: warnings fail)").format(strict=option("strict"))
    return line
