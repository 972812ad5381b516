"""The language people read: bokmål or English, chosen from the environment.

The strings are written in English in the code, marked `_("...")` (or `ngettext`
for counts, `N_` where the text is translated later), and translated in the gettext
catalog `ikscli/i18n/locale/nb/LC_MESSAGES/ikscli.po`, which a translator edits with any
PO editor. `scripts/catalog.py --update` brings it up to date with the code and
compiles it to `ikscli.mo` beside it (as msgfmt would), which the standard library's
gettext reads at start-up, only when the language is bokmål. Tests fail while an
entry is missing, untranslated, fuzzy or stale, or the .mo differs from the .po.

The language: IKSCLI_LANG if set (nb, nn or no: bokmål; anything else: English);
else the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set, read as
gettext reads it (a colon-separated list, in order of preference; C or POSIX is
English); else, on Windows, the user's display language. Nynorsk readers get
bokmål: there is no nynorsk catalog yet.

Machine formats (JSON, ndjson, plain CSV) keep their English keys and values in
every language; what people read (tables, Markdown, Excel, help, messages) follows it.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Mapping
from pathlib import Path

NORWEGIAN = ("nb", "nn", "no")
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
CATALOG = Path(__file__).parent / "locale" / "nb" / "LC_MESSAGES" / "ikscli.po"


def choose(environ: Mapping[str, str], windows_language: int | None = None) -> str:
    """'nb' or 'en' for an environment (and, on Windows, the display language's LANGID)."""
    chosen = environ.get("IKSCLI_LANG", "").strip()
    if chosen:
        return "nb" if chosen.lower()[:2] in NORWEGIAN else "en"
    for variable in ENVIRONMENT:
        value = environ.get(variable)
        if not value:
            continue
        for item in value.split(":"):  # gettext: the first variable set decides
            code = item.strip().lower()
            if code[:2] in NORWEGIAN and (len(code) == 2 or not code[2].isalpha()):
                return "nb"
            if code in ("c", "posix") or code.startswith(("c.", "en")):
                return "en"
        return "en"  # no language we have a catalog for: the code's own, English
    if windows_language is not None and windows_language & 0x3FF == 0x14:  # LANG_NORWEGIAN
        return "nb"
    return "en"


def _windows_language() -> int | None:
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except (AttributeError, OSError):  # pragma: no cover - not Windows after all
        return None


LANGUAGE = choose(os.environ, _windows_language())


def _bokmal_catalog() -> gettext.NullTranslations:
    """The compiled bokmål catalog (read once; the same object for every use)."""
    global _bokmal
    if _bokmal is None:
        try:
            with open(CATALOG.with_suffix(".mo"), "rb") as handle:
                _bokmal = gettext.GNUTranslations(handle)
        except OSError:  # pragma: no cover - an installation without its catalog
            _bokmal = gettext.NullTranslations()
    return _bokmal


_bokmal: gettext.NullTranslations | None = None
_translations = _bokmal_catalog() if LANGUAGE == "nb" else gettext.NullTranslations()


def bokmal(message: str) -> str:
    """`message` in bokmål whatever the reader's language (to read a table a Norwegian
    Excel wrote, or to write the web page, on any machine)."""
    return _bokmal_catalog().gettext(message)


def bokmal_n(singular: str, plural: str, n: int) -> str:
    """`ngettext` in bokmål whatever the reader's language."""
    return _bokmal_catalog().ngettext(singular, plural, n)


_ = _translations.gettext
ngettext = _translations.ngettext


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated later, where it is shown."""
    return message


def norwegian() -> bool:
    return LANGUAGE == "nb"


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
