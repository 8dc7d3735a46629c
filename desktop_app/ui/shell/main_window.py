"""The main window: a shell that assembles menus, toolbar, status bar and the tabs.

Document work (new, open, save a copy, import, export) lives in ``file_actions.py``; each tab
lives in ``tabs/``. This module only wires them together.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from desktop_app.i18n import N_, _, language
from desktop_app.ui.shell import dialogs, file_actions
from desktop_app.ui.shell.language import LANGUAGE_NAMES, speak
from desktop_app.ui.shell.settings import (
    GEOMETRY,
    LANGUAGE,
    LAST_TAB,
    WINDOW_STATE,
    AppSettings,
)
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import TABS
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.menu_keys import key_text
from desktop_app.ui.workers.chart_renderer import chart_renderer

#: File › Save Round Snapshot… (Ctrl+Shift+S is Save a Copy As, Ctrl+Shift+O New Offer).
SNAPSHOT_KEY = "Ctrl+Shift+R"
#: What the status bar says while a file is written, by what the exporter says it writes.
WRITING = {
    "Team brief": N_("Writing the team brief…"),
    "Proposal": N_("Writing the proposal…"),
    "Workbook": N_("Writing the workbook…"),
    "Negotiation card": N_("Writing the negotiation card…"),
    "Case from the workbook": N_("Writing the case from the workbook…"),
}


def _help() -> Any:
    """The help module (licences read from package metadata): loaded when first asked for."""
    from desktop_app.ui.shell import help_dialogs

    return help_dialogs


def _table_editors(widget: QWidget) -> list[Any]:
    """The ``TableEditor``s inside ``widget``. Its module is imported by the first tab that has
    a table, after the first paint; until then there is none to find."""
    module = sys.modules.get("desktop_app.ui.widgets.table_editor")
    return [] if module is None else widget.findChildren(module.TableEditor)


class MainWindow(QMainWindow):
    """One window, one case at a time."""

    document_opened = Signal(object)  # CaseDocument
    document_closed = Signal()

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.settings = settings
        self.document: CaseDocument | None = None
        self._built: list[CaseTab | None] = []
        self._tab_slots: list[QWidget] = []
        self.charts_loaded = False
        self.setAcceptDrops(True)
        self.setMinimumSize(960, 640)
        self.tab_widget = QTabWidget()
        self.tab_widget.setDocumentMode(True)
        self.tab_widget.currentChanged.connect(self._tab_changed)
        self.files = file_actions.FileActions(self, settings, lambda: self.document)
        self.files.document_ready.connect(
            lambda document, options: self.set_document(document, **options)
        )
        self.files.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self._exporter: Any = None  # made when first used (its module is not needed sooner)
        self._welcome: Any = None  # made when first shown (never, when a case opens at start)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tab_widget)
        self.setCentralWidget(self.stack)
        self._own_actions: list[QAction] = []
        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._restore_geometry()
        self._update_title()
        self._update_enabled()

    # -- building ---------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        self._own_actions.append(action)  # built again when the language changes
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        f = self.files
        K = QKeySequence.StandardKey
        self.act_new = self._action(
            _("&New Blank Case…"), f.new_blank, K.New, _("Start an empty case")
        )
        self.act_new_sample = self._action(
            _("New from &Sample…"),
            f.new_from_sample,
            "Ctrl+Shift+N",
            _("Start from the built-in sample"),
        )
        self.act_open = self._action(_("&Open…"), f.open_dialog, K.Open, _("Open a case file"))
        self.act_copy_as = self._action(
            _("Save a &Copy As…"),
            f.save_copy_as,
            K.SaveAs,
            _("Write a copy of this case elsewhere"),
        )
        self.act_snapshot = self._action(
            _("Save Roun&d Snapshot…"),
            self.save_round_snapshot,
            SNAPSHOT_KEY,
            _("Keep the case as it is now inside the case file, with a label and the time"),
        )
        self.act_import = self._action(
            _("&Import JSON…"), f.import_json, "Ctrl+I", _("Create a case from JSON")
        )
        self.act_export = self._action(
            _("&Export JSON…"), f.export_json, "Ctrl+E", _("Write this case as JSON")
        )
        self.act_brief = self._action(
            _("Export Team &Brief…"),
            lambda: self.exporter.start("brief"),
            "Ctrl+Shift+B",
            _("The confidential brief for the client's team, as PDF"),
        )
        self.act_proposal = self._action(
            _("Export &Proposal…"),
            lambda: self.exporter.start("proposal"),
            "Ctrl+Shift+P",
            _("The decent and fair proposal for the counterpart, as PDF"),
        )
        self.act_card = self._action(
            _("Export Negotiation &Card…"),
            lambda: self.exporter.start("card"),
            tip=_("One landscape page for the team at the table (confidential), as PDF"),
        )
        self.act_word = self._action(
            _("Export as &Word…"),
            lambda: self.exporter.start_word(),
            tip=_("The team brief or the proposal as an editable Word document"),
        )
        self.act_workbook = self._action(
            _("Export &Workbook…"),
            lambda: self.exporter.start_workbook(f.ask_workbook_path()),
            tip=_("The whole case and every figure as an Excel workbook"),
        )
        self.act_new_workbook = self._action(
            _("New Case from &Workbook…"),
            lambda: self.exporter.start_import(f.ask_workbook_import()),
            tip=_("Create a case from a workbook (one exported by Leverage, edited in Excel)"),
        )
        self.act_close = self._action(
            _("&Close"), self.close_document, K.Close, _("Close this case")
        )
        self.act_quit = self._action(_("&Quit"), self.close, K.Quit, _("Quit Leverage"))
        self.act_undo = self._action(_("&Undo"), self._undo, K.Undo)
        self.act_redo = self._action(_("&Redo"), self._redo, K.Redo)
        # The row keys belong to the tables (one owner per key, ``table_keys``): these items
        # show them and act on the table with the keyboard focus, but do not claim them.
        self.act_add_row = self._table_action(
            _("&Add Row"),
            "add",
            _("Add a row to the table that has the keyboard focus ({key} in the table)"),
        )
        self.act_delete_rows = self._table_action(
            _("&Delete Rows"),
            "delete",
            _(
                "Delete the selected rows of the table that has the keyboard focus "
                "({key} in the table)"
            ),
        )
        self.act_copy_rows = self._table_action(
            _("Copy Rows"),
            "copy",
            _(
                "Copy the selected rows or cells as tab-separated text that has the keyboard "
                "focus ({key} in the table)"
            ),
        )
        self.act_paste_rows = self._table_action(
            _("Paste Rows"),
            "paste",
            _(
                "Paste tab-separated rows or scores from a spreadsheet that has the keyboard "
                "focus ({key} in the table)"
            ),
        )
        self.act_reanalyse = self._action(
            _("Re-run &Analysis"), self._reanalyse, "F5", _("Analyse again now")
        )
        self.act_guide = self._action(
            _("The &Method Guide"), lambda: _help().show_guide(self), K.HelpContents
        )
        self.act_about = self._action(_("&About Leverage"), lambda: _help().show_about(self))
        self.act_consultancy = self._action(
            _("Our &Consultancy…"),
            self.edit_consultancy,
            tip=_("Our name, logo and accent colour, given to every new case"),
        )
        # The toolbar shows "Undo" and "Redo"; the menu and the tooltip name the change.
        self.act_undo.setIconText(_("Undo"))
        self.act_redo.setIconText(_("Redo"))

    def _table_action(self, text: str, what: str, tip: str) -> QAction:
        """An Edit-menu item for table action ``what``, its key shown (after the tab) but
        owned by the tables; ``tip`` names the key as ``{key}``."""
        return self._action(
            f"{text}\t{key_text(what)}",
            lambda: self._table_do(what),
            tip=tip.format(key=key_text(what)),
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addActions(
            [self.act_new, self.act_new_sample, self.act_new_workbook, self.act_open]
        )
        self.recent_menu = QMenu(_("Open &Recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions(
            [self.act_copy_as, self.act_snapshot, self.act_import, self.act_export]
        )
        file_menu.addSeparator()
        file_menu.addActions(
            [self.act_brief, self.act_proposal, self.act_card, self.act_word, self.act_workbook]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])
        self.file_menu = file_menu
        edit = bar.addMenu(_("&Edit"))
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions(
            [self.act_add_row, self.act_delete_rows, self.act_copy_rows, self.act_paste_rows]
        )
        edit.addSeparator()
        edit.addAction(self.act_consultancy)
        view = bar.addMenu(_("&View"))
        self.tab_actions: list[QAction] = []
        for i, name in enumerate(_(entry.title) for entry in TABS):
            action = self._action(
                f"&{i + 1} {name}", lambda _=False, i=i: self.show_tab(i), f"Ctrl+{i + 1}"
            )
            view.addAction(action)
            self.tab_actions.append(action)
        view.addSeparator()
        view.addAction(self.act_reanalyse)
        view.addSeparator()
        self.language_menu = view.addMenu(_("&Language"))
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():  # each named in itself, never translated
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == language())
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_actions[code] = action
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addActions([self.act_guide, self.act_about])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(_("Main"), self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.act_new, self.act_open, self.act_copy_as])
        toolbar.addSeparator()
        toolbar.addActions([self.act_brief, self.act_proposal])
        toolbar.addSeparator()
        toolbar.addActions([self.act_undo, self.act_redo])
        toolbar.addSeparator()
        toolbar.addAction(self.act_reanalyse)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.state_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.analysis_label = QLabel()
        self.cancel_button = QToolButton()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(lambda: self.exporter.cancel())
        status.addPermanentWidget(self.analysis_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.state_label)
        self._retranslate_status_bar()

    def _retranslate_status_bar(self) -> None:
        self.state_label.setToolTip(_("Every change is written to the case file at once."))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setToolTip(_("Stop; nothing is written"))

    def _restore_geometry(self) -> None:
        geometry = self.settings.get(GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = self.settings.get(WINDOW_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    # -- documents --------------------------------------------------------------------------

    def set_document(
        self, document: CaseDocument, *, lazy: bool = False, analyse: bool = True
    ) -> None:
        """Show ``document`` (the previous one is closed).

        ``lazy`` builds only the tab on screen now and the others on demand or with
        ``build_remaining_tabs`` (the start-up path, for a fast first paint); ``analyse``
        False leaves the first analysis to the caller.
        """
        self.close_document()
        self.document = document
        document.setParent(self)
        document.case_changed.connect(lambda _case: self._update_title())
        document.saved.connect(self._on_saved)
        document.edit_refused.connect(self._on_refused)
        document.write_failed.connect(self._on_write_failed)
        document.analysis_started.connect(self._on_analysis_started)
        document.analysis_progress.connect(self._on_analysis_progress)
        document.analysis_ready.connect(self._on_analysis_ready)
        document.analysis_failed.connect(self._on_analysis_failed)
        document.undo_stack.canUndoChanged.connect(lambda _ok: self._update_enabled())
        document.undo_stack.canRedoChanged.connect(lambda _ok: self._update_enabled())
        document.undo_stack.undoTextChanged.connect(lambda _t: self._update_enabled())
        document.undo_stack.redoTextChanged.connect(lambda _t: self._update_enabled())
        current = max(0, min(self.settings.get(LAST_TAB), len(TABS) - 1))
        self._add_placeholders(current)
        self.build_tab(current)
        if not lazy:
            for index in range(len(TABS)):
                self.build_tab(index)
        self.stack.setCurrentWidget(self.tab_widget)
        self.settings.add_recent(document.path)
        self._show_file_state()
        self._update_title()
        self._update_enabled()
        document.start(analyse=analyse)
        self.document_opened.emit(document)

    def _add_placeholders(self, current: int) -> None:
        """One placeholder page per tab (titles now; a tab's module is imported when the tab
        is built), ``current`` shown."""
        self._tab_slots = []
        self._built = [None] * len(TABS)
        self.tab_widget.blockSignals(True)
        for entry in TABS:
            slot = QWidget()
            index = self.tab_widget.addTab(slot, _(entry.title))
            self.tab_widget.setTabToolTip(index, _(entry.tooltip))
            self._tab_slots.append(slot)
        self.tab_widget.setCurrentIndex(current)
        self.tab_widget.blockSignals(False)

    def _remove_tabs(self) -> None:
        for tab in self.tabs:
            tab.charts_enabled = False  # removing a tab shows the next: do not draw its charts
        self.tab_widget.blockSignals(True)
        while self.tab_widget.count():
            widget = self.tab_widget.widget(0)
            self.tab_widget.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self.tab_widget.blockSignals(False)
        self._built = []
        self._tab_slots = []

    # -- language ---------------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        """View › Language: speak ``code`` from now on, remembered for the next start. The
        window is rebuilt in it with the case still open: the undo history stays (it belongs to
        the document), and a field being typed in is finished first (its edit stored)."""
        for action_code, action in self.language_actions.items():
            action.setChecked(action_code == code)
        if code == language():
            return
        focus = QApplication.focusWidget()
        if focus is not None:
            focus.clearFocus()  # an open editor commits what was typed as it loses the focus
            QApplication.processEvents()
        self.settings.set(LANGUAGE, code)
        speak(code)
        self.rebuild()
        if self.document is not None:
            # The analysis's words (readiness, questions, notes) are written as it runs: run
            # it again, so that the tabs and the documents exported speak the new language.
            self.document.reanalyse()

    def rebuild(self) -> None:
        """Build the menus, the toolbar, the status bar's words and the tabs again (after the
        language changed); the case, its undo history and the tab on screen stay."""
        for toolbar in self.findChildren(QToolBar):
            self.removeToolBar(toolbar)
            toolbar.deleteLater()
        for menu in self.menuBar().findChildren(QMenu):
            menu.deleteLater()
        self.menuBar().clear()
        for action in self._own_actions:
            action.deleteLater()  # their shortcuts go with them (none is claimed twice)
        self._own_actions = []
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._retranslate_status_bar()
        if self._welcome is not None:
            self.stack.removeWidget(self._welcome)
            self._welcome.deleteLater()
            self._welcome = None
        if self.document is None:
            self.show_welcome()
        else:
            current = self.tab_widget.currentIndex()
            self._remove_tabs()
            self._add_placeholders(max(current, 0))
            self.build_tab(max(current, 0))
            self.build_remaining_tabs(done=self.load_charts if self.charts_loaded else None)
            self._show_file_state()
        self._update_title()
        self._update_enabled()

    @property
    def tabs(self) -> list[CaseTab]:
        """The tabs built so far, in order (all of them unless opened lazily)."""
        return [tab for tab in self._built if tab is not None]

    def build_tab(self, index: int) -> CaseTab | None:
        if self.document is None or not 0 <= index < len(self._built):
            return None
        tab = self._built[index]
        if tab is not None:
            return tab
        cls: type[CaseTab] = TABS[index].load()
        tab = cls(self.document)
        self._built[index] = tab
        # Put the tab in place of its placeholder page (tests and the Edit menu expect the
        # tab widget's pages to be the tabs themselves).
        current = self.tab_widget.currentIndex()
        self.tab_widget.blockSignals(True)
        self.tab_widget.removeTab(index)
        self.tab_widget.insertTab(index, tab, _(cls.title))
        self.tab_widget.setTabToolTip(index, _(cls.tooltip))
        self.tab_widget.setCurrentIndex(current)
        self.tab_widget.blockSignals(False)
        self._tab_slots[index].deleteLater()
        self._tab_slots[index] = tab
        for editor in _table_editors(tab):
            editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        tab.go_to.connect(self.go_to)
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        if self.document.analysis is not None:
            tab.on_analysis(self.document.analysis)
        if self.charts_loaded:
            tab.enable_charts()
        return tab

    def build_remaining_tabs(self, done: Any = None) -> None:
        """Build the tabs not built yet, one per turn of the event loop (the window stays
        responsive); then call ``done``."""
        missing = [i for i, tab in enumerate(self._built) if tab is None]
        if self.document is None or not missing:
            if done is not None:
                done()
            return
        self.build_tab(missing[0])
        QTimer.singleShot(0, lambda: self.build_remaining_tabs(done))

    def close_document(self) -> bool:
        if self.document is None:
            return True
        if self.exporting:
            self.exporter.cancel()
            QThreadPool.globalInstance().waitForDone(30_000)
            QApplication.processEvents()
        self.settings.set(LAST_TAB, self.tab_widget.currentIndex())
        document, self.document = self.document, None
        self._remove_tabs()
        document.close()
        document.deleteLater()
        self.show_welcome()
        self.state_label.clear()
        self.analysis_label.clear()
        self.progress.hide()
        self._update_title()
        self._update_enabled()
        self.document_closed.emit()
        return True

    @property
    def exporter(self) -> Any:
        """Exports the brief and the proposal (PDF, Word) and the workbook, and creates a case
        from a workbook: one file job at a time (a ``PdfExporter``)."""
        if self._exporter is None:
            from desktop_app.ui.shell.export_pdf import PdfExporter

            exporter = PdfExporter(self, lambda: self.document)
            exporter.started.connect(self.show_export_progress)
            exporter.progress.connect(self.progress.setValue)
            exporter.ended.connect(self.hide_export_progress)
            exporter.message.connect(self.statusBar().showMessage)
            exporter.imported.connect(self.files.open_path)
            self._exporter = exporter
        return self._exporter

    @property
    def exporting(self) -> bool:
        return self._exporter is not None and bool(self._exporter.busy)

    @property
    def welcome(self) -> Any:
        """The page shown when no case is open (a ``WelcomePage``)."""
        if self._welcome is None:
            from desktop_app.ui.shell.welcome import WelcomePage

            self._welcome = WelcomePage(self)
            self.stack.addWidget(self._welcome)
        return self._welcome

    def show_welcome(self) -> None:
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.refresh()

    def open_path(self, path: Path, **options: bool) -> bool:
        return self.files.open_path(path, **options)

    def open_requested(self, name: str) -> None:
        """The desktop asked to open ``name`` (a case double-clicked in the Finder)."""
        self.open_path(Path(name))

    def load_charts(self) -> None:
        """Let every tab draw its charts (after the window is shown and its tabs are built:
        the chart worker, which loads matplotlib, starts with the app)."""
        chart_renderer().start()
        self.charts_loaded = True
        for tab in self.tabs:
            tab.enable_charts()

    def draw_all_charts(self) -> int:
        """Ask for every chart of every tab now (``--quit-after-load``); returns how many.
        They arrive a moment later: ``charts_pending`` turns false."""
        count = 0
        for tab in self.tabs:
            tab.draw_charts(force=True)
            count += len(tab.charts)
        return count

    def chart_views(self) -> list[ChartView]:
        return [chart for tab in self.tabs for chart in tab.charts]

    def charts_pending(self) -> bool:
        """A chart of some tab was asked for and has not arrived yet."""
        return any(chart.pending for chart in self.chart_views())

    def show_tab(self, index: int) -> None:
        if 0 <= index < self.tab_widget.count():
            self.tab_widget.setCurrentIndex(index)

    def go_to(self, class_name: str, part: str) -> None:
        """Show the tab of class ``class_name`` and, in it, ``part`` with the focus."""
        index = next((i for i, t in enumerate(TABS) if t.class_name == class_name), None)
        if index is None:
            return
        self.show_tab(index)
        tab = self.build_tab(index)
        if tab is not None:
            tab.show_part(part)

    # -- status -----------------------------------------------------------------------------

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle("Leverage")
            self.setWindowFilePath("")
            return
        title = self.document.case.info.title
        template = (
            _("{title} — {file} [read-only] — Leverage")
            if self.document.read_only
            else _("{title} — {file} — Leverage")
        )
        self.setWindowTitle(template.format(title=title, file=self.document.path.name))
        self.setWindowFilePath(str(self.document.path))

    def _show_file_state(self) -> None:
        if self.document is None:
            return
        if self.document.read_only:
            self.state_label.setText(
                _("Read-only: {reason}").format(reason=self.document.read_only_reason)
            )
            self.state_label.setStyleSheet("color: #a15c00; font-weight: bold;")
        else:
            self.state_label.setText(_("All changes saved"))
            self.state_label.setStyleSheet("color: #2e7d32;")

    def show_export_progress(self, what: str) -> None:
        self.analysis_label.setText(
            _(WRITING[what]) if what in WRITING else f"Writing the {what.lower()}…"
        )
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self._update_enabled()

    def hide_export_progress(self) -> None:
        self.analysis_label.clear()
        self.progress.hide()
        self.cancel_button.hide()
        self._update_enabled()

    def _on_saved(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)
        self._show_file_state()

    def _on_refused(self, reason: str) -> None:
        self.statusBar().showMessage(_("Not saved: {reason}").format(reason=reason), 12000)

    def _on_write_failed(self, reason: str) -> None:
        # A write refused as read-only turns the document read-only: say so everywhere and
        # disable every way of editing, Undo and Redo included.
        self._show_file_state()
        self._update_title()
        self._update_enabled()
        self.statusBar().showMessage(_("Not saved: {reason}").format(reason=reason), 15000)
        dialogs.show_error(self, _("The change was not saved"), reason)

    def _on_analysis_started(self) -> None:
        QTimer.singleShot(500, self._maybe_show_progress)

    def _maybe_show_progress(self) -> None:
        if self.document is not None and self.document.runner.busy:
            self.progress.show()
            self.analysis_label.setText(_("Analysing…"))

    def _on_analysis_progress(self, fraction: float) -> None:
        self.progress.setValue(int(100 * fraction))

    def _on_analysis_ready(self, _analysis: Any) -> None:
        self.progress.hide()
        self.analysis_label.setText("")

    def _on_analysis_failed(self, detail: str) -> None:
        self.progress.hide()
        self.analysis_label.setText(_("Analysis failed"))
        self.statusBar().showMessage(
            _("The analysis failed: {detail}").format(detail=detail), 15000
        )

    def _update_enabled(self) -> None:
        has = self.document is not None
        writable = has and self.document is not None and not self.document.read_only
        for action in (self.act_copy_as, self.act_export, self.act_close, self.act_reanalyse):
            action.setEnabled(has)
        exporting = self.exporting
        exports = (self.act_brief, self.act_proposal, self.act_card, self.act_word)
        for action in (*exports, self.act_workbook):
            action.setEnabled(has and not exporting)
        self.act_new_workbook.setEnabled(not exporting)
        for action in (
            self.act_add_row,
            self.act_delete_rows,
            self.act_paste_rows,
            self.act_snapshot,
        ):
            action.setEnabled(writable)
        self.act_copy_rows.setEnabled(has)
        for action in self.tab_actions:
            action.setEnabled(has)
        stack = self.document.undo_stack if self.document is not None else None
        self.act_undo.setEnabled(bool(stack and stack.canUndo()) and writable)
        self.act_redo.setEnabled(bool(stack and stack.canRedo()) and writable)
        undo = (
            _("Undo {action}").format(action=stack.undoText())
            if stack and stack.canUndo()
            else _("Undo")
        )
        redo = (
            _("Redo {action}").format(action=stack.redoText())
            if stack and stack.canRedo()
            else _("Redo")
        )
        self.act_undo.setText(f"&{undo}")
        self.act_undo.setToolTip(undo)
        self.act_redo.setText(f"&{redo}")
        self.act_redo.setToolTip(redo)

    # -- actions ----------------------------------------------------------------------------

    def _undo(self) -> None:
        if self.document is not None and not self.document.read_only:
            self.document.undo_stack.undo()

    def _redo(self) -> None:
        if self.document is not None and not self.document.read_only:
            self.document.undo_stack.redo()

    def save_round_snapshot(self) -> str | None:
        """File › Save Round Snapshot…: what the Talks tab's button does, from any tab (SPEC
        §10). None when saved, else why not; the status bar tells either."""
        document = self.document
        if document is None:
            return _("No case is open.")
        if document.read_only:  # disabled; a key that got past it is refused and told why
            return document.take_snapshot("")
        from desktop_app.ui.tabs.talks_snapshots import save_round_snapshot

        return save_round_snapshot(document, self)

    def _reanalyse(self) -> None:
        if self.document is not None:
            self.document.reanalyse()

    def _table_do(self, what: str) -> None:
        """Edit-menu row actions act on the table that has (or last had) the focus: a
        ``TableEditor``, or the score matrix for copy and paste."""
        from desktop_app.ui.widgets.score_matrix_view import ScoreMatrix
        from desktop_app.ui.widgets.table_editor import TableEditor

        widget: QWidget | None = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, TableEditor | ScoreMatrix):
            widget = widget.parentWidget()
        if widget is None:
            current = self.tab_widget.currentWidget()
            editors = current.findChildren(TableEditor) if current else []
            widget = editors[0] if editors else None
        action = getattr(widget, what, None)
        if callable(action):
            action()

    def _tab_changed(self, index: int) -> None:
        if self.document is not None:
            self.build_tab(index)
            self.settings.set(LAST_TAB, index)

    def edit_consultancy(self) -> bool:
        """Edit › Our Consultancy…: the letterhead every new case starts with."""
        from desktop_app.ui.shell import consultancy_dialog

        return consultancy_dialog.edit_consultancy(self, self.settings)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            none = self.recent_menu.addAction(_("No recent cases"))
            none.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(_("Clear the List"), self.settings.clear_recent)

    # -- window events ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.close_document()
        self.settings.store.sync()
        event.accept()
