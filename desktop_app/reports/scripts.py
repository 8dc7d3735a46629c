"""Every script in the PDFs: fallback fonts per character, Arabic shaped, right to left.

ReportLab draws each character with the one font of its text fragment and has no fallback, and
its own right-to-left support needs a package that is not on PyPI (rlbidi). So:

* **Fonts.** After a ``Paragraph`` parses its markup, every fragment is split into runs by the
  font that has the glyph (``runs``): the house font (DejaVu Sans) for what all four of its
  faces cover, Noto Sans Arabic and Noto Sans Hebrew for those scripts (always, so marks and
  letters share a font, and in the matching weight), and Leverage CJK for Chinese, Japanese
  and Korean; the fallback fonts are read the first time a text needs one. Spaces and
  punctuation stay in the run they sit in. A character beyond the BMP (emoji) prints as
  U+FFFD, a visible placeholder (ReportLab writes no valid text mapping for those).
* **Shaping.** In the same pass, Arabic letters become their contextual presentation forms
  (``files.scripts.shape``): widths are measured and lines broken on the shaped text.
* **Direction.** A paragraph with a right-to-left character is drawn line by line in visual
  order (``files.scripts.visual_order``), each hard line (between two ``<br/>``) on its own
  direction, the one most of its words are written in (``files.scripts.base_level``): the
  lines are broken in logical order, so a wrapped Arabic or Hebrew text reads from its first
  line down, and an English sentence that starts with an Arabic name stays left to right.
  A wrapped paragraph whose lines are mostly right-to-left is set flush right (a one-line
  name keeps the alignment of its column).

These hooks are installed once on ReportLab's ``Paragraph`` (``install``, from
``styles.setup``), so every paragraph and table cell of every document gets them whoever built
it. Canvas strings (page header and footer, letterheads) get the same through
``ScriptCanvas``; the charts' SVG text through ``split_strings`` (``vector.py``).
"""

from __future__ import annotations

import copy
import functools
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from desktop_app.files import fonts, scripts

ARABIC = "LeverageArabic"
ARABIC_BOLD = "LeverageArabic-Bold"
HEBREW = "LeverageHebrew"
HEBREW_BOLD = "LeverageHebrew-Bold"
CJK = "LeverageCJK"
_FILES = {
    ARABIC: fonts.ARABIC,
    ARABIC_BOLD: fonts.ARABIC_BOLD,
    HEBREW: fonts.HEBREW,
    HEBREW_BOLD: fonts.HEBREW_BOLD,
    CJK: fonts.CJK,
}
#: Every font this module may put a run in (the house faces are added by ``register``).
FALLBACK_FONTS = tuple(_FILES)


class _Fonts:
    """What ``register`` learnt: the house faces, whether each is bold, and which code
    points every house face covers (the fallback fonts' coverage by name)."""

    def __init__(self) -> None:
        self.house: dict[str, bool] = {}
        self.house_cover: frozenset[int] = frozenset()
        #: The characters a string may consist of to need no run at all (no Arabic, Hebrew).
        self.house_only: frozenset[str] = frozenset()
        self.cover: dict[str, Any] = {}


_STATE = _Fonts()
_LOCK = threading.Lock()


def register(house: dict[str, bool]) -> None:
    """Note the house faces (name → bold) and what all of them cover. Called once by
    ``styles.setup``; the fallback fonts are read when a text first needs one
    (``_fallbacks``), so a document in Latin, Greek or Cyrillic never loads them."""
    with _LOCK:
        covers = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in house]
        _STATE.house_cover = frozenset(set.intersection(*covers)) if covers else frozenset()
        _STATE.house_only = frozenset(
            chr(code)
            for code in _STATE.house_cover
            if not scripts.is_arabic(chr(code)) and not _is_hebrew(chr(code))
        )
        _STATE.house = dict(house)


