"""``leverage [CASE] --quit-after-load`` and ``--timings`` in a real process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.store import write_new_case
from desktop_app.store.sample import SAMPLE_FILE, resources_dir, sample_case


def run_app(tmp_path: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        **extra_env,
    )
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_quit_after_load_opens_analyses_draws_and_exits_0(tmp_path: Path) -> None:
    case = tmp_path / "deal.leverage"
    write_new_case(case, sample_case())
    done = run_app(tmp_path, str(case), "--quit-after-load", "--timings")
    assert done.returncode == 0, done.stderr
    lines = dict(
        line.split("=", 1)
        for line in done.stderr.splitlines()
        if line.endswith(tuple("0123456789"))
    )
    first, loaded = int(lines["first_paint_ms"]), int(lines["loaded_ms"])
    assert 0 < first <= loaded


def test_without_a_case_the_sample_opens_from_a_copy(tmp_path: Path) -> None:
    builtin = resources_dir() / SAMPLE_FILE
    before = builtin.read_bytes()
    done = run_app(tmp_path, "--quit-after-load")
    assert done.returncode == 0, done.stderr
    copies = list((tmp_path / "data").rglob("*.leverage"))
    assert len(copies) == 1
    assert builtin.read_bytes() == before


def test_a_damaged_case_exits_3_without_a_dialog(tmp_path: Path) -> None:
    bad = tmp_path / "bad.leverage"
    bad.write_text("garbage")
    done = run_app(tmp_path, str(bad), "--quit-after-load")
    assert done.returncode == 3
    assert "bad.leverage" in done.stderr and "not a Leverage case" in done.stderr


def test_quit_after_load_exits_1_and_names_the_charts_that_could_not_be_drawn(
    tmp_path: Path,
) -> None:
    """A broken matplotlib (here: a backend that does not exist) must not pass the smoke
    check: every chart says why it is missing, and the exit code is 1."""
    case = tmp_path / "deal.leverage"
    write_new_case(case, sample_case())
    done = run_app(tmp_path, str(case), "--quit-after-load", MPLBACKEND="no-such-backend")
    assert done.returncode == 1, done.stderr
    missing = [line for line in done.stderr.splitlines() if line.startswith("leverage: chart ")]
    assert any("'Stakeholder map'" in line for line in missing), done.stderr
    assert len(missing) == 12  # every chart of the eight tabs
    assert all("no-such-backend" in line for line in missing), missing
    assert "Traceback" not in done.stderr
