"""ikscli: intermunicipal cooperation (interkommunalt samarbeid) as validated data.

The Python API (see docs/python.md) is imported on first use, so that the command
line does not pay for it:

    import ikscli
    data = ikscli.load()
    data.select(kommune="Øyer")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ikscli._version import __version__

__all__ = [
    "Agreement",
    "DataError",
    "Dataset",
    "EditError",
    "Problem",
    "QueryError",
    "__version__",
    "add",
    "end",
    "load",
    "remove",
    "set_fields",
    "undo",
]

if TYPE_CHECKING:  # pragma: no cover
    from ikscli.api import (
        Agreement,
        DataError,
        Dataset,
        EditError,
        Problem,
        QueryError,
        add,
        end,
        load,
        remove,
        set_fields,
        undo,
    )


def __dir__() -> list[str]:
    """What a notebook completes after `ikscli.`: the API's names too (they are loaded
    on first use)."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ikscli import api

        return getattr(api, name)
    raise AttributeError(f"module 'ikscli' has no attribute {name!r}")
