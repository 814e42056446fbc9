"""A calm, readable look on every platform: Fusion plus a little spacing and colour.

Light or dark follows the system (QStyleHints.colorScheme, Qt 6.5+), also when the user
switches while the app runs. Text and window colours come from the palette; the few
accent colours of the sheet exist in a light and a dark version.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

#: accent colours per scheme; text and backgrounds come from the palette
LIGHT = {"nav": "#eef1f4", "nav_border": "#d5dae0", "accent": "#2f6f9f", "on_accent": "#ffffff",
         "chip_border": "#b8c2cc", "muted": "#4a5560", "error": "#b3261e"}
DARK = {"nav": "#22262b", "nav_border": "#3a4149", "accent": "#3d7fb3", "on_accent": "#ffffff",
        "chip_border": "#5b6570", "muted": "#b4bec8", "error": "#f2b8b5"}

_SHEET = """
QListWidget#navigation {{
    background: {nav}; border: none; border-right: 1px solid {nav_border};
    padding-top: 8px; font-size: {big_pt}pt; outline: 0;
}}
QListWidget#navigation::item {{ padding: 9px 14px; border-radius: 6px; margin: 1px 8px; }}
QListWidget#navigation::item:selected {{ background: {accent}; color: {on_accent}; }}
QPushButton[chip="true"] {{
    border: 1px solid {chip_border}; border-radius: 13px; padding: 4px 12px;
    background: palette(base); color: palette(text);
}}
QPushButton[chip="true"]:checked {{
    background: {accent}; color: {on_accent}; border-color: {accent};
}}
QLineEdit#registerSearch {{ padding: 4px 8px; font-size: {big_pt}pt; }}
QLabel#registerCount {{ color: {muted}; }}
QLabel#guideStep {{ color: {muted}; }}
QLabel[error="true"] {{ color: {error}; }}
QLabel[hint="true"] {{ color: {muted}; }}
QLabel#logoPreview {{ background: white; color: #5f6368; }}
"""

_state: dict[str, object] = {}


def _dark_palette() -> QPalette:
    """Fusion's colours for a dark system where the platform gives no dark palette
    (Linux desktops without a theme plug-in)."""
    p = QPalette()
    window, base, text = QColor("#2b2e33"), QColor("#1f2226"), QColor("#e8eaed")
    for role, colour in ((QPalette.ColorRole.Window, window),
                         (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base),
                         (QPalette.ColorRole.AlternateBase, QColor("#272a2f")),
                         (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Button, QColor("#353940")),
                         (QPalette.ColorRole.ButtonText, text),
                         (QPalette.ColorRole.ToolTipBase, QColor("#3a3f46")),
                         (QPalette.ColorRole.ToolTipText, text),
                         (QPalette.ColorRole.PlaceholderText, QColor("#9aa0a6")),
                         (QPalette.ColorRole.Highlight, QColor(DARK["accent"])),
                         (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
                         (QPalette.ColorRole.Link, QColor("#8ab4f8")),
                         (QPalette.ColorRole.Mid, QColor("#4a4f57")),
                         (QPalette.ColorRole.Light, QColor("#4a4f57")),
                         (QPalette.ColorRole.Dark, QColor("#151719"))):
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d838a"))
    return p


def system_is_dark(app: QGuiApplication | None = None) -> bool:
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def colours(dark: bool) -> dict[str, str]:
    return DARK if dark else LIGHT


def style_sheet(dark: bool, scale: float = 1.0) -> str:
    """The sheet; ``scale`` is the larger-text factor (ui/text_size.py), since a size set in
    a sheet does not follow the application font."""
    return _SHEET.format(big_pt=f"{11 * scale:g}", **colours(dark))


def set_sheet_scale(app: QApplication, scale: float) -> None:
    """The larger-text mode changed: the sheet's own font sizes follow."""
    _state["scale"] = scale
    if "dark" in _state:
        app.setStyleSheet(style_sheet(bool(_state["dark"]), scale))


def apply_scheme(app: QApplication, dark: bool | None = None) -> bool:
    """Set the palette and sheet for light or dark (the system's when None); returns
    whether dark was chosen."""
    dark = system_is_dark(app) if dark is None else dark
    default = _state.get("palette")
    if dark:
        current = app.palette().window().color()
        if current.lightness() >= 128:  # the platform stayed light: use our own dark one
            app.setPalette(_dark_palette())
    elif app.palette().window().color().lightness() < 128:  # back from our dark palette
        app.setPalette(default if isinstance(default, QPalette)
                       else app.style().standardPalette())
    app.setStyleSheet(style_sheet(dark, float(_state.get("scale", 1.0))))  # type: ignore[arg-type]
    _state["dark"] = dark
    return dark


def apply_style(app: QApplication) -> None:
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 - a Qt list, not a dict
        app.setStyle("Fusion")
    if "palette" not in _state:
        _state["palette"] = QPalette(app.style().standardPalette())
    apply_scheme(app)
    if not _state.get("connected"):
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_scheme(app))
        _state["connected"] = True
