"""SIGKILL during ``python -m desktop_app import``: never a half case under the target's name;
what a killed run leaves behind is never taken for a case, and the next run removes it.

``tests/store/test_publish.py::test_killed_import_never_leaves_a_half_case`` kills four imports
at two coarse moments. Here every round draws its own kill point, seeded: either one exact
call into the operating system or SQLite (before an fsync, between two SQL statements, just
before the link that publishes…) or a moment in time, with and without ``--force``.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace
from pathlib import Path

from desktop_app.domain import Case
from desktop_app.store import CaseFile, write_new_case
from tests.reliability.support import (
    KILL_SWITCH,
    AppChild,
    Tally,
    check_leftover_is_no_case,
    child_env,
    children,
    digest,
    python,
    rounds,
    seeds,
    temp_files,
)
from tests.store.casefile_support import listing, stored_case

IMPORT_DRIVER = (
    KILL_SWITCH
    + r"""
from desktop_app import cli
from desktop_app.store import interchange
import sqlite_utils.migrations  # loaded before the kill point is counted

kill_at = int(sys.argv[1])  # -1: count the calls only; 0: wait for "go", killed by time
real_import = interchange.import_json


def armed_import(*args, **kwargs):
    arm(kill_at)
    try:
        return real_import(*args, **kwargs)
    finally:
        print(f"io-calls {disarm()}", flush=True)


interchange.import_json = armed_import
print("ready", flush=True)
if kill_at == 0:
    sys.stdin.readline()
sys.exit(cli.main(sys.argv[2:]))
"""
)

TALLY = Tally()


def _start(tmp_path: Path, kill_at: int, *argv: str) -> AppChild:
    env = child_env(tmp_path / "home")
    log = tmp_path / f"child-{time.monotonic_ns()}.log"
    return AppChild(python("-c", IMPORT_DRIVER, str(kill_at), *argv), env, log)


def _measure(tmp_path: Path, source: Path) -> tuple[int, dict[str, int], float]:
    """One import that is not killed: how many calls it makes, where its first fsync and its
    link are among them, and how long it takes."""
    folder = tmp_path / "measure"
    folder.mkdir()
    with children() as started:
        child = _start(tmp_path, -1, "import", str(source), "-o", str(folder / "a.leverage"))
        started.append(child)
        child.expect("ready")
        lines = child.lines_until_exit()
        assert child.proc.wait() == 0, child.stderr()
        counted = next(line for line in lines if line.startswith("io-calls")).split()[1:]
        calls = int(counted[0])
        marks = {k: int(v) for k, v in (word.split("=") for word in counted[1:])}
        child = _start(tmp_path, 0, "import", str(source), "-o", str(folder / "b.leverage"))
        started.append(child)
        child.expect("ready")
        began = time.monotonic()
        child.send("go")
        assert child.proc.wait() == 0, child.stderr()
        took = time.monotonic() - began
    return calls, marks, took


def test_killed_imports_never_leave_a_half_case(
    tmp_path: Path, case_json: Path, rich_case: Case
) -> None:
    folder = case_json.parent
    old_case = replace(rich_case, info=replace(rich_case.info, title="The case before"))
    new, old = digest(rich_case), digest(old_case)
    calls, marks, took = _measure(tmp_path, case_json)
    assert calls > 50 and {"fsync", "link"} <= set(marks), (calls, marks)
    # Two points every time: the temporary file whole but not yet durable, and durable but
    # not yet published (a complete case under a temporary name); then random ones.
    fixed = [marks["fsync"], marks["link"]]
    kinds = {"point": 0, "time": 0, "finished": 0}
    leftovers: set[str] = set()
    folders = [folder]
    for number, seed in enumerate(seeds("import", rounds(10, 120))):
        rng = random.Random(seed)
        if number < len(fixed):  # a folder of its own: its calls are counted as measured
            where_to = tmp_path / f"fixed-{number}"
            where_to.mkdir()
            folders.append(where_to)
        else:
            where_to = folder
        target = where_to / f"round-{number}.leverage"
        force = rng.random() < 0.4 and number >= len(fixed)
        if force:
            write_new_case(target, old_case)
        by_point = number < len(fixed) or number % 2 == 0
        kill_at = fixed[number] if number < len(fixed) else rng.randint(1, calls)
        kill_at = kill_at if by_point else 0
        argv = ["import", str(case_json), "-o", str(target), *(["--force"] if force else [])]
        with children() as started:
            child = _start(tmp_path, kill_at, *argv)
            started.append(child)
            child.expect("ready")
            if by_point:
                child.proc.wait(timeout=60)
            else:
                child.send("go")
                child.kill_after(rng.uniform(0, took))
            code = child.proc.returncode
            assert code in (0, -9), (seed, code, child.stderr())
        where = f"seed {seed}, kill at {'call ' + str(kill_at) if by_point else 'a moment'}"
        if code == 0:
            kinds["finished"] += 1
        else:
            kinds["point" if by_point else "time"] += 1
            TALLY.add("import")
        # Under the target's name: the old case, the new one, or nothing — always whole.
        if target.exists():
            assert digest(stored_case(target)) in ({new, old} if force else {new}), where
            assert target.stat().st_mode & 0o777 == 0o600, where
        else:
            assert not force, where
        cases = {n for n in listing(where_to) if n.endswith(".leverage")}
        assert cases <= {f"round-{i}.leverage" for i in range(number + 1)}, (where, cases)
        left = [n for n in temp_files(where_to) if not n.endswith("-journal")]
        for name in left:
            check_leftover_is_no_case(where_to / name)
            leftovers.add(str(where_to / name))
        if number < len(fixed):
            assert code == -9 and not target.exists() and len(left) == 1, (where, left)
        if number == 1:  # killed just before the link: a complete case under a hidden name
            whole = tmp_path / "inspect.leverage"
            whole.write_bytes((where_to / left[0]).read_bytes())
            assert stored_case(whole) == rich_case
            whole.unlink()
    assert kinds["point"] + kinds["time"] >= rounds(10, 120) // 2, kinds

    # The next run in each folder removes what the killed ones left; no lock blocks anything.
    for where_to in folders:
        with children() as started:
            child = AppChild(
                python("-m", "desktop_app", "import", str(case_json), "-o", str(where_to / "n")),
                child_env(tmp_path / "home"),
                tmp_path / "next-run.log",
                stdin=False,
            )
            started.append(child)
            assert child.proc.wait(timeout=60) == 0, child.stderr()
        assert temp_files(where_to) == []
        for name in sorted(listing(where_to)):
            if name.endswith(".leverage") or name == "n":
                with CaseFile.open(where_to / name) as case_file:
                    assert not case_file.read_only
                    assert digest(case_file.case) in {new, old}
    survived = TALLY.kills.get("import", 0)
    print(f"import kills survived: {survived} ({kinds}), leftovers {len(leftovers)}")
