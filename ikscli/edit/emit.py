"""Values written as the canonical file writes them (`ikscli fmt`'s form).

- Text is plain where YAML allows it and a reader would still read text; else in
  single quotes where they can hold it; double quotes (with YAML's escapes) where
  they cannot, and always where a plain value would read as another type (0501,
  2019-01-01, yes, no, on, ~): ikscli reads YAML 1.1. The same choice as the YAML
  emitters make (PyYAML's and ruamel.yaml's), with the typed values quoted.
- true and false; lists of members and partners in flow style: `[Gausdal, Øyer]`.
- In a file written as JSON (`{"id": ...}`), every text in double quotes.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any

import yaml
from yaml.emitter import Emitter

_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# Text that is plain in any context without further checks: it starts with a letter and
# holds none of YAML's indicators, quotes or line breaks (most names and remarks).
_SIMPLE = re.compile(r"[^\W\d_][^:#\[\]{},\"'\n\r\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_FLOW_UNSAFE = frozenset(",[]{}")


def needs_quotes(text: str) -> bool:
    """A plain `text` would be read (by YAML 1.1, as ikscli reads) as something else."""
    return bool(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STR)


@lru_cache(maxsize=1)
def _emitter() -> Emitter:
    emitter = Emitter(None)
    emitter.allow_unicode = True
    return emitter


def style(text: str, flow: bool = False) -> str:
    """How `text` is written: '' plain, "'" single or '"' double quotes."""
    if (
        _SIMPLE.fullmatch(text)
        and text[-1] != " "
        and text.isprintable()
        and not (text[:1] in "yYnNtTfFoO~" and needs_quotes(text))
    ):
        return ""
    if needs_quotes(text):
        return '"'
    analysis = _emitter().analyze_scalar(text)
    if not analysis.multiline and (
        analysis.allow_flow_plain if flow else analysis.allow_block_plain
    ):
        if not (flow and _FLOW_UNSAFE.intersection(text)) and not _typed_in_1_2(text):
            return ""
    if "'" in text:  # as ruamel.yaml writes it: "it's", not 'it''s'
        return '"'
    if analysis.allow_single_quoted and not analysis.multiline:
        return "'"
    return '"'


def _typed_in_1_2(text: str) -> bool:
    """A plain `text` a YAML 1.2 reader would take for a number (0E0, 0o17): quoted too,
    as ruamel.yaml quotes it, so that every reader sees text. (Words such as true and null
    are typed in 1.1 as well.)"""
    if text[:1].isalpha():
        return False
    resolver, node = _resolver_1_2()
    return bool(resolver.resolve(node, text, (True, False)) != _STR)


@lru_cache(maxsize=1)
def _resolver_1_2() -> Any:
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 2)), ScalarNode


def scalar(text: str, flow: bool = False, json: bool = False) -> str:
    """`text` as a scalar token, in the style the canonical file gives it."""
    chosen = '"' if json else style(text, flow)
    if chosen == "":
        return text
    if chosen == "'":
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f",
    "\r": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_",
    "\u2028": "L", "\u2029": "P",
}  # fmt: skip


def double_quoted(text: str) -> str:
    """`text` in double quotes, escaped as YAML's emitters escape it (one line)."""
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append("\\" + _ESCAPES[ch])
        elif "\x20" <= ch <= "\x7e" or (
            ("\xa0" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd") and ch != "\ufeff"
        ):
            out.append(ch)
        elif ch <= "\xff":
            out.append(f"\\x{ord(ch):02X}")
        elif ch <= "\uffff":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    out.append('"')
    return "".join(out)


def value(item: Any, flow: bool = False, json: bool = False) -> str:
    """A value of a record as its text: text, yes/no, a list, a date or a number."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, str):
        return scalar(item, flow, json)
    if isinstance(item, (list, tuple)):
        return "[" + ", ".join(value(v, flow=True, json=json) for v in item) + "]"
    if isinstance(item, datetime.date):  # quoted: YAML 1.1 readers (PyYAML) would read
        return f'"{item.isoformat()}"'  # a bare 2019-01-01 as a date, not the schema's text
    if item is None:
        return "null" if json else ""
    if isinstance(item, (int, float)):
        return repr(item)
    if isinstance(item, dict):  # owners' shares: {Gausdal: 20, Øyer: 30}
        pairs = (f"{key(k, json)}: {value(v, flow=True, json=json)}" for k, v in item.items())
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(type(item).__name__)


def key(name: str, json: bool = False) -> str:
    return double_quoted(name) if json else scalar(name)
