"""The Proposal tab (SPEC §3): the "decent and fair" proposal and how to defend it.

Top: our price against the suggested fair price and both walk-aways, with the fairness gauge.
Below, four pages: the proposal scenario's terms with their rationale and the closing
statement; the offer (to whom, our reference, how long it is open, who signs, whom to
contact); the counterpart's interests it addresses; the talking points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.analysis.quotes import StaleQuote, confirmed, stale_point_quotes, stale_quotes
from desktop_app.domain import edits
from desktop_app.domain.model import Case, Proposal, Scenario, Term
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.models.columns import Column, column_for, columns_for
from desktop_app.ui.models.entity_model import NestedListModel
from desktop_app.ui.models.interests_model import InterestsAddressedModel
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.tabs.talking_points_panel import TalkingPointsPanel
from desktop_app.ui.widgets.fairness_gauge import FairPricePanel
from desktop_app.ui.widgets.figure_page import column_splitter, sub_tabs
from desktop_app.ui.widgets.forms import FieldForm
from desktop_app.ui.widgets.row_heights import RowHeights
from desktop_app.ui.widgets.table_editor import TableEditor

CLOSING_WORDS = N_(
    "Here is a proposal that we think is decent and fair. We invite you to consider it "
    "against all your alternatives, and we feel very confident that you will conclude that "
    "this is the best deal for both of us."
)


def term_columns() -> list[Column]:
    """The columns of the proposal's terms (worded in the language in use)."""
    return list(columns_for(Term, ("name", 110), ("value", 200), "rationale"))


def statement_column() -> Column:
    return column_for(Proposal, "statement")


def offer_columns() -> list[Column]:
    """What makes the proposal a formal offer; any other field added to the proposal shows up
    here."""
    return list(
        columns_for(
            Proposal,
            "addressee",
            "reference",
            "offer_valid_until",
            "signatory",
            "contact",
            skip=("statement",),
        )
    )


#: The columns in English, as declared (the tab builds its own in the language in use).
TERM_COLUMNS = term_columns()
STATEMENT = statement_column()
OFFER_COLUMNS = offer_columns()
OFFER_HINT = N_(
    "The proposal is a formal offer from the client: it is addressed, carries our reference, "
    "the date and how long it is open, says it is subject to contract, and is signed. The "
    "client's logo and colour are set under Letterheads on the Case tab."
)

#: Stale quotes listed on the tab (the export lists them all).
SHOWN_QUOTES = 4
AMBER_LIGHT = "#FCE8C3"
QUOTES_TIP = N_(
    "A text of the proposal quotes a figure (price, volume, payment days, liability cap, "
    "yearly price change) that has changed since it was written. If the words are right as "
    "they stand, this keeps them and clears the flag; Export Proposal asks before printing "
    "words that are flagged."
)

NO_PROPOSAL = N_(
    "There is no proposal scenario yet, so there are no terms to show. Give one scenario the "
    "role “Our proposal” on the Margin tab (with its price, volume and years): its terms are "
    "listed and edited here."
)


def _proposal_terms(case: Case) -> tuple[Term, ...] | None:
    scenario = case.proposal_scenario
    return scenario.terms if scenario is not None else None


def _set_proposal_terms(case: Case, terms: tuple[Term, ...]) -> Case:
    scenario: Scenario | None = case.proposal_scenario
    if scenario is None:
        return case
    return edits.replace_entity(case, replace(scenario, terms=terms))


def _set_proposal(case: Case, proposal: Proposal) -> Case:
    return replace(case, proposal=proposal)


