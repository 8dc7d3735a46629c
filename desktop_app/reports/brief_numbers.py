"""The team brief's numbers: the risk register with its charts, margin and walk-away."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from reportlab.platypus import Flowable

from desktop_app.analysis.figures import SCENARIO_FIGURES, SCENARIO_INPUTS, ZOPA_LABELS, words
from desktop_app.analysis.results import ScenarioAnalysis
from desktop_app.analysis.risk import risk_expected_loss
from desktop_app.analysis.wording import FAIR_PRICE_MEANING, percent_g, shortfall_meaning
from desktop_app.domain.model import Risk
from desktop_app.i18n import N_, _
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import (
    BriefContext,
    fit_widths,
    plain_cells,
    verdict_sentence,
    zone_sentence,
)
from desktop_app.reports.formats import ROLE_WORDS, keep_with_amount

SCENARIOS_PER_TABLE = 4
#: How often a risk can strike (English, marked: shown with ``_``).
FREQUENCY_WORDS = {"per_contract": N_("per contract"), "per_year": N_("each year")}


def _risk_row(ctx: BriefContext, number: int, risk: Risk) -> list[Any]:
    """One register row: two wrapping paragraphs (the risk, its mitigation) and short figures
    as plain strings, which cost next to nothing to lay out (the complete register of a
    thousand risks goes to the appendix)."""
    fmt = ctx.fmt
    grey = styles.GREY_DARK_HEX
    name = f"<b>{styles.text(risk.name or risk.id)}</b>"
    if risk.category.strip():
        name += f"<br/><font color='{grey}'>{styles.text(risk.category)}</font>"
    low = fmt.compact(risk.impact_low, currency=False)
    high = fmt.compact(risk.impact_high, currency=False)
    if risk.mitigation.strip():
        mitigation = styles.text(keep_with_amount(risk.mitigation, fmt.currency))
    else:
        none_yet = styles.text(_("no mitigation yet"))
        mitigation = f"<font color='{styles.RED_HEX}'>{none_yet}</font>"
    if risk.owner.strip():
        owner = styles.text(_("Owner: {owner}").format(owner=risk.owner))
        mitigation += f"<br/><font color='{grey}'>{owner}</font>"
    frequency = FREQUENCY_WORDS.get(risk.frequency)
    return [
        f"R{number}",
        blocks.mcell(name),
        f"{fmt.share(risk.probability, 1)}\n{_(frequency) if frequency else ''}",
        f"{fmt.compact(risk.impact_likely)}\n{low} – {high}",
        _("yes") if risk.capped_by_liability else _("no"),
        blocks.mcell(mitigation),
    ]


def risk_order(ctx: BriefContext) -> list[tuple[int, Risk]]:
    """(R-number, risk), the largest expected loss under our proposal first (probability times
    likely impact without a proposal), the register's order among equals."""
    scenario = ctx.case.proposal_scenario
    numbered = list(enumerate(ctx.case.risks, start=1))

    def weight(item: tuple[int, Risk]) -> float:
        _, risk = item
        if scenario is not None:
            return risk_expected_loss(risk, scenario)
        return risk.probability * risk.impact_likely

    return sorted(numbered, key=lambda item: -weight(item))


def _risk_table(ctx: BriefContext, risks: Sequence[tuple[int, Risk]]) -> Flowable:
    w = ctx.width
    headers = [
        "#",
        _("Risk"),
        _("Probability"),
        _("Impact likely (low – high)"),
        _("Capped"),
        _("Mitigation"),
    ]
    rows = [_risk_row(ctx, number, risk) for number, risk in risks]
    return blocks.data_table(
        headers,
        rows,
        fit_widths(
            [w * 0.08, w * 0.255, w * 0.13, w * 0.17, w * 0.085, w * 0.28],
            headers,
            lines=plain_cells(rows[:200]),  # the figures' width: a sample is enough
        ),
        numeric_columns=(2, 3),
        label_columns=2,
        extra=[
            ("ALIGN", (2, 1), (3, -1), "RIGHT"),
            ("ALIGN", (4, 1), (4, -1), "CENTER"),
            ("FONT", (0, 1), (0, -1), styles.FONT_BOLD, styles.TABLE_SIZE, 10.2),
        ],
    )


