"""Nynorsk: a reader who writes nynorsk (IKSCLI_LANG=nn, LANG=nn_NO) gets it in every
string the tool writes, and a dataset that says its language (`meta.language: nn`) has
its appendix, change list and web page in nynorsk whatever the reader's locale.

Everything runs through the real command line. A nynorsk output is read for bokmål's
own forms (glossary.BOKMAL_ONLY) in the tool's words: the dataset's own text (names,
remarks, the source's prose, which is bokmål) is taken out of the output first.
"""

from __future__ import annotations

import html
import json
import re
import zipfile

import pytest
from cli import DATA, EXAMPLE, ikscli
from test_layout import COMMANDS

from ikscli.i18n.glossary import BOKMAL_ONLY, GLOSSARY

NYNORSK = {"IKSCLI_LANG": "nn"}
BOKMAL = {"IKSCLI_LANG": "nb"}
WIDE = {"COLUMNS": "400"}  # tables that do not wrap, so the data's text comes out whole
BOKMAL_WORD = re.compile(
    r"(?<![\w-])(" + "|".join(map(re.escape, BOKMAL_ONLY)) + r")(?![\w-])", re.I
)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _data_text(*paths) -> list[str]:
    """Every string of these dataset files, longest first (to take out of an output)."""
    import yaml

    found = {s for path in paths for s in _strings(yaml.safe_load(path.read_text("utf-8")))}
    return sorted(found, key=len, reverse=True)


def own_words(text: str, data: list[str]) -> str:
    """`text` without the dataset's strings: what the tool itself wrote."""
    for value in data:
        text = text.replace(value, " ")
        text = text.replace(json.dumps(value, ensure_ascii=False)[1:-1], " ")
    return text


def bokmal_in(text: str, data: list[str]) -> list[str]:
    return sorted({m.lower() for m in BOKMAL_WORD.findall(own_words(text, data))})


def run(tmp_path, *args, env=NYNORSK, code=(0,)):
    result = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c", env={**env, **WIDE})
    assert result.returncode in code, (args, result.stderr.decode())
    return result.stdout.decode("utf-8") + result.stderr.decode("utf-8")


