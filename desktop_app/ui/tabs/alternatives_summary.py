"""The strip of figures on top of the Alternatives tab: both BATNAs, what our proposal is
worth to them, and the leverage index — each with a tooltip saying what it means here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from desktop_app.analysis.wording import CLEAR_LEVERAGE_POINTS, leverage_words
from desktop_app.ui.models.columns import format_money

if TYPE_CHECKING:
    from desktop_app.analysis.results import CaseAnalysis

FIGURES = (
    (
        "their_walk_away",
        "Their walk-away (money BATNA)",
        "Their money BATNA is the cheapest of their price-based alternatives, counting switching "
        "cost and the chance it fails. Their walk-away price is the first-year unit price, on "
        "our proposal's price path, at which dealing with us costs them as much: above it they "
        "are better off without us.",
    ),
    (
        "their_value_batna",
        "Their value BATNA",
        "Their alternative with the highest expected value on their own criteria (EV = "
        "feasibility × weighted score, 0–100 points).",
    ),
    (
        "proposal_for_them",
        "Our proposal, for them",
        "What our proposal is worth on their criteria (0–100 points) and its gain over their "
        "value BATNA. A gain under 10 points is no clear winner. The robustness says how small "
        "a change of one score or weight would let an alternative catch up.",
    ),
    (
        "our_value_batna",
        "Our value BATNA",
        "Our best alternative to this deal on our own criteria (highest EV), and what our "
        "proposal gains over it for us.",
    ),
    (
        "leverage",
        "Leverage",
        "Their gain minus ours (points). Within ±"
        f"{CLEAR_LEVERAGE_POINTS:g} points: no clear difference in need. Beyond it, positive: "
        "the counterpart needs this deal more than we do — the power imbalance was perceived, "
        "not real; negative: we need it more. No verdict while scores that enter it are "
        "missing.",
    ),
)


def _unavailable(analysis: CaseAnalysis, keys: tuple[str, ...]) -> str:
    for item in analysis.readiness.items:
        if any(k in item.affects for k in keys):
            return item.todo or item.label
    return "Not available for this case yet."


def _robustness(sturdiness: Any) -> str:
    if sturdiness is None:
        return ""
    if sturdiness.change is None:
        return "robust to any single change"
    unit = "score points" if sturdiness.unit == "score_points" else "weight points"
    clear = "" if sturdiness.clear_winner else "no clear winner; "
    return f"{clear}tipped by {sturdiness.change:.1f} {unit}"


def _signed(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


class AlternativesSummary(QFrame):
    """Five figures side by side; ``values[key]`` and ``details[key]`` are the labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("AlternativesSummary { background: #FAFAFA; }")
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(1)
        self.values: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        for column, (key, caption, tip) in enumerate(FIGURES):
            head = QLabel(caption)
            head.setStyleSheet("color: #555;")
            value = QLabel("—")
            value.setStyleSheet("font-weight: bold; font-size: 11pt;")
            value.setTextFormat(Qt.TextFormat.PlainText)
            detail = QLabel("")
            detail.setStyleSheet("color: #555;")
            detail.setWordWrap(True)
            detail.setTextFormat(Qt.TextFormat.PlainText)
            for label in (head, value, detail):
                label.setToolTip(tip)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(head, 0, column)
            grid.addWidget(value, 1, column)
            grid.addWidget(detail, 2, column, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(column, 1)
            self.values[key] = value
            self.details[key] = detail

    def _set(self, key: str, value: str, detail: str = "") -> None:
        self.values[key].setText(value)
        self.details[key].setText(detail[:1].upper() + detail[1:])

    def show_analysis(self, case: Any, analysis: Any) -> None:
        if analysis is None:
            for key, _caption, _tip in FIGURES:
                self._set(key, "—", "Analysing…")
            return
        currency = case.info.currency
        names = {a.id: a.name or a.id for a in case.alternatives}
        zopa, theirs, ours = analysis.zopa, analysis.value.theirs, analysis.value.ours

        if zopa.their_walk_away is None:
            reason = _unavailable(analysis, ("zopa.their_walk_away",))
            self._set("their_walk_away", "—", reason)
        else:
            batna = names.get(zopa.their_batna_alternative or "", "")
            self._set(
                "their_walk_away",
                f"{format_money(zopa.their_walk_away, currency, 2)} per unit",
                f"via “{batna}”" if batna else "",
            )

        if theirs.batna_value is None:
            self._set(
                "their_value_batna",
                "—",
                theirs.reason or _unavailable(analysis, ("value.theirs.batna_alternative",)),
            )
        else:
            name = names.get(theirs.batna_alternative or "", "")
            self._set("their_value_batna", f"EV {theirs.batna_value:.1f}", f"“{name}”")

        if theirs.proposal_value is None:
            self._set("proposal_for_them", "—", theirs.reason or "")
        else:
            gain = "" if theirs.gain is None else f"gain {_signed(theirs.gain)} over their BATNA"
            self._set(
                "proposal_for_them",
                f"V {theirs.proposal_value:.1f}",
                "; ".join(t for t in (gain, _robustness(theirs.robustness)) if t),
            )
            if theirs.robustness is not None:
                self.details["proposal_for_them"].setToolTip(
                    f"Robustness: {theirs.robustness.description}."
                )

        if ours.batna_value is None:
            self._set("our_value_batna", "—", ours.reason or "")
        else:
            name = names.get(ours.batna_alternative or "", "")
            gain = "" if ours.gain is None else f"; our proposal gains {_signed(ours.gain)}"
            self._set("our_value_batna", f"EV {ours.batna_value:.1f}", f"“{name}”{gain}")

        words = leverage_words(analysis.value)
        tip = next(t for key, _caption, t in FIGURES if key == "leverage")
        if analysis.value.leverage is None:
            reason = _unavailable(analysis, ("value.leverage",))
            self._set("leverage", "—", f"no verdict — {words}")
            self.details["leverage"].setToolTip(f"{reason}\n\n{tip}")
        else:
            self._set("leverage", f"{_signed(analysis.value.leverage)} points", words)
            self.details["leverage"].setToolTip(tip)
