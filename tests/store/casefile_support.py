"""Helpers shared by the store tests: a richly linked case, file snapshots, the committed
fixture of every schema version, child processes.

Imported as a plain module (pytest puts ``tests/store`` on ``sys.path`` for its tests).
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from desktop_app.domain import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Criterion,
    Interest,
    Party,
    Proposal,
    Risk,
    RiskOverride,
    Scenario,
    TalkingPoint,
    Term,
    validate_case,
)
from desktop_app.store import CaseFile
from desktop_app.store.header import read_header
from desktop_app.store.interchange import read_json_file
from desktop_app.store.migrations import MIGRATIONS, SCHEMA_VERSION, MigrationStep

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
APPLICATION_ID = 1279612487
CHILD_TIMEOUT = 30.0


def build_rich_case() -> Case:
    """A valid case in which every kind of reference is used at least once."""
    info = CaseInfo(
        title="Renewal — phase two",
        client="Aurelia Components",
        counterpart="Big Motors AG",
        consultant="Ann Consultant",
        subject="Damping controller, phase two",
        notes='<b>bold?</b> & <img src="http://example.invalid/x.png"> Zażółć gęślą jaźń',
        currency="EUR",
        prepared_on="2026-11-20",
        min_margin_pct=12.0,
        simulation_runs=5_000,
    )
    parties = (
        Party(
            id="p-ceo",
            name="Zofia Wójcik",
            side="ours",
            role="CEO",
            influence=5,
            stance=2,
            interests=(Interest(id="i-margin", text="Keep a healthy margin", priority=5),),
        ),
        Party(
            id="p-buyer",
            name="Γιώργος Παπαδόπουλος",
            side="theirs",
            role="Lead buyer",
            influence=4,
            stance=-1,
            interests=(
                Interest(id="i-cost", text="Lower unit cost", priority=5),
                Interest(id="i-supply", text="Secure supply", priority=4),
            ),
        ),
        Party(
            id="p-eng",
            name="Сергей Иванов",
            side="theirs",
            role="Engineer",
            interests=(Interest(id="i-quality", text="品質を守る", priority=3),),
        ),
        Party(id="p-bank", name="House bank", side="third"),
    )
    criteria = (
        Criterion(id="c-t-cost", side="theirs", name="Cost", weight=3.0),
        Criterion(id="c-t-risk", side="theirs", name="Supply risk", weight=2.0),
        Criterion(id="c-o-margin", side="ours", name="Margin", weight=2.0),
        Criterion(id="c-o-volume", side="ours", name="Volume", weight=1.0),
    )
    alternatives = (
        Alternative(
            id="a-rival",
            side="theirs",
            name="Rival supplier",
            feasibility=0.6,
            scores={"c-t-cost": 7.0, "c-t-risk": 3.0},
            pros=("cheaper quote",),
            cons=("full requalification", "learning curve"),
            unit_price=95.0,
            switching_cost=250_000.0,
            failure_cost=1_000_000.0,
        ),
        Alternative(
            id="a-inhouse",
            side="theirs",
            name="Make it in-house",
            feasibility=0.3,
            scores={"c-t-cost": 4.0, "c-t-risk": 5.0},
            unit_price=110.0,
            switching_cost=2_000_000.0,
            failure_cost=500_000.0,
        ),
        Alternative(
            id="a-other-customer",
            side="ours",
            name="Sell the capacity elsewhere",
            feasibility=0.5,
            scores={"c-o-margin": 6.0, "c-o-volume": 4.0},
        ),
    )
    cost_lines = (
        CostLine(id="k-material", name="Material", basis="per_unit", amount=60.0),
        CostLine(id="k-tooling", name="Tooling", basis="one_time", amount=120_000.0),
        CostLine(id="k-team", name="Programme team", basis="per_year", amount=80_000.0),
    )
    risks = (
        Risk(
            id="r-recall",
            name="Field recall",
            category="Quality",
            probability=0.05,
            impact_low=100_000.0,
            impact_likely=500_000.0,
            impact_high=3_000_000.0,
            capped_by_liability=True,
            mitigation="End-of-line testing",
            owner="QA",
        ),
        Risk(
            id="r-stoppage",
            name="Line stoppage",
            category="Delivery",
            probability=0.1,
            frequency="per_year",
            impact_low=20_000.0,
            impact_likely=100_000.0,
            impact_high=800_000.0,
            capped_by_liability=True,
            mitigation="Safety stock",
            owner="Logistics",
        ),
        Risk(
            id="r-fx",
            name="Currency swing",
            category="Finance",
            probability=0.3,
            impact_low=10_000.0,
            impact_likely=40_000.0,
            impact_high=90_000.0,
        ),
    )
    scenarios = (
        Scenario(
            id="s-demand",
            name="Their demand",
            role="their_demand",
            unit_price=92.0,
            annual_volume=100_000.0,
            years=3,
            annual_price_change_pct=-3.0,
            payment_days=90,
            scores={"c-t-cost": 9.0, "c-t-risk": 6.0, "c-o-margin": 2.0, "c-o-volume": 8.0},
            risk_overrides={"r-recall": RiskOverride(probability=0.08)},
            terms=(Term(name="Liability", value="Uncapped", rationale="Their standard terms"),),
        ),
        Scenario(
            id="s-proposal",
            name="Our proposal",
            role="our_proposal",
            unit_price=101.0,
            annual_volume=100_000.0,
            years=3,
            annual_price_change_pct=-1.5,
            payment_days=45,
            liability_cap=2_000_000.0,
            scores={"c-t-cost": 6.0, "c-t-risk": 9.0, "c-o-margin": 7.0, "c-o-volume": 6.0},
            risk_overrides={"r-stoppage": RiskOverride(impact_high=500_000.0)},
            terms=(Term(name="Price", value="101 EUR, −1.5 % a year", rationale="A cost-down"),),
        ),
        Scenario(id="s-bridge", name="Bridge", role="other", unit_price=97.0, years=2),
    )
    proposal = Proposal(
        statement="Weigh our offer against every alternative you have.",
        talking_points=(
            TalkingPoint(alternative_id="a-rival", text="Switching costs eat the discount."),
            TalkingPoint(alternative_id="a-inhouse", text="It takes two years you do not have."),
            TalkingPoint(alternative_id=None, text="A general point."),
        ),
        addresses_interests=("i-cost", "i-supply", "i-quality"),
    )
    return validate_case(
        Case(
            info=info,
            parties=parties,
            criteria=criteria,
            alternatives=alternatives,
            cost_lines=cost_lines,
            risks=risks,
            scenarios=scenarios,
            proposal=proposal,
        )
    )


# -- files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    data: bytes
    mtime_ns: int
    mode: int


def snapshot(path: Path) -> Snapshot:
    info = path.stat()
    return Snapshot(path.read_bytes(), info.st_mtime_ns, info.st_mode)


def listing(folder: Path) -> list[str]:
    """Every name in ``folder``, hidden ones included."""
    return sorted(os.listdir(folder))


def stored_case(path: Path) -> Case:
    """The case as a fresh read-only open sees it."""
    with CaseFile.open(path, read_only=True) as case_file:
        return case_file.case


@contextlib.contextmanager
def raw_db(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that cannot change the file."""
    conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def pragma(path: Path, name: str) -> object:
    with raw_db(path) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


