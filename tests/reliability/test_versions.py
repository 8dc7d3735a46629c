"""Every schema version: a fixture file of it is kept, and it opens with today's code (migrated
forward, after a backup, when it is older); a newer file is refused by every command and left
untouched.

A fixture older than today's code is migrated by the real migrations; so that the backup is
checked whatever today's version is, every fixture is also opened by the code of a Leverage one
version newer (today's migrations and a test-only step). The migration machinery itself
(ordered, all-or-nothing, backup first, in memory when read-only) is proven in
``tests/store/test_migrations.py``; ``CaseFile.open`` refusing a newer file untouched in
``tests/store/test_refusals.py::test_newer_version_is_refused_untouched``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.header import APPLICATION_ID, HEADER_SIZE, read_header
from desktop_app.store.interchange import read_json_file
from desktop_app.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.reliability.support import run_cli
from tests.store.casefile_support import (
    Migrations,
    backup_of,
    fixture_files,
    listing,
    pragma,
    snapshot,
    with_next_step,
)


def test_a_fixture_file_is_kept_for_every_schema_version() -> None:
    files = fixture_files()
    assert sorted(files) == list(range(1, SCHEMA_VERSION + 1))
    for version, path in files.items():
        header = read_header(path)
        assert header.schema_version == version
        assert header.application_id == APPLICATION_ID
        assert path.with_suffix(".json").exists(), f"{path.name} needs its JSON dump beside it"


def _assert_is_the_file_as_it_was(backup: Path, committed: bytes) -> None:
    """The backup is the committed file page for page. SQLite's backup API rewrites three
    counters in the 100-byte header (file change counter, schema cookie, version-valid-for)
    and the library version number, so the header is compared field by field."""
    data = backup.read_bytes()
    assert data[HEADER_SIZE:] == committed[HEADER_SIZE:]
    assert data[:24] == committed[:24]  # magic, page size, format bytes, reserved space
    assert data[28:40] == committed[28:40]  # size in pages, free-list trunk and count
    assert data[44:92] == committed[44:92]  # user_version, application_id, encoding…
    assert pragma(backup, "quick_check") == "ok"


def _open_edit_and_check(version: int, tmp_path: Path, migrations: Migrations) -> None:
    original = fixture_files()[version]
    committed = original.read_bytes()
    expected = read_json_file(original.with_suffix(".json"))
    path = tmp_path / original.name
    path.write_bytes(committed)
    path.chmod(0o600)

    with CaseFile.open(path, read_only=True, migrations=migrations) as viewer:  # in memory only
        assert viewer.case == expected
    assert path.read_bytes() == committed
    with CaseFile.open(path, migrations=migrations) as case_file:
        assert not case_file.read_only
        assert case_file.case == expected
        case_file.set_info(replace(case_file.case.info, notes="Edited with this code"))
    assert pragma(path, "user_version") == len(migrations)
    assert pragma(path, "quick_check") == "ok"
    with CaseFile.open(path, read_only=True, migrations=migrations) as again:
        assert again.case.info.notes == "Edited with this code"
    backup = backup_of(path, version)
    if version < len(migrations):  # the file as it was, kept before migrating
        _assert_is_the_file_as_it_was(backup, committed)
        with CaseFile.open(backup, read_only=True) as kept:
            assert kept.case == expected
    else:
        assert not backup.exists()
    assert original.read_bytes() == committed  # the committed fixture is never written


@pytest.mark.parametrize("version", sorted(fixture_files()))
def test_every_fixture_file_opens_with_todays_code(version: int, tmp_path: Path) -> None:
    _open_edit_and_check(version, tmp_path, MIGRATIONS)


def _later_step(db: Database) -> None:
    db.execute("CREATE TABLE test_later (x)")


@pytest.mark.parametrize("version", sorted(fixture_files()))
def test_every_fixture_file_is_backed_up_before_a_later_migration(
    version: int, tmp_path: Path
) -> None:
    """Under the code of one version more, today's fixture is older too: it is migrated, and
    the backup is the file as it was."""
    _open_edit_and_check(version, tmp_path, with_next_step(_later_step, "later"))


@pytest.mark.parametrize("newer", [SCHEMA_VERSION + 1, 2**31 - 1])
def test_a_newer_file_is_refused_untouched_by_every_command(newer: int, tmp_path: Path) -> None:
    path = tmp_path / "from-the-future.leverage"
    write_new_case(path, read_json_file(fixture_files()[SCHEMA_VERSION].with_suffix(".json")))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {newer}")
    conn.close()
    before, files = snapshot(path), listing(tmp_path)
    commands = (
        ["dump", str(path)],
        ["dump", str(path), "-o", str(tmp_path / "out.json")],
        ["analyze", str(path), "--json"],
        ["export", str(path), "-o", str(tmp_path / "out.pdf")],
    )
    for argv in commands:
        result = run_cli(argv)
        assert result.code == 3, (argv, result)
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr
        assert "newer version of Leverage" in result.stderr and str(newer) in result.stderr
        assert result.stdout == ""
    assert snapshot(path) == before
    assert listing(tmp_path) == files
