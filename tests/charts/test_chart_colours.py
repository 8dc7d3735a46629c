"""What the issue's chart review found, kept fixed: our walk-away in one colour on every chart,
ten scenarios told apart, the scenarios' legend off the plots whatever their names, the ES
label worded and formatted as the brief's tables, and a tornado row's two figures on one side
never printed over each other."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, StepPatch
from matplotlib.text import Text

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.analysis.figures import EXPECTED_SHORTFALL, words
from desktop_app.analysis.results import SensitivityItem
from desktop_app.charts import alternatives_chart, loss_distributions, tornado, zopa_bar
from desktop_app.charts import style as chart_style
from desktop_app.charts.labels import renderer_of
from desktop_app.domain.model import Case
from desktop_app.reports import styles as report_styles
from desktop_app.reports.formats import Fmt
from tests.charts import colour_science as cs
from tests.charts.support import by_gid, gid_texts, is_error, label_collisions

# --- the colour science the palette tests stand on ----------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Sharma, Wu and Dalal (2005), the CIEDE2000 test data: pairs 1, 7, 17 and 25.
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_the_published_pairs(
    first: cs.Lab, second: cs.Lab, expected: float
) -> None:
    assert cs.ciede2000(first, second) == pytest.approx(expected, abs=1e-4)


def test_contrast_and_colour_blindness_as_published() -> None:
    assert cs.contrast("#000000") == pytest.approx(21.0)
    assert cs.contrast("#777777") == pytest.approx(4.48, abs=0.01)  # WCAG's famous grey
    # Red and green, far apart for most eyes, all but meet without green cones.
    assert cs.difference("#D62728", "#2CA02C") > 60
    assert cs.difference("#D62728", "#2CA02C", "deuteranopia") < 20


# --- our walk-away ---------------------------------------------------------------------------


def _colour(artist: object) -> str:
    if isinstance(artist, Text | Line2D):
        return to_hex(artist.get_color())
    assert isinstance(artist, Patch), artist
    return to_hex(artist.get_facecolor())


def _legend_entry(fig: Figure, label: str) -> Patch:
    for legend in fig.legends:
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
            if text.get_text() == label:
                assert isinstance(handle, Patch)
                return handle
    raise AssertionError(f"no legend entry {label!r}")


def test_our_walk_away_has_one_colour_on_every_chart(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    """Its line and its label on the alternatives chart and the ZOPA bar, what moves it on
    the tornado, and its rung on the brief's price ladder: one colour, declared once."""
    seen: dict[str, str] = {}
    for name, build in (("alternatives", alternatives_chart), ("zopa", zopa_bar)):
        fig = build(sample, sample_analysis)
        artists = by_gid(fig, "our-walk-away")
        kinds = {type(a).__name__ for a in artists}
        assert {"Line2D"} <= kinds and any(isinstance(a, Text) for a in artists), (name, kinds)
        for artist in artists:
            seen[f"{name}:{artist.get_gid()}"] = _colour(artist)
    fig = tornado(sample, sample_analysis)
    seen["tornado:moves our walk-away"] = _colour(_legend_entry(fig, "moves our walk-away"))
    seen["brief ladder"] = report_styles.OUR_WALK_AWAY.hexval().replace("0x", "#").lower()
    assert set(seen.values()) == {chart_style.OUR_WALK_AWAY.lower()}, seen
    # Theirs has its own colour, the same on both charts that draw it.
    theirs = [_colour(a) for a in by_gid(zopa_bar(sample, sample_analysis), "their-walk-away")]
    assert theirs and set(theirs) == {chart_style.THEIR_WALK_AWAY.lower()}
    assert chart_style.THEIR_WALK_AWAY.lower() != chart_style.OUR_WALK_AWAY.lower()


# --- ten scenarios ------------------------------------------------------------------------------


def _with_scenarios(case: Case, count: int) -> Case:
    """``case`` with ``count`` scenarios: its own first (their demand, our proposal, …), then
    copies of its last one under other names."""
    base = list(case.scenarios)
    template = base[-1]
    while len(base) < count:
        n = len(base)
        base.append(
            replace(
                template,
                id=f"extra-{n}",
                name=f"Variant {n}",
                role="other",
                unit_price=(template.unit_price or 400.0) + 3.0 * n,
                liability_cap=1e6 * n,
            )
        )
    return replace(case, scenarios=tuple(base[:count]))


