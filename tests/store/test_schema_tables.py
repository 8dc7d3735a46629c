"""The SQL tables match the schema (issue 12, "Fields"): every field of every stored entity has
its column, with the SQL type and NOT NULL its rule implies, and no column is undeclared.

The tables are those today's migrations create in a new case file, and those of the fixture
of the latest schema version (what a file of that version really holds).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.domain import blank_case
from desktop_app.domain.fields import Boolean, Date, Integer, Logo, Number, Rule
from desktop_app.domain.schema import SPEC_BY_CLASS, EntitySpec
from desktop_app.store import rows, write_new_case
from desktop_app.store.migrations import SCHEMA_VERSION
from tests.store.casefile_support import FIXTURES

#: Tables sqlite-utils keeps for itself (the migrations applied).
OWN_TABLES = {"_sqlite_migrations"}
#: Tables that hold no entity of the case: the round snapshots (SPEC §10, ``store.snapshots``).
NOT_THE_CASE = {"snapshots"}
#: The bookkeeping columns' SQL: (type, NOT NULL).
BOOKKEEPING = {
    "singleton": ("INTEGER", False),
    "position": ("INTEGER", True),
    "party_id": ("TEXT", True),
}


def _columns(path: Path) -> dict[str, dict[str, tuple[str, bool]]]:
    """table -> column -> (declared type, NOT NULL)."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: {
                row[1]: (row[2].upper(), bool(row[3]))
                for row in conn.execute(f"PRAGMA table_info([{table}])")
            }
            for table in tables
        }
    finally:
        conn.close()


def _sql_type(rule: Rule) -> str:
    if isinstance(rule, Logo):
        return "BLOB"  # an image's bytes
    if isinstance(rule, Integer | Boolean):
        return "INTEGER"
    if isinstance(rule, Number):
        return "REAL"
    return "TEXT"  # text, choices, ids, dates, currencies; lists and maps as JSON text


def _nullable(rule: Rule) -> bool:
    return isinstance(rule, Date) or bool(getattr(rule, "nullable", False))


def _expected(spec: EntitySpec, bookkeeping: tuple[str, ...]) -> dict[str, tuple[str, bool]]:
    expected = {name: BOOKKEEPING[name] for name in bookkeeping}
    for name in rows.stored_fields(spec):
        rule = spec.rules[name]
        # An id is the primary key: SQLite does not report it as NOT NULL.
        not_null = name != "id" and not _nullable(rule)
        expected[name] = (_sql_type(rule), not_null)
    return expected


@pytest.fixture(scope="module")
def new_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "new.leverage"
    write_new_case(path, blank_case())
    return path


LATEST_FIXTURE = FIXTURES / f"schema-v{SCHEMA_VERSION}.leverage"


@pytest.mark.parametrize("source", ["new file", "latest fixture"])
def test_every_stored_field_has_its_column_and_no_column_is_undeclared(
    source: str, new_file: Path
) -> None:
    path = new_file if source == "new file" else LATEST_FIXTURE
    tables = _columns(path)
    assert set(tables) - OWN_TABLES - NOT_THE_CASE == set(rows.TABLE_LAYOUT)
    for table, (spec, bookkeeping) in rows.TABLE_LAYOUT.items():
        assert tables[table] == _expected(spec, bookkeeping), table


def test_every_entity_is_stored_somewhere() -> None:
    """Each entity either has a table or lives inside another's row (a risk override in its
    scenario's JSON, a term, a talking point): nothing the schema declares is left out."""
    tabled = {spec.cls for spec, _ in rows.TABLE_LAYOUT.values()}
    inside: set[type] = set()
    for spec in SPEC_BY_CLASS.values():
        for rule in spec.rules.values():
            nested = getattr(rule, "spec", None)
            if nested is not None:
                inside.add(nested.cls)
    assert tabled | inside == set(SPEC_BY_CLASS)


def test_the_column_kinds_follow_the_rules() -> None:
    """What ``rows`` keeps as JSON text or 0/1 follows from the rules, not from a list of
    names: the fair band, scores, pros and cons, overrides and terms are JSON; the capped
    flag is 0/1; everything else is stored as it is."""
    storage = {
        (spec.cls.__name__, name): rows.stored_as(rule)
        for spec in SPEC_BY_CLASS.values()
        for name, rule in spec.rules.items()
    }
    json_fields = {key for key, how in storage.items() if how == "json"}
    bool_fields = {key for key, how in storage.items() if how == "bool"}
    assert bool_fields == {("Risk", "capped_by_liability")}
    assert {name for _, name in json_fields} == {
        "fair_band",
        "scores",
        "pros",
        "cons",
        "risk_overrides",
        "terms",
        "talking_points",
        "addresses_interests",
        "interests",
    }
