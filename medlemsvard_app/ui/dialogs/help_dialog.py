"""F1 help for the current view, the list of keyboard shortcuts, and About."""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app import __version__
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.help_texts import help_text, help_title

#: (distribution, licence) of what the bundle ships; versions are read at run time.
BUNDLED = (
    ("PySide6-Essentials", "LGPL-3.0"),
    ("PySide6-Pdf", "LGPL-3.0"),
    ("reportlab", "BSD-3-Clause"),
    ("babel", "BSD-3-Clause"),
    ("sqlite-utils", "Apache-2.0"),
    ("sqlcipher3", "zlib; SQLCipher: BSD-3-Clause"),
    ("phonenumbers", "Apache-2.0"),
    ("python-stdnum", "LGPL-2.1-or-later"),
    ("openpyxl", "MIT"),
    ("Faker", "MIT"),
    ("platformdirs", "MIT"),
    ("pyzipper", "MIT"),
)


class HelpDialog(QDialog):
    """The help text of one view, with a pointer to the shortcut list."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Help: {view}").format(view=help_title(key)))
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"<h2>{help_title(key)}</h2>")
        layout.addWidget(self.heading)
        self.text = QLabel(help_text(key))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        hint = QLabel(_("All keyboard shortcuts: Help → Keyboard shortcuts (Ctrl+F1)."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 300)


class ShortcutsDialog(QDialog):
    """Every menu action that has a shortcut, as the window's menus define them."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([_("Action"), _("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (action, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(action))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 520)


def shortcut_rows(actions) -> list[tuple[str, str]]:
    """(action text without mnemonics, keys in the platform's notation) for each action."""
    rows = []
    for action in actions:
        keys = action.shortcut()
        if keys.isEmpty():
            continue
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        rows.append((text.rstrip("…").rstrip("."), keys.toString(
            QKeySequence.SequenceFormat.NativeText)))
    return sorted(set(rows), key=lambda r: r[0].casefold())


def view_key_rows() -> list[tuple[str, str]]:
    """The keys of the daily routine that belong to one view, not to a menu (so
    ``shortcut_rows`` cannot find them), in the platform's notation."""
    def native(keys: QKeySequence | str) -> str:
        return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)

    enter, space = native("Return"), native("Space")
    return [
        (_("Calls: record the outcome of the call (outside a text field)"), "1–5"),
        (_("Register: open the card of the member found (in the search box)"), enter),
        (_("Welcome: tick the chosen step (a done step opens instead)"), space),
        (_("Welcome: open the chosen step"), enter),
        (_("Activities: mark the person found as present"), enter),
        (_("Activities: save attendance"), native(QKeySequence.StandardKey.Save)),
        (_("Close a dialog without saving"), native("Esc")),
    ]


class AboutDialog(QDialog):
    """Version and the licences of the libraries the app is built from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Medlemsvård"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<h2>Medlemsvård {version}</h2><p>{text}</p>".format(
                version=__version__,
                text=_("Look after the members of your association: the register, calls, "
                       "welcome, dues, letters and the board's planning, on your own "
                       "computer and without the internet.")))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(_("Python {python}, Qt {qt}, PySide6 {pyside}").format(
            python=platform.python_version(), qt=qVersion(), pyside=pyside_version)))
        layout.addWidget(QLabel(_("Built with these libraries and their licences:")))
        rows = [(name, _version(name), licence) for name, licence in BUNDLED]
        rows.append(("DejaVu fonts", "2.37", "Bitstream Vera / public domain"))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([_("Library"), _("Version"), _("Licence")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 520)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"
