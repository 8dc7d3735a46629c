"""The ``analyze`` report for a person: aligned tables, money in the case currency, words.

A renderer like the brief: it takes its figures and labels from the catalogue
(``analysis.figures``) and its formats and words from ``formats``, and only lays them out as
text.

Money totals are rounded to whole units, prices per unit to cents, percentages to one decimal;
an unavailable figure shows as "—" and the readiness checklist at the end says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial

from desktop_app.analysis.figures import (
    SCENARIO_FIGURES,
    SCENARIO_INPUTS,
    ZOPA_LABELS,
    Figure,
    words,
)
from desktop_app.analysis.results import Breaks, CaseAnalysis, ScenarioAnalysis, SideValue, Zopa
from desktop_app.analysis.wording import (
    FAIR_PRICE_MEANING,
    break_words,
    breaking_move,
    leverage_words,
    percent_g,
    thin_tail_warning,
    verdict_sentence,
)
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, ngettext, numbers
from desktop_app.reports.formats import MOVES_WORDS, NA, ROLE_WORDS, VERDICT_WORDS, Fmt
from desktop_app.reports.text_deal import deal_lines
from desktop_app.reports.text_plan import game_plan_lines
from desktop_app.reports.text_talks import talks_lines
from desktop_app.reports.text_uncertainty import uncertainty_lines

#: Rows of the tornado and the intelligence list shown in the text (the JSON has them all).
TOP_SENSITIVITY = 15
TOP_INTELLIGENCE = 10
_SCENARIOS_PER_BLOCK = 4
#: An option of the value view by its kind (a code of the analysis).
KIND_WORDS = {"alternative": N_("alternative"), "scenario": N_("scenario")}
#: An intelligence item whose move breaks the analysis, whole for each break.
_ASSUMED_BREAKS: dict[Breaks, str] = {
    "ours": N_("assumed {value}; moved by {move} it leaves our walk-away undefined"),
    "theirs": N_("assumed {value}; moved by {move} it leaves their walk-away undefined"),
    "zone": N_("assumed {value}; moved by {move} it removes the zone of possible agreement"),
}


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
    upper = title.upper()  # "ß" grows to "SS": underline what is shown
    return ["", upper, "=" * len(upper)]


def quoted(name: str) -> str:
    """A name in the language's quotation marks: “name” / „name“."""
    return _("“{name}”").format(name=name)


