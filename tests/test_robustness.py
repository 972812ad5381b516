"""Any file a person or a program can write: a valid dataset or clean errors, never a
traceback or a hang. And the cache never gives a wrong answer, nor does any command write
to the file it reads."""

from __future__ import annotations

import os
import random

import pytest
from conftest import DATA
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ikscli.reading import cache
from ikscli.reading.loader import Loaded, load, parse

SETTINGS = settings(
    max_examples=150, deadline=2000, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
TEXT = DATA.read_text(encoding="utf-8")


def assert_clean(loaded: Loaded) -> None:
    """Either a dataset, or problems that each have a place and a message."""
    if loaded.ok:
        assert loaded.dataset is not None
    else:
        assert loaded.problems
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and "\n" not in problem.message
        assert problem.severity in ("error", "warning")


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw):
    assert_clean(parse(raw, "fuzz.yaml"))


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["meta", "parties", "categories", "agreements", "x"]),
        yaml_values,
        max_size=5,
    )
)
# Found by this test: a key that is a line break split a problem over two lines.
@example({"meta": {"\n": None}})
@example({"agreements": [{"id": "a\nb", "\r": 0}]})
@example({"parties": [{"name": "\u202e", "x\x1b[2J": 1}]})
def test_arbitrary_yaml_documents(document):
    import yaml

    assert_clean(parse(yaml.safe_dump(document, allow_unicode=True).encode(), "doc.yaml"))


LINES = TEXT.splitlines(keepends=True)
SNIPPETS = [
    "hots: x",
    "host: Nowhere",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "'",
    '"',
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "members: [Øyer, Øyer]",
    "status: ended",
    "\t",
    "parent: regionrad",
    "form: § 28-1 b",
    "id: regionrad",
    "0501",
    "\ufeff",
    "---",
]


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(LINES) - 1),
            st.sampled_from(["drop", "dup", "insert", "cut"]),
            st.sampled_from(SNIPPETS),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mutations_of_the_real_dataset(edits):
    lines = list(LINES)
    for index, action, snippet in edits:
        index %= len(lines)
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, "    " + snippet + "\n")
        else:
            lines[index] = lines[index][: len(lines[index]) // 2] + snippet + "\n"
    assert_clean(parse("".join(lines).encode(), "mutated.yaml"))


def test_truncations_of_the_real_dataset():
    raw = TEXT.encode()
    for cut in random.Random(7).sample(range(len(raw)), 60):
        assert_clean(parse(raw[:cut], "truncated.yaml"))


# --- the cache ----------------------------------------------------------------------------


def entries():
    return sorted(cache.directory().glob("*.bin"))


def test_cache_round_trip_is_exact(write):
    path = write(TEXT)
    first = load(path)
    assert len(entries()) == 1
    again = load(path)
    assert again.dataset == first.dataset and again.problems == first.problems
    assert again.dataset == load(path, use_cache=False).dataset


def test_no_cache_neither_reads_nor_writes(write):
    load(write(TEXT), use_cache=False)
    assert entries() == []


def test_changed_content_is_never_served_stale(write):
    path = write(TEXT)
    load(path)
    path.write_text(TEXT.replace("    host: Ringsaker", "    host: Hamar"), encoding="utf-8")
    changed = load(path)
    barnevernvakt = [a for a in changed.dataset.agreements if a.id == "interkommunal-barnevernvakt"]
    assert barnevernvakt[0].host == "Hamar"


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other-entry"])
def test_corrupt_cache_entries_are_ignored(write, damage):
    path = write(TEXT)
    good = load(path)
    entry = entries()[0]
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # an entry for other content, renamed over this one
        other = write(TEXT.replace("Årlig formannskapskonferanse", "Annen tekst"))
        load(other)
        newest = max(entries(), key=lambda p: p.stat().st_mtime_ns)
        os.replace(newest, entry)
    again = load(path)
    assert again.dataset == good.dataset and again.problems == good.problems


def test_read_only_cache_directory_still_works(write, tmp_path, monkeypatch):
    if os.geteuid() == 0:
        # root ignores permissions; point the cache at a path that cannot be a directory
        blocker = tmp_path / "blocked"
        blocker.write_text("a file, not a directory")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    else:
        readonly = tmp_path / "ro"
        readonly.mkdir(mode=0o500)
        monkeypatch.setenv("XDG_CACHE_HOME", str(readonly))
    from ikscli.notices import IkscliNotice

    with pytest.warns(IkscliNotice, match="running without a cache"):
        loaded = load(write(TEXT))
    assert loaded.ok and len(loaded.dataset.agreements) == 58


def test_no_temporary_files_are_left_behind(write):
    for i in range(3):
        load(write(TEXT + f"# {i}\n"))
    assert not [p for p in cache.directory().iterdir() if p.name.startswith(".")]
    assert len(entries()) == 3


def test_concurrent_writers_never_yield_a_wrong_answer(write):
    import subprocess
    import sys

    path = write(TEXT)
    script = (
        "import sys; from pathlib import Path; from ikscli.reading.loader import load; "
        "l = load(Path(sys.argv[1])); print(len(l.dataset.agreements))"
    )
    env = {**os.environ}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=DATA.parent.parent,
        )
        for _ in range(6)
    ]
    assert [p.communicate(timeout=60)[0].strip() for p in procs] == ["58"] * 6
    assert load(path).ok


