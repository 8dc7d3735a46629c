"""The Talks tab (SPEC §10): a consultant logs a three-round exchange from the keyboard, sees
each offer against the plan (figures by hand), undoes a slip, edits the plan with its refusals
and undo, sees the chart, and saves a round snapshot to read and to compare with now.

The case is the sample with a plan that is easy to follow by hand: from our proposal's
EUR 455 to EUR 440 in four rounds, linearly (shape 1): P(t) = 455 − 15·t/4, so 451.25,
447.50, 443.75, 440.00.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.domain.model import Offer
from desktop_app.store import CaseFile, write_new_case
from desktop_app.store.sample import sample_case
from desktop_app.ui.models.offer_log import OFFER_COLUMNS, next_offer
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import TABS, talks_snapshots
from desktop_app.ui.tabs.talks_tab import TalksTab
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS, charts_drawn, stored

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
#: The proposal's K·(1 − r·d/365) by hand: 60,000 units a year for 4 years at −1.5 % a year,
#: paid in 45 days at 8 %: 60,000 · (1 + 0.985 + 0.985² + 0.985³) · (1 − 0.08 · 45/365).
K = 60_000 * (1 + 0.985 + 0.985**2 + 0.985**3)
OUR_FACTOR = K * (1 - 0.08 * 45 / 365)


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    """The sample with the hand plan of the module doc and no offer yet."""
    case = sample_case()
    info = dataclasses.replace(case.info, plan_rounds=4, plan_shape=1.0, plan_limit=440.0)
    path = tmp_path / "talks.leverage"
    write_new_case(path, dataclasses.replace(case, info=info, offers=()))
    return path


def talks_tab(window: MainWindow, qtbot: Any) -> TalksTab:
    index = [entry.class_name for entry in TABS].index("TalksTab")
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_tab(index)
    tab = window.build_tab(index)
    assert isinstance(tab, TalksTab)
    return tab


def column(field: str) -> int:
    return next(i for i, c in enumerate(OFFER_COLUMNS) if c.field == field)


def new_offer_by_keyboard(tab: TalksTab, price: str, qtbot: Any) -> None:
    """Ctrl+Shift+O, type the price, Enter: as at the table."""
    view = tab.log.view
    qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_O, CTRL_SHIFT)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), "the new offer's price is open for typing"
    assert view.currentIndex().column() == column("unit_price")
    qtbot.keyClicks(editor, price)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2_000)


def test_the_talks_tab_comes_last_at_the_table() -> None:
    assert TABS[-1].class_name == "TalksTab"
    assert TalksTab.title == "Talks"


def test_a_new_offer_answers_the_last_one() -> None:
    case = sample_case()
    first = next_offer(case, "2026-12-01")
    assert (first.round, first.from_, first.date, first.unit_price) == (
        1,
        "theirs",
        "2026-12-01",
        None,
    )
    theirs = Offer(id="o-1", round=1, from_="theirs", unit_price=410.0)
    after_theirs = next_offer(dataclasses.replace(case, offers=(theirs,)))
    assert (after_theirs.round, after_theirs.from_) == (1, "ours")
    ours = Offer(id="o-2", round=1, from_="ours", unit_price=452.0)
    after_ours = next_offer(dataclasses.replace(case, offers=(theirs, ours)))
    assert (after_ours.round, after_ours.from_) == (2, "theirs")
    # We opened: our second offer is the next round's.
    opened = next_offer(
        dataclasses.replace(case, offers=(ours, dataclasses.replace(theirs, id="o-3")))
    )
    assert (opened.round, opened.from_) == (2, "ours")


def test_a_three_round_exchange_is_logged_by_keyboard(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = talks_tab(window, qtbot)
    document = window.document
    assert document is not None
    tab.log.view.setFocus()
    prices = ["410", "452", "420", "446", "428"]
    for price in prices:
        new_offer_by_keyboard(tab, price, qtbot)

    def analysed_all(analysis: Any) -> bool:
        offers = analysis.talks.offers
        return len(offers) == 6 and all(o.unit_price is not None for o in offers)

    with qtbot.waitSignal(
        document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS, check_params_cb=analysed_all
    ):
        new_offer_by_keyboard(tab, "444", qtbot)

    offers = stored(case_path).offers
    assert [(o.round, o.from_, o.unit_price) for o in offers] == [
        (1, "theirs", 410.0),
        (1, "ours", 452.0),
        (2, "theirs", 420.0),
        (2, "ours", 446.0),
        (3, "theirs", 428.0),
        (3, "ours", 444.0),
    ]
    assert all(o.payment_days is None and o.liability_cap is None for o in offers)

    model = tab.model
    headers = [c.header for c in model.columns]

    def shown(row: int, header: str) -> str:
        return str(model.data(model.index(row, headers.index(header))))

    # Ours: 452 ≥ 451.25 and 444 ≥ 443.75 are on plan; 446 < 447.50 falls short by 1.50.
    assert shown(1, "Plan") == "451.25 EUR" and shown(1, "Flag") == "on plan"
    assert shown(3, "Plan") == "447.50 EUR"
    assert shown(5, "Plan") == "443.75 EUR" and shown(5, "Flag") == "on plan"
    figures = document.analysis.talks.offer(offers[3].id) if document.analysis else None
    assert figures is not None and figures.below_plan
    assert figures.cost_vs_plan == pytest.approx(1.5 * OUR_FACTOR, rel=1e-9)
    cost = f"{1.5 * OUR_FACTOR / 1000:,.2f}k EUR"  # 348.51k EUR
    assert shown(3, "Flag") == f"below plan: costs {cost}"
    assert model.data(model.index(3, headers.index("Flag")), Qt.ItemDataRole.ForegroundRole)
    assert "round 2 at 446.00 EUR is below the plan's 447.50 EUR" in tab.flags.text()
    # Their pace through (1, 410), (2, 420), (3, 428): slope 9; line 401.33 + 9t reaches
    # the plan's limit 440 only after its last round, in round 5 at 446.33.
    assert "up 9.00 EUR a round (rounds 1, 2, 3)" in tab.pace.text()
    assert "meet our plan in round 5 (446.33 EUR)" in tab.pace.text()
    # The grey terms are taken from the proposal (ours) and their demand (theirs).
    assert shown(0, "Payment days") == "90" and shown(1, "Payment days") == "45"

    # A slip: undo takes the price back, then the offer itself.
    document.undo_stack.undo()
    assert stored(case_path).offers[-1].unit_price is None
    document.undo_stack.undo()
    assert [o.id for o in stored(case_path).offers] == [o.id for o in offers[:5]]
    assert model.rowCount() == 5


def test_the_plan_is_edited_with_refusals_and_undo(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    tab = talks_tab(window, qtbot)
    tab.sections.setCurrentIndex(1)
    rounds = tab.plan_form.widgets["plan_rounds"]
    assert isinstance(rounds, QLineEdit)
    rounds.setFocus()
    rounds.setText("25")
    qtbot.keyClick(rounds, Qt.Key.Key_Return)
    assert "Plan rounds" in tab.plan_form.reason.text()
    assert "20" in tab.plan_form.reason.text()
    assert stored(case_path).info.plan_rounds == 4
    document = window.document
    assert document is not None
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        rounds.setText("5")
        qtbot.keyClick(rounds, Qt.Key.Key_Return)
    assert stored(case_path).info.plan_rounds == 5
    assert tab.plan_form.reason.isHidden()
    # Five rounds from 455 to 440: 452, 449, 446, 443, 440.
    grid = tab.plan_grid
    assert [grid.columns[i].text for i in range(grid.columnCount())] == [
        f"Round {t}" for t in range(1, 6)
    ]
    assert [c.text for c in grid.cells[0]] == [
        "452.00 EUR",
        "449.00 EUR",
        "446.00 EUR",
        "443.00 EUR",
        "440.00 EUR",
    ]
    document.undo_stack.undo()
    assert stored(case_path).info.plan_rounds == 4
    assert rounds.text() == "4"


def test_the_chart_shows_the_offers(window: MainWindow, qtbot: Any) -> None:
    document = window.document
    assert document is not None
    case = document.case
    offers = (
        Offer(id="offer-1", round=1, from_="theirs", unit_price=410.0),
        Offer(id="offer-2", round=1, from_="ours", unit_price=445.0),
    )
    with qtbot.waitSignal(document.analysis_ready, timeout=ANALYSIS_TIMEOUT_MS):
        assert document.change(dataclasses.replace(case, offers=offers), "Log offers") is None
    tab = talks_tab(window, qtbot)
    window.load_charts()
    qtbot.waitUntil(tab.chart.isVisible)
    charts_drawn(qtbot, [tab.chart])
    rendered = tab.chart.last_render
    assert rendered is not None and rendered.key == "talks_offers"
    assert rendered.label == "talks", rendered.texts
    assert "Offers by round" in rendered.texts
    assert "1 offer of ours below the plan or our walk-away (ringed in red)." in rendered.texts


def test_a_round_snapshot_is_listed_read_and_compared_with_now(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = window.document
    assert document is not None
    offer = Offer(id="offer-1", round=1, from_="theirs", unit_price=410.0)
    assert document.change(dataclasses.replace(document.case, offers=(offer,)), "Log") is None
    tab = talks_tab(window, qtbot)
    panel = tab.snapshots
    offered: list[str] = []

    def answer(_parent: Any, default: str) -> str:
        offered.append(default)
        return default

    monkeypatch.setattr(talks_snapshots, "ask_label", answer)
    undo_steps = document.undo_stack.count()
    with qtbot.waitSignal(document.snapshots_changed, timeout=5_000):
        qtbot.mouseClick(tab.snapshot_button, Qt.MouseButton.LeftButton)
    assert offered == ["Round 1"]
    assert panel.labels() == ["Round 1"]
    assert [s.label for s in document.file.snapshots()] == ["Round 1"]
    assert document.undo_stack.count() == undo_steps  # a record of the case, not a change

    # Their price moves; what changed since round 1 says so, field by field.
    moved = dataclasses.replace(offer, unit_price=415.0)
    assert document.change(dataclasses.replace(document.case, offers=(moved,)), "Edit") is None
    changes = panel.changes_selected()
    assert changes is not None and changes.isVisible()  # beside the window, not blocking it
    rows = changes.rows()
    assert len(rows) == 1, rows
    label, then, now = rows[0]
    assert "Unit price" in label and then == "410" and now == "415"
    then_item = changes.table.item(0, 1)
    assert then_item is not None and then_item.text() == "410"
    assert "1 change(s) since “Round 1”" in changes.summary.text()

    # Read-only: the snapshot's own figures, its offer at 410.
    report = panel.open_selected()
    assert report is not None
    with qtbot.waitSignal(report.ready, timeout=ANALYSIS_TIMEOUT_MS):
        pass
    text = report.text.toPlainText()
    assert report.text.isReadOnly()
    assert sample_case().info.title in text
    assert "410.00" in text
    report.close()


def test_file_menu_saves_a_round_snapshot_from_any_tab(
    window: MainWindow, case_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › Save Round Snapshot… is the Talks tab's Save, reached from any tab, by the menu
    or by its key (Ctrl+Shift+R, no other owner); disabled on a read-only case."""
    document = window.document
    assert document is not None
    offer = Offer(id="offer-1", round=2, from_="theirs", unit_price=410.0)
    assert document.change(dataclasses.replace(document.case, offers=(offer,)), "Log") is None
    action = window.act_snapshot
    assert action in window.file_menu.actions()
    assert action.text().replace("&", "") == talks_snapshots.SAVE_TEXT
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    assert action.isEnabled()
    offered: list[str] = []
    answers = ["Round 2", None, "  After the call  "]

    def answer(_parent: Any, default: str) -> str | None:
        offered.append(default)
        return answers.pop(0)

    monkeypatch.setattr(talks_snapshots, "ask_label", answer)
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_tab(0)  # the Case tab: the menu item needs no Talks tab on screen
    undo_steps = document.undo_stack.count()
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _context, text: messages.append(text))
    try:
        with qtbot.waitSignal(document.snapshots_changed, timeout=5_000):
            qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_R, CTRL_SHIFT)
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "Ambiguous shortcut" in m], messages
    assert offered == ["Round 2"]
    assert [s.label for s in document.file.snapshots()] == ["Round 2"]
    assert "Round snapshot “Round 2” saved" in window.statusBar().currentMessage()

    assert window.save_round_snapshot() == "cancelled"  # the question cancelled: nothing kept
    with qtbot.waitSignal(document.snapshots_changed, timeout=5_000):
        action.trigger()  # the menu item
    assert [s.label for s in stored_snapshots(case_path)] == ["Round 2", "After the call"]
    assert document.undo_stack.count() == undo_steps  # a record of the case, not a change
    assert talks_tab(window, qtbot).snapshots.labels() == ["After the call", "Round 2"]

    # Read-only: the item and the tab's button are disabled, and nothing is kept.
    window.close_document()
    window.set_document(CaseDocument(CaseFile.open(case_path, read_only=True)))
    assert not window.act_snapshot.isEnabled()
    assert not talks_tab(window, qtbot).snapshots.save_button.isEnabled()
    monkeypatch.setattr(talks_snapshots, "ask_label", lambda *_: pytest.fail("asked a label"))
    assert window.save_round_snapshot() is not None
    assert len(stored_snapshots(case_path)) == 2


