"""Run every ``bench_*.py`` beside this file, one after another, and print their output.

Exits 1 if any of them failed (missed a bar or crashed).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    # Measure the program as installed: with its bytecode compiled (pip and PyInstaller do
    # that), even where PYTHONDONTWRITEBYTECODE keeps Python from caching it by itself.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parents[1] / "desktop_app")],
        check=True,
    )
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"=== {script.name}", flush=True)
        done = subprocess.run([sys.executable, str(script)], cwd=HERE.parents[1], check=False)
        if done.returncode != 0:
            failed.append(script.name)
        print(flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    print("all benchmarks done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
