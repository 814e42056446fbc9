"""A calm, readable look on every platform: Fusion plus a little spacing and colour.

Light or dark follows the system (QStyleHints.colorScheme, Qt 6.5+), also when the user
switches while the app runs. Text and window colours come from the palette; the few
accent colours of the sheet exist in a light and a dark version.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption

#: accent colours per scheme; text and backgrounds come from the palette
LIGHT = {"nav": "#eef1f4", "nav_border": "#d5dae0", "accent": "#2f6f9f", "on_accent": "#ffffff",
         "chip_border": "#b8c2cc", "muted": "#4a5560", "error": "#b3261e",
         "panel": "#f4f7fa", "panel_border": "#d5dde5", "card": "#ffffff", "grid": "#d7dce1"}
DARK = {"nav": "#22262b", "nav_border": "#3a4149", "accent": "#3d7fb3", "on_accent": "#ffffff",
        "chip_border": "#5b6570", "muted": "#b4bec8", "error": "#f2b8b5",
        "panel": "#262a30", "panel_border": "#3f4750", "card": "#1f2226", "grid": "#3a4149"}

#: status tones as (background, text) pairs, light and dark; text on its background has a
#: contrast of at least 4.5:1 in both schemes. A tone is never the only signal: every use
#: has a word or symbol too.
TONES_LIGHT = {
    "good": ("#dcefdd", "#1d5b22"), "info": ("#dce9f7", "#1d4f7a"),
    "warn": ("#fff1c2", "#6a4a00"), "late": ("#fde4c4", "#704000"),
    "bad": ("#f8d3cf", "#8a1c15"), "neutral": ("#eceff1", "#3c4650"),
    "strong_bad": ("#b3261e", "#ffffff"), "flag": ("#ebe3f5", "#4b2f73"),
    "plain": ("#ffffff", "#4a5560"),
}
TONES_DARK = {
    "good": ("#1f3a24", "#b6e3bd"), "info": ("#1c3350", "#b9d6f5"),
    "warn": ("#3d3214", "#f3dc8c"), "late": ("#43301a", "#f6c98f"),
    "bad": ("#4a2320", "#f4bcb6"), "neutral": ("#30353b", "#d3d9df"),
    "strong_bad": ("#b3261e", "#ffffff"), "flag": ("#372b4a", "#d8c8f0"),
    "plain": ("#1f2226", "#b4bec8"),
}
#: line and text colours (charts, outlines, coloured words) that read on the page background
INKS_LIGHT = {"accent": "#2f6f9f", "good": "#2e7d32", "warn": "#8a5a00", "late": "#a14800",
              "bad": "#b3261e", "neutral": "#6b7780", "flag": "#6a4c93", "orange": "#c46a10",
              "muted": "#4a5560", "axis": "#9aa5b1", "grid": "#e3e7eb", "text": "#1f2a33"}
INKS_DARK = {"accent": "#7fb3e0", "good": "#81c784", "warn": "#e8c15a", "late": "#f0a35e",
             "bad": "#f2b8b5", "neutral": "#a3adb7", "flag": "#b79be0", "orange": "#f0a35e",
             "muted": "#b4bec8", "axis": "#6b7580", "grid": "#353b42", "text": "#e8eaed"}

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
QFrame[panel="true"] {{ background: {panel}; border: 1px solid {panel_border};
    border-radius: 6px; }}
QFrame[card="true"] {{ background: {card}; border: 1px solid {nav_border}; border-radius: 6px; }}
QLabel[tone="good"] {{ color: {ink_good}; }}
QLabel[tone="warn"] {{ color: {ink_warn}; }}
QLabel[tone="bad"] {{ color: {ink_bad}; }}
QLabel[tone="accent"] {{ color: {ink_accent}; }}
QPushButton[link="true"] {{
    border: 1px solid transparent; border-radius: 3px; background: transparent;
    color: {ink_accent}; text-align: left; padding: 3px 4px;
}}
QPushButton[link="true"]:hover {{ text-decoration: underline; }}
QPushButton[link="true"]:focus {{ border-color: {ink_accent}; text-decoration: underline; }}
QFrame[panel="good"] {{ background: {good_bg}; border: 1px solid {good_fg}; border-radius: 6px; }}
QFrame[panel="good"] QLabel {{ color: {good_fg}; }}
QFrame[panel="bad"] {{ background: {bad_bg}; border: 1px solid {bad_fg}; border-radius: 6px; }}
QFrame[panel="bad"] QLabel {{ color: {bad_fg}; }}
QFrame[panel="warn"], QLabel[panel="warn"] {{ background: {warn_bg}; border: 1px solid {warn_fg};
    border-radius: 6px; }}
QFrame[panel="warn"] QLabel, QLabel[panel="warn"] {{ color: {warn_fg}; }}
"""

