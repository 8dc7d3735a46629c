"""PDF mechanics (SPEC §11): bookmarks open their sections; the proposal's price table adds up
as printed; a table row moves whole to the next page unless it is taller than a page; no
half-empty page unless a section must start on a new one; one rule for long tables; a currency
kept on the line of its amount and a real minus sign; no internal wording for the client.

Expected values are worked out here by hand or from the case's own inputs, never read from the
code under test."""

from __future__ import annotations

import dataclasses
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Spacer

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case
from desktop_app.reports import blocks, styles
from desktop_app.reports.blocks import SECTION_ROOM
from desktop_app.reports.export import render_pdf
from desktop_app.reports.formats import MINUS, NBSP, Fmt, keep_with_amount, plain_number
from desktop_app.reports.paper import frame_height, frame_width
from desktop_app.reports.proposal import ProposalContent, build_proposal, proposal_content
from desktop_app.reports.template import NumberedCanvas, PageText, ReportDocument
from desktop_app.store.sample import sample_case
from tests.reports.conftest import page_texts, pdf_text
from tests.reports.mechanics_support import (
    GIANT_RISK,
    fill,
    flat,
    long_lists_case,
    outline,
    page_lines,
    price_table,
)
from tests.reports.test_safety import hostile_case

CENT = Decimal("0.01")
COMPLETE = "the appendix “Complete lists”"


@pytest.fixture(scope="module")
def hostile_pdfs() -> tuple[bytes, bytes]:
    case = hostile_case()
    analysis = analyze_case(case)
    return render_pdf(case, analysis, kind="brief"), render_pdf(case, analysis, kind="proposal")


@pytest.fixture(scope="module")
def long_lists() -> tuple[Case, CaseAnalysis, dict[str, float], bytes]:
    case, expected_loss = long_lists_case()
    analysis = analyze_case(case)
    return case, analysis, expected_loss, render_pdf(case, analysis, kind="brief")


def _briefs(
    brief_pdf: bytes, hostile_pdfs: tuple[bytes, bytes], long_lists: tuple[Any, ...]
) -> dict[str, bytes]:
    return {"sample": brief_pdf, "hostile": hostile_pdfs[0], "long lists": long_lists[3]}


# --- bookmarks ------------------------------------------------------------------------------------


def test_every_bookmark_opens_the_page_that_holds_its_heading(
    brief_pdf: bytes, hostile_pdfs: tuple[bytes, bytes], long_lists: tuple[Any, ...]
) -> None:
    for name, data in _briefs(brief_pdf, hostile_pdfs, long_lists).items():
        pages = [flat(p) for p in page_texts(data)]
        marks = outline(data)
        assert len(marks) >= 12, name
        for title, _, page in marks:
            heading = flat(title).rstrip("…")
            assert heading in pages[page], (name, title, page + 1)
        # In the order of the document, and not all on one page.
        assert [page for *_, page in marks] == sorted(page for *_, page in marks)
        assert len({page for *_, page in marks}) >= 8, name


def test_the_sections_are_bookmarked_in_order(brief_pdf: bytes) -> None:
    top = [title for title, level, _ in outline(brief_pdf) if level == 0]
    assert top == [
        "1  Executive summary",
        "2  Parties and interests",
        "3  Their alternatives",
        "4  Our alternatives",
        "5  Risk",
        "6  Margin and walk-away",
        "7  Trading plan",
        "8  The proposal",
        "9  Talking points",
        "10  Intelligence to gather",
        "Appendix: assumptions and method",
        "Appendix: complete lists",  # the sample's sensitivity has 49 inputs (more than 10)
    ]


# --- the proposal's price table adds up as printed ------------------------------------------------


def _check_price_table(text: str) -> list[tuple[int, Decimal, Decimal, Decimal]]:
    """Every amount is the printed price times the printed units (exact, or rounded to the
    cent with a note saying so), and the whole contract is the sum of the printed rows."""
    rows, (average, units, total) = price_table(text)
    assert rows and [r[0] for r in rows] == list(range(1, len(rows) + 1))
    rounded = False
    for _, price, volume, amount in rows:
        exact = price * volume
        rounded = rounded or exact != exact.quantize(CENT)
        assert amount == exact.quantize(CENT, rounding=ROUND_HALF_UP), (price, volume, amount)
    assert total == sum(r[3] for r in rows)
    assert units == sum(r[2] for r in rows)
    assert average == (total / units).quantize(CENT, rounding=ROUND_HALF_UP)
    assert ("Amounts rounded to the cent" in flat(text)) == rounded
    return rows


