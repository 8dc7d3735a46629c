"""Their alternatives against our proposal: in money (effective price) and in value (points)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import blended_transform_factory

from desktop_app.analysis.results import AlternativeCost, CaseAnalysis, OptionValue
from desktop_app.charts import labels, style
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, numbers

TITLE = N_("Their alternatives vs our proposal")
VALUE_TITLE = N_("Their alternatives vs our proposal, in value for them")
#: At most this many bars (the cheapest, or the most valuable); the BATNAs are always shown.
LIMIT = 25


def _height(bars: int) -> float:
    return min(max(2.2 + (0.36 if bars <= 10 else 0.27) * bars, 3.2), 10.0)


@dataclass
class _Mark:
    """The label of a vertical reference line above the plot, in its wordings (best first)."""

    x: float
    wordings: tuple[str, ...]
    text: Text


def _top_labels(ax: Axes, marks: list[tuple[float, tuple[str, ...], str, str]]) -> list[_Mark]:
    """Labels of vertical reference lines, above the plot; placed when drawn (``_place``).
    ``marks``: (x, wordings, colour, gid)."""
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    if marks:  # a blank title keeps a line free above the plot for the labels
        style.set_plot_title(ax, " ", fontsize=style.SMALL_SIZE, fontweight="bold", pad=2.0)
    placed = []
    for x, wordings, colour, gid in marks:
        text = ax.text(
            x,
            1.01,
            wordings[0],
            transform=trans,
            ha="center",
            va="bottom",
            fontsize=style.SMALL_SIZE,
            color=colour,
            fontweight="bold",
            clip_on=False,
            gid=gid,
        )
        text.set_in_layout(False)  # placed when drawn, in the line the title keeps free
        placed.append(_Mark(x, wordings, text))
    return placed


@dataclass
class _Note:
    """A bar's figures at its end, the shorter wording kept for a narrow chart, and its BATNA
    tags (beside the figures, or under them when the bars have room)."""

    x: float
    text: Text
    wordings: tuple[str, ...]
    below: Text | None


def _bar_note(
    ax: Axes, x: float, y: float, notes: tuple[str, ...], tags: list[str], *, roomy: bool
) -> _Note:
    """A bar's figures at its end (``notes``: its wordings, longest first); its BATNA tags in
    bold under them (or after them, in their colour, when the bars are packed tight)."""
    tag = "  ·  ".join(tags)
    wordings = notes if roomy or not tags else tuple(f"{n}  ·  {tag}" for n in notes)
    text = ax.text(
        x,
        y,
        wordings[0],
        va="center",
        ha="left",
        fontsize=style.TINY_SIZE + 0.5,
        color=style.THEIRS if tags and not roomy else style.GREY_DARK,
        fontweight="bold" if tags and not roomy else "normal",
        bbox=style.LABEL_BOX,
        zorder=5,
    )
    text.set_in_layout(False)  # placed inside the plot when drawn (``_place``)
    below = None
    if tags and not roomy:
        text.set_gid("batna-label")
    elif tags:
        below = ax.text(
            x,
            y + 0.36,
            tag,
            va="center",
            ha="left",
            fontsize=style.TINY_SIZE + 0.5,
            color=style.THEIRS,
            fontweight="bold",
            bbox=style.LABEL_BOX,
            zorder=5,
        )
        below.set_gid("batna-label")
        below.set_in_layout(False)
    return _Note(x, text, wordings, below)


def _place(
    ax: Axes,
    notes: list[_Note],
    marks: list[_Mark],
    span: Rectangle | None,
    renderer: RendererBase,
    *,
    ticks: bool = True,
) -> None:
    """When drawn: room on the right for the longest bar's figures (the axis reaches further,
    or the figures are written shorter), as many price ticks as their labels leave room for,
    and the reference lines' labels spread above the plot so that they never overlap."""
    s = labels.scale(renderer)
    lo, hi = labels.as_built(ax, [t for n in notes for t in (n.text, n.below) if t is not None])
    box = ax.get_window_extent(renderer)
    for level in range(len(WORDINGS)):
        need = hi
        for note in notes:
            note.text.set_text(note.wordings[level])
            width = max(
                labels.extent(note.text, renderer).width,
                labels.extent(note.below, renderer).width if note.below is not None else 0.0,
            )
            room = box.width - width - 4.0 * s
            need = max(need, lo + (note.x - lo) * box.width / room) if room > 0 else math.inf
        # The bars keep most of the width; shorter figures before a squeezed plot.
        if need - lo <= (hi - lo) / BARS_AT_LEAST or level == len(WORDINGS) - 1:
            break
    need = min(need, lo + (hi - lo) / BARS_AT_LEAST_EVER)
    if need > hi:
        ax.set_xlim(lo, need)
        if span is not None:
            span.set_width(need - span.get_x())
    # What still does not fit (a very narrow chart) ends at the plot's right edge.
    right = ax.get_window_extent(renderer).x1 - 2.0 * s
    for note in notes:
        for text in (note.text, note.below):
            if text is not None and labels.extent(text, renderer).x1 > right:
                text.set_horizontalalignment("right")
                text.set_x(labels.display_to_data_x(ax, right))
    if ticks:
        labels.fit_ticks(ax, renderer)
    _spread_marks(ax, marks, renderer)


