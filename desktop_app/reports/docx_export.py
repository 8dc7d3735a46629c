"""``export_docx``: the team brief or the proposal as an editable Word document (SPEC §11).

The same content as the PDFs — each document's story is built by the very functions that build
the PDF (``brief.brief_story``, ``proposal.proposal_story``) and written with Word's own styles
by ``docx_render.StoryWriter`` — with the letterhead of its owner (the consultancy's logo and
colour on the brief, the client's on the proposal; a neutral charcoal without one), a header
with the title and "Confidential" on every page, a footer with page X of Y (Word's PAGE and
NUMPAGES fields), and the charts as pictures. The proposal, like its PDF, is built from the
allow-list (``proposal.ProposalContent``) and nothing else. The document's author is the
consultancy (brief) or the client (proposal), never the tool; with ``SOURCE_DATE_EPOCH`` set
its dates are that moment.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.model import Case
from desktop_app.files.publish import clean_leftovers, replace_owner_only
from desktop_app.i18n import _, language
from desktop_app.reports.docx_charts import Picture

if TYPE_CHECKING:  # imported when used: the charts' child is forked before the heavy imports
    from desktop_app.reports.proposal import ProposalContent

Progress = Callable[[float], None]
KINDS = ("brief", "proposal")
PAPERS = ("a4", "letter")
#: The letterhead's logo at the head of the first page / in the page header, in inches.
LOGO_WIDTH, LOGO_HEIGHT = 2.4, 0.65
HEADER_LOGO_HEIGHT = 0.4


def _when() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in; ``shown`` until it does."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page(document: Any, paper: str) -> float:
    """Set the paper and the PDFs' margins; returns the text's width in points."""
    from docx.shared import Mm, Pt

    from desktop_app.reports.paper import MARGIN_X, frame_width, page_size

    width, height = page_size(paper)
    section = document.sections[0]
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.left_margin = section.right_margin = Pt(MARGIN_X)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(9)
    return frame_width(paper)


def _styles(document: Any, accent: str) -> None:
    """Word's own styles in the letterhead's colour and a sober font size."""
    from docx.shared import Pt, RGBColor

    colour = RGBColor.from_string(accent)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    if language() != "en":  # Word checks the spelling in the document's language
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        from desktop_app.i18n.numbers import LOCALES

        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LOCALES[language()].replace("_", "-"))
        normal.element.get_or_add_rPr().append(lang)
    for name, size in (("Heading 1", 16), ("Heading 2", 12.5), ("Heading 3", 11), ("Title", 24)):
        style = document.styles[name]
        style.font.color.rgb = colour if name != "Title" else RGBColor(0x1C, 0x28, 0x33)
        style.font.size = Pt(size)


def _header_footer(
    document: Any,
    *,
    title: str,
    label: str,
    footer: str,
    accent: str,
    width: float,
    logo: bytes | None = None,
    name: str = "",
) -> None:
    """Every page: the title (or the letterhead's logo or name) and the confidentiality label
    in the header; the footer's words and "Page X of Y"."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches, Pt, RGBColor

    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT)
    if logo is not None:
        try:
            header.add_run().add_picture(io.BytesIO(logo), height=Inches(HEADER_LOGO_HEIGHT))
        except Exception:  # a logo Word cannot take: its name instead
            logo = None
    if logo is None:
        lead = header.add_run(name or title)
        lead.font.size = Pt(8)
        lead.bold = bool(name)
    mark = header.add_run("\t" + label)
    mark.bold = True
    mark.font.size = Pt(8)
    mark.font.color.rgb = RGBColor.from_string(accent)
    foot = section.footer.paragraphs[0]
    foot.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT)
    # "Page X of Y", Word's fields where the sentence has its numbers (in any language).
    before, rest = _("Page {page} of {total}").split("{page}", 1)
    between, after = rest.split("{total}", 1)
    foot.add_run(footer + "\t" + before).font.size = Pt(8)
    _field(foot, "PAGE", "1")
    foot.add_run(between).font.size = Pt(8)
    _field(foot, "NUMPAGES", "1")
    if after:
        foot.add_run(after).font.size = Pt(8)


def _properties(document: Any, *, title: str, subject: str, author: str) -> None:
    """Whose document it is: never the tool, no user name, no template's words."""
    properties = document.core_properties
    when = _when()
    properties.author = author
    properties.last_modified_by = author
    properties.title = title
    properties.subject = subject
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.created = when
    properties.modified = when
    properties.revision = 1


def _logo_block(document: Any, logo: bytes | None, name: str, accent: str) -> None:
    """The letterhead at the head of the first page: the logo, or the name in its colour."""
    from docx.shared import Inches, Pt, RGBColor

    if logo is not None:
        try:
            document.add_picture(io.BytesIO(logo), height=Inches(LOGO_HEIGHT))
            return
        except Exception:  # a logo Word cannot take: the name instead
            pass
    if name:
        run = document.add_paragraph().add_run(name)
        run.bold = True
        run.font.size = Pt(14)
        run.font.color.rgb = RGBColor.from_string(accent)


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _accent(letterhead: Any) -> str:
    from desktop_app.reports.docx_markup import colour_hex

    return colour_hex(letterhead.text_colour) or "3B4249"


