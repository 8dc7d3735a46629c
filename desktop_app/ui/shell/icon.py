"""The application icon (its own module: the window needs it before its first paint, the help
dialogs much later)."""

from __future__ import annotations

from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    """The application icon, every rendered size (the small ones are drawn for small sizes);
    the SVG source when no PNG is there."""
    from desktop_app.store.sample import resources_dir

    folder = resources_dir() / "icons"
    icon = QIcon()
    for path in sorted(folder.glob("leverage-*.png")):
        icon.addFile(str(path))
    if icon.isNull() and (folder / "leverage.svg").is_file():
        icon = QIcon(str(folder / "leverage.svg"))
    return icon