def _spread_marks(ax: Axes, marks: list[_Mark], renderer: RendererBase) -> None:
    """The reference labels side by side above the plot, each as near its line as it can be,
    in the first wording that fits the figure's width; the later ones dropped if none does."""
    if not marks:
        return
    figure = ax.get_figure(root=True)
    assert figure is not None
    gap = 8.0 * labels.scale(renderer)
    edge = figure.bbox
    shown = list(marks)
    while shown:
        for level in range(max(len(m.wordings) for m in shown)):
            for mark in shown:
                mark.text.set_text(mark.wordings[min(level, len(mark.wordings) - 1)])
            widths = [labels.extent(m.text, renderer).width for m in shown]
            wanted = [float(ax.transData.transform((m.x, 0.0))[0]) for m in shown]
            centres = labels.spread_apart(wanted, widths, edge.x0 + gap, edge.x1 - gap, gap)
            if centres is not None:
                for mark, centre in zip(shown, centres, strict=True):
                    mark.text.set_x(labels.display_to_data_x(ax, centre))
                    mark.text.set_visible(True)
                for mark in marks[len(shown) :]:
                    mark.text.set_visible(False)
                return
        shown = shown[:-1]
    for mark in marks:
        mark.text.set_visible(False)


def _shown(
    costs: list[AlternativeCost], keep: set[str], limit: int
) -> tuple[list[AlternativeCost], int]:
    ordered = sorted(costs, key=lambda c: (c.effective_price or 0.0, c.name, c.alternative_id))
    shown = ordered[:limit]
    shown += [c for c in ordered[limit:] if c.alternative_id in keep]
    return sorted(shown, key=ordered.index), len(ordered)


