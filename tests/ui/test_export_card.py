"""File › Export Negotiation Card… (SPEC §10): the options dialog (patched) is asked for the
card with a suggested name beside the case, the export runs off the UI thread and writes one
landscape page marked "Confidential"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from desktop_app.ui.shell import export_pdf
from desktop_app.ui.shell.export_pdf import ExportOptions
from desktop_app.ui.shell.main_window import MainWindow

TIMEOUT_MS = 60_000


def test_the_menu_action_writes_the_card(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any
) -> None:
    target = tmp_path / "card.pdf"
    asked: list[tuple[str, Path]] = []

    def ask(_parent: Any, kind: str, suggested: Path) -> ExportOptions:
        asked.append((kind, suggested))
        return ExportOptions(target, kind, "a4", None, open_when_done=False)

    monkeypatch.setattr(export_pdf, "ask_export_options", ask)
    assert window.act_card in window.file_menu.actions()
    assert window.act_card.isEnabled()
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        window.act_card.trigger()
        assert window.exporter.busy and not window.act_card.isEnabled()
    ((kind, suggested),) = asked
    assert kind == "card" and suggested.name.endswith(" negotiation card.pdf")
    (page,) = PdfReader(target).pages
    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = page.extract_text() or ""
    assert "Confidential" in text and "Negotiation card" in text
    assert window.act_card.isEnabled() and not window.progress.isVisible()


def test_the_dialog_says_the_card_is_confidential(qtbot: Any, tmp_path: Path) -> None:
    dialog = export_pdf.ExportDialog(None, "card", tmp_path / "c.pdf")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Export negotiation card"
    assert dialog.options().kind == "card"
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert any("negotiation card is confidential" in text for text in labels)
