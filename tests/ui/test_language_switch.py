"""View › Language (SPEC §12): the window is rebuilt in the new language with the case open,
its undo history and what was being typed kept; the choice is remembered; Qt's own texts
follow through Qt's shipped translation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop_app.i18n import language
from desktop_app.ui.shell.language import speak
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.settings import LANGUAGE, AppSettings
from desktop_app.ui.tabs.case_tab import CaseInfoTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, stored


def translated_as(code: str, english: str) -> str:
    """``english`` as the catalogue of ``code`` has it (read apart from the language in use)."""
    from desktop_app.i18n.catalogues import read

    message = read(code).get(english)
    assert message is not None and message.string
    return str(message.string)


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """Each test leaves the app in English, Qt's translation removed too."""
    yield
    speak("en")


def _case_tab(window: MainWindow) -> CaseInfoTab:
    tab = window.tabs[0]
    assert isinstance(tab, CaseInfoTab)
    return tab


def _shortcuts(window: MainWindow) -> Counter[str]:
    return Counter(
        action.shortcut().toString()
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty()
    )


def test_switching_keeps_the_case_its_undo_history_and_the_typing(
    window: MainWindow, case_path: Path, settings: AppSettings, qtbot: Any
) -> None:
    who, _ = _case_tab(window).forms
    client = who.widgets["client"]
    assert isinstance(client, QLineEdit)
    client.setFocus()
    client.setText("Kessler & Söhne")
    qtbot.keyClick(client, "\r")  # one stored edit: one undo step
    document = window.document
    assert document is not None
    steps = document.undo_stack.count()
    notes = who.widgets["notes"]
    assert isinstance(notes, QPlainTextEdit)
    window.activateWindow()
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus, timeout=2_000)
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, " Still typing")  # not stored yet: the field has the focus
    before = _shortcuts(window)

    window.language_actions["de"].trigger()

    assert language() == "de" and settings.get(LANGUAGE) == "de"
    assert window.language_actions["de"].isChecked()
    assert not window.language_actions["en"].isChecked()
    assert window.document is document  # the same case, open all along
    assert window.file_menu.title() == "&Datei"  # the menus were built again, in German
    assert window.act_undo.iconText() == "Rückgängig"
    assert stored(case_path).info.notes.endswith(" Still typing")  # the typing was kept
    assert document.undo_stack.count() == steps + 1  # … as one more step
    qtbot.waitUntil(lambda: len(window.tabs) == window.tab_widget.count(), timeout=10_000)
    assert window.tab_widget.count() == 8
    rebuilt = _case_tab(window)
    assert rebuilt.forms[0].widgets["client"].text() == "Kessler & Söhne"
    # the old actions are gone with their keys: each key is claimed as often as before (a
    # table's own keys once per table), the window's own ones once
    assert _shortcuts(window) == before
    own = Counter(
        a.shortcut().toString() for a in window._own_actions if not a.shortcut().isEmpty()
    )
    assert own and max(own.values()) == 1
    # Qt's own texts (a file dialog's buttons, a field's context menu) are German too
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    # the history still works after the rebuild, through the new Edit menu
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert stored(case_path).info.client == "Kessler Präzisionstechnik GmbH"
    assert rebuilt.forms[0].widgets["client"].text() == "Kessler Präzisionstechnik GmbH"

    window.language_actions["en"].trigger()
    assert language() == "en" and settings.get(LANGUAGE) == "en"
    assert window.file_menu.title() == "&File"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_language_chosen_is_the_one_the_app_starts_in(
    settings: AppSettings, monkeypatch: Any
) -> None:
    from desktop_app.ui.shell.language import start_language

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert start_language(None, settings) == "en"
    settings.set(LANGUAGE, "de")
    assert start_language(None, settings) == "de" and language() == "de"
    assert start_language("en", settings) == "en"  # --lang wins over the setting
    monkeypatch.setenv("LEVERAGE_LANG", "en")
    assert start_language(None, settings) == "en"  # so does LEVERAGE_LANG
    monkeypatch.delenv("LEVERAGE_LANG")
    settings.set(LANGUAGE, "")
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert start_language(None, settings) == "de"  # no choice yet: the system's language


def test_switching_analyses_the_case_again_in_the_new_language(
    window: MainWindow, qtbot: Any
) -> None:
    """The analysis writes words as it runs (readiness, questions, notes): after a switch it
    runs again, so the tabs and every document exported from now on speak the new language."""
    document = window.document
    assert document is not None and document.analysis is not None
    english = document.analysis.readiness.items[0].label
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        window.language_actions["de"].trigger()
    german = document.analysis.readiness.items[0].label
    assert german != english and german == translated_as("de", english)
