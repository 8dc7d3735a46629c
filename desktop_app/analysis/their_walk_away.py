"""Their walk-away as a distribution when their alternatives' money carries ranges (SPEC §9).

The draws
    An alternative of theirs with a unit price and a range on any of its unit price, switching
    cost, failure cost has its own stream, ``Generator(PCG64(SeedSequence([simulation_seed,
    K_id, 1])))`` with K_id as for a risk (``streams.stream_key``: the first 8 bytes of the
    SHA-256 of its id). Each run draws, from that stream and in this order, its unit price,
    switching cost and failure cost — the ranged ones only: ``Generator.random((runs, m))``
    with m the number of its ranged fields, row i being run i — and turns each uniform into
    triangular(low, value, high) by the inverse CDF (``triangular.inverse_cdf``). A range end
    left empty is the value itself (a one-sided range). Fields without a range keep their
    value; alternatives without any range are constants.

The walk-away of a run
    §8's term-aware walk-away of the cheapest feasible alternative in that run:
    W = (min_a T_a·(1 − r_t·d_D/365) + X(c_D) − X(c_P)) / (K·(1 − r_t·d_P/365)), T_a =
    u_a·Q + s_a + (1 − p_a)·f_a (``zopa.TheirTerms.price``, vectorised).

The figures
    P10/P50/P90 are quantiles of the runs' W by numpy's default (``method="linear"``: the
    value at position q·(n − 1) of the sorted runs, interpolated between neighbours).
    P(deal) at a price p is the share of runs with W ≥ p; P(no zone) the share with W < our
    walk-away. The best single offer maximises the expected surplus U_us(p)·P(W ≥ p) over the
    grid from our walk-away up to the largest W in steps of max(0.01, range/2000) (the first
    grid price on a tie). The curve is P(deal) at ≤ 200 evenly spaced prices from the lower of
    the smallest W and our walk-away to the higher of the largest W and our proposal's price.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np

from desktop_app.analysis.deal import terms_of, their_terms
from desktop_app.analysis.deal_model import DealModel
from desktop_app.analysis.results import WalkAwayDistribution
from desktop_app.analysis.streams import stream_key
from desktop_app.analysis.triangular import FloatArray, inverse_cdf
from desktop_app.analysis.zopa import TheirTerms
from desktop_app.domain.model import Alternative, Case, Scenario
from desktop_app.domain.schema import RANGED_MONEY
from desktop_app.i18n import N_, _

#: The grid of the best offer: at most this many steps, none finer than a cent.
GRID_STEPS = 2000
MIN_STEP = 0.01
#: The acceptance curve's points at most.
CURVE_POINTS = 200
#: The quantiles reported, and how (numpy's default; module doc).
QUANTILES = (0.1, 0.5, 0.9)
QUANTILE_METHOD: Final = "linear"


def range_of(alternative: Alternative, field: str) -> tuple[float, float] | None:
    """(low, high) of one money field of ``alternative``, an empty end being the value; None
    when the field has no range (or no value)."""
    value = getattr(alternative, field)
    low = getattr(alternative, f"{field}_low")
    high = getattr(alternative, f"{field}_high")
    if value is None or (low is None and high is None):
        return None
    return (value if low is None else low, value if high is None else high)


def is_ranged(alternative: Alternative) -> bool:
    """One of their price-based alternatives with a range on any of its money fields."""
    return (
        alternative.side == "theirs"
        and alternative.unit_price is not None
        and any(range_of(alternative, field) is not None for field in RANGED_MONEY)
    )


def has_ranges(alternatives: Sequence[Alternative]) -> bool:
    return any(is_ranged(a) for a in alternatives)


def alternative_generator(seed: int, alternative_id: str) -> np.random.Generator:
    """The alternative's own stream (module doc)."""
    sequence = np.random.SeedSequence([seed, stream_key(alternative_id), 1])
    return np.random.Generator(np.random.PCG64(sequence))


def field_draws(alternative: Alternative, seed: int, runs: int) -> dict[str, FloatArray]:
    """The drawn values of each ranged field of ``alternative``, by field name."""
    ranged = [
        (field, bounds)
        for field in RANGED_MONEY
        if (bounds := range_of(alternative, field)) is not None
    ]
    if not ranged:
        return {}
    uniforms = alternative_generator(seed, alternative.id).random((runs, len(ranged)))
    draws: dict[str, FloatArray] = {}
    for column, (field, (low, high)) in enumerate(ranged):
        value = float(getattr(alternative, field))
        draws[field] = inverse_cdf(np.ascontiguousarray(uniforms[:, column]), low, value, high)
    return draws


def cheapest_costs(
    alternatives: Sequence[Alternative], units: float, *, seed: int, runs: int
) -> FloatArray | None:
    """min_a T_a in every run over their feasible price-based alternatives (None: none)."""
    best: FloatArray | None = None
    for alt in alternatives:
        if alt.side != "theirs" or alt.unit_price is None or alt.feasibility <= 0.0:
            continue
        draws = field_draws(alt, seed, runs)
        price = draws.get("unit_price", alt.unit_price)
        switching = draws.get("switching_cost", alt.switching_cost)
        failure = draws.get("failure_cost", alt.failure_cost)
        total = np.broadcast_to(
            np.asarray(price * units + switching + (1.0 - alt.feasibility) * failure, float),
            (runs,),
        )
        best = total.copy() if best is None else np.minimum(best, total)
    return best


