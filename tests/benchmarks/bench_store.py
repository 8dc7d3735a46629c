"""How long one edit takes to be stored (SPEC §7: stored ≤ 10 ms), sample and stress case.

Each edit is one durable transaction (synchronous=FULL, so it includes the fsyncs). Prints
the median and the 90th percentile of many edits after a warm-up, next to the bar, and the
time of the bare fsync of a file in the same folder as a baseline measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.domain.model import Case
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case

EDITS = 60
BAR_MS = 10.0


def _fsync_baseline(folder: Path) -> float:
    path = folder / "fsync-probe"
    times = []
    with open(path, "wb") as handle:
        for i in range(20):
            start = time.perf_counter()
            handle.write(bytes([i]) * 4096)
            handle.flush()
            os.fsync(handle.fileno())
            times.append(time.perf_counter() - start)
    path.unlink()
    return statistics.median(times) * 1000


def measure(name: str, case: Case, folder: Path) -> None:
    path = folder / f"{name}.leverage"
    write_new_case(path, case)
    times = []
    with CaseFile.open(path) as case_file:
        for i in range(EDITS + 5):
            risk = case_file.case.risks[i % len(case_file.case.risks)]
            edited = replace(risk, probability=round((risk.probability + 0.01) % 1, 4))
            start = time.perf_counter()
            case_file.update(edited)
            if i >= 5:
                times.append((time.perf_counter() - start) * 1000)
    times.sort()
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9)]
    verdict = "OK" if median <= BAR_MS else "OVER"
    print(
        f"{name:<8} edit stored: median {median:6.2f} ms, p90 {p90:6.2f} ms "
        f"(bar {BAR_MS:.0f} ms) {verdict}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        baseline = _fsync_baseline(folder)
        print(f"baseline: one 4 KiB write + fsync in the same folder: {baseline:.2f} ms")
        measure("sample", sample_case(), folder)
        try:
            from tests.benchmarks.stress_case import build_stress_case
        except ImportError:
            print("stress   (no stress case generator yet)")
            return
        measure("stress", build_stress_case(), folder)


if __name__ == "__main__":
    main()
