"""PDF export (SPEC §7: team brief ≤ 2 s whole process for the sample case, ≤ 10 s for the
stress case).

(a) times ``export_pdf`` in this process (the analysis done beforehand), median after a
    warm-up, for the brief of the sample and of the stress case and the sample's proposal;
(b) writes both cases to case files and times the whole program,
    ``python -m desktop_app export CASE -o OUT.pdf``, median of several runs after a warm-up.
Prints each figure next to its bar; exits 1 when a bar is missed.
"""

from __future__ import annotations

import functools
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

from stress_case import build_stress_case  # noqa: E402

from desktop_app.analysis import analyze_case  # noqa: E402
from desktop_app.domain.model import Case  # noqa: E402
from desktop_app.reports.export import export_pdf  # noqa: E402
from desktop_app.store.sample import sample_case  # noqa: E402

RUNS = 3
BARS = {"sample": 2.0, "stress": 10.0}


def _median_seconds(action: Callable[[], None], runs: int = RUNS) -> tuple[float, list[float]]:
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _runs(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def in_process(cases: dict[str, Case], folder: Path) -> None:
    for name, case in cases.items():
        analysis = analyze_case(case)
        target = folder / f"{name}-in-process.pdf"
        median, times = _median_seconds(
            functools.partial(export_pdf, case, analysis, target, kind="brief")
        )
        print(
            f"(a) export_pdf, team brief, {name} case in-process (analysis done before): "
            f"median {median:.2f} s (runs: {_runs(times)}); {target.stat().st_size:,} bytes"
        )
    case = cases["sample"]
    target = folder / "proposal-in-process.pdf"
    median, times = _median_seconds(lambda: export_pdf(case, None, target, kind="proposal"))
    print(f"(a) export_pdf, proposal, sample case in-process: median {median:.2f} s")


def whole_process(cases: dict[str, Case], folder: Path) -> bool:
    from desktop_app.store import write_new_case

    ok = True
    for name, case in cases.items():
        path = folder / f"{name}.leverage"
        write_new_case(path, case, overwrite=True)
        out = folder / f"{name}.pdf"
        command = [sys.executable, "-m", "desktop_app", "export", str(path), "-o", str(out)]

        def run(command: list[str] = command) -> None:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
            if done.returncode != 0:
                message = done.stderr.decode("utf-8", "replace").strip()
                raise SystemExit(
                    f"(b) FAILED: {' '.join(command)} exited {done.returncode}: {message}"
                )

        median, times = _median_seconds(run)
        bar = BARS[name]
        passed = median <= bar
        ok = ok and passed
        print(
            f"(b) whole process `export` (team brief, A4), {name} case: median {median:.2f} s "
            f"(bar {bar:.1f} s: {'ok' if passed else 'MISSED'}; runs: {_runs(times)})"
        )
    return ok


def main() -> int:
    cases = {"sample": sample_case(), "stress": build_stress_case()}
    stress = cases["stress"]
    print(
        f"stress case: {len(stress.parties)} parties, {len(stress.alternatives)} alternatives, "
        f"{len(stress.risks):,} risks, {len(stress.cost_lines)} cost lines, "
        f"{len(stress.scenarios)} scenarios"
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        in_process(cases, folder)
        return 0 if whole_process(cases, folder) else 1


if __name__ == "__main__":
    sys.exit(main())
