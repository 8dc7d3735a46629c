"""The team brief's executive summary: the game plan, on one page or two (the cover is in
``brief_cover``)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from desktop_app.analysis.game_plan import game_plan
from desktop_app.analysis.wording import thin_tail_warning
from desktop_app.i18n import _
from desktop_app.reports import blocks, brief_deal, brief_plan, styles
from desktop_app.reports.brief_base import (
    VERDICT_COLOURS,
    BriefContext,
    leverage_sentence,
    verdict_sentence,
)
from desktop_app.reports.formats import VERDICT_BADGE

# --- the executive summary: the game plan -------------------------------------------------------


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
    label = Paragraph(styles.text(_("Verdict on our proposal").upper()), styles.FIGURE_LABEL)
    words = [verdict_sentence(ctx), leverage_sentence(ctx)]
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


def _caution(ctx: BriefContext) -> list[Flowable]:
    """The warning when the risk tail (and so our walk-away) rests on too few runs."""
    warning = thin_tail_warning(ctx.analysis.settings)
    if warning is None:
        return []
    return [
        blocks.para(
            f"<font color='{styles.RED_HEX}'><b>{styles.text(_('Caution.'))}</b></font> "
            + styles.text(warning),
            styles.NOTE,
        )
    ]


def uncertainty_sentence(ctx: BriefContext) -> str | None:
    """Their uncertain walk-away in one sentence (SPEC §9): its P10–P90, P(deal) at our
    proposal's price, P(no zone) and the best single offer with its P(deal) and expected
    surplus; None without ranges on their alternatives."""
    found = ctx.analysis.their_walk_away
    if found is None:
        return None
    fmt = ctx.fmt
    words = [
        _(
            "Their walk-away is uncertain: from the ranges on their alternatives it lies "
            "between {p10} (P10) and {p90} (P90)."
        ).format(p10=fmt.price(found.p10), p90=fmt.price(found.p90))
    ]
    price = ctx.zopa.proposal_price
    if found.p_deal is not None and price is not None:
        words.append(
            _("P(deal), the chance they accept, at our proposal's {price}: {share}.").format(
                price=fmt.price(price), share=fmt.share(found.p_deal)
            )
        )
    if found.p_no_zone is not None:
        words.append(
            _("P(no zone), the chance there is no zone at all: {share}.").format(
                share=fmt.share(found.p_no_zone)
            )
        )
    if found.best_offer is not None:
        words.append(
            _("Best single offer: {price}, P(deal) {share}, expected surplus {surplus}.").format(
                price=fmt.price(found.best_offer),
                share=fmt.share(found.best_offer_p_deal),
                surplus=fmt.compact(found.best_offer_expected_surplus),
            )
        )
    elif found.best_offer_note:
        words.append(found.best_offer_note)
    return " ".join(words)


def uncertainty(ctx: BriefContext) -> list[Flowable]:
    """The summary's part on their uncertain walk-away: the sentence and the acceptance curve
    (nothing without ranges)."""
    sentence = uncertainty_sentence(ctx)
    if sentence is None:
        return []
    flow: list[Flowable] = [
        blocks.subheading(_("The chance of a deal"), outline=False),
        blocks.para(styles.text(sentence), styles.SMALL),
    ]
    chart = ctx.charts.get("acceptance")
    if chart is not None:
        flow.append(chart)
    return flow


def executive_summary(ctx: BriefContext) -> list[Flowable]:
    """The game plan (``analysis.game_plan``): the verdict, the price ladder, the chance of a
    deal when their walk-away is uncertain (``uncertainty``), the top trades
    (``brief_deal``), their strongest threats with our answers, the red lines, who leads, the
    questions to ask and what is still to complete — on one page, or two when it runs over
    (``brief_plan.two_pages``)."""
    plan = game_plan(ctx.case, ctx.analysis, ctx.fmt)
    # The summary starts at the top of a page, whatever the section break does.
    title = [
        f
        for f in blocks.section(
            1, _("Executive summary"), _("The game plan: what the team does on the day.")
        )
        if not isinstance(f, PageBreak | CondPageBreak)
    ]
    flow: list[Flowable] = [_verdict_block(ctx), Spacer(1, 2)]
    flow += brief_plan.ladder(ctx, plan)
    flow += uncertainty(ctx)
    flow += brief_deal.top_trades(ctx)
    flow += brief_plan.threats(ctx, plan)
    flow += brief_plan.red_lines(ctx, plan)
    flow += _caution(ctx)
    flow += brief_plan.who_leads(ctx, plan)
    flow += brief_plan.questions(ctx, plan)
    flow += brief_plan.still_to_complete(plan)
    heading = sum(brief_plan.height_of(f, ctx.width, ctx.height) for f in title)
    pages = brief_plan.two_pages(flow, ctx.width, ctx.height - heading, ctx.height)
    return [CondPageBreak(ctx.height * 0.9), *title, *pages]


__all__ = ["executive_summary", "uncertainty", "uncertainty_sentence"]
