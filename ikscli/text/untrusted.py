"""Text from a dataset is untrusted: what it may hold, and how to show it safely.

Many people edit the file. A string could carry terminal escape sequences (ESC[2J,
OSC 8 links, OSC 52 clipboard writes), bidi controls that make text read
differently from what it is (U+202E), or line breaks that forge a line of
`validate` output. Validation refuses control and bidi characters in every text
field and warns about invisible zero-width ones; renderers escape them anyway.
"""

from __future__ import annotations

import re

# C0 (all of them: no text field of a record needs a tab or a line break), DEL, C1,
# the Unicode line and paragraph separators, and the bidi embeddings, overrides and
# isolates.
CONTROL_CHARACTERS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"  # a [class]
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# Invisible marks: zero-width spaces and joiners, the left-to-right and right-to-left
# marks (U+200E/F, U+061C), the soft hyphen, invisible operators, the combining
# grapheme joiner, Hangul fillers and the tag characters (U+E0000-E007F) that can
# smuggle text no one sees.
ZERO_WIDTH = re.compile(
    "[\u200b-\u200f\u061c\u00ad\u034f\u115f\u1160\u180e\u2060-\u2064\u3164\ufeff"
    "\uffa0\U000e0000-\U000e007f]"
)


_HIDDEN = re.compile(f"{CONTROL.pattern}|{ZERO_WIDTH.pattern}")


def escaped(text: str) -> str:
    """`text` with every control, separator, bidi and invisible character written as
    \\xNN or \\uNNNN (what a terminal would otherwise run, or hide)."""
    if text.isprintable():
        return text
    return _HIDDEN.sub(_code, text)


def _code(match: re.Match[str]) -> str:
    point = ord(match.group(0))
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def quoted(value: object) -> str:
    """A value inside a message: in quotes, with anything that could break a line escaped."""
    text = value if isinstance(value, str) else str(value)
    return "'" + escaped(text).replace("'", "\\'") + "'"
