"""The Alternatives tab: criteria, alternatives and the score matrix edited in place, stored at
once, undoable; the figures (effective prices, values, BATNAs) follow every edit."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.analysis import analyze_case
from desktop_app.domain.model import blank_case
from desktop_app.store import CaseFile, write_new_case
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.alternatives_tab import AlternativesTab
from tests.analysis.deal_reference import price_on_proposal_terms
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, charts_drawn, stored

EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def tab(window: MainWindow) -> AlternativesTab:
    found = next(t for t in window.tabs if isinstance(t, AlternativesTab))
    window.tab_widget.setCurrentWidget(found)
    return found


def cell(model: Any, row: int, field: str) -> Any:
    return model.index(row, next(i for i, c in enumerate(model.columns) if c.field == field))


def find(case: Any, key: str, ident: str) -> Any:
    return next((e for e in getattr(case, key) if e.id == ident), None)


def effective_price(case: Any, alternative: Any) -> float:
    """SPEC §2 and §8 by hand: T = unit_price·Q + switching + (1 − p)·failure, as a first-year
    price on our proposal's terms (``price_on_proposal_terms``)."""
    proposal = case.proposal_scenario
    q = proposal.annual_volume * proposal.years
    total = (
        alternative.unit_price * q
        + alternative.switching_cost
        + (1 - alternative.feasibility) * alternative.failure_cost
    )
    return price_on_proposal_terms(case, total)


