"""Bokmål, nynorsk or English: what a Norwegian and an English user see, from the real
command line.

The language comes from IKSCLI_LANG, else LANGUAGE, LC_ALL, LC_MESSAGES and LANG as
gettext reads them. People's formats follow it; JSON and plain CSV never change.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from catalog import (
    CATALOG,
    CATALOGS,
    TEMPLATE,
    compile_catalog,
    compiled_problems,
    extract,
    held,
    problems,
    read,
    strings,
    updated,
)
from cli import DATA, ENGLISH, EXAMPLE, NORWEGIAN, ROOT, environment, ikscli
from test_layout import COMMANDS, shown_ids

from ikscli.i18n import choose


def in_shell(tmp_path, *args, env=None):
    result = ikscli(*args, cwd=tmp_path, cache=tmp_path / "cache", env=env)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


# --- choosing the language ------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nn_NO.UTF-8"}, "nn"),
        ({"LC_MESSAGES": "nn_NO", "LANG": "nb_NO.UTF-8"}, "nn"),
        ({"LANG": "no_NO"}, "nb"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "en"),  # no catalog: the code's own language
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "nn:en", "LANG": "en_GB.UTF-8"}, "nn"),  # LANGUAGE is read first
        ({"LANGUAGE": "de:nb", "LANG": "C"}, "nb"),  # a list, in order of preference
        ({"LANGUAGE": "en:nb"}, "en"),
        ({"LC_ALL": "C", "LANG": "nb_NO.UTF-8"}, "en"),  # the first one set decides
        ({"LC_MESSAGES": "nb_NO.UTF-8", "LANG": "en_GB.UTF-8"}, "nb"),
        ({"LANGUAGE": "", "LANG": "nb_NO.UTF-8"}, "nb"),  # empty is not set
        ({"IKSCLI_LANG": "nb", "LANG": "en_GB.UTF-8"}, "nb"),
        ({"IKSCLI_LANG": "en", "LANG": "nb_NO.UTF-8"}, "en"),
        ({"IKSCLI_LANG": "no"}, "nb"),
        ({"IKSCLI_LANG": "nn", "LANG": "nb_NO.UTF-8"}, "nn"),
        ({"IKSCLI_LANG": "nn_NO.UTF-8"}, "nn"),
        ({"IKSCLI_LANG": "nb", "LANGUAGE": "nn"}, "nb"),  # IKSCLI_LANG decides
        ({"LANG": "nbx_XX"}, "en"),  # a longer code that only starts with nb
    ],
)
def test_the_language_is_chosen_as_gettext_reads_the_environment(environ, expected):
    assert choose(environ) == expected


def test_windows_display_language_decides_when_no_variable_is_set():
    assert choose({}, 0x0414) == "nb"  # Norsk (bokmål)
    assert choose({}, 0x0814) == "nn"  # Norsk (nynorsk)
    assert choose({}, 0x0409) == "en"
    assert choose({"LANG": "en_US"}, 0x0414) == "en"  # a variable set wins


# --- the catalog ------------------------------------------------------------------------


EACH_CATALOG = pytest.mark.parametrize("language", sorted(CATALOGS))


@EACH_CATALOG
def test_every_message_is_translated_and_none_is_stale(language):
    found = problems(CATALOGS[language].read_text(encoding="utf-8"), extract(), language)
    assert found == [], "\n".join(found) + "\nrun: python scripts/catalog.py --update"


@EACH_CATALOG
def test_msgfmt_finds_every_entry_translated_and_nothing_wrong(language, tmp_path):
    """GNU gettext's own check of the catalog (where it is installed): no error, no
    warning, every entry translated, none fuzzy."""
    import shutil

    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    result = subprocess.run(
        ["msgfmt", "-c", "--statistics", "-o", str(tmp_path / "x.mo"), str(CATALOGS[language])],
        capture_output=True,
        text=True,
        env={"LANG": "C", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    count = len(extract())
    assert result.stderr == f"{count} translated messages.\n"


def test_the_check_finds_untranslated_fuzzy_stale_and_wrong_placeholders():
    messages = extract()
    text = CATALOG.read_text(encoding="utf-8")
    entries = dict(strings(text))
    footer = "{total} agreement"
    assert entries[footer] == ["{total} samarbeid", "{total} samarbeid"]

    untranslated = text.replace('msgstr "Vis denne hjelpen og avslutt."', 'msgstr ""')
    assert untranslated != text
    assert any("untranslated" in p for p in problems(untranslated, messages))
    fuzzy = text.replace(
        'msgid "Show this message and exit."', '#, fuzzy\nmsgid "Show this message and exit."'
    )
    assert any("fuzzy" in p for p in problems(fuzzy, messages))
    stale = text + '\nmsgid "A message no code uses"\nmsgstr "Ei melding"\n'
    assert problems(stale, messages) == ["stale: 'A message no code uses'"]
    placeholders = text.replace('msgstr[1] "{total} samarbeid"', 'msgstr[1] "{totalt} samarbeid"')
    assert placeholders != text
    assert any("placeholders differ" in p for p in problems(placeholders, messages))
    missing = {**messages}
    missing["A new message"] = type(messages[footer])("A new message")
    assert any(p.startswith("missing: 'A new message'") for p in problems(text, missing))


def _entries(text: str, language: str) -> list[tuple[object, object, tuple[str, ...]]]:
    """What a catalog says, whatever its layout: id, translation and flags of each entry."""
    return [(m.id, m.string, tuple(sorted(m.flags))) for m in read(text, language) if m.id]


@EACH_CATALOG
def test_the_catalog_says_what_the_update_would_write(language):
    text = CATALOGS[language].read_text(encoding="utf-8")
    assert _entries(updated(extract(), text, language), language) == _entries(text, language), (
        "run: python scripts/catalog.py --update"
    )
    assert read(text, language).locale_identifier == language


def test_the_template_holds_the_codes_messages():
    template = {m.id for m in read(TEMPLATE.read_text(encoding="utf-8")) if m.id}
    wanted = {(m.msgid, m.plural) if m.plural else m.msgid for m in extract().values()}
    assert template == wanted, "run: python scripts/catalog.py --update"


@EACH_CATALOG
def test_the_compiled_catalog_holds_the_po(language):
    mo = CATALOGS[language].with_suffix(".mo").read_bytes()
    text = CATALOGS[language].read_text(encoding="utf-8")
    assert compiled_problems(mo, text, language) == [], "run: python scripts/catalog.py --update"
    assert len(held(mo)) >= len(extract())
    (said,) = dict(strings(text, language))["Show this message and exit."]
    changed = text.replace(f'msgstr "{said}"', 'msgstr "Noe annet."')
    assert compiled_problems(mo, changed, language) != []  # the check can fail


@EACH_CATALOG
def test_translators_tools_pass_when_they_say_the_same(language, tmp_path):
    """A catalog rewrapped by GNU msgcat and a .mo compiled by GNU msgfmt (where gettext
    is installed) pass the checks: content counts, not layout."""
    import shutil

    if shutil.which("msgcat") is None or shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed")
    source = CATALOGS[language]
    env = {"LANG": "C", "PATH": "/usr/bin:/bin"}
    wrapped = tmp_path / "wrapped.po"
    subprocess.run(["msgcat", "-w", "40", "-o", str(wrapped), str(source)], check=True, env=env)
    text = wrapped.read_text(encoding="utf-8")
    assert text != source.read_text(encoding="utf-8")  # another layout
    assert problems(text, extract(), language) == []
    compiled = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(source)], check=True, env=env)
    assert compiled.read_bytes() != source.with_suffix(".mo").read_bytes()
    assert compiled_problems(compiled.read_bytes(), source.read_text("utf-8"), language) == []


def test_the_compiled_catalog_reads_back_as_gettext_reads_it():
    import gettext
    import io

    text = CATALOG.read_text(encoding="utf-8")
    fuzzy = text.replace('msgid "Reverse the order."', '#, fuzzy\nmsgid "Reverse the order."')
    assert fuzzy != text
    translations = gettext.GNUTranslations(io.BytesIO(compile_catalog(fuzzy)))
    assert translations.gettext("Show this message and exit.") == "Vis denne hjelpen og avslutt."
    assert translations.gettext("Reverse the order.") == "Reverse the order."  # fuzzy: unused
    assert translations.ngettext("{n} warning", "{n} warnings", 1) == "{n} advarsel"
    assert translations.ngettext("{n} warning", "{n} warnings", 7) == "{n} advarsler"
    assert translations.ngettext("{n} warning", "{n} warnings", 0) == "{n} advarsler"


def test_the_catalog_script_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalog.py")],
        capture_output=True,
        text=True,
        env=environment(tmp_path),
    )
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"\d+ messages, 0 problems\n", result.stderr)


# --- what people see --------------------------------------------------------------------

BOTH = pytest.mark.parametrize("env", [NORWEGIAN, ENGLISH], ids=["nb", "en"])


@BOTH
def test_list_headers_and_summary(tmp_path, env):
    code, out, _err = in_shell(tmp_path, "list", "--kommune", "Øyer", env=env)
    assert code == 0
    header, *_rows, footer = out.splitlines()
    records = json.loads(in_shell(tmp_path, "list", "--kommune", "Øyer", "-f", "json")[1])
    unsure = sum(r["members_basis"] == "uncertain" for r in records)
    assert (len(records), unsure) == (49, 4)
    if env is NORWEGIAN:
        assert header.split() == ["Samarbeid", "Form", "Medlemmer", "Vertskommune"]
        assert footer == "49 samarbeid; 4 med medlemmer kilden ikke avklarer (merket ?, se show ID)"
    else:
        assert header.split() == ["Agreement", "Form", "Members", "Host"]
        assert footer == (
            "49 agreements; 4 with members the source does not settle (marked ?, see show ID)"
        )


@BOTH
def test_limited_list_says_how_many_of_how_many(tmp_path, env):
    _code, out, _err = in_shell(tmp_path, "list", "--kommune", "Øyer", "-n", "3", env=env)
    expected = "3 av 49 samarbeid" if env is NORWEGIAN else "3 of 49 agreements"
    assert out.splitlines()[-1] == expected


@BOTH
def test_status_words_follow_the_language(tmp_path, env):
    _code, out, _err = in_shell(tmp_path, "count", "--by", "status", env=env)
    rows = {line.rsplit(maxsplit=1)[0]: line.split()[-1] for line in out.splitlines()[2:5]}
    if env is NORWEGIAN:
        assert rows == {"aktiv": "55", "sagt opp": "2", "planlagt": "1"}
        assert "Dette tar med 2 oppsagte og 1 planlagt: --status aktiv" in out
    else:
        assert rows == {"active": "55", "terminated": "2", "planned": "1"}
        assert "Includes 2 terminated and 1 planned: --status active" in out


def test_status_words_are_understood_in_either_language_in_either_locale(tmp_path):
    for env in (NORWEGIAN, ENGLISH):
        for word in ("sagt opp", "terminated"):
            _code, out, _err = in_shell(tmp_path, "list", "--status", word, "-f", "json", env=env)
            assert len(json.loads(out)) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--kommune", "Øyer", "-f", "json"],
        ["list", "--format", "csv"],
        ["count", "--by", "status", "-f", "json"],
        ["law", "--all", "-f", "csv"],
        ["hosts", "-f", "json"],
        ["show", "eioff", "-f", "json"],
        ["diff", str(DATA), str(EXAMPLE), "-f", "json"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_machine_formats_are_the_same_in_both_languages(tmp_path, args):
    norwegian = ikscli(*args, cwd=tmp_path, cache=tmp_path / "a", env=NORWEGIAN)
    english = ikscli(*args, cwd=tmp_path, cache=tmp_path / "b", env=ENGLISH)
    assert norwegian.stdout == english.stdout
    assert norwegian.returncode == english.returncode


@BOTH
def test_excel_headers_and_words_follow_the_language(tmp_path, env):
    _code, out, _err = in_shell(tmp_path, "list", "--status", "terminated", "--excel", env=env)
    header, first, *_ = out.lstrip("\ufeff").splitlines()
    cells = first.split(";")
    if env is NORWEGIAN:
        assert header.startswith("ID;Navn;Kategori;Form;Medlemmer;Vertskommune;Andre parter;Status")
        assert cells[7] == "sagt opp"
    else:
        assert header.startswith("id;name;category;form;members;host;partners;status")
        assert cells[7] == "terminated"
    _code, law, _err = in_shell(tmp_path, "law", "--excel", env=env)
    row = law.splitlines()[1].split(";")
    assert row[3] == ("ja" if env is NORWEGIAN else "yes")
    assert row[-1] == ("høsten 2023" if env is NORWEGIAN else "autumn 2023")


@BOTH
def test_markdown_follows_the_language(tmp_path, env):
    _code, out, _err = in_shell(tmp_path, "show", "eioff", "-f", "markdown", env=env)
    if env is NORWEGIAN:
        assert out.startswith("| Felt | Verdi |")
        assert "| Status | sagt opp |" in out
    else:
        assert out.startswith("| Field | Value |")
        assert "| Status | terminated |" in out


@BOTH
def test_help_is_in_the_language(tmp_path, env):
    for args in (["-h"], ["list", "-h"], ["cache", "-h"], ["cache", "info", "-h"]):
        code, out, _err = in_shell(tmp_path, *args, env={**env, "COLUMNS": "100"})
        assert code == 0
        if env is NORWEGIAN:
            assert "Bruk: ikscli" in out and "Vis denne hjelpen og avslutt." in out
            assert "Usage" not in out and "Show this message" not in out
        else:
            assert "Usage: ikscli" in out and "Show this message and exit." in out
    _code, out, _err = in_shell(tmp_path, "list", "-h", env={**env, "COLUMNS": "100"})
    if env is NORWEGIAN:
        assert "List opp samarbeid" in out and "╭─ Valg" in out and "NAVN" in out
        assert "Eksempel: ikscli list --kommune Øyer --form" in out  # on one line
    else:
        assert "List agreements" in out and "╭─ Options" in out and "NAME" in out


@BOTH
def test_every_command_has_help_in_the_language(tmp_path, env):
    """Every command's help, wide and at 80 columns, in one process per language."""
    from cli import ikscli_each

    from ikscli.cli.app import COMMANDS as NAMES

    runs: list[tuple[list[str], int]] = []
    for name in NAMES:
        command = {"cache": ["cache", "info"], "export": ["export", "sqlite"]}.get(name, [name])
        runs += [([name, "-h"], 200), ([*command, "-h"], 80)]
    results = ikscli_each(runs, cwd=tmp_path, cache=tmp_path / "cache", env=env)
    for index, name in enumerate(NAMES):
        (code, out, _err), (narrow_code, narrow_out, _) = results[2 * index : 2 * index + 2]
        assert code == narrow_code == 0, name
        first = next(line.strip() for line in out.splitlines()[3:] if line.strip())
        english = {
            "list": "List agreements",
            "filter": "Select agreements",
            "count": "Count agreements",
            "validate": "Check dataset files",
        }
        if name in english:
            assert first.startswith(english[name]) == (env is ENGLISH), (name, first)
        if env is NORWEGIAN:
            assert "Options" not in out and "[default:" not in out, name
        # one placeholder style, in the language: none of typer's <str>, <bool>, [x>=0]
        assert not re.search(r"<[a-z][a-z\[\]|_]*>|x>=", out + narrow_out), name
        narrow = narrow_out.splitlines()
        assert max(len(line) for line in narrow) <= 80, name
        at = next(i for i, line in enumerate(narrow) if "Eksempel:" in line or "Example:" in line)
        assert not narrow[at + 1].strip(" │"), f"{name}: the example must stay on one line"


