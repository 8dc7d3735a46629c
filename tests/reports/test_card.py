"""The one-page negotiation card (SPEC §10): one A4 landscape page marked "Confidential" with
the prices, their walk-away range (or "no ranges given"), the top trades, a line against their
alternatives, the red lines, three questions and the offers against the plan — and one page
for the stress case too, saying what it left out."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.cli import main
from desktop_app.domain.model import Case, Offer
from desktop_app.reports.export import export_pdf, render_pdf
from desktop_app.reports.formats import Fmt
from desktop_app.store import write_new_case
from desktop_app.store.interchange import document_to_case
from tests.reports.conftest import pdf_text, quick
from tests.strategies import case_documents

#: Three offers by hand on the sample (proposal EUR 455, 45 days; their demand EUR 410, 90
#: days): theirs at 405, ours at 452 in round 1, theirs at 418 on 60 days in round 2.
THREE_OFFERS = (
    Offer(id="o1", round=1, date="2026-11-02", from_="theirs", unit_price=405.0),
    Offer(id="o2", round=1, date="2026-11-04", from_="ours", unit_price=452.0),
    Offer(id="o3", round=2, date="2026-11-12", from_="theirs", unit_price=418.0, payment_days=60),
)


def pages(data: bytes) -> list[Any]:
    return list(PdfReader(io.BytesIO(data)).pages)


def size(page: Any) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def flat(text: str) -> str:
    """The text with line breaks and no-break spaces as plain spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def talks_sample(sample: tuple[Case, CaseAnalysis]) -> tuple[Case, CaseAnalysis]:
    case = dataclasses.replace(sample[0], offers=THREE_OFFERS)
    return case, analyze_case(case)


@pytest.fixture(scope="module")
def card(talks_sample: tuple[Case, CaseAnalysis]) -> bytes:
    return render_pdf(*talks_sample, kind="card")


@pytest.fixture(scope="module")
def stress() -> tuple[Case, CaseAnalysis]:
    from tests.benchmarks.stress_case import build_stress_case

    base = quick(build_stress_case(), runs=2_000)
    # Fifteen offers, alternately theirs and ours, two a round.
    offers = tuple(
        Offer(
            id=f"o{i}",
            round=i // 2 + 1,
            date="2026-11-02",
            from_="theirs" if i % 2 == 0 else "ours",
            unit_price=44.0 + 0.5 * i if i % 2 == 0 else 50.0 - 0.4 * i,
        )
        for i in range(15)
    )
    case = dataclasses.replace(base, offers=offers)
    return case, analyze_case(case)


def test_the_card_is_one_a4_landscape_page_marked_confidential(card: bytes) -> None:
    (page,) = pages(card)
    width, height = size(page)
    assert (width, height) == pytest.approx((A4[1], A4[0]), abs=0.01)
    assert width > height
    text = page.extract_text() or ""
    assert "Confidential" in text and "CONFIDENTIAL" in text
    assert "Negotiation card" in text


def test_letter_paper_is_turned_landscape_too(talks_sample: tuple[Case, CaseAnalysis]) -> None:
    (page,) = pages(render_pdf(*talks_sample, kind="card", paper="letter"))
    assert size(page) == pytest.approx((LETTER[1], LETTER[0]), abs=0.01)


def test_the_card_holds_every_part_of_spec_10(
    card: bytes, talks_sample: tuple[Case, CaseAnalysis]
) -> None:
    case, analysis = talks_sample
    fmt = Fmt(case.info.currency)
    text = flat(pdf_text(card))
    zopa = analysis.zopa
    # The prices: our opening is the proposal's EUR 455, the target the fair price.
    assert "Our opening EUR 455.00" in text
    assert f"Our target {flat(fmt.price(zopa.fair_price))}" in text
    assert f"Our walk-away {flat(fmt.price(zopa.our_walk_away))}" in text
    assert f"Their walk-away {flat(fmt.price(zopa.their_walk_away))}" in text
    # No ranges on their alternatives in the sample: the point value, and said so.
    assert "no ranges given" in text
    for part in ("THE TOP THREE TRADES", "IF THEY SAY THEY WILL", "RED LINES", "ASK THEM"):
        assert part in text
    assert "Payment days" in text and "Liability cap" in text
    assert "Liability: Capped at EUR 2,000,000" in text and "Our margin:" in text
    assert text.count("really cost you per unit?") == 3
    for alternative in (a for a in case.alternatives if a.side == "theirs"):
        assert alternative.name.split(":")[0][:20] in text
    assert "OFFERS SO FAR, AGAINST OUR PLAN" in text
    assert "452.00" in text and "405.00" in text and "418.00" in text
    assert "below plan" in text and "below our walk-away" in text
    assert "meets our plan in round" in text


