"""Every script prints in the PDFs (SPEC §11 "Every script"): Latin, Greek, Cyrillic, Japanese,
Chinese, Korean, Arabic and Hebrew, with embedded fonts, no glyph missing, and text extraction
returning the words.

What pypdf's text extraction returns: left-to-right scripts as typed. Arabic and Hebrew are drawn
in visual order, and Arabic as its contextual presentation forms (U+FB50–U+FEFF); pypdf turns
right-to-left runs back into logical order, so after NFKC normalisation (presentation forms →
letters) every Arabic and Hebrew word of the case appears as typed. Punctuation and digits next
to a right-to-left run may come out on the other side of it; the tests check words.
"""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop_app.analysis import analyze_case
from desktop_app.files import fonts
from desktop_app.reports import scripts, styles
from desktop_app.reports.export import render_pdf
from tests.multiscript import ARABIC_NOTE, HEBREW_NOTE, JAPANESE_NOTE, NAMES, multiscript_case

#: The strings each document prints (the proposal shows fewer of the case's names).
IN_BRIEF = [*NAMES.values(), ARABIC_NOTE, HEBREW_NOTE, JAPANESE_NOTE]
IN_PROPOSAL = [
    NAMES["greek"],
    NAMES["cyrillic"],
    NAMES["japanese"],
    NAMES["korean"],
    NAMES["arabic"],
    ARABIC_NOTE,
    HEBREW_NOTE,
    JAPANESE_NOTE,
]
#: The embedded fonts each document must carry (base names, without the subset tag).
FONTS = {"DejaVuSans", "NotoSansArabic-Regular", "NotoSansHebrew-Regular", "LeverageCJK-Regular"}


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    case = multiscript_case()
    case = dataclasses.replace(case, info=dataclasses.replace(case.info, simulation_runs=1_000))
    analysis = analyze_case(case)
    return {kind: render_pdf(case, analysis, kind=kind) for kind in ("brief", "proposal")}


def _fonts_of(resources: Any) -> Iterator[Any]:
    """Every font dictionary of a page's resources, forms included."""
    resources = resources.get_object() if resources is not None else None
    if not resources:
        return
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts_of(xobject.get("/Resources"))


def _base(font: Any) -> str:
    return str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]


@cache
def _cmap(base: str) -> frozenset[int]:
    """The code points the font file behind an embedded font maps."""
    files = {font.path.stem: font.path for font in fonts.BUNDLED}
    files.update(
        {Path(name).stem: styles.font_dir() / name for name in styles._FONT_FILES.values()}
    )
    return frozenset(TTFont(files[base], lazy=True).getBestCmap())


def _words(text: str) -> list[str]:
    return [w.strip("،.,()\"'") for w in text.split() if w.strip("،.,()\"'")]


def _extracted(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_every_script_is_embedded_as_truetype(kind: str, documents: dict[str, bytes]) -> None:
    reader = PdfReader(io.BytesIO(documents[kind]))
    seen: set[str] = set()
    for page in reader.pages:
        for font in _fonts_of(page.get("/Resources")):
            if font.get("/Subtype") == "/Type3":
                continue
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{_base(font)} is not embedded as TrueType"
            seen.add(_base(font))
    assert seen >= FONTS, seen
    assert "Helvetica" not in seen


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_text_extraction_returns_every_word(kind: str, documents: dict[str, bytes]) -> None:
    text = _extracted(documents[kind])
    strings = IN_BRIEF if kind == "brief" else IN_PROPOSAL
    missing = [w for s in strings for w in _words(s) if w not in text]
    assert not missing, missing


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_no_glyph_is_missing(kind: str, documents: dict[str, bytes]) -> None:
    """Every character drawn (decoded through the font's ToUnicode map, as pypdf extracts it)
    is in the cmap of the font file it is drawn with: no empty box anywhere, charts included."""
    missing: list[tuple[str, str]] = []
    drawn: set[str] = set()

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if not text.strip() or font is None or font.get("/Subtype") == "/Type3":
            return
        base = _base(font)
        drawn.add(base)
        cover = _cmap(base)
        missing.extend((base, ch) for ch in text if ch not in "\n\r" and ord(ch) not in cover)

    for page in PdfReader(io.BytesIO(documents[kind])).pages:
        page.extract_text(visitor_text=visit)
    assert drawn >= FONTS
    assert not missing, sorted(set(missing))[:20]


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_arabic_is_drawn_once_reordered(kind: str, documents: dict[str, bytes]) -> None:
    """Every run drawn in the Arabic font, paragraphs, page headers and charts alike, reads
    back (pypdf reverses right-to-left runs, NFKC undoes the shaping) as words of the case:
    text reordered twice (a chart's string reshaped again by the canvas) would not."""
    known = set(_words(f"{NAMES['arabic']} {ARABIC_NOTE}"))
    seen: list[str] = []

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any) -> None:
        if font is not None and "Arabic" in str(font.get("/BaseFont")):
            seen.extend(_words(unicodedata.normalize("NFKC", text)))

    for page in PdfReader(io.BytesIO(documents[kind])).pages:
        page.extract_text(visitor_text=visit)
    assert seen
    assert set(seen) <= known, sorted(set(seen) - known)


