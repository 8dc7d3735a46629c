"""A process killed in the middle of writes leaves a consistent file: every edit it reported
saved is there, at most the one in flight is missing or present, and the file opens
(SPEC §6: rollback journal, ``synchronous=FULL``, one transaction per edit)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.domain import Case, validate_case
from desktop_app.store import CaseFile
from tests.store.casefile_support import Child, pragma, raw_db, stored_case

WRITER = """
import sys
from desktop_app.domain import Risk
from desktop_app.store import CaseFile
case_file = CaseFile.open(sys.argv[1])
added = sum(risk.id.startswith("k-") for risk in case_file.case.risks)
while True:
    added += 1
    # At index 0, so every commit also rewrites the position of every other risk.
    risk = Risk(id=f"k-{added}", name="crash " * 300, probability=0.5,
                impact_low=1.0, impact_likely=2.0, impact_high=3.0, mitigation="m" * 3000)
    count = len(case_file.add(risk, index=0).risks)
    print(count, flush=True)
"""

INTERRUPTED = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.isolation_level = None
conn.execute("PRAGMA cache_size = 1")  # spill: the file itself is written mid-transaction
conn.execute("BEGIN")
conn.execute("UPDATE risks SET mitigation = ?", ("half-written " * 300,))
conn.execute("UPDATE case_info SET notes = ?", ("half-written " * 3000,))
print("ready", flush=True)
sys.stdin.readline()
"""


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def test_killed_writer_leaves_a_consistent_file(
    case_path: Path, rich_case: Case, spawn: Callable[..., Child]
) -> None:
    initial = len(rich_case.risks)
    for round_ in range(6):
        child = spawn(WRITER, str(case_path), stdin=False)
        last: int | None = None
        for _ in range(2 + 5 * round_):
            line = child.readline()
            assert line is not None, child.stderr()
            last = int(line)
        child.kill()  # somewhere in the next commit, or between two
        # The writer kept committing while we read: what it reported before the kill is
        # still in the pipe. Every commit it reported must be in the file.
        while (line := child.readline()) is not None:
            last = int(line)
        assert last is not None

        with CaseFile.open(case_path) as case_file:  # a read-write open recovers a journal
            case = case_file.case
            assert not case_file.read_only
        assert pragma(case_path, "quick_check") == "ok"
        assert not _journal(case_path).exists()
        assert validate_case(case) == case
        count = len(case.risks)
        assert last <= count <= last + 1, (round_, last, count)
        # Nothing in between was lost: the added risks are k-n .. k-1, newest first.
        added = [r.id for r in case.risks[: count - initial]]
        assert added == [f"k-{n}" for n in range(count - initial, 0, -1)]
        assert [r.id for r in case.risks[count - initial :]] == [r.id for r in rich_case.risks]
        assert case.info == rich_case.info
        assert case.parties == rich_case.parties
        with raw_db(case_path) as conn:
            positions = [row[0] for row in conn.execute("SELECT position FROM risks")]
        assert sorted(positions) == list(range(count))


def test_interrupted_transaction_is_rolled_back_on_the_next_open(
    case_path: Path, rich_case: Case, spawn: Callable[..., Child]
) -> None:
    before = case_path.read_bytes()
    child = spawn(INTERRUPTED, str(case_path))
    child.expect("ready")
    child.kill()
    assert case_path.read_bytes() != before  # the file itself was written mid-transaction
    assert _journal(case_path).exists()  # a hot journal: the writer died mid-transaction
    with CaseFile.open(case_path) as case_file:
        assert case_file.case == rich_case
    assert not _journal(case_path).exists()
    assert pragma(case_path, "quick_check") == "ok"
    assert stored_case(case_path) == rich_case


def test_read_only_open_after_a_killed_writer(
    case_path: Path, rich_case: Case, spawn: Callable[..., Child]
) -> None:
    """A viewer (``leverage dump``, ``analyze``, a second window choosing read-only) must not
    be told that a file whose writer was killed mid-transaction is damaged: the file is
    consistent once its journal is rolled back."""
    before = case_path.read_bytes()
    child = spawn(INTERRUPTED, str(case_path))
    child.expect("ready")
    child.kill()
    assert case_path.read_bytes() != before  # the file itself was written mid-transaction
    assert _journal(case_path).exists()
    with CaseFile.open(case_path, read_only=True) as viewer:
        assert viewer.case == rich_case