@BOTH
def test_usage_errors_are_one_line_in_the_language(tmp_path, env):
    cases = {
        ("list", "--bogus"): (
            "Feil: ukjent valg: --bogus (mente du --columns eller --host?). Se: ikscli list -h",
            "Error: No such option: --bogus (Possible options: --columns, --host). See: ikscli list -h",
        ),
        ("show",): (
            "Feil: mangler argumentet 'ID'. Se: ikscli show -h",
            "Error: Missing argument 'ID'. See: ikscli show -h",
        ),
        ("list", "--limit", "x"): (
            "Feil: ugyldig verdi for '--limit' / '-n': ikke et heltall. Se: ikscli list -h",
            "Error: Invalid value for '--limit' / '-n': Input should be a valid integer, "
            "unable to parse string as an integer. See: ikscli list -h",
        ),
        ("list", "--format", "xml"): (
            "Feil: ugyldig verdi for '--format' / '-f': 'xml' er ikke en av 'table', 'json', "
            "'csv', 'markdown', 'ndjson', 'tsv', 'xlsx'. Se: ikscli list -h",
            "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', "
            "'csv', 'markdown', 'ndjson', 'tsv', 'xlsx'. See: ikscli list -h",
        ),
        ("list", "-k"): ("Feil: -k trenger en verdi", "Error: Option '-k' requires an argument"),
        ("list", "extra"): (
            "Feil: uventet argument: extra. Se: ikscli list -h",
            "Error: Got unexpected extra argument(s) (extra). See: ikscli list -h",
        ),
        ("lsit",): (
            "Feil: ukjent kommando: lsit (mente du site eller list?). Se: ikscli -h",
            "Error: No such command 'lsit'. Did you mean 'site', 'list'? See: ikscli -h",
        ),
        ("list", "--kommune", "Øyre"): (
            "Feil: ukjent kommune eller part 'Øyre' (mente du 'Øyer'?)",
            "Error: unknown municipality or party 'Øyre' (did you mean 'Øyer'?)",
        ),
        ("show", "nav"): (
            "Feil: ukjent samarbeid 'nav' (mente du 'felles-nav-kontor'?)",
            "Error: unknown agreement 'nav' (did you mean 'felles-nav-kontor'?)",
        ),
        ("list", "--excel", "-f", "json"): (
            "Feil: --excel skriver CSV for Excel; det kan ikke kombineres med --format json",
            "Error: --excel writes CSV for Excel; it cannot be combined with --format json",
        ),
        ("filter", "kommune"): (
            "Feil: kan ikke lese 'kommune': skriv FELT=VERDI, FELT!=VERDI eller FELT~TEKST",
            "Error: cannot read 'kommune': write FIELD=VALUE, FIELD!=VALUE or FIELD~TEXT",
        ),
    }
    for args, (norwegian, english) in cases.items():
        code, out, err = in_shell(tmp_path, *args, env=env)
        assert (code, out) == (2, ""), args
        assert err == (norwegian if env is NORWEGIAN else english) + "\n", args


