"""Agreements as lines of JSON, encoded once per file content.

Encoding 20,000 agreements takes CPython's C encoder about 0.1 s, more than all
the rest of a cached run; so the lines of every agreement are stored beside the
cached dataset the first time JSON is asked for, and later runs only pick and
join them. Each line is `agreement.as_dict()` encoded by `encoder()`: the stored
text and the computed text cannot differ.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ikscli.model import Agreement
from ikscli.query.nameindex import NameIndex


def encoder() -> Callable[[Any], str]:
    """One line of JSON per value (UTF-8 kept, ", " and ": " between items).

    The public encoder, made once (its C encoder does the work); the lines are
    stored in the cache, so only a content's first JSON run pays for them.
    """
    return json.JSONEncoder(
        ensure_ascii=False, separators=(", ", ": "), check_circular=False
    ).encode


def lines_for(index: NameIndex, agreements: list[Agreement]) -> list[str]:
    """The JSON line of each agreement, from the cache when this content has them."""
    encode = encoder()
    if index.digest is None:  # not cached (--no-cache): encode what is asked for
        return [encode(a.as_dict()) for a in agreements]
    from ikscli.reading import cache

    every = index.dataset.agreements
    lines = cache.get_json_lines(index.digest)
    if lines is None or len(lines) != len(every):
        lines = [encode(a.as_dict()) for a in every]
        cache.put_json_lines(index.digest, lines)
    if len(agreements) == len(every) and all(
        a is b for a, b in zip(agreements, every, strict=True)
    ):
        return lines  # the whole file in file order: nothing to pick
    position = {id(a): i for i, a in enumerate(every)}
    return [lines[position[id(a)]] for a in agreements]