def test_the_sample_price_table_adds_up_as_printed(proposal_pdf: bytes) -> None:
    rows = _check_price_table(pdf_text(proposal_pdf))
    # By hand: EUR 455 less 1.5% a year, to the cent (448.175 → 448.18, 441.452375 → 441.45,
    # 434.830589… → 434.83), times 60,000 units a year.
    assert rows == [
        (1, Decimal("455.00"), Decimal(60_000), Decimal(27_300_000)),
        (2, Decimal("448.18"), Decimal(60_000), Decimal(26_890_800)),
        (3, Decimal("441.45"), Decimal(60_000), Decimal(26_487_000)),
        (4, Decimal("434.83"), Decimal(60_000), Decimal(26_089_800)),
    ]
    text = flat(pdf_text(proposal_pdf))
    assert "Whole contract EUR 444.87 avg. 240,000 EUR 106,767,600" in text
    assert "26,890,500" not in text and "106,767,478" not in text  # the old, unrounded sums


def _content(price: float, volume: float, years: int, change: float) -> ProposalContent:
    """The sample's proposal with other commercial figures (and no terms or statement)."""
    return dataclasses.replace(
        proposal_content(sample_case()),
        unit_price=price,
        annual_volume=volume,
        years=years,
        annual_price_change_pct=change,
        terms=(),
        statement="",
    )


def _proposal_text(content: ProposalContent) -> str:
    out = io.BytesIO()
    build_proposal(content, out, invariant=True)
    return pdf_text(out.getvalue())


_PRICES = st.one_of(
    st.integers(1, 10_000_000).map(lambda c: c / 100),  # to the cent
    st.floats(0.01, 50_000, allow_nan=False, allow_infinity=False),  # any float
)
_VOLUMES = st.one_of(
    st.integers(1, 2_000_000).map(float),
    st.integers(1, 200_000_000).map(lambda c: c / 100),  # a volume in hundredths
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    price=_PRICES,
    volume=_VOLUMES,
    years=st.integers(1, 30),
    change=st.integers(-500, 500).map(lambda t: t / 10),
)
def test_generated_price_tables_add_up_as_printed(
    price: float, volume: float, years: int, change: float
) -> None:
    text = _proposal_text(_content(price, volume, years, change))
    rows = _check_price_table(text)
    assert len(rows) == years
    # The printed first-year price and units are the inputs to the cent (formatted here).
    assert rows[0][1] == Decimal(f"{price:.2f}")
    assert rows[0][2] == Decimal(f"{volume:.0f}" if volume.is_integer() else f"{volume:.2f}")


# --- table rows move whole; only a row taller than a page splits ----------------------------------


def _document(story: list[Any]) -> bytes:
    out = io.BytesIO()
    doc = ReportDocument(
        out,
        paper="a4",
        page=PageText(title="Tables", label="Confidential", footer="Table test"),
        title="Tables",
        subject="Tables",
        invariant=True,
    )
    doc.build(story, canvasmaker=NumberedCanvas)
    return out.getvalue()


def _rows(count: int, words: int) -> list[list[Any]]:
    body = " ".join(["filler"] * words)
    return [[blocks.cell(f"Row{n}start"), blocks.cell(f"{body} Row{n}end")] for n in range(count)]


def test_a_row_moves_whole_to_the_next_page_and_the_header_shows_once_per_page() -> None:
    styles.setup()
    width = frame_width("a4")
    story = [
        Spacer(1, frame_height("a4") * 0.62),
        blocks.data_table(["NameHeader", "TextHeader"], _rows(6, 160), [width * 0.3, width * 0.7]),
    ]
    pages = [flat(p) for p in page_texts(_document(story))]
    assert len(pages) >= 2
    for n in range(6):
        holding = [i for i, page in enumerate(pages) if f"Row{n}start" in page]
        assert holding == [i for i, page in enumerate(pages) if f"Row{n}end" in page], n
        assert len(holding) == 1, n
    assert "continued" not in " ".join(pages)
    for page in pages:
        if "Row" in page:
            assert page.count("NameHeader") == 1
            assert page.find("NameHeader") < page.find("Row")  # at the top of the table