def scalar(path: Path, sql: str, params: tuple[object, ...] = ()) -> object:
    with raw_db(path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def column(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[object]:
    with raw_db(path) as conn:
        return [row[0] for row in conn.execute(sql, params)]


# -- schema versions -----------------------------------------------------------------------

#: The version a test-only migration step appended to today's ``MIGRATIONS`` produces: the code
#: of a Leverage one version newer than this one, for which every committed fixture is older.
NEXT_VERSION = SCHEMA_VERSION + 1

Migrations = tuple[tuple[str, MigrationStep], ...]


def with_next_step(step: MigrationStep, name: str = "test") -> Migrations:
    """Today's migrations and a test-only ``step``, named as the migration of version
    ``NEXT_VERSION`` would be (``0002_test`` while today's version is 1)."""
    return (*MIGRATIONS, (f"{NEXT_VERSION:04d}_{name}", step))


def fixture_files() -> dict[int, Path]:
    """The committed fixture file of every schema version, by version (``schema-vN.leverage``)."""
    found = {}
    for path in FIXTURES.glob("schema-v*.leverage"):
        match = re.fullmatch(r"schema-v(\d+)\.leverage", path.name)
        assert match, path.name
        found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def fixture_case(version: int) -> Case:
    """The case stored in the fixture of ``version``, from the JSON dump committed beside it."""
    return read_json_file(fixture_files()[version].with_suffix(".json"))


def backup_of(path: Path, version: int) -> Path:
    """The copy of ``path`` taken before it is migrated from ``version``."""
    return path.with_name(f"{path.name}.v{version}-backup")


@dataclass(frozen=True)
class FixtureCopy:
    """A writable copy of the committed fixture of schema ``version``, at ``path``."""

    path: Path
    version: int

    @classmethod
    def make(cls, version: int, folder: Path, name: str = "old.leverage") -> FixtureCopy:
        path = folder / name
        path.write_bytes(fixture_files()[version].read_bytes())
        path.chmod(0o600)
        assert read_header(path).schema_version == version
        return cls(path, version)

    @cached_property
    def case(self) -> Case:
        return fixture_case(self.version)

    @property
    def backup(self) -> Path:
        return backup_of(self.path, self.version)


# -- child processes -----------------------------------------------------------------------


class Child:
    """A Python child process whose stdout is read line by line with a deadline."""

    def __init__(self, args: list[str], *, stdin: bool = True) -> None:
        self.proc = subprocess.Popen(
            args,
            cwd=REPO,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self.proc.stdout is not None
        self._fd = self.proc.stdout.fileno()
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)

    @classmethod
    def python(cls, code: str, *args: str, stdin: bool = True) -> Child:
        return cls([sys.executable, "-c", code, *args], stdin=stdin)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def readline(self, timeout: float = CHILD_TIMEOUT) -> str | None:
        """The next line (without newline), or ``None`` at end of output."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"child {self.pid} wrote no line in {timeout} s")
            if not self._selector.select(remaining):
                continue
            chunk = os.read(self._fd, 65536)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8")

    def expect(self, text: str, timeout: float = CHILD_TIMEOUT) -> None:
        line = self.readline(timeout)
        if line != text:
            raise AssertionError(f"expected {text!r} from the child, got {line!r}: {self.stderr()}")

    def kill(self) -> None:
        """SIGKILL and reap."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=CHILD_TIMEOUT)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.kill()
        self._selector.close()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def dead_pid() -> int:
    """The pid of a process that has already exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=CHILD_TIMEOUT)
    return proc.pid
