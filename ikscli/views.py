"""Query results → `Output`s: which columns people see, which records programs get."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from .law import Placement
from .marks import mark, members_shown
from .model import Agreement
from .nameindex import NameIndex
from .names import sort_key
from .query import NONE
from .render import Column, Output

MATRIX_COLUMNS = 8  # municipality columns a matrix table shows; 80 columns hold no more


def _name(agreement: Agreement) -> str:
    """The name, and the status unless active (the line under it is the bare id, which
    people copy, and which is never split)."""
    if agreement.status == "active":
        return agreement.name
    return f"{agreement.name} ({agreement.status})"


def agreements_output(
    index: NameIndex, agreements: list[Agreement], of: int | None = None
) -> Output:
    """The agreements as a table (name with id and status, form, members, host) and as
    records (the JSON contract); each is built only if the format needs it.

    Members the source does not settle carry a ? wherever people read them (table,
    Markdown, CSV, Excel); JSON keeps the names and says so in `members_basis`.
    `of`: how many matched before --limit cut the list.
    """
    columns = [
        Column("Agreement", "name", sub_key="id", sub_header="ID"),
        Column("Form", "form", width=8, no_wrap=True),
        Column("Members", "members", max_width=19),
        Column("Host", "host", width=11, no_wrap=True),
    ]

    def rows():
        return [
            {
                "name": _name(a),
                "id": a.id,
                "form": a.form,
                "members": members_shown(a),
                "host": a.host,
            }
            for a in agreements
        ]

    def records():
        return [a.as_dict() for a in agreements]

    def csv_records():
        shown = [a.as_dict() for a in agreements]
        for record, a in zip(shown, agreements, strict=True):
            if a.members_basis == "uncertain":
                record["members"] = members_shown(a)
        return shown

    def json_lines():
        from .jsonlines import lines_for

        return lines_for(index, agreements)

    def csv_table() -> tuple[list[str], Iterable[list[Any]]]:
        return list(CSV_FIELDS), map(_csv_row, agreements)

    return Output(
        columns,
        rows,
        records,
        csv_records=csv_records,
        footer=agreements_footer(agreements, of),
        json_lines=json_lines,
        csv_table=csv_table,
    )


# The CSV columns of an agreement: the JSON contract's keys, in its order.
CSV_FIELDS = tuple(Agreement("", "").as_dict())
_CSV_GET = attrgetter(*CSV_FIELDS)
_MEMBERS, _PARTNERS, _INFERRED = (
    CSV_FIELDS.index(f) for f in ("members", "partners", "form_inferred")
)


def _csv_row(a: Agreement) -> list[Any]:
    """An agreement as CSV cells: lists joined, members marked ? when unsettled."""
    row = list(_CSV_GET(a))
    row[_MEMBERS] = ", ".join(members_shown(a))
    row[_PARTNERS] = ", ".join(row[_PARTNERS])
    row[_INFERRED] = "yes" if row[_INFERRED] else ""
    return row


def agreements_footer(agreements: list[Agreement], of: int | None = None) -> str:
    """'49 agreements', '3 of 49 agreements', and how many of them are guesses."""
    total = len(agreements) if of is None else of
    shown = f"{len(agreements)} of {total}" if total != len(agreements) else str(total)
    footer = f"{shown} agreement{'s' if total != 1 else ''}"
    unsure = sum(a.members_basis == "uncertain" for a in agreements)
    if unsure:
        footer += (
            f"; {unsure} with members the source does not settle "
            f"(marked ?{', see show ID' if unsure < len(agreements) else ''})"
        )
    return footer


def count_output(
    fields: list[str], groups: list[tuple[tuple[str, ...], int]], agreements: list[Agreement]
) -> Output:
    """Counts per group; records are objects with each field's value and `count`."""
    columns = [Column(f.capitalize(), f) for f in fields] + [
        Column("Count", "count", justify="right")
    ]
    rows = [{**dict(zip(fields, values, strict=True)), "count": n} for values, n in groups]
    if len(fields) == 2:
        columns, rows = _pivot(fields, groups)
    records = [
        {**{f: (None if v == NONE else v) for f, v in zip(fields, values, strict=True)}, "count": n}
        for values, n in groups
    ]
    total = len(agreements)
    plural = "s" if total != 1 else ""
    footer = f"Total: {total} agreement{plural}"
    each = [COUNTED_ONCE_FOR[f] for f in fields if f in COUNTED_ONCE_FOR]
    if each:
        footer += f"; an agreement is counted once for each {' and each '.join(each)}"
    statuses = {s: sum(a.status == s for a in agreements) for s in ("terminated", "planned")}
    if any(statuses.values()):
        parts = [f"{n} {s}" for s, n in statuses.items() if n]
        footer += f". Includes {' and '.join(parts)}: --status active counts only the active ones"
    output = Output(columns, rows, records, footer=footer)
    across = len(columns) - 2  # the row labels and Total aside
    if len(fields) == 2 and across > MATRIX_COLUMNS:
        output.table_columns = [*columns[: 1 + MATRIX_COLUMNS], columns[-1]]
        output.table_note = (
            f"Showing the {MATRIX_COLUMNS} largest of {across} columns across (Total counts "
            "them all). Narrow the selection, or use --format csv for every column."
        )
    return output


