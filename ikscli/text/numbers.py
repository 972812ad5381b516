"""Numbers as the reader writes them: 1 000 and 3,4 in bokmål and nynorsk (a space
between thousands, a decimal comma), 1,000 and 3.4 in English."""

from __future__ import annotations

from ikscli.i18n import norwegian

THIN = "\u00a0"  # a no-break space: "1 000" never breaks across lines


def number(n: int) -> str:
    """A whole number with its thousands marked."""
    text = f"{n:,}"
    return text.replace(",", THIN) if norwegian() else text


def decimal(x: float, places: int | None = None) -> str:
    """A decimal number (`places` after the point, or as short as it is)."""
    text = f"{x:,.{places}f}" if places is not None else f"{x:,g}"
    if not norwegian():
        return text
    return text.replace(",", THIN).replace(".", ",")


def mib(size: int | float, places: int = 1) -> str:
    """A size in MiB: 3,4 MiB."""
    return f"{decimal(size / 2**20, places)} MiB"
