"""The README tells the truth: its examples are current output, its commands are CI's."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_install_and_run_then_test():
    first, second = quick_start()
    assert "pip install ." in first and first.endswith("ikscli list --kommune Øyer")
    assert "pip install '.[test]'" in second and "pytest" in second


def test_ci_runs_the_readmes_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extract = re.search(r"command=\$\((.*)\)\n", script).group(1)
    printed = subprocess.run(["bash", "-c", extract], cwd=ROOT, capture_output=True, text=True)
    assert printed.stdout.strip() == quick_start()[1]
    assert 'bash -c "$command"' in script


def test_every_console_example_is_current_output():
    result = subprocess.run(
        [sys.executable, "scripts/readme_examples.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_is_an_introduction():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) <= 12 * 1024
    for heading in ("## Quick start", "## Commands at a glance", "## Exit codes"):
        assert heading in readme


def test_every_command_has_an_example_in_the_readme():
    from ikscli.cli.app import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"ikscli {name} " in readme, name


def test_every_relative_link_in_the_docs_resolves():
    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"
