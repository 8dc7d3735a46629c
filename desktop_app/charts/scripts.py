"""Every script in the charts: the bundled fonts as matplotlib's fallbacks, and Arabic and
Hebrew shaped and drawn right to left.

* **Fonts.** matplotlib (3.6 and later) falls back glyph by glyph along the ``font.family``
  list. ``FAMILIES`` is DejaVu Sans then the fonts bundled in ``desktop_app/files/fonts``
  (Noto Sans Arabic, Noto Sans Hebrew, Leverage CJK), registered with matplotlib's font
  manager by ``install`` (no font cache is rebuilt: each file is added by path).
* **Shaping and direction.** matplotlib lays out one glyph per character, left to right. Every
  line of every ``Text`` passes through ``Text._preprocess_math`` both when it is measured and
  when it is drawn, on every backend; ``install`` wraps it so a line with a right-to-left
  character comes out shaped and in visual order (``files.scripts.visual``). Lines are broken
  before (``wrap`` and the labels' wrapping work on the logical text), so a wrapped Arabic
  label still reads from its first line. Text without such a character is untouched.
"""

from __future__ import annotations

import threading
from typing import Any

from matplotlib import font_manager
from matplotlib.text import Text

from desktop_app.files import fonts, scripts

#: The chart text's family list: DejaVu Sans, then the fallbacks in order.
FAMILIES = ("DejaVu Sans", *fonts.FALLBACK_FAMILIES)

_LOCK = threading.Lock()
_INSTALLED = False


def install() -> None:
    """Register the bundled fonts with matplotlib and shape right-to-left lines (idempotent,
    thread-safe; ``style.chart_context`` calls it)."""
    global _INSTALLED
    if _INSTALLED:
        return
    with _LOCK:
        if _INSTALLED:
            return
        known = {entry.fname for entry in font_manager.fontManager.ttflist}
        for path in fonts.bundled_paths():
            if str(path) not in known:
                font_manager.fontManager.addfont(str(path))
        preprocess = Text._preprocess_math  # type: ignore[attr-defined]

        def _preprocess_math(self: Text, s: str) -> tuple[str, Any]:
            text, math = preprocess(self, s)
            if math is False and scripts.has_rtl(text):
                text = scripts.visual(text)
            return text, math

        Text._preprocess_math = _preprocess_math  # type: ignore[attr-defined]
        _INSTALLED = True
