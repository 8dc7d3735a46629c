"""Long German words in narrow table headers (SPEC §12): a translator marks where a word may
break with a soft hyphen ("Preis\xadäquivalent"); a PDF table breaks it there only when whole
words do not fit, and every output that breaks no word (text, Word, Excel) writes it whole."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.i18n import SOFT_HYPHEN
from desktop_app.reports import styles
from desktop_app.reports.brief_base import HEAD_FONT, fit_widths

PAD = styles.CELL_PAD


@pytest.fixture(autouse=True)
def _fonts() -> None:
    styles.setup()


def _width(word: str) -> float:
    return stringWidth(word, *HEAD_FONT)


def test_a_table_that_fits_keeps_its_words_whole() -> None:
    headers = ["Preis\xadäquivalent", "Kosten"]
    roomy = [_width("Preisäquivalent") + 2 * PAD + 20, _width("Kosten") + 2 * PAD + 20]
    assert fit_widths(roomy, headers) == roomy


def test_a_whole_word_too_wide_takes_room_from_a_column_that_has_it() -> None:
    headers = ["Preis\xadäquivalent", "Kosten"]
    need = _width("Preisäquivalent") + 2 * PAD
    widths = [need - 10, _width("Kosten") + 2 * PAD + 30]
    fitted = fit_widths(widths, headers)
    assert fitted[0] == pytest.approx(need + 0.01)  # the word whole: there was room for it
    assert sum(fitted) == pytest.approx(sum(widths))


def test_when_whole_words_cannot_fit_they_break_at_their_soft_hyphens() -> None:
    headers = ["Preis\xadäquivalent", "Gemein\xadsamer Gewinn"]
    whole = [_width("Preisäquivalent") + 2 * PAD, _width("Gemeinsamer") + 2 * PAD]
    widths = [whole[0] - 8, whole[1] - 8]  # 16 pt short in all: no column can give room
    pieces = [
        _width("äquivalent") + 2 * PAD,  # wider than "Preis-"
        max(_width("Gemein-"), _width("samer"), _width("Gewinn")) + 2 * PAD,
    ]
    fitted = fit_widths(widths, headers)
    for got, piece in zip(fitted, pieces, strict=True):
        assert got >= piece  # each piece of a broken word fits its column
    assert sum(fitted) == pytest.approx(sum(widths))


@pytest.mark.usefixtures("german")
def test_the_outputs_that_break_no_word_write_it_whole() -> None:
    from docx import Document
    from openpyxl import load_workbook

    from desktop_app.analysis import analyze_case
    from desktop_app.i18n import _
    from desktop_app.reports.docx_export import render_docx
    from desktop_app.reports.text import format_report
    from desktop_app.reports.workbook import build_workbook
    from desktop_app.store.sample import sample_case

    assert SOFT_HYPHEN in _("Price equivalent")  # the catalogue marks where it may break
    case = sample_case()
    analysis = analyze_case(case)
    report = format_report(case, analysis)
    assert "Preisäquivalent" in report and SOFT_HYPHEN not in report
    document = Document(io.BytesIO(render_docx(case, analysis, kind="brief")))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("Preisäquivalent" in t for t in texts)
    assert not any(SOFT_HYPHEN in t for t in texts)
    book = load_workbook(io.BytesIO(build_workbook(case, analysis)))
    cells = [
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    assert not any(SOFT_HYPHEN in value for value in cells)