# Fields whose groups count an agreement more than once, and what they count it for.
COUNTED_ONCE_FOR = {"members": "member", "partners": "partner", "party": "party (in any role)"}


def _pivot(fields: list[str], groups: list[tuple[tuple[str, ...], int]]):
    """Two fields as a cross-table with totals; the field with fewer values goes across."""
    if len({v[0] for v, _ in groups}) < len({v[1] for v, _ in groups}):
        fields = fields[::-1]
        groups = [((b, a), n) for (a, b), n in groups]
    down: dict[str, int] = {}
    across: dict[str, int] = {}
    cells: dict[tuple[str, str], int] = {}
    for (row, col), n in groups:
        down[row] = down.get(row, 0) + n
        across[col] = across.get(col, 0) + n
        cells[(row, col)] = n
    cols = sorted(across, key=lambda c: (-across[c], sort_key(c)))
    columns = [Column(fields[0].capitalize(), "_row")]  # long labels wrap; numbers do not
    columns += [Column(c, c, justify="right", no_wrap=True) for c in cols]
    columns.append(Column("Total", "_total", justify="right"))
    rows = [
        {"_row": r, **{c: cells.get((r, c), "") for c in cols}, "_total": down[r]}
        for r in sorted(down, key=lambda r: (-down[r], sort_key(r)))
    ]
    rows.append({"_row": "Total", **{c: across[c] for c in cols}, "_total": sum(down.values())})
    return columns, rows


def hosts_output(hosted: list[tuple[str, list[Agreement]]]) -> Output:
    """One row per hosted agreement, in sections per host; records per host."""
    columns = [
        Column("Host", "host", no_wrap=True),
        Column("Agreement", "name", sub_key="id", sub_header="ID"),
        Column("Serves", "members", max_width=19),
    ]
    rows = [
        {
            "host": host if i == 0 else "",
            "group": host,
            "name": a.name,
            "id": a.id,
            "members": [*members_shown(a), *a.partners],
        }
        for host, agreements in hosted
        for i, a in enumerate(agreements)
    ]
    records = [
        {
            "host": host,
            "agreements": [a.id for a in agreements],
            "serves": sorted(
                {m for a in agreements for m in [*a.members, *a.partners]}, key=sort_key
            ),
        }
        for host, agreements in hosted
    ]
    csv_records = [
        {
            "host": host,
            "id": a.id,
            "name": a.name,
            "members": members_shown(a),
            "partners": a.partners,
        }
        for host, agreements in hosted
        for a in agreements
    ]
    n = sum(len(a) for _, a in hosted)
    return Output(
        columns,
        rows,
        records,
        csv_records=csv_records,
        group_by="group",
        footer=f"{len(hosted)} host{'s' * (len(hosted) != 1)}, {n} hosted agreement{'s' * (n != 1)}"
        "; they serve their members and partners",
    )


def show_output(index: NameIndex, agreement: Agreement) -> Output:
    """One agreement, vertically: field and value."""
    parent = index.agreements.get(agreement.parent) if agreement.parent else None
    children = index.children(agreement.id)
    form: str = agreement.form or "(none in the source)"
    if agreement.form_inferred:
        form += " (the form cell is empty; taken from the name)"
    members = ", ".join(agreement.members) or "(none marked in the source)"
    if agreement.members_basis != "source":
        members += f"\n({agreement.members_basis}: {agreement.members_evidence})"
    fields = [
        ("Name", agreement.name),
        ("ID", agreement.id),
        ("Category", agreement.category or "(none: named in the introduction)"),
        ("Form", form),
        ("Members", members),
        ("Host", agreement.host or ""),
        ("Partners", ", ".join(agreement.partners)),
        ("Others", agreement.others or ""),
        ("Status", agreement.status),
        ("Remark", agreement.note or ""),
        ("Parent", f"{parent.name} ({parent.id})" if parent else ""),
        ("Sub-agreements", "\n".join(f"{c.name} ({c.id})" for c in children)),
    ]
    rows = [{"field": k, "value": v} for k, v in fields if v]
    record = {**agreement.as_dict(), "sub_agreements": [c.id for c in children]}
    return Output([Column("Field", "field", no_wrap=True), Column("Value", "value")], rows, record)


