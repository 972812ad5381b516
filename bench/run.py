"""Benchmarks: whole-process timings of ikscli against what its stack imposes.

Generates synthetic national-shape datasets (bench/generate.py), runs commands as
separate processes several times, interleaved in a new random order each round, and
prints medians and the ratios the speed issue sets as targets. A target's ratio is
the median of the per-round ratios of the two commands it compares: on a shared
machine whose speed drifts by 20 %, pairing within a round keeps the drift out. Not a
test: CI does not run it.

    python bench/run.py            # bundled data, 1k and 20k agreements (~3 minutes)
    python bench/run.py --large    # also 200k agreements (needs ~2 GiB and more time)
    python bench/run.py --runs 11  # more runs per measurement
    python bench/run.py --only real  # only the real-shaped part (every command, errors)

Run it with the Python of the environment where ikscli is installed; it uses that
environment's `ikscli` entry point (not a pyenv shim, which adds ~90 ms per start).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

MINIMAL_APP = """
import json, sys
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()

@app.command()
def main(path: str, kommune: str = "Øyer") -> None:
    rows = json.load(open(path, encoding="utf-8"))
    table = Table()
    for header in ("Agreement", "Form", "Members", "Host"):
        table.add_column(header)
    n = 0
    for r in rows:
        if kommune in r["members"]:
            n += 1
            table.add_row(r["name"] + "\\n" + r["id"], r["form"] or "",
                          ", ".join(r["members"]), r["host"] or "")
    Console().print(table)
    print(f"{n} agreements")

