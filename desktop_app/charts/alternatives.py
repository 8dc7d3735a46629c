"""Their alternatives against our proposal: in money (effective price) and in value (points)."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from desktop_app.analysis.results import AlternativeCost, CaseAnalysis, OptionValue
from desktop_app.charts import style
from desktop_app.domain.model import Case

TITLE = "Their alternatives vs our proposal"
VALUE_TITLE = "Their alternatives vs our proposal, in value for them"
#: At most this many bars (the cheapest, or the most valuable); the BATNAs are always shown.
LIMIT = 25


def _height(bars: int) -> float:
    return min(max(2.2 + (0.36 if bars <= 10 else 0.27) * bars, 3.2), 10.0)


def _top_labels(
    ax: Axes, marks: list[tuple[float, str, str]], lo: float, hi: float, width_in: float
) -> None:
    """Labels of vertical reference lines, above the plot, spread so they do not overlap."""
    if not marks:
        return
    per_inch = (hi - lo) / max(width_in, 1.0)
    widths = [style.text_width_inches(text, style.SMALL_SIZE) * per_inch for _, text, _ in marks]
    gap = 0.08 * per_inch
    centres = style.spread([x for x, _, _ in marks], widths, lo, hi, gap)
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    for (_, text, colour), centre in zip(marks, centres, strict=True):
        ax.text(
            centre,
            1.01,
            text,
            transform=trans,
            ha="center",
            va="bottom",
            fontsize=style.SMALL_SIZE,
            color=colour,
            fontweight="bold",
            clip_on=False,
        )


def _bar_note(ax: Axes, x: float, y: float, note: str, tags: list[str], *, roomy: bool) -> None:
    """A bar's figures at its end; its BATNA tags in bold under them (or after them, in their
    colour, when the bars are packed tight)."""
    tag = "  ·  ".join(tags)
    text = ax.text(
        x,
        y,
        note if roomy or not tags else f"{note}  ·  {tag}",
        va="center",
        ha="left",
        fontsize=style.TINY_SIZE + 0.5,
        color=style.THEIRS if tags and not roomy else style.GREY_DARK,
        fontweight="bold" if tags and not roomy else "normal",
        bbox=style.LABEL_BOX,
        zorder=5,
    )
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
    unit (T_a/K: the price on our price path that would cost them as much), cheapest on top,
    against a line at our proposal's price and one at our walk-away. Their money BATNA (the
    cheapest: their walk-away) is highlighted; their value BATNA is starred; one that cannot be
    carried out (feasibility 0, never a BATNA) says it was left out. At most ``limit`` bars
    (the cheapest, plus the value BATNA when it is further down)."""
    currency = case.info.currency
    if analysis is None:
        return style.message_figure(TITLE, "Run the analysis to compare their alternatives.")
    zopa = analysis.zopa
    if not zopa.alternatives:
        return style.message_figure(
            TITLE, "Add a price-based alternative of theirs to see their walk-away."
        )
    costs = [c for c in zopa.alternatives if c.effective_price is not None]
    if not costs:
        return style.message_figure(
            TITLE, "Enter our proposal's volume to put a price on their alternatives."
        )
    money_batna = zopa.their_batna_alternative
    value_batna = analysis.value.theirs.batna_alternative
    shown, total = _shown(costs, {i for i in (money_batna, value_batna) if i}, max(limit, 1))
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
    for i, (cost, price) in enumerate(zip(shown, prices, strict=True)):
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
            tags.append("their BATNA")
        if cost.alternative_id == value_batna:
            tags.append("★ value BATNA")
        if cost.alternative_id in zopa.left_out:
            tags.append("left out: cannot be carried out")
        note = style.format_money(price, currency, decimals=2)
        note += f"  ·  feasibility {cost.feasibility:.0%}"
        _bar_note(ax, price + 0.01 * span, i, note, tags, roomy=len(shown) <= 10)
    ax.set_yticks(ys, labels=[style.wrap(c.name, 34) for c in shown])
    style.literal_labels(ax.get_yticklabels())
    ax.set_ylim(len(shown) - 0.4, -0.75)
    ax.set_xlim(lo, hi)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.set_xlabel(f"Effective price per unit, first year ({currency})")

    marks: list[tuple[float, str, str]] = []
    if zopa.proposal_price is not None:
        ax.axvline(zopa.proposal_price, color=style.OURS, linewidth=1.8, zorder=3)
        ax.axvspan(zopa.proposal_price, hi, color=style.GREEN_LIGHT, alpha=0.45, zorder=0)
        label = "Our proposal " + style.format_money(zopa.proposal_price, currency, decimals=2)
        marks.append((zopa.proposal_price, label, style.OURS))
    if zopa.our_walk_away is not None:
        ax.axvline(zopa.our_walk_away, color=style.OURS, linewidth=1.2, linestyle=(0, (4, 3)))
        label = "Our walk-away " + style.format_money(zopa.our_walk_away, currency, decimals=2)
        marks.append((zopa.our_walk_away, label, style.GREY_DARK))
    _top_labels(ax, marks, lo, hi, width * 0.62)

    subtitle = _subtitle(zopa.proposal_price, shown, money_batna, currency)
    priced = {c.alternative_id for c in costs}
    if value_batna is not None and value_batna not in priced:
        option = next((o for o in analysis.value.theirs.options if o.id == value_batna), None)
        if option is not None:
            subtitle += f". Their value BATNA, {style.shorten(option.name, 40)}, has no price"
    if total > len(shown):
        subtitle += f"  (the {len(shown)} cheapest of {total} shown)"
    style.set_titles(fig, TITLE, subtitle)
    legend = [
        Patch(color=style.THEIRS, label="their BATNA (cheapest for them)"),
        Patch(color=style.THEIRS_LIGHT, label="their other alternatives"),
    ]
    if zopa.proposal_price is not None:
        legend.append(Patch(color=style.GREEN_LIGHT, label="costs them more than our proposal"))
    fig.legend(
        handles=legend,
        loc="outside lower center",
        ncols=len(legend),
        fontsize=style.TINY_SIZE + 0.5,
    )
    return fig


