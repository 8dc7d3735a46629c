"""Right-to-left text for left-to-right renderers: shaping, direction, visual order; and the
bundled fonts are where the locator says, with their licence."""

from __future__ import annotations

import unicodedata

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.files import fonts, scripts


def test_arabic_is_shaped_to_presentation_forms_in_logical_order() -> None:
    shaped = scripts.shape("مرحبا")
    assert shaped == "\ufee3\ufeae\ufea3\ufe92\ufe8e"  # initial, final, initial, medial, final
    assert unicodedata.normalize("NFKC", shaped) == "مرحبا"
    assert scripts.shape("לא ערבית") == "לא ערבית"  # only Arabic is shaped


@pytest.mark.parametrize(
    ("text", "level", "drawn"),
    [
        ("plain text", 0, "plain text"),
        ("שלום עולם", 1, "םלוע םולש"),
        ("abc שלום", 0, "abc םולש"),
        ("שלום (2024)", 1, "(2024) םולש"),  # brackets mirrored, the number stays whole
        # An English sentence that starts with a Hebrew name stays left to right ...
        ("שלום, no loss in 2% of runs", 0, "םולש, no loss in 2% of runs"),
        # ... and a Hebrew sentence that quotes "EUR 455" stays right to left.
        ("אנחנו מציעים EUR 455 ליחידה", 1, "הדיחיל EUR 455 םיעיצמ ונחנא"),
    ],
)
def test_lines_are_put_in_drawing_order(text: str, level: int, drawn: str) -> None:
    assert scripts.base_level(text) == level
    assert scripts.visual(text) == drawn


def test_each_line_is_its_own_paragraph() -> None:
    assert scripts.visual("שלום\nabc") == "םולש\nabc"


@given(st.text(max_size=40))
def test_any_text_gets_a_drawing_order_of_its_own_characters(text: str) -> None:
    """Whatever the text (unassigned code points, isolates, controls), the order is a
    permutation of (a subset of) its positions and never raises."""
    order = scripts.visual_order(text)
    positions = [i for i, _ in order]
    assert len(set(positions)) == len(positions)
    assert all(0 <= i < len(text) for i in positions)


def test_the_bundled_fonts_are_truetype_with_their_licence() -> None:
    assert fonts.LICENCE_FILE.is_file()
    licence = fonts.LICENCE_FILE.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence.upper()
    for font in fonts.BUNDLED:
        assert font.filename in licence
        face = TTFont(font.path, lazy=True)
        assert "glyf" in face and "CFF " not in face, font.filename  # ReportLab embeds glyf only
        assert face["name"].getDebugName(1) == font.family
    assert fonts.total_size() < 5_000_000  # what they add to the installer


@pytest.mark.parametrize(
    ("font", "sample"),
    [
        (fonts.CJK, "東京商事株式会社上海贸易有限公司繁體中文서울무역주식회사ひらがなカタカナ「」"),
        (fonts.ARABIC, "\ufee3\ufeae\ufea3\ufe92\ufe8e\ufefb"),  # presentation forms, lam-alef
        (fonts.HEBREW, "שלום עולם בְּרֵאשִׁית"),
    ],
)
def test_each_font_covers_its_script(font: fonts.BundledFont, sample: str) -> None:
    cmap = TTFont(font.path, lazy=True).getBestCmap()
    assert [ch for ch in sample if ord(ch) not in cmap] == []
