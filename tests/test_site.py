"""`ikscli site`: the page in a real browser (Debian's Chromium, driven by Playwright).

The browser tests skip, saying why, only where no Chromium or no Playwright can be
installed; .ci/run installs both (and axe-core from npm) with time limits.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
from pathlib import Path
from urllib.parse import quote

import pytest
from cli import ROOT, ikscli

CHROMIUM = os.environ.get("IKSCLI_CHROMIUM") or next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None
)


def _axe() -> Path | None:
    candidates = [os.environ.get("AXE_CORE_JS", ""), ROOT / "node_modules/axe-core/axe.min.js"]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    done = ikscli("site", str(folder), cwd=folder, cache=folder / "c")
    assert done.returncode == 0, done.stderr
    return folder / "index.html"


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Visit:
    """A page opened at a hash, with every request and console error it made."""

    def __init__(
        self,
        browser,
        index: Path,
        hash_: str = "",
        bypass_csp: bool = False,
        script: bool = True,
    ):
        self.context = browser.new_context(bypass_csp=bypass_csp, java_script_enabled=script)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(index.as_uri() + ("#" + hash_ if hash_ else ""))

    def shown(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "li[data-id]:not([hidden])", "items => items.map(i => i.dataset.id)"
        )

    def close(self) -> None:
        self.context.close()


def cli_ids(tmp_path, *args) -> list[str]:
    done = ikscli("list", *args, "-f", "json", cwd=tmp_path, cache=tmp_path / "c")
    return [a["id"] for a in json.loads(done.stdout)]


HASHES = [
    ({}, []),
    ({"kommune": "Øyer", "form": "§ 28-1 b"}, ["--kommune", "Øyer", "--form", "§ 28-1 b"]),
    ({"party": "Ringebu"}, ["--party", "Ringebu"]),
    (
        {"category": "Helse og omsorg", "status": "active"},
        ["--category", "Helse og omsorg", "--status", "active"],
    ),
    ({"q": "helse"}, ["--search", "helse"]),
    (
        {"kommune": "Gausdal", "q": "Vertskommune"},
        ["--kommune", "Gausdal", "--search", "Vertskommune"],
    ),
    ({"status": "terminated"}, ["--status", "terminated"]),
    ({"q": "!!!"}, ["--search", "!!!"]),
]


@pytest.mark.parametrize(("state", "args"), HASHES, ids=lambda v: str(v)[:40])
def test_a_shared_link_shows_what_ikscli_list_gives(browser, site, tmp_path, state, args):
    hash_ = "&".join(f"{k}={quote(v)}" for k, v in state.items())
    visit = Visit(browser, site, hash_)
    expected = cli_ids(tmp_path, *args)
    assert visit.shown() == expected
    assert visit.page.text_content("#antall") == (f"{len(expected)} samarbeid")
    for name, value in state.items():  # the filters show the link's state
        assert visit.page.input_value(f"#{name}") == value
    if state:  # and say it in words, also on paper, where the form is left out
        assert visit.page.inner_text("#valgt").startswith("Filtrert etter ")
    assert visit.errors == [] and all(u.startswith(("file:", "data:")) for u in visit.requests)
    visit.close()


def test_filters_combine_and_write_the_hash(browser, site, tmp_path):
    visit = Visit(browser, site)
    assert len(visit.shown()) == 58
    headings = visit.page.eval_on_selector_all(
        "#samarbeid > li:not([hidden]) > h3", "h => h.map(x => x.textContent)"
    )
    from ikscli import load

    assert headings == [*load().categories, "Ingen kategori"]  # as the appendix groups them
    visit.page.select_option("#kommune", "Øyer")
    visit.page.select_option("#form", "§ 27")
    assert visit.shown() == cli_ids(tmp_path, "--kommune", "Øyer", "--form", "§ 27")
    assert visit.page.evaluate("location.hash") == "#kommune=%C3%98yer&form=%C2%A7+27"
    visit.page.fill("#q", "arkiv")
    assert visit.shown() == ["ika-opplandene"]
    groups = visit.page.eval_on_selector_all("#samarbeid > li:not([hidden])", "g => g.length")
    assert groups == 1 and visit.page.is_hidden("#ingen")  # only its own category's heading
    visit.page.fill("#q", "ingenting slikt")
    assert visit.shown() == [] and visit.page.is_visible("#ingen")
    visit.page.click("#nullstill")
    assert len(visit.shown()) == 58 and visit.errors == []
    visit.close()


def test_one_view_per_agreement_marks_how_members_are_known(browser, site):
    visit = Visit(browser, site, "samarbeid=eioff")
    text = visit.page.text_content("#visning")
    assert "Gausdal?, Lillehammer?" in text and "usikkert: bare plasseringen" in text
    assert visit.page.is_hidden("#liste")
    visit.page.goto(site.as_uri() + "#samarbeid=felles-nav-kontor")
    assert "Gausdal¹, Lillehammer¹" in visit.page.text_content("#visning")
    visit.page.goto(site.as_uri() + "#samarbeid=regionalt-helsesamarbeid")
    subs = visit.page.eval_on_selector_all("#visning dd a[href^='#samarbeid=']", "l => l.length")
    assert subs == 6
    members = visit.page.eval_on_selector_all(
        "#visning dd a[href^='#kommunevisning=']", "l => l.length"
    )
    assert members == 3  # each member leads to its municipality's view
    visit.page.click("#visning >> text=Legevaktsamarbeid")
    assert "Regionalt helsesamarbeid" in visit.page.text_content("#visning")  # its parent
    assert visit.errors == []
    visit.close()


def test_the_view_of_an_agreement_shows_the_registers_own_facts(browser, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text((ROOT / "data" / "samarbeid_2019.yaml").read_text(encoding="utf-8"), "utf-8")
    facts = ["orgnr=964338531", "started=2020-01-01", "url=https://example.no/a?b=1&c=2"]
    env = {"IKSCLI_LANG": "nb"}
    done = ikscli(
        "set", "innlandet-revisjon-iks", *facts, "--data", str(data),
        cwd=tmp_path, cache=tmp_path / "c", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = ikscli("site", "s", "--data", str(data), cwd=tmp_path, cache=tmp_path / "c", env=env)
    assert done.returncode == 0, done.stderr
    visit = Visit(browser, tmp_path / "s" / "index.html", "samarbeid=innlandet-revisjon-iks")
    text = visit.page.text_content("#visning")
    assert "Organisasjonsnummer964338531" in text and "Gjelder fra1. januar 2020" in text
    href = visit.page.get_attribute("#visning dd a[href^='https:']", "href")
    assert href == "https://example.no/a?b=1&c=2"
    assert visit.errors == []
    visit.close()


def test_one_view_per_municipality(browser, site, tmp_path):
    visit = Visit(browser, site, "kommunevisning=Øyer")
    text = visit.page.text_content("#visning")
    members = len(cli_ids(tmp_path, "--kommune", "Øyer"))
    hosted = len(cli_ids(tmp_path, "--host", "Øyer"))
    assert f"Samarbeid ({members})" in text and f"Vertskommune for ({hosted})" in text
    assert "Samarbeider mest med" in text and "Gausdal (" in text
    visit.close()


def test_the_page_is_norwegian_offline_and_small(site):
    text = site.read_text(encoding="utf-8")
    assert '<html lang="nb">' in text and "Content-Security-Policy" in text
    assert "default-src 'none'" in text and "http://" not in text.replace(
        "http://www.w3.org/2000/svg", ""
    )
    assert "https://" not in text
    assert site.stat().st_size < 160 * 1024  # the data twice: as JSON, and as plain HTML
    assert "<svg" in text and text.count("<circle") == 8  # every party shares an agreement


def test_no_accessibility_violation_of_wcag_21_aa_or_best_practice(browser, site):
    axe = _axe()
    if axe is None:
        pytest.skip("axe-core is not installed (npm install axe-core; or set AXE_CORE_JS)")
    import re

    # the page as a reader without a script gets it: the same file, its scripts left out
    plain = site.with_name("uten-skript.html")
    text = site.read_text(encoding="utf-8")
    plain.write_text(re.sub(r"<script>.*?</script>", "", text, flags=re.S), encoding="utf-8")
    rules = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}"
    for page in (site, plain):
        for hash_ in (
            "",
            "samarbeid=eioff",
            "kommunevisning=Gausdal",
            "kommune=oyer",
            "samarbeid-eioff",
        ):
            visit = Visit(browser, page, hash_, bypass_csp=True)  # to add axe's script
            visit.page.add_script_tag(path=str(axe))
            result = visit.page.evaluate(f"axe.run({rules})")
            found = [(v["id"], v["impact"]) for v in result["violations"]]
            assert found == [], (page.name, hash_)  # none, of any impact
            visit.close()


# from a choice to the next frame: what the reader waits for before the list changes
FILTER_TIME = """(name) => new Promise(done => {
    const select = document.getElementById('kommune');
    const start = performance.now();
    select.value = name;
    select.dispatchEvent(new Event('change', {bubbles: true}));
    requestAnimationFrame(() => done(performance.now() - start));
})"""


@pytest.mark.slow
def test_a_national_file_stays_responsive(browser, tmp_path):
    from generate import render

    data = tmp_path / "national.yaml"
    data.write_text(render(20_000), encoding="utf-8")
    folder = tmp_path / "site"
    done = ikscli("site", str(folder), "--data", str(data), cwd=tmp_path, cache=tmp_path / "c")
    assert done.returncode == 0, done.stderr
    visit = Visit(browser, folder / "index.html")
    assert len(visit.shown()) == 20_000
    # the median of five filters, each to another municipality and back to all: one
    # pause of a busy machine's garbage collector is not the page's speed
    took = []
    for option in (3, 5, 7, 9, 11):
        kommune = visit.page.evaluate(f"document.getElementById('kommune').options[{option}].value")
        took.append(visit.page.evaluate(FILTER_TIME, kommune))
        expected = cli_ids(tmp_path, "--kommune", kommune, "--data", str(data))
        assert visit.page.text_content("#antall") == f"{len(expected)} samarbeid"
        visit.page.evaluate(FILTER_TIME, "")
        assert len(visit.shown()) == 20_000
    assert statistics.median(took) < 200, f"filters took {sorted(round(t) for t in took)} ms"
    visit.close()


@pytest.mark.parametrize(
    "hash_",
    [
        "samarbeid=nope&kommunevisning=X",
        "kommunevisning=%3Cimg%20src%3Dx%3E%20Dette%20st%C3%A5r%20ikke%20i%20oversikten",
        "samarbeid=%3Cscript%3E",
    ],
)
def test_an_unknown_value_in_the_link_is_said_to_be_unknown_never_shown(browser, site, hash_):
    visit = Visit(browser, site, hash_)
    try:
        heading = visit.page.inner_text("#visning h2")
        said = visit.page.inner_text("#visning")
        assert heading == "Ikke funnet" and visit.errors == []
        assert "Dette står" not in said and "<img" not in said and "<script" not in said
    finally:
        visit.close()


def test_a_municipality_in_the_link_is_understood_as_people_write_it(browser, site):
    visit = Visit(browser, site, "kommunevisning=oyer")
    try:
        assert visit.page.inner_text("#visning h2") == "Øyer" and visit.errors == []
    finally:
        visit.close()


def test_without_javascript_the_whole_register_is_there_and_every_link_leads_somewhere(
    browser, site
):
    from ikscli import load

    data = load()
    visit = Visit(browser, site, script=False)
    try:
        page = visit.page
        assert page.is_hidden("#filtre") and page.is_hidden("#liste")  # nothing empty
        text = page.inner_text("#oversikt")
        for a in data.agreements:
            assert a.name in text, a.id
        for category in data.categories:
            assert category in text
        anchors = page.eval_on_selector_all(
            "a[href^='#']", "links => links.map(l => l.getAttribute('href').slice(1))"
        )
        ids = set(page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)"))
        assert anchors and {a for a in anchors if a} <= ids
        for a in data.agreements:  # a section each, with what the appendix says
            section = page.inner_text(f"#samarbeid-{a.id}")
            assert a.name in section and (a.note or "") in section
            if a.host:
                assert a.host in section
        eioff = page.inner_text("#samarbeid-eioff")
        assert "Gausdal?, Lillehammer?" in eioff and "usikkert: bare plasseringen" in eioff
        page.click("#samarbeid-eioff >> text=Gausdal")  # members lead to their municipality
        assert page.evaluate("location.hash") == "#kommune-gausdal"
        assert "Gausdal" in page.inner_text("#kommune-gausdal h3")
        assert visit.errors == [] and all(u.startswith(("file:", "data:")) for u in visit.requests)
    finally:
        visit.close()


def test_with_javascript_the_plain_links_open_the_views(browser, site):
    visit = Visit(browser, site, "samarbeid-eioff")
    try:
        assert visit.page.query_selector("#uten-skript") is None
        assert "Gausdal?, Lillehammer?" in visit.page.text_content("#visning")
        visit.page.goto(site.as_uri() + "#kommune-oyer")
        assert visit.page.inner_text("#visning h2") == "Øyer" and visit.errors == []
    finally:
        visit.close()


def test_a_national_file_says_in_words_that_its_list_needs_javascript(tmp_path):
    from generate import render

    from ikscli import load
    from ikscli.render.site_static import PLAIN_MAX, overview

    path = tmp_path / "stor.yaml"
    path.write_text(render(PLAIN_MAX + 1), encoding="utf-8")
    data = load(path)
    plain = overview(data._index.dataset)
    assert f"{PLAIN_MAX + 1}" in plain.replace("\u00a0", "") and "JavaScript" in plain
    assert "<li>" not in plain and len(plain) < 1000


def test_the_data_to_take_away_lies_beside_the_page_and_the_page_says_so(tmp_path):
    import csv
    import io
    import sqlite3

    import openpyxl

    folder = tmp_path / "side"
    done = ikscli("site", str(folder), cwd=tmp_path, cache=tmp_path / "c")
    assert done.returncode == 0, done.stderr
    page = (folder / "index.html").read_text(encoding="utf-8")
    for name in ("samarbeid.csv", "samarbeid.xlsx", "samarbeid.json", "samarbeid.db"):
        assert f'href="{name}"' in page and (folder / name).is_file()
    listed = json.loads(ikscli("list", "-f", "json", cwd=tmp_path, cache=tmp_path / "c").stdout)
    assert json.loads((folder / "samarbeid.json").read_text(encoding="utf-8")) == listed
    rows = list(csv.DictReader(io.StringIO((folder / "samarbeid.csv").read_text("utf-8"))))
    assert [r["id"] for r in rows] == [a["id"] for a in listed] and "?" not in rows[4]["members"]
    book = openpyxl.load_workbook(folder / "samarbeid.xlsx")
    assert book.worksheets[0].title == "Samarbeid"  # the page's language, for any reader
    meta = dict(sqlite3.connect(folder / "samarbeid.db").execute("SELECT key, value FROM meta"))
    assert meta["as_of"] == "2019-01-01"
    assert "Kilde" in page and "1. januar 2019" in page and "Lisens" in page and "Laget" in page


def test_a_file_of_the_pages_data_that_ikscli_did_not_write_is_never_replaced(tmp_path):
    folder = tmp_path / "side"
    folder.mkdir()
    (folder / "samarbeid.csv").write_text("mine\n", encoding="utf-8")
    done = ikscli("site", str(folder), cwd=tmp_path, cache=tmp_path / "c")
    assert done.returncode == 2 and b"samarbeid.csv" in done.stderr
    assert (folder / "samarbeid.csv").read_text(encoding="utf-8") == "mine\n"
    assert not (folder / "index.html").exists()
    assert (
        ikscli("site", str(folder), "--force", cwd=tmp_path, cache=tmp_path / "c").returncode == 0
    )
    assert (folder / "samarbeid.csv").read_text(encoding="utf-8").startswith("id,name")


@pytest.mark.parametrize(
    ("hash_", "kommune"),
    [("kommune=oyer", "Øyer"), ("kommune=%C3%98yer%20kommune", "Øyer"), ("kommune=0521", "Øyer")],
)
def test_the_link_understands_names_as_the_command_line_does(
    browser, site, tmp_path, hash_, kommune
):
    visit = Visit(browser, site, hash_)
    try:
        expected = cli_ids(tmp_path, "--kommune", kommune)
        assert visit.shown() == expected and visit.page.input_value("#kommune") == kommune
        assert visit.page.text_content("#antall") == f"{len(expected)} samarbeid"
        assert visit.page.is_hidden("#ukjent")
    finally:
        visit.close()


def test_a_value_the_link_cannot_use_is_said_in_words_and_never_shown(browser, site):
    visit = Visit(browser, site, "kommune=Oslo%20%3Cb%3Eforfalsket%3C%2Fb%3E")
    try:
        said = visit.page.inner_text("#ukjent")
        assert said == "Ikke forstått, og ikke brukt som filter: Kommune"
        assert (
            "Oslo" not in visit.page.inner_text("body") and visit.page.input_value("#kommune") == ""
        )
        assert len(visit.shown()) == 58  # no filter set from it
    finally:
        visit.close()


def test_a_view_moves_focus_to_its_heading_and_leaves_the_filters_out(browser, site):
    visit = Visit(browser, site)
    try:
        visit.page.click("text=Eioff (eiendomsforvaltning/driftskontroll)")
        assert visit.page.is_hidden("#filtre") and visit.page.is_hidden("#liste")
        focused = visit.page.evaluate(
            "document.activeElement.tagName + ':' + document.activeElement.textContent"
        )
        assert focused == "H2:Eioff (eiendomsforvaltning/driftskontroll)"
        visit.page.goto(site.as_uri() + "#kommunevisning=Øyer")
        assert visit.page.eval_on_selector_all("#visning h3", "h => h.length") >= 5  # by category
        assert visit.page.eval_on_selector_all("#visning li", "l => l.length") == 49
    finally:
        visit.close()


def test_a_keyboard_reader_can_skip_the_filters(browser, site):
    visit = Visit(browser, site)
    try:
        visit.page.keyboard.press("Tab")
        first = visit.page.evaluate("document.activeElement.getAttribute('href')")
        assert first == "#liste" and visit.page.is_visible(".hopp")
    finally:
        visit.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_nothing_overflows_on_a_phone(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site.as_uri())
        # the picture scrolls sideways in its own box (keeping its labels readable);
        # nothing else may reach past the screen
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => !e.closest('.bilde svg') &&"
            " e.getBoundingClientRect().right > document.documentElement.clientWidth + 1"
            " && e.offsetParent !== null).map(e => e.tagName + '#' + e.id)"
        )
        assert wide == [] and page.evaluate("document.documentElement.scrollWidth") <= width
        label = page.evaluate(
            "document.querySelector('#nettverk svg text').getBoundingClientRect().height"
        )
        assert label >= 12, f"the picture's labels are {label:.0f} px high"
    finally:
        context.close()


def test_the_picture_has_its_pairs_as_a_table(site):
    from ikscli import load
    from ikscli.analysis.graph import shared_counts

    data = load()
    text = site.read_text(encoding="utf-8")
    pairs = shared_counts(data._index.dataset, data._index.dataset.agreements)
    table = text[text.index("<details>") : text.index("</details>")]
    assert table.count("<tr>") == len(pairs) + 1
    (left, right), count = pairs[0]
    assert f"<td>{left}</td><td>{right}</td><td>{count}</td>" in table


def test_printing_says_the_filter_and_leaves_the_form_out(browser, site):
    visit = Visit(browser, site, "kommune=%C3%98yer&form=%C2%A7%2027")
    try:
        page = visit.page
        page.emulate_media(media="print")
        assert page.is_hidden("#skjema") and page.is_hidden("#nettverk")
        assert page.inner_text("#valgt") == "Filtrert etter Kommune: Øyer; Form: § 27"
        assert page.pdf(format="A4")[:4] == b"%PDF"
    finally:
        visit.close()


def test_the_pictures_nodes_lead_to_their_municipality(browser, site):
    visit = Visit(browser, site)
    try:
        visit.page.click("#nettverk svg a:has(text:text-is('Lillehammer'))")
        assert visit.page.inner_text("#visning h2") == "Lillehammer"
    finally:
        visit.close()
