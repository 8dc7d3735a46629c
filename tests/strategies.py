"""Hypothesis strategies for valid case documents (the JSON form of SPEC §1/§5)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# Any Unicode but control characters (which the app strips) and lone surrogates (not text).
TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t")
SCRIPTS = st.sampled_from(
    [
        "Ελληνικά",
        "Русский текст",
        "Zażółć gęślą jaźń",
        "日本語のテキスト",
        "<b>&amp;</b>",
        "<img src='http://example.com/x.png'>",
        "a & b < c > d",
        "\"quoted\" 'single'",
    ]
)
texts = st.one_of(st.text(TEXT_CHARS, max_size=24), SCRIPTS)
money = st.integers(0, 50_000_000).map(float) | st.floats(0, 1e7, allow_nan=False)
fraction = st.floats(0, 1, allow_nan=False)
score = st.integers(0, 10).map(float) | st.floats(0, 10, allow_nan=False)


@st.composite
def case_documents(draw: st.DrawFn, *, max_items: int = 4) -> dict[str, Any]:
    """A valid document with every field given (so ``dump(import(doc)) == doc``)."""
    n_crit = draw(st.integers(0, max_items))
    criteria = [
        {
            "id": f"c{i}",
            "side": draw(st.sampled_from(["ours", "theirs"])),
            "name": draw(texts),
            "weight": draw(st.floats(0, 100, allow_nan=False)),
            "description": draw(texts),
        }
        for i in range(n_crit)
    ]
    side_of = {c["id"]: c["side"] for c in criteria}

    def scores_for(sides: tuple[str, ...]) -> dict[str, float]:
        allowed = [c for c, s in side_of.items() if s in sides]
        chosen = draw(st.lists(st.sampled_from(allowed), unique=True)) if allowed else []
        return {c: draw(score) for c in chosen}

    alternatives = []
    for i in range(draw(st.integers(0, max_items))):
        side = draw(st.sampled_from(["ours", "theirs"]))
        alternatives.append(
            {
                "id": f"a{i}",
                "side": side,
                "name": draw(texts),
                "description": draw(texts),
                "feasibility": draw(fraction),
                "scores": scores_for((side,)),
                "pros": draw(st.lists(texts, max_size=3)),
                "cons": draw(st.lists(texts, max_size=3)),
                "unit_price": draw(st.none() | money),
                "switching_cost": draw(money),
                "failure_cost": draw(money),
            }
        )
    risks = []
    for i in range(draw(st.integers(0, max_items))):
        low, likely, high = sorted(draw(st.lists(money, min_size=3, max_size=3)))
        risks.append(
            {
                "id": f"r{i}",
                "name": draw(texts),
                "category": draw(texts),
                "probability": draw(fraction),
                "frequency": draw(st.sampled_from(["per_contract", "per_year"])),
                "impact_low": low,
                "impact_likely": likely,
                "impact_high": high,
                "capped_by_liability": draw(st.booleans()),
                "mitigation": draw(texts),
                "owner": draw(texts),
            }
        )
    parties = []
    interest_ids: list[str] = []
    for i in range(draw(st.integers(0, max_items))):
        interests = []
        for j in range(draw(st.integers(0, 2))):
            interest_ids.append(f"i{i}-{j}")
            interests.append(
                {"id": f"i{i}-{j}", "text": draw(texts), "priority": draw(st.integers(1, 5))}
            )
        parties.append(
            {
                "id": f"p{i}",
                "name": draw(texts.filter(lambda t: t.strip() != "")),
                "side": draw(st.sampled_from(["ours", "theirs", "third"])),
                "role": draw(texts),
                "influence": draw(st.integers(1, 5)),
                "stance": draw(st.integers(-2, 2)),
                "notes": draw(texts),
                "interests": interests,
            }
        )
    roles = draw(
        st.lists(
            st.sampled_from(["their_demand", "our_proposal", "other"]), max_size=max_items
        ).filter(lambda r: r.count("their_demand") <= 1 and r.count("our_proposal") <= 1)
    )
    scenarios = []
    for i, role in enumerate(roles):
        overrides: dict[str, Any] = {}
        for risk in (
            draw(st.lists(st.sampled_from(risks), unique_by=lambda r: r["id"])) if risks else []
        ):
            overrides[risk["id"]] = {
                "probability": draw(st.none() | fraction),
                "impact_low": None,
                "impact_likely": None,
                "impact_high": draw(st.none() | st.just(risk["impact_high"] * 2)),
            }
        scenarios.append(
            {
                "id": f"s{i}",
                "name": draw(texts),
                "role": role,
                "unit_price": draw(st.none() | st.floats(0.01, 1e5, allow_nan=False)),
                "annual_volume": draw(st.none() | st.floats(1, 1e7, allow_nan=False)),
                "years": draw(st.integers(1, 30)),
                "annual_price_change_pct": draw(st.floats(-50, 50, allow_nan=False)),
                "payment_days": draw(st.integers(0, 365)),
                "liability_cap": draw(st.none() | money),
                "scores": scores_for(("ours", "theirs")),
                "risk_overrides": overrides,
                "terms": [
                    {"name": draw(texts), "value": draw(texts), "rationale": draw(texts)}
                    for _ in range(draw(st.integers(0, 2)))
                ],
            }
        )
    alt_ids = [a["id"] for a in alternatives]
    lo, hi = sorted(draw(st.lists(fraction, min_size=2, max_size=2)))
    return {
        "format": "leverage-case",
        "version": 1,
        "case": {
            "title": draw(texts.filter(lambda t: t.strip() != "" and len(t) <= 200)),
            "client": draw(texts),
            "counterpart": draw(texts),
            "consultant": draw(texts),
            "subject": draw(texts),
            "notes": draw(texts),
            "currency": draw(st.sampled_from(["EUR", "USD", "PLN", "JPY"])),
            "prepared_on": draw(st.none() | st.dates().map(lambda d: d.isoformat())),
            "min_margin_pct": draw(st.floats(0, 99.9, allow_nan=False)),
            "cost_of_capital_pct": draw(st.floats(0, 100, allow_nan=False)),
            "risk_confidence": draw(st.floats(0.5, 0.999, allow_nan=False)),
            "fair_band": [lo, hi],
            "simulation_runs": draw(st.integers(1_000, 1_000_000)),
            "simulation_seed": draw(st.integers(0, 2**63 - 1)),
            "sensitivity_pct": draw(st.floats(1, 90, allow_nan=False)),
        },
        "parties": parties,
        "criteria": criteria,
        "alternatives": alternatives,
        "cost_lines": [
            {
                "id": f"k{i}",
                "name": draw(texts),
                "basis": draw(st.sampled_from(["per_unit", "per_year", "one_time"])),
                "amount": draw(money),
            }
            for i in range(draw(st.integers(0, max_items)))
        ],
        "risks": risks,
        "scenarios": scenarios,
        "proposal": {
            "statement": draw(texts),
            "talking_points": [
                {
                    "alternative_id": draw(st.none() | st.sampled_from(alt_ids))
                    if alt_ids
                    else None,
                    "text": draw(texts),
                }
                for _ in range(draw(st.integers(0, 3)))
            ],
            "addresses_interests": draw(st.lists(st.sampled_from(interest_ids), unique=True))
            if interest_ids
            else [],
        },
    }