def _day(text: str) -> str:
    """A date of the case (YYYY-MM-DD) in the language's short form; anything else as given."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return numbers.short_date(day) if day.isoformat() == text else text


def _header(case: Case, analysis: CaseAnalysis) -> list[str]:
    info, settings = case.info, analysis.settings
    lines = [_("Leverage — analysis of “{title}”").format(title=info.title)]
    who = [
        _("Client: {client}").format(client=info.client) if info.client else "",
        _("Counterpart: {counterpart}").format(counterpart=info.counterpart)
        if info.counterpart
        else "",
        _("Prepared by {consultancy}").format(consultancy=info.consultancy)
        if info.consultancy.strip()
        else "",
        _("Prepared on {date}").format(date=_day(info.prepared_on)) if info.prepared_on else "",
    ]
    if any(who):
        lines.append(" · ".join(w for w in who if w))
    lines.append(
        _(
            "Currency {currency} · {runs} simulation runs, seed {seed} · confidence {confidence}"
            " · minimum margin {margin} · cost of capital {rate} (theirs {their_rate}) · "
            "sensitivity ±{sensitivity}"
        ).format(
            currency=settings.currency,
            runs=numbers.grouped(settings.runs, 0),
            seed=settings.seed,
            confidence=percent_g(100 * settings.risk_confidence),
            margin=percent_g(settings.min_margin_pct),
            rate=percent_g(settings.cost_of_capital_pct),
            their_rate=percent_g(settings.their_cost_of_capital_pct),
            sensitivity=percent_g(settings.sensitivity_pct),
        )
    )
    warning = thin_tail_warning(settings)
    if warning is not None:
        lines.append(_("WARNING: {warning}").format(warning=warning))
    return lines


def _summary(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    zopa, value, ready = analysis.zopa, analysis.value, analysis.readiness
    lines = _heading(_("Verdict"))
    lines.append("  " + verdict_sentence(zopa, fmt))
    if value.leverage is not None:
        lines.append(
            "  "
            + _("Leverage {points} points: {words}.").format(
                points=fmt.points(value.leverage, sign=True), words=leverage_words(value)
            )
        )
    else:
        lines.append(
            "  "
            + _("Leverage: no verdict, {words} (see readiness).").format(
                words=leverage_words(value)
            )
        )
    lines.append(
        "  "
        + _("Readiness: {passed} of {total} items ({score}).").format(
            passed=ready.passed, total=ready.total, score=fmt.share(ready.score)
        )
    )
    return lines


def _figure_text(figure: Figure, scenario: ScenarioAnalysis, fmt: Fmt) -> str:
    """A catalogue figure of a scenario, formatted for the text report (with its Monte Carlo
    error where it has one)."""
    return fmt.figure(figure, scenario, error=True)


def _scenario_rows(
    fmt: Fmt, filled: dict[str, str]
) -> list[tuple[str, Callable[[ScenarioAnalysis], str]]]:
    rows: list[tuple[str, Callable[[ScenarioAnalysis], str]]] = [
        (_("Role"), lambda s: ROLE_WORDS.get(s.role, s.role))
    ]
    for figure in (*SCENARIO_INPUTS, *SCENARIO_FIGURES):
        rows.append((figure.label_in(filled), partial(_figure_text, figure, fmt=fmt)))
    return rows


def _scenarios(case: Case, analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    lines = _heading(_("Scenarios"))
    if not analysis.scenarios:
        return [*lines, "  " + _("No scenarios yet.")]
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
    lines = _heading(_("Zone of possible agreement (our proposal)"))
    batna = names.get(zopa.their_batna_alternative or "")
    theirs = fmt.price(zopa.their_walk_away)
    if batna:
        theirs += "  " + _("(their money BATNA: {name})").format(name=batna)
    price_only = fmt.price(zopa.their_walk_away_price_only)
    if zopa.exists:
        zone = _("{low} to {high}, width {width}").format(
            low=fmt.price(zopa.our_walk_away),
            high=fmt.price(zopa.their_walk_away),
            width=fmt.price(zopa.width),
        )
    elif zopa.exists is False and zopa.width is not None:
        zone = (
            _("none: their walk-away equals ours, there is no room")
            if zopa.width == 0
            else _("none: their walk-away is {gap} below ours").format(gap=fmt.price(-zopa.width))
        )
    else:
        zone = _("unknown")
    share = fmt.share(zopa.our_share)
    fair_price = fmt.price(zopa.fair_price)
    if zopa.fair_price is not None:
        fair_price += f"  ({_(FAIR_PRICE_MEANING)})"
    rows = [
        [ZOPA_LABELS["our_walk_away"], fmt.price(zopa.our_walk_away)],
        [ZOPA_LABELS["their_walk_away"], theirs],
        [
            "  " + _("by price alone (§2)"),
            _("{price}  (terms not counted)").format(price=price_only),
        ],
        [ZOPA_LABELS["width"], zone],
        [ZOPA_LABELS["fair_price"], fair_price],
        [
            ZOPA_LABELS["proposal_price"],
            _("{price}, {share} of the zone").format(
                price=fmt.price(zopa.proposal_price), share=share
            )
            if zopa.our_share is not None
            else fmt.price(zopa.proposal_price),
        ],
        [
            ZOPA_LABELS["verdict"],
            _("{verdict} (fair band {low} to {high} of the zone)").format(
                verdict=VERDICT_WORDS[zopa.verdict],
                low=fmt.share(zopa.fair_band[0]),
                high=fmt.share(zopa.fair_band[1]),
            ),
        ],
    ]
    # 32 columns as ever; wider when a language's labels are longer.
    width = max(32, *(len(label) + 2 for label, _value in rows))
    lines += [f"  {label.ljust(width)}{value}" for label, value in rows]
    if zopa.alternatives:
        lines += [
            "",
            "  "
            + _(
                "What each of their price-based alternatives costs them over our proposal's "
                "contract:"
            ),
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
                _("Alternative"),
                _("Unit price"),
                _("Switching"),
                _("Failure"),
                _("Feasible"),
                _("Total cost"),
                _("Per unit"),
                _("As our price"),
            ],
            body,
        )
    if zopa.left_out:
        lines.append(
            "  "
            + _(
                "Left out of their money BATNA (feasibility 0: it cannot be carried out): {names}."
            ).format(names=", ".join(quoted(names.get(i, i)) for i in zopa.left_out))
        )
    return lines


def _side_lines(view: SideValue, title: str, fmt: Fmt, names: dict[str, str]) -> list[str]:
    lines = ["", f"  {title}"]
    if not view.available:
        return [*lines, "    " + _("Not available: {reason}.").format(reason=view.reason)]
    if view.left_out:
        lines.append(
            "    "
            + _(
                "Left out of the value BATNA (feasibility 0: it cannot be carried out): {names}."
            ).format(names=", ".join(quoted(names.get(i, i)) for i in view.left_out))
        )
    batna = names.get(view.batna_alternative or "", NA)
    lines.append(
        "    "
        + _(
            "Our proposal: {value} points; value BATNA: {batna} (expected {expected}); gain {gain}."
        ).format(
            value=fmt.points(view.proposal_value),
            batna=batna,
            expected=fmt.points(view.batna_value),
            gain=fmt.points(view.gain, sign=True),
        )
    )
    body = [
        [
            _clip(o.name or o.id, 40),
            _(KIND_WORDS[o.kind]) if o.kind in KIND_WORDS else o.kind,
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
                for row in _table(
                    [_("Option"), _("Kind"), _("Value"), _("Feasible"), _("Expected")],
                    body,
                    left=2,
                )
            ),
        ]
    return lines


def _value_lines(analysis: CaseAnalysis, fmt: Fmt, names: dict[str, str]) -> list[str]:
    value = analysis.value
    lines = _heading(_("Value view (points 0–100)"))
    lines += _side_lines(value.theirs, _("Their side"), fmt, names)
    robust = value.theirs.robustness
    if robust is not None:
        lines.append("")
        if not robust.clear_winner:
            lines.append(
                "    "
                + _("No clear winner: the proposal beats their value BATNA by under 10 points.")
            )
        lines.append(
            "    " + _("Robustness: {description}.").format(description=robust.description)
        )
    lines += _side_lines(value.ours, _("Our side"), fmt, names)
    lines += [
        "",
        "  "
        + _("Leverage (their gain − our gain): {leverage} — {words}").format(
            leverage=fmt.points(value.leverage, sign=True), words=leverage_words(value)
        ),
    ]
    return lines


def _sensitivity_lines(analysis: CaseAnalysis, fmt: Fmt, pct: float) -> list[str]:
    lines = _heading(
        _("Sensitivity of the zone's width (inputs moved ±{pct})").format(pct=percent_g(pct))
    )
    items = analysis.sensitivity
    if not items:
        return [
            *lines,
            "  " + _("Not available: the proposal needs a volume (see readiness)."),
        ]
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
    headers = [_("Input"), _("Moves"), _("Width low"), _("Width high"), _("Swing"), _("Breaks")]
    lines += _table(headers, body, left=2)
    if len(items) > TOP_SENSITIVITY:
        rest = len(items) - TOP_SENSITIVITY
        lines.append(
            "  "
            + ngettext(
                "… and {count} more inputs (see --json).",
                "… and {count} more inputs (see --json).",
                rest,
            ).format(count=rest)
        )
    return lines


def _intelligence_lines(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    pct = analysis.settings.sensitivity_pct
    lines = _heading(_("Intelligence to gather"))
    useful = analysis.intelligence
    if not useful:
        return [*lines, "  " + _("Nothing about the counterpart moves the zone yet.")]
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
        if item.breaks is not None:
            effect = _(_ASSUMED_BREAKS[item.breaks]).format(
                value=shown, move=breaking_move(tornado[item.input], pct)
            )
        else:
            effect = _("assumed {value}; ±{pct} on it changes the zone's width by {swing}").format(
                value=shown, pct=percent_g(pct), swing=fmt.price(item.swing)
            )
        lines.append(f"      {effect}")
    if len(useful) > TOP_INTELLIGENCE:
        lines.append(
            "  "
            + _("… and {count} more (see --json).").format(count=len(useful) - TOP_INTELLIGENCE)
        )
    return lines


def _readiness_lines(analysis: CaseAnalysis, fmt: Fmt) -> list[str]:
    ready = analysis.readiness
    lines = _heading(
        _("Readiness: {passed} of {total} ({score})").format(
            passed=ready.passed, total=ready.total, score=fmt.share(ready.score)
        )
    )
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
