"""The team brief's "Trading plan" section (SPEC §8) and the top trades of its executive
summary: what every term that differs between our proposal and their demand is worth to each
side, which to give and what to ask in return (worded as the text report and the app word it,
``analysis.wording``), three offers of equal value to us, the package better for both, and the
chart of what each package is worth to each side."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from desktop_app.analysis.deal_results import DealAnalysis, MesoOffer, Trade, TradeVerdict
from desktop_app.analysis.figures import TRADE_KEYS, TRADE_LABELS
from desktop_app.analysis.wording import (
    TRADE_VERDICT_WORDS,
    improvement_sentence,
    number_g,
    percent_g,
    trade_advice,
    trade_sentence,
)
from desktop_app.i18n import N_, _, ngettext
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import BriefContext, fit_widths, plain_cells
from desktop_app.reports.formats import Fmt
from desktop_app.reports.text_deal import TERM_HEADERS

#: The section's title (English, marked: shown with ``_``).
TITLE = N_("Trading plan")
#: Trades shown in the executive summary (the best by joint gain).
SUMMARY_TRADES = 3
#: A verdict's colour in a table: give it for price, it only moves money, keep it.
VERDICT_HEX: dict[TradeVerdict, str] = {
    "trade": styles.GREEN_HEX,
    "even": styles.GREY_DARK_HEX,
    "hold": styles.RED_HEX,
}
_COMPACT = (
    ("TOPPADDING", (0, 1), (-1, -1), 2.4),
    ("BOTTOMPADDING", (0, 1), (-1, -1), 2.8),
)


def term_value(term: str, value: float | None, fmt: Fmt) -> str:
    """A term's value in a table cell: "45 days", "EUR 2M" / "uncapped", "−1.5%"."""
    if term == "liability_cap":
        return _("uncapped") if value is None else fmt.compact(value)
    if term == "payment_days":
        return "—" if value is None else _("{days} days").format(days=number_g(value))
    return fmt.pct(value)


def verdict_cell(verdict: TradeVerdict) -> object:
    colour = VERDICT_HEX[verdict]
    return blocks.mcell(
        f"<font color='{colour}'><b>{styles.text(_(TRADE_VERDICT_WORDS[verdict]))}</b></font>"
    )


def _trade_rows(trades: Sequence[Trade], fmt: Fmt) -> list[list[object]]:
    return [
        [
            blocks.cell(_(TERM_HEADERS[t.term]), styles.CELL_BOLD),
            term_value(t.term, t.ours, fmt),
            term_value(t.term, t.theirs, fmt),
            fmt.compact(t.cost_to_us),
            fmt.compact(t.value_to_them),
            fmt.price(t.price_equivalent),
            fmt.compact(t.joint_gain),
            verdict_cell(t.verdict),
        ]
        for t in trades
    ]


def _term_words(trades: Sequence[Trade]) -> dict[int, list[str]]:
    """The bold words of a trades table: the terms (first) and the verdicts (``last``)."""
    return {
        0: [_(TERM_HEADERS[t.term]) for t in trades],
        -1: [_(TRADE_VERDICT_WORDS[t.verdict]) for t in trades],
    }


def trades_table(trades: Sequence[Trade], fmt: Fmt, width: float) -> Flowable:
    w = width
    headers = [_("Term"), *(TRADE_LABELS[key] for key in TRADE_KEYS)]
    rows = _trade_rows(trades, fmt)
    words = _term_words(trades)
    widths = fit_widths(
        [w * 0.17, w * 0.11, w * 0.11, w * 0.12, w * 0.13, w * 0.13, w * 0.12, w * 0.11],
        headers,
        words={0: words[0], len(headers) - 1: words[-1]},
        lines=plain_cells(rows),
    )
    return blocks.data_table(headers, rows, widths, numeric_columns=(3, 4, 5, 6), extra=_COMPACT)


def trade_words(trades: Sequence[Trade], fmt: Fmt) -> list[Flowable]:
    """Each trade as a consultant says it at the table, and what to do with it."""
    items = [
        f"<b>{styles.text(trade_sentence(t, fmt))}.</b> {styles.text(trade_advice(t, fmt))}"
        for t in trades
    ]
    return blocks.bullets(items)


def _offer_row(number: int, offer: MesoOffer, fmt: Fmt) -> list[object]:
    name = _("Our proposal") if offer.is_proposal else _("Offer {number}").format(number=number)
    return [
        blocks.cell(name, styles.CELL_BOLD),
        fmt.price(offer.unit_price),
        fmt.pct(offer.annual_price_change_pct),
        _("{days} days").format(days=offer.payment_days),
        fmt.cap(offer.liability_cap),
        fmt.compact(offer.our_surplus),
        fmt.compact(offer.their_surplus),
    ]


def offers_table(offers: Sequence[MesoOffer], fmt: Fmt, width: float) -> Flowable:
    w = width
    headers = [
        "",
        _("Price"),
        _("Change / yr"),
        _("Payment"),
        _("Liability cap"),
        _("Our surplus"),
        _("Their surplus"),
    ]
    rows = [_offer_row(n, offer, fmt) for n, offer in enumerate(offers, start=1)]
    names = [_("Our proposal"), _("Offer {number}").format(number=len(offers))]
    widths = fit_widths(
        [w * 0.16, w * 0.13, w * 0.13, w * 0.12, w * 0.16, w * 0.15, w * 0.15],
        headers,
        words={0: names},
        lines=plain_cells(rows),
    )
    return blocks.data_table(
        headers, rows, widths, numeric_columns=(1, 2, 3, 4, 5, 6), extra=_COMPACT
    )


