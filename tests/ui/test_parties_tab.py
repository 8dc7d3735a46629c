"""The Parties tab: parties and their interests edited in place, stored at once, undoable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.analysis import analyze_case
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tabs.parties_tab import PartiesTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, charts_drawn, stored

EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def tab(window: MainWindow) -> PartiesTab:
    found = next(t for t in window.tabs if isinstance(t, PartiesTab))
    window.tab_widget.setCurrentWidget(found)
    return found


def column(model: Any, field: str) -> int:
    return next(i for i, c in enumerate(model.columns) if c.field == field)


def cell(model: Any, row: int, field: str) -> Any:
    return model.index(row, column(model, field))


def party(case: Any, ident: str) -> Any:
    return next((p for p in case.parties if p.id == ident), None)


def test_an_edit_in_the_parties_table_lands_in_the_file(tab: PartiesTab, case_path: Path) -> None:
    model = tab.parties_model
    row = model.row_of("p-vp")
    assert row is not None
    assert model.setData(cell(model, row, "influence"), "4")
    assert model.setData(cell(model, row, "stance"), "2")
    on_disk = party(stored(case_path), "p-vp")
    assert (on_disk.influence, on_disk.stance) == (4, 2)
    assert cell(model, row, "stance").data(DISPLAY) == "+2 supportive"
    assert cell(model, row, "influence").data(DISPLAY) == "4"


def test_an_invalid_entry_is_refused_with_its_reason_and_nothing_stored(
    tab: PartiesTab, case_path: Path, qtbot: Any
) -> None:
    model, document = tab.parties_model, tab.document
    row = model.row_of("p-vp")
    assert row is not None
    before = stored(case_path)
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(cell(model, row, "influence"), 7)
    assert "between 1 and 5" in refused.args[0]
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(cell(model, row, "stance"), "3")
    assert refused.args[0].startswith("Stance:") and "hostile" in refused.args[0]
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not model.setData(cell(model, row, "name"), "")
    assert "required" in refused.args[0]
    assert stored(case_path) == before
    assert cell(model, row, "influence").data(EDIT) == 5
    assert cell(model, row, "name").data(DISPLAY) == "Jürgen Albrecht"


def test_undo_and_redo_restore_the_screen_and_the_file(tab: PartiesTab, case_path: Path) -> None:
    model, stack = tab.parties_model, tab.document.undo_stack
    row = model.row_of("p-buyer")
    assert row is not None
    assert model.setData(cell(model, row, "name"), "Sophie Laurent-Petit")
    stack.undo()
    assert cell(model, row, "name").data(DISPLAY) == "Sophie Laurent"
    assert party(stored(case_path), "p-buyer").name == "Sophie Laurent"
    stack.redo()
    assert cell(model, row, "name").data(DISPLAY) == "Sophie Laurent-Petit"
    assert party(stored(case_path), "p-buyer").name == "Sophie Laurent-Petit"


def test_the_interests_follow_the_selected_party(tab: PartiesTab, case_path: Path) -> None:
    interests = tab.interests_model
    tab.select_party(None)
    assert interests.rowCount() == 0
    assert tab.interests_stack.currentWidget() is tab.no_party
    assert not interests.writable

    tab.select_party("p-vp")
    assert tab.interests_stack.currentWidget() is tab.interests
    assert "Jürgen Albrecht" in tab.interests.title.text()
    assert [interests.item(r).id for r in range(interests.rowCount())] == [
        "i-theirs-costdown",
        "i-theirs-supply",
    ]
    assert tab.interests.add_button.isEnabled()
    assert interests.setData(interests.index(1, column(interests, "priority")), "4")
    assert party(stored(case_path), "p-vp").interests[1].priority == 4

    row = interests.add_row()
    assert row == 2
    new = party(stored(case_path), "p-vp").interests[2]
    all_ids = [i.id for p in stored(case_path).parties for i in p.interests]
    assert new.id.startswith("interest-") and all_ids.count(new.id) == 1

    tab.select_party("p-engineer")
    assert interests.rowCount() == 2
    assert interests.index(0, 0).data(DISPLAY).startswith("No requalification")


def test_deleting_a_party_takes_its_interests_and_undo_brings_them_back(
    tab: PartiesTab, case_path: Path
) -> None:
    tab.select_party("p-vp")
    row = tab.parties_model.row_of("p-vp")
    assert row is not None
    assert tab.parties_model.delete_rows([row])
    after = stored(case_path)
    assert party(after, "p-vp") is None
    assert "i-theirs-costdown" not in after.proposal.addresses_interests
    assert "i-theirs-supply" not in after.proposal.addresses_interests
    shown = {tab.interests_model.item(r).id for r in range(tab.interests_model.rowCount())}
    assert not shown & {"i-theirs-costdown", "i-theirs-supply"}
    neighbour = tab.selected_party  # the selection moved to a neighbour: its interests show
    assert neighbour is not None and shown == {i.id for i in neighbour.interests}

    tab.document.undo_stack.undo()
    back = stored(case_path)
    assert len(party(back, "p-vp").interests) == 2
    assert {"i-theirs-costdown", "i-theirs-supply"} <= set(back.proposal.addresses_interests)
    assert tab.parties_model.row_of("p-vp") == row


def test_the_readiness_figure_updates_after_an_edit(
    tab: PartiesTab, case_path: Path, qtbot: Any
) -> None:
    assert "✓" in tab.readiness.text()
    with qtbot.waitSignal(tab.document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        row = tab.parties_model.add_row()
    assert row is not None
    item = next(
        i for i in analyze_case(stored(case_path)).readiness.items if i.id == "interests_addressed"
    )
    assert not item.passed and "New party" in (item.todo or "")
    assert "✗" in tab.readiness.text() and "New party" in tab.readiness.text()


def test_the_stakeholder_map_is_redrawn_after_an_edit(
    window: MainWindow, tab: PartiesTab, qtbot: Any
) -> None:
    window.load_charts()
    charts_drawn(qtbot, [tab.map])
    assert tab.map.draw_count >= 1
    row = tab.parties_model.row_of("p-chips")
    assert row is not None
    with qtbot.waitSignal(tab.document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert tab.parties_model.setData(cell(tab.parties_model, row, "name"), "Sentra Semi AG")
    charts_drawn(qtbot, [tab.map])
    assert tab.map.last_render is not None
    texts = tab.map.last_render.texts
    assert "Sentra Semi AG" in texts
    assert "Sentra Semiconductors" not in texts


def test_spreadsheet_rows_paste_as_new_parties(tab: PartiesTab, case_path: Path) -> None:
    text = (
        "Anna Kowalska\ttheirs\tQuality lead\t4\t-1\n"
        "Bundesamt\tthird party\tRegulator\t2\t0 neutral\n"
    )
    added, reason = tab.parties.view.paste_rows(text)
    assert (added, reason) == (2, None)
    pasted = stored(case_path).parties[-2:]
    assert [(p.name, p.side, p.influence, p.stance) for p in pasted] == [
        ("Anna Kowalska", "theirs", 4, -1),
        ("Bundesamt", "third", 2, 0),
    ]
    assert len({p.id for p in stored(case_path).parties}) == 10

    added, reason = tab.parties.view.paste_rows("Zed\ttheirs\tx\t9\t0\n")
    assert added == 0 and reason is not None and "between 1 and 5" in reason
    assert len(stored(case_path).parties) == 10


def test_the_stakeholder_map_needs_no_analysis(settings: Any, case_path: Path, qtbot: Any) -> None:
    """A chart of the case alone is drawn while the first analysis is still to come, and not
    again when an analysis arrives that changes nothing it shows."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(case_path, lazy=True, analyse=False)
    window.show_tab(1)
    tab = window.tabs[1]
    assert isinstance(tab, PartiesTab) and window.document is not None
    window.load_charts()
    assert window.document.analysis is None
    charts_drawn(qtbot, [tab.map])
    assert tab.map.last_render is not None and tab.map.problem is None
    assert "Jürgen Albrecht" in tab.map.last_render.texts
    drawn = tab.map.draw_count
    with qtbot.waitSignal(window.document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        window.document.reanalyse()
    assert not tab.map.pending and tab.map.draw_count == drawn
    window.close_document()
