"""The workbook's Analysis sheet: every figure of ``analyze --json`` as a typed cell.

The rows are ``analysis_to_json`` flattened, in its order — nothing is listed here again: a
figure the analysis adds appears by itself. A scenario figure takes its label and unit from
the figure catalogue (``analysis.figures``), a ZOPA figure its label from ``ZOPA_LABELS``; any
other key is labelled from its name and its unit follows the JSON's conventions (SPEC §5):
``*_pct`` in percent, probabilities, shares and weights as fractions, values in points, money
and prices in the case currency. The simulated histograms are chart data, not figures, and are
left out; so are the envelope's keys.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from desktop_app.analysis.figures import SCENARIO_FIGURES, SCENARIO_INPUTS, ZOPA_LABELS, words
from desktop_app.analysis.report import analysis_to_json
from desktop_app.analysis.results import CaseAnalysis
from desktop_app.analysis.wording import TRADE_VERDICT_WORDS
from desktop_app.domain.model import Case
from desktop_app.domain.schema import SCENARIO
from desktop_app.i18n import N_, _
from desktop_app.reports.formats import MOVES_WORDS, ROLE_WORDS, VERDICT_WORDS

Unit = Literal["money", "price", "pct", "share", "points", "count", "number"]

#: The catalogue's kinds as units of a cell.
_CATALOGUE_UNITS: dict[str, Unit] = {
    "money": "money",
    "price": "price",
    "pct": "pct",
    "share": "share",
    "number": "count",
    "years": "count",
    "cap": "money",
}
_FIGURES = {figure.key: figure for figure in (*SCENARIO_INPUTS, *SCENARIO_FIGURES)}
#: Keys left out: the envelope, and chart data.
_SKIPPED = {"format", "version", "title", "currency", "histogram"}
_SECTIONS = {
    "settings": N_("Settings"),
    "scenarios": N_("Scenarios"),
    "zopa": N_("Zone of possible agreement"),
    "value": N_("Value and leverage"),
    "sensitivity": N_("Sensitivity"),
    "intelligence": N_("Intelligence to gather"),
    "deal": N_("The deal"),
    "talks": N_("Talks"),
    "readiness": N_("Readiness"),
    "their_walk_away_distribution": N_("Their walk away distribution"),
}
#: The labels of the other keys: each is the key's name as words ("Our walk away low"),
#: listed here to be translated (a key not listed is labelled from its name alone).
_KEY_LABELS = {
    "acceptable_to_us": N_("Acceptable to us"),
    "affects": N_("Affects"),
    "alternative": N_("Alternative"),
    "annual_price_change_pct": N_("Annual price change pct"),
    "available": N_("Available"),
    "batna_alternative": N_("Batna alternative"),
    "batna_value": N_("Batna value"),
    "breaks": N_("Breaks"),
    "change": N_("Change"),
    "clear_winner": N_("Clear winner"),
    "cost_of_capital_pct": N_("Cost of capital pct"),
    "cost_per_unit": N_("Cost per unit"),
    "cost_to_us": N_("Cost to us"),
    "description": N_("Description"),
    "detail": N_("Detail"),
    "effective_price": N_("Effective price"),
    "effective_price_price_only": N_("Effective price price only"),
    "exists": N_("Exists"),
    "expected_value": N_("Expected value"),
    "failure_cost": N_("Failure cost"),
    "fair_band": N_("Fair band"),
    "feasibility": N_("Feasibility"),
    "from": N_("From"),
    "gain": N_("Gain"),
    "gap": N_("Gap"),
    "high": N_("High"),
    "id": N_("Id"),
    "improvement": N_("Improvement"),
    "improvement_note": N_("Improvement note"),
    "input": N_("Input"),
    "is_proposal": N_("Is proposal"),
    "joint_gain": N_("Joint gain"),
    "kind": N_("Kind"),
    "label": N_("Label"),
    "left_out": N_("Left out"),
    "leverage": N_("Leverage"),
    "leverage_reason": N_("Leverage reason"),
    "liability_cap": N_("Liability cap"),
    "low": N_("Low"),
    "meso_note": N_("Meso note"),
    "min_margin_pct": N_("Min margin pct"),
    "missing_scores": N_("Missing scores"),
    "moves": N_("Moves"),
    "name": N_("Name"),
    "offers": N_("Offers"),
    "our_batna_alternative": N_("Our batna alternative"),
    "our_batna_value": N_("Our batna value"),
    "our_share": N_("Our share"),
    "our_surplus": N_("Our surplus"),
    "our_surplus_high": N_("Our surplus high"),
    "our_surplus_low": N_("Our surplus low"),
    "our_walk_away": N_("Our walk away"),
    "our_walk_away_high": N_("Our walk away high"),
    "our_walk_away_low": N_("Our walk away low"),
    "ours": N_("Ours"),
    "p_no_loss": N_("P no loss"),
    "passed": N_("Passed"),
    "payment_days": N_("Payment days"),
    "plan_limit": N_("Plan limit"),
    "plan_limit_below_walk_away": N_("Plan limit below walk away"),
    "plan_limit_is_fair_price": N_("Plan limit is fair price"),
    "plan_open": N_("Plan open"),
    "plan_reason": N_("Plan reason"),
    "plan_rounds": N_("Plan rounds"),
    "plan_shape": N_("Plan shape"),
    "price": N_("Price"),
    "price_equivalent": N_("Price equivalent"),
    "price_high": N_("Price high"),
    "price_low": N_("Price low"),
    "price_weighted_volume": N_("Price weighted volume"),
    "proposal_value": N_("Proposal value"),
    "quantile_method": N_("Quantile method"),
    "question": N_("Question"),
    "reason": N_("Reason"),
    "risk_confidence": N_("Risk confidence"),
    "role": N_("Role"),
    "round": N_("Round"),
    "runs_needed": N_("Runs needed"),
    "scenario": N_("Scenario"),
    "score": N_("Score"),
    "sensitivity_pct": N_("Sensitivity pct"),
    "simulated_mean_loss": N_("Simulated mean loss"),
    "simulation_runs": N_("Simulation runs"),
    "simulation_seed": N_("Simulation seed"),
    "swing": N_("Swing"),
    "switching_cost": N_("Switching cost"),
    "tail_runs": N_("Tail runs"),
    "tail_too_thin": N_("Tail too thin"),
    "term": N_("Term"),
    "their_cost_of_capital_assumed": N_("Their cost of capital assumed"),
    "their_cost_of_capital_pct": N_("Their cost of capital pct"),
    "their_cost_of_price": N_("Their cost of price"),
    "their_pace": N_("Their pace"),
    "their_reference_cost": N_("Their reference cost"),
    "their_risk_kept": N_("Their risk kept"),
    "their_surplus": N_("Their surplus"),
    "their_surplus_high": N_("Their surplus high"),
    "their_surplus_low": N_("Their surplus low"),
    "their_walk_away": N_("Their walk away"),
    "their_walk_away_distribution": N_("Their walk away distribution"),
    "their_walk_away_high": N_("Their walk away high"),
    "their_walk_away_low": N_("Their walk away low"),
    "their_walk_away_price_only": N_("Their walk away price only"),
    "theirs": N_("Theirs"),
    "to": N_("To"),
    "todo": N_("Todo"),
    "total": N_("Total"),
    "total_cost": N_("Total cost"),
    "unit": N_("Unit"),
    "unit_price": N_("Unit price"),
    "units": N_("Units"),
    "value": N_("Value"),
    "value_high": N_("Value high"),
    "value_low": N_("Value low"),
    "value_to_them": N_("Value to them"),
    "verdict": N_("Verdict"),
    "walk_away_note": N_("Walk away note"),
}
_SHARES = {"our_share", "feasibility", "risk_confidence", "fair_band", "weights"}
_COUNTS = ("runs", "seed", "years", "units", "passed", "total", "count", "days", "volume")
_PRICES = ("price", "walk_away", "width", "gap", "swing")
_MONEY = ("cost", "loss", "shortfall", "surplus", "margin", "revenue", "cap", "gain", "kept")
_MONEY_VALUES = ("value_to_them", "batna_value", "net_value")


@dataclass(frozen=True)
class AnalysisRow:
    """One figure: where it is (section, the item it belongs to), its label, its value and
    unit, and its JSON path (``zopa.our_walk_away``, ``scenarios.s1.margin``)."""

    section: str
    item: str
    label: str
    value: Any
    unit: Unit
    path: str


def unit_of(path: Sequence[str]) -> Unit:
    """The unit of the JSON figure at ``path`` (its keys, list indices left out)."""
    key = path[-1]
    section = path[0]
    base = key.removesuffix("_se")
    if section == "scenarios" and base in _FIGURES:
        return _CATALOGUE_UNITS[_FIGURES[base].kind]
    if key.endswith("_pct"):
        return "pct"
    if key in _SHARES or key.startswith("p_") or any(p in _SHARES for p in path[:-1]):
        return "share"
    if section == "readiness" and key == "score":
        return "share"
    if section == "value":
        return "points"
    if key in _MONEY_VALUES:
        return "money"
    if any(word in key for word in _PRICES):
        return "price"
    if any(word in key for word in _MONEY):
        return "money"
    if any(word in key for word in _COUNTS):
        return "count"
    if section in ("sensitivity", "intelligence") and key in ("low", "high"):
        return "price"
    return "number"


def _label(section: str, key: str, info_words: Mapping[str, str]) -> str:
    base = key.removesuffix("_se")
    if section == "scenarios" and base in _FIGURES:
        label = _FIGURES[base].label_in(info_words)
        return _("{label} (standard error)").format(label=label) if key != base else label
    if section == "zopa" and key in ZOPA_LABELS:
        return _(ZOPA_LABELS[key])
    named = _KEY_LABELS.get(key)
    return _(named) if named else key.replace("_", " ").capitalize()


def _item_name(value: Mapping[str, Any], fallback: str) -> str:
    for key in ("name", "label", "term", "id", "input"):
        text = value.get(key)
        if isinstance(text, str) and text.strip():
            if key == "term" and text in SCENARIO.fields:  # a deal term, by its field's label
                return _(SCENARIO.fields[text].label)
            return text
    return fallback


#: The kinds of option the value section rates.
_KIND_WORDS = {"alternative": N_("alternative"), "scenario": N_("scenario")}


def _shown_value(section: str, key: str, value: Any) -> Any:
    """A code the JSON carries as a value — a verdict, a scenario's role, which walk-away an
    input moves, a deal term, a kind of option — in the words the app shows for it (the Key
    column keeps the JSON's path); every other value as it is, ids included."""
    if not isinstance(value, str):
        return value
    tables: dict[str, Mapping[str, str]] = {
        "role": dict(ROLE_WORDS.items()),
        "moves": dict(MOVES_WORDS.items()),
        "kind": _KIND_WORDS,
        "verdict": (
            {str(k): v for k, v in TRADE_VERDICT_WORDS.items()}
            if section == "deal"
            else {str(k): v for k, v in VERDICT_WORDS.items()}
        ),
    }
    if key == "term" and value in SCENARIO.fields:
        return _(SCENARIO.fields[value].label)
    words = tables.get(key, {}).get(value)
    return _(words) if words else value


def analysis_rows(case: Case, analysis: CaseAnalysis) -> list[AnalysisRow]:
    """Every figure of the analysis, in ``analyze --json`` order."""
    data = analysis_to_json(case, analysis)
    info_words = words(case.info)
    scenario_names = {sid: s.get("name") or sid for sid, s in data.get("scenarios", {}).items()}
    rows: list[AnalysisRow] = []
    for section, value in data.items():
        if section in _SKIPPED:
            continue
        known = _SECTIONS.get(section)
        title = _(known) if known else section.replace("_", " ").capitalize()
        for leaf in _leaves(value, (section,), (section,), ""):
            item = leaf.item
            if section == "scenarios" and len(leaf.path) > 1:
                item = scenario_names.get(leaf.path[1], leaf.path[1])
            rows.append(
                AnalysisRow(
                    section=title,
                    item=item,
                    label=_label(section, leaf.keys[-1], info_words),
                    value=_shown_value(section, leaf.keys[-1], leaf.value),
                    unit=unit_of(leaf.keys),
                    path=".".join(leaf.path),
                )
            )
    return rows


@dataclass(frozen=True)
class _Leaf:
    path: tuple[str, ...]  # every step, list indices included
    keys: tuple[str, ...]  # the keys only
    item: str
    value: Any


def _leaves(value: Any, path: tuple[str, ...], keys: tuple[str, ...], item: str) -> Iterator[_Leaf]:
    """Every number, text, flag and null under ``value``; a list of numbers (the fair band)
    is one figure per end, a list of texts one figure."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            if key not in _SKIPPED:
                yield from _leaves(inner, (*path, str(key)), (*keys, str(key)), item)
    elif isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            yield _Leaf(path, keys, item, ", ".join(value))
            return
        for index, inner in enumerate(value):
            name = _item_name(inner, f"{index + 1}") if isinstance(inner, Mapping) else item
            yield from _leaves(inner, (*path, str(index)), keys, name)
    else:
        yield _Leaf(path, keys, item, value)
