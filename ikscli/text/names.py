"""Names as people type them: folding, matching and "did you mean" suggestions."""

from __future__ import annotations

import difflib
import re
import unicodedata

_DIGRAPHS = re.compile(r"ae|oe|aa")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    """Text as NFC: terminals and some editors send decomposed (NFD) letters."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """A matching key: case, Norwegian letters, accents and punctuation folded away.

    `Øyer`, `ØYER`, `oyer` and `Oeyer` all fold to `oyer`; `Nord-Fron` to `nordfron`.
    """
    text = _letters(nfc(text).casefold())
    text = _DIGRAPHS.sub(_first_letter, text)
    if not text.isascii():  # accents left (é, ü): drop them; most names need no such step
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return _NOT_ALNUM.sub("", text)


def name_keys(names: list[str], ids: list[str]) -> str:
    """Names folded and ids without hyphens, each one a line, in order (names, NUL,
    ids): how a change looks an agreement up by its exact name or id. Kept in the cache
    with the dataset, so that a national file's 200,000 names are folded once."""
    return "\n".join(fold_many(names)) + "\0" + "\n".join(ids).replace("-", "")


def _letters(text: str) -> str:
    """æ, ø, å (and ä, ö) as a, o, a: str.replace runs at C speed where translate with a
    mapping looks up every character."""
    if text.isascii():
        return text
    for letter, plain in _LETTER_PAIRS:
        if letter in text:
            text = text.replace(letter, plain)
    return text


_LETTER_PAIRS = (("æ", "a"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"))
_NOT_ALNUM_OR_BREAK = re.compile(r"[^0-9a-z\n]+")


def fold_many(texts: list[str]) -> list[str]:
    """[fold(t) for t in texts], at C speed: the texts folded as one (a line break, which
    no name holds, keeps them apart)."""
    if not texts:
        return []
    if any("\n" in t for t in texts):
        return [fold(t) for t in texts]
    text = _letters(nfc("\n".join(texts)).casefold())
    text = _DIGRAPHS.sub(_first_letter, text)
    if text.isascii():
        return _NOT_ALNUM_OR_BREAK.sub("", text).split("\n")
    parts = text.split("\n")  # accents left in a few: those take fold's own last steps
    return [
        _NOT_ALNUM.sub("", p)
        if p.isascii()
        else _NOT_ALNUM.sub(
            "", "".join(c for c in unicodedata.normalize("NFKD", p) if not unicodedata.combining(c))
        )
        for p in parts
    ]


def _first_letter(match: re.Match[str]) -> str:
    return match.group(0)[0]


class Suggester:
    """Close matches among one set of candidates, for "did you mean" hints.

    The candidates are folded once, not once per question, and each question is
    answered once. Above BUCKET_ABOVE candidates (the ids of a national file) only
    those that share the first PREFIX folded characters are compared, so a hint
    costs the same whether the file holds 58 agreements or 200,000. At most
    `budget` different questions are answered (a report shows 50 problems of a
    kind): a file with a thousand typos is not slowed by a thousand searches.
    """

    BUCKET_ABOVE = 2_000
    PREFIX = 3

    def __init__(self, candidates: list[str], budget: int = 50) -> None:
        self._candidates = candidates
        self._by_key: dict[str, str] | None = None
        self._buckets: dict[str, list[str]] | None = None
        self._answers: dict[str, list[str]] = {}
        self.budget = budget

    def _keys(self, folded: str) -> list[str]:
        if self._by_key is None:
            self._by_key = {}
            for key, candidate in zip(fold_many(self._candidates), self._candidates, strict=True):
                self._by_key.setdefault(key, candidate)
            if len(self._by_key) > self.BUCKET_ABOVE:
                self._buckets = {}
                for key in self._by_key:
                    self._buckets.setdefault(key[: self.PREFIX], []).append(key)
        if self._buckets is None:
            return list(self._by_key)
        return self._buckets.get(folded[: self.PREFIX], [])

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """The candidates closest to `text`, best first."""
        if text in self._answers:
            return self._answers[text]
        if self.budget <= 0:
            return []
        self.budget -= 1
        folded = fold(text)
        keys = difflib.get_close_matches(folded, self._keys(folded), n=limit, cutoff=0.6)
        assert self._by_key is not None
        answer = self._answers[text] = [self._by_key[key] for key in keys]
        return answer

    def did_you_mean(self, text: str) -> str:
        """' (did you mean X?)' or '' when nothing is close."""
        close = self.suggest(text)
        if not close:
            return ""
        from ikscli.i18n import _

        return " " + _("(did you mean {options}?)").format(
            options=_(" or ").join(repr(c) for c in close)
        )


# Norwegian alphabetical order: a-z, then æ, ø, å (and their Swedish, German and Danish
# neighbours ä, ö and ü where Norwegian dictionaries put them). Characters after "z" in
# ASCII stand in for the three letters, so no installed locale is needed.
_NORWEGIAN = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"})


def sort_key(text: str) -> tuple[str, str]:
    """Norwegian alphabetical order, case-blind: Østnorsk after Rådmannsutvalg and Å last.

    Accents other than æ, ø and å are ignored (é sorts as e); ties keep a fixed order.
    """
    folded = nfc(text).casefold().translate(_NORWEGIAN)
    if not folded.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
    return folded, text


def suggest(text: str, candidates: list[str], limit: int = 3) -> list[str]:
    """The candidates closest to `text`, best first."""
    return Suggester(candidates).suggest(text, limit)


def did_you_mean(text: str, candidates: list[str]) -> str:
    """' (did you mean X?)' or '' when nothing is close."""
    return Suggester(candidates).did_you_mean(text)
