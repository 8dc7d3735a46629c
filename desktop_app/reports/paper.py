"""Paper sizes and margins (light: no platypus import, so charts can start before it)."""

from __future__ import annotations

from typing import Literal

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

Paper = Literal["a4", "letter"]
PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm


def page_size(paper: str) -> tuple[float, float]:
    try:
        return PAGE_SIZES[paper]
    except KeyError:
        raise ValueError(f"paper must be 'a4' or 'letter', not {paper!r}") from None


def frame_width(paper: str) -> float:
    return float(page_size(paper)[0] - 2 * MARGIN_X)


def frame_height(paper: str) -> float:
    return float(page_size(paper)[1] - MARGIN_TOP - MARGIN_BOTTOM)
