"""Entry (issue 12), through the real widgets: what a consultant types into a cell editor or a
form field, or pastes from a spreadsheet, is stored as meant or refused in words that say what
was understood — never silently rescaled — and a row can be typed in any order."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tabs.alternatives_tab import AlternativesTab
from desktop_app.ui.tabs.case_tab import CaseInfoTab
from desktop_app.ui.tabs.margin_tab import MarginTab
from desktop_app.ui.tabs.parties_tab import PartiesTab
from desktop_app.ui.tabs.risk_tab import RiskTab
from tests.ui.conftest import stored

T = TypeVar("T")


def show(window: MainWindow, cls: type[T]) -> T:
    tab = next(t for t in window.tabs if isinstance(t, cls))
    window.show_tab(window.tabs.index(tab))
    return tab


def cell(model: Any, row: int, field: str) -> QModelIndex:
    return model.index(row, next(i for i, c in enumerate(model.columns) if c.field == field))


def type_in_cell(view: Any, index: QModelIndex, text: str, qtbot: Any) -> QLineEdit:
    """Open the cell's editor, type over what it shows, press Enter."""
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit), f"a line edit takes what the parser takes: {editor}"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    assert editor.text() == text, "every key reached the editor"
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event turn
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2_000)
    return editor


def by_id(items: Any, ident: str) -> Any:
    return next(e for e in items if e.id == ident)


# -- numbers in cells -------------------------------------------------------------------------


def test_a_switching_cost_typed_as_1_2m_is_stored_as_1_2_million(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    """It was stored as EUR 1.20: the spin box dropped the "M"."""
    tab = show(window, AlternativesTab)
    model, view = tab.their_model, tab.their_alternatives.view
    row = model.row_of("a-brandt")
    assert row is not None
    type_in_cell(view, cell(model, row, "switching_cost"), "1.2M", qtbot)
    assert by_id(stored(case_path).alternatives, "a-brandt").switching_cost == 1_200_000
    assert cell(model, row, "switching_cost").data() == "1,200,000 EUR"
    # The editor starts from the value in a form it reads back as it is.
    view.edit(cell(model, row, "switching_cost"))
    editor = view.indexWidget(cell(model, row, "switching_cost"))
    assert isinstance(editor, QLineEdit) and editor.text() == "1,200,000"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(cell(model, row, "switching_cost")) is None)
    assert by_id(stored(case_path).alternatives, "a-brandt").switching_cost == 1_200_000


def test_typing_on_a_selected_cell_types_over_it(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    """Keyboard only, as in a spreadsheet: the first key opens the editor and replaces what
    the cell held."""
    tab = show(window, AlternativesTab)
    model, view = tab.their_model, tab.their_alternatives.view
    row = model.row_of("a-brandt")
    assert row is not None
    index = cell(model, row, "switching_cost")
    window.activateWindow()
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, "1")
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit) and editor.text() == "1"
    qtbot.keyClicks(editor, ".2M")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2_000)
    assert by_id(stored(case_path).alternatives, "a-brandt").switching_cost == 1_200_000


@pytest.mark.parametrize(
    ("cls", "where", "field", "typed", "expected"),
    [
        (AlternativesTab, ("their", "a-dual"), "failure_cost", "1,2 Mio", 1_200_000),
        (AlternativesTab, ("their", "a-dual"), "unit_price", "EUR 455", 455),
        (AlternativesTab, ("their", "a-dual"), "feasibility", "0.55", 0.55),
        (MarginTab, ("scenarios", "s-bridge"), "annual_volume", "250k", 250_000),
        (MarginTab, ("scenarios", "s-bridge"), "annual_price_change_pct", "-2.5 %", -2.5),
        (MarginTab, ("costs", "k-tooling"), "amount", "1 234,5", 1234.5),
        (RiskTab, ("risks", "r-fx"), "probability", "12 %", 0.12),
        (PartiesTab, ("parties", "p-buyer"), "influence", "5", 5),
    ],
)
def test_a_cell_takes_what_a_spreadsheet_takes(
    window: MainWindow,
    case_path: Path,
    qtbot: Any,
    cls: type[Any],
    where: tuple[str, str],
    field: str,
    typed: str,
    expected: float,
) -> None:
    tab = show(window, cls)
    which, ident = where
    model, view, key = {
        "their": lambda: (tab.their_model, tab.their_alternatives.view, "alternatives"),
        "scenarios": lambda: (tab.scenario_model, tab.scenarios.view, "scenarios"),
        "costs": lambda: (tab.cost_model, tab.cost_lines.view, "cost_lines"),
        "risks": lambda: (tab.model, tab.register.view, "risks"),
        "parties": lambda: (tab.parties_model, tab.parties.view, "parties"),
    }[which]()
    row = model.row_of(ident)
    assert row is not None
    type_in_cell(view, cell(model, row, field), typed, qtbot)
    assert getattr(by_id(getattr(stored(case_path), key), ident), field) == pytest.approx(
        expected, rel=1e-12
    )


