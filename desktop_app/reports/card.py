"""The one-page negotiation card (SPEC §10): what the team carries into the room, on one A4
landscape page marked "Confidential".

Three columns: **the prices** (our opening, target and walk-away, their walk-away — its range
and P(deal) when §9's ranges exist, else the point value and "no ranges given" — and the red
lines); **the trades and their alternatives** (the top three trades, one line against each of
their alternatives, the closest first); **at the table** (the three questions to ask and the
offers so far against the concession plan, with their pace). Every part comes from the game
plan (``analysis.game_plan``) and the talks analysis, as the brief words them.

**One page, whatever the case.** Each list is cut to what a column holds (``ALTERNATIVES_SHOWN``,
``OFFERS_SHOWN``…) and the page says what it left out and where it is ("+ 7 more offers in
the brief"); each column is then shrunk to its frame if it still runs over, so the card is
one page even for a case of thousands of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from desktop_app.analysis.game_plan import GamePlan, RungKey, game_plan
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.analysis.talks_results import OfferFigures, TalksAnalysis
from desktop_app.analysis.threats import Threat, top_threats
from desktop_app.analysis.wording import trade_sentence
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, language, ngettext
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import fit_widths
from desktop_app.reports.brief_talks import shown_date
from desktop_app.reports.formats import Fmt, plain_number
from desktop_app.reports.letterhead import Letterhead, brief_letterhead, draw_logo
from desktop_app.reports.paper import page_size
from desktop_app.reports.scripts import ScriptCanvas
from desktop_app.reports.text_deal import TERM_HEADERS

#: What the card shows of each list (the rest is counted and pointed to the brief).
TRADES_SHOWN = 3
ALTERNATIVES_SHOWN = 6
QUESTIONS_SHOWN = 3
OFFERS_SHOWN = 8
#: The longest user text (a name, a note) printed on the card.
NAME_LIMIT = 60
ANSWER_LIMIT = 170

MARGIN = 11 * mm
TOP_LINE = 9 * mm  # from the top edge: the logo line's middle
BAND_TOP = 15 * mm
BAND_HEIGHT = 11 * mm
BODY_TOP = BAND_TOP + BAND_HEIGHT + 4 * mm
FOOTER_Y = 7 * mm
BODY_BOTTOM = 12 * mm
GUTTER = 6 * mm
#: The page's words (English, marked: shown with ``_``; the mark in capitals).
CONFIDENTIAL = N_("Confidential")
TITLE = N_("Negotiation card")

_GREY = styles.GREY_DARK_HEX
#: The ladder's rungs in the card's words, in the colours of the brief's ladder.
STEP_WORDS: dict[RungKey, str] = {
    "their_walk_away": N_("Their walk-away"),
    "proposal_price": N_("Our opening"),
    "fair_price": N_("Our target"),
    "our_walk_away": N_("Our walk-away"),
    "demand_price": N_("Their opening"),
}
RUNG_COLOURS: dict[RungKey, Any] = {
    "their_walk_away": styles.THEIR_WALK_AWAY,
    "proposal_price": styles.OURS,
    "fair_price": styles.GREEN,
    "our_walk_away": styles.OUR_WALK_AWAY,
    "demand_price": styles.THEIRS,
}
#: The card is read at the table: larger type than the brief's tables.
SIZE = 9.2
HEADING = ParagraphStyle(
    "CardHeading",
    parent=styles.EYEBROW,
    fontSize=9.6,
    leading=12.5,
    spaceBefore=9,
    spaceAfter=4,
    keepWithNext=1,
)
LINE = ParagraphStyle("CardLine", parent=styles.CELL, fontSize=SIZE, leading=12, spaceAfter=4)
CELL = ParagraphStyle("CardCell", parent=styles.CELL, fontSize=SIZE, leading=11.5)
CELL_BOLD = ParagraphStyle("CardCellBold", parent=CELL, fontName=styles.FONT_BOLD)
CELL_NUM = ParagraphStyle("CardCellNum", parent=styles.CELL_NUM, fontSize=SIZE, leading=11.5)
CELL_NUM_BOLD = ParagraphStyle("CardCellNumBold", parent=CELL_NUM, fontName=styles.FONT_BOLD)
CELL_FLAG = ParagraphStyle("CardCellFlag", parent=CELL, fontSize=SIZE - 1, leading=10.5)
NOTE = ParagraphStyle(
    "CardNote",
    parent=styles.CELL_SMALL,
    fontSize=SIZE - 1,
    leading=10.8,
    spaceBefore=1,
    spaceAfter=3,
)
_COMPACT = (
    ("TOPPADDING", (0, 0), (-1, -1), 2.0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4),
    ("LEFTPADDING", (0, 0), (-1, -1), 3.0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3.0),
)


def card_size(paper: str) -> tuple[float, float]:
    """The card's page: the paper turned landscape."""
    width, height = landscape(page_size(paper))
    return float(width), float(height)


