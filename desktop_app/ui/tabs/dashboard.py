"""The dashboard on the Case tab: the verdict, the zone of agreement, exposure and margin under
their demand vs our proposal, the leverage index, and readiness with what to do next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.analysis.figures import EXPOSURE_FIGURES, UNIT_PRICE, words
from desktop_app.analysis.wording import (
    CLEAR_LEVERAGE_POINTS,
    FAIR_PRICE_MEANING,
    leverage_words,
    verdict_sentence,
)
from desktop_app.i18n import N_, _
from desktop_app.i18n.numbers import grouped
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.tabs.scenario_figures import figure_text, short_number
from desktop_app.ui.widgets.figure_page import TailWarning, keep_units

#: The verdict in a word or two (English, marked: shown with ``_``), and its colour.
VERDICT_WORDS = {
    "fair": (N_("Fair"), "#2e7d32"),
    "aggressive": (N_("Aggressive"), "#c77700"),
    "generous": (N_("Generous"), "#1565c0"),
    "below_our_walk_away": (N_("Below our walk-away"), "#b00020"),
    "above_their_walk_away": (N_("Above their walk-away"), "#b00020"),
    "no_zopa": (N_("No zone of agreement"), "#b00020"),
    "unknown": (N_("Not known yet"), "#666666"),
}

#: The tooltips (English, marked; ``tip(key)`` says them in the language in use).
TIPS = {
    "verdict": N_(
        "Where our proposal's price sits in the zone of possible agreement (ZOPA): fair "
        "when our share of the zone is inside the case's fair band, aggressive above it, "
        "generous below it."
    ),
    "leverage": N_(
        "Leverage index: their gain from our proposal over their value BATNA minus our "
        "gain over ours, in value points (0–100). Within ±{points} points there is no clear "
        "difference in need. Beyond it, positive: the counterpart needs this deal more than we "
        "do — the power imbalance was perceived, not real; negative: we need it more. While a "
        "score that enters it is missing (an alternative on its side's criteria, our proposal "
        "on both sides') it gives no verdict: a missing score counts as 0 and could swing it "
        "by tens of points."
    ),
    "readiness": N_("What is complete and what to do next before going into the room."),
}


def tip(key: str) -> str:
    """The tooltip ``key`` of ``TIPS`` in the language in use."""
    return _(TIPS[key]).format(points=short_number(CLEAR_LEVERAGE_POINTS))


#: Prices per unit are shown to the cent, as they are entered (a scenario's unit price).
PRICE_DECIMALS = 2

#: Where each readiness check is put right: (the tab's class, the part of it, see
#: ``CaseTab.part``). Activating a readiness item takes the user there.
FIXED_IN: dict[str, tuple[str, str]] = {
    "proposal_scenario": ("MarginTab", "scenarios.view"),
    "demand_scenario": ("MarginTab", "scenarios.view"),
    "scenarios_priced": ("MarginTab", "scenarios.view"),
    "walk_away_exists": ("MarginTab", "scenarios.view"),
    "zopa_exists": ("MarginTab", "scenarios.view"),
    "proposal_in_zopa": ("MarginTab", "scenarios.view"),
    "proposal_fair": ("MarginTab", "scenarios.view"),
    "margin_meets_minimum": ("MarginTab", "scenarios.view"),
    "walk_away_plausible": ("CaseInfoTab", "min_margin_pct"),
    "enough_runs": ("CaseInfoTab", "simulation_runs"),
    "their_alternatives_listed": ("AlternativesTab", "their_alternatives.view"),
    "their_price_alternative": ("AlternativesTab", "their_alternatives.view"),
    "alternatives_have_cons": ("AlternativesTab", "their_alternatives.view"),
    "our_alternatives_listed": ("AlternativesTab", "our_alternatives.view"),
    "criteria_theirs": ("AlternativesTab", "their_criteria.view"),
    "criteria_ours": ("AlternativesTab", "our_criteria.view"),
    "options_scored": ("AlternativesTab", "matrix.view"),
    "batnas_agree": ("AlternativesTab", "matrix.view"),
    "alternatives_have_talking_points": ("ProposalTab", "points.editor.view"),
    "interests_addressed": ("ProposalTab", "interests_view"),
    "offer_open_until": ("ProposalTab", "offer_valid_until"),
    "risks_mitigated": ("RiskTab", "register.view"),
}

#: The narrowest the readiness column gets (the figures beside it keep their own width).
READINESS_WIDTH = 200

#: The readiness check a to-do line stands for.
READINESS_ID = Qt.ItemDataRole.UserRole


class _Prices:
    """How the shared verdict sentence writes prices and shares on the dashboard."""

    def __init__(self, currency: str) -> None:
        self.currency = currency

    def price(self, value: float | None) -> str:
        return format_money(value, self.currency, PRICE_DECIMALS)

    def share(self, value: float | None) -> str:
        return "—" if value is None else f"{grouped(100 * value, 0)} %"


#: Their demand against our proposal, from the figure catalogue (labels and meanings there).
ROWS = (UNIT_PRICE, *EXPOSURE_FIGURES[1:])


def _label(text: str = "", *, bold: bool = False, tip: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        label.setStyleSheet("font-weight: bold;")
    if tip:
        label.setToolTip(tip)
    return label


class Dashboard(QWidget):
    """Refreshed by ``show_analysis(case, analysis)``; ``zopa_chart`` is placed by the tab.

    ``go_to(tab class, part)`` asks for the place where an activated readiness item is fixed.
    """

    go_to = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = QLabel(_("Analysing…"))
        self.verdict.setToolTip(tip("verdict"))
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.verdict_detail = _label(tip=tip("verdict"))
        self.verdict_detail.setWordWrap(True)
        self.leverage = _label(tip=tip("leverage"))
        self.leverage.setWordWrap(True)
        self.batna = _label()
        self.batna.setWordWrap(True)
        self.zopa_slot = QVBoxLayout()
        self.tail_warning = TailWarning()
        self.figures = self._build_figures()
        self.readiness = self._build_readiness()
        top = QVBoxLayout()
        top.addWidget(self.verdict)
        top.addWidget(self.verdict_detail)
        top.addWidget(self.leverage)
        top.addWidget(self.batna)
        top.addLayout(self.zopa_slot)
        lower = QHBoxLayout()
        lower.addWidget(self.figures, 3)
        lower.addWidget(self.readiness, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(lower, 1)

    def _build_figures(self) -> QGroupBox:
        box = QGroupBox(_("Their demand vs our proposal"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(12)
        self.demand_header = _label(_("Their demand"), bold=True)
        self.proposal_header = _label(_("Our proposal"), bold=True)
        grid.addWidget(self.demand_header, 0, 1, alignment=Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.proposal_header, 0, 2, alignment=Qt.AlignmentFlag.AlignRight)
        self.cells: dict[tuple[str, str], QLabel] = {}
        self.row_titles: dict[str, QLabel] = {}
        for row, figure in enumerate(ROWS, start=1):
            key = figure.key
            self.row_titles[key] = _label(figure.label)
            grid.addWidget(self.row_titles[key], row, 0)
            for col, side in enumerate(("demand", "proposal"), start=1):
                cell = _label("—")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(cell, row, col)
                self.cells[(side, key)] = cell
        grid.addWidget(self.tail_warning, len(ROWS) + 1, 0, 1, 3)
        grid.setRowStretch(len(ROWS) + 2, 1)
        return box

    def _build_readiness(self) -> QGroupBox:
        box = QGroupBox(_("Readiness"))
        box.setToolTip(tip("readiness"))
        box.setMinimumWidth(READINESS_WIDTH)  # its to-do lines stay readable at 1024 px
        layout = QVBoxLayout(box)
        self.readiness_bar = QProgressBar()
        self.readiness_bar.setRange(0, 100)
        self.readiness_bar.setFormat(_("%p % ready"))
        self.todo = QListWidget()
        self.todo.setWordWrap(True)
        self.todo.setFrameShape(QFrame.Shape.NoFrame)
        self.todo.itemClicked.connect(self._fix)
        self.todo.itemActivated.connect(self._fix)
        # On the list, which its viewport inherits: asking for the viewport before the first
        # paint has PySide build some 90 enum types (10 ms).
        self.todo.setCursor(Qt.CursorShape.PointingHandCursor)
        self.todo_hint = QLabel(_("Click an item to go where it is done."))
        self.todo_hint.setStyleSheet("color: #666;")
        self.todo_hint.setWordWrap(True)
        layout.addWidget(self.readiness_bar)
        layout.addWidget(self.todo, 1)
        layout.addWidget(self.todo_hint)
        return box

    # -- refresh ----------------------------------------------------------------------------

    def show_analysis(self, case: Any, analysis: Any) -> None:
        currency = case.info.currency
        zopa = analysis.zopa
        words, colour = VERDICT_WORDS.get(zopa.verdict, (zopa.verdict, "#666666"))
        self.verdict.setText(_("Our proposal: {verdict}").format(verdict=_(words)))
        self.verdict.setStyleSheet(f"font-size: 17px; font-weight: bold; color: {colour};")
        self.verdict_detail.setText(self._zopa_sentence(zopa, currency))
        self.leverage.setText(self._leverage_sentence(analysis.value))
        self.batna.setText(self._batna_sentence(case, analysis))
        by_role = {s.role: s for s in analysis.scenarios}
        for side, role in (("demand", "their_demand"), ("proposal", "our_proposal")):
            self._fill_column(side, by_role.get(role), currency)
        self._explain_figures(case)
        self.tail_warning.show_settings(analysis.settings)
        self._fill_readiness(analysis.readiness)

    def _explain_figures(self, case: Any) -> None:
        """Each row's label and meaning for this case (its confidence, minimum, runs)."""
        filled = words(case.info)
        for figure in ROWS:
            tip = figure.meaning_in(filled)
            self.row_titles[figure.key].setText(figure.label_in(filled))
            self.row_titles[figure.key].setToolTip(tip)
            for side in ("demand", "proposal"):
                self.cells[(side, figure.key)].setToolTip(tip)

    def _zopa_sentence(self, zopa: Any, currency: str) -> str:
        """The zone, the fair price and the verdict on our price, prices to the cent; a price
        outside the zone is said to be below our walk-away or above theirs (the shared
        ``verdict_sentence``), never a share below 0 or above 100 %."""
        ours, theirs = zopa.our_walk_away, zopa.their_walk_away
        if ours is None:
            return _("The zone of agreement is not known yet: our walk-away cannot be computed.")
        if theirs is None:
            return _("The zone of agreement is not known yet: their walk-away cannot be computed.")
        prices = _Prices(currency)
        if not zopa.exists:
            return _(
                "No zone of agreement: their walk-away ({theirs} per unit) is not above ours "
                "({ours})."
            ).format(theirs=prices.price(theirs), ours=prices.price(ours))
        text = _(
            "Zone of agreement {ours} to {theirs} per unit; the fair price is {fair}, {meaning}."
        ).format(
            ours=prices.price(ours),
            theirs=prices.price(theirs),
            fair=prices.price(zopa.fair_price),
            meaning=_(FAIR_PRICE_MEANING),
        )
        if zopa.proposal_price is not None:
            text += " " + verdict_sentence(zopa, prices)
        return text

    @staticmethod
    def _leverage_sentence(value: Any) -> str:
        """The leverage headline, claiming no more than the number (``leverage_words``)."""
        words = leverage_words(value)
        if value.leverage is None:
            return _("Leverage index: no verdict — {words}.").format(words=words)
        sign = "+" if value.leverage >= 0 else "−"
        text = _("Leverage index {points} points: {words}.").format(
            points=sign + grouped(abs(value.leverage), 1), words=words
        )
        robustness = value.theirs.robustness
        if robustness is not None and robustness.description:
            described = robustness.description
            text += f" {described[0].upper()}{described[1:]}"
            if not described.endswith("."):
                text += "."
        return text

    @staticmethod
    def _batna_sentence(case: Any, analysis: Any) -> str:
        names = {a.id: a.name for a in case.alternatives}
        money = analysis.zopa.their_batna_alternative
        value = analysis.value.theirs.batna_alternative
        money_name, value_name = names.get(money, money), names.get(value, value)
        left_out = dict.fromkeys((*analysis.zopa.left_out, *analysis.value.theirs.left_out))
        if not money and not value and not left_out:
            return ""
        text = ""
        if money and value:
            text = _("Their money BATNA: {money}; their value BATNA: {value}.").format(
                money=money_name, value=value_name
            )
        elif money:
            text = _("Their money BATNA: {money}.").format(money=money_name)
        elif value:
            text = _("Their value BATNA: {value}.").format(value=value_name)
        if money and value and money != value:
            text += " " + _("They differ — reconcile the scores with the prices.")
        if left_out:
            shown = ", ".join(_("“{name}”").format(name=names.get(i, i)) for i in left_out)
            text += " " + _(
                "Never a BATNA (feasibility 0, it cannot be carried out): {names}."
            ).format(names=shown)
        text = text.strip()
        return text[0].upper() + text[1:]

    def _fill_column(self, side: str, scenario: Any, currency: str) -> None:
        header = self.demand_header if side == "demand" else self.proposal_header
        if scenario is None:
            header.setToolTip(_("No scenario has this role yet (Margin tab)."))
            for figure in ROWS:
                self.cells[(side, figure.key)].setText("—")
            return
        header.setText(
            scenario.name or (_("Their demand") if side == "demand" else _("Our proposal"))
        )
        values = {figure.key: figure_text(figure, scenario, currency) for figure in ROWS}
        for key, text in values.items():
            cell = self.cells[(side, key)]
            cell.setText(text)
            negative = text.startswith(("-", "\u2212"))
            cell.setStyleSheet("color: #b00020;" if negative else "")
        if scenario.walk_away_price is None and scenario.walk_away_note:
            self.cells[(side, "walk_away_price")].setToolTip(scenario.walk_away_note)

    def _fill_readiness(self, readiness: Any) -> None:
        self.readiness_bar.setValue(round(100 * readiness.score))
        self.readiness_bar.setToolTip(
            _("{passed} of {total} checks pass").format(
                passed=readiness.passed, total=readiness.total
            )
        )
        self.todo.clear()
        for item in readiness.items:
            if item.passed:
                continue
            text = f"✗ {item.label}\n    → {item.todo or ''}".rstrip(" →\n")
            entry = QListWidgetItem(keep_units(text))
            said = item.detail or item.todo or item.label
            if item.id in FIXED_IN:
                entry.setData(READINESS_ID, item.id)
                said += "\n\n" + _("Click to go where this is done.")
            entry.setToolTip(said)
            self.todo.addItem(entry)
        self.todo_hint.setVisible(self.todo.count() > 0)
        if self.todo.count() == 0:
            self.todo.addItem(QListWidgetItem(_("✓ Everything is ready.")))

    def _fix(self, entry: QListWidgetItem) -> None:
        """A readiness item was clicked or activated: ask to go where it is fixed."""
        place = FIXED_IN.get(entry.data(READINESS_ID) or "")
        if place is not None:
            self.go_to.emit(*place)