@pytest.fixture(scope="module")
def ten(sample: Case) -> tuple[Case, CaseAnalysis]:
    case = _with_scenarios(replace(sample, info=replace(sample.info, simulation_runs=2_000)), 10)
    return case, analyze_case(case)


def _looks_of(roles: list[str]) -> list[tuple[str, chart_style.Dash]]:
    looks = chart_style.scenario_looks([(f"s{n}", role) for n, role in enumerate(roles)])
    return [looks[f"s{n}"] for n in range(len(roles))]


ROLE_SETS = {
    "demand, proposal and eight others": ["their_demand", "our_proposal"] + ["other"] * 8,
    "ten others": ["other"] * 10,
    "a proposal and nine others": ["our_proposal"] + ["other"] * 9,
}


@pytest.mark.parametrize("roles", ROLE_SETS.values(), ids=ROLE_SETS.keys())
def test_ten_scenarios_get_ten_colours_told_apart(roles: list[str]) -> None:
    """Any two of ten scenarios differ by at least 12 CIEDE2000 units (2.3 is a just
    noticeable difference; the old palette had 11.2 between two of them, and repeated
    itself after eight others); each stands out from white 3:1; and two drawn in the same
    line style still differ by 10 units for a reader without red or green cones."""
    looks = _looks_of(roles)
    colours = [colour for colour, _ in looks]
    assert len(set(colours)) == 10
    for a, b in itertools.combinations(colours, 2):
        assert cs.difference(a, b) >= 12.0, (a, b, cs.difference(a, b))
    for colour in colours:
        assert cs.contrast(colour) >= 3.0, (colour, cs.contrast(colour))
    for (a, dash_a), (b, dash_b) in itertools.combinations(looks, 2):
        if dash_a == dash_b:
            for deficiency in cs.DEFICIENCIES:
                assert cs.difference(a, b, deficiency) >= 10.0, (a, b, deficiency)


def test_the_loss_chart_draws_ten_scenarios_in_ten_colours(
    ten: tuple[Case, CaseAnalysis],
) -> None:
    case, analysis = ten
    fig = loss_distributions(case, analysis)
    assert not is_error(fig), fig.get_label()
    lines = [a for a in by_gid(fig, "loss-line-") if isinstance(a, StepPatch)]
    assert len(lines) == 10
    drawn = [to_hex(line.get_edgecolor()) for line in lines]
    assert len(set(drawn)) == 10
    assert min(cs.difference(a, b) for a, b in itertools.combinations(drawn, 2)) >= 12.0


# --- the legend beside the plots ---------------------------------------------------------------


def _legend(fig: Figure) -> Legend:
    (legend,) = [a for a in by_gid(fig, "loss-legend") if isinstance(a, Legend)]
    return legend


LONG_NAME = ("Bridge offer with the extended warranty and the consignment stock " * 4)[:200]


@pytest.mark.parametrize("count", [3, 10])
@pytest.mark.parametrize("size", [None, (5.76, 6.25), (4.3, 4.97)], ids=["brief", "app", "small"])
def test_a_long_scenario_name_keeps_the_legend_off_the_plots(
    sample: Case, count: int, size: tuple[float, float] | None
) -> None:
    """A 200-character name: the legend stays beside the distributions and the strip, inside
    the figure, its entry wrapped (at most two lines of the name), nothing overlapping."""
    case = _with_scenarios(replace(sample, info=replace(sample.info, simulation_runs=2_000)), count)
    scenarios = list(case.scenarios)
    scenarios[0] = replace(scenarios[0], name=LONG_NAME)
    case = replace(case, scenarios=tuple(scenarios))
    fig = loss_distributions(case, analyze_case(case), size=size)
    assert not is_error(fig), fig.get_label()
    assert not label_collisions(fig), label_collisions(fig)  # draws the figure, too
    renderer = renderer_of(fig)
    legend = _legend(fig).get_window_extent(renderer)
    assert fig.bbox.x0 <= legend.x0 and legend.x1 <= fig.bbox.x1 + 0.5
    plots = [ax for ax in fig.axes if ax.axison]
    assert len(plots) == 2  # the distributions and the strip
    for ax in plots:
        box = ax.get_window_extent(renderer)
        assert not legend.overlaps(box), (legend, box)
    entry = next(t.get_text() for t in _legend(fig).get_texts() if t.get_text().startswith("Br"))
    assert entry.count("\n") <= 2 and "…" in entry  # two lines of the name, and no-loss share


