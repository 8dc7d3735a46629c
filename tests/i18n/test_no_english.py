"""Nothing a German consultant meets is left in English (SPEC §12): every text of an output
went through the catalogue, shown with a pseudo-language that wraps each translated string.

Each surface is checked once it has been translated; the catalogue test checks that every
string marked is translated."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from desktop_app.analysis import analyze_case
from desktop_app.i18n import install
from desktop_app.store.sample import sample_case
from tests.i18n.pseudo import (
    OPEN,
    case_words,
    speak_pseudo,
    strip_marked,
    unknown_messages,
    unmarked_words,
)

if TYPE_CHECKING:
    from desktop_app.analysis.results import CaseAnalysis
    from desktop_app.domain.model import Case


@pytest.fixture(name="pseudo")
def _pseudo() -> Iterator[None]:
    speak_pseudo()
    yield
    install("en", None)


def test_the_pseudo_language_finds_an_unmarked_string() -> None:
    """The check itself: a marked string passes, an unmarked one is caught, data is not."""
    from desktop_app.i18n import _

    speak_pseudo()
    try:
        output = f"{_('Our proposal')} Kessler {_('is {verdict}').format(verdict=_('fair'))} left"
    finally:
        install("en", None)
    assert unmarked_words(output, {"Kessler"}) == ["left"]


@pytest.mark.usefixtures("pseudo")
def test_the_text_report_is_all_translated() -> None:
    from desktop_app.reports.text import format_report

    case = sample_case()
    report = format_report(case, analyze_case(case))
    assert unmarked_words(report, case_words(case)) == []
    assert _unknown(case) == []


# -- the documents -------------------------------------------------------------------------------


@pytest.fixture(name="analysed")
def _analysed(pseudo: None) -> tuple[Case, CaseAnalysis]:
    """The sample case analysed in the language in use, as the app does (the analysis writes
    its readiness, its questions and its notes as it runs)."""
    del pseudo
    case = sample_case()
    return case, analyze_case(case)


def _drawn_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text ReportLab draws on a page from now on (paragraphs, tables, page headers
    and footers, vector charts): each one passes through ``PDFTextObject._formatText``."""
    from reportlab.pdfgen.textobject import PDFTextObject

    drawn: list[str] = []
    original = PDFTextObject._formatText

    def recording(self: PDFTextObject, text: str) -> Any:
        drawn.append(text)
        return original(self, text)

    monkeypatch.setattr(PDFTextObject, "_formatText", recording)
    return drawn


def _left_in_english(texts: Iterable[str], case: Case) -> dict[str, str]:
    """The English words left in ``texts`` with a snippet around each. The texts are read
    as one, in order: a paragraph's lines are drawn one by one, its ⟪…⟫ across them."""
    known = case_words(case) | {case.info.currency}
    whole = "\n".join(texts)
    rest = strip_marked(whole)
    found: dict[str, str] = {}
    for word in unmarked_words(whole, known):
        at = re.search(rf"\b{re.escape(word)}\b", rest)
        start = at.start() if at else 0
        found[word] = " ".join(rest[max(0, start - 40) : start + 50].split())
    return found


def _unknown(case: Case) -> list[str]:
    """Messages asked for that the catalogue does not hold (put together in code), leaving
    out a text translated twice and the case's own words."""
    known = case_words(case)
    return sorted(
        message
        for message in unknown_messages()
        if OPEN not in message and unmarked_words(message, known)
    )


@pytest.mark.parametrize("kind", ["brief", "proposal", "card"])
def test_the_pdfs_are_all_translated(
    kind: str, analysed: tuple[Case, CaseAnalysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.reports.export import render_pdf

    case, analysis = analysed
    drawn = _drawn_texts(monkeypatch)
    render_pdf(case, analysis, kind=kind)
    assert drawn  # the recording works
    assert _left_in_english(drawn, case) == {}
    assert _unknown(case) == []


def _docx_texts(data: bytes) -> Iterator[str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [
        document,
        *(s.header for s in document.sections),
        *(s.footer for s in document.sections),
    ]
    for part in parts:
        yield from (paragraph.text for paragraph in part.paragraphs)
        for table in part.tables:
            for row in table.rows:
                yield from (cell.text for cell in row.cells)
    yield document.core_properties.title or ""
    yield document.core_properties.subject or ""


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_the_word_files_are_all_translated(kind: str, analysed: tuple[Case, CaseAnalysis]) -> None:
    from desktop_app.reports.docx_export import render_docx

    case, analysis = analysed
    texts = list(_docx_texts(render_docx(case, analysis, kind=kind)))
    assert _left_in_english(texts, case) == {}
    assert _unknown(case) == []


#: The Analysis sheet's values that are codes of the JSON, which the sheet shows in words.
CODED = {"role", "moves", "kind", "verdict", "term"}


def test_the_workbook_is_all_translated(analysed: tuple[Case, CaseAnalysis]) -> None:
    from openpyxl import load_workbook

    from desktop_app.domain.tables import DOCUMENT_FORMAT
    from desktop_app.reports.workbook import build_workbook

    case, analysis = analysed
    book = load_workbook(io.BytesIO(build_workbook(case, analysis)))
    texts = [sheet.title for sheet in book.worksheets]
    for sheet in book.worksheets:
        # The Case sheet's last column holds each row's key (the JSON's name for the value,
        # read back on import); the Analysis sheet's last two are ``analyze --json``'s values
        # and keys, language-neutral as the JSON is (codes such as ``their_demand``).
        shown = {0: 2, len(book.worksheets) - 1: 3}.get(book.worksheets.index(sheet))
        for row in sheet.iter_rows(values_only=True):
            cells = row[:shown]
            if shown == 3 and str(row[4]).rsplit(".", 1)[-1] in CODED:
                cells = (*cells, row[3])  # a code of the JSON, shown in words
            texts += [value for value in cells if isinstance(value, str)]
        for validation in sheet.data_validations.dataValidation:
            texts += [validation.prompt or "", validation.error or ""]
    texts.remove(DOCUMENT_FORMAT)  # the Case sheet's envelope: "leverage-case", a code
    assert _left_in_english(texts, case) == {}
    assert _unknown(case) == []


@pytest.mark.usefixtures("pseudo")
def test_the_method_guide_and_the_about_box_are_all_translated() -> None:
    from desktop_app.ui.shell.help_dialogs import about_text, guide_html

    assert unmarked_words(guide_html(), set()) == []
    about = about_text(
        settings_file="/cases/settings.ini",
        data_dir="/cases/data",
        components=[],
        dependencies=[],
        licences_in="/cases/licences",
        icon=None,
    )
    assert unmarked_words(about, {"cases", "settings", "ini", "data", "licences"}) == []
    assert _unknown(sample_case()) == []
