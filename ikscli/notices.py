"""Things worth telling the user that are not errors (a slow YAML reader, a cache that
cannot be kept), said once per run by whoever runs the core.

The core never writes to a stream: it calls `notice`. The command line installs a
listener that writes each notice as one line on stderr (`ikscli.cli.app`); a program
using the Python API gets them as warnings (`IkscliNotice`), which it can filter,
log or turn into errors like any other warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable


class IkscliNotice(UserWarning):
    """A notice from ikscli to a program that uses its Python API."""


_listener: Callable[[str], None] | None = None
_given: set[str] = set()


def listen(listener: Callable[[str], None] | None) -> None:
    """Send every notice to `listener` (None: as warnings again)."""
    global _listener
    _listener = listener


def notice(message: str) -> None:
    """Tell the user `message`, once per run."""
    if message in _given:
        return
    _given.add(message)
    if _listener is not None:
        _listener(message)
    else:
        warnings.warn(message, IkscliNotice, stacklevel=3)
