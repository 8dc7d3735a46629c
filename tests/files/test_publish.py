"""The atomic owner-only publish on its own (``desktop_app.files.publish``): a hidden temporary
file beside the target, fsynced, published with ``os.link`` (an existing target wins) or
``os.replace`` (overwrite), owner-only whatever the umask; leftovers of dead processes are
cleaned up later, live ones and other machines' never (SPEC §6). How the store builds case
files with it is ``tests/store/test_publish.py``; the PDFs, ``tests/reports/test_export.py``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.files import publish
from desktop_app.files.errors import FileError, TargetExists, WriteFailed
from tests.store.casefile_support import Child, dead_pid, listing, snapshot

TEMP_SUFFIX = ".leverage-tmp"


@pytest.fixture
def live_child() -> Iterator[Child]:
    """A running process (killed at the end of the test)."""
    child = Child.python("import sys; print('ready', flush=True); sys.stdin.readline()")
    try:
        child.expect("ready")
        yield child
    finally:
        child.close()


@pytest.fixture
def wide_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _fake_temp(folder: Path, pid: int, token: str = "0badc0de", host: str | None = None) -> Path:
    """A temporary file named exactly as ``publish.temp_path_for`` names them."""
    tag = publish._host_tag() if host is None else host
    path = folder / f".lvg.{tag}.{pid}.{token}{TEMP_SUFFIX}"
    path.write_bytes(b"half written")
    return path


def _temp_with(tmp_path: Path, data: bytes) -> Path:
    temp = publish.temp_path_for(tmp_path / "out.bin")
    publish.create_owner_only(temp)
    temp.write_bytes(data)
    return temp


def test_temp_path_is_hidden_beside_the_target_and_names_the_process(tmp_path: Path) -> None:
    target = tmp_path / "deal.leverage"
    temp = publish.temp_path_for(target)
    assert temp.parent == tmp_path
    assert temp.name.startswith(".lvg.")
    assert temp.name.endswith(TEMP_SUFFIX)
    assert f".{os.getpid()}." in temp.name
    assert publish.is_temp_file(temp)
    assert not publish.is_temp_file(target)
    assert publish.temp_path_for(target) != temp


# -- publish: link or replace --------------------------------------------------------------


def test_publish_without_overwrite_never_replaces_an_existing_target(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"what was there")
    before = snapshot(target)
    temp = _temp_with(tmp_path, b"new")
    with pytest.raises(TargetExists) as caught:
        publish.publish(temp, target, overwrite=False)
    assert str(target) in str(caught.value)
    assert caught.value.exit_code == 4
    assert snapshot(target) == before
    assert listing(tmp_path) == ["out.bin"]  # the temporary file is gone too


@pytest.mark.parametrize("overwrite", [False, True])
def test_publish_gives_the_temporary_file_the_targets_name(tmp_path: Path, overwrite: bool) -> None:
    target = tmp_path / "out.bin"
    if overwrite:
        target.write_bytes(b"old")
    publish.publish(_temp_with(tmp_path, b"new"), target, overwrite=overwrite)
    assert target.read_bytes() == b"new"
    assert listing(tmp_path) == ["out.bin"]


def test_a_failing_publish_is_a_write_failed_naming_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    temp = _temp_with(tmp_path, b"new")
    monkeypatch.setattr(publish.os, "replace", broken_replace)
    with pytest.raises(WriteFailed) as caught:
        publish.publish(temp, target, overwrite=True)
    monkeypatch.undo()
    assert str(caught.value) == f"{target}: could not be written (No space left on device)"
    assert caught.value.exit_code == 4
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["out.bin"]


def test_the_store_errors_are_these(tmp_path: Path) -> None:
    """``desktop_app.store`` re-exports the errors of writing a file as its own: a caller that
    catches ``CaseFileError`` catches what the publish raises."""
    from desktop_app import store

    assert store.CaseFileError is FileError
    assert store.TargetExists is TargetExists
    assert store.WriteFailed is WriteFailed
    error = TargetExists(tmp_path / "brief.pdf", "already\nexists")
    assert isinstance(error, store.CaseFileError)
    assert str(error) == f"{tmp_path / 'brief.pdf'}: already exists"
    assert error.problem_sentence() == "“brief.pdf” already exists."


# -- replace_owner_only: JSON dumps and PDFs ----------------------------------------------


@pytest.mark.usefixtures("wide_umask")
def test_replace_owner_only_writes_a_new_file_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    publish.replace_owner_only(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert target.stat().st_mode & 0o777 == 0o600
    assert listing(tmp_path) == ["case.json"]


@pytest.mark.usefixtures("wide_umask")
def test_replace_owner_only_overwrites_and_narrows_a_wide_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    publish.replace_owner_only(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_replace_owner_only_that_fails_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    monkeypatch.setattr(publish.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        publish.replace_owner_only(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["brief.pdf"]


# -- leftovers -----------------------------------------------------------------------------


def test_clean_leftovers_removes_only_dead_processes_temp_files(
    tmp_path: Path, live_child: Child
) -> None:
    folder = tmp_path
    target = folder / "deal.leverage"
    target.write_bytes(b"a finished file")
    gone = dead_pid()
    dead = _fake_temp(folder, gone)
    dead_journal = dead.with_name(dead.name + "-journal")
    dead_journal.write_bytes(b"journal of a dead import")
    dead_other = _fake_temp(folder, gone, token="12345678")
    mine = _fake_temp(folder, os.getpid())
    theirs = _fake_temp(folder, live_child.pid, token="0000aaaa")
    odd = folder / f".notes{TEMP_SUFFIX}"  # not named by temp_path_for: not ours to judge
    odd.write_bytes(b"?")
    # Made by a process of another machine sharing this folder: its pid means nothing here.
    other_host = _fake_temp(folder, gone, token="87654321", host="0000beef")
    keep = {path: snapshot(path) for path in (target, mine, theirs, odd, other_host)}

    removed = publish.clean_leftovers(folder)

    assert sorted(removed) == sorted([dead, dead_other])
    assert not dead.exists()
    assert not dead_journal.exists()
    assert not dead_other.exists()
    for path, before in keep.items():
        assert snapshot(path) == before, path


def test_clean_leftovers_of_a_missing_folder_is_harmless(tmp_path: Path) -> None:
    assert publish.clean_leftovers(tmp_path / "missing") == []
