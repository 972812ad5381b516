"""Shell completion: municipality names and agreement ids from the dataset in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ikscli.query.nameindex import NameIndex


def _index() -> NameIndex | None:
    try:
        from ikscli.query.nameindex import NameIndex
        from ikscli.reading.loader import default_path, load

        loaded = load(default_path())
        return NameIndex(loaded.dataset) if loaded.dataset is not None else None
    except Exception:  # completion must never break the shell
        return None


def agreement_ids(incomplete: str) -> list[str]:
    index = _index()
    if index is None:
        return []
    return [i for i in index.agreements if i.startswith(incomplete.lower())]


def party_names(incomplete: str) -> list[str]:
    from ikscli.text.names import fold

    index = _index()
    if index is None:
        return []
    key = fold(incomplete)
    return [name for name in index.parties if fold(name).startswith(key)]
