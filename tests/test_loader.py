"""Every way a dataset file can be wrong ends in clear problems with their places."""

from __future__ import annotations

import time

import pytest
from conftest import SOURCE_WARNINGS, UNSETTLED, edit, line_of

from ikscli.reading.loader import load


def problems_of(path):
    loaded = load(path)
    return loaded, [str(p) for p in loaded.problems]


def only_error(path):
    loaded, lines = problems_of(path)
    errs = [p for p in loaded.problems if p.severity == "error"]
    assert loaded.dataset is None and len(errs) == 1, lines
    return errs[0]


def test_bundled_dataset_is_valid_with_only_the_sources_open_questions(dataset_text, write):
    loaded, lines = problems_of(write(dataset_text))
    assert loaded.ok
    assert all(p.severity == "warning" for p in loaded.problems)
    flagged = sorted(line.split(": warning: agreement '")[1].split("'")[0] for line in lines)
    assert flagged == sorted([*UNSETTLED, "oyeblikkelighjelp-senger"])


def test_unknown_key_is_an_error_at_the_key_with_a_suggestion(dataset_text, write):
    text = edit(dataset_text, "    host: Ringsaker", "    hots: Ringsaker")
    error = only_error(write(text))
    assert (error.line, error.column) == (line_of(text, "hots: Ringsaker"), 5)
    assert "unknown key 'hots'" in error.message and "did you mean 'host'" in error.message
    assert "interkommunal-barnevernvakt" in error.message


def test_duplicate_key_is_an_error_naming_both_lines(dataset_text, write):
    text = edit(dataset_text, "    host: Ringsaker\n", "    host: Ringsaker\n    host: Hamar\n")
    error = only_error(write(text))
    assert error.line == line_of(text, "host: Hamar") and error.column == 5
    assert f"first at line {line_of(text, 'host: Ringsaker')}" in error.message


def test_every_problem_is_reported_not_only_the_first(dataset_text, write):
    text = edit(dataset_text, "    host: Ringsaker", "    host: Ringsakker")
    text = edit(text, "    form: Avtale", "    form: Avtal")
    text = edit(text, "  - id: eioff", "  - id: Eioff")
    loaded, lines = problems_of(write(text))
    # three errors, the source's warnings, and the remark that names Ringsaker as host
    assert len(lines) == 3 + SOURCE_WARNINGS + 1
    assert any("the remark names 'Ringsaker' as vertskommune" in line for line in lines)
    assert (
        f":{line_of(text, 'host: Ringsakker')}:11: error: agreement 'interkommunal-barnevernvakt': host "
        "'Ringsakker' is not a declared party (did you mean 'Ringsaker'?)" in "\n".join(lines)
    )
    assert any(
        f":{line_of(text, 'form: Avtal')}:11: error: agreement 'regionrad': form: 'Avtal' "
        "is not allowed" in line
        for line in lines
    )
    assert any(
        f":{line_of(text, 'id: Eioff')}:9: error: id 'Eioff' must be lower-case letters" in line
        for line in lines
    )


