"""Word and Excel in the frozen build: the libraries are pinned, python-docx's template is
bundled, and the smoke check exports a .docx and a workbook (and imports the workbook)."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "leverage.spec").read_text(encoding="utf-8")
SMOKE = (ROOT / "packaging" / "smoke_check.py").read_text(encoding="utf-8")


def test_python_docx_and_openpyxl_are_pinned_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = project["project"]["dependencies"]
    for name in ("python-docx", "openpyxl"):
        assert any(re.fullmatch(rf"{name}==\d+(\.\d+)+", r) for r in requirements), name


def test_the_spec_bundles_the_word_template() -> None:
    assert 'collect_data_files("docx"' in SPEC
    assert "templates" in SPEC
    # docx/parts/../templates must resolve: its modules are files in folders, not in the PYZ.
    assert '"docx": "py"' in SPEC
    for module in ("desktop_app.reports.docx_export", "desktop_app.store.workbook", "openpyxl"):
        assert f'"{module}"' in SPEC


def test_the_smoke_check_exports_word_and_a_workbook_and_imports_it() -> None:
    tree = ast.parse(SMOKE)
    functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    assert {"check_word", "check_workbook"} <= functions
    assert '"export", "case.leverage", "-o", "brief.docx"' in SMOKE
    assert '"import", "case.xlsx"' in SMOKE
    assert 'docx" / "templates" / "default.docx' in SMOKE
