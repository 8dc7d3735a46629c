"""Shared fixtures for the PDF tests: the sample case, its analysis and both PDFs, built once."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.analysis import CaseAnalysis, analyze_case
from desktop_app.domain.model import Case
from desktop_app.reports.export import render_pdf
from desktop_app.store.sample import sample_case


def pdf_text(data: bytes) -> str:
    """Every page's text, pages joined by form feeds."""
    reader = PdfReader(io.BytesIO(data))
    return "\f".join(page.extract_text() or "" for page in reader.pages)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def quick(case: Case, runs: int = 1_000) -> Case:
    """The case with fewer simulation runs, for tests that do not look at the risk figures."""
    return dataclasses.replace(case, info=dataclasses.replace(case.info, simulation_runs=runs))


@pytest.fixture(scope="session")
def sample() -> tuple[Case, CaseAnalysis]:
    case = sample_case()
    return case, analyze_case(case)


@pytest.fixture(scope="session")
def brief_pdf(sample: tuple[Case, CaseAnalysis]) -> bytes:
    return render_pdf(*sample, kind="brief")


@pytest.fixture(scope="session")
def proposal_pdf(sample: tuple[Case, CaseAnalysis]) -> bytes:
    return render_pdf(*sample, kind="proposal")


@pytest.fixture
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out.pdf"
