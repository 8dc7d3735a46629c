"""Start the desktop app: the chart worker, the window with the case, then the charts."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from desktop_app import START_TIME, __version__, code_cache
from desktop_app.i18n import _
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.icon import app_icon
from desktop_app.ui.shell.language import start_language
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.settings import AppSettings, data_folder
from desktop_app.ui.workers.chart_renderer import chart_renderer

SAMPLE_COPY_NAME = "Sample negotiation.leverage"


def _ms() -> int:
    return round((time.perf_counter() - START_TIME) * 1000)


def sample_copy() -> Path:
    """The sample case as a file of the user's own (the built-in one stays pristine)."""
    from desktop_app.store import CaseFileError, write_new_case
    from desktop_app.store.header import read_header
    from desktop_app.store.sample import sample_case

    path = data_folder() / SAMPLE_COPY_NAME
    try:
        read_header(path)
        return path
    except CaseFileError:
        pass
    write_new_case(path, sample_case(), overwrite=path.exists())
    return path


class LeverageApplication(QApplication):
    """The application object. A case double-clicked in the macOS Finder arrives as a
    ``QFileOpenEvent`` sent to it (not in argv); ``event`` answers it. Not an event filter on
    the application: that runs Python for every event of every widget, and had PySide build
    Python types for some 120 event and enum types before the first paint."""

    file_open_requested = Signal(str)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self.file_open_requested.emit(event.file())
            return True
        return super().event(event)


def open_files_sent_to(app: QApplication, window: MainWindow) -> None:
    """Open in ``window`` the cases the desktop sends to ``app`` (a ``LeverageApplication``)."""
    if isinstance(app, LeverageApplication):
        app.file_open_requested.connect(window.open_requested)


class Startup(QObject):
    """Sequences and measures the start: the window with the case's data first (one tab built,
    no analysis yet), then the analysis on its thread while the other tabs are built (and the
    chart worker, started with the app, loads matplotlib on the other core), then the charts."""

    def __init__(self, window: MainWindow, *, quit_after_load: bool, timings: bool) -> None:
        super().__init__(window)
        self.window = window
        self.quit_after_load = quit_after_load
        self.timings = timings
        self.exit_code = 0
        self._done = False
        self._tabs_built = False
        self._failed = False
        self._finished = False

    def begin(self, path: Path | None) -> None:
        opened = (
            self.window.open_path(path, lazy=True, analyse=False) if path is not None else False
        )
        if path is not None and not opened and self.quit_after_load:
            self.exit_code = 3
            QTimer.singleShot(0, QApplication.quit)
            return
        if not opened:
            self.window.show_welcome()
        QTimer.singleShot(0, self._first_paint)

    def _first_paint(self) -> None:
        self.window.repaint()
        if self.timings:
            print(f"first_paint_ms={_ms()}", file=sys.stderr, flush=True)
        code_cache.save()  # what this start compiled, for the next (written when anything is new)
        chart_renderer().grow()  # a second chart worker, now that it slows nothing down (none
        # on Linux: the first forks it once matplotlib is loaded)
        document = self.window.document
        if document is not None:
            document.analysis_ready.connect(lambda _a: self._maybe_finish())
            document.analysis_failed.connect(self._analysis_failed)
            document.reanalyse()
        QTimer.singleShot(0, lambda: self.window.build_remaining_tabs(done=self._load_charts))

    def _load_charts(self) -> None:
        self.window.load_charts()
        if self.quit_after_load or self.timings:
            self.window.draw_all_charts()  # those of the case alone, while the analysis runs
        self._tabs_built = True
        self._maybe_finish()

    def _analysis_failed(self, _detail: str) -> None:
        self._failed = True
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        document = self.window.document
        ready = document is None or document.analysis is not None or self._failed
        if self._done or not self._tabs_built or not ready:
            return
        self._done = True
        if self.quit_after_load or self.timings:
            self.window.draw_all_charts()
            for chart in self.window.chart_views():
                chart.drawn.connect(self._chart_arrived)
            self._chart_arrived()
        else:
            self._loaded()

    def _chart_arrived(self) -> None:
        if self._finished or self.window.charts_pending():
            return
        self._finished = True
        QApplication.processEvents()  # the last pixels painted
        self._loaded()

    def _loaded(self) -> None:
        code_cache.save()  # the other tabs' classes, made since the first paint
        if self.timings:
            print(f"loaded_ms={_ms()}", file=sys.stderr, flush=True)
        if self.quit_after_load:
            undrawn = [chart for chart in self.window.chart_views() if chart.problem]
            for chart in undrawn:
                print(f"leverage: chart {chart.title!r}: {chart.problem}", file=sys.stderr)
            self.exit_code = 1 if self._failed or undrawn else 0
            QTimer.singleShot(0, QApplication.quit)


def run_app(
    case: str | None,
    *,
    quit_after_load: bool = False,
    timings: bool = False,
    language: str | None = None,
) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else LeverageApplication(sys.argv[:1])
    app.setOrganizationName("Leverage")
    app.setApplicationName("Leverage")
    app.setApplicationVersion(__version__)
    # The icon from resources/ (beside the package, LEVERAGE_RESOURCES, or the frozen build's
    # own folder); on Wayland the compositor takes it from leverage.desktop instead.
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    app.setDesktopFileName("leverage")
    if quit_after_load:
        dialogs.set_non_interactive(True)
    # The chart worker (started already by the command line) loads matplotlib on the other
    # core while this process builds the window and opens the case.
    chart_renderer().start()
    settings = AppSettings()
    try:
        start_language(language, settings)
    except ValueError as error:  # a LEVERAGE_LANG we do not speak: said, English all the same
        print(f"leverage: {error}", file=sys.stderr)
    window = MainWindow(settings)
    open_files_sent_to(app, window)
    startup = Startup(window, quit_after_load=quit_after_load, timings=timings)
    window.show()
    path = Path(case) if case else None
    if path is None:
        try:
            path = sample_copy()
        except Exception as error:  # the app still starts, on the welcome page
            dialogs.show_error(window, _("No sample case"), str(error))
    startup.begin(path)
    app.exec()
    if quit_after_load:
        # A smoke or benchmark run: close the case properly (the lock is released, nothing is
        # pending — every edit was committed when it was made), then leave without tearing down
        # thousands of Qt and matplotlib objects one by one.
        window.close_document()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(startup.exit_code)
    return startup.exit_code
