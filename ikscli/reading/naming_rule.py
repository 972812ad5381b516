"""Kommuneloven 2018's naming rule: a KO's or an IPR's name says what it is.

`validate` warns by it (ikscli.reading.rules) and `law` reports it (ikscli.analysis.law).
"""

from __future__ import annotations

import re

from ikscli.i18n import _
from ikscli.model import Agreement
from ikscli.text.names import fold

# Kommuneloven 2018: the name of a kommunalt oppgavefellesskap or an interkommunalt
# politisk råd contains the form's full name or its abbreviation, so that the public
# can tell what it is (Prop. 46 L (2017–2018), point 19.3.2.2).
NAME_RULE = {
    "Kommunalt oppgavefellesskap": ("kommunalt oppgavefellesskap", "KO"),
    "Interkommunalt politisk råd": ("interkommunalt politisk råd", "IPR"),
}
PREPARATORY_WORKS = "Prop. 46 L (2017–2018) 19.3.2.2"


def name_lacks_form(agreement: Agreement) -> str | None:
    """Why the agreement's name breaks the naming rule of its form, or None."""
    rule = NAME_RULE.get(agreement.form or "")
    if rule is None:
        return None
    full, short = rule
    if fold(full) in fold(agreement.name) or re.search(rf"(?<!\w){short}(?!\w)", agreement.name):
        return None
    return _("the name must contain “{full}” or {short} ({source})").format(
        full=full, short=short, source=PREPARATORY_WORKS
    )
