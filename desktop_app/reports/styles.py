"""One stylesheet for both PDFs: fonts, palette, typographic scale, tables, safe text.

Fonts: DejaVu Sans (regular, bold, oblique, bold oblique), the TrueType files matplotlib ships,
registered once and embedded (subset) in every PDF, so Latin, Greek and Cyrillic print and the
charts' typography matches the text's. Arabic, Hebrew and CJK print in the bundled fallback
fonts, shaped and right to left where needed (``scripts``: every paragraph gets it).

Safety: ``Paragraph`` parses a small markup language. Every string that comes from the case goes
through ``text()`` (NFC, control characters dropped, XML-escaped, newlines as ``<br/>``) before
it meets markup, so ``<b>``, ``&`` or ``<img src=…>`` print literally. ReportLab is configured to
trust no host and no URL scheme, so nothing is ever fetched even if markup slipped through; no
image is ever placed from the case.
"""

from __future__ import annotations

import importlib.util
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from desktop_app.reports import scripts

# --- palette: the very colours of desktop_app/charts/style.py (a test keeps them equal) ----------

ACCENT_HEX = "#1B4F72"
OURS_HEX = "#2874A6"
OURS_LIGHT_HEX = "#AED6F1"
THEIRS_HEX = "#7D3C98"
THEIRS_LIGHT_HEX = "#D7BDE2"
INK_HEX = "#1C2833"
GREY_DARK_HEX = "#566573"
GREY_HEX = "#99A3A4"
GREY_LIGHT_HEX = "#D5D8DC"
GRID_HEX = "#EAECEE"
GREEN_HEX = "#229954"
GREEN_LIGHT_HEX = "#D4EFDF"
AMBER_HEX = "#D68910"
AMBER_LIGHT_HEX = "#FCE8C3"
RED_HEX = "#C0392B"
RED_LIGHT_HEX = "#F5D5D1"
#: Our walk-away and theirs, as in every chart.
OUR_WALK_AWAY_HEX = OURS_HEX
THEIR_WALK_AWAY_HEX = THEIRS_HEX

ACCENT = colors.HexColor(ACCENT_HEX)
OURS = colors.HexColor(OURS_HEX)
THEIRS = colors.HexColor(THEIRS_HEX)
INK = colors.HexColor(INK_HEX)
GREY_DARK = colors.HexColor(GREY_DARK_HEX)
GREY = colors.HexColor(GREY_HEX)
GREY_LIGHT = colors.HexColor(GREY_LIGHT_HEX)
GRID = colors.HexColor(GRID_HEX)
GREEN = colors.HexColor(GREEN_HEX)
GREEN_LIGHT = colors.HexColor(GREEN_LIGHT_HEX)
AMBER = colors.HexColor(AMBER_HEX)
AMBER_LIGHT = colors.HexColor(AMBER_LIGHT_HEX)
RED = colors.HexColor(RED_HEX)
RED_LIGHT = colors.HexColor(RED_LIGHT_HEX)
OUR_WALK_AWAY = colors.HexColor(OUR_WALK_AWAY_HEX)
THEIR_WALK_AWAY = colors.HexColor(THEIR_WALK_AWAY_HEX)
WHITE = colors.white
#: Zebra rows and quiet panels: a very light tint of the accent.
ZEBRA = colors.HexColor("#F4F7FA")
PANEL = colors.HexColor("#EEF3F8")

# --- fonts -----------------------------------------------------------------------------------

FONT = "LeverageSans"
FONT_BOLD = "LeverageSans-Bold"
FONT_ITALIC = "LeverageSans-Oblique"
FONT_BOLD_ITALIC = "LeverageSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_SETUP_LOCK = threading.Lock()
_SET_UP = False