def _grey(markup: str) -> str:
    return f"<font color='{_GREY}'>{markup}</font>"


def _heading(title: str, colour: Any) -> Paragraph:
    hexval = colour.hexval().replace("0x", "#")
    return Paragraph(f"<font color='{hexval}'>{styles.text(title.upper())}</font>", HEADING)


def _more(count: int, words: str) -> list[Flowable]:
    """ "+ 7 more offers in the brief": ``words`` (with ``{count}``) for a count above 0."""
    if count <= 0:
        return []
    return [Paragraph(styles.text(words.format(count=plain_number(count))), NOTE)]


# --- column 1: the prices and the red lines ---------------------------------------------------


def _distribution_words(analysis: CaseAnalysis, fmt: Fmt) -> str:
    """Their walk-away range and P(deal) (SPEC §9), or why there is none."""
    # Issue 15's figure, by the name of its JSON key or of its analysis field, when present.
    spread = next(
        (
            found
            for found in (
                getattr(analysis, name, None)
                for name in ("their_walk_away_distribution", "their_walk_away")
            )
            if hasattr(found, "p10")
        ),
        None,
    )
    low, high = getattr(spread, "p10", None), getattr(spread, "p90", None)
    p_deal = getattr(spread, "p_deal", None)
    if spread is None or low is None or high is None:
        if analysis.zopa.their_walk_away is None:
            return _("Their walk-away: unknown until one of their alternatives has a price.")
        return _(
            "Their range: no ranges given on their alternatives, so their walk-away is the "
            "point value above."
        )
    if p_deal is not None:
        return _("Their range: {low} to {high} (P10–P90); P(deal) at our opening {share}.").format(
            low=fmt.price(low), high=fmt.price(high), share=fmt.share(p_deal, 0)
        )
    return _("Their range: {low} to {high} (P10–P90).").format(
        low=fmt.price(low), high=fmt.price(high)
    )


def prices(analysis: CaseAnalysis, plan: GamePlan, fmt: Fmt, width: float) -> list[Flowable]:
    zopa = analysis.zopa
    data: list[list[object]] = []
    bars: list[tuple[object, ...]] = []
    # Highest first, as the brief's price ladder (an unknown price last).
    for n, rung in enumerate(plan.ladder):
        data.append(
            [
                Paragraph(styles.text(_(STEP_WORDS[rung.key])), CELL_BOLD),
                Paragraph(styles.text(fmt.price(rung.price)), CELL_NUM_BOLD),
            ]
        )
        bars.append(("LINEBEFORE", (0, n), (0, n), 3, RUNG_COLOURS[rung.key]))
    table = Table(data, colWidths=[width * 0.55, width * 0.45], hAlign="LEFT")
    table.setStyle(
        styles.house_style(styles.table_style(len(data), header=False, extra=(*_COMPACT, *bars)))
    )
    flow: list[Flowable] = [table, Spacer(1, 3)]
    notes = [_distribution_words(analysis, fmt)]
    if zopa.exists:
        notes.append(
            _("Zone {low} to {high}; target = the middle of the zone.").format(
                low=fmt.price(zopa.our_walk_away), high=fmt.price(zopa.their_walk_away)
            )
        )
    elif zopa.exists is False:
        notes.append(_("No zone of possible agreement: their walk-away is below ours."))
    flow += [Paragraph(styles.text(note), NOTE) for note in notes]
    return flow


def red_lines(plan: GamePlan, colour: Any) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Red lines"), colour)]
    if not plan.red_lines:
        flow.append(
            Paragraph(styles.text(_("None yet: our proposal needs a price and a volume.")), LINE)
        )
        return flow
    for line in plan.red_lines:
        flow.append(
            Paragraph(
                f"<b>{styles.text(line.topic)}:</b> {styles.text(line.line)}<br/>"
                f"{_grey(styles.text(line.why, 400))}",
                LINE,
            )
        )
    return flow


