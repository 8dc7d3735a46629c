"""The ``.leverage`` file: open, check, lock, migrate, load, and one transaction per edit.

``CaseFile`` keeps the loaded case in memory as an immutable ``Case``; every change is a new
case handed to ``commit`` (or one of the small helpers built on it), validated, written as the
difference to the stored rows inside one transaction, and durable when the call returns
(rollback journal, ``synchronous=FULL``). If the write fails, the transaction rolls back and
the in-memory case is reloaded from the file, so what the app shows is what is stored.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlite_utils import Database

from desktop_app.domain import edits
from desktop_app.domain.errors import FieldError, ValidationError, join_path, raise_if_any
from desktop_app.domain.model import Case, CaseInfo, Proposal
from desktop_app.domain.schema import COLLECTIONS, check_entity
from desktop_app.domain.validate import reference_errors
from desktop_app.store import access, rows
from desktop_app.store.errors import (
    CaseFileError,
    CorruptCaseFile,
    NewerVersionFile,
    ReadOnlyCase,
    WriteFailed,
)
from desktop_app.store.header import read_header
from desktop_app.store.lock import CaseLock
from desktop_app.store.migrations import MIGRATIONS, MigrationStep, build_migrations
from desktop_app.store.publish import clean_leftovers, create_owner_only, publish, temp_path_for

Migrations = Sequence[tuple[str, MigrationStep]]


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), durable settings on."""
    if read_only:
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(path)
    conn.isolation_level = None
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise CorruptCaseFile(path, f"is damaged and cannot be read ({error})") from None
    if result != [("ok",)]:
        raise CorruptCaseFile(path, f"is damaged: {result[0][0]}")


