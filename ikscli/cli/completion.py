"""Shell completion: municipality names and agreement ids from the dataset in use."""

from __future__ import annotations


def _directory():
    try:
        from ..directory import Directory
        from ..loader import default_path, load

        loaded = load(default_path())
        return Directory(loaded.dataset) if loaded.dataset is not None else None
    except Exception:  # completion must never break the shell
        return None


def agreement_ids(incomplete: str) -> list[str]:
    directory = _directory()
    if directory is None:
        return []
    return [i for i in directory.agreements if i.startswith(incomplete.lower())]


def party_names(incomplete: str) -> list[str]:
    from ..names import fold

    directory = _directory()
    if directory is None:
        return []
    key = fold(incomplete)
    return [name for name in directory.parties if fold(name).startswith(key)]
