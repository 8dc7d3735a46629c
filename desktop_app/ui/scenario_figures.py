"""The §2 figures of each scenario as grid content (Risk and Margin tabs), with what each one
means, and the "intelligence to gather" list.

A figure the analysis reports as unavailable (``None``) reads "—" and its tooltip names the
readiness item that explains why (``figure_grid.unavailable_reason``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.analysis.wording import break_words, shortfall_meaning
from desktop_app.ui.columns import format_money, format_money_error, format_percent
from desktop_app.ui.figure_grid import UNAVAILABLE, Cell, Header, unavailable_reason

Content = tuple[list[Header], list[Header], list[list[Cell]]]

ROLE_WORDS = {
    "their_demand": "Their demand: the terms the counterpart asks for.",
    "our_proposal": "Our proposal: the package we will put on the table.",
    "other": "Another deal package, for comparison.",
}


@dataclass(frozen=True)
class Figure:
    """One row: ``key`` is the figure's JSON name (what readiness items name as affected)."""

    key: str
    label: str  # may hold {confidence}
    tooltip: str  # may hold {confidence}, {tail}, {minimum}, {shortfall}
    value: Callable[[Any], float | None]
    kind: str  # money, price, pct, share
    alert: Callable[[float, Any], bool] | None = None
    #: The figure's Monte Carlo standard error, shown as "± …" next to it.
    error: Callable[[Any], float | None] | None = None


def _loss(name: str) -> Callable[[Any], float | None]:
    return lambda s: getattr(s.loss, name)


def _money(name: str) -> Callable[[Any], float | None]:
    return lambda s: getattr(s.money, name)


def _under_minimum(value: float, info: Any) -> bool:
    return value < info.min_margin_pct


EXPECTED_LOSS = Figure(
    "expected_loss",
    "Expected loss",
    "E[L]: what the risks cost on average over the whole contract — each risk's probability "
    "times its average impact per occurrence (limited by the liability cap where it applies), "
    "summed over the risks and, for yearly risks, over the years.",
    _loss("expected_loss"),
    "money",
)
VAR = Figure(
    "loss_at_confidence",
    "VaR {confidence}",
    "Value at risk: the total loss that {confidence} of the simulated contracts stay under. "
    "One contract in {tail_ratio} loses more.",
    _loss("loss_at_confidence"),
    "money",
)


def shortfall_error_meaning(runs: int) -> str:
    """What the ± next to the expected shortfall means."""
    return (
        f"± is its Monte Carlo standard error at {runs:,} runs (batch means over 20 batches "
        "of runs): about how far the figure would move with another random seed. More runs "
        "make it smaller."
    )


def shortfall_explanation(confidence: float, runs: int) -> str:
    """The tooltip of an expected shortfall figure: the tail average in words, and its ±."""
    return (
        f"Expected shortfall (ES) at {100.0 * confidence:g} %: {shortfall_meaning(confidence)}. "
        "It shows what an uncapped liability really means, and our walk-away price and the "
        "conservative margin are built on it.\n\n" + shortfall_error_meaning(runs)
    )


SHORTFALL = Figure(
    "expected_shortfall",
    "Expected shortfall {confidence}",
    "{shortfall}",
    _loss("expected_shortfall"),
    "money",
    error=_loss("expected_shortfall_se"),
)
P_BELOW = Figure(
    "p_below_min_margin",
    "P(margin under minimum)",
    "The chance that the margin left after the losses falls under the minimum margin of "
    "{minimum} of revenue.",
    lambda s: s.p_below_min_margin,
    "share",
)
P_LOSS = Figure(
    "p_loss",
    "P(loss-making contract)",
    "The chance that the losses eat the whole margin: the contract loses money.",
    lambda s: s.p_loss,
    "share",
)

RISK_FIGURES: tuple[Figure, ...] = (
    EXPECTED_LOSS,
    VAR,
    SHORTFALL,
    Figure(
        "p50",
        "Median loss (P50)",
        "Half of the simulated contracts lose less than this, half lose more.",
        _loss("p50"),
        "money",
    ),
    Figure(
        "p90",
        "P90 loss",
        "Nine contracts in ten lose less than this.",
        _loss("p90"),
        "money",
    ),
    Figure(
        "p95",
        "P95 loss",
        "Nineteen contracts in twenty lose less than this.",
        _loss("p95"),
        "money",
    ),
    Figure(
        "p_any_loss",
        "P(any risk occurs)",
        "The chance that at least one risk of the register occurs during the contract.",
        lambda s: 1.0 - s.loss.p_no_loss,
        "share",
    ),
    P_BELOW,
    P_LOSS,
)

MARGIN_FIGURES: tuple[Figure, ...] = (
    Figure(
        "revenue",
        "Revenue",
        "R = unit price × the volume of every year, the price moving each year by the yearly "
        "price change.",
        _money("revenue"),
        "money",
    ),
    Figure(
        "cost",
        "Cost",
        "C = per-unit costs × units + yearly costs × years + one-time costs (the cost lines).",
        _money("cost"),
        "money",
    ),
    Figure(
        "financing_cost",
        "Financing cost",
        "F = revenue × cost of capital × payment days / 365: what waiting to be paid costs us.",
        _money("financing_cost"),
        "money",
    ),
    Figure(
        "margin",
        "Margin",
        "M = revenue − cost − financing cost, before any risk occurs.",
        _money("margin"),
        "money",
        lambda v, _i: v < 0,
    ),
    Figure(
        "margin_pct",
        "Margin %",
        "Margin as a share of revenue, before risks; red when under the minimum of {minimum}.",
        _money("margin_pct"),
        "pct",
        _under_minimum,
    ),
    EXPECTED_LOSS,
    VAR,
    SHORTFALL,
    Figure(
        "risk_adjusted_margin_pct",
        "Risk-adjusted margin %",
        "(M − expected loss) / revenue: the margin we keep on average once the risks are paid.",
        lambda s: s.risk_adjusted_margin_pct,
        "pct",
        _under_minimum,
    ),
    Figure(
        "conservative_margin_pct",
        "Conservative margin %",
        "(M − expected shortfall) / revenue: the margin left in the bad cases. Our walk-away "
        "price is where this meets the minimum of {minimum}.",
        lambda s: s.conservative_margin_pct,
        "pct",
        _under_minimum,
    ),
    Figure(
        "walk_away_price",
        "Our walk-away price",
        "The lowest first-year unit price whose conservative margin still meets the minimum "
        "of {minimum}: (cost + expected shortfall) / (K × (1 − minimum − financing rate)). "
        "Below it we should walk away.",
        lambda s: s.walk_away_price,
        "price",
    ),
    P_BELOW,
    P_LOSS,
)


