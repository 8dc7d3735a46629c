"""One term of a what-if: a slider and a spin box that move together, and for a term that may
be absent (a liability cap) a check box that says so ("Uncapped").

The slider sweeps a range in steps (``set_range``); the spin box takes any value, exactly as
typed, and the slider follows to its nearest step. ``changed`` is emitted once per move, by the
slider as it is dragged or stepped, by the spin box on Enter, on leaving it or on its arrows
(not on every keystroke), and by the check box; ``set_value`` moves the control silently.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QSlider,
)

from desktop_app.ui.widgets.number_locale import speak_numbers


class TermControl(QObject):
    """A label, a slider and a spin box (and a check box for ``none_text``) on one row of a
    grid (``add_to``); ``value()`` is a float, or None while the check box is ticked."""

    changed = Signal()

    def __init__(
        self,
        label: str,
        *,
        decimals: int,
        suffix: str = "",
        tooltip: str = "",
        none_text: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.label = QLabel(label)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimumWidth(120)
        self.spin = QDoubleSpinBox()
        speak_numbers(self.spin)
        self.spin.setDecimals(decimals)
        self.spin.setRange(-1e12, 1e12)
        self.spin.setSuffix(suffix)
        self.spin.setKeyboardTracking(False)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.spin.setMinimumWidth(120)
        self.label.setBuddy(self.spin)
        self.none_box = QCheckBox(none_text) if none_text is not None else None
        for widget in (self.label, self.slider, self.spin, self.none_box):
            if widget is not None:
                widget.setToolTip(tooltip)
        self.slider.setAccessibleName(label)
        self.spin.setAccessibleName(label)
        self._low, self._step = 0.0, 1.0
        self.slider.valueChanged.connect(self._slid)
        self.spin.valueChanged.connect(self._typed)
        if self.none_box is not None:
            self.none_box.toggled.connect(self._toggled)

    def add_to(self, grid: QGridLayout, row: int) -> None:
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.slider, row, 1)
        grid.addWidget(self.spin, row, 2)
        if self.none_box is not None:
            grid.addWidget(self.none_box, row, 3)

    # -- the range --------------------------------------------------------------------------

    def set_range(self, low: float, high: float, step: float, *, page: int = 10) -> None:
        """The slider sweeps ``low`` … ``high`` in ``step``s (``page`` steps at a time with
        Page Up/Down); the spin box steps by ``step`` and takes any value in its range."""
        self._low, self._step = low, step
        steps = max(math.ceil((high - low) / step - 1e-9), 1)
        blocked = self.slider.blockSignals(True)
        self.slider.setRange(0, steps)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(page)
        self.slider.blockSignals(blocked)
        self.spin.setSingleStep(step)

    def set_minimum(self, minimum: float) -> None:
        self.spin.setMinimum(minimum)

    # -- the value --------------------------------------------------------------------------

    def value(self) -> float | None:
        if self.none_box is not None and self.none_box.isChecked():
            return None
        return float(self.spin.value())

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (None: the check box ticked) without emitting ``changed``."""
        for widget in (self.slider, self.spin, self.none_box):
            if widget is not None:
                widget.blockSignals(True)
        try:
            if self.none_box is not None:
                self.none_box.setChecked(value is None)
            if value is not None:
                self.spin.setValue(value)
                self.slider.setValue(self._position(value))
            self._enable()
        finally:
            for widget in (self.slider, self.spin, self.none_box):
                if widget is not None:
                    widget.blockSignals(False)

    def _position(self, value: float) -> int:
        return min(max(round((value - self._low) / self._step), 0), self.slider.maximum())

    def _slid(self, position: int) -> None:
        blocked = self.spin.blockSignals(True)
        self.spin.setValue(self._low + position * self._step)
        self.spin.blockSignals(blocked)
        self.changed.emit()

    def _typed(self, value: float) -> None:
        blocked = self.slider.blockSignals(True)
        self.slider.setValue(self._position(value))
        self.slider.blockSignals(blocked)
        self.changed.emit()

    def _toggled(self, _checked: bool) -> None:
        self._enable()
        self.changed.emit()

    def _enable(self) -> None:
        absent = self.none_box is not None and self.none_box.isChecked()
        self.slider.setEnabled(not absent)
        self.spin.setEnabled(not absent)


def nice_step(span: float, steps: int) -> float:
    """A round step (1, 2 or 5 × a power of ten) that cuts ``span`` into about ``steps``."""
    if span <= 0.0 or not math.isfinite(span):
        return 1.0
    raw = span / max(steps, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power


__all__ = ["TermControl", "nice_step"]
