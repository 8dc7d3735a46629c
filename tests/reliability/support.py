"""What the reliability suite shares: its budget, seeds, digests of cases, child processes.

The suite runs inside ``make test`` on a small budget; ``make fuzz`` sets ``LEVERAGE_FUZZ=1``
and the same tests run many more rounds and examples. The kill and race rounds draw their
seeds from ``LEVERAGE_SEED`` (fixed by default, so every run tries the same kill points; set
another to try others), and a failing round names its own seed; hypothesis prints the failing
document or file itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import selectors
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from desktop_app import cli
from desktop_app.domain import Case
from desktop_app.store import CaseFile, NotACaseFile
from desktop_app.store.interchange import dumps
from tests.store.casefile_support import CHILD_TIMEOUT, REPO, Child, snapshot

FUZZ = os.environ.get("LEVERAGE_FUZZ", "") not in ("", "0")
BASE_SEED = int(os.environ.get("LEVERAGE_SEED", "20261126"))
TEMP_SUFFIX = ".leverage-tmp"


def rounds(in_make_test: int, in_make_fuzz: int) -> int:
    """How many rounds of a kill or race test to run."""
    return in_make_fuzz if FUZZ else in_make_test


def budget(in_make_test: int, in_make_fuzz: int) -> settings:
    """Hypothesis settings: a few hundred examples in ``make test``, thousands in ``make fuzz``.
    No example database: the budget is spent on new inputs, not on replaying old ones."""
    return settings(
        max_examples=in_make_fuzz if FUZZ else in_make_test,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def seeds(name: str, count: int) -> list[int]:
    """``count`` seeds for the rounds of test ``name`` (stable for a given LEVERAGE_SEED)."""
    master = random.Random(f"{BASE_SEED}:{name}")
    return [master.randrange(2**32) for _ in range(count)]


def digest(case: Case) -> str:
    """A short fingerprint of everything stored (the JSON interchange form)."""
    return hashlib.sha256(dumps(case).encode("utf-8")).hexdigest()[:16]


def temp_files(folder: Path) -> list[str]:
    """Temporary files (and their journals) a crashed writer left in ``folder``."""
    return sorted(n for n in os.listdir(folder) if TEMP_SUFFIX in n)


def check_leftover_is_no_case(leftover: Path) -> None:
    """A temporary file a killed writer left is never opened as a case, by the app or by
    ``dump``, and trying leaves it as it was (the next run in its folder removes it)."""
    before = snapshot(leftover)
    for read_only in (False, True):
        with pytest.raises(NotACaseFile, match="temporary file"):
            CaseFile.open(leftover, read_only=read_only)
    result = run_cli(["dump", str(leftover)])
    assert result.code == 3
    assert result.stderr.count("\n") == 1 and str(leftover) in result.stderr
    assert snapshot(leftover) == before


@dataclass
class Tally:
    """Kills survived, counted per kind, for the closing figures."""

    kills: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        self.kills[kind] = self.kills.get(kind, 0) + 1


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(argv: Sequence[str]) -> CliResult:
    """``leverage ARGV`` in this process, its output captured (usable inside hypothesis)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # with a .buffer, like stdout
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    out.flush()
    written = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    return CliResult(code, written, err.getvalue())


def child_env(home: Path) -> dict[str, str]:
    """The environment of a child app: offscreen, and every per-user folder inside ``home``."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        PYTHONPATH=str(REPO),
    )
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    return env


class AppChild(Child):
    """A child process with an environment of its own; its stderr goes to a file (a child
    that writes many warnings never blocks on a full pipe)."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, *, stdin: bool = True):
        self.log = log
        with open(log, "wb") as err:
            self.proc = subprocess.Popen(
                args,
                cwd=REPO,
                env=env,
                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=err,
            )
        assert self.proc.stdout is not None
        self._fd = self.proc.stdout.fileno()
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def lines_until_exit(self) -> list[str]:
        """Every line the child still wrote before it ended (it must be dead or ending)."""
        lines = []
        while (line := self.readline(CHILD_TIMEOUT)) is not None:
            lines.append(line)
        return lines

    def kill_after(self, seconds: float) -> bool:
        """Let the child run for at most ``seconds`` more, then SIGKILL it. True if it was
        killed, False if it had ended by itself (waiting on the process, not sleeping)."""
        try:
            self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.kill()
            return True
        return False


@contextlib.contextmanager
def children() -> Iterator[list[Child]]:
    """Every child put in the list is killed and reaped when the block ends."""
    started: list[Child] = []
    try:
        yield started
    finally:
        for child in started:
            child.close()


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


# A child that SIGKILLs itself at a chosen point: the Nth call into the operating system or
# SQLite (os.* and sqlite3 calls) after it is armed. Counting those calls in a run that
# is not killed gives the range to draw kill points from; a seed then names one exact point
# (just before an fsync, between two SQL statements, before the link that publishes…).
KILL_SWITCH = r"""
import os, signal, sys

_IO_MODULES = {"posix", "nt", "sqlite3", "_sqlite3"}
_MARKED = {"fsync", "link", "replace", "backup"}
_count = 0
_marks = {}


def _owner(function):
    module = getattr(function, "__module__", None)
    if module:
        return module
    return type(getattr(function, "__self__", None)).__module__


def arm(kill_at):
    def profile(frame, event, function):
        global _count
        if event == "c_call" and _owner(function) in _IO_MODULES:
            _count += 1
            name = getattr(function, "__name__", "")
            if name in _MARKED:
                _marks.setdefault(name, _count)
            if _count == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    sys.setprofile(profile)


def disarm():
    # Stop counting; "N name=K ...": the calls made, and where each marked call came first.
    sys.setprofile(None)
    return " ".join([str(_count), *(f"{k}={v}" for k, v in sorted(_marks.items()))])
"""
