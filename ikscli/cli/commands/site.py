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
    from ikscli.cli.errors import usage_error
    from ikscli.cli.writing import output_folder, replacing
    from ikscli.render.site import GENERATOR, page

    index = load_dataset(data, no_cache)
    written = folder / "index.html"
    output_folder(folder)
    from ikscli.render.site_downloads import DOWNLOADS
    from ikscli.render.site_downloads import files as downloads

    ours = False
    if written.is_file() and not written.is_symlink():
        try:
            with open(written, "rb") as handle:
                head = handle.read(4096)
        except OSError:
            head = b""
        ours = f'<meta name="generator" content="{GENERATOR}">'.encode() in head
    for name in ("index.html", *DOWNLOADS):  # never through a link, whatever --force says
        if os.path.islink(folder / name):
            usage_error(
                _("{path} is a symbolic link; ikscli does not write through links").format(
                    path=files.shown(folder / name)
                )
            )
    if not force and not ours:
        # a page, or a file of the page's data, that ikscli did not write is never replaced
        for name in ("index.html", *DOWNLOADS):
            if os.path.lexists(folder / name):
                usage_error(
                    _("{path} exists and was not written by ikscli; --force replaces it").format(
                        path=files.shown(folder / name)
                    )
                )
    content = page(index.dataset).encode("utf-8")

    for name, data_file in downloads(index.dataset).items():  # beside it, before it
        with replacing(folder / name) as handle:
            handle.write(data_file)
    with replacing(written) as handle:
        handle.write(content)
    say(_("{path}: {size} KB").format(path=files.shown(written), size=f"{len(content) / 1024:.0f}"))
    say(
        _("{folder}: the data beside it: {files}").format(
            folder=files.shown(folder), files=", ".join(DOWNLOADS)
        )
    )
