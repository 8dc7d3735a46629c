"""Issue 15's ranges in the app: a low and a high column of each money field, last in their
alternatives' table (none on ours), each edit stored at once and one undo step, a range on the wrong
side of its value refused with nothing stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tabs.alternatives_tab import AlternativesTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, stored

RANGES = tuple(
    f"{f}_{end}"
    for f in ("unit_price", "switching_cost", "failure_cost")
    for end in ("low", "high")
)


def _column(model: Any, field: str) -> int | None:
    return next((i for i, c in enumerate(model.columns) if c.field == field), None)


def test_range_columns_on_their_alternatives_only_with_undo(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = next(t for t in window.tabs if isinstance(t, AlternativesTab))
    assert all(_column(tab.our_model, field) is None for field in RANGES)
    theirs = tab.their_model
    fields = [c.field for c in theirs.columns]
    assert tuple(fields[-len(RANGES) :]) == RANGES  # last: pasted rows keep their layout
    column = _column(theirs, "unit_price_low")
    assert column is not None
    header = theirs.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Unit price low"
    row = theirs.row_of("a-brandt")
    assert row is not None
    document = window.document
    assert document is not None
    steps = document.undo_stack.count()
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert theirs.setData(theirs.index(row, column), "410")
    brandt = next(a for a in stored(case_path).alternatives if a.id == "a-brandt")
    assert brandt.unit_price_low == 410.0
    assert document.undo_stack.count() == steps + 1
    assert document.analysis.their_walk_away is not None
    document.undo_stack.undo()
    brandt = next(a for a in stored(case_path).alternatives if a.id == "a-brandt")
    assert brandt.unit_price_low is None
    assert not theirs.setData(theirs.index(row, column), "500")  # above the unit price
    brandt = next(a for a in stored(case_path).alternatives if a.id == "a-brandt")
    assert brandt.unit_price_low is None
