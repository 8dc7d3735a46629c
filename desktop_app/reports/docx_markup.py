"""The PDF's paragraph markup read back as runs of text for Word.

The documents' paragraphs are written in ReportLab's small markup language (``<b>``, ``<i>``,
``<font color=…>``, ``<br/>``, entities), every user string escaped (``styles.text``). Parsing
it with the standard library's HTML parser gives the same words with the same emphasis: user
text such as ``<b>`` arrives here escaped and comes out literally, exactly as the PDF prints it.
Nothing is fetched: an ``<img>`` or a link is not followed (their text, if any, is kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from reportlab.lib.colors import toColor

from desktop_app.i18n import whole


@dataclass(frozen=True)
class Run:
    """A piece of text with one look; ``colour`` is ``RRGGBB`` or None (the paragraph's)."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    size: float | None = None
    superscript: bool = False


def colour_hex(value: object) -> str | None:
    """A ReportLab colour (or its name, ``#RRGGBB``, ``0xRRGGBB``) as ``RRGGBB``."""
    try:
        colour = toColor(value)
    except (ValueError, TypeError, AttributeError):
        return None
    return str(colour.hexval())[2:].upper().rjust(6, "0")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0
        self.superscript = 0
        self.fonts: list[tuple[str | None, float | None]] = []

    def _font(self) -> tuple[str | None, float | None]:
        colour: str | None = None
        size: float | None = None
        for font_colour, font_size in self.fonts:
            colour = font_colour or colour
            size = font_size or size
        return colour, size

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "b" or tag == "strong":
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag in ("super", "sup"):
            self.superscript += 1
        elif tag == "br":
            self.handle_data("\n")
        elif tag in ("font", "span"):
            found = dict(attrs)
            colour = colour_hex(found["color"]) if found.get("color") else None
            try:
                size = float(found["size"] or "") if found.get("size") else None
            except ValueError:
                size = None
            self.fonts.append((colour, size))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data("\n")
        elif tag in ("font", "span"):  # an empty element changes nothing
            del attrs

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag in ("super", "sup"):
            self.superscript = max(0, self.superscript - 1)
        elif tag in ("font", "span") and self.fonts:
            self.fonts.pop()

    def handle_data(self, data: str) -> None:
        if not data:
            return
        colour, size = self._font()
        run = Run(data, self.bold > 0, self.italic > 0, colour, size, self.superscript > 0)
        last = self.runs[-1] if self.runs else None
        if (
            last is not None
            and (last.bold, last.italic, last.colour, last.size)
            == (
                run.bold,
                run.italic,
                run.colour,
                run.size,
            )
            and last.superscript == run.superscript
        ):
            self.runs[-1] = Run(last.text + data, *_look(last))
        else:
            self.runs.append(run)


def _look(run: Run) -> tuple[bool, bool, str | None, float | None, bool]:
    return run.bold, run.italic, run.colour, run.size, run.superscript


def runs(markup: str) -> list[Run]:
    """``markup`` as runs; a line break is ``"\\n"`` inside a run's text."""
    parser = _Parser()
    parser.feed(whole(markup))  # Word breaks its own lines: no soft hyphen of the PDFs
    parser.close()
    return parser.runs


def plain(markup: str) -> str:
    """``markup``'s text alone."""
    return "".join(run.text for run in runs(markup))
