"""Documents: new, open (locked → read-only offer), recent, save a copy, import/export JSON,
close, drop; the analysis runner cancels stale runs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case
from desktop_app.ui.models.entity_model import ListTableModel
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.settings import GEOMETRY, AppSettings
from desktop_app.ui.workers.analysis_runner import AnalysisRunner
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, DialogScript, stored


def test_new_blank_case_starts_with_an_empty_proposal(
    window: MainWindow, tmp_path: Path, dialog_script: DialogScript
) -> None:
    target = tmp_path / "blank.leverage"
    dialog_script.answer(target)
    window.files.new_blank()
    assert window.document is not None and window.document.path == target
    assert [s.role for s in stored(target).scenarios] == ["our_proposal"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_new_from_sample_over_an_existing_file_asks_first(
    window: MainWindow, tmp_path: Path, dialog_script: DialogScript
) -> None:
    target = tmp_path / "taken.leverage"
    target.write_bytes(b"keep me")
    dialog_script.answer(target, False)  # the path, then "replace?" → no
    window.files.new_from_sample()
    assert target.read_bytes() == b"keep me"
    assert "Replace" in dialog_script.questions[0] or "exists" in dialog_script.questions[0]


@pytest.mark.usefixtures("case_path")
def test_a_locked_case_offers_read_only(
    window: MainWindow, dialog_script: DialogScript, tmp_path: Path
) -> None:
    other = tmp_path / "other.leverage"
    write_new_case(other, sample_case())
    holder = CaseFile.open(other)  # "another window"
    try:
        dialog_script.answer(True)
        assert window.open_path(other)
        assert "another Leverage window" in dialog_script.questions[0]
        document = window.document
        assert document is not None and document.read_only
        assert "[read-only]" in window.windowTitle()
        assert window.state_label.text().startswith("Read-only")
        model = next(m for m in window.findChildren(ListTableModel) if m.document is document)
        assert not (model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable)
        case = document.case
        assert (
            document.change(replace(case, info=replace(case.info, client="x")), "Edit") is not None
        )
        assert stored(other).info.client == sample_case().info.client
    finally:
        holder.close()


def test_declining_read_only_keeps_the_current_case(
    window: MainWindow, case_path: Path, dialog_script: DialogScript, tmp_path: Path
) -> None:
    other = tmp_path / "other.leverage"
    write_new_case(other, sample_case())
    with CaseFile.open(other):
        dialog_script.answer(False)
        assert not window.open_path(other)
    assert window.document is not None and window.document.path == case_path


def test_read_only_media_open_read_only_with_a_notice(
    window: MainWindow, monkeypatch: Any, tmp_path: Path
) -> None:
    from desktop_app.store import access

    other = tmp_path / "cdrom.leverage"
    write_new_case(other, sample_case())
    monkeypatch.setattr(access, "write_blocker", lambda _path: "the disk is read-only")
    assert window.open_path(other)
    assert window.document is not None and window.document.read_only
    assert "the disk is read-only" in window.state_label.text()
    assert not window.act_undo.isEnabled()


def test_a_damaged_file_is_refused_in_plain_words(
    window: MainWindow, tmp_path: Path, dialog_script: DialogScript, case_path: Path
) -> None:
    bad = tmp_path / "bad.leverage"
    bad.write_text("not a case")
    assert not window.open_path(bad)
    _title, text = dialog_script.errors[0]
    assert "bad.leverage" in text and "not a Leverage case" in text
    assert "Traceback" not in text
    assert window.document is not None and window.document.path == case_path


def test_recent_files_and_open_recent(
    window: MainWindow, settings: AppSettings, tmp_path: Path, case_path: Path
) -> None:
    second = tmp_path / "second.leverage"
    write_new_case(second, sample_case())
    assert window.open_path(second)
    assert settings.recent_files()[:2] == [second.resolve(), case_path.resolve()]
    window._fill_recent_menu()
    names = [a.text() for a in window.recent_menu.actions()]
    assert names[:2] == ["second.leverage", "deal.leverage"]
    window.recent_menu.actions()[1].trigger()
    assert window.document is not None and window.document.path == case_path


def test_save_a_copy_as(window: MainWindow, tmp_path: Path, dialog_script: DialogScript) -> None:
    target = tmp_path / "copy.leverage"
    dialog_script.answer(target)
    window.files.save_copy_as()
    assert stored(target) == window.document.case  # type: ignore[union-attr]
    assert window.document is not None and window.document.path.name == "deal.leverage"


def test_export_then_import_json(
    window: MainWindow, tmp_path: Path, dialog_script: DialogScript
) -> None:
    exported = tmp_path / "case.json"
    dialog_script.answer(exported)
    window.files.export_json()
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "leverage-case"
    imported = tmp_path / "imported.leverage"
    dialog_script.answer(exported, imported)
    window.files.import_json()
    assert window.document is not None and window.document.path == imported
    assert stored(imported) == sample_case()


def test_close_shows_the_welcome_page(window: MainWindow) -> None:
    window.close_document()
    assert window.document is None
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "Leverage"
    assert window.welcome.recent.count() >= 1


def test_a_dropped_case_opens(window: MainWindow, tmp_path: Path) -> None:
    dropped = tmp_path / "dropped.leverage"
    write_new_case(dropped, sample_case())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document is not None and window.document.path == dropped


def test_geometry_is_remembered(settings: AppSettings, qtbot: Any) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(1001, 701)
    qtbot.waitUntil(lambda: first.width() == 1001, timeout=2_000)
    size = first.size()
    first.close()
    assert not settings.get(GEOMETRY).isEmpty()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    # The offscreen screen is narrower than the window's minimum width, so only the height
    # shows the restored geometry unclamped.
    assert second.height() == size.height() == 701


def test_a_stale_analysis_is_cancelled(qtbot: Any) -> None:
    """Two requests in a row: the first run is cancelled (or its result dropped); only the
    newest case's figures arrive."""
    runner = AnalysisRunner(debounce_ms=0)
    case = sample_case()
    newer = replace(case, info=replace(case.info, min_margin_pct=20.0))
    results: list[Any] = []
    runner.finished.connect(results.append)
    with qtbot.waitSignal(runner.finished, timeout=ANALYSIS_TIMEOUT_MS):
        runner.request(case, immediately=True)
        runner.request(newer, immediately=True)
    runner.wait()
    assert len(results) == 1
    assert results[0].settings.min_margin_pct == 20.0


