"""The command line: exit codes 0/2/3/4 and one clear line on stderr for every refusal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app import __version__
from desktop_app.cli import main
from tests.domain.test_validation import base_document

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"leverage {__version__}"


def test_python_dash_m_is_the_same_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "sample", "-o", str(tmp_path / "s.leverage")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s.leverage").stat().st_size > 0


def test_sample_writes_a_case_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "s.leverage"
    assert run(capsys, "sample", "-o", str(target))[0] == 0
    before = target.read_bytes()
    code, _, err = run(capsys, "sample", "-o", str(target))
    assert code == 4
    assert str(target) in err and "already exists" in err and err.count("\n") == 1
    assert target.read_bytes() == before
    assert run(capsys, "sample", "-o", str(target), "--force")[0] == 0


def test_sample_tells_the_method_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "s.leverage"
    run(capsys, "sample", "-o", str(target))
    code, out, _ = run(capsys, "dump", str(target))
    assert code == 0
    doc = json.loads(out)
    roles = sorted(s["role"] for s in doc["scenarios"])
    assert roles == ["other", "our_proposal", "their_demand"]
    assert len(doc["risks"]) >= 8
    theirs = [a for a in doc["alternatives"] if a["side"] == "theirs"]
    assert len(theirs) >= 4 and all(a["cons"] and a["pros"] for a in theirs)
    assert any(a["side"] == "ours" for a in doc["alternatives"])
    assert {p["side"] for p in doc["parties"]} >= {"ours", "theirs"}
    assert all(r["mitigation"] for r in doc["risks"])
    assert doc["proposal"]["statement"] and doc["proposal"]["talking_points"]
    demand = next(s for s in doc["scenarios"] if s["role"] == "their_demand")
    assert demand["liability_cap"] is None and demand["payment_days"] > 30


def test_import_then_dump_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_json(tmp_path / "in.json", base_document())
    target = tmp_path / "out.leverage"
    code, out, _ = run(capsys, "import", str(source), "-o", str(target))
    assert code == 0 and "Created" in out
    code, out, _ = run(capsys, "dump", str(target))
    assert code == 0
    dumped = json.loads(out)
    assert dumped["risks"][0]["probability"] == 0.1
    assert [r["id"] for r in dumped["risks"]] == ["r1", "r2"]
    assert dumped["proposal"]["addresses_interests"] == ["i1"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_dump_to_a_file_overwrites_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "c.leverage"
    run(capsys, "import", str(write_json(tmp_path / "in.json", base_document())), "-o", str(case))
    out = tmp_path / "out.json"
    out.write_text("old")
    assert run(capsys, "dump", str(case), "-o", str(out))[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["case"]["title"] == "Base"


def test_import_refuses_an_existing_target_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_json(tmp_path / "in.json", base_document())
    target = tmp_path / "out.leverage"
    target.write_bytes(b"precious work")
    code, _, err = run(capsys, "import", str(source), "-o", str(target))
    assert code == 4
    assert "already exists" in err and "--force" in err
    assert target.read_bytes() == b"precious work"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert run(capsys, "import", str(source), "-o", str(target), "--force")[0] == 0
    assert target.read_bytes().startswith(b"SQLite format 3")


SEVEN_INVALID = {
    "probability": (("risks", 0, "probability"), 1.7, "risks[0].probability"),
    "impact order": (("risks", 1, "impact_high"), 0.5, "risks[1].impact_likely"),
    "duplicate id": (("risks", 1, "id"), "r1", "risks[1].id"),
    "dangling score": (("alternatives", 0, "scores"), {"zz": 1}, "alternatives[0].scores.zz"),
    "second proposal": (("scenarios", 1, "role"), "our_proposal", "scenarios[1].role"),
    "text as number": (("scenarios", 0, "years"), "four", "scenarios[0].years"),
    "bad currency": (("case", "currency"), "Euro", "case.currency"),
    "dangling talking point": (
        ("proposal", "talking_points"),
        [{"alternative_id": "nope", "text": ""}],
        "proposal.talking_points[0].alternative_id",
    ),
}


@pytest.mark.parametrize("name", sorted(SEVEN_INVALID))
def test_invalid_input_is_exit_3_with_the_path_and_nothing_written(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys, value, path = SEVEN_INVALID[name]
    doc = base_document()
    target: Any = doc
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value
    source = write_json(tmp_path / "in.json", doc)
    before = snapshot(tmp_path)
    code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path / "new.leverage"))
    assert code == 3
    assert path in err and str(source) in err
    assert err.count("\n") == 1 and out == ""
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "not valid JSON (line 1"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"format": "other"}', "format"),
        (b'{"format": "leverage-case", "version": 7}', "newer version"),
        (
            b'{"format": "leverage-case", "version": 1, "case": {"title": "x", "title": "y"}}',
            "appears twice",
        ),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (
            b'{"format": "leverage-case", "version": 1,'
            b' "case": {"title": "x", "min_margin_pct": NaN}}',
            "finite",
        ),
    ],
)
def test_malformed_json_is_refused_with_exit_3(
    content: bytes, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(content)
    code, _, err = run(capsys, "import", str(source), "-o", str(tmp_path / "x.leverage"))
    assert code == 3
    assert words in err and err.count("\n") == 1
    assert not (tmp_path / "x.leverage").exists()


def test_missing_input_is_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "none.json"), "-o", str(tmp_path / "x"))
    assert code == 3 and "does not exist" in err


def test_unwritable_output_is_exit_4(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_json(tmp_path / "in.json", base_document())
    code, _, err = run(capsys, "import", str(source), "-o", str(tmp_path / "no" / "x.leverage"))
    assert code == 4 and "folder does not exist" in err
    case = tmp_path / "c.leverage"
    run(capsys, "import", str(source), "-o", str(case))
    code, _, err = run(capsys, "dump", str(case), "-o", str(tmp_path / "no" / "x.json"))
    assert code == 4 and "cannot be written" in err


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", ["garbage", "truncated", "foreign", "plain text", "empty"])
def test_files_that_are_not_cases_are_refused_untouched(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.leverage"
    if kind == "garbage":
        path.write_bytes(os.urandom(8192))
    elif kind == "truncated":
        run(capsys, "sample", "-o", str(path))
        path.write_bytes(path.read_bytes()[:6000])
    elif kind == "foreign":
        _foreign_sqlite(path)
    elif kind == "plain text":
        path.write_text("Dear client,\nthis is a letter.\n")
    else:
        path.write_bytes(b"")
    before = path.read_bytes()
    for command in (["dump", str(path)], ["analyze", str(path)]):
        code, out, err = run(capsys, *command)
        assert code == 3, (command, err)
        assert str(path) in err and err.count("\n") == 1 and out == ""
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.leverage"]


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "import")[0] == 2
    assert run(capsys, "dump")[0] == 2
    assert run(capsys, "export", "x.leverage", "-o", "y.pdf", "--kind", "poster")[0] == 2


def test_no_display_names_the_headless_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert "no display" in err and "leverage analyze" in err and err.count("\n") == 1
