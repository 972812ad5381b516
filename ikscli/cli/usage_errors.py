"""A usage error as one line, in the reader's language, with where to look.

typer's errors are click's (its private copy), in English and framed; the root group
(`ikscli.cli.language.Group`) gives each one here. In bokmål the line is built from
what the error knows (its option, its choices) rather than from its English text.
"""

from __future__ import annotations

import re
from typing import Any

from ikscli.i18n import N_, _, norwegian


def usage_line(exc: Any) -> str:
    """A click usage error as one line, in the reader's language, with where to look."""
    try:
        message = _message(exc) if norwegian() else _english(exc.format_message())
    except Exception:  # a shape of error not foreseen here: click's own words, never a traceback
        message = str(exc.format_message())
    message = message.replace("\n", " ")
    ctx = getattr(exc, "ctx", None)
    line = _("Error: {message}").format(message=message.rstrip("."))
    if ctx is not None:
        stop = " " if line.endswith("?") else ". "
        line += stop + _("See: {command} -h").format(command=ctx.command_path)
    return line


def _message(exc: Any) -> str:
    """The error's message in bokmål, from what it knows rather than its English text."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        text = _("no such option: {option}").format(option=exc.option_name)
        if exc.possibilities:
            text += " " + _("(did you mean {options}?)").format(
                options=_(" or ").join(sorted(exc.possibilities))
            )
        return text
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None) or (param.get_error_hint() if param else "")
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    if kind == "MissingParameter":
        if (exc.param_type or getattr(param, "param_type_name", "")) == "argument":
            return _("missing argument {name}").format(name=hint)
        return _("missing option {name}").format(name=hint)
    if kind == "BadParameter":
        return _("invalid value for {name}: {reason}").format(
            name=hint, reason=_reason(exc.message)
        )
    return _reason(exc.format_message())


def _english(text: str) -> str:
    """typer's English, without the prefix pydantic adds to a value's error."""
    return text.replace(": Value error, ", ": ", 1)


# click's (and pydantic's) messages, with their bokmål form (the values kept)
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$"),
        N_("unexpected argument: {args}"),
    ),
    (
        re.compile(r"^No such command '(?P<name>.*)'\. Did you mean (?P<close>.*)\?$"),
        N_("no such command: {name} (did you mean {close}?)"),
    ),
    (re.compile(r"^No such command '(?P<name>.*)'\.$"), N_("no such command: {name}")),
    (re.compile(r"^Missing command\.$"), N_("a command is missing")),
    (re.compile(r"^Option '(?P<name>.*)' requires an argument\.$"), N_("{name} needs a value")),
    (
        re.compile(r"^Option '(?P<name>.*)' requires (?P<n>\d+) arguments\.$"),
        N_("{name} needs {n} values"),
    ),
    (
        re.compile(r"^(?:Value error, )?(?P<value>.*) is not one of (?P<choices>.*)\.$"),
        N_("{value} is not one of {choices}"),
    ),
    (re.compile(r"^Input should be a valid integer\b.*$"), N_("not a whole number")),
    (
        re.compile(r"^Input should be greater than or equal to (?P<n>\S+)$"),
        N_("must be {n} or more"),
    ),
]


def _reason(text: str) -> str:
    for pattern, template in _MESSAGES:
        found = pattern.match(text)
        if found:
            values = found.groupdict()
            if "close" in values:  # 'site', 'list' → site eller list
                values["close"] = _(" or ").join(c.strip(" '") for c in values["close"].split(","))
            return _(template).format(**values)
    return text
