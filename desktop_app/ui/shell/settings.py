"""Every setting declared once (key, type, default, what it is for), over ``QSettings``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from desktop_app.domain.errors import FieldError
from desktop_app.domain.fields import Colour, Text
from desktop_app.domain.images import logo_problem

MAX_RECENT = 10


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    doc: str


GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "main window size and place")
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray(), "toolbars and docks")
RECENT = Setting("files/recent", list, [], "recently opened cases, newest first")
LAST_FOLDER = Setting("files/last_folder", str, "", "folder of the last file dialog")
LAST_TAB = Setting("window/tab", int, 0, "the tab shown when the app closed")
LANGUAGE = Setting(
    "window/language", str, "", "the language chosen in View › Language (empty: the system's)"
)
CONSULTANCY_NAME = Setting(
    "consultancy/name", str, "", "our consultancy's name, given to every new case"
)
CONSULTANCY_LOGO = Setting(
    "consultancy/logo", QByteArray, QByteArray(), "our logo (PNG or JPEG), for every new case"
)
CONSULTANCY_ACCENT = Setting(
    "consultancy/accent", str, "", "our accent colour (#RRGGBB), for every new case"
)


@dataclass(frozen=True)
class Consultancy:
    """The consultant's own letterhead, given to every new case (SPEC §11): the firm's name,
    its logo (PNG or JPEG bytes) and its accent colour (``#RRGGBB``)."""

    name: str = ""
    logo: bytes | None = None
    accent: str | None = None


class AppSettings:
    """Typed access to the app's settings; tests hand in a ``QSettings`` of their own."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings()

    def get(self, setting: Setting) -> Any:
        value = self.store.value(setting.key, setting.default)
        if setting.type is list:
            if value is None:
                return []
            if isinstance(value, str):
                return [value]
            return list(value) if isinstance(value, list | tuple) else []
        if setting.type is int:
            try:
                return int(str(value))
            except (TypeError, ValueError):
                return setting.default
        return value if value is not None else setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self.store.setValue(setting.key, value)

    # -- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recent cases that still exist, newest first (missing ones are pruned)."""
        paths = [Path(p) for p in self.get(RECENT) if p]
        existing = [p for p in paths if p.is_file()]
        if len(existing) != len(paths):
            self.set(RECENT, [str(p) for p in existing])
        return existing

    def add_recent(self, path: Path) -> None:
        resolved = str(path.resolve())
        items = [p for p in self.get(RECENT) if p != resolved]
        self.set(RECENT, [resolved, *items][:MAX_RECENT])

    def clear_recent(self) -> None:
        self.set(RECENT, [])

    # -- our consultancy ------------------------------------------------------------------

    def consultancy(self) -> Consultancy:
        """Our consultancy's defaults; a value that no longer passes the case's rules (a
        settings file edited by hand) is left out rather than given to a new case."""
        logo_value = self.get(CONSULTANCY_LOGO)
        logo = bytes(logo_value.data()) if isinstance(logo_value, QByteArray) else b""
        return Consultancy(
            name=_checked(Text(), self.get(CONSULTANCY_NAME)) or "",
            logo=logo if logo and logo_problem(logo) is None else None,
            accent=_checked(Colour(), self.get(CONSULTANCY_ACCENT)),
        )

    def set_consultancy(self, consultancy: Consultancy) -> None:
        self.set(CONSULTANCY_NAME, consultancy.name)
        self.set(CONSULTANCY_LOGO, QByteArray(consultancy.logo or b""))
        self.set(CONSULTANCY_ACCENT, consultancy.accent or "")


def _checked(rule: Text | Colour, value: Any) -> Any:
    """``value`` as ``rule`` cleans it, or None when it breaks the rule."""
    try:
        return rule.check(value if isinstance(value, str) else "", "")
    except FieldError:
        return None


def data_folder() -> Path:
    """Where the app keeps its own files (the sample copy): the platform's app-data folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(location) if location else Path.home() / ".leverage"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
