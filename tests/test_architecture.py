"""The architecture as tests: the stages, the one way data flows through them, and what
the core never does (write to a stream, name a command-line flag)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ikscli"
# The core: every stage below the command layer (the renderers write to the stream
# they are given, never to one they pick themselves).
CORE = [p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts[:1]]


def test_the_layer_contract_is_kept():
    """pyproject.toml's [tool.importlinter] contract, with no exceptions listed."""
    pytest.importorskip("importlinter")
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "ignore_imports" not in config and "unmatched_ignore" not in config
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout and "Contracts: 2 kept" in result.stdout


def _cycles() -> list[list[str]]:
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("ikscli", include_external_packages=False)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph.modules):  # Tarjan's strongly connected parts, iteratively
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


def test_no_import_cycle_lazy_or_not():
    """grimp sees imports inside functions too: a lazy import is still an edge."""
    assert _cycles() == []


def test_at_most_ten_modules_at_the_package_root():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 10, modules
    stages = {"text", "i18n", "reading", "query", "analysis", "edit", "render", "cli"}
    assert stages <= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}


def _calls(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "print":
                found.append((node.lineno, "print()"))
        if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr"):
            if isinstance(node.value, ast.Name) and node.value.id == "sys":
                found.append((node.lineno, f"sys.{node.attr}"))
    return found


def test_the_core_never_writes_to_a_stream_of_its_own():
    """Below the command layer, output goes to the stream a caller gives; notices go
    through ikscli.notices. The terminal renderer (render/terminal.py) is the one
    place that knows the console, and the command layer calls it."""
    allowed = {PACKAGE / "render" / "terminal.py"}
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in CORE
        if path not in allowed
        for line, what in _calls(path)
    ]
    assert found == []
    assert _calls(PACKAGE / "cli" / "app.py"), "the scan finds what the command layer writes"


FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _messages(path: Path) -> list[tuple[int, str]]:
    """The texts given to _() or ngettext() in a module, or raised in an exception."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("_", "ngettext", "N_") or node.func.id.endswith("Error"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.append((node.lineno, arg.value))
    return found


def test_the_core_never_names_a_command_line_flag():
    """A message of the core names an option by its role ({limit}); the command line
    spells it as its flag (ikscli.text.options), the Python API as its argument."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in CORE
        for line, text in _messages(path)
        if FLAG.search(text)
    ]
    assert found == []
    listing = PACKAGE / "cli" / "commands" / "list.py"
    assert any(FLAG.search(t) for _line, t in _messages(listing)), "the scan finds flags"


def test_every_role_a_message_names_is_spelled_by_the_command_line_and_the_api():
    from ikscli.cli.options import SPELLED
    from ikscli.text.options import API

    used = set()
    for path in CORE:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'option\("([a-z_]+)"\)', text))
    assert used and used <= set(SPELLED) and used <= set(API)
    assert set(SPELLED) == set(API)


QUERY_COMMANDS = ("list", "count", "hosts", "matrix", "law", "graph")
FILTER_OPTIONS = {"--kommune", "--party", "--host", "--form", "--category", "--status", "--search"}


def test_every_query_command_has_one_filter_set_in_its_panels():
    """The same filters on every query command, under Filters; output and dataset
    options under their own panels (rich_help_panel)."""
    import typer

    from ikscli.cli.app import app
    from ikscli.cli.options import DATASET, FILTERS, OUTPUT

    group = typer.main.get_command(app)
    for name in QUERY_COMMANDS:
        command = group.commands[name]  # type: ignore[attr-defined]
        panels: dict[str, set[str]] = {}
        for param in command.params:
            panel = getattr(param, "rich_help_panel", None)
            panels.setdefault(panel, set()).update(param.opts)
        assert panels.get(FILTERS, set()) >= FILTER_OPTIONS, name
        assert {"--data", "--no-cache"} <= panels.get(DATASET, set()), name
        assert "--output" in panels.get(OUTPUT, set()) or "-o" in panels.get(OUTPUT, set()), name


@pytest.mark.parametrize("command", ["count", "hosts", "matrix", "law"])
def test_party_selects_the_same_agreements_on_every_query_command(run, command):
    """--party (any role) narrows each command to what `list --party` lists."""
    import json

    party = "Oppland fylkeskommune"  # a partner, never a member: only --party finds it
    listed = json.loads(run("list", "--party", party, "--format", "json").stdout)
    assert listed and all(party not in a["members"] for a in listed)
    ids = {a["id"] for a in listed}
    result = run(command, "--party", party, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    if command == "count":
        assert sum(group["count"] for group in found) == len(ids)
    elif command == "hosts":
        hosted = {a["id"] for host in found for a in host["agreements"]}
        assert hosted <= ids  # none of its five has a host: an empty list, not all hosts
        everything = json.loads(run(command, "--format", "json").stdout)
        assert everything and len(found) < len(everything)
    else:
        rows = found if isinstance(found, list) else found["agreements"]
        shown = {r["id"] for r in rows if "id" in r}
        assert shown and shown <= ids


def test_contributing_maps_every_module():
    """CONTRIBUTING.md's map names every module of the package, each under its folder."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split("## Where things live", 1)[1].split("```", 2)[1]
    listed: set[str] = set()
    folders: list[tuple[int, str]] = []
    for line in block.splitlines():
        name = line.strip().split(" ", 1)[0]
        if not name:
            continue
        indent = len(line) - len(line.lstrip())
        while folders and folders[-1][0] >= indent:
            folders.pop()
        if name.endswith("/"):
            folders.append((indent, name))
        elif name.endswith(".py"):
            listed.add("".join(f for _i, f in folders) + name)
    modules = {str(p.relative_to(ROOT)).replace("\\", "/") for p in PACKAGE.rglob("*.py")}
    assert modules - listed == set(), "add these to CONTRIBUTING.md's map"
    assert {m for m in listed if m.startswith("ikscli/")} - modules == set(), "gone"
