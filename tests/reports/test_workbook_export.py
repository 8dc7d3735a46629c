"""``leverage export CASE -o OUT.xlsx``: the case workbook read back with openpyxl — a sheet per
table, typed cells with number formats in the case's currency, percentages as percentages,
frozen headers, columns as wide as their contents, the logos as pictures, and an Analysis
sheet holding every figure of ``analyze --json`` as a number."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import typing
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app import cli
from desktop_app.analysis import CaseAnalysis
from desktop_app.analysis.report import analysis_to_json
from desktop_app.domain.model import Case
from desktop_app.reports.workbook import build_workbook
from desktop_app.reports.workbook_analysis import analysis_rows, unit_of

SHEETS = [
    "Case",
    "Parties",
    "Interests",
    "Criteria",
    "Alternatives",
    "Alternative scores",
    "Cost lines",
    "Risks",
    "Scenarios",
    "Scenario scores",
    "Risk overrides",
    "Terms",
    "Offers",
    "Correlations",
    "Talking points",
    "Analysis",
]


@pytest.fixture(scope="module")
def sample_file(
    tmp_path_factory: pytest.TempPathFactory, sample: tuple[Case, CaseAnalysis]
) -> Path:
    from desktop_app.store import write_new_case

    path = tmp_path_factory.mktemp("case") / "sample.leverage"
    write_new_case(path, sample[0])
    return path


@pytest.fixture(scope="module")
def book(sample: tuple[Case, CaseAnalysis]) -> typing.Any:
    return load_workbook(io.BytesIO(build_workbook(*sample)))


def _column(sheet: typing.Any, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def _cell(sheet: typing.Any, row: int, header: str) -> typing.Any:
    return sheet.cell(row=row, column=_column(sheet, header))


def test_a_sheet_per_table_with_frozen_headers_and_fitted_columns(book: typing.Any) -> None:
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1] if cell.value), sheet.title
    risks = book["Risks"]
    widths = {c.value: risks.column_dimensions[c.column_letter].width for c in risks[1]}
    assert widths["Mitigation"] > widths["Capped"] >= 8
    assert widths["Risk"] >= len("Supplier defect triggers a field recall") * 0.8


def test_cells_are_typed_and_formatted(book: typing.Any, sample: tuple[Case, CaseAnalysis]) -> None:
    case = sample[0]
    risks = book["Risks"]
    probability = _cell(risks, 2, "Probability")
    assert probability.value == case.risks[0].probability == 0.06
    assert probability.number_format.endswith("%")
    impact = _cell(risks, 2, "Impact high")
    assert impact.value == case.risks[0].impact_high and impact.data_type == "n"
    assert '"EUR"' in impact.number_format
    assert _cell(risks, 2, "Capped").value is case.risks[0].capped_by_liability
    assert _cell(risks, 2, "Frequency").value == "once per contract"  # the label, a choice
    scenarios = book["Scenarios"]
    change = _cell(scenarios, 2, "Price change / yr")
    assert change.value == pytest.approx(-0.03) and change.number_format.endswith("%")
    assert _cell(scenarios, 2, "Years").value == 4
    case_sheet = book["Case"]
    values = {row[2].value: row[1] for row in case_sheet.iter_rows(min_row=2) if row[2].value}
    assert values["case.prepared_on"].value == dt.datetime(2026, 11, 20)
    assert values["case.prepared_on"].number_format == "yyyy-mm-dd"
    assert values["case.min_margin_pct"].value == pytest.approx(0.10)
    assert values["case.min_margin_pct"].number_format.endswith("%")
    assert values["case.currency"].value == "EUR"
    assert values["format"].value == "leverage-case" and values["version"].value == 1
    alternatives = book["Alternatives"]
    assert "\n" in _cell(alternatives, 2, "Pros").value  # one pro per line
    assert _cell(alternatives, 2, "Pros").alignment.wrap_text


def test_the_logos_are_pictures_in_their_rows(
    book: typing.Any, sample: tuple[Case, CaseAnalysis]
) -> None:
    sheet = book["Case"]
    keys = {row[2].value: row[2].row for row in sheet.iter_rows(min_row=2)}
    pictures = {image.anchor._from.row + 1: image._data() for image in sheet._images}
    assert pictures[keys["case.consultancy_logo"]] == sample[0].info.consultancy_logo
    assert pictures[keys["case.client_logo"]] == sample[0].info.client_logo


def test_the_analysis_sheet_holds_every_figure_as_a_number(
    book: typing.Any, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, analysis = sample
    sheet = book["Analysis"]
    rows = {row[4].value: row[3] for row in sheet.iter_rows(min_row=2)}
    walk_away = rows["zopa.our_walk_away"]
    assert walk_away.value == analysis.zopa.our_walk_away
    assert '"EUR"' in walk_away.number_format and ".00" in walk_away.number_format
    proposal = case.proposal_scenario
    assert proposal is not None
    margin = rows[f"scenarios.{proposal.id}.margin_pct"]
    assert margin.value == pytest.approx(analysis.scenario(proposal.id).money.margin_pct / 100)
    assert margin.number_format.endswith("%")
    shortfall = rows[f"scenarios.{proposal.id}.expected_shortfall"]
    assert shortfall.value == analysis.scenario(proposal.id).loss.expected_shortfall
    assert rows["zopa.our_share"].number_format.endswith("%")
    assert rows["value.leverage"].value == pytest.approx(analysis.value.leverage)
    # Every number of analyze --json but the histograms is on the sheet.
    numbers = _numbers(analysis_to_json(case, analysis))
    on_sheet = {key for key, cell in rows.items() if isinstance(cell.value, int | float)}
    assert numbers - on_sheet == set()
    labels = {row[4].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert labels[f"scenarios.{proposal.id}.expected_shortfall"] == "Expected shortfall ES90"


def _numbers(value: typing.Any, path: str = "") -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("histogram", "version"):
                continue
            found |= _numbers(inner, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found |= _numbers(inner, f"{path}.{index}")
    elif isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        found.add(path)
    return found


def test_units_follow_the_json_conventions() -> None:
    assert unit_of(("scenarios", "margin_pct")) == "pct"
    assert unit_of(("scenarios", "p_loss")) == "share"
    assert unit_of(("scenarios", "walk_away_price")) == "price"
    assert unit_of(("scenarios", "expected_shortfall_se")) == "money"
    assert unit_of(("zopa", "our_share")) == "share"
    assert unit_of(("zopa", "fair_price")) == "price"
    assert unit_of(("value", "theirs", "gain")) == "points"
    assert unit_of(("value", "theirs", "weights", "c1")) == "share"
    assert unit_of(("readiness", "score")) == "share"
    assert unit_of(("settings", "simulation_runs")) == "count"


def test_no_analysis_no_analysis_sheet(sample: tuple[Case, CaseAnalysis]) -> None:
    book = load_workbook(io.BytesIO(build_workbook(sample[0], None)))
    assert "Analysis" not in book.sheetnames
    assert len(analysis_rows(*sample)) > 100


def test_text_that_looks_like_a_formula_stays_text(sample: tuple[Case, CaseAnalysis]) -> None:
    case = sample[0]
    risk = case.risks[0]
    sneaky = dataclasses.replace(risk, name='=HYPERLINK("http://x")', owner="+1 555")
    case = dataclasses.replace(case, risks=(sneaky, *case.risks[1:]))
    book = load_workbook(io.BytesIO(build_workbook(case, None)))
    name = _cell(book["Risks"], 2, "Risk")
    assert name.value == sneaky.name and name.data_type == "s"
    assert _cell(book["Risks"], 2, "Owner").value == "+1 555"


def test_export_command_writes_the_workbook(tmp_path: Path, sample_file: Path) -> None:
    target = tmp_path / "case.xlsx"
    assert cli.main(["export", str(sample_file), "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o600
    assert load_workbook(target).sheetnames == SHEETS
