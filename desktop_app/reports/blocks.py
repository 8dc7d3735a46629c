"""Building blocks shared by both documents: headings, paragraphs, tables, figure cards.

Every function that takes a user string escapes it (``styles.text``); functions that take
``markup`` expect text that was built here from escaped parts. Tables repeat their header row on
every page and zebra their rows. A row moves whole to the next page; only a row taller than a
page splits inside, and its continuation repeats the header and the row's name
(``HouseTable``), so no text length can break the layout.

The rule for long tables is here too (``shortlist``): the body shows the most important rows
and says which and why; an appendix lists all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import HRFlowable

from desktop_app.i18n import N_, _
from desktop_app.reports import styles
from desktop_app.reports.formats import keep_with_amount, plain_number

Cell = Any  # a Paragraph, another flowable, or a plain string
T = TypeVar("T")

#: The room a section needs at the foot of a page to start there (its title, rule, intro and
#: the first lines of what follows); with less, it starts on the next page.
SECTION_ROOM = 170.0
#: A section title: space above it when it follows on a page (none at the top of a page).
SECTION_TITLE = ParagraphStyle("SectionTitle", parent=styles.H1, spaceBefore=22)


class Heading(Paragraph):  # type: ignore[misc]
    """A heading that is a PDF bookmark: when it is drawn, it marks its own place on its own
    page as the destination and adds itself to the outline."""

    def __init__(self, markup: str, style: ParagraphStyle, *, level: int, outline: str) -> None:
        super().__init__(markup, style)
        self.outline_level = level
        self.outline_title = outline

    def draw(self) -> None:
        super().draw()
        canvas = self.canv
        count = getattr(canvas, "outline_count", 0) + 1
        canvas.outline_count = count
        key = f"h{count}"
        canvas.bookmarkHorizontal(key, 0, self.height + 6)
        canvas.addOutlineEntry(
            self.outline_title, key, level=self.outline_level, closed=self.outline_level > 0
        )


def section(number: int | None, title: str, intro: str | None = None) -> list[Flowable]:
    """A numbered section title (our words, not user text) with an optional intro line
    (``intro`` is markup). It follows on the page before when ``SECTION_ROOM`` is left there;
    a document puts a ``PageBreak`` before the sections that must start on a new page."""
    label = f"{number}  {title}" if number is not None else title
    parts: list[Flowable] = [
        CondPageBreak(SECTION_ROOM),
        Heading(styles.text(label), SECTION_TITLE, level=0, outline=label),
        HRFlowable(width="100%", thickness=1.2, color=styles.ACCENT, spaceBefore=1, spaceAfter=7),
    ]
    if intro:
        parts.append(Paragraph(intro, styles.H1_INTRO))
    return parts


def subheading(title: str, *, outline: bool = True) -> Flowable:
    """A second-level heading; ``title`` is plain text (escaped here)."""
    if outline:
        return Heading(styles.text(title), styles.H2, level=1, outline=styles.clip(title, 80))
    return Paragraph(styles.text(title), styles.H2)


def para(markup: str, style: ParagraphStyle = styles.BODY) -> Paragraph:
    return Paragraph(markup, style)


def user_paragraphs(value: str, style: ParagraphStyle = styles.BODY) -> list[Flowable]:
    """A user text of any length as paragraphs that split across pages."""
    return [Paragraph(piece, style) for piece in styles.paragraphs(keep_with_amount(value))]


def bullets(items: Iterable[str], style: ParagraphStyle = styles.BULLET) -> list[Flowable]:
    """Bulleted paragraphs; ``items`` are markup."""
    return [Paragraph(item, style, bulletText="•") for item in items]


def cell(value: object, style: ParagraphStyle = styles.CELL, limit: int | None = None) -> Cell:
    """A table cell holding a user string (escaped, wrapped; a currency code kept on the line
    of its amount)."""
    if isinstance(value, str):
        value = keep_with_amount(value)
    return Paragraph(styles.text(value, limit), style)


def mcell(markup: str, style: ParagraphStyle = styles.CELL) -> Cell:
    """A table cell holding markup built from escaped parts."""
    return Paragraph(markup, style)


def num(value: str, *, bold: bool = False) -> Cell:
    """A right-aligned figure (our own formatting; escaped all the same)."""
    return Paragraph(styles.text(value), styles.CELL_NUM_BOLD if bold else styles.CELL_NUM)


def head(label: str, *, numeric: bool = False) -> Cell:
    return Paragraph(styles.text(label), styles.HEAD_NUM if numeric else styles.HEAD)


def listing(items: Sequence[str], *, limit: int | None = None) -> str:
    """User strings as a bulleted list inside one table cell (markup)."""
    shown = [
        f"•&nbsp;{styles.text(keep_with_amount(str(item)), limit)}"
        for item in items
        if str(item).strip()
    ]
    return "<br/>".join(shown)


def _empty(value: object) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_empty(v) for v in value)
    return value is None or value == ""


CONTINUED = N_("(continued)")


def _continued_mark() -> str:
    """ " <i>(continued)</i>" in the language in use."""
    return f" <i>{styles.text(_(CONTINUED))}</i>"


def _continued(value: object) -> object:
    """The first line of a row's name cell and "(continued)", for the part of a split row on
    the next page (a cell as the table keeps it: a string or a list of flowables)."""
    if isinstance(value, (list, tuple)) and value:
        value = value[0]
    if isinstance(value, str):  # a short figure or number in a narrow column
        first = value.splitlines()[0] if value else ""
        return f"{first}\n{_('(cont.)')}"
    if isinstance(value, Paragraph):
        first = str(value.text).split("<br/>")[0]
        mark = _continued_mark()
        if first.endswith(mark):
            return [value]
        try:
            return [Paragraph(first + mark, value.style)]
        except ValueError:  # the first line cut a tag in two: its words alone
            words = styles.text(value.getPlainText().splitlines()[0] if value.text else "")
            return [Paragraph(words + mark, value.style)]
    return value


class HouseTable(LongTable):  # type: ignore[misc]
    """A table whose rows move whole to the next page: a row splits inside only when it is
    taller than a page (with its header), and then the part on the next page repeats the
    header (``repeatRows``) and the row's first ``label_columns`` cells, marked "(continued)".

    Row heights are measured once (``_calc_height``), so a register of a thousand rows lays
    out in linear time."""

    label_columns = 1

    def _calc_height(
        self, availHeight: float, availWidth: float, H: Any = None, W: Any = None
    ) -> None:
        """Row heights depend on the fixed column widths only: measured once, they are kept
        (ReportLab would measure every row again at each wrap and split)."""
        super()._calc_height(availHeight, availWidth, H=H, W=W)
        if None not in self._rowHeights:
            self._argH = list(self._rowHeights)

    def _row_taller_than_page(self, available: float) -> int | None:
        """The row that does not fit in ``available`` when it would not fit on a whole page
        either, else None."""
        heights = self._rowHeights
        index, used = 0, 0.0
        while index < len(heights):
            height = heights[index]
            if height is None:
                return None
            if used + height > available:
                break
            used += height
            index += 1
        else:
            return None
        repeat = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        if index < repeat:
            return None
        frame = getattr(getattr(getattr(self, "canv", None), "_doctemplate", None), "frame", None)
        page = getattr(frame, "_aH", available)
        header = sum(h or 0.0 for h in heights[:repeat])
        return index if header + heights[index] > page else None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts:
            return parts
        row = self._row_taller_than_page(availHeight)
        if row is None:
            return []  # the next row goes whole to the next page
        self.splitInRow = 1
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0
        if len(parts) == 2:
            rest = parts[1]
            first = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
            values = rest._cellvalues[first]
            for column in range(min(self.label_columns, len(values))):
                if _empty(values[column]):
                    values[column] = _continued(self._cellvalues[row][column])
        return parts

    def onSplit(self, T: Table, byRow: int = 1) -> None:  # noqa: ARG002 (ReportLab's hook)
        T.label_columns = self.label_columns


def _start_height(flowable: Flowable, page: float) -> float | None:
    """How much of a flowable must stay with the heading above it: a table's header and first
    row (its first lines when the row is taller than a ``page`` and will split anyway), a
    paragraph's first two lines; None when it must stay whole."""
    if isinstance(flowable, Table):
        heights = getattr(flowable, "_rowHeights", None)
        repeat = flowable.repeatRows if isinstance(flowable.repeatRows, int) else 0
        if not heights or len(heights) <= repeat + 1 or None in heights[: repeat + 1]:
            return None
        header, first = float(sum(heights[:repeat])), float(heights[repeat])
        return header + (min(first, 3 * 12.0) if header + first > page else first)
    if isinstance(flowable, Paragraph) and not isinstance(flowable, Heading):
        return float(2 * flowable.style.leading + flowable.style.spaceBefore)
    return None


