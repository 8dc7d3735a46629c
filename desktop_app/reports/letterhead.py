"""Letterheads (SPEC §11): whose document it is — the consultancy's team brief, the client's
proposal — with its logo and accent colour, or a clean neutral design when none is given.
Never the tool's brand: no document says which program made it.

A logo was checked where it entered the case (``domain.images``); here it is decoded for the
page with Pillow, made no larger than a letterhead needs, and drawn keeping its proportions
and its transparency. A logo that cannot be decoded after all (a damaged body behind a sound
header) is left out rather than failing the export.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from desktop_app.domain.model import CaseInfo
from desktop_app.reports import styles

#: The colour of a letterhead without an accent: a quiet charcoal, nobody's brand.
NEUTRAL_HEX = "#3B4249"
#: The most pixels a logo keeps on its longer side (about 300 dpi at 85 mm wide).
LOGO_MAX_PX = 1000
#: Contrast (WCAG) text must have on its background: 4.5 for body text.
TEXT_CONTRAST = 4.5


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: Color) -> float:
    """Relative luminance (WCAG 2): 0 for black, 1 for white."""
    r, g, b = (_linear(float(c)) for c in (colour.red, colour.green, colour.blue))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on_white(colour: Color) -> Color:
    """``colour`` for text on white paper: itself when it reads, else darkened until it does
    (a pale yellow accent becomes an ochre, not black)."""
    r, g, b = float(colour.red), float(colour.green), float(colour.blue)
    shade = Color(r, g, b)
    factor = 1.0
    while contrast(shade, colors.white) < TEXT_CONTRAST and factor > 0.05:
        factor *= 0.9
        shade = Color(r * factor, g * factor, b * factor)
    return shade


@dataclass(frozen=True)
class Letterhead:
    """Whose document it is: a name, a logo (PNG/JPEG bytes) and an accent (``#RRGGBB``)."""

    name: str = ""
    logo: bytes | None = None
    accent: str | None = None

    @property
    def colour(self) -> Color:
        """The band's and the rules' colour: the accent, or the neutral charcoal."""
        return colors.HexColor(self.accent or NEUTRAL_HEX)

    @property
    def on_colour(self) -> Color:
        """Text drawn on the accent: white, or ink on a light accent."""
        white = contrast(colors.white, self.colour)
        return colors.white if white >= contrast(styles.INK, self.colour) else styles.INK

    @property
    def text_colour(self) -> Color:
        """The accent as a colour for text on white paper (headings, the running label)."""
        return readable_on_white(self.colour)

    @cached_property
    def image(self) -> LogoImage | None:
        """The logo decoded for the page (None: no logo, or one that cannot be decoded)."""
        return logo_image(self.logo)


def brief_letterhead(info: CaseInfo) -> Letterhead:
    """The consultancy's letterhead, for the team brief."""
    return Letterhead(info.consultancy.strip(), info.consultancy_logo, info.consultancy_accent)


@dataclass(frozen=True)
class LogoImage:
    """A decoded logo: what ReportLab draws, and its size in pixels."""

    reader: Any
    width: int
    height: int

    def fit(self, max_width: float, max_height: float) -> tuple[float, float]:
        """The logo's size in points within ``max_width`` × ``max_height``, proportions kept."""
        scale = min(max_width / self.width, max_height / self.height)
        return self.width * scale, self.height * scale


def logo_image(data: bytes | None) -> LogoImage | None:
    """``data`` decoded and, when it is larger than a letterhead needs, scaled down; None when
    there is no logo or it cannot be decoded. A JPEG that needs no change is embedded as it
    is (ReportLab copies its bytes into the PDF)."""
    if not data:
        return None
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as opened:
            opened.load()  # the whole image, not just its header: a damaged one fails here
            kind = opened.format
            image = opened.copy()
    except Exception:
        return None
    width, height = image.size
    if kind == "JPEG" and image.mode in ("RGB", "L") and max(width, height) <= LOGO_MAX_PX:
        return LogoImage(ImageReader(io.BytesIO(data)), width, height)
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if transparent else "RGB")
    if max(width, height) > LOGO_MAX_PX:
        image.thumbnail((LOGO_MAX_PX, LOGO_MAX_PX), Image.Resampling.LANCZOS)
    return LogoImage(ImageReader(image), *image.size)


def draw_logo(
    canvas: Canvas,
    logo: LogoImage,
    x: float,
    top: float,
    max_width: float,
    max_height: float,
    *,
    align: str = "left",
) -> tuple[float, float]:
    """Draw ``logo`` with its top edge at ``top``, left-aligned at ``x`` (or right-aligned to
    it); returns its size in points."""
    width, height = logo.fit(max_width, max_height)
    left = x - width if align == "right" else x
    canvas.drawImage(
        logo.reader, left, top - height, width, height, mask="auto", preserveAspectRatio=True
    )
    return width, height