# --- ES as the brief prints it ------------------------------------------------------------------


def test_the_es_label_reads_as_the_brief_prints_es(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    """ "ES90 EUR 11,280,819": the brief's name for the figure (its tables say "Expected
    shortfall ES90", its appendix "ES90 EUR …") and its format (whole units, thousands
    separated; not "EUR 11.3M"), and the legend names the marks as the tables do."""
    fig = loss_distributions(sample, sample_analysis)
    fmt = Fmt(sample.info.currency, space=" ")
    for scenario in sample_analysis.scenarios:
        (label,) = gid_texts(fig, f"es-label-{scenario.id}")
        assert label.get_text() == f"ES90 {fmt.money(scenario.loss.expected_shortfall)}"
    demand = sample_analysis.scenario("s-demand")
    assert demand is not None
    (label,) = gid_texts(fig, "es-label-s-demand")
    assert label.get_text() == "ES90 EUR " + f"{round(demand.loss.expected_shortfall):,}"
    names = {t.get_text() for legend in fig.legends for t in legend.get_texts()}
    assert EXPECTED_SHORTFALL.label_in(words(sample.info)) == "Expected shortfall ES90"
    assert {"Expected loss E[L]", "Value at risk VaR90", "Expected shortfall ES90"} <= names


def test_the_es_label_follows_the_confidence(sample: Case) -> None:
    case = replace(sample, info=replace(sample.info, risk_confidence=0.975, simulation_runs=4_000))
    fig = loss_distributions(case, analyze_case(case))
    texts = [t.get_text() for t in gid_texts(fig, "es-label-")]
    assert texts and all(t.startswith("ES97.5 EUR ") for t in texts), texts


# --- the tornado's figures ----------------------------------------------------------------------


def _moved(analysis: CaseAnalysis, low: float, high: float) -> SensitivityItem:
    """The first input of ours that breaks nothing, with its zone widths at −/+ set."""
    item = next(i for i in analysis.sensitivity if i.moves == "ours" and i.breaks is None)
    return replace(item, low=low, high=high, swing=abs(high - low))


def test_a_rows_two_figures_on_one_side_never_overlap(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    """Both moves widen the zone, by a little and a little more: the two figures would be
    printed over each other at the bars' ends; they are joined into one, in order."""
    base = sample_analysis.zopa.width
    assert base is not None
    item = _moved(sample_analysis, base + 4.31, base + 9.53)
    others = [i for i in sample_analysis.sensitivity if i.breaks is None and i is not item][:4]
    analysis = replace(sample_analysis, sensitivity=(item, *others))
    fig = tornado(sample, analysis)
    assert not label_collisions(fig), label_collisions(fig)
    shown = [t.get_text() for t in fig.axes[0].texts if t.get_visible()]
    near = f"{base + 4.31:,.2f}"
    far = f"{base + 9.53:,.2f}"
    assert f"{near} · {far}" in shown
    assert near not in shown


def test_a_rows_figures_far_apart_stay_at_their_ends(
    sample: Case, sample_analysis: CaseAnalysis
) -> None:
    base = sample_analysis.zopa.width
    assert base is not None
    item = _moved(sample_analysis, base + 4.31, base + 90.0)
    fig = tornado(sample, replace(sample_analysis, sensitivity=(item,)))
    assert not label_collisions(fig)
    shown = [t.get_text() for t in fig.axes[0].texts if t.get_visible()]
    assert f"{base + 4.31:,.2f}" in shown and f"{base + 90.0:,.2f}" in shown
