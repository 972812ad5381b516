"""Norwegian dates, written and read: "1. januar 2019", 01.01.2019 and 2019-01-01."""

from __future__ import annotations

import datetime
import re

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)  # fmt: skip

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_WORDS = re.compile(r"(\d{1,2})\.\s*([a-zæøå]+)\s+(\d{4})", re.IGNORECASE)


def norwegian(day: datetime.date) -> str:
    """1. januar 2019, as a title or the appendix writes it."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def parse(text: str) -> datetime.date:
    """A date as people type it: 2020-01-01, 01.01.2020, 1.1.2020 or 1. januar 2020.
    Raises ValueError."""
    text = text.strip()
    match = _DOTTED.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return datetime.date(year, month, day)
    match = _WORDS.fullmatch(text)
    if match and match.group(2).lower() in MONTHS:
        return datetime.date(
            int(match.group(3)), MONTHS.index(match.group(2).lower()) + 1, int(match.group(1))
        )
    return datetime.date.fromisoformat(text)
