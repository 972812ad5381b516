"""The command layer: typer commands that turn options into queries and render results."""

import sys


def main() -> None:
    """Console entry point. `--version` answers before typer is even imported.

    The cyclic garbage collector is switched off for the whole run: a run lives for a
    fraction of a second, frees almost everything by reference counting, and the
    collector would otherwise rescan every imported module and every loaded
    agreement again and again (10-20 % of a run).
    """
    import gc

    gc.disable()
    if sys.argv[1:] in (["--version"], ["-V"]):
        from ikscli._version import version_line

        sys.stdout.write(version_line())
        return
    from ikscli.cli.app import main as run

    run()
