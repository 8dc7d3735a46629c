"""User strings print as typed: no mathtext for "$", no markup, and scripts DejaVu lacks (CJK)
neither crash nor warn."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import pytest
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.charts import (
    alternatives_chart,
    figure_to_png_bytes,
    figure_to_svg_bytes,
    font_path,
    loss_distributions,
    risk_heat_map,
    shortfall_capped_vs_uncapped,
    stakeholder_map,
    tornado,
    value_chart,
    zopa_bar,
)
from desktop_app.domain.model import Case
from tests.charts import support

ALL = [support.DOLLARS, support.MARKUP, support.GREEK, support.CYRILLIC, support.POLISH]
CHARTS: dict[str, tuple[Callable[[Case, CaseAnalysis | None], Figure], list[str]]] = {
    "alternatives": (alternatives_chart, ALL),
    "value": (value_chart, ALL),
    "stakeholders": (stakeholder_map, [*ALL, support.JAPANESE]),
    "heat_map": (risk_heat_map, [*ALL, support.JAPANESE]),
    "losses": (loss_distributions, [support.DOLLARS, support.MARKUP, support.GREEK]),
    "shortfall": (shortfall_capped_vs_uncapped, [support.DOLLARS, support.MARKUP]),
    "tornado": (tornado, [support.DOLLARS]),
    "zopa": (zopa_bar, []),
}


@pytest.fixture(scope="module")
def hostile() -> tuple[Case, CaseAnalysis]:
    case = support.hostile_case()
    return case, analyze_case(case)


def _rendered(fig: Figure) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = figure_to_png_bytes(fig, 40)
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("name", CHARTS)
def test_user_strings_print_literally(name: str, hostile: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = hostile
    chart, expected = CHARTS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = chart(case, analysis)
    assert not support.is_error(fig)
    _rendered(fig)  # drawn, so every tick label now exists
    text = support.joined(fig)
    for string in expected:
        assert string in text, (string, name)
    for artist in support.texts(fig):
        if "$" in artist.get_text():
            assert artist.get_parse_math() is False, artist.get_text()


def test_dollar_names_are_not_mathtext_in_svg(hostile: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = hostile
    svg = figure_to_svg_bytes(stakeholder_map(case, analysis)).decode()
    # mathtext would render "$5 and $" in italics with DejaVu Sans Oblique glyphs
    assert "DejaVuSans-Oblique" not in svg
    # The dollar sign itself is drawn: its glyph is named by its character code (matplotlib
    # 3.10) or by its index in the font (3.11 and later).
    index = FT2Font(str(font_path())).get_char_index(ord("$"))
    assert any(f'id="DejaVuSans-{n:x}"' in svg for n in (ord("$"), index))


def test_japanese_names_neither_crash_nor_warn(hostile: tuple[Case, CaseAnalysis]) -> None:
    case, analysis = hostile
    assert any(support.JAPANESE in p.name for p in case.parties)
    _rendered(stakeholder_map(case, analysis))
    _rendered(risk_heat_map(case, analysis))
