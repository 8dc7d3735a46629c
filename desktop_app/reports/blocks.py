"""Building blocks shared by both documents: headings, paragraphs, tables, figure cards.

Every function that takes a user string escapes it (``styles.text``); functions that take
``markup`` expect text that was built here from escaped parts. Tables repeat their header row on
every page, zebra their rows, and let a row taller than a page split (``splitInRow``), so no
text length can break the layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import HRFlowable

from desktop_app.reports import styles

Cell = Any  # a Paragraph, another flowable, or a plain string


class Heading(Paragraph):  # type: ignore[misc]
    """A section heading that becomes a PDF bookmark (``ReportDocument.afterFlowable``)."""

    def __init__(self, markup: str, style: ParagraphStyle, *, level: int, outline: str) -> None:
        super().__init__(markup, style)
        self.outline_level = level
        self.outline_title = outline


def section(number: int | None, title: str, intro: str | None = None) -> list[Flowable]:
    """A numbered section title on a new page (our words, not user text) with an optional
    intro line (``intro`` is markup)."""
    label = f"{number}  {title}" if number is not None else title
    parts: list[Flowable] = [
        PageBreak(),
        Heading(styles.text(label), styles.H1, level=0, outline=label),
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
    return [Paragraph(piece, style) for piece in styles.paragraphs(value)]


def bullets(items: Iterable[str], style: ParagraphStyle = styles.BULLET) -> list[Flowable]:
    """Bulleted paragraphs; ``items`` are markup."""
    return [Paragraph(item, style, bulletText="•") for item in items]


def cell(value: object, style: ParagraphStyle = styles.CELL, limit: int | None = None) -> Cell:
    """A table cell holding a user string (escaped, wrapped)."""
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
    shown = [f"•&nbsp;{styles.text(item, limit)}" for item in items if str(item).strip()]
    return "<br/>".join(shown)


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    numeric_from: int | None = None,
    numeric_columns: Sequence[int] = (),
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A house-style table: header row repeated on every page, zebra rows, long rows split.
    Header cells of figure columns (``numeric_from`` on, or ``numeric_columns``) align right.
    Cells may be plain strings (short figures, no wrapping: cheap) or Paragraphs. A
    ``LongTable`` measures rows only until the page is full, so a register of a thousand rows
    lays out in linear time."""
    numeric = set(numeric_columns)
    if numeric_from is not None:
        numeric.update(range(numeric_from, len(headers)))
    header = [head(h, numeric=i in numeric) for i, h in enumerate(headers)]
    data = [header, *[list(r) for r in rows]]
    table = LongTable(
        data,
        colWidths=list(widths),
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(styles.house_style(styles.table_style(len(data), extra=extra)))
    return table


def key_value_table(
    rows: Sequence[tuple[str, Cell]], widths: Sequence[float], *, zebra: bool = True
) -> Table:
    """Label | value rows without a header (labels are our words, escaped here)."""
    data = [[cell(label, styles.CELL_BOLD), value] for label, value in rows]
    table = Table(data, colWidths=list(widths), splitByRow=1, splitInRow=1, hAlign="LEFT")
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


def more_note(shown: int, total: int, what: str) -> Paragraph:
    """ "… and N more <what>, see the app." after a capped table."""
    return Paragraph(
        styles.text(f"… and {total - shown:,} more {what} — see the app for the full list."),
        styles.NOTE,
    )


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