def _text_of(markup: str) -> str:
    """What a reader sees of HTML or XML: no tags, no style, no script (the page's data
    stays: it is JSON, with the page's words in it), entities read."""
    markup = re.sub(r"<(style|script)>.*?</\1>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _zip_text(path, prefix: str) -> str:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith(prefix) and n.endswith(".xml")]
        return " ".join(_text_of(archive.read(n).decode("utf-8")) for n in names)


def test_the_glossary_has_a_nynorsk_word_the_catalog_uses_for_each_concept():
    from catalog import strings

    from ikscli.i18n import catalog_file

    text = " ".join(
        t for _id, texts in strings(catalog_file("nn").read_text("utf-8"), "nn") for t in texts
    ).lower()
    assert [t.nynorsk for t in GLOSSARY if t.nynorsk.lower() not in text] == []
    assert "sagd opp" in text and "medlemer" in text and "kommunar" in text  # NOTES.md


def test_the_nynorsk_catalog_has_no_bokmal_form():
    from catalog import strings

    from ikscli.i18n import catalog_file

    found = [
        f"{msgid!r} → {t!r}"
        for msgid, texts in strings(catalog_file("nn").read_text("utf-8"), "nn")
        for t in texts
        if BOKMAL_WORD.search(t)
    ]
    assert found == []


def test_the_check_for_bokmal_forms_can_fail():
    assert bokmal_in("Fila finst ikke; kilden seier", []) == ["ikke", "kilden"]
    assert bokmal_in("Fila finst ikkje", []) == []
    assert bokmal_in("Merknad: ikke med", ["ikke med"]) == []  # the data's own text


def test_every_output_people_read_in_nynorsk_is_nynorsk(tmp_path):
    data = _data_text(DATA, EXAMPLE)
    texts = {
        # tables wrap the data's text across lines: their words are read in Markdown
        "list": run(tmp_path, "list", "-f", "markdown"),
        "show eioff": run(tmp_path, "show", "eioff"),
        "show parent": run(tmp_path, "show", "regionalt-helsesamarbeid"),
        "matrix": run(tmp_path, "matrix"),
        "hosts": run(tmp_path, "hosts"),
        "count": run(tmp_path, "count", "--by", "status"),
        "law": run(tmp_path, "law", "--all", "-f", "markdown"),
        "validate": run(tmp_path, "validate"),
        "report": run(tmp_path, "report"),
        "report html": run(tmp_path, "report", "-f", "html"),
        "diff markdown": run(
            tmp_path, "diff", str(DATA), str(EXAMPLE), "-f", "markdown", code=(1,)
        ),
        "excel": run(tmp_path, "list", "--excel"),
        "cache": run(tmp_path, "cache", "info"),
        "usage error": run(tmp_path, "list", "--bogus", code=(2,)),
        "unknown id": run(tmp_path, "show", "finst-ikkje-zz", code=(1, 2)),
        "help": "".join(run(tmp_path, *args, "--help") for args in [[], *COMMANDS_HELP]),
    }
    run(tmp_path, "report", "-f", "docx", "-o", str(tmp_path / "v.docx"))
    run(
        tmp_path,
        "diff",
        str(DATA),
        str(EXAMPLE),
        "-f",
        "docx",
        "-o",
        str(tmp_path / "e.docx"),
        code=(1,),
    )
    run(tmp_path, "list", "-f", "xlsx", "-o", str(tmp_path / "l.xlsx"))
    run(tmp_path, "site", str(tmp_path / "site"))
    texts["report docx"] = _zip_text(tmp_path / "v.docx", "word/")
    texts["diff docx"] = _zip_text(tmp_path / "e.docx", "word/")
    texts["xlsx"] = _zip_text(tmp_path / "l.xlsx", "xl/")
    site = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    texts["site"] = _text_of(site)
    found = {name: bokmal_in(text, data) for name, text in texts.items()}
    assert {name: words for name, words in found.items() if words} == {}
    # and the nynorsk words are there, in the tables too
    table = run(tmp_path, "list", "-k", "Øyer") + run(
        tmp_path, "diff", str(DATA), str(EXAMPLE), code=(1,)
    )
    assert "Medlemer" in table and "samarbeid" in table and "— Nye medlemer —" in table
    assert "Medlemer" in texts["list"] and "Andre partar" in texts["show eioff"]
    assert "sagd opp" in texts["show eioff"] and "Delavtalar" in texts["show parent"]
    assert "åtvaring:" in texts["validate"] and "åtvaringar" in texts["validate"]
    assert "Kommunar:" in texts["report"] and "avtalen er sagd opp" in texts["report"]
    assert '<html lang="nn">' in texts["report html"] and '<html lang="nn">' in site
    assert "Endringar i interkommunale samarbeid frå" in texts["diff markdown"]
    assert "Nye medlemer" in texts["diff markdown"] and "Døme:" in texts["help"]
    assert texts["usage error"].startswith("Feil: ukjend val: --bogus")
    assert 'w:val="nn-NO"' in _raw(tmp_path / "v.docx", "word/styles.xml")


COMMANDS_HELP = [
    [name]
    for name in (
        "list filter count hosts show matrix law report diff graph validate fmt set add end "
        "remove rename-party undo import snapshot site schema"
    ).split()
] + [["export", "sqlite"], ["cache", "info"], ["cache", "clear"]]


def _raw(path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def test_every_command_has_its_help_in_nynorsk(tmp_path):
    assert {name for name, *_ in COMMANDS_HELP} >= {a[0] for a in COMMANDS}
    for args in COMMANDS_HELP:
        nynorsk = run(tmp_path, *args, "--help")
        bokmal = run(tmp_path, *args, "--help", env=BOKMAL)
        assert nynorsk != bokmal, args
        assert nynorsk.lstrip().startswith("Bruk: ikscli"), args
        assert "Usage" not in nynorsk and "Options" not in nynorsk, args


def _with_language(tmp_path, path, language: str):
    text = path.read_text(encoding="utf-8").replace(
        "meta:\n", f"meta:\n  language: {language}\n", 1
    )
    out = tmp_path / f"{path.stem}_{language}.yaml"
    out.write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("reader", [BOKMAL, {"LANG": "en_GB.UTF-8"}], ids=["nb", "en"])
def test_a_nynorsk_dataset_has_its_documents_in_nynorsk_for_any_reader(tmp_path, reader):
    data = _with_language(tmp_path, DATA, "nn")
    later = _with_language(tmp_path, EXAMPLE, "nn")
    checked = run(tmp_path, "validate", "--data", str(data), env=reader)
    assert re.search(r": (error|feil): ", checked) is None, checked
    report = run(tmp_path, "report", "--data", str(data), env=reader)
    assert "Kommunar:" in report and "Kjelde:" in report and "Under utgreiing" in report
    html = run(tmp_path, "report", "-f", "html", "--data", str(data), env=reader)
    assert '<html lang="nn">' in html and "Overstreka" in html
    changes = run(tmp_path, "diff", str(data), str(later), "-f", "markdown", env=reader, code=(1,))
    assert changes.startswith("## Endringar i interkommunale samarbeid frå 01.01.2019")
    run(tmp_path, "site", str(tmp_path / "s"), "--data", str(data), env=reader)
    site = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nn">' in site and "Kven samarbeider med kven" in site
    # what the reader reads on the terminal stays in the reader's language
    table = run(tmp_path, "list", "--data", str(data), env=reader)
    assert ("Medlemmer" if reader is BOKMAL else "Members") in table


def test_a_bokmal_dataset_has_its_documents_in_bokmal_for_a_nynorsk_reader(tmp_path):
    data = _with_language(tmp_path, DATA, "nb")
    report = run(tmp_path, "report", "--data", str(data))
    assert "Kommuner:" in report and "Kilde:" in report and "Under utredning" in report
    assert "Medlemer" in run(tmp_path, "list", "--data", str(data))  # the reader's table


def test_a_language_the_tool_has_no_catalog_for_is_invalid_data(tmp_path):
    data = _with_language(tmp_path, DATA, "se")
    out = run(tmp_path, "validate", "--data", str(data), code=(1,))
    assert re.search(r"samarbeid_2019_se\.yaml:\d+:\d+: feil: .*language", out), out


def test_a_sheet_written_in_nynorsk_imports_for_a_bokmal_reader(tmp_path):
    """Colleagues write different forms: the headers and words of a nynorsk sheet are
    read back on a bokmål (or English) machine, and an unchanged sheet changes nothing."""
    import shutil

    data = tmp_path / "samarbeid.yaml"
    shutil.copy(DATA, data)
    run(tmp_path, "list", "--data", str(data), "-f", "xlsx", "-o", str(tmp_path / "nn.xlsx"))
    assert "Medlemer" in _zip_text(tmp_path / "nn.xlsx", "xl/")
    for reader in (BOKMAL, {"LANG": "en_GB.UTF-8"}):
        out = run(tmp_path, "import", str(tmp_path / "nn.xlsx"), "--data", str(data), env=reader)
        assert "ingenting å endre" in out or "nothing to change" in out, out
    assert data.read_bytes() == DATA.read_bytes()
