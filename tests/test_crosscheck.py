"""`ikscli crosscheck`: the bundled file split into three municipal registers that
disagree on purpose, and every kind of disagreement found at its place in each file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from cli import ROOT, ikscli

from ikscli.edit.emit import value as emitted

OWNERS = {"gausdal": "Gausdal", "lillehammer": "Lillehammer", "oyer": "Øyer"}


def _write(path: Path, data: dict) -> None:
    """A dataset file as the canonical writer would (flow lists, quoted dates)."""
    out = ["meta:"]
    out += [f"  {k}: {emitted(v)}" for k, v in data["meta"].items()]
    out.append("parties:")
    for party in data["parties"]:
        first, *rest = party.items()
        out.append(f"  - {first[0]}: {emitted(first[1])}")
        out += [f"    {k}: {emitted(v)}" for k, v in rest]
    out.append("categories:")
    out += [f"  - {emitted(c)}" for c in data["categories"]]
    out.append("agreements:")
    for agreement in data["agreements"]:
        first, *rest = agreement.items()
        out.append(f"  - {first[0]}: {emitted(first[1])}")
        out += [f"    {k}: {emitted(v)}" for k, v in rest]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _takes_part(agreement: dict, owner: str) -> bool:
    return owner in (
        *agreement.get("members", []),
        *agreement.get("partners", []),
        agreement.get("host"),
    )


def split(folder: Path) -> dict[str, Path]:
    """The bundled file as three registers: each municipality's own (meta.region names
    it), with the agreements it takes part in, as the source has them."""
    source = yaml.safe_load((ROOT / "data" / "samarbeid_2019.yaml").read_text(encoding="utf-8"))
    paths = {}
    for stem, owner in OWNERS.items():
        data = dict(source)
        data["meta"] = {**source["meta"], "region": owner, "title": f"Samarbeid for {owner}"}
        ids = {a["id"] for a in source["agreements"] if _takes_part(a, owner)}
        data["agreements"] = [
            a
            for a in source["agreements"]
            if a["id"] in ids and (a.get("parent") is None or a["parent"] in ids)
        ]
        paths[stem] = folder / f"{stem}.yaml"
        _write(paths[stem], data)
    return paths


def _edit(path: Path, ident: str, **changes) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for agreement in data["agreements"]:
        if agreement["id"] == ident:
            for key, value in changes.items():
                if value is None:
                    agreement.pop(key, None)
                else:
                    agreement[key] = value
    data["agreements"] = [a for a in data["agreements"] if a.get("drop") is not True]
    _write(path, data)


def _line(path: Path, ident: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == f"  - id: {ident}")


def _run(tmp_path: Path, *args: str):
    paths = [str(p) for p in args]
    return ikscli("crosscheck", *paths, cwd=tmp_path, cache=tmp_path / "c")


def test_the_three_registers_as_split_from_one_source_agree(tmp_path):
    paths = split(tmp_path)
    for path in paths.values():
        assert (
            ikscli("validate", "--data", str(path), cwd=tmp_path, cache=tmp_path / "c").returncode
            == 0
        )
    done = _run(tmp_path, *paths.values())
    assert done.returncode == 0, done.stdout
    assert done.stdout == b""
    assert b"3 registers agree" in done.stderr


@pytest.fixture
def disagreeing(tmp_path) -> dict[str, Path]:
    paths = split(tmp_path)
    # Lillehammer's own file leaves out an agreement Gausdal's lists it in
    _edit(paths["lillehammer"], "innlandet-revisjon-iks", drop=True)
    # Øyer's file has another host for the fire service
    _edit(paths["oyer"], "felles-brann-og-feiertjeneste", host="Øyer")
    # Gausdal's file has another form for the crisis centre
    _edit(paths["gausdal"], "gudbrandsdal-krisesenter-iks", form="AS")
    # Lillehammer states the members that Gausdal's file (the source) leaves uncertain
    _edit(paths["lillehammer"], "skappa-kunnskapspark", members_basis=None, members_evidence=None)
    # Øyer's file has the same agreement under another id: matched by its name
    _edit(paths["oyer"], "glor-iks", id="glor")
    # Øyer's file leaves Gausdal out of the crisis centre, and has the auditors ended
    _edit(paths["oyer"], "gudbrandsdal-krisesenter-iks", members=["Lillehammer", "Øyer"])
    _edit(paths["oyer"], "kontrollutvalgssekretariat", status="terminated")
    return paths


def test_each_disagreement_is_found_with_its_place_in_each_file(tmp_path, disagreeing):
    paths = disagreeing
    done = _run(tmp_path, *paths.values())
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    g, li, o = (paths[k].name for k in ("gausdal", "lillehammer", "oyer"))
    missing = [x for x in lines if "does not list it" in x and "Innlandet Revisjon" in x]
    assert len(missing) == 2  # Gausdal's and Øyer's files both name Lillehammer
    assert missing[0].startswith(f"{g}:{_line(paths['gausdal'], 'innlandet-revisjon-iks')}:5: ")
    assert "'Lillehammer'" in missing[0] and li in missing[0]
    host = [x for x in lines if x.split(": ", 1)[1].startswith("different host")]
    assert len(host) == 2  # Øyer against Gausdal, and against Lillehammer
    assert (
        f"{o}: Øyer" in host[0]
        and f"[{o}:{_line(paths['oyer'], 'felles-brann-og-feiertjeneste')}:5]" in host[0]
    )
    form = [x for x in lines if "different form" in x]
    assert len(form) == 2 and all(f"{g}: AS" in x for x in form)
    unsure = [x for x in lines if "uncertain in one" in x]
    assert {x.split("(")[1].split(")")[0] for x in unsure} == {"'Gausdal'", "'Lillehammer'"}
    assert not [x for x in lines if "GLØR" in x or "glor" in x]  # matched by name
    assert b"differences" in done.stderr


def test_json_keeps_each_finding_exactly_and_markdown_is_the_auditors_table(tmp_path, disagreeing):
    paths = disagreeing
    done = ikscli(
        "crosscheck", *map(str, paths.values()), "-f", "json", cwd=tmp_path, cache=tmp_path / "c"
    )
    assert done.returncode == 1
    findings = json.loads(done.stdout)
    kinds = sorted({f["kind"] for f in findings})
    assert kinds == ["form", "host", "missing", "participants", "status", "uncertain"]
    part = next(f for f in findings if f["kind"] == "participants")
    assert part["municipality"] == "Gausdal"
    assert part["values"] == {"gausdal.yaml": "takes part", "oyer.yaml": "not taking part"}
    unsure = next(f for f in findings if f["kind"] == "uncertain")
    assert unsure["values"] == {"gausdal.yaml": "uncertain", "lillehammer.yaml": "stated"}
    host = next(f for f in findings if f["kind"] == "host")
    assert host["values"] == {"gausdal.yaml": "Lillehammer", "oyer.yaml": "Øyer"}
    assert [p["id"] for p in host["places"]] == ["felles-brann-og-feiertjeneste"] * 2
    markdown = ikscli(
        "crosscheck", *map(str, paths.values()), "-f", "markdown",
        cwd=tmp_path, cache=tmp_path / "c", env={"IKSCLI_LANG": "nb"},
    )  # fmt: skip
    text = markdown.stdout.decode()
    assert markdown.returncode == 1 and text.startswith("| Avvik")
    assert text.count("\n") == len(findings) + 2


def test_an_agreement_is_matched_by_its_organisation_number_first(tmp_path):
    paths = split(tmp_path)
    _edit(paths["gausdal"], "glor-iks", orgnr="964338531")
    _edit(paths["oyer"], "glor-iks", orgnr="964338531", id="renovasjon", name="Renovasjonen")
    assert _run(tmp_path, paths["gausdal"], paths["oyer"]).returncode == 0
    _edit(paths["oyer"], "renovasjon", host="Øyer")
    done = _run(tmp_path, paths["gausdal"], paths["oyer"])
    assert done.returncode == 1 and b"different host" in done.stdout


def test_crosscheck_refuses_with_exit_2_and_one_line(tmp_path):
    paths = split(tmp_path)
    once = _run(tmp_path, paths["gausdal"])
    assert once.returncode == 2 and len(once.stderr.splitlines()) == 1
    missing = _run(tmp_path, paths["gausdal"], tmp_path / "nope.yaml")
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr
    (tmp_path / "bad.yaml").write_text("meta: [\n", encoding="utf-8")
    bad = _run(tmp_path, paths["gausdal"], tmp_path / "bad.yaml")
    assert bad.returncode == 2 and b"bad.yaml:" in bad.stderr and b"Traceback" not in bad.stderr