def test_commands_never_write_to_the_data_file(run, write):
    path = write(TEXT)
    os.chmod(path, 0o444)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    for args in (
        ["list"],
        ["filter", "kommune=Øyer"],
        ["count", "--by", "form"],
        ["hosts"],
        ["show", "regionrad"],
        ["matrix"],
        ["law"],
        ["report"],
        ["validate"],
    ):
        result = run(*args, "--data", str(path))
        assert result.exit_code == 0, (args, result.stderr)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_without_libyaml_it_still_works_and_says_so_once(write, monkeypatch, run):
    """The core does not write to stderr: the API gets one warning, the CLI one line."""
    import warnings

    from ikscli import notices
    from ikscli.reading import yamlread

    monkeypatch.setattr(yamlread, "LIBYAML", False)
    monkeypatch.setattr(notices, "_given", set())
    monkeypatch.setattr(notices, "_listener", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = load(write(TEXT), use_cache=False)
        second = load(write(TEXT), use_cache=False)
    assert first.ok and first.dataset == second.dataset
    said = [w for w in caught if issubclass(w.category, notices.IkscliNotice)]
    assert len(said) == 1 and "libyaml is not available" in str(said[0].message)
    monkeypatch.setattr(notices, "_given", set())
    result = run("count", "--data", str(write(TEXT)), "--no-cache")
    assert result.exit_code == 0 and result.stderr.count("libyaml is not available") == 1


def test_large_table_is_capped_and_says_how_to_get_everything(run, write):
    from generate import render

    path = write(render(1000))
    result = run("list", "--data", str(path))
    assert result.exit_code == 0
    assert "Showing the first 60 of 1,000 rows" in result.stderr and "--format csv" in result.stderr
    assert result.stdout.count("avtale-") == 60
    limited = run("list", "--data", str(path), "--limit", "300")
    assert limited.stdout.count("avtale-") == 300 and "Showing" not in limited.stderr
    assert (
        len(__import__("json").loads(run("list", "--data", str(path), "-f", "json").stdout)) == 1000
    )


def test_a_flipped_byte_in_a_cache_entry_is_never_believed(write):
    path = write(TEXT)
    good = load(path)
    entry = entries()[0]
    data = bytearray(entry.read_bytes())
    for position in random.Random(3).sample(range(100, len(data)), 25):
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        entry.write_bytes(bytes(damaged))
        again = load(path)
        assert again.dataset == good.dataset and again.problems == good.problems


def test_a_national_matrix_keeps_to_80_columns_and_says_what_it_left_out(run, write):
    import csv
    import io

    from generate import render

    path = write(render(300))
    table = run("matrix", "--data", str(path))
    assert table.exit_code == 0
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert "Showing 8 of " in table.stderr and "--format csv" in table.stderr
    rows = list(csv.reader(io.StringIO(run("matrix", "--data", str(path), "-f", "csv").stdout)))
    assert len(rows[0]) > 4 + 8 and len(rows) == 301


def test_json_from_stored_lines_equals_json_encoded_afresh(run, write):
    import json

    from generate import render

    path = write(render(500))
    for args in (["list"], ["list", "--kommune", "Øyer", "--sort", "name"], ["filter", "host="]):
        fresh = run(*args, "--data", str(path), "--format", "json", "--no-cache").stdout
        first = run(*args, "--data", str(path), "--format", "json").stdout  # stores the lines
        assert list(cache.directory().glob("*.json.bin"))
        stored = run(*args, "--data", str(path), "--format", "json").stdout  # uses them
        assert fresh == first == stored and json.loads(stored)


def test_damaged_json_lines_are_never_used(run, write):
    path = write(TEXT)
    good = run("list", "--data", str(path), "--format", "json").stdout
    for entry in cache.directory().glob("*.json.bin"):
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0x20
        entry.write_bytes(bytes(data))
    assert run("list", "--data", str(path), "--format", "json").stdout == good
