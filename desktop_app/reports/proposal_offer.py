"""What makes the proposal a formal offer (SPEC §11): the client's letterhead, the addressee
with our reference, the date and how long the offer is open, "subject to contract", the
contact and the signature — and the client's accent on the page's furniture.

Every function here takes plain values the proposal's allow-list already holds
(``proposal.ProposalContent``), never the case: the proposal's leak test stays structural.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop_app.i18n import _
from desktop_app.reports import styles
from desktop_app.reports.letterhead import Letterhead, draw_logo
from desktop_app.reports.template import HEADER_Y, MARGIN_X

#: The first page's frame starts this far from the top, under the letterhead.
LETTERHEAD_TOP = 36 * mm
#: The letterhead's band, the logo's box and the rule under them, from the top edge.
BAND = 4.5 * mm
LOGO_TOP = 9 * mm
LOGO_BOX = (64 * mm, 16 * mm)
RULE_Y = 29 * mm
#: The addressee block sits beside the reference block while it is this short; a longer one
#: (any text may be 10,000 characters) is stacked above it, where it can run over pages.
SIDE_BY_SIDE_LINES = 10
SIDE_BY_SIDE_CHARS = 600

ADDRESS = ParagraphStyle("Address", parent=styles.BODY, fontSize=10, leading=14, spaceAfter=0)
META_LABEL = ParagraphStyle(
    "OfferLabel", parent=styles.SMALL, fontSize=7.4, leading=9.5, alignment=styles.RIGHT
)
META_VALUE = ParagraphStyle(
    "OfferValue",
    parent=styles.BODY_TIGHT,
    fontName=styles.FONT_BOLD,
    fontSize=9,
    leading=12,
    spaceAfter=5,
    alignment=styles.RIGHT,
)
SIGNATORY = ParagraphStyle(
    "Signatory", parent=styles.BODY_TIGHT, fontName=styles.FONT_BOLD, fontSize=10, leading=14
)
SIGNATORY_MORE = ParagraphStyle("SignatoryMore", parent=styles.BODY_TIGHT, leading=13)


def eyebrow_style(letterhead: Letterhead) -> ParagraphStyle:
    """The small capitals over the title, in the client's colour."""
    return ParagraphStyle("OfferEyebrow", parent=styles.EYEBROW, textColor=letterhead.text_colour)


def _lines(value: str) -> str:
    """A user text with its line breaks kept, escaped for markup."""
    return styles.text(value.strip())


def _meta(label: str, value: str) -> list[Flowable]:
    return [Paragraph(styles.text(label), META_LABEL), Paragraph(_lines(value), META_VALUE)]


def offer_heading(
    *, addressee: str, reference: str, date: str, valid_until: str, width: float
) -> list[Flowable]:
    """The addressee on the left; our reference, the date and "open until" on the right."""
    meta: list[Flowable] = []
    for label, value in (
        (_("Our reference"), reference),
        (_("Date"), date),
        (_("Open until"), valid_until),
    ):
        if value.strip():
            meta += _meta(label, value)
    address = [Paragraph(_lines(addressee), ADDRESS)] if addressee.strip() else []
    if not meta and not address:
        return []
    short = (
        addressee.count("\n") < SIDE_BY_SIDE_LINES
        and len(addressee) <= SIDE_BY_SIDE_CHARS
        and len(reference) <= 80
    )
    if not short:
        # Too long to sit in a table cell beside the rest: each part flows (and splits) alone.
        return [*address, Spacer(1, 4 * mm), *meta, Spacer(1, 5 * mm)]
    table = Table(
        [[address or "", meta]],
        colWidths=[width * 0.6, width * 0.4],
        hAlign="LEFT",
    )
    table.setStyle(
        styles.house_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 6 * mm)]


def validity_sentence(valid_until: str) -> str:
    """ "This offer is open until 29 January 2027. It is made subject to contract: …" """
    if valid_until.strip():
        return _(
            "This offer is open until {date}. It is made subject to contract: it binds neither "
            "party until both have signed a written agreement."
        ).format(date=valid_until.strip())
    return _(
        "This offer is made subject to contract: it binds neither party until both have "
        "signed a written agreement."
    )


