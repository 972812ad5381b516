"""Agreements as lines of JSON, encoded once per file content.

Encoding 20,000 agreements takes CPython's C encoder about 0.1 s, more than all
the rest of a cached run; so the lines of every agreement are stored beside the
cached dataset the first time JSON is asked for, and later runs only pick and
join them. Each line is `as_dict(agreement)` encoded by `encoder()`: the stored
text and the computed text cannot differ.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .directory import Directory
from .model import Agreement
from .records import as_dict


def encoder() -> Callable[[Any], str]:
    """One line of JSON per value (UTF-8 kept, ", " and ": " between items).

    json's C encoder, made once and reused: JSONEncoder.encode would build a new
    one for every call.
    """
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        return json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    c_encode = c_make_encoder(None, json.JSONEncoder().default, encode_basestring, None,
                              ": ", ", ", False, False, True)
    return lambda value: "".join(c_encode(value, 0))


def lines_for(directory: Directory, agreements: list[Agreement]) -> list[str]:
    """The JSON line of each agreement, from the cache when this content has them."""
    encode = encoder()
    if directory.digest is None:  # not cached (--no-cache): encode what is asked for
        return [encode(as_dict(a)) for a in agreements]
    from . import cache

    every = directory.dataset.agreements
    lines = cache.get_json_lines(directory.digest)
    if lines is None or len(lines) != len(every):
        lines = [encode(as_dict(a)) for a in every]
        cache.put_json_lines(directory.digest, lines)
    if len(agreements) == len(every) and all(a is b for a, b in zip(agreements, every)):
        return lines  # the whole file in file order: nothing to pick
    position = {id(a): i for i, a in enumerate(every)}
    return [lines[position[id(a)]] for a in agreements]
