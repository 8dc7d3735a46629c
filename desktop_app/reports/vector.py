"""Charts in the PDF as vector graphics: matplotlib Figure → SVG → svglib Drawing → flowable.

The SVG keeps text as text (``svg.fonttype = "none"``) set in DejaVu Sans, which svglib maps to
the very TrueType font the reports embed: the chart's words stay sharp, searchable and
selectable, and the conversion is several times faster than with one path per glyph. A string
with characters DejaVu lacks is split into runs in the bundled fallback fonts
(``scripts.split_strings``); matplotlib has already shaped it and put it in visual order. Ids are
salted with the charts' fixed salt and no date is written, so the same figure always gives the
same bytes. An SVG never contains a raster image (any ``<image>`` element is dropped before
svglib sees it), so nothing is read from a URL or a path.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable

from desktop_app.reports import scripts, styles

_IMAGE = re.compile(rb"<image\b[^>]*?(/>|>.*?</image>)", re.DOTALL)
_STYLE_WITH_OPACITY = re.compile(rb'style="([^"]*(?<![-\w])opacity:[^"]*)"')
#: matplotlib's hatch pattern: its id and the fill of the background rectangle it starts with.
_PATTERN = re.compile(
    rb'<pattern id="([\w-]+)"[^>]*>\s*<rect [^>]*?fill="(#[0-9A-Fa-f]{3,8}|none)"'
)
_HATCH_FILL = re.compile(rb"fill: url\(#([\w-]+)\)")
_BOLD_WEIGHTS = {"bold", "bolder", "semibold", "demibold", "heavy", "black", "extra bold"}


class ReportFonts:
    """svglib's font lookup, answered with the reports' own DejaVu fonts whatever the SVG asks
    for: svglib never searches the system (no fontconfig subprocess, no font file of the
    machine) and never falls back to Helvetica, which has no Greek or Cyrillic."""

    @staticmethod
    def find_font(
        _font_name: str, weight: str = "normal", style: str = "normal"
    ) -> tuple[str, bool]:
        word = str(weight).strip().lower()
        bold = word in _BOLD_WEIGHTS or (word.isdigit() and int(word) >= 600)
        italic = str(style).strip().lower() in ("italic", "oblique")
        if bold and italic:
            return styles.FONT_BOLD_ITALIC, True
        if bold:
            return styles.FONT_BOLD, True
        return (styles.FONT_ITALIC if italic else styles.FONT), True


_FONTS = ReportFonts()


def figure_svg(fig: Any) -> bytes:
    """The figure as SVG with text kept as text (deterministic: fixed id salt, no date)."""
    import matplotlib as mpl

    from desktop_app.charts.export import SVG_HASH_SALT
    from desktop_app.charts.style import chart_context

    buffer = io.BytesIO()
    rc: dict[str, Any] = {"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "none"}
    with chart_context(), mpl.rc_context(rc):
        fig.savefig(
            buffer, format="svg", facecolor="white", metadata={"Date": None, "Creator": None}
        )
    return buffer.getvalue()


def _with_opacity(match: re.Match[bytes]) -> bytes:
    """``opacity: a`` (which svglib ignores) folded into ``fill-opacity``/``stroke-opacity``."""
    declarations: dict[str, str] = {}
    for part in match.group(1).decode("utf-8").split(";"):
        key, sep, value = part.partition(":")
        if sep:
            declarations[key.strip()] = value.strip()
    opacity = declarations.pop("opacity", None)
    if opacity is not None:
        try:
            alpha = float(opacity)
            for key in ("fill-opacity", "stroke-opacity"):
                declarations[key] = f"{alpha * float(declarations.get(key, '1')):.4g}"
        except ValueError:
            pass
    body = "; ".join(f"{k}: {v}" for k, v in declarations.items())
    return b'style="' + body.encode("utf-8") + b'"'


def _hatch_fills(svg: bytes) -> bytes:
    """A hatched fill (``fill: url(#h…)``, a ``<pattern>``, which svglib cannot paint: the
    shape would be left empty) becomes the pattern's own background colour, so a hatched bar
    or band keeps its tint in the PDF (its hatch lines are not drawn)."""
    colours = {m.group(1): m.group(2) for m in _PATTERN.finditer(svg)}
    if not colours:
        return svg
    return _HATCH_FILL.sub(lambda m: b"fill: " + colours.get(m.group(1), b"none"), svg)


def prepare_svg(svg: bytes) -> bytes:
    """matplotlib's SVG made safe and faithful for svglib: raster images dropped, hatched
    fills painted in their background colour, element opacity expressed as fill and stroke
    opacity."""
    svg = _IMAGE.sub(b"", svg)
    svg = _hatch_fills(svg)
    return _STYLE_WITH_OPACITY.sub(_with_opacity, svg)


def svg_drawing(svg: bytes) -> Drawing:
    """A ReportLab Drawing of the SVG (see ``prepare_svg``)."""
    styles.setup()
    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.ERROR)
    drawing = svg2rlg(io.BytesIO(prepare_svg(svg)), font_map=_FONTS)
    if drawing is None:  # pragma: no cover - matplotlib always writes valid SVG
        raise ValueError("the chart could not be converted")
    scripts.split_strings(drawing)  # CJK, Arabic, Hebrew in the fonts that have them
    drawing.initialFontName = styles.FONT  # never Helvetica, not even for an empty state
    return drawing


def figure_drawing(fig: Any) -> Drawing:
    """A matplotlib Figure as a ReportLab Drawing."""
    return svg_drawing(figure_svg(fig))


class VectorChart(Flowable):  # type: ignore[misc]
    """A Drawing scaled to the frame's width (never taller than ``max_height``), centred.
    ``drawing`` may be a callable that returns the Drawing: it is called at the first layout,
    so a chart drawn elsewhere is waited for only when the page reaches it."""

    def __init__(
        self,
        drawing: Drawing | Callable[[], Drawing],
        *,
        max_height: float,
        max_scale: float = 1.0,
    ) -> None:
        super().__init__()
        self._source = drawing
        self.max_height = max_height
        self.max_scale = max_scale
        self._scale = 1.0
        self._dx = 0.0

    @property
    def drawing(self) -> Drawing:
        if callable(self._source) and not isinstance(self._source, Drawing):
            self._source = self._source()
        return self._source

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        d = self.drawing
        scale = min(avail_width / d.width, self.max_height / d.height, self.max_scale)
        self._scale = scale
        self._dx = (avail_width - d.width * scale) / 2.0
        self.width, self.height = avail_width, d.height * scale
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.translate(self._dx, 0)
        canvas.scale(self._scale, self._scale)
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas.restoreState()
