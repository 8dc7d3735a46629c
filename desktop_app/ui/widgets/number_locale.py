"""The number convention of the spin boxes (SPEC §12): a German consultant reads and types
``455,50`` in a spin box as in every cell, where ``domain.entry`` reads what is typed. Qt's
default locale stays as it is (the cells' text is ours); only the spin boxes, which parse and
show their own numbers, are given the language's."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractSpinBox

from desktop_app.i18n import language

_LOCALES = {
    "en": (QLocale.Language.English, QLocale.Country.UnitedStates),
    "de": (QLocale.Language.German, QLocale.Country.Germany),
}


def number_locale() -> QLocale:
    """The locale whose decimal sign the language in use writes (English: ``.``)."""
    locale = QLocale(*_LOCALES.get(language(), _LOCALES["en"]))
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale


def speak_numbers(spin: QAbstractSpinBox) -> None:
    """Let ``spin`` show and read numbers in the language in use."""
    spin.setLocale(number_locale())
