"""The dataset file as people keep it: read with its comments, changed, written back.

Queries read a file with the fast loader (`ikscli.loader`); the commands that write
one (`fmt`, `set`, `add`, `end`, `remove`, `import`, `snapshot`) go through here.
ruamel.yaml keeps every comment and each value's style; this module puts the file in
its canonical form:

- keys in the model's order (meta, parties, categories, agreements; each record's
  fields as the model lists them);
- members and partners as flow lists: `members: [Gausdal, Øyer]`;
- quotes only where YAML needs them, and double quotes wherever a plain value would
  be read as another type (0501, 2019-01-01, yes, no, on, ~): the reader is YAML 1.1;
- one blank line before each agreement (after its comments, if any), none elsewhere
  doubled; the header comment as it is.

Every write is checked by the caller: the dataset read back must validate (and, for
`fmt`, equal the dataset before).
"""

from __future__ import annotations

import io
import re
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from .model import AGREEMENT_FIELDS, META_FIELDS, PARTY_FIELDS

TOP = ("meta", "parties", "categories", "agreements")
# The file's order: what a record is before the details (the models put optional
# fields last, as Python requires; the file reads better this way). Agreements keep
# the model's order, which is also the order of the JSON and CSV columns.
META_ORDER = ("title", "region", "as_of", "source")
PARTY_ORDER = ("name", "short_name", "kind", "region", "number_2019", "number_2020")
FLOW = ("members", "partners")
_STR = "tag:yaml.org,2002:str"
_RESOLVER = pyyaml.resolver.Resolver()


class RoundTripError(Exception):
    """The file cannot be read as a round-trip document (it is not valid YAML)."""


def _yaml(keep_quotes: bool = False) -> YAML:
    handler = YAML()  # round trip: comments, order and styles kept
    # fmt puts quotes only where needed (see _quote_where_typed); an edit keeps them
    handler.preserve_quotes = keep_quotes
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096  # never re-wrap a long line: it is the keeper's own
    return handler


def load(text: str, keep_quotes: bool = False) -> CommentedMap:
    """The file as a round-trip document; with `keep_quotes`, each value keeps its
    quotes (an edit changes only what it changes), else fmt decides them."""
    try:
        document = _yaml(keep_quotes).load(text)
    except Exception as exc:  # ruamel's errors have no common public base
        raise RoundTripError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    if not isinstance(document, CommentedMap):
        raise RoundTripError("the file is not a mapping")
    return document


def dump(document: CommentedMap) -> str:
    """The document in canonical form, as text."""
    canonicalise(document)
    return _blank_lines(text_of(document))


def text_of(document: CommentedMap) -> str:
    """The document as text, each part in the style it was read (or set) in."""
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def decoded(raw: bytes) -> tuple[str, str, bool]:
    """A file's text with \\n line ends, its own line end, and whether it had a BOM."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), newline, bom


def encoded(text: str, newline: str, bom: bool) -> bytes:
    """Text back to the file's bytes: its line ends and BOM as they were."""
    return ("\ufeff" if bom else "").encode() + text.replace("\n", newline).encode("utf-8")


def canonical_text(text: str) -> str:
    """`text` in canonical form (what `ikscli fmt` writes)."""
    return dump(load(text))


def canonicalise(document: CommentedMap) -> None:
    """Put keys in order, lists in flow style, and quotes where types would change."""
    order_keys(document, TOP)
    meta = document.get("meta")
    if isinstance(meta, CommentedMap):
        order_keys(meta, _complete(META_ORDER, META_FIELDS))
    for key, fields in (
        ("parties", _complete(PARTY_ORDER, PARTY_FIELDS)),
        ("agreements", AGREEMENT_FIELDS),
    ):
        records = document.get(key)
        if isinstance(records, list):
            for record in records:
                if isinstance(record, CommentedMap):
                    order_keys(record, fields)
                    for name in FLOW:
                        if isinstance(record.get(name), list):
                            record[name] = flow_list(record[name])
    _quote_where_typed(document)


def _complete(order: tuple[str, ...], fields: tuple[str, ...]) -> tuple[str, ...]:
    """`order`, then the model's fields it does not name (a field added later)."""
    return order + tuple(f for f in fields if f not in order)


def order_keys(mapping: CommentedMap, order: tuple[str, ...]) -> None:
    """Keys in `order` first, in that order; unknown keys after, as they were."""
    rank = {key: i for i, key in enumerate(order)}
    keys = sorted(mapping, key=lambda k: rank.get(k, len(rank)))
    if keys != list(mapping):
        for key in keys:
            mapping.move_to_end(key)


def flow_list(items: list[Any]) -> CommentedSeq:
    seq = items if isinstance(items, CommentedSeq) else CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def needs_quotes(text: str) -> bool:
    """A plain `text` would be read (by YAML 1.1, as ikscli reads) as something else."""
    return _RESOLVER.resolve(pyyaml.ScalarNode, text, (True, False)) != _STR


def _quote_where_typed(node: Any) -> None:
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if isinstance(value, (dict, list)):
            _quote_where_typed(value)
        elif isinstance(value, str) and not isinstance(value, ScalarString):
            if needs_quotes(value):
                node[key] = DoubleQuotedScalarString(value)
        elif isinstance(value, DoubleQuotedScalarString) and not needs_quotes(str(value)):
            node[key] = str(value)


_RECORD = re.compile(r"^  - id: ")
_COMMENT = re.compile(r"^\s*#")


def _blank_lines(text: str) -> str:
    """One blank line before each agreement and its comments; never two in a row."""
    lines = text.split("\n")
    out: list[str] = []
    in_agreements = False
    for line in lines:
        if line.startswith("agreements:"):
            in_agreements = True
        elif line and not line.startswith((" ", "#")):
            in_agreements = False
        if in_agreements and _RECORD.match(line):
            start = len(out)  # the record's own comments go with it
            while start > 0 and _COMMENT.match(out[start - 1]):
                start -= 1
            while start > 0 and out[start - 1] == "":
                del out[start - 1]
                start -= 1
            if start > 0 and not out[start - 1].startswith("agreements:"):
                out.insert(start, "")
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"
