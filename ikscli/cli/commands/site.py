"""`ikscli site OUT_DIR`: the overview as a static web page people browse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ikscli.cli.dataset import load_dataset
from ikscli.cli.options import DataOption, NoCacheOption
from ikscli.i18n import _
from ikscli.render.terminal import say


def site(
    folder: Annotated[
        Path, typer.Argument(metavar=_("OUT_DIR"), help=_("The folder to write index.html in."))
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help=_("Replace an index.html that ikscli did not write.")),
    ] = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """A static, self-contained web page of the overview: filters (kept in the link),
    a view per agreement and per municipality, and the network picture. No request
    leaves the page; publish it by copying the folder to any web server.

    Example: ikscli site nettside && open nettside/index.html
    """
    import os

    from ikscli import files
    from ikscli.cli.errors import output_failed, usage_error
    from ikscli.cli.writing import replacing
    from ikscli.render.site import GENERATOR, page

    index = load_dataset(data, no_cache)
    written = folder / "index.html"
    if os.path.islink(folder):
        usage_error(
            _("{path} is a symbolic link; ikscli does not write through links").format(
                path=files.shown(folder)
            )
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        output_failed(
            _("cannot write {path}: {reason}").format(
                path=files.shown(folder), reason=files.reason(exc)
            )
        )
    if written.is_file() and not written.is_symlink() and not force:
        try:
            with open(written, "rb") as handle:
                head = handle.read(4096)
        except OSError:
            head = b""
        if f'<meta name="generator" content="{GENERATOR}">'.encode() not in head:
            usage_error(
                _("{path} exists and was not written by ikscli; --force replaces it").format(
                    path=files.shown(written)
                )
            )
    content = page(index.dataset).encode("utf-8")
    with replacing(written) as handle:
        handle.write(content)
    say(_("{path}: {size} KB").format(path=files.shown(written), size=f"{len(content) / 1024:.0f}"))
