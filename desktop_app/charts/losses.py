"""Simulated losses: the distribution under each scenario, and what a liability cap is worth."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from desktop_app.analysis import analyze_case
from desktop_app.analysis.figures import EXPECTED_LOSS, EXPECTED_SHORTFALL, VALUE_AT_RISK, words
from desktop_app.analysis.results import CaseAnalysis, LossFigures, ScenarioAnalysis
from desktop_app.charts import labels, style
from desktop_app.domain.model import Case, Scenario
from desktop_app.domain.validate import effective_risk
from desktop_app.i18n import N_, _, language, numbers

TITLE = N_("Simulated loss under each scenario")
SHORTFALL_TITLE = N_("Exposure with and without the liability cap")
#: The distribution is drawn up to the point that covers this share of every scenario's runs.
COVERAGE = 0.995


def _with_losses(analysis: CaseAnalysis) -> list[ScenarioAnalysis]:
    return [s for s in analysis.scenarios if s.loss.runs > 0]


def _looks(scenarios: Sequence[ScenarioAnalysis]) -> dict[str, tuple[str, style.Dash]]:
    return style.scenario_looks([(s.id, s.role) for s in scenarios])


def figure_money(value: float, currency: str) -> str:
    """A loss figure (expected loss, VaR, ES) as the brief's tables print it: whole units of
    the currency with thousands separators ("EUR 11,280,819"), one format per figure."""
    return style.format_money(value, currency, decimals=0, compact=False)


def _symbol(label: str) -> str:
    """A catalogue figure's symbol, the last word of its label: "ES90", "VaR90", "E[L]"."""
    return label.rsplit(" ", 1)[-1]


def _tail_share(analysis: CaseAnalysis) -> str:
    """The worst (1 − α) share that ES averages: "10%", "2.5%"."""
    share = f"{100.0 * (1.0 - analysis.settings.risk_confidence):.3g}"
    return f"{share}%" if language() == "en" else share.replace(".", ",") + "\u00a0%"


def _densities(loss: LossFigures) -> tuple[list[float], list[float]]:
    """Edges and density of the positive losses: the runs with no loss at all (L = 0, in the
    first bin) are taken out, the legend gives their share instead."""
    edges = list(loss.histogram.edges)
    counts = [float(c) for c in loss.histogram.counts]
    if counts:
        counts[0] = max(counts[0] - round(loss.p_no_loss * loss.runs), 0.0)
    total = sum(counts) or 1.0
    widths = [b - a for a, b in itertools.pairwise(edges)]
    return edges, [c / total / w if w > 0 else 0.0 for c, w in zip(counts, widths, strict=True)]


def _reach(loss: LossFigures) -> float:
    """The loss below which ``COVERAGE`` of the runs lie (from the histogram)."""
    counts = loss.histogram.counts
    edges = loss.histogram.edges
    total = sum(counts)
    if total == 0:
        return edges[-1] if edges else 1.0
    running = 0
    for count, upper in zip(counts, edges[1:], strict=True):
        running += count
        if running >= COVERAGE * total:
            return upper
    return edges[-1]


