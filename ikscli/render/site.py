"""The public overview as one static, self-contained web page (`ikscli site OUT_DIR`).

`index.html` holds the data (as JSON, which the browser does not run), its own style
and script (allowed by their hashes in a Content-Security-Policy, so no request ever
leaves the page: it works from `file://` and on any static host), and the network
picture as inline SVG laid out here. The page is in bokmål or nynorsk (the
dataset's `meta.language`, else the reader's), from the command line's catalogs.
Every string from the dataset reaches the page as JSON or escaped HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from pathlib import Path

from ikscli.analysis.marks import members_shown
from ikscli.i18n import BASIS, LABELS, STATUS, _, document_language, language, ngettext, speaking
from ikscli.model import FORMS, Dataset
from ikscli.query.parties import every_party
from ikscli.render.site_static import facts, overview, party_anchor
from ikscli.text.names import fold, sort_key

EDGES_SHOWN = 200  # the heaviest links the picture draws; a national file has thousands


def _data(dataset: Dataset) -> dict[str, object]:
    agreements = []
    for a in dataset.agreements:
        record = a.as_dict()
        record["shown"] = members_shown(a)
        record["fn"] = fold(a.name)
        record["fo"] = fold(a.note or "")
        if a.orgnr or a.started or a.ended or a.decision or a.url or a.shares or a.board:
            record["facts"] = facts(a)
        agreements.append(record)
    words = {
        "count": [ngettext("{total} agreement", "{total} agreements", n) for n in (1, 2)],
        "status": {k: _(v) for k, v in STATUS.items()},
        "basis": {k: _(v) for k, v in BASIS.items()},
        "labels": {k: _(v) for k, v in LABELS.items()},
        "sub": _(LABELS["sub_agreements"]),
        "hosts": _("Hosts"),
        "with": _("Cooperates most with"),
        "none": _("(none)"),
        "all": _("All"),
        "back": _("Back to the list"),
        "uncertain": _("? members the source does not settle"),
        "evidence": _("¹ members settled from other evidence than the source"),
        "unknown_agreement": _("No agreement in this overview has that id."),
        "unknown_municipality": _("No municipality or party in this overview has that name."),
        "unknown": _("Not found"),
        "not_understood": _("Not understood, and not used as a filter: {values}"),
        "filter_names": {
            "kommune": _("Municipality"),
            "party": _("Party (any role)"),
            "category": _(LABELS["category"]),
            "form": _(LABELS["form"]),
            "status": _(LABELS["status"]),
        },
        "no_category": _("No category"),
        "chosen": _("Filtered by"),
        "text": _("Text in name or remark"),
    }
    return {
        "meta": {
            "title": dataset.meta.title if dataset.meta else "",
            "source": _("Source: {source}").format(source=dataset.meta.source)
            if dataset.meta
            else "",
        },
        "categories": list(dataset.categories),
        "parties": sorted((p.name for p in every_party(dataset)), key=sort_key),
        "region": [p.name for p in dataset.parties if p.region],
        "numbers": {
            number: p.name
            for p in every_party(dataset)
            for number in (p.number_2019, p.number_2020, p.number_2024)
            if number
        },
        "forms": list(FORMS),
        "agreements": agreements,
        "words": words,
    }


def network_svg(dataset: Dataset, size: int = 560) -> str:
    """Parties on a circle, a line for each pair that share agreements (thicker for
    more); at most EDGES_SHOWN lines, the heaviest."""
    from ikscli.analysis.graph import shared_counts

    heaviest = shared_counts(dataset, dataset.agreements)[:EDGES_SHOWN]
    names = sorted({n for pair, _count in heaviest for n in pair}, key=sort_key)
    if not names:
        return ""
    middle, radius = size / 2, size / 2 - 100
    place = {
        name: (
            middle + radius * math.cos(2 * math.pi * i / len(names) - math.pi / 2),
            middle + radius * math.sin(2 * math.pi * i / len(names) - math.pi / 2),
        )
        for i, name in enumerate(names)
    }
    most = max(count for _pair, count in heaviest)
    title = html.escape(_("Who cooperates with whom"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'aria-labelledby="nettverk-tittel"><title id="nettverk-tittel">{title}'
        "</title>"
    ]
    for (left, right), count in heaviest:
        (x1, y1), (x2, y2) = place[left], place[right]
        width = 1 + 7 * count / most
        label = html.escape(f"{left} – {right}: {count}")
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#5b6b7a" stroke-opacity="0.55" stroke-width="{width:.1f}">'
            f"<title>{label}</title></line>"
        )
    for name, (x, y) in place.items():
        anchor = "start" if x >= middle else "end"
        dx = 8 if x >= middle else -8
        parts.append(
            f'<a href="#{party_anchor(name)}">'  # a node leads to its municipality
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#1d4e89"/>'
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" '
            f'font-size="13" fill="#1a1a1a">{html.escape(name)}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def network_table(dataset: Dataset) -> str:
    """The picture's text alternative: the same pairs, and how many agreements each
    pair shares, as a table (folded away under a summary)."""
    from ikscli.analysis.graph import shared_counts

    heaviest = shared_counts(dataset, dataset.agreements)[:EDGES_SHOWN]
    if not heaviest:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(left)}</td><td>{html.escape(right)}</td><td>{count}</td></tr>"
        for (left, right), count in heaviest
    )
    head = "".join(
        f'<th scope="col">{html.escape(h)}</th>'
        for h in (_("Party"), _("Party"), _("Shared agreements"))
    )
    return (
        f"<details><summary>{html.escape(_('The picture as a table'))}</summary>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>"
    )


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


GENERATOR = "ikscli"  # the page says who wrote it: `ikscli site` replaces only its own


def script_json(text: str) -> str:
    """JSON that no text inside it can turn into markup where it is embedded in a
    <script> element: <, >, & and the line separators U+2028/9 written as escapes
    (JSON reads them back the same)."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def page(dataset: Dataset) -> str:
    """index.html, whole, in the dataset's language (bokmål or nynorsk)."""
    with speaking(document_language(dataset.meta.language if dataset.meta else None)):
        return _page(dataset)