def _subtitle(
    proposal: float | None, shown: list[AlternativeCost], batna: str | None, currency: str
) -> str:
    best = next((c for c in shown if c.alternative_id == batna), None)
    if best is None or best.effective_price is None:
        return "Effective price: what each way costs them over the contract, per unit."
    text = f"Their cheapest way without us: {style.shorten(best.name, 48)}"
    if proposal is None:
        return text
    diff = best.effective_price - proposal
    word = "more" if diff >= 0 else "less"
    amount = style.format_money(abs(diff), currency, decimals=2)
    return f"{text}, {amount} per unit {word} than our proposal"


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
        return style.message_figure(VALUE_TITLE, "Run the analysis to weigh their alternatives.")
    theirs = analysis.value.theirs
    if not theirs.available:
        reason = theirs.reason or "Give their side criteria with weights."
        return style.message_figure(VALUE_TITLE, reason)
    options = [o for o in theirs.options if o.kind == "alternative"]
    if not options:
        return style.message_figure(VALUE_TITLE, "Add their alternatives and score them.")
    ordered = sorted(options, key=lambda o: (-o.expected_value, o.name, o.id))
    shown: list[OptionValue] = ordered[: max(limit, 1)]
    shown += [o for o in ordered[len(shown) :] if o.id == theirs.batna_alternative]
    width, height = size or (8.0, _height(len(shown)))
    fig = style.new_figure(width, height, label="value")
    ax = fig.add_subplot()
    style.style_axes(ax, grid="x")
    for i, option in enumerate(shown):
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
        feas = f" · feasibility {option.feasibility:.0%}" if option.feasibility is not None else ""
        _bar_note(
            ax,
            max(option.value, option.expected_value) + 1.0,
            i,
            f"EV {option.expected_value:.1f} of {option.value:.1f}{feas}",
            ["★ their value BATNA"] if is_batna else [],
            roomy=len(shown) <= 10,
        )
    ax.set_yticks(range(len(shown)), labels=[style.wrap(o.name, 34) for o in shown])
    style.literal_labels(ax.get_yticklabels())
    ax.set_ylim(len(shown) - 0.4, -0.75)
    ax.set_xlim(0, 118)
    ax.set_xticks(range(0, 101, 20))
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Value for them (points, 0–100 on their criteria)")
    marks: list[tuple[float, str, str]] = []
    if theirs.proposal_value is not None:
        ax.axvline(theirs.proposal_value, color=style.OURS, linewidth=1.8, zorder=3)
        marks.append(
            (theirs.proposal_value, f"Our proposal {theirs.proposal_value:.1f}", style.OURS)
        )
    demand = case.demand_scenario
    if demand is not None:
        figure = next((o for o in theirs.options if o.id == demand.id), None)
        if figure is not None:
            ax.axvline(figure.value, color=style.THEIRS, linewidth=1.2, linestyle=(0, (4, 3)))
            marks.append((figure.value, f"Their demand {figure.value:.1f}", style.THEIRS))
    _top_labels(ax, marks, 0.0, 118.0, width * 0.62)
    subtitle = "Dark: expected value EV = feasibility × value; light: value if it works out."
    if theirs.gain is not None and theirs.gain >= 0:
        subtitle = (
            f"Our proposal is worth {theirs.gain:.1f} points more to them than their best "
            "alternative. " + subtitle
        )
    elif theirs.gain is not None:
        subtitle = (
            f"Their best alternative is worth {-theirs.gain:.1f} points more to them than our "
            "proposal. " + subtitle
        )
    style.set_titles(fig, VALUE_TITLE, subtitle)
    return fig
