"""The brief and the proposal as Word documents, read back with python-docx: the same content
as the PDFs in Word's own heading, table and list styles, the charts as pictures, the owner's
letterhead, "Confidential" and page X of Y on every page, the owner as author — and the
proposal's allow-list holds (the leak tests of ``test_proposal`` run on the .docx too)."""

from __future__ import annotations

import dataclasses
import io
import re
import typing
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from desktop_app import cli
from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case
from desktop_app.reports.brief_charts import CHARTS, charts_for
from desktop_app.reports.docx_export import proposal_docx, render_docx
from desktop_app.reports.proposal import ProposalContent, proposal_content
from desktop_app.store.interchange import document_to_case
from tests.reports.conftest import pdf_text, quick
from tests.reports.test_proposal import (
    TELLTALE_WORDS,
    _allowed_corpus,
    _canary_case,
    _forbidden,
)
from tests.strategies import case_documents

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def brief_docx(sample: tuple[Case, CaseAnalysis]) -> bytes:
    return render_docx(*sample, kind="brief")


@pytest.fixture(scope="module")
def proposal_bytes(sample: tuple[Case, CaseAnalysis]) -> bytes:
    return render_docx(sample[0], None, kind="proposal")


def open_docx(data: bytes) -> typing.Any:
    return docx.Document(io.BytesIO(data))


