"""The modules the window needs before its first paint that do not use Qt, imported before Qt.

Once PySide6 is imported, every later import pays its ``__feature__`` hook: shiboken reads the
source of each newly imported module to see whether it mentions PySide6 (``inspect.getsource``
of some 50 modules of ours and of the standard library). Importing them first saves ~40 ms of
the ~300 ms to the first paint. This module must never import Qt itself (a test checks).
"""

from __future__ import annotations

import importlib

#: Found by listing the modules new in ``sys.modules`` at the first paint that do not mention
#: PySide6; a missing one only costs a few milliseconds, never correctness.
BEFORE_QT = (
    "copy",
    "dataclasses",
    "datetime",
    "getpass",
    "hashlib",
    "hmac",
    "json",
    "secrets",
    "socket",
    "sqlite3",
    "desktop_app.domain",
    "desktop_app.domain.edits",
    "desktop_app.store",
    "desktop_app.store.casefile",
    "desktop_app.store.header",
    "desktop_app.store.interchange",
    "desktop_app.store.sample",
    "desktop_app.charts.render",
    "desktop_app.analysis.figures",
    "desktop_app.files.logo",
    "desktop_app.ui.models.columns",
    "desktop_app.ui.tabs",
)


def before_qt() -> None:
    """Import the modules of ``BEFORE_QT`` (call it before anything imports PySide6)."""
    for name in BEFORE_QT:
        importlib.import_module(name)
