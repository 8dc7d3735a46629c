"""Colour differences as people see them, for the palette tests: sRGB to CIELAB (D65),
CIEDE2000 (Sharma, Wu and Dalal 2005), WCAG contrast, and colour vision deficiency simulated
with Machado, Oliveira and Fernandes's 2009 matrices (severity 1) in linear RGB."""

from __future__ import annotations

import math

Lab = tuple[float, float, float]
RGB = tuple[float, float, float]

#: Machado et al. 2009, severity 1.0, applied to linear RGB.
DEFICIENCIES: dict[str, tuple[RGB, RGB, RGB]] = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def linear_rgb(colour: str) -> RGB:
    """``#RRGGBB`` as linear-light RGB in [0, 1]."""
    digits = colour.lstrip("#")
    r, g, b = (_linear(int(digits[i : i + 2], 16) / 255.0) for i in (0, 2, 4))
    return r, g, b


def luminance(colour: str) -> float:
    r, g, b = linear_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio (1 to 21)."""
    a, b = luminance(colour), luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def lab_of_linear(rgb: RGB) -> Lab:
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)


def lab(colour: str, deficiency: str | None = None) -> Lab:
    """``colour`` in CIELAB, as seen with ``deficiency`` (a key of ``DEFICIENCIES``)."""
    rgb = linear_rgb(colour)
    if deficiency is not None:
        m = DEFICIENCIES[deficiency]
        r, g, b = (min(max(sum(m[i][j] * rgb[j] for j in range(3)), 0.0), 1.0) for i in range(3))
        rgb = (r, g, b)
    return lab_of_linear(rgb)


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """The CIEDE2000 colour difference (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2.0
    g = 0.5 * (1.0 - math.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1.0 + g) * a1, (1.0 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360.0 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360.0 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        if dh > 180.0:
            dh -= 360.0
        elif dh < -180.0:
            dh += 360.0
    d_big_h = 2.0 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2.0))
    l_bar, c_bar_p = (l1 + l2) / 2.0, (c1p + c2p) / 2.0
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180.0:
        h_bar = (h1p + h2p) / 2.0
    elif h1p + h2p < 360.0:
        h_bar = (h1p + h2p + 360.0) / 2.0
    else:
        h_bar = (h1p + h2p - 360.0) / 2.0
    t = (
        1.0
        - 0.17 * math.cos(math.radians(h_bar - 30.0))
        + 0.24 * math.cos(math.radians(2.0 * h_bar))
        + 0.32 * math.cos(math.radians(3.0 * h_bar + 6.0))
        - 0.20 * math.cos(math.radians(4.0 * h_bar - 63.0))
    )
    d_theta = 30.0 * math.exp(-(((h_bar - 275.0) / 25.0) ** 2))
    r_c = 2.0 * math.sqrt(c_bar_p**7 / (c_bar_p**7 + 25.0**7))
    s_l = 1.0 + 0.015 * (l_bar - 50.0) ** 2 / math.sqrt(20.0 + (l_bar - 50.0) ** 2)
    s_c = 1.0 + 0.045 * c_bar_p
    s_h = 1.0 + 0.015 * c_bar_p * t
    r_t = -math.sin(math.radians(2.0 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2
        + (dc / s_c) ** 2
        + (d_big_h / s_h) ** 2
        + r_t * (dc / s_c) * (d_big_h / s_h)
    )


def difference(a: str, b: str, deficiency: str | None = None) -> float:
    """CIEDE2000 between two ``#RRGGBB`` colours (as seen with ``deficiency``)."""
    return ciede2000(lab(a, deficiency), lab(b, deficiency))