def risk_section(ctx: BriefContext, number: int) -> list[Flowable]:
    alpha = ctx.case.info.risk_confidence
    story = blocks.section(
        number,
        _("Risk"),
        _(
            "What can go wrong under the contract, what it would cost us, and what the bad "
            "cases cost on average: the expected shortfall at {confidence} (ES) is {meaning}."
        ).format(confidence=percent_g(100 * alpha), meaning=styles.text(shortfall_meaning(alpha))),
    )
    risks = ctx.case.risks
    if not risks:
        story.append(blocks.para(_("No risks have been entered yet."), styles.SMALL))
    else:
        by_loss = ctx.case.proposal_scenario is not None
        ranking = (
            _("with the largest expected loss under our proposal")
            if by_loss
            else _("with the largest probability times likely impact")
        )
        listed = ctx.shortlist(
            risk_order(ctx),
            what=_("risks"),
            ranking=ranking,
            title=_("Risk register"),
            table=lambda rows: [_risk_table(ctx, rows)],
        )
        story.append(blocks.subheading(_("Risk register")))
        story.append(_risk_table(ctx, listed.shown))
        story += [note for note in (listed.note(),) if note is not None]
        order = (
            _("Risks with the largest expected loss under our proposal come first;")
            if by_loss
            else _("Risks with the largest probability times likely impact come first;")
        )
        story.append(
            blocks.para(
                order
                + " "
                + _(
                    "R-numbers are the order in which the risks were entered. Impacts are per "
                    "occurrence. Capped: a liability cap limits each occurrence when the "
                    "scenario sets one."
                ),
                styles.NOTE,
            )
        )
    heat = ctx.charts.get("heat_map")
    if heat is not None:
        story += blocks.figure(
            heat,
            _(
                "Probability against likely impact; R-numbers are the register's. The top "
                "right is where the mitigation effort belongs."
            ),
        )
    losses = ctx.charts.get("losses")
    if losses is not None:
        story += blocks.figure(
            losses,
            _(
                "Simulated total loss over the contract under each scenario, with the expected "
                "loss, the loss at {confidence} confidence (VaR) and the expected shortfall "
                "(the average of the worst {tail} of runs)."
            ).format(
                confidence=percent_g(100 * alpha),
                tail=percent_g(float(f"{100 * (1 - alpha):.3g}")),
            ),
        )
    return story


def _scenario_rows(
    ctx: BriefContext,
) -> list[tuple[str, Callable[[ScenarioAnalysis], str]]]:
    fmt = ctx.fmt
    filled = words(ctx.case.info)
    rows: list[tuple[str, Callable[[ScenarioAnalysis], str]]] = [
        (_("Role"), lambda s: ROLE_WORDS.get(s.role, s.role))
    ]
    rows += [
        (figure.label_in(filled), partial(fmt.figure, figure))
        for figure in (*SCENARIO_INPUTS, *SCENARIO_FIGURES)
        if figure.key not in ("p50", "p90", "p95")
    ]
    return rows


def scenario_order(ctx: BriefContext) -> list[ScenarioAnalysis]:
    """Our proposal, their demand, then the other scenarios in the case's order."""
    first = {"our_proposal": 0, "their_demand": 1}
    return sorted(ctx.analysis.scenarios, key=lambda s: first.get(s.role, 2))


#: English, marked: shown with ``_``.
SCENARIO_RANKING = N_("our proposal and their demand first, then in the case's order")


def _scenario_tables(ctx: BriefContext) -> list[Flowable]:
    if not ctx.analysis.scenarios:
        return [blocks.para(_("No scenarios yet."), styles.SMALL)]
    listed = ctx.shortlist(
        scenario_order(ctx),
        what=_("scenarios"),
        ranking=_(SCENARIO_RANKING),
        title=_("Scenarios side by side"),
        table=lambda rows: _scenario_grid(ctx, rows),
    )
    flow = _scenario_grid(ctx, listed.shown)
    flow += [note for note in (listed.note(),) if note is not None]
    for s in listed.shown:
        if s.walk_away_note is not None:
            flow.append(
                blocks.para(styles.text(f"{s.name or s.id}: {s.walk_away_note}."), styles.NOTE)
            )
    return flow