#: A group this short moves whole to the next page when it does not fit (a short table with its
#: heading); a longer one starts under its heading and flows on.
KEEP_WHOLE = 180.0


class KeepWithStart(KeepTogether):  # type: ignore[misc]
    """A heading kept with what follows it: what ReportLab groups for ``keepWithNext`` (the
    document's ``keepTogetherClass``), or a heading and its list given explicitly.

    A group up to ``KEEP_WHOLE`` high moves whole to the next page when it does not fit here,
    as ReportLab's ``KeepTogether`` does. A longer one does not: it stays when its heading(s)
    and the start of what follows — a table's header and first row, a paragraph's first two
    lines — fit, and the rest flows on. A heading never ends a page alone, and a long table or
    list after a heading never leaves a page half empty."""

    def _lead(self) -> int:
        """How many flowables lead the group: its headings (those kept with the next one), or
        all but the last in a group ReportLab made (it clears their ``keepWithNext``)."""
        content = self._content
        lead = next((i for i, f in enumerate(content) if not f.getKeepWithNext()), 0)
        return lead if lead > 0 else len(content) - 1

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = list(self._content)
        lead = self._lead()
        if aH < self._H and self._H > KEEP_WHOLE and 0 < lead < len(content):
            frame = getattr(self, "_frame", None) or getattr(
                getattr(getattr(self, "canv", None), "_doctemplate", None), "frame", None
            )
            start = _start_height(content[lead], getattr(frame, "_aH", aH))
            if start is not None:
                above = 0.0
                for flowable in content[:lead]:
                    above += flowable.wrapOn(self.canv, aW, aH)[1]
                    above += flowable.getSpaceBefore() + flowable.getSpaceAfter()
                if above + start + content[lead].getSpaceBefore() <= aH:
                    return content
        parts: list[Flowable] = super().split(aW, aH)
        return parts