# --- column 2: the trades and their alternatives ----------------------------------------------


def trades(analysis: CaseAnalysis, fmt: Fmt, colour: Any) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("The top three trades"), colour)]
    deal = analysis.deal
    if not deal.trades:
        reason = deal.reason or _("our proposal asks for the same terms as their demand.")
        flow.append(Paragraph(styles.text(_("None: {reason}").format(reason=reason)), LINE))
        return flow
    for n, trade in enumerate(deal.trades[:TRADES_SHOWN], start=1):
        flow.append(
            Paragraph(
                f"<b>{n}. {styles.text(_(TERM_HEADERS[trade.term]))}</b> — "
                f"{styles.text(trade_sentence(trade, fmt))}",
                LINE,
            )
        )
    rest = len(deal.trades) - TRADES_SHOWN
    more = ngettext(
        "+ {count} more trades in the brief's trading plan",
        "+ {count} more trades in the brief's trading plan",
        rest,
    )
    return flow + _more(rest, more)


def _threat_line(threat: Threat) -> Paragraph:
    answer = threat.answer or _("No answer yet: write its talking point.")
    mark = ""
    if threat.beats_us:
        beats = styles.text(_("(beats our proposal for them)"))
        mark = f" <font color='{styles.RED_HEX}'><b>{beats}</b></font>"
    if threat.answer and threat.answer_status == "changed":
        # As the brief flags it: the consultant's words, written against other numbers.
        changed = styles.text(_("(numbers changed since written: check)"))
        mark += f" <font color='{styles.AMBER_HEX}'>{changed}</font>"
    return Paragraph(
        f"<b>{styles.text(threat.name, NAME_LIMIT)}</b>{mark} — "
        f"{styles.text(answer, ANSWER_LIMIT)}",
        LINE,
    )


def alternatives(case: Case, analysis: CaseAnalysis, fmt: Fmt, colour: Any) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("If they say they will…"), colour)]
    listed = top_threats(case, analysis, fmt, shown=ALTERNATIVES_SHOWN)
    if not listed.shown:
        flow.append(
            Paragraph(styles.text(_("No alternative of theirs that can be carried out yet.")), LINE)
        )
        return flow
    flow += [_threat_line(threat) for threat in listed.shown]
    rest = listed.considered - len(listed.shown)
    more = ngettext(
        "+ {count} more of their alternatives, each with its answer, in the brief",
        "+ {count} more of their alternatives, each with its answer, in the brief",
        rest,
    )
    return flow + _more(rest, more)


# --- column 3: at the table ------------------------------------------------------------------


def questions(plan: GamePlan, colour: Any) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Ask them"), colour)]
    if not plan.questions:
        flow.append(Paragraph(styles.text(_("Nothing about them moves the zone yet.")), LINE))
        return flow
    for n, question in enumerate(plan.questions[:QUESTIONS_SHOWN], start=1):
        flow.append(Paragraph(f"<b>{n}.</b> {styles.text(question.text, 200)}", LINE))
    return flow


def _flag(offer: OfferFigures, fmt: Fmt) -> str:
    flags = []
    if offer.below_walk_away:
        # What it costs us, on an offer of ours; theirs is only where it stands.
        cost = offer.cost_vs_walk_away if offer.side == "ours" else None
        flags.append(
            _("below our walk-away ({cost})").format(cost=fmt.compact(cost))
            if cost is not None
            else _("below our walk-away")
        )
    if offer.side == "ours" and offer.below_plan and offer.cost_vs_plan is not None:
        flags.append(_("below plan ({cost})").format(cost=fmt.compact(offer.cost_vs_plan)))
    if flags:
        return f"<font color='{styles.RED_HEX}'>{styles.text('; '.join(flags))}</font>"
    if offer.in_zone is None:
        return ""
    if offer.in_zone:
        return styles.text(_("in the zone"))
    return _grey(styles.text(_("outside the zone")))


def _plan_words(talks: TalksAnalysis, fmt: Fmt) -> str:
    if not talks.plan:
        return _("No concession plan: {reason}").format(
            reason=talks.plan_reason or _("it needs an opening price.")
        )
    points = " · ".join(f"R{p.round} {fmt.price(p.price)}" for p in talks.plan)
    return _("Our plan: {points}").format(points=points)


