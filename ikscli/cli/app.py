"""The `ikscli` command: the typer app and its entry point."""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Annotated, NoReturn, Optional

import typer

from ikscli._version import version_line
from ikscli.cli.errors import EXIT_OUTPUT
from ikscli.cli.language import Command, Group, helped
from ikscli.i18n import _
from ikscli.render.terminal import say

# Command name → (its module in ikscli.cli.commands, named after it; the function),
# in the order --help lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("list", "list_agreements"),
    "filter": ("list", "filter_agreements"),
    "count": ("count", "count"),
    "hosts": ("hosts", "hosts"),
    "show": ("show", "show"),
    "matrix": ("matrix", "matrix"),
    "law": ("law", "law"),
    "report": ("report", "report"),
    "diff": ("diff", "diff"),
    "crosscheck": ("crosscheck", "crosscheck"),
    "graph": ("graph", "graph"),
    "validate": ("validate", "validate"),
    "fmt": ("fmt", "fmt"),
    "set": ("edit", "set_fields"),
    "add": ("edit", "add"),
    "end": ("edit", "end"),
    "remove": ("edit", "remove"),
    "rename-party": ("edit", "rename_party"),
    "undo": ("undo", "undo"),
    "import": ("importing", "import_table"),
    "init": ("init", "init"),
    "snapshot": ("snapshot", "snapshot"),
    "export": ("export", "app"),  # a group: export sqlite
    "site": ("site", "site"),
    "schema": ("schema", "schema"),
    "cache": ("cache", "app"),  # a group: cache info, cache clear
}


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(version_line())
        raise typer.Exit()


def _root(
    version: Annotated[
        Optional[bool],
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help=_("Print the version and exit."),
        ),
    ] = None,
) -> None:
    """ikscli: intermunicipal cooperation as data."""
    from ikscli import notices
    from ikscli.cli.options import SPELLED
    from ikscli.text.options import spell

    notices.listen(say)  # the core's notices, one line each on stderr
    spell({role: _(flag) for role, flag in SPELLED.items()})  # its messages' options


def make_app(names: list[str] | None = None) -> typer.Typer:
    """The app with the given commands (all by default)."""
    built = typer.Typer(
        name="ikscli",
        cls=Group,
        help=_(
            "Intermunicipal cooperation (interkommunalt samarbeid) as data: query, validate "
            "and report on the agreements of Gausdal, Lillehammer and Øyer (per 1 January "
            "2019), or any dataset file of the same shape. Exit codes: 0 ok, 1 invalid data, "
            "2 wrong usage, 3 output could not be written."
        ),
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(_root)
    for name in names or COMMANDS:
        module, function = COMMANDS[name]
        command = getattr(import_module(f".commands.{module}", __package__), function)
        if isinstance(command, typer.Typer):  # a group: its commands, translated too
            for info in command.registered_commands:
                if info.callback is not None:
                    info.cls, info.help = Command, helped(info.callback)
            built.add_typer(command, name=name)
        else:
            built.command(name, cls=Command, help=helped(command))(command)
    return built


app = make_app()  # every command: for --help, completion and the tests


def main() -> None:
    """Console entry point: one run of the command line, then a fast exit.

    At the end the process leaves without the interpreter's teardown, which would free
    every object one by one (~35 ms for 20,000 agreements): output is flushed and
    files are closed by then, so nothing is lost (see `_leave` for what that costs).
    """
    _leave(run(sys.argv[1:]))


def run(argv: list[str]) -> int:
    """The command line on `argv`, short of leaving the process: its exit code.

    No tracebacks for a closed pipe or Ctrl-C. typer turns every registered command
    into a click command at each start; when the command line names one, only that one
    is registered (~20 ms less). The tests call this in-process, as `main` does.
    """
    from ikscli.cli.output import configure_streams

    configure_streams()
    name = next((arg for arg in argv if not arg.startswith("-")), None)
    chosen = make_app([name]) if name in COMMANDS else app
    try:
        chosen(args=argv, prog_name="ikscli")  # not "python -m ikscli" in usage lines
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except BrokenPipeError:
        code = 0
    except KeyboardInterrupt:
        code = 130
    if code is None:
        return 0
    if not isinstance(code, int):
        say(str(code))
        return 1
    return code


# Modules whose exit handlers must run: a fast exit would lose what they save.
NEEDS_TEARDOWN = ("coverage",)


def _leave(code: int) -> NoReturn:
    """Flush, then leave at once with `code`.

    The fast exit (os._exit) skips the interpreter's teardown and with it atexit
    handlers and the flushing of files still open. What that costs, and why it is
    safe here: every command writes through `writing()`, which closes its file before
    the command returns, and stdout and stderr are flushed below. When a module that
    needs its exit handlers is loaded (coverage measuring a subprocess run), or
    IKSCLI_CLEAN_EXIT is set, ikscli leaves the ordinary way instead.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:  # the reader went away (| head): not an error
            pass
        except (OSError, ValueError):  # a full disk or a closed stream after all
            if stream is sys.stdout and code == 0:
                say(_("Error: {message}").format(message=_("cannot write to standard output")))
                code = EXIT_OUTPUT
    if os.environ.get("IKSCLI_CLEAN_EXIT") or any(m in sys.modules for m in NEEDS_TEARDOWN):
        sys.exit(code)
    os._exit(code)
