"""The language Leverage speaks (SPEC §12): one gettext catalogue per language, for every layer.

Every user-visible string goes through ``_`` (or ``ngettext`` when it counts something); a
string declared before the language is known — a module-level label, a table of messages —
is marked with ``N_`` where it is declared and translated with ``_`` where it is shown. The
catalogues are ``locales/<language>/LC_MESSAGES/leverage.po``, compiled to ``.mo`` at install
time (``make``; the frozen build carries the ``.mo``); ``tests/i18n`` checks that every marked
string is in each catalogue, translated and not fuzzy.

Which language: the command line's ``--lang de|en``, else ``LEVERAGE_LANG``, else (the app
only) the one chosen in View › Language, else the system's locale when it is one we speak;
English everywhere else. Machine-readable output — the JSON interchange, ``analyze --json``
— never changes with the language.

No Qt here: the reports and the command line use it too; ``desktop_app.ui`` installs Qt's own
translations for Qt's dialogs on top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Protocol

#: The languages Leverage speaks, English first (the default and the language of the source).
LANGUAGES: Final = ("en", "de")


class Translations(Protocol):
    """What a loaded catalogue answers (``gettext.GNUTranslations``, or nothing for English)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


class _English:
    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural


_current = "en"
_translations: Translations = _English()
_every: dict[str, Translations] = {}
_loaders: dict[str, Callable[[], Translations]] = {}


def language() -> str:
    """The language in use ("en", "de")."""
    return _current


def install(code: str, translations: Translations | None) -> None:
    """Speak ``code`` with ``translations`` (None: the source's English) from now on; the
    catalogues are loaded by ``desktop_app.i18n.choose.use_language``."""
    global _current, _translations
    _current = code
    _translations = _English() if translations is None else translations


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the language in use."""
    return _translations.ngettext(singular, plural, count)


def remember(code: str, load: Callable[[], Translations]) -> None:
    """Keep at hand how to load ``code``'s catalogue, for ``every_form`` (``choose`` gives
    every language's): a workbook written in one language is read back in any other. Loaded
    when first asked for, not at start."""
    _loaders[code] = load


def every_translation() -> tuple[Callable[[str], str], ...]:
    """The ways to say a message: English, the language in use, every catalogue remembered."""
    for code, load in list(_loaders.items()):
        _every[code] = load()
        del _loaders[code]
    return (str, _, *(t.gettext for t in _every.values()))


def every_form(message: str) -> tuple[str, ...]:
    """``message`` in English, in the language in use and in every catalogue remembered: the
    names a heading or a choice may be given in a file a person wrote."""
    return tuple(dict.fromkeys(translate(message) for translate in every_translation()))


#: Where a translator lets a long word break ("Preis\xadäquivalent"): a narrow PDF table's
#: header breaks there with a hyphen; every other output writes the word whole (``whole``).
SOFT_HYPHEN: Final = "\xad"


def whole(text: str) -> str:
    """``text`` without its soft hyphens: for the outputs that break no word (plain text,
    Word, Excel)."""
    return text.replace(SOFT_HYPHEN, "")


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it (it is translated where it is
    shown, with ``_``): for strings declared before the language is chosen."""
    return message
