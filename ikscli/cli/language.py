"""typer in the reader's language: help from the catalog, usage errors on one line.

typer writes its own words (Usage, Options, "Show this message and exit.", "No such
option") in English and shows a usage error as a framed panel. The command classes
here translate those words where they are shown, and put a usage error on one line:

    Error: No such option: --bogus (Possible options: --host). See: ikscli list -h
    Feil: ukjent valg: --bogus (mente du --host?). Se: ikscli list -h

The help of a command is its docstring, translated (`helped`); the wording of a usage
error is `ikscli.cli.usage_errors`.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable
from typing import Any

from typer.core import TyperCommand, TyperGroup

from ikscli.cli.usage_errors import usage_line
from ikscli.i18n import N_, _, norwegian
from ikscli.render.terminal import say

_MARKUP = re.compile(r"\[(?=[A-Za-z#/@])")


def helped(function: Callable[..., Any]) -> str:
    """A command's help: its docstring in the reader's language, its brackets kept
    (typer reads the help as rich markup, where `[tool.ikscli]` would be a style)."""
    text = _MARKUP.sub(r"\\[", _(inspect.getdoc(function) or ""))
    # a paragraph is one line, which the help wraps to the terminal: the docstring's own
    # line breaks would break a sentence mid-line at 80 columns, and more so translated
    return "\n\n".join(" ".join(part.split("\n")) for part in text.split("\n\n"))


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


_REQUIRED = re.compile(r"\{([^{}\s]+)\}")


class _Localised:
    """What a command and a group share: translated usage line, help option, help."""

    def get_usage(self, ctx: Any) -> str:
        usage: str = super().get_usage(ctx)  # type: ignore[misc]
        # One placeholder style: ID for what must be given, [ID] for what may be, ID...
        # for several (typer writes {ID} for the first).
        usage = _REQUIRED.sub(r"\1", usage)
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
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            param.display_type_rich = _placeholder(param)
            param._get_number_range_help_str = lambda: None  # "N [x>=0]": the help says it
        super().format_help(ctx, formatter)  # type: ignore[misc]


def _placeholder(param: Any) -> Callable[..., str | None]:
    """One placeholder style in the reader's language: a flag has none; an option shows
    its metavar (NAVN, FIL) or its choices (text|github|json), never typer's <str>,
    <bool> or <list[str]>."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        word = None
    elif getattr(param, "param_type_name", "") == "argument":
        word = None  # its name is shown beside it already
    elif param.metavar:
        word = param.metavar
    else:
        choices = getattr(getattr(param, "type_descriptor", None), "choices", None)
        if choices and len(choices) <= 3:
            word = "|".join(str(getattr(c, "value", c)) for c in choices)
        elif choices:
            word = _("FORMAT")  # the help lists them
        else:
            word = _(_TYPE_WORDS.get(getattr(param.type, "name", ""), "TEXT"))
        if param.nargs != 1 and word:
            word += "..."

    def shown(ctx: Any = None) -> str | None:
        return word

    return shown


_TYPE_WORDS = {"path": N_("PATH"), "integer": N_("N"), "text": N_("TEXT"), "filename": N_("FILE")}


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
