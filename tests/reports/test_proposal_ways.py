"""The proposal's "three ways to agree" (SPEC §8): the offers of equal value to us, as their
commercial terms only — and the leak test extended to them: no surplus, walk-away, expected
shortfall or risk kept by them reaches the counterpart's document."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from desktop_app.analysis import CaseAnalysis
from desktop_app.domain.model import Case
from desktop_app.reports.export import render_pdf, with_ways
from desktop_app.reports.formats import Fmt
from desktop_app.reports.proposal import ProposalContent, proposal_content
from desktop_app.reports.proposal_meso import WayToAgree, way_cells, ways_to_agree
from tests.reports.conftest import pdf_text
from tests.reports.test_proposal import TELLTALE_WORDS


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_way_to_agree_holds_the_four_commercial_terms_and_nothing_else() -> None:
    assert {f.name for f in dataclasses.fields(WayToAgree)} == {
        "unit_price",
        "annual_price_change_pct",
        "payment_days",
        "liability_cap",
    }
    assert typing.get_type_hints(ProposalContent)["ways"] == tuple[WayToAgree, ...]


def test_the_sample_proposal_presents_three_ways_to_agree(
    proposal_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, analysis = sample
    meso = analysis.deal.meso
    assert meso is not None and len(meso) == 3
    text = flat(pdf_text(proposal_pdf))
    assert "Three ways to agree" in text
    fmt = Fmt(case.info.currency, space=" ")
    for offer in meso:
        assert fmt.price(offer.unit_price) in text
    assert "A — as proposed" in text
    # The other two differ from ours in a term: 90 days, −3% a year.
    assert "90 days net" in text and "−3% a year" in text


def _internal_figures(analysis: CaseAnalysis, currency: str) -> list[str]:
    """Every figure of the deal design the counterpart must not see, as it could print."""
    fmt = Fmt(currency, space=" ")
    deal = analysis.deal
    money: list[float] = [deal.their_reference_cost or 0.0, deal.our_batna_value]
    for package in (deal.proposal, deal.demand):
        if package is not None:
            money += [package.our_surplus, package.their_surplus or 0.0, package.their_risk_kept]
    for offer in deal.meso or ():
        money += [offer.our_surplus, offer.their_surplus]
    for scenario in analysis.scenarios:
        money += [scenario.loss.expected_shortfall, scenario.loss.expected_loss]
    prices: list[float] = []
    for package in deal.grid:
        prices += [p for p in (package.our_walk_away, package.their_walk_away) if p is not None]
        money += [
            m
            for m in (
                package.our_surplus_low,
                package.their_surplus_low,
                package.our_surplus_high,
                package.their_surplus_high,
            )
            if m is not None
        ]
    for trade in deal.trades or ():
        money += [trade.cost_to_us, trade.value_to_them]
        prices += [p for p in (trade.price_equivalent,) if p is not None]
    words = []
    for value in money:
        if abs(value) >= 1000:
            words += [fmt.money(value), fmt.compact(value), f"{value:,.0f}"]
    for value in prices:
        words += [fmt.price(value), f"{value:.2f}"]
    return words


def test_the_ways_to_agree_leak_no_internal_figure(
    proposal_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, analysis = sample
    lines = pdf_text(proposal_pdf)  # line by line: a header and the cell below are no phrase
    text = flat(lines)
    assert "ways to agree" in text
    content = with_ways(proposal_content(case), analysis)
    allowed = flat(" ".join(c for way in content.ways for c in way_cells(way, "EUR")))
    for word in _internal_figures(analysis, case.info.currency):
        if word in allowed:
            continue  # a term we print anyway (a cap, a price)
        assert word not in text, word
    for word in (*TELLTALE_WORDS, "surplus", "shortfall", "expected loss", "risk kept", "MESO"):
        assert word.lower() not in lines.lower(), word


def test_without_the_option_or_the_analysis_there_are_no_ways(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = sample
    for data in (
        render_pdf(case, analysis, kind="proposal", ways_to_agree=False),
        render_pdf(case, None, kind="proposal"),
    ):
        assert "ways to agree" not in pdf_text(data)


def test_offers_worked_out_for_another_proposal_are_not_presented(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    """An analysis older than the case (the price was edited since): its offers are of equal
    value to another proposal, so none is printed."""
    case, analysis = sample
    edited = dataclasses.replace(
        case,
        scenarios=tuple(
            dataclasses.replace(s, unit_price=460.0) if s.role == "our_proposal" else s
            for s in case.scenarios
        ),
    )
    assert with_ways(proposal_content(edited), analysis).ways == ()
    assert "ways to agree" not in pdf_text(render_pdf(edited, analysis, kind="proposal"))
    assert len(with_ways(proposal_content(case), analysis).ways) == 3


@pytest.mark.parametrize("others", [0, 1])
def test_two_ways_or_none(others: int, sample: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = sample
    meso = analysis.deal.meso
    assert meso is not None
    proposal = meso[0]
    ways = ways_to_agree(
        meso[: 1 + others],
        unit_price=proposal.unit_price,
        annual_price_change_pct=proposal.annual_price_change_pct,
        payment_days=proposal.payment_days,
        liability_cap=proposal.liability_cap,
    )
    assert len(ways) == (0 if others == 0 else 2)
    if ways:
        content = dataclasses.replace(proposal_content(case), ways=ways)
        import io

        from desktop_app.reports.proposal import build_proposal

        buffer = io.BytesIO()
        build_proposal(content, buffer)
        assert "Two ways to agree" in flat(pdf_text(buffer.getvalue()))


def test_the_word_proposal_presents_the_same_ways_and_leaks_nothing(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    from desktop_app.reports.docx_export import render_docx
    from tests.reports.test_docx import docx_text

    case, analysis = sample
    lines = docx_text(render_docx(case, analysis, kind="proposal"))
    text = flat(lines)
    assert "Three ways to agree" in text
    fmt = Fmt(case.info.currency, space=" ")
    for offer in analysis.deal.meso or ():
        assert fmt.price(offer.unit_price) in text
    content = with_ways(proposal_content(case), analysis)
    allowed = flat(" ".join(c for way in content.ways for c in way_cells(way, "EUR")))
    for word in _internal_figures(analysis, case.info.currency):
        if word not in allowed:
            assert word not in text, word
    for word in (*TELLTALE_WORDS, "surplus", "shortfall", "expected loss", "risk kept", "MESO"):
        assert word.lower() not in lines.lower(), word
    without = docx_text(render_docx(case, analysis, kind="proposal", ways_to_agree=False))
    assert "ways to agree" not in without.lower()


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_command_line_proposal_has_the_ways_unless_told_not_to(
    suffix: str, tmp_path: typing.Any, sample: tuple[Case, CaseAnalysis]
) -> None:
    from desktop_app import cli
    from desktop_app.store import write_new_case
    from tests.reports.test_docx import docx_text

    path = tmp_path / "sample.leverage"
    write_new_case(path, sample[0])

    def words(*extra: str) -> str:
        target = tmp_path / f"proposal{len(extra)}{suffix}"
        assert cli.main(["export", str(path), "-o", str(target), "--kind", "proposal", *extra]) == 0
        data = target.read_bytes()
        return flat(pdf_text(data) if suffix == ".pdf" else docx_text(data)).lower()

    assert "three ways to agree" in words()
    assert "ways to agree" not in words("--no-ways")
