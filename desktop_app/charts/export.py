"""Figures to bytes for the reports: SVG and PDF (vector, byte-identical for the same input,
and for the same figure saved again) and PNG.

SVG text is written as paths (``svg.fonttype = "path"``), so it needs no font where it is
drawn (svglib, a browser) and looks exactly like the app's chart; the ids matplotlib writes
are salted with a fixed string and no date is stored. PDF embeds the DejaVu Sans glyphs it
uses as a Type 3 font (``pdf.fonttype = 3``: vector, and five times faster to write than a
TrueType subset) and stores no date, creator or producer.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from desktop_app.charts.style import chart_context

#: Fixed salt for the ids in SVG output (matplotlib otherwise uses a random one).
SVG_HASH_SALT = "leverage-charts"
_SVG_RC: dict[str, Any] = {"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}
_PDF_RC: dict[str, Any] = {"pdf.fonttype": 3, "pdf.compression": 6}


def reset_layout(fig: Figure) -> None:
    """Put every axes back where its grid slot starts, so the constrained layout of the next
    draw starts from the same state whatever was drawn before: without it a second export of
    the same figure can differ by a fraction of a point (labels in data coordinates that
    stick out of an axes make the layout depend on the previous one)."""
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is not None:
            ax.set_position(spec.get_position(fig))
            ax.set_in_layout(True)  # set_position takes an axes out of the layout


def _save(fig: Figure, fmt: str, rc: dict[str, Any], **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    with chart_context(), mpl.rc_context(rc):
        reset_layout(fig)
        fig.savefig(buffer, format=fmt, facecolor="white", **kwargs)
    return buffer.getvalue()


def figure_to_svg_bytes(fig: Figure) -> bytes:
    """The figure as SVG (vector; text as paths; deterministic)."""
    return _save(fig, "svg", _SVG_RC, metadata={"Date": None, "Creator": None})


def figure_to_pdf_bytes(fig: Figure) -> bytes:
    """The figure as a one-page PDF (vector; DejaVu Sans embedded; deterministic)."""
    metadata = {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}
    return _save(fig, "pdf", _PDF_RC, metadata=metadata)


def figure_to_png_bytes(fig: Figure, dpi: float = 150.0) -> bytes:
    """The figure as PNG at ``dpi`` (no timestamp, no software tag)."""
    return _save(fig, "png", {}, dpi=dpi, metadata={"Software": None})
