"""The dataset as a normalised SQLite database, for datasette, DuckDB and SQL.

Tables: meta (the file's title, region, as_of, source, language and licence, as key
and value), categories, parties (with kommunenummer 2019 and 2020), agreements (with
its members and partners also joined in one column each, so a row shows who takes
part), members (agreement_id, kommune, basis, uncertain) and partners; foreign keys
and indexes; a full-text index (FTS5, agreements_fts: name, note, category) that
datasette finds by itself (`?_search=vertskommune`); and views for the everyday
questions: agreements per municipality, and hosts.

Values are exact, as in `--format json`: names without marks, booleans 0 and 1.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ikscli.model import Dataset, iso
from ikscli.query.parties import every_party
from ikscli.render.output import LIST_SEPARATOR

SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,              -- title, region, as_of, source, language, licence
    value TEXT
);
CREATE TABLE categories (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL          -- the source's order
);
CREATE TABLE parties (
    name TEXT PRIMARY KEY,
    short_name TEXT,
    kind TEXT NOT NULL,                -- kommune or fylkeskommune
    region INTEGER NOT NULL,           -- 1: one of the region's municipalities
    number_2019 TEXT,                  -- kommunenummer, as text: 0501
    number_2020 TEXT,
    county_2019 TEXT,
    number_2024 TEXT
);
CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,         -- the source's order
    name TEXT NOT NULL,
    category TEXT REFERENCES categories(name),
    form TEXT,
    form_inferred INTEGER NOT NULL,
    members_basis TEXT NOT NULL,
    members_evidence TEXT,
    host TEXT REFERENCES parties(name),
    others TEXT,
    status TEXT NOT NULL,
    note TEXT,
    parent TEXT REFERENCES agreements(id),
    members TEXT,                      -- the members table's names, joined by ', '
    partners TEXT,                     -- the partners table's names, joined by ', '
    orgnr TEXT,                        -- organisation number, 9 digits
    started TEXT,                      -- in force from, YYYY-MM-DD
    ended TEXT,                        -- its last day in force, YYYY-MM-DD
    decision TEXT,                     -- the council's vedtak or saksnummer
    url TEXT,                          -- the agreement itself
    board TEXT                         -- the representatives' body
);
CREATE TABLE shares (
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    party TEXT NOT NULL REFERENCES parties(name),
    percent REAL NOT NULL,             -- the owner's share of an IKS or AS
    PRIMARY KEY (agreement_id, party)
);
CREATE TABLE members (
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    kommune TEXT NOT NULL REFERENCES parties(name),
    basis TEXT NOT NULL,               -- members_basis: source, evidence, ..., uncertain
    uncertain INTEGER NOT NULL,        -- 1: nothing settles this membership
    PRIMARY KEY (agreement_id, kommune)
);
CREATE TABLE partners (
    agreement_id TEXT NOT NULL REFERENCES agreements(id),
    party TEXT NOT NULL REFERENCES parties(name),
    PRIMARY KEY (agreement_id, party)
);
CREATE INDEX members_kommune ON members(kommune);
CREATE INDEX partners_party ON partners(party);
CREATE INDEX agreements_host ON agreements(host);
CREATE INDEX agreements_category ON agreements(category);
CREATE INDEX agreements_parent ON agreements(parent);
CREATE VIEW agreements_per_kommune AS
    SELECT m.kommune,
           count(*) AS agreements,
           sum(a.status = 'active') AS active,
           sum(m.basis = 'uncertain') AS uncertain
    FROM members m JOIN agreements a ON a.id = m.agreement_id
    GROUP BY m.kommune
    ORDER BY agreements DESC, m.kommune;
CREATE VIEW hosts AS
    SELECT a.host, a.id AS agreement_id, a.name, a.status,
           (SELECT group_concat(kommune, ', ') FROM members WHERE agreement_id = a.id)
               AS members,
           (SELECT group_concat(party, ', ') FROM partners WHERE agreement_id = a.id)
               AS partners
    FROM agreements a
    WHERE a.host IS NOT NULL
    ORDER BY a.host, a.position;
"""

# Full-text search over the agreements (datasette finds it by content="agreements").
# An SQLite built without FTS5 gets the database without it.
FULL_TEXT = """
CREATE VIRTUAL TABLE agreements_fts USING fts5(
    name, note, category, content="agreements"
);
INSERT INTO agreements_fts (rowid, name, note, category)
    SELECT rowid, name, note, category FROM agreements;
"""


def write(dataset: Dataset, path: Path) -> None:
    """Write the database to `path` (a new file: the caller replaces the old one)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        meta = dataset.meta
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("title", meta.title),
                ("region", meta.region),
                ("as_of", meta.as_of.isoformat()),
                ("source", meta.source),
                ("language", meta.language),
                ("licence", meta.licence),
            ],
        )
        connection.executemany(
            "INSERT INTO categories VALUES (?, ?)",
            [(name, i) for i, name in enumerate(dataset.categories)],
        )
        connection.executemany(
            "INSERT INTO parties VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.name,
                    p.short_name,
                    p.kind,
                    int(p.region),
                    p.number_2019,
                    p.number_2020,
                    p.county_2019,
                    p.number_2024,
                )
                for p in every_party(dataset)
            ],
        )
        rows = [
            (
                a.id,
                i,
                a.name,
                a.category,
                a.form,
                int(a.form_inferred),
                a.members_basis,
                a.members_evidence,
                a.host,
                a.others,
                a.status,
                a.note,
                None,  # the parent is set once every agreement is in
                LIST_SEPARATOR.join(a.members),
                LIST_SEPARATOR.join(a.partners),
                a.orgnr,
                iso(a.started),
                iso(a.ended),
                a.decision,
                a.url,
                a.board,
            )
            for i, a in enumerate(dataset.agreements)
        ]
        connection.executemany("INSERT INTO agreements VALUES (" + ", ".join("?" * 21) + ")", rows)
        connection.executemany(
            "INSERT INTO shares VALUES (?, ?, ?)",
            [(a.id, p, s) for a in dataset.agreements for p, s in (a.shares or {}).items()],
        )
        connection.executemany(
            "UPDATE agreements SET parent = ? WHERE id = ?",
            [(a.parent, a.id) for a in dataset.agreements if a.parent is not None],
        )
        connection.executemany(
            "INSERT INTO members VALUES (?, ?, ?, ?)",
            [
                (a.id, m, a.members_basis, int(a.members_basis == "uncertain"))
                for a in dataset.agreements
                for m in a.members
            ],
        )
        connection.executemany(
            "INSERT INTO partners VALUES (?, ?)",
            [(a.id, p) for a in dataset.agreements for p in a.partners],
        )
        connection.commit()
        try:
            connection.executescript(FULL_TEXT)
        except sqlite3.OperationalError:  # pragma: no cover - an SQLite without FTS5
            connection.rollback()
    finally:
        connection.close()
