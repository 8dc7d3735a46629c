"""Issue 13 in the app: the offer's fields on the Proposal tab, the letterheads on the Case tab
(Choose logo…/Remove, a colour button), each edit one undo step, a refused file explained; the
consultancy's defaults kept in the settings and given to every new blank case."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop_app.ui.shell.consultancy_dialog import ConsultancyDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.settings import AppSettings, Consultancy
from desktop_app.ui.tabs.case_tab import CaseInfoTab
from desktop_app.ui.tabs.proposal_tab import ProposalTab
from desktop_app.ui.widgets import pickers
from tests.ui.conftest import DialogScript, stored


def image_file(folder: Path, name: str, kind: str, size: tuple[int, int] = (40, 10)) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", size, (14, 110, 110)).save(buffer, kind)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def case_tab(window: MainWindow) -> CaseInfoTab:
    tab = window.tabs[0]
    assert isinstance(tab, CaseInfoTab)
    return tab


def proposal_tab(window: MainWindow) -> ProposalTab:
    tab = next(t for t in window.tabs if isinstance(t, ProposalTab))
    return tab


def document(window: MainWindow) -> Any:
    assert window.document is not None
    return window.document


# -- the offer on the Proposal tab ----------------------------------------------------------------


def test_an_offer_field_edit_is_stored_and_one_undo_step(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = proposal_tab(window)
    assert tab.show_part("reference")
    field = tab.part("reference")
    assert isinstance(field, QLineEdit)
    assert field.text() == "KPT-AUR-2026-117"
    steps = document(window).undo_stack.count()
    field.setFocus()
    field.setText("KPT-AUR-2026-118")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(case_path).proposal.reference == "KPT-AUR-2026-118"
    assert document(window).undo_stack.count() == steps + 1
    assert document(window).undo_stack.undoText() == "Edit offer our reference"
    document(window).undo_stack.undo()
    assert stored(case_path).proposal.reference == "KPT-AUR-2026-117"
    assert field.text() == "KPT-AUR-2026-117"
    document(window).undo_stack.redo()
    assert stored(case_path).proposal.reference == "KPT-AUR-2026-118"


def test_the_offer_shows_every_field_of_the_sample(window: MainWindow) -> None:
    tab = proposal_tab(window)
    addressee = tab.part("addressee")
    assert isinstance(addressee, QPlainTextEdit)
    assert addressee.toPlainText().splitlines()[0] == "Jürgen Albrecht"
    signatory = tab.part("signatory")
    assert isinstance(signatory, QPlainTextEdit)
    assert signatory.toPlainText() == "Dr. Katarzyna Wiśniewska\nChief Executive Officer"
    valid = tab.part("offer_valid_until")
    assert isinstance(valid, QLineEdit) and valid.text() == "2027-01-29"


def test_an_impossible_date_is_refused_with_its_reason(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = proposal_tab(window)
    tab.show_part("offer_valid_until")
    field = tab.part("offer_valid_until")
    assert isinstance(field, QLineEdit)
    steps = document(window).undo_stack.count()
    field.setFocus()
    field.setText("2027-02-30")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(case_path).proposal.offer_valid_until == "2027-01-29"
    assert document(window).undo_stack.count() == steps
    form = next(f for f in tab.offer_forms if "offer_valid_until" in f.widgets)
    assert form.reason.text() == "Open until: '2027-02-30' is not a real calendar date"
    # Emptied, the offer has no date (and says only "subject to contract").
    field.setText("")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert stored(case_path).proposal.offer_valid_until is None


# -- the letterheads on the Case tab ---------------------------------------------------------------


def test_choosing_the_clients_logo_is_one_undo_step(
    window: MainWindow, case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = case_tab(window).letterheads["client"]
    before = stored(case_path).info.client_logo
    logo = image_file(tmp_path, "logo.jpg", "JPEG")
    monkeypatch.setattr(pickers, "pick_image_file", lambda _parent, _title: logo)
    assert editor.choose_logo()
    assert stored(case_path).info.client_logo == logo.read_bytes()
    assert document(window).undo_stack.undoText() == "Set the client's logo"
    assert editor.logo == logo.read_bytes() and editor.remove_button.isEnabled()
    document(window).undo_stack.undo()
    assert stored(case_path).info.client_logo == before
    assert editor.logo == before


def test_the_logo_preview_is_drawn_when_shown_and_follows_the_logo(
    qtbot: Any, tmp_path: Path
) -> None:
    """The preview decodes the logo only once the editor is on screen (the Case tab's
    letterhead page is hidden at start), then follows every change while it is shown."""
    from desktop_app.domain.model import CaseInfo
    from desktop_app.domain.schema import field_of
    from desktop_app.ui.widgets.letterhead_editor import LetterheadEditor

    editor = LetterheadEditor(
        field_of(CaseInfo, "client_logo"), field_of(CaseInfo, "client_accent"), whose="the client"
    )
    qtbot.addWidget(editor)
    wide = image_file(tmp_path, "wide.png", "PNG", (400, 100)).read_bytes()
    editor.show_values(wide, None)
    assert editor.preview.pixmap().isNull()  # not on screen: not decoded yet
    editor.show()
    qtbot.waitExposed(editor)
    shown = editor.preview.pixmap()
    assert (shown.width(), shown.height()) == (144, 36)  # 400 × 100 into 144 × 38, kept 4:1
    tall = image_file(tmp_path, "tall.png", "PNG", (50, 100)).read_bytes()
    editor.show_values(tall, None)
    assert editor.preview.pixmap().height() == 38 and editor.preview.pixmap().width() == 19
    editor.show_values(None, None)
    assert editor.preview.pixmap().isNull() and editor.preview.text() == "no logo"


def test_a_gif_is_refused_with_its_reason_and_nothing_stored(
    window: MainWindow, case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = case_tab(window).letterheads["consultancy"]
    before = stored(case_path).info
    steps = document(window).undo_stack.count()
    gif = image_file(tmp_path, "logo.png", "GIF")  # named .png: its bytes decide
    monkeypatch.setattr(pickers, "pick_image_file", lambda _parent, _title: gif)
    assert not editor.choose_logo()
    assert editor.reason.text() == "Logo: the file is a GIF, not a PNG or JPEG"
    big = tmp_path / "big.png"
    big.write_bytes(image_file(tmp_path, "small.png", "PNG").read_bytes() + b"\0" * 3_250_000)
    # 3,250,000 + the PNG's few hundred bytes, / 1,048,576 = 3.1 MB
    assert not editor.use_logo_file(big)
    assert editor.reason.text() == "Logo: 3.1 MB, above 2 MB"
    assert stored(case_path).info == before
    assert document(window).undo_stack.count() == steps


def test_removing_a_logo_and_setting_the_accent(
    window: MainWindow, case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = case_tab(window).letterheads["client"]
    editor.remove_button.click()
    assert stored(case_path).info.client_logo is None
    assert document(window).undo_stack.undoText() == "Remove the client's logo"
    assert not editor.remove_button.isEnabled()
    monkeypatch.setattr(pickers, "pick_colour", lambda _parent, _title, _current: "#123456")
    editor.colour_button.click()
    assert stored(case_path).info.client_accent == "#123456"
    assert editor.colour_button.text() == "#123456"
    assert document(window).undo_stack.undoText() == "Set the client's accent colour"
    editor.neutral_button.click()
    assert stored(case_path).info.client_accent is None
    assert editor.colour_button.text() == "None (neutral)"
    document(window).undo_stack.undo()
    assert stored(case_path).info.client_accent == "#123456"


def test_a_cancelled_picker_changes_nothing(
    window: MainWindow, case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = case_tab(window).letterheads["client"]
    before = stored(case_path).info
    monkeypatch.setattr(pickers, "pick_image_file", lambda _parent, _title: None)
    monkeypatch.setattr(pickers, "pick_colour", lambda _parent, _title, _current: None)
    assert not editor.choose_logo()
    assert not editor.choose_accent()
    assert stored(case_path).info == before


# -- our consultancy's defaults --------------------------------------------------------------------


def test_our_consultancy_is_kept_in_the_settings_and_given_to_a_new_case(
    window: MainWindow,
    settings: AppSettings,
    tmp_path: Path,
    dialog_script: DialogScript,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:
    assert settings.consultancy() == Consultancy()
    dialog = ConsultancyDialog(settings, window)
    qtbot.addWidget(dialog)
    logo = image_file(tmp_path, "ours.png", "PNG")
    dialog.name_edit.setText("  Northbridge Negotiation Partners ")
    assert dialog.editor.use_logo_file(logo)
    monkeypatch.setattr(pickers, "pick_colour", lambda _parent, _title, _current: "#7B2D43")
    assert dialog.editor.choose_accent()
    dialog.accept()
    ours = Consultancy("Northbridge Negotiation Partners", logo.read_bytes(), "#7B2D43")
    assert settings.consultancy() == ours

    target = tmp_path / "new.leverage"
    dialog_script.answer(target)
    window.files.new_blank()
    info = stored(target).info
    assert (info.consultancy, info.consultancy_logo, info.consultancy_accent) == (
        ours.name,
        ours.logo,
        ours.accent,
    )
    assert info.client_logo is None and info.client_accent is None


def test_a_damaged_setting_is_not_given_to_a_new_case(settings: AppSettings) -> None:
    settings.set_consultancy(Consultancy("Ours", b"GIF89a not a logo", "#7B2D43"))
    assert settings.consultancy() == Consultancy("Ours", None, "#7B2D43")


def test_the_edit_menu_offers_our_consultancy(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.ui.shell import consultancy_dialog

    shown: list[Any] = []
    monkeypatch.setattr(
        consultancy_dialog,
        "edit_consultancy",
        lambda parent, settings: shown.append((parent, settings)) or True,
    )
    assert window.act_consultancy in window.menuBar().actions()[1].menu().actions()
    window.act_consultancy.trigger()
    assert shown == [(window, window.settings)]
