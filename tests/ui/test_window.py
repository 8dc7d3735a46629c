"""The main window: its tabs, title, status, recent files, geometry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.settings import AppSettings


def test_window_shows_the_tabs_with_the_case(window: MainWindow, case_path: Path) -> None:
    titles = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert titles == [
        "Case",
        "Parties",
        "Alternatives",
        "Risk",
        "Margin",
        "Deal",
        "Proposal",
        "Talks",
    ]
    assert "Aurelia GT" in window.windowTitle()
    assert case_path.name in window.windowTitle()
    assert window.state_label.text() == "All changes saved"


@pytest.mark.usefixtures("window")
def test_recent_files_remember_the_case_and_drop_missing_ones(
    settings: AppSettings, case_path: Path, tmp_path: Path
) -> None:
    assert settings.recent_files()[0] == case_path.resolve()
    settings.add_recent(tmp_path / "gone.leverage")
    assert tmp_path / "gone.leverage" not in settings.recent_files()


def test_undo_and_redo_are_named_after_the_change(window: MainWindow) -> None:
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


def test_the_toolbar_says_undo_and_redo_and_names_the_change_in_the_tooltip(
    window: MainWindow, qtbot: Any
) -> None:
    """At 1024 px the toolbar keeps every button: Undo's carries "Undo", the change is in its
    tooltip and in the Edit menu."""
    from dataclasses import replace

    from PySide6.QtWidgets import QToolBar

    document = window.document
    assert document is not None
    case = document.case
    long_name = "Paste 12 talking points from the spreadsheet of the purchasing team"
    document.change(replace(case, info=replace(case.info, client="Someone else")), long_name)
    window.resize(1024, 640)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert toolbar is not None
    qtbot.waitUntil(lambda: toolbar.width() <= 1024)
    undo = toolbar.widgetForAction(window.act_undo)
    assert undo.text() == "Undo"
    assert undo.toolTip() == f"Undo {long_name}"
    assert window.act_undo.text() == f"&Undo {long_name}"
    window.act_undo.trigger()
    redo = toolbar.widgetForAction(window.act_redo)
    assert redo.text() == "Redo" and redo.toolTip() == f"Redo {long_name}"
    assert undo.text() == "Undo" and undo.toolTip() == "Undo"
    last = toolbar.widgetForAction(window.act_reanalyse)
    qtbot.waitUntil(last.isVisible)
    assert toolbar.sizeHint().width() <= 1024


def test_opening_at_start_builds_only_the_tab_on_screen(
    settings: AppSettings, case_path: Path, qtbot: Any
) -> None:
    """The start-up path (``lazy``): every title and tooltip at once, one tab built and its
    case data shown; a tab is built when it is shown, or by ``build_remaining_tabs``."""
    from PySide6.QtWidgets import QLineEdit

    from desktop_app.ui.tabs import TABS
    from desktop_app.ui.tabs.base import CaseTab

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(case_path, lazy=True, analyse=False)
    bar = window.tab_widget
    assert [bar.tabText(i) for i in range(bar.count())] == [t.title for t in TABS]
    assert all(bar.tabToolTip(i) == TABS[i].tooltip for i in range(bar.count()))
    assert len(window.tabs) == 1 and bar.currentIndex() == 0
    texts = [w.text() for w in window.tabs[0].findChildren(QLineEdit)]
    assert "Aurelia GT" in " ".join(texts)  # the case's data, not an empty form

    bar.setCurrentIndex(3)  # shown: built now
    shown = bar.widget(3)
    assert isinstance(shown, CaseTab) and shown.title == "Risk"
    assert len(window.tabs) == 2
    with qtbot.waitCallback() as done:
        window.build_remaining_tabs(done=done)
    assert [type(t).__name__ for t in window.tabs] == [t.class_name for t in TABS]
    assert all(tab.title == entry.title for tab, entry in zip(window.tabs, TABS, strict=True))
    window.close_document()


def test_a_case_that_cannot_be_opened_at_start_leaves_the_welcome_page(
    settings: AppSettings, tmp_path: Path, qtbot: Any, dialog_script: Any
) -> None:
    from desktop_app.ui.shell.app import Startup

    bad = tmp_path / "bad.leverage"
    bad.write_text("not a case")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    Startup(window, quit_after_load=False, timings=False).begin(bad)
    assert window.document is None
    assert window.stack.currentWidget() is window.welcome
    assert [title for title, _text in dialog_script.errors] == ["Cannot open the case"]
