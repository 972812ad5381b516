"""One word for one thing (ikscli/i18n/glossary.py): the catalog and every output people
read in bokmål use the register's words, never the ones to avoid."""

from __future__ import annotations

import re
import zipfile

import pytest
from cli import EXAMPLE, NORWEGIAN, ikscli
from conftest import DATA

from ikscli.i18n.glossary import AVOID, GLOSSARY

PATTERN = re.compile("|".join(sorted(map(re.escape, AVOID), key=len, reverse=True)), re.I)


def test_the_glossary_names_each_concept_once_in_each_language():
    for language in ("english", "bokmal", "nynorsk"):
        words = [getattr(term, language) for term in GLOSSARY]
        assert len(words) == len(set(words)), language
    assert AVOID and all(word not in {t.bokmal for t in GLOSSARY} for word in AVOID)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_catalog_uses_the_glossarys_words(language):
    from catalog import strings

    from ikscli.i18n import catalog_file

    found = [
        f"{msgid!r} → {text!r}"
        for msgid, texts in strings(catalog_file(language).read_text(encoding="utf-8"), language)
        for text in texts
        if PATTERN.search(text)
    ]
    assert found == []


def _docx_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return re.sub(r"<[^>]+>", " ", archive.read("word/document.xml").decode("utf-8"))


def _xlsx_text(path) -> str:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/") and n.endswith(".xml")]
        return " ".join(re.sub(r"<[^>]+>", " ", archive.read(n).decode("utf-8")) for n in names)


def test_every_output_people_read_in_bokmal_uses_the_glossarys_words(tmp_path):
    def run(*args: str) -> str:
        result = ikscli(*args, cwd=tmp_path, cache=tmp_path / "c", env=NORWEGIAN)
        assert result.returncode in (0, 1), (args, result.stderr)
        return result.stdout.decode("utf-8") + result.stderr.decode("utf-8")

    texts = {
        "list": run("list"),
        "show eioff": run("show", "eioff"),
        "show parent": run("show", "regionalt-helsesamarbeid"),
        "show partner": run("show", "felles-personvernombud"),
        "matrix": run("matrix"),
        "hosts": run("hosts"),
        "count": run("count", "--by", "status"),
        "law": run("law", "--all"),
        "report": run("report"),
        "report html": run("report", "-f", "html"),
        "diff": run("diff", str(DATA), str(EXAMPLE)),
        "diff markdown": run("diff", str(DATA), str(EXAMPLE), "-f", "markdown"),
        "excel": run("list", "--excel"),
        "help": run("list", "-h") + run("show", "-h") + run("report", "-h"),
    }
    run("report", "-f", "docx", "-o", str(tmp_path / "v.docx"))
    run("diff", str(DATA), str(EXAMPLE), "-f", "docx", "-o", str(tmp_path / "e.docx"))
    run("list", "-f", "xlsx", "-o", str(tmp_path / "l.xlsx"))
    run("site", str(tmp_path / "site"))
    texts["report docx"] = _docx_text(tmp_path / "v.docx")
    texts["diff docx"] = _docx_text(tmp_path / "e.docx")
    texts["xlsx"] = _xlsx_text(tmp_path / "l.xlsx")
    texts["site"] = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    found = {name: sorted(set(PATTERN.findall(text))) for name, text in texts.items()}
    assert {name: words for name, words in found.items() if words} == {}
    # and the words themselves are there where the concept is
    assert "Andre parter" in texts["show partner"] and "Delavtaler" in texts["show parent"]
    assert "sagt opp" in texts["report"] and "Nye medlemmer" in texts["diff markdown"]


@pytest.mark.parametrize("header", ["Deltakere", "Andre parter", "partners"])
def test_a_sheet_from_before_the_glossary_still_imports(header):
    from ikscli.edit.table import headers
    from ikscli.text.names import fold

    assert headers()[fold(header)] == "partners"