def _fallbacks() -> dict[str, Any]:
    """The fallback fonts' coverage by name, registering them (with ReportLab families, so
    ``<b>`` finds their bold) the first time."""
    if not _STATE.cover:
        with _LOCK:
            if not _STATE.cover:
                cover: dict[str, Any] = {}
                for name, font in _FILES.items():
                    pdfmetrics.registerFont(TTFont(name, str(font.path)))
                    cover[name] = pdfmetrics.getFont(name).face.charToGlyph
                for regular, bold in ((ARABIC, ARABIC_BOLD), (HEBREW, HEBREW_BOLD), (CJK, CJK)):
                    pdfmetrics.registerFontFamily(
                        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
                    )
                _STATE.cover = cover
    return _STATE.cover


def _is_hebrew(ch: str) -> bool:
    return "\u0590" <= ch <= "\u05ff" or "\ufb1d" <= ch <= "\ufb4f"


def _neutral(ch: str) -> bool:
    """Spaces, digits, punctuation and combining marks: they stay in the run they sit in
    when its font has them."""
    return not ch.isalpha()


def _font_for(ch: str, house: str, bold: bool, cover: dict[str, Any]) -> str:
    code = ord(ch)
    if scripts.is_arabic(ch):
        return ARABIC_BOLD if bold else ARABIC
    if _is_hebrew(ch):
        return HEBREW_BOLD if bold else HEBREW
    if code in _STATE.house_cover:
        return house
    if code in cover[CJK]:
        return CJK
    for name in (ARABIC_BOLD if bold else ARABIC, HEBREW_BOLD if bold else HEBREW):
        if code in cover[name]:
            return name
    return house


#: Beyond the Basic Multilingual Plane (emoji, rare ideographs): no bundled font has them and
#: ReportLab writes no valid text mapping for them, so they print as this visible placeholder.
PLACEHOLDER = "\ufffd"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def runs(text: str, house: str) -> list[tuple[str, str]]:
    """``text`` as ``(font, text)`` runs, ``house`` (a house face, e.g. the bold one) for what
    it covers and the fallback font of the same weight for the rest. One run when nothing
    needs another font. A character beyond the BMP becomes ``PLACEHOLDER``."""
    if text.isascii() or house not in _STATE.house:
        return [(house, text)]
    text = _ASTRAL.sub(PLACEHOLDER, text)
    if _STATE.house_only.issuperset(text):
        return [(house, text)]
    bold = _STATE.house[house]
    fallbacks = _fallbacks()
    out: list[tuple[str, str]] = []
    current = house
    start = 0
    for i, ch in enumerate(text):
        cover = _STATE.house_cover if current == house else fallbacks[current]
        if _neutral(ch) and ord(ch) in cover:
            continue
        font = _font_for(ch, house, bold, fallbacks)
        if font != current:
            if i > start:
                out.append((current, text[start:i]))
            current, start = font, i
    if len(text) > start:
        out.append((current, text[start:]))
    return out or [(house, text)]


# --- paragraphs ------------------------------------------------------------------------------


def _split_frags(frags: list[Any]) -> tuple[list[Any], bool]:
    """The parsed fragments shaped and split into font runs; whether any is right-to-left."""
    out: list[Any] = []
    rtl = False
    for frag in frags:
        text = getattr(frag, "text", "")
        if not text or text.isascii() or hasattr(frag, "cbDefn"):
            out.append(frag)
            continue
        if scripts.has_rtl(text):
            rtl = True
            text = scripts.shape(text)
        pieces = runs(text, frag.fontName)
        if len(pieces) == 1 and pieces[0][0] == frag.fontName:
            out.append(frag if pieces[0][1] == frag.text else frag.clone(text=pieces[0][1]))
            continue
        out.extend(frag.clone(text=piece, fontName=font) for font, piece in pieces)
    return out, rtl


_OBJECT = "\ufffc"  # an image or anchor in a line: a neutral that keeps its place


def _visual_words(words: list[str], level: int) -> list[str]:
    """A single-font line (ReportLab's words) in drawing order."""
    line = " ".join(words)
    drawn = "".join(ch for _, ch in scripts.visual_order(line, level))
    return [word for word in drawn.split(" ") if word] or words


