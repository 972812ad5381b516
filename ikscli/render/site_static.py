"""The public page's overview as plain HTML, for a reader without JavaScript.

Every agreement, grouped by the source's categories as in the appendix, with its form,
members (marked as the report marks them), host and remark; a section per agreement
and per municipality, reached by plain links (`#samarbeid-ID`, `#kommune-NAME`). The
page's script removes this block and builds its filters and views from the same data;
without a script, this is the page. Every string from the dataset is escaped here.
"""

from __future__ import annotations

from html import escape

from ikscli.analysis.grid import grid
from ikscli.analysis.marks import EVIDENCE, members_shown
from ikscli.i18n import LABELS, _, basis_word, status_word
from ikscli.model import Agreement, Dataset
from ikscli.text.names import fold, sort_key

SETTLED_ELSEWHERE = ("evidence", "remark", "spacing")
# Above this many agreements (a national file) the plain overview would make a page too
# heavy to open on a phone; it then says so, and the script's views carry the page.
PLAIN_MAX = 2_000


def agreement_anchor(ident: str) -> str:
    return f"samarbeid-{ident}"  # ids are slugs: safe in an attribute and a link


def party_anchor(name: str) -> str:
    return f"kommune-{fold(name) or 'x'}"


def _members(a: Agreement) -> list[str]:
    if a.members_basis in SETTLED_ELSEWHERE:
        return [m + EVIDENCE[1:] for m in a.members]
    return members_shown(a)


def _link(href: str, text: str) -> str:
    return f'<a href="#{escape(href)}">{escape(text)}</a>'


def _row(a: Agreement) -> str:
    status = f' <span class="status">({escape(status_word(a.status))})</span>'
    facts = [a.form or "", ", ".join(_members(a))]
    if a.host:
        facts.append(f"{_(LABELS['host'])}: {a.host}")
    return (
        f"<li>{_link(agreement_anchor(a.id), a.name)}"
        f"{status if a.status != 'active' else ''}"
        f'<span class="id">{escape(a.id)}</span>'
        f'<span class="fakta">{escape(" · ".join(f for f in facts if f))}</span></li>'
    )


def _grouped(dataset: Dataset, agreements: list[Agreement], level: int) -> str:
    """The agreements under the source's category headings, in its order."""
    parts = []
    for section in grid(dataset, agreements, []):
        heading = section.category or _("No category")
        parts.append(f"<h{level}>{escape(heading)}</h{level}>")
        parts.append("<ul>" + "".join(_row(r.agreement) for r in section.rows) + "</ul>")
    return "".join(parts)


def _definition(term: str, value: str) -> str:
    return f"<dt>{escape(term)}</dt><dd>{value}</dd>" if value else ""


def facts(a: Agreement) -> list[tuple[str, str, str | None]]:
    """The facts a register keeps beyond the source's columns, as the page shows them:
    (label, text, link). The link is the agreement's own web address (validate lets
    only http and https through)."""
    from ikscli.model import shares_text
    from ikscli.text.dates import norwegian

    found: list[tuple[str, str, str | None]] = []
    for key, text in (
        ("orgnr", a.orgnr),
        ("started", norwegian(a.started) if a.started else None),
        ("ended", norwegian(a.ended) if a.ended else None),
        ("decision", a.decision),
        ("board", a.board),
        ("shares", shares_text(a.shares) or None),
    ):
        if text:
            found.append((_(LABELS[key]), text, None))
    if a.url and a.url.startswith(("https://", "http://")):
        found.append((_(LABELS["url"]), a.url, a.url))
    return found


