"""The 2018 forms and the facts a register keeps beyond the source: orgnr, started,
ended, decision, url, shares and board, through edits, validation, every output and
`list --as-of`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli import ROOT, ikscli

FACTS = [
    "orgnr=NO 964 338 531 MVA",
    "started=1. januar 2020",
    "decision=PS 12/2019",
    "url=https://example.no/avtale?a=1&b=2",
    "shares=Gausdal: 20, Lillehammer 50 %, Øyer=30",
    "board=Representantskap",
]


@pytest.fixture
def home(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text((ROOT / "data" / "samarbeid_2019.yaml").read_text(encoding="utf-8"), "utf-8")
    return tmp_path


def run(home, *args, lang="en"):
    done = ikscli(*args, "--data", "d.yaml", cwd=home, cache=home / "c", env={"IKSCLI_LANG": lang})
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def test_the_facts_are_written_as_the_canonical_file_writes_them(home):
    code, _out, err = run(home, "set", "innlandet-revisjon-iks", *FACTS)
    assert code == 0, err
    text = (home / "d.yaml").read_text(encoding="utf-8")
    assert (
        '    orgnr: "964338531"\n    started: "2020-01-01"\n    decision: PS 12/2019\n'
        "    url: https://example.no/avtale?a=1&b=2\n"
        "    shares: {Gausdal: 20, Lillehammer: 50, Øyer: 30}\n    board: Representantskap\n"
    ) in text
    assert run(home, "fmt", "--check")[0] == 0
    assert run(home, "validate")[0] == 0
    # and changed again, the flow mapping replaced whole
    code, _out, err = run(
        home, "set", "innlandet-revisjon-iks", "shares=Gausdal: 25, Lillehammer 50, Øyer 25"
    )
    assert code == 0, err
    assert "    shares: {Gausdal: 25, Lillehammer: 50, Øyer: 25}\n" in (home / "d.yaml").read_text(
        "utf-8"
    )


def test_json_csv_show_and_diff_carry_each_fact_exactly(home):
    before = (home / "d.yaml").read_text(encoding="utf-8")
    (home / "old.yaml").write_text(before, encoding="utf-8")
    run(home, "set", "innlandet-revisjon-iks", *FACTS)
    _code, out, _err = run(home, "show", "innlandet-revisjon-iks", "-f", "json")
    record = json.loads(out)
    assert record["orgnr"] == "964338531" and record["started"] == "2020-01-01"
    assert record["ended"] is None and record["board"] == "Representantskap"
    assert record["shares"] == {"Gausdal": 20, "Lillehammer": 50, "Øyer": 30}
    _code, out, _err = run(home, "list", "-f", "csv", "--columns", "id,orgnr,started,shares,url")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["innlandet-revisjon-iks"] == {
        "id": "innlandet-revisjon-iks",
        "orgnr": "964338531",
        "started": "2020-01-01",
        "shares": "Gausdal: 20, Lillehammer: 50, Øyer: 30",
        "url": "https://example.no/avtale?a=1&b=2",
    }
    _code, out, _err = run(home, "show", "innlandet-revisjon-iks", lang="nb")
    assert "Gjelder fra" in out and "1. januar 2020" in out and "Eierandeler" in out
    done = ikscli("diff", "old.yaml", "d.yaml", "-f", "json", cwd=home, cache=home / "c")
    kinds = [c["kind"] for c in json.loads(done.stdout)]
    assert kinds == ["orgnr", "started", "decision", "url", "shares", "board"]


@pytest.mark.parametrize(
    ("fact", "written", "message"),
    [
        ("orgnr=964338532", 'orgnr: "964338532"', "orgnr '964338532' is not an organisation"),
        ("url=javascript:alert(1)", "url: javascript:alert(1)", "url 'javascript:alert(1)' must"),
        (
            "shares=Gausdal: 20, Lillehammer 50, Øyer 20",
            "shares: {Gausdal: 20, Lillehammer: 50, Øyer: 20}",
            "the shares add up to 90 %, not 100 %",
        ),
        (
            "shares=Gausdal: 120",
            "shares: {Gausdal: 120}",
            "the share of 'Gausdal' must be more than 0 and at most 100",
        ),
        (
            "shares=Hamar: 100",
            "shares: {Hamar: 100}",
            "shares names 'Hamar', who is not a member, partner or host",
        ),
    ],
)
def test_a_wrong_fact_is_an_error_at_its_line_and_the_file_stays(home, fact, written, message):
    before = (home / "d.yaml").read_bytes()
    code, _out, err = run(home, "set", "innlandet-revisjon-iks", fact)
    assert code == 1 and message in err, err
    assert (home / "d.yaml").read_bytes() == before
    # the same value typed into the file is found by validate, at its line and column
    text = before.decode().replace(
        "  - id: innlandet-revisjon-iks\n",
        "  - id: innlandet-revisjon-iks\n    " + written + "\n",
    )
    (home / "d.yaml").write_text(text, encoding="utf-8")
    code, out, _err = run(home, "validate")
    line = text[: text.index(written)].count("\n") + 1
    found = [x for x in out.splitlines() if message in x]
    assert code == 1 and found and found[0].startswith(f"d.yaml:{line}:")


def test_dates_out_of_order_and_a_date_people_cannot_read_are_refused(home):
    run(home, "set", "innlandet-revisjon-iks", "started=2020-01-01")
    code, _out, err = run(home, "set", "innlandet-revisjon-iks", "ended=31.12.2019")
    assert code == 1 and "ended 2019-12-31 is before started 2020-01-01" in err
    code, _out, err = run(home, "set", "innlandet-revisjon-iks", "ended=soon")
    assert code == 2 and "'soon' is not a date" in err and len(err.splitlines()) == 1


def test_end_with_a_date_and_list_as_of_answer_what_was_in_force(home):
    code, _out, err = run(home, "end", "innlandet-revisjon-iks", "--date", "31.12.2020")
    assert code == 0, err
    text = (home / "d.yaml").read_text(encoding="utf-8")
    record = text.split("  - id: innlandet-revisjon-iks\n", 1)[1].split("\n\n", 1)[0]
    assert "    status: terminated\n" in record and '    ended: "2020-12-31"' in record

    def ids(day):
        _c, out, _e = run(home, "list", "--as-of", day, "-f", "json")
        return {a["id"] for a in json.loads(out)}

    everything = {a["id"] for a in json.loads(run(home, "list", "-f", "json")[1])}
    terminated = {"innoff", "eioff"}  # terminated in the source, with no date
    planned = {"felles-barnevern"}
    assert ids("2020-06-01") == everything - terminated - planned
    assert ids("2021-01-01") == everything - terminated - planned - {"innlandet-revisjon-iks"}
    code, _out, err = run(home, "list", "--as-of", "soon")
    assert code == 2 and "--as-of" in err


@pytest.mark.parametrize(
    ("form", "where"),
    [
        ("Administrativt vertskommunesamarbeid", "§ 20-2"),
        ("Vertskommune med felles folkevalgt nemnd", "§ 20-3"),
        ("Samvirkeforetak", "samvirkelova"),
        ("Forening", "§ 17-1"),
        ("§ 28-1 c", "§ 20-3"),
    ],
)
def test_law_places_every_form_of_the_2018_law(home, form, where):
    code, _out, err = run(home, "set", "felles-nav-kontor", f"form={form}")
    assert code == 0, err
    _code, out, _err = run(home, "law", "--all", "-f", "json")
    placed = next(a for a in json.loads(out) if a["id"] == "felles-nav-kontor")
    assert placed["form"] == form and where in placed["law"]["kommuneloven_2018"]


def test_a_vertskommune_form_must_name_its_host(home):
    code, _out, err = run(home, "set", "skappa-kunnskapspark", "form=vertskommune med nemnd")
    assert code == 1
    assert "a Vertskommune med felles folkevalgt nemnd agreement must name its host" in err


def test_the_page_shows_the_facts_and_links_only_a_web_address(home):
    run(home, "set", "innlandet-revisjon-iks", *FACTS)
    code, _out, err = run(home, "site", "side", lang="nb")
    assert code == 0, err
    page = (home / "side" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Organisasjonsnummer</dt><dd>964338531</dd>" in page
    assert '<a href="https://example.no/avtale?a=1&amp;b=2">' in page
    assert "<dt>Eierandeler</dt><dd>Gausdal: 20, Lillehammer: 50, Øyer: 30</dd>" in page
