"""``leverage snapshot CASE [--label TEXT]`` and the snapshots ``leverage dump`` lists (SPEC §10):
a label and the time, never the content; a dump imported again brings no snapshot along."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop_app.store import CaseFile
from tests.cli.test_cli import run

TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


@pytest.fixture
def case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "talks.leverage"
    assert run(capsys, "sample", "-o", str(path))[0] == 0
    return path


def test_snapshot_takes_one_and_says_so(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "snapshot", str(case), "--label", "Before round 1")
    assert code == 0 and err == ""
    assert out.startswith(f"Took snapshot 1 “Before round 1” of {case} at ")
    assert out.rstrip().endswith("(1 in all)") and TIME.search(out)
    code, out, _ = run(capsys, "snapshot", str(case))
    assert code == 0 and out.startswith(f"Took snapshot 2 of {case} at ")
    assert out.rstrip().endswith("(2 in all)")
    with CaseFile.open(case, read_only=True) as case_file:
        assert [(s.id, s.label) for s in case_file.snapshots()] == [(1, "Before round 1"), (2, "")]
        assert case_file.snapshot_case(1) == case_file.case


def test_dump_lists_the_snapshots_by_label_and_time_only(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "dump", str(case))
    assert code == 0 and "snapshots" not in json.loads(out)
    run(capsys, "snapshot", str(case), "--label", "Round 2")
    code, out, _ = run(capsys, "dump", str(case))
    assert code == 0
    document = json.loads(out)
    (listed,) = document["snapshots"]
    assert set(listed) == {"id", "label", "taken_at"}
    assert listed["id"] == 1 and listed["label"] == "Round 2" and TIME.fullmatch(listed["taken_at"])
    # The dump imports as the case alone: the copy has no snapshot.
    dumped = tmp_path / "case.json"
    dumped.write_text(out, encoding="utf-8")
    copy = tmp_path / "copy.leverage"
    assert run(capsys, "import", str(dumped), "-o", str(copy))[0] == 0
    code, again, _ = run(capsys, "dump", str(copy))
    assert code == 0 and "snapshots" not in json.loads(again)
    del document["snapshots"]
    assert json.loads(again) == document


def test_a_bad_label_is_a_usage_error_and_nothing_is_stored(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "snapshot", str(case), "--label", "L" * 201)
    assert code == 2 and out == ""
    assert err.startswith("leverage snapshot: --label:") and err.count("\n") == 1
    with CaseFile.open(case, read_only=True) as case_file:
        assert case_file.snapshots() == ()


def test_snapshot_of_a_missing_case_is_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.leverage"
    code, _, err = run(capsys, "snapshot", str(missing))
    assert code == 3 and str(missing) in err
    assert not missing.exists()