@BOTH
def test_invalid_data_and_unwritable_output_in_the_language(tmp_path, env):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DATA.read_text(encoding="utf-8").replace("host:", "hots:", 1), "utf-8")
    code, _out, err = in_shell(tmp_path, "list", "--data", str(bad), env=env)
    assert code == 1
    last = err.splitlines()[-1]
    if env is NORWEGIAN:
        assert last == f"Feil: {bad.name} er ikke et gyldig datasett (1 feil); se `ikscli validate`"
    else:
        assert last == f"Error: {bad.name} is not a valid dataset (1 error); see `ikscli validate`"
    code, out, err = in_shell(tmp_path, "validate", str(bad), env=env)
    problem, summary = out.splitlines()[0], err.splitlines()[-1]
    # file:line:col: then the severity in the reader's language; github and json keep codes
    assert (": feil: " if env is NORWEGIAN else ": error: ") in problem
    code, out, _err = in_shell(tmp_path, "validate", str(bad), "--format", "github", env=env)
    assert out.startswith("::error file=")
    if env is NORWEGIAN:
        assert summary.endswith(": ugyldig: 0 samarbeid, 1 feil, 7 advarsler")
    else:
        assert summary.endswith(": invalid: 0 agreements, 1 error, 7 warnings")
    code, _out, err = in_shell(tmp_path, "count", "-o", "/dev/full", env=env)
    assert code == 3
    if env is NORWEGIAN:
        assert err == "Feil: kan ikke skrive /dev/full: det er ikke mer plass på disken\n"