@style.chart(TITLE)
def loss_distributions(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    size: tuple[float, float] | None = None,
) -> Figure:
    """The simulated total loss L of each scenario (Monte Carlo histogram, runs without any
    loss taken out), one outline per scenario; below it a strip per scenario with the expected
    loss (dot), VaR (bar) and expected shortfall (diamond) at the case's confidence level."""
    if analysis is None:
        return style.message_figure(_(TITLE), _("Run the analysis to simulate the losses."))
    scenarios = _with_losses(analysis)
    if not case.risks or not scenarios:
        return style.message_figure(
            _(TITLE), _("Add risks to the register to simulate the losses.")
        )
    if all(s.loss.expected_shortfall <= 0 for s in scenarios):
        return style.message_figure(_(TITLE), _("No risk can cause a loss under these scenarios."))
    looks = _looks(scenarios)
    if size is None:
        return _losses_figure(case, analysis, scenarios, looks, size)[0]
    # A chart of a given size shows the scenarios it has room for (a strip row each, and an
    # entry each in the legend): the demand and our proposal first, then the others in order.
    ranked = sorted(scenarios, key=lambda s: ROLE_ORDER.get(s.role, len(ROLE_ORDER)))
    shown = scenarios
    while True:
        fig, ax, strip, legend = _losses_figure(
            case, analysis, shown, looks, size, total=len(scenarios)
        )
        if len(shown) <= 1:
            return fig
        beside = size[0] >= WIDE_IN
        # Surely room: the strip's share of the plots for its rows, and the legend (at most
        # three lines an entry) no taller than the plots beside it, or (under them, two
        # entries a row) than a quarter of them.
        plots = (fig.get_figheight() - labels.OVERHEAD_IN) * 72.0
        strip_share = _strip_share(len(shown))
        entry_pt = style.SMALL_SIZE * 1.25 * 3.4
        legend_pt = len(shown) * entry_pt + 12.0 if beside else (len(shown) + 1) // 2 * entry_pt
        if (len(shown) + 0.2) * STRIP_ROW_PT <= plots * strip_share * 0.9 and (
            legend_pt <= plots * (0.9 if beside else 0.25)
        ):
            return fig
        # Measured, after the layout: the plots' height (the strip takes its share of it, by
        # its rows), the legend's (beside the plots: no taller than they are; under them: an
        # entry less, a share of it more for the plots), and the distributions' least height.
        strip_height = labels.axes_height_pt(fig, strip)
        renderer = labels.renderer_of(fig)
        to_pt = 72.0 / fig.dpi
        plot_height = ax.get_window_extent(renderer).height * to_pt
        legend_height = legend.get_window_extent(renderer).height * to_pt
        keep = _scenarios_that_fit(len(shown), plot_height, strip_height, legend_height, beside)
        if keep >= len(shown):
            return fig
        kept = {s.id for s in ranked[: max(min(keep, len(shown) - 1), 1)]}
        shown = [s for s in scenarios if s.id in kept]


def _strip_share(count: int) -> float:
    """The strip's share of the plots' height with ``count`` scenarios (the height ratios)."""
    return (0.35 + 0.22 * count) / (3.35 + 0.22 * count)


def _scenarios_that_fit(count: int, plot: float, strip: float, legend: float, beside: bool) -> int:
    """How many of ``count`` scenarios the chart has room for, from the heights (points) of
    its distributions, its strip and its legend as laid out with all ``count``: the most
    whose strip rows fit the strip's share of the plots, whose legend fits beside them, and
    that leave the distributions ``MIN_PLOT_PT``."""
    entry = legend / (count + (0 if beside else 3))  # an entry's share of the legend
    for keep in range(count, 0, -1):
        plots = plot + strip + (0.0 if beside else (count - keep) * entry)
        rows = labels.rows_that_fit(plots * _strip_share(keep), STRIP_ROW_PT, 0.2)
        legend_fits = keep * entry <= plot + strip + 4.0 if beside else True
        tall_enough = plots * (1.0 - _strip_share(keep)) >= MIN_PLOT_PT
        if rows >= keep and legend_fits and tall_enough:
            return keep
    return 1


#: The height of a scenario's row in the strip under the distributions, in points.
STRIP_ROW_PT = 11.5
#: From this width (inches) the scenarios' legend stands beside the plots, else under them.
WIDE_IN = 6.5
#: The least height (points) the distributions keep when the legend is under the plots.
MIN_PLOT_PT = 60.0


