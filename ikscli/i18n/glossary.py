"""One word for one thing: the register's concepts in English, bokmål and nynorsk, and
the words a Norwegian text must not use for them (they mean something else, or the
source says it otherwise). The catalogs follow it, and tests/test_glossary.py reads
every human output in bokmål for the words to avoid, and every one in nynorsk for
bokmål's own forms (BOKMAL_ONLY).
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    concept: str  # what it is, in English (as the code and the JSON keys say it)
    english: str
    bokmal: str
    nynorsk: str
    avoid: tuple[str, ...] = ()  # bokmål words that must not stand for it


GLOSSARY: tuple[Term, ...] = (
    Term("agreement", "agreement", "samarbeid", "samarbeid"),
    Term("member (a municipality with an x)", "member", "medlem", "medlem", ("deltaker",)),
    Term("partner (another named party)", "partner", "annen part", "annan part", ("deltaker",)),
    Term("host (vertskommune)", "host", "vertskommune", "vertskommune"),
    Term("sub-agreement (delavtale)", "sub-agreement", "delavtale", "delavtale", ("underavtale",)),
    Term(
        "organisation form",
        "form",
        "organisasjonsform",
        "organisasjonsform",
        ("organiseringsform",),
    ),
    Term("terminated", "terminated", "sagt opp", "sagd opp", ("avsluttet",)),
    Term("planned", "planned", "planlagt", "planlagd"),
    Term("remark (the source's merknad)", "remark", "merknad", "merknad"),
    Term("category (the source's heading)", "category", "kategori", "kategori"),
    Term(
        "settled from other evidence",
        "other evidence",
        "andre kilder",
        "andre kjelder",
        ("grunnlag utenfra",),
    ),
    Term("uncertain (nothing settles the members)", "uncertain", "usikkert", "usikkert"),
)

AVOID: dict[str, str] = {word: term.bokmal for term in GLOSSARY for word in term.avoid}

# Bokmål's forms of words the register uses often, which a nynorsk text writes otherwise
# (nynorsk in brackets): what a nynorsk output must never contain in its own words.
BOKMAL_ONLY: dict[str, str] = {
    "ikke": "ikkje",
    "fra": "frå",
    "hva": "kva",
    "hvor": "kvar",
    "hvis": "viss",
    "hvordan": "korleis",
    "hvilke": "kva for",
    "navn": "namn",
    "navnet": "namnet",
    "noen": "nokon",
    "noe": "noko",
    "bare": "berre",
    "kilde": "kjelde",
    "kilden": "kjelda",
    "kilder": "kjelder",
    "kommuner": "kommunar",
    "medlemmer": "medlemer",
    "medlemmene": "medlemene",
    "parter": "partar",
    "eksempel": "døme",
    "endret": "endra",
    "endringer": "endringar",
    "advarsel": "åtvaring",
    "advarsler": "åtvaringar",
    "mangler": "manglar",
    "ukjent": "ukjend",
    "være": "vere",
    "ble": "vart",
    "mer": "meir",
    "utredning": "utgreiing",
    "planlagt": "planlagd",
    "delavtaler": "delavtalar",
    "filen": "fila",
}
