"""Keeping the register: fmt, set, add, end and remove on copies of the real file,
run as the register's keeper runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from cli import DATA, ROOT, environment, ikscli


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "samarbeid.yaml"
    path.write_bytes(DATA.read_bytes())
    return path


def run(path, *args, stdin: bytes | None = None):
    if stdin is not None:
        done = subprocess.run(
            [sys.executable, "-m", "ikscli", *args],
            input=stdin,
            capture_output=True,
            cwd=path.parent,
            env=environment(path.parent / "cache"),
        )
    else:
        done = ikscli(*args, cwd=path.parent, cache=path.parent / "cache")
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def records(path) -> dict[str, dict]:
    _code, out, _err = run(path, "list", "-f", "json", "--data", str(path))
    return {r["id"]: r for r in json.loads(out)}


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


# --- fmt -----------------------------------------------------------------------------


def test_the_shipped_files_are_canonical():
    done = ikscli("fmt", "--check", cwd=ROOT, cache=ROOT / ".pytest_cache" / "fmt")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().endswith("0 of 2 files would be reformatted\n")


MESSY = """\
# header comment: kept
agreements:
  # about alpha
  - name: Alpha
    id: alpha
    members:
      - Gausdal
      - Øyer
    note: 'plain text'
    others: "yes"
  - id: beta
    name: Beta   # an inline comment
    partners: [Hamar]


  - id: gamma
    name: Gamma
    note: "2019-01-01"
categories: [Helse]
meta:
  source: S
  as_of: 2019-01-01
  title: T
parties:
  - kind: kommune
    name: Gausdal
    region: true
    number_2019: '0522'
    number_2020: "3441"
  - {name: Øyer, kind: kommune, region: true, number_2019: "0521", number_2020: "3440"}
  - {name: Hamar, kind: kommune, number_2019: "0403", number_2020: "3403"}
