"""The zone of possible agreement as a price bar, and the tornado of what moves its width."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Annotation, Text

from desktop_app.analysis.results import CaseAnalysis, SensitivityItem, Zopa
from desktop_app.analysis.wording import break_label
from desktop_app.charts import labels, style
from desktop_app.domain.model import Case
from desktop_app.i18n import N_, _, language

TITLE = N_("Zone of possible agreement")
TORNADO_TITLE = N_("What moves the ZOPA")
#: Tornado bars shown by default (the largest swings).
TOP = 12
MOVES_COLOURS = {
    "ours": (style.OUR_WALK_AWAY, style.OURS_LIGHT),
    "theirs": (style.THEIR_WALK_AWAY, style.THEIRS_LIGHT),
    "both": ("#148F77", "#A3E4D7"),
}
MOVES_NAMES = {
    "ours": N_("moves our walk-away"),
    "theirs": N_("moves their walk-away"),
    "both": N_("moves both"),
}
BAND = (0.40, 0.62)  # the zone's vertical extent, in axes fractions


def verdict_text(zopa: Zopa, currency: str) -> str:
    """The verdict on the proposal's price in one plain sentence."""
    share = style.format_percent(zopa.our_share) if zopa.our_share is not None else "?"
    lo, hi = zopa.fair_band
    band = _("fair band {low}–{high} of the zone").format(
        low=style.format_percent(lo), high=style.format_percent(hi)
    )
    words = {
        "fair": _("Our proposal is fair: it takes {share} of the zone ({band})."),
        "aggressive": _("Our proposal is aggressive: it takes {share} of the zone ({band})."),
        "generous": _("Our proposal is generous: it takes only {share} of the zone ({band})."),
        "below_our_walk_away": _("Our proposal is below our walk-away: it loses us money."),
        "above_their_walk_away": _(
            "Our proposal is above their walk-away: their best alternative is cheaper."
        ),
        "unknown": _("The verdict needs both walk-aways and our proposal's price."),
    }
    if zopa.verdict == "no_zopa":
        if zopa.our_walk_away is not None and zopa.their_walk_away is not None:
            gap = style.format_money(zopa.our_walk_away - zopa.their_walk_away, currency)
            return _("No ZOPA: their walk-away is {gap} per unit below ours.").format(gap=gap)
        return _("No ZOPA.")
    return words.get(zopa.verdict, "").format(share=share, band=band)


@dataclass
class _Label:
    """A mark's label on one row: where it points, its wordings (best first), the text."""

    x: float
    wordings: tuple[str, ...]
    text: Annotation


def _row(
    ax: Axes, marks: list[tuple[float, str, str, str, str | None]], y: float, va: str
) -> list[_Label]:
    """Labels of one row (above or below the band), each joined to its mark; spread when
    drawn (``_spread``) so that they never overlap. ``marks``: (x, name, price, colour,
    gid)."""
    row = []
    for x, name, price, colour, gid in marks:
        text = ax.annotate(
            f"{name} {price}",
            xy=(x, BAND[1] + 0.06 if va == "bottom" else BAND[0] - 0.06),
            xytext=(x, y),
            ha="center",
            va=va,
            fontsize=style.SMALL_SIZE,
            color=colour,
            fontweight="bold",
            linespacing=1.15,
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": style.GREY_LIGHT, "lw": 0.8},
            gid=gid,
        )
        text.set_in_layout(False)  # inside the plot; placed when drawn
        row.append(_Label(x, (f"{name} {price}", f"{name}\n{price}", price), text))
    return row


def _spread(ax: Axes, rows: list[list[_Label]], renderer: RendererBase) -> None:
    """When drawn: each row's labels side by side inside the plot, as near their marks as
    they can be, in the first wording that lets them all fit (one line, two, the price
    alone); a label far from its mark is joined to it by a thin line."""
    box = ax.get_window_extent(renderer)
    gap = 8.0 * labels.scale(renderer)
    for row in rows:
        if not row:
            continue
        wanted = [float(ax.transData.transform((label.x, 0.0))[0]) for label in row]
        for level in range(len(row[0].wordings)):
            for label in row:
                label.text.set_text(label.wordings[level])
            widths = [labels.extent(label.text, renderer).width for label in row]
            centres = labels.spread_apart(wanted, widths, box.x0, box.x1, gap)
            if centres is not None:
                break
        else:
            centres = style.spread(wanted, widths, box.x0, box.x1, gap)
        for label, centre, at in zip(row, centres, wanted, strict=True):
            label.text.set_x(labels.display_to_data_x(ax, centre))
            arrow = label.text.arrow_patch
            if arrow is not None:
                arrow.set_visible(abs(centre - at) > 0.02 * box.width)