@pytest.mark.parametrize(
    "old,new,needle,message",
    [
        ("  - id: eioff", "  - id: geodata-samarbeid", "id: geodata-samarbeid", "is used twice"),
        (
            "    parent: regionalt-helsesamarbeid",
            "    parent: regionalt-helse",
            "parent: regionalt-helse",
            "parent 'regionalt-helse' is not the id of any agreement",
        ),
        (
            "    host: Hamar",
            "    host: Osloo",
            "host: Osloo",
            "host 'Osloo' is not a declared party",
        ),
        (
            "    members: [Gausdal, Lillehammer, Øyer]\n    host: Hamar",
            "    members: [Gausdal, Lillehamer, Øyer]\n    host: Hamar",
            "Lillehamer",
            "member 'Lillehamer' is not a declared party (did you mean 'Lillehammer'?)",
        ),
        (
            "    partners: [Nord-Fron]",
            "    partners: [Nord-Fron, Nord-Fron]",
            "[Nord-Fron, Nord-Fron]",
            "listed twice",
        ),
        (
            "    partners: [Nord-Fron]",
            "    partners: [Øyer]",
            "partners: [Øyer]",
            "both a member and a partner",
        ),
        (
            "    members: [Gausdal, Lillehammer, Øyer]\n    host: Hamar",
            "    members: [Gausdal, Hamar]\n    host: Hamar",
            "members: [Gausdal, Hamar]",
            "not one of the region's municipalities",
        ),
        (
            "    form: § 28-1 b\n    members: [Gausdal, Lillehammer, Øyer]\n    host: Ringsaker\n",
            "    form: §  28-1 b\n    members: [Gausdal, Lillehammer, Øyer]\n",
            "form: §  28-1 b",
            "'§  28-1 b' is not allowed",
        ),
        (
            "    category: Ungdom\n    form: Vedtak\n    members: [Gausdal, Lillehammer",
            "    category: Youth\n    form: Vedtak\n    members: [Gausdal, Lillehammer",
            "category: Youth",
            "category 'Youth' is not among the declared categories",
        ),
        ("    status: planned", "    status: planed", "status: planed", "'planed' is not allowed"),
        (
            '    number_2019: "0521"',
            "    number_2019: 0521",
            "number_2019: 0521",
            "expected text, found a number (put it in quotes",
        ),
        (
            '    number_2019: "0521"',
            '    number_2019: "521"',
            'number_2019: "521"',
            "must be 4 digits",
        ),
        (
            '    region: true\n    number_2019: "0501"',
            '    region: yes please\n    number_2019: "0501"',
            "region: yes please",
            "expected true or false",
        ),
        (
            "    form_inferred: true\n    members: [Gausdal, Lillehammer, Øyer]\n    others: flere kommuner\n"
            "    note: Med flere kommuner\n\n  - id: kontroll",
            "    members: [Gausdal, Lillehammer, Øyer]\n    others: flere kommuner\n"
            "    note: Med flere kommuner\n\n  - id: kontroll",
            "id: innlandet-revisjon-iks",
            None,
        ),
        (
            "    members_basis: uncertain\n    members_evidence: >-\n      bare plasseringen: "
            "etter uttrekket (fire tomme celler, så x) Øyer; ingenting annet\n      avgjør det\n",
            "    members_evidence: bare plasseringen (fire tomme celler, så x)\n",
            "members_evidence: bare plasseringen (fire",
            "members_evidence needs a members_basis other than source",
        ),
        ('  as_of: "2019-01-01"', "  as_of: sometime", "as_of: sometime", "expected a date"),
        ("  - name: Hamar\n", "  - name: Gausdal\n", "- name: Gausdal", "declared twice"),
    ],
)
def test_rule_violations_point_at_the_offending_value(
    dataset_text, write, old, new, needle, message
):
    text = edit(dataset_text, old, new)
    loaded, lines = problems_of(write(text))
    if message is None:  # the edit is harmless: still valid
        assert loaded.ok, lines
        return
    errors = [p for p in loaded.problems if p.severity == "error"]
    assert loaded.dataset is None and len(errors) >= 1, lines
    hit = [p for p in errors if message in p.message]
    assert hit, lines
    second = needle in ("- name: Gausdal", "id: geodata-samarbeid")  # the later of two
    assert hit[0].line == line_of(text, needle, 2 if second else 1), lines


def test_a_parent_cycle_is_an_error(dataset_text, write):
    text = edit(
        dataset_text,
        "    form: Vedtak\n    members: [Gausdal, Lillehammer, Øyer]\n    partners: [Ringebu]",
        "    form: Vedtak\n    members: [Gausdal, Lillehammer, Øyer]\n"
        "    parent: frisklivsentral\n    partners: [Ringebu]",
    )
    loaded, lines = problems_of(write(text))
    assert any("must not form a cycle" in line for line in lines), lines


def test_missing_required_key_points_at_the_record(dataset_text, write):
    text = edit(dataset_text, "    name: Regionråd\n", "")
    error = only_error(write(text))
    assert "missing required key 'name'" in error.message
    assert error.line == line_of(text, "id: regionrad")


def test_a_scalar_where_a_mapping_belongs(write):
    error = only_error(write("just some text\n"))
    assert (error.line, error.column) == (1, 1)
    assert "must be a mapping" in error.message


def test_a_form_28_1_b_agreement_without_host_is_an_error_at_its_form(dataset_text, write):
    text = edit(dataset_text, "    host: Ringsaker\n", "")
    error = only_error(write(text))
    assert (
        "a § 28-1 b agreement (administrativt vertskommunesamarbeid) must name its host"
        in error.message
    )
    assert error.line == line_of(text, "id: interkommunal-barnevernvakt") + 3


def test_a_list_where_an_agreement_mapping_belongs(dataset_text, write):
    text = edit(dataset_text, "agreements:\n", "agreements:\n  - [a, list]\n")
    loaded, lines = problems_of(write(text))
    assert any(
        f":{line_of(text, '- [a, list]')}:5: error: agreement #1: expected a mapping "
        "of keys, found a list" in line
        for line in lines
    ), lines


