"""Fixtures of the store tests: case files in ``tmp_path``, open files and child processes
that are always closed or killed at the end of the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.domain import Case
from desktop_app.store import CaseFile, write_new_case
from tests.store.casefile_support import Child, FixtureCopy, build_rich_case, fixture_files


@pytest.fixture(scope="session")
def rich_case() -> Case:
    return build_rich_case()


@pytest.fixture
def case_path(tmp_path: Path, rich_case: Case) -> Path:
    """A closed case file holding ``rich_case``."""
    path = tmp_path / "deal.leverage"
    write_new_case(path, rich_case)
    return path


@pytest.fixture
def opened() -> Iterator[Callable[..., CaseFile]]:
    """``opened(path, **kw)``: ``CaseFile.open`` that is closed after the test."""
    files: list[CaseFile] = []

    def open_(path: Path, **kwargs: object) -> CaseFile:
        case_file = CaseFile.open(path, **kwargs)  # type: ignore[arg-type]
        files.append(case_file)
        return case_file

    yield open_
    for case_file in reversed(files):
        case_file.close()


@pytest.fixture
def case_file(case_path: Path, opened: Callable[..., CaseFile]) -> CaseFile:
    """``case_path`` open for writing."""
    return opened(case_path)


@pytest.fixture
def spawn() -> Iterator[Callable[..., Child]]:
    """``spawn(code, *args)`` runs ``python -c code args``; every child is killed afterwards."""
    children: list[Child] = []

    def start(code: str, *args: str, stdin: bool = True) -> Child:
        child = Child.python(code, *args, stdin=stdin)
        children.append(child)
        return child

    yield start
    for child in children:
        child.close()


@pytest.fixture(params=sorted(fixture_files()), ids=lambda version: f"v{version}")
def fixture_copy(request: pytest.FixtureRequest, tmp_path: Path) -> FixtureCopy:
    """A copy of the committed fixture of each schema version in turn (the original is never
    opened for writing)."""
    return FixtureCopy.make(request.param, tmp_path)