def _use_rollback_journal(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "delete":
        conn.execute("PRAGMA journal_mode = DELETE")


def read_case(conn: sqlite3.Connection, path: Path) -> Case:
    """Load the whole case; a row that breaks a rule means the file is damaged."""
    db = Database(conn)
    try:
        info = next(iter(db.table("case_info").rows), None)
        collections = {
            key: list(db.table(table).rows_where(order_by="position"))
            for key, table in rows.TABLES.items()
        }
        interests = list(db.table("interests").rows_where(order_by="party_id, position"))
        proposal = next(iter(db.table("proposal").rows), None)
        return rows.case_from_rows(info, collections, interests, proposal)
    except ValidationError as error:
        raise CorruptCaseFile(path, f"holds a value that breaks a rule: {error.first}") from None
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as error:
        raise CorruptCaseFile(path, f"is damaged and cannot be read ({error})") from None


def write_all(db: Database, case: Case) -> None:
    """Write every row of ``case`` into an empty schema (inside the caller's transaction)."""
    db.table("case_info").insert(rows.info_row(case.info))
    db.table("proposal").insert(rows.proposal_row(case.proposal))
    for key, table in rows.TABLES.items():
        db.table(table).insert_all(rows.collection_rows(case, key).values())
    db.table("interests").insert_all(rows.interest_rows(case).values())


def _migrate(db: Database, steps: Migrations) -> None:
    build_migrations(steps).apply(db)


def write_new_case(
    path: Path | str, case: Case, *, overwrite: bool = False, migrations: Migrations = MIGRATIONS
) -> None:
    """Create the case file ``path`` holding ``case``, atomically (see ``publish``).

    ``case`` must already be valid (``validate_case``). Without ``overwrite`` an existing file
    raises ``TargetExists`` and stays untouched.
    """
    target = Path(path)
    temp = temp_path_for(target)
    try:
        create_owner_only(temp)
        conn = connect(temp, read_only=False)
        try:
            db = Database(conn)
            _migrate(db, migrations)
            with db.atomic():
                write_all(db, case)
        finally:
            conn.close()
        publish(temp, target, overwrite=overwrite)
    except CaseFileError:
        raise
    except (OSError, sqlite3.Error) as error:
        raise WriteFailed(target, f"could not be written ({_reason(error)})") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
        with contextlib.suppress(OSError):
            temp.with_name(temp.name + "-journal").unlink()


def _reason(error: BaseException) -> str:
    text = str(error)
    lowered = text.lower()
    if "full" in lowered or "no space" in lowered:
        return "the disk is full"
    if "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
        return "the file or its folder is read-only"
    return text or type(error).__name__


class CaseFile:
    """An open case file. Use ``CaseFile.open`` or ``CaseFile.create``; close when done."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        case: Case,
        *,
        lock: CaseLock | None,
        read_only_reason: str | None,
    ) -> None:
        self.path = path
        self._conn = conn
        self._db = Database(conn)
        self._case = case
        self._lock = lock
        self.read_only_reason = read_only_reason

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        migrations: Migrations = MIGRATIONS,
    ) -> CaseFile:
        """Open an existing case, read-write unless asked or forced otherwise.

        Raises ``NotACaseFile``, ``CorruptCaseFile``, ``NewerVersionFile`` (all leave the file
        untouched) or ``CaseLocked`` (another instance writes it; open with ``read_only=True``
        to look anyway). Read-only media open read-only, with ``read_only_reason`` saying why.
        """
        path = Path(path)
        header = read_header(path)
        if header.schema_version > len(migrations):
            raise NewerVersionFile(
                path,
                f"was written by a newer version of Leverage (file format {header.schema_version},"
                f" this version reads up to {len(migrations)}); update Leverage to open it",
            )
        if header.schema_version == 0:
            raise CorruptCaseFile(path, "is an unfinished Leverage file (no schema recorded)")
        reason: str | None = "opened read-only" if read_only else access.write_blocker(path)
        if read_only:
            _recover_interrupted_write(path)
        lock: CaseLock | None = None
        if reason is None:
            lock = CaseLock(path)
            try:
                lock.acquire()
            except OSError as error:
                lock = None
                if not access.is_read_only_error(error):
                    raise CaseFileError(path, f"cannot be opened ({error.strerror})") from None
                reason = "its folder is read-only"
        try:
            return cls._open_locked(path, header.schema_version, migrations, lock, reason)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        version: int,
        migrations: Migrations,
        lock: CaseLock | None,
        reason: str | None,
    ) -> CaseFile:
        try:
            conn = connect(path, read_only=reason is not None)
        except sqlite3.Error as error:
            raise CorruptCaseFile(path, f"cannot be opened ({error})") from None
        try:
            _quick_check(conn, path)
            if version < len(migrations):
                conn = cls._upgrade(conn, path, version, migrations, read_only=reason is not None)
            if reason is None:
                _use_rollback_journal(conn)
            case = read_case(conn, path)
        except BaseException:
            conn.close()
            raise
        if reason is None:
            clean_leftovers(path.parent)
        return cls(path, conn, case, lock=lock, read_only_reason=reason)

    @staticmethod
    def _upgrade(
        conn: sqlite3.Connection,
        path: Path,
        version: int,
        migrations: Migrations,
        *,
        read_only: bool,
    ) -> sqlite3.Connection:
        """Bring an older file up to date: in place after a backup, or in memory if read-only."""
        if read_only:
            memory = sqlite3.connect(":memory:")
            memory.isolation_level = None
            conn.backup(memory)
            conn.close()
            conn = memory
        else:
            backup = path.with_name(f"{path.name}.v{version}-backup")
            _backup_to(conn, backup)
        try:
            _migrate(Database(conn), migrations)
        except (sqlite3.Error, ValueError) as error:
            raise CorruptCaseFile(
                path, f"could not be upgraded from file format {version} ({error})"
            ) from None
        return conn

    @classmethod
    def create(cls, path: Path | str, case: Case, *, overwrite: bool = False) -> CaseFile:
        """Validate ``case``, write it as a new file (atomically) and open it."""
        valid = _validated(Case(), case)
        write_new_case(path, valid, overwrite=overwrite)
        return cls.open(path)

    # -- state ------------------------------------------------------------------------------

    @property
    def case(self) -> Case:
        return self._case

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def reload(self) -> Case:
        """Read the case again from the file (what is really stored)."""
        self._case = read_case(self._conn, self.path)
        return self._case

    # -- writing ----------------------------------------------------------------------------

    def commit(self, new_case: Case) -> Case:
        """Store ``new_case`` in one durable transaction; return it as stored (cleaned).

        Raises ``ValidationError`` (nothing stored), ``ReadOnlyCase`` or ``WriteFailed`` (rolled
        back; the in-memory case reloaded from the file).
        """
        if self.read_only:
            raise ReadOnlyCase(self.path, f"cannot be changed: {self.read_only_reason}")
        old = self._case
        new = _validated(old, new_case)
        try:
            with self._db.atomic():
                _write_difference(self._db, old, new)
        except sqlite3.Error as error:
            reason = _reason(error)
            with contextlib.suppress(CaseFileError, sqlite3.Error):
                self.reload()
            if "read-only" in reason:
                self.read_only_reason = reason
            raise WriteFailed(self.path, f"the change was not saved: {reason}") from None
        self._case = new
        return new

    def add(self, entity: edits.Entity, index: int | None = None) -> Case:
        return self.commit(edits.add_entity(self._case, entity, index))

    def update(self, entity: edits.Entity) -> Case:
        return self.commit(edits.replace_entity(self._case, entity))

    def delete(self, key: str, ident: str) -> Case:
        return self.commit(edits.remove_entity(self._case, key, ident))

    def move(self, key: str, ident: str, index: int) -> Case:
        return self.commit(edits.move_entity(self._case, key, ident, index))

    def set_info(self, info: CaseInfo) -> Case:
        return self.commit(edits.with_info(self._case, info))

    def set_proposal(self, proposal: Proposal) -> Case:
        return self.commit(edits.with_proposal(self._case, proposal))

    def save_copy_as(self, target: Path | str) -> None:
        """Write a consistent copy through SQLite's backup API, published atomically."""
        target = Path(target)
        if target.absolute() == self.path.absolute():
            raise WriteFailed(target, "is the open case itself; choose another name")
        temp = temp_path_for(target)
        try:
            create_owner_only(temp)
            _backup_to(self._conn, temp)
            publish(temp, target, overwrite=True)
        except CaseFileError:
            raise
        except (OSError, sqlite3.Error) as error:
            raise WriteFailed(target, f"could not be written ({_reason(error)})") from None
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()


def _recover_interrupted_write(path: Path) -> None:
    """Roll back what a killed writer left in the journal, so a read-only open can read.

    A read-only connection cannot roll back a hot journal. If nobody holds the case and we may
    write, open it briefly for writing: SQLite's own recovery runs on the first read.
    """
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or access.write_blocker(path) is not None:
        return
    lock = CaseLock(path)
    try:
        lock.acquire()
    except (CaseFileError, OSError):
        return
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # the open that follows reports the damage in words
    finally:
        lock.release()


def _backup_to(conn: sqlite3.Connection, target: Path) -> None:
    if not target.exists():
        create_owner_only(target)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()


def _validated(old: Case, new: Case) -> Case:
    """Check the entities that changed since ``old`` and every case-wide rule.

    Unchanged entities (the same objects) were checked when they were stored; checking only
    what changed keeps an edit of a large case fast.
    """
    errors: list[FieldError] = []
    parts: dict[str, Any] = {}

    def check(entity: Any, path: str) -> Any:
        try:
            return check_entity(entity, path)
        except ValidationError as error:
            errors.extend(error.errors)
            return entity

    parts["info"] = new.info if new.info is old.info else check(new.info, "case")
    parts["proposal"] = (
        new.proposal if new.proposal is old.proposal else check(new.proposal, "proposal")
    )
    for key in COLLECTIONS:
        before = {id(e) for e in getattr(old, key)}
        parts[key] = tuple(
            e if id(e) in before else check(e, join_path(key, i))
            for i, e in enumerate(getattr(new, key))
        )
    raise_if_any(errors)
    cleaned = replace(new, **parts)
    raise_if_any(reference_errors(cleaned))
    return cleaned


def _write_difference(db: Database, old: Case, new: Case) -> None:
    if new.info != old.info:
        db.table("case_info").upsert(rows.info_row(new.info), pk="singleton")
    if new.proposal != old.proposal:
        db.table("proposal").upsert(rows.proposal_row(new.proposal), pk="singleton")
    for key, table in rows.TABLES.items():
        old_items, new_items = getattr(old, key), getattr(new, key)
        if old_items is not new_items:
            _apply(db, table, *rows.changed_entities(key, old_items, new_items))
    if old.parties is not new.parties:
        _apply(
            db, "interests", *rows.changed_rows(rows.interest_rows(old), rows.interest_rows(new))
        )


def _apply(db: Database, table: str, deleted: list[str], upserts: list[rows.Row]) -> None:
    if deleted:
        # Plain SQL: deleting a party already cascaded to its interests, and that is fine.
        db.conn.executemany(f"DELETE FROM [{table}] WHERE id = ?", [(i,) for i in deleted])
    if upserts:
        db.table(table).upsert_all(upserts, pk="id")
