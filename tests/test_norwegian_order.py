"""Norwegian alphabetical order: a-z, then æ, ø, å; case-blind; whatever the locale."""

from __future__ import annotations

import csv
import io

import pytest
from cli import ikscli

from ikscli.text.names import sort_key


def test_the_letters_after_z():
    words = [
        "Østnorsk",
        "OPUS",
        "Rådmannsutvalg",
        "Regional",
        "Ærlig",
        "Zebra",
        "Åsnes",
        "øyer",
        "Abc",
        "élan",
        "Über",
    ]
    assert sorted(words, key=sort_key) == [
        "Abc",
        "élan",
        "OPUS",
        "Regional",
        "Rådmannsutvalg",
        "Über",
        "Zebra",
        "Ærlig",
        "Østnorsk",
        "øyer",
        "Åsnes",
    ]


@pytest.mark.parametrize("locale", ["C", "C.UTF-8", "en_US.UTF-8", "nb_NO.UTF-8"])
def test_list_sorts_names_the_norwegian_way_in_any_locale(tmp_path, locale):
    result = ikscli(
        "list",
        "--sort",
        "name",
        "--format",
        "csv",
        cwd=tmp_path,
        cache=tmp_path / "c",
        env={"LC_ALL": locale, "LANG": locale},
    )
    names = [row["name"] for row in csv.DictReader(io.StringIO(result.stdout.decode()))]
    assert names == sorted(names, key=sort_key)
    assert (
        names.index("OPUS karrieresenter")
        < names.index("Regionråd")
        < names.index("Rådmannsutvalg")
        < names.index("Østnorsk Filmsenter AS")
    )
    assert names[-1].startswith("Øy")  # Øyeblikkelighjelp-senger, last


def test_hosts_and_counts_follow_norwegian_order(run):
    out = run("count", "--by", "kommune", "--format", "csv").stdout
    kommuner = [row["members"] for row in csv.DictReader(io.StringIO(out))]
    tied = [k for k in kommuner if k in ("Gausdal", "Lillehammer", "Øyer")]
    assert tied  # counts decide first; equal counts sort Norwegian-alphabetically
    served = run("hosts", "--format", "json").stdout
    assert '"Gausdal", "Lillehammer", "Øyer"' in served
