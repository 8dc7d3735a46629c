"""The ``analyze`` report for a person: aligned tables, money in the case currency, words.

A renderer like the brief: it takes its figures and labels from the catalogue
(``analysis.figures``) and its formats and words from ``formats``, and only lays them out as
text.

Money totals are rounded to whole units, prices per unit to cents, percentages to one decimal;
an unavailable figure shows as "—" and the readiness checklist at the end says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from desktop_app.analysis.figures import (
    SCENARIO_FIGURES,
    SCENARIO_INPUTS,
    ZOPA_LABELS,
    Figure,
    words,
)
from desktop_app.analysis.results import CaseAnalysis, ScenarioAnalysis, SideValue, Zopa
from desktop_app.analysis.wording import (
    FAIR_PRICE_MEANING,
    break_words,
    breaking_move,
    leverage_words,
    thin_tail_warning,
    verdict_sentence,
)
from desktop_app.domain.model import Case
from desktop_app.reports.formats import MOVES_WORDS, NA, ROLE_WORDS, VERDICT_WORDS, Fmt
from desktop_app.reports.text_deal import deal_lines
from desktop_app.reports.text_plan import game_plan_lines
from desktop_app.reports.text_talks import talks_lines
from desktop_app.reports.text_uncertainty import uncertainty_lines

#: Rows of the tornado and the intelligence list shown in the text (the JSON has them all).
TOP_SENSITIVITY = 15
TOP_INTELLIGENCE = 10
_SCENARIOS_PER_BLOCK = 4


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """Columns padded to their widest cell; the first ``left`` columns left-aligned."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return ("  " + "  ".join(parts)).rstrip()

    rule = "  " + "  ".join("-" * w for w in widths)
    return [line(headers), rule, *(line(r) for r in rows)]


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "=" * len(title)]


def _header(case: Case, analysis: CaseAnalysis) -> list[str]:
    info, settings = case.info, analysis.settings
    lines = [f"Leverage — analysis of “{info.title}”"]
    who = [
        f"Client: {info.client}" if info.client else "",
        f"Counterpart: {info.counterpart}" if info.counterpart else "",
        f"Prepared by {info.consultancy}" if info.consultancy.strip() else "",
        f"Prepared on {info.prepared_on}" if info.prepared_on else "",
    ]
    if any(who):
        lines.append(" · ".join(w for w in who if w))
    lines.append(
        f"Currency {settings.currency} · {settings.runs:,} simulation runs, seed "
        f"{settings.seed} · confidence {100 * settings.risk_confidence:g}% · minimum margin "
        f"{settings.min_margin_pct:g}% · cost of capital {settings.cost_of_capital_pct:g}% "
        f"(theirs {settings.their_cost_of_capital_pct:g}%) · "
        f"sensitivity ±{settings.sensitivity_pct:g}%"
    )
    warning = thin_tail_warning(settings)
    if warning is not None:
        lines.append(f"WARNING: {warning}")
    return lines


