"""The blank lines of the canonical file: one before each agreement and its comments,
never two in a row (a text already so is returned as it is, without being split)."""

from __future__ import annotations

import re

_RECORD = re.compile(r"^  - id: ")
_RECORD_LINE = re.compile(r"(?m)^  - id: ")


def _spaced(text: str) -> bool:
    """Whether `text` already has the blank lines `blank_lines` would give it (checked
    without splitting a national file into its million lines)."""
    if "\n\n\n" in text or text.startswith("\n\n") or text.endswith("\n\n"):
        return False
    if not text.endswith("\n"):
        return False
    agreements = 0 if text.startswith("agreements:") else text.find("\nagreements:")
    if agreements == -1:
        return "  - id: " not in text
    for match in _RECORD_LINE.finditer(text, max(agreements, 0)):
        at = match.start()  # walk up over the record's comment lines
        while True:
            above = text.rfind("\n", 0, at - 1) + 1
            line = text[above : at - 1]
            if at == 0:
                return False
            if line.lstrip().startswith("#"):
                at = above
                continue
            if line.startswith("agreements:"):
                break
            if line.strip() == "":  # one blank line: not right under agreements:
                second = text.rfind("\n", 0, above - 1) + 1
                if above > 0 and text.startswith("agreements:", second):
                    return False
                break
            return False
    return True


_COMMENT = re.compile(r"^\s*#")


def blank_lines(text: str) -> str:
    """One blank line before each agreement and its comments; never two in a row."""
    return text if _spaced(text) else spaced(text)


def spaced(text: str) -> str:
    """`blank_lines`, line by line (for a text that needs it)."""
    out: list[str] = []
    in_agreements = False
    for line in text.split("\n"):
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
