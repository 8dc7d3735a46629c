"""The build's own files: the PyInstaller spec and hook, the pinned packaging extra, the
Makefile targets and what git ignores. (The build itself runs in `make package`, not here.)"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "leverage.spec").read_text(encoding="utf-8")
HOOK = ROOT / "packaging" / "hooks" / "hook-PySide6.QtGui.py"


def hook_constant(name: str) -> object:
    """A literal assigned at the hook's top level (the hook itself needs PyInstaller)."""
    for node in ast.parse(HOOK.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                assert node.value is not None
                return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not in {HOOK.name}")


def test_spec_bundles_the_sample_case_and_the_icons() -> None:
    assert 'ROOT / "resources" / "sample_case.json"' in SPEC
    assert '"resources")' in SPEC  # → sys._MEIPASS/resources, where sample.py looks
    assert '"resources/icons")' in SPEC


def test_spec_and_hook_keep_the_offscreen_platform_plugin() -> None:
    assert "offscreen" in SPEC
    platforms = hook_constant("KEEP_PLATFORMS")
    assert isinstance(platforms, set)
    assert {"offscreen", "xcb", "wayland", "windows", "cocoa"} <= platforms
    assert 'hookspath=[str(ROOT / "packaging" / "hooks")]' in SPEC


def test_spec_excludes_unused_qt_modules() -> None:
    for module in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtNetwork", "QtPdf"):
        assert re.search(rf"\b{module}\b", SPEC), module


def test_spec_covers_macos_and_windows() -> None:
    assert 'BUNDLE_ID = "app.leverage.desktop"' in SPEC
    for key in ("CFBundleDocumentTypes", "UTExportedTypeDeclarations", "LSItemContentTypes"):
        assert key in SPEC
    assert '"public.filename-extension": ["leverage"]' in SPEC
    assert "leverage.icns" in SPEC and "leverage.ico" in SPEC
    assert "VSVersionInfo" in SPEC and "__version__" in SPEC
    assert "argv_emulation" in SPEC  # off: macOS sends QFileOpenEvent


def test_packaging_extra_pins_pyinstaller_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = project["project"]["optional-dependencies"]["packaging"]
    assert any(re.fullmatch(r"pyinstaller==\d+(\.\d+)+", r) for r in extra), extra


def test_makefile_has_package_targets_outside_make_test() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^package:", makefile, re.M)
    assert re.search(r"^package-check:", makefile, re.M)
    test_rule = re.search(r"^test:(.*)$", makefile, re.M)
    assert test_rule is not None and "package" not in test_rule.group(1)


def test_build_output_is_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "dist/" in ignored and "build/" in ignored
