"""The text report's "Deal" and "Trading plan" sections (SPEC §8): what each term is worth to
each side, the trades in words a consultant can say at the table, the offers of equal value
and the package better for both. The sentences come from ``analysis.wording``."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from desktop_app.analysis.deal_results import DealAnalysis, DealSurplus, MesoOffer
from desktop_app.analysis.figures import TRADE_KEYS, TRADE_LABELS
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.analysis.wording import (
    TRADE_VERDICT_WORDS,
    number_g,
    percent_g,
    trade_advice,
    trade_sentence,
)
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, whole
from desktop_app.reports.formats import Fmt

#: A term's row header (English, marked: shown with ``_``; the app's deal tab reads it too).
TERM_HEADERS = {
    "payment_days": N_("Payment days"),
    "liability_cap": N_("Liability cap"),
    "annual_price_change_pct": N_("Price change / yr"),
}


def _heading(title: str) -> list[str]:
    upper = title.upper()
    return ["", upper, "=" * len(upper)]


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return ("  " + "  ".join(parts)).rstrip()

    return [line(headers), "  " + "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _term_value(term: str, value: float | None, fmt: Fmt) -> str:
    if term == "liability_cap":
        return fmt.cap(value)
    if term == "payment_days":
        return "—" if value is None else _("{days} days").format(days=number_g(value))
    return fmt.pct(value)


def _package_line(label: str, item: DealSurplus, fmt: Fmt) -> str:
    theirs = fmt.compact(item.their_surplus) if item.their_surplus is not None else _("unknown")
    return "  " + _(
        "{label}: {price}, {change} a year, {days} days, {cap} — our surplus {ours}, theirs "
        "{theirs}"
    ).format(
        label=label,
        price=fmt.price(item.unit_price),
        change=fmt.pct(item.annual_price_change_pct),
        days=item.payment_days,
        cap=fmt.cap(item.liability_cap),
        ours=fmt.compact(item.our_surplus),
        theirs=theirs,
    )


def _overview(case: Case, deal: DealAnalysis, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    lines = _heading(_("Deal: what every term is worth to each side"))
    rate = percent_g(deal.their_cost_of_capital_pct)
    if deal.their_cost_of_capital_assumed:
        lines.append(
            "  "
            + _(
                "Their cost of capital: {rate} (taken to be ours: the case does not give theirs)"
            ).format(rate=rate)
        )
    else:
        lines.append("  " + _("Their cost of capital: {rate}").format(rate=rate))
    names = {a.id: a.name or a.id for a in case.alternatives}
    if deal.our_batna_alternative is not None:
        lines.append(
            "  "
            + _(
                "Our money BATNA: “{name}”, worth {value} (feasibility × net value): the deal "
                "must beat it."
            ).format(
                name=names.get(deal.our_batna_alternative),
                value=fmt.compact(deal.our_batna_value),
            )
        )
    else:
        lines.append("  " + _("Our money BATNA: none (no alternative of ours has a net value)."))
    zopa = analysis.zopa
    if zopa.their_walk_away is not None:
        lines.append(
            "  "
            + _("Their walk-away on our proposal's terms: {price} (price alone: {alone}).").format(
                price=fmt.price(zopa.their_walk_away),
                alone=fmt.price(zopa.their_walk_away_price_only),
            )
        )
    if deal.proposal is not None:
        lines.append(_package_line(_("Our proposal"), deal.proposal, fmt))
        lines.append(
            "    "
            + _("the expected loss above our cap that stays with them: {amount}").format(
                amount=fmt.compact(deal.proposal.their_risk_kept)
            )
        )
    if deal.demand is not None:
        lines.append(_package_line(_("Their demand"), deal.demand, fmt))
    lines.append(
        "  "
        + _(
            "(Surplus: our conservative margin over our money BATNA; theirs, what the deal saves "
            "them against their cheapest alternative on the terms they demand.)"
        )
    )
    return lines


def _offer_row(number: int, offer: MesoOffer, fmt: Fmt) -> list[str]:
    return [
        _("Our proposal") if offer.is_proposal else _("Offer {number}").format(number=number),
        fmt.price(offer.unit_price),
        fmt.pct(offer.annual_price_change_pct),
        _("{days} days").format(days=offer.payment_days),
        fmt.cap(offer.liability_cap),
        fmt.compact(offer.our_surplus),
        fmt.compact(offer.their_surplus),
    ]


def _trading_plan(deal: DealAnalysis, fmt: Fmt) -> list[str]:
    lines = _heading(_("Trading plan (our proposal against their demand)"))
    if deal.trades is None:
        return [*lines, "  " + _("Not available: {reason}").format(reason=deal.reason)]
    if not deal.trades:
        lines.append(
            "  " + _("Our proposal asks for the same terms as their demand: only price is open.")
        )
    for number, trade in enumerate(deal.trades, start=1):
        lines.append(f"  {number}. {trade_sentence(trade, fmt)}")
        lines.append(f"     {trade_advice(trade, fmt)}")
    if deal.trades:
        body = [
            [
                _(TERM_HEADERS[t.term]),
                _term_value(t.term, t.ours, fmt),
                _term_value(t.term, t.theirs, fmt),
                fmt.money(t.cost_to_us),
                fmt.money(t.value_to_them),
                fmt.price(t.price_equivalent),
                fmt.money(t.joint_gain),
                _(TRADE_VERDICT_WORDS[t.verdict]),
            ]
            for t in deal.trades
        ]
        headers = [_("Term"), *(whole(TRADE_LABELS[key]) for key in TRADE_KEYS)]
        lines += ["", *_table(headers, body)]
    ways = _(
        "Three ways to agree (the same value to us; whichever they pick tells us what they value):"
    )
    lines += ["", *textwrap.wrap(ways, 88, initial_indent="  ", subsequent_indent="  ")]
    if deal.meso:
        body = [_offer_row(n, offer, fmt) for n, offer in enumerate(deal.meso, start=1)]
        headers = [
            "",
            _("Price"),
            _("Change / yr"),
            _("Payment"),
            _("Cap"),
            _("Our surplus"),
            _("Their surplus"),
        ]
        lines += _table(headers, body)
    if deal.meso_note:
        lines.append(f"  {deal.meso_note}")
    lines.append("")
    better = deal.improvement
    if better is None:
        none = _("Better for both: none. {note}").format(note=deal.improvement_note or "")
        lines.append(f"  {none}".rstrip())
    else:
        lines.append(
            "  "
            + _(
                "Better for both: {price} with {change} a year, {days} days, {cap}: we gain "
                "{ours}, they gain {theirs} (any price from {low} to {high} leaves both better "
                "off)."
            ).format(
                price=fmt.price(better.unit_price),
                change=fmt.pct(better.annual_price_change_pct),
                days=better.payment_days,
                cap=fmt.cap(better.liability_cap),
                ours=fmt.compact(better.our_gain),
                theirs=fmt.compact(better.their_gain),
                low=fmt.price(better.price_low),
                high=fmt.price(better.price_high),
            )
        )
    return lines


def deal_lines(case: Case, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    """The "Deal" and "Trading plan" sections of the text report."""
    deal = analysis.deal
    return [*_overview(case, deal, analysis, fmt), *_trading_plan(deal, fmt)]
