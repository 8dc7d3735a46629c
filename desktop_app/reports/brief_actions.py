"""The team brief's action sections: the proposal, the talking points, the intelligence to
gather, and the appendix of assumptions and method."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from desktop_app import __version__
from desktop_app.analysis.money import contract_cost
from desktop_app.analysis.results import (
    Breaks,
    IntelligenceItem,
    ScenarioAnalysis,
    SensitivityItem,
)
from desktop_app.analysis.talking_points import generate_talking_points, point_status
from desktop_app.analysis.wording import (
    CLEAR_LEVERAGE_POINTS,
    FAIR_PRICE_MEANING,
    breaking_move,
    number_g,
    percent_g,
    shortfall_meaning,
    thin_tail_warning,
)
from desktop_app.domain.model import Alternative, CostLine, Criterion, Side, TalkingPoint
from desktop_app.i18n import N_, _
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import (
    LISTS_APPENDIX,
    METHOD_APPENDIX,
    BriefContext,
    fit_widths,
    plain_cells,
    their_order,
    verdict_sentence,
)
from desktop_app.reports.brief_numbers import SCENARIO_RANKING, scenario_order
from desktop_app.reports.formats import MOVES_WORDS, keep_with_amount, plain_number
from desktop_app.reports.proposal import (
    ProposalContent,
    commercial_table,
    contract_total,
    proposal_content,
    terms_table,
)

# --- the proposal ------------------------------------------------------------------------------


def proposal_section(ctx: BriefContext, number: int) -> list[Flowable]:
    story = blocks.section(
        number,
        _("The proposal"),
        _(
            "What we put on the table, and why each term is fair. The counterpart receives the "
            "separate proposal document, which shows these terms and nothing of our own numbers."
        ),
    )
    content = proposal_content(ctx.case)
    fmt, zopa = ctx.fmt, ctx.zopa
    story.append(
        blocks.callout(
            styles.text(verdict_sentence(ctx))
            + (
                "<br/>"
                + _("Suggested fair price: <b>{price}</b>, {meaning}.").format(
                    price=styles.text(fmt.price(zopa.fair_price)),
                    meaning=styles.text(_(FAIR_PRICE_MEANING)),
                )
                if zopa.fair_price is not None
                else ""
            ),
            colour=styles.GREEN if zopa.verdict == "fair" else styles.AMBER,
            background=styles.ZEBRA,
            width=ctx.width,
        )
    )
    story.append(blocks.subheading(_("Commercial terms")))
    story.append(commercial_table(content, ctx.width * 0.7))
    story += _total_note(ctx, content)
    if content.terms:
        story.append(blocks.subheading(_("Terms and their rationale")))
        story.append(terms_table(content.terms, ctx.width))
    story.append(blocks.subheading(_("Their interests it addresses")))
    addressed = set(ctx.case.proposal.addresses_interests)
    items = [
        f"{styles.text(interest.text)} <font color='{styles.GREY_DARK_HEX}'>— "
        f"{styles.text(party.name)}</font>"
        for party, interest in ctx.case.interests_of("theirs")
        if interest.id in addressed
    ]
    if items:
        story += blocks.bullets(items)
    else:
        story.append(
            blocks.para(_("None yet: link the proposal to their interests."), styles.SMALL)
        )
    if ctx.case.proposal.statement.strip():
        story.append(blocks.subheading(_("The statement")))
        story += blocks.user_paragraphs(ctx.case.proposal.statement, styles.QUOTE)
    return story


def _total_note(ctx: BriefContext, content: ProposalContent) -> list[Flowable]:
    """When the proposal document's whole contract (each year's price to the cent) and the
    revenue the brief models (exact prices) differ, each said for what it is."""
    total = contract_total(content)
    scenario = ctx.case.proposal_scenario
    figures = ctx.analysis.scenario(scenario.id) if scenario is not None else None
    revenue = figures.money.revenue if figures is not None else None
    if total is None or revenue is None or ctx.fmt.money(total) == ctx.fmt.money(revenue):
        return []
    return [
        blocks.para(
            styles.text(
                _(
                    "The proposal document's price table totals {total} over the contract: each "
                    "year's price to the cent, as the counterpart reads it. The revenue in "
                    "“Scenarios side by side”, {revenue}, is modelled on the exact yearly prices."
                ).format(total=ctx.fmt.money(total), revenue=ctx.fmt.money(revenue))
            ),
            styles.NOTE,
        )
    ]


# --- talking points ----------------------------------------------------------------------------


def _numbers_line(ctx: BriefContext, alt: Alternative) -> str:
    fmt = ctx.fmt
    parts = []
    row = ctx.cost_row(alt.id)
    if row is not None and row.cost_per_unit is not None:
        parts.append(
            _(
                "costs them {cost} per unit over the contract ({price} as a first-year price; "
                "ours {ours})"
            ).format(
                cost=fmt.price(row.cost_per_unit),
                price=fmt.price(row.effective_price),
                ours=fmt.price(ctx.zopa.proposal_price),
            )
        )
    elif alt.unit_price is not None:
        parts.append(_("quoted at {price} per unit").format(price=fmt.price(alt.unit_price)))
    parts.append(_("feasibility {share}").format(share=fmt.share(alt.feasibility, 0)))
    option = ctx.option("theirs", alt.id)
    proposal_value = ctx.analysis.value.theirs.proposal_value
    if option is not None:
        parts.append(
            _("worth {value} points to them (EV {ev}) against {ours} for ours").format(
                value=fmt.points(option.value),
                ev=fmt.points(option.expected_value),
                ours=fmt.points(proposal_value),
            )
        )
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


def _point_markup(
    ctx: BriefContext, alt: Alternative, point: TalkingPoint | None, generated: dict[str, str]
) -> str:
    """The talking point for ``alt`` (the team's, or the one generated from the numbers) with
    its flag, as markup."""
    flag = ""
    status = point_status(point, generated) if point is not None else "generated"
    if point is None or status == "generated" or not point.text.strip():
        text = generated.get(alt.id, "")
        flag = _("Generated from the numbers; not yet reviewed.") if text else ""
    else:
        text = point.text
        if status == "changed":
            flag = _("The numbers under this edited point have changed since: check it.")
    text = keep_with_amount(text, ctx.fmt.currency)
    none_yet = styles.text(_("No talking point yet."))
    body_markup = "<br/>".join(styles.paragraphs(text)) if text.strip() else f"<i>{none_yet}</i>"
    if flag:
        body_markup += (
            f"<br/><font color='{styles.AMBER_HEX}' size='7.4'>{styles.text(flag)}</font>"
        )
    return body_markup


def _point_block(
    ctx: BriefContext, alt: Alternative, point: TalkingPoint | None, generated: dict[str, str]
) -> Flowable:
    title = Paragraph(f"{styles.text(alt.name or alt.id)}", styles.H3)
    numbers = Paragraph(styles.text(_numbers_line(ctx, alt)), styles.SMALL)
    body_markup = _point_markup(ctx, alt, point, generated)
    body = blocks.callout(
        body_markup, colour=styles.THEIRS, background=styles.ZEBRA, width=ctx.width
    )
    return KeepTogether([title, numbers, blocks.gap(1.5), body, blocks.gap(2)])


def _points_table(
    ctx: BriefContext,
    alternatives: tuple[Alternative, ...],
    points: dict[str | None, TalkingPoint],
    generated: dict[str, str],
) -> Flowable:
    """Talking points as table rows (the appendix's complete list)."""
    grey = styles.GREY_DARK_HEX
    rows = [
        [
            blocks.mcell(
                f"<b>{styles.text(alt.name or alt.id)}</b><br/><font color='{grey}' size='7'>"
                f"{styles.text(_numbers_line(ctx, alt))}</font>"
            ),
            blocks.mcell(_point_markup(ctx, alt, points.get(alt.id), generated)),
        ]
        for alt in alternatives
    ]
    return blocks.data_table(
        [_("Their alternative"), _("Talking point")],
        rows,
        [ctx.width * 0.34, ctx.width * 0.66],
    )


def talking_points_section(ctx: BriefContext, number: int) -> list[Flowable]:
    counterpart = styles.text(ctx.counterpart)
    story = blocks.section(
        number,
        _("Talking points"),
        _(
            "One answer for each alternative {counterpart} may threaten with, with the numbers "
            "behind it. The cheapest alternatives come first: they are the ones they will raise."
        ).format(counterpart=counterpart),
    )
    generated = generate_talking_points(ctx.case, ctx.analysis)
    points = {p.alternative_id: p for p in ctx.case.proposal.talking_points}
    alternatives = their_order(ctx, ctx.case.alternatives_of("theirs"))

    def table(rows: tuple[Alternative, ...]) -> list[Flowable]:
        return [_points_table(ctx, rows, points, generated)]

    listed = ctx.shortlist(
        alternatives,
        what=_("talking points"),
        ranking=_("for the alternatives that would cost them least (they will raise these first)"),
        title=_("Talking points"),
        table=table,
    )
    for alt in listed.shown:
        story.append(_point_block(ctx, alt, points.get(alt.id), generated))
    note = listed.note()
    if note is not None:
        story.append(note)
    general = [p for p in ctx.case.proposal.talking_points if p.alternative_id is None]
    if general:
        story.append(blocks.subheading(_("General points")))
        story += blocks.bullets(
            ["<br/>".join(styles.paragraphs(p.text)) for p in general if p.text.strip()]
        )
    if not alternatives and not general:
        story.append(blocks.para(_("No talking points yet."), styles.SMALL))
    return story


# --- intelligence to gather ----------------------------------------------------------------------


def _assumed(ctx: BriefContext, input_name: str, value: float) -> str:
    fmt = ctx.fmt
    if input_name.endswith(".feasibility"):
        return fmt.share(value)
    if input_name.endswith(".annual_volume"):
        return fmt.number(value)
    if input_name.endswith(".unit_price"):
        return fmt.price(value)
    return fmt.money(value)


#: What a move of an input breaks, as a sentence (``wording.BREAK_WORDS`` in a sentence).
BREAK_SENTENCES: dict[Breaks, str] = {
    "ours": N_("Moved by {move}, it leaves our walk-away undefined."),
    "theirs": N_("Moved by {move}, it leaves their walk-away undefined."),
    "zone": N_("Moved by {move}, it removes the zone of possible agreement."),
}


def _break_sentence(ctx: BriefContext, input_id: str) -> str | None:
    """ "Moved by −20%, it removes the zone of possible agreement." for an input whose move
    breaks something (``wording.break_words``), else None."""
    item = ctx.sensitivity_of(input_id)
    if item is None or item.breaks is None:
        return None
    move = breaking_move(item, ctx.case.info.sensitivity_pct)
    return _(BREAK_SENTENCES[item.breaks]).format(move=move)


def _with_break(ctx: BriefContext, text: str, input_id: str) -> Any:
    """A cell with ``text`` and, under it in red, what a move of the input breaks."""
    sentence = _break_sentence(ctx, input_id)
    if sentence is None:
        return blocks.cell(text)
    return blocks.mcell(
        f"{styles.text(text)}<br/><font color='{styles.RED_HEX}'><b>"
        f"{styles.text(sentence)}</b></font>"
    )


def _intelligence_table(ctx: BriefContext, items: Sequence[tuple[int, IntelligenceItem]]) -> Any:
    w, pct = ctx.width, ctx.case.info.sensitivity_pct
    rows = [
        [
            str(n),
            _with_break(ctx, item.question, item.input),
            _assumed(ctx, item.input, item.value),
            ctx.fmt.price(item.swing),
        ]
        for n, item in items
    ]
    headers = [
        "#",
        _("Question to settle"),
        _("Assumed"),
        _("Swing at ±{pct}").format(pct=percent_g(pct)),
    ]
    return blocks.data_table(
        headers,
        rows,
        fit_widths([w * 0.06, w * 0.58, w * 0.18, w * 0.18], headers, lines=plain_cells(rows)),
        numeric_from=2,
        label_columns=2,
        bold_columns=(0, 3),
    )


def intelligence_section(ctx: BriefContext, number: int) -> list[Flowable]:
    pct = ctx.case.info.sensitivity_pct
    story = blocks.section(
        number,
        _("Intelligence to gather"),
        _(
            "The assumptions about the counterpart that move their walk-away most, ranked: "
            "settle these before the meeting, through the market, the engineers, or a "
            "well-placed question."
        ),
    )
    items = ctx.analysis.intelligence  # the analysis's own list, in its order (SPEC §2)
    if not items:
        story.append(
            blocks.para(_("Nothing about the counterpart moves the zone yet."), styles.SMALL)
        )
        return story
    listed = ctx.shortlist(
        list(enumerate(items, start=1)),
        what=_("assumptions"),
        ranking=_("that move the zone most"),
        title=_("Intelligence to gather"),
        table=lambda rows: [_intelligence_table(ctx, rows)],
    )
    shown = [item for _, item in listed.shown]
    story.append(_intelligence_table(ctx, listed.shown))
    note = _(
        "Swing: how much the zone's width (per unit) changes when the assumption moves by ±{pct}."
    ).format(pct=percent_g(pct))
    if any(item.breaks is not None for item in shown):
        note += " " + _(
            "An assumption whose move removes the zone or leaves a walk-away undefined comes "
            "first, whatever its swing: it can decide whether there is a deal at all."
        )
    story.append(blocks.para(note, styles.NOTE))
    story += [note for note in (listed.note(),) if note is not None]
    return story


# --- appendix ------------------------------------------------------------------------------------


def _settings_rows(ctx: BriefContext) -> list[tuple[str, str]]:
    info, settings = ctx.case.info, ctx.analysis.settings
    lo, hi = info.fair_band
    return [
        (_("Currency"), settings.currency),
        (_("Minimum margin"), percent_g(settings.min_margin_pct)),
        (
            _("Cost of capital"),
            _("{rate} a year").format(rate=percent_g(settings.cost_of_capital_pct)),
        ),
        (_("Risk confidence α"), percent_g(100 * settings.risk_confidence)),
        (
            _("Fair band (our share of the zone)"),
            _("{low} to {high}").format(low=percent_g(100 * lo), high=percent_g(100 * hi)),
        ),
        (_("Simulation runs"), plain_number(settings.runs)),
        (_("Random seed"), str(settings.seed)),
        (
            _("Sensitivity"),
            _("±{pct} on each input").format(pct=percent_g(settings.sensitivity_pct)),
        ),
        (
            _("Percentiles (median, P90, value at risk)"),
            _("read from the simulated outcomes, without interpolation")
            if settings.quantile_method == "inverted_cdf"
            else settings.quantile_method,
        ),
        # The version the figures were computed with, so that they can be reproduced (SPEC
        # §4, with the runs and the seed): a number only, never the tool's name (SPEC §11,
        # issue 13: the consultancy is the author, no document names the tool).
        (_("Model version"), __version__),
    ]


def _shortfall_errors(ctx: BriefContext) -> list[Flowable]:
    """Each scenario's ES with its Monte Carlo standard error, and the warning when the tail
    rests on too few runs."""
    settings, fmt = ctx.analysis.settings, ctx.fmt
    level = f"ES{number_g(100 * settings.risk_confidence)}"
    scenarios = [s for s in scenario_order(ctx) if s.loss.runs > 0]
    title = _("Expected shortfall and its Monte Carlo error")
    flow: list[Flowable] = [blocks.subheading(title, outline=False)]

    def table(shown: Sequence[ScenarioAnalysis]) -> list[Flowable]:
        rows = [
            (
                styles.clip(s.name or s.id, 80),
                blocks.num(
                    _("{level} {shortfall} ± {error} at {runs} runs").format(
                        level=level,
                        shortfall=fmt.money(s.loss.expected_shortfall),
                        error=fmt.money(s.loss.expected_shortfall_se),
                        runs=plain_number(s.loss.runs),
                    )
                ),
            )
            for s in shown
        ]
        return [blocks.key_value_table(rows, [ctx.width * 0.4, ctx.width * 0.6])]

    if scenarios:
        listed = ctx.shortlist(
            scenarios,
            what=_("scenarios"),
            ranking=_(SCENARIO_RANKING),
            title=title,
            table=table,
        )
        flow += table(listed.shown)
        flow += [note for note in (listed.note(),) if note is not None]
    tail = _(
        "The expected shortfall averages the worst {tail} of {runs} runs. ± is one Monte Carlo "
        "standard error: another random seed would move ES by about that much."
    ).format(tail=plain_number(settings.tail_runs, 0), runs=plain_number(settings.runs))
    flow.append(blocks.para(styles.text(tail), styles.NOTE))
    warning = thin_tail_warning(settings)
    if warning is not None:
        flow.append(
            blocks.callout(
                "<b>" + styles.text(_("Caution.")) + f"</b> {styles.text(warning)}",
                colour=styles.RED,
                background=styles.RED_LIGHT,
                width=ctx.width,
            )
        )
    return flow


def _criteria_table(ctx: BriefContext, criteria: Sequence[Criterion], total: float) -> Any:
    w = ctx.width
    rows = [
        [
            blocks.cell(c.name or c.id, styles.CELL_BOLD),
            blocks.cell(c.description, styles.CELL_SMALL),
            number_g(c.weight),
            ctx.fmt.share(c.weight / total if total > 0 else None, 1),
        ]
        for c in criteria
    ]
    headers = [_("Criterion"), _("What it means"), _("Weight"), _("Normalised")]
    return blocks.data_table(
        headers,
        rows,
        fit_widths([w * 0.28, w * 0.46, w * 0.12, w * 0.14], headers, lines=plain_cells(rows)),
        numeric_from=2,
    )


def _weights(ctx: BriefContext) -> list[Flowable]:
    flow: list[Flowable] = []
    sides: tuple[tuple[Side, str], ...] = (
        ("theirs", _("Their criteria")),
        ("ours", _("Our criteria")),
    )
    for side, title in sides:
        criteria = sorted(ctx.case.criteria_of(side), key=lambda c: -c.weight)
        if not criteria:
            continue
        total = sum(c.weight for c in criteria)

        def table(rows: Sequence[Criterion], total: float = total) -> list[Flowable]:
            return [_criteria_table(ctx, rows, total)]

        listed = ctx.shortlist(
            criteria,
            what=_("criteria"),
            ranking=_("with the most weight"),
            title=title,
            table=table,
        )
        flow.append(blocks.subheading(title, outline=False))
        flow.append(_criteria_table(ctx, listed.shown, total))
        flow += [note for note in (listed.note(),) if note is not None]
    return flow


def _sensitivity_table(ctx: BriefContext, items: Sequence[SensitivityItem]) -> Any:
    fmt, w = ctx.fmt, ctx.width
    rows = [
        [
            _with_break(ctx, i.label, i.input),
            MOVES_WORDS[i.moves],
            fmt.price(i.low),
            fmt.price(i.high),
            fmt.price(i.swing),
        ]
        for i in items
    ]
    headers = [_("Input"), _("Moves"), _("Width low"), _("Width high"), _("Swing")]
    return blocks.data_table(
        headers,
        rows,
        fit_widths(
            [w * 0.46, w * 0.1, w * 0.148, w * 0.148, w * 0.144], headers, lines=plain_cells(rows)
        ),
        numeric_from=2,
        bold_columns=(4,),
        extra=[("ALIGN", (1, 1), (1, -1), "CENTER")],
    )


def _sensitivity(ctx: BriefContext) -> list[Flowable]:
    if not ctx.analysis.sensitivity:
        return []
    title = _("Sensitivity of the zone's width")
    listed = ctx.shortlist(
        ctx.analysis.sensitivity,
        what=_("inputs"),
        ranking=_("that move the zone's width most (any whose move removes the zone first)"),
        title=title,
        table=lambda rows: [_sensitivity_table(ctx, rows)],
    )
    return [
        blocks.subheading(title, outline=False),
        _sensitivity_table(ctx, listed.shown),
        *[note for note in (listed.note(),) if note is not None],
    ]


def method(confidence: float) -> tuple[str, ...]:
    """How the figures are made, in words (markup)."""
    return (
        _(
            "<b>Money.</b> Revenue is the first-year price times the price-weighted volume over "
            "the contract; margin is revenue less our costs and the cost of financing the "
            "payment term."
        ),
        _(
            "<b>Risk.</b> Each risk is simulated with its own random stream (a triangular "
            "impact per occurrence, limited by the liability cap where it applies). The "
            "expected shortfall at {confidence} (ES) is {meaning}. Its ± figure is the Monte "
            "Carlo standard error: the batch-means spread over 20 batches of runs, which "
            "shrinks as the runs grow."
        ).format(
            confidence=percent_g(100 * confidence),
            meaning=styles.text(shortfall_meaning(confidence)),
        ),
        _(
            "<b>Our walk-away.</b> The lowest first-year price whose conservative margin — the "
            "margin after the expected shortfall — still meets the minimum margin."
        ),
        _(
            "<b>Their walk-away.</b> What their cheapest alternative costs them over the same "
            "contract (quoted price, switching cost, and the failure cost weighted by the "
            "chance it fails) on the payment days and liability they demand of us: their money "
            "BATNA. Their walk-away is the first-year price at which our proposal costs them as "
            "much — counting what our payment days cost them in financing and the expected loss "
            "above our liability cap that stays with them. An alternative that cannot be "
            "carried out (feasibility 0) is never a BATNA."
        ),
        _(
            "<b>Zone and fairness.</b> The zone of possible agreement runs from our walk-away "
            "to theirs; the fair price is {fair}. The verdict compares our share of the zone "
            "with the fair band."
        ).format(fair=styles.text(_(FAIR_PRICE_MEANING))),
        _(
            "<b>Value and leverage.</b> Each side scores its options on its weighted criteria "
            "(0–100 points); an alternative's expected value counts the chance it fails. "
            "Leverage is their gain from our proposal over their best alternative, less ours; "
            "within ±{points} points it shows no clear difference in need, and there is no "
            "verdict while scores are missing."
        ).format(points=number_g(CLEAR_LEVERAGE_POINTS)),
    )


METHOD_STYLE = ParagraphStyle("Method", parent=styles.SMALL, textColor=styles.INK, spaceAfter=4)


def _readiness_table(ctx: BriefContext) -> list[Flowable]:
    ready = ctx.analysis.readiness
    rows = []
    for item in ready.items:
        mark, colour = ("✓", styles.GREEN_HEX) if item.passed else ("✗", styles.RED_HEX)
        label = styles.text(item.label)
        if not item.passed and item.todo:
            label += f"<br/><font color='{styles.GREY_DARK_HEX}'>{styles.text(item.todo)}</font>"
        rows.append(
            [
                blocks.mcell(f"<font color='{colour}'><b>{mark}</b></font>", styles.CELL_CENTER),
                blocks.mcell(label),
            ]
        )
    title = _("The preparation checklist: {passed} of {total} points done").format(
        passed=ready.passed, total=ready.total
    )
    intro = _(
        "What the method asks the team to have ready before the meeting: their alternatives "
        "weighed and answered, both sides' criteria scored, the zone of possible agreement "
        "found and our price fair inside it, our margin and risks covered, their people's "
        "needs addressed. A cross marks a point still open, with what to do; the executive "
        "summary lists the open ones under “Still to complete”."
    )
    # The title and its words stay with the start of the list: a short list moves whole to the
    # next page, a long one starts under them and flows on, its rows whole and its header
    # repeated (a list kept whole left most of a page empty before it).
    words = blocks.para(intro, styles.NOTE)
    space = blocks.gap(1.5)
    words.keepWithNext = space.keepWithNext = True
    return [
        blocks.KeepWithStart(
            [
                blocks.subheading(title, outline=False),
                words,
                space,
                blocks.data_table(["", _("Point")], rows, [ctx.width * 0.06, ctx.width * 0.94]),
            ]
        )
    ]


#: A cost line's basis in words (the labels of ``schema.COST_BASES``).
BASIS_WORDS = {"per_unit": N_("per unit"), "per_year": N_("per year"), "one_time": N_("one-time")}


def _cost_table(ctx: BriefContext, lines: Sequence[CostLine]) -> Any:
    w = ctx.width
    headers = [_("Cost line"), _("Basis"), _("Amount")]
    rows = [
        [
            blocks.cell(c.name or c.id),
            _(BASIS_WORDS[c.basis]) if c.basis in BASIS_WORDS else c.basis,
            ctx.fmt.money(c.amount, 2 if c.basis == "per_unit" else 0),
        ]
        for c in lines
    ]
    return blocks.data_table(
        headers,
        rows,
        fit_widths([w * 0.6, w * 0.16, w * 0.24], headers, lines=plain_cells(rows)),
        numeric_from=2,
    )


def _costs(ctx: BriefContext) -> list[Flowable]:
    """Our cost lines, the ones that cost most over our proposal's contract first."""
    if not ctx.case.cost_lines:
        return []
    scenario = ctx.case.proposal_scenario
    volume = scenario.annual_volume if scenario is not None else None
    years = scenario.years if scenario is not None else 1
    lines = sorted(
        ctx.case.cost_lines,
        key=lambda c: -contract_cost([(c.basis, c.amount)], volume or 0.0, years),
    )
    listed = ctx.shortlist(
        lines,
        what=_("cost lines"),
        ranking=_("that cost most over our proposal's contract"),
        title=_("Our costs"),
        table=lambda rows: [_cost_table(ctx, rows)],
    )
    return [
        blocks.subheading(_("Our costs"), outline=False),
        _cost_table(ctx, listed.shown),
        *[note for note in (listed.note(),) if note is not None],
    ]


def appendix(ctx: BriefContext) -> list[Flowable]:
    story = blocks.section(None, _(METHOD_APPENDIX))
    rows = [(label, blocks.num(value)) for label, value in _settings_rows(ctx)]
    story.append(blocks.subheading(_("Assumptions"), outline=False))
    story.append(blocks.key_value_table(rows, [ctx.width * 0.5, ctx.width * 0.3]))
    story += _shortfall_errors(ctx)
    story += _weights(ctx)
    story += _costs(ctx)
    story.append(blocks.subheading(_("Method"), outline=False))
    story += [blocks.para(m, METHOD_STYLE) for m in method(ctx.analysis.settings.risk_confidence)]
    story += _sensitivity(ctx)
    story += _readiness_table(ctx)
    return story


def complete_lists(ctx: BriefContext) -> list[Flowable]:
    """``LISTS_APPENDIX``: every list the brief shortened, in full, in the brief's order."""
    story = blocks.section(
        None,
        _(LISTS_APPENDIX),
        _(
            "The brief shows the most important rows of each long list and says which; here "
            "are all of them, in the same order."
        ),
    )
    for title, table in ctx.full_lists:
        story.append(blocks.subheading(title))
        story += table()
    return story