@BOTH
def test_a_party_that_is_never_a_member_is_named_in_the_language(tmp_path, env):
    _code, _out, err = in_shell(tmp_path, "list", "--kommune", "Ringebu", env=env)
    if env is NORWEGIAN:
        assert err == (
            "Ringebu er ikke medlem i noen av dem, men annen part eller vertskommune i 3 "
            "samarbeid: ikscli list --party Ringebu\n"
        )
    else:
        assert err.startswith("Ringebu is a member of none of them, but a partner or host in 3")


@pytest.mark.parametrize(
    "variables",
    [{"LANGUAGE": "nb:en", "LANG": "en_GB.UTF-8"}, {"IKSCLI_LANG": "nb"}, {"LC_ALL": "nb_NO"}],
    ids=["LANGUAGE", "IKSCLI_LANG", "LC_ALL"],
)
def test_each_way_of_asking_for_bokmal_works_end_to_end(tmp_path, variables):
    _code, out, _err = in_shell(tmp_path, "count", env=variables)
    assert out.splitlines()[0].split() == ["Form", "Antall"]


@pytest.mark.parametrize(
    "variables",
    [
        {"LANGUAGE": "nn:en", "LANG": "en_GB.UTF-8"},
        {"IKSCLI_LANG": "nn", "LANG": "nb_NO.UTF-8"},
        {"LANG": "nn_NO.UTF-8"},
    ],
    ids=["LANGUAGE", "IKSCLI_LANG", "LANG"],
)
def test_each_way_of_asking_for_nynorsk_works_end_to_end(tmp_path, variables):
    _code, out, _err = in_shell(tmp_path, "count", env=variables)
    assert out.splitlines()[0].split() == ["Form", "Tal"]


