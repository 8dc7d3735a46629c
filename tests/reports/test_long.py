"""Long tables split across pages with their header repeated; texts of 10,000 characters wrap
and split, even in a table cell taller than a page."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.domain import validate_case
from desktop_app.domain.model import Case, Risk
from desktop_app.reports.export import render_pdf
from desktop_app.store.sample import sample_case
from tests.reports.conftest import page_texts, pdf_text, quick

LIMIT = 10_000


def long_text(marker: str) -> str:
    """10,000 characters of words, ending with a marker to prove nothing was lost."""
    words = "the quick brown fox jumps over the lazy dog and keeps on running "
    body = (words * (LIMIT // len(words) + 1))[: LIMIT - len(marker) - 1]
    return f"{body} {marker}"


def register(count: int) -> tuple[Risk, ...]:
    return tuple(
        Risk(
            id=f"r{i:03d}",
            name=f"Risk number {i:03d}",
            category=("Liability", "Supply", "Financial")[i % 3],
            probability=(i % 20 + 1) / 40,
            frequency="per_year" if i % 4 == 0 else "per_contract",
            impact_low=1_000.0 * i,
            impact_likely=2_000.0 * i,
            impact_high=5_000.0 * i,
            capped_by_liability=i % 2 == 0,
            mitigation=f"Mitigation of risk {i:03d}",
            owner="Owner",
        )
        for i in range(1, count + 1)
    )


def long_case() -> Case:
    case = quick(sample_case())
    risks = [*case.risks, *register(300 - len(case.risks))]
    risks[150] = dataclasses.replace(risks[150], mitigation=long_text("MITIGATIONEND"))
    parties = list(case.parties)
    parties[0] = dataclasses.replace(parties[0], notes=long_text("PARTYNOTESEND"))
    alternatives = list(case.alternatives)
    alternatives[0] = dataclasses.replace(
        alternatives[0], cons=(*alternatives[0].cons, long_text("CONEND"))
    )
    scenarios = []
    for s in case.scenarios:
        if s.role == "our_proposal":
            term = dataclasses.replace(
                s.terms[0], name="Unbroken", value="x" * LIMIT, rationale=long_text("RATIONALEEND")
            )
            s = dataclasses.replace(s, terms=(*s.terms, term))
        scenarios.append(s)
    return validate_case(
        dataclasses.replace(
            case,
            info=dataclasses.replace(case.info, notes=long_text("CASENOTESEND")),
            parties=tuple(parties),
            alternatives=tuple(alternatives),
            risks=tuple(risks),
            scenarios=tuple(scenarios),
            proposal=dataclasses.replace(case.proposal, statement=long_text("STATEMENTEND")),
        )
    )


@pytest.fixture(scope="module")
def long_pdfs() -> tuple[bytes, bytes]:
    case = long_case()
    analysis = analyze_case(case)
    return render_pdf(case, analysis, kind="brief"), render_pdf(case, analysis, kind="proposal")


def test_the_whole_register_is_listed_across_pages_with_repeated_headers(
    long_pdfs: tuple[bytes, bytes],
) -> None:
    pages = page_texts(long_pdfs[0])
    text = " ".join(" ".join(pages).split())
    for i in range(1, 292):
        assert f"Risk number {i:03d}" in text
    for i in range(1, 301):
        assert f"R{i}" in text
    register_pages = [p for p in pages if "Mitigation of risk" in p]
    assert len(register_pages) >= 5
    for page in register_pages:
        assert "Mitigation" in page and "Probability" in page  # the header row, repeated


def test_long_texts_come_out_whole(long_pdfs: tuple[bytes, bytes]) -> None:
    brief = " ".join(pdf_text(long_pdfs[0]).split())
    for marker in ("MITIGATIONEND", "PARTYNOTESEND", "CONEND", "CASENOTESEND", "STATEMENTEND"):
        assert marker in brief, marker
    proposal = " ".join(pdf_text(long_pdfs[1]).split())
    for marker in ("RATIONALEEND", "STATEMENTEND"):
        assert marker in proposal, marker
    assert proposal.replace(" ", "").count("x" * 200) >= 1  # the unbroken word, wrapped


def test_the_executive_summary_still_fits_two_pages(long_pdfs: tuple[bytes, bytes]) -> None:
    pages = page_texts(long_pdfs[0])
    assert "Executive summary" in pages[1]
    assert "Still to complete" in pages[1] + pages[2]


def test_giant_tables_show_the_most_important_rows_and_list_all_in_the_appendix() -> None:
    from desktop_app.domain.model import Alternative

    case = quick(sample_case())
    extra = tuple(
        Alternative(
            id=f"ax{i}",
            side="theirs",
            name=f"Extra alternative {i}",
            feasibility=0.5,
            unit_price=500.0 + i,
            cons=("Slow",),
        )
        for i in range(60)
    )
    case = validate_case(dataclasses.replace(case, alternatives=(*case.alternatives, *extra)))
    text = " ".join(pdf_text(render_pdf(case, analyze_case(case), kind="brief")).split())
    assert "see the app" not in text
    total = len(case.alternatives_of("theirs"))
    where = f"of {total}; all {total} are listed in the appendix “Complete lists”"
    ranking = "that would cost them least (they will raise these first)"
    assert f"The 10 alternatives of theirs {ranking}, {where}" in text
    assert "The 10 talking points for the alternatives that would cost them least" in text
    complete = text[text.rfind("Appendix: complete lists") :]
    for i in range(60):
        assert f"Extra alternative {i} " in complete + " "
