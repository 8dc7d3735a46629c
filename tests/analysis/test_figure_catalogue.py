"""The figure catalogue is the one place a figure's label is written (issue 12, "Figures"):
the text report, the brief, the app's grids and the dashboard take their labels from it."""

from __future__ import annotations

import ast
from pathlib import Path

from desktop_app.analysis import figures
from desktop_app.analysis.figures import Figure

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"

#: Words that are also something else: a tab's title ("Margin"), a section heading
#: ("Verdict"). (file, text) pairs, kept short on purpose.
OTHER_MEANINGS = {
    ("ui/tabs/__init__.py", "Margin"),
    ("reports/text.py", "Verdict"),
    ("reports/workbook_analysis.py", "Verdict"),  # the label of any "verdict" key (trades too)
}


def _labels() -> set[str]:
    computed = {
        value.label
        for value in vars(figures).values()
        if isinstance(value, Figure) and value not in figures.SCENARIO_INPUTS
    }
    return computed | set(figures.ZOPA_LABELS.values())


def test_no_module_writes_a_figure_label_of_its_own() -> None:
    labels = _labels()
    assert "Conservative margin %" in labels and "Expected shortfall ES{alpha}" in labels
    found = []
    for path in PACKAGE.rglob("*.py"):
        where = path.relative_to(PACKAGE).as_posix()
        if where == "analysis/figures.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and node.value in labels
                and (where, node.value) not in OTHER_MEANINGS
            ):
                found.append(f"{where}:{node.lineno} {node.value!r}")
    assert found == []


def test_every_figure_reads_a_scenario_and_fills_its_words() -> None:
    from desktop_app.analysis import analyze_case
    from desktop_app.store.sample import sample_case

    case = sample_case()
    analysis = analyze_case(case)
    filled = figures.words(case.info)
    for figure in (*figures.SCENARIO_INPUTS, *figures.SCENARIO_FIGURES, *figures.RISK_FIGURES):
        assert "{" not in figure.label_in(filled) and "{" not in figure.meaning_in(filled)
        for scenario in analysis.scenarios:
            value = figure.value(scenario)
            assert value is None or isinstance(value, float | int), figure.key
    assert figures.EXPECTED_SHORTFALL.label_in(filled) == "Expected shortfall ES90"
    assert "worst 10 %" in figures.EXPECTED_SHORTFALL.meaning_in(filled)
