"""What the app's File menu writes is readable by its owner only, whatever the umask: a new
case, a copy, and the JSON export (the whole confidential case, as text)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import DialogScript


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_new_case_copy_and_json_export_are_owner_only(
    window: MainWindow, tmp_path: Path, dialog_script: DialogScript
) -> None:
    exported, copy, new = (
        tmp_path / "case.json",
        tmp_path / "copy.leverage",
        tmp_path / "new.leverage",
    )
    dialog_script.answer(exported)
    window.files.export_json()
    dialog_script.answer(copy)
    window.files.save_copy_as()
    dialog_script.answer(new)
    window.files.new_blank()
    assert dialog_script.errors == []
    for path in (exported, copy, new):
        assert path.stat().st_mode & 0o777 == 0o600, path.name
