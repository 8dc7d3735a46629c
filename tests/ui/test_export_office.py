"""File › Export as Word…, Export Workbook… and New Case from Workbook…: dialogs patched, the
work runs off the UI thread with the PDF exports' progress and cancel, the files read back."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from desktop_app.reports.workbook import build_workbook
from desktop_app.store.sample import sample_case
from desktop_app.ui.shell import export_office, export_pdf
from desktop_app.ui.shell.export_pdf import ExportOptions
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.conftest import DialogScript

TIMEOUT_MS = 60_000


def _word(path: Path, kind: str, **extra: Any) -> ExportOptions:
    values = {"paper": "a4", "password": None, "open_when_done": True, **extra}
    return ExportOptions(path=path, kind=kind, format="docx", **values)


@pytest.mark.parametrize("kind", ["brief", "proposal"])
def test_export_as_word_writes_the_document_and_opens_it(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any, kind: str
) -> None:
    target = tmp_path / f"{kind}.docx"
    opened: list[Path] = []
    monkeypatch.setattr(export_office, "ask_word_options", lambda *_a: _word(target, kind))
    monkeypatch.setattr(export_pdf, "open_file", opened.append)
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        window.act_word.trigger()
        assert window.exporter.busy and not window.act_word.isEnabled()
        assert not window.act_workbook.isEnabled()
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    text = "\n".join(p.text for p in document.paragraphs)
    if kind == "brief":
        assert any("Executive summary" in h for h in headings)
        assert len(document.inline_shapes) >= 7  # the charts
    else:
        assert "Executive summary" not in text and "walk-away" not in text.lower()
        assert "subject to contract" in text.lower()
    assert opened == [target]
    assert window.act_word.isEnabled() and not window.progress.isVisible()


def test_export_workbook_writes_the_case_and_its_figures(
    window: MainWindow, tmp_path: Path, qtbot: Any, dialog_script: DialogScript
) -> None:
    target = tmp_path / "deal.xlsx"
    dialog_script.answer(target)
    with qtbot.waitSignal(window.exporter.done, timeout=TIMEOUT_MS):
        window.act_workbook.trigger()
    book = load_workbook(target)
    assert book.sheetnames[0] == "Case" and book.sheetnames[-1] == "Analysis"
    assert book["Risks"].freeze_panes == "A2"
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_declined_dialog_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, dialog_script: DialogScript
) -> None:
    monkeypatch.setattr(export_office, "ask_word_options", lambda *_a: None)
    window.act_word.trigger()
    dialog_script.answer(None)
    window.act_workbook.trigger()
    dialog_script.answer(None)
    window.act_new_workbook.trigger()
    assert not window.exporter.busy
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.suffix in (".docx", ".xlsx")) == []


def test_cancel_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any
) -> None:
    target = tmp_path / "brief.docx"
    options = _word(target, "brief", open_when_done=False)
    monkeypatch.setattr(export_office, "ask_word_options", lambda *_a: options)
    with qtbot.waitSignal(window.exporter.cancelled, timeout=TIMEOUT_MS):
        window.act_word.trigger()
        assert window.exporter.busy and not window.cancel_button.isHidden()
        window.cancel_button.click()
    assert not window.exporter.busy and window.cancel_button.isHidden()
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if "tmp" in p.name] == []


def _workbook(tmp_path: Path, **info: Any) -> Path:
    case = sample_case()
    case = dataclasses.replace(case, info=dataclasses.replace(case.info, **info))
    path = tmp_path / "from excel.xlsx"
    path.write_bytes(build_workbook(case, None))
    return path


def test_new_case_from_workbook_creates_and_opens_it(
    window: MainWindow, tmp_path: Path, qtbot: Any, dialog_script: DialogScript
) -> None:
    source = _workbook(tmp_path, title="Edited in Excel")
    target = tmp_path / "from excel.leverage"
    dialog_script.answer(source, target)
    with qtbot.waitSignal(window.document_opened, timeout=TIMEOUT_MS):
        window.act_new_workbook.trigger()
    assert window.document is not None
    assert window.document.path == target
    assert window.document.case.info.title == "Edited in Excel"


def test_a_bad_workbook_is_refused_naming_its_cell(
    window: MainWindow, tmp_path: Path, qtbot: Any, dialog_script: DialogScript
) -> None:
    source = _workbook(tmp_path)
    book = load_workbook(source)
    book["Risks"]["D3"].value = 1.7  # a probability
    buffer = io.BytesIO()
    book.save(buffer)
    source.write_bytes(buffer.getvalue())
    target = tmp_path / "bad.leverage"
    dialog_script.answer(source, target)
    with qtbot.waitSignal(window.exporter.failed, timeout=TIMEOUT_MS):
        window.act_new_workbook.trigger()
    title, text = dialog_script.errors[0]
    assert title == "The case was not created"
    assert "Risks, row 3, Probability: 1.7 is not between 0 and 1" in text
    assert not target.exists()


def test_the_word_dialog_asks_about_the_ways_when_the_proposal_is_chosen(
    qtbot: Any, tmp_path: Path
) -> None:
    dialog = export_office.WordExportDialog(None, tmp_path / "case team brief.docx")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ways.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("proposal"))
    assert dialog.ways.isVisible() and dialog.options().ways_to_agree
    assert dialog.options().path.name == "case proposal.docx"
    dialog.ways.setChecked(False)
    assert not dialog.options().ways_to_agree
