"""The game plan (``analysis.game_plan``): the price ladder, the threats, the red lines, who
leads, the questions to ask and what is still to complete — on hand-made cases whose figures
are worked out by hand, and on the sample."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.analysis.figures import LADDER_LABELS, ZOPA_LABELS
from desktop_app.analysis.game_plan import STEPS, game_plan, to_complete
from desktop_app.analysis.results import IntelligenceItem
from desktop_app.analysis.team import team
from desktop_app.analysis.threats import ANSWER_LIMIT, one_line, questions_to_ask, top_threats
from desktop_app.analysis.wording import FAIR_PRICE_MEANING
from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    CostLine,
    Criterion,
    Interest,
    Party,
    Proposal,
    Risk,
    Scenario,
    TalkingPoint,
)
from desktop_app.reports.formats import Fmt
from desktop_app.store.sample import sample_case


class PlainFmt(Fmt):
    """The reports' formatter with plain spaces (it may glue a currency to its amount)."""

    def money(self, value: float | None, decimals: int = 0) -> str:
        return super().money(value, decimals).replace("\u00a0", " ")


FMT = PlainFmt("EUR")


@pytest.fixture(scope="module")
def sample() -> tuple[Case, CaseAnalysis]:
    case = sample_case()
    return case, analyze_case(case)


# --- the price ladder --------------------------------------------------------------------------


def ladder_case(proposal_price: float = 130.0) -> Case:
    """One year, 1,000 units, no price change, no risks, paid at once (no financing cost):

    - our walk-away = cost / (K·(1 − m)) = 80 × 1,000 / (1,000 × (1 − 0.2)) = 100.00
    - their walk-away (SPEC §8: their alternative comes with the 73 payment days they demand,
      worth 10 % × 73 / 365 = 2 % of the price to them at their cost of capital, which is
      ours; we are paid at once) = 150 × 1,000 × (1 − 0.02) / 1,000 = 147.00
    - the fair price = the middle of the zone = (100 + 147) / 2 = 123.50
    - their demand = 90.00, our opening = the proposal's price.
    """
    return Case(
        info=CaseInfo(
            title="Ladder", min_margin_pct=20.0, cost_of_capital_pct=10.0, simulation_runs=1_000
        ),
        alternatives=(Alternative("a-rival", "theirs", "Rival", unit_price=150.0, cons=("x",)),),
        cost_lines=(CostLine("k", "Material", "per_unit", 80.0),),
        scenarios=(
            Scenario("s-prop", "Ours", "our_proposal", proposal_price, 1_000.0, 1, payment_days=0),
            Scenario("s-dem", "Theirs", "their_demand", 90.0, 1_000.0, 1, payment_days=73),
        ),
    )


def test_the_ladder_is_ordered_by_price_with_hand_worked_figures() -> None:
    case = ladder_case()
    plan = game_plan(case, analyze_case(case), FMT)
    rungs = [(r.key, round(r.price or 0.0, 6)) for r in plan.ladder]
    assert rungs == [
        ("their_walk_away", 147.0),
        ("proposal_price", 130.0),
        ("fair_price", 123.5),
        ("our_walk_away", 100.0),
        ("demand_price", 90.0),
    ]
    # The catalogue's labels, the plan's steps, and what each one means.
    assert [r.label for r in plan.ladder] == [LADDER_LABELS[k] for k, _ in rungs]
    assert plan.ladder[0].label == ZOPA_LABELS["their_walk_away"]
    assert [r.step for r in plan.ladder] == [STEPS[k] for k, _ in rungs]
    meanings = {r.key: r.meaning for r in plan.ladder}
    assert "“Rival”" in meanings["their_walk_away"]
    assert FAIR_PRICE_MEANING in meanings["fair_price"]
    assert "the minimum of 20%" in meanings["our_walk_away"]
    # 100.00 − 90.00 = 10.00 below our walk-away
    assert "EUR 10.00 below our walk-away" in meanings["demand_price"]
    # (130 − 100) / (147 − 100) = 63.8 %: above the fair band [40 %, 60 %]
    assert "it takes 63.8% of the zone — aggressive" in meanings["proposal_price"]


def test_an_opening_above_their_walk_away_climbs_the_ladder() -> None:
    case = ladder_case(proposal_price=160.0)
    plan = game_plan(case, analyze_case(case), FMT)
    assert [r.key for r in plan.ladder] == [
        "proposal_price",
        "their_walk_away",
        "fair_price",
        "our_walk_away",
        "demand_price",
    ]
    assert "above their walk-away" in plan.ladder[0].meaning


