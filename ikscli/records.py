"""Agreements as plain dicts: the public JSON/CSV contract of every query command."""

from __future__ import annotations

from typing import Any

from .model import Agreement


def as_dict(agreement: Agreement) -> dict[str, Any]:
    """One agreement as the contract's object: the ten keys `list --format json` promises
    (id … parent), then the four that extend it. Its lists are the record's own: read only."""
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
