"""Names, numbers, statuses and ids as people type them."""

from __future__ import annotations

import json

import pytest


def ids(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [a["id"] for a in json.loads(result.stdout)]


@pytest.mark.parametrize(
    "name", ["Øyer", "Øyer kommune", "øyer KOMMUNE", "521", "0521", "3440", "Oeyer", "oyer"]
)
def test_a_municipality_as_people_write_it(run, name):
    assert ids(run("list", "--kommune", name, "-f", "json")) == ids(
        run("list", "--kommune", "Øyer", "-f", "json")
    )


@pytest.mark.parametrize(
    "name", ["Oppland fylke", "Oppland fylkeskommune", "Oppland", "OFK", "5", "05"]
)
def test_the_county_as_people_write_it(run, name):
    expected = ids(run("filter", "partner=Oppland fylkeskommune", "-f", "json"))
    assert expected and ids(run("filter", f"partner={name}", "-f", "json")) == expected


@pytest.mark.parametrize(
    "words, status",
    [
        ("sagt opp", "terminated"),
        ("Sagt opp", "terminated"),
        ("avsluttet", "terminated"),
        ("aktiv", "active"),
        ("planlagt", "planned"),
        ("under utredning", "planned"),
    ],
)
def test_status_words_in_either_language(run, words, status):
    assert ids(run("list", "--status", words, "-f", "json")) == ids(
        run("list", "--status", status, "-f", "json")
    )


def test_an_unknown_status_names_both_languages(run):
    result = run("list", "--status", "ferdig")
    assert result.exit_code == 2
    assert "terminated (sagt opp)" in result.stderr


@pytest.mark.parametrize(
    "typed",
    ["borgerlig-vigsel", "Borgerlig vigsel", "borgerlig vigsel", "Borgerlig", "BORGERLIG-VIGSEL"],
)
def test_show_by_id_name_or_unique_prefix(run, typed):
    result = run("show", typed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "borgerlig-vigsel"


@pytest.mark.parametrize(
    "typed, hint",
    [
        ("nav", "did you mean 'felles-nav-kontor'?"),
        ("borgelig-vigsel", "did you mean 'borgerlig-vigsel'"),
        ("felles", "agreements match it: see `ikscli list --search felles`"),
    ],
)
def test_an_id_nearly_right_gets_a_hint(run, typed, hint):
    result = run("show", typed)
    assert result.exit_code == 2
    assert hint in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("documented, alias", [("members", "kommune"), ("partners", "partner")])
def test_one_vocabulary_with_both_spellings(run, documented, alias):
    value = "Øyer" if documented == "members" else "Ringebu"
    assert ids(run("filter", f"{documented}={value}", "-f", "json")) == ids(
        run("filter", f"{alias}={value}", "-f", "json")
    )
    by_documented = json.loads(run("count", "--by", documented, "-f", "json").stdout)
    by_alias = json.loads(run("count", "--by", alias, "-f", "json").stdout)
    assert by_documented == by_alias and documented in by_documented[0]  # JSON's own name
    listed = json.loads(run("list", "-f", "json", "-n", "1").stdout)[0]
    assert documented in listed  # the same name as the list's JSON


def test_sort_and_count_accept_the_same_fields(run):
    assert run("count", "--by", "members").exit_code == 0
    assert run("list", "--sort", "members").exit_code == 0
    assert run("list", "--sort", "kommune").exit_code == 0


@pytest.mark.parametrize(
    "norwegian, field",
    [
        ("navn", "name"),
        ("merknad", "note"),
        ("kategori", "category"),
        ("medlemmer", "members"),
        ("vertskommune", "host"),
        ("deltakere", "partners"),
        ("partnere", "partners"),
        ("organisasjonsform", "form"),
    ],
)
def test_fields_are_understood_in_norwegian(run, norwegian, field):
    """filter, --columns and --sort take the field names a Norwegian keeper types."""
    import json

    from ikscli.query.select import SORT_FIELDS

    sort, typed_sort = (field, norwegian) if field in SORT_FIELDS else ("id", "id")
    english = run("list", "-f", "json", "-c", f"id,{field}", "--sort", f"{sort},id").stdout
    typed = run("list", "-f", "json", "-c", f"id,{norwegian}", "--sort", f"{typed_sort},id")
    assert typed.exit_code == 0, typed.stderr
    assert typed.stdout == english and json.loads(english)
    value = {
        "name": "UFO",
        "note": "Med Ringebu",
        "category": "Ungdom",
        "members": "Øyer",
        "host": "Øyer",
        "partners": "Ringebu",
        "form": "IKS",
    }[field]
    wanted = run("filter", f"{field}~{value}", "-f", "json").stdout
    assert run("filter", f"{norwegian}~{value}", "-f", "json").stdout == wanted != "[]\n"


def test_set_takes_norwegian_field_names(run, write, dataset_text):
    path = write(dataset_text)
    result = run("set", "ufo", "merknad=Fra kommunen", "--dry-run", "--data", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "changed ufo\n  note: — → Fra kommunen\n"


@pytest.mark.parametrize(
    "said, form",
    [
        ("vertskommune", "§ 28-1 b"),
        ("§27", "§ 27"),
        ("KO", "Kommunalt oppgavefellesskap"),
        ("IPR", "Interkommunalt politisk råd"),
        ("aksjeselskap", "AS"),
        ("iks", "IKS"),
    ],
)
def test_forms_as_people_say_them(run, said, form):
    assert (
        run("list", "--form", said, "-f", "json").stdout
        == run("list", "--form", form, "-f", "json").stdout
    )


def test_no_form_is_ingen_in_norwegian(run):
    import json

    none = json.loads(run("list", "--form", "none", "-f", "json").stdout)
    assert none and all(a["form"] is None for a in none)
    assert (
        run("list", "--form", "ingen", "-f", "json").stdout
        == run("list", "--form", "none", "-f", "json").stdout
    )


def test_an_ambiguous_id_is_not_an_unknown_one(run, write, dataset_text):
    """`remove ei` names how many agreements it could mean, and some of them."""
    path = write(dataset_text)
    result = run("remove", "ei", "--data", str(path))
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == dataset_text
    assert result.stderr.startswith("Error: 'ei' is not the whole id or name of an agreement")
    assert "2 agreements begin with it or hold it: eioff, eidsiva-energi" in result.stderr


@pytest.mark.parametrize("typed", ["Gausdal; Lillehammer og Øyer", "Gausdal and Øyer"])
def test_names_joined_otherwise_than_by_commas_say_how_to_separate_them(
    run, write, dataset_text, typed
):
    path = write(dataset_text)
    result = run("set", "ufo", f"members={typed}", "--data", str(path))
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == dataset_text
    assert "is several names: separate them with commas (" in result.stderr
