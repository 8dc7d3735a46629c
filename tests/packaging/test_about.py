"""The About box: version, each bundled library's licence (read from the installed
distributions' metadata), where settings and the sample copy live; routed through dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from PySide6.QtCore import QSize, QStandardPaths

from desktop_app import __version__
from desktop_app.ui.shell import dialogs, help_dialogs
from desktop_app.ui.shell.help_dialogs import (
    COMPONENTS,
    DEPENDENCIES,
    Licensed,
    about_text,
    bundled_components,
    distribution_licence,
)
from desktop_app.ui.shell.icon import app_icon

#: What each bundled component's licence must say (from its metadata, or the fallback).
EXPECTED_LICENCES = {
    "Qt": "LGPL-3.0",
    "PySide6": "LGPL-3.0",
    "shiboken6": "LGPL-3.0",
    "matplotlib": "Python Software Foundation License",
    "NumPy": "BSD-3-Clause",
    "ReportLab": "BSD",
    "svglib": "LGPL-3.0",
    "pypdf": "BSD-3-Clause",
    "cryptography": "Apache-2.0",
    "sqlite-utils": "Apache-2.0",
    "Pillow": "MIT-CMU",
    "arabic-reshaper": "MIT",
    "python-bidi": "LGPL",
    "python-docx": "MIT",
    "openpyxl": "MIT",
    "Babel": "BSD-3-Clause",
    "DejaVu fonts": "Bitstream Vera",
    "Noto Sans Arabic": "SIL Open Font License",
    "Noto Sans Hebrew": "SIL Open Font License",
    "Leverage CJK": "SIL Open Font License",
    "Python": "PSF-2.0",
    "SQLite": "public domain",
}
#: In the requirements but never imported, so not bundled (packaging/leverage.spec).
NOT_BUNDLED = {"pip", "tzdata"}


def pure_text(**overrides: Any) -> str:
    arguments: dict[str, Any] = {
        "settings_file": "/home/ann/.config/Leverage/Leverage.conf",
        "data_dir": "/home/ann/.local/share/Leverage/Leverage",
        "components": bundled_components(),
        "dependencies": [Licensed("pyparsing", "3.3.3", "MIT")],
        "licences_in": "/opt/leverage/_internal",
    }
    arguments.update(overrides)
    return about_text(**arguments)


def test_about_names_the_version() -> None:
    assert f"Leverage {__version__}" in pure_text()


def test_about_names_each_bundled_library_with_its_licence() -> None:
    text = pure_text()
    assert [c.name for c in COMPONENTS] == list(EXPECTED_LICENCES)
    for item in bundled_components():
        assert EXPECTED_LICENCES[item.name] in item.licence, item
        assert f"{item.name} {item.version}".strip() in text
        assert item.licence.replace("&", "&amp;") in text
    assert "pyparsing 3.3.3 (MIT)" in text
    assert "GNU LGPL v3" in text


def test_versions_come_from_the_installed_distributions() -> None:
    versions = {item.name: item.version for item in bundled_components()}
    assert versions["ReportLab"] == metadata.version("reportlab")
    assert versions["PySide6"] == metadata.version("PySide6_Essentials")
    assert versions["Qt"].startswith("6.")


def test_about_says_where_settings_and_the_sample_copy_live() -> None:
    text = pure_text()
    assert "Settings: /home/ann/.config/Leverage/Leverage.conf" in text
    assert "Sample case copy and app data: /home/ann/.local/share/Leverage/Leverage" in text
    assert "/opt/leverage/_internal" in text


def test_about_escapes_paths() -> None:
    text = pure_text(settings_file="/tmp/<b>x&y</b>/Leverage.conf")
    assert "/tmp/&lt;b&gt;x&amp;y&lt;/b&gt;/Leverage.conf" in text


def test_licence_from_metadata_prefers_the_spdx_expression() -> None:
    assert distribution_licence("sqlite-utils", "?") == "Apache-2.0"  # License-Expression
    assert distribution_licence("PySide6_Essentials", "?").startswith("LGPL-3.0-only")  # License
    assert distribution_licence("reportlab", "?") == "BSD License"  # long License → classifier
    assert distribution_licence("no-such-distribution-here", "fallback") == "fallback"


def test_every_runtime_dependency_is_listed() -> None:
    """Adding a dependency to pyproject.toml means naming it (and its licence) in About."""
    environment = default_environment()
    environment["extra"] = ""
    seen: set[str] = set()
    todo = ["leverage"]
    while todo:
        for text in metadata.requires(todo.pop()) or []:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue
            key = requirement.name.lower().replace("_", "-")
            if key not in seen:
                seen.add(key)
                todo.append(requirement.name)
    listed = {c.distribution.lower().replace("_", "-") for c in COMPONENTS if c.distribution}
    listed |= set(DEPENDENCIES)
    assert seen - NOT_BUNDLED <= listed


# -- in the app (a QApplication, isolated paths) ------------------------------------------------


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QStandardPaths.setTestModeEnabled(True)
    yield tmp_path
    QStandardPaths.setTestModeEnabled(False)


@pytest.mark.usefixtures("qapp", "isolated")
def test_show_about_goes_through_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_info", lambda _parent, title, text: shown.append((title, text))
    )
    help_dialogs.show_about(None)
    ((title, text),) = shown
    assert title == "About Leverage"
    assert f"Leverage {__version__}" in text
    assert "leverage-64.png" in text  # the product's icon heads the box


@pytest.mark.usefixtures("qapp", "isolated")
def test_app_icon_has_every_rendered_size() -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (256, 256)} <= sizes
    assert icon.actualSize(QSize(16, 16)) == QSize(16, 16)
