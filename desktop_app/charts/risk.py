"""The risk register on a 5×5 heat map (probability × likely impact)."""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from desktop_app.analysis.results import CaseAnalysis
from desktop_app.charts import labels, risk_ties, style
from desktop_app.domain.model import Case, Risk
from desktop_app.domain.validate import effective_risk
from desktop_app.i18n import N_, _, language
from desktop_app.i18n import numbers as local_numbers

TITLE = N_("Risk heat map")
#: Probability rows (fractions, as entered in the register: per contract, or per year for a
#: ``per_year`` risk): under 5 %, 5–10 %, 10–20 %, 20–40 %, 40 % and more.
PROBABILITY_EDGES = (0.05, 0.10, 0.20, 0.40)
PROBABILITY_LABELS = ("< 5%", "5–10%", "10–20%", "20–40%", "≥ 40%")  # English; _probability_labels
#: The probability axis's title, shorter on a short map.
PROBABILITY_TITLES = (N_("Probability (per contract, or per year)"), N_("Probability"))
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


def cell_numbers(numbers: Sequence[int], per_line: int = PER_LINE, lines: int = 3) -> str:
    """The risk numbers of one cell in at most ``lines`` short lines ("R1 R4 R9"), the last
    saying how many more there are when they do not all fit ("+43 more", or "+43" on a line
    of its own numbers)."""
    if len(numbers) <= lines * per_line:
        shown, rest = list(numbers), 0
    else:
        shown, rest = list(numbers[: (lines - 1) * per_line]), len(numbers) - (lines - 1) * per_line
    out = [
        " ".join(f"R{n}" for n in shown[i : i + per_line]) for i in range(0, len(shown), per_line)
    ]
    if rest and lines == 1:
        return f"+{rest}"
    if rest:
        out.append(_("+{count} more").format(count=rest))
    return "\n".join(out)


#: How a cell's numbers are written, most first: (numbers per line, lines), down to none.
CELL_WORDINGS = ((3, 3), (2, 3), (2, 2), (3, 1), (2, 1), (1, 1), (0, 0))
#: The count's size in a cell, largest first.
COUNT_SIZES = (style.TITLE_SIZE + 1, style.TEXT_SIZE + 1, style.SMALL_SIZE)


def _probability_labels() -> list[str]:
    """The probability rows' labels in the language in use ("< 5%" / "< 5 %")."""
    if language() == "en":
        return list(PROBABILITY_LABELS)
    return [label.replace("%", "\u00a0%") for label in PROBABILITY_LABELS]


def _short_money(value: float) -> str:
    """``850``, ``1.3k``, ``420k``, ``2.5M``: a bin edge, in as few characters as possible."""
    for threshold, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if value >= threshold * 0.9995:
            return local_numbers.amount_in(
                f"{value / threshold:.1f}".rstrip("0").rstrip(".") + suffix, None
            )
    return local_numbers.amount_in(f"{value:.2g}" if value < 100 else f"{value:.0f}", None)


def _impact_limits(edges: Sequence[float]) -> list[str]:
    """The impact columns by their upper limits alone ("< 420k"), for a narrow map."""
    money = _short_money
    return [*(f"< {money(b)}" for b in edges), f"≥ {money(edges[-1])}"]


def _impact_labels(edges: Sequence[float]) -> list[str]:
    money = _short_money
    inner = [f"{money(a)}–{money(b)}" for a, b in itertools.pairwise(edges)]
    return [f"< {money(edges[0])}", *inner, f"≥ {money(edges[-1])}"]