def _losses_figure(
    case: Case,
    analysis: CaseAnalysis,
    scenarios: list[ScenarioAnalysis],
    looks: dict[str, tuple[str, style.Dash]],
    size: tuple[float, float] | None,
    *,
    total: int | None = None,
) -> tuple[Figure, Axes, Axes, Legend]:
    currency = case.info.currency
    filled = words(case.info)
    width, height = size or (8.0, 4.2 + 0.28 * len(scenarios))
    fig = style.new_figure(width, height, label="losses")
    # The scenarios' legend never covers the distributions, however long their names: on a
    # wide chart it has a column of its own on the right (a sliver of an axes whose legend
    # hangs off its right side, so the layout gives the legend exactly the room it takes);
    # on a narrow one it joins the marks' legend under the plots.
    beside = width >= WIDE_IN
    grid = fig.add_gridspec(
        2,
        2 if beside else 1,
        height_ratios=(3.0, 0.35 + 0.22 * len(scenarios)),
        width_ratios=(1.0, 1e-3) if beside else None,
    )
    ax = fig.add_subplot(grid[0, 0])
    strip = fig.add_subplot(grid[1, 0], sharex=ax)
    ax.tick_params(axis="x", labelbottom=False)  # the strip's axis tells the losses
    style.style_axes(ax, grid="x")
    style.style_axes(strip, grid="x")
    reach = max(max(_reach(s.loss), s.loss.expected_shortfall * 1.15) for s in scenarios)
    top = 0.0
    for s in scenarios:
        edges, density = _densities(s.loss)
        colour, dash = looks[s.id]
        ax.stairs(
            density,
            edges,
            color=colour,
            linewidth=1.6,
            linestyle=dash,
            label=legend_entry(s.name, s.loss.p_no_loss, width),
            gid=f"loss-line-{s.id}",
        )
        ax.stairs(density, edges, fill=True, color=colour, alpha=0.07)
        top = max([top, *density])
    ax.set_ylim(0, top * 1.08 if top > 0 else 1.0)
    ax.set_yticks([])
    ax.set_ylabel(_(DENSITY_LABELS[0]))
    ax.spines["left"].set_visible(False)
    handles, names = ax.get_legend_handles_labels()

    rows = list(range(len(scenarios)))
    marks = []
    es_symbol = _symbol(EXPECTED_SHORTFALL.label_in(filled))
    for row, s in zip(rows, scenarios, strict=True):
        colour = looks[s.id][0]
        loss = s.loss
        strip.plot([loss.expected_loss, loss.expected_shortfall], [row, row], color=colour, lw=1.2)
        strip.plot(loss.expected_loss, row, "o", color=colour, markersize=5)
        strip.plot(loss.loss_at_confidence, row, "|", color=colour, markersize=11, mew=2)
        strip.plot(loss.expected_shortfall, row, "D", color=colour, markersize=5)
        # Set off from the diamond by a shift of 5 pt, not by leading spaces: the PDF's SVG
        # path drops those, and the diamond then covered the "E".
        mark = strip.text(
            loss.expected_shortfall,
            row,
            f"{es_symbol} {figure_money(loss.expected_shortfall, currency)}",
            transform=strip.transData + ScaledTranslation(5 / 72, 0, strip.figure.dpi_scale_trans),
            va="center",
            fontsize=style.TINY_SIZE + 0.5,
            color=colour,
            gid=f"es-label-{s.id}",
        )
        mark.set_in_layout(False)  # kept inside the strip when drawn
        marks.append(mark)
    strip.set_yticks(rows, labels=[style.shorten(s.name, 26) for s in scenarios])
    style.literal_labels(strip.get_yticklabels())
    strip.set_ylim(len(scenarios) - 0.4, -0.6)
    strip.tick_params(axis="y", length=0)
    strip.spines["left"].set_visible(False)
    strip.set_xlim(0, reach * 1.12)
    strip.xaxis.set_major_formatter(style.MoneyFormatter(currency))
    strip.set_xlabel(_("Total loss over the contract ({currency})").format(currency=currency))
    # The marks named as the brief's tables name the figures.
    markers: list[Artist] = [
        Line2D(
            [],
            [],
            marker="o",
            color=style.GREY_DARK,
            ls="",
            label=EXPECTED_LOSS.label_in(filled),
        ),
        Line2D(
            [],
            [],
            marker="|",
            color=style.GREY_DARK,
            ls="",
            mew=2,
            ms=9,
            label=VALUE_AT_RISK.label_in(filled),
        ),
        Line2D(
            [],
            [],
            marker="D",
            color=style.GREY_DARK,
            ls="",
            label=EXPECTED_SHORTFALL.label_in(filled),
        ),
    ]
    if beside:
        key = fig.add_subplot(grid[:, 1])
        key.set_axis_off()
        legend = key.legend(
            handles,
            names,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            borderaxespad=0.0,
            fontsize=style.SMALL_SIZE,
            handlelength=2.6,
            labelspacing=0.7,
        )
        style.literal_labels(legend.get_texts())
        style.legend_below(fig, markers)
    else:
        legend = style.legend_below(fig, [*handles, *markers], literal=True)
    legend.set_gid("loss-legend")
    labels.before_drawing(ax, functools.partial(_fit_density_label, ax))
    labels.before_drawing(strip, functools.partial(_fit_strip, strip, marks))
    runs = scenarios[0].loss.runs
    subtitle = _(
        "{runs} simulated contracts per scenario. Expected shortfall: the average loss of the "
        "worst {tail} of them (the tail beyond the VaR)."
    ).format(runs=numbers.grouped(runs, 0), tail=_tail_share(analysis))
    if total is not None and total > len(scenarios):
        subtitle += " " + _("({shown} of {total} scenarios shown)").format(
            shown=len(scenarios), total=total
        )
    style.set_titles(fig, _(TITLE), subtitle)
    return fig, ax, strip, legend


