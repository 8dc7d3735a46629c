"""Issue 15 in the file and the JSON (SPEC §9): migration 0006 from the committed v5 fixture,
ranges and correlations kept by the file and the interchange, a refused edit storing nothing,
and a deleted risk taking its correlations with it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain import Case
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.model import Correlation
from desktop_app.store import CaseFile
from desktop_app.store.interchange import case_to_document, document_to_case, dumps
from desktop_app.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desktop_app.store.sample import sample_case
from tests.store.casefile_support import FixtureCopy, column, fixture_case, pragma

RANGES = ("unit_price", "switching_cost", "failure_cost")


def _columns(path: Path, table: str) -> dict[str, tuple[str, bool]]:
    conn = sqlite3.connect(path)
    try:
        return {r[1]: (r[2], bool(r[3])) for r in conn.execute(f"PRAGMA table_info([{table}])")}
    finally:
        conn.close()


def _ranged(case: Case) -> Case:
    alternatives = tuple(
        replace(a, unit_price_low=a.unit_price - 20.0, unit_price_high=a.unit_price + 30.0)
        if a.side == "theirs" and a.unit_price is not None
        else a
        for a in case.alternatives
    )
    return replace(case, alternatives=alternatives)


def test_a_schema_5_file_is_migrated_to_ranges_and_correlations_keeping_its_data(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    """The committed v5 fixture opens with today's code: backed up, migration 0006 adds six
    NULL range columns and an empty correlations table, and the case is the v5 case."""
    copy = FixtureCopy.make(5, tmp_path)
    v5 = copy.case
    assert MIGRATIONS[5][0] == "0006_uncertainty" and SCHEMA_VERSION >= 6
    assert "unit_price_low" not in _columns(copy.path, "alternatives")

    case_file = opened(copy.path)
    case = case_file.case
    case_file.close()

    assert case == v5 and case.correlations == ()
    assert all(
        getattr(a, f"{f}_{end}") is None
        for a in case.alternatives
        for f in RANGES
        for end in ("low", "high")
    )
    assert pragma(copy.path, "user_version") == SCHEMA_VERSION
    assert column(copy.path, "SELECT name FROM _sqlite_migrations ORDER BY id")[5] == (
        "0006_uncertainty"
    )
    alternatives = _columns(copy.path, "alternatives")
    for f in RANGES:
        assert alternatives[f"{f}_low"] == ("REAL", False)
        assert alternatives[f"{f}_high"] == ("REAL", False)
    assert set(_columns(copy.path, "correlations")) == {"position", "risk_a", "risk_b", "rho"}
    assert copy.backup.exists() and pragma(copy.backup, "user_version") == 5


def test_the_v6_fixture_holds_ranges_and_correlations() -> None:
    case = fixture_case(6)
    assert len(case.correlations) == 3
    assert any(a.unit_price_low is not None for a in case.alternatives)
    assert any(a.failure_cost_high is not None for a in case.alternatives)


def test_ranges_and_correlations_survive_the_file(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    path = tmp_path / "c.leverage"
    case = _ranged(sample_case())
    ids = sorted(r.id for r in case.risks)
    case = replace(case, correlations=(Correlation(ids[0], ids[1], 0.4),))
    CaseFile.create(path, case).close()
    case_file = opened(path)
    assert case_file.case == case
    moved = replace(case_file.case, correlations=(Correlation(ids[2], ids[0], -0.3),))
    case_file.commit(moved)
    case_file.close()
    assert opened(path).case.correlations == (Correlation(ids[2], ids[0], -0.3),)


def test_a_matrix_that_is_not_psd_is_refused_and_nothing_is_stored(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    path = tmp_path / "c.leverage"
    CaseFile.create(path, sample_case()).close()
    case_file = opened(path)
    before = case_file.case
    a, b, c = (r.id for r in before.risks[:3])
    bad = (Correlation(a, b, 0.9), Correlation(b, c, 0.9), Correlation(a, c, -0.9))
    with pytest.raises(ValidationError) as raised:
        case_file.commit(replace(before, correlations=bad))
    assert "positive semi-definite" in str(raised.value)
    assert case_file.case == before
    case_file.close()
    assert opened(path).case == before


def test_deleting_a_risk_removes_its_correlations_in_the_file(
    tmp_path: Path, opened: Callable[..., CaseFile]
) -> None:
    path = tmp_path / "c.leverage"
    case = sample_case()
    a, b, c = (r.id for r in case.risks[:3])
    case = replace(case, correlations=(Correlation(a, b, 0.5), Correlation(b, c, 0.2)))
    CaseFile.create(path, case).close()
    case_file = opened(path)
    after = case_file.delete("risks", a)
    assert after.correlations == (Correlation(b, c, 0.2),)
    case_file.close()
    assert opened(path).case.correlations == (Correlation(b, c, 0.2),)


def test_the_json_keeps_ranges_and_correlations_and_stays_version_1() -> None:
    case = _ranged(sample_case())
    ids = [r.id for r in case.risks]
    case = replace(case, correlations=(Correlation(ids[0], ids[1], 0.25),))
    document = case_to_document(case)
    assert document["version"] == 1
    assert document["correlations"] == [{"risk_a": ids[0], "risk_b": ids[1], "rho": 0.25}]
    assert document_to_case(document) == case
    assert document_to_case(case_to_document(document_to_case(document))) == case
    assert '"unit_price_low"' in dumps(case)


def test_an_older_document_without_the_new_keys_imports_unchanged() -> None:
    document = case_to_document(sample_case())
    del document["correlations"]
    for alternative in document["alternatives"]:
        for f in RANGES:
            del alternative[f"{f}_low"], alternative[f"{f}_high"]
    assert document_to_case(document) == sample_case()
