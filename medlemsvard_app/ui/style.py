"""A calm, readable look on every platform: Fusion plus a little spacing and colour."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QStyleFactory

_SHEET = """
QListWidget#navigation {
    background: #eef1f4; border: none; border-right: 1px solid #d5dae0;
    padding-top: 8px; font-size: 11pt; outline: 0;
}
QListWidget#navigation::item { padding: 9px 14px; border-radius: 6px; margin: 1px 8px; }
QListWidget#navigation::item:selected { background: #2f6f9f; color: white; }
QPushButton[chip="true"] {
    border: 1px solid #b8c2cc; border-radius: 13px; padding: 4px 12px; background: white;
}
QPushButton[chip="true"]:checked { background: #2f6f9f; color: white; border-color: #2f6f9f; }
QLineEdit#registerSearch { padding: 4px 8px; font-size: 11pt; }
QLabel#registerCount { color: #4a5560; }
QLabel[error="true"] { color: #b3261e; }
"""


def apply_style(app: QApplication) -> None:
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 - a Qt list, not a dict
        app.setStyle("Fusion")
    app.setStyleSheet(_SHEET)
