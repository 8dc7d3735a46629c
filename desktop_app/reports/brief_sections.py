"""The team brief's context sections: parties and interests, their alternatives, ours."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from desktop_app.domain.model import Alternative, Party
from desktop_app.domain.schema import stance_label
from desktop_app.i18n import N_, _
from desktop_app.reports import blocks, styles
from desktop_app.reports.brief_base import (
    BriefContext,
    fit_widths,
    left_out_sentence,
    leverage_sentence,
    money_batna_sentence,
    quoted,
    their_order,
    value_batna_sentence,
)

#: The words of this module's tables are English, marked: shown with ``_``.
SIDE_TITLES = {"ours": N_("Our side"), "theirs": N_("Their side"), "third": N_("Third parties")}
#: The parties of a side, as counted in a sentence ("the 10 parties on their side …").
SIDE_PARTIES = {
    "ours": N_("parties on our side"),
    "theirs": N_("parties on their side"),
    "third": N_("third parties"),
}
#: A side's complete list in the appendix.
SIDE_LISTS = {
    "ours": N_("Parties: our side"),
    "theirs": N_("Parties: their side"),
    "third": N_("Parties: third parties"),
}


# --- parties and interests -------------------------------------------------------------------


def _party_rows(ctx: BriefContext, parties: Sequence[Party]) -> list[list[Any]]:
    addressed = set(ctx.case.proposal.addresses_interests)
    rows = []
    addressed_mark = f" <font color='{styles.GREEN_HEX}'>✓&nbsp;" + styles.text(_("addressed"))
    for party in parties:
        who = f"<b>{styles.text(party.name)}</b>"
        if party.role.strip():
            who += f"<br/><font color='{styles.GREY_DARK_HEX}'>{styles.text(party.role)}</font>"
        interests = []
        for interest in sorted(party.interests, key=lambda i: -i.priority):
            mark = addressed_mark + "</font>" if interest.id in addressed else ""
            interests.append(
                f"•&nbsp;{styles.text(interest.text)} "
                f"<font color='{styles.GREY_DARK_HEX}'>(P{interest.priority})</font>{mark}"
            )
        rows.append(
            [
                blocks.mcell(who),
                blocks.cell(
                    _("{influence} of 5").format(influence=party.influence), styles.CELL_CENTER
                ),
                blocks.cell(stance_label(party.stance), styles.CELL_CENTER),
                blocks.mcell("<br/>".join(interests) or "—"),
                blocks.cell(party.notes or "—", styles.CELL_SMALL),
            ]
        )
    return rows


def _note(listed: blocks.Shortlist[Any]) -> list[Flowable]:
    note = listed.note()
    return [] if note is None else [note]


def _party_table(ctx: BriefContext, parties: Sequence[Party]) -> Flowable:
    w = ctx.width
    headers = [
        _("Party and role"),
        _("Influence"),
        _("Stance"),
        _("What they need (priority)"),
        _("Notes"),
    ]
    # A stance's word whole ("unterstützend"): its column borrows from the wide ones.
    stances = [stance_label(party.stance) for party in parties]
    widths = fit_widths(
        [w * 0.21, w * 0.1, w * 0.11, w * 0.33, w * 0.25], headers, words={2: stances}
    )
    return blocks.data_table(headers, _party_rows(ctx, parties), widths)


def parties_section(ctx: BriefContext, number: int) -> list[Flowable]:
    info = ctx.case.info
    story = blocks.section(
        number,
        _("Parties and interests"),
        _(
            "Who sits at or behind the table, how much each one weighs, and what each of them "
            "actually needs."
        ),
    )
    if info.subject.strip() or info.notes.strip():
        story.append(blocks.subheading(_("Background")))
        if info.subject.strip():
            story += blocks.user_paragraphs(info.subject, styles.LEAD)
        if info.notes.strip():
            story += blocks.user_paragraphs(info.notes)
    chart = ctx.charts.get("stakeholders")
    if chart is not None:
        story += blocks.figure(
            chart,
            _(
                "Influence against stance. Win over the influential sceptics; keep the "
                "influential supporters close."
            ),
        )
    for side in ("ours", "theirs", "third"):
        parties = sorted(
            (p for p in ctx.case.parties if p.side == side), key=lambda p: -p.influence
        )
        if not parties:
            continue
        listed = ctx.shortlist(
            parties,
            what=_(SIDE_PARTIES[side]),
            ranking=_("with the most influence"),
            title=_(SIDE_LISTS[side]),
            table=lambda rows: [_party_table(ctx, rows)],
        )
        story.append(blocks.subheading(_(SIDE_TITLES[side])))
        story.append(_party_table(ctx, listed.shown))
        story += _note(listed)
    if not ctx.case.parties:
        story.append(blocks.para(_("No parties have been entered yet."), styles.SMALL))
    return story


# --- alternatives ----------------------------------------------------------------------------


def _expected(ctx: BriefContext, side: str, alt: Alternative) -> str | None:
    """ "EV 46.4": an alternative's expected value to ``side`` (None when it has none)."""
    option = ctx.option(side, alt.id)
    if option is None:
        return None
    return _("EV {value}").format(value=ctx.fmt.points(option.expected_value))


