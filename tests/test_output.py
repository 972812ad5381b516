"""Output in the user's environment: any code page, a console, a full disk, a closed pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli import DATA, EXAMPLE, ROOT, environment, ikscli

# Every command that writes data, with arguments that make it write something.
COMMANDS = [
    ["list"],
    ["list", "--excel"],
    ["list", "-f", "json"],
    ["list", "-f", "markdown"],
    ["filter", "kommune=Øyer"],
    ["count", "--by", "kommune"],
    ["hosts"],
    ["show", "regionalt-helsesamarbeid"],
    ["matrix"],
    ["law"],
    ["report"],
    ["report", "-f", "html"],
    ["graph"],
    ["graph", "-f", "dot"],
    ["schema"],
    ["validate"],
    ["validate", "-f", "json"],
    ["diff", str(DATA), str(EXAMPLE), "-f", "markdown"],
    ["diff", str(DATA), str(EXAMPLE), "-f", "json"],
]
IDS = [" ".join(c[:3]).replace(str(ROOT), "") for c in COMMANDS]


def expected_code(args: list[str]) -> int:
    return 1 if args[0] == "diff" else 0  # the two files differ


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_pipes_get_utf8_whatever_the_code_page(tmp_path, args, encoding):
    result = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == expected_code(args), result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("utf-8")  # never the code page
    if args[0] in ("list", "report", "matrix", "diff"):
        assert any(word in text for word in ("Øyer", "Ø", "å", "→"))
    if "--excel" in args:
        assert result.stdout.startswith(b"\xef\xbb\xbf")
        assert b"\r\r\n" not in result.stdout


def test_excel_csv_keeps_its_crlf_and_bom_in_a_file(tmp_path):
    out = tmp_path / "f.csv"
    result = ikscli(
        "list",
        "--excel",
        "-o",
        str(out),
        cwd=tmp_path,
        cache=tmp_path / "c",
        env={"PYTHONIOENCODING": "cp1252"},
    )
    assert result.returncode == 0 and result.stdout == b""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 59
    assert "Øyer".encode() in raw and b"\r\r\n" not in raw


def test_a_console_keeps_its_encoding_and_shows_what_it_can(tmp_path):
    """On a console whose code page lacks ø, ikscli prints '?' rather than crashing."""
    pty = pytest.importorskip("pty")
    code = "import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))"
    env = environment(tmp_path / "c", {"PYTHONIOENCODING": "ascii"})
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            sys.executable,
            "-m",
            "ikscli",
            "list",
            "--kommune",
            "Gausdal",
            "-n",
            "3",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert pty and result.returncode == 0, result.stdout
    assert b"Traceback" not in result.stdout
    assert b"?yer" in result.stdout  # Øyer, as an ASCII console can show it
    assert "Øyer".encode() not in result.stdout


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_full_disk_is_one_line_and_exit_3(tmp_path, args):
    with open("/dev/full", "wb") as full:
        result = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c", stdout=full)
    err = result.stderr.decode()
    assert result.returncode == 3, err
    assert "Traceback" not in err
    assert "Error: cannot write to standard output: no space left on the device" in err


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_closed_stdout_is_one_line_and_exit_3(tmp_path, args):
    env = environment(tmp_path / "c")
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "ikscli", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
    )
    err = result.stderr.decode()
    assert result.returncode == 3, err
    assert "standard output is closed" in err and "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_reader_that_stops_reading_is_not_an_error(tmp_path, args):
    """`ikscli ... | head -1`: the pipe closes before ikscli writes; exit 0, nothing said."""
    env = environment(tmp_path / "c")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        result = subprocess.run(
            [sys.executable, "-m", "ikscli", *args],
            cwd=tmp_path,
            env=env,
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(write)
    assert result.returncode in (0, expected_code(args)), result.stderr
    assert b"Traceback" not in result.stderr and b"Broken pipe" not in result.stderr


def test_output_to_a_file_is_utf8_and_complete(tmp_path):
    out = tmp_path / "rapport.html"
    result = ikscli(
        "report",
        "-f",
        "html",
        "-o",
        str(out),
        cwd=tmp_path,
        cache=tmp_path / "c",
        env={"PYTHONIOENCODING": "cp1252"},
    )
    assert result.returncode == 0
    html = out.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in html and "Øyer" in html and html.endswith("</html>\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_that_cannot_be_written_leaves_nothing_behind(tmp_path):
    out = tmp_path / "missing-folder" / "liste.csv"
    result = ikscli("list", "-f", "csv", "-o", str(out), cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 3
    err = result.stderr.decode()
    assert err.startswith("Error: cannot write") and len(err.splitlines()) == 1
    assert not out.parent.exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full and /dev/null")
def test_output_to_a_device_writes_to_it_and_never_replaces_it(tmp_path):
    import stat

    result = ikscli("count", "-o", "/dev/null", cwd=tmp_path, cache=tmp_path / "c")
    assert (result.returncode, result.stderr) == (0, b"")
    result = ikscli("count", "-o", "/dev/full", cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 3
    assert result.stderr == b"Error: cannot write /dev/full: no space left on the device\n"
    for device in ("/dev/null", "/dev/full"):  # as root, a rename would have replaced them
        assert stat.S_ISCHR(os.stat(device).st_mode), device


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_output_is_never_written_through_a_symbolic_link(tmp_path):
    """A link may lead anywhere (a colleague's file, a system file): -o refuses it, and
    the link and what it points at stay as they were."""
    target = tmp_path / "kept" / "liste.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "liste.csv"
    link.symlink_to(target)
    result = ikscli("list", "-f", "csv", "-o", str(link), cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 2 and b"symbolic link" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "old\n"


def test_output_never_replaces_the_dataset_being_read(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_bytes(DATA.read_bytes())
    result = ikscli(
        "list",
        "-f",
        "csv",
        "--data",
        str(data),
        "-o",
        str(data),
        cwd=tmp_path,
        cache=tmp_path / "c",
    )
    assert result.returncode == 2
    assert b"is the dataset being read" in result.stderr
    assert data.read_bytes() == DATA.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "table", "markdown"])
def test_excel_with_another_format_is_a_usage_error(run, fmt):
    result = run("list", "--excel", "--format", fmt)
    assert result.exit_code == 2
    assert "--excel writes CSV for Excel" in result.stderr


def test_excel_with_csv_or_alone(run):
    alone, explicit = run("list", "--excel"), run("list", "--excel", "--format", "csv")
    assert alone.exit_code == explicit.exit_code == 0
    assert alone.stdout == explicit.stdout and alone.stdout.startswith("\ufeff")


def test_output_dash_is_standard_output(tmp_path):
    result = ikscli("count", "-o", "-", cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 0 and b"58 agreements" in result.stdout
    assert not (tmp_path / "-").exists()


def test_every_writing_command_offers_output(run):
    """Each command's result can go to a file: -o FILE; or the command writes the dataset
    file itself and can show the change without writing it (--dry-run, --check); or it
    writes where its argument says (site OUT_DIR, export sqlite OUT.db). Decided from the
    commands' own options, not from a list of names."""
    import typer

    from ikscli.cli.app import app

    def kinds(command) -> set[str]:
        found = set()
        for param in command.params:
            opts = set(getattr(param, "opts", ()))
            if {"--output", "-o"} & opts:
                found.add("output")
            if {"--dry-run", "--check"} & opts:
                found.add("preview")
            if param.param_type_name == "argument":
                found.add("argument")
        return found

    seen = {}
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        for sub, leaf in (subcommands or {name: command}).items():
            seen[f"{name} {sub}" if subcommands else name] = kinds(leaf)
    # undo writes the dataset back to its last version: `undo --list` shows what it would
    # bring back; cache info reports on the cache folder, cache clear empties it
    exempt = {"undo", "cache info", "cache clear"}
    for name, found in seen.items():
        if name in exempt:
            continue
        assert found & {"output", "preview", "argument"}, name
    queries = {"list", "filter", "count", "hosts", "show", "matrix", "law", "report", "graph"}
    assert all("output" in seen[name] for name in queries)
    assert "--list" in run("undo", "--help").stdout


def test_no_file_is_written_beside_the_data(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_bytes(DATA.read_bytes())
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in (["list"], ["report", "-f", "html"], ["validate", str(data)]):
        extra = ["--data", str(data)] if args[0] != "validate" else []
        ikscli(*args, *extra, cwd=tmp_path, cache=tmp_path / "c")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before + ["c"])
    assert data.read_bytes() == DATA.read_bytes()
    assert Path(data).stat().st_size == DATA.stat().st_size


@pytest.mark.parametrize("command", [["count"], ["hosts"], ["matrix"], ["law"], ["show", "ufo"]])
def test_every_query_writes_the_workbook_of_its_csv(run, tmp_path, command):
    """--format xlsx holds what --format csv holds, cell for cell, for every query."""
    import csv
    import io

    from openpyxl import load_workbook

    book = tmp_path / "out.xlsx"
    result = run(*command, "--format", "xlsx", "-o", str(book))
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(book, read_only=True).worksheets[0]
    cells = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    rows = list(
        csv.reader(
            io.StringIO(run(*command, "--excel").stdout.lstrip("\ufeff"), newline=""), delimiter=";"
        )
    )
    assert len(cells) == len(rows) and cells[0] == rows[0]
    assert [r[0] for r in cells[1:]] == [r[0].removeprefix("'") for r in rows[1:]]
