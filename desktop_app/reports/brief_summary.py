"""The team brief's cover and its one-page executive summary."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    NextPageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from desktop_app.analysis.figures import EXPOSURE_FIGURES, words
from desktop_app.analysis.results import ScenarioAnalysis
from desktop_app.analysis.wording import FAIR_PRICE_MEANING, thin_tail_warning
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import (
    VERDICT_COLOURS,
    BriefContext,
    leverage_sentence,
    money_batna_sentence,
    value_batna_sentence,
    verdict_sentence,
    zone_sentence,
)
from desktop_app.reports.formats import VERDICT_BADGE
from desktop_app.reports.proposal import long_date, proposal_content
from desktop_app.reports.template import MARGIN_X

COVER_BAND = 62 * mm


def cover_page(canvas: Canvas, doc: Any) -> None:
    """The cover's furniture (the first page's ``onPage``): an accent band with the
    document's name, a rule at the foot."""
    width, height = doc.pagesize
    canvas.setFillColor(styles.ACCENT)
    canvas.rect(0, height - COVER_BAND, width, COVER_BAND, stroke=0, fill=1)
    canvas.setFillColor(styles.WHITE)
    canvas.setFont(styles.FONT_BOLD, 9)
    canvas.drawString(MARGIN_X, height - 20 * mm, "LEVERAGE")
    canvas.setFont(styles.FONT, 9)
    canvas.drawRightString(width - MARGIN_X, height - 20 * mm, "CONFIDENTIAL")
    canvas.setFont(styles.FONT_BOLD, 22)
    canvas.drawString(MARGIN_X, height - 44 * mm, "Team brief")
    canvas.setFont(styles.FONT, 10)
    canvas.drawString(MARGIN_X, height - 51 * mm, "Negotiation preparation — for the team only")


def cover(ctx: BriefContext) -> list[Flowable]:
    info = ctx.case.info
    story: list[Flowable] = [Spacer(1, COVER_BAND - 6 * mm)]
    story.append(Paragraph(styles.text(info.title), styles.COVER_TITLE))
    if info.subject.strip():
        story.append(Paragraph(styles.text(info.subject, 600), styles.COVER_SUBTITLE))
    else:
        story.append(Spacer(1, 16))
    meta = [
        ("Client", info.client),
        ("Counterpart", info.counterpart),
        ("Prepared by", info.consultant),
        ("Prepared on", long_date(info.prepared_on)),
    ]
    cells = [
        [
            Paragraph(styles.text(label.upper()), styles.COVER_LABEL),
            Paragraph(styles.text(value or "—", 300), styles.COVER_VALUE),
        ]
        for label, value in meta
    ]
    half = ctx.width / 2
    grid = Table(
        [[cells[0], cells[1]], [cells[2], cells[3]]],
        colWidths=[half, half],
        hAlign="LEFT",
        splitInRow=1,
    )
    grid.setStyle(
        styles.house_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LINEABOVE", (0, 0), (-1, -1), 0.6, styles.GREY_LIGHT),
            ]
        )
    )
    story.append(grid)
    story.append(Spacer(1, 18 * mm))
    client = styles.text(ctx.client)
    story.append(
        blocks.callout(
            f"<b>Confidential.</b> Prepared for the negotiation team of {client}. This brief "
            "holds our walk-away price, our risk exposure and our view of the counterpart's "
            "alternatives: keep it inside the team and never hand it across the table. The "
            "document for the counterpart is the separate proposal.",
            colour=styles.ACCENT,
            background=styles.PANEL,
            width=ctx.width,
        )
    )
    story.append(NextPageTemplate("content"))
    return story


# --- the executive summary ---------------------------------------------------------------------

#: Tighter rows for the one-page summary's tables.
_COMPACT = (
    ("TOPPADDING", (0, 1), (-1, -1), 2.4),
    ("BOTTOMPADDING", (0, 1), (-1, -1), 2.8),
)


def _readiness_sentence(ctx: BriefContext) -> str:
    ready = ctx.analysis.readiness
    words = f"Readiness: {ready.passed} of {ready.total} checks passed"
    if ready.passed == ready.total:
        return words + " — the team has everything the method asks for."
    return words + " — see what to complete below."


