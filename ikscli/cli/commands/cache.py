"""`ikscli cache info` and `ikscli cache clear`: the cache of validated datasets."""

from __future__ import annotations

import typer

from ikscli.cli.language import Group
from ikscli.cli.writing import writing
from ikscli.i18n import _, ngettext

app = typer.Typer(
    name="cache",
    no_args_is_help=True,
    add_completion=False,
    cls=Group,
    help=_("Show or empty the cache of validated datasets ($XDG_CACHE_HOME/ikscli)."),
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _mib(size: int) -> str:
    from ikscli.text.numbers import mib

    return mib(size)


@app.command("info")
def cache_info() -> None:
    """Where the cache is, whether it is used, and how full it is.

    Example: ikscli cache info
    """
    from ikscli.reading import cache

    facts = cache.info()
    limit = int(facts["limit_bytes"])  # type: ignore[call-overload]
    entries = int(facts["entries"])  # type: ignore[call-overload]
    rows = [
        (_("folder:"), str(facts["folder"])),
        (
            _("in use:"),
            _("yes") if facts["in_use"] else _("no: it {why}").format(why=facts["why_not"]),
        ),
        (
            _("datasets:"),
            f"{facts['datasets']} ("
            + ngettext("{n} entry", "{n} entries", entries).format(n=entries)
            + ")",
        ),
        (
            _("size:"),
            _("{size} of at most {limit} (IKSCLI_CACHE_MAX_MB)").format(
                size=_mib(int(facts["bytes"])),  # type: ignore[call-overload]
                limit=_mib(limit) if limit else _("0 (off)"),
            ),
        ),
    ]
    width = max(len(label) for label, _value in rows)
    with writing(None) as stream:
        stream.write("".join(f"{label:<{width}} {value}\n" for label, value in rows))


@app.command("clear")
def cache_clear() -> None:
    """Remove every cached dataset. Later runs validate their files again.

    Example: ikscli cache clear
    """
    from ikscli.reading import cache

    removed, freed = cache.clear()
    with writing(None) as stream:
        text = ngettext(
            "removed {n} file ({size}) from {folder}",
            "removed {n} files ({size}) from {folder}",
            removed,
        )
        stream.write(text.format(n=removed, size=_mib(freed), folder=cache.directory()) + "\n")