def test_a_row_taller_than_a_page_splits_and_its_continuation_repeats_header_and_name() -> None:
    styles.setup()
    width = frame_width("a4")
    rows = [*_rows(1, 20), *_rows(2, 2_400)[1:], *_rows(3, 20)[2:]]
    story = [blocks.data_table(["NameHeader", "TextHeader"], rows, [width * 0.3, width * 0.7])]
    pages = [flat(p) for p in page_texts(_document(story))]
    first = next(i for i, page in enumerate(pages) if "Row1start" in page)
    last = next(i for i, page in enumerate(pages) if "Row1end" in page)
    assert last > first  # the giant row did split
    for page in pages[first + 1 : last + 1]:
        assert "NameHeader TextHeader Row1start (continued) filler" in page
        assert page.count("(continued)") == 1


def _note() -> Any:
    return blocks.para("NoteStart what the columns mean NoteEnd", styles.NOTE)


def test_a_note_never_opens_a_page_alone() -> None:
    """A table that ends at the foot of a page with no room for its note: its last row goes
    over with the note (under the repeated header), rather than the note alone."""
    styles.setup()
    width = frame_width("a4")
    table = blocks.data_table(
        ["NameHeader", "TextHeader"], _rows(6, 10), [width * 0.3, width * 0.7]
    )
    table_height = table.wrap(width, frame_height("a4"))[1]
    story = [Spacer(1, frame_height("a4") - table_height - 4), table, _note()]
    pages = [flat(p) for p in page_texts(_document(story))]
    assert len(pages) == 2
    assert "Row4end" in pages[0] and "Row5start" not in pages[0]
    assert pages[1].startswith("NameHeader TextHeader Row5start")
    assert "NoteStart what the columns mean NoteEnd" in pages[1]


def test_a_table_split_with_its_note_repeats_its_header_only_at_the_top_of_a_page() -> None:
    """The table splits across pages and carries its note on: every row whole, the header
    once on each page and never above a row half-way down a page."""
    styles.setup()
    width = frame_width("a4")
    story = [
        Spacer(1, frame_height("a4") * 0.5),
        blocks.data_table(["NameHeader", "TextHeader"], _rows(8, 120), [width * 0.3, width * 0.7]),
        _note(),
    ]
    pages = [flat(p) for p in page_texts(_document(story))]
    assert len(pages) >= 2
    for n in range(8):
        holding = [i for i, page in enumerate(pages) if f"Row{n}start" in page]
        assert holding == [i for i, page in enumerate(pages) if f"Row{n}end" in page], n
    for page in pages:
        if "Row" in page:
            assert page.count("NameHeader") == 1 and page.startswith("NameHeader"), page[:80]
    assert "NoteEnd" in pages[-1] and "Row7end" in pages[-1]


def test_the_long_risk_row_continues_under_its_number_and_name(
    long_lists: tuple[Any, ...],
) -> None:
    case, _, _, data = long_lists
    number = next(i for i, r in enumerate(case.risks, start=1) if r.name == GIANT_RISK)
    pages = [flat(p) for p in page_texts(data)]
    continued = [p for p in pages if f"R{number} (cont.) {GIANT_RISK} (continued)" in p]
    assert continued  # in the body and in the complete register
    for page in continued:
        assert page.index("Mitigation") < page.index(f"R{number} (cont.)")  # the header


def test_no_table_header_is_repeated_mid_page(brief_pdf: bytes) -> None:
    # The sample's page 5 repeated "Alternative · Feasible · Effective cost" above a row split
    # at the foot of the page.
    for page in page_texts(brief_pdf):
        assert flat(page).count("Effective cost Value (pts)") <= 1


# --- no half-empty page ---------------------------------------------------------------------------