def test_without_offers_the_card_says_so_and_shows_the_plan(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    text = flat(pdf_text(render_pdf(*sample, kind="card")))
    assert "No offers logged yet." in text
    assert "Our plan: R1" in text and "R4" in text


@pytest.mark.parametrize("field", ["their_walk_away_distribution", "their_walk_away"])
def test_their_range_and_p_deal_are_shown_when_the_analysis_has_them(
    talks_sample: tuple[Case, CaseAnalysis], field: str
) -> None:
    """SPEC §9's distribution of their walk-away (P10 440, P90 500, P(deal) 0.625), under the
    name of its JSON key or of the analysis field."""
    case, analysis = talks_sample
    spread = SimpleNamespace(p10=440.0, p50=470.0, p90=500.0, p_deal=0.625)

    class WithRange:
        def __getattr__(self, name: str) -> Any:
            return spread if name == field else getattr(analysis, name)

    proxy: Any = WithRange()
    text = flat(pdf_text(render_pdf(case, proxy, kind="card")))
    assert "EUR 440.00 to EUR 500.00 (P10–P90)" in text
    assert "P(deal) at our opening 62%" in text or "P(deal) at our opening 63%" in text
    assert "no ranges given" not in text


def test_the_stress_case_fits_one_page_and_says_what_it_left_out(
    stress: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = stress
    data = render_pdf(case, analysis, kind="card")
    (page,) = pages(data)
    assert size(page) == pytest.approx((A4[1], A4[0]), abs=0.01)
    text = flat(page.extract_text() or "")
    assert "Confidential" in text
    # 15 offers, the latest 8 shown; 6 of their alternatives that can be carried out shown.
    assert "+ 7 more earlier offers in the brief" in text
    theirs = [a for a in case.alternatives if a.side == "theirs" and a.feasibility > 0]
    assert f"+ {len(theirs) - 6:,} more of their alternatives" in text
    for part in ("RED LINES", "ASK THEM", "OFFERS SO FAR", "Their pace"):
        assert part in text


def test_the_cli_writes_the_card_and_refuses_it_as_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], talks_sample: tuple[Case, CaseAnalysis]
) -> None:
    source = tmp_path / "talks.leverage"
    write_new_case(source, quick(talks_sample[0]))
    target = tmp_path / "card.pdf"
    assert main(["export", str(source), "-o", str(target), "--kind", "card"]) == 0
    out, _ = capsys.readouterr()
    assert "negotiation card" in out
    assert len(pages(target.read_bytes())) == 1
    word = tmp_path / "card.docx"
    assert main(["export", str(source), "-o", str(word), "--kind", "card"]) == 2
    _, err = capsys.readouterr()
    assert "one PDF page" in err and not word.exists()


def test_export_pdf_writes_the_card_and_needs_the_analysis(
    tmp_path: Path, talks_sample: tuple[Case, CaseAnalysis]
) -> None:
    target = tmp_path / "card.pdf"
    export_pdf(*talks_sample, target, kind="card")
    assert len(pages(target.read_bytes())) == 1
    with pytest.raises(ValueError, match="card needs the case's analysis"):
        render_pdf(talks_sample[0], None, kind="card")


def test_a_blank_case_gets_a_card_that_says_what_is_missing() -> None:
    from desktop_app.domain import blank_case

    case = blank_case()
    data = render_pdf(case, analyze_case(case), kind="card")
    (page,) = pages(data)
    text = flat(page.extract_text() or "")
    assert "Their walk-away: unknown until one of their alternatives has a price." in text
    assert "No concession plan: Our proposal needs a unit price" in text
    assert "No offers logged yet." in text and "Confidential" in text


def test_an_answer_written_against_other_numbers_is_flagged(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    from desktop_app.domain.model import TalkingPoint

    case = sample[0]
    first = next(a for a in case.alternatives if a.side == "theirs")
    # The consultant's words, written when the generated point read otherwise.
    point = TalkingPoint(first.id, "They cannot start before spring.", basis="An older point.")
    others = tuple(p for p in case.proposal.talking_points if p.alternative_id != first.id)
    proposal = dataclasses.replace(case.proposal, talking_points=(point, *others))
    edited = dataclasses.replace(case, proposal=proposal)
    text = flat(pdf_text(render_pdf(edited, analyze_case(edited), kind="card")))
    assert "They cannot start before spring." in text
    assert "(numbers changed since written: check)" in text
    assert text.count("numbers changed since written") == 1


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=case_documents())
def test_any_valid_case_gets_a_card_of_exactly_one_landscape_page(
    document: dict[str, Any],
) -> None:
    case = quick(document_to_case(document))
    (page,) = pages(render_pdf(case, analyze_case(case), kind="card"))
    assert size(page) == pytest.approx((A4[1], A4[0]), abs=0.01)
    assert "Confidential" in (page.extract_text() or "")
