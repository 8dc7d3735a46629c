"""Fixtures of the reliability suite: a richly linked case and a JSON file of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain import Case
from desktop_app.store.interchange import dumps
from tests.store.casefile_support import build_rich_case


@pytest.fixture(scope="session")
def rich_case() -> Case:
    return build_rich_case()


@pytest.fixture
def case_json(tmp_path: Path, rich_case: Case) -> Path:
    """``rich_case`` as an interchange file, in a folder of its own."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "case.json"
    path.write_text(dumps(rich_case), encoding="utf-8")
    return path