def render_brief_docx(
    case: Case, analysis: CaseAnalysis, *, paper: str = "a4", progress: Progress | None = None
) -> bytes:
    """The team brief as .docx bytes."""
    from desktop_app.reports.docx_charts import ChartPictures
    from desktop_app.reports.paper import frame_width

    def charts_done(share: float) -> None:
        if progress is not None:
            progress(0.6 * share)

    # The charts first: a forked child draws the later ones while this process imports
    # python-docx and the story's code and writes the document.
    with ChartPictures(case, analysis, frame_width(paper) / 72.0, charts_done) as pictures:
        from docx import Document

        document = Document()
        width = _page(document, paper)
        return _brief_body(case, analysis, document, width, paper, pictures, progress)


def _brief_body(
    case: Case,
    analysis: CaseAnalysis,
    document: Any,
    width: float,
    paper: str,
    pictures: Any,
    progress: Progress | None,
) -> bytes:
    from docx.shared import Pt, RGBColor

    from desktop_app.reports import styles
    from desktop_app.reports.brief import brief_pages, brief_story
    from desktop_app.reports.brief_base import BriefContext
    from desktop_app.reports.docx_render import StoryWriter, chart_slots
    from desktop_app.reports.letterhead import brief_letterhead
    from desktop_app.reports.template import frame_height, frame_width

    styles.setup()
    info = case.info
    letterhead = brief_letterhead(info)
    accent = _accent(letterhead)
    _styles(document, accent)
    ctx = BriefContext(
        case=case, analysis=analysis, width=frame_width(paper), height=frame_height(paper)
    )
    ctx.charts = chart_slots()
    story = brief_story(ctx)
    if progress is not None:
        progress(0.75)
    pages = brief_pages(info)
    _header_footer(
        document,
        title=pages.title,
        label=pages.label,
        footer=pages.footer,
        accent=accent,
        width=width,
    )
    _properties(document, title=pages.title, subject=pages.subject, author=pages.author)
    _logo_block(document, info.consultancy_logo, letterhead.name, accent)
    cover = document.add_paragraph()
    title = cover.add_run(_("Team brief"))
    title.bold = True
    title.font.size = Pt(22)
    title.font.color.rgb = RGBColor.from_string(accent)
    cover.add_run().add_break()
    cover.add_run(_("Negotiation preparation — for the team only")).font.size = Pt(10)
    writer = StoryWriter(document, width=width, accent=accent, pictures=pictures.get)
    writer.write(story)
    data = _save(document)
    if progress is not None:
        progress(0.97)
    return data


def proposal_docx(content: ProposalContent, *, paper: str = "a4") -> bytes:
    """The proposal as .docx bytes, from the allow-list (``ProposalContent``) and nothing else:
    like ``proposal.build_proposal``, it never receives the case or its analysis."""
    from docx import Document

    from desktop_app.reports import styles
    from desktop_app.reports.docx_render import StoryWriter
    from desktop_app.reports.proposal import (
        page_footer,
        page_title,
        proposal_story,
        proposal_subject,
    )
    from desktop_app.reports.template import frame_width

    styles.setup()
    document = Document()
    width = _page(document, paper)
    letterhead = content.letterhead
    accent = _accent(letterhead)
    _styles(document, accent)
    reference = styles.clip(content.reference, 80)
    _header_footer(
        document,
        title=styles.clip(page_title(content.title, reference), 200),
        label=_("Confidential"),
        footer=styles.clip(page_footer(content.client, content.counterpart), 160),
        accent=accent,
        width=width,
        logo=content.logo,
        name=styles.clip(letterhead.name or _("Proposal"), 70),
    )
    _properties(
        document,
        title=styles.clip(content.title, 200),
        subject=styles.clip(proposal_subject(content.counterpart), 200),
        author=styles.clip(content.client, 200),
    )
    writer = StoryWriter(document, width=width, accent=accent, pictures=lambda _key: None)
    writer.write(proposal_story(content, frame_width(paper)))
    return _save(document)


def render_docx(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    kind: str = "brief",
    paper: str = "a4",
    progress: Progress | None = None,
    ways_to_agree: bool = True,
) -> bytes:
    """The brief or the proposal as .docx bytes; the proposal presents the analysis's offers
    of equal value to us as ways to agree, like the PDF, unless ``ways_to_agree`` is False."""
    if kind not in KINDS:
        raise ValueError(f"kind must be 'brief' or 'proposal', not {kind!r}")
    if paper not in PAPERS:
        raise ValueError(f"paper must be 'a4' or 'letter', not {paper!r}")
    if kind == "proposal":
        from desktop_app.reports.export import with_ways
        from desktop_app.reports.proposal import proposal_content

        content = proposal_content(case)
        if ways_to_agree and analysis is not None:
            content = with_ways(content, analysis)
        return proposal_docx(content, paper=paper)
    if analysis is None:
        raise ValueError("the team brief needs the case's analysis")
    return render_brief_docx(case, analysis, paper=paper, progress=progress)


def export_docx(
    case: Case,
    analysis: CaseAnalysis | None,
    path: str | os.PathLike[str],
    *,
    kind: str = "brief",
    paper: str = "a4",
    progress: Progress | None = None,
    ways_to_agree: bool = True,
) -> None:
    """Write the brief or the proposal as .docx to ``path``, atomically and owner-only.
    Raises ``ValueError`` for a bad kind or paper, ``OSError`` when it cannot be written
    (``path`` is then left as it was). ``progress`` gets fractions 0–1 and may raise to
    cancel."""
    data = render_docx(
        case, analysis, kind=kind, paper=paper, progress=progress, ways_to_agree=ways_to_agree
    )
    target = Path(path)
    clean_leftovers(target.parent)
    replace_owner_only(target, data)
    if progress is not None:
        progress(1.0)


__all__ = ["Picture", "export_docx", "render_docx"]
