"""Word and Excel (SPEC §13: sample brief and proposal as .docx ≤ 2 s, workbook ≤ 2 s, whole
process each).

Writes the sample to a case file and times the whole program, ``python -m desktop_app export
CASE -o OUT.docx|OUT.xlsx`` (and ``import BOOK.xlsx``, for the record), median of several runs
after a warm-up; prints each figure next to its bar and exits 1 when a bar is missed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT)]

from desktop_app.store import write_new_case  # noqa: E402
from desktop_app.store.sample import sample_case  # noqa: E402

RUNS = 5
BAR = 2.0


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
        case = folder / "sample.leverage"
        write_new_case(case, sample_case())
        program = [sys.executable, "-m", "desktop_app"]
        jobs = [
            ("brief .docx", [*program, "export", str(case), "-o", str(folder / "b.docx")], BAR),
            (
                "proposal .docx",
                [*program, "export", str(case), "-o", str(folder / "p.docx"), "--kind", "proposal"],
                BAR,
            ),
            ("workbook .xlsx", [*program, "export", str(case), "-o", str(folder / "c.xlsx")], BAR),
        ]
        for name, command, bar in jobs:
            median, times = median_of(command)
            verdict = "OK" if median <= bar else "OVER"
            runs = ", ".join(f"{t:.2f}" for t in times)
            print(
                f"sample {name}, whole process: median {median:.2f} s (runs: {runs}); "
                f"bar {bar:.1f} s {verdict}",
                flush=True,
            )
            ok = ok and median <= bar
        book = folder / "c.xlsx"
        target = folder / "back.leverage"
        command = [*program, "import", str(book), "-o", str(target), "--force"]
        median, times = median_of(command)
        print(f"sample workbook import, whole process: median {median:.2f} s (no bar)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
