"""The app's language (SPEC §12): chosen at start, switched from View › Language.

At start: ``--lang``, else ``LEVERAGE_LANG``, else the language chosen in View › Language
(kept in the settings), else the system's when Leverage speaks it, else English. Our own
strings come from the gettext catalogue (``desktop_app.i18n``); Qt's own dialogs and context
menus (the file dialog's buttons, a line edit's Undo/Cut/Paste) from the translation Qt ships
for that language (``qtbase_<language>.qm``), installed here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from desktop_app.i18n.choose import resolve_language, use_language
from desktop_app.ui.shell.settings import LANGUAGE, AppSettings

#: The languages the View › Language menu offers, each named in itself.
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}

_qt_translator: QTranslator | None = None


def start_language(option: str | None, settings: AppSettings) -> str:
    """Choose and speak the app's language at start (module doc); returns it."""
    saved = settings.get(LANGUAGE) or None
    code = resolve_language(option, saved=saved, follow_system=True)
    speak(code)
    return code


def speak(code: str) -> None:
    """Speak ``code``: our catalogue and Qt's own translation. (Qt's number locale stays
    English: what a consultant types is read by ``domain.entry``, in one convention.)"""
    global _qt_translator
    use_language(code)
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        QCoreApplication.removeTranslator(_qt_translator)
        _qt_translator = None
    if code == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{code}", folder):
        QCoreApplication.installTranslator(translator)
        _qt_translator = translator
