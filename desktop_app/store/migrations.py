"""The schema as ordered, named, transactional forward migrations (sqlite-utils ``Migrations``).

``PRAGMA user_version`` is the number of migrations applied; each migration sets it inside
its own transaction, together with the record sqlite-utils keeps, so a failed migration
leaves the file exactly as it was. A file whose version is above ``len(MIGRATIONS)`` was
written by a newer Leverage and is refused before anything runs.

Never edit a migration that has shipped: add the next one, and add a fixture file of the
previous version to ``tests/fixtures`` so the step stays tested.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from desktop_app.store.header import APPLICATION_ID

if TYPE_CHECKING:  # imported when a migration runs: opening a current file does not need it
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MigrationStep = Callable[["Database"], None]

_SCHEMA_1 = """
CREATE TABLE case_info (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    title TEXT NOT NULL, client TEXT NOT NULL, counterpart TEXT NOT NULL,
    consultant TEXT NOT NULL, subject TEXT NOT NULL, notes TEXT NOT NULL,
    currency TEXT NOT NULL, prepared_on TEXT,
    min_margin_pct REAL NOT NULL, cost_of_capital_pct REAL NOT NULL,
    risk_confidence REAL NOT NULL, fair_band TEXT NOT NULL,
    simulation_runs INTEGER NOT NULL, simulation_seed INTEGER NOT NULL,
    sensitivity_pct REAL NOT NULL
);
CREATE TABLE parties (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    name TEXT NOT NULL, side TEXT NOT NULL, role TEXT NOT NULL,
    influence INTEGER NOT NULL, stance INTEGER NOT NULL, notes TEXT NOT NULL
);
CREATE TABLE interests (
    id TEXT PRIMARY KEY,
    party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, text TEXT NOT NULL, priority INTEGER NOT NULL
);
CREATE TABLE criteria (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    side TEXT NOT NULL, name TEXT NOT NULL, weight REAL NOT NULL, description TEXT NOT NULL
);
CREATE TABLE alternatives (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    side TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
    feasibility REAL NOT NULL, scores TEXT NOT NULL, pros TEXT NOT NULL, cons TEXT NOT NULL,
    unit_price REAL, switching_cost REAL NOT NULL, failure_cost REAL NOT NULL
);
CREATE TABLE cost_lines (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    name TEXT NOT NULL, basis TEXT NOT NULL, amount REAL NOT NULL
);
CREATE TABLE risks (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    name TEXT NOT NULL, category TEXT NOT NULL, probability REAL NOT NULL,
    frequency TEXT NOT NULL, impact_low REAL NOT NULL, impact_likely REAL NOT NULL,
    impact_high REAL NOT NULL, capped_by_liability INTEGER NOT NULL,
    mitigation TEXT NOT NULL, owner TEXT NOT NULL
);
CREATE TABLE scenarios (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    name TEXT NOT NULL, role TEXT NOT NULL, unit_price REAL, annual_volume REAL,
    years INTEGER NOT NULL, annual_price_change_pct REAL NOT NULL,
    payment_days INTEGER NOT NULL, liability_cap REAL,
    scores TEXT NOT NULL, risk_overrides TEXT NOT NULL, terms TEXT NOT NULL
);
CREATE TABLE proposal (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    statement TEXT NOT NULL, talking_points TEXT NOT NULL, addresses_interests TEXT NOT NULL
);
"""


def m0001_create_schema(db: Database) -> None:
    """Schema 1: a table per entity of SPEC §1; lists and maps inside an entity as JSON."""
    for statement in _SCHEMA_1.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


_SCHEMA_2 = """
ALTER TABLE case_info ADD COLUMN consultancy TEXT NOT NULL DEFAULT '';
ALTER TABLE case_info ADD COLUMN consultancy_logo BLOB;
ALTER TABLE case_info ADD COLUMN consultancy_accent TEXT;
ALTER TABLE case_info ADD COLUMN client_logo BLOB;
ALTER TABLE case_info ADD COLUMN client_accent TEXT;
ALTER TABLE proposal ADD COLUMN addressee TEXT NOT NULL DEFAULT '';
ALTER TABLE proposal ADD COLUMN reference TEXT NOT NULL DEFAULT '';
ALTER TABLE proposal ADD COLUMN offer_valid_until TEXT;
ALTER TABLE proposal ADD COLUMN signatory TEXT NOT NULL DEFAULT '';
ALTER TABLE proposal ADD COLUMN contact TEXT NOT NULL DEFAULT ''
"""


def m0002_offer_and_letterheads(db: Database) -> None:
    """Schema 2 (issue 13): the proposal as a formal offer (addressee, our reference, open
    until, signatory, contact) and the letterheads (the consultancy's name, and a logo and an
    accent colour for the consultancy and for the client). A file of schema 1 gets the
    defaults: empty texts, no date, no logo, no accent."""
    for statement in _SCHEMA_2.split(";"):
        if statement.strip():
            db.execute(statement)


def m0003_deal_terms(db: Database) -> None:
    """Schema 3 (issue 14, SPEC §8): the counterpart's cost of capital on the case (NULL: the
    same as ours) and the money an alternative of ours earns (NULL: not priced). A file of
    schema 2 gets NULL for both, which changes none of its figures."""
    db.execute("ALTER TABLE case_info ADD COLUMN their_cost_of_capital_pct REAL")
    db.execute("ALTER TABLE alternatives ADD COLUMN net_value REAL")


def m0004_statement_basis(db: Database) -> None:
    """Schema 4 (issue 13 #7): the figures the proposal's statement was written against (app
    bookkeeping, as a talking point's or a term's basis, which live in their JSON columns), so
    that a figure it quotes and that changed since is flagged. A file of schema 3 gets NULL:
    its statement is checked by the careful guess until it is next edited."""
    db.execute("ALTER TABLE proposal ADD COLUMN statement_basis TEXT")


_SCHEMA_5 = """
ALTER TABLE case_info ADD COLUMN plan_rounds INTEGER NOT NULL DEFAULT 4;
ALTER TABLE case_info ADD COLUMN plan_shape REAL NOT NULL DEFAULT 0.5;
ALTER TABLE case_info ADD COLUMN plan_limit REAL;
CREATE TABLE offers (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    round INTEGER NOT NULL, date TEXT, [from] TEXT NOT NULL,
    unit_price REAL, annual_price_change_pct REAL, payment_days INTEGER, liability_cap REAL,
    note TEXT NOT NULL
);
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY, label TEXT NOT NULL, taken_at TEXT NOT NULL,
    document TEXT NOT NULL
)
"""


def m0005_talks(db: Database) -> None:
    """Schema 5 (issue 16, SPEC §10): the offer log, the concession plan on the case (a file
    of schema 4 gets the defaults: 4 rounds, shape 0.5, the fair price as the limit) and the
    round snapshots (the whole case as a JSON interchange document, a label and the time)."""
    for statement in _SCHEMA_5.split(";"):
        if statement.strip():
            db.execute(statement)


_SCHEMA_6 = """
ALTER TABLE alternatives ADD COLUMN unit_price_low REAL;
ALTER TABLE alternatives ADD COLUMN unit_price_high REAL;
ALTER TABLE alternatives ADD COLUMN switching_cost_low REAL;
ALTER TABLE alternatives ADD COLUMN switching_cost_high REAL;
ALTER TABLE alternatives ADD COLUMN failure_cost_low REAL;
ALTER TABLE alternatives ADD COLUMN failure_cost_high REAL;
CREATE TABLE correlations (
    position INTEGER NOT NULL PRIMARY KEY,
    risk_a TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    risk_b TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    rho REAL NOT NULL
)
"""


def m0006_uncertainty(db: Database) -> None:
    """Schema 6 (issue 15, SPEC §9): the ranges of their alternatives' unit price, switching
    cost and failure cost (NULL: known exactly) and the correlations between risks (one row
    per pair, in the order given). A file of schema 5 gets no range and no correlation, which
    changes none of its figures."""
    for statement in _SCHEMA_6.split(";"):
        if statement.strip():
            db.execute(statement)


#: Every migration, in order. Index + 1 is the schema version it produces.
MIGRATIONS: tuple[tuple[str, MigrationStep], ...] = (
    ("0001_create_schema", m0001_create_schema),
    ("0002_offer_and_letterheads", m0002_offer_and_letterheads),
    ("0003_deal_terms", m0003_deal_terms),
    ("0004_statement_basis", m0004_statement_basis),
    ("0005_talks", m0005_talks),
    ("0006_uncertainty", m0006_uncertainty),
)

SCHEMA_VERSION = len(MIGRATIONS)


def build_migrations(steps: Sequence[tuple[str, MigrationStep]]) -> Migrations:
    """Register ``steps`` as a sqlite-utils migration set; each step also bumps user_version."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("leverage")
    for version, (name, step) in enumerate(steps, start=1):
        migrations(name=name)(_versioned(step, version))
    return migrations


def _versioned(step: MigrationStep, version: int) -> MigrationStep:
    def run(db: Database) -> None:
        step(db)
        db.execute(f"PRAGMA user_version = {version}")

    run.__name__ = step.__name__
    return run


def pending_count(db: Database, steps: Sequence[tuple[str, MigrationStep]]) -> int:
    return len(build_migrations(steps).pending(db))