def _visual_frags(words: list[Any], level: int) -> list[Any]:
    """A line of fragments in drawing order: the characters reordered, then regrouped into
    fragments of the same style."""
    owner: list[int] = []
    chars: list[str] = []
    for index, frag in enumerate(words):
        text = getattr(frag, "text", None)
        if hasattr(frag, "cbDefn") or not isinstance(text, str) or not text:
            owner.append(index)
            chars.append(_OBJECT)
            continue
        owner.extend([index] * len(text))
        chars.append(text)
    line = "".join(chars)
    if not scripts.has_rtl(line):
        return words
    out: list[Any] = []
    group: list[str] = []
    group_owner = -1
    for position, ch in scripts.visual_order(line, level):
        index = owner[position]
        if index != group_owner and group_owner >= 0:
            out.append(_regroup(words[group_owner], group))
            group = []
        group_owner = index
        group.append(ch)
    if group_owner >= 0:
        out.append(_regroup(words[group_owner], group))
    return out


def _regroup(frag: Any, chars: list[str]) -> Any:
    text = getattr(frag, "text", None)
    if hasattr(frag, "cbDefn") or not isinstance(text, str) or not text:
        return frag
    return frag.clone(text="".join(chars))


def _line_text(line: Any, kind: int) -> str:
    if kind == 0:
        return " ".join(line[1])
    return _plain(line.words)


def _hard_lines(lines: list[Any], kind: int) -> list[list[int]]:
    """The lines' indices grouped by hard line (the text between two ``<br/>``)."""
    groups: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        groups[-1].append(index)
        if kind == 1 and line.words and getattr(line.words[-1], "lineBreak", False):
            groups.append([])
    return [group for group in groups if group]


def _visual_lines(lines: list[Any], kind: int) -> tuple[list[Any], int]:
    """The lines in drawing order, each hard line on its own direction (its first strong
    character's, as a paragraph of its own); and how many lines are right-to-left."""
    out: list[Any] = list(lines)
    rtl = 0
    for group in _hard_lines(lines, kind):
        text = " ".join(_line_text(lines[i], kind) for i in group)
        if not scripts.has_rtl(text):
            continue
        level = scripts.base_level(text)
        rtl += len(group) if level == 1 else 0
        for i in group:
            line = lines[i]
            if kind == 0:
                out[i] = (line[0], _visual_words(list(line[1]), level), *line[2:])
            else:
                moved = copy.copy(line)
                moved.words = _visual_frags(list(line.words), level)
                out[i] = moved
    return out, rtl


@functools.cache
def _flush_right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)


def _plain(frags: Iterable[Any]) -> str:
    """The text of parsed fragments, or of the frag words a split part is made of."""
    texts: list[str] = []
    for frag in frags:
        if isinstance(frag, list):  # a frag word: [width, (frag, text), ...]
            texts.extend(str(t) for _, t in frag[1:])
        elif not hasattr(frag, "cbDefn"):
            texts.append(getattr(frag, "text", "") or "")
    return "".join(texts)


def install() -> None:
    """Install the fallback fonts and the right-to-left drawing on ReportLab's ``Paragraph``
    (idempotent)."""
    with _LOCK:
        if getattr(Paragraph, "_leverage_scripts", False):
            return
        setup: Callable[..., None] = Paragraph._setup
        draw: Callable[..., Any] = Paragraph.drawPara

        def _setup(self: Any, text: Any, style: Any, bullet: Any, frags: Any, cleaner: Any) -> None:
            setup(self, text, style, bullet, frags, cleaner)
            if frags is None:  # parsed here: fonts and shaping
                self.frags, self._rtl = _split_frags(self.frags)
            else:  # a split part: its parent's fragments, already done
                self._rtl = scripts.has_rtl(_plain(self.frags))

        def drawPara(self: Any, debug: int = 0) -> Any:
            blpara = getattr(self, "blPara", None)
            if not getattr(self, "_rtl", False) or blpara is None:
                return draw(self, debug)
            style = self.style
            visual = copy.copy(blpara)
            visual.lines, rtl_lines = _visual_lines(list(blpara.lines), blpara.kind)
            self.blPara = visual
            lines = len(blpara.lines)
            if style.alignment == TA_LEFT and lines > 1 and 2 * rtl_lines > lines:
                self.style = _flush_right(style)  # a one-line name keeps its column's edge
            try:
                return draw(self, debug)
            finally:
                self.blPara = blpara
                self.style = style

        Paragraph._setup = _setup
        Paragraph.drawPara = drawPara
        Paragraph._leverage_scripts = True


