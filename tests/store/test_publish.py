"""Atomic creation of case files: a temporary file beside the target, published with
``os.link`` (an existing target wins) or ``os.replace`` (overwrite); leftovers of dead processes
are cleaned up when a case in their folder is opened (SPEC §5, §6). The publish routine itself
(``desktop_app.files.publish``) is tested in ``tests/files/test_publish.py``."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain import Case, CaseInfo, Risk
from desktop_app.files import publish
from desktop_app.store import CaseFile, TargetExists, WriteFailed, casefile
from desktop_app.store.interchange import dumps
from tests.store.casefile_support import Child, dead_pid, listing, snapshot, stored_case

TEMP_SUFFIX = ".leverage-tmp"

RACER = """
import sys
from desktop_app import cli
from desktop_app.store import interchange  # loaded before the start signal
print("ready", flush=True)
sys.stdin.readline()
sys.exit(cli.main(sys.argv[1:]))
"""


def _temp_files(folder: Path) -> list[str]:
    return [name for name in listing(folder) if name.endswith(TEMP_SUFFIX)]


def _fake_temp(folder: Path, pid: int) -> Path:
    """A temporary file named exactly as ``publish.temp_path_for`` names them."""
    path = folder / f".lvg.{publish._host_tag()}.{pid}.0badc0de{TEMP_SUFFIX}"
    path.write_bytes(b"SQLite format 3\x00 half written")
    return path


# -- an existing target --------------------------------------------------------------------


@pytest.mark.parametrize("how", ["write_new_case", "CaseFile.create"])
def test_existing_target_is_refused_and_untouched(
    how: str, case_path: Path, rich_case: Case
) -> None:
    before = snapshot(case_path)
    files_before = listing(case_path.parent)
    new = Case(info=CaseInfo(title="Would replace"))
    with pytest.raises(TargetExists) as caught:
        if how == "write_new_case":
            casefile.write_new_case(case_path, new)
        else:
            CaseFile.create(case_path, new)
    assert str(case_path) in str(caught.value)
    assert caught.value.exit_code == 4
    assert snapshot(case_path) == before
    assert listing(case_path.parent) == files_before  # the temporary file is gone too
    assert stored_case(case_path) == rich_case


def test_existing_non_case_file_is_not_replaced_either(tmp_path: Path, rich_case: Case) -> None:
    target = tmp_path / "notes.leverage"
    target.write_text("my notes, not a case")
    before = snapshot(target)
    with pytest.raises(TargetExists):
        casefile.write_new_case(target, rich_case)
    assert snapshot(target) == before


@pytest.mark.parametrize("how", ["write_new_case", "CaseFile.create"])
def test_overwrite_replaces_the_target(how: str, case_path: Path) -> None:
    new = Case(info=CaseInfo(title="The replacement"))
    if how == "write_new_case":
        casefile.write_new_case(case_path, new, overwrite=True)
    else:
        CaseFile.create(case_path, new, overwrite=True).close()
    assert stored_case(case_path) == new
    assert _temp_files(case_path.parent) == []


# -- an interrupted write never leaves a half case under the target's name -----------------


def test_failure_while_writing_leaves_no_target_and_no_temp(
    tmp_path: Path, rich_case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_write_all(_db: object, _case: Case) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(casefile, "write_all", broken_write_all)
    target = tmp_path / "new.leverage"
    with pytest.raises(WriteFailed) as caught:
        casefile.write_new_case(target, rich_case)
    assert str(target) in str(caught.value)
    assert listing(tmp_path) == []


def test_failure_while_publishing_keeps_the_old_target(
    case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    before = snapshot(case_path)
    files_before = listing(case_path.parent)
    monkeypatch.setattr(publish.os, "replace", broken_replace)
    with pytest.raises(WriteFailed):
        casefile.write_new_case(case_path, Case(), overwrite=True)
    monkeypatch.undo()
    assert snapshot(case_path) == before
    assert listing(case_path.parent) == files_before


def test_killed_import_never_leaves_a_half_case(
    tmp_path: Path, rich_case: Case, spawn: Callable[..., Child]
) -> None:
    source = tmp_path / "case.json"
    source.write_text(dumps(rich_case), encoding="utf-8")
    for round_ in range(4):
        target = tmp_path / f"killed-{round_}.leverage"
        child = spawn(RACER, "import", str(source), "-o", str(target))
        child.expect("ready")
        assert child.proc.stdin is not None
        child.proc.stdin.write(b"go\n")
        child.proc.stdin.flush()
        if round_ % 2:
            child.readline()  # let it get further in odd rounds
        child.kill()
        if target.exists():
            assert stored_case(target) == rich_case
    # The next writer in the folder removes what the killed imports left behind.
    keeper = tmp_path / "keeper.leverage"
    casefile.write_new_case(keeper, rich_case)
    CaseFile.open(keeper).close()
    assert _temp_files(tmp_path) == []
    assert [n for n in listing(tmp_path) if n.endswith("-journal")] == []


# -- leftovers of killed imports go when a case in their folder is opened -------------------


def test_opening_a_case_cleans_the_folder_but_read_only_does_not(
    case_path: Path, opened: Callable[..., CaseFile]
) -> None:
    leftover = _fake_temp(case_path.parent, dead_pid())
    opened(case_path, read_only=True)
    assert leftover.exists()
    opened(case_path)
    assert not leftover.exists()


# -- two imports racing to one target ------------------------------------------------------


def test_racing_imports_exactly_one_wins(
    tmp_path: Path, rich_case: Case, spawn: Callable[..., Child]
) -> None:
    source = tmp_path / "case.json"
    source.write_text(dumps(rich_case), encoding="utf-8")
    for round_ in range(5):
        target = tmp_path / f"race-{round_}.leverage"
        racers = [spawn(RACER, "import", str(source), "-o", str(target)) for _ in range(3)]
        for racer in racers:
            racer.expect("ready")
        for racer in racers:  # start together
            assert racer.proc.stdin is not None
            racer.proc.stdin.write(b"go\n")
            racer.proc.stdin.flush()
        codes = [racer.proc.wait(timeout=30) for racer in racers]
        errors = [racer.stderr() for racer in racers]
        assert sorted(codes) == [0, 4, 4], (codes, errors)
        for code, error in zip(codes, errors, strict=True):
            if code == 4:
                assert "already exists" in error
                assert str(target) in error
                assert error.count("\n") == 1  # one line
        assert stored_case(target) == rich_case
        assert _temp_files(tmp_path) == []


def test_racing_imports_through_the_command(tmp_path: Path, rich_case: Case) -> None:
    """The same with ``python -m desktop_app import`` started back to back."""
    source = tmp_path / "case.json"
    source.write_text(dumps(rich_case), encoding="utf-8")
    for round_ in range(2):
        target = tmp_path / f"cmd-race-{round_}.leverage"
        command = ["-m", "desktop_app", "import", str(source), "-o", str(target)]
        racers = [Child([sys.executable, *command], stdin=False) for _ in range(2)]
        try:
            codes = sorted(racer.proc.wait(timeout=30) for racer in racers)
        finally:
            for racer in racers:
                racer.close()
        assert codes == [0, 4]
        assert stored_case(target) == rich_case


# -- a case open in another window is not replaced under it --------------------------------


@pytest.mark.parametrize("how", ["write_new_case", "CaseFile.create"])
def test_overwrite_of_a_case_open_in_another_window_is_refused(
    how: str, case_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """``import --force`` or File › New over a case that another window holds must be refused
    before anything is replaced: otherwise that window goes on "saving" into a file that no
    longer has a name, and its edits are lost."""
    holder = opened(case_path)
    before = snapshot(case_path)
    with pytest.raises(WriteFailed, match="open in another Leverage window"):
        if how == "write_new_case":
            casefile.write_new_case(case_path, Case(), overwrite=True)
        else:
            CaseFile.create(case_path, Case(), overwrite=True)
    assert snapshot(case_path) == before
    holder.add(Risk(id="r-holder-edit"))
    assert stored_case(case_path).risks[-1].id == "r-holder-edit"


def test_long_but_legal_file_name_can_be_created(tmp_path: Path, rich_case: Case) -> None:
    """A Japanese case title of 80 characters is a 249-byte file name, within the 255-byte
    limit; the hidden temporary and lock files beside it must not push it over."""
    target = tmp_path / ("交渉" * 40 + ".leverage")
    assert len(os.fsencode(target.name)) <= 255
    casefile.write_new_case(target, rich_case)
    with CaseFile.open(target) as case_file:
        assert not case_file.read_only
        assert case_file.case == rich_case
