"""Writing rows: a whole new case, or the difference between two cases, as plain SQL.

The statements are written out here rather than left to sqlite-utils' ``upsert``: that one
probes the database once per connection for ``ON CONFLICT`` support and, if the probe happens
to fail (a full disk, say), silently falls back for the rest of the session to
``INSERT OR IGNORE`` + ``UPDATE`` — which skips rows whose NOT NULL columns are missing and
would report an edit as saved that never reached the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from desktop_app.domain.model import Case
from desktop_app.domain.schema import CORRELATIONS_KEY
from desktop_app.store import rows

Row = rows.Row


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back if it raises (also when
    the COMMIT itself fails, e.g. on a full disk)."""
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def insert_rows(conn: sqlite3.Connection, table: str, items: Sequence[rows.Row]) -> None:
    if not items:
        return
    columns = list(items[0])
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(
        f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
        [tuple(item[c] for c in columns) for item in items],
    )


def upsert_rows(
    conn: sqlite3.Connection, table: str, items: Sequence[rows.Row], *, key: str = "id"
) -> None:
    """Insert each row, or replace every column of the row with the same ``key``."""
    if not items:
        return
    columns = list(items[0])
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != key)
    conn.executemany(
        f"INSERT INTO [{table}] ({names}) VALUES ({marks}) "
        f"ON CONFLICT([{key}]) DO UPDATE SET {updates}",
        [tuple(item[c] for c in columns) for item in items],
    )


def delete_rows(conn: sqlite3.Connection, table: str, ids: Sequence[str]) -> None:
    # Deleting a party has already cascaded to its interests; deleting them again is harmless.
    conn.executemany(f"DELETE FROM [{table}] WHERE id = ?", [(i,) for i in ids])


def write_all(conn: sqlite3.Connection, case: Case) -> None:
    """Every row of ``case`` into an empty schema (inside the caller's transaction)."""
    insert_rows(conn, "case_info", [rows.info_row(case.info)])
    insert_rows(conn, "proposal", [rows.proposal_row(case.proposal)])
    for key, table in rows.TABLES.items():
        insert_rows(conn, table, list(rows.collection_rows(case, key).values()))
    insert_rows(conn, "interests", list(rows.interest_rows(case).values()))
    insert_rows(conn, CORRELATIONS_KEY, rows.correlation_rows(case))


def write_difference(conn: sqlite3.Connection, old: Case, new: Case) -> None:
    """Turn the stored ``old`` into ``new``, touching only rows that changed."""
    if new.info != old.info:
        upsert_rows(conn, "case_info", [rows.info_row(new.info)], key="singleton")
    if new.proposal != old.proposal:
        upsert_rows(conn, "proposal", [rows.proposal_row(new.proposal)], key="singleton")
    for key, table in rows.TABLES.items():
        old_items, new_items = getattr(old, key), getattr(new, key)
        if old_items is not new_items:
            deleted, changed = rows.changed_entities(key, old_items, new_items)
            delete_rows(conn, table, deleted)
            upsert_rows(conn, table, changed)
    if old.parties is not new.parties:
        deleted, changed = rows.changed_rows(rows.interest_rows(old), rows.interest_rows(new))
        delete_rows(conn, "interests", deleted)
        upsert_rows(conn, "interests", changed)
    if old.correlations != new.correlations:
        # A handful of rows: rewritten whole (a deleted risk has already cascaded to its own).
        conn.execute(f"DELETE FROM [{CORRELATIONS_KEY}]")
        insert_rows(conn, CORRELATIONS_KEY, rows.correlation_rows(new))
