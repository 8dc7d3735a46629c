"""The team brief's cover: the consultancy's letterhead (its logo, or its name, and its accent
colour — a neutral charcoal without one), the document's name, the case and who prepared it.
Never the tool's brand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, NextPageTemplate, Paragraph, Spacer, Table

from desktop_app.i18n import N_, _
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import BriefContext
from desktop_app.reports.letterhead import Letterhead, brief_letterhead, draw_logo
from desktop_app.reports.proposal import long_date
from desktop_app.reports.template import MARGIN_TOP, MARGIN_X

#: From the top edge: the logo's box, then the band with the document's name.
LOGO_TOP = 13 * mm
LOGO_BOX = (72 * mm, 18 * mm)
BAND_TOP = 38 * mm
BAND_HEIGHT = 40 * mm
#: The first flowable starts this far under the band.
UNDER_BAND = 16 * mm
#: The confidentiality mark (English, marked: shown with ``_`` in capitals).
CONFIDENTIAL = N_("Confidential")


def cover_furniture(letterhead: Letterhead) -> Callable[[Canvas, Any], None]:
    """The cover's ``onPage``: the consultancy's logo (or name) and the confidentiality mark
    above a band in its colour that names the document."""
    logo = letterhead.image
    name = styles.clip(letterhead.name, 90)

    def draw(canvas: Canvas, doc: Any) -> None:
        width, height = doc.pagesize
        mark = _(CONFIDENTIAL).upper()
        label_width = canvas.stringWidth(mark, styles.FONT_BOLD, 8.4)
        middle = height - LOGO_TOP - LOGO_BOX[1] / 2
        canvas.setFont(styles.FONT_BOLD, 8.4)
        canvas.setFillColor(letterhead.text_colour)
        canvas.drawRightString(width - MARGIN_X, middle - 3, mark)
        room = width - 2 * MARGIN_X - label_width - 14 * mm
        if logo is not None:
            draw_logo(
                canvas, logo, MARGIN_X, height - LOGO_TOP, min(LOGO_BOX[0], room), LOGO_BOX[1]
            )
        elif name:
            size = 12.5
            while size > 7 and canvas.stringWidth(name, styles.FONT_BOLD, size) > room:
                size -= 0.5
            canvas.setFont(styles.FONT_BOLD, size)
            canvas.setFillColor(letterhead.text_colour)
            canvas.drawString(MARGIN_X, middle - size / 3, _fit(canvas, name, size, room))
        top = height - BAND_TOP
        canvas.setFillColor(letterhead.colour)
        canvas.rect(0, top - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(letterhead.on_colour)
        canvas.setFont(styles.FONT_BOLD, 22)
        canvas.drawString(MARGIN_X, top - 19 * mm, _("Team brief"))
        canvas.setFont(styles.FONT, 10)
        canvas.drawString(
            MARGIN_X, top - 26.5 * mm, _("Negotiation preparation — for the team only")
        )

    return draw


def _fit(canvas: Canvas, words: str, size: float, room: float) -> str:
    while len(words) > 1 and canvas.stringWidth(words, styles.FONT_BOLD, size) > room:
        words = words[:-2].rstrip() + "…"
    return words


def prepared_by(consultant: str, consultancy: str) -> str:
    """ "Hanna Lindqvist\\nNorthbridge Negotiation Partners", either alone, or empty."""
    return "\n".join(part.strip() for part in (consultant, consultancy) if part.strip())


def cover(ctx: BriefContext) -> list[Flowable]:
    """The cover's flowables: the case title and subject, who, and the confidentiality note."""
    info = ctx.case.info
    story: list[Flowable] = [Spacer(1, BAND_TOP + BAND_HEIGHT - MARGIN_TOP + UNDER_BAND)]
    story.append(Paragraph(styles.text(info.title), styles.COVER_TITLE))
    if info.subject.strip():
        story.append(Paragraph(styles.text(info.subject, 600), styles.COVER_SUBTITLE))
    else:
        story.append(Spacer(1, 16))
    meta = [
        (_("Client"), info.client),
        (_("Counterpart"), info.counterpart),
        (_("Prepared by"), prepared_by(info.consultant, info.consultancy)),
        (_("Prepared on"), long_date(info.prepared_on)),
    ]
    cells = [
        [
            Paragraph(styles.text(label.upper()), styles.COVER_LABEL),
            Paragraph(styles.text(value or "—", 300), styles.COVER_VALUE),
        ]
        for label, value in meta
    ]
    half = ctx.width / 2
    grid = Table(
        [[cells[0], cells[1]], [cells[2], cells[3]]],
        colWidths=[half, half],
        hAlign="LEFT",
        splitInRow=1,
    )
    grid.setStyle(
        styles.house_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LINEABOVE", (0, 0), (-1, -1), 0.6, styles.GREY_LIGHT),
            ]
        )
    )
    story.append(grid)
    story.append(Spacer(1, 14 * mm))
    if info.client:
        words = _(
            "<b>Confidential.</b> Prepared for the negotiation team of {client}. This brief "
            "holds our walk-away price, our risk exposure and our view of the counterpart's "
            "alternatives: keep it inside the team and never hand it across the table. The "
            "document for the counterpart is the separate proposal."
        ).format(client=styles.text(info.client))
    else:
        words = _(
            "<b>Confidential.</b> Prepared for the negotiation team of our client. This brief "
            "holds our walk-away price, our risk exposure and our view of the counterpart's "
            "alternatives: keep it inside the team and never hand it across the table. The "
            "document for the counterpart is the separate proposal."
        )
    story.append(
        blocks.callout(
            words,
            colour=brief_letterhead(info).colour,
            background=styles.PANEL,
            width=ctx.width,
        )
    )
    story.append(NextPageTemplate("content"))
    return story