def matrix_output(index: NameIndex, agreements: list[Agreement]) -> Output:
    """The source's grid: an x per member, municipalities across, grouped by category.

    Across go the region's municipalities that take part in the selection; a table
    shows at most MATRIX_COLUMNS of them (csv and json have all).
    """
    used = {m for a in agreements for m in a.members}
    municipalities = [p.name for p in index.dataset.parties if p.region and p.name in used]
    columns = [Column("Agreement", "name"), Column("Form", "form", no_wrap=True)]
    columns += [Column(m, m, justify="center", no_wrap=True) for m in municipalities]
    order = {c: i for i, c in enumerate(index.dataset.categories)}
    last = len(order)
    ordered = sorted(agreements, key=lambda a: order.get(a.category, last) if a.category else last)
    rows, records, csv_records = [], [], []
    heading: object = None
    for a in ordered:
        marks = {m: mark(a, m) for m in municipalities}
        head = {"id": a.id, "name": a.name, "category": a.category, "form": a.form}
        if a.category != heading:  # the source's category heading, on a row of its own
            heading = a.category
            rows.append({"category": a.category, "name": f"— {a.category or 'No category'} —"})
        sub = "*" if a.parent else ""
        status = f" ({a.status})" if a.status != "active" else ""
        rows.append({**head, "name": a.name + sub + status, **marks})
        records.append(
            {
                **head,
                "members": {m: m in a.members for m in municipalities},
                "members_basis": a.members_basis,
            }
        )
        csv_records.append({**head, **marks})
    output = Output(
        columns,
        rows,
        records,
        csv_records=csv_records,
        headings=len(rows) - len(records),
        group_by="category",
        footer="Sections follow the source's categories; * marks a sub-agreement, "
        "x¹ members settled from other evidence than the source, x? members nothing "
        "settles.",
    )
    if len(municipalities) > MATRIX_COLUMNS:
        output.table_columns = columns[: 2 + MATRIX_COLUMNS]
        left_out = municipalities[MATRIX_COLUMNS:]
        named = ", ".join(left_out[:5]) + (
            f" and {len(left_out) - 5:,} more" if len(left_out) > 5 else ""
        )
        output.table_note = (
            f"Showing {MATRIX_COLUMNS} of {len(municipalities)} municipalities across; "
            f"left out: {named}. Choose with --kommune, or use --format csv for all."
        )
    return output


def law_output(placed: list[tuple[Agreement, Placement]], must: int, of: int) -> Output:
    """Agreements with their place under kommuneloven 2018; records carry `law`."""
    columns = [
        Column("Agreement", "name", sub_key="id", sub_header="ID"),
        Column("Form 2019", "form", no_wrap=True),
        Column("Under kommuneloven 2018", "now"),
    ]

    def now(p: Placement) -> str:
        text = p.kommuneloven_2018
        if p.must_change:
            text += (
                f"; by {p.deadline}: " + " or ".join(p.options)
                if len(p.options) > 1
                else f" (by {p.deadline})"
            )
        return text

    def rows() -> list[dict[str, object]]:  # built only for a table or Markdown
        return [
            {"name": a.name, "id": a.id, "form": a.form or "", "now": now(p)} for a, p in placed
        ]

    laws: dict[int, dict[str, object]] = {}  # a few placements, shared by many agreements

    def law(p: Placement) -> dict[str, object]:
        if id(p) not in laws:
            laws[id(p)] = p.as_dict()
        return laws[id(p)]

    def records() -> list[dict[str, object]]:
        return [{**a.as_dict(), "law": law(p)} for a, p in placed]

    csv_records = [
        {
            "id": a.id,
            "name": a.name,
            "form": a.form,
            "must_change": p.must_change,
            "kommuneloven_2018": p.kommuneloven_2018,
            "options": list(p.options),
            "deadline": p.deadline,
        }
        for a, p in placed
    ]
    return Output(
        columns,
        rows,
        records,
        csv_records=csv_records,
        footer=f"{must} of {of} agreements had to change form",
    )


def _shown(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(value) or "—"
    return str(value)


def diff_output(changes: list) -> Output:
    """Changes as a table in sections per kind; records are the change objects."""
    from .diff import title

    columns = [
        Column("Change", "title", no_wrap=True),
        Column("Agreement", "name", sub_key="id", sub_header="ID"),
        Column("Before", "old"),
        Column("After", "new"),
    ]
    rows = [
        {
            "title": title(c.kind) if i == 0 or changes[i - 1].kind != c.kind else "",
            "kind": c.kind,
            "name": c.name,
            "id": c.id,
            "old": _shown(c.old),
            "new": _shown(c.new),
        }
        for i, c in enumerate(changes)
    ]
    plural = "s" if len(changes) != 1 else ""
    return Output(
        columns,
        rows,
        [c.as_dict() for c in changes],
        group_by="kind",
        footer=f"{len(changes)} change{plural}" if changes else "No differences.",
    )
