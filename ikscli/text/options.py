"""How a message of the core names an option: by its role, spelled by whoever runs it.

The core never names a command-line flag. A message writes the role as a placeholder
(`"{limit} must be 0 or more"`) and fills it with `option("limit")`: the command line
spells each role as its flag (`ikscli.cli.options.SPELLED`, installed when a command
starts), and a program using the Python API reads the name of the keyword argument
or setting it would use instead (`API`).
"""

from __future__ import annotations

# role → how the Python API says it
API: dict[str, str] = {
    "as_of": "as_of",
    "columns": "columns",
    "data_file": "the dataset's path",
    "force": "force=True",
    "format_csv": "the CSV format",
    "format_csv_json": "the CSV or JSON format",
    "kommune": "kommune=",
    "limit": "limit",
    "limit_n": "limit=N",
    "ours": "choice='ours'",
    "search": "search=",
    "status_active": "status='active'",
    "strict": "strict",
    "theirs": "choice='theirs'",
    "undo_list": "the list of kept versions (ikscli undo --list)",
}

_spelled: dict[str, str] = {}


def spell(spellings: dict[str, str]) -> None:
    """Spell the roles so from now on (the command line's flags)."""
    _spelled.update(spellings)


def option(role: str) -> str:
    """The role as the one running ikscli knows it."""
    return _spelled.get(role) or API[role]