def offer_closing(*, valid_until: str, contact: str, signatory: str, client: str) -> list[Flowable]:
    """Validity and "subject to contract", whom to contact, and the signature."""
    parts: list[Flowable] = [Paragraph(styles.text(validity_sentence(valid_until)), styles.BODY)]
    if contact.strip():
        parts.append(
            Paragraph(
                "<b>{heading}</b><br/>{contact}".format(
                    heading=styles.text(_("Your contact for this offer:")), contact=_lines(contact)
                ),
                styles.BODY,
            )
        )
    sign: list[Flowable] = [
        Spacer(1, 4),
        Paragraph(styles.text(_("Yours sincerely,")), styles.BODY),
    ]
    names = [line.strip() for line in signatory.strip().splitlines() if line.strip()]
    if names or client.strip():
        sign.append(Spacer(1, 13 * mm))  # room for the signature
    if names:
        sign.append(Paragraph(styles.text(names[0]), SIGNATORY))
        sign.extend(Paragraph(styles.text(line), SIGNATORY_MORE) for line in names[1:])
    if client.strip():
        if names:
            sign.append(
                Paragraph(_("for {client}").format(client=styles.text(client)), SIGNATORY_MORE)
            )
        else:
            sign.append(Paragraph(styles.text(client), SIGNATORY))
    return [*parts, KeepTogether(sign)]


def first_page(letterhead: Letterhead, label: str) -> Callable[[Canvas, Any], None]:
    """The first page's letterhead: the client's band, logo (or name) and the same
    confidentiality label, in the same place, as every later page's header."""
    logo = letterhead.image
    name = styles.clip(letterhead.name or _("Proposal"), 70)

    def draw(canvas: Canvas, doc: Any) -> None:
        width, height = doc.pagesize
        canvas.setFillColor(letterhead.colour)
        canvas.rect(0, height - BAND, width, BAND, stroke=0, fill=1)
        canvas.setFont(styles.FONT_BOLD, 7.6)
        canvas.setFillColor(letterhead.text_colour)
        canvas.drawRightString(width - MARGIN_X, height - HEADER_Y, label)
        label_room = canvas.stringWidth(label, styles.FONT_BOLD, 7.6) + 12 * mm
        if logo is not None:
            box_width = min(LOGO_BOX[0], width - 2 * MARGIN_X - label_room)
            draw_logo(canvas, logo, MARGIN_X, height - LOGO_TOP, box_width, LOGO_BOX[1])
        else:
            canvas.setFont(styles.FONT_BOLD, 15)
            canvas.setFillColor(letterhead.text_colour)
            room = width - 2 * MARGIN_X - label_room
            canvas.drawString(MARGIN_X, height - 21 * mm, _fit(canvas, name, room))
        canvas.setStrokeColor(styles.GREY_LIGHT)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, height - RULE_Y, width - MARGIN_X, height - RULE_Y)

    return draw


def _fit(canvas: Canvas, words: str, room: float) -> str:
    """``words`` in 15 pt bold, cut with an ellipsis to ``room`` points."""
    while words and canvas.stringWidth(words, styles.FONT_BOLD, 15) > room:
        words = words[:-2].rstrip() + "…"
    return words


def in_client_colours(flowables: Iterable[Flowable], letterhead: Letterhead) -> None:
    """Give the house tables of ``flowables`` the client's colour: the header row of a data
    table, the rule over a grid of cards (a neutral charcoal without an accent)."""
    colour = letterhead.text_colour  # dark enough for the header's white text
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            in_client_colours(flowable._content, letterhead)
        elif isinstance(flowable, Table):
            commands: list[tuple[object, ...]] = []
            if getattr(flowable, "repeatRows", 0):
                commands.append(("BACKGROUND", (0, 0), (-1, 0), colour))
            elif any(
                command[0] == "LINEABOVE" and command[3] == 2.0 for command in _style(flowable)
            ):
                commands.append(("LINEABOVE", (0, 0), (-1, 0), 2.0, colour))
            if commands:
                flowable.setStyle(TableStyle(commands))


def _style(table: Table) -> list[tuple[Any, ...]]:
    """The line commands a table was styled with (ReportLab keeps them on ``_linecmds``)."""
    return list(getattr(table, "_linecmds", []))
