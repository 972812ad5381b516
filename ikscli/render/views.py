"""Query results → `Output`s: which columns people see, which records programs get."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from ikscli.analysis.grid import grid
from ikscli.analysis.law import Placement, name_lacks_form
from ikscli.analysis.marks import members_shown
from ikscli.i18n import N_, _, basis_word, label, ngettext, status_word
from ikscli.model import Agreement, shares_text
from ikscli.query.nameindex import NameIndex
from ikscli.query.select import NONE, count_records, host_records
from ikscli.render.output import LIST_SEPARATOR, Column, Output
from ikscli.text import numbers
from ikscli.text.dates import norwegian
from ikscli.text.names import sort_key
from ikscli.text.options import option

MATRIX_COLUMNS = 8  # municipality columns a matrix table shows; 80 columns hold no more


def _name(agreement: Agreement) -> str:
    """The name, and the status unless active (the line under it is the bare id, which
    people copy, and which is never split)."""
    if agreement.status == "active":
        return agreement.name
    return f"{agreement.name} ({status_word(agreement.status)})"


def parse_columns(text: str) -> list[str]:
    """`--columns id,name,kommune` → the fields, as JSON names them; a QueryError names
    one that is not a field."""
    from ikscli.query.select import QueryError, canonical, unknown_field

    fields = [canonical(part) for part in text.split(",") if part.strip()]
    for name in fields:
        if name not in CSV_FIELDS and name not in BASE_COLUMNS:
            raise unknown_field(name, [*CSV_FIELDS, *BASE_COLUMNS])
    if not [f for f in fields if f not in BASE_COLUMNS]:
        raise QueryError(_("{columns} needs at least one field").format(columns=option("columns")))
    return list(dict.fromkeys(fields))


# What a table for editing was made from (see cli/list.py); in CSV they come last.
BASE_COLUMNS = ("base", "revision")


def chosen_output(agreements: list[Agreement], fields: list[str], of: int | None) -> Output:
    """Only the chosen fields, in their order, in every format (uncertain members still
    marked ? where people read them). base and revision, when chosen, are the table's
    base columns (CSV only, last)."""
    fields = [f for f in fields if f not in BASE_COLUMNS]

    def record(a: Agreement) -> dict[str, Any]:
        whole = a.as_dict()
        return {f: whole[f] for f in fields}

    def shown(a: Agreement) -> dict[str, Any]:  # for a table or Markdown
        row = record(a)
        if "members" in row:
            row["members"] = members_shown(a)
        if "status" in row:
            row["status"] = status_word(a.status)
        return row

    columns = [Column(label(f), f, no_wrap=f == "id") for f in fields]
    return Output(
        columns,
        lambda: [shown(a) for a in agreements],
        lambda: [record(a) for a in agreements],
        footer=agreements_footer(agreements, of),
        uncertain=lambda: unsettled(agreements),
    )


def unsettled(agreements: list[Agreement]) -> list[bool]:
    """Per agreement, whether nothing settles its members (people's tables mark them ?)."""
    return [a.members_basis == "uncertain" for a in agreements]


def agreements_output(
    index: NameIndex, agreements: list[Agreement], of: int | None = None
) -> Output:
    """The agreements as a table (name with id and status, form, members, host) and as
    records (the JSON contract); each is built only if the format needs it.

    Members the source does not settle carry a ? wherever people read them (table,
    Markdown, --excel, xlsx); formats for programs (JSON, CSV, TSV) keep the names
    exactly and say so in `members_basis`.
    `of`: how many matched before --limit cut the list.
    """
    columns = [
        Column(_("Agreement"), "name", sub_key="id", sub_header=label("id")),
        Column(label("form"), "form", width=8, no_wrap=True),
        Column(label("members"), "members", max_width=19),
        Column(label("host"), "host", width=11, no_wrap=True),
    ]

    def rows() -> list[dict[str, Any]]:
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

    def records() -> list[dict[str, Any]]:
        return [a.as_dict() for a in agreements]

    def json_lines() -> list[str]:
        from ikscli.render.cached_json import lines_for

        return lines_for(index, agreements)

    def csv_table() -> tuple[list[str], Iterable[list[Any]]]:
        return list(CSV_FIELDS), map(_csv_row, agreements)

    return Output(
        columns,
        rows,
        records,
        footer=agreements_footer(agreements, of),
        json_lines=json_lines,
        csv_table=csv_table,
        uncertain=lambda: unsettled(agreements),
    )


# The CSV columns of an agreement: the JSON contract's keys, in its order.
CSV_FIELDS = tuple(Agreement("", "").as_dict())
_CSV_GET = attrgetter(*CSV_FIELDS)
_MEMBERS, _PARTNERS, _INFERRED, _SHARES = (
    CSV_FIELDS.index(f) for f in ("members", "partners", "form_inferred", "shares")
)


def _csv_row(a: Agreement) -> list[Any]:
    """An agreement as CSV cells for programs: every value exact, lists joined by ", "
    (LIST_SEPARATOR), booleans true or false."""
    row = list(_CSV_GET(a))
    row[_MEMBERS] = LIST_SEPARATOR.join(row[_MEMBERS])
    row[_PARTNERS] = LIST_SEPARATOR.join(row[_PARTNERS])
    row[_INFERRED] = "true" if row[_INFERRED] else "false"
    if row[_SHARES] is not None:
        row[_SHARES] = shares_text(row[_SHARES])
    return row


def agreements_footer(agreements: list[Agreement], of: int | None = None) -> str:
    """'49 agreements', '3 of 49 agreements', and how many of them are guesses."""
    total = len(agreements) if of is None else of
    if total != len(agreements):
        footer = ngettext("{shown} of {total} agreement", "{shown} of {total} agreements", total)
    else:
        footer = ngettext("{total} agreement", "{total} agreements", total)
    footer = footer.format(shown=len(agreements), total=total)
    unsure = sum(a.members_basis == "uncertain" for a in agreements)
    if unsure:
        footer += "; " + (
            _("{n} with members the source does not settle (marked ?, see show ID)")
            if unsure < len(agreements)
            else _("{n} with members the source does not settle (marked ?)")
        ).format(n=unsure)
    return footer


def count_output(
    fields: list[str], groups: list[tuple[tuple[str, ...], int]], agreements: list[Agreement]
) -> Output:
    """Counts per group; records are objects with each field's value and `count`."""
    columns = [Column(label(f), f) for f in fields] + [
        Column(label("count"), "count", justify="right")
    ]
    shown = [
        (tuple(_value_shown(f, v) for f, v in zip(fields, values, strict=True)), n)
        for values, n in groups
    ]
    rows = [{**dict(zip(fields, values, strict=True)), "count": n} for values, n in shown]
    if len(fields) == 2:
        columns, rows = _pivot(fields, shown)
    records = count_records(fields, groups)
    total = len(agreements)
    footer = ngettext("Total: {n} agreement", "Total: {n} agreements", total).format(n=total)
    each = [_(COUNTED_ONCE_FOR[f]) for f in fields if f in COUNTED_ONCE_FOR]
    if each:
        footer += "; " + _("an agreement is counted once for each {what}").format(
            what=_(" and each ").join(each)
        )
    statuses = {s: sum(a.status == s for a in agreements) for s in ("terminated", "planned")}
    if any(statuses.values()):
        parts = []
        if statuses["terminated"]:
            n = statuses["terminated"]
            parts.append(ngettext("{n} terminated", "{n} terminated", n).format(n=n))
        if statuses["planned"]:
            n = statuses["planned"]
            parts.append(ngettext("{n} planned", "{n} planned", n).format(n=n))
        footer += ". " + _(
            "Includes {statuses}: {status_active} counts only the active ones"
        ).format(statuses=_(" and ").join(parts), status_active=option("status_active"))
    output = Output(columns, rows, records, footer=footer)
    across = len(columns) - 2  # the row labels and Total aside
    if len(fields) == 2 and across > MATRIX_COLUMNS:
        output.table_columns = [*columns[: 1 + MATRIX_COLUMNS], columns[-1]]
        output.table_note = _(
            "Showing the {shown} largest of {across} columns across (Total counts them all). "
            "Narrow the selection, or use {format_csv} for every column."
        ).format(shown=MATRIX_COLUMNS, across=across, format_csv=option("format_csv"))
    return output


def _value_shown(field: str, value: str) -> str:
    """A group's value as people read it: status words and "(none)" in their language."""
    if value == NONE:
        return _(NONE)
    return status_word(value) if field == "status" else value


# Fields whose groups count an agreement more than once, and what they count it for.
COUNTED_ONCE_FOR = {
    "members": N_("member"),
    "partners": N_("partner"),
    "party": N_("party (in any role)"),
}


def _pivot(
    fields: list[str], groups: list[tuple[tuple[str, ...], int]]
) -> tuple[list[Column], list[dict[str, Any]]]:
    """Two fields as a cross-table with totals; the field with fewer values goes across."""
    if len({v[0] for v, _n in groups}) < len({v[1] for v, _n in groups}):
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
    columns = [Column(label(fields[0]), "_row")]  # long labels wrap; numbers do not
    columns += [Column(c, c, justify="right", no_wrap=True) for c in cols]
    columns.append(Column(_("Total"), "_total", justify="right"))
    rows = [
        {"_row": r, **{c: cells.get((r, c), "") for c in cols}, "_total": down[r]}
        for r in sorted(down, key=lambda r: (-down[r], sort_key(r)))
    ]
    rows.append({"_row": _("Total"), **{c: across[c] for c in cols}, "_total": sum(down.values())})
    return columns, rows


def hosts_output(hosted: list[tuple[str, list[Agreement]]]) -> Output:
    """One row per hosted agreement, in sections per host; records per host."""
    columns = [
        Column(label("host"), "host", no_wrap=True),
        Column(_("Agreement"), "name", sub_key="id", sub_header=label("id")),
        Column(label("serves"), "members", max_width=19),
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
    records = host_records(hosted)
    csv_records = [
        {
            "host": host,
            "id": a.id,
            "name": a.name,
            "members": a.members,
            "partners": a.partners,
        }
        for host, agreements in hosted
        for a in agreements
    ]
    n = sum(len(a) for _host, a in hosted)
    return Output(
        columns,
        rows,
        records,
        csv_records=csv_records,
        uncertain=lambda: unsettled([a for _host, hosted_ in hosted for a in hosted_]),
        group_by="group",
        footer=ngettext("{hosts} host", "{hosts} hosts", len(hosted)).format(hosts=len(hosted))
        + ", "
        + ngettext("{n} hosted agreement", "{n} hosted agreements", n).format(n=n)
        + "; "
        + _("they serve their members and partners"),
    )


def show_output(index: NameIndex, agreement: Agreement, fields: list[str] | None = None) -> Output:
    """One agreement, vertically: field and value (with `fields`, only those)."""
    parent = index.agreements.get(agreement.parent) if agreement.parent else None
    children = index.children(agreement.id)
    form: str = agreement.form or _("(none in the source)")
    if agreement.form_inferred:
        form += " " + _("(the form cell is empty; taken from the name)")
    members = ", ".join(agreement.members) or _("(none marked in the source)")
    if agreement.members_basis != "source":
        members += f"\n({basis_word(agreement.members_basis)}: {agreement.members_evidence})"
    shown = [
        ("name", agreement.name),
        ("id", agreement.id),
        ("category", agreement.category or _("(none: named in the introduction)")),
        ("form", form),
        ("members", members),
        ("host", agreement.host or ""),
        ("partners", ", ".join(agreement.partners)),
        ("others", agreement.others or ""),
        ("status", status_word(agreement.status)),
        ("note", agreement.note or ""),
        ("parent", f"{parent.name} ({parent.id})" if parent else ""),
        ("sub_agreements", "\n".join(f"{c.name} ({c.id})" for c in children)),
        ("orgnr", agreement.orgnr or ""),
        ("started", norwegian(agreement.started) if agreement.started else ""),
        ("ended", norwegian(agreement.ended) if agreement.ended else ""),
        ("decision", agreement.decision or ""),
        ("url", agreement.url or ""),
        ("shares", shares_text(agreement.shares)),
        ("board", agreement.board or ""),
    ]
    rows = [{"field": label(k), "value": v} for k, v in shown if v and (not fields or k in fields)]
    record = {**agreement.as_dict(), "sub_agreements": [c.id for c in children]}
    if fields:
        record = {f: record[f] for f in fields}
    columns = [Column(_("Field"), "field", no_wrap=True), Column(_("Value"), "value")]
    return Output(columns, rows, record)


def matrix_output(index: NameIndex, agreements: list[Agreement]) -> Output:
    """The source's grid: an x per member, municipalities across, grouped by category.

    Across go the region's municipalities that take part in the selection; a table
    shows at most MATRIX_COLUMNS of them (csv and json have all).
    """
    used = {m for a in agreements for m in a.members}
    municipalities = [p.name for p in index.dataset.parties if p.region and p.name in used]
    columns = [Column(_("Agreement"), "name"), Column(label("form"), "form", no_wrap=True)]
    columns += [Column(m, m, justify="center", no_wrap=True) for m in municipalities]
    rows, records, csv_records = [], [], []
    for section in grid(index.dataset, agreements, municipalities):
        # the source's category heading, on a row of its own
        heading = section.category or _("No category")
        rows.append({"category": section.category, "name": f"— {heading} —"})
        for row in section.rows:
            a = row.agreement
            marks = dict(zip(municipalities, row.marks, strict=True))
            head = {"id": a.id, "name": a.name, "category": a.category, "form": a.form}
            status = f" ({status_word(a.status)})" if a.status != "active" else ""
            rows.append({**head, "name": row.name + status, **marks})
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
        footer=_(
            "Sections follow the source's categories; * marks a sub-agreement, "
            "x¹ members settled from other evidence than the source, x? members nothing "
            "settles."
        ),
    )
    if len(municipalities) > MATRIX_COLUMNS:
        output.table_columns = columns[: 2 + MATRIX_COLUMNS]
        left_out = municipalities[MATRIX_COLUMNS:]
        named = ", ".join(left_out[:5])
        if len(left_out) > 5:
            named += " " + _("and {n} more").format(n=numbers.number(len(left_out) - 5))
        output.table_note = _(
            "Showing {shown} of {total} municipalities across; left out: {named}. "
            "Choose with {kommune}, or use {format_csv} for all."
        ).format(
            shown=MATRIX_COLUMNS,
            total=len(municipalities),
            named=named,
            kommune=option("kommune"),
            format_csv=option("format_csv"),
        )
    return output


def law_output(placed: list[tuple[Agreement, Placement]], must: int, of: int) -> Output:
    """Agreements with their place under kommuneloven 2018; records carry `law`."""
    columns = [
        Column(_("Agreement"), "name", sub_key="id", sub_header=label("id")),
        Column(_("Form 2019"), "form", max_width=14),  # the 2018 forms' long names wrap
        Column(label("kommuneloven_2018"), "now"),
    ]

    def now(p: Placement) -> str:
        text = _(p.kommuneloven_2018)
        if p.must_change:
            deadline = _(p.deadline or "")
            if len(p.options) > 1:
                text += "; " + _("by {deadline}: {options}").format(
                    deadline=deadline, options=_(" or ").join(p.options)
                )
            else:
                text += " " + _("(by {deadline})").format(deadline=deadline)
        return text

    def said(a: Agreement, p: Placement) -> str:
        naming = name_lacks_form(a)
        return now(p) + (f"; {naming}" if naming else "")

    def rows() -> list[dict[str, object]]:  # built only for a table or Markdown
        return [
            {"name": a.name, "id": a.id, "form": a.form or "", "now": said(a, p)} for a, p in placed
        ]

    laws: dict[int, dict[str, object]] = {}  # a few placements, shared by many agreements

    def law(p: Placement) -> dict[str, object]:
        if id(p) not in laws:
            laws[id(p)] = p.as_dict()
        return laws[id(p)]

    def records() -> list[dict[str, object]]:
        found = []
        for a, p in placed:
            naming = name_lacks_form(a)
            found.append({**a.as_dict(), "law": {**law(p), "name": naming} if naming else law(p)})
        return found

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
        footer=ngettext(
            "{must} of {of} agreement had to change form",
            "{must} of {of} agreements had to change form",
            of,
        ).format(must=must, of=of),
    )


