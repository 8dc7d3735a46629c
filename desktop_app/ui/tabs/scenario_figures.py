"""The §2 figures of each scenario as grid content (Risk and Margin tabs), with what each one
means, and the "intelligence to gather" list.

A figure the analysis reports as unavailable (``None``) reads "—" and its tooltip names the
readiness item that explains why (``figure_grid.unavailable_reason``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.analysis.figures import (
    MARGIN_FIGURES,
    RISK_FIGURES,
    Figure,
    words,
)
from desktop_app.analysis.wording import break_words
from desktop_app.i18n import N_, _
from desktop_app.i18n.numbers import grouped
from desktop_app.ui.models.columns import format_money, format_money_error, format_percent
from desktop_app.ui.models.figure_cells import UNAVAILABLE, Cell, Header, unavailable_reason

__all__ = ["MARGIN_FIGURES", "RISK_FIGURES", "figures_grid", "intelligence_grid"]

Content = tuple[list[Header], list[Header], list[list[Cell]]]

ROLE_WORDS = {
    "their_demand": N_("Their demand: the terms the counterpart asks for."),
    "our_proposal": N_("Our proposal: the package we will put on the table."),
    "other": N_("Another deal package, for comparison."),
}


def short_number(value: float) -> str:
    """``value`` as ``f"{value:g}"`` writes it, with the language's decimal comma."""
    text = f"{value:g}"
    return text if "e" in text else grouped(value, len(text.partition(".")[2]))


def _format(kind: str, value: float, currency: str) -> str:
    if kind in ("money", "cap"):
        return format_money(value, currency, 0)
    if kind == "price":
        return format_money(value, currency, 2)
    if kind == "pct":
        return format_percent(value, 1)
    if kind == "number":
        return grouped(value, 0)
    if kind == "years":
        return short_number(value)
    return format_percent(100.0 * value, 1)


def figure_text(figure: Figure, scenario: Any, currency: str) -> str:
    """A catalogue figure of a scenario as a cell reads it (with its ± where it has one)."""
    value = figure.value(scenario)
    if value is None:
        return _("uncapped") if figure.kind == "cap" else UNAVAILABLE
    if figure.error is not None:
        return format_money_error(value, figure.error(scenario), currency, 0)
    return _format(figure.kind, value, currency)


def scenario_headers(analysis: Any) -> list[Header]:
    return [
        Header(
            s.name or s.id,
            _(ROLE_WORDS[s.role]) if s.role in ROLE_WORDS else "",
            s.role if s.role in ("their_demand", "our_proposal") else None,
        )
        for s in analysis.scenarios
    ]


def figures_grid(case: Any, analysis: Any, figures: Sequence[Figure]) -> Content:
    """Rows = ``figures``, one column per scenario of ``analysis``."""
    info = case.info
    filled = words(info)
    currency = analysis.settings.currency
    rows = [Header(f.label_in(filled), f.meaning_in(filled)) for f in figures]
    cells: list[list[Cell]] = []
    for figure in figures:
        line: list[Cell] = []
        for scenario in analysis.scenarios:
            line.append(_cell(figure, scenario, analysis, info, currency, filled))
        cells.append(line)
    return scenario_headers(analysis), rows, cells


def _cell(
    figure: Figure, scenario: Any, analysis: Any, info: Any, currency: str, filled: dict[str, str]
) -> Cell:
    explanation = figure.meaning_in(filled)
    if figure.key == "walk_away_price" and scenario.walk_away_note:
        return Cell(_("no such price"), f"{scenario.walk_away_note}", alert=True)
    value = figure.value(scenario)
    if value is None:
        reason = unavailable_reason(analysis, f"scenarios.{scenario.id}.{figure.key}")
        return Cell(UNAVAILABLE, _("Not available: {reason}").format(reason=reason))
    alert = figure.alert(value, info) if figure.alert is not None else False
    text = figure_text(figure, scenario, currency)
    return Cell(text, f"{scenario.name or scenario.id}: {text}\n\n{explanation}", alert=alert)


# -- intelligence to gather -----------------------------------------------------------------


def intelligence_columns() -> list[Header]:
    """The columns of the intelligence to gather, in the language in use."""
    return [Header(_(title), _(tip)) for title, tip in INTELLIGENCE_WORDS]


#: (title, tooltip) of each column of the intelligence to gather (English, marked).
INTELLIGENCE_WORDS = [
    (N_("Input"), N_("An assumption about the counterpart that moves their walk-away price.")),
    (
        N_("Assumed value"),
        N_("The value the case assumes now (what the alternative's row says)."),
    ),
    (
        N_("Swing"),
        N_(
            "How much the width of the zone of possible agreement changes, per unit, when this "
            "input moves by ± the sensitivity step: the bigger, the more it pays to find out. "
            "In red, a move that breaks the analysis — it leaves a walk-away undefined or removes "
            "the zone: these rank first, whatever their swing."
        ),
    ),
    (N_("Question to settle it"), N_("What to find out before the meeting, and from whom.")),
]


def _assumed(input_id: str, value: float, currency: str) -> str:
    field = input_id.rsplit(".", 1)[-1]
    if field == "feasibility":
        return format_percent(100.0 * value, 0)
    if field == "annual_volume":
        return _("{units} units/yr").format(units=grouped(value, 0))
    if field == "unit_price":
        return format_money(value, currency, 2)
    return format_money(value, currency, 0)


def intelligence_grid(analysis: Any) -> Content:
    currency = analysis.settings.currency
    rows: list[Header] = []
    cells: list[list[Cell]] = []
    pct = analysis.settings.sensitivity_pct
    for number, item in enumerate(analysis.intelligence, start=1):
        quiet = not item.swing and item.breaks is None
        swing = (
            UNAVAILABLE
            if item.swing is None
            else _("{amount}/unit").format(amount=format_money(item.swing, currency, 2))
        )
        rows.append(Header(str(number), item.label))
        cells.append(
            [
                Cell(item.label, item.label, numeric=False, muted=quiet),
                Cell(_assumed(item.input, item.value, currency), muted=quiet),
                _swing_cell(item, swing, pct, quiet),
                Cell(item.question, item.question, numeric=False, muted=quiet),
            ]
        )
    return intelligence_columns(), rows, cells


def _swing_cell(item: Any, swing: str, pct: float, quiet: bool) -> Cell:
    """The swing, or — for a move that breaks a walk-away or the zone — what it breaks."""
    broken = break_words(item.breaks)
    if broken is None:
        return Cell(swing, _("Change in the ZOPA width per unit of price."), muted=quiet)
    return Cell(
        broken,
        _(
            "A move of ±{pct} % on this input {broken}: it ranks first whatever its swing "
            "(change in the ZOPA width: {swing})."
        ).format(pct=short_number(pct), broken=broken, swing=swing),
        alert=True,
    )
