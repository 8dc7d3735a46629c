"""Charts to bytes for the reports: SVG and PDF are vector and byte-identical for the same
input; PNG for previews."""

from __future__ import annotations

import io

import matplotlib as mpl
import pytest

from desktop_app.analysis import CaseAnalysis
from desktop_app.charts import (
    alternatives_chart,
    figure_to_pdf_bytes,
    figure_to_png_bytes,
    figure_to_svg_bytes,
    risk_heat_map,
    zopa_bar,
)
from desktop_app.domain.model import Case


def test_svg_is_vector_and_deterministic(sample: Case, sample_analysis: CaseAnalysis) -> None:
    first = alternatives_chart(sample, sample_analysis)
    again = alternatives_chart(sample, sample_analysis)
    svg = figure_to_svg_bytes(first)
    assert svg == figure_to_svg_bytes(first) == figure_to_svg_bytes(again)
    assert b"<path" in svg and b"<image" not in svg
    assert b"<text" not in svg  # text as paths: no font needed where it is drawn
    assert b"<dc:date>" not in svg


def test_pdf_is_vector_and_deterministic(sample: Case, sample_analysis: CaseAnalysis) -> None:
    pdf = figure_to_pdf_bytes(zopa_bar(sample, sample_analysis))
    assert pdf == figure_to_pdf_bytes(zopa_bar(sample, sample_analysis))
    assert pdf.startswith(b"%PDF")
    assert b"CreationDate" not in pdf and b"/Subtype /Image" not in pdf
    assert b"DejaVuSans" in pdf and b"/Type3" in pdf  # the glyphs travel with the file


def test_png(sample: Case) -> None:
    fig = risk_heat_map(sample, None)
    small, large = figure_to_png_bytes(fig, 30), figure_to_png_bytes(fig, 60)
    assert small.startswith(b"\x89PNG") and len(large) > len(small)
    assert small == figure_to_png_bytes(fig, 30)


def test_export_leaves_the_global_style_alone(sample: Case) -> None:
    before = dict(mpl.rcParams)
    fig = risk_heat_map(sample, None)
    figure_to_svg_bytes(fig)
    figure_to_pdf_bytes(fig)
    assert dict(mpl.rcParams) == before


def test_svg_reads_in_svglib(sample: Case, sample_analysis: CaseAnalysis) -> None:
    svglib = pytest.importorskip("svglib.svglib")
    drawing = svglib.svg2rlg(io.BytesIO(figure_to_svg_bytes(zopa_bar(sample, sample_analysis))))
    assert drawing is not None
    assert drawing.width == pytest.approx(8.0 * 72, rel=0.01)
