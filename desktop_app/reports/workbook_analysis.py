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
from desktop_app.domain.model import Case

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
    "settings": "Settings",
    "scenarios": "Scenarios",
    "zopa": "Zone of possible agreement",
    "value": "Value and leverage",
    "sensitivity": "Sensitivity",
    "intelligence": "Intelligence to gather",
    "deal": "The deal",
    "readiness": "Readiness",
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
        return label + " (standard error)" if key != base else label
    if section == "zopa" and key in ZOPA_LABELS:
        return ZOPA_LABELS[key]
    return key.replace("_", " ").capitalize()


def _item_name(value: Mapping[str, Any], fallback: str) -> str:
    for key in ("name", "label", "term", "id", "input"):
        text = value.get(key)
        if isinstance(text, str) and text.strip():
            return text
    return fallback


def analysis_rows(case: Case, analysis: CaseAnalysis) -> list[AnalysisRow]:
    """Every figure of the analysis, in ``analyze --json`` order."""
    data = analysis_to_json(case, analysis)
    info_words = words(case.info)
    scenario_names = {sid: s.get("name") or sid for sid, s in data.get("scenarios", {}).items()}
    rows: list[AnalysisRow] = []
    for section, value in data.items():
        if section in _SKIPPED:
            continue
        title = _SECTIONS.get(section, section.replace("_", " ").capitalize())
        for leaf in _leaves(value, (section,), (section,), ""):
            item = leaf.item
            if section == "scenarios" and len(leaf.path) > 1:
                item = scenario_names.get(leaf.path[1], leaf.path[1])
            rows.append(
                AnalysisRow(
                    section=title,
                    item=item,
                    label=_label(section, leaf.keys[-1], info_words),
                    value=leaf.value,
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
