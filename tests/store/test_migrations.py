"""Schema versions: the committed schema-1 fixture loads with today's code, and the migration
mechanism (ordered, transactional, backup first, read-only in memory) works (SPEC §6).

Every test works on a copy of the fixture in ``tmp_path``; the committed file is only read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.domain import Case, Risk
from desktop_app.store import (
    CaseFile,
    CaseFileError,
    NewerVersionFile,
    UpgradeFailed,
    casefile,
    write_new_case,
)
from desktop_app.store.interchange import read_json_file
from desktop_app.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.store.casefile_support import (
    APPLICATION_ID,
    FIXTURES,
    column,
    listing,
    pragma,
    snapshot,
    stored_case,
)

FIXTURE = FIXTURES / "schema-v1.leverage"
MARK = " [migrated to 2]"


def _fixture_case() -> Case:
    return read_json_file(FIXTURES / "schema-v1.json")


def step_2(db: Database) -> None:
    """A realistic test-only migration: a new table, and existing data rewritten."""
    db.execute("CREATE TABLE attachments (id TEXT PRIMARY KEY, name TEXT NOT NULL)")
    db.execute("UPDATE case_info SET notes = notes || ?", (MARK,))


def failing_sql_step(db: Database) -> None:
    db.execute("UPDATE case_info SET notes = 'half done'")
    db.execute("CREATE TABLE half_done (x)")
    db.execute("INSERT INTO no_such_table VALUES (1)")


def failing_python_step(db: Database) -> None:
    db.execute("UPDATE case_info SET notes = 'half done'")
    raise RuntimeError("a bug in the migration code")


WITH_STEP_2 = (*MIGRATIONS, ("0002_test", step_2))


def _backup_of(path: Path, version: int = 1) -> Path:
    return path.with_name(f"{path.name}.v{version}-backup")


# -- the committed fixture -----------------------------------------------------------------


def test_committed_fixture_is_a_small_schema_1_file() -> None:
    data = FIXTURE.read_bytes()
    assert len(data) < 200 * 1024
    assert data[:16] == b"SQLite format 3\x00"
    assert int.from_bytes(data[60:64], "big") == 1  # user_version
    assert int.from_bytes(data[68:72], "big") == APPLICATION_ID
    assert (FIXTURES / "make_fixtures.py").is_file()


def test_fixture_opens_and_loads_with_todays_code(
    v1_copy: Path, opened: Callable[..., CaseFile]
) -> None:
    expected = _fixture_case()
    before = snapshot(v1_copy)
    case_file = opened(v1_copy, read_only=True)
    assert case_file.case == expected
    assert len(case_file.case.risks) >= 8  # the sample story, not an empty case
    assert snapshot(v1_copy) == before


def test_fixture_opens_for_writing_and_takes_edits(
    v1_copy: Path, opened: Callable[..., CaseFile]
) -> None:
    case_file = opened(v1_copy)
    assert not case_file.read_only
    assert case_file.case == _fixture_case()
    case_file.add(Risk(id="r-new-on-v1", probability=0.1))
    assert stored_case(v1_copy).risks[-1].id == "r-new-on-v1"
    if SCHEMA_VERSION == 1:
        assert not _backup_of(v1_copy).exists()  # nothing to migrate, so no backup


# -- a later migration ---------------------------------------------------------------------


def test_extra_migration_is_applied_after_a_backup(
    v1_copy: Path, opened: Callable[..., CaseFile]
) -> None:
    original = _fixture_case()
    case_file = opened(v1_copy, migrations=WITH_STEP_2)
    assert not case_file.read_only
    assert case_file.case.info.notes == original.info.notes + MARK
    case_file.close()

    assert pragma(v1_copy, "user_version") == 2
    assert pragma(v1_copy, "application_id") == APPLICATION_ID
    assert column(v1_copy, "SELECT name FROM _sqlite_migrations ORDER BY id") == [
        "0001_create_schema",
        "0002_test",
    ]
    assert "attachments" in column(v1_copy, "SELECT name FROM sqlite_master")

    backup = _backup_of(v1_copy)
    assert backup.exists()
    assert pragma(backup, "user_version") == 1
    assert pragma(backup, "quick_check") == "ok"
    assert stored_case(backup) == original

    with CaseFile.open(v1_copy, migrations=WITH_STEP_2) as again:  # already migrated
        assert again.case.info.notes == original.info.notes + MARK


def test_migrated_file_is_newer_than_todays_code(
    v1_copy: Path, opened: Callable[..., CaseFile]
) -> None:
    opened(v1_copy, migrations=WITH_STEP_2).close()
    before = snapshot(v1_copy)
    with pytest.raises(NewerVersionFile):
        CaseFile.open(v1_copy)
    assert snapshot(v1_copy) == before


def test_read_only_open_migrates_in_memory_only(
    v1_copy: Path, opened: Callable[..., CaseFile]
) -> None:
    before = snapshot(v1_copy)
    files_before = listing(v1_copy.parent)
    case_file = opened(v1_copy, read_only=True, migrations=WITH_STEP_2)
    assert case_file.read_only
    assert case_file.case.info.notes == _fixture_case().info.notes + MARK
    assert snapshot(v1_copy) == before
    assert listing(v1_copy.parent) == files_before  # no backup, no lock
    assert pragma(v1_copy, "user_version") == 1


def test_failed_migration_leaves_the_file_as_it_was(
    v1_copy: Path, opened: Callable[..., CaseFile]
) -> None:
    before = snapshot(v1_copy)
    with pytest.raises(UpgradeFailed) as caught:
        CaseFile.open(v1_copy, migrations=(*MIGRATIONS, ("0002_broken", failing_sql_step)))
    assert str(v1_copy) in str(caught.value)
    assert "upgraded" in str(caught.value)
    assert snapshot(v1_copy).data == before.data
    assert pragma(v1_copy, "user_version") == 1
    assert "half_done" not in column(v1_copy, "SELECT name FROM sqlite_master")
    assert not v1_copy.with_name(v1_copy.name + "-journal").exists()
    # Not left locked, and still the same case for today's code.
    assert opened(v1_copy).case == _fixture_case()


def test_migration_raising_a_python_error_is_refused_cleanly(v1_copy: Path) -> None:
    """A bug in a migration step must end in a clear refusal (a ``CaseFileError`` the CLI
    turns into one line and exit 3), with the file unchanged, not in a traceback."""
    before = snapshot(v1_copy)
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(v1_copy, migrations=(*MIGRATIONS, ("0002_bug", failing_python_step)))
    assert str(v1_copy) in str(caught.value)
    assert snapshot(v1_copy).data == before.data


def test_migration_python_error_leaves_the_file_unchanged_and_unlocked(v1_copy: Path) -> None:
    before = snapshot(v1_copy)
    with pytest.raises(Exception, match="bug in the migration"):
        CaseFile.open(v1_copy, migrations=(*MIGRATIONS, ("0002_bug", failing_python_step)))
    assert snapshot(v1_copy).data == before.data
    assert pragma(v1_copy, "user_version") == 1
    with CaseFile.open(v1_copy) as case_file:
        assert case_file.case == _fixture_case()


def test_backup_failure_before_migrating_is_a_clear_refusal(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the backup cannot be written (disk full), nothing is migrated and the consultant
    gets a sentence naming the file (a ``CaseFileError``), not a raw ``sqlite3`` error."""

    def full_disk(_conn: sqlite3.Connection, _target: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(casefile, "_write_copy", full_disk)
    before = snapshot(v1_copy)
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(v1_copy, migrations=WITH_STEP_2)
    assert str(v1_copy) in str(caught.value)
    assert snapshot(v1_copy).data == before.data
    assert pragma(v1_copy, "user_version") == 1


def test_backup_failure_leaves_the_file_unmigrated_and_unlocked(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(_conn: sqlite3.Connection, _target: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(casefile, "_write_copy", full_disk)
    before = snapshot(v1_copy)
    with pytest.raises(Exception, match="full"):
        CaseFile.open(v1_copy, migrations=WITH_STEP_2)
    monkeypatch.undo()
    assert snapshot(v1_copy).data == before.data
    with CaseFile.open(v1_copy) as case_file:
        assert case_file.case == _fixture_case()


def test_upgrade_over_several_versions_is_all_or_nothing(v1_copy: Path) -> None:
    """If step 3 of an upgrade from 1 fails, the file must stay at version 1: a file left at
    version 2 is refused by the installed version ("newer") and cannot be finished by this
    one, so the consultant could open it with neither."""
    before = snapshot(v1_copy)
    steps = (*WITH_STEP_2, ("0003_broken", failing_sql_step))
    with pytest.raises(UpgradeFailed):
        CaseFile.open(v1_copy, migrations=steps)
    assert pragma(v1_copy, "user_version") == 1
    assert snapshot(v1_copy).data == before.data


def test_migrations_bump_user_version_in_step(tmp_path: Path) -> None:
    """Building a file with the extra step gives version 2 straight away."""
    path = tmp_path / "made-v2.leverage"
    write_new_case(path, _fixture_case(), migrations=WITH_STEP_2)
    assert pragma(path, "user_version") == 2
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
    finally:
        conn.close()
    with CaseFile.open(path, migrations=WITH_STEP_2) as case_file:
        assert case_file.case == _fixture_case()
