"""The Python API: the command line's queries, for scripts and notebooks.

    import ikscli

    data = ikscli.load()                      # the project's dataset, or the bundled one
    for a in data.select(kommune="Øyer", form="§ 27"):
        print(a.id, a.name)
    data.count(by="form")                     # [{"form": "§ 28-1 b", "count": 17}, ...]
    data.hosts()                              # [{"host": ..., "agreements": [...], ...}]
    data.get("Felles NAV")                    # by id, name or a unique prefix

    ikscli.set_fields("data/samarbeid_2019.yaml", "felles-nav-kontor", host="Gausdal")
    ikscli.add(path, "psykolog", name="Psykolog", members=["Gausdal", "Øyer"])
    ikscli.end(path, "giax"); ikscli.remove(path, "eioff"); ikscli.undo(path)

Names are matched as on the command line ("Øyer kommune", 521, "sagt opp"), and the
results are what `--format json` prints for the same query (a test holds them equal).
`load` writes nothing unless asked to use the cache. The edits are the command line's
own (`ikscli set`, `add`, `end`, `remove`, `undo`): the same exact ids, checks, lock,
durable writer and kept versions; they raise EditError for a change that cannot be
made as asked and DataError (with `.problems`) for one that would make the file
invalid, and return what changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikscli.edit.errors import EditError
from ikscli.model import Agreement, Meta, Party
from ikscli.problems import Problem
from ikscli.query.nameindex import NameIndex, UnknownName
from ikscli.query.select import QueryError

__all__ = [
    "Agreement",
    "DataError",
    "Dataset",
    "EditError",
    "Problem",
    "QueryError",
    "add",
    "end",
    "load",
    "remove",
    "set_fields",
    "undo",
]


class DataError(Exception):
    """The file is not a valid dataset (or cannot be read): `.problems` says where."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = list(problems or [])