# Kinds of change whose before and after are statuses, or what settled the members.
_STATUS_KINDS = frozenset({"added", "removed", "terminated", "status"})


def _shown(value: Any, kind: str = "") -> str:
    if kind in _STATUS_KINDS and isinstance(value, str):
        return status_word(value)
    if kind == "members_basis" and isinstance(value, str):
        return basis_word(value)
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(value) or "—"
    if isinstance(value, dict):
        return shares_text(value) or "—"
    return str(value)


def diff_output(changes: list[Any]) -> Output:
    """Changes as a table in sections per kind, each under a heading row (as the source's
    categories in `matrix`); records are the change objects."""
    from ikscli.analysis.diff import title

    columns = [
        Column(_("Agreement"), "name", sub_key="id", sub_header=label("id")),
        Column(label("old"), "old"),
        Column(label("new"), "new"),
    ]
    rows: list[dict[str, object]] = []
    for i, c in enumerate(changes):
        if i == 0 or changes[i - 1].kind != c.kind:  # the kind of change, on a row of its own
            rows.append({"kind": c.kind, "name": f"— {title(c.kind)} —"})
        rows.append(
            {
                "kind": c.kind,
                "name": c.name,
                "id": c.id,
                "old": _shown(c.old, c.kind),
                "new": _shown(c.new, c.kind),
            }
        )
    count = ngettext("{n} change", "{n} changes", len(changes)).format(n=len(changes))
    return Output(
        columns,
        rows,
        [c.as_dict() for c in changes],
        group_by="kind",
        headings=len(rows) - len(changes),
        footer=count if changes else _("No differences."),
    )