def test_an_edit_of_their_alternative_lands_in_the_file_and_moves_their_walk_away(
    tab: AlternativesTab, case_path: Path, qtbot: Any
) -> None:
    model = tab.their_model
    row = model.row_of("a-dual")
    assert row is not None
    with qtbot.waitSignal(tab.document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert model.setData(cell(model, row, "unit_price"), "440")
    case = stored(case_path)
    dual = find(case, "alternatives", "a-dual")
    assert dual.unit_price == 440.0
    expected = effective_price(case, dual)
    shown = cell(model, row, "effective_price").data(EDIT)
    assert math.isclose(shown, expected, rel_tol=1e-7)
    assert cell(model, row, "effective_price").data(DISPLAY) == format_money(expected, "EUR", 2)
    walk_away = min(
        effective_price(case, a) for a in case.alternatives_of("theirs") if a.unit_price is not None
    )
    assert math.isclose(walk_away, expected)  # now the cheapest: their money BATNA
    label = tab.summary.values["their_walk_away"].text()
    assert label == f"{format_money(walk_away, 'EUR', 2)} per unit"
    assert "Dual-source" in tab.summary.details["their_walk_away"].text()
    assert model.data(cell(model, row, "name"), Qt.ItemDataRole.FontRole).bold()


def test_an_empty_unit_price_means_not_price_based(tab: AlternativesTab, case_path: Path) -> None:
    model = tab.their_model
    row = model.row_of("a-inhouse")
    assert row is not None
    assert model.setData(cell(model, row, "unit_price"), "")
    assert find(stored(case_path), "alternatives", "a-inhouse").unit_price is None


def test_invalid_entries_are_refused_with_their_reason_and_nothing_stored(
    tab: AlternativesTab, case_path: Path, qtbot: Any
) -> None:
    model, document = tab.their_model, tab.document
    row = model.row_of("a-brandt")
    assert row is not None
    before = stored(case_path)
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(cell(model, row, "feasibility"), "150 %")
    assert refused.args[0] == "Feasibility: 150 % is above 100 %"  # in the unit shown
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(cell(model, row, "switching_cost"), "-5")
    assert refused.args[0] == "Switching cost: −5 is below 0"
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(cell(model, row, "failure_cost"), "a lot")
    assert refused.args[0].startswith("Failure cost:") and "not a number" in refused.args[0]

    matrix = tab.matrix.model
    brandt, cost = matrix.row_of("a-brandt"), matrix.column_of("c-t-cost")
    assert brandt is not None and cost is not None
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not matrix.setData(matrix.index(brandt, cost), "12")
    assert refused.args[0] == (
        "Score of “Switch to Brandt Mobility Systems” on “Total cost of ownership”: "
        "12 is not between 0 and 10"
    )
    assert stored(case_path) == before
    assert cell(model, row, "feasibility").data(DISPLAY) == "55 %"
    assert matrix.index(brandt, cost).data(DISPLAY) == "5"


def test_undo_and_redo_of_a_weight_restore_the_screen_and_the_file(
    tab: AlternativesTab, case_path: Path
) -> None:
    model, stack = tab.their_criteria_model, tab.document.undo_stack
    row = model.row_of("c-t-cost")
    assert row is not None
    assert cell(model, row, "share").data(DISPLAY) == "35.0 %"
    assert model.setData(cell(model, row, "weight"), "65")
    assert find(stored(case_path), "criteria", "c-t-cost").weight == 65.0
    assert cell(model, row, "share").data(DISPLAY) == "50.0 %"  # 65 of 130
    stack.undo()
    assert find(stored(case_path), "criteria", "c-t-cost").weight == 35.0
    assert cell(model, row, "share").data(DISPLAY) == "35.0 %"
    stack.redo()
    assert find(stored(case_path), "criteria", "c-t-cost").weight == 65.0
    assert cell(model, row, "weight").data(DISPLAY) == "65.0"


def test_a_score_lands_in_the_file_and_the_value_follows(
    tab: AlternativesTab, case_path: Path, qtbot: Any
) -> None:
    matrix = tab.matrix.model
    row, column = matrix.row_of("a-lowcost"), matrix.column_of("c-t-quality")
    assert row is not None and column is not None
    with qtbot.waitSignal(tab.document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert matrix.setData(matrix.index(row, column), "7.5")
    case = stored(case_path)
    low = find(case, "alternatives", "a-lowcost")
    assert low.scores["c-t-quality"] == 7.5
    criteria = case.criteria_of("theirs")
    total = sum(c.weight for c in criteria)
    value = 100 * sum(c.weight / total * low.scores.get(c.id, 0) / 10 for c in criteria)
    assert matrix.index(row, matrix.value_column).data(DISPLAY) == f"{value:.1f}"
    ev = low.feasibility * value
    assert matrix.index(row, matrix.value_column + 1).data(DISPLAY) == f"{ev:.1f}"
    their_ev = tab.their_model.row_of("a-lowcost")
    assert their_ev is not None
    assert math.isclose(cell(tab.their_model, their_ev, "expected_value").data(EDIT), ev)

    # Clearing the cell removes the score; undo brings it back.
    assert matrix.setData(matrix.index(row, column), "")
    assert "c-t-quality" not in find(stored(case_path), "alternatives", "a-lowcost").scores
    assert matrix.index(row, column).data(DISPLAY) == ""
    tab.document.undo_stack.undo()
    assert find(stored(case_path), "alternatives", "a-lowcost").scores["c-t-quality"] == 7.5
    assert matrix.index(row, column).data(DISPLAY) == "7.5"


def test_scenarios_are_scored_on_both_sides(tab: AlternativesTab, case_path: Path) -> None:
    matrix = tab.matrix.model
    assert matrix.rowCount() == 5 + 3 and matrix.columnCount() == 5 + 2
    tab.matrix.set_side("ours")
    assert tab.matrix.ours.isChecked()
    assert matrix.rowCount() == 2 + 3 and matrix.columnCount() == 4 + 2
    row, column = matrix.row_of("s-proposal"), matrix.column_of("c-o-risk")
    assert row is not None and column is not None
    assert matrix.setData(matrix.index(row, column), 6)
    assert find(stored(case_path), "scenarios", "s-proposal").scores["c-o-risk"] == 6.0


def test_moving_or_deleting_a_criterion_drops_its_scores_and_undo_restores_them(
    tab: AlternativesTab, case_path: Path
) -> None:
    model, stack = tab.their_criteria_model, tab.document.undo_stack
    row = model.row_of("c-t-supply")
    assert row is not None
    original = stored(case_path)
    dual_score = find(original, "alternatives", "a-dual").scores["c-t-supply"]
    proposal_score = find(original, "scenarios", "s-proposal").scores["c-t-supply"]
    assert model.setData(cell(model, row, "side"), "ours")
    moved = stored(case_path)
    assert find(moved, "criteria", "c-t-supply").side == "ours"
    assert all("c-t-supply" not in a.scores for a in moved.alternatives)
    assert tab.our_criteria_model.row_of("c-t-supply") is not None
    assert tab.matrix.model.column_of("c-t-supply") is None
    stack.undo()
    assert stored(case_path) == original
    assert tab.matrix.model.column_of("c-t-supply") is not None

    assert model.delete_rows([row])
    gone = stored(case_path)
    assert find(gone, "criteria", "c-t-supply") is None
    assert all("c-t-supply" not in e.scores for e in (*gone.alternatives, *gone.scenarios))
    stack.undo()
    back = stored(case_path)
    assert find(back, "scenarios", "s-proposal").scores["c-t-supply"] == proposal_score
    assert find(back, "alternatives", "a-dual").scores["c-t-supply"] == dual_score
    assert back == original


def test_new_rows_get_unique_ids_and_the_side_of_their_table(
    tab: AlternativesTab, case_path: Path
) -> None:
    assert tab.our_model.add_row() is not None
    assert tab.their_criteria_model.add_row() is not None
    case = stored(case_path)
    new_alternative = case.alternatives[-1]
    assert new_alternative.side == "ours" and new_alternative.id == "alternative-1"
    assert new_alternative.unit_price is None
    new_criterion = case.criteria_of("theirs")[-1]
    assert new_criterion.id == "criterion-1" and new_criterion.weight == 1.0
    assert tab.matrix.model.column_of("criterion-1") is not None


def test_spreadsheet_rows_paste_into_their_alternatives(
    tab: AlternativesTab, case_path: Path
) -> None:
    text = (
        "Tier-2 supplier in Mexico\t40 %\t415\t6000000\t20000000\t\t\tCheap labour\t"
        "No know-how | Long qualification\tA contract manufacturer\n"
        "Redesign the car without adaptive damping\t0.1\t\t30,000,000\t0\n"
    )
    added, reason = tab.their_alternatives.view.paste_rows(text)
    assert (added, reason) == (2, None)
    mexico, redesign = stored(case_path).alternatives_of("theirs")[-2:]
    assert (mexico.name, mexico.feasibility, mexico.unit_price) == (
        "Tier-2 supplier in Mexico",
        0.4,
        415.0,
    )
    assert mexico.cons == ("No know-how", "Long qualification")
    assert mexico.pros == ("Cheap labour",) and mexico.side == "theirs"
    assert redesign.unit_price is None and redesign.switching_cost == 30_000_000.0
    assert mexico.id != redesign.id


def test_a_block_of_scores_pastes_in_one_step(tab: AlternativesTab, case_path: Path) -> None:
    matrix = tab.matrix.model
    top = matrix.row_of("a-brandt")
    assert top is not None
    tab.matrix.view.setCurrentIndex(matrix.index(top, 0))
    before = stored(case_path)
    count, reason = tab.matrix.paste("1\t2\n3\t\n")
    assert (count, reason) == (4, None)
    case = stored(case_path)
    brandt, inhouse = (
        find(case, "alternatives", "a-brandt"),
        find(case, "alternatives", "a-inhouse"),
    )
    assert (brandt.scores["c-t-cost"], brandt.scores["c-t-quality"]) == (1.0, 2.0)
    assert inhouse.scores["c-t-cost"] == 3.0 and "c-t-quality" not in inhouse.scores
    tab.document.undo_stack.undo()
    assert stored(case_path) == before

    count, reason = tab.matrix.paste("4\t11\n")
    assert count == 0 and reason is not None and "11 is not between 0 and 10" in reason


def test_the_charts_are_redrawn_after_an_edit(
    window: MainWindow, tab: AlternativesTab, qtbot: Any
) -> None:
    window.load_charts()
    tab.sections.setCurrentIndex(1)
    charts_drawn(qtbot, tab.charts)
    drawn = tab.money_chart.draw_count
    assert drawn >= 1 and tab.value_chart.draw_count >= 1
    assert tab.money_chart.last_render is not None
    assert "Wait and see" not in tab.money_chart.last_render.texts
    row = tab.their_model.row_of("a-delay")
    assert row is not None
    with qtbot.waitSignal(tab.document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert tab.their_model.setData(cell(tab.their_model, row, "name"), "Wait and see")
    charts_drawn(qtbot, tab.charts)
    assert tab.money_chart.draw_count > drawn
    assert "Wait and see" in tab.money_chart.last_render.texts


def test_a_read_only_case_cannot_be_edited(tmp_path: Path, qtbot: Any) -> None:
    from desktop_app.store.sample import sample_case

    path = tmp_path / "ro.leverage"
    write_new_case(path, sample_case())
    document = CaseDocument(CaseFile.open(path, read_only=True))
    try:
        tab = AlternativesTab(document)
        qtbot.addWidget(tab)
        matrix = tab.matrix.model
        assert not matrix.flags(matrix.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not tab.their_model.flags(tab.their_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not tab.their_alternatives.add_button.isEnabled()
        assert not matrix.setData(matrix.index(0, 0), "3")
        assert tab.matrix.paste("3\n")[0] == 0
    finally:
        document.close()


def test_a_blank_case_says_what_is_missing(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "blank.leverage"
    write_new_case(path, blank_case())
    document = CaseDocument(CaseFile.open(path))
    try:
        tab = AlternativesTab(document)
        qtbot.addWidget(tab)
        with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
            document.start()
        assert tab.matrix.model.rowCount() == 1 and tab.matrix.model.columnCount() == 0
        assert "add their criteria" in tab.matrix.empty.text()
        assert tab.summary.values["their_walk_away"].text() == "—"
        expected = analyze_case(document.case).value.theirs.reason
        assert expected and tab.summary.details["their_value_batna"].text().lower() == expected
    finally:
        document.close()


def test_delete_clears_the_selected_scores_and_copy_gives_the_block(
    tab: AlternativesTab, case_path: Path, qtbot: Any
) -> None:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    matrix, view = tab.matrix.model, tab.matrix.view
    row, cost = matrix.row_of("s-demand"), matrix.column_of("c-t-cost")
    assert row is not None and cost is not None
    block = QItemSelection(matrix.index(row, cost), matrix.index(row, cost + 1))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    demand = find(stored(case_path), "scenarios", "s-demand")
    expected = f"{demand.scores['c-t-cost']:g}\t{demand.scores['c-t-quality']:g}\n"
    assert tab.matrix.copy() == expected
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    scores = find(stored(case_path), "scenarios", "s-demand").scores
    assert "c-t-cost" not in scores and "c-t-quality" not in scores
    assert matrix.index(row, cost).data(DISPLAY) == ""
    tab.document.undo_stack.undo()
    assert find(stored(case_path), "scenarios", "s-demand") == demand