@style.chart(TITLE)
def alternatives_chart(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    limit: int = LIMIT,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Each of their price-based alternatives as a bar of its effective first-year price per
    unit (T_a/K: the price on our price path that would cost them as much, before the payment
    and liability terms that their walk-away of SPEC §8 counts), cheapest on top,
    against a line at our proposal's price and one at our walk-away. Their money BATNA (the
    cheapest: their walk-away) is highlighted; their value BATNA is starred; one that cannot be
    carried out (feasibility 0, never a BATNA) says it was left out. At most ``limit`` bars
    (the cheapest, plus the value BATNA when it is further down)."""
    if analysis is None:
        return style.message_figure(_(TITLE), _("Run the analysis to compare their alternatives."))
    zopa = analysis.zopa
    if not zopa.alternatives:
        return style.message_figure(
            _(TITLE), _("Add a price-based alternative of theirs to see their walk-away.")
        )
    costs = [c for c in zopa.alternatives if c.effective_price is not None]
    if not costs:
        return style.message_figure(
            _(TITLE), _("Enter our proposal's volume to put a price on their alternatives.")
        )
    money_batna = zopa.their_batna_alternative
    value_batna = analysis.value.theirs.batna_alternative
    keep = {i for i in (money_batna, value_batna) if i}
    shown, total = _shown(costs, keep, max(limit, 1))
    if size is None:  # as tall as its bars need
        return _alternatives_figure(case, analysis, costs, shown, total, size, roomy=None)[0]
    # A chart of a given size shows the bars it has room for (the cheapest, the BATNAs).
    limit, roomy = _bars_that_fit(
        [c.name for c in shown],
        limit,
        size,
        count=lambda limit: len(_shown(costs, keep, limit)[0]),
        sketch=lambda: _alternatives_figure(case, analysis, costs, shown, total, size, sketch=True),
    )
    shown, total = _shown(costs, keep, max(limit, 1))
    return _alternatives_figure(case, analysis, costs, shown, total, size, roomy=roomy)[0]


#: A bar's figures: in words, shorter, the money alone (a narrow chart takes the first that
#: leaves the bars ``BARS_AT_LEAST`` of the plot's width).
WORDINGS = ("full", "short", "figure")
BARS_AT_LEAST = 0.5
BARS_AT_LEAST_EVER = 0.35
#: More bars than this are packed tight: their BATNA tags after their figures.
ROOMY_BARS = 10
#: The characters of a bar's name per line (two lines at most), fewer on a narrow chart: the
#: names take at most about a third of its width.
NAME_CHARS = 34


def name_chars(width: float) -> int:
    """Characters per line of a bar's name on a chart ``width`` inches wide."""
    return max(min(int(0.33 * width * 72.0 / (style.SMALL_SIZE * 0.58)), NAME_CHARS), 14)


#: Rows of room the plot keeps above the first bar and below the last.
ROW_MARGIN = 0.35


def _row_pt(lines: int, *, roomy: bool) -> float:
    """The height a bar needs, in points: its name's lines, and in a roomy chart the tags
    under its figures."""
    name = lines * style.SMALL_SIZE * 1.25 + 3.0
    return max(name, 28.0 if roomy else 13.0)


def _bars_that_fit(
    names: list[str],
    limit: int,
    size: tuple[float, float],
    *,
    count: Callable[[int], int],
    sketch: Callable[[], tuple[Figure, Axes]],
) -> tuple[int, bool]:
    """How many bars a chart of ``size`` has room for, and whether they are roomy (their tags
    under their figures): the bars named ``names`` are those shown at ``limit``, and
    ``count(limit)`` says how many are shown at a lower limit (the chart's choice of bars).
    The plot's height is measured on a ``sketch`` of the chart without its bars (they do not
    change it), unless they surely fit. Returns the limit to choose the bars with, and
    whether they are roomy."""
    shown = len(names)
    lines = max(style.wrap(name, name_chars(size[0])).count("\n") + 1 for name in names)
    if shown <= ROOMY_BARS and labels.surely_fits(
        size[1], shown + ROW_MARGIN, _row_pt(lines, roomy=True)
    ):
        return limit, True
    fig, ax = sketch()
    height = labels.plot_height_pt(fig, ax)
    roomy = shown <= ROOMY_BARS and shown <= labels.rows_that_fit(
        height, _row_pt(lines, roomy=True), ROW_MARGIN
    )
    tight = labels.rows_that_fit(height, _row_pt(lines, roomy=False), ROW_MARGIN)
    while not roomy and shown > tight and limit > 1:
        limit = min(limit, shown) - 1
        shown = count(limit)
    return limit, roomy