def legend_entry(name: str, no_loss: float, width: float) -> str:
    """A scenario's entry in the legend of a chart ``width`` inches wide, with the share of
    runs without any loss. Beside the plots (a quarter of the width): the name on at most two
    lines, the share on a third. Under them (two entries a row): one line, the name cut short
    ("Bridge offer with th…, no loss in 2%")."""
    share = style.format_percent(no_loss) if no_loss >= 0.005 else ""
    if width >= WIDE_IN:
        chars = max(min(int(0.25 * width * 72.0 / (style.SMALL_SIZE * 0.56)), 30), 12)
        runs = "\n" + _("no loss in {share} of runs").format(share=share) if share else ""
        return style.wrap(name, chars) + runs
    chars = max(int(0.42 * width * 72.0 / (style.SMALL_SIZE * 0.56)), 24)
    suffix = ", " + _("no loss in {share}").format(share=share) if share else ""
    return style.shorten(name, max(chars - len(suffix), 12)) + suffix


#: The density axis's title, shorter on a short chart.
DENSITY_LABELS = (N_("Share of runs (density)"), N_("Share of runs"), N_("Density"))


def _fit_density_label(ax: Axes, renderer: RendererBase) -> None:
    labels.fit_axis_label(ax, renderer, tuple(_(label) for label in DENSITY_LABELS), axis="y")


def _fit_strip(strip: Axes, marks: list[Text], renderer: RendererBase) -> None:
    """When drawn: the loss axis long enough for each "ES …" label to end inside the strip,
    and as many loss ticks as their labels leave room for."""
    labels.room_on_the_right(strip, marks, renderer, keep=0.6)
    labels.fit_ticks(strip, renderer)


def _cap_binds(case: Case, scenario: Scenario) -> bool:
    cap = scenario.liability_cap
    if cap is None:
        return False
    return any(
        r.capped_by_liability and effective_risk(r, scenario).impact_high > cap for r in case.risks
    )


