"""The Case tab: the case's fields (stored at once, refused with a reason, undoable) and the
dashboard, which follows every edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit

from desktop_app.analysis import analyze_case
from desktop_app.ui.columns import format_money
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.tabs.case_tab import CaseInfoTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, stored


def case_tab(window: MainWindow) -> CaseInfoTab:
    tab = window.tabs[0]
    assert isinstance(tab, CaseInfoTab)
    return tab


def type_into(widget: QLineEdit, text: str, qtbot: Any) -> None:
    """Replace the field's text and press Enter (QTest cannot type non-ASCII keys)."""
    widget.setFocus()
    widget.setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_field_edit_lands_in_the_file_and_undo_redo_restore_it(
    window: MainWindow, case_path: Any, qtbot: Any
) -> None:
    who, _settings = case_tab(window).forms
    client = who.widgets["client"]
    assert isinstance(client, QLineEdit)
    type_into(client, "Kessler & Söhne <GmbH>", qtbot)
    assert stored(case_path).info.client == "Kessler & Söhne <GmbH>"
    document = window.document
    assert document is not None
    document.undo_stack.undo()
    assert stored(case_path).info.client == "Kessler Präzisionstechnik GmbH"
    assert client.text() == "Kessler Präzisionstechnik GmbH"
    document.undo_stack.redo()
    assert stored(case_path).info.client == "Kessler & Söhne <GmbH>"
    assert client.text() == "Kessler & Söhne <GmbH>"


def test_an_invalid_value_is_refused_with_its_reason_and_nothing_stored(
    window: MainWindow, case_path: Any, qtbot: Any
) -> None:
    _who, settings = case_tab(window).forms
    currency = settings.widgets["currency"]
    assert isinstance(currency, QLineEdit)
    before = stored(case_path)
    type_into(currency, "euro", qtbot)
    assert "ISO 4217" in settings.reason.text()
    assert not settings.reason.isHidden()
    assert stored(case_path) == before
    assert currency.text() == "euro", "the typed value stays for the consultant to correct"
    type_into(currency, "USD", qtbot)
    assert settings.reason.isHidden()
    assert stored(case_path).info.currency == "USD"


def test_an_empty_title_is_refused(window: MainWindow, case_path: Any, qtbot: Any) -> None:
    who, _settings = case_tab(window).forms
    title = who.widgets["title"]
    assert isinstance(title, QLineEdit)
    before = stored(case_path).info.title
    type_into(title, "   ", qtbot)
    assert "required" in who.reason.text()
    assert stored(case_path).info.title == before


def test_the_dashboard_follows_an_edit(window: MainWindow, case_path: Any, qtbot: Any) -> None:
    tab = case_tab(window)
    document = window.document
    assert document is not None
    cell = tab.dashboard.cells[("proposal", "walk_away_price")]
    before = cell.text()
    _who, settings = tab.forms
    margin = settings.widgets["min_margin_pct"]
    assert isinstance(margin, QDoubleSpinBox)
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        margin.setValue(15.0)
        margin.editingFinished.emit()
    case = stored(case_path)
    assert case.info.min_margin_pct == 15.0
    expected = analyze_case(case).scenario("s-proposal")
    assert expected is not None and expected.walk_away_price is not None
    assert cell.text() == format_money(expected.walk_away_price, "EUR", 2)
    assert cell.text() != before
    # A higher minimum margin can only raise our walk-away.
    assert float(cell.text().split()[0].replace(",", "")) > float(
        before.split()[0].replace(",", "")
    )


def test_the_dashboard_shows_the_verdict_and_readiness(window: MainWindow) -> None:
    dashboard = case_tab(window).dashboard
    assert dashboard.verdict.text() == "Our proposal: Fair"
    assert "they need this deal more" in dashboard.leverage.text()
    assert dashboard.readiness_bar.value() == 100
    assert "Delay" in dashboard.batna.text()


def test_text_being_typed_survives_a_refresh_and_is_saved_on_leaving(
    window: MainWindow, case_path: Any, qtbot: Any
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QPlainTextEdit

    who, _settings = case_tab(window).forms
    notes = who.widgets["notes"]
    assert isinstance(notes, QPlainTextEdit)
    window.activateWindow()
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus, timeout=2_000)
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, " Typed before lunch.")
    document = window.document
    assert document is not None
    case = document.case
    document.change(replace(case, info=replace(case.info, consultant="Someone")), "Edit x")
    assert notes.toPlainText().endswith(" Typed before lunch.")
    who.widgets["client"].setFocus()
    qtbot.waitUntil(lambda: not notes.hasFocus(), timeout=2_000)
    assert stored(case_path).info.notes.endswith(" Typed before lunch.")
