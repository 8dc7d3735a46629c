"""Run every ``bench_*.py`` beside this file, one after another, and print their output.

Each runs in the language ``LEVERAGE_LANG`` names (English without it), as the app and the
command line would: ``LEVERAGE_LANG=de make bench`` measures every bar in German. Exits 1 if
any of them failed (missed a bar or crashed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Runs the script given after it in the language of LEVERAGE_LANG (its own subprocesses, the
#: app and the command line, choose it themselves from the same variable).
IN_LANGUAGE = """
import runpy, sys
from desktop_app.i18n.choose import resolve_language, use_language
use_language(resolve_language(None))
script = sys.argv[1]
sys.argv = [script]
runpy.run_path(script, run_name="__main__")
"""


def main() -> int:
    # Measure the program as installed: with its bytecode compiled (pip and PyInstaller do
    # that), even where PYTHONDONTWRITEBYTECODE keeps Python from caching it by itself.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parents[1] / "desktop_app")],
        check=True,
    )
    failed = []
    language = os.environ.get("LEVERAGE_LANG") or "en"
    print(f"language: {language}", flush=True)
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"=== {script.name}", flush=True)
        done = subprocess.run(
            [sys.executable, "-c", IN_LANGUAGE, str(script)], cwd=HERE.parents[1], check=False
        )
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