def uncapped_loss_figures(case: Case) -> dict[str, LossFigures]:
    """The loss figures of each scenario whose liability cap can bind, as if it had no cap:
    the analysis re-run (``analyze_case``) on those scenarios with ``liability_cap=None``. The
    random streams are per risk, so the runs are the same ones as in the capped analysis and
    the two differ only by the cap. Scenarios left out lose nothing to the cap (none, or no
    capped risk can exceed it): their figures are the same either way. Fast (one simulation
    of the affected scenarios, no sensitivity): a few ms on the sample case."""
    binding = [s for s in case.scenarios if _cap_binds(case, s)]
    if not binding:
        return {}
    uncapped = tuple(replace(s, liability_cap=None, role="other") for s in binding)
    result = analyze_case(replace(case, scenarios=uncapped))
    return {s.id: s.loss for s in result.scenarios}


def _expected_loss(figures: LossFigures) -> float:
    return figures.expected_loss


def _expected_shortfall(figures: LossFigures) -> float:
    return figures.expected_shortfall


def _cap_text(s: ScenarioAnalysis, currency: str) -> str:
    if s.liability_cap is None:
        return _("no cap")
    return _("cap {amount}").format(amount=figure_money(s.liability_cap, currency))


def shortfall_capped_vs_uncapped(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    uncapped: Mapping[str, LossFigures] | None = None,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Expected loss and expected shortfall of each scenario as it stands (with its liability
    cap) and without the cap. ``uncapped`` maps scenario ids to uncapped loss figures (what
    ``uncapped_loss_figures`` returns; the app may compute it off the UI thread); when it is
    None they are computed here (before the chart style is taken, so other threads are not
    held up). A scenario missing from the mapping is taken as unaffected by its cap."""
    if uncapped is None and analysis is not None and case.risks:
        try:
            uncapped = uncapped_loss_figures(case)
        except Exception:
            style.log.exception("the uncapped losses could not be computed")
    return _shortfall_chart(case, analysis, uncapped=uncapped, size=size)


@style.chart(SHORTFALL_TITLE)
def _shortfall_chart(
    case: Case,
    analysis: CaseAnalysis | None,
    *,
    uncapped: Mapping[str, LossFigures] | None,
    size: tuple[float, float] | None,
) -> Figure:
    if analysis is None:
        return style.message_figure(_(SHORTFALL_TITLE), _("Run the analysis to see the exposure."))
    scenarios = _with_losses(analysis)
    if not case.risks or not scenarios:
        return style.message_figure(
            _(SHORTFALL_TITLE), _("Add risks to the register to see the exposure.")
        )
    if uncapped is None:
        return style.message_figure(
            _(SHORTFALL_TITLE), _("The losses without the liability cap could not be computed.")
        )
    if size is None:
        return _shortfall_figure(case, analysis, scenarios, uncapped, size)[0]
    # A chart of a given size shows the scenarios it has room for: the demand and our
    # proposal first, then the others in order.
    ranked = sorted(scenarios, key=lambda s: ROLE_ORDER.get(s.role, len(ROLE_ORDER)))
    shown = scenarios
    while len(shown) > 1:
        # The panels' height, measured on a sketch without the bars (unless they surely fit).
        row = _scenario_row_pt(shown)
        overhead = labels.OVERHEAD_IN + 0.4
        if labels.surely_fits(size[1], len(shown) + 0.1, row, overhead=overhead):
            break
        sketch = _ShortfallSketch(case, analysis, shown, uncapped, size, total=len(scenarios))
        height = labels.axes_height_pt(sketch.fig, sketch.first, keep_positions=True)
        fits = labels.rows_that_fit(height, row, 0.1)
        if fits >= len(shown):
            return sketch.with_bars()  # the sketch of these scenarios becomes the chart
        keep = {s.id for s in ranked[: max(fits, 1)]}
        shown = [s for s in scenarios if s.id in keep]
    return _shortfall_figure(case, analysis, shown, uncapped, size, total=len(scenarios))[0]


#: Which scenarios a short exposure chart keeps first.
ROLE_ORDER = {"their_demand": 0, "our_proposal": 1}


def _scenario_row_pt(scenarios: list[ScenarioAnalysis]) -> float:
    """A scenario's row: its two-bar figures apart, and its name and cap beside them."""
    lines = max(style.wrap(s.name, 22).count("\n") + 2 for s in scenarios)
    return max(lines * style.SMALL_SIZE * 1.2 + 4.0, 2 * (style.TINY_SIZE + 0.5) * 1.3 / 0.38)


def _shortfall_figure(
    case: Case,
    analysis: CaseAnalysis,
    scenarios: list[ScenarioAnalysis],
    uncapped: Mapping[str, LossFigures],
    size: tuple[float, float] | None,
    *,
    total: int | None = None,
) -> tuple[Figure, Axes]:
    """The chart of ``scenarios``."""
    sketch = _ShortfallSketch(case, analysis, scenarios, uncapped, size, total=total)
    return sketch.with_bars(), sketch.first


class _ShortfallSketch:
    """The chart of ``scenarios`` without its bars and their figures (all that sets the
    panels' height, to measure it with); ``with_bars`` adds them and makes it the chart."""

    def __init__(
        self,
        case: Case,
        analysis: CaseAnalysis,
        scenarios: list[ScenarioAnalysis],
        uncapped: Mapping[str, LossFigures],
        size: tuple[float, float] | None,
        *,
        total: int | None = None,
    ) -> None:
        currency = case.info.currency
        filled = words(case.info)
        n = len(scenarios)
        width, height = size or (8.0, min(2.3 + (0.62 if n <= 4 else 0.46) * n, 9.0))
        fig = style.new_figure(width, height, label="shortfall")
        axes = fig.subplots(1, 2, sharey=True)
        panels: tuple[tuple[Axes, str, Callable[[LossFigures], float]], ...] = (
            (axes[0], EXPECTED_LOSS.label_in(filled), _expected_loss),
            (
                axes[1],
                _("{figure} (worst {tail})").format(
                    figure=EXPECTED_SHORTFALL.label_in(filled), tail=_tail_share(analysis)
                ),
                _expected_shortfall,
            ),
        )
        self.fig = fig
        self.first: Axes = axes[0]
        self.scenarios = scenarios
        self.uncapped = uncapped
        self.currency = currency
        self.largest = max(
            max(s.loss.expected_shortfall, (uncapped.get(s.id) or s.loss).expected_shortfall)
            for s in scenarios
        )
        # Each panel's axes, what it shows of a scenario, and its figures after the bars (kept
        # inside the panel when drawn): filled in by ``with_bars``.
        self.panels: list[tuple[Axes, Callable[[LossFigures], float], list[Text]]] = []
        titles = []
        for ax, name, pick in panels:
            figures: list[Text] = []
            style.style_axes(ax, grid="x")
            titles.append(
                style.set_plot_title(
                    ax,
                    name,
                    loc="left",
                    fontsize=style.TEXT_SIZE,
                    color=style.INK,
                    fontweight="bold",
                )
            )
            ax.set_xlim(0, self.largest * 1.3 if self.largest > 0 else 1.0)
            ax.xaxis.set_major_formatter(style.MoneyFormatter(currency))
            ax.tick_params(axis="y", length=0)
            labels.before_drawing(ax, functools.partial(_fit_panel, ax, figures))
            self.panels.append((ax, pick, figures))
        first = self.first
        rows = list(range(len(scenarios)))
        names = [f"{style.wrap(s.name, 22)}\n{_cap_text(s, currency)}" for s in scenarios]
        first.set_yticks(rows, labels=names)
        name_texts = first.get_yticklabels()  # each call updates every tick: once
        style.literal_labels(name_texts)
        first.set_ylim(len(scenarios) - 0.45, -0.55)
        style.legend_below(
            fig,
            [
                Patch(color=style.ACCENT, label=_("as the scenario stands (with its cap)")),
                Patch(
                    facecolor=style.RED_LIGHT,
                    edgecolor=style.RED,
                    hatch="////",
                    label=_("uncapped liability"),
                ),
            ],
        )
        note = _shortfall_note(scenarios, uncapped, currency)
        if total is not None and total > len(scenarios):
            shown = _("({shown} of {total} scenarios shown)").format(
                shown=len(scenarios), total=total
            )
            note = f"{note} {shown}".strip()
        style.set_titles(fig, _(SHORTFALL_TITLE), note)
        # A panel's title longer than its panel is set on two lines: a panel has about half
        # of what the scenarios' names and the margins leave.
        renderer = labels.renderer_of(fig)
        names_width = max(labels.extent(t, renderer).width for t in name_texts)
        room = (fig.bbox.width - names_width - 0.55 * fig.dpi) / 2.0
        for title, (_axes, name, _pick) in zip(titles, panels, strict=True):
            labels.wrap_to_width(title, name, room, renderer)

    def with_bars(self) -> Figure:
        """The two bars of each scenario in each panel and their figures: the chart. The
        panels' limits are set, so the bars do not change them (nor the layout: the figures
        take no room in it)."""
        largest = self.largest
        for ax, pick, figures in self.panels:
            for row, s in enumerate(self.scenarios):
                stands = pick(s.loss)
                free = pick(self.uncapped.get(s.id) or s.loss)
                a = ax.barh(row - 0.19, stands, height=0.36, color=style.ACCENT, edgecolor="none")
                b = ax.barh(
                    row + 0.19,
                    free,
                    height=0.36,
                    color=style.RED_LIGHT,
                    edgecolor=style.RED,
                    linewidth=0.8,
                    hatch="////",
                )
                a.patches[0].set_gid(f"stands-{row}")
                b.patches[0].set_gid(f"uncapped-{row}")
                for y, value in ((row - 0.19, stands), (row + 0.19, free)):
                    figure = ax.text(
                        value + largest * 0.015,
                        y,
                        figure_money(value, self.currency),
                        va="center",
                        fontsize=style.TINY_SIZE + 0.5,
                        color=style.GREY_DARK,
                    )
                    figure.set_in_layout(False)  # kept inside its panel when drawn
                    figures.append(figure)
        return self.fig


def _fit_panel(ax: Axes, figures: list[Text], renderer: RendererBase) -> None:
    """When drawn: the axis long enough for the figures after the bars to stay in the panel,
    and as many ticks as their labels leave room for."""
    labels.room_on_the_right(ax, figures, renderer)
    labels.fit_ticks(ax, renderer, most=5)


def _shortfall_note(
    scenarios: list[ScenarioAnalysis], uncapped: Mapping[str, LossFigures], currency: str
) -> str:
    proposal = next((s for s in scenarios if s.role == "our_proposal"), None)
    if proposal is None or proposal.liability_cap is None:
        return ""
    free = uncapped.get(proposal.id)
    if free is None:
        return _(
            "Under our proposal no capped risk can exceed the {cap} cap: it costs us nothing."
        ).format(cap=figure_money(proposal.liability_cap, currency))
    cap = figure_money(proposal.liability_cap, currency)
    capped = figure_money(proposal.loss.expected_shortfall, currency)
    worse = figure_money(free.expected_shortfall, currency)
    demand = next((s for s in scenarios if s.role == "their_demand"), None)
    sentence = (
        _(
            "Our proposal's {cap} cap keeps the expected shortfall at {capped}; uncapped, as "
            "they demand, the bad cases would cost {worse} on average."
        )
        if demand is not None and demand.liability_cap is None
        else _(
            "Our proposal's {cap} cap keeps the expected shortfall at {capped}; uncapped the "
            "bad cases would cost {worse} on average."
        )
    )
    return sentence.format(cap=cap, capped=capped, worse=worse)