def _alternatives_figure(
    case: Case,
    analysis: CaseAnalysis,
    costs: list[AlternativeCost],
    shown: list[AlternativeCost],
    total: int,
    size: tuple[float, float] | None,
    *,
    roomy: bool | None = None,
    sketch: bool = False,
) -> tuple[Figure, Axes]:
    """The chart of ``shown``; a ``sketch`` has all but the bars and their names (to measure
    the plot's height with)."""
    currency = case.info.currency
    zopa = analysis.zopa
    money_batna = zopa.their_batna_alternative
    value_batna = analysis.value.theirs.batna_alternative
    roomy = len(shown) <= ROOMY_BARS if roomy is None else roomy
    prices = [float(c.effective_price or 0.0) for c in shown]
    width, height = size or (8.0, _height(len(shown)))
    fig = style.new_figure(width, height, label="alternatives")
    ax = fig.add_subplot()
    style.style_axes(ax, grid="x")

    refs = [v for v in (zopa.proposal_price, zopa.our_walk_away) if v is not None]
    low, high = min([*prices, *refs]), max([*prices, *refs])
    span = max(high - low, abs(high) * 0.05, 1e-9)
    lo, hi = low - 0.12 * span, high + 0.32 * span
    ys = list(range(len(shown)))
    notes = []
    for i, (cost, price) in enumerate(zip(shown, prices, strict=True)):
        if sketch:
            break
        is_batna = cost.alternative_id == money_batna
        bars = ax.barh(
            i,
            price - lo,
            left=lo,
            height=0.62,
            color=style.THEIRS if is_batna else style.THEIRS_LIGHT,
            edgecolor="none",
        )
        bars.patches[0].set_gid(f"alternative-bar-{i}")
        tags = []
        if is_batna:
            tags.append(_("their BATNA"))
        if cost.alternative_id == value_batna:
            tags.append(_("★ value BATNA"))
        if cost.alternative_id in zopa.left_out:
            tags.append(_("left out: cannot be carried out"))
        money = style.format_money(price, currency, decimals=2)
        chance = style.format_percent(cost.feasibility)
        words = (
            _("{money}  ·  feasibility {chance}").format(money=money, chance=chance),
            f"{money} · {chance}",
            money,
        )
        notes.append(_bar_note(ax, price + 0.01 * span, i, words, tags, roomy=roomy))
    ax.set_yticks(
        [] if sketch else ys,
        labels=[] if sketch else [style.wrap(c.name, name_chars(width)) for c in shown],
    )
    style.literal_labels(ax.get_yticklabels())
    ax.set_ylim(len(shown) - 0.4, -0.75)
    ax.set_xlim(lo, hi)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.set_xlabel(_("Effective price per unit, first year ({currency})").format(currency=currency))

    marks: list[tuple[float, tuple[str, ...], str, str]] = []
    better: Rectangle | None = None
    if zopa.proposal_price is not None:
        ax.axvline(zopa.proposal_price, color=style.OURS, linewidth=1.8, zorder=3)
        better = ax.axvspan(zopa.proposal_price, hi, color=style.GREEN_LIGHT, alpha=0.45, zorder=0)
        price_text = style.format_money(zopa.proposal_price, currency, decimals=2)
        short = style.format_money(zopa.proposal_price, "", decimals=2).strip()
        marks.append(
            (
                zopa.proposal_price,
                (
                    _("Our proposal {price}").format(price=price_text),
                    _("Proposal {price}").format(price=short),
                ),
                style.OURS,
                "reference-label",
            )
        )
    if zopa.our_walk_away is not None:
        ax.axvline(
            zopa.our_walk_away,
            color=style.OUR_WALK_AWAY,
            linewidth=1.2,
            linestyle=(0, (4, 3)),
            gid="our-walk-away-line",
        )
        price_text = style.format_money(zopa.our_walk_away, currency, decimals=2)
        short = style.format_money(zopa.our_walk_away, "", decimals=2).strip()
        marks.append(
            (
                zopa.our_walk_away,
                (
                    _("Our walk-away {price}").format(price=price_text),
                    _("Walk-away {price}").format(price=short),
                ),
                style.OUR_WALK_AWAY,
                "our-walk-away-label",
            )
        )
    placed = _top_labels(ax, marks)
    labels.before_drawing(ax, functools.partial(_place, ax, notes, placed, better))

    subtitle = _subtitle(zopa.proposal_price, shown, money_batna, currency)
    priced = {c.alternative_id for c in costs}
    if value_batna is not None and value_batna not in priced:
        option = next((o for o in analysis.value.theirs.options if o.id == value_batna), None)
        if option is not None:
            subtitle += ". " + _("Their value BATNA, {name}, has no price").format(
                name=style.shorten(option.name, 40)
            )
    if total > len(shown):
        subtitle += "  " + _("(the {shown} cheapest of {total} shown)").format(
            shown=len(shown), total=total
        )
    style.set_titles(fig, _(TITLE), subtitle)
    legend = [
        Patch(color=style.THEIRS, label=_("their BATNA (cheapest for them)")),
        Patch(color=style.THEIRS_LIGHT, label=_("their other alternatives")),
    ]
    if zopa.proposal_price is not None:
        legend.append(Patch(color=style.GREEN_LIGHT, label=_("costs them more than our proposal")))
    style.legend_below(fig, legend, fontsize=style.TINY_SIZE + 0.5)
    return fig, ax


