"""PyInstaller hook for PySide6.QtGui: PyInstaller's own hook, minus the Qt plugins Leverage
never loads.

A user hook (``hookspath``) takes precedence over PyInstaller's built-in one, and the plugins
are filtered *here*, before PyInstaller's binary-dependency analysis, so the Qt libraries that
only the dropped plugins need (QtQuick/QML for the virtual keyboard, QtPdf for the PDF image
format, QtNetwork for TUIO touch, GTK 3 of the build machine for the GTK theme) are never
collected at all.

Kept: the desktop platforms (xcb and Wayland on Linux, windows, cocoa) and ``offscreen`` for
headless runs and smoke tests; the xcb GL and Wayland client integrations; the input contexts
that let people type accents (compose, ibus); the xdg-desktop-portal theme; SVG icons and the
common image formats.
"""

from __future__ import annotations

import os

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

#: ``platforms`` plugins to keep (every other platform plugin is dropped).
KEEP_PLATFORMS = {
    "xcb",
    "wayland",
    "wayland-egl",
    "wayland-generic",
    "windows",
    "cocoa",
    "offscreen",
}
#: Plugin folders dropped whole: embedded-Linux input and display back-ends.
DROP_TYPES = {"egldeviceintegrations", "generic"}
#: Single plugins dropped, by folder.
DROP_PLUGINS = {
    "platformthemes": {"gtk3"},  # would bundle the build machine's GTK; Qt's own theme is used
    "platforminputcontexts": {"qtvirtualkeyboardplugin"},  # pulls QtQuick and QML
    "imageformats": {"pdf", "tiff", "webp", "tga", "wbmp", "icns"},  # pdf pulls QtPdf
}


def plugin_names(path: str) -> set[str]:
    """The names a plugin file goes by: ``libqxcb.so`` → {qxcb, xcb}; ``qwindows.dll`` →
    {qwindows, windows}; ``libcomposeplatforminputcontextplugin.so`` → itself."""
    stem = os.path.basename(path).split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return {stem, stem[1:]} if stem.startswith("q") else {stem}


def keep_plugin(source: str, destination: str) -> bool:
    parts = destination.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    kind = "/".join(parts[parts.index("plugins") + 1 :])
    names = plugin_names(source)
    if kind in DROP_TYPES:
        return False
    if kind == "platforms":
        return bool(names & KEEP_PLATFORMS)
    return not names & DROP_PLUGINS.get(kind, set())


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dst) for src, dst in binaries if keep_plugin(src, dst)]
