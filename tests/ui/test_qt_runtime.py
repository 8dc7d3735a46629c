"""The Qt binding itself: PySide6 6.12.0 lost a reference to ``True`` on every
``Signal.emit``, which aborted the app after a few thousand signals ("bool_dealloc").
This guards the pinned version against that regression."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_signals_keeps_the_refcount_of_true() -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.fired.emit(i)
    after = sys.getrefcount(True)
    assert len(received) == 200
    assert after - before >= 0, f"Signal.emit lost {before - after} references to True"
