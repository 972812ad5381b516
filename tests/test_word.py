"""The council's documents in Word: the appendix and the change list as real .docx,
read back with python-docx and compared with the source table and the Markdown."""

from __future__ import annotations

import pytest
from cli import EXAMPLE, ikscli
from conftest import DATA
from source_table import CATEGORY_ROWS, INTRODUCTION, ROWS

docx = pytest.importorskip("docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cells(row) -> list[str]:
    seen, texts = set(), []
    for cell in row.cells:  # a merged cell is given once per column it spans
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            texts.append(cell.text)
    return texts


def test_the_appendix_in_word_is_the_source_table(run, tmp_path):
    out = tmp_path / "vedlegg.docx"
    result = run("report", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == "", result.stderr
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "Kilde:" in section.footer.paragraphs[0].text
    assert "1. januar 2019" in section.footer.paragraphs[0].text
    assert document.paragraphs[0].text.startswith("Interkommunale samarbeid") or (
        document.paragraphs[0].style.name.startswith("Heading")
    )
    (grid,) = document.tables
    header = _cells(grid.rows[0])
    assert header == [
        "Samarbeid",
        "Form",
        "Vertskommune",
        "Gausdal",
        "Lillehammer",
        "Øyer",
        "Merknad",
    ]
    assert grid.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeats on each page
    headings, rows = [], []
    for row in grid.rows[1:]:
        texts = _cells(row)
        (headings if len(texts) == 1 else rows).append((texts, row))
    assert [t[0] for t, _row in headings] == [c for c, _ in CATEGORY_ROWS] + ["Under utredning"]
    assert len(rows) == 58
    for (texts, row), (name, _form, marks, host, _, status, starred) in zip(
        rows, ROWS + [INTRODUCTION], strict=True
    ):
        assert texts[0] == name + ("*" if starred else "")
        assert texts[2] == (host or ""), name
        got = "".join(c for c, cell in zip("GLØ", texts[3:6], strict=True) if cell)
        assert got == (marks if marks != "??" else got) and len(got) == len(marks)
        struck = row.cells[0].paragraphs[0].runs[0].font.strike
        assert bool(struck) == (status == "terminated")
        assert ("sagt opp" in texts[-1].lower()) == (status == "terminated")
    hosts = {texts[0].rstrip("*"): texts[2] for texts, _row in rows}
    assert hosts["Felles personvernombud"] == "Lillehammer"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ikscli" not in text and "avsluttet" not in text  # no tool names, one word


def test_the_change_list_in_word_says_what_the_markdown_says(tmp_path):
    out = tmp_path / "endringer.docx"
    result = ikscli(
        "diff",
        str(DATA),
        str(EXAMPLE),
        "-f",
        "docx",
        "-o",
        str(out),
        cwd=tmp_path,
        cache=tmp_path / "c",
    )
    assert result.returncode == 1 and result.stdout == b""  # they differ, as diff says
    markdown = ikscli(
        "diff", str(DATA), str(EXAMPLE), "-f", "markdown", cwd=tmp_path, cache=tmp_path / "c"
    ).stdout.decode()
    document = docx.Document(str(out))
    lines = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style == "Heading 1":
            lines.append("## " + paragraph.text)
        elif style == "Heading 2":
            lines.append("### " + paragraph.text)
        elif style == "List Bullet":
            name, _, rest = paragraph.text.partition(": ")
            lines.append(f"- **{name}**" + (f": {rest}" if rest else ""))
    wanted = [line for line in markdown.splitlines() if line.startswith(("#", "- "))]
    unescaped = [line.replace("\\", "") for line in wanted]
    assert lines == unescaped and len(lines) > 10


def test_word_is_never_written_to_a_terminal_or_over_the_data(run, tmp_path):
    result = run("report", "--format", "docx")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: --format docx writes a file: give -o FILE.docx\n"
    copy = tmp_path / "d.yaml"
    copy.write_bytes(DATA.read_bytes())
    result = run("report", "-f", "docx", "-o", str(copy), "--data", str(copy))
    assert result.exit_code == 2 and copy.read_bytes() == DATA.read_bytes()


def test_text_from_the_dataset_stays_text_in_word(run, write, dataset_text, tmp_path):
    hostile = 'note: "<w:p><w:r><w:t>forged</w:t></w:r></w:p> & =SUM(A1)"'
    path = write(dataset_text.replace("  - id: ufo\n", "  - id: ufo\n    " + hostile + "\n", 1))
    out = tmp_path / "v.docx"
    result = run("report", "-f", "docx", "-o", str(out), "--data", str(path))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    notes = [_cells(row)[-1] for row in document.tables[0].rows]
    assert any("<w:p><w:r><w:t>forged</w:t></w:r></w:p> & =SUM(A1)" in n for n in notes)
