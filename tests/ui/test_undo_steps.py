"""One user action = one undo step, on every editing path, and undo restores exactly what was
stored before it — also once the analysis the action started has arrived (an analysis never
writes to the file: the generated talking points are derived when shown)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.alternatives_tab import AlternativesTab
from desktop_app.ui.tabs.case_tab import CaseInfoTab
from desktop_app.ui.tabs.margin_tab import MarginTab
from desktop_app.ui.tabs.parties_tab import PartiesTab
from desktop_app.ui.tabs.proposal_tab import ProposalTab
from desktop_app.ui.tabs.risk_tab import RiskTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, stored

EDIT = Qt.ItemDataRole.EditRole


def _tab(window: MainWindow, cls: type[Any]) -> Any:
    for index in range(window.tab_widget.count()):
        window.build_tab(index)
    tab = next(t for t in window.tabs if isinstance(t, cls))
    window.tab_widget.setCurrentWidget(tab)
    return tab


def _cell(window: MainWindow) -> bool:
    model = _tab(window, RiskTab).model
    column = next(i for i, c in enumerate(model.columns) if c.field == "probability")
    return bool(model.setData(model.index(0, column), "35 %", EDIT))


def _add_row(window: MainWindow) -> bool:
    return _tab(window, RiskTab).model.add_row() is not None


def _delete_rows(window: MainWindow) -> bool:
    return bool(_tab(window, RiskTab).model.delete_rows([0, 1]))


def _move_row(window: MainWindow) -> bool:
    return _tab(window, RiskTab).model.move_row(0, 1) is not None


def _paste_rows(window: MainWindow) -> bool:
    model = _tab(window, PartiesTab).parties_model
    added, reason = model.paste_tsv("Ms Jones\ttheirs\tbuyer\t3\t+1 favourable\n")
    return added == 1 and reason is None


def _form_field(window: MainWindow) -> bool:
    who, _settings = _tab(window, CaseInfoTab).forms
    field = who.widgets["client"]
    assert isinstance(field, QLineEdit)
    field.setText("Another client")
    return bool(who.commit(next(c for c in who.columns if c.field == "client")))


def _setting(window: MainWindow) -> bool:
    _who, settings = _tab(window, CaseInfoTab).forms
    field = settings.widgets["min_margin_pct"]
    assert isinstance(field, QLineEdit)
    field.setText("12 %")
    return bool(settings.commit(next(c for c in settings.columns if c.field == "min_margin_pct")))


def _score(window: MainWindow) -> bool:
    model = _tab(window, AlternativesTab).matrix.model
    return bool(model.setData(model.index(0, 0), "3", EDIT))


def _score_paste(window: MainWindow) -> bool:
    model = _tab(window, AlternativesTab).matrix.model
    count, reason = model.paste_block("4\t5\n", 0, 0)
    return count == 2 and reason is None


def _override(window: MainWindow) -> bool:
    model = _tab(window, RiskTab).overrides.model
    return bool(model.setData(model.index(0, 1), "20 %", EDIT))


def _interest(window: MainWindow) -> bool:
    model = _tab(window, ProposalTab).interests_model
    return bool(model.set_addressed(0, False))


def _talking_point(window: MainWindow) -> bool:
    model = _tab(window, ProposalTab).points.model
    return bool(model.setData(model.index(0, 2), "Ask them for their PPAP plan.", EDIT))


def _scenario_price(window: MainWindow) -> bool:
    model = _tab(window, MarginTab).scenario_model
    column = next(i for i, c in enumerate(model.columns) if c.field == "unit_price")
    return bool(model.setData(model.index(1, column), "460", EDIT))


PATHS: dict[str, Callable[[MainWindow], bool]] = {
    "a table cell": _cell,
    "a new row": _add_row,
    "rows deleted": _delete_rows,
    "a row moved": _move_row,
    "rows pasted": _paste_rows,
    "a form field": _form_field,
    "an analysis setting": _setting,
    "a score": _score,
    "scores pasted": _score_paste,
    "a risk override": _override,
    "an interest addressed": _interest,
    "a talking point": _talking_point,
    "a scenario's price": _scenario_price,
}


@pytest.mark.parametrize("path", list(PATHS))
def test_one_action_is_one_undo_step(
    window: MainWindow, case_path: Any, qtbot: Any, path: str
) -> None:
    document = window.document
    assert isinstance(document, CaseDocument)
    before, count = stored(case_path), document.undo_stack.count()
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert PATHS[path](window), f"{path}: the action was refused"
    # The analysis the action started has arrived: still exactly one step, nothing else stored.
    assert document.undo_stack.count() == count + 1
    after = stored(case_path)
    assert after != before
    document.undo_stack.undo()
    assert stored(case_path) == before
    document.undo_stack.redo()
    assert stored(case_path) == after
