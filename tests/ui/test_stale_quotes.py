"""Issue 13 #7 in the app: the proposal's words that quote a figure which has changed since
they were written are flagged on the Proposal tab (terms, statement, talking points written by
hand), the bookkeeping rides in the edit's own undo step, and Export Proposal asks before it
prints them (cancel, or print anyway)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.domain import edits
from desktop_app.domain.model import Case, TalkingPoint
from desktop_app.ui.shell import export_pdf
from desktop_app.ui.shell.export_pdf import ExportOptions
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs.proposal_tab import STATEMENT, ProposalTab
from tests.ui.conftest import DialogScript, stored

TIMEOUT_MS = 60_000
OLD_PRICE_WORDS = "Our price of EUR 455.00 per unit holds for the first year."


def _tab(window: MainWindow) -> ProposalTab:
    tab = next(t for t in window.tabs if isinstance(t, ProposalTab))
    window.tab_widget.setCurrentWidget(tab)
    return tab


def _document(window: MainWindow) -> CaseDocument:
    assert window.document is not None
    return window.document


def _with_price(case: Case, price: float) -> Case:
    scenario = case.proposal_scenario
    assert scenario is not None
    return edits.replace_entity(case, replace(scenario, unit_price=price))


def _type_statement(tab: ProposalTab, text: str) -> None:
    editor = tab.statement_form.widgets["statement"]
    assert isinstance(editor, QPlainTextEdit)
    editor.setFocus()
    editor.setPlainText(text)
    assert tab.statement_form.commit(STATEMENT)


def test_a_statement_quoting_the_old_price_is_flagged_when_the_price_moves(
    window: MainWindow, case_path: Path
) -> None:
    tab = _tab(window)
    document = _document(window)
    steps = document.undo_stack.count()
    _type_statement(tab, OLD_PRICE_WORDS)
    # One edit, one undo step; the file keeps the figures the words were written against.
    assert document.undo_stack.count() == steps + 1
    basis = stored(case_path).proposal.statement_basis
    assert basis is not None and "unit_price=455.0" in basis
    assert tab.quotes_box.isHidden()  # written against today's price: nothing to say

    assert document.change(_with_price(document.case, 462.0), "Price 462") is None
    assert not tab.quotes_box.isHidden()
    words = tab.quotes_label.text()
    assert "The statement says “EUR 455.00” but the proposal's price is now EUR 462.00." in words

    # Undo the price: the flag goes; undo the edit: the statement and its basis go together.
    document.undo_stack.undo()
    assert tab.quotes_box.isHidden()
    document.undo_stack.undo()
    assert stored(case_path).proposal.statement != OLD_PRICE_WORDS
    assert stored(case_path).proposal.statement_basis is None


def test_rewriting_the_words_or_keeping_them_clears_the_flag_in_one_step(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = _tab(window)
    document = _document(window)
    _type_statement(tab, OLD_PRICE_WORDS)
    assert document.change(_with_price(document.case, 462.0), "Price 462") is None
    assert not tab.quotes_box.isHidden()

    steps = document.undo_stack.count()
    qtbot.mouseClick(tab.quotes_button, Qt.MouseButton.LeftButton)
    assert tab.quotes_box.isHidden()
    assert document.undo_stack.count() == steps + 1
    assert stored(case_path).proposal.statement == OLD_PRICE_WORDS  # the words are kept
    assert "unit_price=462.0" in (stored(case_path).proposal.statement_basis or "")
    document.undo_stack.undo()
    assert not tab.quotes_box.isHidden()

    _type_statement(tab, "Our price of EUR 462.00 per unit holds for the first year.")
    assert tab.quotes_box.isHidden()


def test_a_term_and_a_talking_point_written_by_hand_are_flagged_too(window: MainWindow) -> None:
    tab = _tab(window)
    document = _document(window)
    model = tab.terms_model
    assert model.setData(model.index(2, 1), "Payment 45 days net from the invoice")
    case = document.case
    point = TalkingPoint(None, "We keep our EUR 455.00 even if they order more.")
    proposal = replace(case.proposal, talking_points=(*case.proposal.talking_points, point))
    assert document.change(replace(case, proposal=proposal), "Add a point") is None
    assert tab.quotes_box.isHidden()

    scenario = document.case.proposal_scenario
    assert scenario is not None
    moved = replace(scenario, unit_price=470.0, payment_days=60)
    assert document.change(edits.replace_entity(document.case, moved), "New terms") is None
    words = tab.quotes_label.text()
    assert "The term “Payment” says “45 days” but the proposal's payment days is now 60 days" in (
        words
    )
    assert "A general talking point says “EUR 455.00” but the proposal's price is now" in words
    # The sample's own "Price" term was imported (no basis): the guess sees its EUR 455,
    # close to the new price and no figure of the case any more.
    assert "The term “Price” says “EUR 455”, close to the proposal's price (EUR 470.00)" in words
    assert "⚠ 3 figures in the proposal's words are out of date." in words


def _export_options(target: Path) -> ExportOptions:
    return ExportOptions(
        path=target, kind="proposal", paper="a4", password=None, open_when_done=False
    )


def test_export_proposal_asks_before_printing_a_stale_term(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any, dialog_script: DialogScript
) -> None:
    """The issue's case: a term says "EUR 46.50 …", the price moves to 51.20; Export Proposal
    names the term and the figures, and prints only when told to."""
    document = _document(window)
    scenario = document.case.proposal_scenario
    assert scenario is not None
    term = replace(scenario.terms[0], value="EUR 46.50 per unit in the first year")
    cheap = replace(scenario, unit_price=46.5, terms=(term, *scenario.terms[1:]))
    assert document.change(edits.replace_entity(document.case, cheap), "Price 46.50") is None
    assert document.change(_with_price(document.case, 51.2), "Price 51.20") is None
    target = tmp_path / "proposal.pdf"
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: _export_options(target))

    dialog_script.answer(False)  # Cancel
    window.act_proposal.trigger()
    assert not window.exporter.busy and not target.exists()
    (asked,) = dialog_script.questions
    assert "The term “Price” says “EUR 46.50” but the proposal's price is now EUR 51.20." in asked

    dialog_script.answer(True)  # Print anyway
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        window.act_proposal.trigger()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "EUR 51.20" in text and "EUR 46.50 per unit" in text  # printed as it stands
    assert len(dialog_script.questions) == 2


def test_a_current_proposal_exports_without_a_question(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any, dialog_script: DialogScript
) -> None:
    target = tmp_path / "proposal.pdf"
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: _export_options(target))
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        window.act_proposal.trigger()
    assert target.exists() and dialog_script.questions == []
