"""Pause Python's cyclic garbage collector while building many objects at once.

Reading, validating and caching a dataset create millions of small objects and free
none of them; the collector would rescan the growing heap again and again, which
makes large files superlinear. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