#: The ZOPA bar's size when none is given, with its title and without (inches).
BAR_SIZES = {True: (8.0, 1.9), False: (8.0, 1.5)}


@style.chart(TITLE)
def zopa_bar(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    title: bool = True,
    size: tuple[float, float] | None = None,
) -> Figure:
    """A price axis with both walk-aways, the zone between them shaded green (or the gap red
    when there is no ZOPA), the fair band and fair price in darker green, and our proposal's
    and their demand's prices marked above. Compact: the dashboard's ZOPA bar (8 × 1.8 in)."""
    width, height = size or BAR_SIZES[title]
    if analysis is None:
        return style.message_figure(
            _(TITLE), _("Run the analysis to see the ZOPA."), (width, height)
        )
    zopa = analysis.zopa
    ours, theirs = zopa.our_walk_away, zopa.their_walk_away
    if ours is None and theirs is None:
        return style.message_figure(
            _(TITLE),
            _(
                "Enter our proposal's price, volume and costs, and a price-based alternative of "
                "theirs, to see the ZOPA."
            ),
            (width, height),
        )
    currency = case.info.currency
    demand = case.demand_scenario
    demand_price = demand.unit_price if demand is not None else None
    points = [v for v in (ours, theirs, zopa.proposal_price, demand_price) if v is not None]
    low, high = min(points), max(points)
    span = max(high - low, abs(high) * 0.04, 1e-9)
    lo, hi = low - 0.14 * span, high + 0.14 * span

    fig = style.new_figure(width, height, label="zopa")
    ax = fig.add_subplot()
    style.style_axes(ax)
    ax.set_xlim(lo, hi)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.spines[["left"]].set_visible(False)
    band_h = BAND[1] - BAND[0]
    ax.add_patch(Rectangle((lo, BAND[0]), hi - lo, band_h, color=style.GRID, lw=0, zorder=0))
    if ours is not None and theirs is not None and theirs > ours:
        ax.add_patch(
            Rectangle(
                (ours, BAND[0]),
                theirs - ours,
                band_h,
                color=style.GREEN_LIGHT,
                lw=0,
                zorder=1,
                gid="zopa-zone",
            )
        )
        f_lo, f_hi = zopa.fair_band
        ax.add_patch(
            Rectangle(
                (ours + f_lo * (theirs - ours), BAND[0]),
                (f_hi - f_lo) * (theirs - ours),
                band_h,
                color=style.GREEN,
                alpha=0.35,
                lw=0,
                zorder=2,
                gid="fair-band",
            )
        )
    elif ours is not None and theirs is not None:
        ax.add_patch(
            Rectangle(
                (theirs, BAND[0]),
                ours - theirs,
                band_h,
                facecolor=style.RED_LIGHT,
                edgecolor=style.RED,
                hatch="////",
                lw=0.0,
                zorder=1,
                gid="zopa-gap",
            )
        )
        ax.text(
            (ours + theirs) / 2,
            BAND[0] + band_h / 2,
            _("no ZOPA"),
            ha="center",
            va="center",
            fontsize=style.SMALL_SIZE,
            color=style.RED,
            fontweight="bold",
            zorder=3,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
        )
    below: list[tuple[float, str, str, str, str | None]] = []
    above: list[tuple[float, str, str, str, str | None]] = []
    for value, name, colour, gid in (
        (ours, _("Our walk-away"), style.OUR_WALK_AWAY, "our-walk-away"),
        (theirs, _("Their walk-away"), style.THEIR_WALK_AWAY, "their-walk-away"),
    ):
        if value is None:
            continue
        ax.plot(
            [value, value],
            [BAND[0] - 0.05, BAND[1] + 0.05],
            color=colour,
            lw=2.2,
            zorder=4,
            solid_capstyle="butt",
            gid=f"{gid}-line",
        )
        below.append(
            (value, name, style.format_money(value, currency, decimals=2), colour, f"{gid}-label")
        )
    if zopa.fair_price is not None and zopa.exists:
        ax.plot(
            [zopa.fair_price] * 2,
            [BAND[0], BAND[1]],
            color=style.GREEN,
            lw=1.4,
            zorder=4,
            linestyle=(0, (2, 1.5)),
        )
        below.append(
            (
                zopa.fair_price,
                _("Fair"),
                style.format_money(zopa.fair_price, currency, decimals=2),
                style.GREEN,
                None,
            )
        )
    for value, name, colour in (
        (zopa.proposal_price, _("Our proposal"), style.OURS),
        (demand_price, _("Their demand"), style.THEIRS),
    ):
        if value is None:
            continue
        ax.plot(
            value, BAND[1] + 0.07, marker="v", color=colour, markersize=8, zorder=5, clip_on=False
        )
        above.append((value, name, style.format_money(value, currency, decimals=2), colour, None))
    rows = [_row(ax, above, 0.98, "top"), _row(ax, below, 0.02, "bottom")]
    labels.before_drawing(ax, functools.partial(_spread, ax, rows))
    ax.xaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.tick_params(axis="x", labelsize=style.TINY_SIZE + 0.5)
    labels.before_drawing(ax, functools.partial(labels.fit_ticks, ax, most=7))
    if title:
        subtitle = verdict_text(zopa, currency)
        if ours is None:
            subtitle = _(
                "Our walk-away is not known yet: enter our costs and the proposal's volume."
            )
        elif theirs is None:
            subtitle = _("Their walk-away is not known: add a price-based alternative of theirs.")
        style.set_titles(
            fig, _("Zone of possible agreement (price per unit, first year)"), subtitle
        )
    return fig


