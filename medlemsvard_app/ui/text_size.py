"""Larger text for the whole app (a projector at a board meeting, tired eyes).

The factor scales the application font from the system's own size, so 1.0 is always the
normal size again; it is remembered per computer in QSettings and applied at start-up.
Widgets and windows created afterwards use the new font; open ones are told to re-lay out.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

SETTING = "view/text_scale"
#: the sizes offered (the View menu may cycle through them)
SCALES = (1.0, 1.25, 1.5, 2.0)
MIN_SCALE, MAX_SCALE = 0.8, 2.5

_base: dict[int, QFont] = {}


def _settings():
    from medlemsvard_app.ui.main_window import app_settings

    return app_settings()


def base_font(app: QApplication) -> QFont:
    """The font the app started with (before any scaling)."""
    key = id(app)
    if key not in _base:
        _base[key] = QFont(app.font())
    return QFont(_base[key])


def current_scale() -> float:
    """The remembered factor (1.0 when none, or when the stored value is nonsense)."""
    value = _settings().value(SETTING, 1.0)
    try:
        factor = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return min(max(factor, MIN_SCALE), MAX_SCALE)


def apply_text_scale(app: QApplication, factor: float, *, remember: bool = True) -> float:
    """Scale the application font by ``factor`` (from the original size); returns the
    factor used, clamped to a sensible range."""
    factor = min(max(float(factor), MIN_SCALE), MAX_SCALE)
    font = base_font(app)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:  # a pixel-sized font
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    app.setFont(font)
    from medlemsvard_app.ui.style import set_sheet_scale

    set_sheet_scale(app, factor)
    for widget in app.allWidgets():  # widgets with their own font keep their relation
        widget.updateGeometry()
    if remember:
        settings = _settings()
        settings.setValue(SETTING, factor)
        settings.sync()
    return factor


def restore_text_scale(app: QApplication) -> float:
    """At start-up: the size chosen last time."""
    factor = current_scale()
    if factor != 1.0:
        apply_text_scale(app, factor, remember=False)
    return factor


def next_scale(factor: float) -> float:
    """The next size in ``SCALES`` (back to normal after the largest)."""
    larger = [s for s in SCALES if s > factor + 1e-6]
    return larger[0] if larger else SCALES[0]