def _new_page_starts(data: bytes) -> set[int]:
    """The pages that start with what must start a page: the summary and the appendices."""
    starts = set()
    for number, lines in enumerate(page_lines(data)):
        head = flat(" ".join(text for _, text in lines[:2]))
        if head.startswith(("1 Executive summary", "Appendix:")):
            starts.add(number)
    return starts


def test_a_page_ends_early_only_before_a_section_that_must_start_a_page(
    brief_pdf: bytes, hostile_pdfs: tuple[bytes, bytes], long_lists: tuple[Any, ...]
) -> None:
    room = 1 - (SECTION_ROOM + 30) / frame_height("a4")  # a section that did not fit, plus air
    for name, data in _briefs(brief_pdf, hostile_pdfs, long_lists).items():
        shares = fill(data)
        must = _new_page_starts(data)
        assert {1} <= must and len(must) >= 2, name  # the summary, then the appendices
        lines = page_lines(data)
        for number, share in enumerate(shares[1:-1], start=1):
            if number + 1 in must or number == 1:
                continue  # the page before one that must be new; the summary's own page
            assert share >= 0.5, (name, number + 1, share)  # a chart may move on whole
            nxt = flat(" ".join(text for _, text in lines[number + 1][:1]))
            if re.match(r"\d \w", nxt):  # the next page opens a numbered section
                assert share >= room, (name, number + 1, share)


