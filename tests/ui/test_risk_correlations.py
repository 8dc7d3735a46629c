"""Correlated risks on the Risk tab (SPEC §9): adding, changing and removing a pair, each one
undoable step stored in the file; the form says what is wrong with a pair before Add (and
disables it), naming the pairs that cannot hold together; a deleted risk takes its pairs
along in the same step; the heat map ties correlated risks together."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop_app.domain.model import Correlation
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.risk_correlations import GUIDE, CorrelationsPanel
from desktop_app.ui.tabs.risk_tab import RiskTab
from tests.ui.conftest import analysed_tab as shared_analysed_tab
from tests.ui.conftest import charts_drawn, stored

RECALL, STOPPAGE, CYBER = "r-recall", "r-stoppage", "r-cyber"


@pytest.fixture
def tab(document: CaseDocument, qtbot: Any) -> RiskTab:
    tab: RiskTab = shared_analysed_tab(RiskTab, document, qtbot)
    return tab


def choose(panel: CorrelationsPanel, risk_a: str, risk_b: str, rho: float) -> str | None:
    """Pick a pair in the form as a consultant does; the problem it shows live (None: Add is
    enabled)."""
    panel.risk_a.setCurrentIndex(panel.risk_a.findData(risk_a))
    panel.risk_b.setCurrentIndex(panel.risk_b.findData(risk_b))
    panel.rho.setValue(rho)
    return None if panel.add_button.isEnabled() else panel.problem.text()


def test_adding_a_pair_stores_it_and_undo_takes_it_back(
    tab: RiskTab, document: CaseDocument, case_path: Path
) -> None:
    panel = tab.correlations
    assert panel.model.rowCount() == 0
    assert choose(panel, RECALL, STOPPAGE, 0.6) is None
    assert panel.add_button.isEnabled()
    panel.add_button.click()
    assert stored(case_path).correlations == (Correlation(RECALL, STOPPAGE, 0.6),)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data().startswith("Field recall")
    assert panel.model.index(0, 2).data() == "0.60"
    assert document.undo_stack.undoText() == (
        "Add correlation Field recall caused by a controller defect–"
        "Line-stoppage penalty after a late delivery 0.60"
    )
    document.undo_stack.undo()  # Ctrl+Z
    assert stored(case_path).correlations == ()
    assert panel.model.rowCount() == 0
    document.undo_stack.redo()
    assert stored(case_path).correlations == (Correlation(RECALL, STOPPAGE, 0.6),)


def test_the_form_moves_on_to_a_risk_not_yet_tied(tab: RiskTab) -> None:
    panel = tab.correlations
    choose(panel, RECALL, STOPPAGE, 0.5)
    panel.add_button.click()
    assert panel.risk_b.currentData() not in (RECALL, STOPPAGE)
    assert panel.problem.text() == GUIDE and panel.add_button.isEnabled()


def test_typing_a_new_correlation_is_one_undoable_step(
    tab: RiskTab, document: CaseDocument, case_path: Path
) -> None:
    panel = tab.correlations
    choose(panel, RECALL, STOPPAGE, 0.5)
    assert panel.add_pair()
    cell = panel.model.index(0, 2)
    assert panel.model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert panel.model.setData(cell, "−0.35")
    assert stored(case_path).correlations == (Correlation(RECALL, STOPPAGE, -0.35),)
    assert cell.data() == "−0.35"
    assert document.undo_stack.undoText().startswith("Edit correlation of Field recall")
    document.undo_stack.undo()
    assert stored(case_path).correlations == (Correlation(RECALL, STOPPAGE, 0.5),)
    assert cell.data() == "0.50"


def test_a_correlation_out_of_range_is_refused_with_its_reason(
    tab: RiskTab, document: CaseDocument, case_path: Path, qtbot: Any
) -> None:
    panel = tab.correlations
    choose(panel, RECALL, STOPPAGE, 0.5)
    assert panel.add_pair()
    steps = document.undo_stack.count()
    with qtbot.waitSignal(document.edit_refused, timeout=1_000) as refused:
        assert not panel.model.setData(panel.model.index(0, 2), "1.2")
    assert "between −0.95 and 0.95" in refused.args[0]
    with qtbot.waitSignal(document.edit_refused, timeout=1_000) as refused:
        assert not panel.model.setData(panel.model.index(0, 2), "a lot")
    assert "not a number" in refused.args[0]
    assert stored(case_path).correlations == (Correlation(RECALL, STOPPAGE, 0.5),)
    assert document.undo_stack.count() == steps


def test_removing_the_selected_pair_is_undoable(
    tab: RiskTab, document: CaseDocument, case_path: Path
) -> None:
    panel = tab.correlations
    for risk_b, rho in ((STOPPAGE, 0.5), (CYBER, 0.3)):
        choose(panel, RECALL, risk_b, rho)
        assert panel.add_pair()
    assert not panel.remove_button.isEnabled() or panel.view.selectionModel().hasSelection()
    panel.view.selectionModel().clearSelection()
    assert not panel.remove_button.isEnabled()
    panel.view.selectionModel().select(
        panel.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert panel.remove_button.isEnabled()
    panel.remove_button.click()
    assert stored(case_path).correlations == (Correlation(RECALL, CYBER, 0.3),)
    assert panel.model.rowCount() == 1
    assert document.undo_stack.undoText().startswith("Remove correlation of Field recall")
    document.undo_stack.undo()
    assert stored(case_path).correlations == (
        Correlation(RECALL, STOPPAGE, 0.5),
        Correlation(RECALL, CYBER, 0.3),
    )


def test_the_form_says_live_what_is_wrong_and_adds_nothing(
    tab: RiskTab, document: CaseDocument, case_path: Path
) -> None:
    panel = tab.correlations
    assert choose(panel, RECALL, STOPPAGE, 0.5) is None
    assert panel.problem.text() == GUIDE  # nothing wrong: what to do
    problem = choose(panel, RECALL, RECALL, 0.5)
    assert problem is not None and "two different risks" in problem
    assert not panel.add_button.isEnabled()
    assert choose(panel, RECALL, STOPPAGE, 0.6) is None
    assert panel.add_pair()
    problem = choose(panel, STOPPAGE, RECALL, 0.2)  # the same pair the other way round
    assert problem is not None and "already have a correlation (0.60)" in problem
    assert not panel.add_button.isEnabled()
    assert choose(panel, STOPPAGE, CYBER, 0.6) is None
    assert panel.add_pair()
    steps = document.undo_stack.count()
    # recall–stoppage 0.6, stoppage–cyber 0.6, recall–cyber −0.6 cannot all hold.
    problem = choose(panel, RECALL, CYBER, -0.6)
    assert problem is not None
    assert problem.startswith("These pairs cannot hold together: ")
    assert "Field recall caused by a controller defect–Line-stoppage penalty" in problem
    assert "Line-stoppage penalty after a late delivery–Software-update obligation" in problem
    assert "Field recall caused by a controller defect–Software-update obligation" in problem
    assert "delivery 0.60, " in problem and "finding −0.60 (" in problem
    assert "not positive semi-definite" in problem
    assert panel.problem.text() == problem and panel.problem.isVisibleTo(panel)
    assert not panel.add_button.isEnabled()
    assert not panel.add_pair()  # Enter on the form does nothing either
    assert len(stored(case_path).correlations) == 2
    assert document.undo_stack.count() == steps
    # A weaker pair holds: the message goes and Add comes back.
    assert choose(panel, RECALL, CYBER, 0.5) is None
    assert panel.add_button.isEnabled()


def test_a_deleted_risk_takes_its_pairs_along_in_one_step(
    tab: RiskTab, document: CaseDocument, case_path: Path, qtbot: Any
) -> None:
    panel = tab.correlations
    for risk_a, risk_b, rho in (
        (RECALL, STOPPAGE, 0.5),
        (STOPPAGE, CYBER, 0.4),
        ("r-fx", "r-chips", 0.3),
    ):
        choose(panel, risk_a, risk_b, rho)
        assert panel.add_pair()
    row = tab.model.row_of(STOPPAGE)
    assert row is not None
    with qtbot.waitSignal(document.saved, timeout=1_000) as saved:
        assert tab.model.delete_rows([row])
    assert "2 correlations between risks went with it" in saved.args[0]
    case = stored(case_path)
    assert STOPPAGE not in {r.id for r in case.risks}
    assert case.correlations == (Correlation("r-fx", "r-chips", 0.3),)
    assert panel.model.rowCount() == 1
    assert panel.risk_a.findData(STOPPAGE) == -1
    document.undo_stack.undo()  # one step brings the risk and its pairs back
    case = stored(case_path)
    assert STOPPAGE in {r.id for r in case.risks}
    assert len(case.correlations) == 3
    assert panel.model.rowCount() == 3


def test_a_read_only_case_offers_no_correlation_edits(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "tied.leverage"
    case = sample_case()
    write_new_case(path, replace(case, correlations=(Correlation(RECALL, STOPPAGE, 0.5),)))
    document = CaseDocument(CaseFile.open(path, read_only=True))
    try:
        panel = CorrelationsPanel(document)
        qtbot.addWidget(panel)
        assert panel.model.rowCount() == 1
        assert not panel.model.flags(panel.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
        assert not panel.add_button.isEnabled() and not panel.risk_a.isEnabled()
        assert "Read-only" in panel.problem.text()
    finally:
        document.close()


def test_the_heat_map_ties_the_correlated_risks(tab: RiskTab, qtbot: Any) -> None:
    panel = tab.correlations
    for risk_a, risk_b, rho in ((RECALL, "r-ip", 0.6), ("r-fx", "r-late-pay", -0.3)):
        choose(panel, risk_a, risk_b, rho)
        assert panel.add_pair()
    tab.sections.setCurrentIndex(1)
    tab.charts_enabled = True
    tab.draw_charts(force=True, again=True)
    charts_drawn(qtbot, [tab.heat_map])
    assert tab.heat_map.last_render is not None
    texts = tab.heat_map.last_render.texts
    # R1 recall – R3 IP, R6 FX – R8 late payment: a labelled line each and the key's list.
    assert texts.count("R1–R3 +0.60") == 2 and texts.count("R6–R8 −0.30") == 2
    assert "Correlated risks" in texts
