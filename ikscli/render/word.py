"""Word documents for the council (python-docx): A4 portrait, a footer with the source
and the date, tables whose header row repeats on every page.

Text from the dataset goes into Word as text, never as markup (python-docx writes it
escaped); characters XML cannot hold are left out rather than breaking the document.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` as Word can hold it."""
    return _NOT_XML.sub("", text)


def document(language: str = "nb") -> Any:
    """A new A4 portrait document with narrow margins, in `language` (nb or nn), so
    Word checks its spelling in bokmål or nynorsk."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    built = Document()
    section = built.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    style = built.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(9)
    for element in built.styles.element.iter(qn("w:rPr")):  # the document's language
        lang = element.find(qn("w:lang"))
        if lang is None:
            from docx.oxml import OxmlElement

            lang = OxmlElement("w:lang")
            element.append(lang)
        lang.set(qn("w:val"), f"{language}-NO")
    return built


def footer(built: Any, text: str) -> None:
    """`text` in the footer of every page."""
    paragraph = built.sections[0].footer.paragraphs[0]
    paragraph.text = clean(text)


def table(built: Any, headers: list[str]) -> Any:
    """A bordered table with `headers` as its first row, repeated on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    grid = built.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    row = grid.rows[0]
    for cell, text in zip(row.cells, headers, strict=True):
        cell.text = clean(text)  # one paragraph, one run
        cell.paragraphs[0].runs[0].bold = True
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    return grid


def heading_row(grid: Any, text: str) -> None:
    """A row across the whole table, in bold: a section's heading inside the grid."""
    cells = grid.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.text = clean(text)
    merged.paragraphs[0].runs[0].bold = True


def row(grid: Any, texts: list[str], struck: int | None = None) -> None:
    """A row of text; the cell at `struck` (if any) struck through."""
    cells = grid.add_row().cells
    for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
        cell.text = clean(text)
        if index == struck:
            cell.paragraphs[0].runs[0].font.strike = True


def save(built: Any, out: BinaryIO) -> None:
    built.save(out)
