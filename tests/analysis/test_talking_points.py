"""Generated talking points: the words, the figures under them (worked out by hand here),
determinism, and no crash when figures are missing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.analysis.talking_points import (
    format_amount,
    format_share,
    generate_talking_point,
    generate_talking_points,
    keep_mine,
    point_status,
    shown_points,
    stored_points,
    use_new_text,
)
from desktop_app.domain.model import (
    Alternative,
    Case,
    CaseInfo,
    Criterion,
    Scenario,
    TalkingPoint,
)

BRANDT_CONS = (
    "New relationship and trust to build",
    "Steep learning curve",
    "Full requalification before the first part ships",
    "A fourth, weaker con that is not quoted",
)


def hand_case(**proposal: object) -> Case:
    """P = 455, V = 50,000 a year for 3 years, 2 % price-down; four of their alternatives."""
    scenario = Scenario(
        "s-prop",
        "Our proposal",
        "our_proposal",
        unit_price=455.0,
        annual_volume=50_000.0,
        years=3,
        annual_price_change_pct=-2.0,
        scores={"t-cost": 8.0, "t-quality": 6.0},
    )
    alternatives = (
        Alternative(
            "a-brandt",
            "theirs",
            "Brandt",
            feasibility=0.6,
            cons=BRANDT_CONS,
            unit_price=430.0,
            switching_cost=7_500_000.0,
            failure_cost=20_000_000.0,
        ),
        Alternative(
            "a-cheap",
            "theirs",
            "Cheap copy",
            feasibility=0.9,
            cons=("Six weeks of freight",),
            unit_price=300.0,
            switching_cost=1_000_000.0,
        ),
        Alternative(
            "a-self",
            "theirs",
            "In-house",
            feasibility=0.5,
            scores={"t-cost": 4.0, "t-quality": 8.0},
            cons=("No know-how",),
        ),
        Alternative("a-ours", "ours", "Another customer", feasibility=0.5),
    )
    criteria = (
        Criterion("t-cost", "theirs", "Cost", 3.0),
        Criterion("t-quality", "theirs", "Quality", 1.0),
    )
    return Case(
        info=CaseInfo(title="Hand", simulation_runs=1_000),
        criteria=criteria,
        alternatives=alternatives,
        scenarios=(replace(scenario, **proposal),),  # type: ignore[arg-type]
    )


def test_a_price_based_alternative_is_costed_against_our_price() -> None:
    case = hand_case()
    t_a = 430.0 * 50_000 * 3 + 7_500_000 + (1 - 0.6) * 20_000_000  # 80M
    per_unit = t_a / (50_000 * 3)  # 533.33
    assert t_a == pytest.approx(80_000_000)
    expected = (
        f"Brandt: it would cost you about EUR {round(per_unit)} per unit over the contract "
        "(EUR 430 quoted, plus EUR 7.5M to switch and EUR 8M for the risk that it fails) "
        "against our EUR 455, falling 2 % a year — and it is only 60 % likely to work. "
        "New relationship and trust to build. Steep learning curve. "
        "Full requalification before the first part ships."
    )
    assert generate_talking_point(case, analyze_case(case), "a-brandt") == expected


def test_an_alternative_cheaper_on_paper_says_so_and_turns_to_its_weaknesses() -> None:
    case = hand_case()
    t_a = 300.0 * 150_000 + 1_000_000 + 0.1 * 0.0  # 46M → about EUR 307 per unit
    text = generate_talking_point(case, analyze_case(case), "a-cheap")
    assert text == (
        f"Cheap copy: on paper it comes to about EUR {round(t_a / 150_000)} per unit over the "
        "contract (EUR 300 quoted, plus EUR 1M to switch) against our EUR 455, falling 2 % a "
        "year — but it is only 90 % likely to work. Six weeks of freight."
    )


def test_an_alternative_without_a_price_is_argued_on_feasibility_and_value() -> None:
    case = hand_case()
    # Their weights 3:1 → 0.75, 0.25. V = 10·Σŵ·s.
    v_self = 10 * (0.75 * 4 + 0.25 * 8)  # 50
    v_proposal = 10 * (0.75 * 8 + 0.25 * 6)  # 75
    text = generate_talking_point(case, analyze_case(case), "a-self")
    assert text == (
        "In-house: there is no price to set against our EUR 455, falling 2 % a year, and it is "
        f"only 50 % likely to work. On what matters to you it is worth {v_self:.0f} of 100 "
        f"points ({0.5 * v_self:.0f} once the risk that it fails is counted), against "
        f"{v_proposal:.0f} for our proposal. No know-how."
    )


def test_one_point_per_counterpart_alternative_in_case_order() -> None:
    case = hand_case()
    points = generate_talking_points(case, analyze_case(case))
    assert list(points) == ["a-brandt", "a-cheap", "a-self"]
    assert generate_talking_point(case, None, "a-ours") is None
    assert generate_talking_point(case, None, "no-such-alternative") is None


def test_the_words_are_deterministic_and_follow_the_numbers() -> None:
    case = hand_case()
    first = generate_talking_points(case, analyze_case(case))
    assert generate_talking_points(case, analyze_case(case)) == first
    cheaper_switch = replace(case.alternatives[0], switching_cost=1_500_000.0)
    moved = replace(case, alternatives=(cheaper_switch, *case.alternatives[1:]))
    after = generate_talking_points(moved, analyze_case(moved))
    assert after["a-brandt"] != first["a-brandt"]
    assert "EUR 1.5M to switch" in after["a-brandt"]
    assert after["a-cheap"] == first["a-cheap"]
    # A change too small to alter what one would say leaves the words alone.
    nudged = replace(case.alternatives[0], switching_cost=7_500_001.0)
    still = replace(case, alternatives=(nudged, *case.alternatives[1:]))
    assert generate_talking_points(still, analyze_case(still)) == first


def test_missing_figures_do_not_break_the_words() -> None:
    case = hand_case()
    without_analysis = generate_talking_points(case, None)
    assert without_analysis["a-brandt"].startswith(
        "Brandt: it is quoted at EUR 430 per unit, plus EUR 7.5M to switch and EUR 8M for "
        "the risk that it fails — and it is only 60 % likely to work."
    )
    assert without_analysis["a-self"].startswith(
        "In-house: there is no price to set against our EUR 455, falling 2 % a year"
    )
    no_price = hand_case(unit_price=None, annual_volume=None)
    for text in generate_talking_points(no_price, analyze_case(no_price)).values():
        assert text and "against our" not in text
    no_proposal = replace(case, scenarios=())
    texts = generate_talking_points(no_proposal, analyze_case(no_proposal))
    assert texts["a-self"].startswith("In-house: it is only 50 % likely to work. No know-how.")
    bare = replace(case, alternatives=(Alternative("a-x", "theirs", ""),))
    assert generate_talking_points(bare, None) == {
        "a-x": "This alternative: what would it really cost you, and how sure are you it can "
        "be done?"
    }


def test_non_latin_names_and_currencies() -> None:
    case = hand_case()
    greek = replace(
        case.alternatives[0],
        name="Ελληνική Μηχανική Α.Ε.",
        cons=("Νέα σχέση εμπιστοσύνης", "新しい金型が必要"),
    )
    polish = replace(case, info=replace(case.info, currency="PLN"), alternatives=(greek,))
    text = generate_talking_point(polish, analyze_case(polish), "a-brandt")
    assert text is not None
    assert text.startswith("Ελληνική Μηχανική Α.Ε.: it would cost you about PLN 533 per unit")
    assert text.endswith("Νέα σχέση εμπιστοσύνης. 新しい金型が必要.")


def test_a_name_with_a_colon_of_its_own_ends_a_sentence() -> None:
    case = hand_case()
    delay = replace(case.alternatives[0], name="Delay: month by month")
    text = generate_talking_point(replace(case, alternatives=(delay,)), None, "a-brandt")
    assert text is not None and text.startswith("Delay: month by month. It is quoted at EUR 430")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (455.0, "EUR 455"),
        (432.5, "EUR 432.50"),
        (12_400.0, "EUR 12,400"),
        (600_000.0, "EUR 600,000"),
        (7_500_000.0, "EUR 7.5M"),
        (24_000_000.0, "EUR 24M"),
        (1_234_567.0, "EUR 1.23M"),
        (135_520_000.0, "EUR 136M"),
        (1_500_000_000.0, "EUR 1.5bn"),
        (0.0, "EUR 0"),
    ],
)
def test_money_is_said_the_way_one_would_say_it(value: float, words: str) -> None:
    assert format_amount(value, "EUR") == words


def test_shares_are_percent() -> None:
    assert format_share(0.55) == "55 %"
    assert format_share(0.125) == "12.5 %"


# --- keeping points in step -------------------------------------------------------------------

NEW = {"a": "A costs 520", "b": "B costs 480"}


def test_point_status_against_the_new_words() -> None:
    assert point_status(TalkingPoint("a", "A costs 520", "A costs 520"), NEW) == "generated"
    assert point_status(TalkingPoint("a", "Mine", "A costs 520"), NEW) == "edited"
    assert point_status(TalkingPoint("a", "Mine", "A costs 500"), NEW) == "changed"
    assert point_status(TalkingPoint("a", "Mine", None), NEW) == "handwritten"
    assert point_status(TalkingPoint(None, "General", None), NEW) == "handwritten"
    # No generated text (no analysis yet, or not their alternative): no flag.
    assert point_status(TalkingPoint("z", "Mine", "old"), NEW) == "edited"
    assert point_status(TalkingPoint("a", "Mine", "old"), {}) == "edited"


def test_generated_points_are_derived_when_shown_and_never_stored() -> None:
    mine = TalkingPoint("b", "Mine", "B costs 470")
    general = TalkingPoint(None, "General", None)
    shown = shown_points((mine, general), NEW)
    # The consultant's own points first, then a generated point for each alternative left.
    assert shown == (mine, general, TalkingPoint("a", "A costs 520", "A costs 520"))
    assert stored_points(shown) == (mine, general)
    # A point stored as generated by an older version shows today's words instead.
    legacy = TalkingPoint("a", "A costs 500", "A costs 500")
    assert shown_points((legacy, mine), NEW) == (mine, TalkingPoint("a", *[NEW["a"]] * 2))
    assert stored_points((legacy, mine)) == (mine,)
    assert shown_points((), {}) == ()


def test_use_the_new_text_or_keep_mine() -> None:
    edited = TalkingPoint("b", "Mine", "B costs 470")
    assert use_new_text(edited, NEW) == TalkingPoint("b", "B costs 480", "B costs 480")
    assert stored_points((use_new_text(edited, NEW),)) == ()  # back to the generated point
    kept = keep_mine(edited, NEW)
    assert kept == TalkingPoint("b", "Mine", "B costs 480")
    assert point_status(kept, NEW) == "edited"
    assert keep_mine(TalkingPoint("b", "By hand", None), NEW).basis is None
