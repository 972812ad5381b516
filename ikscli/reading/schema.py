"""The dataset file's JSON Schema, generated from the models, for editors.

yaml-language-server understands draft-07, so pydantic's output (2020-12 style,
with `$defs`) is rewritten to draft-07 (`definitions`) and stripped of titles
that add nothing.
"""

from __future__ import annotations

import json
from typing import Any

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def generate() -> dict[str, Any]:
    from pydantic import TypeAdapter

    from ikscli.model import Dataset

    raw = TypeAdapter(Dataset).json_schema(ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    raw.pop("title", None)
    raw.pop("description", None)
    schema = {
        "$schema": DRAFT_07,
        "title": "ikscli dataset (interkommunalt samarbeid)",
        "description": "A dataset file read by ikscli: meta, parties, categories and "
        "agreements. Check it with `ikscli validate`.",
        **raw,
        "definitions": definitions,
    }
    cleaned: dict[str, Any] = _without_field_titles(schema)
    return cleaned


def _without_field_titles(node: Any, top: bool = True) -> Any:
    """Drop pydantic's per-field titles ("title": "Category"): they repeat the key."""
    if isinstance(node, dict):
        return {
            k: _without_field_titles(v, False)
            for k, v in node.items()
            if top or not (k == "title" and isinstance(v, str))
        }
    if isinstance(node, list):
        return [_without_field_titles(v, False) for v in node]
    return node


def text() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"
