"""The team brief's "Trading plan" section and the top trades of its executive summary (SPEC §8,
§11): the heading is a bookmark between the margin and the proposal, the trades are there in
words a consultant can say at the table, the three offers of equal value and the improvement
(or that there is none) follow, with the chart; the summary shows the top trades."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.analysis.wording import trade_advice, trade_sentence
from desktop_app.domain.model import Case
from desktop_app.reports.export import render_pdf
from desktop_app.reports.formats import Fmt
from tests.reports.conftest import page_texts, quick
from tests.reports.mechanics_support import outline
from tests.reports.test_game_plan_pdf import summary, summary_pages


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _section(pdf: bytes) -> str:
    text = flat(" ".join(page_texts(pdf)))
    start = text.find("7 Trading plan")
    assert start >= 0
    return text[start : text.find("8 The proposal", start)]


def test_the_trading_plan_is_a_bookmarked_section_with_its_parts(brief_pdf: bytes) -> None:
    marks = outline(brief_pdf)
    titles = [title for title, _, _ in marks]
    at = titles.index("7  Trading plan")
    top = [title for title, level, _ in marks if level == 0]
    assert top[top.index("7  Trading plan") - 1 : top.index("7  Trading plan") + 2] == [
        "6  Margin and walk-away",
        "7  Trading plan",
        "8  The proposal",
    ]
    assert [title for title, level, _ in marks[at + 1 : at + 3]] == [
        "Three ways to agree",
        "Better for both",
    ]
    assert all(level == 1 for _, level, _ in marks[at + 1 : at + 3])
    # Each bookmark goes to the page its heading is printed on; the table of trades starts
    # under the section's title.
    pages = [flat(p) for p in page_texts(brief_pdf)]
    for title, _, page in marks[at : at + 3]:
        assert flat(title) in pages[page], title
    assert "Cost to us Value to them" in pages[marks[at][2]]


def test_the_section_words_every_trade_and_the_offers(
    brief_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    _, analysis = sample
    deal = analysis.deal
    assert deal.trades and deal.meso
    section = _section(brief_pdf)
    fmt = Fmt("EUR", space=" ")
    for trade in deal.trades:
        assert flat(trade_sentence(trade, fmt)) in section
        assert flat(trade_advice(trade, fmt)) in section
    for offer in deal.meso:
        assert fmt.price(offer.unit_price) in section
    assert "Our proposal is efficient on these terms" in section
    assert "What each package is worth to each side" in section  # the chart
    assert "taken to be ours" in section  # their cost of capital, not given


def test_the_summary_shows_the_top_trades(
    brief_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    _, analysis = sample
    assert analysis.deal.trades
    text = summary(brief_pdf)
    assert "The top trades" in text
    fmt = Fmt("EUR", space=" ")
    for trade in analysis.deal.trades[:3]:
        assert flat(trade_sentence(trade, fmt)) in text
    assert 1 <= len(summary_pages(brief_pdf)) <= 2


@pytest.fixture(scope="module")
def better_for_both(sample: tuple[Case, CaseAnalysis]) -> tuple[Case, CaseAnalysis, bytes]:
    """They finance at 12 %: 90 days' payment is a trade and a package is better for both."""
    case = sample[0]
    case = dataclasses.replace(
        case, info=dataclasses.replace(case.info, their_cost_of_capital_pct=12.0)
    )
    analysis = analyze_case(case)
    return case, analysis, render_pdf(case, analysis, kind="brief")


def test_an_improvement_is_described_with_its_price_range(
    better_for_both: tuple[Case, CaseAnalysis, bytes],
) -> None:
    _, analysis, pdf = better_for_both
    better = analysis.deal.improvement
    assert better is not None
    section = _section(pdf)
    fmt = Fmt("EUR", space=" ")
    for price in (better.unit_price, better.price_low, better.price_high):
        assert fmt.price(price) in section
    assert "Their cost of capital: 12% a year." in section
    trade = next(t for t in analysis.deal.trades or () if t.verdict == "trade")
    assert flat(trade_sentence(trade, fmt)) in summary(pdf)


def test_without_their_demand_the_section_says_why(sample: tuple[Case, CaseAnalysis]) -> None:
    case = sample[0]
    case = quick(
        dataclasses.replace(
            case, scenarios=tuple(s for s in case.scenarios if s.role != "their_demand")
        )
    )
    analysis = analyze_case(case)
    pdf = render_pdf(case, analysis, kind="brief")
    section = _section(pdf)
    assert "Not available: There is no scenario for their demand" in section
    assert "The top trades" not in summary(pdf)
