"""The Case tab: the case's fields (stored at once, refused with a reason, undoable) and the
dashboard, which follows every edit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop_app.analysis import analyze_case
from desktop_app.analysis.wording import FAIR_PRICE_MEANING, shortfall_meaning, thin_tail_warning
from desktop_app.domain.model import Criterion
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tabs.alternatives_tab import AlternativesTab
from desktop_app.ui.tabs.case_tab import SETTINGS_COLUMNS, CaseInfoTab
from desktop_app.ui.tabs.dashboard import Dashboard
from desktop_app.ui.widgets.forms import FieldForm
from desktop_app.ui.widgets.letterhead_editor import LetterheadEditor
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
    assert isinstance(margin, QLineEdit)  # typed as text, read by the field's parser
    assert margin.text() == "10 %"
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        type_into(margin, "15", qtbot)
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
    # Issue 14: every term counted, the sample's 455 takes 62.5 % of the zone.
    assert dashboard.verdict.text() == "Our proposal: Aggressive"
    # The sample's leverage index is +3.5 points: within ±10, no verdict on who needs it more.
    assert "no clear difference in need" in dashboard.leverage.text()
    assert "need this deal more" not in dashboard.leverage.text()
    readiness = window.document.analysis.readiness  # type: ignore[union-attr]
    assert [i.id for i in readiness.items if not i.passed] == ["proposal_fair"]
    assert dashboard.readiness_bar.value() == round(100 * readiness.score)
    assert "Delay" in dashboard.batna.text()


def test_text_being_typed_survives_a_refresh_and_is_saved_on_leaving(
    window: MainWindow, case_path: Any, qtbot: Any
) -> None:
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


# --- honest figures (issue 11) -------------------------------------------------------------


def change_and_wait(window: MainWindow, case: Any, qtbot: Any) -> Any:
    document = window.document
    assert document is not None
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert document.change(case, "Edit") is None
    return document.analysis


def test_the_dashboard_shows_the_expected_shortfall_with_its_monte_carlo_error(
    window: MainWindow,
) -> None:
    dashboard = case_tab(window).dashboard
    assert window.document is not None and window.document.analysis is not None
    analysis = window.document.analysis
    for side, scenario_id in (("proposal", "s-proposal"), ("demand", "s-demand")):
        scenario = analysis.scenario(scenario_id)
        assert scenario is not None
        es, se = scenario.loss.expected_shortfall, scenario.loss.expected_shortfall_se
        assert se > 0
        cell = dashboard.cells[(side, "expected_shortfall")]
        assert cell.text() == f"{es:,.0f} ± {se:,.0f} EUR"
        tip = cell.toolTip()
        # The tail average in words, at the case's confidence (90 %: the worst 10 %) …
        assert shortfall_meaning(0.9) in tip
        assert "worst 10 %" in tip
        # … and what the ± is.
        assert "Monte Carlo standard error at 20,000 runs" in tip
        assert "More runs make it smaller" in tip
    assert dashboard.row_titles["expected_shortfall"].toolTip() == tip


def test_the_dashboard_warns_when_the_risk_tail_rests_on_too_few_runs(
    window: MainWindow, qtbot: Any
) -> None:
    dashboard = case_tab(window).dashboard
    # The sample: 20,000 runs at 90 % leave 2,000 beyond the value at risk — no warning.
    assert dashboard.tail_warning.isHidden()
    assert window.document is not None
    case = window.document.case
    thin = replace(case, info=replace(case.info, simulation_runs=1_000, risk_confidence=0.95))
    analysis = change_and_wait(window, thin, qtbot)
    assert analysis.settings.tail_too_thin
    warning = dashboard.tail_warning
    assert warning.isVisibleTo(dashboard), "a visible label, not only a tooltip"
    text = warning.text().replace("\u00a0", " ")  # "95 %" kept on one line
    assert "4,000 runs" in text
    assert "at 95 %" in text
    assert thin_tail_warning(analysis.settings) in text
    assert "color:" in warning.styleSheet()
    # Readiness lists it too, with what to do.
    entries = [dashboard.todo.item(i).text() for i in range(dashboard.todo.count())]
    assert any("Enough simulation runs" in e and "4,000" in e for e in entries), entries
    # The ± follows the runs: at 1,000 runs the tooltip says so.
    tip = dashboard.cells[("proposal", "expected_shortfall")].toolTip()
    assert "at 1,000 runs" in tip and "worst 5 %" in tip
    # Back to enough runs: the warning goes.
    change_and_wait(window, replace(thin, info=replace(thin.info, simulation_runs=4_000)), qtbot)
    assert warning.isHidden()


def test_the_leverage_headline_gives_no_verdict_while_a_criterion_is_unscored(
    window: MainWindow, qtbot: Any
) -> None:
    dashboard = case_tab(window).dashboard
    assert window.document is not None
    case = window.document.case
    unscored = Criterion(id="c-new", side="theirs", name="Delivery speed", weight=1.0)
    analysis = change_and_wait(window, replace(case, criteria=(*case.criteria, unscored)), qtbot)
    missing = analysis.value.missing_scores
    assert analysis.value.leverage is None and missing > 1
    text = dashboard.leverage.text()
    assert f"incomplete: {missing} scores missing" in text
    assert "no verdict" in text
    assert "need this deal more" not in text
    assert "no clear difference" not in text
    alternatives = window.build_tab(2)  # built now if the window has not built it yet
    assert isinstance(alternatives, AlternativesTab)
    summary = alternatives.summary
    assert summary.values["leverage"].text() == "—"
    assert f"incomplete: {missing} scores missing" in summary.details["leverage"].text()


@pytest.mark.parametrize(
    ("leverage", "words"),
    [
        (3.45, "no clear difference in need"),
        (10.0, "no clear difference in need"),
        (-10.0, "no clear difference in need"),
        (10.5, "they need this deal more than we do"),
        (-25.0, "we need this deal more than they do"),
    ],
)
def test_the_leverage_headline_claims_a_difference_only_beyond_ten_points(
    window: MainWindow, leverage: float, words: str
) -> None:
    assert window.document is not None and window.document.analysis is not None
    value = replace(window.document.analysis.value, leverage=leverage)
    text = Dashboard._leverage_sentence(value)
    assert f"points: {words}." in text
    if words.startswith("no clear"):
        assert "need this deal more" not in text


def test_the_fair_price_is_said_to_be_the_middle_of_the_zone(window: MainWindow) -> None:
    tab = case_tab(window)
    assert FAIR_PRICE_MEANING in tab.dashboard.verdict_detail.text()
    assert FAIR_PRICE_MEANING in tab.zopa_chart.toolTip()


def test_the_settings_explain_the_tail_and_the_runs_it_needs() -> None:
    tips = {column.field: column.tooltip for column in SETTINGS_COLUMNS}
    confidence, runs = tips["risk_confidence"], tips["simulation_runs"]
    assert "average loss of that worst 10 %" in confidence
    assert "at least 200 beyond VaR" in confidence and "4,000 at 95 %" in confidence
    assert "±" in runs and "Monte Carlo standard error" in runs
    assert "at least 200" in runs and "20,000 at 99 %" in runs
    assert FAIR_PRICE_MEANING in tips["fair_band_0"]


def test_an_alternative_that_cannot_be_carried_out_is_said_to_be_left_out(
    window: MainWindow, qtbot: Any
) -> None:
    dashboard = case_tab(window).dashboard
    assert "Never a BATNA" not in dashboard.batna.text()
    assert window.document is not None
    case = window.document.case
    alternatives = tuple(
        replace(a, feasibility=0.0) if a.id == "a-lowcost" else a for a in case.alternatives
    )
    analysis = change_and_wait(window, replace(case, alternatives=alternatives), qtbot)
    assert "a-lowcost" in analysis.zopa.left_out
    text = dashboard.batna.text()
    assert (
        "Never a BATNA (feasibility 0, it cannot be carried out): “Low-cost supplier in Asia”"
        in text
    )


def test_the_headline_gives_prices_to_the_cent_and_a_price_outside_the_zone_in_words(
    window: MainWindow, qtbot: Any
) -> None:
    detail = case_tab(window).dashboard.verdict_detail
    document = window.document
    assert document is not None and document.analysis is not None
    zopa = document.analysis.zopa
    currency = document.case.info.currency
    for price in (zopa.our_walk_away, zopa.their_walk_away, zopa.fair_price, zopa.proposal_price):
        assert format_money(price, currency, 2) in detail.text()
    assert "of the zone" in detail.text()

    case = document.case
    proposal = case.proposal_scenario
    assert proposal is not None

    def priced(price: float) -> Any:
        scenarios = tuple(
            replace(s, unit_price=price) if s.id == proposal.id else s for s in case.scenarios
        )
        return replace(case, scenarios=scenarios)

    low = change_and_wait(window, priced(zopa.our_walk_away - 10.0), qtbot).zopa
    assert low.verdict == "below_our_walk_away" and low.our_share is not None
    assert low.our_share < 0
    text = detail.text()
    assert (
        f"below our own walk-away price of {format_money(low.our_walk_away, currency, 2)}" in text
    )
    assert "%" not in text.split("fair price")[1]  # no share of the zone below 0 %

    high = change_and_wait(window, priced(zopa.their_walk_away + 10.0), qtbot).zopa
    assert high.verdict == "above_their_walk_away"
    text = detail.text()
    assert (
        f"above their walk-away price of {format_money(high.their_walk_away, currency, 2)}" in text
    )
    assert "%" not in text.split("fair price")[1]


def _click_todo(window: MainWindow, words: str, qtbot: Any) -> None:
    todo = case_tab(window).dashboard.todo
    item = next(todo.item(i) for i in range(todo.count()) if words in todo.item(i).text())
    qtbot.mouseClick(
        todo.viewport(), Qt.MouseButton.LeftButton, pos=todo.visualItemRect(item).center()
    )


def test_a_readiness_item_takes_the_user_where_it_is_fixed(window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.tabs.risk_tab import RiskTab

    window.activateWindow()
    qtbot.waitActive(window)
    document = window.document
    assert document is not None
    case = document.case
    bare = replace(case.risks[0], mitigation="")
    change_and_wait(window, replace(case, risks=(bare, *case.risks[1:])), qtbot)
    _click_todo(window, "Every risk has a mitigation", qtbot)
    risk_tab = window.tab_widget.currentWidget()
    assert isinstance(risk_tab, RiskTab)
    assert QApplication.focusWidget() is risk_tab.register.view

    window.show_tab(0)
    thin = replace(document.case, info=replace(document.case.info, simulation_runs=1_000))
    change_and_wait(window, thin, qtbot)
    _click_todo(window, "Enough simulation runs", qtbot)
    assert window.tab_widget.currentIndex() == 0
    assert QApplication.focusWidget() is case_tab(window).forms[1].widgets["simulation_runs"]


def test_every_readiness_item_has_a_place_to_be_fixed(window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.tabs.dashboard import FIXED_IN

    window.activateWindow()
    qtbot.waitActive(window)
    assert window.document is not None and window.document.analysis is not None
    ids = [item.id for item in window.document.analysis.readiness.items]
    assert set(ids) == set(FIXED_IN)
    for ident in ids:
        class_name, part = FIXED_IN[ident]
        window.go_to(class_name, part)
        tab = window.tab_widget.currentWidget()
        assert type(tab).__name__ == class_name, ident
        widget = tab.part(part)
        assert widget is not None and widget.isVisible(), ident
        assert QApplication.focusWidget() is widget, ident


def test_the_letterheads_and_settings_are_built_when_first_shown(window: Any) -> None:
    """Not on the window's way to its first paint: the two pages of the Case tab that are not
    on screen are built when their sub-tab is clicked, with the case's values."""
    tab = case_tab(window)
    assert len(tab.findChildren(FieldForm)) == 1
    assert not tab.findChildren(LetterheadEditor)
    pages = tab._pages
    pages.setCurrentIndex(2)  # the analysis settings, as a click on its sub-tab
    forms = tab.findChildren(FieldForm)
    assert len(forms) == 2
    runs = window.document.case.info.simulation_runs
    assert forms[1].widgets["simulation_runs"].text().replace(",", "") == str(runs)
    assert forms[1].widgets["simulation_runs"].isVisible()
    pages.setCurrentIndex(1)
    assert len(tab.findChildren(LetterheadEditor)) == 2
    assert set(tab.letterheads) == {"consultancy", "client"}
    assert tab.forms[1] is forms[1]  # built once
