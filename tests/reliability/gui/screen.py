"""Is what the window shows what the file holds?"""

from __future__ import annotations

from pathlib import Path

from desktop_app.ui.models.entity_model import ListTableModel
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.widgets.forms import FieldForm
from tests.store.casefile_support import stored_case
from tests.ui.conftest import show_every_page

TEXT_KINDS = ("text", "longtext")


def assert_screen_is_the_file(window: MainWindow, path: Path) -> None:
    """The document's case, every table model's rows and every text field of every form are
    what a separate, read-only open of ``path`` reads."""
    document = window.document
    assert document is not None
    stored = stored_case(path)
    assert document.case == stored
    models = [m for m in window.findChildren(ListTableModel) if m.document is document]
    assert len(models) >= 6, len(models)
    for model in models:
        shown = [model.item(row) for row in range(model.rowCount())]
        assert shown == model.items_of(stored), type(model).__name__
    show_every_page(window)
    forms = [f for f in window.findChildren(FieldForm) if f.document is document]
    assert forms
    for form in forms:
        target = form.getter(stored)
        if target is None:
            continue
        for column in form.columns:
            if column.kind in TEXT_KINDS:
                widget = form.widgets[column.field]
                assert form._widget_value(column, widget) == column.value(target), column.field
