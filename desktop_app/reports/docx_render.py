"""The PDF's story written as a Word body: one content, two renderers.

The brief and the proposal are built once, as the list of ReportLab flowables their PDF is laid
out from (``brief.brief_story``, ``proposal.proposal_story``): every heading, sentence, table
and chart in its order, with every figure formatted once. ``StoryWriter`` walks that list and
writes each piece with Word's own means — a section title as "Heading 1", a subheading as
"Heading 2" or "Heading 3", the title as "Title", a bullet as "List Bullet", a table as a Word
table (its header row repeated on each page), a panel as a shaded paragraph with a coloured
rule, a chart as a picture (``ChartSlot`` → PNG). What only a printed page needs (spacers,
conditional page breaks, frames that shrink a page to fit) is left to Word, which lays the
text out itself.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    Paragraph,
    Table,
)

from desktop_app.reports import styles
from desktop_app.reports.brief_charts import CHARTS
from desktop_app.reports.docx_charts import Picture
from desktop_app.reports.docx_markup import Run, colour_hex, runs

INK = styles.INK_HEX.lstrip("#").upper()
#: ReportLab paragraph styles (by name) and the Word style that says the same.
WORD_STYLES = {
    "SectionTitle": "Heading 1",
    "H1": "Heading 1",
    "H2": "Heading 2",
    "H3": "Heading 3",
    "CoverTitle": "Title",
    "ProposalTitle": "Title",
    "CoverSubtitle": "Subtitle",
    "Quote": "Quote",
    "Statement": "Quote",
    "Caption": "Caption",
}
#: Paragraph styles printed small and grey (notes under tables, figure labels).
SMALL_STYLES = {"Note", "Small", "CellSmall", "FigureLabel", "FigureNote", "CoverLabel", "Caption"}
PANEL_FILL = "EEF3F8"
ZEBRA_FILL = "F4F7FA"
GRID_COLOUR = "D5D8DC"
BODY_SIZE = 10.0
TABLE_SIZE = 8.5


class ChartSlot(Flowable):  # type: ignore[misc]
    """Where a chart goes in the story the Word document is written from: it holds the
    chart's key and takes the chart's room when the story is measured; it is never drawn."""

    def __init__(self, key: str, height: float) -> None:
        super().__init__()
        self.key = key
        self.slot_height = height

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        return available_width, self.slot_height

    def draw(self) -> None:  # pragma: no cover - a slot is translated, never drawn
        return None


def chart_slots() -> dict[str, Flowable]:
    """A slot per chart of the brief, by key (the brief's ``ctx.charts``)."""
    return {key: ChartSlot(key, max_height) for key, _, _, max_height in CHARTS}


def _hex(colour: Any) -> str | None:
    return colour_hex(colour) if colour is not None else None


# -- low-level Word XML ------------------------------------------------------------------------


def shade(element: Any, fill: str) -> None:
    """Give a paragraph's or a cell's properties (``pPr`` / ``tcPr``) a background."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    element.append(shd)


def _border(parent: Any, tag: str, sides: dict[str, tuple[str, int]]) -> None:
    """``sides``: side → (colour, width in eighths of a point)."""
    borders = OxmlElement(tag)
    for side, (colour, size) in sides.items():
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size))
        line.set(qn("w:space"), "4")
        line.set(qn("w:color"), colour)
        borders.append(line)
    parent.append(borders)


def repeat_as_header(row: Any) -> None:
    """Mark a table row as the header Word repeats at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_row_whole(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _grid_borders(table: Any) -> None:
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    line = (GRID_COLOUR, 4)
    sides = {s: line for s in ("top", "left", "bottom", "right", "insideH", "insideV")}
    _border(properties, "w:tblBorders", sides)


# -- the writer --------------------------------------------------------------------------------


class StoryWriter:
    """Writes flowables into a python-docx ``Document``.

    ``pictures(key)`` gives a chart's picture (None leaves it out); ``accent`` is ``RRGGBB``
    for table headers and panels' rules; ``width`` is the text's width in points."""

    def __init__(
        self,
        document: Any,
        *,
        width: float,
        accent: str,
        pictures: Callable[[str], Picture | None],
    ) -> None:
        self.document = document
        self.width = width
        self.accent = accent
        self.pictures = pictures
        self.count = 0

    # paragraphs ---------------------------------------------------------------------------

    def write(self, story: Iterable[Flowable]) -> None:
        for flowable in story:
            self.flowable(flowable)

    def flowable(self, flowable: Flowable) -> None:
        self.count += 1
        if isinstance(flowable, ChartSlot):
            self.chart(flowable.key)
        elif isinstance(flowable, Paragraph):
            self.paragraph(flowable)
        elif isinstance(flowable, Table):
            self.table(flowable)
        elif isinstance(flowable, KeepTogether | KeepInFrame):
            self.write(getattr(flowable, "_content", []))
        elif isinstance(flowable, PageBreak) and not isinstance(flowable, CondPageBreak):
            self.page_break()
        # Spacers, rules, frames and template switches: Word lays the page out itself.

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def paragraph(self, paragraph: Paragraph, container: Any = None) -> Any:
        style = paragraph.style
        name = str(getattr(style, "name", ""))
        target = container if container is not None else self.document
        bullet = getattr(paragraph, "bulletText", None)
        word_style = "List Bullet" if bullet and container is None else WORD_STYLES.get(name)
        if word_style is not None and container is None:
            out = target.add_paragraph(style=word_style)
        else:
            out = target.add_paragraph()
        if bullet and word_style != "List Bullet":
            out.add_run(f"{_plain_bullet(bullet)} ")
        self.fill(out, runs(str(paragraph.text)), style, styled=word_style is not None)
        alignment = getattr(style, "alignment", 0)
        if alignment == styles.RIGHT:
            out.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif alignment == styles.CENTER:
            out.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return out

    def fill(self, out: Any, pieces: Sequence[Run], style: Any, *, styled: bool) -> None:
        """Add ``pieces`` to the Word paragraph ``out`` with the look of ``style`` where the
        Word style does not give one."""
        name = str(getattr(style, "name", ""))
        font = str(getattr(style, "fontName", ""))
        style_bold = "Bold" in font and not styled
        style_italic = ("Oblique" in font or "Italic" in font) and not styled
        style_colour = None if styled else _hex(getattr(style, "textColor", None))
        if style_colour == INK or style_colour == "000000":
            style_colour = None
        small = name in SMALL_STYLES
        for piece in pieces:
            lines = piece.text.split("\n")
            for number, line in enumerate(lines):
                if number:
                    out.add_run().add_break()
                if not line:
                    continue
                run = out.add_run(line)
                if piece.bold or style_bold:
                    run.bold = True
                if piece.italic or style_italic:
                    run.italic = True
                colour = piece.colour or style_colour
                if colour and colour != "FFFFFF":
                    run.font.color.rgb = RGBColor.from_string(colour)
                if piece.superscript:
                    run.font.superscript = True
                if small:
                    run.font.size = Pt(8.5)

    # panels and tables ----------------------------------------------------------------------

    def table(self, table: Table) -> None:
        cells = getattr(table, "_cellvalues", [])
        if len(cells) == 1 and len(cells[0]) == 1:
            self.panel(table, cells[0][0])
            return
        self.grid(table, cells)

    def panel(self, table: Table, content: Any) -> None:
        """A one-cell table of the PDF (a callout): shaded paragraphs with a coloured rule."""
        rule = self._rule_colour(table) or self.accent
        fill = self._background(table) or PANEL_FILL
        for item in _flat(content):
            if isinstance(item, Paragraph):
                out = self.paragraph(item)
            elif isinstance(item, str) and item.strip():
                out = self.document.add_paragraph(item)
            else:
                continue
            properties = out._p.get_or_add_pPr()
            _border(properties, "w:pBdr", {"left": (rule, 24)})
            shade(properties, fill)

    def _commands(self, table: Table, name: str) -> list[tuple[Any, ...]]:
        style = getattr(table, "_bkgrndcmds", []) if name == "BACKGROUND" else []
        lines = getattr(table, "_linecmds", []) if name != "BACKGROUND" else []
        return [c for c in (*style, *lines) if c and c[0] == name]

    def _rule_colour(self, table: Table) -> str | None:
        for command in self._commands(table, "LINEBEFORE"):
            return _hex(command[4]) if len(command) > 4 else None
        return None

    def _background(self, table: Table) -> str | None:
        for command in self._commands(table, "BACKGROUND"):
            colour = command[3] if len(command) > 3 else None
            if not isinstance(colour, list | tuple):
                return _hex(colour)
        return None

    def grid(self, table: Table, cells: Sequence[Sequence[Any]]) -> None:
        columns = max((len(row) for row in cells), default=0)
        if not columns:
            return
        header_rows = table.repeatRows if isinstance(table.repeatRows, int) else 0
        out = self.document.add_table(rows=len(cells), cols=columns)
        out.style = "Table Grid"
        out.autofit = False
        _grid_borders(out)
        widths = [float(w) for w in (getattr(table, "_colWidths", None) or [])]
        total = sum(widths) if widths and None not in widths else 0.0
        shares = [w / total for w in widths] if total else [1.0 / columns] * columns
        page = self.width
        for number, (row, values) in enumerate(zip(out.rows, cells, strict=False)):
            header = number < header_rows
            if header:
                repeat_as_header(row)
            _keep_row_whole(row)
            for column, cell in enumerate(row.cells):
                if column < len(shares):
                    cell.width = Pt(page * shares[column])
                value = values[column] if column < len(values) else ""
                self.cell(cell, value, header=header)
                if header:
                    shade(cell._tc.get_or_add_tcPr(), self.accent)
                elif header_rows and (number - header_rows) % 2 == 1:
                    shade(cell._tc.get_or_add_tcPr(), ZEBRA_FILL)
        self.document.add_paragraph()

    def cell(self, cell: Any, value: Any, *, header: bool) -> None:
        first = cell.paragraphs[0]
        used = False
        for item in _flat(value):
            if isinstance(item, Paragraph):
                out = first if not used else cell.add_paragraph()
                if not used:
                    self.fill(first, runs(str(item.text)), item.style, styled=False)
                    _align(first, item.style)
                else:
                    self.fill(out, runs(str(item.text)), item.style, styled=False)
                    _align(out, item.style)
                used = True
            elif isinstance(item, str) and item:
                out = first if not used else cell.add_paragraph()
                for number, line in enumerate(item.split("\n")):
                    if number:
                        out.add_run().add_break()
                    out.add_run(line)
                used = True
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(1)
            for run in paragraph.runs:
                if run.font.size is None:
                    run.font.size = Pt(TABLE_SIZE)
                if header:
                    run.bold = True
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    # charts ---------------------------------------------------------------------------------

    def chart(self, key: str) -> None:
        picture = self.pictures(key)
        if picture is None:
            return
        width = min(picture.width, self.width / 72.0)
        height = picture.height * width / picture.width if picture.width else picture.height
        holder = self.document.add_paragraph()
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.add_run().add_picture(
            io.BytesIO(picture.png), width=Inches(width), height=Inches(height)
        )


def _align(out: Any, style: Any) -> None:
    alignment = getattr(style, "alignment", 0)
    if alignment == styles.RIGHT:
        out.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif alignment == styles.CENTER:
        out.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _plain_bullet(bullet: str) -> str:
    from desktop_app.reports.docx_markup import plain

    return plain(bullet) or "•"


def _flat(value: Any) -> list[Any]:
    """A cell's content as paragraphs and strings: lists opened, a table inside a cell read
    row by row, other flowables' paragraphs taken out."""
    if isinstance(value, list | tuple):
        out: list[Any] = []
        for item in value:
            out.extend(_flat(item))
        return out
    if isinstance(value, Table):
        out = []
        for row in getattr(value, "_cellvalues", []):
            out.extend(_flat(list(row)))
        return out
    if isinstance(value, KeepTogether | KeepInFrame):
        return _flat(list(getattr(value, "_content", [])))
    if isinstance(value, Paragraph | str):
        return [value]
    return []
