"""The team brief's offer history (SPEC §10, issue 16 item 5): a bookmarked section listing the
offers by round with price, side, our surplus, conservative margin, in zone and the flags,
with the concession plan — only when the case logs offers."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case, Offer
from desktop_app.reports.export import render_pdf
from desktop_app.reports.formats import Fmt
from tests.reports.conftest import page_texts, pdf_text

# The sample's proposal is EUR 455 a unit, 45 days; their demand EUR 410, 90 days, uncapped.
OFFERS = (
    Offer(id="o3", round=2, date="2026-11-12", from_="theirs", unit_price=418.0),
    Offer(id="o1", round=1, date="2026-11-02", from_="theirs", unit_price=405.0),
    Offer(id="o2", round=1, date="2026-11-04", from_="ours", unit_price=452.0),
)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def with_offers(sample: tuple[Case, CaseAnalysis]) -> tuple[Case, CaseAnalysis, bytes]:
    case = dataclasses.replace(sample[0], offers=OFFERS)
    analysis = analyze_case(case)
    return case, analysis, render_pdf(case, analysis, kind="brief")


def test_no_offers_no_section(brief_pdf: bytes) -> None:
    assert "Offer history" not in pdf_text(brief_pdf)


def test_the_section_is_bookmarked_and_lists_the_offers_by_round(
    with_offers: tuple[Case, CaseAnalysis, bytes],
) -> None:
    case, analysis, data = with_offers
    outline = [
        item.title for item in PdfReader(io.BytesIO(data)).outline if not isinstance(item, list)
    ]
    assert any((title or "").endswith("Offer history") for title in outline)
    page = next(flat(t) for t in page_texts(data) if "Offer history" in t)
    # By round, the log's order within a round: 405 (1, them), 452 (1, us), 418 (2, them).
    first, second, third = (page.index(p) for p in ("EUR 405.00", "EUR 452.00", "EUR 418.00"))
    assert first < second < third
    assert "2026-11-02 them EUR 405.00" in page
    assert "2026-11-04 us EUR 452.00" in page
    for header in ("Our surplus", "Conservative margin", "In zone", "Below plan / walk-away"):
        assert header in page
    fmt = Fmt(case.info.currency)
    ours = analysis.talks.offer("o2")
    assert ours is not None and ours.below_plan
    assert flat(f"costs us {fmt.compact(ours.cost_vs_plan)}") in page
    assert flat(fmt.pct(ours.conservative_margin_pct)) in page
    assert flat(fmt.compact(ours.our_surplus)) in page
    # Their 405 is below our walk-away on their demand's terms: flagged, with no cost to us.
    assert "below our walk-away of" in page


def test_the_section_states_the_plan_and_their_pace(
    with_offers: tuple[Case, CaseAnalysis, bytes],
) -> None:
    _, analysis, data = with_offers
    page = next(flat(t) for t in page_texts(data) if "Offer history" in t)
    # Four rounds (the default) from the proposal's EUR 455 to the fair price, shape 0.5.
    assert "Our concession plan goes from EUR 455.00 to" in page
    assert "(the fair price) in 4 rounds, shape 0.5" in page
    # Their pace through (1, 405) and (2, 418): 13 a round.
    assert "Their pace: EUR 13.00 a round over their last 2 offers" in page
    assert analysis.talks.their_pace is not None


def test_the_word_brief_has_the_offer_history_too(
    with_offers: tuple[Case, CaseAnalysis, bytes],
) -> None:
    import docx

    from desktop_app.reports.docx_export import render_docx

    case, analysis, _ = with_offers
    document = docx.Document(io.BytesIO(render_docx(case, analysis, kind="brief")))
    assert any(p.text.endswith("Offer history") for p in document.paragraphs)
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Round"]
    rows = [[flat(c.text) for c in row.cells] for row in table.rows[1:]]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("1", "them", "EUR 405.00"),
        ("1", "us", "EUR 452.00"),
        ("2", "them", "EUR 418.00"),
    ]
    assert rows[1][-1].startswith("below the plan's")
