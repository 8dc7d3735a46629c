"""The text report's "Their walk-away, uncertain" section (SPEC §9), shown when their
alternatives carry ranges: the walk-away's spread, the chance of a deal at our price and
the best single offer."""

from __future__ import annotations

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.reports.formats import NA, Fmt


def uncertainty_lines(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    """The section, or nothing without ranges."""
    found = analysis.their_walk_away
    if found is None:
        return []
    title = "Their walk-away, uncertain"
    lines = ["", title.upper(), "=" * len(title)]
    lines.append(
        f"  From the ranges on {len(found.ranged_alternatives)} of their alternatives, "
        f"{found.runs:,} runs: P10 {fmt.price(found.p10)}, P50 {fmt.price(found.p50)}, "
        f"P90 {fmt.price(found.p90)}."
    )
    price = analysis.zopa.proposal_price
    if found.p_deal is not None and price is not None:
        lines.append(
            f"  Chance of a deal at our proposal's {fmt.price(price)}: {fmt.share(found.p_deal)}."
        )
    if found.p_no_zone is not None:
        lines.append(f"  Chance that there is no zone at all: {fmt.share(found.p_no_zone)}.")
    if found.best_offer is not None:
        lines.append(
            f"  Best single offer: {fmt.price(found.best_offer)} (chance of a deal "
            f"{fmt.share(found.best_offer_p_deal)}, expected surplus "
            f"{fmt.compact(found.best_offer_expected_surplus)})."
        )
    elif found.best_offer_note:
        lines.append(f"  Best single offer: {NA}. {found.best_offer_note}")
    return lines
