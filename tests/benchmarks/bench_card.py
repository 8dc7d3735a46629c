"""The one-page negotiation card (SPEC §13: card export of the sample ≤ 1.5 s, whole process).

Writes the sample to a case file — as it is, and with a three-round exchange logged — and times
the whole program, ``python -m desktop_app export CASE -o CARD.pdf --kind card``, median of
several runs after a warm-up; prints each figure next to its bar and exits 1 when the bar is
missed.
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT)]

from desktop_app.domain.model import Offer  # noqa: E402
from desktop_app.store import write_new_case  # noqa: E402
from desktop_app.store.sample import sample_case  # noqa: E402

RUNS = 5
BAR = 1.5
#: A three-round exchange: their opening, our answer, their second offer.
OFFERS = (
    Offer(id="o1", round=1, date="2026-11-02", from_="theirs", unit_price=405.0),
    Offer(id="o2", round=1, date="2026-11-04", from_="ours", unit_price=452.0),
    Offer(id="o3", round=2, date="2026-11-12", from_="theirs", unit_price=418.0, payment_days=60),
)


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return seconds


def median_of(command: list[str], runs: int = RUNS) -> tuple[float, list[float]]:
    _time(command)  # warm-up
    times = [_time(command) for _ in range(runs)]
    return statistics.median(times), times


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        sample = sample_case()
        cases = {
            "sample": sample,
            "sample with three offers": dataclasses.replace(sample, offers=OFFERS),
        }
        for n, (name, case) in enumerate(cases.items()):
            path = folder / f"case{n}.leverage"
            write_new_case(path, case)
            out = folder / f"card{n}.pdf"
            command = [sys.executable, "-m", "desktop_app", "export", str(path)]
            command += ["-o", str(out), "--kind", "card"]
            median, times = median_of(command)
            verdict = "OK" if median <= BAR else "OVER"
            runs = ", ".join(f"{t:.2f}" for t in times)
            print(
                f"card export, {name}, whole process: median {median:.2f} s (runs: {runs}); "
                f"bar {BAR:.1f} s {verdict}",
                flush=True,
            )
            ok = ok and median <= BAR
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
