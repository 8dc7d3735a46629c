"""Read-only files and folders open read-only with a reason; a write that fails rolls back and
the case in memory is what the file holds (SPEC §6).

CI runs as root, where ``chmod`` binds nothing, so read-only media are simulated by injecting
the error: ``access.write_blocker`` (the seam for "is this file writable"), an ``EROFS`` from
creating the lock file, or SQLite itself refusing (``max_page_count``, ``query_only``).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import Case, Criterion, Proposal, Risk, Term
from desktop_app.store import CaseFile, CaseFileError, ReadOnlyCase, WriteFailed, access, lock
from desktop_app.store.lock import CaseLock
from tests.store.casefile_support import listing, snapshot, stored_case

BIG = "€" * 10_000  # the longest text a field may hold; needs overflow pages


def _lock_file(case_path: Path) -> Path:
    return case_path.with_name(f".{case_path.name}.lock")


def _every_edit(case_file: CaseFile) -> list[Callable[[], object]]:
    case = case_file.case
    return [
        lambda: case_file.add(Risk(id="r-new")),
        lambda: case_file.update(replace(case.risks[0], probability=0.5)),
        lambda: case_file.delete("risks", "r-fx"),
        lambda: case_file.move("risks", "r-fx", 0),
        lambda: case_file.set_info(replace(case.info, title="Changed")),
        lambda: case_file.set_proposal(Proposal(statement="Changed")),
        lambda: case_file.commit(replace(case, risks=())),
    ]


# -- read-only media -----------------------------------------------------------------------


def test_write_blocker_opens_read_only_with_its_reason(
    case_path: Path,
    rich_case: Case,
    monkeypatch: pytest.MonkeyPatch,
    opened: Callable[..., CaseFile],
) -> None:
    asked: list[Path] = []

    def blocker(path: Path) -> str | None:
        asked.append(path)
        return "the file is on a read-only USB stick"

    monkeypatch.setattr(access, "write_blocker", blocker)
    before = snapshot(case_path)
    files_before = listing(case_path.parent)
    case_file = opened(case_path)
    assert asked == [case_path]
    assert case_file.read_only
    assert case_file.read_only_reason == "the file is on a read-only USB stick"
    assert case_file.case == rich_case
    for edit in _every_edit(case_file):
        with pytest.raises(ReadOnlyCase) as caught:
            edit()
        assert "read-only USB stick" in str(caught.value)
        assert str(case_path) in str(caught.value)
    assert case_file.case == rich_case
    assert snapshot(case_path) == before
    assert listing(case_path.parent) == files_before  # not even a lock file


def test_read_only_connection_really_cannot_write(
    case_path: Path, monkeypatch: pytest.MonkeyPatch, opened: Callable[..., CaseFile]
) -> None:
    monkeypatch.setattr(access, "write_blocker", lambda _path: "read-only medium")
    case_file = opened(case_path)
    before = snapshot(case_path)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        case_file._conn.execute("DELETE FROM risks")
    assert snapshot(case_path) == before


def test_read_only_case_can_still_be_saved_elsewhere(
    case_path: Path,
    rich_case: Case,
    monkeypatch: pytest.MonkeyPatch,
    opened: Callable[..., CaseFile],
) -> None:
    monkeypatch.setattr(access, "write_blocker", lambda _path: "read-only medium")
    case_file = opened(case_path)
    copy = case_path.with_name("rescued.leverage")
    case_file.save_copy_as(copy)
    monkeypatch.undo()
    with CaseFile.open(copy) as rescued:
        assert not rescued.read_only
        assert rescued.case == rich_case


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.EPERM])
def test_lock_file_that_cannot_be_created_means_read_only(
    code: int,
    case_path: Path,
    rich_case: Case,
    monkeypatch: pytest.MonkeyPatch,
    opened: Callable[..., CaseFile],
) -> None:
    real_open = os.open

    def refusing_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".leverage.lock"):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lock.os, "open", refusing_open)
    before = snapshot(case_path)
    case_file = opened(case_path)
    monkeypatch.undo()
    assert case_file.read_only
    assert "read-only" in str(case_file.read_only_reason)
    assert case_file.case == rich_case
    with pytest.raises(ReadOnlyCase):
        case_file.add(Risk(id="r-new"))
    assert snapshot(case_path) == before
    assert not _lock_file(case_path).exists()


def test_erofs_from_acquire_means_read_only(
    case_path: Path, monkeypatch: pytest.MonkeyPatch, opened: Callable[..., CaseFile]
) -> None:
    def acquire(self: CaseLock) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self.path))

    monkeypatch.setattr(CaseLock, "acquire", acquire)
    before = snapshot(case_path)
    case_file = opened(case_path)
    assert case_file.read_only
    assert case_file.read_only_reason
    with pytest.raises(ReadOnlyCase):
        case_file.set_info(replace(case_file.case.info, title="No"))
    assert snapshot(case_path) == before


def test_other_lock_file_errors_are_reported_not_hidden(
    case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def acquire(self: CaseLock) -> None:
        raise OSError(errno.EIO, "Input/output error", str(self.path))

    monkeypatch.setattr(CaseLock, "acquire", acquire)
    before = snapshot(case_path)
    with pytest.raises(CaseFileError) as caught:
        CaseFile.open(case_path)
    assert str(case_path) in str(caught.value)
    assert "Input/output error" in str(caught.value)
    assert snapshot(case_path) == before


# -- a write that fails inside SQLite ------------------------------------------------------


def _fill_up(case_file: CaseFile) -> None:
    """Let the file grow no further: the next write that needs a page fails 'disk full'."""
    pages = case_file._conn.execute("PRAGMA page_count").fetchone()[0]
    case_file._conn.execute(f"PRAGMA max_page_count = {pages}")


def _make_room(case_file: CaseFile) -> None:
    case_file._conn.execute("PRAGMA max_page_count = 1073741823")


def _warm_up(case_file: CaseFile) -> None:
    """One ordinary edit first, so the disk-full tests below test the edit that fails."""
    case_file.set_info(replace(case_file.case.info, consultant="Warmed up"))


def test_failed_update_rolls_back_and_memory_matches_the_file(
    case_file: CaseFile, case_path: Path
) -> None:
    _warm_up(case_file)
    before = case_file.case
    _fill_up(case_file)
    with pytest.raises(WriteFailed) as caught:
        case_file.set_info(replace(before.info, notes=BIG))
    assert str(case_path) in str(caught.value)
    assert "full" in str(caught.value)
    assert caught.value.exit_code == 4
    assert case_file.case == before
    assert stored_case(case_path) == case_file.case
    assert not case_file._conn.in_transaction
    assert not case_path.with_name(case_path.name + "-journal").exists()
    assert not case_file.read_only  # a full disk is not a read-only file
    _make_room(case_file)
    case_file.set_info(replace(before.info, notes=BIG))
    assert stored_case(case_path).info.notes == BIG


def test_failed_edit_over_several_tables_is_all_or_nothing(
    case_file: CaseFile, case_path: Path
) -> None:
    _warm_up(case_file)
    before = case_file.case
    big_terms = (Term(name="Warranty", value="5 years", rationale=BIG),)
    new = replace(
        before,
        proposal=replace(before.proposal, statement="Changed first"),
        risks=before.risks[:2],
        scenarios=(replace(before.scenarios[0], terms=big_terms), *before.scenarios[1:]),
    )
    _fill_up(case_file)
    with pytest.raises(WriteFailed):
        case_file.commit(new)
    assert case_file.case == before
    stored = stored_case(case_path)
    assert stored == before
    assert stored.proposal.statement == before.proposal.statement
    assert len(stored.risks) == 3


def test_failed_insert_rolls_back_and_memory_matches_the_file(
    case_file: CaseFile, case_path: Path
) -> None:
    """The brief's case exactly: the first edit after opening inserts a big row on a full
    disk. It must raise ``WriteFailed`` and leave memory equal to the file, not report
    success while nothing was stored."""
    before = case_file.case
    _fill_up(case_file)
    with pytest.raises(WriteFailed):
        case_file.add(Risk(id="r-big", name="Big", mitigation=BIG))
    assert case_file.case == before
    assert stored_case(case_path) == case_file.case


def test_edits_after_a_full_disk_are_durable_again(case_file: CaseFile, case_path: Path) -> None:
    """Once space is back, every edit is stored again, additions included."""
    _fill_up(case_file)
    with pytest.raises(WriteFailed):
        case_file.set_info(replace(case_file.case.info, notes=BIG))
    _make_room(case_file)
    case_file.add(Risk(id="r-after", name="After the disk was full"))
    case_file.add(Criterion(id="c-o-after", side="ours", name="After"))
    assert stored_case(case_path) == case_file.case
    assert stored_case(case_path).risks[-1].id == "r-after"


def test_sqlite_saying_read_only_turns_the_case_read_only(
    case_file: CaseFile, case_path: Path
) -> None:
    _warm_up(case_file)
    before = case_file.case
    snap = snapshot(case_path)
    case_file._conn.execute("PRAGMA query_only = ON")  # SQLite answers "readonly database"
    with pytest.raises(WriteFailed) as caught:
        case_file.update(replace(before.risks[0], probability=0.9))
    assert "read-only" in str(caught.value)
    assert case_file.read_only
    assert "read-only" in str(case_file.read_only_reason)
    assert case_file.case == before
    with pytest.raises(ReadOnlyCase):
        case_file.add(Risk(id="r-new"))
    assert snapshot(case_path) == snap
    assert stored_case(case_path) == before
