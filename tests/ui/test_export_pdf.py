"""Export Team Brief… / Export Proposal… from the app: options dialog (patched), the export
runs off the UI thread, the file is written, it opens when asked; failures are shown in words;
cancel writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop_app.ui.shell import export_pdf
from desktop_app.ui.shell.export_pdf import ExportOptions
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import DialogScript

TIMEOUT_MS = 60_000


def _options(path: Path, kind: str, **extra: Any) -> ExportOptions:
    values = {"paper": "a4", "password": None, "open_when_done": True, **extra}
    return ExportOptions(path=path, kind=kind, **values)


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_export_writes_the_pdf_off_the_ui_thread_and_opens_it(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any, kind: str
) -> None:
    target = tmp_path / f"{kind}.pdf"
    opened: list[Path] = []
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: _options(target, kind))
    monkeypatch.setattr(export_pdf, "open_file", opened.append)
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        (window.act_brief if kind == "brief" else window.act_proposal).trigger()
        assert window.exporter.busy and not window.act_brief.isEnabled()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Aurelia" in text
    if kind == "brief":
        assert "417.74" in text  # our walk-away: the brief is for our team
    else:
        assert "417.74" not in text and "walk-away" not in text.lower()
    assert opened == [target]
    assert window.act_brief.isEnabled() and not window.progress.isVisible()


def test_a_password_encrypts_the_pdf(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any
) -> None:
    target = tmp_path / "secret.pdf"
    options = _options(target, "proposal", password="s3cret", open_when_done=False)
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: options)
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        window.act_proposal.trigger()
    reader = PdfReader(target)
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    assert reader.decrypt("s3cret") != 0


def test_an_unwritable_target_is_reported_in_words(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any, dialog_script: DialogScript
) -> None:
    target = tmp_path / "missing-folder" / "brief.pdf"
    options = _options(target, "brief", open_when_done=False)
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: options)
    with qtbot.waitSignal(window.exporter.failed, timeout=TIMEOUT_MS):
        window.act_brief.trigger()
    title, text = dialog_script.errors[0]
    assert "not written" in title and "Traceback" not in text
    assert not target.exists()


def test_cancel_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any
) -> None:
    target = tmp_path / "brief.pdf"
    options = _options(target, "brief", open_when_done=False)
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: options)
    with qtbot.waitSignal(window.exporter.cancelled, timeout=TIMEOUT_MS):
        window.exporter.start("brief")
        assert window.exporter.busy and not window.cancel_button.isHidden()
        window.cancel_button.click()
    assert not window.exporter.busy and window.cancel_button.isHidden()
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or "tmp" in p.name] == []


def test_a_declined_dialog_exports_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: None)
    window.act_brief.trigger()
    assert not window.exporter.busy
    assert list(tmp_path.glob("*.pdf")) == []


@pytest.mark.parametrize("ways", [True, False])
def test_the_proposal_offers_the_ways_to_agree_as_the_dialog_says(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any, ways: bool
) -> None:
    target = tmp_path / "proposal.pdf"
    options = _options(target, "proposal", open_when_done=False, ways_to_agree=ways)
    monkeypatch.setattr(export_pdf, "ask_export_options", lambda *_a: options)
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        window.act_proposal.trigger()
    text = " ".join("".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert ("Three ways to agree" in text) is ways


def test_the_dialog_asks_about_the_ways_for_the_proposal_only(qtbot: Any, tmp_path: Path) -> None:
    proposal = export_pdf.ExportDialog(None, "proposal", tmp_path / "p.pdf")
    brief = export_pdf.ExportDialog(None, "brief", tmp_path / "b.pdf")
    qtbot.addWidget(proposal)
    qtbot.addWidget(brief)
    proposal.show()
    brief.show()
    assert proposal.ways.isVisible() and proposal.ways.isChecked()
    assert proposal.options().ways_to_agree
    proposal.ways.setChecked(False)
    assert not proposal.options().ways_to_agree
    assert not brief.ways.isVisible()
