"""The data to take away, written beside the public page's index.html: the register as
CSV and JSON (for programs: every value exact), as an Excel workbook (for people) and
as the SQLite database, each made by the format's own renderer.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from ikscli.i18n import _
from ikscli.model import Dataset
from ikscli.query.nameindex import NameIndex

# file name → what it is (said on the page, in the language being written)
DOWNLOADS = {
    "samarbeid.csv": "CSV",
    "samarbeid.xlsx": "Excel (xlsx)",
    "samarbeid.json": "JSON",
    "samarbeid.db": "SQLite",
}


def files(dataset: Dataset) -> dict[str, bytes]:
    """Each download's name and content (the workbook in the page's language)."""
    from ikscli.i18n import document_language, speaking

    with speaking(document_language(dataset.meta.language)):
        return _files(dataset)


def _files(dataset: Dataset) -> dict[str, bytes]:
    from ikscli.render import csvout, jsonout, sqlite, xlsx
    from ikscli.render.views import agreements_output

    index = NameIndex(dataset)
    agreements = list(dataset.agreements)

    def text(render: object) -> bytes:
        out = io.StringIO()
        render(agreements_output(index, agreements), out)  # type: ignore[operator]
        return out.getvalue().encode("utf-8")

    book = io.BytesIO()
    output = agreements_output(index, agreements)
    output.dataset, output.sheet = dataset, _("Agreements")
    xlsx.write(output, book)
    with tempfile.TemporaryDirectory(prefix="ikscli-site-") as private:
        built = Path(private) / "samarbeid.db"
        sqlite.write(dataset, built)
        database = built.read_bytes()
    return {
        "samarbeid.csv": text(csvout.render),
        "samarbeid.xlsx": book.getvalue(),
        "samarbeid.json": text(jsonout.render),
        "samarbeid.db": database,
    }
