"""How a membership is marked in the grids people read (report, matrix).

The source marks a member with an x. Where the x positions were not read from the
source's grid but settled otherwise (`members_basis`: evidence, remark or spacing),
the mark says so: x¹. Where nothing settles them (`members_basis: uncertain`): x?.
"""

from __future__ import annotations

from ikscli.model import Agreement

MEMBER = "x"
EVIDENCE = "x¹"
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
    return _MARKS.get(agreement.members_basis, MEMBER)


# Settled other than by the x positions: from outside evidence, the row's own words,
# or the extraction's spacing with other evidence. Nothing settles `uncertain`.
_MARKS = {"uncertain": UNCERTAIN, "evidence": EVIDENCE, "remark": EVIDENCE, "spacing": EVIDENCE}