def font_dir() -> Path:
    """matplotlib's DejaVu folder, found without importing matplotlib (half a second)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            folder = Path(location) / "mpl-data" / "fonts" / "ttf"
            if (folder / "DejaVuSans.ttf").is_file():
                return folder
    import matplotlib  # a frozen build keeps mpl-data elsewhere

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def setup() -> None:
    """Register the fonts and lock ReportLab down (no host, no URL scheme is trusted).
    Idempotent and thread-safe; every builder calls it first."""
    global _SET_UP
    with _SETUP_LOCK:
        if _SET_UP:
            return
        rl_config.trustedHosts = []
        rl_config.trustedSchemes = []
        rl_config.shapeChecking = 0  # svglib builds thousands of shapes: skip re-validation
        folder = font_dir()
        for name, filename in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        scripts.register({name: "Bold" in name for name in _FONT_FILES})
        scripts.install()
        _SET_UP = True


# --- safe text -------------------------------------------------------------------------------

_KEEP = {"\n", "\t"}


def clean(value: object) -> str:
    """A user string as plain text: NFC, no control/surrogate characters, tabs as spaces."""
    raw = unicodedata.normalize("NFC", str(value)).replace("\u2028", "\n").replace("\u2029", "\n")
    kept = (ch for ch in raw if ch in _KEEP or unicodedata.category(ch) not in ("Cc", "Cs"))
    return "".join(kept).replace("\t", "    ").replace("\r", "")


def text(value: object, limit: int | None = None) -> str:
    """A user string ready for ``Paragraph`` markup: cleaned, clipped to ``limit`` characters
    (an ellipsis marks the cut), XML-escaped, line breaks kept."""
    plain = clean(value)
    if limit is not None and len(plain) > limit:
        plain = plain[: max(limit - 1, 1)].rstrip() + "…"
    return escape(plain).replace("\n", "<br/>")


def clip(value: object, limit: int) -> str:
    """A user string as one line of plain text (for the page header, outlines)."""
    flat = " ".join(clean(value).split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 1)].rstrip() + "…"


def paragraphs(value: object) -> list[str]:
    """A user text as its paragraphs (split at blank lines), each escaped for markup; a
    single line break stays a line break. A paragraph of any length splits across pages."""
    plain = clean(value)
    return [text(block.strip("\n")) for block in plain.split("\n\n") if block.strip()]


# --- typographic scale -----------------------------------------------------------------------

BODY_SIZE = 9.4
BODY_LEADING = 13.6
SMALL_SIZE = 8.2
TABLE_SIZE = 7.9
TINY_SIZE = 7.0


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "bulletFontName": FONT,
        "fontSize": BODY_SIZE,
        "leading": BODY_LEADING,
        "textColor": INK,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


BODY = _style("Body", spaceAfter=6)
BODY_TIGHT = _style("BodyTight")
LEAD = _style("Lead", fontSize=11.2, leading=16, textColor=INK, spaceAfter=8)
SMALL = _style("Small", fontSize=SMALL_SIZE, leading=11, textColor=GREY_DARK)
NOTE = _style("Note", fontSize=SMALL_SIZE, leading=11, textColor=GREY_DARK, spaceBefore=2)
CAPTION = _style(
    "Caption", fontSize=TINY_SIZE + 0.6, leading=10, textColor=GREY_DARK, spaceAfter=10
)
EYEBROW = _style(
    "Eyebrow", fontName=FONT_BOLD, fontSize=7.6, leading=10, textColor=ACCENT, spaceAfter=2
)
H1 = _style("H1", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=4)
H1_INTRO = _style("H1Intro", fontSize=10, leading=14.4, textColor=GREY_DARK, spaceAfter=12)
H2 = _style(
    "H2",
    fontName=FONT_BOLD,
    fontSize=11.6,
    leading=15,
    textColor=INK,
    spaceBefore=12,
    spaceAfter=5,
    keepWithNext=1,
)
H3 = _style(
    "H3",
    fontName=FONT_BOLD,
    fontSize=9.8,
    leading=13,
    textColor=INK,
    spaceBefore=8,
    spaceAfter=3,
    keepWithNext=1,
)
BULLET = _style("Bullet", leftIndent=11, bulletIndent=1, spaceAfter=2, bulletColor=ACCENT)
QUOTE = _style(
    "Quote",
    fontName=FONT_ITALIC,
    fontSize=10.6,
    leading=16,
    textColor=INK,
    leftIndent=14,
    rightIndent=10,
    spaceBefore=6,
    spaceAfter=10,
)
CELL = _style("Cell", fontSize=TABLE_SIZE, leading=10.2)
CELL_BOLD = _style("CellBold", fontName=FONT_BOLD, fontSize=TABLE_SIZE, leading=10.2)
CELL_NUM = _style("CellNum", fontSize=TABLE_SIZE, leading=10.2, alignment=TA_RIGHT)
CELL_NUM_BOLD = _style(
    "CellNumBold", fontName=FONT_BOLD, fontSize=TABLE_SIZE, leading=10.2, alignment=TA_RIGHT
)
CELL_SMALL = _style("CellSmall", fontSize=TINY_SIZE, leading=9, textColor=GREY_DARK)
CELL_CENTER = _style("CellCenter", fontSize=TABLE_SIZE, leading=10.2, alignment=TA_CENTER)
HEAD = _style("Head", fontName=FONT_BOLD, fontSize=TINY_SIZE + 0.4, leading=9.4, textColor=WHITE)
HEAD_NUM = _style(
    "HeadNum",
    fontName=FONT_BOLD,
    fontSize=TINY_SIZE + 0.4,
    leading=9.4,
    textColor=WHITE,
    alignment=TA_RIGHT,
)
FIGURE_LABEL = _style("FigureLabel", fontSize=7.4, leading=9.5, textColor=GREY_DARK)
FIGURE_VALUE = _style("FigureValue", fontName=FONT_BOLD, fontSize=15, leading=19, textColor=INK)
FIGURE_NOTE = _style("FigureNote", fontSize=7.2, leading=9.4, textColor=GREY_DARK)
COVER_KICKER = _style(
    "CoverKicker", fontName=FONT_BOLD, fontSize=9, leading=12, textColor=ACCENT, spaceAfter=14
)
COVER_TITLE = _style(
    "CoverTitle", fontName=FONT_BOLD, fontSize=25, leading=31, textColor=INK, spaceAfter=12
)
COVER_SUBTITLE = _style(
    "CoverSubtitle", fontSize=11.5, leading=16.5, textColor=GREY_DARK, spaceAfter=28
)
COVER_LABEL = _style("CoverLabel", fontSize=7.6, leading=10, textColor=GREY_DARK)
COVER_VALUE = _style("CoverValue", fontName=FONT_BOLD, fontSize=10.5, leading=14, textColor=INK)
LEFT, RIGHT, CENTER = TA_LEFT, TA_RIGHT, TA_CENTER

# --- tables ----------------------------------------------------------------------------------

HEADER_BG = ACCENT
RULE = GREY_LIGHT
CELL_PAD = 4.2


def table_style(
    rows: int,
    *,
    numeric_from: int | None = None,
    header: bool = True,
    zebra: bool = True,
    extra: Sequence[tuple[object, ...]] = (),
) -> list[tuple[object, ...]]:
    """The house table style: an accent header row, zebra body rows, hairline rules, figures
    right-aligned from column ``numeric_from`` on."""
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE, 10.2),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.6),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    first = 1 if header else 0
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("TEXTCOLOR", (0, 0), (-1, 0), WHITE),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, TINY_SIZE + 0.4, 9.4),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, 0), 4.5),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4.5),
        ]
    if zebra and rows > first:
        commands.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [WHITE, ZEBRA]))
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    commands.extend(extra)
    return commands


def house_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose every cell starts in the house font (plain-string cells, even empty
    ones, would otherwise fall back to Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE), *commands])
