"""The proposal for the counterpart: what it shows, and THE LEAK TEST — nothing outside the
allow-list of SPEC §4 ever reaches it (our walk-away, risk figures, margin, fair price, their
alternatives or our view of them)."""

from __future__ import annotations

import dataclasses
import inspect
import typing

from hypothesis import HealthCheck, given, settings

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case
from desktop_app.reports import proposal as proposal_module
from desktop_app.reports.export import render_pdf, with_ways
from desktop_app.reports.formats import Fmt
from desktop_app.reports.proposal import (
    ProposalContent,
    ProposalTerm,
    build_proposal,
    commercial_rows,
    long_date,
    price_path,
    proposal_content,
    proposal_story,
)
from desktop_app.reports.proposal_meso import way_cells
from desktop_app.store.interchange import document_to_case
from tests.reports.conftest import page_texts, pdf_text, quick
from tests.strategies import case_documents

ALLOWED_FIELDS = {
    "title",
    "client",
    "counterpart",
    "currency",
    "prepared_on",
    "unit_price",
    "annual_volume",
    "years",
    "annual_price_change_pct",
    "payment_days",
    "liability_cap",
    "terms",
    "interests",
    "statement",
    # Issue 13: the formal offer and the client's letterhead.
    "addressee",
    "reference",
    "offer_valid_until",
    "signatory",
    "contact",
    "logo",
    "accent",
    # Issue 14: the offers of equal value to us, their commercial terms only
    # (tests/reports/test_proposal_ways.py).
    "ways",
}
#: Words of our own analysis that have no business in the counterpart's document.
TELLTALE_WORDS = (
    "walk-away",
    "walk away",
    "batna",
    "zopa",
    "shortfall",
    "expected loss",
    "fair price",
    "bargaining power",  # how the brief words the fair price
    "leverage",
    "margin",
    "risk register",
    "talking point",
)


def flat(text: str) -> str:
    return " ".join(text.split())


# --- what it shows ---------------------------------------------------------------------------