@pytest.mark.parametrize(
    "content,line,column,message",
    [
        (b"", 1, 1, "the file is empty"),
        (b"# only a comment\n", 1, 1, "the file is empty"),
        (b"meta:\n  title: \xe6\xf8\xe5\n", 2, 10, "not valid UTF-8 (byte 0xE6)"),
        (
            b"meta: {a: 1}\nx: !!python/object/apply:os.system ['echo hi']\n",
            2,
            4,
            "unsupported tag !!python/object/apply:os.system",
        ),
        (b"a: [1, 2\nb: 3\n", 2, 2, "YAML syntax"),
        (b"a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
        (b"a: *nowhere\n", 1, 4, "unknown alias *nowhere"),
        (b"a: 1\nb: \x01\n", 2, 4, "control characters are not allowed"),
    ],
)
def test_unreadable_files_get_one_clear_error(write, content, line, column, message):
    error = only_error(write(content))
    assert (error.line, error.column) == (line, column), str(error)
    assert message in error.message


def test_alias_bomb_is_refused_quickly(write):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    error = only_error(write("\n".join(lines) + "\n"))
    assert time.perf_counter() - started < 2
    assert "aliases expand to more values" in error.message


def test_absurd_nesting_is_refused_quickly(write):
    started = time.perf_counter()
    error = only_error(write("a: " + "[" * 100_000 + "]" * 100_000 + "\n"))
    assert time.perf_counter() - started < 2
    assert "nesting" in error.message


def test_bom_and_crlf_are_fine(dataset_text, write):
    loaded = load(write(("\ufeff" + dataset_text.replace("\n", "\r\n")).encode("utf-8")))
    assert loaded.ok and len(loaded.dataset.agreements) == 58


def test_nfd_text_is_read_as_nfc(dataset_text, write):
    import unicodedata

    loaded = load(write(unicodedata.normalize("NFD", dataset_text)))
    assert loaded.ok
    assert "Øyer" in loaded.dataset.agreements[0].members


def test_positions_count_characters_not_bytes(write):
    loaded, lines = problems_of(write("meta: {title: æøå, hots: x}\n"))
    assert any(
        line.endswith(
            ":1:20: error: meta.hots: unknown key 'hots'; known keys: title, as_of, source, region, language, licence"
        )
        for line in lines
    ), lines


# --- placing findings without reading the whole file twice ------------------------------


def _every_problem(text: str, monkeypatch, whole: bool) -> list:
    from ikscli.reading import yamlread
    from ikscli.reading.loader import parse

    if whole:  # the reference: a full read with positions

        def refuse(self):
            raise yamlread.Unplaced("forced")

        monkeypatch.setattr(yamlread.Outline, "locator", refuse)
    try:
        return parse(text.encode(), "d.yaml").problems
    finally:
        monkeypatch.undo()


MUTATIONS = [
    ("    host: Ringsaker", "    host: Ringsakker"),
    ("    form: Avtale", "    form: Avtal"),
    ("  - id: eioff", "  - id: Eioff"),
    ("    members: [Gausdal, Lillehammer]", "    members: [Gausdal, Lillehamar, Øyer]"),
    ("    parent: regionalt-helsesamarbeid", "    parent: regionalt-helse"),
    ("    status: terminated", "    status: ended"),
    ("    category: NAV", "    category: Nav-kontor"),
    ("    members_basis: evidence", "    members_basis: evidense"),
    ("    note: Lillehammer vertskommune", "    noet: Lillehammer vertskommune"),
    ("    form_inferred: true", "    form_inferred: yes please"),
    ("  - name: Ringebu", "  - name: Ringebu\n    flag: 1"),
    ('  as_of: "2019-01-01"', "  as_of: 2019-13-01"),
    ("  - NAV\n", "  - NAV\n  - NAV\n"),
]


@pytest.mark.parametrize("old, new", MUTATIONS, ids=[m[1].strip()[:24] for m in MUTATIONS])
def test_findings_are_placed_as_a_full_read_places_them(dataset_text, monkeypatch, old, new):
    text = edit(dataset_text, old, new)
    fast = _every_problem(text, monkeypatch, whole=False)
    full = _every_problem(text, monkeypatch, whole=True)
    assert fast == full and fast


def test_the_sources_warnings_cost_no_second_read_of_the_file(dataset_text, monkeypatch):
    from ikscli.reading import yamlread
    from ikscli.reading.loader import parse

    sizes = []
    real = yamlread.read

    def counting(text, file, track=False):
        sizes.append((len(text), track))
        return real(text, file, track)

    monkeypatch.setattr(yamlread, "read", counting)
    loaded = parse(dataset_text.encode(), "d.yaml")
    assert len(loaded.problems) == SOURCE_WARNINGS
    whole = [s for s in sizes if s[0] >= len(dataset_text) - 1]
    assert whole == [(len(dataset_text), False)]  # one read of the file, untracked
    assert len(sizes) == 1 + SOURCE_WARNINGS  # and one small read per record with a warning


@pytest.mark.parametrize(
    "text, line, column, hint",
    [
        ("agreements:\n  - id: x\n    note: Tid: kl 10\n", 3, 14, "put the whole value in quotes"),
        ('agreements:\n  - id: x\n    note "a"\n  - id: y\n', 4, 3, "key with its colon"),
        ('agreements:\n  - id: x\n    note: "abc\n', 4, 1, "never closed"),
        ("agreements:\n  - id: x\n    members: [a, b\n", 4, 1, "not closed with ]"),
        ("agreements:\n\t- id: x\n", 2, 1, "indent with spaces"),
        ("agreements:\n  - id: x\n   name: y\n", 3, 4, "without its '- '"),
    ],
)
def test_yaml_syntax_errors_say_what_to_mend_not_what_libyaml_saw(write, text, line, column, hint):
    """A colon in a remark, a lost quote, a tab: the place, and how to mend it, in words
    a register keeper reads (libyaml's 'mapping values are not allowed in this
    context' says neither)."""
    loaded = load(write(text), use_cache=False)
    (problem,) = [p for p in loaded.problems if p.severity == "error"]
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith("YAML syntax: ") and hint in problem.message
    for english in ("mapping values", "while scanning", "while parsing", "could not find"):
        assert english not in problem.message