@dataclass(frozen=True)
class Dataset:
    """A validated dataset file and the queries over it."""

    file: str
    meta: Meta | None
    parties: tuple[Party, ...]
    categories: tuple[str, ...]
    agreements: tuple[Agreement, ...]
    warnings: tuple[Problem, ...]
    _index: NameIndex

    def __len__(self) -> int:
        return len(self.agreements)

    def __repr__(self) -> str:
        as_of = f", as of {self.meta.as_of.isoformat()}" if self.meta else ""
        warned = f", {len(self.warnings)} warnings" if self.warnings else ""
        return f"<ikscli.Dataset {self.file!r}: {len(self.agreements)} agreements{as_of}{warned}>"

    def _repr_html_(self) -> str:
        """A notebook's view: the title and the first agreements as a table (escaped)."""
        from html import escape

        shown = self.agreements[:10]
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{escape(str(v or ''))}</td>"
                for v in (a.id, a.name, a.form, ", ".join(a.members), a.host, a.status)
            )
            + "</tr>"
            for a in shown
        )
        title = escape(self.meta.title if self.meta else self.file)
        more = len(self.agreements) - len(shown)
        tail = f"<p>… {more} more</p>" if more > 0 else ""
        head = "".join(f"<th>{h}</th>" for h in ("id", "name", "form", "members", "host", "status"))
        return (
            f"<p><b>{title}</b>: {len(self.agreements)} agreements</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{tail}"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Every agreement as `--format json` writes it (new dicts and lists each call)."""
        return [
            {k: list(v) if isinstance(v, list) else v for k, v in a.as_dict().items()}
            for a in self.agreements
        ]

    def to_pandas(self) -> Any:
        """The agreements as a pandas DataFrame (pandas is not a dependency of ikscli:
        ImportError if it is not installed)."""
        try:
            import pandas  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install pandas") from None
        return pandas.DataFrame(self.to_records())

    def __iter__(self) -> Iterator[Agreement]:
        return iter(self.agreements)

    def select(
        self,
        *,
        kommune: str | Iterable[str] | None = None,
        party: str | Iterable[str] | None = None,
        host: str | None = None,
        form: str | None = None,
        category: str | None = None,
        status: str | None = None,
        search: str | Iterable[str] | None = None,
        where: str | Iterable[str] | None = None,
        sort: str = "source",
        reverse: bool = False,
        limit: int | None = None,
    ) -> list[Agreement]:
        """The agreements `ikscli list` (and, with `where`, `ikscli filter`) selects.

        Several kommune or party names: all must take part. `where` takes filter
        expressions: `"host=Gausdal|Øyer"`, `"note~/vertskommune$/"`.
        """
        from ikscli.query.select import Query, filter_conditions, parse_expression, select

        conditions = filter_conditions(_many(kommune), host, form, category, status, _many(party))
        conditions += [parse_expression(e) for e in _many(where)]
        query = Query(conditions, _many(search), sort, reverse, limit)
        return select(self._index, query)

    def count(self, by: str | Iterable[str] = "form", **filters: Any) -> list[dict[str, Any]]:
        """Counts per group, biggest first, as `ikscli count --by ... --format json`."""
        from ikscli.query.select import canonical, count, count_records

        fields = [canonical(b) for b in _many(by)]
        return count_records(fields, count(self.select(**filters), fields))

    def hosts(self, **filters: Any) -> list[dict[str, Any]]:
        """Each host with what it hosts and whom, as `ikscli hosts --format json`."""
        from ikscli.query.select import host_records, hosts

        return host_records(hosts(self.select(**filters)))

    def get(self, id_or_name: str) -> Agreement:
        """One agreement by its id, its name or a unique prefix; KeyError if none."""
        try:
            return self._index.agreement(id_or_name)
        except UnknownName as exc:
            raise KeyError(str(exc)) from None


class ReadOnlyList(list):  # type: ignore[type-arg]
    """A loaded agreement's members or partners: read as a list, never changed in place
    (`a.members.append("X")` would change what every query of the dataset sees). Copy
    it (`list(a.members)`) to work on it, or change the file with `set_fields`."""

    def _refused(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            "a loaded dataset is read-only: copy the list (list(...)) to change it, "
            "or change the file with ikscli.set_fields"
        )

    append = extend = insert = remove = pop = clear = sort = reverse = _refused
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refused

    def __reduce_ex__(self, protocol: Any) -> Any:  # copy and pickle make a plain list
        return (list, (list(self),))


def _many(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def load(path: str | Path | None = None, *, cache: bool = False) -> Dataset:
    """The dataset at `path`; with none, the file the command line would read
    (IKSCLI_DATA, the project's, or the bundled one). Raises DataError if it is not
    valid. With `cache=True` a validated file is kept in (and served from) the cache,
    as the command line does; by default nothing is written."""
    from ikscli.problems import errors
    from ikscli.reading.loader import DataFileError
    from ikscli.reading.loader import load as load_file
    from ikscli.reading.project import ProjectError, choose

    try:
        chosen = Path(path) if path is not None else choose().files[0]
        loaded = load_file(chosen, use_cache=cache)
    except (DataFileError, ProjectError) as exc:
        raise DataError(str(exc)) from None
    if not loaded.ok or loaded.dataset is None:
        found = errors(loaded.problems)
        plural = "s" if len(found) != 1 else ""
        raise DataError(
            f"{loaded.file} is not a valid dataset ({len(found)} error{plural})", loaded.problems
        )
    data = loaded.dataset
    for agreement in data.agreements:  # a loaded record's lists cannot change by accident
        agreement.members = ReadOnlyList(agreement.members)
        agreement.partners = ReadOnlyList(agreement.partners)
    return Dataset(
        loaded.file,
        data.meta,
        tuple(data.parties),
        tuple(data.categories),
        tuple(data.agreements),
        tuple(loaded.problems),
        NameIndex(data, loaded.digest),
    )


# --- the edits ---------------------------------------------------------------------------


def _typed(value: Any) -> str:
    """A Python value as the command line's VALUE (names and words are read the same)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _edit(path: str | Path, edit: Any, dry_run: bool) -> list[Any]:
    from ikscli.edit.errors import Refused
    from ikscli.edit.session import run

    try:
        outcome = run(Path(path), edit, command="ikscli (Python)", dry_run=dry_run)
    except Refused as exc:
        raise DataError(exc.summary, exc.problems) from None
    return list(outcome.changes)


def set_fields(path: str | Path, id: str, *, dry_run: bool = False, **fields: Any) -> list[Any]:
    """`ikscli set ID FIELD=VALUE...` on the file at `path`; what changed."""
    from ikscli.edit.operations import set_fields as make

    return _edit(path, make(id, [f"{k}={_typed(v)}" for k, v in fields.items()]), dry_run)


def add(path: str | Path, id: str, *, dry_run: bool = False, **fields: Any) -> list[Any]:
    """`ikscli add ID FIELD=VALUE...` on the file at `path`; what changed."""
    from ikscli.edit.operations import add as make

    return _edit(path, make(id, [f"{k}={_typed(v)}" for k, v in fields.items()]), dry_run)


def end(path: str | Path, id: str, *, dry_run: bool = False) -> list[Any]:
    """`ikscli end ID` on the file at `path`; what changed."""
    from ikscli.edit.operations import end as make

    return _edit(path, make(id), dry_run)


def remove(path: str | Path, id: str, *, dry_run: bool = False) -> list[Any]:
    """`ikscli remove ID` on the file at `path`; what changed."""
    from ikscli.edit.operations import remove as make

    return _edit(path, make(id), dry_run)


def undo(path: str | Path) -> str:
    """`ikscli undo` on the file at `path`; the summary of the change undone."""
    from ikscli.edit.undo import undo as restore

    return restore(Path(path)).summary
