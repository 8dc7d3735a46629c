"""``analyze`` on the stress case (SPEC §7: ≤ 3 s whole process, ≤ 300 MB peak, 20,000 runs,
sensitivity included), and ``analyze_case`` in-process for reference.

(a) times ``analyze_case`` on the stress case in this process (median after a warm-up);
(b) writes the stress case to a case file and times the whole program,
    ``python -m desktop_app analyze CASE --json``, median of several runs after a warm-up,
    with the peak resident memory of those child processes.
Prints each figure next to its bar; exits 1 when a bar is missed.
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

from stress_case import build_stress_case  # noqa: E402

from desktop_app.analysis import analyze_case  # noqa: E402

RUNS = 5
BAR_SECONDS = 3.0
BAR_MB = 300.0


def _median_seconds(action: object, runs: int = RUNS) -> tuple[float, list[float]]:
    assert callable(action)
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def in_process() -> None:
    case = build_stress_case()
    runs = case.info.simulation_runs
    median, times = _median_seconds(lambda: analyze_case(case))
    print(
        f"(a) analyze_case, stress case in-process ({len(case.risks):,} risks, "
        f"{len(case.scenarios)} scenarios, {runs:,} runs): median {median:.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )


def whole_process() -> bool:
    try:
        from desktop_app.store import write_new_case
    except ImportError as error:  # pragma: no cover - depends on the store being there
        print(f"(b) FAILED: desktop_app.store.write_new_case is not available ({error})")
        return False
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stress.leverage"
        write_new_case(path, build_stress_case())
        command = [sys.executable, "-m", "desktop_app", "analyze", str(path), "--json"]

        def run() -> None:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
            if done.returncode != 0:
                message = done.stderr.decode("utf-8", "replace").strip()
                raise SystemExit(
                    f"(b) FAILED: {' '.join(command)} exited {done.returncode}: {message}"
                )

        median, times = _median_seconds(run)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    time_ok, memory_ok = median <= BAR_SECONDS, peak_mb <= BAR_MB
    print(
        f"(b) whole process `analyze --json`, stress case: median {median:.2f} s "
        f"(bar {BAR_SECONDS:.1f} s: {'ok' if time_ok else 'MISSED'}; runs: "
        f"{', '.join(f'{t:.2f}' for t in times)})"
    )
    print(
        f"    peak memory {peak_mb:.0f} MB (bar {BAR_MB:.0f} MB: {'ok' if memory_ok else 'MISSED'})"
    )
    return time_ok and memory_ok


def main() -> int:
    in_process()
    return 0 if whole_process() else 1


if __name__ == "__main__":
    sys.exit(main())
