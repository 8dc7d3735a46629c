"""What the Deal tab shows, as texts: the trading plan and the offers of equal value as grid
content (``figure_grid``), the trades and the improvement in words (``analysis.wording``, the
sentences the text report and the brief say), with the app's own number format."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from desktop_app.analysis.deal_results import DealAnalysis, MesoOffer, Trade, TradeVerdict
from desktop_app.analysis.figures import TRADE_LABELS
from desktop_app.analysis.wording import (
    TRADE_VERDICT_WORDS,
    improvement_sentence,
    trade_advice,
    trade_sentence,
)
from desktop_app.i18n import N_, _
from desktop_app.i18n.numbers import grouped
from desktop_app.reports.formats import Fmt
from desktop_app.reports.text_deal import TERM_HEADERS
from desktop_app.ui.models.columns import format_money
from desktop_app.ui.models.figure_cells import Cell, Header
from desktop_app.ui.tabs.scenario_figures import short_number

Content = tuple[list[Header], list[Header], list[list[Cell]]]

VERDICT_COLOURS: dict[TradeVerdict, str] = {
    "trade": "#2e7d32",
    "even": "#666666",
    "hold": "#b00020",
}
#: The trading plan's columns: (the catalogue's label, its tooltip in English, marked).
TRADE_WORDS = (
    ("ours", N_("Our proposal's value of the term.")),
    ("theirs", N_("Their demand's value of the term.")),
    (
        "cost_to_us",
        N_(
            "What conceding the term to their demand costs us over the whole contract: our "
            "surplus falls by this much (a negative cost: it helps us)."
        ),
    ),
    (
        "value_to_them",
        N_(
            "What conceding the term is worth to them over the whole contract: their cost of "
            "the deal falls by this much."
        ),
    ),
    (
        "price_equivalent",
        N_("The first-year price increase, on the conceded terms, that makes us whole for it."),
    ),
    (
        "joint_gain",
        N_(
            "The value to them less what the price equivalent costs them: above 1 % of the "
            "value, both sides gain by trading the term for its price (trade); within ±1 % it "
            "only moves money from one side to the other (even); below, hold it."
        ),
    ),
    (
        "verdict",
        N_("trade: give it for its price equivalent; even: price only; hold: keep it."),
    ),
)
TERM_TIPS = {
    "payment_days": N_(
        "Days until we are paid: longer terms cost us financing and save them theirs."
    ),
    "liability_cap": N_(
        "The most we pay for one occurrence of a capped risk: the expected loss above it stays "
        "with them, the tail it cuts off is ours no more."
    ),
    "annual_price_change_pct": N_("How the unit price moves each year."),
}
#: The offers' columns: (title, tooltip) in English, marked.
OFFER_WORDS = (
    (N_("Price"), N_("The first-year unit price that gives us exactly our proposal's surplus.")),
    (N_("Price change / yr"), N_("How the unit price moves each year.")),
    (N_("Payment days"), N_("Days until we are paid.")),
    (N_("Liability cap"), N_("The most we pay for one occurrence of a capped risk.")),
    (
        N_("Our surplus"),
        N_(
            "Our conservative margin over our money BATNA, whole contract: the same in every offer."
        ),
    ),
    (
        N_("Their surplus"),
        N_(
            "What the deal saves them against their cheapest alternative on the terms they "
            "demand, whole contract."
        ),
    ),
)


def trade_columns() -> list[Header]:
    """The trading plan's columns in the language in use."""
    return [Header(_(TRADE_LABELS[key]), _(tip)) for key, tip in TRADE_WORDS]


def offer_columns() -> list[Header]:
    """The offers' columns in the language in use."""
    return [Header(_(title), _(tip)) for title, tip in OFFER_WORDS]


