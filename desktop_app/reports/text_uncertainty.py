"""The text report's "Their walk-away, uncertain" section (SPEC §9), shown when their
alternatives carry ranges: the walk-away's spread, the chance of a deal at our price and
the best single offer."""

from __future__ import annotations

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.i18n import _, numbers
from desktop_app.reports.formats import NA, Fmt


def uncertainty_lines(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    """The section, or nothing without ranges."""
    found = analysis.their_walk_away
    if found is None:
        return []
    title = _("Their walk-away, uncertain").upper()
    lines = ["", title, "=" * len(title)]
    lines.append(
        "  "
        + _(
            "From the ranges on {count} of their alternatives, {runs} runs: P10 {p10}, "
            "P50 {p50}, P90 {p90}."
        ).format(
            count=len(found.ranged_alternatives),
            runs=numbers.grouped(found.runs, 0),
            p10=fmt.price(found.p10),
            p50=fmt.price(found.p50),
            p90=fmt.price(found.p90),
        )
    )
    price = analysis.zopa.proposal_price
    if found.p_deal is not None and price is not None:
        lines.append(
            "  "
            + _("Chance of a deal at our proposal's {price}: {chance}.").format(
                price=fmt.price(price), chance=fmt.share(found.p_deal)
            )
        )
    if found.p_no_zone is not None:
        lines.append(
            "  "
            + _("Chance that there is no zone at all: {chance}.").format(
                chance=fmt.share(found.p_no_zone)
            )
        )
    if found.best_offer is not None:
        lines.append(
            "  "
            + _(
                "Best single offer: {price} (chance of a deal {chance}, expected surplus "
                "{surplus})."
            ).format(
                price=fmt.price(found.best_offer),
                chance=fmt.share(found.best_offer_p_deal),
                surplus=fmt.compact(found.best_offer_expected_surplus),
            )
        )
    elif found.best_offer_note:
        lines.append(
            "  "
            + _("Best single offer: {none}. {note}").format(none=NA, note=found.best_offer_note)
        )
    return lines