def test_a_probability_of_170_is_refused_saying_what_was_understood(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    """It was stored as 17 % (or clamped): now refused in the unit shown; 55 is 55 %."""
    tab = show(window, RiskTab)
    assert window.document is not None
    model, view = tab.model, tab.register.view
    row = model.row_of("r-fx")
    assert row is not None
    before = stored(case_path)
    with qtbot.waitSignal(window.document.edit_refused) as refused:
        type_in_cell(view, cell(model, row, "probability"), "170", qtbot)
    assert refused.args[0] == "Probability: 170 is 170 %, above 100 %"
    assert tab.notice.text() == "Not saved: Probability: 170 is 170 %, above 100 %"
    assert "170 is 170 %, above 100 %" in window.statusBar().currentMessage()
    assert stored(case_path) == before
    assert cell(model, row, "probability").data() == "30 %"

    type_in_cell(view, cell(model, row, "probability"), "55", qtbot)
    assert by_id(stored(case_path).risks, "r-fx").probability == 0.55
    assert tab.notice.isHidden()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12abc", "Switching cost: '12abc' is not a number"),
        ("abc12", "Switching cost: 'abc12' is not a number"),
        ("1.2.3", "Switching cost: '1.2.3' is not a number"),
        ("-5", "Switching cost: −5 is below 0"),
        ("USD 5", "Switching cost: 'USD 5' is in USD; the case's amounts are in EUR"),
    ],
)
def test_garbage_in_a_cell_is_refused_with_the_text_quoted(
    window: MainWindow, case_path: Path, qtbot: Any, typed: str, message: str
) -> None:
    tab = show(window, AlternativesTab)
    assert window.document is not None
    model, view = tab.their_model, tab.their_alternatives.view
    row = model.row_of("a-brandt")
    assert row is not None
    before = stored(case_path)
    with qtbot.waitSignal(window.document.edit_refused) as refused:
        type_in_cell(view, cell(model, row, "switching_cost"), typed, qtbot)
    assert refused.args[0] == message
    assert stored(case_path) == before


# -- a risk typed left to right ---------------------------------------------------------------


