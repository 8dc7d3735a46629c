"""``analyze --json`` of the SPEC §13 stress case with §9 on top: ranges on every money field
of their price-based alternatives and 20 correlated pairs of risks (bar: ≤ 4 s whole
process, ≤ 300 MB peak). Median of 3 runs after a warm-up, with the peak resident memory of
those child processes; prints each figure next to its bar and exits 1 when one is missed.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

from stress_case import CORRELATED_PAIRS, build_uncertain_stress_case  # noqa: E402

from desktop_app.store import write_new_case  # noqa: E402

RUNS = 3
BAR_SECONDS = 4.0
BAR_MB = 300.0


def main() -> int:
    case = build_uncertain_stress_case()
    ranged = sum(1 for a in case.alternatives if a.unit_price_low is not None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stress-uncertain.leverage"
        write_new_case(path, case)
        command = [sys.executable, "-m", "desktop_app", "analyze", str(path), "--json"]
        times = []
        for attempt in range(RUNS + 1):  # the first is the warm-up
            start = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                print(f"FAILED: exit {done.returncode}: {done.stderr.decode()[:400]}")
                return 1
            if attempt:
                times.append(elapsed)
            if b'"their_walk_away_distribution": null' in done.stdout:
                print("FAILED: no distribution in the output")
                return 1
    median = statistics.median(times)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    time_ok, memory_ok = median <= BAR_SECONDS, peak_mb <= BAR_MB
    print(
        f"`analyze --json`, stress case with {ranged} ranged alternatives and "
        f"{CORRELATED_PAIRS} correlated pairs, {case.info.simulation_runs:,} runs: median "
        f"{median:.2f} s (bar {BAR_SECONDS:.1f} s: {'ok' if time_ok else 'MISSED'}; runs: "
        f"{', '.join(f'{t:.2f}' for t in times)})"
    )
    print(
        f"    peak memory {peak_mb:.0f} MB (bar {BAR_MB:.0f} MB: {'ok' if memory_ok else 'MISSED'})"
    )
    return 0 if time_ok and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main())
