"""Where each agreement of a dataset file stands: the line and column of its id."""

from __future__ import annotations

from pathlib import Path

from ikscli.model import Dataset
from ikscli.reading import yamlread
from ikscli.reading.loader import read_bytes


def agreement_places(path: Path, dataset: Dataset) -> dict[str, tuple[int, int]]:
    """Agreement id → (line, column) of its `id:` key in the file at `path`; empty for
    standard input or a file that cannot be read again."""
    try:
        raw = read_bytes(path)
    except Exception:  # noqa: BLE001 - a place is a help, never a reason to fail
        return {}
    text, _problem = yamlread.decode(raw, str(path))
    if text is None:
        return {}
    reading = yamlread.read(text, str(path), track=True)
    if reading.locator is None:
        return {}
    return {
        agreement.id: reading.locator.key(("agreements", position, "id"))
        for position, agreement in enumerate(dataset.agreements)
    }
