"""The game plan in the ``analyze`` text report: the same plan as the brief's executive summary
(``analysis.game_plan``), laid out as plain text."""

from __future__ import annotations

import re
import textwrap

from desktop_app.analysis.game_plan import GamePlan, game_plan
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.analysis.team import Person
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, language, ngettext, numbers
from desktop_app.reports.formats import Fmt

#: Text lines wrap at this width.
WIDTH = 100
#: Open readiness items listed (the readiness section lists them all).
TODO_SHOWN = 6


#: A currency code before an amount: kept on the amount's line.
_AMOUNT = re.compile(r"\b([A-Z]{3}) (?=[−-]?\d)")
#: An amount before its currency (German "455,00 €", "4,5 Mio. €", "12,5 %"): kept together.
_AMOUNT_BEFORE = re.compile(r"(\d|Mio\.|Mrd\.|Tsd\.) (?=[€$£¥%]|[A-Z]{3}\b)")
#: Why a threat beats our proposal for them, whole for each view.
BEATS_US = {
    "price": N_("It beats our proposal for them on price."),
    "value": N_("It beats our proposal for them on value."),
}


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """``text`` wrapped at ``WIDTH``; a currency code never wraps away from its amount."""
    glued = _AMOUNT.sub("\\1\u00a0", text)
    if language() != "en":
        glued = _AMOUNT_BEFORE.sub("\\1\u00a0", glued)
    lines = textwrap.wrap(
        glued, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    return [line.replace("\u00a0", " ") for line in lines] or [first.rstrip()]


def _ladder(plan: GamePlan, fmt: Fmt) -> list[str]:
    lines = ["", "  " + _("The price ladder (first-year prices per unit, highest first)")]
    steps = max((len(r.step) for r in plan.ladder), default=0)
    labels = max((len(r.label) for r in plan.ladder), default=0)
    prices = max((len(fmt.price(r.price)) for r in plan.ladder), default=0)
    for rung in plan.ladder:
        head = (
            f"    {rung.step.ljust(steps)}  {rung.label.ljust(labels)}  "
            f"{fmt.price(rung.price).rjust(prices)}  "
        )
        lines += _wrap(rung.meaning, head, " " * len(head))
    if plan.package:
        lines += _wrap(plan.package, "    " + _("We put on the table:") + " ", " " * 6)
    return lines


def _threats(plan: GamePlan) -> list[str]:
    shown = plan.threats.shown
    lines = ["", "  " + _("Their strongest threats, and our answers")]
    if not shown:
        return [
            *lines,
            "    " + _("No alternative of theirs that can be carried out is listed yet."),
        ]
    lines += _wrap(plan.threats.why, "    ", "    ")
    for n, threat in enumerate(shown, start=1):
        lines.append(f"    {n}. {threat.name}")
        lines += _wrap(" · ".join(threat.facts), "       ", "       ")
        if threat.beats_us and threat.view is not None:
            lines.append("       " + _(BEATS_US[threat.view]))
        answer = threat.answer or _("No answer yet: write its talking point.")
        head = "       " + _("Answer:") + " "
        lines += _wrap(answer, head, " " * len(head))
        if threat.answer_status == "changed":
            lines.append("       " + _("(the numbers under this answer changed since: check it)"))
    rest = plan.threats.considered - len(shown)
    if rest > 0:
        lines.append(
            "    "
            + ngettext(
                "… and {count} more alternatives of theirs.",
                "… and {count} more alternatives of theirs.",
                rest,
            ).format(count=numbers.grouped(rest, 0))
        )
    return lines


def _red_lines(plan: GamePlan) -> list[str]:
    if not plan.red_lines:
        return []
    lines = ["", "  " + _("Red lines")]
    topic = max(len(line.topic) for line in plan.red_lines)
    for line in plan.red_lines:
        lines.append(f"    {line.topic.ljust(topic)}  {line.line}")
        lines += _wrap(line.why, " " * (6 + topic), " " * (6 + topic))
    return lines


def _person(person: Person, *, theirs: bool) -> list[str]:
    head = f"      {person.name} — {person.part_words}"
    if person.role.strip():
        head += f" ({' '.join(person.role.split())})"
    lines = _wrap(head, "", "        ")
    if theirs:
        lines.append(
            "        "
            + _("influence {influence} of 5, {stance}: {action}").format(
                influence=person.influence, stance=person.stance_words, action=person.action
            )
        )
    if person.needs:
        needs = (
            _("needs: {needs} (our proposal addresses it)")
            if theirs and person.addressed
            else _("needs: {needs}")
        )
        lines += _wrap(needs.format(needs=person.needs), "        ", "        ")
    return lines


def _team(plan: GamePlan) -> list[str]:
    team = plan.team
    lines = ["", "  " + _("Who leads")]
    for title, people, more, theirs in (
        (_("Our team"), team.ours, team.ours_more, False),
        (_("Their side: who decides, who influences"), team.theirs, team.theirs_more, True),
    ):
        lines.append(f"    {title}")
        if not people:
            lines.append("      " + _("Nobody entered yet."))
        for person in people:
            lines += _person(person, theirs=theirs)
        if more:
            lines.append("      " + _("… and {count} more.").format(count=numbers.grouped(more, 0)))
    if team.ours and not team.lead_named:
        lines.append(
            "    " + _("No role of ours says who leads the talks: name the lead negotiator.")
        )
    return lines


def _questions(plan: GamePlan) -> list[str]:
    lines = ["", "  " + _("Questions to ask")]
    if not plan.questions:
        return [*lines, "    " + _("Nothing about them moves the zone yet.")]
    for n, question in enumerate(plan.questions, start=1):
        lines += _wrap(question.text, f"    {n}. ", "       ")
        lines += _wrap(question.why, "       ", "       ")
    return lines


def _to_complete(plan: GamePlan) -> list[str]:
    lines = ["", "  " + _("Still to complete")]
    if not plan.to_complete:
        return [
            *lines,
            "    "
            + _("Nothing: all {total} points of the checklist are done.").format(
                total=plan.checks_total
            ),
        ]
    for todo in plan.to_complete[:TODO_SHOWN]:
        lines += _wrap(f"{todo.label} — {todo.todo}", "    [ ] ", "        ")
    rest = len(plan.to_complete) - TODO_SHOWN
    if rest > 0:
        lines.append("    " + _("… and {count} more (see readiness).").format(count=rest))
    return lines


def game_plan_lines(case: Case, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    """The "Game plan" section of the text report."""
    plan = game_plan(case, analysis, fmt)
    title = _("Game plan").upper()
    return [
        "",
        title,
        "=" * len(title),
        *_ladder(plan, fmt),
        *_threats(plan),
        *_red_lines(plan),
        *_team(plan),
        *_questions(plan),
        *_to_complete(plan),
    ]


__all__ = ["game_plan_lines"]
