"""Build ``desktop_app/files/fonts/LeverageCJK-Regular.ttf``: Noto Sans CJK JP, subset to the
characters a business document needs and converted to TrueType outlines.

Why: ReportLab embeds only TrueType-outline (``glyf``) fonts, and every Noto Sans CJK release is
CFF (OpenType/CFF); the whole font is 16 MB of which a document needs a few thousand glyphs.
The subset keeps, from the JP face of the Noto Sans CJK collection (SIL OFL 1.1):

* the hanzi/kanji/hanja of GB 2312 (simplified Chinese), JIS X 0208 levels 1 and 2 (Japanese),
  Big5 level 1 (traditional Chinese, frequent characters) and KS X 1001 (Korean hanja);
* the 2,350 Hangul syllables of KS X 1001, the Hangul compatibility jamo;
* hiragana, katakana (with the phonetic extensions and the half-width forms), bopomofo;
* CJK symbols and punctuation, full-width forms, enclosed CJK letters, CJK compatibility;
* the space and the no-break space.

Outlines are converted with fontTools' cu2qu (max error 1 unit of 1000); layout tables
(GSUB/GPOS/BASE) and vertical metrics are dropped (neither ReportLab nor matplotlib shapes CJK).
The family is renamed "Leverage CJK" (the OFL reserves no name for Noto, but a modified font
should not pose as the original).

Run: ``python packaging/fonts/build_cjk.py NotoSansCJK-Regular.ttc`` (Debian's fonts-noto-cjk
package, /usr/share/fonts/opentype/noto/). Needs only fontTools (matplotlib's dependency).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "desktop_app" / "files" / "fonts" / "LeverageCJK-Regular.ttf"
FACE = "Noto Sans CJK JP"
FAMILY = "Leverage CJK"

RANGES = (
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x309F),  # hiragana
    (0x30A0, 0x30FF),  # katakana
    (0x3100, 0x312F),  # bopomofo
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0x3200, 0x32FF),  # enclosed CJK letters and months
    (0x3300, 0x33FF),  # CJK compatibility
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)


def _two_byte(codec: str, cp: int, low: int | None = None, high: int | None = None) -> bool:
    try:
        raw = chr(cp).encode(codec)
    except UnicodeEncodeError:
        return False
    if len(raw) != 2:
        return False
    code = int.from_bytes(raw, "big")
    return (low is None or code >= low) and (high is None or code <= high)


def characters() -> set[int]:
    """The code points the subset keeps."""
    wanted: set[int] = {0x20, 0xA0}  # the spaces, so a run of CJK never needs another font
    for low, high in RANGES:
        wanted.update(range(low, high + 1))
    for cp in range(0x3400, 0xA000):  # CJK unified ideographs (and extension A)
        if (
            _two_byte("gb2312", cp)
            or _two_byte("euc_jp", cp)
            or _two_byte("euc_kr", cp)
            or _two_byte("big5", cp, 0xA440, 0xC67E)
        ):
            wanted.add(cp)
    wanted.update(cp for cp in range(0xAC00, 0xD7A4) if _two_byte("euc_kr", cp))
    return wanted


def _face(collection: Path) -> TTFont:
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(4) == FACE:
            return font
    raise SystemExit(f"{collection} has no face {FACE!r}")


def _subset(font: TTFont, wanted: set[int]) -> None:
    options = Options()
    options.layout_features = []
    options.drop_tables += ["BASE", "GSUB", "GPOS", "GDEF", "VORG", "vhea", "vmtx"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.hinting = False
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted & set(font.getBestCmap())))
    subsetter.subset(font)


def _to_truetype(font: TTFont) -> None:
    """CFF outlines to quadratic glyf outlines (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font: TTFont) -> None:
    names = font["name"]
    version = names.getDebugName(5) or ""
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            record.string = FAMILY if record.nameID != 4 else f"{FAMILY} Regular"
        elif record.nameID == 3:
            record.string = f"{FAMILY} Regular; subset of {FACE} {version}"
        elif record.nameID == 6:
            record.string = "LeverageCJK-Regular"
    names.names = [r for r in names.names if r.nameID not in (16, 17)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collection", type=Path, help="NotoSansCJK-Regular.ttc")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    font = _face(args.collection)
    _subset(font, characters())
    _to_truetype(font)
    _rename(font)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(args.output))
    kept = len(font.getBestCmap())
    size = args.output.stat().st_size
    print(f"{args.output}: {kept} characters, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
