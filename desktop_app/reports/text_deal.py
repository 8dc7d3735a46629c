"""The text report's "Deal" and "Trading plan" sections (SPEC §8): what each term is worth to
each side, the trades in words a consultant can say at the table, the offers of equal value
and the package better for both. The sentences come from ``analysis.wording``."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.analysis.deal_results import DealAnalysis, DealSurplus, MesoOffer
from desktop_app.analysis.figures import TRADE_KEYS, TRADE_LABELS
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.analysis.wording import trade_advice, trade_sentence
from desktop_app.domain.model import Case
from desktop_app.reports.formats import Fmt

TERM_HEADERS = {
    "payment_days": "Payment days",
    "liability_cap": "Liability cap",
    "annual_price_change_pct": "Price change / yr",
}


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "=" * len(title)]


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
        return "—" if value is None else f"{value:g} days"
    return fmt.pct(value)


def _package_line(label: str, item: DealSurplus, fmt: Fmt) -> str:
    theirs = fmt.compact(item.their_surplus) if item.their_surplus is not None else "unknown"
    return (
        f"  {label}: {fmt.price(item.unit_price)}, {fmt.pct(item.annual_price_change_pct)} a "
        f"year, {item.payment_days} days, {fmt.cap(item.liability_cap)} — our surplus "
        f"{fmt.compact(item.our_surplus)}, theirs {theirs}"
    )


def _overview(case: Case, deal: DealAnalysis, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    lines = _heading("Deal: what every term is worth to each side")
    rate = f"{deal.their_cost_of_capital_pct:g}%"
    if deal.their_cost_of_capital_assumed:
        rate += " (taken to be ours: the case does not give theirs)"
    lines.append(f"  Their cost of capital: {rate}")
    names = {a.id: a.name or a.id for a in case.alternatives}
    if deal.our_batna_alternative is not None:
        lines.append(
            f"  Our money BATNA: “{names.get(deal.our_batna_alternative)}”, worth "
            f"{fmt.compact(deal.our_batna_value)} (feasibility × net value): the deal must "
            "beat it."
        )
    else:
        lines.append("  Our money BATNA: none (no alternative of ours has a net value).")
    zopa = analysis.zopa
    if zopa.their_walk_away is not None:
        lines.append(
            f"  Their walk-away on our proposal's terms: {fmt.price(zopa.their_walk_away)} "
            f"(price alone: {fmt.price(zopa.their_walk_away_price_only)})."
        )
    if deal.proposal is not None:
        lines.append(_package_line("Our proposal", deal.proposal, fmt))
        lines.append(
            "    the expected loss above our cap that stays with them: "
            f"{fmt.compact(deal.proposal.their_risk_kept)}"
        )
    if deal.demand is not None:
        lines.append(_package_line("Their demand", deal.demand, fmt))
    lines.append(
        "  (Surplus: our conservative margin over our money BATNA; theirs, what the deal saves "
        "them against their cheapest alternative on the terms they demand.)"
    )
    return lines


def _offer_row(number: int, offer: MesoOffer, fmt: Fmt) -> list[str]:
    return [
        "Our proposal" if offer.is_proposal else f"Offer {number}",
        fmt.price(offer.unit_price),
        fmt.pct(offer.annual_price_change_pct),
        f"{offer.payment_days} days",
        fmt.cap(offer.liability_cap),
        fmt.compact(offer.our_surplus),
        fmt.compact(offer.their_surplus),
    ]


def _trading_plan(deal: DealAnalysis, fmt: Fmt) -> list[str]:
    lines = _heading("Trading plan (our proposal against their demand)")
    if deal.trades is None:
        return [*lines, f"  Not available: {deal.reason}"]
    if not deal.trades:
        lines.append("  Our proposal asks for the same terms as their demand: only price is open.")
    for number, trade in enumerate(deal.trades, start=1):
        lines.append(f"  {number}. {trade_sentence(trade, fmt)}")
        lines.append(f"     {trade_advice(trade, fmt)}")
    if deal.trades:
        body = [
            [
                TERM_HEADERS[t.term],
                _term_value(t.term, t.ours, fmt),
                _term_value(t.term, t.theirs, fmt),
                fmt.money(t.cost_to_us),
                fmt.money(t.value_to_them),
                fmt.price(t.price_equivalent),
                fmt.money(t.joint_gain),
                t.verdict,
            ]
            for t in deal.trades
        ]
        headers = ["Term", *(TRADE_LABELS[key] for key in TRADE_KEYS)]
        lines += ["", *_table(headers, body)]
    lines += [
        "",
        "  Three ways to agree (the same value to us; whichever they pick tells us what they",
        "  value):",
    ]
    if deal.meso:
        body = [_offer_row(n, offer, fmt) for n, offer in enumerate(deal.meso, start=1)]
        headers = ["", "Price", "Change / yr", "Payment", "Cap", "Our surplus", "Their surplus"]
        lines += _table(headers, body)
    if deal.meso_note:
        lines.append(f"  {deal.meso_note}")
    lines.append("")
    better = deal.improvement
    if better is None:
        lines.append(f"  Better for both: none. {deal.improvement_note or ''}".rstrip())
    else:
        lines.append(
            f"  Better for both: {fmt.price(better.unit_price)} with "
            f"{fmt.pct(better.annual_price_change_pct)} a year, {better.payment_days} days, "
            f"{fmt.cap(better.liability_cap)}: we gain {fmt.compact(better.our_gain)}, they gain "
            f"{fmt.compact(better.their_gain)} (any price from {fmt.price(better.price_low)} to "
            f"{fmt.price(better.price_high)} leaves both better off)."
        )
    return lines


def deal_lines(case: Case, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    """The "Deal" and "Trading plan" sections of the text report."""
    deal = analysis.deal
    return [*_overview(case, deal, analysis, fmt), *_trading_plan(deal, fmt)]
