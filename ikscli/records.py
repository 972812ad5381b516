"""Agreements as plain dicts: the public JSON/CSV contract of every query command."""

from __future__ import annotations

from typing import Any

from .model import Agreement

# The keys of the data contract, in output order. Later keys extend `list`'s contract.
CONTRACT = ("id", "name", "category", "form", "members", "host", "partners", "status",
            "note", "parent")
KEYS = CONTRACT + ("form_inferred", "members_basis", "members_evidence", "others")


def as_dict(agreement: Agreement) -> dict[str, Any]:
    """One agreement as the contract's object (its lists are the record's own: read only)."""
    return {
        "id": agreement.id,
        "name": agreement.name,
        "category": agreement.category,
        "form": agreement.form,
        "members": agreement.members,
        "host": agreement.host,
        "partners": agreement.partners,
        "status": agreement.status,
        "note": agreement.note,
        "parent": agreement.parent,
        "form_inferred": agreement.form_inferred,
        "members_basis": agreement.members_basis,
        "members_evidence": agreement.members_evidence,
        "others": agreement.others,
    }