def _footer(dataset: Dataset) -> str:
    """The data to take away (the files beside index.html) and where it comes from."""
    import datetime

    from ikscli.render.site_downloads import DOWNLOADS
    from ikscli.text.dates import norwegian

    meta = dataset.meta
    links = "".join(
        f'<li><a href="{name}" download>{html.escape(kind)}</a></li>'
        for name, kind in DOWNLOADS.items()
    )
    facts = [
        (_("Source"), meta.source),
        (_("As of"), norwegian(meta.as_of)),
        (_("Licence"), meta.licence or _("(the source names none)")),
        (_("Made"), _("{date} with ikscli").format(date=norwegian(datetime.date.today()))),
    ]
    rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in facts)
    return (
        '<footer aria-labelledby="data-tittel">'
        f'<h2 id="data-tittel">{html.escape(_("The data"))}</h2>'
        f"<p>{html.escape(_('Download the register:'))}</p><ul>{links}</ul>"
        f"<dl>{rows}</dl></footer>"
    )


def _page(dataset: Dataset) -> str:
    data = json.dumps(_data(dataset), ensure_ascii=False, separators=(",", ":"))
    data = script_json(data)
    style = (Path(__file__).parent / "web" / "site.css").read_text(encoding="utf-8")
    script = (Path(__file__).parent / "web" / "site.js").read_text(encoding="utf-8")
    policy = (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    title = html.escape(dataset.meta.title if dataset.meta else _("Intermunicipal cooperation"))
    label = {key: html.escape(_(text)) for key, text in LABELS.items()}
    words = {
        "filters": html.escape(_("Filters")),
        "kommune": html.escape(_("Municipality")),
        "party": html.escape(_("Party (any role)")),
        "all": html.escape(_("All")),
        "text": html.escape(_("Text in name or remark")),
        "reset": html.escape(_("Show all")),
        "network": html.escape(_("Who cooperates with whom")),
        "list": html.escape(_("Agreements")),
        "skip": html.escape(_("Skip to the agreements")),
        "picture": html.escape(_("The picture of the network (it scrolls sideways)")),
        "none_found": html.escape(_("No agreement matches the filters.")),
    }
    return f"""<!doctype html>
<html lang="{language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<a class="hopp" href="#liste">{words["skip"]}</a>
<header><h1>{title}</h1><p id="kilde"></p></header>
<main>
{overview(dataset)}
<section id="filtre" aria-labelledby="filtre-tittel" hidden>
<h2 id="filtre-tittel">{words["filters"]}</h2>
<form id="skjema">
<label>{words["kommune"]} <select id="kommune" name="kommune"></select></label>
<label>{words["party"]} <select id="party" name="party"></select></label>
<label>{label["category"]} <select id="category" name="category"></select></label>
<label>{label["form"]} <select id="form" name="form"></select></label>
<label>{label["status"]} <select id="status" name="status"></select></label>
<label>{words["text"]} <input id="q" name="q" type="search"></label>
<button id="nullstill" type="button">{words["reset"]}</button>
</form>
<p id="antall" role="status" aria-live="polite"></p>
<p id="ukjent" role="alert"></p>
<p id="valgt"></p>
</section>
<section id="liste" aria-labelledby="liste-tittel" hidden>
<h2 id="liste-tittel">{words["list"]}</h2>
<ol id="samarbeid"></ol>
<p id="ingen" hidden>{words["none_found"]}</p>
<p id="forklaring"></p>
</section>
<section id="visning" hidden></section>
<section id="nettverk" aria-labelledby="nettverk-overskrift">
<h2 id="nettverk-overskrift">{words["network"]}</h2>
<div class="bilde" tabindex="0" role="region" aria-label="{words["picture"]}">
{network_svg(dataset)}</div>
{network_table(dataset)}
</section>
</main>
{_footer(dataset)}
<script id="data" type="application/json">{data}</script>
<script>{script}</script>
</body>
</html>
"""
