"""The strip of figures on top of the Alternatives tab: both BATNAs, what our proposal is
worth to them, and the leverage index — each with a tooltip saying what it means here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from desktop_app.analysis.wording import CLEAR_LEVERAGE_POINTS, leverage_words
from desktop_app.i18n import N_, _
from desktop_app.i18n.numbers import MINUS, grouped
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.tabs.scenario_figures import short_number

if TYPE_CHECKING:
    from desktop_app.analysis.results import CaseAnalysis

#: (key, caption, tooltip) of each figure, in English (marked; shown with ``_``).
FIGURES = (
    (
        "their_walk_away",
        N_("Their walk-away (money BATNA)"),
        N_(
            "Their money BATNA is the cheapest of their price-based alternatives, counting "
            "switching cost and the chance it fails. Their walk-away price is the first-year "
            "unit price, on our proposal's price path, at which dealing with us costs them as "
            "much: above it they are better off without us."
        ),
    ),
    (
        "their_value_batna",
        N_("Their value BATNA"),
        N_(
            "Their alternative with the highest expected value on their own criteria (EV = "
            "feasibility × weighted score, 0–100 points)."
        ),
    ),
    (
        "proposal_for_them",
        N_("Our proposal, for them"),
        N_(
            "What our proposal is worth on their criteria (0–100 points) and its gain over "
            "their value BATNA. A gain under 10 points is no clear winner. The robustness says "
            "how small a change of one score or weight would let an alternative catch up."
        ),
    ),
    (
        "our_value_batna",
        N_("Our value BATNA"),
        N_(
            "Our best alternative to this deal on our own criteria (highest EV), and what our "
            "proposal gains over it for us."
        ),
    ),
    (
        "leverage",
        N_("Leverage"),
        N_(
            "Their gain minus ours (points). Within ±{points} points: no clear difference in "
            "need. Beyond it, positive: the counterpart needs this deal more than we do — the "
            "power imbalance was perceived, not real; negative: we need it more. No verdict "
            "while scores that enter it are missing."
        ),
    ),
)


def _tip(tip: str) -> str:
    """A figure's tooltip in the language in use."""
    return _(tip).format(points=short_number(CLEAR_LEVERAGE_POINTS))


def _unavailable(analysis: CaseAnalysis, keys: tuple[str, ...]) -> str:
    for item in analysis.readiness.items:
        if any(k in item.affects for k in keys):
            return item.todo or item.label
    return _("Not available for this case yet.")


def _robustness(sturdiness: Any) -> str:
    if sturdiness is None:
        return ""
    if sturdiness.change is None:
        return _("robust to any single change")
    change = grouped(sturdiness.change, 1)
    if sturdiness.unit == "score_points":
        if sturdiness.clear_winner:
            return _("tipped by {change} score points").format(change=change)
        return _("no clear winner; tipped by {change} score points").format(change=change)
    if sturdiness.clear_winner:
        return _("tipped by {change} weight points").format(change=change)
    return _("no clear winner; tipped by {change} weight points").format(change=change)


def _signed(value: float) -> str:
    text = grouped(value, 1)
    return text if text.startswith(MINUS) else "+" + text


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
            head = QLabel(_(caption))
            head.setStyleSheet("color: #555;")
            value = QLabel("—")
            value.setStyleSheet("font-weight: bold; font-size: 11pt;")
            value.setTextFormat(Qt.TextFormat.PlainText)
            detail = QLabel("")
            detail.setStyleSheet("color: #555;")
            detail.setWordWrap(True)
            detail.setTextFormat(Qt.TextFormat.PlainText)
            for label in (head, value, detail):
                label.setToolTip(_tip(tip))
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
            for key, _caption, _said in FIGURES:
                self._set(key, "—", _("Analysing…"))
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
                _("{price} per unit").format(price=format_money(zopa.their_walk_away, currency, 2)),
                _("via “{name}”").format(name=batna) if batna else "",
            )

        if theirs.batna_value is None:
            self._set(
                "their_value_batna",
                "—",
                theirs.reason or _unavailable(analysis, ("value.theirs.batna_alternative",)),
            )
        else:
            name = names.get(theirs.batna_alternative or "", "")
            self._set(
                "their_value_batna",
                _("EV {value}").format(value=grouped(theirs.batna_value, 1)),
                _("“{name}”").format(name=name),
            )

        if theirs.proposal_value is None:
            self._set("proposal_for_them", "—", theirs.reason or "")
        else:
            gain = (
                ""
                if theirs.gain is None
                else _("gain {gain} over their BATNA").format(gain=_signed(theirs.gain))
            )
            self._set(
                "proposal_for_them",
                _("V {value}").format(value=grouped(theirs.proposal_value, 1)),
                "; ".join(t for t in (gain, _robustness(theirs.robustness)) if t),
            )
            if theirs.robustness is not None:
                self.details["proposal_for_them"].setToolTip(
                    _("Robustness: {description}.").format(
                        description=theirs.robustness.description
                    )
                )

        if ours.batna_value is None:
            self._set("our_value_batna", "—", ours.reason or "")
        else:
            name = names.get(ours.batna_alternative or "", "")
            said = (
                _("“{name}”").format(name=name)
                if ours.gain is None
                else _("“{name}”; our proposal gains {gain}").format(
                    name=name, gain=_signed(ours.gain)
                )
            )
            self._set(
                "our_value_batna", _("EV {value}").format(value=grouped(ours.batna_value, 1)), said
            )

        words = leverage_words(analysis.value)
        tip = _tip(next(t for key, _caption, t in FIGURES if key == "leverage"))
        if analysis.value.leverage is None:
            reason = _unavailable(analysis, ("value.leverage",))
            self._set("leverage", "—", _("no verdict — {words}").format(words=words))
            self.details["leverage"].setToolTip(f"{reason}\n\n{tip}")
        else:
            self._set(
                "leverage",
                _("{points} points").format(points=_signed(analysis.value.leverage)),
                words,
            )
            self.details["leverage"].setToolTip(tip)