def _words(info: Any, runs: int) -> dict[str, str]:
    alpha = info.risk_confidence
    tail = 1.0 - alpha
    return {
        "confidence": f"{100 * alpha:g} %",
        "tail": f"{100 * tail:.3g} %",
        "tail_ratio": f"{1 / tail:.0f}" if tail > 0 else "∞",
        "minimum": f"{info.min_margin_pct:g} %",
        "shortfall": shortfall_explanation(alpha, runs),
    }


def _format(kind: str, value: float, currency: str) -> str:
    if kind == "money":
        return format_money(value, currency, 0)
    if kind == "price":
        return format_money(value, currency, 2)
    if kind == "pct":
        return format_percent(value, 1)
    return format_percent(100.0 * value, 1)


def scenario_headers(analysis: Any) -> list[Header]:
    return [
        Header(
            s.name or s.id,
            ROLE_WORDS.get(s.role, ""),
            s.role if s.role in ("their_demand", "our_proposal") else None,
        )
        for s in analysis.scenarios
    ]


def figures_grid(case: Any, analysis: Any, figures: Sequence[Figure]) -> Content:
    """Rows = ``figures``, one column per scenario of ``analysis``."""
    info = case.info
    words = _words(info, analysis.settings.runs)
    currency = analysis.settings.currency
    rows = [Header(f.label.format(**words), f.tooltip.format(**words)) for f in figures]
    cells: list[list[Cell]] = []
    for figure in figures:
        line: list[Cell] = []
        for scenario in analysis.scenarios:
            line.append(_cell(figure, scenario, analysis, info, currency, words))
        cells.append(line)
    return scenario_headers(analysis), rows, cells


def _cell(
    figure: Figure, scenario: Any, analysis: Any, info: Any, currency: str, words: dict[str, str]
) -> Cell:
    explanation = figure.tooltip.format(**words)
    if figure.key == "walk_away_price" and scenario.walk_away_note:
        return Cell("no such price", f"{scenario.walk_away_note}", alert=True)
    value = figure.value(scenario)
    if value is None:
        reason = unavailable_reason(analysis, f"scenarios.{scenario.id}.{figure.key}")
        return Cell(UNAVAILABLE, f"Not available: {reason}")
    alert = figure.alert(value, info) if figure.alert is not None else False
    text = _format(figure.kind, value, currency)
    if figure.error is not None:
        text = format_money_error(value, figure.error(scenario), currency, 0)
    return Cell(text, f"{scenario.name or scenario.id}: {text}\n\n{explanation}", alert=alert)


# -- intelligence to gather -----------------------------------------------------------------

INTELLIGENCE_COLUMNS = [
    Header("Input", "An assumption about the counterpart that moves their walk-away price."),
    Header(
        "Assumed value",
        "The value the case assumes now (what the alternative's row says).",
    ),
    Header(
        "Swing",
        "How much the width of the zone of possible agreement changes, per unit, when this "
        "input moves by ± the sensitivity step: the bigger, the more it pays to find out. "
        "In red, a move that breaks the analysis — it leaves a walk-away undefined or removes "
        "the zone: these rank first, whatever their swing.",
    ),
    Header("Question to settle it", "What to find out before the meeting, and from whom."),
]


def _assumed(input_id: str, value: float, currency: str) -> str:
    field = input_id.rsplit(".", 1)[-1]
    if field == "feasibility":
        return format_percent(100.0 * value, 0)
    if field == "annual_volume":
        return f"{value:,.0f} units/yr"
    if field == "unit_price":
        return format_money(value, currency, 2)
    return format_money(value, currency, 0)


def intelligence_grid(case: Any, analysis: Any) -> Content:
    currency = analysis.settings.currency
    rows: list[Header] = []
    cells: list[list[Cell]] = []
    pct = analysis.settings.sensitivity_pct
    for number, item in enumerate(analysis.intelligence, start=1):
        quiet = not item.swing and item.breaks is None
        swing = (
            UNAVAILABLE if item.swing is None else f"{format_money(item.swing, currency, 2)}/unit"
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
    return INTELLIGENCE_COLUMNS, rows, cells


def _swing_cell(item: Any, swing: str, pct: float, quiet: bool) -> Cell:
    """The swing, or — for a move that breaks a walk-away or the zone — what it breaks."""
    broken = break_words(item.breaks)
    if broken is None:
        return Cell(swing, "Change in the ZOPA width per unit of price.", muted=quiet)
    return Cell(
        broken,
        f"A move of ±{pct:g} % on this input {broken}: it ranks first whatever its swing "
        f"(change in the ZOPA width: {swing}).",
        alert=True,
    )
