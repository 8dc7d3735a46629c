"""What a ``.leverage`` file is: application id, schema version, rollback journal with
``synchronous=FULL``, one self-contained file when idle, readable by its owner only (SPEC §6)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.domain import Case, Risk
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.store.casefile_support import (
    APPLICATION_ID,
    FixtureCopy,
    column,
    listing,
    pragma,
    with_next_step,
)


@pytest.fixture
def wide_umask() -> Iterator[None]:
    """A umask that would leave new files world-readable if the store relied on it."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _sidecars(path: Path) -> list[Path]:
    return [
        path.with_name(path.name + suffix)
        for suffix in ("-journal", "-wal", "-shm")
        if path.with_name(path.name + suffix).exists()
    ]


def test_new_file_carries_the_application_id_and_schema_version(case_path: Path) -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 1  # one version per migration
    assert pragma(case_path, "application_id") == APPLICATION_ID
    assert pragma(case_path, "user_version") == SCHEMA_VERSION
    header = case_path.read_bytes()[:100]
    assert header[:16] == b"SQLite format 3\x00"
    assert header[68:72] == b"LEVG"
    assert int.from_bytes(header[60:64], "big") == SCHEMA_VERSION


def test_new_file_records_its_migrations(case_path: Path) -> None:
    names = column(case_path, "SELECT name FROM _sqlite_migrations ORDER BY id")
    assert names == [name for name, _ in MIGRATIONS]
    assert names[0] == "0001_create_schema"  # schema 1 is migration 0001 (SPEC §6)
    assert pragma(case_path, "quick_check") == "ok"


def test_created_file_carries_the_identity_too(tmp_path: Path, rich_case: Case) -> None:
    path = tmp_path / "made.leverage"
    CaseFile.create(path, rich_case).close()
    assert pragma(path, "application_id") == APPLICATION_ID
    assert pragma(path, "user_version") == SCHEMA_VERSION


def test_connection_uses_a_rollback_journal_with_full_sync(case_file: CaseFile) -> None:
    conn = case_file._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "delete"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_file_is_self_contained_after_commits(case_file: CaseFile, case_path: Path) -> None:
    for n in range(5):
        case_file.add(Risk(id=f"r-extra-{n}", probability=0.1))
        assert _sidecars(case_path) == []
    case_file.delete("risks", "r-extra-0")
    assert _sidecars(case_path) == []
    assert not case_file._conn.in_transaction


def test_only_the_lock_file_appears_while_open_and_it_goes_on_close(case_path: Path) -> None:
    folder = case_path.parent
    before = listing(folder)
    case_file = CaseFile.open(case_path)
    try:
        assert listing(folder) == sorted([*before, ".deal.leverage.lock"])
    finally:
        case_file.close()
    assert listing(folder) == before


def test_a_wal_file_is_switched_back_to_the_rollback_journal(case_path: Path) -> None:
    conn = sqlite3.connect(case_path)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.close()
    with CaseFile.open(case_path) as case_file:
        mode = case_file._conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode.lower() == "delete"
        case_file.add(Risk(id="r-after-wal"))
    assert _sidecars(case_path) == []
    # File format bytes 18/19 are 1 for a rollback journal, 2 for WAL.
    assert case_path.read_bytes()[18:20] == b"\x01\x01"


# -- owner-only ----------------------------------------------------------------------------


@pytest.mark.usefixtures("wide_umask")
def test_new_files_are_owner_only(tmp_path: Path, rich_case: Case) -> None:
    written = tmp_path / "written.leverage"
    write_new_case(written, rich_case)
    created = tmp_path / "created.leverage"
    CaseFile.create(created, rich_case).close()
    assert _mode(written) == 0o600
    assert _mode(created) == 0o600


@pytest.mark.usefixtures("wide_umask")
def test_overwritten_file_becomes_owner_only(tmp_path: Path, rich_case: Case) -> None:
    target = tmp_path / "old.leverage"
    target.write_text("world readable")
    target.chmod(0o644)
    write_new_case(target, rich_case, overwrite=True)
    assert _mode(target) == 0o600


@pytest.mark.usefixtures("wide_umask")
def test_save_a_copy_is_owner_only(case_file: CaseFile, tmp_path: Path) -> None:
    fresh = tmp_path / "copy.leverage"
    case_file.save_copy_as(fresh)
    assert _mode(fresh) == 0o600
    existing = tmp_path / "existing.leverage"
    existing.write_text("was world readable")
    existing.chmod(0o644)
    case_file.save_copy_as(existing)
    assert _mode(existing) == 0o600


@pytest.mark.usefixtures("wide_umask", "case_file")
def test_lock_file_is_owner_only(case_path: Path) -> None:
    lock_file = case_path.with_name(".deal.leverage.lock")
    assert lock_file.exists()
    assert _mode(lock_file) == 0o600


@pytest.mark.usefixtures("wide_umask")
def test_migration_backup_is_owner_only(
    fixture_copy: FixtureCopy, opened: Callable[..., CaseFile]
) -> None:
    def noop(_db: object) -> None:
        return None

    opened(fixture_copy.path, migrations=with_next_step(noop, "noop"))
    assert _mode(fixture_copy.backup) == 0o600


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("dir with space & #hash?", "Umowa – Ząbki ☂ 100%.leverage"),
        ("Переговоры", "交渉 (final) [v2].leverage"),
    ],
)
def test_unusual_names_open_read_write_and_read_only(
    tmp_path: Path, rich_case: Case, folder: str, name: str
) -> None:
    """The read-only open goes through an SQLite URI: '%', '#', '?' and non-ASCII must survive."""
    (tmp_path / folder).mkdir()
    path = tmp_path / folder / name
    write_new_case(path, rich_case)
    with CaseFile.open(path, read_only=True) as viewer:
        assert viewer.case == rich_case
    with CaseFile.open(path) as case_file:
        case_file.add(Risk(id="r-unusual"))
        case_file.save_copy_as(path.with_name("copy of " + name))
    assert pragma(path.with_name("copy of " + name), "application_id") == APPLICATION_ID
    with CaseFile.open(path, read_only=True) as viewer:
        assert viewer.case.risks[-1].id == "r-unusual"
