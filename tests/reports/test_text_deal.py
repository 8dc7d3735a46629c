"""The text report's "Deal" and "Trading plan" sections (SPEC §8): the trades in words a
consultant can say at the table, the three ways to agree and the improvement, on the sample and
on hand cases."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.analysis import analyze_case
from desktop_app.domain.model import Case
from desktop_app.reports.text import format_report
from desktop_app.store.sample import sample_case
from tests.analysis.deal_reference import hand_case


def _report(case: Case) -> str:
    return format_report(case, analyze_case(case))


def _section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(title.upper())
    end = next((i for i in range(start + 2, len(lines)) if lines[i].isupper()), len(lines))
    return lines[start:end]


def test_the_sample_report_says_each_trade_at_the_table() -> None:
    text = _report(sample_case())
    deal = "\n".join(_section(text, "Deal: what every term is worth to each side"))
    assert "Their cost of capital: 8% (taken to be ours" in deal
    assert "Their walk-away on our proposal's terms: EUR 477.32 (price alone: EUR 485.31)." in deal
    plan = _section(text, "Trading plan (our proposal against their demand)")
    said = [line.strip() for line in plan if line.strip()[:3] in ("1. ", "2. ", "3. ")]
    assert said == [
        "1. Concede 90-day payment (worth EUR 1.05M to them, costs us EUR 1.05M): even",
        "2. Concede a 3% yearly price-down (worth EUR 2.36M to them, costs us EUR 2.36M): even",
        "3. Concede uncapped liability (worth EUR 732.38k to them, costs us EUR 6.52M): hold",
    ]
    joined = "\n".join(plan)
    assert "Three ways to agree" in joined
    assert "Our proposal  EUR 455.00" in joined
    assert "Better for both: none. Our proposal is efficient on these terms" in joined


def test_the_zone_names_both_figures_of_their_walk_away() -> None:
    text = _report(sample_case())
    zone = "\n".join(_section(text, "Zone of possible agreement (our proposal)"))
    assert "EUR 477.32" in zone and "by price alone (§2)" in zone and "EUR 485.31" in zone
    assert "62.5% of the zone" in zone and "aggressive" in zone


def test_a_trade_and_an_improvement_in_words() -> None:
    text = _report(hand_case(rate=4.0, their_rate=10.0))
    plan = "\n".join(_section(text, "Trading plan (our proposal against their demand)"))
    assert "Concede 90-day payment (" in plan and "): trade" in plan
    assert "Give it in return for EUR " in plan
    assert "Better for both: EUR " in plan and "we gain" in plan and "they gain" in plan


def test_without_their_demand_the_plan_says_what_is_missing() -> None:
    case = hand_case()
    text = _report(replace(case, scenarios=case.scenarios[:1]))
    plan = "\n".join(_section(text, "Trading plan (our proposal against their demand)"))
    assert "Not available: There is no scenario for their demand" in plan