def _value_lines(ctx: BriefContext, side: str, alternatives: Sequence[Alternative]) -> list[str]:
    """The value column's second lines, kept whole when the column's width is fitted."""
    return [e for a in alternatives if (e := _expected(ctx, side, a)) is not None]


def _value_cell(ctx: BriefContext, side: str, alt: Alternative) -> Any:
    option = ctx.option(side, alt.id)
    if option is None:
        return blocks.num("—")
    expected = styles.text(_expected(ctx, side, alt))
    return blocks.mcell(
        f"{styles.text(ctx.fmt.points(option.value))}<br/>"
        f"<font color='{styles.GREY_DARK_HEX}'>{expected}</font>",
        styles.CELL_NUM,
    )


def _name_cell(alt: Alternative, tags: list[str]) -> Any:
    markup = f"<b>{styles.text(alt.name or alt.id)}</b>"
    for tag in tags:
        markup += f"<br/><font color='{styles.THEIRS_HEX}'><b>{styles.text(tag)}</b></font>"
    if alt.description.strip():
        markup += (
            f"<br/><font color='{styles.GREY_DARK_HEX}' size='7'>"
            f"{styles.text(alt.description)}</font>"
        )
    return blocks.mcell(markup)


def _their_rows(ctx: BriefContext, alternatives: Sequence[Alternative]) -> list[list[Any]]:
    fmt = ctx.fmt
    money_batna = ctx.zopa.their_batna_alternative
    value_batna = ctx.analysis.value.theirs.batna_alternative
    left_out = set(ctx.zopa.left_out) | set(ctx.analysis.value.theirs.left_out)
    rows = []
    for alt in alternatives:
        tags = []
        if alt.id == money_batna:
            tags.append(_("money BATNA"))
        if alt.id == value_batna:
            tags.append(_("value BATNA"))
        if alt.id in left_out:
            tags.append(_("left out: feasibility 0"))
        row = ctx.cost_row(alt.id)
        if row is not None and row.cost_per_unit is not None:
            average = _("avg. {price}").format(price=fmt.price(row.cost_per_unit))
            cost = blocks.mcell(
                f"<b>{styles.text(fmt.price(row.effective_price))}</b><br/>"
                f"<font color='{styles.GREY_DARK_HEX}'>{styles.text(average)}</font>",
                styles.CELL_NUM,
            )
        elif alt.unit_price is not None:
            cost = blocks.num(_("{price} quoted").format(price=fmt.price(alt.unit_price)))
        else:
            cost = blocks.cell(_("no price"), styles.CELL_SMALL)
        rows.append(
            [
                _name_cell(alt, tags),
                blocks.num(fmt.share(alt.feasibility, 0)),
                cost,
                _value_cell(ctx, "theirs", alt),
                blocks.mcell(blocks.listing(alt.pros) or "—"),
                blocks.mcell(blocks.listing(alt.cons) or "—"),
            ]
        )
    return rows


def _their_table(ctx: BriefContext, alternatives: Sequence[Alternative]) -> Flowable:
    w = ctx.width
    headers = [
        _("Alternative"),
        _("Feasible"),
        _("Effective cost"),
        _("Value (pts)"),
        _("Pros"),
        _("Cons"),
    ]
    widths = fit_widths(
        [w * 0.2, w * 0.092, w * 0.133, w * 0.085, w * 0.245, w * 0.245],
        headers,
        whole={3: _value_lines(ctx, "theirs", alternatives)},
    )
    return blocks.data_table(
        headers, _their_rows(ctx, alternatives), widths, numeric_columns=(1, 2, 3)
    )