# --- canvas strings --------------------------------------------------------------------------


class Drawn(str):
    """Text already shaped, in drawing order and in the one font it is set in (a chart's
    string after ``split_strings``): ``ScriptCanvas`` draws it as it is."""

    __slots__ = ()


def display(text: str) -> str:
    """A one-line string as drawn: Arabic shaped, right-to-left runs in visual order."""
    return scripts.visual(text) if scripts.has_rtl(text) else text


class ScriptCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose ``drawString`` family and ``stringWidth`` print every script: the string
    shaped, in visual order, and drawn run by run in the font that has each glyph."""

    def stringWidth(
        self, text: str, fontName: str | None = None, fontSize: float | None = None
    ) -> float:
        font = fontName or self._fontname
        size = self._fontsize if fontSize is None else fontSize
        return float(
            sum(
                pdfmetrics.stringWidth(piece, name, size)
                for name, piece in runs(display(text), font)
            )
        )

    def _draw_runs(self, x: float, y: float, text: str, anchor: float, **kw: Any) -> None:
        font, size = self._fontname, self._fontsize
        pieces = runs(display(text), font)
        if len(pieces) == 1 and pieces[0][0] == font:
            width = pdfmetrics.stringWidth(pieces[0][1], font, size)
            super().drawString(x - anchor * width, y, pieces[0][1], **kw)
            return
        width = sum(pdfmetrics.stringWidth(piece, name, size) for name, piece in pieces)
        x -= anchor * width
        for name, piece in pieces:
            self.setFont(name, size)
            super().drawString(x, y, piece, **kw)
            x += pdfmetrics.stringWidth(piece, name, size)
        self.setFont(font, size)

    def drawString(self, x: float, y: float, text: str, *args: Any, **kw: Any) -> None:
        if args or text.isascii() or isinstance(text, Drawn):
            super().drawString(x, y, text, *args, **kw)
        else:
            self._draw_runs(x, y, text, 0.0, **kw)

    def drawRightString(self, x: float, y: float, text: str, *args: Any, **kw: Any) -> None:
        if args or text.isascii() or isinstance(text, Drawn):
            super().drawRightString(x, y, text, *args, **kw)
        else:
            self._draw_runs(x, y, text, 1.0, **kw)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any, **kw: Any) -> None:
        if args or text.isascii() or isinstance(text, Drawn):
            super().drawCentredString(x, y, text, *args, **kw)
        else:
            self._draw_runs(x, y, text, 0.5, **kw)


# --- chart strings (svglib) ------------------------------------------------------------------


def split_strings(node: Any) -> None:
    """Every ``String`` under a ReportLab ``Drawing``/``Group`` whose text needs another font
    replaced by a group of strings, one per font run, laid end to end from the same anchor.
    Chart text arrives already shaped and in visual order (matplotlib drew it so): every
    string's text is marked ``Drawn`` so ``ScriptCanvas`` does not shape or reorder it again."""
    from reportlab.graphics.shapes import Group, String

    contents = getattr(node, "contents", None)
    if contents is None:
        return
    for i, child in enumerate(contents):
        if isinstance(child, String):
            text = child.text
            if text.isascii():
                continue
            pieces = runs(text, child.fontName)
            if len(pieces) == 1 and pieces[0] == (child.fontName, text):
                child.text = Drawn(text)
                continue
            size = child.fontSize
            width = sum(pdfmetrics.stringWidth(p, f, size) for f, p in pieces)
            anchor = {"middle": 0.5, "end": 1.0}.get(child.textAnchor, 0.0)
            x = child.x - anchor * width
            group = Group()
            for font, piece in pieces:
                part = copy.copy(child)
                part.x, part.text, part.fontName, part.textAnchor = x, Drawn(piece), font, "start"
                group.add(part)
                x += pdfmetrics.stringWidth(piece, font, size)
            contents[i] = group
        else:
            split_strings(child)
