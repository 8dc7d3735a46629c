"""The built-in sample case: the story of the method article, in numbers (resources/)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop_app.domain.model import Case
from desktop_app.store.interchange import read_json_file

SAMPLE_FILE = "sample_case.json"


def resources_dir() -> Path:
    """Where ``resources/`` is: beside the package in a checkout, inside a frozen build."""
    override = os.environ.get("LEVERAGE_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def sample_case() -> Case:
    """The sample case, validated like any import."""
    return read_json_file(resources_dir() / SAMPLE_FILE)