def their_alternatives_section(ctx: BriefContext, number: int) -> list[Flowable]:
    counterpart = styles.text(ctx.counterpart)
    story = blocks.section(
        number,
        _("Their alternatives"),
        _(
            "What {counterpart} can do if the talks fail, what each way would really cost "
            "them, and what each is worth to them."
        ).format(counterpart=counterpart),
    )
    alternatives = their_order(ctx, ctx.case.alternatives_of("theirs"))
    batnas = [
        s
        for s in (
            money_batna_sentence(ctx),
            value_batna_sentence(ctx),
            left_out_sentence(ctx, "theirs"),
        )
        if s
    ]
    if batnas:
        story.append(
            blocks.callout(
                "<br/>".join(styles.text(s) for s in batnas),
                colour=styles.THEIRS,
                background=styles.ZEBRA,
                width=ctx.width,
            )
        )
        story.append(blocks.gap(3))
    if not alternatives:
        story.append(
            blocks.para(_("No alternatives of theirs have been entered yet."), styles.SMALL)
        )
        return story
    chart = ctx.charts.get("alternatives")
    if chart is not None:
        story += blocks.figure(
            chart,
            _(
                "Each alternative's effective price against our proposal's price and our "
                "walk-away. Everything right of our proposal costs them more than dealing with "
                "us."
            ),
        )
    listed = ctx.shortlist(
        alternatives,
        what=_("alternatives of theirs"),
        ranking=_("that would cost them least (they will raise these first)"),
        title=_("Their alternatives"),
        table=lambda rows: [_their_table(ctx, rows)],
    )
    story.append(_their_table(ctx, listed.shown))
    story += _note(listed)
    story.append(
        blocks.para(
            _(
                "Effective cost: what the alternative costs them over our proposal's contract — "
                "the quoted price plus switching cost plus the expected cost of failure — as the "
                "first-year price on our price path that would cost them as much (bold), and as "
                "an average per unit. Value: points 0–100 on their criteria; EV counts the risk "
                "that it cannot be carried out."
            ),
            styles.NOTE,
        )
    )
    return story


def _our_tags(alt: Alternative, batna: str | None, left_out: tuple[str, ...]) -> list[str]:
    if alt.id == batna:
        return [_("our value BATNA")]
    return [_("left out: feasibility 0")] if alt.id in left_out else []


def our_alternatives_section(ctx: BriefContext, number: int) -> list[Flowable]:
    story = blocks.section(
        number,
        _("Our alternatives"),
        _("What we can do without this deal: the floor under our own position."),
    )
    alternatives = sorted(
        ctx.case.alternatives_of("ours"),
        key=lambda a: -(o.expected_value if (o := ctx.option("ours", a.id)) else 0.0),
    )
    side = ctx.analysis.value.ours
    sentences = []
    if side.available and side.batna_alternative is not None:
        fmt = ctx.fmt
        sentences.append(
            _(
                "Our value BATNA is {name}: worth {value} points to us once its risk is counted, "
                "against {proposal} for our proposal (gain {gain})."
            ).format(
                name=quoted(ctx.name(side.batna_alternative)),
                value=fmt.points(side.batna_value),
                proposal=fmt.points(side.proposal_value),
                gain=fmt.points(side.gain, sign=True),
            )
        )
    sentences.append(leverage_sentence(ctx))
    left_out = left_out_sentence(ctx, "ours")
    if left_out is not None:
        sentences.append(left_out)
    story.append(
        blocks.callout(
            "<br/>".join(styles.text(s) for s in sentences),
            colour=styles.OURS,
            background=styles.ZEBRA,
            width=ctx.width,
        )
    )
    story.append(blocks.gap(3))
    if not alternatives:
        story.append(blocks.para(_("No alternatives of ours have been entered yet."), styles.SMALL))
        return story
    listed = ctx.shortlist(
        alternatives,
        what=_("alternatives of ours"),
        ranking=_("worth most to us (expected value)"),
        title=_("Our alternatives"),
        table=lambda rows: [_our_table(ctx, rows)],
    )
    story.append(_our_table(ctx, listed.shown))
    story += _note(listed)
    return story


def _our_table(ctx: BriefContext, alternatives: Sequence[Alternative]) -> Flowable:
    side = ctx.analysis.value.ours
    w = ctx.width
    rows = [
        [
            _name_cell(alt, _our_tags(alt, side.batna_alternative, side.left_out)),
            blocks.num(ctx.fmt.share(alt.feasibility, 0)),
            _value_cell(ctx, "ours", alt),
            blocks.mcell(blocks.listing(alt.pros) or "—"),
            blocks.mcell(blocks.listing(alt.cons) or "—"),
        ]
        for alt in alternatives
    ]
    headers = [_("Alternative"), _("Feasible"), _("Value (pts)"), _("Pros"), _("Cons")]
    widths = fit_widths(
        [w * 0.26, w * 0.09, w * 0.11, w * 0.27, w * 0.27],
        headers,
        whole={2: _value_lines(ctx, "ours", alternatives)},
    )
    return blocks.data_table(headers, rows, widths, numeric_columns=(1, 2))