def test_proposal_shows_terms_statement_and_interests(
    proposal_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, _ = sample
    text = flat(pdf_text(proposal_pdf))
    scenario = case.proposal_scenario
    assert scenario is not None
    assert flat(case.proposal.statement) in text
    for term in scenario.terms:
        assert term.name in text
        assert flat(term.value) in text
        assert flat(term.rationale) in text
    for words in (
        case.info.title,
        case.info.client,
        case.info.counterpart,
        "EUR 455.00",
        "−1.5% a year",
        "60,000 units",
        "4 years",
        "45 days net",
        "EUR 2,000,000",
        "What this proposal does for you",
        "Show a yearly cost-down on the part",
        "Engineering support for the 2028 facelift",
        "20 November 2026",
    ):
        assert words in text, words


def test_proposal_pages_have_header_and_page_numbers(proposal_pdf: bytes) -> None:
    pages = page_texts(proposal_pdf)
    assert 1 <= len(pages) <= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Confidential" in page  # the same marking on every page, the first included


def test_proposal_needs_no_analysis(sample: tuple[Case, CaseAnalysis]) -> None:
    case, _ = sample
    assert render_pdf(case, None, kind="proposal").startswith(b"%PDF-")


# --- the leak test: the sample case ----------------------------------------------------------


def test_sample_proposal_leaks_nothing(
    proposal_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, analysis = sample
    text = pdf_text(proposal_pdf)
    lowered = text.lower()  # line by line: a table header and the cell below are not a phrase
    # Our walk-away (417.74) in every way one might write it, the fair price, their walk-away.
    forbidden = ["417.74", "417,74", "417", "418", "447.53", "447", "477.32", "477"]
    forbidden += ["451.53", "451", "485.31", "485"]  # before issue 14: fair price, theirs
    for scenario in analysis.scenarios:
        forbidden += [
            f"{scenario.money.margin:,.0f}",
            f"{scenario.money.margin:.0f}",
            f"{scenario.loss.expected_loss:,.0f}",
            f"{scenario.loss.expected_shortfall:,.0f}",
            f"{scenario.loss.loss_at_confidence:,.0f}",
            Fmt("EUR").compact(scenario.loss.expected_shortfall),
            Fmt("EUR").compact(scenario.loss.expected_loss),
            f"{scenario.money.margin_pct:.1f}%",
        ]
        if scenario.walk_away_price is not None:
            forbidden.append(f"{scenario.walk_away_price:.2f}")
    for word in forbidden:
        assert word not in text, word
    for word in TELLTALE_WORDS:
        assert word not in lowered, word
    for alternative in case.alternatives:
        assert alternative.name not in text, alternative.name
    for fragment in ("Brandt", "in-house", "Dual-source", "Low-cost", "Delay", "Vantor"):
        assert fragment not in text, fragment
    # Nor anything else outside the allow-list: people, notes, costs, risks, other scenarios.
    # A person is named only where the offer names them: addressee, signatory, contact.
    offer = " ".join((case.proposal.addressee, case.proposal.signatory, case.proposal.contact))
    for party in case.parties:
        if party.name not in offer:
            assert party.name not in text, party.name
    assert "Sophie Laurent" not in text and "Elena Vasquez" not in text
    for words in (
        case.info.consultant,
        case.info.consultancy,  # the consultancy is never named to the counterpart
        "Northbridge",
        case.info.subject,
        "Bill of materials",
        "Field recall",
        "Three-year bridge",
        "Aurelia's global cost-down target",  # a term of their demand, not of our proposal
        "Keep a margin",  # an interest of ours
        "A firm 12-month forecast",  # a third party's interest
    ):
        assert words not in text, words


def _canary_case(case: Case) -> Case:
    """The sample with every text outside the allow-list replaced by a unique canary."""
    counter = iter(range(10_000))

    def canary() -> str:
        return f"CANARY{next(counter):04d}X"

    def blank(obj: typing.Any, *names: str) -> typing.Any:
        return dataclasses.replace(obj, **{name: canary() for name in names})

    info = blank(case.info, "consultant", "consultancy", "subject", "notes")
    addressed = set(case.proposal.addresses_interests)
    parties = tuple(
        dataclasses.replace(
            blank(p, "name", "role", "notes"),
            interests=tuple(
                i if (p.side == "theirs" and i.id in addressed) else blank(i, "text")
                for i in p.interests
            ),
        )
        for p in case.parties
    )
    alternatives = tuple(
        dataclasses.replace(
            blank(a, "name", "description"),
            pros=tuple(canary() for _ in a.pros),
            cons=tuple(canary() for _ in a.cons),
        )
        for a in case.alternatives
    )
    criteria = tuple(blank(c, "name", "description") for c in case.criteria)
    costs = tuple(blank(c, "name") for c in case.cost_lines)
    risks = tuple(blank(r, "name", "category", "mitigation", "owner") for r in case.risks)
    scenarios = tuple(
        s
        if s.role == "our_proposal"
        else dataclasses.replace(
            blank(s, "name"), terms=tuple(blank(t, "name", "value", "rationale") for t in s.terms)
        )
        for s in case.scenarios
    )
    points = tuple(blank(p, "text") for p in case.proposal.talking_points)
    proposal = dataclasses.replace(case.proposal, talking_points=points)
    return dataclasses.replace(
        case,
        info=info,
        parties=parties,
        alternatives=alternatives,
        criteria=criteria,
        cost_lines=costs,
        risks=risks,
        scenarios=scenarios,
        proposal=proposal,
    )


def test_no_text_outside_the_allow_list_reaches_the_proposal(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    case = _canary_case(sample[0])
    text = pdf_text(render_pdf(case, None, kind="proposal"))
    assert "CANARY" not in text
    assert case.info.title in flat(text)  # the allowed texts are still there


# --- the leak test: generated cases -----------------------------------------------------------


def _allowed_corpus(content: ProposalContent) -> str:
    """Every string the allowed fields can legitimately print."""
    fmt = Fmt(content.currency)
    parts = [content.title, content.client, content.counterpart, content.statement]
    parts += [*content.interests, content.prepared_on or "", content.currency]
    parts += [content.addressee, content.reference, content.signatory, content.contact]
    parts += [long_date(content.prepared_on), long_date(content.offer_valid_until)]
    for term in content.terms:
        parts += [term.name, term.value, term.rationale]
    parts += [value for _, value in commercial_rows(content)]
    for way in content.ways:
        parts += way_cells(way, content.currency)
    for year, price, units, amount in price_path(content):
        parts += [str(year), fmt.price(price), fmt.money(units), fmt.money(amount)]
    path = price_path(content)
    total_units = sum(r[2] for r in path)
    if path and total_units:
        parts += [
            fmt.money(sum(r[3] for r in path)),
            fmt.price(sum(r[3] for r in path) / total_units),
        ]
    return " ".join(" ".join(p.split()) for p in parts)


def _forbidden(case: Case, analysis: CaseAnalysis) -> list[str]:
    fmt = Fmt(case.info.currency)
    words: list[str] = [a.name for a in case.alternatives_of("theirs")]
    zopa = analysis.zopa
    for value in (zopa.our_walk_away, zopa.fair_price, zopa.their_walk_away):
        if value is not None:
            words += [f"{value:,.2f}", fmt.price(value)]
    for scenario in analysis.scenarios:
        if scenario.walk_away_price is not None:
            words.append(fmt.price(scenario.walk_away_price))
        for value in (
            scenario.loss.expected_loss,
            scenario.loss.expected_shortfall,
            scenario.money.margin,
        ):
            if value is not None and abs(value) >= 1000:
                words.append(fmt.money(value))
    return words


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=case_documents())
def test_generated_proposals_leak_nothing(document: dict[str, typing.Any]) -> None:
    case = quick(document_to_case(document))
    analysis = analyze_case(case)
    content = with_ways(proposal_content(case), analysis)
    text = " ".join(pdf_text(render_pdf(case, analysis, kind="proposal")).split())
    allowed = _allowed_corpus(content)
    for word in _forbidden(case, analysis):
        word = " ".join(word.split())
        if len(word) < 4 or word in allowed:
            continue  # too short to mean anything, or printed by an allowed field anyway
        assert word not in text, word
    for word in TELLTALE_WORDS:
        if word not in allowed.lower():
            assert word not in text.lower(), word


# --- the allow-list is structural --------------------------------------------------------------


def test_proposal_content_has_only_the_allowed_fields() -> None:
    assert {f.name for f in dataclasses.fields(ProposalContent)} == ALLOWED_FIELDS
    assert {f.name for f in dataclasses.fields(ProposalTerm)} == {"name", "value", "rationale"}
    hints = typing.get_type_hints(ProposalContent)
    assert hints["terms"] == tuple[ProposalTerm, ...]
    assert hints["interests"] == tuple[str, ...]


def test_the_builders_never_receive_the_case_or_the_analysis() -> None:
    for builder in (build_proposal, proposal_story):
        hints = typing.get_type_hints(builder)
        parameters = list(inspect.signature(builder).parameters)
        assert hints[parameters[0]] is ProposalContent
        for name, hint in hints.items():
            assert hint not in (Case, CaseAnalysis), (builder.__name__, name)
    # proposal_content is the only function of the module that reads a Case.
    readers = [
        name
        for name, function in inspect.getmembers(proposal_module, inspect.isfunction)
        if function.__module__ == proposal_module.__name__
        and any(h in (Case, CaseAnalysis) for h in typing.get_type_hints(function).values())
    ]
    assert readers == ["proposal_content"]
    assert "analysis" not in inspect.signature(proposal_content).parameters