def offers(talks: TalksAnalysis, fmt: Fmt, width: float, colour: Any) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Offers so far, against our plan"), colour)]
    flow.append(Paragraph(styles.text(_plan_words(talks, fmt)), NOTE))
    if talks.plan_limit_below_walk_away:
        below = styles.text(_("The plan's limit is below our walk-away."))
        flow.append(Paragraph(f"<font color='{styles.RED_HEX}'>{below}</font>", NOTE))
    if not talks.offers:
        flow.append(Paragraph(styles.text(_("No offers logged yet.")), LINE))
        return flow
    ordered = sorted(enumerate(talks.offers), key=lambda item: (item[1].round, item[0]))
    shown = [offer for _, offer in ordered[-OFFERS_SHOWN:]]
    # Prices without the currency (the header names it): a row stays one line.
    bare = Fmt("", space="")
    rows = [
        [
            Paragraph(str(offer.round), CELL),
            Paragraph(styles.text(_("us") if offer.side == "ours" else _("them")), CELL),
            Paragraph(styles.text(bare.price(offer.unit_price)), CELL_NUM),
            Paragraph(
                styles.text(bare.price(offer.planned_price))
                if offer.planned_price is not None
                else "",
                CELL_NUM,
            ),
            blocks.mcell(_flag(offer, fmt), CELL_FLAG),
        ]
        for offer in shown
    ]
    w = width
    currency = styles.clip(fmt.currency, 3)
    headers = [
        _("Round"),
        _("From"),
        _("Price ({currency})").format(currency=currency),
        _("Our plan"),
        "",
    ]
    widths = fit_widths(
        [w * 0.14, w * 0.14, w * 0.19, w * 0.19, w * 0.34],
        headers,
        words={1: [_("us"), _("them")]},
        word_font=(styles.FONT, SIZE),
        pad=3.0,  # the card's cells (``_COMPACT``)
    )
    flow.append(
        blocks.data_table(
            headers,
            rows,
            widths,
            numeric_columns=(2, 3),
            extra=_COMPACT,
        )
    )
    rest = len(ordered) - len(shown)
    more = ngettext(
        "+ {count} more earlier offers in the brief",
        "+ {count} more earlier offers in the brief",
        rest,
    )
    flow += _more(rest, more)
    pace = talks.their_pace
    if pace is not None:
        slope, count = fmt.price(pace.slope_per_round), len(pace.rounds)
        if pace.meets_plan_in_round is not None:
            words = _(
                "Their pace: {slope} a round over their last {count} offers; it meets our plan "
                "in round {round}."
            ).format(slope=slope, count=count, round=pace.meets_plan_in_round)
        else:
            words = _(
                "Their pace: {slope} a round over their last {count} offers; it never meets our "
                "plan at this pace."
            ).format(slope=slope, count=count)
        flow.append(Paragraph(styles.text(words), NOTE))
    return flow


# --- the page --------------------------------------------------------------------------------


def card_story(case: Case, analysis: CaseAnalysis, width: float, height: float) -> list[Flowable]:
    """The card's one flowable: three columns, each shrunk to the page if it must."""
    fmt = Fmt(case.info.currency)
    plan = game_plan(case, analysis, fmt)
    colour = brief_letterhead(case.info).text_colour
    column = (width - 2 * GUTTER) / 3
    first: list[Flowable] = [_heading(_("Prices (first year, per unit)"), colour)]
    first += prices(analysis, plan, fmt, column)
    first += red_lines(plan, colour)
    second = trades(analysis, fmt, colour) + alternatives(case, analysis, fmt, colour)
    third = questions(plan, colour) + offers(analysis.talks, fmt, column, colour)
    cells = [
        KeepInFrame(column, height, content, mode="shrink", hAlign="LEFT")
        for content in (first, second, third)
    ]
    grid = Table(
        [[cells[0], "", cells[1], "", cells[2]]],
        colWidths=[column, GUTTER, column, GUTTER, column],
        rowHeights=[height],
        hAlign="LEFT",
    )
    grid.setStyle(
        styles.house_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEAFTER", (1, 0), (1, 0), 0.5, styles.GREY_LIGHT),
                ("LINEAFTER", (3, 0), (3, 0), 0.5, styles.GREY_LIGHT),
            ]
        )
    )
    # A last guard: whatever the columns hold, the card is one page.
    return [KeepInFrame(width, height, [grid], mode="shrink")]


def _fit(canvas: Canvas, words: str, font: str, size: float, room: float) -> str:
    while len(words) > 1 and canvas.stringWidth(words, font, size) > room:
        words = words[:-2].rstrip() + "…"
    return words


