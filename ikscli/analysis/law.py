"""The law then and now: each 1992 form's place under kommuneloven 2018.

Kommuneloven 1992 (§ 27, § 28-1 b) was replaced by LOV-2018-06-22-83, in force from
the constituent council meetings in autumn 2019. § 17-1 of the new law lists the
lawful forms of intermunicipal cooperation. § 27 cooperations had to be reorganised
within four years, that is by autumn 2023.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikscli.i18n import N_
from ikscli.model import Agreement

# the naming rule is checked by validate too: it lives with the rules, and is read here
from ikscli.reading.naming_rule import NAME_RULE, PREPARATORY_WORKS, name_lacks_form
from ikscli.text.names import fold

DEADLINE = N_("autumn 2023")


@dataclass(frozen=True)
class Placement:
    """What kommuneloven 2018 says about one agreement's form."""

    must_change: bool
    kommuneloven_2018: str  # where the cooperation stands now
    options: tuple[str, ...]  # what the law offers instead, when it must change
    deadline: str | None
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "must_change": self.must_change,
            "kommuneloven_2018": self.kommuneloven_2018,
            "options": list(self.options),
            "deadline": self.deadline,
            "reason": self.reason,
        }


_REORGANISE = (
    "kommunalt oppgavefellesskap (kap. 19)",
    "interkommunalt politisk råd (kap. 18)",
    "interkommunalt selskap (IKS-loven)",
    "aksjeselskap (aksjeloven)",
)

BY_FORM: dict[str | None, Placement] = {
    "§ 27": Placement(
        True,
        N_("§ 27 is repealed"),
        _REORGANISE,
        DEADLINE,
        "§ 27 cooperations (own board) had to be reorganised within four years of the new law",
    ),
    "§ 28-1 b": Placement(
        False,
        "administrativt vertskommunesamarbeid (kap. 20, § 20-2)",
        (),
        None,
        "continues as administrative host-municipality cooperation",
    ),
    "IKS": Placement(
        False,
        "interkommunalt selskap (IKS-loven, § 17-1)",
        (),
        None,
        "a company under its own law; unchanged",
    ),
    "AS": Placement(
        False,
        "aksjeselskap (aksjeloven, § 17-1)",
        (),
        None,
        "a company under its own law; unchanged",
    ),
    "Kommunalt oppgavefellesskap": Placement(
        False, "kommunalt oppgavefellesskap (kap. 19)", (), None, "already a form of the 2018 law"
    ),
    "Interkommunalt politisk råd": Placement(
        False, "interkommunalt politisk råd (kap. 18)", (), None, "already a form of the 2018 law"
    ),
    "§ 28-1 c": Placement(
        False,
        "vertskommune med felles folkevalgt nemnd (kap. 20, § 20-3)",
        (),
        None,
        "continues as host-municipality cooperation with a joint political committee",
    ),
    "Administrativt vertskommunesamarbeid": Placement(
        False,
        "administrativt vertskommunesamarbeid (kap. 20, § 20-2)",
        (),
        None,
        "already a form of the 2018 law",
    ),
    "Vertskommune med felles folkevalgt nemnd": Placement(
        False,
        "vertskommune med felles folkevalgt nemnd (kap. 20, § 20-3)",
        (),
        None,
        "already a form of the 2018 law",
    ),
    "Samvirkeforetak": Placement(
        False,
        "samvirkeforetak (samvirkelova, § 17-1)",
        (),
        None,
        "a company under its own law; unchanged",
    ),
    "Forening": Placement(
        False,
        "forening (§ 17-1)",
        (),
        None,
        "an association, one of the lawful forms of § 17-1",
    ),
}
_NOT_A_FORM = Placement(
    False,
    N_("not an organisation form of kommuneloven"),
    (),
    None,
    "an agreement, decision or informal cooperation; kommuneloven asks "
    "for one of the § 17-1 forms only where tasks or authority are "
    "transferred",
)
_REGIONAL_COUNCIL = Placement(
    True,
    "interkommunalt politisk råd (kap. 18)",
    ("interkommunalt politisk råd (kap. 18)",),
    DEADLINE,
    "a regional council (regionråd) became an interkommunalt politisk råd under the new law",
)
_ENDED = Placement(
    False,
    N_("terminated before the new law"),
    (),
    None,
    "the agreement has been terminated; nothing to reorganise",
)


_COUNCIL_FORMS = frozenset({None, "Avtale", "Vedtak", "Uformelt", "§ 27"})


def placement(agreement: Agreement) -> Placement:
    """Where `agreement` stands under kommuneloven 2018."""
    if agreement.status == "terminated":
        return _ENDED
    if agreement.form in _COUNCIL_FORMS and fold(agreement.name).startswith("regionrad"):
        return _REGIONAL_COUNCIL
    return BY_FORM.get(agreement.form, _NOT_A_FORM)


__all__ = ["NAME_RULE", "PREPARATORY_WORKS", "Placement", "name_lacks_form", "placement"]