def test_a_new_risk_is_typed_left_to_right_and_the_others_follow_announced(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    """On a new risk (all impacts 0) Impact low = 100,000 was refused, naming Impact likely, and
    lost. Now likely and high follow it, the status line says so, and each typed value is one
    undo step."""
    tab = show(window, RiskTab)
    document = window.document
    assert document is not None
    model, view = tab.model, tab.register.view
    row = model.add_row()
    assert row is not None
    ident = model.entity(row).id
    steps = document.undo_stack.count()

    with qtbot.waitSignal(document.saved) as saved:
        type_in_cell(view, cell(model, row, "impact_low"), "100,000", qtbot)
    announced = "Impact likely and Impact high raised to 100,000 to keep low ≤ likely ≤ high"
    assert announced in saved.args[0]
    assert announced in window.statusBar().currentMessage()
    risk = by_id(stored(case_path).risks, ident)
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (1e5, 1e5, 1e5)

    with qtbot.waitSignal(document.saved) as saved:
        type_in_cell(view, cell(model, row, "impact_likely"), "250k", qtbot)
    assert "Impact high raised to 250,000 to keep low ≤ likely ≤ high" in saved.args[0]
    with qtbot.waitSignal(document.saved) as saved:
        type_in_cell(view, cell(model, row, "impact_high"), "1.2M", qtbot)
    assert "raised" not in saved.args[0] and "lowered" not in saved.args[0]
    risk = by_id(stored(case_path).risks, ident)
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (1e5, 2.5e5, 1.2e6)
    assert document.undo_stack.count() == steps + 3

    document.undo_stack.undo()  # high
    document.undo_stack.undo()  # likely, and the high it raised
    risk = by_id(stored(case_path).risks, ident)
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (1e5, 1e5, 1e5)
    document.undo_stack.undo()  # low, and the likely and high it raised: one step
    risk = by_id(stored(case_path).risks, ident)
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (0, 0, 0)


def test_typed_right_to_left_the_lower_ones_follow_down(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = show(window, RiskTab)
    model, view = tab.model, tab.register.view
    row = model.row_of("r-fx")  # 50,000 / 180,000 / 600,000
    assert row is not None and window.document is not None
    with qtbot.waitSignal(window.document.saved) as saved:
        type_in_cell(view, cell(model, row, "impact_high"), "40k", qtbot)
    assert "Impact low and Impact likely lowered to 40,000" in saved.args[0]
    risk = by_id(stored(case_path).risks, "r-fx")
    assert (risk.impact_low, risk.impact_likely, risk.impact_high) == (4e4, 4e4, 4e4)


def test_an_override_is_typed_in_its_editor_and_the_others_follow(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = show(window, RiskTab)
    panel = tab.overrides
    panel.choose("s-bridge")
    model, view = panel.model, panel.view
    row = next(i for i in range(model.rowCount()) if model.risk(i).id == "r-fx")
    assert window.document is not None
    with qtbot.waitSignal(window.document.saved) as saved:
        type_in_cell(view, model.index(row, 2), "1.2M", qtbot)  # impact low, above high 600k
    assert "Impact likely and Impact high raised to 1,200,000" in saved.args[0]
    bridge = by_id(stored(case_path).scenarios, "s-bridge")
    own = bridge.risk_overrides["r-fx"]
    assert (own.impact_low, own.impact_likely, own.impact_high) == (1.2e6, 1.2e6, 1.2e6)
    with qtbot.waitSignal(window.document.edit_refused) as refused:
        type_in_cell(view, model.index(row, 1), "170", qtbot)
    assert refused.args[0].endswith("Probability: 170 is 170 %, above 100 %")


# -- forms ------------------------------------------------------------------------------------


def type_into(widget: QLineEdit, text: str, qtbot: Any) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_case_settings_use_the_same_parser(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = show(window, CaseInfoTab)
    _who, settings = tab.forms
    runs, margin, confidence = (
        settings.widgets[name] for name in ("simulation_runs", "min_margin_pct", "risk_confidence")
    )
    assert isinstance(runs, QLineEdit) and isinstance(margin, QLineEdit)
    assert isinstance(confidence, QLineEdit)
    assert (runs.text(), margin.text(), confidence.text()) == ("20,000", "10 %", "90 %")

    type_into(runs, "50k", qtbot)
    assert stored(case_path).info.simulation_runs == 50_000
    assert runs.text() == "50,000", "the field shows what was stored"
    type_into(confidence, "95", qtbot)
    assert stored(case_path).info.risk_confidence == 0.95
    type_into(margin, "12.5 %", qtbot)
    assert stored(case_path).info.min_margin_pct == 12.5

    before = stored(case_path)
    type_into(runs, "1.5M", qtbot)
    assert settings.reason.text() == (
        "Simulation runs: 1.5M is 1,500,000, not between 1,000 and 1,000,000"
    )
    type_into(margin, "0.08", qtbot)
    assert settings.reason.text() == (
        "Minimum margin: '0.08' could be 8 % or 0.08 %: type it with the percent sign"
    )
    type_into(confidence, "99.95", qtbot)
    assert settings.reason.text().startswith("Risk confidence (α): 99.95 is 99.95 %, above 99.9 %")
    assert stored(case_path) == before


def test_one_end_of_the_fair_band_typed_past_the_other_takes_it_along(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = show(window, CaseInfoTab)
    _who, settings = tab.forms
    low, high = settings.widgets["fair_band_0"], settings.widgets["fair_band_1"]
    assert isinstance(low, QLineEdit) and isinstance(high, QLineEdit)
    assert window.document is not None
    with qtbot.waitSignal(window.document.saved) as saved:
        type_into(low, "70", qtbot)  # the high end is 60 %
    assert (
        "Fair band, high end raised to 70 % to keep the low end ≤ the high end" in (saved.args[0])
    )
    assert stored(case_path).info.fair_band == (0.7, 0.7)
    assert high.text() == "70 %" and settings.reason.isHidden()
    type_into(high, "0.3", qtbot)
    assert stored(case_path).info.fair_band == (0.3, 0.3)


# -- paste and copy ---------------------------------------------------------------------------


def paste(view: Any, text: str) -> tuple[int, str | None]:
    """Through the real clipboard, as Ctrl+V does."""
    QGuiApplication.clipboard().setText(text)
    result: tuple[int, str | None] = view.paste_rows()
    return result


def test_rows_pasted_from_excel_with_signs_labels_and_codes(
    window: MainWindow, case_path: Path
) -> None:
    """``+2`` and ``-2 hostile`` were refused; labels and codes are both taken."""
    parties = show(window, PartiesTab)
    text = (
        "Anna Kowalska\ttheirs\tQuality lead\t4\t+2\n"
        "Bundesamt\tthird party\tRegulator\t2\t-2 hostile\n"
        "Cara\tThird\tAnalyst\t3\thostile\n"
        "Dan\tours\tSales\t3\t-1\n"
    )
    assert paste(parties.parties.view, text) == (4, None)
    pasted = stored(case_path).parties[-4:]
    assert [(p.name, p.side, p.stance) for p in pasted] == [
        ("Anna Kowalska", "theirs", 2),
        ("Bundesamt", "third", -2),
        ("Cara", "third", -2),
        ("Dan", "ours", -1),
    ]

    risks = show(window, RiskTab)
    text = (
        "Recall\tQuality\t5 %\tper contract\t100k\t250k\t1.2M\tyes\tQA\tAudit\n"
        "FX\tFinance\t0.3\tper_year\t1,234.5\t2 000\t3000\tno\tCFO\tHedge\n"
    )
    assert paste(risks.register.view, text) == (2, None)
    recall, fx = stored(case_path).risks[-2:]
    assert (recall.frequency, recall.probability) == ("per_contract", 0.05)
    assert (recall.impact_low, recall.impact_likely, recall.impact_high) == (1e5, 2.5e5, 1.2e6)
    assert (fx.frequency, fx.probability, fx.impact_low) == ("per_year", 0.3, 1234.5)

    margin = show(window, MarginTab)
    text = "Audit\tone_time\t45,000\nSpares\tPer Unit\t€3.5\n"
    assert paste(margin.cost_lines.view, text) == (2, None)
    audit, spares = stored(case_path).cost_lines[-2:]
    assert (audit.basis, audit.amount, spares.basis, spares.amount) == (
        "one_time",
        45_000,
        "per_unit",
        3.5,
    )


def test_a_pasted_cell_that_is_not_a_number_refuses_the_paste_quoting_it(
    window: MainWindow, case_path: Path
) -> None:
    tab = show(window, RiskTab)
    before = stored(case_path)
    added, reason = paste(tab.register.view, "Recall\tQuality\t5 %\tper contract\t12abc\n")
    assert added == 0 and reason == "line 1, Impact low: '12abc' is not a number"
    assert stored(case_path) == before


def select_rows(view: Any, rows: list[int]) -> None:
    view.clearSelection()
    selection = view.selectionModel()
    for row in rows:
        index = view.model().index(row, 0)
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)


@pytest.mark.parametrize(
    ("cls", "editor", "model", "key"),
    [
        (PartiesTab, "parties", "parties_model", "parties"),
        (RiskTab, "register", "model", "risks"),
        (MarginTab, "cost_lines", "cost_model", "cost_lines"),
        (MarginTab, "scenarios", "scenario_model", "scenarios"),
        (AlternativesTab, "their_alternatives", "their_model", "alternatives"),
    ],
)
def test_copy_writes_labels_and_a_copy_pasted_back_gives_the_same_rows(
    window: MainWindow, case_path: Path, cls: type[Any], editor: str, model: str, key: str
) -> None:
    tab = show(window, cls)
    view, table = getattr(tab, editor).view, getattr(tab, model)
    # Their demand and our proposal are one of a kind: of the scenarios, the others are copied.
    rows = [
        r for r in range(table.rowCount()) if key != "scenarios" or table.entity(r).role == "other"
    ]
    originals = [table.entity(r) for r in rows]
    select_rows(view, rows)
    copied = view.copy_rows()
    assert copied is not None and QGuiApplication.clipboard().text() == copied
    for code in ("per_contract", "per_year", "per_unit", "one_time", "our_proposal", "\tthird\t"):
        assert code not in copied, f"an internal code on the clipboard: {code}"
    select_rows(view, [])
    view.setCurrentIndex(QModelIndex())
    added, reason = view.paste_rows()
    assert (added, reason) == (len(rows), None)
    shown = [table.entity(r) for r in range(table.rowCount())][-len(rows) :]
    pasted = [by_id(getattr(stored(case_path), key), e.id) for e in shown]
    assert not {e.id for e in pasted} & {e.id for e in originals}
    for old, new in zip(originals, pasted, strict=True):
        for column in table.columns:
            if column.editable:
                assert column.value(new) == column.value(old), (column.field, old.id)


def test_copied_labels_are_those_a_spreadsheet_user_knows(window: MainWindow) -> None:
    parties = show(window, PartiesTab)
    row = parties.parties_model.row_of("p-brandt")
    assert row is not None
    text = parties.parties_model.rows_as_tsv([row])
    cells = text.splitlines()[1].split("\t")
    assert (cells[1], cells[3], cells[4]) == ("third party", "2", "−2 hostile")
    risks = show(window, RiskTab)
    row = risks.model.row_of("r-recall")
    assert row is not None
    cells = risks.model.rows_as_tsv([row]).splitlines()[1].split("\t")
    assert cells[2:7] == ["6%", "once per contract", "1500000", "6000000", "30000000"]