#: The red (hatched) band behind a row whose move breaks something; the PDF shows its tint.
BREAK_HATCH = "////"
BREAK_FACE = style.RED_LIGHT


def _items(analysis: CaseAnalysis, top: int) -> list[SensitivityItem]:
    """The tornado in the analysis's ranking (a move that breaks something first, then the
    largest swing): the inputs that break something or have a swing above 0."""
    usable = [
        i
        for i in analysis.sensitivity
        if i.breaks is not None
        or (i.low is not None and i.high is not None and i.swing is not None and i.swing > 0)
    ]
    return usable[: max(top, 1)]


def _move(pct: float, sign: str | None = None) -> str:
    """A move of an input in percent: "−20%", "+20%", "±20%" (German "−20 %")."""
    shown = sign if sign is not None else ("−" if pct < 0 else "+")
    return shown + (
        f"{abs(pct):g}%" if language() == "en" else f"{abs(pct):g}\u00a0%".replace(".", ",")
    )


def _undefined_mark(ax: Axes, item: SensitivityItem, base: float, row: int, pct: float) -> Text:
    """Where a move leaves the width undefined, a red note at today's width instead of a bar:
    on the side the other move's bar does not take."""
    ends = [(item.low, _move(-pct)), (item.high, _move(pct))]
    missing = [sign for end, sign in ends if end is None]
    defined = [end for end, _ in ends if end is not None]
    right = not defined or defined[0] < base
    note = ax.text(
        base,
        row,
        "  "
        + (
            _("no width at {move}").format(move=missing[0])
            if len(missing) == 1
            else _("no width at {move} and {other}").format(move=missing[0], other=missing[1])
        )
        + "  ",
        ha="left" if right else "right",
        va="center",
        fontsize=style.TINY_SIZE,
        color=style.RED,
        fontweight="bold",
        zorder=4,
        gid=f"tornado-undefined-{row}",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8, "alpha": 0.85},
    )
    note.set_in_layout(False)
    return note


@style.chart(TORNADO_TITLE)
def tornado(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    top: int = TOP,
    size: tuple[float, float] | None = None,
) -> Figure:
    """The ZOPA width when each input is moved down (light) and up (dark) by the case's
    sensitivity percentage, one input at a time, around the base width; the ``top`` first
    in the analysis's ranking. A move that leaves a walk-away undefined or removes the zone
    ranks first: its row is shaded (hatched) red across the chart, its label says in red what
    breaks, and a move whose width is undefined has a red note instead of a bar. Then the
    largest swings, largest first. Colours say which walk-away the input moves (ours, theirs,
    both): the inputs that move theirs are the intelligence to gather."""
    if analysis is None:
        return style.message_figure(_(TORNADO_TITLE), _("Run the analysis to see the sensitivity."))
    base = analysis.zopa.width
    items = _items(analysis, top)
    if base is None or not items:
        return style.message_figure(
            TORNADO_TITLE,
            _(
                "The sensitivity needs both walk-aways: our costs and proposal, and a "
                "price-based alternative of theirs."
            ),
        )
    if size is None:  # as tall as its rows need
        return _tornado_figure(case, analysis, items, size)[0]
    # A chart of a given size shows the inputs it has room for, in the analysis's order: the
    # plot's height is measured on a sketch without the bars and names (unless they surely
    # fit).
    pct = analysis.settings.sensitivity_pct
    total = len(items)
    while len(items) > 1:
        row = _row_pt([_label(item, pct, size[0]) for item in items])
        if labels.surely_fits(size[1], len(items) + 0.1, row):
            break
        sketch, ax = _tornado_figure(case, analysis, items, size, total=total, sketch=True)
        fits = labels.rows_that_fit(labels.plot_height_pt(sketch, ax), row, 0.1)
        if fits >= len(items):
            break
        items = items[: max(fits, 1)]
    return _tornado_figure(case, analysis, items, size, total=total)[0]


