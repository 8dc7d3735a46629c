"""What the app imports before Qt (``desktop_app.ui.shell.preload``) must not import Qt itself."""

from __future__ import annotations

import subprocess
import sys

from desktop_app.ui.shell.preload import BEFORE_QT


def test_the_modules_imported_before_qt_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "from desktop_app.ui.shell.preload import before_qt, BEFORE_QT\n"
        "before_qt()\n"
        "missing = [m for m in BEFORE_QT if m not in sys.modules]\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(missing, qt)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] []"
    assert "desktop_app.domain" in BEFORE_QT and "desktop_app.store.casefile" in BEFORE_QT
