"""A writer killed mid-transaction leaves a hot journal; every way of opening recovers it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case

KILL_MID_TRANSACTION = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # spill pages to the file before the commit
conn.execute("BEGIN")
for i in range(200):
    conn.execute("UPDATE case_info SET notes = ?", ("x" * 3000 * (i % 5 + 1),))
conn.execute("UPDATE case_info SET title = 'HALF-WRITTEN'")
os.kill(os.getpid(), signal.SIGKILL)
"""


def _crash_mid_transaction(path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", KILL_MID_TRANSACTION, str(path)], check=False)
    assert result.returncode != 0
    assert path.with_name(path.name + "-journal").exists(), "the crash left no hot journal"


def test_read_only_open_after_a_crash_sees_the_last_committed_case(tmp_path: Path) -> None:
    path = tmp_path / "crash.leverage"
    write_new_case(path, sample_case())
    _crash_mid_transaction(path)
    with CaseFile.open(path, read_only=True) as case_file:
        assert case_file.case == sample_case()
    assert not path.with_name(path.name + "-journal").exists()


def test_read_write_open_after_a_crash_sees_the_last_committed_case(tmp_path: Path) -> None:
    path = tmp_path / "crash.leverage"
    write_new_case(path, sample_case())
    _crash_mid_transaction(path)
    with CaseFile.open(path) as case_file:
        assert case_file.case.info.title == sample_case().info.title
        assert case_file.case == sample_case()
