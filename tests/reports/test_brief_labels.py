"""The brief reads a case's choices with the labels the app shows (issue 12, "Fields"): they are
written once, in the schema. The brief used to call a +1 stance "supportive" and a +2 one
"champion" while the app and the stakeholder map say "favourable" and "supportive"."""

from __future__ import annotations

from desktop_app.analysis import CaseAnalysis
from desktop_app.domain.model import Case
from desktop_app.domain.schema import stance_label
from tests.reports.conftest import pdf_text


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_parties_table_reads_stances_as_the_app_does(
    brief_pdf: bytes, sample: tuple[Case, CaseAnalysis]
) -> None:
    case, _ = sample
    text = _flat(pdf_text(brief_pdf))
    for stance in {p.stance for p in case.parties}:
        assert stance_label(stance) in text
    assert "champion" not in text
    assert "+1 supportive" not in text and "+0 neutral" not in text


def test_the_costs_read_their_basis_as_the_app_does(brief_pdf: bytes) -> None:
    text = _flat(pdf_text(brief_pdf))
    assert "per unit" in text and "per year" in text and "one-time" in text