#: The heat map's size when none is given (inches): the case does not change it.
SIZE = (8.0, 5.0)


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
        return style.message_figure(_(TITLE), _("Add risks to the register to see the heat map."))
    risks = list(case.risks)
    scenario = next((s for s in case.scenarios if s.id == scenario_id), None)
    if scenario is not None:
        risks = [effective_risk(r, scenario) for r in risks]
    currency = case.info.currency
    edges = impact_edges([r.impact_likely for r in risks])
    cells: dict[tuple[int, int], list[int]] = {}
    cell_of_number: dict[int, tuple[int, int]] = {}
    for number, risk in enumerate(risks, start=1):
        cell_of_number[number] = cell_of(risk, edges)
        cells.setdefault(cell_of_number[number], []).append(number)
    ties = risk_ties.ties_of(case, cell_of_number)

    width, height = size or SIZE
    fig = style.new_figure(width, height, label="heat-map")
    ax, key = fig.subplots(1, 2, width_ratios=(3.0, 1.6))
    style.style_axes(ax)
    cells_text: list[_Cell] = []
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
            listed = ax.text(
                col + 0.5,
                row + 0.3,
                cell_numbers(numbers),
                ha="center",
                va="center",
                fontsize=style.TINY_SIZE,
                color=style.INK,
                linespacing=1.1,
            )
            cells_text.append(_Cell(row, col, numbers, count, listed))
    ax.set_xlim(0, 5)
    ax.set_ylim(0, 5)
    ax.set_aspect("auto")
    impact_words = (_impact_labels(edges), _impact_limits(edges))
    ax.set_xticks([c + 0.5 for c in range(5)], labels=impact_words[0])
    ax.set_yticks([r + 0.5 for r in range(5)], labels=_probability_labels())
    ax.tick_params(length=0)
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.set_xlabel(_("Likely impact per occurrence ({currency})").format(currency=currency))
    ax.set_ylabel(_(PROBABILITY_TITLES[0]))
    lines = risk_ties.draw_lines(ax, ties)
    if lines:  # a line passing behind a cell's numbers leaves them readable
        for cell in cells_text:
            colour = style.SEVERITY[severity_class(cell.row, cell.col)]
            risk_ties.halo((cell.count, cell.listed), colour)
    entries = _key(key, risks, cells)
    entries.ties = risk_ties.tie_key(key, ties)
    labels.before_drawing(ax, functools.partial(_fit_grid, ax, cells_text, impact_words, lines))
    labels.before_drawing(key, functools.partial(_fit_key, key, entries))
    subtitle = (
        _("{count} risks under {scenario}; impact columns are log-spaced over the register")
        if scenario is not None
        else _("{count} risks; impact columns are log-spaced over the register")
    ).format(count=len(risks), scenario=style.shorten(scenario.name, 40) if scenario else "")
    style.set_titles(fig, _(TITLE), subtitle)
    return fig


@dataclass
class _Cell:
    """The texts of one cell of the grid: its count and the numbers of its risks."""

    row: int
    col: int
    numbers: list[int]
    count: Text
    listed: Text


@dataclass
class _Entry:
    """A line of the key: the risk's number and its name (wrapped to the key's width)."""

    number: Text
    name: Text
    words: str


@dataclass
class _KeyTexts:
    title: Text
    entries: list[_Entry]
    more: Text
    total: int
    ties: risk_ties.TieKey | None = None


def _fit_grid(
    ax: Axes,
    cells: list[_Cell],
    impact_words: tuple[list[str], list[str]],
    lines: list[risk_ties.TieLine],
    renderer: RendererBase,
) -> None:
    """When drawn: each cell's count and risk numbers in the first wording that fits inside the
    cell (fewer numbers, then the count alone, smaller), the impact columns' words shorter when
    they would touch, the probability axis's title as long as the grid is tall, and the
    correlations' labels where they meet none of these (``risk_ties.place_on_grid``)."""
    labels.fit_tick_labels(ax, renderer, impact_words)
    labels.fit_axis_label(ax, renderer, tuple(_(t) for t in PROBABILITY_TITLES), axis="y")
    pad = 3.0 * labels.scale(renderer)
    for cell in cells:
        x0, y0 = ax.transData.transform((cell.col, cell.row))
        x1, y1 = ax.transData.transform((cell.col + 1, cell.row + 1))
        room = Bbox.from_extents(x0 + pad, y0 + pad, x1 - pad, y1 - pad)
        _fit_cell(ax, cell, room, renderer)
    drawn = {(cell.row, cell.col): (cell.count, cell.listed) for cell in cells}
    risk_ties.place_on_grid(ax, lines, drawn, renderer)


def _fit_cell(ax: Axes, cell: _Cell, room: Bbox, renderer: RendererBase) -> None:
    for size in COUNT_SIZES:
        cell.count.set_fontsize(size)
        for per_line, lines in CELL_WORDINGS:
            words = cell_numbers(cell.numbers, per_line, lines) if lines else ""
            cell.listed.set_text(words)
            cell.listed.set_visible(bool(words))
            count = labels.extent(cell.count, renderer)
            listed = labels.extent(cell.listed, renderer)
            height = count.height + (listed.height if words else 0.0)
            width = max(count.width, listed.width if words else 0.0)
            if height <= room.height and width <= room.width:
                top = (room.y0 + room.y1) / 2 + height / 2
                centre = (room.x0 + room.x1) / 2
                cell.count.set_position(
                    tuple(ax.transData.inverted().transform((centre, top - count.height / 2)))
                )
                if words:
                    cell.listed.set_position(
                        tuple(
                            ax.transData.inverted().transform(
                                (centre, top - count.height - listed.height / 2)
                            )
                        )
                    )
                return
    cell.listed.set_visible(False)