def _verdict_block(ctx: BriefContext) -> Table:
    verdict = ctx.zopa.verdict
    colour, light = VERDICT_COLOURS[verdict]
    badge_words = VERDICT_BADGE[verdict].upper()
    room = ctx.width * 0.25 - 20  # the badge column less its padding
    longest = max(badge_words.split(), key=lambda w: stringWidth(w, styles.FONT_BOLD, 10))
    size = 17.0 if len(badge_words) < 12 else 12.0
    while size > 8 and stringWidth(longest, styles.FONT_BOLD, size) > room:
        size -= 0.5
    badge = Paragraph(
        styles.text(badge_words),
        ParagraphStyle(
            "Badge",
            fontName=styles.FONT_BOLD,
            fontSize=size,
            leading=size * 1.2,
            textColor=colour,
        ),
    )
    label = Paragraph("VERDICT ON OUR PROPOSAL", styles.FIGURE_LABEL)
    words = [verdict_sentence(ctx), leverage_sentence(ctx), _readiness_sentence(ctx)]
    body = [Paragraph(styles.text(w), styles.BODY_TIGHT) for w in words]
    table = Table(
        [[[label, badge], body]],
        colWidths=[ctx.width * 0.25, ctx.width * 0.75],
        hAlign="LEFT",
    )
    table.setStyle(
        styles.house_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), light),
                ("LINEBEFORE", (0, 0), (0, -1), 3.5, colour),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _ladder(ctx: BriefContext) -> Table:
    zopa, fmt, info = ctx.zopa, ctx.fmt, ctx.case.info
    scenario = ctx.case.proposal_scenario
    change = "first-year price per unit"
    if scenario is not None and scenario.annual_price_change_pct:
        change = f"first year, then {fmt.pct(scenario.annual_price_change_pct, 1)} a year"
    cards = [
        blocks.figure_card(
            "Opening · our proposal", fmt.price(zopa.proposal_price), change, colour=styles.OURS
        ),
        blocks.figure_card(
            "Target · fair price",
            fmt.price(zopa.fair_price),
            FAIR_PRICE_MEANING,
            colour=styles.GREEN,
        ),
        blocks.figure_card(
            "Walk-away · ours",
            fmt.price(zopa.our_walk_away),
            f"keeps a {info.min_margin_pct:g}% margin after the bad cases",
            colour=styles.RED,
        ),
        blocks.figure_card(
            "Their walk-away",
            fmt.price(zopa.their_walk_away),
            "what their cheapest way costs them",
            colour=styles.THEIRS,
        ),
    ]
    return blocks.card_row(cards, ctx.width)


def _zone(ctx: BriefContext) -> list[Flowable]:
    flow: list[Flowable] = []
    chart = ctx.charts.get("zopa_small")
    if chart is not None:
        flow.append(chart)
    lines = [f"<b>Zone of possible agreement:</b> {styles.text(zone_sentence(ctx))}."]
    lines += [styles.text(s) for s in (money_batna_sentence(ctx), value_batna_sentence(ctx)) if s]
    flow.append(blocks.para("<br/>".join(lines), styles.SMALL))
    return flow


def _headline_terms(ctx: BriefContext) -> list[Flowable]:
    content = proposal_content(ctx.case)
    fmt = ctx.fmt
    if content.years is None:
        return [blocks.para("There is no proposal scenario yet.", styles.SMALL)]
    parts = [f"{fmt.price(content.unit_price)} first-year price"]
    if content.annual_price_change_pct:
        parts[0] += f", {fmt.pct(content.annual_price_change_pct)} a year"
    if content.annual_volume is not None:
        parts.append(f"{fmt.number(content.annual_volume)} units a year")
    parts.append(f"{content.years} year{'s' if content.years != 1 else ''}")
    parts.append(f"{content.payment_days}-day payment")
    cap = content.liability_cap
    parts.append("uncapped liability" if cap is None else f"liability capped at {fmt.money(cap)}")
    flow: list[Flowable] = [blocks.para(styles.text(" · ".join(parts)), styles.SMALL)]
    terms = content.terms[:6]
    if terms:
        rows = [
            [blocks.cell(t.name, styles.CELL_BOLD, 60), blocks.cell(t.value, styles.CELL, 170)]
            for t in terms
        ]
        flow += [
            Spacer(1, 3),
            blocks.data_table(
                ["Term", "We propose"],
                rows,
                [ctx.width * 0.22, ctx.width * 0.78],
                extra=_COMPACT,
            ),
        ]
        if len(content.terms) > len(terms):
            flow.append(blocks.more_note(len(terms), len(content.terms), "terms"))
    return flow


