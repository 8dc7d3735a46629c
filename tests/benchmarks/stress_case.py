"""A stress case (SPEC §7): 100 parties, 200 alternatives, 1,000 risks, 50 cost lines and
10 scenarios with realistic magnitudes, deterministic for a given seed.

Run as a script to write it as JSON: ``python tests/benchmarks/stress_case.py -o stress.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    Correlation,
    CostLine,
    Criterion,
    Interest,
    Party,
    Proposal,
    Risk,
    RiskOverride,
    Scenario,
    TalkingPoint,
    Term,
)
from desktop_app.domain.validate import validate_case

PARTIES = 100
ALTERNATIVES = 200
RISKS = 1_000
COST_LINES = 50
SCENARIOS = 10

_CATEGORIES = ("Liability", "Supply", "Commercial", "Financial", "Operational", "Quality")


def _parties(rng: random.Random) -> tuple[Party, ...]:
    parties = []
    for n in range(PARTIES):
        side = "ours" if n < 15 else "theirs" if n < 80 else "third"
        interests = tuple(
            Interest(id=f"i-{n}-{k}", text=f"Interest {k} of party {n}", priority=rng.randint(1, 5))
            for k in range(rng.randint(1, 3))
        )
        parties.append(
            Party(
                id=f"p-{n:03d}",
                name=f"Party {n} — Włodzimierz Ζαχαρίου 山田",
                side=side,
                role="decision maker" if n % 10 == 0 else "influencer",
                influence=rng.randint(1, 5),
                stance=rng.randint(-2, 2),
                notes="Notes " * 20,
                interests=interests,
            )
        )
    return tuple(parties)


def _criteria(rng: random.Random) -> tuple[Criterion, ...]:
    theirs = tuple(
        Criterion(
            id=f"c-t-{n}", side="theirs", name=f"Their criterion {n}", weight=rng.randint(5, 40)
        )
        for n in range(8)
    )
    ours = tuple(
        Criterion(id=f"c-o-{n}", side="ours", name=f"Our criterion {n}", weight=rng.randint(5, 40))
        for n in range(6)
    )
    return theirs + ours


def _scores(
    rng: random.Random, criteria: tuple[Criterion, ...], side: str | None
) -> dict[str, float]:
    return {c.id: float(rng.randint(0, 10)) for c in criteria if side is None or c.side == side}


def _alternatives(rng: random.Random, criteria: tuple[Criterion, ...]) -> tuple[Alternative, ...]:
    result = []
    for n in range(ALTERNATIVES):
        side = "theirs" if n % 2 == 0 else "ours"
        priced = side == "theirs" and n % 10 != 0
        result.append(
            Alternative(
                id=f"a-{n:03d}",
                side=side,
                name=f"Alternative {n}",
                description="What they could do instead. " * 5,
                feasibility=round(rng.uniform(0.1, 0.95), 2),
                scores=_scores(rng, criteria, side),
                pros=("A pro", "Another pro"),
                cons=("A con", "A second con", "A third con"),
                unit_price=round(rng.uniform(47.0, 62.0), 2) if priced else None,
                switching_cost=float(rng.randrange(500_000, 12_000_000, 10_000)) if priced else 0.0,
                failure_cost=float(rng.randrange(1_000_000, 40_000_000, 10_000)) if priced else 0.0,
            )
        )
    return tuple(result)


def _cost_lines(rng: random.Random) -> tuple[CostLine, ...]:
    lines = []
    for n in range(COST_LINES):
        basis = ("per_unit", "per_year", "one_time")[n % 3]
        amount = (
            round(rng.uniform(0.5, 2.5), 2)
            if basis == "per_unit"
            else float(rng.randrange(20_000, 400_000, 1_000))
            if basis == "per_year"
            else float(rng.randrange(50_000, 1_500_000, 1_000))
        )
        lines.append(CostLine(id=f"k-{n:02d}", name=f"Cost line {n}", basis=basis, amount=amount))
    return tuple(lines)


def _risks(rng: random.Random) -> tuple[Risk, ...]:
    risks = []
    for n in range(RISKS):
        low = float(rng.randrange(500, 10_000, 100))
        likely = low + float(rng.randrange(0, 15_000, 100))
        high = likely + float(rng.randrange(0, 150_000, 100))
        risks.append(
            Risk(
                id=f"r-{n:04d}",
                name=f"Risk {n}",
                category=_CATEGORIES[n % len(_CATEGORIES)],
                probability=round(rng.uniform(0.005, 0.25), 3),
                frequency="per_year" if n % 3 == 0 else "per_contract",
                impact_low=low,
                impact_likely=likely,
                impact_high=high,
                capped_by_liability=n % 2 == 0,
                mitigation="" if n % 17 == 0 else "Mitigation plan",
                owner="Owner",
            )
        )
    return tuple(risks)


def _scenarios(rng: random.Random, criteria: tuple[Criterion, ...]) -> tuple[Scenario, ...]:
    result = []
    roles = ["our_proposal", "their_demand"] + ["other"] * (SCENARIOS - 2)
    for n, role in enumerate(roles):
        overrides = {
            f"r-{rng.randrange(RISKS):04d}": RiskOverride(probability=round(rng.uniform(0, 0.3), 3))
            for _ in range(5)
        }
        result.append(
            Scenario(
                id=f"s-{n:02d}",
                name=f"Scenario {n}",
                role=role,  # type: ignore[arg-type]
                unit_price=round(rng.uniform(46.0, 56.0), 2),
                annual_volume=float(rng.randrange(400_000, 900_000, 10_000)),
                years=rng.randint(3, 7),
                annual_price_change_pct=round(rng.uniform(-3.0, 0.0), 1),
                payment_days=rng.choice((30, 45, 60, 90)),
                liability_cap=rng.choice((None, 250_000.0, 500_000.0, 2_000_000.0)),
                scores=_scores(rng, criteria, None),
                risk_overrides=overrides,
                terms=(Term("Price", "As proposed", "Fair"), Term("Payment", "45 days", "Cash")),
            )
        )
    return tuple(result)


def build_stress_case(seed: int = 7) -> Case:
    """The stress case, validated; the same ``seed`` always gives the same case."""
    rng = random.Random(seed)
    parties = _parties(rng)
    criteria = _criteria(rng)
    alternatives = _alternatives(rng, criteria)
    theirs = [p for p in parties if p.side == "theirs"]
    case = Case(
        info=CaseInfo(
            title="Stress case",
            client="Client",
            counterpart="Counterpart",
            prepared_on="2026-11-20",
            simulation_runs=20_000,
        ),
        parties=parties,
        criteria=criteria,
        alternatives=alternatives,
        cost_lines=_cost_lines(rng),
        risks=_risks(rng),
        scenarios=_scenarios(rng, criteria),
        proposal=Proposal(
            statement="Decent and fair.",
            talking_points=tuple(
                TalkingPoint(a.id, f"Why {a.name} is worse")
                for a in alternatives
                if a.side == "theirs"
            ),
            addresses_interests=tuple(p.interests[0].id for p in theirs[::2]),
        ),
    )
    return validate_case(case)


#: Correlated pairs of the SPEC §13 stress case (disjoint pairs of risks).
CORRELATED_PAIRS = 20


def build_uncertain_stress_case(seed: int = 7) -> Case:
    """The stress case with SPEC §9 on top (the §13 bar): a range on every money field of
    every price-based alternative of theirs, and 20 correlated pairs of risks."""
    case = build_stress_case(seed)
    rng = random.Random(seed + 1)

    def ranged(alt: Alternative) -> Alternative:
        if alt.side != "theirs" or alt.unit_price is None:
            return alt
        spread = rng.uniform(0.05, 0.15)
        return replace(
            alt,
            unit_price_low=round(alt.unit_price * (1 - spread), 2),
            unit_price_high=round(alt.unit_price * (1 + 2 * spread), 2),
            switching_cost_low=alt.switching_cost * 0.5,
            switching_cost_high=alt.switching_cost * 2.0,
            failure_cost_low=alt.failure_cost * 0.8,
            failure_cost_high=alt.failure_cost * 1.5,
        )

    ids = rng.sample([r.id for r in case.risks], 2 * CORRELATED_PAIRS)
    correlations = tuple(
        Correlation(ids[2 * k], ids[2 * k + 1], round(rng.uniform(-0.5, 0.8), 2))
        for k in range(CORRELATED_PAIRS)
    )
    return validate_case(
        replace(
            case,
            alternatives=tuple(ranged(a) for a in case.alternatives),
            correlations=correlations,
        )
    )


def main() -> None:
    from desktop_app.domain.schema import to_raw

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    case = build_stress_case(args.seed)
    raw = {"format": "leverage-case", "version": 1, "case": to_raw(case.info)}
    for key in ("parties", "criteria", "alternatives", "cost_lines", "risks", "scenarios"):
        raw[key] = to_raw(getattr(case, key))
    raw["proposal"] = to_raw(case.proposal)
    Path(args.output).write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
