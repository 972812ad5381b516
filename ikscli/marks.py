"""How a membership is marked in the grids people read (report, matrix).

The source marks a member with an x. Where the source does not settle who the
members are (`members_basis: uncertain`), the mark says so: x?.
"""

from __future__ import annotations

from .model import Agreement

MEMBER = "x"
UNCERTAIN = "x?"


def members_shown(agreement: Agreement) -> list[str]:
    """The members as people read them: each with a ? when the source does not settle them."""
    if agreement.members_basis == "uncertain":
        return [m + "?" for m in agreement.members]
    return agreement.members


def mark(agreement: Agreement, party: str) -> str:
    """The mark for `party` in `agreement`'s row: x, x?, or empty when not a member."""
    if party not in agreement.members:
        return ""
    return UNCERTAIN if agreement.members_basis == "uncertain" else MEMBER
