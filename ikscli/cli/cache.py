"""`ikscli cache info` and `ikscli cache clear`: the cache of validated datasets."""

from __future__ import annotations

import typer

from .common import writing

app = typer.Typer(
    name="cache",
    no_args_is_help=True,
    add_completion=False,
    help="Show or empty the cache of validated datasets ($XDG_CACHE_HOME/ikscli).",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


@app.command("info")
def cache_info() -> None:
    """Where the cache is, whether it is used, and how full it is.

    Example: ikscli cache info
    """
    from .. import cache

    facts = cache.info()
    limit = int(facts["limit_bytes"])  # type: ignore[call-overload]
    lines = [
        f"folder:   {facts['folder']}",
        "in use:   " + ("yes" if facts["in_use"] else f"no: it {facts['why_not']}"),
        f"datasets: {facts['datasets']} ({facts['entries']} "
        f"entr{'y' if facts['entries'] == 1 else 'ies'})",
        f"size:     {_mib(int(facts['bytes']))} of at most "  # type: ignore[call-overload]
        f"{_mib(limit) if limit else '0 (off)'} (IKSCLI_CACHE_MAX_MB)",
    ]
    with writing(None) as stream:
        stream.write("\n".join(lines) + "\n")


@app.command("clear")
def cache_clear() -> None:
    """Remove every cached dataset. Later runs validate their files again.

    Example: ikscli cache clear
    """
    from .. import cache

    removed, freed = cache.clear()
    with writing(None) as stream:
        stream.write(
            f"removed {removed} file{'s' * (removed != 1)} ({_mib(freed)}) from "
            f"{cache.directory()}\n"
        )
