"""The executive summary's game plan laid out in the brief (the plan itself is
``analysis.game_plan``: this module only draws it): the price ladder, their strongest threats
with our answers, the red lines, who leads, the questions to ask and what is still to complete,
on one page or two (``two_pages``)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Spacer, Table

from desktop_app.analysis.game_plan import GamePlan, RungKey
from desktop_app.analysis.team import Person
from desktop_app.analysis.threats import Threat
from desktop_app.i18n import N_, _, ngettext
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import BriefContext, fit_widths
from desktop_app.reports.formats import plain_number

#: Longest user text (a name, a role, a need) the summary prints.
NAME_LIMIT = 90
#: Open readiness items listed (the appendix has them all).
TODO_SHOWN = 6

#: Whose price each rung is, in the colours of the zone chart: theirs, ours, the fair middle.
RUNG_COLOURS: dict[RungKey, Color] = {
    "their_walk_away": styles.THEIR_WALK_AWAY,
    "proposal_price": styles.OURS,
    "fair_price": styles.GREEN,
    "our_walk_away": styles.OUR_WALK_AWAY,
    "demand_price": styles.THEIRS,
}
_GREY = styles.GREY_DARK_HEX

#: Tighter rows for the summary's tables.
_COMPACT = (
    ("TOPPADDING", (0, 1), (-1, -1), 2.4),
    ("BOTTOMPADDING", (0, 1), (-1, -1), 2.8),
)


def _grey(markup: str) -> str:
    return f"<font color='{_GREY}'>{markup}</font>"


# --- the parts ---------------------------------------------------------------------------------


def ladder(ctx: BriefContext, plan: GamePlan) -> list[Flowable]:
    fmt, w = ctx.fmt, ctx.width
    rows = []
    bars: list[tuple[object, ...]] = []
    for n, rung in enumerate(plan.ladder, start=1):
        colour = RUNG_COLOURS[rung.key]
        rows.append(
            [
                blocks.mcell(
                    f"<font color='{colour.hexval().replace('0x', '#')}'><b>"
                    f"{styles.text(rung.step)}</b></font>"
                ),
                blocks.cell(rung.label),
                blocks.num(fmt.price(rung.price), bold=True),
                blocks.cell(rung.meaning, limit=400),
            ]
        )
        bars.append(("LINEBEFORE", (0, n), (0, n), 3, colour))
    headers = ["", _("Figure"), _("Price"), _("What it means on the day")]
    flow: list[Flowable] = [
        blocks.subheading(_("The price ladder"), outline=False),
        blocks.para(
            _(
                "First-year prices per unit, highest first: where we open, where we aim to "
                "close, and the limits on both sides."
            ),
            styles.NOTE,
        ),
        Spacer(1, 3),
        blocks.data_table(
            headers,
            rows,
            fit_widths(
                [w * 0.14, w * 0.2, w * 0.13, w * 0.53],
                headers,
                words={0: [rung.step for rung in plan.ladder]},
            ),
            numeric_columns=(2,),
            extra=(*_COMPACT, *bars),
        ),
    ]
    chart = ctx.charts.get("zopa_small")
    if chart is not None:
        flow.append(chart)
    if plan.package:
        flow.append(
            blocks.para(
                _("<b>We put on the table:</b> {package}").format(
                    package=styles.text(plan.package)
                ),
                styles.SMALL,
            )
        )
    return flow


#: What a threat that beats our proposal means, by the view it is weighed on.
BEATS_US = {
    "price": N_("It beats our proposal for them on price: the answer must change their mind."),
    "value": N_("It beats our proposal for them on value: the answer must change their mind."),
}


def _threat_cell(threat: Threat) -> object:
    facts = " · ".join(threat.facts)
    markup = f"<b>{styles.text(threat.name, NAME_LIMIT)}</b>"
    if facts:
        markup += f"<br/>{_grey(styles.text(facts))}"
    if threat.beats_us:
        beats = (
            _(BEATS_US[threat.view])
            if threat.view in BEATS_US
            else _(
                "It beats our proposal for them on {view}: the answer must change their mind."
            ).format(view=threat.view)
        )
        markup += f"<br/><font color='{styles.RED_HEX}'><b>{styles.text(beats)}</b></font>"
    return blocks.mcell(markup)


def _answer_cell(threat: Threat) -> object:
    if not threat.answer:
        none_yet = styles.text(_("No answer yet: write its talking point."))
        return blocks.mcell(f"<i>{none_yet}</i>")
    markup = styles.text(threat.answer)
    if threat.answer_status == "changed":
        changed = _("The numbers under this answer changed since it was written: check it.")
        markup += f"<br/><font color='{styles.AMBER_HEX}' size='7'>{styles.text(changed)}</font>"
    elif threat.answer_status == "generated":
        generated = styles.text(_("From the numbers; not yet reviewed."))
        markup += "<br/>" + _grey(f"<font size='7'>{generated}</font>")
    return blocks.mcell(markup)


def threats(ctx: BriefContext, plan: GamePlan) -> list[Flowable]:
    shown = plan.threats.shown
    if len(shown) == 1:
        title = _("Their strongest threat, and our answer")
    elif len(shown) == 2:
        title = _("Their two strongest threats, and our answers")
    elif len(shown) == 3:
        title = _("Their three strongest threats, and our answers")
    elif shown:
        title = _("Their {count} strongest threats, and our answers").format(count=len(shown))
    else:
        title = _("Their strongest threats, and our answers")
    flow: list[Flowable] = [blocks.subheading(title, outline=False)]
    if not shown:
        flow.append(
            blocks.para(
                _(
                    "No alternative of theirs that can be carried out is listed yet: list what "
                    "they can do without us."
                ),
                styles.SMALL,
            )
        )
        return flow
    flow.append(blocks.para(styles.text(plan.threats.why), styles.NOTE))
    w = ctx.width
    rows = [
        [blocks.cell(str(n), styles.CELL_BOLD), _threat_cell(t), _answer_cell(t)]
        for n, t in enumerate(shown, start=1)
    ]
    flow += [
        Spacer(1, 3),
        blocks.data_table(
            ["#", _("They may say they will…"), _("Our answer")],
            rows,
            [w * 0.05, w * 0.42, w * 0.53],
            extra=_COMPACT,
        ),
    ]
    rest = plan.threats.considered - len(shown)
    if rest > 0:
        flow.append(
            blocks.para(
                ngettext(
                    "{count} more alternative of theirs, each with its answer, in the talking "
                    "points.",
                    "{count} more alternatives of theirs, each with its answer, in the talking "
                    "points.",
                    rest,
                ).format(count=plain_number(rest)),
                styles.NOTE,
            )
        )
    return flow


def red_lines(ctx: BriefContext, plan: GamePlan) -> list[Flowable]:
    if not plan.red_lines:
        return []
    w = ctx.width
    rows = [
        [
            blocks.cell(line.topic, styles.CELL_BOLD),
            blocks.mcell(f"<b>{styles.text(line.line)}</b>"),
            blocks.cell(line.why, styles.CELL),
        ]
        for line in plan.red_lines
    ]
    headers = ["", _("We do not go beyond"), _("Why")]
    return [
        blocks.subheading(_("Red lines"), outline=False),
        blocks.data_table(
            headers,
            rows,
            fit_widths(
                [w * 0.13, w * 0.31, w * 0.56],
                headers,
                words={0: [line.topic for line in plan.red_lines]},
            ),
            extra=_COMPACT,
        ),
    ]


def _person(person: Person, *, theirs: bool) -> Paragraph:
    head = f"<b>{styles.text(person.name, NAME_LIMIT)}</b> — {styles.text(person.part_words)}"
    lines = [head]
    if person.role.strip():
        lines.append(_grey(styles.text(person.role, NAME_LIMIT)))
    if theirs:
        lines.append(
            _("Influence {influence} of 5, {stance}: <b>{action}</b>").format(
                influence=person.influence,
                stance=styles.text(person.stance_words),
                action=styles.text(person.action or ""),
            )
        )
    if person.needs:
        addresses = styles.text(_("✓ our proposal addresses it"))
        mark = f" <font color='{styles.GREEN_HEX}'>{addresses}</font>"
        lines.append(
            _grey(_("Needs: {needs}").format(needs=styles.text(person.needs, NAME_LIMIT)))
            + (mark if theirs and person.addressed else "")
        )
    return Paragraph("<br/>".join(lines), styles.CELL)


def who_leads(ctx: BriefContext, plan: GamePlan) -> list[Flowable]:
    team = plan.team
    if not team.ours and not team.theirs:
        return [
            blocks.subheading(_("Who leads"), outline=False),
            blocks.para(_("No parties yet: name our team and theirs."), styles.SMALL),
        ]
    ours: list[Flowable] = [_person(p, theirs=False) for p in team.ours]
    theirs: list[Flowable] = [_person(p, theirs=True) for p in team.theirs]
    if not team.lead_named and team.ours:
        ours.append(
            blocks.para(
                _(
                    "No role of ours says who leads the talks: the most influential is shown. "
                    "Name the lead negotiator."
                ),
                styles.NOTE,
            )
        )
    for column, more in ((ours, team.ours_more), (theirs, team.theirs_more)):
        if more:
            words = ngettext("{count} more in section 2.", "{count} more in section 2.", more)
            column.append(blocks.para(words.format(count=plain_number(more)), styles.NOTE))
    if not ours:
        ours = [blocks.para(_("Nobody of ours is entered yet."), styles.SMALL)]
    if not theirs:
        theirs = [blocks.para(_("Nobody of theirs is entered yet."), styles.SMALL)]
    spaced_ours = _spaced(ours)
    spaced_theirs = _spaced(theirs)
    half = ctx.width / 2
    table = Table(
        [
            [
                blocks.head(_("Our team")),
                blocks.head(_("Their side: who decides, who influences")),
            ],
            [spaced_ours, spaced_theirs],
        ],
        colWidths=[half, half],
        hAlign="LEFT",
    )
    table.setStyle(styles.house_style(styles.table_style(2, zebra=False)))
    return [blocks.subheading(_("Who leads"), outline=False), table]


def _spaced(items: Sequence[Flowable]) -> list[Flowable]:
    out: list[Flowable] = []
    for n, item in enumerate(items):
        if n:
            out.append(Spacer(1, 4))
        out.append(item)
    return out


def questions(ctx: BriefContext, plan: GamePlan) -> list[Flowable]:
    flow: list[Flowable] = [blocks.subheading(_("Questions to ask"), outline=False)]
    if not plan.questions:
        flow.append(
            blocks.para(
                _("Nothing about them moves the zone yet: no question stands out."),
                styles.SMALL,
            )
        )
        return flow
    flow.append(
        blocks.para(
            _(
                "What we know least and matters most: the assumptions about them that move the "
                "zone most. Their answers tell us where their walk-away really is."
            ),
            styles.NOTE,
        )
    )
    w = ctx.width
    rows = [
        [
            blocks.cell(str(n), styles.CELL_BOLD),
            blocks.mcell(f"<b>{styles.text(q.text, 300)}</b><br/>{_grey(styles.text(q.why, 300))}"),
        ]
        for n, q in enumerate(plan.questions, start=1)
    ]
    flow += [
        Spacer(1, 3),
        blocks.data_table(["#", _("Ask")], rows, [w * 0.05, w * 0.95], extra=_COMPACT),
    ]
    return flow


def still_to_complete(plan: GamePlan) -> list[Flowable]:
    flow: list[Flowable] = [blocks.subheading(_("Still to complete"), outline=False)]
    if not plan.to_complete:
        flow.append(
            blocks.para(
                _(
                    "Nothing: all {total} points of the preparation checklist are done (the "
                    "appendix on assumptions and method lists them)."
                ).format(total=plan.checks_total),
                styles.SMALL,
            )
        )
        return flow
    items = [
        f"<font color='{styles.RED_HEX}'>✗</font> <b>{styles.text(todo.label)}</b> — "
        f"{styles.text(todo.todo, 300)}"
        for todo in plan.to_complete[:TODO_SHOWN]
    ]
    flow += [blocks.para(item, styles.SMALL) for item in items]
    rest = len(plan.to_complete) - TODO_SHOWN
    if rest > 0:
        flow.append(
            blocks.para(
                _(
                    "… and {count} more: the preparation checklist, in the appendix on "
                    "assumptions and method, lists every point."
                ).format(count=rest),
                styles.NOTE,
            )
        )
    return flow


# --- two pages at most -------------------------------------------------------------------------


def height_of(flowable: Flowable, width: float, room: float) -> float:
    _, height = flowable.wrap(width, room)
    return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(getattr(getattr(flowable, "style", None), "keepWithNext", 0))


def two_pages(
    flow: Sequence[Flowable], width: float, first: float, second: float
) -> list[Flowable]:
    """``flow`` on the rest of this page (``first`` points high) and, when it runs over, one
    more page (``second`` points high): the first page is filled as the flow goes, splitting a
    table or paragraph that straddles it (a heading never ends a page); whatever runs over is
    shrunk to fit the second page if it must."""
    queue = list(flow)
    page: list[Flowable] = []
    used = 0.0
    while queue:
        item = queue[0]
        height = height_of(item, width, first)
        follower = queue[1] if _keeps_with_next(item) and len(queue) > 1 else None
        need = height + (height_of(follower, width, first) if follower is not None else 0.0)
        if used + need <= first:
            page.append(queue.pop(0))
            used += height
            continue
        room = first - used - (height if follower is not None else 0.0)
        target = follower if follower is not None else item
        parts = target.split(width, room) if room > 24 else []
        if len(parts) > 1 and height_of(parts[0], width, room) <= room:
            if follower is not None:
                page.append(queue.pop(0))
            page.append(parts[0])
            queue[0:1] = parts[1:]
        break
    story: list[Flowable] = [KeepInFrame(width, first, page, mode="shrink")]
    if queue:
        story += [PageBreak(), KeepInFrame(width, second, queue, mode="shrink")]
    return story


__all__ = [
    "height_of",
    "ladder",
    "questions",
    "red_lines",
    "still_to_complete",
    "threats",
    "two_pages",
    "who_leads",
]