def walk_away_samples(
    alternatives: Sequence[Alternative],
    units: float,
    k: float,
    terms: TheirTerms,
    *,
    seed: int,
    runs: int,
) -> FloatArray | None:
    """W of every run (module doc); None without a feasible price-based alternative, when
    the proposal's terms leave no price (K·(1 − r_t·d/365) ≤ 0) or when a run's W is past
    what a float holds."""
    scale = k * terms.proposal_factor
    # Valid amounts may still cost more over the volume than a float holds (~1.8e308): such a
    # run's W is no number, and a distribution with it none either (None, said by no figure).
    with np.errstate(over="ignore", invalid="ignore"):
        totals = cheapest_costs(alternatives, units, seed=seed, runs=runs)
        if totals is None or scale <= 0.0:
            return None
        shift = terms.reference_kept - terms.proposal_kept
        samples: FloatArray = (totals * terms.reference_factor + shift) / scale
    if not np.isfinite(samples).all():
        return None
    return samples


def acceptance(sorted_samples: FloatArray, prices: FloatArray) -> FloatArray:
    """P(W ≥ p) at each price, from the runs' W sorted ascending."""
    n = sorted_samples.shape[0]
    below = np.searchsorted(sorted_samples, prices, side="left")
    shares: FloatArray = (n - below) / n
    return shares


def best_offer(
    sorted_samples: FloatArray, walk_away: float, slope: float, fixed: float
) -> tuple[float, float, float] | None:
    """(P*, P(deal) at P*, U_us(P*)·P(deal)) over the grid of the module doc, with U_us(p) =
    slope·p − fixed; None when no run's W reaches our walk-away."""
    top = float(sorted_samples[-1])
    if top < walk_away:
        return None
    step = max(MIN_STEP, (top - walk_away) / GRID_STEPS)
    count = int(np.floor((top - walk_away) / step + 1e-9)) + 1
    prices: FloatArray = walk_away + step * np.arange(count, dtype=float)
    shares = acceptance(sorted_samples, prices)
    expected = (slope * prices - fixed) * shares
    best = int(np.argmax(expected))
    return float(prices[best]), float(shares[best]), float(expected[best])


def curve(
    sorted_samples: FloatArray, walk_away: float | None, price: float | None
) -> tuple[tuple[float, float], ...]:
    """The acceptance curve (module doc): (price, P(deal)) pairs, at most ``CURVE_POINTS``."""
    lo = float(sorted_samples[0])
    hi = float(sorted_samples[-1])
    if walk_away is not None:
        lo = min(lo, walk_away)
    if price is not None:
        hi = max(hi, price)
    points = CURVE_POINTS if hi > lo else 1
    prices: FloatArray = np.linspace(lo, hi, points)
    shares = acceptance(sorted_samples, prices)
    return tuple((float(p), float(s)) for p, s in zip(prices, shares, strict=True))


NOT_REACHED = N_(
    "No run of their walk-away reaches ours: no offer at or above it would be accepted."
)


def distribution(
    samples: FloatArray,
    *,
    price: float | None,
    walk_away: float | None,
    slope: float,
    fixed: float,
    ranged: tuple[str, ...],
) -> WalkAwayDistribution:
    """Every figure of the module doc from the runs' W; U_us(p) = slope·p − fixed."""
    ordered = np.sort(samples)
    p10, p50, p90 = (float(np.quantile(ordered, q, method=QUANTILE_METHOD)) for q in QUANTILES)
    p_deal = float(acceptance(ordered, np.array([price]))[0]) if price is not None else None
    p_no_zone = None
    best = None
    note = None
    if walk_away is not None:
        p_no_zone = 1.0 - float(acceptance(ordered, np.array([walk_away]))[0])
        best = best_offer(ordered, walk_away, slope, fixed)
        note = _(NOT_REACHED) if best is None else None
    return WalkAwayDistribution(
        p10=p10,
        p50=p50,
        p90=p90,
        p_deal=p_deal,
        p_no_zone=p_no_zone,
        best_offer=best[0] if best else None,
        best_offer_p_deal=best[1] if best else None,
        best_offer_expected_surplus=best[2] if best else None,
        best_offer_note=note,
        curve=curve(ordered, walk_away, price),
        runs=int(ordered.shape[0]),
        ranged_alternatives=ranged,
    )


def their_walk_away_distribution(
    case: Case, proposal: Scenario, model: DealModel | None, walk_away: float | None
) -> WalkAwayDistribution | None:
    """SPEC §9's distribution on our proposal (None without ranges, without the proposal's
    volume or without a feasible price-based alternative of theirs); ``walk_away`` is ours."""
    ranged = tuple(sorted(a.id for a in case.alternatives if is_ranged(a)))
    if not ranged or model is None or proposal.annual_volume is None:
        return None
    terms = terms_of(proposal)
    info = case.info
    samples = walk_away_samples(
        case.alternatives,
        proposal.annual_volume * proposal.years,
        model.k(terms),
        their_terms(model, proposal),
        seed=info.simulation_seed,
        runs=info.simulation_runs,
    )
    if samples is None:
        return None
    fixed = model.cost + model.shortfall(terms.liability_cap) + model.our_batna
    return distribution(
        samples,
        price=proposal.unit_price,
        walk_away=walk_away,
        slope=model.our_factor(terms),
        fixed=fixed,
        ranged=ranged,
    )
