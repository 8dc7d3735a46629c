"""Session-wide cases and analyses for the chart tests, analysed once. The stress case runs
2,000 simulations instead of 20,000: the charts only need its shape (1,000 risks, 200
alternatives, 100 parties, 10 scenarios), and the tests stay fast."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case
from desktop_app.store.sample import sample_case
from tests.benchmarks.stress_case import build_stress_case


@pytest.fixture(scope="session")
def sample() -> Case:
    return sample_case()


@pytest.fixture(scope="session")
def sample_analysis(sample: Case) -> CaseAnalysis:
    return analyze_case(sample)


@pytest.fixture(scope="session")
def stress() -> Case:
    case = build_stress_case()
    return replace(case, info=replace(case.info, simulation_runs=2_000))


@pytest.fixture(scope="session")
def stress_analysis(stress: Case) -> CaseAnalysis:
    return analyze_case(stress)
