"""GUI test fixtures: offscreen Qt, fresh settings, scripted dialogs, no leftover threads.

Nothing here may block: every dialog goes through ``desktop_app.ui.shell.dialogs``, which these
fixtures replace with a script (``dialog_script``); an unexpected question fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QThreadPool

from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.settings import AppSettings
from desktop_app.ui.state.document import CaseDocument

ANALYSIS_TIMEOUT_MS = 30_000


class DialogScript:
    """Answers for dialogs, in order; records every message shown."""

    def __init__(self) -> None:
        self.answers: list[Any] = []
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.questions: list[str] = []

    def answer(self, *values: Any) -> None:
        self.answers.extend(values)

    def _next(self, what: str) -> Any:
        if not self.answers:
            raise AssertionError(f"unexpected dialog: {what}")
        return self.answers.pop(0)


@pytest.fixture(autouse=True)
def dialog_script(monkeypatch: pytest.MonkeyPatch) -> DialogScript:
    script = DialogScript()
    monkeypatch.setattr(dialogs, "_interactive", True)
    monkeypatch.setattr(
        dialogs, "show_error", lambda _parent, title, text: script.errors.append((title, text))
    )
    monkeypatch.setattr(
        dialogs, "show_info", lambda _parent, title, text: script.infos.append((title, text))
    )

    def ask_yes_no(_parent: Any, title: str, text: str, **_options: bool) -> bool:
        script.questions.append(text)
        return bool(script._next(f"question {title!r}: {text}"))

    monkeypatch.setattr(dialogs, "ask_yes_no", ask_yes_no)

    def ask_proceed(_parent: Any, title: str, text: str, **_options: str) -> bool:
        script.questions.append(text)
        return bool(script._next(f"warning {title!r}: {text}"))

    monkeypatch.setattr(dialogs, "ask_proceed", ask_proceed)
    monkeypatch.setattr(
        dialogs, "ask_open_path", lambda *a, **_k: script._next(f"open dialog {a[1]!r}")
    )
    monkeypatch.setattr(
        dialogs, "ask_save_path", lambda *a, **_k: script._next(f"save dialog {a[1]!r}")
    )
    return script


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app's data and settings folders live in the test's tmp folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    QStandardPaths.setTestModeEnabled(True)
    yield
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """A test fails if it leaves analysis work running on the thread pool."""
    yield
    pool = QThreadPool.globalInstance()
    idle = pool.waitForDone(ANALYSIS_TIMEOUT_MS)
    assert idle and pool.activeThreadCount() == 0, "thread-pool work left running"


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    path = tmp_path / "deal.leverage"
    write_new_case(path, sample_case())
    return path


@pytest.fixture
def document(case_path: Path, qtbot: Any) -> Iterator[CaseDocument]:
    del qtbot  # asked for so that the QApplication exists
    doc = CaseDocument(CaseFile.open(case_path))
    yield doc
    doc.close()


def stored(path: Path) -> Any:
    """The case as the file holds it now (a separate, read-only open)."""
    with CaseFile.open(path, read_only=True) as case_file:
        return case_file.case


@pytest.fixture
def window(settings: AppSettings, case_path: Path, qtbot: Any) -> Iterator[Any]:
    """The main window with the sample case open and analysed (charts not loaded)."""
    from desktop_app.ui.shell.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.document_opened, timeout=5_000):
        assert win.open_path(case_path)
    assert win.document is not None
    if win.document.analysis is None:
        with qtbot.waitSignal(win.document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
            pass
    yield win
    win.close_document()
    win.close()


def analysed_tab(cls: Any, document: CaseDocument, qtbot: Any) -> Any:
    """A tab of class ``cls`` on ``document``, shown the case and its first analysis."""
    tab = cls(document)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        document.start()
    return tab


#: A chart drawn by the chart worker (the first one waits for the worker to load matplotlib).
CHART_TIMEOUT_MS = 60_000


def charts_drawn(qtbot: Any, charts: Any) -> None:
    """Wait until none of ``charts`` (ChartViews) waits for its pixels any more."""
    pending = [chart for chart in charts if chart.pending]
    if pending:
        with qtbot.waitSignals([chart.drawn for chart in pending], timeout=CHART_TIMEOUT_MS):
            pass
    assert not any(chart.pending for chart in charts)


def show_every_page(window: Any) -> None:
    """Click every sub-tab of every tab, as a user looking at everything would (a page may be
    built only when first shown: the Case tab's letterheads and analysis settings), then go
    back to the pages that were on screen."""
    from PySide6.QtWidgets import QTabWidget

    for tab in window.tabs:
        for pages in tab.findChildren(QTabWidget):
            shown = pages.currentIndex()
            for index in range(pages.count()):
                pages.setCurrentIndex(index)
            pages.setCurrentIndex(shown)