def stored_snapshots(path: Path) -> list[Any]:
    """The snapshots the file holds now (a separate, read-only open)."""
    with CaseFile.open(path, read_only=True) as case_file:
        return list(case_file.snapshots())


def test_the_log_takes_the_table_keys_and_a_new_offer_goes_last(
    window: MainWindow, case_path: Path, qtbot: Any
) -> None:
    document = window.document
    assert document is not None
    logged = (
        Offer(id="offer-1", round=1, from_="theirs", unit_price=410.0),
        Offer(id="offer-2", round=1, from_="ours", unit_price=452.0),
    )
    assert document.change(dataclasses.replace(document.case, offers=logged), "Log") is None
    tab = talks_tab(window, qtbot)
    view = tab.log.view
    view.setFocus()
    view.setCurrentIndex(tab.model.index(0, 0))  # the first row selected: still added last
    qtbot.keyClick(view, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    added = stored(case_path).offers
    assert [(o.round, o.from_) for o in added] == [(1, "theirs"), (1, "ours"), (2, "theirs")]
    assert document.undo_stack.undoText() == "Add offer"
    assert view.currentIndex().row() == 2
    assert view.currentIndex().column() == column("unit_price")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [o.id for o in stored(case_path).offers] == ["offer-1", "offer-2"]
    view.setCurrentIndex(tab.model.index(1, 0))
    qtbot.keySequence(view, "Ctrl+C")
    qtbot.keySequence(view, "Ctrl+V")
    pasted = stored(case_path).offers
    assert len(pasted) == 3 and pasted[2].unit_price == 452.0 and pasted[2].from_ == "ours"
    assert document.undo_stack.undoText() == "Paste offer"
