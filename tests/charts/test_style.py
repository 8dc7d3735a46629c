"""The shared look: money and percent formatting, text helpers, label spreading, the font."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from matplotlib.figure import Figure

from desktop_app.charts import style
from desktop_app.charts.risk import cell_numbers, impact_edges


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (450.0, "EUR 450"),
        (417.739, "EUR 417.74"),
        (1_234_567.0, "EUR 1.2M"),
        (2_000_000.0, "EUR 2M"),
        (12_500.0, "EUR 12.5k"),
        (5_000.0, "EUR 5,000"),
        (3.2e9, "EUR 3.2bn"),
        (-25.0, "−EUR 25"),
        (0.0, "EUR 0"),
    ],
)
def test_format_money(value: float, expected: str) -> None:
    assert style.format_money(value, "EUR") == expected


def test_format_money_uses_the_case_currency() -> None:
    assert style.format_money(1_500_000.0, "PLN") == "PLN 1.5M"


@pytest.mark.parametrize(
    ("locs", "expected"),
    [
        ([42.5, 45.0, 47.5], ["EUR 42.5", "EUR 45.0", "EUR 47.5"]),
        ([0.0, 5e6, 1e7], ["EUR 0", "EUR 5M", "EUR 10M"]),
        ([5_000.0, 10_000.0, 15_000.0], ["EUR 5k", "EUR 10k", "EUR 15k"]),
        ([0.0, 2_500.0, 5_000.0], ["EUR 0", "EUR 2,500", "EUR 5,000"]),
        ([-25.0, 0.0, 25.0], ["−EUR 25", "EUR 0", "EUR 25"]),
        ([2.5e6, 5e6, 7.5e6], ["EUR 2.5M", "EUR 5M", "EUR 7.5M"]),
    ],
)
def test_money_ticks_share_one_scale_and_never_repeat(
    locs: list[float], expected: list[str]
) -> None:
    formatter = style.MoneyFormatter("EUR")
    formatter.set_locs(locs)
    assert [formatter(v) for v in locs] == expected


def test_percent_formatter() -> None:
    assert style.percent_formatter()(0.25) == "25%"
    assert style.percent_formatter(100.0, 1)(12.34) == "12.3%"
    ticks = style.percent_formatter()
    ticks.set_locs([0.0, 0.025, 0.05])
    assert [ticks(v) for v in (0.0, 0.025, 0.05)] == ["0.0%", "2.5%", "5.0%"]
    assert style.format_percent(0.9) == "90%"


def test_wrap_balances_lines_and_cuts_what_does_not_fit() -> None:
    assert style.wrap("Delay: extend phase one month by month", 34) == (
        "Delay: extend phase\none month by month"
    )
    assert style.wrap("Short", 34) == "Short"
    three = style.wrap("word " * 40, 20)
    assert three.count("\n") == 1 and three.endswith("…")


def test_shorten() -> None:
    assert style.shorten("a  b\nc", 10) == "a b c"
    assert style.shorten("x" * 30, 10) == "x" * 9 + "…"


def test_spread_keeps_labels_apart_and_inside() -> None:
    wanted = [5.0, 5.1, 5.2, 0.0, 9.9]
    widths = [1.0] * 5
    centres = style.spread(wanted, widths, 0.0, 10.0, gap=0.1)
    ordered = sorted(centres)
    assert all(b - a >= 1.1 - 1e-9 for a, b in itertools.pairwise(ordered))
    assert min(centres) >= 0.5 - 1e-9 and max(centres) <= 9.5 + 1e-9
    assert style.spread([3.0], [1.0], 0.0, 10.0) == [3.0]


def test_scenario_colours_follow_the_roles() -> None:
    colours = style.scenario_colours([("a", "other"), ("b", "our_proposal"), ("c", "their_demand")])
    assert colours["b"] == style.OURS and colours["c"] == style.THEIRS
    assert colours["a"] not in (style.OURS, style.THEIRS)


def test_impact_edges_are_increasing_and_readable() -> None:
    edges = impact_edges([70_000.0, 6_000_000.0, 250_000.0])
    assert list(edges) == sorted(edges) and len(set(edges)) == 4
    assert edges == (170_000.0, 420_000.0, 1_000_000.0, 2_500_000.0)
    assert list(impact_edges([])) == sorted(impact_edges([]))
    single = impact_edges([1_000.0, 1_000.0])
    assert single[1] < 1_000.0 < single[2]


def test_cell_numbers_stay_short() -> None:
    assert cell_numbers([1, 4]) == "R1 R4"
    many = cell_numbers(list(range(1, 50)))
    assert many.splitlines()[-1] == "+43 more" and len(many.splitlines()) == 3


def test_font_is_the_one_matplotlib_ships() -> None:
    assert style.font_path().is_file()
    assert style.font_path().name == "DejaVuSans.ttf"


def test_new_figure_is_a_plain_figure_with_constrained_layout() -> None:
    fig = style.new_figure(4.0, 3.0)
    assert isinstance(fig, Figure)
    assert tuple(fig.get_size_inches()) == (4.0, 3.0)
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"


def test_chart_context_leaves_global_style_alone() -> None:
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    with style.chart_context():
        assert mpl.rcParams["text.parse_math"] is False
    assert dict(mpl.rcParams) == before


def test_importing_the_charts_needs_no_pyplot_and_no_qt() -> None:
    code = (
        "import sys, desktop_app.charts\n"
        "bad = [m for m in sys.modules if m == 'matplotlib.pyplot' or m.startswith('PySide6')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""
