"""Nothing outside the register is touched, read or shown: where output goes, which files
a project may name, what reaches a terminal, the public page's data, and bounded work.
Each reproduces an attack a hostile colleague, file or folder could make, through the
real command line: no traceback, the documented exit code, nothing harmed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from cli import DATA, EXAMPLE, environment


@pytest.fixture
def project(tmp_path):
    """A project like this repository: two data files, named in pyproject.toml."""
    (tmp_path / "data").mkdir()
    (tmp_path / "examples").mkdir()
    (tmp_path / "data" / "samarbeid_2019.yaml").write_bytes(DATA.read_bytes())
    (tmp_path / "examples" / "neste.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ikscli]\ndata = ["data/samarbeid_2019.yaml", "examples/*.yaml"]\n', encoding="utf-8"
    )
    return tmp_path


def run(
    folder: Path,
    *args: str,
    env: dict | None = None,
    stdin: bytes | None = None,
    timeout: float = 120,
):
    done = subprocess.run(
        [sys.executable, "-m", "ikscli", *args],
        cwd=folder,
        env=environment(folder / ".cache-of-the-test", env),
        input=stdin,
        capture_output=True,
        timeout=timeout,
    )
    return (
        done.returncode,
        done.stdout.decode(errors="replace"),
        done.stderr.decode(errors="replace"),
    )


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err


# --- 1. where output goes --------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", "sqlite", "data/samarbeid_2019.yaml"],
        ["schema", "-o", "data/samarbeid_2019.yaml"],
        ["list", "-o", "examples/neste.yaml"],
        ["list", "-f", "xlsx", "-o", "examples/neste.yaml"],
        ["report", "-f", "html", "-o", "data/samarbeid_2019.yaml"],
        ["count", "-o", "data/../data/samarbeid_2019.yaml"],
    ],
)
def test_no_command_writes_over_a_file_the_project_names_as_data(project, args):
    before = {p: p.read_bytes() for p in (project / "data").iterdir()}
    before.update({p: p.read_bytes() for p in (project / "examples").iterdir()})
    code, _out, err = run(project, *args)
    assert code == 2 and "is a dataset file of the project" in err and len(err.splitlines()) == 1, (
        err
    )
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
@pytest.mark.parametrize(
    "args",
    [
        ["list", "-f", "xlsx", "-o", "/dev/null"],
        ["export", "sqlite", "/dev/null"],
        ["list", "-f", "csv", "-o", "/dev/null"],
        ["report", "-f", "html", "-o", "/dev/null"],
    ],
)
def test_a_device_is_written_to_never_replaced(project, args):
    code, _out, err = run(project, *args)
    assert code == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(
    "args",
    [
        ["snapshot", "--as-of", "2020-01-01", "-o", "/dev/null"],
        ["set", "giax", "note=x", "--data", "/dev/null"],
    ],
)
def test_a_device_is_no_dataset_file(project, args):
    code, _out, err = run(project, *args)
    assert code == 2 and "not a regular file" in err, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_gets_the_output_and_stays_a_fifo(project):
    fifo = project / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _out, err = run(project, "list", "-f", "csv", "-o", str(fifo))
    reader.join(30)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and got and got[0].startswith(b"id,name,")


def test_site_writes_only_its_own_page_never_through_a_link(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.html"
    outside.write_text("precious", encoding="utf-8")
    site = project / "nettside"
    site.mkdir()
    (site / "index.html").symlink_to(outside)
    code, _out, err = run(project, "site", "nettside")
    assert code == 2 and "symbolic link" in err, err
    assert outside.read_text(encoding="utf-8") == "precious"
    (site / "index.html").unlink()
    (site / "index.html").write_text("<p>our own front page</p>", encoding="utf-8")
    code, _out, err = run(project, "site", "nettside")
    assert code == 2 and "--force" in err and "not written by ikscli" in err, err
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>our own front page</p>"
    assert run(project, "site", "nettside", "--force")[0] == 0
    assert run(project, "site", "nettside")[0] == 0  # its own page: replaced, no question


def test_output_keeps_an_existing_files_mode(project):
    for args, name in ((["list", "-f", "csv", "-o"], "out.csv"), (["export", "sqlite"], "out.db")):
        target = project / name
        target.write_bytes(b"old")
        os.chmod(target, 0o600)
        code, _out, err = run(project, *args, name)
        assert code == 0, err
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600 and target.read_bytes() != b"old"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args", [["export", "sqlite", "/dev/full"], ["list", "-f", "xlsx", "-o", "/dev/full"]]
)
def test_a_full_disk_is_one_line_and_exit_3(project, args):
    code, _out, err = run(project, *args)
    no_traceback(err)
    assert code == 3 and len(err.splitlines()) == 1 and "no space left" in err, err
    assert not [p for p in project.iterdir() if p.name.startswith(".full") or ".db." in p.name]


def test_a_link_given_as_output_is_not_written_through(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "target.csv"
    outside.write_text("precious", encoding="utf-8")
    (project / "link.csv").symlink_to(outside)
    code, _out, err = run(project, "list", "-f", "csv", "-o", "link.csv")
    assert code == 2 and "symbolic link" in err, err
    assert outside.read_text(encoding="utf-8") == "precious"


# --- 2. which files a project may name -----------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        '["../../../../etc/pass*"]',
        '"/etc/passwd"',
        '["data/../../outside.yaml"]',
        '["/abs/*.yaml"]',
    ],
)
def test_a_project_names_only_files_inside_itself(project, data):
    (project / "pyproject.toml").write_text(f"[tool.ikscli]\ndata = {data}\n", encoding="utf-8")
    code, out, err = run(project, "validate")
    no_traceback(err)
    assert code == 2 and len(err.splitlines()) == 1 and "inside the project" in err, err
    assert "root:" not in out + err


@pytest.mark.parametrize(
    ("config", "what"),
    [
        ('# ikscli reads [tool.ikscli]\ntool = "x"\n', "[tool]"),
        ("[tool]\nikscli = 5\n", "[tool.ikscli]"),
        ("[tool.ikscli]\ndata = 5\n", "data"),
    ],
)
def test_a_broken_configuration_is_one_line_and_exit_2(project, config, what):
    (project / "pyproject.toml").write_text(config, encoding="utf-8")
    code, _out, err = run(project, "validate")
    no_traceback(err)
    assert code == 2 and len(err.splitlines()) == 1 and what in err, err


def test_a_file_that_is_not_yaml_is_quoted_only_in_a_short_escaped_excerpt(tmp_path):
    secret = tmp_path / "token.txt"
    secret.write_text("ghp_" + "S3CRET" * 20 + "\x1b[2J\n", encoding="utf-8")
    code, out, err = run(tmp_path, "validate", str(secret))
    assert code == 1
    assert "S3CRETS3CRETS3CRET" not in out + err and "\x1b" not in out + err


def test_the_search_for_a_project_stops_at_a_repository(tmp_path):
    planted = tmp_path / "shared"
    (planted / "repo" / ".git").mkdir(parents=True)
    (planted / "repo" / "docs").mkdir()
    (planted / "ikscli.toml").write_text('data = "planted.yaml"\n', encoding="utf-8")
    (planted / "planted.yaml").write_text(
        DATA.read_text(encoding="utf-8").replace("Regionråd\n", "PLANTED\n", 1), encoding="utf-8"
    )
    code, out, err = run(planted / "repo" / "docs", "show", "regionrad")
    assert code == 0 and "PLANTED" not in out, out


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing an owner needs root"
)
def test_a_configuration_owned_by_another_user_is_not_obeyed(tmp_path):
    shared = tmp_path / "shared"
    (shared / "me").mkdir(parents=True)
    (shared / "ikscli.toml").write_text('data = "planted.yaml"\n', encoding="utf-8")
    (shared / "planted.yaml").write_text(
        DATA.read_text(encoding="utf-8").replace("Regionråd\n", "PLANTED\n", 1), encoding="utf-8"
    )
    os.chown(shared / "ikscli.toml", 65534, 65534)
    os.chown(shared, 65534, 65534)
    code, out, err = run(shared / "me", "show", "regionrad")
    assert code == 0 and "PLANTED" not in out, out
    code, _out, err = run(shared / "me", "set", "regionrad", "note=x")
    assert code == 2 and (shared / "planted.yaml").read_text(encoding="utf-8").count("PLANTED") == 1


def test_commands_say_which_project_they_use_when_it_is_not_here(project):
    (project / "docs" / "deep").mkdir(parents=True)
    code, _out, err = run(project / "docs" / "deep", "count")
    assert code == 0 and "pyproject.toml" in err and str(project.name) in err, err
    code, _out, err = run(project, "count")
    assert "pyproject.toml" not in err


# --- 3. what reaches a terminal -----------------------------------------------------------


def test_file_names_cannot_speak_to_the_terminal(project):
    hostile = "a\x1b]0;PWNED\x07.yaml"
    (project / "data" / hostile).write_bytes(DATA.read_bytes())
    for args in (
        ["set", "giax", "note=x", "--data", f"data/{hostile}"],
        ["add", "ny", "name=Ny", "--data", f"data/{hostile}"],
        ["remove", "ny", "--data", f"data/{hostile}"],
        ["list", "--data", f"nope\x1b[2J{hostile}"],
        ["list", "-o", f"missing-dir/\x1b[2J{hostile}"],
        ["export", "sqlite", f"missing-dir/\x1b[2J{hostile}.db"],
    ):
        code, out, err = run(project, *args)
        assert "\x1b" not in err and "\x07" not in err, (args, err)
        no_traceback(err)


# --- 4. the public page -----------------------------------------------------------------


def test_the_page_data_cannot_end_its_script(project):
    path = project / "data" / "samarbeid_2019.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "note: Med Oppland fylkeskommune", 'note: "<!--<script> </script> & >"', 1
    )
    path.write_text(text, encoding="utf-8")
    assert run(project, "validate")[0] in (0, 1)
    code, _out, err = run(project, "site", "nettside")
    assert code == 0, err
    page = (project / "nettside" / "index.html").read_text(encoding="utf-8")
    data = page.split('<script id="data" type="application/json"', 1)[1].split("</script>", 1)[0]
    assert (
        "<" not in data.split(">", 1)[1]
        and "\u2028" not in data
        and "&" not in data.split(">", 1)[1]
    )
    assert page.count("<script") == 2
    from ikscli.render.site import script_json

    assert script_json('"\u2028\u2029"') == '"\\u2028\\u2029"'


# --- 5. bounded work ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "name~/(?:a{10000}){10000}/",
        "name~/(?V0)x/",
        "name~/" + "(" * 500 + "a" + ")" * 500 + "/",
        "name~/" + "a" * 5000 + "/",
    ],
)
def test_a_pattern_is_bounded_in_size_and_work_and_every_error_is_one_line(project, pattern):
    started = time.monotonic()
    code, _out, err = run(project, "filter", pattern, timeout=60)
    no_traceback(err)
    assert code == 2 and len(err.splitlines()) == 1, err
    assert time.monotonic() - started < 20


def test_standard_input_is_bounded(project):
    code, _out, err = run(
        project,
        "list",
        "--data",
        "-",
        stdin=b"x" * (3 * 1024 * 1024),
        env={"IKSCLI_STDIN_MAX_MB": "2"},
    )
    assert code == 2 and "2 MiB" in err and len(err.splitlines()) == 1, err


def _workbook(path: Path, sheet_xml: str, shared: str = "") -> None:
    """A minimal .xlsx with the given sheet (and shared strings)."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/sharedStrings.xml": shared
        or '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


SHEET = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{ref}"/><sheetData>{rows}</sheetData></worksheet>'


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_at_once(project):
    bomb = project / "bomb.xlsx"
    cell = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>'
        + "x" * (20 * 1024 * 1024)
        + "</t></is></c></row>"
    )
    _workbook(bomb, SHEET.format(ref="A1:A2", rows=cell))
    assert bomb.stat().st_size < 5 * 1024 * 1024
    started = time.monotonic()
    code, _out, err = run(project, "import", "bomb.xlsx")
    no_traceback(err)
    assert code == 2 and "refused" in err and len(err.splitlines()) == 1, err
    assert time.monotonic() - started < 20


def test_a_workbook_that_declares_millions_of_rows_is_refused_at_once(project):
    many = project / "many.xlsx"
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>' + "".join(
        f'<row r="{i}"/>' for i in range(2, 2000)
    )
    _workbook(many, SHEET.format(ref="A1:A20000000", rows=rows))
    code, _out, err = run(project, "import", "many.xlsx")
    no_traceback(err)
    assert code == 2 and "20000000 rows" in err and len(err.splitlines()) == 1, err