def _summary(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    zopa, value, ready = analysis.zopa, analysis.value, analysis.readiness
    lines = _heading("Verdict")
    lines.append("  " + verdict_sentence(zopa, fmt))
    if value.leverage is not None:
        lines.append(
            f"  Leverage {fmt.points(value.leverage, sign=True)} points: {leverage_words(value)}."
        )
    else:
        lines.append(f"  Leverage: no verdict, {leverage_words(value)} (see readiness).")
    lines.append(f"  Readiness: {ready.passed} of {ready.total} items ({fmt.share(ready.score)}).")
    return lines


def _figure_text(figure: Figure, scenario: ScenarioAnalysis, fmt: Fmt) -> str:
    """A catalogue figure of a scenario, formatted for the text report."""
    if figure.key == "walk_away_price" and scenario.walk_away_note is not None:
        return "no such price"
    value = figure.value(scenario)
    if figure.kind == "cap":
        return "uncapped" if value is None else fmt.money(value)
    formatters: dict[str, Callable[[float | None], str]] = {
        "money": fmt.money,
        "price": fmt.price,
        "pct": fmt.pct,
        "share": fmt.share,
        "number": fmt.number,
        "years": fmt.number,
    }
    text = formatters[figure.kind](value)
    error = figure.error(scenario) if figure.error is not None else None
    if value is not None and error is not None:
        text += f" ± {error:,.0f}"
    return text


def _scenario_rows(
    fmt: Fmt, filled: dict[str, str]
) -> list[tuple[str, Callable[[ScenarioAnalysis], str]]]:
    rows: list[tuple[str, Callable[[ScenarioAnalysis], str]]] = [
        ("Role", lambda s: ROLE_WORDS.get(s.role, s.role))
    ]
    for figure in (*SCENARIO_INPUTS, *SCENARIO_FIGURES):
        rows.append((figure.label_in(filled), partial(_figure_text, figure, fmt=fmt)))
    return rows


def _scenarios(case: Case, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    lines = _heading("Scenarios")
    if not analysis.scenarios:
        return [*lines, "  No scenarios yet."]
    rows = _scenario_rows(fmt, words(case.info))
    items = analysis.scenarios
    for start in range(0, len(items), _SCENARIOS_PER_BLOCK):
        block = items[start : start + _SCENARIOS_PER_BLOCK]
        headers = ["", *(_clip(s.name or s.id, 24) for s in block)]
        body = [[label, *(get(s) for s in block)] for label, get in rows]
        lines += [*(_table(headers, body)), ""]
    for item in items:
        if item.walk_away_note is not None:
            lines.append(f"  {item.name or item.id}: {item.walk_away_note}.")
    return lines


def _zopa_lines(zopa: Zopa, fmt: Fmt, names: dict[str, str]) -> list[str]:
    lines = _heading("Zone of possible agreement (our proposal)")
    batna = names.get(zopa.their_batna_alternative or "")
    theirs = fmt.price(zopa.their_walk_away)
    if batna:
        theirs += f"  (their money BATNA: {batna})"
    price_only = fmt.price(zopa.their_walk_away_price_only)
    if zopa.exists:
        zone = (
            f"{fmt.price(zopa.our_walk_away)} to {fmt.price(zopa.their_walk_away)}, "
            f"width {fmt.price(zopa.width)}"
        )
    elif zopa.exists is False and zopa.width is not None:
        zone = (
            "none: their walk-away equals ours, there is no room"
            if zopa.width == 0
            else f"none: their walk-away is {fmt.price(-zopa.width)} below ours"
        )
    else:
        zone = "unknown"
    share = fmt.share(zopa.our_share)
    rows = [
        [ZOPA_LABELS["our_walk_away"], fmt.price(zopa.our_walk_away)],
        [ZOPA_LABELS["their_walk_away"], theirs],
        ["  by price alone (§2)", f"{price_only}  (terms not counted)"],
        [ZOPA_LABELS["width"], zone],
        [
            ZOPA_LABELS["fair_price"],
            fmt.price(zopa.fair_price)
            + (f"  ({FAIR_PRICE_MEANING})" if zopa.fair_price is not None else ""),
        ],
        [
            ZOPA_LABELS["proposal_price"],
            fmt.price(zopa.proposal_price)
            + (f", {share} of the zone" if zopa.our_share is not None else ""),
        ],
        [
            ZOPA_LABELS["verdict"],
            f"{VERDICT_WORDS[zopa.verdict]} (fair band "
            f"{fmt.share(zopa.fair_band[0])} to {fmt.share(zopa.fair_band[1])} of the zone)",
        ],
    ]
    lines += [f"  {label.ljust(32)}{value}" for label, value in rows]
    if zopa.alternatives:
        lines += [
            "",
            "  What each of their price-based alternatives costs them over our "
            "proposal's contract:",
        ]
        body = [
            [
                _clip(a.name or a.alternative_id, 34),
                fmt.price(a.unit_price),
                fmt.money(a.switching_cost),
                fmt.money(a.failure_cost),
                fmt.share(a.feasibility),
                fmt.money(a.total_cost),
                fmt.price(a.cost_per_unit),
                fmt.price(a.effective_price),
            ]
            for a in sorted(
                zopa.alternatives,
                key=lambda a: (a.effective_price is None, a.effective_price or 0.0),
            )
        ]
        lines += _table(
            [
                "Alternative",
                "Unit price",
                "Switching",
                "Failure",
                "Feasible",
                "Total cost",
                "Per unit",
                "As our price",
            ],
            body,
        )
    if zopa.left_out:
        lines.append(
            "  Left out of their money BATNA (feasibility 0: it cannot be carried out): "
            + ", ".join(f"“{names.get(i, i)}”" for i in zopa.left_out)
            + "."
        )
    return lines


def _side_lines(view: SideValue, title: str, fmt: Fmt, names: dict[str, str]) -> list[str]:
    lines = ["", f"  {title}"]
    if not view.available:
        return [*lines, f"    Not available: {view.reason}."]
    if view.left_out:
        lines.append(
            "    Left out of the value BATNA (feasibility 0: it cannot be carried out): "
            + ", ".join(f"“{names.get(i, i)}”" for i in view.left_out)
            + "."
        )
    batna = names.get(view.batna_alternative or "", NA)
    lines.append(
        f"    Our proposal: {fmt.points(view.proposal_value)} points; value BATNA: "
        f"{batna} (expected {fmt.points(view.batna_value)}); gain "
        f"{fmt.points(view.gain, sign=True)}."
    )
    body = [
        [
            _clip(o.name or o.id, 40),
            o.kind,
            fmt.points(o.value),
            fmt.share(o.feasibility) if o.feasibility is not None else "",
            fmt.points(o.expected_value),
        ]
        for o in view.options
    ]
    if body:
        lines += [
            "",
            *(
                "  " + row
                for row in _table(["Option", "Kind", "Value", "Feasible", "Expected"], body, left=2)
            ),
        ]
    return lines


def _value_lines(analysis: CaseAnalysis, fmt: Fmt, names: dict[str, str]) -> list[str]:
    value = analysis.value
    lines = _heading("Value view (points 0–100)")
    lines += _side_lines(value.theirs, "Their side", fmt, names)
    robust = value.theirs.robustness
    if robust is not None:
        lines.append("")
        if not robust.clear_winner:
            lines.append(
                "    No clear winner: the proposal beats their value BATNA by under 10 points."
            )
        lines.append(f"    Robustness: {robust.description}.")
    lines += _side_lines(value.ours, "Our side", fmt, names)
    lines += [
        "",
        f"  Leverage (their gain − our gain): {fmt.points(value.leverage, sign=True)} — "
        f"{leverage_words(value)}",
    ]
    return lines


def _sensitivity_lines(analysis: CaseAnalysis, fmt: Fmt, pct: float) -> list[str]:
    lines = _heading(f"Sensitivity of the zone's width (inputs moved ±{pct:g}%)")
    items = analysis.sensitivity
    if not items:
        return [*lines, "  Not available: the proposal needs a volume (see readiness)."]
    body = [
        [
            _clip(i.label, 48),
            MOVES_WORDS[i.moves],
            fmt.price(i.low),
            fmt.price(i.high),
            fmt.price(i.swing),
            break_words(i.breaks) or "",
        ]
        for i in items[:TOP_SENSITIVITY]
    ]
    lines += _table(["Input", "Moves", "Width low", "Width high", "Swing", "Breaks"], body, left=2)
    if len(items) > TOP_SENSITIVITY:
        lines.append(f"  … and {len(items) - TOP_SENSITIVITY} more inputs (see --json).")
    return lines


def _intelligence_lines(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    pct = analysis.settings.sensitivity_pct
    lines = _heading("Intelligence to gather")
    useful = analysis.intelligence
    if not useful:
        return [*lines, "  Nothing about the counterpart moves the zone yet."]
    tornado = {entry.input: entry for entry in analysis.sensitivity}
    for number, item in enumerate(useful[:TOP_INTELLIGENCE], start=1):
        shown = (
            fmt.share(item.value)
            if item.input.endswith(".feasibility")
            else fmt.number(item.value)
            if item.input.endswith(".annual_volume")
            else fmt.price(item.value)
            if item.input.endswith(".unit_price")
            else fmt.money(item.value)
        )
        lines.append(f"  {number:>2}. {item.question}")
        effect = (
            f"moved by {breaking_move(tornado[item.input], pct)} it {break_words(item.breaks)}"
            if item.breaks is not None
            else f"±{pct:g}% on it changes the zone's width by {fmt.price(item.swing)}"
        )
        lines.append(f"      assumed {shown}; {effect}")
    if len(useful) > TOP_INTELLIGENCE:
        lines.append(f"  … and {len(useful) - TOP_INTELLIGENCE} more (see --json).")
    return lines


def _readiness_lines(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    ready = analysis.readiness
    lines = _heading(f"Readiness: {ready.passed} of {ready.total} ({fmt.share(ready.score)})")
    for item in ready.items:
        lines.append(f"  [{'x' if item.passed else ' '}] {item.label}")
        if not item.passed and item.todo:
            lines.append(f"      → {item.todo}")
    return lines


def format_report(case: Case, analysis: CaseAnalysis) -> str:
    """Every figure of the analysis, for a person to read. Deterministic."""
    fmt = Fmt(analysis.settings.currency, space=" ")
    names = {a.id: a.name or a.id for a in case.alternatives}
    lines = [
        *_header(case, analysis),
        *_summary(analysis, fmt),
        *game_plan_lines(case, analysis, fmt),
        *_scenarios(case, analysis, fmt),
        *_zopa_lines(analysis.zopa, fmt, names),
        *uncertainty_lines(analysis, fmt),
        *deal_lines(case, analysis, fmt),
        *talks_lines(analysis.talks, fmt),
        *_value_lines(analysis, fmt, names),
        *_sensitivity_lines(analysis, fmt, analysis.settings.sensitivity_pct),
        *_intelligence_lines(analysis, fmt),
        *_readiness_lines(analysis, fmt),
    ]
    return "\n".join(lines) + "\n"
