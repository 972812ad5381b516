"""Which dataset a run reads: --data, $IKSCLI_DATA, the project's files, the bundled one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli import DATA, ROOT, environment, ikscli
from conftest import SOURCE_WARNINGS

TYPO = "    host: Lillehammer\n"


def broken_copy(folder: Path) -> Path:
    """data/samarbeid_2019.yaml with one `host:` misspelt `hots:`."""
    text = DATA.read_text(encoding="utf-8")
    assert TYPO in text
    target = folder / "data" / "samarbeid_2019.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(TYPO, "    hots: Lillehammer\n", 1), encoding="utf-8")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder like this repository: pyproject.toml with [tool.ikscli], a typo."""
    root = tmp_path / "kommune-register"
    broken_copy(root)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "register"\n\n[tool.ikscli]\ndata = "data/samarbeid_2019.yaml"\n',
        encoding="utf-8",
    )
    (root / "docs" / "deep").mkdir(parents=True)
    return root


def test_validate_in_a_project_checks_the_projects_file(project, tmp_path):
    for where in (project, project / "docs" / "deep"):
        result = ikscli("validate", cwd=where, cache=tmp_path / "c")
        assert result.returncode == 1, result.stderr
        assert b"unknown key 'hots'" in result.stdout
        assert b"samarbeid_2019.yaml: invalid" in result.stderr


def test_queries_in_a_project_read_the_projects_file(project, tmp_path):
    result = ikscli("list", "--kommune", "Øyer", cwd=project, cache=tmp_path / "c")
    assert result.returncode == 1
    assert b"is not a valid dataset" in result.stderr


def test_precedence_data_then_environment_then_project(project, tmp_path):
    cache = tmp_path / "c"
    env = {"IKSCLI_DATA": str(DATA)}
    assert ikscli("validate", cwd=project, cache=cache, env=env).returncode == 0
    assert ikscli("count", cwd=project, cache=cache, env=env).returncode == 0
    broken = broken_copy(tmp_path / "elsewhere")
    # --data beats $IKSCLI_DATA; a file argument beats both
    assert ikscli("count", "--data", str(broken), cwd=project, cache=cache, env=env).returncode == 1
    assert ikscli("validate", str(DATA), cwd=project, cache=cache).returncode == 0


def test_outside_any_project_the_bundled_dataset(tmp_path):
    result = ikscli("validate", cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 0, result.stderr
    assert f"58 agreements, 0 errors, {SOURCE_WARNINGS} warnings".encode() in result.stderr


def test_ikscli_toml_with_several_files_and_globs(tmp_path):
    root = tmp_path / "p"
    broken_copy(root)
    (root / "years").mkdir()
    for year in (2019, 2020):
        shutil.copy(DATA, root / "years" / f"samarbeid_{year}.yaml")
    (root / "ikscli.toml").write_text(
        'data = ["years/*.yaml", "data/samarbeid_2019.yaml"]\n', encoding="utf-8"
    )
    result = ikscli("validate", cwd=root, cache=tmp_path / "c")
    lines = result.stderr.decode().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        os.path.join("years", "samarbeid_2019.yaml"),
        os.path.join("years", "samarbeid_2020.yaml"),
        os.path.join("data", "samarbeid_2019.yaml"),
    ]
    assert result.returncode == 1
    # queries read the first file the project names, which is valid
    assert ikscli("count", cwd=root, cache=tmp_path / "c").returncode == 0


def test_a_pyproject_without_our_table_is_passed_by(tmp_path):
    outer = tmp_path / "outer"
    broken_copy(outer)
    (outer / "ikscli.toml").write_text('data = "data/samarbeid_2019.yaml"\n', encoding="utf-8")
    inner = outer / "tools"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n", encoding="utf-8")
    result = ikscli("validate", cwd=inner, cache=tmp_path / "c")
    assert result.returncode == 1
    err = result.stderr.decode()
    # the project above is named, and its file (with the typo) is the one validated
    assert f"using the project of {outer / 'ikscli.toml'}" in err
    problems = [line for line in result.stdout.decode().splitlines() if ": error: " in line]
    wanted = str(outer / "data" / "samarbeid_2019.yaml")
    assert problems and all(line.startswith(wanted + ":") for line in problems), problems
    assert any("hots" in line for line in problems)


@pytest.mark.parametrize(
    "config, message",
    [
        ("data = 3\n", "must be a path or a list of paths"),
        ("data = []\n", "must be a path or a list of paths"),
        ('data = ["nothing/*.yaml"]\n', "matches no file"),
        ('data = "unterminated\n', "not valid TOML"),
        ('title = "no data key"\n', "data is missing"),
    ],
)
def test_a_broken_configuration_is_a_usage_error(tmp_path, config, message):
    (tmp_path / "ikscli.toml").write_text(config, encoding="utf-8")
    result = ikscli("validate", cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_named_file_that_is_missing(tmp_path):
    (tmp_path / "ikscli.toml").write_text('data = "data/gone.yaml"\n', encoding="utf-8")
    result = ikscli("validate", cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 2
    assert b"gone.yaml: no such file" in result.stderr


@pytest.mark.slow
def test_a_real_non_editable_install_checks_the_project(project, tmp_path):
    """`pip install .` (not editable): the wheel's copy must not hide the project's file."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=300,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            *map(str, wheels.glob("ikscli-*.whl")),
        ],
        check=True,
        timeout=300,
    )
    assert (target / "ikscli" / "data" / "samarbeid_2019.yaml").is_file()
    env = environment(tmp_path / "c")
    env["PYTHONPATH"] = str(target)  # the installed copy, not this checkout
    code = "import ikscli.cli, sys; print(ikscli.cli.__file__); sys.argv[0] = 'ikscli'; ikscli.cli.main()"

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, timeout=120
        )

    inside = run("validate", cwd=project / "docs")
    assert inside.stdout.decode().startswith(str(target)), inside.stdout
    assert inside.returncode == 1 and b"unknown key 'hots'" in inside.stdout
    outside = run("validate", cwd=tmp_path)
    assert outside.returncode == 0, outside.stderr
    assert f"58 agreements, 0 errors, {SOURCE_WARNINGS} warnings".encode() in outside.stderr
    # the schema ships too, and `schema --path` names the installed copy
    # (the first line the helper prints is the module's own path)
    shipped = run("schema", "--path", cwd=tmp_path).stdout.decode().splitlines()[-1]
    assert shipped == (target / "ikscli" / "data" / "samarbeid.schema.json").as_posix()
    printed = run("schema", cwd=tmp_path).stdout.decode().split("\n", 1)[1]
    assert Path(shipped).read_text(encoding="utf-8") == printed
