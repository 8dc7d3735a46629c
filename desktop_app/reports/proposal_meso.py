"""The proposal's "three ways to agree" (SPEC §8): the offers of equal value to us (MESO) as
the counterpart may read them — each one's commercial terms and nothing else.

``ways_to_agree`` copies out of the analysis's offers only their first-year price, yearly price
change, payment days and liability cap (``WayToAgree``): never a surplus, a walk-away, a risk
figure or anything else the analysis knows. It gives none when the offers were worked out for
another proposal than the one printed (an analysis older than the case) or when there is no
second offer. ``ways_block`` lays them out as a table under the proposal's own terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from desktop_app.analysis.deal_results import MesoOffer
from desktop_app.i18n import N_, _, language
from desktop_app.reports import blocks, styles
from desktop_app.reports.formats import NBSP, Fmt

#: The heading for two and three ways ("Three ways to agree"); more are counted in figures.
WAYS_HEADINGS = {2: N_("Two ways to agree"), 3: N_("Three ways to agree")}
#: The ways' names: the proposal above, then the others.
LETTERS = "ABCDEFGH"


@dataclass(frozen=True, slots=True)
class WayToAgree:
    """One way to agree as the counterpart reads it: its commercial terms only."""

    unit_price: float
    annual_price_change_pct: float
    payment_days: int
    liability_cap: float | None


def _matches(
    way: WayToAgree, price: float | None, change: float | None, days: int | None, cap: float | None
) -> bool:
    return (
        way.unit_price == price
        and way.annual_price_change_pct == change
        and way.payment_days == days
        and way.liability_cap == cap
    )


def ways_to_agree(
    offers: Sequence[MesoOffer] | None,
    *,
    unit_price: float | None,
    annual_price_change_pct: float | None,
    payment_days: int | None,
    liability_cap: float | None,
) -> tuple[WayToAgree, ...]:
    """The offers' commercial terms, our proposal's first, when they were worked out for the
    proposal whose terms are given (else none) and there are at least two."""
    ways = tuple(
        WayToAgree(o.unit_price, o.annual_price_change_pct, o.payment_days, o.liability_cap)
        for o in offers or ()
    )
    if len(ways) < 2 or not _matches(
        ways[0], unit_price, annual_price_change_pct, payment_days, liability_cap
    ):
        return ()
    return ways


def change_words(pct: float) -> str:
    """ "+2.5% a year" (German "+2,5 % pro Jahr"); "none: a fixed price" for no change."""
    if pct == 0:
        return _("none: a fixed price")
    sign = "−" if pct < 0 else "+"
    size = f"{abs(pct):g}"
    shown = f"{size}%" if language() == "en" else f"{size.replace('.', ',')}{NBSP}%"
    return _("{change} a year").format(change=sign + shown)


def way_cells(way: WayToAgree, currency: str) -> list[str]:
    """A way's terms as the table prints them: price, price change, payment, cap."""
    fmt = Fmt(currency)
    cap = way.liability_cap
    return [
        fmt.price(way.unit_price),
        change_words(way.annual_price_change_pct),
        _("{days} days net").format(days=way.payment_days),
        _("None") if cap is None else fmt.money(cap),
    ]


def ways_block(ways: Sequence[WayToAgree], currency: str, width: float) -> list[Flowable]:
    """The heading, one line on what the ways are, and the table (nothing without ways)."""
    if len(ways) < 2:
        return []
    heading = WAYS_HEADINGS.get(len(ways))
    title = _(heading) if heading else _("{count} ways to agree").format(count=len(ways))
    rows = []
    for letter, way in zip(LETTERS, ways, strict=False):
        name = _("{letter} — as proposed").format(letter=letter) if way is ways[0] else letter
        rows.append(
            [
                blocks.cell(name, styles.CELL_BOLD),
                *(blocks.num(c) for c in way_cells(way, currency)),
            ]
        )
    table = blocks.data_table(
        [
            _("Option"),
            _("Unit price, first year"),
            _("Annual price change"),
            _("Payment"),
            _("Liability cap"),
        ],
        rows,
        [width * 0.2, width * 0.2, width * 0.22, width * 0.16, width * 0.22],
        numeric_from=1,
    )
    return [
        blocks.KeepWithStart(
            [
                blocks.subheading(title, outline=False),
                blocks.para(
                    _(
                        "We would sign any of these packages: the volume, the contract term and "
                        "every other term stay as set out above. Tell us which suits you best."
                    ),
                    styles.BODY,
                ),
                table,
            ]
        )
    ]


__all__ = ["WayToAgree", "change_words", "way_cells", "ways_block", "ways_to_agree"]
