"""The ``.leverage`` file: open, check, lock, migrate, load, and one transaction per edit.

``CaseFile`` keeps the loaded case in memory as an immutable ``Case``; every change is a new
case handed to ``commit`` (or one of the small helpers built on it), validated, written as the
difference to the stored rows inside one transaction, and durable when the call returns
(rollback journal, ``synchronous=FULL``). If the write fails, the transaction rolls back and
the in-memory case is reloaded from the file, so what the app shows is what is stored.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from desktop_app.domain import edits
from desktop_app.domain.errors import ValidationError, raise_if_any, with_more
from desktop_app.domain.model import Case, CaseInfo, Proposal
from desktop_app.domain.schema import CORRELATIONS_KEY
from desktop_app.domain.validate import reference_errors, validate_change
from desktop_app.files.publish import (
    clean_leftovers,
    create_owner_only,
    is_temp_file,
    publish,
    temp_path_for,
)
from desktop_app.i18n import _
from desktop_app.store import access, rows, snapshots
from desktop_app.store.errors import (
    CaseFileError,
    CaseLocked,
    CorruptCaseFile,
    NewerVersionFile,
    NotACaseFile,
    ReadOnlyCase,
    UpgradeFailed,
    WriteFailed,
)
from desktop_app.store.header import read_header
from desktop_app.store.lock import CaseLock
from desktop_app.store.migrations import MIGRATIONS, MigrationStep, build_migrations
from desktop_app.store.snapshots import SnapshotInfo
from desktop_app.store.writes import Row, transaction, write_all, write_difference

Migrations = Sequence[tuple[str, MigrationStep]]


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), durable settings on."""
    if read_only:
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(path)
    try:
        conn.isolation_level = None
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _unreadable(path: Path, error: sqlite3.Error | UnicodeDecodeError) -> CaseFileError:
    """What SQLite said about a file it could not read, in words. Its message about a damaged
    schema may quote bytes that are not UTF-8 (Python then fails to decode the message)."""
    if isinstance(error, UnicodeDecodeError):
        return CorruptCaseFile(path, _("is damaged and cannot be read"))
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
        return _damaged(path, error)
    return CaseFileError(path, _("cannot be opened ({reason})").format(reason=error))


def _damaged(path: Path, error: object) -> CorruptCaseFile:
    """The file is damaged, with what SQLite (or the reader) said about it."""
    return CorruptCaseFile(path, _("is damaged and cannot be read ({reason})").format(reason=error))


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
    except UnicodeDecodeError:  # the report quotes damaged bytes that are not UTF-8
        raise CorruptCaseFile(path, _("is damaged and cannot be read")) from None
    except sqlite3.DatabaseError as error:
        raise _damaged(path, error) from None
    if result != [("ok",)]:
        first = str(result[0][0]).strip().splitlines()[0] if result else _("no answer")
        problem = with_more(first, len(result) - 1)
        raise CorruptCaseFile(path, _("is damaged: {first}").format(first=problem))


