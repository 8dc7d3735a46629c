"""The confidential team brief (SPEC §4, §11): cover; executive summary — the game plan, on
one page or two; parties and interests; their alternatives; ours; risk; margin and walk-away;
the trading plan; the proposal; talking points; intelligence to gather; the offer history
(when offers are logged); appendix of assumptions and method."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.domain.model import Case, CaseInfo
from desktop_app.i18n import _
from desktop_app.reports import styles
from desktop_app.reports.brief_actions import (
    appendix,
    complete_lists,
    intelligence_section,
    proposal_section,
    talking_points_section,
)
from desktop_app.reports.brief_base import BriefContext
from desktop_app.reports.brief_charts import CHART_SHARE, chart_flowables, chart_set
from desktop_app.reports.brief_cover import cover, cover_furniture
from desktop_app.reports.brief_deal import trading_plan_section
from desktop_app.reports.brief_numbers import margin_section, risk_section
from desktop_app.reports.brief_sections import (
    our_alternatives_section,
    parties_section,
    their_alternatives_section,
)
from desktop_app.reports.brief_summary import executive_summary
from desktop_app.reports.brief_talks import talks_section
from desktop_app.reports.letterhead import brief_letterhead
from desktop_app.reports.render import ChartSet
from desktop_app.reports.template import (
    NumberedCanvas,
    PageText,
    ReportDocument,
    frame_height,
    frame_width,
)

Progress = Callable[[float], None]


def brief_story(ctx: BriefContext) -> list[Flowable]:
    """The brief's flowables. Where a new page starts: the cover, the executive summary and the
    appendices each begin one — the summary is read (and handed on) as a page of its own, the
    appendices are reference kept apart from the argument. Every other section follows on the
    page before when there is room to start it there (``blocks.section``), so no page is left
    half empty."""
    story: list[Flowable] = []
    story += cover(ctx)
    story.append(PageBreak())
    story += executive_summary(ctx)
    story.append(PageBreak())
    sections = (
        parties_section,
        their_alternatives_section,
        our_alternatives_section,
        risk_section,
        margin_section,
        trading_plan_section,
        proposal_section,
        talking_points_section,
        intelligence_section,
        # Last, so a case without offers (no section) keeps the numbers of the others.
        talks_section,
    )
    for number, section in enumerate(sections, start=2):
        story += section(ctx, number)
    story.append(PageBreak())
    story += appendix(ctx)
    if ctx.full_lists:
        story.append(PageBreak())
        story += complete_lists(ctx)
    return story


@dataclass(frozen=True)
class BriefPages:
    """What every page of the brief says and whose document it is, in the PDF and in Word."""

    title: str
    label: str
    footer: str
    subject: str
    author: str


def brief_pages(info: CaseInfo) -> BriefPages:
    footer = " · ".join(
        part
        for part in (
            _("Team brief"),
            info.client and _("prepared for {client}").format(client=info.client),
            _("confidential, do not forward"),
        )
        if part
    )
    return BriefPages(
        title=styles.clip(info.title, 200),
        label=_("Confidential"),
        footer=styles.clip(footer, 160),
        subject=_("Confidential team brief"),
        # The consultancy's document: its name, else its consultant's (never the tool's).
        author=styles.clip(info.consultancy.strip() or info.consultant.strip(), 200),
    )


def build_brief(
    case: Case,
    analysis: CaseAnalysis,
    target: Any,
    *,
    paper: str = "a4",
    invariant: bool = False,
    progress: Progress | None = None,
    charts: ChartSet | None = None,
) -> None:
    """Write the team brief of ``case`` to ``target`` (a path or a binary file). ``charts`` is
    an entered ``brief_charts.chart_set`` (one is made here when it is not given)."""
    if charts is None:
        with chart_set(case, analysis, paper, progress) as chart_set_here:
            build_brief(
                case,
                analysis,
                target,
                paper=paper,
                invariant=invariant,
                progress=progress,
                charts=chart_set_here,
            )
        return
    styles.setup()
    info = case.info
    ctx = BriefContext(
        case=case,
        analysis=analysis,
        width=frame_width(paper),
        height=frame_height(paper),
    )
    expected_pages = 14 + len(case.risks) // 18 + len(case.parties) // 12

    def page_done(page: int) -> None:
        if progress is not None:
            share = min(page / expected_pages, 1.0)
            progress(CHART_SHARE + (0.97 - CHART_SHARE) * share)

    pages = brief_pages(info)
    letterhead = brief_letterhead(info)
    doc = ReportDocument(
        target,
        paper=paper,
        page=PageText(
            title=pages.title,
            label=pages.label,
            footer=pages.footer,
            label_colour=letterhead.text_colour,
        ),
        title=pages.title,
        subject=pages.subject,
        invariant=invariant,
        author=pages.author,
        first_page=cover_furniture(letterhead),
        progress=page_done,
    )
    ctx.charts = chart_flowables(charts)
    doc.build(brief_story(ctx), canvasmaker=NumberedCanvas)
