"""The editing pipeline's parts, in process: each shortcut against the plain way it
stands in for (fold_many and fold, the blank-line check and the line-by-line pass, the
diff from splices and difflib, the emitter and ruamel.yaml), over many generated cases."""

from __future__ import annotations

import difflib
import io
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikscli.edit import emit, lines, spacing
from ikscli.edit.patch import unified
from ikscli.text.names import fold, fold_many


def test_fold_many_folds_as_fold_does():
    rng = random.Random(1)
    alphabet = "aeoAEOæøåÆØÅäöéüß -.,:ﬁ\u0301x1"
    for _ in range(3000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(5)]
        assert fold_many(texts) == [fold(t) for t in texts], texts


def test_the_quick_blank_line_check_agrees_with_the_line_by_line_pass():
    rng = random.Random(7)
    pieces = [
        "agreements:",
        "  - id: a",
        "    name: b",
        "  # c",
        "",
        "# d",
        "meta:",
        "  - name: p",
        "x: 1",
        " # e",
        "agreements: x",
    ]
    for _ in range(50_000):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        text += rng.choice(["\n", "", "\n\n"])
        assert spacing.blank_lines(text) == spacing.spaced(text), text


def test_line_helpers_know_every_line_break():
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice("ab\r\n") for _ in range(rng.randint(1, 20)))
        starts = [m.start() for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+", text)]
        for index in range(len(text)):
            start = max(
                s
                for s in starts
                if s <= index or (text[index] == "\n" and s == index + 1 and False)
            )
            if text[index] == "\n" and index > 0 and text[index - 1] == "\r":
                start = max(s for s in starts if s < index)
            assert lines.line_start(text, index) == start, (text, index)
        assert "".join(lines.split(text)) == text


def test_the_diff_from_splices_is_a_patch_that_gives_the_new_text():
    rng = random.Random(1)
    base = "".join(f"line {i}\n" for i in range(60))
    starts = [0]
    for line in lines.split(base):
        starts.append(starts[-1] + len(line))
    for _ in range(300):
        picks = sorted(rng.sample(range(60), 2 * rng.randint(1, 4)))
        splices = []
        for a, b in zip(picks[::2], picks[1::2], strict=True):
            b = b if rng.random() < 0.8 else a
            new = "".join(f"new {a}-{j}\n" for j in range(rng.randint(0, 3)))
            splices.append((starts[a], starts[b], new))
        expected = base
        for s, e, n in sorted(splices, reverse=True):
            expected = expected[:s] + n + expected[e:]
        patch = list(unified(base, splices, "f"))
        assert patch[:2] == ["--- a/f\n", "+++ b/f\n"]
        old, out, at = base.splitlines(True), [], 0
        for line in patch[2:]:
            if line.startswith("@@"):
                first, count = re.match(r"@@ -(\d+)(?:,(\d+))?", line).groups()
                begin = int(first) - (0 if count == "0" else 1)
                out += old[at:begin]
                at = begin
            elif line[0] == " ":
                assert old[at] == line[1:]
                out.append(old[at])
                at += 1
            elif line[0] == "-":
                assert old[at] == line[1:]
                at += 1
            else:
                out.append(line[1:])
        out += old[at:]
        assert "".join(out) == expected
        # as small as difflib's: the same lines marked
        reference = [
            d
            for d in difflib.unified_diff(base.splitlines(True), expected.splitlines(True))
            if d[:1] in "+-" and d[:3] not in ("---", "+++")
        ]
        assert sorted(d for d in patch[2:] if d[:1] in "+-") == sorted(reference)


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=20,
)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_the_emitter_writes_what_reads_back_and_what_ruamel_writes(text):
    """A value as ikscli writes it reads back as the same text, and is the scalar
    ruamel.yaml writes for it (the canonical file has one form, whichever wrote it)."""
    import unicodedata

    from ikscli.edit.roundtrip import _quote_where_typed, _yaml
    from ikscli.reading.yamlread import read

    text = unicodedata.normalize("NFC", text)  # as every value the reader gives is
    written = emit.scalar(text)
    reading = read(f"key: {written}\n", "-")
    assert not reading.problems and reading.value == {"key": text}
    if "\n" in written or not text.isprintable():
        return  # escapes: both read back alike, spelled as each emitter likes
    document = {"key": text}
    _quote_where_typed(document)
    out = io.StringIO()
    _yaml().dump(document, out)
    assert out.getvalue() == f"key: {written}\n"


@pytest.mark.parametrize(
    "text",
    ["0501", "yes", "Nei", "2019-01-01", "~", "a: b", "#x", "'q'", '"d"', "- x", "Øyer", "null"],
)
def test_typed_and_indicator_text_is_quoted(text):
    from ikscli.reading.yamlread import read

    written = emit.scalar(text)
    assert written != text or emit.style(text) == ""
    assert read(f"k: {written}\n", "-").value == {"k": text}
