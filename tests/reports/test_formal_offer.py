"""The documents as issue 13 wants them: the proposal is a formal offer on the client's
letterhead (addressee, our reference, date, "open until", "subject to contract", contact and
signatory, "Confidential" on every page, the client's logo), the brief's cover carries the
consultancy's name, logo and colour, and the PDF metadata names whose document it is — never
the tool. Without a letterhead, both have a neutral design.

The sample case holds the values checked here (resources/sample_case.json): the client's logo
is a 560 × 140 PNG with transparency, the consultancy's a 620 × 120 JPEG.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib import colors

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case
from desktop_app.reports.export import render_pdf
from desktop_app.reports.letterhead import (
    TEXT_CONTRAST,
    Letterhead,
    contrast,
    logo_image,
    readable_on_white,
)
from desktop_app.reports.proposal_offer import validity_sentence
from tests.reports.conftest import page_texts, pdf_text, quick
from tests.reports.test_long import long_text


def flat(text: str) -> str:
    return " ".join(text.split())


def images(data: bytes) -> list[tuple[int, int, int, bool]]:
    """(page, width, height, has a soft mask) of every picture the pages draw."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        for item in xobjects.values():
            obj = item.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((number, int(obj["/Width"]), int(obj["/Height"]), "/SMask" in obj))
    return found


def with_info(case: Case, **changes: Any) -> Case:
    return dataclasses.replace(case, info=dataclasses.replace(case.info, **changes))


def with_proposal(case: Case, **changes: Any) -> Case:
    return dataclasses.replace(case, proposal=dataclasses.replace(case.proposal, **changes))


# -- the proposal as a formal offer -------------------------------------------------------------


def test_the_offer_fields_appear_in_the_proposal(proposal_pdf: bytes) -> None:
    text = flat(pdf_text(proposal_pdf))
    for words in (
        # The addressee, line by line, at the head of the letter.
        "Jürgen Albrecht",
        "VP Global Purchasing",
        "Aurelia-Allee 1",
        "80939 München",
        # Our reference, the date and how long it is open.
        "Our reference KPT-AUR-2026-117",
        "Date 20 November 2026",
        "Open until 29 January 2027",
        # Subject to contract, at the head and with the validity.
        "PROPOSAL · SUBJECT TO CONTRACT",
        "This offer is open until 29 January 2027. It is made subject to contract: it binds "
        "neither party until both have signed a written agreement.",
        # Whom to contact, and who signs for the client.
        "Your contact for this offer: Marek Nowak, Head of Sales "
        "+49 7031 555 0142 · marek.nowak@kessler-praezision.example",
        "Yours sincerely, Dr. Katarzyna Wiśniewska Chief Executive Officer "
        "for Kessler Präzisionstechnik GmbH",
    ):
        assert words in text, words


def test_every_page_is_marked_confidential_and_carries_the_reference(
    proposal_pdf: bytes,
) -> None:
    pages = page_texts(proposal_pdf)
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert page.splitlines()[0] == "Confidential", number  # first, at the top right
        assert "KPT-AUR-2026-117" in page, number
        assert "subject to contract" in page.lower(), number
    assert (
        page_texts(proposal_pdf)[1]
        .splitlines()[1]
        .startswith(
            "Our reference KPT-AUR-2026-117 · Phase-two renewal: adaptive damping controller"
        )
    )


def test_the_proposal_carries_the_clients_logo_and_names_the_client_as_author(
    proposal_pdf: bytes,
) -> None:
    assert images(proposal_pdf) == [(1, 560, 140, True)]  # its transparency kept
    meta = PdfReader(io.BytesIO(proposal_pdf)).metadata
    assert meta is not None
    assert meta.author == meta.creator == meta.producer == "Kessler Präzisionstechnik GmbH"


def test_the_consultancy_never_reaches_the_proposal(sample: tuple[Case, CaseAnalysis]) -> None:
    """Neither its name nor its logo: a proposal without the client's logo has no picture at
    all, although the consultancy's logo is in the case."""
    case = with_info(sample[0], client_logo=None)
    assert case.info.consultancy_logo is not None
    data = render_pdf(case, None, kind="proposal")
    assert images(data) == []
    text = pdf_text(data)
    assert "Northbridge" not in text and "Hanna Lindqvist" not in text


def test_without_a_letterhead_the_proposal_is_neutral(sample: tuple[Case, CaseAnalysis]) -> None:
    """No logo, no accent: the client's name heads the letter, in a neutral charcoal; nothing
    of the tool."""
    case = with_info(sample[0], client_logo=None, client_accent=None)
    data = render_pdf(case, None, kind="proposal")
    first = page_texts(data)[0]
    assert "Kessler Präzisionstechnik GmbH" in first.splitlines()[1]
    assert "leverage" not in pdf_text(data).lower()
    assert b".231373 .258824 .286275 rg" in _page_stream(data, 0)  # #3B4249, the band


def _page_stream(data: bytes, index: int) -> bytes:
    page = PdfReader(io.BytesIO(data)).pages[index]
    content = page.get_contents()
    assert content is not None
    return bytes(content.get_data())


