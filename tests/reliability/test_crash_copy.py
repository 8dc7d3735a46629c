"""SIGKILL during Save a Copy As (``CaseFile.save_copy_as``): under the target's name there is
the old file, nothing, or a whole copy — never half of one; the case itself stays whole; a
leftover temporary file is never taken for a case and the next copy into its folder removes it.

``tests/store/test_save_copy.py`` proves the copy right when nothing goes wrong; this kills the
copier at seeded points (one exact call into the OS or SQLite, or a moment in time).
"""

from __future__ import annotations

import random
import time
from dataclasses import replace
from pathlib import Path

from desktop_app.domain import Case, Risk, validate_case
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
from tests.store.casefile_support import stored_case

COPIES = 3

COPY_DRIVER = (
    KILL_SWITCH
    + r"""
import hashlib
from dataclasses import replace
from desktop_app.store import CaseFile
from desktop_app.store.interchange import dumps

source, target, kill_at, copies = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
run = sys.argv[5]  # every run writes notes of its own: no commit is ever a no-op
case_file = CaseFile.open(source)
print("ready", flush=True)
if kill_at == 0:
    sys.stdin.readline()
arm(kill_at)
for number in range(1, copies + 1):
    info = replace(case_file.case.info, notes=f"copy {number} of run {run} " + "€" * 3000)
    case = case_file.set_info(info)
    fingerprint = hashlib.sha256(dumps(case).encode("utf-8")).hexdigest()[:16]
    print(f"copying {number} {fingerprint}", flush=True)
    case_file.save_copy_as(target)
    print(f"copied {number}", flush=True)
print(f"io-calls {disarm()}", flush=True)
"""
)

TALLY = Tally()


def _bulky(case: Case) -> Case:
    """The case with two hundred long risks: a copy of several megabytes takes a while."""
    risks = tuple(
        Risk(id=f"r-bulk-{n}", name=f"Bulk {n}", mitigation="€" * 9_000, owner="o" * 500)
        for n in range(200)
    )
    return validate_case(replace(case, risks=(*case.risks, *risks)))


def _start(tmp_path: Path, source: Path, target: Path, kill_at: int) -> AppChild:
    argv = [str(source), str(target), str(kill_at), str(COPIES), str(time.monotonic_ns())]
    log = tmp_path / f"copier-{time.monotonic_ns()}.log"
    return AppChild(python("-c", COPY_DRIVER, *argv), child_env(tmp_path / "home"), log)


def _parse(lines: list[str]) -> tuple[int, dict[int, str]]:
    """(the last copy reported done, the fingerprint of every copy begun)."""
    done, begun = 0, {}
    for line in lines:
        word, *rest = line.split()
        if word == "copying":
            begun[int(rest[0])] = rest[1]
        elif word == "copied":
            done = int(rest[0])
    return done, begun


def test_killed_save_a_copy_leaves_the_old_file_or_a_whole_copy(
    tmp_path: Path, rich_case: Case
) -> None:
    source = tmp_path / "deal.leverage"
    write_new_case(source, _bulky(rich_case))
    copies = tmp_path / "copies"
    copies.mkdir()
    old_case = replace(rich_case, info=replace(rich_case.info, title="An older copy"))

    with children() as started:  # measure one run that is not killed
        child = _start(tmp_path, source, copies / "measured.leverage", -1)
        started.append(child)
        child.expect("ready")
        began = time.monotonic()
        lines = child.lines_until_exit()
        took = time.monotonic() - began
        assert child.proc.wait() == 0, child.stderr()
    counted = next(line for line in lines if line.startswith("io-calls")).split()[1:]
    calls = int(counted[0])
    marks = {k: int(v) for k, v in (word.split("=") for word in counted[1:])}
    assert {"backup", "fsync", "replace"} <= set(marks), marks
    fixed = [marks["backup"], marks["fsync"], marks["replace"]]

    killed = finished = 0
    leftovers: set[Path] = set()
    folders = [copies]
    notes_before = stored_case(source).info.notes
    for number, seed in enumerate(seeds("copy", rounds(8, 80))):
        rng = random.Random(seed)
        if number < len(fixed):  # a folder of its own: its calls are counted as measured
            where_to = tmp_path / f"fixed-{number}"
            where_to.mkdir()
            folders.append(where_to)
        else:
            where_to = copies
        target = where_to / f"copy-{number}.leverage"
        had_old = rng.random() < 0.5 and number >= len(fixed)
        if had_old:
            write_new_case(target, old_case)
        by_point = number < len(fixed) or number % 2 == 0
        kill_at = fixed[number] if number < len(fixed) else rng.randint(1, calls)
        with children() as started:
            child = _start(tmp_path, source, target, kill_at if by_point else 0)
            started.append(child)
            child.expect("ready")
            if not by_point:
                child.send("go")
                child.kill_after(rng.uniform(0, took))
            lines = child.lines_until_exit()
            code = child.proc.wait()
            assert code in (0, -9), (seed, code, child.stderr())
        where = f"seed {seed}, kill at {'call ' + str(kill_at) if by_point else 'a moment'}"
        done, begun = _parse(lines)
        if code == 0:
            finished += 1
        else:
            killed += 1
            TALLY.add("save a copy")
        allowed = {begun[n] for n in begun if n >= max(done, 1)}
        if done == 0 and had_old:
            allowed.add(digest(old_case))
        if target.exists():
            assert digest(stored_case(target)) in allowed, where
            assert target.stat().st_mode & 0o777 == 0o600, where
        else:
            assert done == 0 and not had_old, where
        # The case itself: whole, with the last note committed (or the one in flight).
        with CaseFile.open(source) as case_file:
            case = case_file.case
        assert validate_case(case) == case
        last = max(begun, default=0)
        notes = case.info.notes
        assert notes.startswith((f"copy {last} ", f"copy {last + 1} ")) or (
            last == 0 and notes == notes_before
        ), where
        notes_before = notes
        left = [n for n in temp_files(where_to) if not n.endswith("-journal")]
        for name in left:
            check_leftover_is_no_case(where_to / name)
            leftovers.add(where_to / name)
        if number < len(fixed):  # killed inside the first copy, before it was published
            assert code == -9 and not target.exists() and len(left) == 1, (where, left)
    assert killed >= rounds(8, 80) // 2 and len(leftovers) >= len(fixed), (killed, leftovers)

    # The next copy into a folder removes what the killed ones left behind there.
    with CaseFile.open(source) as case_file:
        for where_to in folders:
            case_file.save_copy_as(where_to / "after.leverage")
            assert stored_case(where_to / "after.leverage") == case_file.case
            assert temp_files(where_to) == []
    print(
        f"save-a-copy kills survived: {killed} (finished by itself: {finished}), "
        f"leftovers {len(leftovers)}"
    )
