"""Every script in the charts: Japanese, Chinese, Korean, Arabic and Hebrew names draw with the
bundled fallback fonts (no "Glyph … missing" warning), Arabic and Hebrew shaped and right to
left."""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable, Iterator

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import (
    alternatives_chart,
    figure_to_pdf_bytes,
    figure_to_png_bytes,
    figure_to_svg_bytes,
    loss_distributions,
    risk_heat_map,
    stakeholder_map,
    value_chart,
)
from desktop_app.charts import style as chart_style
from desktop_app.charts.scripts import FAMILIES
from desktop_app.domain.model import Case
from desktop_app.files import fonts
from tests.multiscript import NAMES, multiscript_case

CHARTS: dict[str, Callable[[Case, CaseAnalysis | None], Figure]] = {
    "stakeholders": stakeholder_map,
    "alternatives": alternatives_chart,
    "value": value_chart,
    "heat_map": risk_heat_map,
    "losses": loss_distributions,
}


@pytest.fixture(scope="module")
def case() -> tuple[Case, CaseAnalysis]:
    built = multiscript_case()
    return built, analyze_case(built)


@pytest.fixture
def glyph_warnings_are_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """matplotlib's "Glyph … missing from font(s)" warning raises (the charts silence it for
    what no font has, such as emoji: not here)."""
    monkeypatch.setattr(chart_style, "quiet_missing_glyphs", lambda: None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.usefixtures("glyph_warnings_are_errors")
def test_every_script_draws_without_a_missing_glyph(
    name: str, case: tuple[Case, CaseAnalysis]
) -> None:
    fig = CHARTS[name](*case)
    assert not fig.get_label().startswith("error:")
    assert figure_to_png_bytes(fig, 40).startswith(b"\x89PNG")
    assert figure_to_svg_bytes(fig).startswith(b"<?xml")  # text as paths: every glyph found
    assert figure_to_pdf_bytes(fig).startswith(b"%PDF")


def test_a_cjk_name_fails_loudly_without_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The warning the test above relies on is real: DejaVu alone has no 東."""
    monkeypatch.setattr(chart_style, "quiet_missing_glyphs", lambda: None)
    fig = Figure()
    fig.text(0.5, 0.5, NAMES["japanese"], family="DejaVu Sans")
    with warnings.catch_warnings(), pytest.raises(UserWarning, match="missing from font"):
        warnings.simplefilter("error")
        figure_to_png_bytes(fig, 40)


def test_the_family_list_falls_back_to_the_bundled_fonts(case: tuple[Case, CaseAnalysis]) -> None:
    fig = stakeholder_map(*case)
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    assert texts and all(tuple(t.get_fontfamily()) == FAMILIES for t in texts)
    plain = next(t for t in texts if t.get_fontweight() in ("normal", 400))
    found = font_manager.fontManager._find_fonts_by_props(plain.get_fontproperties())
    assert [str(p) for p in found[1:]] == [
        str(f.path) for f in (fonts.ARABIC, fonts.HEBREW, fonts.CJK)
    ]
    for name in ("japanese", "chinese", "korean", "arabic", "hebrew"):
        for ch in NAMES[name].replace(" ", ""):
            assert any(FT2Font(str(p)).get_char_index(ord(ch)) for p in found), (name, ch)


def test_arabic_and_hebrew_are_shaped_and_right_to_left(case: tuple[Case, CaseAnalysis]) -> None:
    """The SVG (text kept as text, as the PDFs take it) holds each right-to-left name in
    drawing order: read back to front and NFKC-normalised, it is the name as typed; Arabic
    is drawn as its presentation forms."""
    import matplotlib as mpl

    fig = stakeholder_map(*case)
    with mpl.rc_context({"svg.fonttype": "none"}):
        svg = figure_to_svg_bytes(fig).decode()
    for name in (NAMES["arabic"], NAMES["hebrew"]):
        assert name not in svg  # never in logical order: that would print left to right
        drawn = unicodedata.normalize("NFKC", svg[::-1])
        assert name in drawn, name
    assert any("\ufe70" <= ch <= "\ufeff" for ch in svg)  # Arabic presentation forms