def test_a_c_locale_overrides_a_norwegian_lang_as_gettext_does(tmp_path):
    _code, out, _err = in_shell(tmp_path, "count", env={"LC_ALL": "C", "LANG": "nb_NO.UTF-8"})
    assert out.splitlines()[0].split() == ["Form", "Count"]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3])[:40])
def test_norwegian_tables_fit_80_columns_and_keep_ids_whole(tmp_path, run, args):
    result = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c", env={**NORWEGIAN, "COLUMNS": "80"})
    lines = result.stdout.decode().splitlines()
    assert max(len(line) for line in lines) <= 80
    words = {w for line in lines for w in line.split()}
    for ident in shown_ids(run, args):
        assert ident in words, ident


@BOTH
def test_validate_speaks_the_language_and_keeps_its_line_format(tmp_path, env):
    bad = tmp_path / "bad.yaml"
    text = DATA.read_text(encoding="utf-8").replace(
        "members_basis: uncertain", "members_basis: unsure", 1
    )
    bad.write_text(text.replace("host:", "hots:", 1), encoding="utf-8")
    code, out, _err = in_shell(tmp_path, "validate", str(bad), env=env)
    assert code == 1
    lines = out.splitlines()
    words = "(feil|advarsel)" if env is NORWEGIAN else "(error|warning)"
    assert all(re.match(rf"^\S+:\d+:\d+: {words}: ", line) for line in lines)
    if env is NORWEGIAN:
        assert "hots: ukjent nøkkel 'hots' (mente du 'host'?)" in lines[0]
        assert (
            "'unsure' er ikke tillatt; ventet 'source', 'evidence', 'remark', 'spacing' eller"
            in out
        )
    else:
        assert "hots: unknown key 'hots' (did you mean 'host'?)" in lines[0]
        assert (
            "'unsure' is not allowed; expected 'source', 'evidence', 'remark', 'spacing' or" in out
        )
    norwegian = json.loads(
        ikscli(
            "validate", str(bad), "-f", "json", cwd=tmp_path, cache=tmp_path / "n", env=NORWEGIAN
        ).stdout
    )
    english = json.loads(
        ikscli(
            "validate", str(bad), "-f", "json", cwd=tmp_path, cache=tmp_path / "e", env=ENGLISH
        ).stdout
    )
    # the keys, places and severities are the contract; the messages are for people
    strip = [{k: v for k, v in p.items() if k != "message"} for p in english["problems"]]
    assert strip == [{k: v for k, v in p.items() if k != "message"} for p in norwegian["problems"]]
    assert {k: v for k, v in english.items() if k != "problems"} == {
        k: v for k, v in norwegian.items() if k != "problems"
    }


@BOTH
def test_help_keeps_brackets_and_breaks_lines_only_where_the_terminal_ends(tmp_path, env):
    """rich read `[tool.ikscli]` as a style and dropped it; the docstring's own line
    breaks cut sentences mid-line at 80 columns (more so once translated)."""
    from cli import ikscli_each

    (wide, _w, _e), (narrow, _n, _m) = [
        (out, code, err)
        for code, out, err in ikscli_each(
            [(["validate", "-h"], 400), (["validate", "-h"], 80)],
            cwd=tmp_path,
            cache=tmp_path / "cache",
            env=env,
        )
    ]
    assert "[tool.ikscli]" in wide and "[tool.ikscli]" in narrow
    paragraph = next(line for line in wide.splitlines() if "[tool.ikscli]" in line)
    assert "--strict" in paragraph and "--format json" in paragraph  # one line when wide
    lines = [line.rstrip() for line in narrow.splitlines() if line.strip()]
    assert max(map(len, lines)) <= 80