def test_unknown_prices_go_last_saying_why() -> None:
    case = replace(ladder_case(), alternatives=())
    plan = game_plan(case, analyze_case(case), FMT)
    assert [r.key for r in plan.ladder] == [
        "proposal_price",
        "our_walk_away",
        "demand_price",
        "their_walk_away",
        "fair_price",
    ]
    assert plan.ladder[-2].price is None and plan.ladder[-2].meaning.startswith("Unknown")
    assert plan.ladder[-1].price is None and plan.ladder[-1].meaning.startswith("Unknown")


def test_the_sample_ladder(sample: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = sample
    plan = game_plan(case, analysis, FMT)
    shown = [(r.step, FMT.price(r.price)) for r in plan.ladder]
    assert shown == [
        # Their money BATNA "Delay" on our terms (SPEC §8): T/K = 485.3107 on the 90 days they
        # demand, uncapped; our 45 days are worth 45 × 8 % / 365 of the price less to them and
        # the expected loss above our cap (EUR 732,375) stays with them:
        # (T·(1 − 0.08 × 90/365) − 732,375) / (K·(1 − 0.08 × 45/365)) = 477.32
        ("Their limit", "EUR 477.32"),
        ("Our opening", "EUR 455.00"),  # the proposal's price
        ("Our target", "EUR 447.53"),  # (417.7414 + 477.3242) / 2
        ("Our limit", "EUR 417.74"),
        ("Their opening", "EUR 410.00"),  # their demand's price
    ]
    assert plan.package is not None and "liability capped at EUR 2,000,000" in plan.package


# --- red lines -----------------------------------------------------------------------------------


def test_red_lines_of_the_hand_made_case() -> None:
    case = ladder_case()
    plan = game_plan(case, analyze_case(case), FMT)
    lines = {line.topic: line for line in plan.red_lines}
    assert list(lines) == ["Price", "Our margin", "Payment"]  # no cap, no risks: no liability line
    assert "Not below EUR 100.00 a unit" in lines["Price"].line
    # Their demand pays in 73 days: revenue 130 × 1,000 × 10% × 73 / 365 = EUR 2,600 more.
    assert lines["Payment"].line == "Paid within 0 days"
    assert "Their 73 days would cost us EUR 2,600 more in financing" in lines["Payment"].why
    # Their terms (73 days): our walk-away = 80,000 / (1,000 × (1 − 0.2 − 0.02)) = 102.56
    assert "On their demand's terms (payment in 73 days) it would be EUR 102.56" in (
        lines["Price"].why
    )
    assert "at least 20%" in lines["Our margin"].line


def test_red_lines_of_the_sample(sample: tuple[Case, CaseAnalysis]) -> None:
    plan = game_plan(*sample, FMT)
    lines = {line.topic: line for line in plan.red_lines}
    assert list(lines) == ["Price", "Our margin", "Liability", "Payment"]
    assert "EUR 417.74" in lines["Price"].line and "EUR 465.42" in lines["Price"].why
    assert "Capped at EUR 2,000,000" in lines["Liability"].line
    assert "EUR 4,545,322" in lines["Liability"].why and "EUR 11,280,819" in lines["Liability"].why
    # 106,767,478 × 8% × (90 − 45) / 365 = 1,053,049
    assert "EUR 1,053,049 more" in lines["Payment"].why


# --- threats -----------------------------------------------------------------------------------


def threat_case() -> Case:
    """Our proposal: EUR 100 a unit, 1,000 units, one year (K = 1,000); worth 80 points to them
    (one criterion, score 8). Their alternatives, with how close each comes (below 0: it beats
    our proposal for them):

    - Cheap rival: EUR 95 → (95 − 100) / 100 = −5 % on price (value: score 0 → 100 %)
    - Pricey rival: EUR 120 → +20 % on price
    - Near rival: EUR 110 → +10 % on price
    - In-house: no price; score 10, feasibility 0.9 → EV 90 → (80 − 90) / 80 = −12.5 % on value
    - Impossible: EUR 50 but feasibility 0 → never a threat
    """
    criteria = (Criterion("c", "theirs", "Cost", 1.0),)
    alternatives = (
        Alternative("a-pricey", "theirs", "Pricey rival", unit_price=120.0),
        Alternative("a-cheap", "theirs", "Cheap rival", unit_price=95.0),
        Alternative("a-near", "theirs", "Near rival", unit_price=110.0),
        Alternative("a-self", "theirs", "In-house", feasibility=0.9, scores={"c": 10.0}),
        Alternative("a-never", "theirs", "Impossible", feasibility=0.0, unit_price=50.0),
    )
    return Case(
        info=CaseInfo(title="Threats", simulation_runs=1_000),
        criteria=criteria,
        alternatives=alternatives,
        # Paid at once and no demand: no term to price, their prices compare as they are.
        scenarios=(
            Scenario(
                "s", "Ours", "our_proposal", 100.0, 1_000.0, 1, payment_days=0, scores={"c": 8.0}
            ),
        ),
        proposal=Proposal(
            talking_points=(
                TalkingPoint(
                    "a-cheap",
                    "Their quote leaves out the tooling, the requalification and the line "
                    "trials, which together cost more than the difference. Second sentence.",
                ),
            )
        ),
    )


def test_the_threats_are_the_alternatives_closest_to_beating_our_proposal() -> None:
    case = threat_case()
    threats = top_threats(case, analyze_case(case), FMT)
    assert [t.alternative_id for t in threats.shown] == ["a-self", "a-cheap", "a-near"]
    assert [round(t.closeness or 0.0, 6) for t in threats.shown] == [-0.125, -0.05, 0.1]
    assert [t.view for t in threats.shown] == ["value", "price", "price"]
    assert [t.beats_us for t in threats.shown] == [True, True, False]
    assert threats.considered == 4  # "Impossible" (feasibility 0) is never a threat
    cheap = threats.shown[1]
    assert "costs them EUR 95.00 as a first-year price, 5.0% less than ours" in cheap.facts
    # The consultant's words, cut to the first sentence.
    assert cheap.answer == (
        "Their quote leaves out the tooling, the requalification and the line trials, which "
        "together cost more than the difference."
    )
    assert cheap.answer_status == "handwritten"
    # A generated point, without the name it opens with.
    in_house = threats.shown[0]
    assert in_house.answer_status == "generated"
    assert in_house.answer and not in_house.answer.startswith("In-house")


def test_the_sample_threats(sample: tuple[Case, CaseAnalysis]) -> None:
    threats = top_threats(*sample, FMT)
    # Delay (+6.7 % on price), dual-sourcing (+7.2 %), Brandt (+14.2 %).
    assert [t.alternative_id for t in threats.shown] == ["a-delay", "a-dual", "a-brandt"]
    assert threats.considered == 5
    assert all(t.answer and not t.beats_us for t in threats.shown)


def test_one_line_answers() -> None:
    assert one_line("Rival: it costs more. And it is slow to start.", "Rival") == (
        "It costs more. And it is slow to start."
    )  # a short first sentence takes the next one
    # A name with a colon of its own ends a sentence in a generated point.
    assert one_line("Delay: wait. It costs you the price-down, every year.", "Delay: wait") == (
        "It costs you the price-down, every year."
    )
    long = "word " * 100
    answer = one_line(long, "Rival")
    assert len(answer) <= ANSWER_LIMIT and answer.endswith("…")
    assert one_line("   ", "Rival") == ""


# --- questions ---------------------------------------------------------------------------------


def test_questions_follow_the_intelligence_list(sample: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = sample
    plan = game_plan(case, analysis, FMT)
    assert [q.input for q in plan.questions] == [i.input for i in analysis.intelligence[:5]]
    first = plan.questions[0]
    assert first.text == (
        "What would “Delay: extend phase one month by month” really cost you per unit?"
    )
    assert "We assume EUR 472.00" in first.why and "decide whether there is a deal" in first.why
    volume = next(q for q in plan.questions if q.input and q.input.endswith(".annual_volume"))
    assert volume.text == "How many units a year will you really order over the contract?"


def test_questions_are_asked_in_the_intelligence_order_of_any_analysis() -> None:
    case = threat_case()
    analysis = analyze_case(case)
    items = (
        IntelligenceItem(
            "alternatives.a-near.feasibility", "F", "theirs", 1.0, 3.0, "How likely…?"
        ),
        IntelligenceItem("alternatives.a-near.switching_cost", "S", "theirs", 0.0, 2.0, "…?"),
        IntelligenceItem("alternatives.a-near.failure_cost", "C", "theirs", 0.0, 1.0, "…?"),
    )
    analysis = replace(analysis, intelligence=items)
    threats = top_threats(case, analysis, FMT)
    asked = questions_to_ask(case, analysis, threats, FMT)
    assert [q.text for q in asked] == [
        "How sure are you that “Near rival” can really be done, and by when?",
        "What would it really take to get “Near rival” going — qualification, tooling, the "
        "learning curve?",
        "What would it cost you if “Near rival” failed — a line stoppage, a recall?",
        # Then what is least known of all: a threat with no price.
        "What would “In-house” really cost you — per unit, to switch, and if it failed?",
    ]
    assert "±20% on it moves the zone by EUR 3.00 a unit" in asked[0].why
    assert asked[-1].input is None


# --- who leads ---------------------------------------------------------------------------------


def test_who_leads_in_the_sample(sample: tuple[Case, CaseAnalysis]) -> None:
    people = team(sample[0])
    assert people.lead_named
    assert [(p.name, p.part) for p in people.ours] == [
        ("Marek Nowak", "leads"),  # "Head of Sales — lead negotiator"
        ("Dr. Katarzyna Wiśniewska", "decides"),  # "CEO, Kessler — decision maker"
        ("Elena Vasquez", "team"),
    ]
    theirs = people.theirs
    assert (theirs[0].name, theirs[0].part, theirs[0].action) == (
        "Jürgen Albrecht",
        "decides",
        "Win over",  # influence 5, sceptical
    )
    assert [p.name for p in theirs[1:]] == ["Dr. Hiroshi Tanaka", "Sophie Laurent"]
    assert theirs[1].action == "Keep close" and theirs[2].action == "Win over"
    assert theirs[0].needs == "Show a yearly cost-down on the part" and theirs[0].addressed


def test_without_a_named_lead_the_most_influential_leads() -> None:
    case = Case(
        parties=(
            Party("p1", "Ann", "ours", role="CFO", influence=3),
            Party("p2", "Bob", "ours", role="Owner", influence=5),
            Party(
                "p3",
                "Cy",
                "theirs",
                role="Buyer",
                influence=2,
                stance=-2,
                interests=(Interest("i", "Low price", 2), Interest("j", "Safety", 5)),
            ),
            Party("p4", "Di", "theirs", role="Engineer", influence=4, stance=1),
        )
    )
    people = team(case)
    assert not people.lead_named
    assert [(p.name, p.part) for p in people.ours] == [("Bob", "leads"), ("Ann", "team")]
    assert [(p.name, p.part, p.action) for p in people.theirs] == [
        ("Di", "influences", "Keep close"),
        ("Cy", "involved", "Monitor"),
    ]
    assert people.theirs[1].needs == "Safety"  # the interest they put first


# --- still to complete -------------------------------------------------------------------------


def test_only_the_open_readiness_items_are_still_to_complete(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = sample
    # Issue 14: with every term counted the sample's 455 takes 62.5 % of the zone, above the
    # fair band; that is the one item still open.
    assert [t.id for t in to_complete(analysis)] == ["proposal_fair"]
    bare = replace(case.risks[0], mitigation="")
    worse = replace(case, risks=(bare, *case.risks[1:]))
    worse = replace(worse, info=replace(worse.info, simulation_runs=2_000))
    result = analyze_case(worse)
    open_items = [i for i in result.readiness.items if not i.passed]
    todos = game_plan(worse, result, FMT).to_complete
    assert [t.id for t in todos] == [i.id for i in open_items]
    assert "risks_mitigated" in [t.id for t in todos]
    assert all(t.todo for t in todos)
    done = {i.label for i in result.readiness.items if i.passed}
    assert not done & {t.label for t in todos}


def test_a_blank_case_has_a_plan_of_unknowns() -> None:
    from desktop_app.domain.model import blank_case

    case = blank_case()
    plan = game_plan(case, analyze_case(case), FMT)
    assert all(r.price is None for r in plan.ladder)
    assert plan.threats.shown == () and plan.questions == ()
    assert len(plan.to_complete) == plan.checks_total - plan.checks_passed > 0


def test_risks_only_reach_the_plan_through_the_red_lines() -> None:
    case = replace(
        ladder_case(),
        risks=(
            Risk(
                "r",
                "Recall",
                probability=0.5,
                impact_low=1.0,
                impact_likely=2.0,
                impact_high=3.0,
                capped_by_liability=True,
                mitigation="m",
            ),
        ),
    )
    case = replace(
        case,
        scenarios=tuple(
            replace(s, liability_cap=2.0) if s.role == "our_proposal" else s for s in case.scenarios
        ),
    )
    plan = game_plan(case, analyze_case(case), FMT)
    lines = {line.topic: line for line in plan.red_lines}
    assert lines["Liability"].line == "Capped at EUR 2 per occurrence"
    assert "under their demand (uncapped)" in lines["Liability"].why


def test_a_minimum_margin_is_written_as_entered() -> None:
    case = ladder_case()
    case = replace(case, info=replace(case.info, min_margin_pct=12.5))
    plan = game_plan(case, analyze_case(case), FMT)
    ours = next(r for r in plan.ladder if r.key == "our_walk_away")
    assert "the minimum of 12.5%" in ours.meaning
    margin = next(line for line in plan.red_lines if line.topic == "Our margin")
    assert margin.line.endswith("at least 12.5%")