def card_furniture(case: Case, letterhead: Letterhead) -> Callable[[Canvas, Any], None]:
    """The page's furniture: the consultancy's logo (or name) and "CONFIDENTIAL", a band in
    its colour that names the card and the case, and a footer."""
    info = case.info
    logo = letterhead.image
    name = styles.clip(letterhead.name, 90)
    title = styles.clip(info.title, 200)
    sides = " · ".join(styles.clip(s, 80) for s in (info.client, info.counterpart) if s.strip())
    footer = _("Negotiation card · Confidential: for the team only, never for the other side")
    if info.client.strip():
        footer += " · " + _("prepared for {client}").format(client=styles.clip(info.client, 80))
    if info.prepared_on:
        footer += f" · {shown_date(info.prepared_on)}"
    mark = _(CONFIDENTIAL).upper()
    title_words = _(TITLE)

    def draw(canvas: Canvas, doc: Any) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        middle = height - TOP_LINE
        canvas.setFont(styles.FONT_BOLD, 8.4)
        canvas.setFillColor(letterhead.text_colour)
        canvas.drawRightString(width - MARGIN, middle - 3, mark)
        room = width / 2
        if logo is not None:
            draw_logo(canvas, logo, MARGIN, middle + 4 * mm, room, 8 * mm)
        elif name:
            canvas.setFont(styles.FONT_BOLD, 9.5)
            canvas.drawString(MARGIN, middle - 3, _fit(canvas, name, styles.FONT_BOLD, 9.5, room))
        top = height - BAND_TOP
        canvas.setFillColor(letterhead.colour)
        canvas.rect(0, top - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(letterhead.on_colour)
        canvas.setFont(styles.FONT_BOLD, 13)
        baseline = top - BAND_HEIGHT / 2 - 4.5
        canvas.drawString(MARGIN, baseline, title_words)
        left = MARGIN + canvas.stringWidth(title_words, styles.FONT_BOLD, 13) + 5 * mm
        canvas.setFont(styles.FONT, 9)
        right_words = _fit(canvas, sides, styles.FONT, 9, width * 0.3)
        right_width = canvas.stringWidth(right_words, styles.FONT, 9)
        canvas.drawRightString(width - MARGIN, baseline + 1, right_words)
        room = width - MARGIN - right_width - 6 * mm - left
        canvas.drawString(left, baseline + 1, _fit(canvas, title, styles.FONT, 9, room))
        canvas.setFont(styles.FONT, 7.2)
        canvas.setFillColor(styles.GREY_DARK)
        canvas.drawString(
            MARGIN, FOOTER_Y, _fit(canvas, footer, styles.FONT, 7.2, width - 2 * MARGIN)
        )
        canvas.restoreState()

    return draw


def build_card(
    case: Case,
    analysis: CaseAnalysis,
    target: Any,
    *,
    paper: str = "a4",
    invariant: bool = False,
) -> None:
    """Write the negotiation card of ``case`` to ``target`` (a path or a binary file): one
    landscape page of ``paper``."""
    styles.setup()
    info = case.info
    size = card_size(paper)
    width, height = size
    letterhead = brief_letterhead(info)
    author = styles.clip(info.consultancy.strip() or info.consultant.strip(), 200)
    doc = BaseDocTemplate(
        target,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=BODY_TOP,
        bottomMargin=BODY_BOTTOM,
        title=styles.clip(info.title, 200),
        author=author,
        creator=author,
        producer=author,
        subject=_("Confidential negotiation card"),
        keywords=[],
        invariant=1 if invariant else 0,
        lang=language(),
        displayDocTitle=True,
        initialFontName=styles.FONT,
        initialFontSize=styles.BODY_SIZE,
        initialLeading=styles.BODY_LEADING,
    )
    frame_width = width - 2 * MARGIN
    frame_height = height - BODY_TOP - BODY_BOTTOM
    frame = Frame(
        MARGIN,
        BODY_BOTTOM,
        frame_width,
        frame_height,
        id="card",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [PageTemplate(id="card", frames=[frame], onPage=card_furniture(case, letterhead))]
    )
    # A hair under the frame's height: ReportLab refuses a flowable exactly as tall as it.
    doc.build(card_story(case, analysis, frame_width, frame_height - 1), canvasmaker=ScriptCanvas)


__all__ = ["build_card", "card_size", "card_story"]
