"""`ikscli validate` through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import DATA, ROOT, SOURCE_WARNINGS, edit, line_of


def test_bundled_dataset_is_valid_with_four_warnings(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside this repository's project: the bundled file
    result = run("validate")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == SOURCE_WARNINGS
    assert all(": warning: " in line for line in result.stdout.splitlines())
    assert f"valid: 58 agreements, 0 errors, {SOURCE_WARNINGS} warnings" in result.stderr


def test_strict_turns_warnings_into_failure(run):
    result = run("validate", "--strict")
    assert result.exit_code == 1
    assert "invalid" in result.stderr and "--strict" in result.stderr


def test_invalid_file_exits_1_with_one_line_per_problem(run, dataset_text, write):
    text = edit(dataset_text, "    host: Ringsaker", "    hots: Ringsaker")
    text = edit(text, "    status: terminated", "    status: ended")
    path = write(text)
    result = run("validate", str(path))
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert [line.split(":")[1] for line in errors] == [
        str(line_of(text, "status: ended")),
        str(line_of(text, "hots: Ringsaker")),
    ]
    assert "Traceback" not in result.output
    assert "invalid: 0 agreements, 2 errors" in result.stderr


def test_json_report(run, dataset_text, write):
    text = edit(dataset_text, '  as_of: "2019-01-01"', "  as_of: soon")
    path = write(text)
    result = run("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (
        report["valid"] is False and report["errors"] == 1 and report["warnings"] == SOURCE_WARNINGS
    )
    first = [p for p in report["problems"] if p["severity"] == "error"][0]
    assert (
        first["line"] == line_of(text, "as_of: soon")
        and first["column"] == 10
        and first["file"] == str(path)
    )
    assert "expected a date" in first["message"]


def test_github_annotations(run, dataset_text, write):
    path = write(edit(dataset_text, "    host: Ringsaker", "    host: Ringsaker, Hamar"))
    result = run("validate", str(path), "--format", "github")
    assert result.exit_code == 1
    line = [x for x in result.stdout.splitlines() if x.startswith("::error ")][0]
    assert line.startswith(f"::error file={path},line=")
    assert ",col=11::" in line and "Ringsaker%2C Hamar" not in line.split("::")[2]


def test_missing_file_and_directory_are_usage_errors(run, tmp_path):
    missing = run("validate", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    directory = run("validate", str(tmp_path))
    assert directory.exit_code == 2 and "is a directory" in directory.stderr


def test_data_option_and_environment_variable_choose_the_file(run, dataset_text, write):
    bad = write(edit(dataset_text, "  - id: eioff", "  - id: Eioff"))
    assert run("validate", "--data", str(bad)).exit_code == 1
    assert run("validate", env={"IKSCLI_DATA": str(bad)}).exit_code == 1
    assert run("validate", str(DATA), env={"IKSCLI_DATA": str(bad)}).exit_code == 0


def test_validate_never_writes_to_the_file(run, dataset_text, write):
    path = write(edit(dataset_text, "  - id: eioff", "  - id: Eioff"))
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    os.chmod(path, 0o444)
    for args in (["validate", str(path)], ["list", "--data", str(path)]):
        run(*args)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_unknown_format_is_a_usage_error(run):
    result = run("validate", "--format", "xml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1  # one line, naming the value and the choices
    assert "'xml'" in result.stderr and "'text', 'github', 'json'" in result.stderr
    assert result.stderr.rstrip().endswith("See: ikscli validate -h")


def test_whole_process_no_traceback_on_garbage(tmp_path):
    path = tmp_path / "garbage.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage: [")
    result = subprocess.run(
        [sys.executable, "-m", "ikscli", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{path}:1:1: error: not valid UTF-8")


def test_version_everywhere_and_without_heavy_imports(run):
    from ikscli import __version__

    assert run("--version").stdout == f"ikscli {__version__}\n"
    code = (
        "import sys; sys.argv = ['ikscli', '--version']; from ikscli.cli import main; main(); "
        "heavy = [m for m in ('typer', 'rich', 'yaml', 'pydantic') if m in sys.modules]; "
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout == f"ikscli {__version__}\n[]\n"
    module = subprocess.run(
        [sys.executable, "-m", "ikscli", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert module.stdout == f"ikscli {__version__}\n"


def test_help_imports_no_data_layer():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ikscli", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "Usage" in result.stdout and "ikscli.cli.app" in imported
    assert not imported & {"yaml", "ikscli.reading.loader", "ikscli.model", "ikscli.query.select"}


@pytest.mark.slow
def test_a_closed_pipe_is_not_an_error(write):
    from generate import render

    path = write(render(2000))
    for args in ("list --format json", "list --format csv", "list --limit 2000"):
        shell = (
            f"{sys.executable} -m ikscli {args} --data {path} | head -c 100 >/dev/null; "
            'echo "exit=${PIPESTATUS[0]}"'
        )
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=ROOT)
        assert result.stdout.strip() == "exit=0", (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "Error" not in result.stderr


def test_exit_handlers_run_when_a_tool_needs_them(tmp_path):
    """Under coverage (a module with exit handlers) ikscli leaves the ordinary way."""
    stub = tmp_path / "stub"
    stub.mkdir()
    marker = tmp_path / "saved"
    (stub / "coverage.py").write_text(
        "import atexit, pathlib\n"
        f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('saved'))\n",
        encoding="utf-8",
    )
    code = (
        "import sys, coverage; sys.argv = ['ikscli', 'count']; from ikscli.cli import main; main()"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(stub), str(ROOT)])}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, timeout=60
    )
    assert result.returncode == 0 and b"58 agreements" in result.stdout
    assert marker.read_text() == "saved"
    # without such a module the fast exit skips exit handlers (and the teardown)
    marker.unlink()
    code = (
        "import sys, atexit, pathlib; "
        f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('x')); "
        "sys.argv = ['ikscli', 'count']; from ikscli.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, timeout=60
    )
    assert result.returncode == 0 and not marker.exists()