def test_a_proposal_without_offer_details_still_says_subject_to_contract(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    case = with_proposal(
        sample[0], addressee="", reference="", offer_valid_until=None, signatory="", contact=""
    )
    text = flat(pdf_text(render_pdf(case, None, kind="proposal")))
    assert "This offer is made subject to contract: it binds neither party" in text
    assert "Our reference" not in text and "Open until" not in text
    assert "Your contact" not in text
    assert "Yours sincerely, Kessler Präzisionstechnik GmbH" in text


def test_the_validity_sentence() -> None:
    assert validity_sentence("29 January 2027") == (
        "This offer is open until 29 January 2027. It is made subject to contract: it binds "
        "neither party until both have signed a written agreement."
    )
    assert validity_sentence("") == (
        "This offer is made subject to contract: it binds neither party until both have "
        "signed a written agreement."
    )


def test_offer_fields_of_10000_characters_print_whole(sample: tuple[Case, CaseAnalysis]) -> None:
    """No offer field is cut: each ends with its marker in the PDF."""
    case = with_proposal(
        sample[0],
        addressee=long_text("ADDRESSEEEND"),
        reference=long_text("REFERENCEEND"),
        signatory=long_text("SIGNATORYEND"),
        contact=long_text("CONTACTEND"),
    )
    text = pdf_text(render_pdf(case, None, kind="proposal"))
    for marker in ("ADDRESSEEEND", "REFERENCEEND", "SIGNATORYEND", "CONTACTEND"):
        assert marker in text, marker


def test_markup_in_the_offer_fields_prints_literally(sample: tuple[Case, CaseAnalysis]) -> None:
    case = with_proposal(
        sample[0],
        addressee="<b>not bold</b> & Co.\n<img src='x.png'/>",
        signatory="<font color='red'>Signed</font>",
    )
    data = render_pdf(case, None, kind="proposal")
    text = flat(pdf_text(data))
    assert "<b>not bold</b> & Co. <img src='x.png'/>" in text
    assert "<font color='red'>Signed</font>" in text
    assert len(images(data)) == 1  # the client's logo, nothing from the text


def test_a_logo_that_cannot_be_decoded_is_left_out(sample: tuple[Case, CaseAnalysis]) -> None:
    """A logo whose header is sound but whose image data is damaged (it passed the case's
    check) does not stop the export: the letter falls back to the client's name."""
    logo = sample[0].info.client_logo
    assert logo is not None
    idat = logo.index(b"IDAT")
    damaged = logo[: idat + 4] + b"\x00" * 64 + logo[idat + 68 :]
    assert logo_image(damaged) is None
    data = render_pdf(with_info(sample[0], client_logo=damaged), None, kind="proposal")
    assert images(data) == []
    assert "Kessler Präzisionstechnik GmbH" in page_texts(data)[0].splitlines()[1]


# -- the brief's cover ----------------------------------------------------------------------------


def test_the_brief_cover_carries_the_consultancy_never_the_tool(brief_pdf: bytes) -> None:
    cover = page_texts(brief_pdf)[0]
    assert "Team brief" in cover and "CONFIDENTIAL" in cover
    assert "Hanna Lindqvist" in cover and "Northbridge Negotiation Partners" in cover
    assert "leverage" not in cover.lower()
    assert [i[:3] for i in images(brief_pdf)] == [(1, 620, 120)]  # the consultancy's logo
    meta = PdfReader(io.BytesIO(brief_pdf)).metadata
    assert meta is not None
    assert meta.author == meta.creator == meta.producer == "Northbridge Negotiation Partners"


@pytest.mark.parametrize(
    ("consultancy", "consultant", "author"),
    [
        ("", "Hanna Lindqvist", "Hanna Lindqvist"),  # no firm: its consultant
        ("", "", ""),  # nobody: empty, never the tool nor "anonymous"
    ],
)
def test_the_brief_author_without_a_consultancy(
    sample: tuple[Case, CaseAnalysis], consultancy: str, consultant: str, author: str
) -> None:
    case = quick(
        with_info(
            sample[0],
            consultancy=consultancy,
            consultant=consultant,
            consultancy_logo=None,
            consultancy_accent=None,
        ),
        runs=2_000,
    )
    data = render_pdf(case, analyze_case(case), kind="brief")
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert meta.author == meta.creator == meta.producer == author
    assert images(data) == []
    cover = page_texts(data)[0]
    assert "leverage" not in cover.lower()


# -- colours that read --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accent", "on_band"),
    [
        ("#FFD700", 10.6),  # gold: ink on the band, an ochre for text
        ("#F7E27A", 11.4),
        ("#FFFFFF", 14.9),
        ("#0E6E6E", 6.0),  # teal: white on the band, the teal itself for text
        ("#7B2D43", 9.1),
        ("#808080", 3.9),  # mid grey, the worst case: large text on the band still reads
    ],
)
def test_an_accent_is_used_so_that_its_text_reads(accent: str, on_band: float) -> None:
    """Text in the accent on white paper has a contrast of at least 4.5 (WCAG, body text),
    however light the colour; text on the accent band is white or ink, whichever reads best."""
    letterhead = Letterhead("Client", None, accent)
    assert contrast(letterhead.text_colour, colors.white) >= TEXT_CONTRAST
    assert contrast(letterhead.on_colour, letterhead.colour) >= on_band
    dark = colors.HexColor("#0E6E6E")
    assert readable_on_white(dark) == dark  # a dark accent is used as it is
