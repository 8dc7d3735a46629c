"""The risk register on a 5×5 heat map (probability × likely impact)."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.charts import style
from desktop_app.domain.model import Case, Risk
from desktop_app.domain.validate import effective_risk

TITLE = "Risk heat map"
#: Probability rows (fractions, as entered in the register: per contract, or per year for a
#: ``per_year`` risk): under 5 %, 5–10 %, 10–20 %, 20–40 %, 40 % and more.
PROBABILITY_EDGES = (0.05, 0.10, 0.20, 0.40)
PROBABILITY_LABELS = ("< 5%", "5–10%", "10–20%", "20–40%", "≥ 40%")
#: Risk numbers written in a cell: up to three lines of three, or two lines and "+N more".
PER_LINE = 3
#: Risks listed in the key beside the grid.
KEY_LIMIT = 14


def severity_class(row: int, col: int) -> int:
    """0 low (green) … 3 high (red), from the score (row + 1)·(col + 1) of 1–25 as in the
    usual 5×5 matrix: up to 4 low, 5–9 medium, 10–14 high, 15 and up very high."""
    score = (row + 1) * (col + 1)
    return 0 if score <= 4 else 1 if score <= 9 else 2 if score <= 14 else 3


def _round2(value: float) -> float:
    """``value`` to two significant figures (bin edges people can read)."""
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value)) - 1
    return float(round(value / 10**exponent) * 10**exponent)


def impact_edges(impacts: Sequence[float]) -> tuple[float, float, float, float]:
    """The four inner edges of the five impact columns: log-spaced between the smallest and
    the largest positive likely impact (the spread of a register is usually orders of
    magnitude), rounded to two significant figures. With one distinct value (or none) the
    range is widened to a factor of 3 either way so that value lands in the middle column."""
    positive = sorted(v for v in impacts if v > 0)
    if not positive:
        return (1.0, 10.0, 100.0, 1000.0)
    lo, hi = positive[0], positive[-1]
    if hi < lo * 1.5:
        lo, hi = lo / 3.0, hi * 3.0
    ratio = (hi / lo) ** (1 / 5)
    edges = [_round2(lo * ratio**k) for k in range(1, 5)]
    for k in range(1, 4):  # rounding must keep the edges increasing
        if edges[k] <= edges[k - 1]:
            edges[k] = edges[k - 1] * 1.01
    return (edges[0], edges[1], edges[2], edges[3])


def cell_of(risk: Risk, edges: Sequence[float]) -> tuple[int, int]:
    """(row, column) of a risk: row = probability band 0–4, column = impact band 0–4."""
    return (
        bisect.bisect_right(PROBABILITY_EDGES, risk.probability),
        bisect.bisect_right(list(edges), risk.impact_likely),
    )


def cell_numbers(numbers: Sequence[int]) -> str:
    """The risk numbers of one cell in at most three short lines ("R1 R4 R9")."""
    if len(numbers) <= 3 * PER_LINE:
        shown, rest = list(numbers), 0
    else:
        shown, rest = list(numbers[: 2 * PER_LINE]), len(numbers) - 2 * PER_LINE
    lines = [
        " ".join(f"R{n}" for n in shown[i : i + PER_LINE]) for i in range(0, len(shown), PER_LINE)
    ]
    if rest:
        lines.append(f"+{rest} more")
    return "\n".join(lines)


def _short_money(value: float) -> str:
    """``850``, ``1.3k``, ``420k``, ``2.5M``: a bin edge, in as few characters as possible."""
    for threshold, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if value >= threshold * 0.9995:
            return f"{value / threshold:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{value:.2g}" if value < 100 else f"{value:.0f}"


def _impact_labels(edges: Sequence[float]) -> list[str]:
    money = _short_money
    inner = [f"{money(a)}–{money(b)}" for a, b in itertools.pairwise(edges)]
    return [f"< {money(edges[0])}", *inner, f"≥ {money(edges[-1])}"]


@style.chart(TITLE)
def risk_heat_map(
    case: Case,
    _analysis: CaseAnalysis | None = None,
    *,
    scenario_id: str | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """The risks of the register in a 5×5 grid: probability band (rows, see
    ``PROBABILITY_EDGES``) × band of likely impact per occurrence (columns, see
    ``impact_edges``). Cells run green → amber → red by ``severity_class``; each shows
    how many risks it holds and their numbers (R1 = the first risk of the register), and a key
    beside the grid names the risks in the most severe cells first. With ``scenario_id``, the
    scenario's risk overrides are applied first. The analysis is not needed (the catalogue
    hands one to every chart)."""
    if not case.risks:
        return style.message_figure(TITLE, "Add risks to the register to see the heat map.")
    risks = list(case.risks)
    scenario = next((s for s in case.scenarios if s.id == scenario_id), None)
    if scenario is not None:
        risks = [effective_risk(r, scenario) for r in risks]
    currency = case.info.currency
    edges = impact_edges([r.impact_likely for r in risks])
    cells: dict[tuple[int, int], list[int]] = {}
    for number, risk in enumerate(risks, start=1):
        cells.setdefault(cell_of(risk, edges), []).append(number)

    width, height = size or (8.0, 5.0)
    fig = style.new_figure(width, height, label="heat-map")
    ax, key = fig.subplots(1, 2, width_ratios=(3.0, 1.6))
    style.style_axes(ax)
    for row in range(5):
        for col in range(5):
            numbers = cells.get((row, col), [])
            ax.add_patch(
                Rectangle(
                    (col, row),
                    1,
                    1,
                    facecolor=style.SEVERITY[severity_class(row, col)],
                    edgecolor="white",
                    linewidth=2.0,
                    alpha=1.0 if numbers else 0.4,
                    gid=f"heat-cell-{row}-{col}",
                )
            )
            if not numbers:
                continue
            count = ax.text(
                col + 0.5,
                row + 0.64,
                str(len(numbers)),
                ha="center",
                va="center",
                fontsize=style.TITLE_SIZE + 1,
                fontweight="bold",
                color=style.INK,
            )
            count.set_gid(f"heat-count-{row}-{col}")
            shown = cell_numbers(numbers)
            ax.text(
                col + 0.5,
                row + 0.3,
                shown,
                ha="center",
                va="center",
                fontsize=style.TINY_SIZE,
                color=style.INK,
                linespacing=1.1,
            )
    ax.set_xlim(0, 5)
    ax.set_ylim(0, 5)
    ax.set_aspect("auto")
    ax.set_xticks([c + 0.5 for c in range(5)], labels=_impact_labels(edges))
    ax.set_yticks([r + 0.5 for r in range(5)], labels=list(PROBABILITY_LABELS))
    ax.tick_params(length=0)
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.set_xlabel(f"Likely impact per occurrence ({currency})")
    ax.set_ylabel("Probability (per contract, or per year)")
    _key(key, risks, cells)
    where = f" under {style.shorten(scenario.name, 40)}" if scenario is not None else ""
    subtitle = f"{len(risks)} risks{where}; impact columns are log-spaced over the register"
    style.set_titles(fig, TITLE, subtitle)
    return fig


def _key(ax: Axes, risks: list[Risk], cells: dict[tuple[int, int], list[int]]) -> None:
    ax.set_axis_off()
    ranked = sorted(
        cells.items(), key=lambda item: (-severity_class(*item[0]), -sum(item[0]), item[0])
    )
    numbers = [n for _, members in ranked for n in members]
    listed = numbers[:KEY_LIMIT]
    entries = [style.wrap(risks[n - 1].name or risks[n - 1].id, 30) for n in listed]
    rows = sum(e.count("\n") + 1 for e in entries) + len(entries) * 0.35 + 2
    step = min(0.05, 0.98 / rows)
    ax.text(0.0, 1.0, "Key", fontweight="bold", fontsize=style.SMALL_SIZE, va="top")
    at = 1.0 - 1.6 * step
    for number, entry in zip(listed, entries, strict=True):
        ax.text(
            0.0,
            at,
            f"R{number}",
            fontsize=style.TINY_SIZE + 0.5,
            va="top",
            fontweight="bold",
            color=style.GREY_DARK,
        )
        ax.text(
            0.15,
            at,
            entry,
            fontsize=style.TINY_SIZE + 0.5,
            va="top",
            color=style.INK,
            linespacing=1.15,
        )
        at -= step * (entry.count("\n") + 1.35)
    if len(numbers) > len(listed):
        ax.text(
            0.0,
            at,
            f"… and {len(numbers) - len(listed)} more\n(most severe cells listed first)",
            fontsize=style.TINY_SIZE,
            va="top",
            color=style.GREY,
        )