#: The inputs' names: their size, and their lines close together.
NAME_SIZE = style.TINY_SIZE + 0.5
NAME_SPACING = 1.05


def _row_pt(names: list[str]) -> float:
    """The rows' spacing the names need (points), measured: two neighbours' names, each
    centred on its row, must not meet (three lines next to one need two lines' room)."""
    dpi = style.figure_dpi()
    renderer = labels.measuring_renderer(dpi)
    probe = labels.probe(dpi, fontsize=NAME_SIZE, linespacing=NAME_SPACING)
    heights = []
    for name in names:
        probe.set_text(name)
        heights.append(labels.extent(probe, renderer).height * 72.0 / dpi)
    pairs = [(a + b) / 2.0 for a, b in itertools.pairwise(heights)] or heights
    return max(pairs) + 0.5


def _label(item: SensitivityItem, pct: float, width: float = 8.0) -> str:
    """An input's name (wrapped: at most about a third of a chart ``width`` inches wide), and
    in a second part what its move breaks."""
    chars = max(min(int(0.33 * width * 72.0 / ((style.TINY_SIZE + 0.5) * 0.58)), 46), 18)
    label = style.wrap(item.label, chars)
    words = break_label(item, pct)
    return label if words is None else f"{label}\n{words}"


def _tornado_figure(
    case: Case,
    analysis: CaseAnalysis,
    items: list[SensitivityItem],
    size: tuple[float, float] | None,
    *,
    total: int = 0,
    sketch: bool = False,
) -> tuple[Figure, Axes]:
    """The tornado of ``items`` (the first of ``total``: the subtitle says when some are left
    out); a ``sketch`` has all but the bars and their names."""
    base = analysis.zopa.width
    assert base is not None
    currency = case.info.currency
    pct = analysis.settings.sensitivity_pct
    breaking = sum(1 for i in items if i.breaks is not None)
    width, height = size or (8.0, 1.9 + 0.36 * len(items) + 0.3 * breaking)
    fig = style.new_figure(width, height, label="tornado")
    ax = fig.add_subplot()
    style.style_axes(ax, grid="x")
    values = [base] + [v for i in items for v in (i.low, i.high) if v is not None]
    low, high = min(values), max(values)
    span = max(high - low, abs(base) * 0.05, 1e-9)
    lo, hi = low - 0.1 * span, high + 0.1 * span
    ends: list[Text] = []  # the figures at the bars' ends, kept inside the plot when drawn
    # A row's two figures on the same side of the line (the nearer, the farther): joined into
    # one when drawn if they would run into each other.
    pairs: list[tuple[Text, Text]] = []
    no_zone = lo < 0 < hi or high <= 0
    red = None
    if no_zone:
        red = ax.axvspan(lo, 0, color=style.RED_LIGHT, alpha=0.5, lw=0, zorder=0, gid="no-zopa")
    for row, item in enumerate(items):
        if sketch:
            break
        dark, light = MOVES_COLOURS.get(item.moves, (style.GREY, style.GREY_LIGHT))
        if item.breaks is not None:
            band = ax.axhspan(
                row - 0.45,
                row + 0.45,
                facecolor=BREAK_FACE,
                edgecolor=style.RED,
                hatch=BREAK_HATCH,
                lw=0.0,
                alpha=0.7,
                zorder=0.5,
            )
            band.set_gid(f"tornado-break-{row}")
        for end, colour, gid in ((item.low, light, "low"), (item.high, dark, "high")):
            if end is None:  # the width is undefined at this move: no bar to draw
                continue
            bar = ax.barh(row, float(end) - base, left=base, height=0.64, color=colour, lw=0)
            bar.patches[0].set_gid(f"tornado-{gid}-{row}")
        if item.low is None or item.high is None:
            ends.append(_undefined_mark(ax, item, base, row, pct))
        row_figures: list[tuple[float, Text]] = []
        for end in (item.low, item.high):
            if end is None:
                continue
            value = float(end)
            right = value >= base
            figure = ax.text(
                value + (0.008 if right else -0.008) * span,
                row,
                style.format_money(value, "", decimals=2),  # the axis names the currency
                ha="left" if right else "right",
                va="center",
                fontsize=style.TINY_SIZE,
                color=style.GREY_DARK,
            )
            figure.set_in_layout(False)
            ends.append(figure)
            row_figures.append((value, figure))
        if len(row_figures) == 2 and (row_figures[0][0] >= base) == (row_figures[1][0] >= base):
            near, far = sorted(row_figures, key=lambda pair: abs(pair[0] - base))
            pairs.append((near[1], far[1]))
    ax.axvline(base, color=style.INK, lw=1.2, zorder=3)
    names = [] if sketch else [_label(item, pct, width) for item in items]
    ax.set_yticks(range(len(names)), labels=names)
    name_texts = ax.get_yticklabels()  # each call updates every tick: once
    style.literal_labels(name_texts)
    for text in name_texts:
        text.set_linespacing(NAME_SPACING)
    for row, (text, item) in enumerate(zip(name_texts, items, strict=False)):
        if item.breaks is not None:
            text.set_color(style.RED)
            text.set_gid(f"tornado-break-label-{row}")
    ax.set_ylim(len(items) - 0.45, -0.55)
    ax.set_xlim(lo, hi)
    ax.tick_params(axis="y", length=0, labelsize=style.TINY_SIZE + 0.5)
    ax.xaxis.set_major_formatter(style.MoneyFormatter(currency))
    ax.set_xlabel(_("ZOPA width ({currency} per unit)").format(currency=currency))
    moves = [m for m in ("ours", "theirs", "both") if any(i.moves == m for i in items)]
    handles = [Patch(color=MOVES_COLOURS[m][0], label=_(MOVES_NAMES[m])) for m in moves]
    handles += [
        Patch(color=style.GREY_LIGHT, label=_("input {move}").format(move=_move(-pct))),
        Patch(color=style.GREY, label=_("input {move}").format(move=_move(pct))),
    ]
    if no_zone:
        handles.append(Patch(color=style.RED_LIGHT, alpha=0.5, label=_("no ZOPA (width below 0)")))
    if breaking:
        handles.append(
            Patch(
                facecolor=BREAK_FACE,
                edgecolor=style.RED,
                hatch=BREAK_HATCH,
                lw=0.0,
                label=_("a move breaks the zone or a walk-away"),
            )
        )
    style.legend_below(fig, handles)
    labels.before_drawing(ax, functools.partial(_fit_tornado, ax, ends, red, pairs))
    subtitle = _(
        "Each input moved by {move} on its own; the line is today's width, {width} per unit."
    ).format(move=_move(pct, "±"), width=style.format_money(base, currency, decimals=2))
    if breaking:
        subtitle += " " + _(
            "Rows in red come first: that move removes the zone or leaves a walk-away undefined."
        )
    if total > len(items):
        subtitle += " " + _("(the first {shown} of {total} shown)").format(
            shown=len(items), total=total
        )
    style.set_titles(fig, _(TORNADO_TITLE), subtitle)
    return fig, ax