def _fit_key(key: Axes, texts: _KeyTexts, renderer: RendererBase) -> None:
    """When drawn: the key's names wrapped to its width, its entries one under the other as
    far as its height goes (less the room the correlated pairs take), how many more risks
    there are under the last, then the correlated pairs."""
    box = key.get_window_extent(renderer)
    figure = key.get_figure(root=True)
    assert figure is not None
    right = figure.bbox.x1 - 2.0 * labels.scale(renderer)
    s = labels.scale(renderer)
    numbers = max(
        (labels.extent(entry.number, renderer).width for entry in texts.entries), default=0.0
    )
    name_x = box.x0 + numbers + 5.0 * s
    to_axes = key.transAxes.inverted()
    at = box.y1 - labels.extent(texts.title, renderer).height - 3.0 * s
    line = labels.extent(texts.title, renderer).height
    ties = texts.ties
    tie_room = 0.0
    if ties is not None:
        share = risk_ties.KEY_SHARE * box.height
        tie_room = risk_ties.tie_key_height(ties, right - box.x0, share, renderer) + line
    shown = 0
    for entry in texts.entries:
        labels.wrap_to_width(entry.name, entry.words, right - name_x, renderer, start=30)
        height = max(
            labels.extent(entry.name, renderer).height, labels.extent(entry.number, renderer).height
        )
        left = texts.total - shown - 1
        reserve = 2.2 * line if left else 0.0
        if at - height < box.y0 + reserve + tie_room:
            break
        entry.number.set_position(tuple(to_axes.transform((box.x0, at))))
        entry.name.set_position(tuple(to_axes.transform((name_x, at))))
        entry.number.set_visible(True)
        entry.name.set_visible(True)
        at -= height + 0.35 * line
        shown += 1
    for entry in texts.entries[shown:]:
        entry.number.set_visible(False)
        entry.name.set_visible(False)
    rest = texts.total - shown
    texts.more.set_visible(rest > 0)
    if rest > 0:
        texts.more.set_text(
            _("… and {count} more").format(count=rest)
            + "\n"
            + _("(most severe cells listed first)")
        )
        texts.more.set_position(tuple(to_axes.transform((box.x0, at))))
        size = labels.extent(texts.more, renderer)
        if at - size.height < box.y0 + tie_room or size.x1 > right:
            texts.more.set_text(_("… and {count} more").format(count=rest))
        at -= labels.extent(texts.more, renderer).height
    if ties is not None:
        risk_ties.place_tie_key(key, ties, box.x0, at - line, renderer)


def _key(ax: Axes, risks: list[Risk], cells: dict[tuple[int, int], list[int]]) -> _KeyTexts:
    ax.set_axis_off()
    ranked = sorted(
        cells.items(), key=lambda item: (-severity_class(*item[0]), -sum(item[0]), item[0])
    )
    numbers = [n for _, members in ranked for n in members]
    listed = numbers[:KEY_LIMIT]
    names = [risks[n - 1].name or risks[n - 1].id for n in listed]
    entries = [style.wrap(name, 30) for name in names]
    rows = sum(e.count("\n") + 1 for e in entries) + len(entries) * 0.35 + 2
    step = min(0.05, 0.98 / rows)
    title = ax.text(0.0, 1.0, _("Legend"), fontweight="bold", fontsize=style.SMALL_SIZE, va="top")
    at = 1.0 - 1.6 * step
    placed = []
    for number, entry, name in zip(listed, entries, names, strict=True):
        tag = ax.text(
            0.0,
            at,
            f"R{number}",
            fontsize=style.TINY_SIZE + 0.5,
            va="top",
            fontweight="bold",
            color=style.GREY_DARK,
        )
        text = ax.text(
            0.15,
            at,
            entry,
            fontsize=style.TINY_SIZE + 0.5,
            va="top",
            color=style.INK,
            linespacing=1.15,
        )
        for item in (tag, text):
            item.set_in_layout(False)  # the key is laid out when drawn
        placed.append(_Entry(tag, text, name))
        at -= step * (entry.count("\n") + 1.35)
    more = ax.text(
        0.0,
        at,
        _("… and {count} more").format(count=len(numbers) - len(listed))
        + "\n"
        + _("(most severe cells listed first)"),
        fontsize=style.TINY_SIZE,
        va="top",
        color=style.GREY,
    )
    more.set_in_layout(False)
    more.set_visible(len(numbers) > len(listed))
    return _KeyTexts(title, placed, more, len(numbers))
