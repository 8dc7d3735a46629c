"""The page: A4 or Letter, a cover (or letter) page without header, content pages with a header
(case title, "Confidential") and a footer (what the document is, page X of Y).

"Page X of Y" needs the page count before the last page is drawn: ``NumberedCanvas`` keeps each
finished page's drawing state and, when the document is saved, replays every page with its
footer numbers filled in (one layout pass, not two).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from desktop_app.i18n import _, language
from desktop_app.reports import styles
from desktop_app.reports.blocks import KeepWithStart, notes_kept
from desktop_app.reports.paper import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    Paper,
    frame_height,
    frame_width,
    page_size,
)
from desktop_app.reports.scripts import ScriptCanvas

__all__ = [
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "NumberedCanvas",
    "PageText",
    "Paper",
    "ReportDocument",
    "frame_height",
    "frame_width",
    "page_size",
]

HEADER_Y = 13 * mm  # from the top edge: the header's baseline
FOOTER_Y = 11 * mm  # from the bottom edge: the footer's baseline


@dataclass(frozen=True, slots=True)
class PageText:
    """What the running header and footer say (plain text; ReportLab's canvas draws it as is,
    nothing is parsed)."""

    title: str
    label: str  # "Confidential"
    footer: str  # "Team brief · Kessler Präzisionstechnik GmbH"
    label_colour: Any = None  # the letterhead's (``letterhead.Letterhead.text_colour``)


class NumberedCanvas(ScriptCanvas):
    """A canvas that writes "Page X of Y" on every page that asked for it, once Y is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []
        self.page_number_at: tuple[float, float] | None = None
        self._page_bookmarks: list[Any] = []

    def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> Any:
        """A bookmark destination on the page being drawn. ReportLab takes the page from the
        PDF pages written so far, and this canvas writes its pages only in ``save``, so every
        bookmark would open page 1: the page is set in ``save`` instead."""
        destination = super().bookmarkPage(key, *args, **kwargs)
        self._page_bookmarks.append(destination)
        return destination

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()
        self.page_number_at = None
        self._page_bookmarks = []

    def save(self) -> None:
        total = len(self._saved_pages)
        words = _("Page {page} of {total}")
        for state in self._saved_pages:
            self.__dict__.update(state)
            for destination in self._page_bookmarks:
                destination.setPage(self._doc.thisPageRef())
            if self.page_number_at is not None:
                x, y = self.page_number_at
                self.setFont(styles.FONT, 7.6)
                self.setFillColor(styles.GREY_DARK)
                self.drawRightString(x, y, words.format(page=self._pageNumber, total=total))
            super().showPage()
        super().save()


def _fit(canvas: Canvas, words: str, font: str, size: float, width: float) -> str:
    """``words`` cut with an ellipsis to fit ``width`` points."""
    if canvas.stringWidth(words, font, size) <= width:
        return words
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if canvas.stringWidth(words[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return words[:low].rstrip() + "…"


def _draw_header(canvas: Canvas, doc: BaseDocTemplate, page: PageText) -> None:
    width, height = doc.pagesize
    y = height - HEADER_Y
    label_width = canvas.stringWidth(page.label, styles.FONT_BOLD, 7.6)
    canvas.setFont(styles.FONT_BOLD, 7.6)
    canvas.setFillColor(page.label_colour or styles.ACCENT)
    canvas.drawRightString(width - MARGIN_X, y, page.label)
    title = _fit(canvas, page.title, styles.FONT, 7.6, width - 2 * MARGIN_X - label_width - 24)
    canvas.setFont(styles.FONT, 7.6)
    canvas.setFillColor(styles.GREY_DARK)
    canvas.drawString(MARGIN_X, y, title)
    canvas.setStrokeColor(styles.GREY_LIGHT)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y - 2.6 * mm, width - MARGIN_X, y - 2.6 * mm)


def _draw_footer(canvas: Canvas, doc: BaseDocTemplate, page: PageText) -> None:
    width, _ = doc.pagesize
    canvas.setFont(styles.FONT, 7.6)
    canvas.setFillColor(styles.GREY_DARK)
    footer = _fit(canvas, page.footer, styles.FONT, 7.6, width - 2 * MARGIN_X - 90)
    canvas.drawString(MARGIN_X, FOOTER_Y, footer)
    if isinstance(canvas, NumberedCanvas):
        canvas.page_number_at = (width - MARGIN_X, FOOTER_Y)


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4 or Letter; a first page without header (``first``) and content pages (``content``).
    ``first_page`` draws extra furniture on the first page (the cover band, a letterhead)."""

    def __init__(
        self,
        target: Any,
        *,
        paper: str,
        page: PageText,
        title: str,
        subject: str,
        invariant: bool,
        author: str = "",
        first_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
        first_footer: bool = False,
        first_top: float = MARGIN_TOP,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        size = page_size(paper)
        super().__init__(
            target,
            pagesize=size,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            # Whose document it is (the consultancy's brief, the client's proposal), never the
            # program that made it: ReportLab would say "ReportLab PDF Library" as producer.
            author=author,
            creator=author,
            producer=author,
            subject=subject,
            keywords=[],
            invariant=1 if invariant else 0,
            lang=language(),
            displayDocTitle=True,
            initialFontName=styles.FONT,
            initialFontSize=styles.BODY_SIZE,
            initialLeading=styles.BODY_LEADING,
            keepTogetherClass=KeepWithStart,
        )
        self.page_text = page
        self._first_page = first_page
        self._first_footer = first_footer
        self._progress = progress
        width, height = size
        first = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            width - 2 * MARGIN_X,
            height - first_top - MARGIN_BOTTOM,
            id="first",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        content = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            width - 2 * MARGIN_X,
            height - MARGIN_TOP - MARGIN_BOTTOM,
            id="content",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(id="first", frames=[first], onPage=self._on_first),
                PageTemplate(id="content", frames=[content], onPage=self._on_content),
            ]
        )

    def build(self, flowables: list[Flowable], **options: Any) -> None:
        """Lay out ``flowables``, every table kept with the notes under it."""
        super().build(notes_kept(flowables), **options)

    def _on_first(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if self._first_page is not None:
            self._first_page(canvas, doc)
        if self._first_footer:
            _draw_footer(canvas, doc, self.page_text)
        canvas.restoreState()

    def _on_content(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        _draw_header(canvas, doc, self.page_text)
        _draw_footer(canvas, doc, self.page_text)
        canvas.restoreState()
        if self._progress is not None:
            self._progress(canvas.getPageNumber())