def _agreement(dataset: Dataset, a: Agreement, names: dict[str, str]) -> str:
    label = {key: _(text) for key, text in LABELS.items()}
    members = ", ".join(
        _link(party_anchor(m), shown) for m, shown in zip(a.members, _members(a), strict=True)
    )
    rows = [
        _definition(label["id"], escape(a.id)),
        _definition(label["category"], escape(a.category or "")),
        _definition(label["form"], escape(a.form or "")),
        _definition(label["members"], members),
    ]
    if a.members_basis != "source":
        said = f"{basis_word(a.members_basis)}: {a.members_evidence or ''}"
        rows.append(_definition(label["members_basis"], escape(said)))
    if a.host:
        rows.append(_definition(label["host"], _link(party_anchor(a.host), a.host)))
    partners = ", ".join(_link(party_anchor(p), p) for p in a.partners)
    rows += [
        _definition(label["partners"], partners),
        _definition(label["others"], escape(a.others or "")),
        _definition(label["status"], escape(status_word(a.status))),
        _definition(label["note"], escape(a.note or "")),
    ]
    if a.parent:
        parent = _link(agreement_anchor(a.parent), names.get(a.parent, a.parent))
        rows.append(_definition(label["parent"], parent))
    children = [c for c in dataset.agreements if c.parent == a.id]
    if children:
        subs = ", ".join(_link(agreement_anchor(c.id), c.name) for c in children)
        rows.append(_definition(label["sub_agreements"], subs))
    for term, text, href in facts(a):
        shown = f'<a href="{escape(href, quote=True)}">{escape(text)}</a>' if href else escape(text)
        rows.append(_definition(term, shown))
    anchor = agreement_anchor(a.id)
    return (
        f'<section class="detalj" id="{anchor}" aria-labelledby="{anchor}-t">'
        f'<h3 id="{anchor}-t">{escape(a.name)}</h3><dl>{"".join(rows)}</dl>'
        f'<p><a href="#oversikt">{escape(_("Back to the list"))}</a></p></section>'
    )


def _party(dataset: Dataset, name: str) -> str:
    member = [a for a in dataset.agreements if name in a.members]
    hosted = [a for a in dataset.agreements if a.host == name]
    partner = [a for a in dataset.agreements if name in a.partners]
    anchor = party_anchor(name)
    parts = [
        f'<section class="detalj" id="{anchor}" aria-labelledby="{anchor}-t">',
        f'<h3 id="{anchor}-t">{escape(name)}</h3>',
    ]
    for title, found in (
        (_("Agreements"), member),
        (_("Hosts"), hosted),
        (_(LABELS["partners"]), partner),
    ):
        if found:
            parts.append(f"<h4>{escape(title)} ({len(found)})</h4>")
            parts.append("<ul>" + "".join(_row(a) for a in found) + "</ul>")
    parts.append(f'<p><a href="#oversikt">{escape(_("Back to the list"))}</a></p></section>')
    return "".join(parts)


def overview(dataset: Dataset) -> str:
    """The block a reader without JavaScript reads (in the language being written)."""
    if len(dataset.agreements) > PLAIN_MAX:
        said = _(
            "This overview has {n} agreements, too many to list without JavaScript; "
            "turn JavaScript on to see and filter them."
        ).format(n=len(dataset.agreements))
        return f'<div id="uten-skript"><p>{escape(said)}</p></div>'
    names = {a.id: a.name for a in dataset.agreements}
    named = {n for a in dataset.agreements for n in (*a.members, *a.partners, a.host) if n}
    parties = sorted(named, key=sort_key)
    municipalities = " · ".join(_link(party_anchor(p), p) for p in parties)
    return (
        '<div id="uten-skript">'
        f'<section id="oversikt" aria-labelledby="oversikt-t">'
        f'<h2 id="oversikt-t">{escape(_("Agreements"))} ({len(dataset.agreements)})</h2>'
        f'<p class="parter">{municipalities}</p>'
        f"{_grouped(dataset, list(dataset.agreements), 3)}"
        f'<p class="forklaring">{escape(_("? members the source does not settle"))}. '
        f"{escape(_('¹ members settled from other evidence than the source'))}.</p>"
        "</section>"
        f'<section aria-label="{escape(_("Agreements"))}">'
        + "".join(_agreement(dataset, a, names) for a in dataset.agreements)
        + "</section>"
        f'<section aria-label="{escape(_("Municipality"))}">'
        + "".join(_party(dataset, p) for p in parties)
        + "</section></div>"
    )
