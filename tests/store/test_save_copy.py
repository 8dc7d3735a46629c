"""Save a Copy As: SQLite's backup API, published atomically, owner-only, while the original
stays open and editable (SPEC §3, §6)."""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.domain import Case, Risk
from desktop_app.store import CaseFile, CaseLocked, WriteFailed
from desktop_app.store.migrations import SCHEMA_VERSION
from tests.store.casefile_support import (
    APPLICATION_ID,
    NEXT_VERSION,
    FixtureCopy,
    listing,
    pragma,
    snapshot,
    stored_case,
    with_next_step,
)


def test_copy_opens_with_an_equal_case(
    case_file: CaseFile, tmp_path: Path, rich_case: Case
) -> None:
    copy = tmp_path / "copy.leverage"
    case_file.save_copy_as(copy)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert pragma(copy, "application_id") == APPLICATION_ID
    assert pragma(copy, "user_version") == SCHEMA_VERSION
    assert pragma(copy, "quick_check") == "ok"
    with CaseFile.open(copy) as opened_copy:  # its own lock: not blocked by the original
        assert not opened_copy.read_only
        assert opened_copy.case == rich_case
    assert not copy.with_name(copy.name + "-journal").exists()


def test_copy_carries_the_latest_edits(case_file: CaseFile, tmp_path: Path) -> None:
    case_file.add(Risk(id="r-before-copy", probability=0.4))
    copy = tmp_path / "copy.leverage"
    case_file.save_copy_as(str(copy))
    assert stored_case(copy) == case_file.case


def test_original_stays_open_and_editable(
    case_file: CaseFile, case_path: Path, tmp_path: Path, rich_case: Case
) -> None:
    copy = tmp_path / "copy.leverage"
    case_file.save_copy_as(copy)
    assert case_file.path == case_path
    assert not case_file.read_only
    case_file.set_info(replace(case_file.case.info, title="Edited after the copy"))
    assert stored_case(case_path).info.title == "Edited after the copy"
    assert stored_case(copy) == rich_case  # the copy is its own file
    with pytest.raises(CaseLocked):
        CaseFile.open(case_path)  # the original is still locked by its window


def test_copy_onto_the_open_file_itself_is_refused(case_file: CaseFile, case_path: Path) -> None:
    before = snapshot(case_path)
    files_before = listing(case_path.parent)
    with pytest.raises(WriteFailed) as caught:
        case_file.save_copy_as(case_path)
    assert str(case_path) in str(caught.value)
    assert snapshot(case_path) == before
    assert listing(case_path.parent) == files_before
    case_file.add(Risk(id="r-still-editable"))
    assert stored_case(case_path).risks[-1].id == "r-still-editable"


def test_copy_onto_another_name_of_the_open_file_is_refused(
    case_file: CaseFile, case_path: Path
) -> None:
    """``folder/sub/../deal.leverage`` is the open file too. Replacing it would leave the
    window writing to a file that no longer has a name."""
    (case_path.parent / "sub").mkdir()
    alias = case_path.parent / "sub" / ".." / case_path.name
    before = snapshot(case_path)
    with pytest.raises(WriteFailed):
        case_file.save_copy_as(alias)
    assert snapshot(case_path) == before
    case_file.add(Risk(id="r-after-alias"))
    assert stored_case(case_path).risks[-1].id == "r-after-alias"


def test_copy_onto_a_case_open_in_another_window_is_refused(
    case_file: CaseFile, tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """Replacing a case another window holds would leave that window saving into a file
    without a name; the copy must be refused and the other case left alone."""
    other = tmp_path / "other.leverage"
    CaseFile.create(other, Case()).close()
    holder = opened(other)
    before = snapshot(other)
    with pytest.raises((CaseLocked, WriteFailed)):
        case_file.save_copy_as(other)
    assert snapshot(other) == before
    holder.add(Risk(id="r-holder-edit"))
    assert stored_case(other).risks[-1].id == "r-holder-edit"


@pytest.mark.parametrize("existing", ["another case", "plain text"])
def test_saving_over_an_existing_file_replaces_it(
    existing: str, case_file: CaseFile, tmp_path: Path, rich_case: Case
) -> None:
    target = tmp_path / "existing.leverage"
    if existing == "another case":
        CaseFile.create(target, Case()).close()
    else:
        target.write_text("old notes")
    case_file.save_copy_as(target)
    assert stored_case(target) == rich_case
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_copy_leaves_no_temporary_files(case_file: CaseFile, tmp_path: Path) -> None:
    before = listing(tmp_path)
    case_file.save_copy_as(tmp_path / "copy.leverage")
    assert listing(tmp_path) == sorted([*before, "copy.leverage"])


def test_copy_into_a_missing_folder_fails_cleanly(case_file: CaseFile, tmp_path: Path) -> None:
    before = listing(tmp_path)
    with pytest.raises(WriteFailed) as caught:
        case_file.save_copy_as(tmp_path / "missing" / "copy.leverage")
    assert "copy.leverage" in str(caught.value)
    assert caught.value.exit_code == 4
    assert listing(tmp_path) == before
    case_file.add(Risk(id="r-ok"))


def test_copy_comes_from_the_open_database_not_the_file(
    fixture_copy: FixtureCopy, tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """Through the backup API the copy is what the window has: an older file migrated in
    memory (opened read-only) is saved migrated, while the original stays at its version."""

    def step(db: Database) -> None:
        db.execute("UPDATE case_info SET title = 'Migrated in memory'")

    migrations = with_next_step(step, "t")
    case_file = opened(fixture_copy.path, read_only=True, migrations=migrations)
    copy = tmp_path / "migrated-copy.leverage"
    case_file.save_copy_as(copy)
    assert pragma(copy, "user_version") == NEXT_VERSION
    assert pragma(fixture_copy.path, "user_version") == fixture_copy.version
    with CaseFile.open(copy, read_only=True, migrations=migrations) as c:
        assert c.case.info.title == "Migrated in memory"