"""


def test_fmt_writes_the_canonical_form_and_keeps_meaning_and_comments(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MESSY, encoding="utf-8")
    code, _out, err = run(path, "fmt", "--check", str(path))
    assert code == 1 and "would reformat m.yaml" in err
    assert path.read_text(encoding="utf-8") == MESSY  # --check writes nothing
    code, _out, err = run(path, "fmt", str(path))
    assert code == 0 and "reformatted m.yaml" in err
    text = path.read_text(encoding="utf-8")
    assert comments(text) == comments(MESSY)
    assert list(re.findall(r"^(\w+):", text, re.M)) == [
        "meta",
        "parties",
        "categories",
        "agreements",
    ]
    assert "  - id: alpha\n    name: Alpha\n    members: [Gausdal, Øyer]\n" in text
    assert 'others: "yes"' in text and "note: plain text" in text  # quotes only where needed
    assert 'note: "2019-01-01"' in text and 'number_2019: "0522"' in text
    assert "\n\n\n" not in text and "    partners: [Hamar]\n\n  - id: gamma" in text
    original = tmp_path / "original.yaml"
    original.write_text(MESSY, encoding="utf-8")
    code, out, _err = run(path, "diff", str(original), str(path), "-f", "json")
    assert (code, json.loads(out)) == (0, [])  # the same data
    assert run(path, "fmt", "--check", str(path))[0] == 0  # canonical is a fixed point


def test_fmt_keeps_crlf_and_bom(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode("utf-8"))
    assert run(path, "fmt", str(path))[0] == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")


def test_fmt_refuses_an_invalid_file_and_leaves_it(tmp_path):
    path = tmp_path / "bad.yaml"
    bad = MESSY.replace("name: Gamma", "name: Gamma\n    hots: Gausdal")
    path.write_text(bad, encoding="utf-8")
    code, _out, err = run(path, "fmt", str(path))
    assert code == 1 and "unknown key 'hots'" in err and "not formatted" in err
    assert path.read_text(encoding="utf-8") == bad


# --- set, add, end, remove ----------------------------------------------------------------


def changed_lines(before: str, after: str) -> list[str]:
    import difflib

    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def test_set_changes_only_its_record_and_reads_names_as_people_write_them(copy):
    before = copy.read_text(encoding="utf-8")
    code, _out, err = run(
        copy,
        "set",
        "Felles NAV",
        "host=Gausdal kommune",
        "members=521, Lillehammer",
        "note=Gausdal vertskommune",
        "--data",
        str(copy),
    )
    assert code == 0 and err == "samarbeid.yaml: changed felles-nav-kontor\n"
    after = copy.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-    members: [Gausdal, Lillehammer]",
        "+    members: [Øyer, Lillehammer]",
        "-    host: Lillehammer",
        "-    note: Lillehammer vertskommune",
        "+    host: Gausdal",
        "+    note: Gausdal vertskommune",
    ]
    assert comments(after) == comments(before)
    nav = records(copy)["felles-nav-kontor"]
    assert (nav["host"], nav["members"]) == ("Gausdal", ["Øyer", "Lillehammer"])


def test_set_with_an_empty_value_removes_the_field(copy):
    assert run(copy, "set", "felles-nav-kontor", "note=", "--data", str(copy))[0] == 0
    assert records(copy)["felles-nav-kontor"]["note"] is None


def test_an_edit_that_would_break_the_file_leaves_it_byte_for_byte(copy):
    raw = copy.read_bytes()
    for args in (
        ["set", "felles-nav-kontor", "members_basis=source"],  # its evidence needs a basis
        ["set", "legevaktsamarbeid", "form=§ 28-1 b", "host="],  # § 28-1 b needs a host
        ["remove", "regionalt-helsesamarbeid"],  # six sub-agreements name it as parent
        ["add", "Ny_ID", "name=Ny"],  # not a slug
    ):
        code, out, err = run(copy, *args, "--data", str(copy))
        assert code == 1, (args, err)
        lines = err.splitlines()
        assert lines[-1] == "samarbeid.yaml is left as it was: the change would make it invalid"
        assert all(re.match(r"^samarbeid\.yaml:\d+:\d+: error: ", line) for line in lines[:-1])
        assert out == "" and copy.read_bytes() == raw, args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["set", "felles-nav", "hots=Gausdal"],
            "Error: unknown field 'hots' (did you mean 'host'",
        ),
        (["set", "nav", "host=Gausdal"], "Error: unknown agreement 'nav' (did you mean"),
        (
            ["set", "felles-nav-kontor", "host=Gausdl"],
            "Error: host: unknown municipality or party 'Gausdl'",
        ),
        (["set", "felles-nav-kontor", "name="], "Error: name cannot be empty"),
        (
            ["set", "felles-nav-kontor", "form_inferred=kanskje"],
            "Error: form_inferred: 'kanskje' is not yes or no",
        ),
        (["add", "regionrad", "name=X"], "Error: agreement 'regionrad' exists already"),
        (["add", "ny", "members=Øyer"], "Error: a new agreement needs a name"),
        (["set", "felles-nav-kontor", "host"], "Error: cannot read 'host': write FIELD=VALUE"),
    ],
)
def test_wrong_usage_is_one_line_and_exit_2(copy, args, message):
    raw = copy.read_bytes()
    code, _out, err = run(copy, *args, "--data", str(copy))
    assert code == 2 and err.startswith(message) and len(err.splitlines()) == 1, err
    assert copy.read_bytes() == raw


def test_dry_run_prints_a_diff_and_writes_nothing(copy):
    raw = copy.read_bytes()
    code, out, _err = run(copy, "end", "giax", "--dry-run", "--data", str(copy))
    assert code == 0 and copy.read_bytes() == raw
    assert out.startswith("--- a/samarbeid.yaml\n+++ b/samarbeid.yaml\n")
    assert [
        line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")
    ] == ["+    status: terminated"]


def test_add_places_the_agreement_in_its_category(copy):
    before = copy.read_text(encoding="utf-8")
    code, _out, err = run(
        copy,
        "add",
        "felles-psykolog",
        "name=Felles psykolog",
        "category=helse",
        "form=iks",
        "members=Gausdal, Øyer kommune",
        "--data",
        str(copy),
    )
    assert code == 0, err
    after = copy.read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    ids = list(records(copy))
    helse = [i for i, r in records(copy).items() if r["category"] == "Helse og omsorg"]
    assert ids.index("felles-psykolog") == ids.index(helse[-2]) + 1
    assert (
        "\n\n  - id: felles-psykolog\n    name: Felles psykolog\n    category: Helse og omsorg\n"
        in after
    )
    assert records(copy)["felles-psykolog"]["members"] == ["Gausdal", "Øyer"]
    assert run(copy, "validate", str(copy))[0] == 0


def test_end_and_remove(copy):
    assert run(copy, "end", "Digitaliseringsstyret", "--data", str(copy))[0] == 0
    assert records(copy)["digitaliseringsstyret"]["status"] == "terminated"
    before = copy.read_text(encoding="utf-8")
    comment = "# The form cell is empty and the name does not state a form."
    code, _out, err = run(copy, "remove", "eioff", "--data", str(copy))
    assert code == 0 and err == "samarbeid.yaml: removed eioff\n"
    after = copy.read_text(encoding="utf-8")
    assert "eioff" not in records(copy) and len(records(copy)) == 57
    assert after.count(comment) == before.count(comment) - 1  # its own comment went with it
    assert "\n\n\n" not in after and "# --- Næringsutvikling ---" in after


def test_changes_need_a_file_not_standard_input(copy):
    code, _out, err = run(copy, "end", "giax", "--data", "-", stdin=copy.read_bytes())
    assert code == 2 and "standard input" in err


def test_queries_read_standard_input(copy):
    code, out, _err = run(copy, "count", "-f", "json", "--data", "-", stdin=copy.read_bytes())
    assert code == 0 and sum(r["count"] for r in json.loads(out)) == 58
    code, out, err = run(copy, "validate", "--data", "-", stdin=b"meta: 1\n")
    assert code == 1 and out.startswith("<stdin>:1:1: error: ")
    code, _out, err = run(copy, "list", "--data", "-", stdin=b"")
    assert code == 1 and "<stdin>:1:1: error: the file is empty" in err