def docx_text(data: bytes) -> str:
    """Every word of the document: body, tables, headers and footers, as Word would show it."""
    words = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("word/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                words += re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    return "\n".join(words).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def headings(document: typing.Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def _outline(pdf: bytes) -> list[str]:
    """The top level of the PDF's bookmarks: its sections, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(item.title.split()) for item in reader.outline if not isinstance(item, list)]


def test_the_brief_uses_words_heading_table_and_list_styles(
    brief_docx: bytes, brief_pdf: bytes
) -> None:
    document = open_docx(brief_docx)
    top = [" ".join(h.split()) for h in headings(document, "Heading 1")]
    # The same sections as the PDF's, in its order, as Word's "Heading 1".
    assert top == _outline(brief_pdf)
    assert top[0] == "1 Executive summary" and "Appendix: assumptions and method" in top
    for title in ("Parties and interests", "Their alternatives", "Risk", "Talking points"):
        assert any(h.endswith(title) for h in top), title
    assert "Risk register" in headings(document, "Heading 2")
    assert headings(document, "Title") == [
        "Phase-two renewal: adaptive damping controller for the Aurelia GT"
    ]
    assert headings(document, "List Bullet")  # the interests the proposal addresses
    assert len(document.tables) >= 20
    register = next(t for t in document.tables if t.rows[0].cells[1].text == "Risk")
    assert register.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeated on each page
    assert [c.text for c in register.rows[0].cells][:3] == ["#", "Risk", "Probability"]


def test_the_brief_holds_the_same_figures_as_its_pdf(brief_docx: bytes, brief_pdf: bytes) -> None:
    text = " ".join(docx_text(brief_docx).split())
    pdf = " ".join(pdf_text(brief_pdf).split())
    for figure in ("EUR 417.74", "EUR 477.32", "EUR 455.00", "EUR 447.53", "62.5%"):
        assert figure in pdf and figure in text, figure
    assert "Kessler Präzisionstechnik GmbH" in text


def test_the_charts_are_pictures(brief_docx: bytes, sample: tuple[Case, CaseAnalysis]) -> None:
    document = open_docx(brief_docx)
    with zipfile.ZipFile(io.BytesIO(brief_docx)) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    charts = len(charts_for(sample[1]))  # the brief's charts, as the PDF has them
    assert charts == len(CHARTS) - 1  # no acceptance curve: the sample has no ranges
    assert charts >= 7
    assert len(document.inline_shapes) == charts + 1  # and the consultancy's logo
    assert len(media) == charts + 1
    assert len([n for n in media if n.endswith(".png")]) >= charts


def test_every_page_says_confidential_and_page_x_of_y(brief_docx: bytes) -> None:
    document = open_docx(brief_docx)
    section = document.sections[0]
    assert "Confidential" in section.header.paragraphs[0].text
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert "confidential, do not forward" in section.footer.paragraphs[0].text
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_the_owner_is_the_author_never_the_tool(
    brief_docx: bytes, proposal_bytes: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    info = sample[0].info
    brief = open_docx(brief_docx).core_properties
    assert brief.author == info.consultancy and brief.last_modified_by == info.consultancy
    assert open_docx(proposal_bytes).core_properties.author == info.client
    for data in (brief_docx, proposal_bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            meta = b" ".join(
                archive.read(n) for n in archive.namelist() if n.startswith("docProps")
            )
        assert b"python-docx" not in meta.lower() and b"leverage" not in meta.lower()


def test_the_letterhead_is_the_owners(brief_docx: bytes, proposal_bytes: bytes) -> None:
    brief = open_docx(brief_docx)
    assert brief.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor.from_string("7B2D43")
    proposal = open_docx(proposal_bytes)
    header = proposal.sections[0].header
    assert header._element.xpath(".//pic:pic")  # the client's logo on every page
    assert proposal.styles["Heading 2"].font.color.rgb == docx.shared.RGBColor.from_string("0E6E6E")


def test_user_text_is_printed_literally(sample: tuple[Case, CaseAnalysis]) -> None:
    case = sample[0]
    title = "<b>Bold?</b> & <img src='http://example.com/x.png'>"
    case = dataclasses.replace(case, info=dataclasses.replace(case.info, title=title))
    text = docx_text(render_docx(case, None, kind="proposal"))
    assert title in text


def test_letter_paper(sample: tuple[Case, CaseAnalysis]) -> None:
    document = open_docx(render_docx(sample[0], None, kind="proposal", paper="letter"))
    assert round(document.sections[0].page_width.inches, 1) == 8.5


# -- the proposal's allow-list -----------------------------------------------------------------


def test_the_proposal_offers_what_its_pdf_offers(
    proposal_bytes: bytes, proposal_pdf: bytes
) -> None:
    text = " ".join(docx_text(proposal_bytes).split())
    pdf = " ".join(pdf_text(proposal_pdf).split())
    for words in ("subject to contract", "EUR 455.00", "Yours sincerely", "Open until"):
        assert words in pdf and words in text, words


def test_sample_proposal_docx_leaks_nothing(
    proposal_bytes: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, analysis = sample
    text = docx_text(proposal_bytes)
    for figure in ("417.74", "417,74", "447.53", "477.32", "485.31", "451.53"):
        assert figure not in text, figure
    for scenario in analysis.scenarios:
        for value in (scenario.money.margin, scenario.loss.expected_shortfall):
            assert f"{value:,.0f}" not in text
    for word in TELLTALE_WORDS:
        assert word not in text.lower(), word
    for alternative in case.alternatives:
        assert alternative.name not in text, alternative.name
    for words in (case.info.consultancy, case.info.consultant, case.info.subject, "Northbridge"):
        assert words not in text, words


def test_no_text_outside_the_allow_list_reaches_the_proposal_docx(
    sample: tuple[Case, CaseAnalysis],
) -> None:
    case = _canary_case(sample[0])
    text = docx_text(render_docx(case, None, kind="proposal"))
    assert "CANARY" not in text
    assert case.info.title in " ".join(text.split())


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=case_documents())
def test_generated_proposal_docx_leak_nothing(document: dict[str, typing.Any]) -> None:
    case = quick(document_to_case(document))
    analysis = analyze_case(case)
    text = " ".join(docx_text(render_docx(case, None, kind="proposal")).split())
    allowed = _allowed_corpus(proposal_content(case))
    for word in _forbidden(case, analysis):
        word = " ".join(word.split())
        if len(word) < 4 or word in allowed:
            continue
        assert word not in text, word
    for word in TELLTALE_WORDS:
        if word not in allowed.lower():
            assert word not in text.lower(), word


def test_the_word_proposal_is_built_from_the_allow_list_only() -> None:
    hints = typing.get_type_hints(proposal_docx, localns={"ProposalContent": ProposalContent})
    first = next(iter(hints))
    assert hints[first] is ProposalContent
    assert Case not in hints.values() and CaseAnalysis not in hints.values()


# -- the command ---------------------------------------------------------------------------------


def test_export_command_writes_word(tmp_path: Path, sample: tuple[Case, CaseAnalysis]) -> None:
    from desktop_app.store import write_new_case

    case_path = tmp_path / "sample.leverage"
    write_new_case(case_path, quick(sample[0]))
    brief = tmp_path / "brief.docx"
    assert cli.main(["export", str(case_path), "-o", str(brief)]) == 0
    assert "Executive summary" in docx_text(brief.read_bytes())
    assert brief.stat().st_mode & 0o777 == 0o600
    proposal = tmp_path / "p.docx"
    assert cli.main(["export", str(case_path), "-o", str(proposal), "--kind", "proposal"]) == 0
    assert "Executive summary" not in docx_text(proposal.read_bytes())