def _subtitle(
    proposal: float | None, shown: list[AlternativeCost], batna: str | None, currency: str
) -> str:
    best = next((c for c in shown if c.alternative_id == batna), None)
    if best is None or best.effective_price is None:
        return _("Effective price: what each way costs them over the contract, per unit.")
    name = style.shorten(best.name, 48)
    if proposal is None:
        return _("Their cheapest way without us: {name}").format(name=name)
    diff = best.effective_price - proposal
    amount = style.format_money(abs(diff), currency, decimals=2)
    sentence = (
        _("Their cheapest way without us: {name}, {amount} per unit more than our proposal")
        if diff >= 0
        else _("Their cheapest way without us: {name}, {amount} per unit less than our proposal")
    )
    return sentence.format(name=name, amount=amount)


@style.chart(VALUE_TITLE)
def value_chart(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    limit: int = LIMIT,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Their alternatives judged by their own criteria (0–100 points): the full bar is the
    value V if it works out, the dark part the expected value EV = p·V; a line marks what our
    proposal is worth to them. Their value BATNA (highest EV) is starred."""
    if analysis is None:
        return style.message_figure(
            _(VALUE_TITLE), _("Run the analysis to weigh their alternatives.")
        )
    theirs = analysis.value.theirs
    if not theirs.available:
        reason = theirs.reason or _("Give their side criteria with weights.")
        return style.message_figure(_(VALUE_TITLE), reason)
    options = [o for o in theirs.options if o.kind == "alternative"]
    if not options:
        return style.message_figure(_(VALUE_TITLE), _("Add their alternatives and score them."))
    ordered = sorted(options, key=lambda o: (-o.expected_value, o.name, o.id))
    keep = theirs.batna_alternative
    shown = _most_valuable(ordered, keep, limit)
    if size is None:  # as tall as its bars need
        return _value_figure(case, analysis, shown, size, roomy=None)[0]
    limit, roomy = _bars_that_fit(
        [o.name for o in shown],
        limit,
        size,
        count=lambda limit: len(_most_valuable(ordered, keep, limit)),
        sketch=lambda: _value_figure(case, analysis, shown, size, sketch=True),
    )
    shown = _most_valuable(ordered, keep, limit)
    return _value_figure(case, analysis, shown, size, roomy=roomy)[0]


def _most_valuable(ordered: list[OptionValue], keep: str | None, limit: int) -> list[OptionValue]:
    """The ``limit`` most valuable alternatives, and their value BATNA when further down."""
    shown = ordered[: max(limit, 1)]
    return shown + [o for o in ordered[len(shown) :] if o.id == keep]


def _value_figure(
    case: Case,
    analysis: CaseAnalysis,
    shown: list[OptionValue],
    size: tuple[float, float] | None,
    *,
    roomy: bool | None = None,
    sketch: bool = False,
) -> tuple[Figure, Axes]:
    """The chart of ``shown``; a ``sketch`` has all but the bars and their names."""
    theirs = analysis.value.theirs
    options = [o for o in theirs.options if o.kind == "alternative"]
    roomy = len(shown) <= ROOMY_BARS if roomy is None else roomy
    width, height = size or (8.0, _height(len(shown)))
    fig = style.new_figure(width, height, label="value")
    ax = fig.add_subplot()
    style.style_axes(ax, grid="x")
    notes = []
    for i, option in enumerate(shown):
        if sketch:
            break
        is_batna = option.id == theirs.batna_alternative
        ax.barh(i, option.value, height=0.62, color=style.GRID, edgecolor="none")
        bar = ax.barh(
            i,
            option.expected_value,
            height=0.62,
            color=style.THEIRS if is_batna else style.THEIRS_LIGHT,
            edgecolor="none",
        )
        bar.patches[0].set_gid(f"value-bar-{i}")
        expected = numbers.grouped(option.expected_value, 1)
        figures = _("EV {expected} of {value}").format(
            expected=expected, value=numbers.grouped(option.value, 1)
        )
        feasible = option.feasibility
        chance = style.format_percent(feasible) if feasible is not None else None
        words = (
            figures + (" · " + _("feasibility {chance}").format(chance=chance) if chance else ""),
            figures + (f" · {chance}" if chance else ""),
            _("EV {expected}").format(expected=expected),
        )
        notes.append(
            _bar_note(
                ax,
                max(option.value, option.expected_value) + 1.0,
                i,
                words,
                [_("★ their value BATNA")] if is_batna else [],
                roomy=roomy,
            )
        )
    chars = name_chars(width)
    names = [] if sketch else [style.wrap(o.name, chars) for o in shown]
    ax.set_yticks(range(len(names)), labels=names)
    style.literal_labels(ax.get_yticklabels())
    ax.set_ylim(len(shown) - 0.4, -0.75)
    ax.set_xlim(0, 118)
    ax.set_xticks(range(0, 101, 20))
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(_("Value for them (points, 0–100 on their criteria)"))
    marks: list[tuple[float, tuple[str, ...], str, str]] = []
    if theirs.proposal_value is not None:
        ax.axvline(theirs.proposal_value, color=style.OURS, linewidth=1.8, zorder=3)
        value = numbers.grouped(theirs.proposal_value, 1)
        marks.append(
            (
                theirs.proposal_value,
                (
                    _("Our proposal {price}").format(price=value),
                    _("Proposal {price}").format(price=value),
                ),
                style.OURS,
                "reference-label",
            )
        )
    demand = case.demand_scenario
    if demand is not None:
        figure = next((o for o in theirs.options if o.id == demand.id), None)
        if figure is not None:
            ax.axvline(figure.value, color=style.THEIRS, linewidth=1.2, linestyle=(0, (4, 3)))
            value = numbers.grouped(figure.value, 1)
            marks.append(
                (
                    figure.value,
                    (
                        _("Their demand {price}").format(price=value),
                        _("Demand {price}").format(price=value),
                    ),
                    style.THEIRS,
                    "reference-label",
                )
            )
    placed = _top_labels(ax, marks)
    labels.before_drawing(ax, functools.partial(_place, ax, notes, placed, None, ticks=False))
    subtitle = _("Dark: expected value EV = feasibility × value; light: value if it works out.")
    if theirs.gain is not None and theirs.gain >= 0:
        subtitle = (
            _(
                "Our proposal is worth {points} points more to them than their best alternative."
            ).format(points=numbers.grouped(theirs.gain, 1))
            + " "
            + subtitle
        )
    elif theirs.gain is not None:
        subtitle = (
            _(
                "Their best alternative is worth {points} points more to them than our proposal."
            ).format(points=numbers.grouped(-theirs.gain, 1))
            + " "
            + subtitle
        )
    if len(options) > len(shown):
        subtitle += "  " + _("(the {shown} most valuable of {total} shown)").format(
            shown=len(shown), total=len(options)
        )
    style.set_titles(fig, _(VALUE_TITLE), subtitle)
    return fig, ax