def _exposure(ctx: BriefContext) -> list[Flowable]:
    fmt = ctx.fmt
    columns: list[tuple[str, ScenarioAnalysis]] = []
    if ctx.demand is not None:
        columns.append(("Their demand", ctx.demand))
    if ctx.proposal is not None:
        columns.append(("Our proposal", ctx.proposal))
    if not columns:
        return [blocks.para("No scenarios yet.", styles.SMALL)]
    alpha = ctx.case.info.risk_confidence
    filled = words(ctx.case.info)
    rows_spec: list[tuple[str, Callable[[ScenarioAnalysis], str]]] = [
        (figure.label_in(filled), partial(fmt.figure, figure)) for figure in EXPOSURE_FIGURES
    ]
    rows = [
        [
            blocks.cell(label),
            *(blocks.num(get(s), bold=name == "Our proposal") for name, s in columns),
        ]
        for label, get in rows_spec
    ]
    n = len(columns)
    widths = [ctx.width * 0.5] + [ctx.width * 0.5 / n] * n
    flow: list[Flowable] = [
        blocks.data_table(
            ["Under …", *(name for name, _ in columns)],
            rows,
            widths,
            numeric_from=1,
            extra=_COMPACT,
        )
    ]
    if ctx.demand is not None and ctx.proposal is not None:
        d, p = ctx.demand.loss.expected_shortfall, ctx.proposal.loss.expected_shortfall
        tail = f"the worst {100 * (1 - alpha):.3g}% of outcomes"
        if p > 0 and d > p:
            flow.append(
                blocks.para(
                    styles.text(
                        f"Under their demand, {tail} would cost us {fmt.compact(d)} on average: "
                        f"{d / p:.1f}× what they cost under our proposal ({fmt.compact(p)})."
                    ),
                    styles.NOTE,
                )
            )
    warning = thin_tail_warning(ctx.analysis.settings)
    if warning is not None:
        flow.append(
            blocks.para(
                f"<font color='{styles.RED_HEX}'><b>Caution.</b></font> " + styles.text(warning),
                styles.NOTE,
            )
        )
    return flow


def _to_complete(ctx: BriefContext) -> list[Flowable]:
    failed = [i for i in ctx.analysis.readiness.items if not i.passed]
    if not failed:
        return []
    items = [
        f"<font color='{styles.RED_HEX}'>✗</font> {styles.text(i.label)}"
        + (f" — <i>{styles.text(i.todo, 200)}</i>" if i.todo else "")
        for i in failed[:4]
    ]
    flow: list[Flowable] = [blocks.subheading("To complete before the meeting", outline=False)]
    flow += [blocks.para(item, styles.SMALL) for item in items]
    if len(failed) > 4:
        flow.append(blocks.para(f"… and {len(failed) - 4} more (see the appendix).", styles.NOTE))
    return flow


def executive_summary(ctx: BriefContext) -> list[Flowable]:
    """One page, whatever the case: the content is shrunk to fit if it would run over."""
    inner: list[Flowable] = [_verdict_block(ctx), Spacer(1, 8), _ladder(ctx), Spacer(1, 6)]
    inner += _zone(ctx)
    inner.append(blocks.subheading("The proposal's headline terms", outline=False))
    inner += _headline_terms(ctx)
    inner.append(
        blocks.subheading("Exposure and margin: their demand vs our proposal", outline=False)
    )
    inner += _exposure(ctx)
    inner += _to_complete(ctx)
    title = blocks.section(1, "Executive summary")
    budget = ctx.height - 42  # under the section title and its rule
    return [*title, KeepInFrame(ctx.width, budget, inner, mode="shrink")]


__all__ = ["cover", "cover_page", "executive_summary"]