def _section(title: str, tip: str, *widgets: QWidget) -> QWidget:
    """A bold title over ``widgets`` (tables take the spare height), like ``TableEditor``."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{escape(title)}</b>")
    label.setToolTip(tip)
    layout.addWidget(label)
    grows = False
    for widget in widgets:
        stretch = 1 if isinstance(widget, QTableView | TableEditor | QStackedWidget) else 0
        grows = grows or bool(stretch)
        layout.addWidget(widget, stretch)
    if not grows:
        layout.addStretch(1)
    return box


#: Parties named in the interests summary before "and N more" (the tooltip has them all).
SHOWN_NAMES = 4


def _few(names: Sequence[str]) -> str:
    more = len(names) - SHOWN_NAMES
    shown = ", ".join(names[:SHOWN_NAMES])
    if more <= 0:
        return shown
    return _("{names} and {count} more parties").format(names=shown, count=more)


class ProposalTab(CaseTab):
    title = tab_entry("ProposalTab").title
    tooltip = tab_entry("ProposalTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.price_panel = FairPricePanel(self)

        # Terms of the proposal scenario (or a plain message when there is none).
        self.terms_model = NestedListModel(
            document,
            term_columns(),
            noun="term",
            plural="terms",
            new_item=lambda _case: Term(name=_("New term")),
            get_list=_proposal_terms,
            set_list=_set_proposal_terms,
        )
        self.terms_editor = TableEditor(
            _("Terms of our proposal"),
            self.terms_model,
            hint=_("The proposal scenario's contract terms, each with the reason it is fair."),
        )
        self.no_proposal_label = QLabel(_(NO_PROPOSAL))
        self.no_proposal_label.setWordWrap(True)
        self.no_proposal_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.terms_empty = QLabel(
            _(
                "No terms yet. Add the contract terms of our proposal with + (Ctrl+Insert): "
                "warranty, liability, payment, engineering support… each with why it is fair."
            )
        )
        self.terms_empty.setWordWrap(True)
        self.terms_empty.setStyleSheet("color: #566573;")
        terms_page = QWidget()
        terms_layout = QVBoxLayout(terms_page)
        terms_layout.setContentsMargins(0, 0, 0, 0)
        terms_layout.addWidget(self.terms_editor, 1)
        terms_layout.addWidget(self.terms_empty)
        self.terms_page = terms_page
        self.terms_stack = QStackedWidget()
        self.terms_stack.addWidget(terms_page)
        self.no_proposal_page = _section(
            _("Terms of our proposal"), _(NO_PROPOSAL), self.no_proposal_label
        )
        self.terms_stack.addWidget(self.no_proposal_page)

        # Interests addressed.
        self.interests_model = InterestsAddressedModel(document)
        self.interests_view = QTableView()
        self.interests_view.setModel(self.interests_model)
        self.interests_model.setParent(self.interests_view)  # goes with its view
        self.interests_view.setWordWrap(True)
        self.interests_view.setAlternatingRowColors(True)
        self.interests_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.interests_view.verticalHeader().hide()
        self.interests_rows = RowHeights(self.interests_view)
        header = self.interests_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.interests_summary = QLabel()
        self.interests_summary.setWordWrap(True)
        self.interests_summary.setTextFormat(Qt.TextFormat.RichText)

        # Statement.
        statement_column_ = statement_column()
        self.statement_form = FieldForm(
            document,
            [statement_column_],
            lambda case: case.proposal,
            _set_proposal,
            noun="proposal",
        )
        self.closing_button = QPushButton(_("Use the method's closing words"))
        self.closing_button.setToolTip(
            _("Fill in the statement with:\n“{words}”").format(words=_(CLOSING_WORDS))
        )
        self.closing_button.clicked.connect(self.use_closing_words)
        closing_row = QWidget()
        closing_layout = QHBoxLayout(closing_row)
        closing_layout.setContentsMargins(0, 0, 0, 0)
        closing_layout.addStretch(1)
        closing_layout.addWidget(self.closing_button)
        self.closing_row = closing_row

        self.points = TalkingPointsPanel(document)

        # The formal offer: to whom, our reference and the dates on the left; who signs and
        # whom to contact (and any field added to the proposal) on the right.
        offer_fields = offer_columns()
        self.offer_forms = tuple(
            FieldForm(document, columns, lambda case: case.proposal, _set_proposal, noun="offer")
            for columns in (offer_fields[:3], offer_fields[3:])
        )
        offer_hint = QLabel(_(OFFER_HINT))
        offer_hint.setWordWrap(True)
        offer_hint.setStyleSheet("color: #566573;")
        offer_columns_box = QWidget()
        offer_layout = QHBoxLayout(offer_columns_box)
        offer_layout.setContentsMargins(0, 0, 0, 0)
        offer_layout.setSpacing(18)
        for form in self.offer_forms:
            offer_layout.addWidget(form, 1, Qt.AlignmentFlag.AlignTop)
        self.offer_page = QScrollArea()
        self.offer_page.setWidgetResizable(True)
        self.offer_page.setFrameShape(QFrame.Shape.NoFrame)
        self.offer_page.setWidget(
            _section(_("The offer"), _(OFFER_HINT), offer_hint, offer_columns_box)
        )

        # Under the price panel, one page per part with the window's whole height and width:
        # the tables show their rows on a laptop screen.
        statement = _section(
            _("Closing statement"),
            statement_column_.tip,
            self.statement_form,
            self.closing_row,
        )
        interests = _section(
            _("Their interests addressed"),
            _(
                "Tick each interest of the counterpart that our proposal answers; the proposal "
                "should meet at least one interest of every counterpart party."
            ),
            self.interests_view,
            self.interests_summary,
        )
        self.sections = sub_tabs(
            [
                (
                    column_splitter([self.terms_stack, statement], [4, 1]),
                    _("Terms and statement"),
                    _("The terms of our proposal with why each is fair, and the closing words"),
                ),
                (
                    self.offer_page,
                    _("The offer"),
                    _("To whom it goes, our reference, how long it is open, who signs it"),
                ),
                (
                    interests,
                    _("Their interests addressed"),
                    _("What our proposal answers, per party"),
                ),
                (
                    self.points,
                    _("Talking points"),
                    _("What to say against each of their alternatives"),
                ),
            ]
        )
        # Words of the proposal quoting a figure that has changed since: flagged above every
        # page, with the way to say they are right as they stand.
        self.quotes_label = QLabel()
        self.quotes_label.setWordWrap(True)
        self.quotes_label.setTextFormat(Qt.TextFormat.RichText)
        self.quotes_button = QPushButton(_("The words are right"))
        self.quotes_button.setToolTip(_(QUOTES_TIP))
        self.quotes_button.clicked.connect(self.keep_words)
        self.quotes_box = QFrame()
        self.quotes_box.setStyleSheet(
            f"QFrame {{ background: {AMBER_LIGHT}; border-radius: 3px; }}"
        )
        quotes_layout = QHBoxLayout(self.quotes_box)
        quotes_layout.setContentsMargins(6, 4, 6, 4)
        quotes_layout.addWidget(self.quotes_label, 1)
        quotes_layout.addWidget(self.quotes_button, 0, Qt.AlignmentFlag.AlignTop)
        self.quotes_box.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.price_panel)
        layout.addWidget(self.quotes_box)
        layout.addWidget(self.sections, 1)
        self.on_case(document.case)
        self.on_analysis(document.analysis)

    def part(self, name: str) -> QWidget | None:
        """A field of the offer by its name ("reference"), or any other part."""
        for form in self.offer_forms:
            if name in form.widgets:
                widget: QWidget = form.widgets[name]
                return widget
        return super().part(name)

    # -- refreshing -------------------------------------------------------------------------

    def on_case(self, case: Any) -> None:
        has_proposal = case.proposal_scenario is not None
        self.terms_stack.setCurrentWidget(
            self.terms_page if has_proposal else self.no_proposal_page
        )
        self.terms_empty.setVisible(has_proposal and not case.proposal_scenario.terms)
        self.closing_row.setVisible(
            not case.proposal.statement.strip() and not self.document.read_only
        )
        self._show_interest_summary(case)
        self._show_quotes(case)
        self.points.update_state()

    def stale(self, case: Case) -> list[StaleQuote]:
        """What the proposal's own words quote out of date: its terms, its statement, the
        talking points written by hand."""
        return [*stale_quotes(case), *stale_point_quotes(case)]

    def _show_quotes(self, case: Case) -> None:
        found = self.stale(case)
        self.quotes_box.setVisible(bool(found))
        self.quotes_button.setEnabled(bool(found) and not self.document.read_only)
        if not found:
            return
        count = len(found)
        shown = "".join(f"<br>• {escape(q.words(), quote=False)}" for q in found[:SHOWN_QUOTES])
        more = count - SHOWN_QUOTES
        if more > 0:
            shown += "<br>" + escape(_("… and {count} more.").format(count=more))
        said = ngettext(
            "<b>⚠ {count} figure in the proposal's words is out of date.</b> Correct the words "
            "(terms, statement, talking points), or keep them if they are right.",
            "<b>⚠ {count} figures in the proposal's words are out of date.</b> Correct the words "
            "(terms, statement, talking points), or keep them if they are right.",
            count,
        )
        self.quotes_label.setText(said.format(count=count) + shown)

    def _show_interest_summary(self, case: Case) -> None:
        addressed, total, unmet, empty = self.interests_model.summary(case)
        if total == 0:
            self.interests_summary.setText(
                escape(
                    _(
                        "No counterpart interests yet. Add the counterpart's people and what "
                        "each of them needs on the Parties tab: a proposal that meets their "
                        "interests is one they can say yes to."
                    ),
                    quote=False,
                )
            )
            return
        parts = [
            _("<b>{addressed} of {total}</b> counterpart interests addressed.").format(
                addressed=addressed, total=total
            )
        ]
        if unmet:
            nothing = escape(_("Nothing yet for {names}").format(names=_few(unmet)))
            parts.append(
                _("{nothing_yet} — meet at least one interest of each counterpart party.").format(
                    nothing_yet=f"<span style='color:#C0392B'>{nothing}</span>"
                )
            )
        if empty:
            parts.append(
                escape(
                    _("No interests listed for {names} (Parties tab).").format(names=_few(empty))
                )
            )
        self.interests_summary.setText(" ".join(parts))
        # A long list (a large case) is cut short on the tab; all of it is in the tooltip.
        lists = (
            [_("Nothing yet for: {names}").format(names=", ".join(unmet))]
            if len(unmet) > SHOWN_NAMES
            else []
        )
        if len(empty) > SHOWN_NAMES:
            lists.append(_("No interests listed for: {names}").format(names=", ".join(empty)))
        self.interests_summary.setToolTip("\n\n".join(lists))

    def on_analysis(self, analysis: Any) -> None:
        case = self.document.case
        todo: list[str] = []
        if analysis is not None:
            todo = [
                item.todo
                for item in analysis.readiness.items
                if not item.passed
                and item.todo
                and any(figure.startswith("zopa.") for figure in item.affects)
            ]
        self.price_panel.show_figures(analysis, case.info.currency, todo)
        if analysis is not None:
            self.points.on_analysis(analysis)

    # -- actions ----------------------------------------------------------------------------

    def keep_words(self) -> bool:
        """The words are right as they stand: they are based on today's figures (one undo
        step), and the flag clears."""
        case = self.document.case
        return self.document.change(confirmed(case), _("Keep the proposal's words")) is None

    def use_closing_words(self) -> bool:
        case = self.document.case
        if case.proposal.statement.strip():
            return False
        refused = self.document.change(
            _set_proposal(case, replace(case.proposal, statement=_(CLOSING_WORDS))),
            _("Use the method's closing words"),
        )
        return refused is None
