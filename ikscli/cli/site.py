"""`ikscli site OUT_DIR`: the overview as a static web page people browse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from ..terminal import say
from .common import load_dataset
from .options import DataOption, NoCacheOption


def site(
    folder: Annotated[
        Path, typer.Argument(metavar="OUT_DIR", help=_("The folder to write index.html in."))
    ],
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """A static, self-contained web page of the overview: filters (kept in the link),
    a view per agreement and per municipality, and the network picture. No request
    leaves the page; publish it by copying the folder to any web server.

    Example: ikscli site nettside && open nettside/index.html
    """
    from ..site import page
    from .common import output_failed, replacing

    index = load_dataset(data, no_cache)
    written = folder / "index.html"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        output_failed(
            _("cannot write {path}: {reason}").format(path=folder, reason=exc.strerror or exc)
        )
    content = page(index.dataset).encode("utf-8")
    with replacing(written) as handle:
        handle.write(content)
    say(_("{path}: {size} KB").format(path=written, size=f"{len(content) / 1024:.0f}"))
