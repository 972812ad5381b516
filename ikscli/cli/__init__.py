"""The command layer: typer commands that turn options into queries and render results."""

import sys


def main() -> None:
    """Console entry point. `--version` answers before typer is even imported."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from .. import __version__

        sys.stdout.write(f"ikscli {__version__}\n")
        return
    from .app import main as run

    run()