def improvement_words(deal: DealAnalysis, fmt: Fmt) -> str:
    """The package better for both in one sentence, or why there is none."""
    if deal.improvement is None:
        return deal.improvement_note or _("No package of these terms is better for both.")
    return improvement_sentence(deal.improvement, fmt)


def _rate_words(deal: DealAnalysis) -> str:
    rate = percent_g(deal.their_cost_of_capital_pct)
    if deal.their_cost_of_capital_assumed:
        return _(
            "Their cost of capital is taken to be ours ({rate}; the case does not give theirs): "
            "payment days and yearly price changes then only move money from one side to the "
            "other."
        ).format(rate=rate)
    return _("Their cost of capital: {rate} a year.").format(rate=rate)


def trading_plan_section(ctx: BriefContext, number: int) -> list[Flowable]:
    """Section "Trading plan": the trades, the offers of equal value, the improvement and the
    chart (a short note with the reason when the case cannot have them yet)."""
    deal, fmt, w = ctx.analysis.deal, ctx.fmt, ctx.width
    story = blocks.section(
        number,
        _(TITLE),
        _(
            "What each term where our proposal and their demand differ is worth to each side: "
            "which to give and what to ask in return, three offers of equal value to us, and "
            "whether a package is better for both."
        ),
    )
    if deal.trades is None:
        story.append(
            blocks.para(
                styles.text(_("Not available: {reason}").format(reason=deal.reason)),
                styles.SMALL,
            )
        )
        return story
    story.append(blocks.para(styles.text(_rate_words(deal)), styles.NOTE))
    if deal.trades:
        # Right under the title (its rows may go on to the next page, under their header).
        story.append(trades_table(deal.trades, fmt, w))
        story += trade_words(deal.trades, fmt)
    else:
        story.append(
            blocks.para(
                _("Our proposal asks for the same terms as their demand: only the price is open."),
                styles.SMALL,
            )
        )
    story.append(blocks.subheading(_("Three ways to agree")))
    story.append(
        blocks.para(
            _(
                "Offers of the same value to us on other terms, the best for them first: "
                "whichever they pick tells us what they value. Surplus: our conservative margin "
                "over our money BATNA; theirs, what the deal saves them against their cheapest "
                "alternative on the terms they demand — both over the whole contract."
            ),
            styles.NOTE,
        )
    )
    if deal.meso:
        story.append(offers_table(deal.meso, fmt, w))
    if deal.meso_note:
        story.append(blocks.para(styles.text(deal.meso_note), styles.NOTE))
    story.append(blocks.subheading(_("Better for both")))
    colour, light = (
        (styles.GREEN, styles.GREEN_LIGHT)
        if deal.improvement is not None
        else (styles.GREY_DARK, styles.PANEL)
    )
    story.append(
        blocks.callout(
            styles.text(improvement_words(deal, fmt)), colour=colour, background=light, width=w
        )
    )
    chart = ctx.charts.get("deal")
    if chart is not None:
        story += blocks.figure(
            chart,
            _(
                "Each line is one combination of payment days, liability cap and yearly price "
                "change, its first-year price swept from our walk-away to theirs; the packages "
                "on the table are marked."
            ),
        )
    return story


def top_trades(ctx: BriefContext) -> list[Flowable]:
    """The executive summary's trades: the best ``SUMMARY_TRADES`` by joint gain, each in
    words with what to do (nothing when there is no trading plan)."""
    trades = ctx.analysis.deal.trades
    if not trades:
        return []
    fmt, w = ctx.fmt, ctx.width
    shown = trades[:SUMMARY_TRADES]
    rows = [
        [
            blocks.cell(_(TERM_HEADERS[t.term]), styles.CELL_BOLD),
            blocks.mcell(
                f"{styles.text(trade_sentence(t, fmt))}<br/>"
                f"<font color='{styles.GREY_DARK_HEX}'>{styles.text(trade_advice(t, fmt))}</font>"
            ),
            verdict_cell(t.verdict),
        ]
        for t in shown
    ]
    headers = [_("Term"), _("In words, and what to do"), TRADE_LABELS["verdict"]]
    words = _term_words(shown)
    widths = fit_widths([w * 0.17, w * 0.72, w * 0.11], headers, words={0: words[0], 2: words[-1]})
    flow: list[Flowable] = [
        blocks.subheading(_("The top trades"), outline=False),
        blocks.data_table(headers, rows, widths, extra=_COMPACT),
    ]
    rest = len(trades) - len(shown)
    if rest > 0:
        more = ngettext(
            "{count} more in the trading plan.", "{count} more in the trading plan.", rest
        )
        flow.append(blocks.para(more.format(count=rest), styles.NOTE))
    return flow


__all__ = ["TITLE", "top_trades", "trading_plan_section"]
