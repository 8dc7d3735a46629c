"""Ten imports racing to one target, started together: exactly one wins, the nine others exit
4 with one line naming the target, the file is whole, and nothing is left behind.

``tests/store/test_publish.py`` races three imports five times; this is the stress round.
"""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.domain import Case
from tests.reliability.support import (
    AppChild,
    child_env,
    children,
    python,
    rounds,
    temp_files,
)
from tests.store.casefile_support import listing, stored_case

RACERS = 10

RACER = """
import sys
from desktop_app import cli
from desktop_app.store import interchange  # loaded before the start line
import sqlite_utils.migrations
print("ready", flush=True)
sys.stdin.readline()
sys.exit(cli.main(sys.argv[1:]))
"""


def test_ten_racing_imports_one_wins(tmp_path: Path, case_json: Path, rich_case: Case) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    env = child_env(tmp_path / "home")
    races = rounds(2, 20)
    for number in range(races):
        target = folder / f"race-{number}.leverage"
        with children() as started:
            for racer in range(RACERS):
                log = tmp_path / f"racer-{number}-{racer}.log"
                argv = ["import", str(case_json), "-o", str(target)]
                started.append(AppChild(python("-c", RACER, *argv), env, log))
            for racer in started:
                racer.expect("ready", timeout=60)
            for racer in started:  # as together as the OS lets them start
                racer.send("go")  # type: ignore[attr-defined]
            deadline = time.monotonic() + 60
            codes = [
                racer.proc.wait(timeout=max(1.0, deadline - time.monotonic())) for racer in started
            ]
            errors = [racer.stderr() for racer in started]
        assert sorted(codes) == [0] + [4] * (RACERS - 1), (number, codes, errors)
        for code, error in zip(codes, errors, strict=True):
            if code == 4:
                assert error.count("\n") == 1, error
                assert str(target) in error and "already exists" in error, error
        assert stored_case(target) == rich_case
        assert target.stat().st_mode & 0o777 == 0o600
        assert temp_files(folder) == []
        assert [n for n in listing(folder) if "journal" in n or n.endswith(".lock")] == []
    print(f"import races run: {races} of {RACERS} racers")
