"""Every schema version: a fixture file of it is kept, and it opens with today's code (migrated
forward, after a backup, when it is older); a newer file is refused by every command and left
untouched.

Only schema 1 exists so far. The migration machinery (ordered, all-or-nothing, backup first,
in memory when read-only) is proven with a test-only step 2 in
``tests/store/test_migrations.py``; ``CaseFile.open`` refusing a newer file untouched in
``tests/store/test_refusals.py::test_newer_version_is_refused_untouched``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.header import APPLICATION_ID, read_header
from desktop_app.store.interchange import read_json_file
from desktop_app.store.migrations import SCHEMA_VERSION
from tests.reliability.support import run_cli
from tests.store.casefile_support import FIXTURES, listing, pragma, snapshot, stored_case


def fixture_files() -> dict[int, Path]:
    found = {}
    for path in FIXTURES.glob("schema-v*.leverage"):
        match = re.fullmatch(r"schema-v(\d+)\.leverage", path.name)
        assert match, path.name
        found[int(match.group(1))] = path
    return found


def test_a_fixture_file_is_kept_for_every_schema_version() -> None:
    files = fixture_files()
    assert sorted(files) == list(range(1, SCHEMA_VERSION + 1))
    for version, path in files.items():
        header = read_header(path)
        assert header.schema_version == version
        assert header.application_id == APPLICATION_ID
        assert path.with_suffix(".json").exists(), f"{path.name} needs its JSON dump beside it"


@pytest.mark.parametrize("version", sorted(fixture_files()))
def test_every_fixture_file_opens_with_todays_code(version: int, tmp_path: Path) -> None:
    original = fixture_files()[version]
    committed = original.read_bytes()
    expected = read_json_file(original.with_suffix(".json"))
    path = tmp_path / original.name
    path.write_bytes(committed)
    path.chmod(0o600)

    with CaseFile.open(path, read_only=True) as viewer:  # migrated in memory only
        assert viewer.case == expected
    assert path.read_bytes() == committed
    with CaseFile.open(path) as case_file:
        assert not case_file.read_only
        assert case_file.case == expected
        case_file.set_info(replace(expected.info, notes="Edited with today's code"))
    assert pragma(path, "user_version") == SCHEMA_VERSION
    assert pragma(path, "quick_check") == "ok"
    assert stored_case(path).info.notes == "Edited with today's code"
    backup = path.with_name(f"{path.name}.v{version}-backup")
    if version < SCHEMA_VERSION:  # the file as it was, kept before migrating
        assert backup.read_bytes() == committed
    else:
        assert not backup.exists()
    assert original.read_bytes() == committed  # the committed fixture is never written


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