def test_the_checklist_starts_under_its_heading_and_flows_on(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    """The appendix's checklist (21 points on the sample) after a page two thirds full: it
    starts there under its title and words, and flows on to the next page, its rows whole and
    its header repeated, instead of moving whole and leaving a third of the page empty."""
    from desktop_app.reports.brief_actions import _readiness_table
    from desktop_app.reports.brief_base import BriefContext

    styles.setup()
    case, analysis = sample
    ctx = BriefContext(
        case=case, analysis=analysis, width=frame_width("a4"), height=frame_height("a4")
    )
    story = [Spacer(1, frame_height("a4") * 0.66), *_readiness_table(ctx)]
    pages = [flat(p) for p in page_texts(_document(story))]
    assert len(pages) == 2
    labels = [item.label for item in analysis.readiness.items]
    assert len(labels) > 15
    assert "The preparation checklist:" in pages[0]
    assert labels[0] in pages[0] and labels[-1] in pages[1]
    for label in labels:  # each point whole on one page
        assert sum(label in page for page in pages) == 1, label
    for page in pages:
        assert len(re.findall(r"(?:^| )Point [✓✗]", page)) == 1  # the header, once a page


def test_sections_follow_on_the_page_before(brief_pdf: bytes) -> None:
    pages = [flat(p) for p in page_texts(brief_pdf)]
    # At least two section titles share a page with the end of the section before.
    shared = [
        p
        for p in pages
        if re.search(r"\S \d (Our alternatives|Risk|The proposal|Talking points)", p)
    ]
    assert len(shared) >= 2


# --- one rule for long tables ---------------------------------------------------------------------


def test_long_lists_show_the_most_important_ten_and_the_appendix_lists_all(
    long_lists: tuple[Any, ...],
) -> None:
    case, analysis, _, data = long_lists
    text = flat(pdf_text(data))
    body = text[: text.find("Appendix: assumptions and method")]
    complete = text[text.rfind("Appendix: complete lists") :]
    theirs = case.alternatives_of("theirs")
    lists = {
        "alternatives of theirs that would cost them least (they will raise these first)": len(
            theirs
        ),
        "alternatives of ours worth most to us (expected value)": len(case.alternatives_of("ours")),
        "parties on their side with the most influence": sum(
            p.side == "theirs" for p in case.parties
        ),
        "risks with the largest expected loss under our proposal": len(case.risks),
        "talking points for the alternatives that would cost them least": len(theirs),
        "assumptions that move the zone most": len(analysis.intelligence),
    }
    for what, total in lists.items():
        assert total > 10, what
        assert f"The 10 {what}" in body, what
        assert f"of {total:,}; all {total:,} are listed in {COMPLETE}" in text, what
    for alternative in theirs:
        assert alternative.name in complete
    for risk in case.risks:
        assert risk.name in complete
    assert "see the app" not in text


def test_the_body_shows_the_ten_risks_with_the_largest_expected_loss(
    long_lists: tuple[Any, ...],
) -> None:
    case, _, expected_loss, data = long_lists
    text = flat(pdf_text(data))
    section = text[text.find("5 Risk What can go wrong") :]
    register = section[section.find("Risk register") : section.find("The 10 risks with")]
    numbers = {r.id: n for n, r in enumerate(case.risks, start=1)}
    top = sorted(case.risks, key=lambda r: -expected_loss[r.id])[:10]
    shown = list(dict.fromkeys(int(n) for n in re.findall(r"\bR(\d+) ", register)))
    assert shown[:10] == [numbers[r.id] for r in top]
    assert set(shown) == {numbers[r.id] for r in top}


def test_short_lists_are_shown_whole_without_a_note(
    brief_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, _ = sample
    body = flat(pdf_text(brief_pdf))
    body = body[: body.find("Appendix: assumptions and method")]
    for risk in case.risks:
        assert risk.name in body
    for alternative in case.alternatives:
        assert alternative.name in body
    assert "are listed in" not in body


def test_the_rule_lives_in_one_helper() -> None:
    listed = blocks.shortlist(range(25), what="things", ranking="that matter most", where="B")
    assert listed.shown == tuple(range(10)) and listed.cut
    note = listed.note()
    assert note is not None
    assert note.getPlainText() == "The 10 things that matter most, of 25; all 25 are listed in B."
    short = blocks.shortlist(range(10), what="things", ranking="that matter", where="B")
    assert short.shown == tuple(range(10)) and short.note() is None


# --- one format per figure; the currency with its amount; a real minus ----------------------------


def test_money_keeps_its_currency_and_a_real_minus() -> None:
    fmt = Fmt("EUR")
    assert fmt.money(1_234.5) == f"EUR{NBSP}1,234"
    assert fmt.money(-11_277_640) == f"{MINUS}EUR{NBSP}11,277,640"
    assert fmt.price(-3.456) == f"{MINUS}EUR{NBSP}3.46"
    assert fmt.compact(-4_500_000) == f"{MINUS}EUR{NBSP}4.5M"
    assert fmt.pct(-1.5) == f"{MINUS}1.5%"
    assert fmt.points(-2.0, sign=True) == f"{MINUS}2.0"
    assert plain_number(-60_000) == f"{MINUS}60,000"
    assert Fmt("EUR", space=" ").money(5) == "EUR 5"  # the plain-text report
    assert keep_with_amount("about EUR 46.50 or USD -3 but not EURO 5") == (
        f"about EUR{NBSP}46.50 or USD{NBSP}-3 but not EURO 5"
    )


def test_no_currency_ends_a_line_away_from_its_amount_and_no_hyphen_minus(
    brief_pdf: bytes,
    proposal_pdf: bytes,
    hostile_pdfs: tuple[bytes, bytes],
    long_lists: tuple[Any, ...],
) -> None:
    documents = {**_briefs(brief_pdf, hostile_pdfs, long_lists), "proposal": proposal_pdf}
    documents["hostile proposal"] = hostile_pdfs[1]
    for name, data in documents.items():
        text = pdf_text(data)
        assert not re.search(r"\bEUR\n\s*[−\-]?\d", text), name
        assert not re.search(r"(?<![\w\-−])-\d", text), name


def test_each_figure_has_one_name(brief_pdf: bytes) -> None:
    text = flat(pdf_text(brief_pdf))
    assert "Conservative margin %" in text  # the figure catalogue's label
    assert "Margin % after the bad cases" not in text


# --- no internal wording --------------------------------------------------------------------------


def test_no_internal_wording_reaches_the_reader(
    brief_pdf: bytes, proposal_pdf: bytes, hostile_pdfs: tuple[bytes, bytes]
) -> None:
    for data in (brief_pdf, proposal_pdf, *hostile_pdfs):
        text = flat(pdf_text(data))
        for words in ("inverted_cdf", "Quantile method", "see the app", "full list"):
            assert words not in text, words
