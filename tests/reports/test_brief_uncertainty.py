"""The brief's executive summary when their walk-away is uncertain (SPEC §9): one sentence with
P(deal) at our price, their walk-away's P10–P90, P(no zone) and the best single offer with its
P(deal) and expected surplus, and the acceptance curve — only when their alternatives carry
ranges; without ranges the brief has neither (and draws no such chart).

The case is tests/charts/test_acceptance_chart.py's triangle, solved there on paper: their
walk-away triangular(90, 100, 120), our proposal at 108 (P(deal) 24 %), our walk-away 95
(P(no zone) = F(95) = 1/12), P10 = 90 + √30, P90 = 120 − √60, the best single offer
P* = 90 + (−3 + √409)/2 with P(deal) 1 − x²/300 and expected surplus 10,000·(P* − 85.5)·P(deal).
"""

from __future__ import annotations

import io
import math
import re

import docx
import pytest

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case
from desktop_app.reports.brief_charts import CHARTS, charts_for
from desktop_app.reports.docx_export import render_docx
from desktop_app.reports.export import render_pdf
from tests.charts.test_acceptance_chart import BEST, BEST_P_DEAL, COST, triangle
from tests.reports.conftest import page_texts, pdf_text

SENTENCE = re.compile(
    r"Their walk-away is uncertain: from the ranges on their alternatives it lies between "
    r"EUR (?P<p10>[\d.]+) \(P10\) and EUR (?P<p90>[\d.]+) \(P90\)\. "
    r"P\(deal\), the chance they accept, at our proposal's EUR 108\.00: (?P<p_deal>[\d.]+)%\. "
    r"P\(no zone\), the chance there is no zone at all: (?P<no_zone>[\d.]+)%\. "
    r"Best single offer: EUR (?P<best>[\d.]+), P\(deal\) (?P<best_p>[\d.]+)%, "
    r"expected surplus EUR (?P<surplus>[\d.]+)k\."
)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def ranged() -> tuple[Case, CaseAnalysis, bytes]:
    case = triangle()
    analysis = analyze_case(case)
    return case, analysis, render_pdf(case, analysis, kind="brief")


def test_the_summary_states_the_chance_of_a_deal_as_solved_on_paper(
    ranged: tuple[Case, CaseAnalysis, bytes],
) -> None:
    _, _, data = ranged
    pages = page_texts(data)
    summary = next(i for i, t in enumerate(pages) if "Executive summary" in t)
    found = SENTENCE.search(flat(pages[summary]))
    assert found is not None, flat(pages[summary])
    assert float(found["p10"]) == pytest.approx(90.0 + math.sqrt(30.0), abs=0.15)
    assert float(found["p90"]) == pytest.approx(120.0 - math.sqrt(60.0), abs=0.15)
    assert float(found["p_deal"]) == pytest.approx(24.0, abs=0.4)
    assert float(found["no_zone"]) == pytest.approx(100.0 / 12.0, abs=0.4)
    assert float(found["best"]) == pytest.approx(BEST, abs=0.5)
    assert float(found["best_p"]) == pytest.approx(100.0 * BEST_P_DEAL, abs=2.0)
    expected = 10_000.0 * (BEST - COST) * BEST_P_DEAL / 1_000.0
    assert float(found["surplus"]) == pytest.approx(expected, rel=0.02)


def test_the_summary_shows_the_acceptance_curve(ranged: tuple[Case, CaseAnalysis, bytes]) -> None:
    _, analysis, data = ranged
    assert [c[0] for c in charts_for(analysis)] == [c[0] for c in CHARTS]
    pages = page_texts(data)
    summary = next(i for i, t in enumerate(pages) if "Executive summary" in t)
    # The chart's words are text in the PDF (vector), on the summary's page(s).
    text = flat(" ".join(pages[summary : summary + 2]))
    assert "Chance of a deal at each price" in text
    assert "Our proposal EUR 108.00:" in text
    assert "Best single offer EUR" in text


def test_without_ranges_the_summary_has_no_chance_of_a_deal(
    sample: tuple[Case, CaseAnalysis], brief_pdf: bytes
) -> None:
    _, analysis = sample
    assert analysis.their_walk_away is None
    text = pdf_text(brief_pdf)
    assert "P(deal)" not in text
    assert "The chance of a deal" not in text
    assert "Chance of a deal at each price" not in text
    assert "acceptance" not in [c[0] for c in charts_for(analysis)]
    # The same case, without its ranges, says nothing of it either.
    plain = triangle(ranged=False, runs=2_000)
    assert "P(deal)" not in pdf_text(render_pdf(plain, analyze_case(plain), kind="brief"))


def test_the_word_brief_says_it_too(ranged: tuple[Case, CaseAnalysis, bytes]) -> None:
    case, analysis, _ = ranged
    document = docx.Document(io.BytesIO(render_docx(case, analysis, kind="brief")))
    text = flat("\n".join(p.text for p in document.paragraphs))
    found = SENTENCE.search(text)
    assert found is not None, text[:2000]
    assert float(found["p_deal"]) == pytest.approx(24.0, abs=0.4)
    plain = triangle(ranged=False, runs=2_000)
    without = docx.Document(io.BytesIO(render_docx(plain, analyze_case(plain), kind="brief")))
    # One picture more: the acceptance curve.
    assert len(document.inline_shapes) == len(without.inline_shapes) + 1
    assert "P(deal)" not in "\n".join(p.text for p in without.paragraphs)
