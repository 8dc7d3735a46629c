"""The main window: six tabs, title, status, recent files, geometry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import AppSettings


def test_window_shows_the_six_tabs_with_the_case(window: MainWindow, case_path: Path) -> None:
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == ["Case", "Parties", "Alternatives", "Risk", "Margin", "Proposal"]
    assert "Aurelia GT" in window.windowTitle()
    assert case_path.name in window.windowTitle()
    assert window.state_label.text() == "All changes saved"


def test_recent_files_remember_the_case_and_drop_missing_ones(
    window: MainWindow, settings: AppSettings, case_path: Path, tmp_path: Path
) -> None:
    assert settings.recent_files()[0] == case_path.resolve()
    settings.add_recent(tmp_path / "gone.leverage")
    assert tmp_path / "gone.leverage" not in settings.recent_files()


def test_undo_and_redo_are_named_after_the_change(window: MainWindow, qtbot: Any) -> None:
    from dataclasses import replace

    document = window.document
    assert document is not None
    case = document.case
    document.change(replace(case, info=replace(case.info, client="Someone else")), "Edit client")
    assert window.act_undo.isEnabled()
    assert window.act_undo.text() == "&Undo Edit client"
    window.act_undo.trigger()
    assert document.case.info.client == case.info.client
    assert window.act_redo.text() == "&Redo Edit client"
