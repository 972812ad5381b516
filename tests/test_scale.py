"""Files that used to be slow or crash: deep parent chains, cycles, many unknown names."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from cli import ikscli
from generate import render_real


def chained(n: int) -> str:
    """n real-shaped agreements, each the sub-agreement of the one before."""
    lines, previous = [], None
    for line in render_real(n).splitlines():
        if line.startswith("    parent: "):
            continue
        lines.append(line)
        match = re.match(r"  - id: (\S+)$", line)
        if match:
            if previous is not None:
                lines.append(f"    parent: {previous}")
            previous = match.group(1)
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_a_5000_deep_chain_validates_and_reports_in_order(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_text(chained(5000), encoding="utf-8")
    start = time.perf_counter()
    result = ikscli("validate", str(path), cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 0, result.stderr[-500:]
    report = ikscli("report", "--data", str(path), cwd=tmp_path, cache=tmp_path / "c")
    assert report.returncode == 0, report.stderr[-500:]
    assert time.perf_counter() - start < 60
    rows = [line for line in report.stdout.decode().splitlines() if line.startswith("| ")]
    assert len(rows) == 5000 + 14  # and a header row per section


def test_a_cycle_is_found_in_a_long_chain(tmp_path):
    text = chained(300)
    first = re.search(r"(?m)^  - id: (\S+)$", text).group(1)
    last = re.findall(r"(?m)^  - id: (\S+)$", text)[-1]
    text = text.replace(f"  - id: {first}\n", f"  - id: {first}\n    parent: {last}\n", 1)
    path = tmp_path / "cycle.yaml"
    path.write_text(text, encoding="utf-8")
    result = ikscli("validate", "-f", "json", str(path), cwd=tmp_path, cache=tmp_path / "c")
    cycles = [p for p in json.loads(result.stdout)["problems"] if "cycle" in p["message"]]
    assert result.returncode == 1 and len(cycles) == 300  # every agreement is on it
    assert all("leads back to" in p["message"] for p in cycles)


def test_agreements_leading_into_a_cycle_name_where_they_enter_it(run, write):
    from conftest import DATA

    text = DATA.read_text(encoding="utf-8")
    text = text.replace("  - id: regionrad\n", "  - id: regionrad\n    parent: eioff\n", 1)
    text = text.replace("  - id: eioff\n", "  - id: eioff\n    parent: regionrad\n", 1)
    text = text.replace(
        "  - id: idrett-i-skole\n", "  - id: idrett-i-skole\n    parent: eioff\n", 1
    )
    result = run("validate", str(write(text)))
    messages = [
        line.split(": error: ")[1] for line in result.stdout.splitlines() if "cycle" in line
    ]
    assert sorted(messages) == sorted(
        [
            "agreement 'regionrad': parent 'eioff' leads back to 'regionrad': parents must not form a cycle",
            "agreement 'eioff': parent 'regionrad' leads back to 'eioff': parents must not form a cycle",
            "agreement 'idrett-i-skole': parent 'eioff' leads back to 'eioff': parents must not form a cycle",
        ]
    )


@pytest.mark.slow
def test_a_thousand_unknown_parents_are_quick_and_hinted(tmp_path):
    text = render_real(20_000)
    count = text.count("    parent: regionalt-helsesamarbeid-")
    text = text.replace(
        "    parent: regionalt-helsesamarbeid-", "    parent: regionalt-helsesamarbeide-"
    )
    path = tmp_path / "parents.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = ikscli(
        "validate", "-f", "json", "--no-cache", str(path), cwd=tmp_path, cache=tmp_path / "c"
    )
    elapsed = time.perf_counter() - start
    problems = [
        p
        for p in json.loads(result.stdout)["problems"]
        if "is not the id of any agreement" in p["message"]
    ]
    assert len(problems) == count > 1000
    hinted = [p for p in problems if "did you mean 'regionalt-helsesamarbeid-" in p["message"]]
    assert len(hinted) >= 50
    assert elapsed < 30, elapsed  # it took 219 s before


def test_a_typo_is_still_hinted_among_many_ids(run, tmp_path):
    path = Path(tmp_path) / "many.yaml"
    path.write_text(render_real(3000), encoding="utf-8")
    result = run("show", "regionalt-helsesamarbied-00007", "--data", str(path))
    assert result.exit_code == 2
    assert "(did you mean 'regionalt-helsesamarbeid-00007'" in result.stderr
