"""The GUI fixtures of ``tests/ui`` (offscreen Qt, scripted dialogs, settings and data folders
in ``tmp_path``, no thread-pool work left running), for the reliability tests of the app."""

from __future__ import annotations

from tests.ui.conftest import (  # noqa: F401  (fixtures, found by pytest by name)
    case_path,
    dialog_script,
    isolated_paths,
    no_leftover_threads,
    settings,
    window,
)
