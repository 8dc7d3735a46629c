"""The heat map shows what is tied to what (SPEC §9): a line between the cells of each
correlated pair, labelled with the pair and its rho, solid for a positive and dashed for a
negative one; the key lists every pair (also two risks in one cell) and what the lines mean;
no label runs into another, at the sizes the app gives the map; a case without correlations
draws none of it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from matplotlib.patches import FancyArrowPatch

from desktop_app.charts import risk_heat_map, risk_ties
from desktop_app.charts.render import prepare_and_render
from desktop_app.domain.model import Case, Correlation
from tests.charts.support import by_gid, drawn_texts, label_collisions

TIES = (
    Correlation("r-recall", "r-stoppage", 0.5),  # R1–R2, different cells
    Correlation("r-chips", "r-volume", 0.3),  # R4–R5
    Correlation("r-fx", "r-late-pay", -0.2),  # R6–R8
    Correlation("r-recall", "r-cyber", 0.6),  # R1–R9: R9 shares R2's cell
    Correlation("r-chips", "r-talent", -0.4),  # R4–R7: the same cell
)


@pytest.fixture
def tied(sample: Case) -> Case:
    return replace(sample, correlations=TIES)


def _lines(fig: object) -> list[FancyArrowPatch]:
    return [a for a in by_gid(fig, "heat-tie-") if isinstance(a, FancyArrowPatch)]  # type: ignore[arg-type]


def test_each_pair_in_two_cells_gets_a_labelled_line(tied: Case) -> None:
    fig = risk_heat_map(tied, None, size=(13.54, 6.29))
    drawn = [text.get_text() for text, _box in drawn_texts(fig)]
    lines = _lines(fig)
    assert len(lines) == 4  # R4–R7 share a cell: no line, listed in the key
    for words in ("R1–R2 +0.50", "R4–R5 +0.30", "R6–R8 −0.20", "R1–R9 +0.60"):
        assert drawn.count(words) == 2, words  # on its line and in the key
    assert "R4–R7 −0.40 (same cell)" in drawn
    assert "Correlated risks" in drawn and risk_ties.KEY_NOTE in drawn
    styles = {line.get_gid(): line.get_linestyle() for line in lines}
    assert sum(style == "solid" for style in styles.values()) == 3  # the positive ones
    assert sum(style != "solid" for style in styles.values()) == 1
    # Two lines between the same two cells (R1–R2 and R1–R9) bend apart.
    assert len({line.get_connectionstyle().rad for line in lines}) > 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [(1354, 629), (1012, 501), (700, 450), (540, 420)])
def test_no_label_runs_into_another(tied: Case, size: tuple[int, int]) -> None:
    width, height = size
    fig = risk_heat_map(tied, None, size=(width / 100, height / 100))
    problems = label_collisions(fig)
    assert not problems, "\n".join(problems)


def test_the_app_draws_the_ties(tied: Case) -> None:
    chart = prepare_and_render(tied, None, "risk_heat_map", 1012, 501, 1.0)
    assert "R1–R2 +0.50" in chart.texts and "Correlated risks" in chart.texts


def test_without_correlations_nothing_is_tied(sample: Case) -> None:
    fig = risk_heat_map(sample, None)
    assert not _lines(fig)
    assert "Correlated risks" not in [t.get_text() for t, _box in drawn_texts(fig)]


def test_a_crowded_register_draws_its_strongest_pairs(stress: Case) -> None:
    ids = [r.id for r in stress.risks[:60]]
    ties = tuple(
        Correlation(ids[2 * k], ids[2 * k + 1], round(0.9 - 0.02 * k, 2)) for k in range(30)
    )
    fig = risk_heat_map(replace(stress, correlations=ties), None, size=(10.12, 5.01))
    problems = label_collisions(fig)
    assert not problems, "\n".join(problems)
    assert len(_lines(fig)) <= risk_ties.MAX_LINES
    for _again in range(2):  # drawn twice, laid out alike
        drawn = [text.get_text() for text, _box in drawn_texts(fig)]
        assert "… and 15 more pairs" in drawn


@pytest.mark.parametrize(("rho", "words"), [(0.5, "+0.50"), (-0.3, "−0.30"), (0.0, "0.00")])
def test_rho_is_written_with_its_sign(rho: float, words: str) -> None:
    assert risk_ties.rho_words(rho) == words
