"""SIGKILL the real app in the middle of editing: the case opens, validates, and holds every
edit the app reported saved (at most the one in flight besides).

The app runs in a child process (``gui_driver``: the ``MainWindow``, the tabs' table models,
``CaseDocument.change``, Undo/Redo) that prints each write it is about to make and each save
the app reports. ``tests/store/test_crash.py`` does the same for a bare ``CaseFile`` writer.
"""

from __future__ import annotations

import random
from pathlib import Path

from desktop_app.domain import validate_case
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case
from tests.reliability.support import (
    AppChild,
    child_env,
    children,
    digest,
    python,
    rounds,
    seeds,
)
from tests.store.casefile_support import pragma, stored_case

APP_START_TIMEOUT = 60.0


def _allowed_states(start: str, lines: list[str]) -> tuple[set[str], int]:
    """What the file may hold after the kill: the last case reported saved, or the one whose
    write had begun after it. Also how many saves were reported."""
    saved, in_flight, count = start, None, 0
    for line in lines:
        word, *rest = line.split()
        if word == "attempt":
            in_flight = rest[1]
        elif word == "saved":
            saved, in_flight, count = rest[1], None, count + 1
        elif word == "failed":
            raise AssertionError(f"a write failed in the child: {line}")
    return {saved} | ({in_flight} if in_flight else set()), count


def test_killed_app_keeps_every_edit_it_reported_saved(tmp_path: Path) -> None:
    case_path = tmp_path / "deal.leverage"
    write_new_case(case_path, sample_case())
    env = child_env(tmp_path / "home")
    killed = saves = 0
    for number, seed in enumerate(seeds("gui", rounds(4, 30))):
        rng = random.Random(seed)
        start = digest(stored_case(case_path))
        with children() as started:
            child = AppChild(
                python("-m", "tests.reliability.gui_driver", "edit", str(case_path), str(seed)),
                env,
                tmp_path / f"app-{number}.log",
            )
            started.append(child)
            child.expect("ready", timeout=APP_START_TIMEOUT)
            lines: list[str] = []
            wanted = rng.randint(1, 60)
            while sum(line.startswith("saved") for line in lines) < wanted:
                line = child.readline()
                assert line is not None, child.stderr()
                lines.append(line)
            assert child.kill_after(rng.uniform(0, 0.05)), "the edit loop never ends by itself"
            lines += child.lines_until_exit()
            killed += 1
        allowed, count = _allowed_states(start, lines)
        saves += count
        where = f"round {number}, seed {seed}, {count} saves reported"
        # A read-write open rolls back what the killed writer left in its journal; the lock
        # of the killed app does not block it.
        with CaseFile.open(case_path) as case_file:
            assert not case_file.read_only, where
            case = case_file.case
        assert validate_case(case) == case, where
        assert digest(case) in allowed, where
        assert pragma(case_path, "quick_check") == "ok", where
        assert not case_path.with_name(case_path.name + "-journal").exists(), where
    assert killed == rounds(4, 30)
    print(f"GUI kills survived: {killed}, saves reported before them: {saves}")
