"""Names as people type them: folding, matching and "did you mean" suggestions."""

from __future__ import annotations

import difflib
import re
import unicodedata

_LETTERS = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o"})
_DIGRAPHS = re.compile(r"ae|oe|aa")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    """Text as NFC: terminals and some editors send decomposed (NFD) letters."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """A matching key: case, Norwegian letters, accents and punctuation folded away.

    `Øyer`, `ØYER`, `oyer` and `Oeyer` all fold to `oyer`; `Nord-Fron` to `nordfron`.
    """
    text = nfc(text).casefold().translate(_LETTERS)
    text = _DIGRAPHS.sub(lambda m: m.group(0)[0], text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", text)


def suggest(text: str, candidates: list[str], limit: int = 3) -> list[str]:
    """The candidates closest to `text`, best first."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(fold(candidate), candidate)
    keys = difflib.get_close_matches(fold(text), list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in keys]


def did_you_mean(text: str, candidates: list[str]) -> str:
    """' (did you mean X?)' or '' when nothing is close."""
    close = suggest(text, candidates)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