def test_a_case_the_desktop_sends_to_the_app_opens(
    window: MainWindow, tmp_path: Path, qtbot: Any
) -> None:
    """macOS sends a double-clicked case as a QFileOpenEvent to the application object."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.shell.app import LeverageApplication, open_files_sent_to

    app = QApplication.instance()
    assert isinstance(app, LeverageApplication)
    open_files_sent_to(app, window)
    other = tmp_path / "sent.leverage"
    write_new_case(other, replace(sample_case(), info=replace(sample_case().info, title="Sent")))
    with qtbot.waitSignal(window.document_opened, timeout=5_000):
        assert QApplication.sendEvent(app, QFileOpenEvent(str(other)))
    assert window.document is not None and window.document.path == other
    assert window.document.case.info.title == "Sent"


def test_a_new_case_is_suggested_in_documents_never_in_a_hidden_folder(
    settings: AppSettings, tmp_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    """As after ``make run``: the first case opened is the sample copy in the app's (hidden)
    data folder; File › New suggests the user's Documents folder, not that one."""
    from PySide6.QtCore import QStandardPaths

    from desktop_app.ui.shell import dialogs

    home = tmp_path / "home"
    documents = home / "Documents"
    documents.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert (
        Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        == documents
    )
    hidden = home / ".local" / "share" / "Leverage" / "sample.leverage"
    hidden.parent.mkdir(parents=True)
    write_new_case(hidden, sample_case())
    suggested: list[str] = []

    def ask_save_path(_parent: Any, _title: str, suggestion: str, *_args: Any) -> None:
        suggested.append(suggestion)

    monkeypatch.setattr(dialogs, "ask_save_path", ask_save_path)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(hidden)
    window.files.new_blank()
    window.files.save_copy_as()
    assert [Path(s).parent for s in suggested] == [documents, documents]

    # A case opened from a folder of the user's own: its folder is suggested next.
    mine = home / "Clients" / "deal.leverage"
    mine.parent.mkdir()
    write_new_case(mine, sample_case())
    assert window.open_path(mine)
    window.files.new_from_sample()
    assert Path(suggested[-1]).parent == mine.parent
    window.close_document()
