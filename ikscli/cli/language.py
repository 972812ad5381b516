"""typer in the reader's language: help and usage errors from the catalog.

typer writes its own words (Usage, Options, "Show this message and exit.", "No such
option") in English and shows a usage error as a framed panel. The command classes
here translate those words where they are shown, and put a usage error on one line:

    Error: No such option: --bogus (Possible options: --host). See: ikscli list -h
    Feil: ukjent valg: --bogus (mente du --host?). Se: ikscli list -h

The help of a command is its docstring, translated (`helped`).
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable
from typing import Any

from typer.core import TyperCommand, TyperGroup

from ikscli.i18n import N_, _, norwegian
from ikscli.render.terminal import say


def helped(function: Callable[..., Any]) -> str:
    """A command's help: its docstring in the reader's language."""
    return _(inspect.getdoc(function) or "")


def _localise_help() -> None:
    """typer's fixed help words, translated (rich_utils is imported for help anyway)."""
    from typer import rich_utils

    for name, text in (
        ("OPTIONS_PANEL_TITLE", "Options"),
        ("ARGUMENTS_PANEL_TITLE", "Arguments"),
        ("COMMANDS_PANEL_TITLE", "Commands"),
        ("DEFAULT_STRING", "[default: {}]"),
        ("ENVVAR_STRING", "[env var: {}]"),
        ("REQUIRED_LONG_STRING", "[required]"),
    ):
        setattr(rich_utils, name, _(text))


class _Localised:
    """What a command and a group share: translated usage line, help option, help."""

    def get_usage(self, ctx: Any) -> str:
        usage: str = super().get_usage(ctx)  # type: ignore[misc]
        if norwegian():
            usage = usage.replace("Usage: ", _("Usage:") + " ", 1)
            usage = usage.replace("[OPTIONS]", _("[OPTIONS]")).replace("COMMAND", _("COMMAND"))
            usage = usage.replace("ARGS", _("ARGS"))
        return usage

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        if norwegian():
            _localise_help()
            for param in self.get_params(ctx):  # type: ignore[attr-defined]
                if param.help:
                    param.help = _(param.help)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class Command(_Localised, TyperCommand):
    pass


class Group(_Localised, TyperGroup):
    """The root group: it also turns every usage error into one line (exit 2)."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except Exception as exc:
            # click's exception classes are typer's private copies: know them by shape
            if not (hasattr(exc, "exit_code") and hasattr(exc, "format_message")):
                if type(exc).__name__ == "Abort":
                    say(_("Aborted."))
                    sys.exit(1)
                raise
            if type(exc).__name__ != "NoArgsIsHelpError":  # help was shown: nothing to add
                say(usage_line(exc))
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


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