def _scenario_grid(ctx: BriefContext, scenarios: Sequence[ScenarioAnalysis]) -> list[Flowable]:
    """The scenarios as columns, ``SCENARIOS_PER_TABLE`` to a table."""
    spec = _scenario_rows(ctx)
    proposal_id = ctx.case.proposal_scenario.id if ctx.case.proposal_scenario else None
    flow: list[Flowable] = []
    for start in range(0, len(scenarios), SCENARIOS_PER_TABLE):
        chunk = scenarios[start : start + SCENARIOS_PER_TABLE]
        n = len(chunk)
        label_width = ctx.width * 0.25
        widths = [label_width] + [(ctx.width - label_width) / SCENARIOS_PER_TABLE] * n
        rows = [
            [blocks.cell(label), *(blocks.num(get(s), bold=s.id == proposal_id) for s in chunk)]
            for label, get in spec
        ]
        headers = [_("Figure"), *(styles.clip(s.name or s.id, 40) for s in chunk)]
        flow += [blocks.data_table(headers, rows, widths, numeric_from=1), blocks.gap(3)]
    return flow


def _fair_price_cell(ctx: BriefContext) -> Any:
    """The fair price in bold and, under it, what it is (``wording.FAIR_PRICE_MEANING``)."""
    price = ctx.fmt.price(ctx.zopa.fair_price)
    if ctx.zopa.fair_price is None:
        return blocks.cell(price)
    return blocks.mcell(
        f"<b>{styles.text(price)}</b> — {styles.text(_(FAIR_PRICE_MEANING))}", styles.CELL
    )


def margin_section(ctx: BriefContext, number: int) -> list[Flowable]:
    info = ctx.case.info
    story = blocks.section(
        number,
        _("Margin and walk-away"),
        _(
            "Every scenario in money and risk, the walk-away prices they imply, and the inputs "
            "the zone of possible agreement depends on most. Our walk-away is the lowest "
            "first-year price whose conservative margin (after the expected shortfall) still "
            "meets the minimum of {minimum}."
        ).format(minimum=percent_g(info.min_margin_pct)),
    )
    story.append(blocks.subheading(_("Scenarios side by side")))
    story += _scenario_tables(ctx)
    story.append(blocks.subheading(_("Zone of possible agreement")))
    fmt, zopa = ctx.fmt, ctx.zopa
    rows = [
        ("our_walk_away", blocks.num(fmt.price(zopa.our_walk_away), bold=True)),
        ("their_walk_away", blocks.num(fmt.price(zopa.their_walk_away), bold=True)),
        ("their_batna_alternative", blocks.cell(ctx.name(zopa.their_batna_alternative))),
        ("width", blocks.cell(zone_sentence(ctx))),
        ("fair_price", _fair_price_cell(ctx)),
        ("proposal_price", blocks.num(fmt.price(zopa.proposal_price), bold=True)),
        ("verdict", blocks.cell(verdict_sentence(ctx))),
    ]
    rows = [(ZOPA_LABELS[key], cell) for key, cell in rows]
    story.append(blocks.key_value_table(rows, [ctx.width * 0.36, ctx.width * 0.64]))
    chart = ctx.charts.get("zopa")
    if chart is not None:
        story += blocks.figure(chart)
    tornado = ctx.charts.get("tornado")
    if tornado is not None:
        breaks = any(i.breaks is not None for i in ctx.analysis.sensitivity)
        story += blocks.figure(
            tornado,
            _("Each input moved by ±{pct} on its own: how the width of the zone changes.").format(
                pct=percent_g(info.sensitivity_pct)
            )
            + " "
            + (
                _(
                    "Rows in red come first: a move that removes the zone or leaves a walk-away "
                    "undefined."
                )
                + " "
                if breaks
                else ""
            )
            + _(
                "Inputs that move their walk-away are what the intelligence gathering should "
                "settle first."
            ),
        )
    return story
