"""The fonts Leverage bundles for the scripts DejaVu Sans lacks, where they are, and their
licences.

DejaVu Sans (the text face of the PDFs and the charts, shipped inside matplotlib) covers Latin,
Greek, Cyrillic, Hebrew and (regular and bold only) Arabic. The folder ``fonts/`` beside this
module adds, under the SIL Open Font License 1.1 (``fonts/OFL.txt``):

* Noto Sans Arabic, regular and bold (Arabic, Persian, Urdu; with the presentation forms the
  shaper maps letters to), 0.5 MB;
* Noto Sans Hebrew, regular and bold (the whole Hebrew block with points and cantillation),
  54 kB;
* Leverage CJK, regular only: Noto Sans CJK JP subset to 14,088 characters (GB 2312, JIS X 0208,
  Big5 level 1 and KS X 1001 ideographs, the KS X 1001 Hangul syllables, kana, CJK punctuation,
  full-width forms) with TrueType outlines (``packaging/fonts/build_cjk.py``), 3.8 MB.

Every file is TrueType (``glyf`` outlines): ReportLab embeds only those, and matplotlib reads
them as well. Importing this module reads no file; nothing here imports matplotlib or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
LICENCE_FILE = FONT_DIR / "OFL.txt"


@dataclass(frozen=True)
class BundledFont:
    """One bundled face: the family name fonts report, its file, and what it is for."""

    family: str
    filename: str
    bold: bool
    version: str
    scripts: str
    licence: str = "SIL Open Font License 1.1"

    @property
    def path(self) -> Path:
        return FONT_DIR / self.filename


ARABIC = BundledFont("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", False, "2.005", "Arabic")
ARABIC_BOLD = BundledFont("Noto Sans Arabic", "NotoSansArabic-Bold.ttf", True, "2.005", "Arabic")
HEBREW = BundledFont("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", False, "3.000", "Hebrew")
HEBREW_BOLD = BundledFont("Noto Sans Hebrew", "NotoSansHebrew-Bold.ttf", True, "3.000", "Hebrew")
CJK = BundledFont(
    "Leverage CJK",
    "LeverageCJK-Regular.ttf",
    False,
    "2.004 (Noto Sans CJK JP, subset)",
    "Chinese, Japanese, Korean",
)

#: Every bundled face, in fallback order: a character DejaVu Sans lacks is looked up in each.
BUNDLED = (ARABIC, ARABIC_BOLD, HEBREW, HEBREW_BOLD, CJK)
#: The fallback families after DejaVu Sans, in order (for matplotlib's per-glyph fallback).
FALLBACK_FAMILIES = tuple(dict.fromkeys(font.family for font in BUNDLED))


def bundled_paths() -> list[Path]:
    """The bundled font files (for registration and packaging)."""
    return [font.path for font in BUNDLED]


def total_size() -> int:
    """The bundled fonts' size in bytes (what they add to the installer)."""
    return sum(path.stat().st_size for path in bundled_paths())
