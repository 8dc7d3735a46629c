"""The game plan in the ``analyze`` text report: the same plan as the brief's executive summary
(``analysis.game_plan``), laid out as plain text."""

from __future__ import annotations

import re
import textwrap

from desktop_app.analysis.game_plan import GamePlan, game_plan
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.analysis.team import Person
from desktop_app.domain.model import Case
from desktop_app.reports.formats import Fmt

#: Text lines wrap at this width.
WIDTH = 100
#: Open readiness items listed (the readiness section lists them all).
TODO_SHOWN = 6


#: A currency code before an amount: kept on the amount's line.
_AMOUNT = re.compile(r"\b([A-Z]{3}) (?=[−-]?\d)")


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """``text`` wrapped at ``WIDTH``; a currency code never wraps away from its amount."""
    glued = _AMOUNT.sub("\\1\u00a0", text)
    lines = textwrap.wrap(
        glued, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )
    return [line.replace("\u00a0", " ") for line in lines] or [first.rstrip()]


def _ladder(plan: GamePlan, fmt: Fmt) -> list[str]:
    lines = ["", "  The price ladder (first-year prices per unit, highest first)"]
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
        lines += _wrap(plan.package, "    We put on the table: ", " " * 6)
    return lines


def _threats(plan: GamePlan) -> list[str]:
    shown = plan.threats.shown
    lines = ["", "  Their strongest threats, and our answers"]
    if not shown:
        return [*lines, "    No alternative of theirs that can be carried out is listed yet."]
    lines += _wrap(plan.threats.why, "    ", "    ")
    for n, threat in enumerate(shown, start=1):
        lines.append(f"    {n}. {threat.name}")
        lines += _wrap(" · ".join(threat.facts), "       ", "       ")
        if threat.beats_us:
            lines.append(f"       It beats our proposal for them on {threat.view}.")
        answer = threat.answer or "No answer yet: write its talking point."
        lines += _wrap(answer, "       Answer: ", " " * 15)
        if threat.answer_status == "changed":
            lines.append("       (the numbers under this answer changed since: check it)")
    rest = plan.threats.considered - len(shown)
    if rest > 0:
        lines.append(f"    … and {rest:,} more alternatives of theirs.")
    return lines


def _red_lines(plan: GamePlan) -> list[str]:
    if not plan.red_lines:
        return []
    lines = ["", "  Red lines"]
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
            f"        influence {person.influence} of 5, {person.stance_words}: {person.action}"
        )
    if person.needs:
        mark = " (our proposal addresses it)" if theirs and person.addressed else ""
        lines += _wrap(f"needs: {person.needs}{mark}", "        ", "        ")
    return lines


def _team(plan: GamePlan) -> list[str]:
    team = plan.team
    lines = ["", "  Who leads"]
    for title, people, more, theirs in (
        ("Our team", team.ours, team.ours_more, False),
        ("Their side: who decides, who influences", team.theirs, team.theirs_more, True),
    ):
        lines.append(f"    {title}")
        if not people:
            lines.append("      Nobody entered yet.")
        for person in people:
            lines += _person(person, theirs=theirs)
        if more:
            lines.append(f"      … and {more:,} more.")
    if team.ours and not team.lead_named:
        lines.append("    No role of ours says who leads the talks: name the lead negotiator.")
    return lines


def _questions(plan: GamePlan) -> list[str]:
    lines = ["", "  Questions to ask"]
    if not plan.questions:
        return [*lines, "    Nothing about them moves the zone yet."]
    for n, question in enumerate(plan.questions, start=1):
        lines += _wrap(question.text, f"    {n}. ", "       ")
        lines += _wrap(question.why, "       ", "       ")
    return lines


def _to_complete(plan: GamePlan) -> list[str]:
    lines = ["", "  Still to complete"]
    if not plan.to_complete:
        return [*lines, f"    Nothing: all {plan.checks_total} points of the checklist are done."]
    for todo in plan.to_complete[:TODO_SHOWN]:
        lines += _wrap(f"{todo.label} — {todo.todo}", "    [ ] ", "        ")
    rest = len(plan.to_complete) - TODO_SHOWN
    if rest > 0:
        lines.append(f"    … and {rest} more (see readiness).")
    return lines


def game_plan_lines(case: Case, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    """The "Game plan" section of the text report."""
    plan = game_plan(case, analysis, fmt)
    return [
        "",
        "GAME PLAN",
        "=========",
        *_ladder(plan, fmt),
        *_threats(plan),
        *_red_lines(plan),
        *_team(plan),
        *_questions(plan),
        *_to_complete(plan),
    ]


__all__ = ["game_plan_lines"]
