"""Query results → `Output`s: which columns people see, which records programs get."""

from __future__ import annotations

from .directory import Directory
from .model import Agreement
from .records import as_dict
from .render import Column, Output



def _ref(agreement: Agreement) -> str:
    """The id, and the status unless active: the line under the name in tables."""
    if agreement.status == "active":
        return agreement.id
    return f"{agreement.id} · {agreement.status}"


def agreements_output(directory: Directory, agreements: list[Agreement]) -> Output:
    """The agreements as a table (id, name, form, members, host, status) and as records."""
    columns = [
        Column("Agreement", "name", sub_key="ref", sub_header="ID (status)"),
        Column("Form", "form", width=8, no_wrap=True),
        Column("Members", "members", width=21),
        Column("Host", "host", width=11, no_wrap=True),
    ]
    rows = [{"name": a.name, "ref": _ref(a), "form": a.form, "members": a.members,
             "host": a.host} for a in agreements]
    records = [as_dict(a) for a in agreements]
    plural = "s" if len(agreements) != 1 else ""
    return Output(columns, rows, records, footer=f"{len(agreements)} agreement{plural}")