class NoteAfter(KeepTogether):  # type: ignore[misc]
    """A table and the notes under it (what its columns mean, which rows it shows): a note
    never opens a page alone. When the table ends on a page with no room left for its notes,
    its last row goes over with them (under the repeated header); a table that splits anyway
    carries its notes on with its last part."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        table, *notes = self._content
        height = table.wrapOn(self.canv, aW, aH)[1]
        below = sum(
            note.wrapOn(self.canv, aW, aH)[1] + note.getSpaceBefore() + note.getSpaceAfter()
            for note in notes
        )
        if height + below <= aH:
            return list(self._content)
        if height <= aH:
            # The table fits but its notes do not: its last row goes to the next page with
            # them (a table of one row cannot split: then the notes go over alone).
            parts: list[Flowable] = table.splitOn(self.canv, aW, height - 1.0)
            if len(parts) != 2:
                return list(self._content)
            return [parts[0], FrameBreak, NoteAfter([parts[1], *notes])]
        parts = table.splitOn(self.canv, aW, aH)
        if len(parts) == 2:  # the rest is a page's height away: the notes go with it
            return [parts[0], NoteAfter([parts[1], *notes])]
        return parts


NOTE_STYLES = ("Note", "Caption")


def notes_kept(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with every table followed by notes (paragraphs in a note or caption style)
    held together with them (``NoteAfter``)."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        flowable = story[i]
        notes: list[Flowable] = []
        j = i + 1
        while (
            isinstance(flowable, Table)
            and j < len(story)
            and isinstance(story[j], Paragraph)
            and story[j].style.name in NOTE_STYLES
        ):
            notes.append(story[j])
            j += 1
        out.append(NoteAfter([flowable, *notes]) if notes else flowable)
        i = j
    return out


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    numeric_from: int | None = None,
    numeric_columns: Sequence[int] = (),
    extra: Sequence[tuple[object, ...]] = (),
    label_columns: int = 1,
    bold_columns: Sequence[int] = (),
) -> Table:
    """A house-style table: header row repeated on every page, zebra rows, a row split only
    when it is taller than a page (``HouseTable``; the part on the next page repeats the header
    and the first ``label_columns`` cells). Figure columns (``numeric_from`` on, or
    ``numeric_columns``) align right. Cells may be Paragraphs or plain strings: our own short
    figures, drawn as they are without wrapping (a tenth of a Paragraph's cost in a list of
    thousands of rows); ``bold_columns`` prints those in bold."""
    numeric = set(numeric_columns)
    if numeric_from is not None:
        numeric.update(range(numeric_from, len(headers)))
    header = [head(h, numeric=i in numeric) for i, h in enumerate(headers)]
    data = [header, *[list(r) for r in rows]]
    table = HouseTable(data, colWidths=list(widths), repeatRows=1, splitByRow=1, hAlign="LEFT")
    table.label_columns = label_columns
    body: list[tuple[object, ...]] = [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in sorted(numeric)]
    body += [
        ("FONT", (c, 1), (c, -1), styles.FONT_BOLD, styles.TABLE_SIZE, 10.2) for c in bold_columns
    ]
    table.setStyle(styles.house_style(styles.table_style(len(data), extra=[*body, *extra])))
    return table


def key_value_table(
    rows: Sequence[tuple[str, Cell]], widths: Sequence[float], *, zebra: bool = True
) -> Table:
    """Label | value rows without a header (labels are our words, escaped here)."""
    data = [[cell(label, styles.CELL_BOLD), value] for label, value in rows]
    table = HouseTable(data, colWidths=list(widths), splitByRow=1, hAlign="LEFT")
    commands = styles.table_style(len(data), header=False, zebra=zebra)
    commands.append(("LINEABOVE", (0, 0), (-1, 0), 0.6, styles.RULE))
    table.setStyle(styles.house_style(commands))
    return table


def figure_card(label: str, value: str, note: str = "", *, colour: Any = None) -> list[Cell]:
    """A key figure: small label, big value, a grey note (plain texts, escaped here)."""
    value_style = styles.FIGURE_VALUE
    if colour is not None:
        value_style = ParagraphStyle("FigureValueColour", parent=value_style, textColor=colour)
    parts: list[Cell] = [
        Paragraph(styles.text(label.upper()), styles.FIGURE_LABEL),
        Paragraph(styles.text(value), value_style),
    ]
    if note:
        parts.append(Paragraph(styles.text(note), styles.FIGURE_NOTE))
    return parts


def card_row(cards: Sequence[list[Cell]], width: float, *, accent: Any = None) -> Table:
    """Key-figure cards side by side on a quiet panel, separated by hairlines."""
    n = max(len(cards), 1)
    table = Table([list(cards)], colWidths=[width / n] * n, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, -1), styles.PANEL),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LINEAFTER", (0, 0), (-2, -1), 0.6, styles.WHITE),
    ]
    if accent is not None:
        commands.append(("LINEABOVE", (0, 0), (-1, 0), 2.0, accent))
    table.setStyle(styles.house_style(commands))
    return table


def card_grid(cards: Sequence[list[Cell]], width: float, *, columns: int = 3) -> Table:
    """Key-figure cards in a grid of ``columns``, hairlines between rows and columns."""
    rows: list[list[Cell]] = [list(cards[i : i + columns]) for i in range(0, len(cards), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns, hAlign="LEFT", splitInRow=1)
    table.setStyle(
        styles.house_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), styles.PANEL),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ("LINEABOVE", (0, 0), (-1, 0), 2.0, styles.ACCENT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.8, styles.WHITE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.8, styles.WHITE),
            ]
        )
    )
    return table


def callout(
    markup: str,
    *,
    colour: Any,
    background: Any,
    width: float,
    style: ParagraphStyle = styles.BODY_TIGHT,
) -> Table:
    """A paragraph on a tinted panel with a coloured bar on the left."""
    table = Table([[Paragraph(markup, style)]], colWidths=[width], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        styles.house_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def figure(chart: Flowable, caption: str | None = None) -> list[Flowable]:
    """A chart followed by a caption (markup), kept together."""
    parts: list[Flowable] = [Spacer(1, 3), chart]
    if caption:
        parts.append(Paragraph(caption, styles.CAPTION))
    else:
        parts.append(Spacer(1, 8))
    return [KeepTogether(parts)]


# --- the rule for long tables ------------------------------------------------------------------

#: The most rows a table in the body shows; the appendix lists all of them.
BODY_ROWS = 10


@dataclass(frozen=True)
class Shortlist(Generic[T]):
    """A table's rows under the one rule for long tables: the body shows the ``BODY_ROWS`` most
    important (``items`` come most important first), says which and why, and the appendix
    (``where``) lists all of them in the same order."""

    items: tuple[T, ...]
    what: str  # "risks"
    ranking: str  # "with the largest expected loss under our proposal"
    where: str  # "the appendix “Complete lists”"
    limit: int = BODY_ROWS

    @property
    def shown(self) -> tuple[T, ...]:
        return self.items[: self.limit]

    @property
    def cut(self) -> bool:
        return len(self.items) > self.limit

    def note(self) -> Paragraph | None:
        """Which rows the body shows and where the rest are (None when it shows them all)."""
        if not self.cut:
            return None
        total = len(self.items)
        return Paragraph(
            styles.text(
                _(
                    "The {limit} {what} {ranking}, of {total}; all {total} are listed in {where}."
                ).format(
                    limit=self.limit,
                    what=self.what,
                    ranking=self.ranking,
                    total=plain_number(total),
                    where=self.where,
                )
            ),
            styles.NOTE,
        )


def shortlist(
    items: Iterable[T], *, what: str, ranking: str, where: str, limit: int = BODY_ROWS
) -> Shortlist[T]:
    """``items`` (most important first) under the rule for long tables (``Shortlist``)."""
    return Shortlist(tuple(items), what, ranking, where, limit)


#: A full list for the appendix: its title and a function that builds its flowables.
FullList = tuple[str, Callable[[], list[Flowable]]]


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
