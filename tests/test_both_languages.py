"""Issue 11's answers, replayed as a Norwegian and as an English user's shell runs them.

Each test runs the real `ikscli` in a separate process with LANG=nb_NO.UTF-8 or
LANG=en_GB.UTF-8: Norwegian order and input, honest answers, 80 columns, and diff.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli import DATA, ENGLISH, EXAMPLE, NORWEGIAN, ikscli
from conftest import UNSETTLED

from ikscli.text.names import sort_key


@pytest.fixture(params=[NORWEGIAN, ENGLISH], ids=["nb", "en"])
def shell(request, tmp_path):
    """`shell(*args)` → (exit code, stdout, stderr) in one language; `shell.nb` tells which."""

    def call(*args: str, extra: dict[str, str] | None = None):
        env = {**request.param, "COLUMNS": "80", **(extra or {})}
        done = ikscli(*args, cwd=tmp_path, cache=tmp_path / "cache", env=env)
        return done.returncode, done.stdout.decode(), done.stderr.decode()

    call.nb = request.param is NORWEGIAN  # type: ignore[attr-defined]
    return call


def said(shell, bokmal: str, english: str) -> str:
    return bokmal if shell.nb else english


def flat(text: str) -> str:
    return " ".join(text.split())


# §2 Norwegian order and Norwegian input


def test_names_sort_the_norwegian_way(shell):
    _code, out, _err = shell("list", "--sort", "name", "-f", "csv")
    names = [row["name"] for row in csv.DictReader(io.StringIO(out))]
    assert names == sorted(names, key=sort_key)
    assert (
        names.index("Regionråd")
        < names.index("Rådmannsutvalg")
        < names.index("Østnorsk Filmsenter AS")
    )
    _code, table, _err = shell("list", "--sort", "name")
    rows = [line for line in table.splitlines() if line.startswith(("Regionråd ", "Rådmanns"))]
    assert [r.split()[0] for r in rows] == ["Regionråd", "Rådmannsutvalg"]


@pytest.mark.parametrize("typed", ["Øyer kommune", "0521", "521", "øyer", "OYER"])
def test_a_municipality_as_people_type_it(shell, typed):
    _code, out, _err = shell("list", "--kommune", typed)
    assert out.splitlines()[-1].startswith(said(shell, "49 samarbeid", "49 agreements"))


@pytest.mark.parametrize(("word", "n"), [("sagt opp", 2), ("terminated", 2), ("planlagt", 1)])
def test_status_words_in_either_language(shell, word, n):
    _code, out, _err = shell("list", "--status", word, "-f", "json")
    assert len(json.loads(out)) == n


def test_show_by_name_and_a_hint_for_a_near_id(shell):
    code, out, _err = shell("show", "Borgerlig vigsel", "-f", "json")
    assert code == 0 and json.loads(out)["id"] == "borgerlig-vigsel"
    code, _out, err = shell("show", "nav")
    assert code == 2
    assert err == said(
        shell,
        "Feil: ukjent samarbeid 'nav' (mente du 'felles-nav-kontor'?)\n",
        "Error: unknown agreement 'nav' (did you mean 'felles-nav-kontor'?)\n",
    )


# §3 Honest answers


def test_uncertain_members_are_marked_and_counted(shell):
    _code, out, _err = shell("filter", "kommune=Gausdal", "kommune=Øyer", "kommune!=Lillehammer")
    assert out.count("Gausdal?") == 2 and out.count("Øyer?") == 2
    assert flat(out).endswith(
        said(
            shell,
            "3 samarbeid; 2 med medlemmer kilden ikke avklarer (merket ?, se show ID)",
            "3 agreements; 2 with members the source does not settle (marked ?, see show ID)",
        )
    )
    _code, excel, _err = shell("list", "--excel")
    rows = list(csv.reader(io.StringIO(excel.lstrip("\ufeff")), delimiter=";"))
    members = rows[0].index(said(shell, "Medlemmer", "members"))
    assert {r[0] for r in rows[1:] if "?" in r[members]} == UNSETTLED


def test_report_marks_what_outside_evidence_settled(shell):
    _code, out, _err = shell("report")
    assert "x¹" in out and "x?" in out  # the report is the council's, in bokmål either way


def test_parties_that_are_never_members_are_found(shell):
    _code, out, _err = shell("list", "--party", "Ringebu", "-f", "json")
    assert len(json.loads(out)) == 3
    _code, out, err = shell("list", "--kommune", "Ringebu")
    assert out.splitlines()[-1] == said(shell, "0 samarbeid", "0 agreements")
    assert err.endswith(": ikscli list --party Ringebu\n")
    _code, hosts, _err = shell("hosts", "-f", "json")
    assert "Nord-Fron" in next(h for h in json.loads(hosts) if h["host"] == "Øyer")["serves"]
    _code, hosts, _err = shell("hosts")
    assert said(
        shell, "de betjener sine medlemmer og andre parter", "they serve their members"
    ) in (flat(hosts))


def test_summaries_tell_the_whole_story(shell):
    _code, out, _err = shell("list", "--kommune", "Øyer", "-n", "3")
    assert out.splitlines()[-1] == said(shell, "3 av 49 samarbeid", "3 of 49 agreements")
    _code, out, _err = shell("count", "--by", "kommune")
    assert said(
        shell,
        "Totalt: 58 samarbeid; et samarbeid telles én gang for hvert medlem. Dette tar med 2 "
        "oppsagte og 1 planlagt: --status aktiv teller bare de aktive",
        "Total: 58 agreements; an agreement is counted once for each member. Includes 2 "
        "terminated and 1 planned: --status active counts only the active ones",
    ) in flat(out)
    status = said(shell, "aktiv", "active")
    _code, active, _err = shell("count", "--by", "kommune", "--status", status)
    assert said(shell, "Dette tar med", "Includes") not in active
    _code, csv_out, _err = shell("count", "--by", "kommune", "--status", status, "-f", "csv")
    counts = {row["members"]: int(row["count"]) for row in csv.DictReader(io.StringIO(csv_out))}
    _code, records, _err = shell("list", "--status", "active", "-f", "json")
    expected: dict[str, int] = {}
    for record in json.loads(records):
        for member in record["members"] or [""]:  # the row the source marks for no one
            expected[member] = expected.get(member, 0) + 1
    assert counts == expected and len(expected) == 4


def test_form_and_evidence_are_shown_as_the_data_says(shell):
    _code, out, _err = shell("show", "gudbrandsdal-energi", "-f", "json")
    record = json.loads(out)
    assert record["form_inferred"] is True
    _code, table, _err = shell("show", "gudbrandsdal-energi")
    assert said(shell, "(formcellen er tom; hentet fra navnet)", "(the form cell is empty") in (
        flat(table)
    )


# §4 80 columns, §5 diff


def test_diff_reports_every_field_and_renames(shell, tmp_path):
    code, out, _err = shell("diff", str(DATA), str(EXAMPLE), "-f", "json")
    assert code == 1
    assert {"members_basis", "form", "host", "joined", "left"} <= {
        c["kind"] for c in json.loads(out)
    }
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(
        DATA.read_text(encoding="utf-8").replace("id: giax\n", "id: giax-ny\n"), "utf-8"
    )
    code, out, _err = shell("diff", str(DATA), str(renamed), "-f", "json")
    assert (code, [(c["kind"], c["old"], c["new"]) for c in json.loads(out)]) == (
        1,
        [("id", "giax", "giax-ny")],
    )
    _code, table, _err = shell("diff", str(DATA), str(renamed))
    assert table.splitlines()[2].startswith(said(shell, "— Ny id —", "— New id —"))
    assert max(len(line) for line in table.splitlines()) <= 80


def test_matrix_headings_and_the_legend(shell):
    _code, out, _err = shell("matrix")
    assert "— Helse og omsorg —" in out
    assert said(shell, "x¹ medlemmer fastsatt", "x¹ members settled") in flat(out)
    assert said(shell, "(sagt opp)", "(terminated)") in out


def test_show_puts_the_evidence_and_sub_agreements_on_lines_of_their_own(shell):
    _code, out, _err = shell("show", "eioff")
    assert "\\x0a" not in out
    line = next(line for line in out.splitlines() if "bare plasseringen" in line)
    assert line.split()[0] == said(shell, "(usikkert:", "(uncertain:")
    _code, out, _err = shell("show", "regionalt-helsesamarbeid")
    assert "\\x0a" not in out and "(legevaktsamarbeid)" in out.split()


def test_diff_shows_statuses_in_words(shell):
    _code, out, _err = shell("diff", str(DATA), str(EXAMPLE))
    header = out.splitlines()[0].split()
    assert header == said(shell, "Samarbeid Før Etter", "Agreement Before After").split()
    assert said(shell, "— Ny organisasjonsform —", "— Form changed —") in out
    removed = next(line for line in out.splitlines() if line.startswith("Eioff "))
    assert said(shell, " sagt opp ", " terminated ") in removed


def test_numbers_and_sizes_are_written_as_the_reader_writes_them():
    """1 000 and 3,4 MiB in bokmål and nynorsk (a no-break space, a decimal comma); 1,000 and 3.4 MiB
    in English."""
    from ikscli import i18n
    from ikscli.text import numbers

    for language in ("nb", "nn"):
        with i18n.speaking(language):
            assert numbers.number(200000) == "200\u00a0000"
            assert numbers.mib(3.4 * 2**20) == "3,4 MiB" and numbers.decimal(0.5) == "0,5"
    with i18n.speaking("en"):
        assert numbers.number(200000) == "200,000" and numbers.mib(3.4 * 2**20) == "3.4 MiB"


def test_a_norwegian_table_that_is_cut_says_its_numbers_in_norwegian(shell, tmp_path):
    from generate import render

    path = tmp_path / "stor.yaml"
    path.write_text(render(1500), encoding="utf-8")
    _code, _out, err = shell("list", "--data", str(path))
    assert said(shell, "Viser de første 60 av 1\u00a0500", "Showing the first 60 of 1,500") in err