def _use_rollback_journal(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "delete":
        conn.execute("PRAGMA journal_mode = DELETE")


def _select(conn: sqlite3.Connection, table: str, order: str | None = None) -> list[Row]:
    cursor = conn.execute(f"SELECT * FROM [{table}]" + (f" ORDER BY {order}" if order else ""))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def read_case(conn: sqlite3.Connection, path: Path) -> Case:
    """Load the whole case; a row that breaks a rule means the file is damaged.

    Plain SQL on purpose: opening a case is on the path to the window's first paint, and
    sqlite-utils (with numpy behind it) costs more to import than the whole read.
    """
    try:
        info = next(iter(_select(conn, "case_info")), None)
        collections = {key: _select(conn, table, "position") for key, table in rows.TABLES.items()}
        interests = _select(conn, "interests", "party_id, position")
        proposal = next(iter(_select(conn, "proposal")), None)
        correlations = _select(conn, CORRELATIONS_KEY, "position")
        case = rows.case_from_rows(info, collections, interests, proposal, correlations)
        # Row by row is not enough: a damaged or hand-edited file may point at an id that is
        # not there, and then every later edit would be refused for a field nobody touched.
        raise_if_any(reference_errors(case))
        return case
    except ValidationError as error:
        raise CorruptCaseFile(
            path, _("holds a value that breaks a rule: {problem}").format(problem=error.first)
        ) from None
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as error:
        raise _damaged(path, error) from None


def _migrate(conn: sqlite3.Connection, steps: Migrations) -> None:
    """Apply the pending steps all-or-nothing with sqlite-utils' ``Migrations``: one
    transaction around all of them (each step a savepoint inside it), so a failure at step 3
    never leaves a file at step 2."""
    from sqlite_utils import Database

    db = Database(conn)
    with db.atomic():
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
            _migrate(conn, migrations)
            with transaction(conn):
                write_all(conn, case)
        finally:
            conn.close()
        publish_guarded(temp, target, overwrite=overwrite)
    except CaseFileError:
        raise
    except (OSError, sqlite3.Error) as error:
        raise WriteFailed(
            target, _("could not be written ({reason})").format(reason=_reason(error))
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
        with contextlib.suppress(OSError):
            temp.with_name(temp.name + "-journal").unlink()


def publish_guarded(temp: Path, target: Path, *, overwrite: bool) -> None:
    """``publish``, but never over a case that another window has open."""
    guard: CaseLock | None = None
    if overwrite and target.exists():
        guard = CaseLock(target)
        try:
            guard.acquire()
        except CaseLocked as locked:
            raise WriteFailed(
                target,
                _("is open in another Leverage window ({holder}); close it first").format(
                    holder=locked.holder
                ),
            ) from None
        except OSError:
            guard = None  # a read-only folder: publishing fails below with its own words
    try:
        publish(temp, target, overwrite=overwrite)
    finally:
        if guard is not None:
            guard.release()


def _failure(error: BaseException) -> str | None:
    """What kind of failure ``error`` is: "full" (the disk), "read-only", or None (another)."""
    lowered = str(error).lower()
    if "full" in lowered or "no space" in lowered:
        return "full"
    if "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
        return "read-only"
    return None


def _reason(error: BaseException) -> str:
    kind = _failure(error)
    if kind == "full":
        return _("the disk is full")
    if kind == "read-only":
        return _("the file or its folder is read-only")
    return str(error) or type(error).__name__


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
        if is_temp_file(path):
            raise NotACaseFile(
                path,
                _(
                    "is a temporary file left by an interrupted import or copy, not a case "
                    "(Leverage removes it by itself)"
                ),
            )
        header = read_header(path)
        if header.schema_version > len(migrations):
            raise NewerVersionFile(
                path,
                _(
                    "was written by a newer version of Leverage (file format {found}, this "
                    "version reads up to {known}); update Leverage to open it"
                ).format(found=header.schema_version, known=len(migrations)),
            )
        if header.schema_version == 0:
            raise CorruptCaseFile(path, _("is an unfinished Leverage file (no schema recorded)"))
        reason: str | None = _("opened read-only") if read_only else access.write_blocker(path)
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
                    raise CaseFileError(
                        path, _("cannot be opened ({reason})").format(reason=error.strerror)
                    ) from None
                reason = _("its folder is read-only")
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
        except UnicodeDecodeError as error:
            raise _unreadable(path, error) from None
        except sqlite3.Error as error:
            raise CorruptCaseFile(
                path, _("cannot be opened ({reason})").format(reason=error)
            ) from None
        try:
            if reason is not None and path.with_name(path.name + "-journal").exists():
                _check_readable_despite_journal(conn, path, reason)
            _quick_check(conn, path)
            if version < len(migrations):
                conn = cls._upgrade(conn, path, version, migrations, read_only=reason is not None)
            if reason is None:
                _use_rollback_journal(conn)
            case = read_case(conn, path)
        except (sqlite3.Error, UnicodeDecodeError) as error:
            conn.close()
            raise _unreadable(path, error) from None
        except BaseException:
            conn.close()
            raise
        if reason is None:
            _remove_stale_journal(path)
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
            try:
                _write_copy(conn, backup)
            except (OSError, sqlite3.Error, CaseFileError) as error:
                raise UpgradeFailed(
                    path,
                    _(
                        "was not upgraded from file format {version}: the backup copy {backup}"
                        " could not be written ({reason}); the file is unchanged"
                    ).format(version=version, backup=backup.name, reason=_reason(error)),
                ) from None
        try:
            _migrate(conn, migrations)
        except Exception as error:
            raise UpgradeFailed(
                path,
                _(
                    "could not be upgraded from file format {version} to {latest} "
                    "({reason}); the file is unchanged"
                ).format(version=version, latest=len(migrations), reason=_reason(error)),
            ) from None
        return conn

    @classmethod
    def create(cls, path: Path | str, case: Case, *, overwrite: bool = False) -> CaseFile:
        """Validate ``case``, write it as a new file (atomically) and open it."""
        valid = validate_change(Case(), case)
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
            raise ReadOnlyCase(
                self.path, _("cannot be changed: {reason}").format(reason=self.read_only_reason)
            )
        old = self._case
        new = validate_change(old, new_case)
        try:
            with transaction(self._conn):
                write_difference(self._conn, old, new)
        except sqlite3.Error as error:
            reason = _reason(error)
            with contextlib.suppress(CaseFileError, sqlite3.Error):
                self.reload()
            if _failure(error) == "read-only":
                self.read_only_reason = reason
            raise WriteFailed(
                self.path, _("the change was not saved: {reason}").format(reason=reason)
            ) from None
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

    # -- round snapshots (SPEC §10) ----------------------------------------------------------

    def take_snapshot(self, label: str = "", *, taken_at: str | None = None) -> SnapshotInfo:
        """Keep the case as it is now in the file, with ``label`` and the time (UTC), in one
        durable transaction. Raises ``ValidationError`` (a label over 200 characters),
        ``ReadOnlyCase`` or ``WriteFailed``."""
        if self.read_only:
            raise ReadOnlyCase(
                self.path, _("cannot be changed: {reason}").format(reason=self.read_only_reason)
            )
        clean = snapshots.clean_label(label)
        try:
            with transaction(self._conn):
                return snapshots.insert(
                    self._conn, self._case, clean, taken_at or snapshots.now_utc()
                )
        except sqlite3.Error as error:
            raise WriteFailed(
                self.path, _("the snapshot was not saved: {reason}").format(reason=_reason(error))
            ) from None

    def snapshots(self) -> tuple[SnapshotInfo, ...]:
        """The file's snapshots, oldest first, without their content."""
        return snapshots.listing(self._conn)

    def snapshot_case(self, snapshot_id: int) -> Case:
        """The case as snapshot ``snapshot_id`` kept it, to read (``KeyError``: no such
        snapshot). It is a plain ``Case``: nothing written to it reaches the file."""
        return snapshots.read(self._conn, snapshot_id, self.path)

    def save_copy_as(self, target: Path | str) -> None:
        """Write a consistent copy through SQLite's backup API, published atomically."""
        target = Path(target)
        if target.absolute() == self.path.absolute() or (
            target.exists() and os.path.samefile(target, self.path)
        ):
            raise WriteFailed(target, _("is the open case itself; choose another name"))
        clean_leftovers(target.parent)  # what an earlier, interrupted copy left there
        try:
            _write_copy(self._conn, target)
        except CaseFileError:
            raise
        except (OSError, sqlite3.Error) as error:
            raise WriteFailed(
                target, _("could not be written ({reason})").format(reason=_reason(error))
            ) from None


def _write_copy(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``conn``'s database at ``target``: SQLite's backup API into a
    temporary file beside it, fsynced and published over whatever was there (unless that
    is a case another window has open)."""
    temp = temp_path_for(target)
    try:
        create_owner_only(temp)
        dest = sqlite3.connect(temp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        publish_guarded(temp, target, overwrite=True)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _remove_stale_journal(path: Path) -> None:
    """Delete a journal a killed writer left that SQLite judged not hot (it was never
    completed, so it holds nothing to roll back). We hold the write lock and have read the
    case, so a hot journal would already have been rolled back; keeping the stale one would
    leave the case as two files while the app is idle."""
    with contextlib.suppress(OSError):
        path.with_name(path.name + "-journal").unlink()


def _check_readable_despite_journal(conn: sqlite3.Connection, path: Path, reason: str) -> None:
    """A read-only connection cannot roll back a killed writer's journal: say so in words."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        raise CorruptCaseFile(
            path,
            _(
                "was not closed properly (a write was interrupted) and cannot be recovered here "
                "({reason}); open it once where it can be written"
            ).format(reason=reason),
        ) from None


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