_state: dict[str, object] = {}


class _SchemeSignal(QObject):
    changed = Signal(bool)  # dark?


_signal: list[_SchemeSignal] = []


def scheme_changed() -> Signal:
    """Emitted (with "dark?") after the scheme switched; a widget that builds its own sheet
    from :func:`tone_hex` connects a method here to rebuild it. Painted widgets need
    nothing: they read :func:`tone` and :func:`ink` in paintEvent."""
    if not _signal:
        _signal.append(_SchemeSignal())
    return _signal[0].changed


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


def is_dark() -> bool:
    """Whether the dark scheme is in use now (as last applied; the system's before that)."""
    if "dark" in _state:
        return bool(_state["dark"])
    return system_is_dark()


def tone(name: str) -> tuple[QColor, QColor]:
    """A status tone's (background, text) for the current scheme; read it when painting,
    not once at start-up, so a scheme switch shows at the next repaint."""
    back, fore = (TONES_DARK if is_dark() else TONES_LIGHT)[name]
    return QColor(back), QColor(fore)


def tone_hex(name: str) -> tuple[str, str]:
    """As :func:`tone`, as "#rrggbb" strings for style sheets."""
    return (TONES_DARK if is_dark() else TONES_LIGHT)[name]


def ink(name: str) -> QColor:
    """A line or text colour that reads on the window background in the current scheme."""
    return QColor((INKS_DARK if is_dark() else INKS_LIGHT)[name])


def ink_hex(name: str) -> str:
    return (INKS_DARK if is_dark() else INKS_LIGHT)[name]


def style_sheet(dark: bool, scale: float = 1.0) -> str:
    """The sheet; ``scale`` is the larger-text factor (ui/text_size.py), since a size set in
    a sheet does not follow the application font."""
    inks = INKS_DARK if dark else INKS_LIGHT
    tones = TONES_DARK if dark else TONES_LIGHT
    extra = {f"ink_{k}": v for k, v in inks.items()}
    for name, (back, fore) in tones.items():
        extra[f"{name}_bg"], extra[f"{name}_fg"] = back, fore
    return _SHEET.format(big_pt=f"{11 * scale:g}", **colours(dark), **extra)


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
    changed = _state.get("dark") != dark
    _state["dark"] = dark
    app.setStyleSheet(style_sheet(dark, float(_state.get("scale", 1.0))))  # type: ignore[arg-type]
    if changed:
        scheme_changed().emit(dark)
    return dark


class _OutlinedIndicators(QProxyStyle):
    """Fusion, with a visible rim on check boxes and radio buttons in the dark scheme:
    Fusion draws their rim a shade darker than the window, which on a dark window leaves
    an unticked box all but invisible."""

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                   QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
                   QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawPrimitive(self, element, option: QStyleOption, painter: QPainter,  # noqa: N802
                      widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._INDICATORS or not is_dark():
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              element is QStyle.PrimitiveElement.PE_IndicatorRadioButton)
        painter.setPen(QPen(QColor(DARK["chip_border"]), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect.adjusted(0, 0, -1, -1)
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
        else:
            painter.drawRect(rect)
        painter.restore()


def apply_style(app: QApplication) -> None:
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 - a Qt list, not a dict
        style = _OutlinedIndicators("Fusion")
        _state["style"] = style  # Qt does not own a style set from Python: keep it alive
        app.setStyle(style)
    if "palette" not in _state:
        _state["palette"] = QPalette(app.style().standardPalette())
    apply_scheme(app)
    if not _state.get("connected"):
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_scheme(app))
        _state["connected"] = True
