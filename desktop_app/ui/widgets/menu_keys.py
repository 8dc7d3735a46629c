"""The keys of the table actions and how the Edit menu writes them: the tables own the keys
(``table_keys.add_shortcut``), the menu and the buttons only name them. Apart from the
table code, so the window's menus need none of the tables' Qt classes before the first paint."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from desktop_app.i18n import _

#: The keys of the table actions (the tables own them; the Edit menu shows them). Key
#: sequences are made when asked for: a standard key needs the application to exist.
MENU_KEYS: dict[str, str | QKeySequence.StandardKey] = {
    "add": "Ctrl+Insert",
    "delete": "Ctrl+Delete",
    "up": "Ctrl+Up",
    "down": "Ctrl+Down",
    "copy": QKeySequence.StandardKey.Copy,
    "paste": QKeySequence.StandardKey.Paste,
}


def key_text(what: str) -> str:
    """The key of table action ``what`` as the platform writes it ("Ctrl+Ins"), in the
    language in use: Qt's own translation names the keys ("Strg+Einfg"); the catalogue may
    name them too, for a language Qt does not speak."""
    return _(QKeySequence(MENU_KEYS[what]).toString(QKeySequence.SequenceFormat.NativeText))