def test_every_script_in_the_charts_reaches_the_pdf_in_its_font() -> None:
    """The brief's charts (vector SVG through svglib) print the Japanese and Arabic names in
    the fallback fonts: split into runs, not boxes in DejaVu."""
    from desktop_app.charts import stakeholder_map
    from desktop_app.reports.vector import figure_drawing

    case = multiscript_case()
    drawing = figure_drawing(stakeholder_map(case, analyze_case(case)))
    strings: list[Any] = []

    def walk(node: Any) -> None:
        for child in getattr(node, "contents", []):
            if hasattr(child, "text") and hasattr(child, "fontName"):
                strings.append(child)
            walk(child)

    walk(drawing)
    by_font = {(s.fontName, s.text) for s in strings}
    assert any(f == scripts.CJK and "東京商事株式会社" in t for f, t in by_font), by_font
    # drawn in visual order: read back to front, the presentation forms give the name
    arabic = [unicodedata.normalize("NFKC", t[::-1]) for f, t in by_font if f == scripts.ARABIC]
    assert NAMES["arabic"] in arabic, arabic


def _paragraph_pdf(markup: str, width: float, style: Any = styles.BODY) -> bytes:
    styles.setup()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=72, rightMargin=A4[0] - 72 - width)
    doc.build([Paragraph(markup, style)])
    return buffer.getvalue()


def test_a_wrapped_right_to_left_paragraph_reads_from_its_first_line() -> None:
    """Lines are broken in logical order and each drawn right to left: the first line holds
    the first words, the last line the last ones (not the other way round)."""
    data = _paragraph_pdf(styles.text(ARABIC_NOTE), 160)
    lines = [
        unicodedata.normalize("NFKC", line)
        for line in PdfReader(io.BytesIO(data)).pages[0].extract_text().splitlines()
        if line.strip()
    ]
    assert len(lines) >= 3
    words = _words(ARABIC_NOTE)
    assert words[0] in lines[0] and words[1] in lines[0]
    assert words[-1] in lines[-1]


def test_arabic_is_shaped_and_drawn_right_to_left() -> None:
    """The canvas receives presentation forms in visual order: the first letter of the word
    is drawn last (rightmost)."""
    styles.setup()
    paragraph = Paragraph(styles.text("مرحبا"), styles.BODY)
    assert all("\ufe70" <= ch <= "\ufeff" for f in paragraph.frags for ch in f.text)
    data = _paragraph_pdf(styles.text("مرحبا"), 300)
    drawn: list[str] = []
    PdfReader(io.BytesIO(data)).pages[0].extract_text(
        visitor_operand_before=lambda op, args, *_: drawn.extend(
            str(a) for a in args if op == b"Tj"
        )
    )
    assert drawn  # the shaped word, in one run of the Arabic font
    assert unicodedata.normalize("NFKC", _extracted(data)).strip() == "مرحبا"


@pytest.mark.parametrize(
    ("text", "house", "expected"),
    [
        ("Plain Latin", styles.FONT, [(styles.FONT, "Plain Latin")]),
        ("Ελληνικά и кириллица", styles.FONT, [(styles.FONT, "Ελληνικά и кириллица")]),
        ("Price 東京 now", styles.FONT, [(styles.FONT, "Price "), (scripts.CJK, "東京 "),
                                        (styles.FONT, "now")]),
        ("شركة الأمل", styles.FONT_BOLD, [(scripts.ARABIC_BOLD, "شركة الأمل")]),
        ("שלום עולם", styles.FONT_ITALIC, [(scripts.HEBREW, "שלום עולם")]),
        ("smile 😀", styles.FONT, [(styles.FONT, f"smile {scripts.PLACEHOLDER}")]),
    ],
)  # fmt: skip
def test_runs_pick_the_font_that_has_the_glyph(
    text: str, house: str, expected: list[tuple[str, str]]
) -> None:
    styles.setup()
    assert scripts.runs(text, house) == expected


def test_canvas_strings_print_every_script() -> None:
    """The page header and letterheads (canvas strings) get the same fallback."""
    styles.setup()
    buffer = io.BytesIO()
    canvas = scripts.ScriptCanvas(buffer, pagesize=A4)
    canvas.setFont(styles.FONT, 9)
    title = f"{NAMES['japanese']} · {NAMES['arabic']} · {NAMES['hebrew']}"
    width = canvas.stringWidth(title)
    canvas.drawRightString(500, 700, title)
    canvas.showPage()
    canvas.save()
    assert width > 0
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    for word in _words(title):
        assert word in text
    used = {_base(f) for f in _fonts_of(reader.pages[0].get("/Resources"))}
    assert {"LeverageCJK-Regular", "NotoSansArabic-Regular", "NotoSansHebrew-Regular"} <= used