def _fit_tornado(
    ax: Axes,
    ends: list[Text],
    red: Rectangle | None,
    pairs: list[tuple[Text, Text]],
    renderer: RendererBase,
) -> None:
    """When drawn: the width axis long enough on both sides for the figures at the bars'
    ends to stay in the plot (the red "no ZOPA" side reaching its new left end), a row's two
    figures on one side written as one ("63.89 · 81.25", at the farther end) when the nearer
    would run into the farther, and as many ticks as their labels leave room for."""
    for near, far in pairs:  # as built: each figure at its own end
        near.set_visible(True)
        far.set_text(labels.remember(far, "text", far.get_text))
    labels.room_on_both_sides(ax, ends, renderer)
    gap = 3.0 * labels.scale(renderer)
    joined = False
    for near, far in pairs:
        if labels.intersect(labels.extent(near, renderer), labels.extent(far, renderer), gap):
            near.set_visible(False)
            first, second = near.get_text(), labels.remember(far, "text", far.get_text)
            right = far.get_horizontalalignment() == "left"
            far.set_text(f"{first} · {second}" if right else f"{second} · {first}")
            joined = True
    if joined:
        labels.room_on_both_sides(ax, ends, renderer)
    if red is not None:
        lo = ax.get_xlim()[0]
        red.set_width(red.get_x() + red.get_width() - lo)
        red.set_x(lo)
    labels.fit_ticks(ax, renderer)