app()
"""

BARE_LOAD = (
    "import gc, sys, yaml; gc.disable(); "
    "yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
)


def run_once(
    argv: list[str], env: dict[str, str], allowed: tuple[int, ...] = (0, 1)
) -> tuple[float, float, int]:
    """Wall time (s), CPU time (s, user + system) and peak memory (KiB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in allowed:
        raise SystemExit(
            f"failed ({process.returncode}): {' '.join(argv)}\n{process.stderr.read().decode()}"
        )
    process.stderr.close()
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(
    commands: dict[str, list[str]],
    env: dict[str, str],
    runs: int,
    setup: dict[str, Callable[[], None]] | None = None,
    allowed: tuple[int, ...] = (0, 1),
) -> dict[str, tuple[float, int, float, list[float], list[float]]]:
    """Median wall time, peak memory, median CPU time, and the times of each round.

    Runs are interleaved, in a new random order each round, so that a slow spell of
    the machine or the position after a heavy command hits every command alike.
    `setup[name]`, if given, runs (untimed) before each run of that command: an edit
    starts from the same file every time.
    """
    setup = setup or {}
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = dict.fromkeys(commands, 0)
    order = list(commands)
    shuffle = random.Random(2019).shuffle
    for name in order:  # warm the OS file cache and the ikscli cache
        setup.get(name, _nothing)()
        run_once(commands[name], env, allowed)
    for _ in range(runs):
        shuffle(order)
        for name in order:
            setup.get(name, _nothing)()
            elapsed, used, rss = run_once(commands[name], env, allowed)
            times[name].append(elapsed)
            cpu[name].append(used)
            memory[name] = max(memory[name], rss)
    return {
        name: (
            statistics.median(times[name]),
            memory[name],
            statistics.median(cpu[name]),
            times[name],
            cpu[name],
        )
        for name in commands
    }


def _nothing() -> None:
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--large", action="store_true", help="include 200k agreements")
    parser.add_argument("--json", metavar="FILE", help="also write the targets as JSON")
    parser.add_argument("--only", choices=["synthetic", "real", "edits"], help="run one part only")
    args = parser.parse_args()

    bindir = Path(sys.executable).parent
    ikscli = shutil.which("ikscli", path=str(bindir)) or shutil.which("ikscli")
    if ikscli is None:
        raise SystemExit("install ikscli in this environment first (pip install .)")
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="ikscli-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "NO_COLOR": "1"}
    env.pop("IKSCLI_DATA", None)

    sizes = [1_000, 20_000] + ([200_000] if args.large else [])
    files = {}
    for n in sizes:  # in a child process, so that this one stays small: a forked child's
        files[n] = work / f"national-{n}.yaml"  # peak memory would include ours
        with open(files[n], "wb") as handle:
            subprocess.run([python, str(HERE / "generate.py"), str(n)], stdout=handle, check=True)
    app = work / "minimal_app.py"
    app.write_text(MINIMAL_APP, encoding="utf-8")
    rows = work / "rows.json"
    rows.write_bytes(
        subprocess.run(
            [ikscli, "list", "--format", "json"], env=env, capture_output=True, check=True
        ).stdout
    )

    results: list[tuple[str, float, float, str, float | None]] = []
    # (target, value, limit, detail, CPU-time ratio)

    def target(
        label: str, ours: tuple, base: tuple, limit: float, detail: str, paired: bool = True
    ) -> None:
        """The median over rounds of ours/base, both timed in the same round (a slow
        spell of the machine then slows both); across blocks, the ratio of medians."""
        if paired:
            wall = statistics.median(a / b for a, b in zip(ours[3], base[3], strict=False))
            cpu = statistics.median(a / b for a, b in zip(ours[4], base[4], strict=False))
        else:
            wall, cpu = ours[0] / base[0], ours[2] / base[2]
        results.append((label, wall, limit, detail, cpu))

    print(f"ikscli at {ikscli}; medians of {args.runs} runs; datasets in {work}\n")
    if args.only in (None, "synthetic"):
        synthetic(args, ikscli, python, work, env, files, app, rows, sizes, target, results)
    if args.only in (None, "real"):
        real_shaped(args, ikscli, python, work, env, sizes, target, results)
    if args.only in (None, "edits"):
        edits(args, ikscli, python, work, env, sizes, target, results)
    return report(args, results, work)


def synthetic(args, ikscli, python, work, env, files, app, rows, sizes, target, results) -> None:
    """The targets of the speed issue, on random national-shape data."""
    timing = measure(
        {
            "python -c pass": [python, "-c", "pass"],
            "minimal typer+rich app (JSON)": [python, str(app), str(rows)],
            "ikscli list --kommune Øyer": [ikscli, "list", "--kommune", "Øyer"],
            "ikscli count --by form": [ikscli, "count", "--by", "form"],
            "ikscli --version": [ikscli, "--version"],
            "ikscli --help": [ikscli, "--help"],
        },
        env,
        args.runs,
    )
    print(f"  {'command':<42} {'wall':>11} {'cpu':>11} {'peak memory':>12}")
    for name, (t, rss, used, *_) in timing.items():
        print(f"  {name:<42} {t * 1000:8.1f} ms {used * 1000:8.1f} ms {rss / 1024:8.1f} MiB")
    target(
        "1. list --kommune Øyer vs minimal typer app",
        timing["ikscli list --kommune Øyer"],
        timing["minimal typer+rich app (JSON)"],
        1.10,
        "bundled data",
    )

    big: dict[int, dict[str, tuple[float, int]]] = {}
    for n in sizes:
        path = str(files[n])
        cache_dir = work / "cache"
        # Light and heavy commands are timed in separate rounds: a process that has just
        # freed hundreds of MiB slows the one after it, which would blur the ratios.
        light = {
            "bundled: count --by form": [ikscli, "count", "--by", "form"],
            "bundled: list --kommune Øyer": [ikscli, "list", "--kommune", "Øyer"],
            "count --by form (cached)": [ikscli, "count", "--by", "form", "--data", path],
            "list --kommune Øyer (cached)": [ikscli, "list", "--kommune", "Øyer", "--data", path],
            "list --format json (cached)": [ikscli, "list", "--format", "json", "--data", path],
            "list (table, cached)": [ikscli, "list", "--data", path],
        }
        heavy = {
            "bare yaml.load (CSafeLoader, gc off)": [python, "-c", BARE_LOAD, path],
            "count --by form --no-cache": [
                ikscli,
                "count",
                "--by",
                "form",
                "--no-cache",
                "--data",
                path,
            ],
        }
        runs = args.runs if n < 200_000 else max(3, args.runs // 3)
        if n >= 200_000:  # the bundled references say nothing new at this size
            del light["bundled: count --by form"], light["bundled: list --kommune Øyer"]
        big[n] = {**measure(heavy, env, runs), **measure(light, env, runs)}
        print(f"\n{n:,} agreements ({files[n].stat().st_size / 2**20:.1f} MiB of YAML):")
        for name, (t, rss, used, *_) in big[n].items():
            print(f"  {name:<42} {t * 1000:8.1f} ms {used * 1000:8.1f} ms {rss / 1024:8.1f} MiB")
        assert not any(cache_dir.glob("*/.tmp-*")), "a temporary cache file was left behind"

    b20 = big[20_000]
    target(
        "2. 20k first run (--no-cache) vs bare yaml.load",
        b20["count --by form --no-cache"],
        b20["bare yaml.load (CSafeLoader, gc off)"],
        0.90,
        "count --by form",
    )
    target(
        "3. 20k later run vs the same on 58 rows",
        b20["count --by form (cached)"],
        b20["bundled: count --by form"],
        1.25,
        "count --by form",
    )
    target(
        "3. 20k later run vs the same on 58 rows",
        b20["list --kommune Øyer (cached)"],
        b20["bundled: list --kommune Øyer"],
        1.25,
        "list --kommune Øyer",
    )
    target(
        "4. 20k list --format json vs count --by form",
        b20["list --format json (cached)"],
        b20["count --by form (cached)"],
        1.50,
        "later runs",
    )
    target(
        "6. 20k list as a table vs count --by form",
        b20["list (table, cached)"],
        b20["count --by form (cached)"],
        1.50,
        "capped, not 12 s",
    )
    if 200_000 in big:
        b200 = big[200_000]
        target(
            "5. 200k first run vs 20k first run",
            b200["count --by form --no-cache"],
            b20["count --by form --no-cache"],
            11.0,
            "linear: 10x the data",
            paired=False,
        )
        target(
            "5. 200k later run vs 20k later run",
            b200["count --by form (cached)"],
            b20["count --by form (cached)"],
            11.0,
            "linear: 10x the data",
            paired=False,
        )
        results.append(
            (
                "5. 200k peak memory, first run (MiB)",
                b200["count --by form --no-cache"][1] / 1024,
                2048,
                "limit 2 GiB",
                None,
            )
        )
        results.append(
            (
                "5. 200k peak memory, later runs (MiB)",
                max(b200[k][1] for k in b200 if "cached" in k) / 1024,
                600,
                "limit 600 MiB",
                None,
            )
        )


def commands_for(ikscli: str, path: str, other: str, ident: str) -> dict[str, list[str]]:
    """Every command, on a cached dataset (diff compares it with an edited copy)."""
    d = ["--data", path]
    return {
        "count --by form": [ikscli, "count", "--by", "form", *d],
        "count --by kommune --by form": [ikscli, "count", "--by", "kommune", "--by", "form", *d],
        "list (table)": [ikscli, "list", *d],
        "list --kommune Øyer": [ikscli, "list", "--kommune", "Øyer", *d],
        "list --format json": [ikscli, "list", "--format", "json", *d],
        "list --format csv": [ikscli, "list", "--format", "csv", *d],
        "list --excel": [ikscli, "list", "--excel", *d],
        "list --format markdown": [ikscli, "list", "--format", "markdown", *d],
        "filter kommune=Øyer form!=AS": [ikscli, "filter", "kommune=Øyer", "form!=AS", *d],
        "hosts": [ikscli, "hosts", *d],
        "show ID": [ikscli, "show", ident, *d],
        "matrix": [ikscli, "matrix", *d],
        "law --all": [ikscli, "law", "--all", "--format", "csv", *d],
        "report": [ikscli, "report", *d],
        "report --format html": [ikscli, "report", "--format", "html", *d],
        "graph": [ikscli, "graph", *d],
        "graph --format dot": [ikscli, "graph", "--format", "dot", *d],
        "validate": [ikscli, "validate", path],
        "diff OLD NEW": [ikscli, "diff", path, other, "--format", "json"],
    }


def edited(source: Path, target: Path, every: int, old: str, new: str) -> Path:
    """A copy of `source` with every `every`-th occurrence of `old` replaced by `new`."""
    parts = source.read_text(encoding="utf-8").split(old)
    text = parts[0] + "".join(
        (new if i % every == 0 else old) + part for i, part in enumerate(parts[1:], start=1)
    )
    target.write_text(text, encoding="utf-8")
    return target


def real_shaped(args, ikscli, python, work, env, sizes, target, results) -> None:
    """Real-shaped data (the real records replicated, warnings and all): the first run,
    every command within 3x count, linear growth, and files full of errors."""
    real: dict[int, Path] = {}
    for n in sizes:
        if n < 20_000:
            continue
        real[n] = work / f"real-{n}.yaml"
        with open(real[n], "wb") as handle:
            subprocess.run(
                [python, str(HERE / "generate.py"), str(n), "--shape", "real"],
                stdout=handle,
                check=True,
            )
    per_size: dict[int, dict] = {}
    for n, path in real.items():
        other = edited(
            path,
            work / f"real-{n}-next.yaml",
            50,
            "\n    status: terminated",
            "\n    status: active",
        )
        runs = args.runs if n < 200_000 else max(3, args.runs // 3)
        first = measure(
            {
                "bare yaml.load (CSafeLoader, gc off)": [python, "-c", BARE_LOAD, str(path)],
                "count --by form --no-cache": [
                    ikscli,
                    "count",
                    "--by",
                    "form",
                    "--no-cache",
                    "--data",
                    str(path),
                ],
            },
            env,
            runs,
        )
        every = measure(commands_for(ikscli, str(path), str(other), "regionrad-00003"), env, runs)
        per_size[n] = {**first, **every}
        print(f"\nreal-shaped, {n:,} agreements ({path.stat().st_size / 2**20:.1f} MiB):")
        for name, (t, rss, used, *_) in per_size[n].items():
            print(f"  {name:<42} {t * 1000:8.1f} ms {used * 1000:8.1f} ms {rss / 1024:8.1f} MiB")
        target(
            f"7. real {n // 1000}k first run vs bare yaml.load",
            first["count --by form --no-cache"],
            first["bare yaml.load (CSafeLoader, gc off)"],
            0.90,
            "count --by form --no-cache",
        )
        for name, timing in every.items():
            if name != "count --by form":
                target(
                    f"8. real {n // 1000}k {name}",
                    timing,
                    every["count --by form"],
                    3.0,
                    "vs count, cached",
                )
    if 20_000 in per_size and 200_000 in per_size:
        for name in per_size[20_000]:
            if "bare" in name:
                continue
            target(
                f"9. {name}: 200k vs 20k",
                per_size[200_000][name],
                per_size[20_000][name],
                11.0,
                "linear: 10x the data",
                paired=False,
            )
        results.append(
            (
                "9. real 200k peak memory, first run (MiB)",
                per_size[200_000]["count --by form --no-cache"][1] / 1024,
                1536,
                "2 GiB with a margin",
                None,
            )
        )
    if 20_000 in real:
        clean = real[20_000]
        broken = {
            "1,000 unknown parents": edited(
                clean,
                work / "parents.yaml",
                1,
                "    parent: regionalt-helsesamarbeid-0",
                "    parent: unknown-helsesamarbeid-0",
            ),
            "1,000 undeclared members": edited(
                clean,
                work / "members.yaml",
                3,
                "members: [Gausdal, Lillehammer, Øyer]",
                "members: [Gausdal, Lillehamar, Øyer]",
            ),
            "a 20,000-deep parent chain": chain(clean, work / "chain.yaml"),
        }
        validate = {"clean": [ikscli, "validate", "--no-cache", str(clean)]}
        validate.update({k: [ikscli, "validate", "--no-cache", str(v)] for k, v in broken.items()})
        timing = measure(validate, env, args.runs)
        print("\nreal-shaped 20k, validate --no-cache:")
        for name, (t, rss, used, *_) in timing.items():
            print(f"  {name:<42} {t * 1000:8.1f} ms {used * 1000:8.1f} ms {rss / 1024:8.1f} MiB")
        for name in broken:
            target(
                f"10. {name} vs a clean file",
                timing[name],
                timing["clean"],
                2.0,
                "validate --no-cache, 20k",
            )
        deep = {
            "report (chain)": [
                ikscli,
                "report",
                "--data",
                str(broken["a 20,000-deep parent chain"]),
            ],
            "count (chain)": [ikscli, "count", "--data", str(broken["a 20,000-deep parent chain"])],
        }
        timing = measure(deep, env, args.runs)
        target(
            "10. report on a 20,000-deep chain vs count",
            timing["report (chain)"],
            timing["count (chain)"],
            3.0,
            "no recursion limit",
        )


def edits(args, ikscli, python, work, env, sizes, target, results) -> None:
    """The commands that write (issue 18): each from the same real-shaped file every
    run (its content cached, as after a query), against count --no-cache (a full
    validation) and, for a refused id, a cached count. The cache may hold a few national
    files here (IKSCLI_CACHE_MAX_MB=1024, as docs/speed.md advises for them): at the
    default 64 MiB one 200,000-agreement entry evicts the other."""
    env = {**env, "IKSCLI_CACHE_MAX_MB": "1024"}
    for n in sizes:
        if n < 20_000:
            continue
        pristine = work / f"edit-{n}-pristine.yaml"
        with open(pristine, "wb") as handle:
            subprocess.run(
                [python, str(HERE / "generate.py"), str(n), "--shape", "real"],
                stdout=handle,
                check=True,
            )
        path = work / f"edit-{n}.yaml"
        shutil.copyfile(pristine, path)
        subprocess.run([ikscli, "fmt", str(path)], env=env, capture_output=True, check=True)
        shutil.copyfile(path, pristine)  # canonical: fmt --check then has one record to do
        one = work / f"edit-{n}-one.yaml"
        text = pristine.read_text(encoding="utf-8")
        one.write_text(
            text.replace("[Gausdal, Lillehammer, Øyer]", "[Gausdal,  Lillehammer, Øyer]", 1),
            encoding="utf-8",
        )
        messy = work / f"edit-{n}-messy.yaml"
        messy.write_text(
            text.replace(
                "    members: [Gausdal, Lillehammer, Øyer]\n",
                "    members:\n      - Gausdal\n      - Lillehammer\n      - Øyer\n",
            ),
            encoding="utf-8",
        )
        table = _import_table(ikscli, env, path, work / f"edit-{n}.csv")
        d = ["--data", str(path)]
        commands = {
            "count --by form --no-cache": [ikscli, "count", "--by", "form", "--no-cache", *d],
            "count --by form (cached)": [ikscli, "count", "--by", "form", *d],
            "set ID note=...": [ikscli, "set", "ufo-00003", "note=Ny merknad", *d],
            "set with an unknown id": [ikscli, "set", "ukjent-id", "note=x", *d],
            "add": [ikscli, "add", "ny-rad", "name=Ny rad", "category=Ungdom", *d],
            "end": [ikscli, "end", "ufo-00003", *d],
            "remove": [ikscli, "remove", "ufo-00003", *d],
            "rename-party": [ikscli, "rename-party", "OFK", "Innlandet fylkeskommune", *d],
            "import 100 changed, 100 added": [ikscli, "import", str(table), "--into", str(path)],
            "snapshot": [
                ikscli,
                "snapshot",
                "--as-of",
                "2020-01-01",
                "-o",
                str(work / "next.yaml"),
                "--force",
                *d,
            ],
            "fmt --check, one record off": [ikscli, "fmt", "--check", str(one)],
        }
        restore = {name: (lambda p=pristine, q=path: shutil.copyfile(p, q)) for name in commands}
        runs = args.runs if n < 200_000 else max(3, args.runs // 3)
        timing = measure(commands, env, runs, restore, allowed=(0, 1, 2))
        cold_env = {**env, "XDG_CACHE_HOME": str(work / "cold-cache")}
        cold = measure(
            {"fmt, cold, every record": [ikscli, "fmt", str(path)]},
            cold_env,
            max(3, runs // 2),
            {"fmt, cold, every record": lambda m=messy, p=path: _cold(m, p, work / "cold-cache")},
        )
        timing.update(cold)
        print(f"\nedits, real-shaped {n:,} agreements:")
        for name, (t, rss, used, *_) in timing.items():
            print(f"  {name:<42} {t * 1000:8.1f} ms {used * 1000:8.1f} ms {rss / 1024:8.1f} MiB")
        full = timing["count --by form --no-cache"]
        for name in ("set ID note=...", "add", "end", "remove", "rename-party"):
            target(f"11. real {n // 1000}k {name}", timing[name], full, 2.0, "vs count --no-cache")
        target(
            f"11. real {n // 1000}k set with an unknown id",
            timing["set with an unknown id"],
            timing["count --by form (cached)"],
            1.5,
            "vs count, cached",
        )
        for name in ("import 100 changed, 100 added", "snapshot", "fmt --check, one record off"):
            target(f"11. real {n // 1000}k {name}", timing[name], full, 3.0, "vs count --no-cache")
        target(
            f"11. real {n // 1000}k fmt, cold, every record",
            timing["fmt, cold, every record"],
            full,
            10.0,
            "vs count --no-cache",
            paired=False,
        )
        if n >= 200_000:
            peak = max(timing[k][1] for k in timing if not k.startswith(("count", "fmt, cold")))
            results.append(
                (
                    "11. real 200k peak memory of an edit vs count --no-cache",
                    peak / full[1],
                    2.0,
                    "twice at most",
                    None,
                )
            )


def _cold(messy: Path, path: Path, cache: Path) -> None:
    """A file fmt must rewrite whole, and no cache: the first fmt of a national file."""
    shutil.copyfile(messy, path)
    shutil.rmtree(cache, ignore_errors=True)


def _import_table(ikscli: str, env: dict[str, str], path: Path, table: Path) -> Path:
    """The dataset exported as CSV, with 100 remarks changed and 100 rows added."""
    import csv
    import io

    out = subprocess.run(
        [ikscli, "list", "-f", "csv", "--data", str(path)], env=env, capture_output=True, check=True
    ).stdout.decode("utf-8")
    header, *rows = list(csv.reader(io.StringIO(out)))
    note = header.index("note")
    for row in rows[: 100 * 50 : 50]:
        row[note] = "Endret i regnearket"
    blank = [""] * len(header)
    for i in range(100):
        row = list(blank)
        row[0], row[1], row[header.index("category")] = f"ny-{i:03d}", f"Ny rad {i}", "Ungdom"
        row[header.index("members")] = "Gausdal"
        rows.append(row)
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return table


def chain(source: Path, target: Path) -> Path:
    """Every agreement the sub-agreement of the one before: one 20,000-deep chain."""
    import re

    lines, previous = [], None
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("    parent: "):
            continue
        lines.append(line)
        match = re.match(r"  - id: (\S+)$", line)
        if match:
            if previous is not None:
                lines.append(f"    parent: {previous}")
            previous = match.group(1)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def report(args, results, work) -> int:
    print(
        "\nTargets (median of per-round wall-clock ratios, CPU-time ratio beside it; "
        "lower is better):"
    )
    ok = True
    for label, ratio, limit, detail, cpu_ratio in results:
        met = ratio <= limit
        ok &= met
        cpu_text = f"cpu {cpu_ratio:5.2f}" if cpu_ratio is not None else " " * 9
        print(
            f"  {'met ' if met else 'MISS'}  {label:<48} {ratio:7.2f}  {cpu_text}  "
            f"(limit {limit:g}; {detail})"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                [
                    {
                        "target": r[0],
                        "value": r[1],
                        "limit": r[2],
                        "detail": r[3],
                        "cpu_ratio": r[4],
                    }
                    for r in results
                ],
                indent=2,
            ),
            encoding="utf-8",
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