class Amounts:
    """How the tab writes amounts in the shared sentences: "1.05M EUR", "455.00 EUR", "−1.5 %"
    (the app's order: the figure, then the currency)."""

    def __init__(self, currency: str) -> None:
        self.currency = currency
        self._fmt = Fmt(currency, space=" ")

    def compact(self, value: float | None, *, currency: bool = True) -> str:
        text = self._fmt.compact(value, currency=False)
        return f"{text} {self.currency}" if currency and value is not None else text

    def price(self, value: float | None) -> str:
        return format_money(value, self.currency, 2)

    def money(self, value: float | None) -> str:
        return format_money(value, self.currency, 0)

    @staticmethod
    def pct(value: float | None, decimals: int = 1) -> str:
        return "—" if value is None else f"{grouped(value, decimals)} %"

    def cap(self, value: float | None) -> str:
        return _("uncapped") if value is None else self.money(value)

    def term(self, term: str, value: float | None) -> str:
        if term == "liability_cap":
            return self.cap(value)
        if term == "payment_days":
            return "—" if value is None else _("{days} days").format(days=short_number(value))
        return self.pct(value)


def trade_words(trade: Trade, amounts: Amounts) -> str:
    """The trade as said at the table, and what to do with it (plain text)."""
    return f"{trade_sentence(trade, amounts)}. {trade_advice(trade, amounts)}"


def trades_grid(trades: Sequence[Trade], amounts: Amounts) -> Content:
    """One row per trade (its term in the row header), ranked as the analysis ranks them."""
    rows = [Header(_(TERM_HEADERS[t.term]), _(TERM_TIPS[t.term])) for t in trades]
    cells = []
    for t in trades:
        tip = trade_words(t, amounts)
        cells.append(
            [
                Cell(amounts.term(t.term, t.ours), tip),
                Cell(amounts.term(t.term, t.theirs), tip),
                Cell(amounts.money(t.cost_to_us), tip),
                Cell(amounts.money(t.value_to_them), tip),
                Cell(amounts.price(t.price_equivalent), tip),
                Cell(amounts.money(t.joint_gain), tip),
                Cell(
                    _(TRADE_VERDICT_WORDS[t.verdict]),
                    tip,
                    numeric=False,
                    muted=t.verdict == "even",
                    alert=t.verdict == "hold",
                ),
            ]
        )
    return trade_columns(), rows, cells


def trades_html(trades: Sequence[Trade], amounts: Amounts) -> str:
    """The trades in words, numbered, the verdict in its colour (escaped rich text)."""
    items = []
    for number, t in enumerate(trades, start=1):
        colour = VERDICT_COLOURS[t.verdict]
        items.append(
            f"<p style='margin: 0 0 6px 0'><b>{number}. "
            f"<span style='color: {colour}'>{escape(trade_sentence(t, amounts))}</span></b>"
            f"<br/>{escape(trade_advice(t, amounts))}</p>"
        )
    return "".join(items)


def offer_name(number: int, offer: MesoOffer) -> str:
    return _("Our proposal") if offer.is_proposal else _("Offer {number}").format(number=number)


def offers_grid(offers: Sequence[MesoOffer], amounts: Amounts) -> Content:
    """The offers of equal value to us, our proposal first."""
    rows = [
        Header(
            offer_name(n, offer),
            _("The proposal as it stands.") if offer.is_proposal else _("The same value to us."),
            "our_proposal" if offer.is_proposal else None,
        )
        for n, offer in enumerate(offers, start=1)
    ]
    cells = [
        [
            Cell(amounts.price(o.unit_price)),
            Cell(amounts.pct(o.annual_price_change_pct)),
            Cell(_("{days} days").format(days=o.payment_days)),
            Cell(amounts.cap(o.liability_cap)),
            Cell(amounts.money(o.our_surplus)),
            Cell(amounts.money(o.their_surplus)),
        ]
        for o in offers
    ]
    return offer_columns(), rows, cells


def rate_note(deal: DealAnalysis) -> str:
    """Whose cost of capital prices their side of the terms."""
    rate = f"{short_number(deal.their_cost_of_capital_pct)} %"
    if deal.their_cost_of_capital_assumed:
        return _(
            "Their cost of capital is taken to be ours ({rate}): the case does not give theirs "
            "(Case tab). Payment days and yearly price changes then only move money from one "
            "side to the other."
        ).format(rate=rate)
    return _("Their cost of capital: {rate} a year.").format(rate=rate)


def improvement_text(deal: DealAnalysis, amounts: Amounts) -> str:
    """The package better for both in words, or why there is none."""
    if deal.improvement is not None:
        return improvement_sentence(deal.improvement, amounts)
    if deal.trades is None:
        return deal.reason or ""
    return deal.improvement_note or _("No package of these terms is better for both.")
