"""The language people read: bokmål, nynorsk or English, chosen from the environment.

The strings are written in English in the code, marked `_("...")` (or `ngettext`
for counts, `N_` where the text is translated later), and translated in the gettext
catalogs `ikscli/i18n/locale/nb/LC_MESSAGES/ikscli.po` (bokmål) and `…/nn/…` (nynorsk),
which a translator edits with any PO editor. `scripts/catalog.py --update` (Babel, a
tool of development only) writes the template `ikscli.pot`, brings them up to date
with the code and compiles each to `ikscli.mo` beside it,
which the standard library's gettext reads when the language is asked for. Tests fail
while an entry is missing, untranslated, fuzzy or stale, or a .mo differs from its .po.

The reader's language: IKSCLI_LANG if set (nb or no: bokmål; nn: nynorsk; anything else:
English); else the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set, read as
gettext reads it (a colon-separated list, in order of preference; C or POSIX is
English); else, on Windows, the user's display language.

A document for the council or the public (the appendix, the change list, the web page)
is Norwegian: in the dataset's own language when its `meta.language` says it, else in
the reader's, bokmål for an English reader. `speaking()` switches the language while
one is made.

Machine formats (JSON, ndjson, plain CSV) keep their English keys and values in
every language; what people read (tables, Markdown, Excel, help, messages) follows it.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

BOKMAL, NYNORSK, ENGLISH = "nb", "nn", "en"
LANGUAGES = (BOKMAL, NYNORSK)  # the catalogs; English is the code's own
CODES = {"nb": BOKMAL, "no": BOKMAL, "nn": NYNORSK}  # what people set, to a catalog
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
LOCALE = Path(__file__).parent / "locale"


def catalog_file(language: str) -> Path:
    """The PO catalog of a language ('nb' or 'nn')."""
    return LOCALE / language / "LC_MESSAGES" / "ikscli.po"


CATALOG = catalog_file(BOKMAL)


def _code(text: str) -> str | None:
    """'nb', 'nn' or None for a language code as people write it (nn_NO.UTF-8, no)."""
    code = text.strip().lower()
    if len(code) >= 2 and (len(code) == 2 or not code[2].isalpha()):
        return CODES.get(code[:2])
    return None


def choose(environ: Mapping[str, str], windows_language: int | None = None) -> str:
    """'nb', 'nn' or 'en' for an environment (and, on Windows, the display language's
    LANGID: primary language 0x14 is Norwegian, sublanguage 1 bokmål, 2 nynorsk)."""
    chosen = environ.get("IKSCLI_LANG", "").strip()
    if chosen:
        return _code(chosen) or ENGLISH
    for variable in ENVIRONMENT:
        value = environ.get(variable)
        if not value:
            continue
        for item in value.split(":"):  # gettext: the first variable set decides
            language = _code(item)
            if language:
                return language
            code = item.strip().lower()
            if code in ("c", "posix") or code.startswith(("c.", "en")):
                return ENGLISH
        return ENGLISH  # no language we have a catalog for: the code's own, English
    if windows_language is not None and windows_language & 0x3FF == 0x14:  # LANG_NORWEGIAN
        return NYNORSK if windows_language >> 10 == 2 else BOKMAL
    return ENGLISH


def _windows_language() -> int | None:
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except (AttributeError, OSError):  # pragma: no cover - not Windows after all
        return None


LANGUAGE = choose(os.environ, _windows_language())  # the reader's

_catalogs: dict[str, gettext.NullTranslations] = {}


def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (read once), or English's (none)."""
    found = _catalogs.get(language)
    if found is None:
        found = gettext.NullTranslations()
        if language in LANGUAGES:
            try:
                with open(catalog_file(language).with_suffix(".mo"), "rb") as handle:
                    found = gettext.GNUTranslations(handle)
            except OSError:  # pragma: no cover - an installation without its catalog
                pass
        _catalogs[language] = found
    return found


_speaking = [LANGUAGE]  # the language being written now: the reader's, or a document's


def language() -> str:
    """The language being written now ('nb', 'nn' or 'en')."""
    return _speaking[-1]


def norwegian() -> bool:
    """Whether what is written now is in bokmål or nynorsk."""
    return _speaking[-1] in LANGUAGES


def document_language(declared: str | None = None) -> str:
    """The language of a Norwegian document: the dataset's own (`meta.language`), else
    the reader's, else (an English reader) bokmål."""
    if declared in LANGUAGES:
        return declared
    return LANGUAGE if LANGUAGE in LANGUAGES else BOKMAL


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Write in `language` ('nb', 'nn' or 'en') while the block runs."""
    _speaking.append(language)
    try:
        yield
    finally:
        _speaking.pop()


def _(message: str) -> str:
    """`message` in the language being written."""
    return translations(_speaking[-1]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a count, in the language being written."""
    return translations(_speaking[-1]).ngettext(singular, plural, n)


def norwegian_forms(message: str) -> tuple[str, ...]:
    """`message` in every Norwegian catalog (to read a table a Norwegian Excel wrote,
    whichever form it was written in, on any machine)."""
    return tuple(translations(language).gettext(message) for language in LANGUAGES)


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated later, where it is shown."""
    return message


# What people read for the data's English values. JSON and plain CSV keep the values.
STATUS = {"active": N_("active"), "terminated": N_("terminated"), "planned": N_("planned")}


def status_word(status: str) -> str:
    """A status as people read it: aktiv, sagt opp, planlagt in bokmål."""
    return _(STATUS[status]) if status in STATUS else status


BASIS = {
    "source": N_("source"),
    "evidence": N_("evidence"),
    "remark": N_("remark"),
    "spacing": N_("spacing"),
    "uncertain": N_("uncertain"),
}


def basis_word(basis: str) -> str:
    """What settled the members (members_basis), as people read it."""
    return _(BASIS[basis]) if basis in BASIS else basis


# Column headings of the JSON keys, for the formats people read (tables, Excel).
LABELS = {
    "id": N_("ID"),
    "name": N_("Name"),
    "category": N_("Category"),
    "form": N_("Form"),
    "form_inferred": N_("Form from the name"),
    "members": N_("Members"),
    "members_basis": N_("Members settled by"),
    "members_evidence": N_("Evidence"),
    "host": N_("Host"),
    "partners": N_("Partners"),
    "others": N_("Others"),
    "status": N_("Status"),
    "note": N_("Remark"),
    "parent": N_("Parent"),
    "sub_agreements": N_("Sub-agreements"),
    "orgnr": N_("Organisation number"),
    "started": N_("In force from"),
    "ended": N_("In force until"),
    "decision": N_("Council decision"),
    "url": N_("The agreement"),
    "shares": N_("Owners' shares"),
    "board": N_("Board"),
    "agreements": N_("Agreements"),
    "serves": N_("Serves"),
    "count": N_("Count"),
    "party": N_("Party"),
    "must_change": N_("Must change"),
    "kommuneloven_2018": N_("Under kommuneloven 2018"),
    "options": N_("Options"),
    "deadline": N_("Deadline"),
    "kind": N_("Change"),
    "old": N_("Before"),
    "new": N_("After"),
    "base": N_("Exported from"),
    "revision": N_("Revision"),
}


def label(key: str) -> str:
    """A JSON key as a column heading people read."""
    return _(LABELS[key]) if key in LABELS else key


# Strings of typer's own help and errors, translated where ikscli shows them.
FRAMEWORK = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Usage:"),
    N_("[OPTIONS]"),
    N_("COMMAND"),
    N_("ARGS"),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
)
