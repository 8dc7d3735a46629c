"""`leverage export --kind proposal` warns, on stderr, before printing the proposal's words
that quote a figure which has changed, and an offer open until a date before its own; it
writes the PDF all the same and exits 0 (a warning, never a refusal)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.domain import edits
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case


def _export(capsys: pytest.CaptureFixture[str], case: Path, target: Path) -> tuple[int, str]:
    code = main(["export", str(case), "-o", str(target), "--kind", "proposal"])
    return code, capsys.readouterr().err


def test_a_stale_term_and_a_lapsed_offer_are_warned_of_and_the_pdf_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.leverage"
    case = sample_case()
    scenario = case.proposal_scenario
    assert scenario is not None
    # The case: a term written at EUR 46.50, the price since moved to 51.20.
    term = replace(scenario.terms[0], value="EUR 46.50 per unit", basis="unit_price=46.5")
    moved = replace(scenario, unit_price=51.2, terms=(term, *scenario.terms[1:]))
    case = edits.replace_entity(case, moved)
    case = replace(case, proposal=replace(case.proposal, offer_valid_until="2026-11-01"))
    write_new_case(path, case)
    target = tmp_path / "proposal.pdf"
    code, err = _export(capsys, path, target)
    assert code == 0 and target.exists()
    assert err.splitlines() == [
        f"leverage export: {path}: warning: The term “Price” says “EUR 46.50” but the "
        "proposal's price is now EUR 51.20.",
        f"leverage export: {path}: warning: The offer is open until 1 November 2026, before "
        "its own date, 20 November 2026: it lapses before it is made.",
    ]
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "EUR 46.50 per unit" in text  # printed as it stands: the warning is the user's


def test_a_current_proposal_exports_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.leverage"
    write_new_case(path, sample_case())
    code, err = _export(capsys, path, tmp_path / "proposal.pdf")
    assert code == 0 and err == ""
    with CaseFile.open(path, read_only=True) as case_file:
        assert case_file.case.proposal.statement_basis is None  # nothing written by export
