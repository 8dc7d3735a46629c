"""One writer per case: a second opener is told who holds it and may open read-only; a lock
left by a killed process, or a lock file nobody holds, never blocks (SPEC §6)."""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import Case, Risk
from desktop_app.store import CaseFile, CaseLocked, ReadOnlyCase
from tests.store.casefile_support import Child, snapshot, stored_case

HOLD = """
import sys
from desktop_app.store import CaseFile
case_file = CaseFile.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
"""

HOLD_AND_EDIT = """
import sys
from desktop_app.domain import Risk
from desktop_app.store import CaseFile
case_file = CaseFile.open(sys.argv[1])
print("ready", flush=True)
for line in sys.stdin:
    case_file.add(Risk(id=line.strip(), probability=0.5))
    print("saved", flush=True)
"""


def _lock_file(case_path: Path) -> Path:
    return case_path.with_name(f".{case_path.name}.lock")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def test_second_open_in_the_same_process_is_refused(case_file: CaseFile, case_path: Path) -> None:
    before = snapshot(case_path)
    with pytest.raises(CaseLocked) as caught:
        CaseFile.open(case_path)
    error = caught.value
    assert str(case_path) in str(error)
    assert str(os.getpid()) in error.holder
    assert socket.gethostname() in error.holder
    assert _user() in error.holder
    assert error.holder in str(error)
    assert error.exit_code == 3
    assert snapshot(case_path) == before
    # The holder is not disturbed by the refused attempt.
    case_file.add(Risk(id="r-still-mine"))
    assert stored_case(case_path).risks[-1].id == "r-still-mine"


def test_read_only_open_works_while_locked(
    case_file: CaseFile, case_path: Path, opened: Callable[..., CaseFile], rich_case: Case
) -> None:
    viewer = opened(case_path, read_only=True)
    assert viewer.read_only
    assert viewer.read_only_reason
    assert viewer.case == rich_case
    with pytest.raises(ReadOnlyCase) as caught:
        viewer.add(Risk(id="r-viewer"))
    assert str(case_path) in str(caught.value)
    assert caught.value.exit_code == 4
    # The writer goes on writing; the viewer sees it after a reload.
    case_file.add(Risk(id="r-writer"))
    assert viewer.reload().risks[-1].id == "r-writer"


def test_read_only_opener_does_not_take_the_lock(
    case_path: Path, opened: Callable[..., CaseFile]
) -> None:
    opened(case_path, read_only=True)
    assert not _lock_file(case_path).exists()
    writer = opened(case_path)
    assert not writer.read_only


def test_closing_releases_the_lock(case_path: Path) -> None:
    first = CaseFile.open(case_path)
    first.close()
    first.close()  # closing twice is harmless
    assert not _lock_file(case_path).exists()
    with CaseFile.open(case_path) as second:
        assert not second.read_only
    with CaseFile.open(case_path) as third:  # the context manager closed the second
        assert not third.read_only


def test_lock_held_by_another_process_refuses_and_names_it(
    case_path: Path, spawn: Callable[..., Child], opened: Callable[..., CaseFile]
) -> None:
    child = spawn(HOLD, str(case_path))
    child.expect("ready")
    with pytest.raises(CaseLocked) as caught:
        CaseFile.open(case_path)
    assert f"process {child.pid}" in caught.value.holder
    assert socket.gethostname() in caught.value.holder
    viewer = opened(case_path, read_only=True)
    assert viewer.read_only


def test_lock_of_a_killed_process_never_blocks(
    case_path: Path, spawn: Callable[..., Child], rich_case: Case
) -> None:
    child = spawn(HOLD, str(case_path))
    child.expect("ready")
    with pytest.raises(CaseLocked):
        CaseFile.open(case_path)
    child.kill()
    assert child.proc.returncode == -9
    assert _lock_file(case_path).exists()  # the file stays behind; nobody holds it
    with CaseFile.open(case_path) as case_file:
        assert not case_file.read_only
        assert case_file.case == rich_case
        case_file.add(Risk(id="r-after-kill"))
    assert stored_case(case_path).risks[-1].id == "r-after-kill"


def test_writer_in_another_process_is_seen_by_a_read_only_viewer(
    case_path: Path, spawn: Callable[..., Child], opened: Callable[..., CaseFile]
) -> None:
    child = spawn(HOLD_AND_EDIT, str(case_path))
    child.expect("ready")
    viewer = opened(case_path, read_only=True)
    assert child.proc.stdin is not None
    child.proc.stdin.write(b"r-from-child\n")
    child.proc.stdin.flush()
    child.expect("saved")
    assert viewer.reload().risks[-1].id == "r-from-child"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        json.dumps(
            {"user": "alice", "host": "laptop-7", "pid": 999_999_999, "since": "2020-01-01"}
        ).encode(),
        b"\x00garbage\xff",
    ],
    ids=["empty", "someone-elses", "garbage"],
)
def test_stale_lock_file_never_blocks(case_path: Path, content: bytes) -> None:
    lock_file = _lock_file(case_path)
    lock_file.write_bytes(content)
    with CaseFile.open(case_path) as case_file:
        assert not case_file.read_only
        info = json.loads(lock_file.read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid()
        case_file.set_info(replace(case_file.case.info, client="New client"))
    assert stored_case(case_path).info.client == "New client"


@pytest.mark.usefixtures("case_file")
def test_holder_unknown_when_the_lock_file_says_nothing(case_path: Path) -> None:
    _lock_file(case_path).write_bytes(b"")
    with pytest.raises(CaseLocked) as caught:
        CaseFile.open(case_path)
    assert caught.value.holder == "holder unknown"


@pytest.mark.usefixtures("case_file")
def test_other_case_in_the_same_folder_is_not_locked(
    case_path: Path, rich_case: Case, opened: Callable[..., CaseFile]
) -> None:
    other = case_path.with_name("other.leverage")
    CaseFile.create(other, rich_case).close()
    assert not opened(other).read_only


@pytest.mark.usefixtures("case_file")
def test_alias_of_an_open_case_is_locked_too(
    case_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """One writer per *file*: opening the same case through a symbolic link (a shortcut on
    the desktop, a recent-files entry under another name) must be refused as well."""
    link = case_path.with_name("shortcut.leverage")
    link.symlink_to(case_path)
    with pytest.raises(CaseLocked):
        opened(link)
