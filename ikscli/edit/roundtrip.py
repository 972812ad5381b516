"""The dataset file as people keep it: read with its comments, changed, written back.

Queries read a file with the fast loader (`ikscli.reading.loader`); the commands that write
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
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from ikscli.edit.draft import ORDERS
from ikscli.edit.emit import needs_quotes
from ikscli.edit.spacing import blank_lines

TOP = ("meta", "parties", "categories", "agreements")
FLOW = ("members", "partners")


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
    return blank_lines(text_of(document))


def canonical_record(text: str, order: tuple[str, ...], in_list: bool) -> str:
    """One record's text (a list item under "  - ", or a mapping at column 2) in
    canonical form, its comments kept. Raises RoundTripError."""
    try:
        document = _yaml().load(text)
    except Exception as exc:  # ruamel's errors have no common public base
        raise RoundTripError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    node = document[0] if in_list and isinstance(document, list) and document else document
    if not isinstance(node, CommentedMap):
        raise RoundTripError("not a mapping")
    order_keys(node, order)
    for name in FLOW:
        if isinstance(node.get(name), list):
            node[name] = flow_list(node[name])
    _quote_where_typed(node)
    out = text_of(document)
    if not in_list:
        out = "".join(("  " + line if line.strip() else line) for line in out.splitlines(True))
    return out


def text_of(document: CommentedMap) -> str:
    """The document as text, each part in the style it was read (or set) in."""
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def canonical_text(text: str) -> str:
    """`text` in canonical form (what `ikscli fmt` writes)."""
    return dump(load(text))


def canonicalise(document: CommentedMap) -> None:
    """Put keys in order, lists in flow style, and quotes where types would change."""
    order_keys(document, TOP)
    meta = document.get("meta")
    if isinstance(meta, CommentedMap):
        order_keys(meta, ORDERS["meta"])
    for key in ("parties", "agreements"):
        fields = ORDERS[key]
        records = document.get(key)
        if isinstance(records, list):
            for record in records:
                if isinstance(record, CommentedMap):
                    order_keys(record, fields)
                    for name in FLOW:
                        if isinstance(record.get(name), list):
                            record[name] = flow_list(record[name])
    _quote_where_typed(document)


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
