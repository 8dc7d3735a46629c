"""Choosing the language and loading its catalogue (the part of ``desktop_app.i18n`` that
reads the environment and files; the domain uses only the package itself, which does no I/O)."""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Mapping
from functools import cache, partial
from pathlib import Path
from typing import Final

from desktop_app.i18n import LANGUAGES, _, install, remember

#: The environment variable that chooses the language of the command line (and of the app).
LANGUAGE_ENV: Final = "LEVERAGE_LANG"
#: Where the catalogues are (beside this module, in the source and in the frozen build).
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locales"
DOMAIN: Final = "leverage"


class UnknownLanguage(ValueError):
    """A language Leverage does not speak, named by the user (``--lang``, ``LEVERAGE_LANG``)."""


def check_language(code: str, *, source: str) -> str:
    """``code`` normalised ("DE" → "de", "de_AT" → "de"), or UnknownLanguage naming
    ``source`` and the choices."""
    normalised = code.strip().lower().replace("_", "-").split("-")[0]
    if normalised not in LANGUAGES:
        raise UnknownLanguage(
            _("{source}: {code!r} is not a language Leverage speaks (choose {choices})").format(
                source=source, code=code, choices=", ".join(LANGUAGES)
            )
        )
    return normalised


def system_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The system locale's language when it is one we speak ("de_AT.UTF-8" → "de")."""
    environ = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        return None
    return code if code in LANGUAGES else None


def resolve_language(
    option: str | None,
    environ: Mapping[str, str] | None = None,
    *,
    saved: str | None = None,
    follow_system: bool = False,
) -> str:
    """The language to use: ``option`` (``--lang``), else ``LEVERAGE_LANG``, else ``saved``
    (the app's setting), else the system's language when ``follow_system`` (the app), else
    English. A bad ``--lang`` or ``LEVERAGE_LANG`` is refused (UnknownLanguage); a saved
    setting we no longer speak is ignored."""
    environ = os.environ if environ is None else environ
    if option:
        return check_language(option, source="--lang")
    if environ.get(LANGUAGE_ENV):
        return check_language(environ[LANGUAGE_ENV], source=LANGUAGE_ENV)
    if saved and saved in LANGUAGES:
        return saved
    if follow_system:
        return system_language(environ) or "en"
    return "en"


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def use_language(code: str) -> None:
    """Speak ``code`` from now on. A catalogue that is missing (a source checkout not yet built
    with ``make``) leaves the strings in English rather than failing."""
    code = check_language(code, source="language")
    for other in LANGUAGES[1:]:
        remember(other, partial(_catalogue, other))  # a file in any language is read back
    install(code, None if code == "en" else _catalogue(code))


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
