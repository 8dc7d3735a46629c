"""The Proposal tab: terms, interests addressed, the fair price and gauge, the statement and
the talking points — every edit stored at once, refused with its reason, undoable; generated
points follow the numbers, edited ones are kept and flagged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.analysis import analyze_case
from desktop_app.analysis.talking_points import generate_talking_points
from desktop_app.analysis.wording import FAIR_PRICE_MEANING
from desktop_app.domain import edits
from desktop_app.domain.model import Case, blank_case
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.proposal_tab import CLOSING_WORDS, STATEMENT, ProposalTab
from desktop_app.ui.widgets.fairness_gauge import VERDICTS
from tests.analysis.deal_reference import price_on_proposal_terms
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, stored

CHECK = Qt.ItemDataRole.CheckStateRole
EDIT = Qt.ItemDataRole.EditRole


def proposal_tab(window: MainWindow) -> ProposalTab:
    tab = next(t for t in window.tabs if isinstance(t, ProposalTab))
    window.tab_widget.setCurrentWidget(tab)
    return tab


def doc(window: MainWindow) -> CaseDocument:
    assert window.document is not None
    return window.document


def change_and_wait(document: CaseDocument, case: Case, text: str, qtbot: Any) -> None:
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert document.change(case, text) is None


def with_alternative(case: Case, alt_id: str, **fields: Any) -> Case:
    alternative = next(a for a in case.alternatives if a.id == alt_id)
    return edits.replace_entity(case, replace(alternative, **fields))


# --- terms -------------------------------------------------------------------------------------


def test_a_term_edit_lands_in_the_file_and_undo_redo_restore_it(
    window: MainWindow, case_path: Path
) -> None:
    tab = proposal_tab(window)
    model = tab.terms_model
    value = model.index(2, 1)
    before = model.data(value, EDIT)
    assert before == "45 days net"
    assert model.setData(value, "60 days net, because Ελλάδα & <b>")
    assert stored(case_path).proposal_scenario.terms[2].value == "60 days net, because Ελλάδα & <b>"
    document = doc(window)
    document.undo_stack.undo()
    assert model.data(value, EDIT) == before
    assert stored(case_path).proposal_scenario.terms[2].value == before
    document.undo_stack.redo()
    assert model.data(value, Qt.ItemDataRole.DisplayRole) == "60 days net, because Ελλάδα & <b>"
    assert stored(case_path).proposal_scenario.terms[2].value.startswith("60 days")


def test_an_invalid_term_is_refused_with_its_reason_and_nothing_stored(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    model = proposal_tab(window).terms_model
    before = stored(case_path)
    with qtbot.waitSignal(doc(window).edit_refused, timeout=1000) as refused:
        assert not model.setData(model.index(0, 2), "x" * 10_001)
    assert "at most 10,000" in refused.args[0]
    assert stored(case_path) == before
    assert model.data(model.index(0, 2), EDIT) == before.proposal_scenario.terms[0].rationale


def test_terms_pasted_from_a_spreadsheet_are_added(window: MainWindow, case_path: Path) -> None:
    tab = proposal_tab(window)
    rows = tab.terms_model.rowCount()
    tsv = (
        "Term\tWhat we offer\tWhy it is fair\n"
        "Warranty\t5 years, 日本 parts included\tLonger than their current supplier gives\n"
        "IP\tDesign stays ours\tThey pay for parts, not for our know-how\n"
    )
    added, reason = tab.terms_editor.view.paste_rows(tsv)
    assert (added, reason) == (2, None)
    terms = stored(case_path).proposal_scenario.terms
    assert len(terms) == rows + 2
    assert terms[-2].name == "Warranty" and terms[-2].value == "5 years, 日本 parts included"
    assert terms[-1].rationale == "They pay for parts, not for our know-how"
    doc(window).undo_stack.undo()
    assert len(stored(case_path).proposal_scenario.terms) == rows


# --- interests addressed -----------------------------------------------------------------------


def test_ticking_an_interest_lands_in_the_file_and_undo_restores_it(
    window: MainWindow, case_path: Path
) -> None:
    tab = proposal_tab(window)
    model = tab.interests_model
    row = next(r for r in range(model.rowCount()) if model.interest_id(r) == "i-theirs-terms")
    index = model.index(row, 0)
    assert model.data(index, CHECK) == Qt.CheckState.Unchecked
    assert "5 of 6" in tab.interests_summary.text()
    assert model.setData(index, Qt.CheckState.Checked, CHECK)
    assert "i-theirs-terms" in stored(case_path).proposal.addresses_interests
    assert model.data(index, CHECK) == Qt.CheckState.Checked
    assert "6 of 6" in tab.interests_summary.text()
    document = doc(window)
    assert document.undo_stack.undoText().startswith("Address interest")
    document.undo_stack.undo()
    assert "i-theirs-terms" not in stored(case_path).proposal.addresses_interests
    assert model.data(index, CHECK) == Qt.CheckState.Unchecked
    document.undo_stack.redo()
    assert "i-theirs-terms" in stored(case_path).proposal.addresses_interests


def test_a_long_list_of_parties_without_an_interest_met_is_cut_short(
    window: MainWindow, qtbot: Any
) -> None:
    from desktop_app.domain.model import Interest, Party

    tab = proposal_tab(window)
    document = doc(window)
    extra = tuple(
        Party(
            id=f"p-extra-{n}",
            name=f"Buyer {n}",
            side="theirs",
            interests=(Interest(id=f"i-extra-{n}", text="A lower price"),),
        )
        for n in range(1, 8)
    )
    case = replace(document.case, parties=document.case.parties + extra)
    change_and_wait(document, case, "Add buyers", qtbot)
    text = tab.interests_summary.text()
    # Four named, the other three counted; every one of the seven in the tooltip.
    assert "Buyer 1, Buyer 2, Buyer 3, Buyer 4 and 3 more parties" in text
    assert "Buyer 5" not in text
    assert all(f"Buyer {n}" in tab.interests_summary.toolTip() for n in range(1, 8))


def test_unticking_every_interest_of_a_party_names_it(window: MainWindow, case_path: Path) -> None:
    tab = proposal_tab(window)
    model = tab.interests_model
    for row in range(model.rowCount()):
        if model.interest_id(row) in ("i-theirs-norequal", "i-theirs-facelift"):
            assert model.setData(model.index(row, 0), Qt.CheckState.Unchecked, CHECK)
    assert "Dr. Hiroshi Tanaka" in tab.interests_summary.text()
    addressed = stored(case_path).proposal.addresses_interests
    assert "i-theirs-norequal" not in addressed and "i-theirs-facelift" not in addressed


# --- statement ---------------------------------------------------------------------------------


def test_the_statement_edit_lands_in_the_file(window: MainWindow, case_path: Path) -> None:
    tab = proposal_tab(window)
    editor = tab.statement_form.widgets["statement"]
    assert isinstance(editor, QPlainTextEdit)
    editor.setFocus()
    editor.setPlainText("Zwei Zeilen,\nbitte prüfen Sie sie gegen alle Alternativen.")
    assert tab.statement_form.commit(STATEMENT)
    assert stored(case_path).proposal.statement == (
        "Zwei Zeilen,\nbitte prüfen Sie sie gegen alle Alternativen."
    )
    doc(window).undo_stack.undo()
    assert stored(case_path).proposal.statement == sample_case().proposal.statement
    tab.statement_form.setFocus()
    assert editor.toPlainText() == sample_case().proposal.statement


def test_an_empty_statement_offers_the_closing_words(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = proposal_tab(window)
    document = doc(window)
    assert tab.closing_row.isHidden()
    case = document.case
    assert (
        document.change(replace(case, proposal=replace(case.proposal, statement="")), "Clear")
        is None
    )
    assert not tab.closing_row.isHidden()
    qtbot.mouseClick(tab.closing_button, Qt.MouseButton.LeftButton)
    assert stored(case_path).proposal.statement == CLOSING_WORDS
    assert tab.closing_row.isHidden()
    assert document.undo_stack.undoText() == "Use the method's closing words"


def test_a_too_long_statement_is_refused_with_its_reason(
    window: MainWindow, case_path: Path
) -> None:
    form = proposal_tab(window).statement_form
    editor = form.widgets["statement"]
    assert isinstance(editor, QPlainTextEdit)
    editor.setPlainText("y" * 10_001)
    assert not form.commit(STATEMENT)
    assert "at most 10,000" in form.reason.text() and not form.reason.isHidden()
    assert stored(case_path).proposal.statement == sample_case().proposal.statement


# --- price and fairness ------------------------------------------------------------------------


def test_the_fair_price_and_gauge_follow_an_edit(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = proposal_tab(window)
    panel = tab.price_panel
    document = doc(window)
    before = analyze_case(stored(case_path)).zopa
    assert panel.values["fair"].text() == format_money(before.fair_price, "EUR", 2)
    assert VERDICTS[before.verdict][1] in panel.verdict.text()
    # Their money BATNA (dual sourcing) gets cheaper: their walk-away and the fair price drop.
    change_and_wait(
        document, with_alternative(document.case, "a-dual", unit_price=430.0), "Edit", qtbot
    )
    after = analyze_case(stored(case_path)).zopa
    assert after.their_walk_away < before.their_walk_away
    # By hand: their walk-away = min T_a as a price on our proposal's terms (SPEC §8); the
    # fair price is the middle of the zone.
    case = stored(case_path)
    proposal = case.proposal_scenario
    q = proposal.annual_volume * proposal.years
    t_dual = 430.0 * q + 4_200_000 + 0.3 * 9_000_000
    theirs = price_on_proposal_terms(case, t_dual)
    assert after.their_walk_away == pytest.approx(theirs, rel=1e-7)
    fair = (after.our_walk_away + theirs) / 2
    assert panel.values["fair"].text() == format_money(fair, "EUR", 2)
    assert panel.values["theirs"].text() == format_money(theirs, "EUR", 2)
    share = (455.0 - after.our_walk_away) / (theirs - after.our_walk_away)
    assert panel.values["share"].text() == f"{100 * share:.1f} %"
    assert VERDICTS[after.verdict][1] in panel.verdict.text()
    assert panel.gauge.zopa == after
    assert "zone of possible agreement" in panel.gauge.toolTip()


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"verdict": "no_zopa", "exists": False, "their_walk_away": 400.0, "width": -17.74},
        {"verdict": "unknown", "their_walk_away": None, "exists": None, "fair_price": None},
        {"verdict": "above_their_walk_away", "proposal_price": 520.0, "our_share": 1.5},
        {"verdict": "below_our_walk_away", "proposal_price": 300.0, "our_share": -1.0},
    ],
)
def test_the_gauge_paints_every_verdict(window: MainWindow, changes: dict[str, Any]) -> None:
    panel = proposal_tab(window).price_panel
    analysis = doc(window).analysis
    zopa = replace(analysis.zopa, **changes)
    panel.show_figures(replace(analysis, zopa=zopa), "EUR", ["Give them a price."])
    assert not panel.gauge.grab().isNull()
    words = VERDICTS[zopa.verdict][1]
    assert words in panel.verdict.text() and words in panel.gauge.toolTip()


# --- talking points ----------------------------------------------------------------------------


@pytest.fixture
def no_points_window(window: MainWindow, qtbot: Any) -> Iterator[MainWindow]:
    """The sample with its hand-written talking points removed, analysed."""
    document = doc(window)
    case = document.case
    change_and_wait(
        document,
        replace(case, proposal=replace(case.proposal, talking_points=())),
        "Remove talking points",
        qtbot,
    )
    yield window


def test_every_counterpart_alternative_has_a_generated_point_that_is_never_stored(
    no_points_window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = proposal_tab(no_points_window)
    document = doc(no_points_window)
    model = tab.points.model
    case = stored(case_path)
    expected = generate_talking_points(case, analyze_case(case))
    assert model.rowCount() == 5 and tab.points.empty_label.isHidden()
    shown = [model.item(r) for r in range(model.rowCount())]
    assert [p.alternative_id for p in shown] == [a.id for a in case.alternatives_of("theirs")]
    assert all(p.text == expected[p.alternative_id] for p in shown)
    assert model.data(model.index(0, 0)) == "Switch to Brandt Mobility Systems"
    assert model.data(model.index(0, 1)) == "as generated"
    assert "about EUR 508 per unit" in model.data(model.index(0, 2))
    # Derived when shown: nothing is written, and an analysis arriving adds no undo step.
    count = document.undo_stack.count()
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        document.reanalyse()
    assert stored(case_path).proposal.talking_points == ()
    assert document.undo_stack.count() == count


def test_an_edited_point_is_kept_and_flagged_when_its_numbers_change(
    no_points_window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = proposal_tab(no_points_window)
    document = doc(no_points_window)
    model = tab.points.model
    generated_before = model.generated["a-brandt"]
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert model.setData(model.index(0, 2), "Brandt has never built this part. Ask them.")
    assert document.undo_stack.undoText() == "Edit talking point text"
    assert model.data(model.index(0, 1)) == "edited"
    (brandt,) = stored(case_path).proposal.talking_points  # only the consultant's words
    assert brandt.alternative_id == "a-brandt" and brandt.basis == generated_before
    # The numbers under the Brandt point change.
    change_and_wait(
        document,
        with_alternative(document.case, "a-brandt", switching_cost=2_000_000.0),
        "E",
        qtbot,
    )
    (brandt,) = stored(case_path).proposal.talking_points
    assert brandt.text == "Brandt has never built this part. Ask them."
    assert model.data(model.index(0, 1)) == "⚠ numbers changed"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    new_text = model.generated["a-brandt"]
    assert "EUR 2M to switch" in new_text and new_text != brandt.basis
    assert new_text in model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert not tab.points.flag_label.isHidden()
    # "Keep mine" accepts the new numbers under the consultant's words: the flag clears.
    tab.points.editor.view.select_row(0)
    assert tab.points.keep_mine_button.isEnabled()
    tab.points.keep_mine_button.click()
    (brandt,) = stored(case_path).proposal.talking_points
    assert brandt.text == "Brandt has never built this part. Ask them."
    assert brandt.basis == new_text
    assert model.data(model.index(0, 1)) == "edited"
    assert tab.points.flag_label.isHidden()
    # Numbers move again; this time "Use the new text": back to the generated point.
    change_and_wait(
        document, with_alternative(document.case, "a-brandt", feasibility=0.4), "E", qtbot
    )
    assert model.data(model.index(0, 1)) == "⚠ numbers changed"
    tab.points.editor.view.select_row(0)
    tab.points.use_new_button.click()
    assert stored(case_path).proposal.talking_points == ()
    brandt_row = next(
        r for r in range(model.rowCount()) if model.item(r).alternative_id == "a-brandt"
    )
    assert "only 40 % likely" in model.item(brandt_row).text
    assert model.data(model.index(brandt_row, 1)) == "as generated"


def test_a_generated_point_follows_the_numbers_in_the_same_undo_step(
    no_points_window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = proposal_tab(no_points_window)
    document = doc(no_points_window)
    model = tab.points.model
    before = model.item(1).text
    count = document.undo_stack.count()
    change_and_wait(
        document,
        with_alternative(document.case, "a-inhouse", switching_cost=20_000_000.0),
        "Edit in-house switching cost",
        qtbot,
    )
    # One action, one undo step: the point follows without a step of its own.
    assert document.undo_stack.count() == count + 1
    assert document.undo_stack.undoText() == "Edit in-house switching cost"
    case = stored(case_path)
    assert case.proposal.talking_points == ()
    inhouse = model.item(1)
    assert inhouse.text == generate_talking_points(case, analyze_case(case))["a-inhouse"]
    assert "EUR 20M to switch" in inhouse.text and inhouse.text != before
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        document.undo_stack.undo()
    assert model.item(1).text == before


def test_a_general_point_can_be_added_and_is_never_touched(
    window: MainWindow, case_path: Path
) -> None:
    tab = proposal_tab(window)
    model = tab.points.model
    rows = model.rowCount()
    assert model.add_row() == rows
    assert model.setData(model.index(rows, 2), "Ask what the Asian copy costs after freight.")
    point = stored(case_path).proposal.talking_points[rows]
    assert point.alternative_id is None and point.basis is None
    assert model.data(model.index(rows, 0)) == "General point"
    assert model.data(model.index(rows, 1)) == "by hand"
    # Attach it to an alternative through the choice column.
    assert model.setData(model.index(rows, 0), "a-lowcost")
    assert stored(case_path).proposal.talking_points[rows].alternative_id == "a-lowcost"
    assert model.data(model.index(rows, 0)) == "Low-cost supplier in Asia"


def test_talking_points_pasted_from_a_spreadsheet(window: MainWindow, case_path: Path) -> None:
    tab = proposal_tab(window)
    rows = tab.points.model.rowCount()
    added, reason = tab.points.editor.view.paste_rows(
        "Switch to Brandt Mobility Systems\t\tBrandt: ask for their PPAP plan.\n"
        "General point\t\tWe have never stopped their line.\n"
    )
    assert (added, reason) == (2, None)
    points = stored(case_path).proposal.talking_points
    assert points[rows].alternative_id == "a-brandt" and points[rows].basis is None
    assert points[rows + 1].alternative_id is None
    assert points[rows + 1].text == "We have never stopped their line."


# --- read-only and incomplete cases ------------------------------------------------------------


def open_tab(path: Path, qtbot: Any, *, read_only: bool = False) -> tuple[ProposalTab, Any]:
    document = CaseDocument(CaseFile.open(path, read_only=read_only))
    tab = ProposalTab(document)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        document.start()
    return tab, document


def test_a_read_only_case_offers_nothing_editable(case_path: Path, qtbot: Any) -> None:
    tab, document = open_tab(case_path, qtbot, read_only=True)
    try:
        assert document.read_only
        interests = tab.interests_model
        assert not interests.flags(interests.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
        terms = tab.terms_model
        assert not terms.flags(terms.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
        points = tab.points.model
        assert not points.flags(points.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
        assert not tab.terms_editor.add_button.isEnabled()
        assert not tab.statement_form.widgets["statement"].isEnabled()
        assert tab.closing_row.isHidden()
        assert tab.price_panel.values["fair"].text() != "—"
    finally:
        document.close()


def test_a_blank_case_says_what_is_missing(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "blank.leverage"
    write_new_case(path, blank_case())
    tab, document = open_tab(path, qtbot)
    try:
        tab.show()
        assert "No counterpart interests" in tab.interests_summary.text()
        assert "Alternatives tab" in tab.points.empty_label.text()
        assert not tab.points.empty_label.isHidden()
        assert not tab.terms_empty.isHidden()
        assert not tab.closing_row.isHidden()
        assert "Unknown" in tab.price_panel.verdict.text()
        assert "To do:" in tab.price_panel.verdict.text()
        assert tab.price_panel.values["fair"].text() == "—"
        assert not tab.price_panel.gauge.grab().isNull()
    finally:
        document.close()


def test_without_a_proposal_scenario_the_tab_says_so(tmp_path: Path, qtbot: Any) -> None:
    case = sample_case()
    case = replace(case, scenarios=tuple(s for s in case.scenarios if s.role != "our_proposal"))
    path = tmp_path / "no-proposal.leverage"
    write_new_case(path, case)
    tab, document = open_tab(path, qtbot)
    try:
        assert tab.terms_stack.currentWidget() is tab.no_proposal_page
        assert "no proposal scenario" in tab.no_proposal_label.text()
        assert not tab.terms_model.writable and tab.terms_model.rowCount() == 0
        assert not tab.terms_editor.add_button.isEnabled()
        tab.terms_model.add_row()
        assert stored(path).scenarios == case.scenarios, "nothing to add terms to"
    finally:
        document.close()


def test_the_fair_price_is_said_to_be_the_middle_of_the_zone(window: MainWindow) -> None:
    panel = proposal_tab(window).price_panel
    assert panel.fair_meaning.text() == FAIR_PRICE_MEANING
    assert not panel.fair_meaning.isHidden()
    assert FAIR_PRICE_MEANING in panel.values["fair"].toolTip()
    assert FAIR_PRICE_MEANING in panel.toolTip()
    assert FAIR_PRICE_MEANING in panel.gauge.toolTip()
    assert FAIR_PRICE_MEANING in ProposalTab.tooltip
