"""The lock screen: after the idle time nothing readable stays on screen.

Locking swaps the main window's central widget for a plain lock screen, hides its docks
and toolbars, disables its menus, clears its title of the association, hides tooltips, and
covers every other open window (a dialog's contents are hidden, not closed, so its
unsaved input survives, and a passphrase field takes their place: a modal dialog blocks the
main window). Unlocking needs the passphrase again; it is compared with the one the
session holds, so no file is touched.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _
from medlemsvard_app.ui.dialogs.common import error_label, hint_label, title_label


class LockScreen(QWidget):
    """What a locked window shows: a title, a passphrase field and an Unlock button."""

    def __init__(self, check: Callable[[str], bool], on_unlocked: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._check = check
        self._on_unlocked = on_unlocked
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(300)
        self.edit.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.problem_label = error_label()
        box = QWidget()
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(title_label(_("Medlemsvård is locked")))
        inner.addWidget(hint_label(_(
            "The register was locked because the computer was left alone for a while. Enter "
            "the passphrase to go on where you were.")))
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.unlock_button)
        inner.addLayout(row)
        inner.addWidget(self.problem_label)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(box)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

    def try_unlock(self) -> None:
        text = self.edit.text()
        self.edit.clear()
        if not self._check(text):
            self.problem_label.setText(_("That is not the passphrase. Try again."))
            self.problem_label.show()
            self.edit.setFocus()
            return
        self._on_unlocked()


class _Cover(LockScreen):
    """Another open window while locked: its contents hidden (not closed, so nothing typed
    in it is lost) and a passphrase field in their place. A modal dialog blocks the main
    window, so it must be possible to unlock from the dialog itself."""

    def __init__(self, target: QWidget, check: Callable[[str], bool],
                 on_unlocked: Callable[[], None]) -> None:
        super().__init__(check, on_unlocked, target)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.target = target
        self.title = target.windowTitle()
        self.hidden = [w for w in target.findChildren(QWidget, options=Qt.FindChildOption
                                                      .FindDirectChildrenOnly)
                       if w is not self and w.isVisible() and not w.isWindow()]
        for w in self.hidden:
            w.hide()
        target.setWindowTitle(_("Medlemsvård (locked)"))
        self.size_before = target.size()
        self.limits = (target.minimumSize(), target.maximumSize())
        wanted = self.sizeHint().expandedTo(self.size_before)
        if wanted != self.size_before:  # a small message box: room for the field
            target.setMinimumSize(0, 0)
            target.setMaximumSize(16777215, 16777215)
            target.resize(wanted)
        self.setGeometry(target.rect())
        target.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())  # type: ignore[attr-defined]
        return False

    def restore(self) -> None:
        self.target.removeEventFilter(self)
        for w in self.hidden:
            w.show()
        self.target.setWindowTitle(self.title)
        if self.target.size() != self.size_before:
            self.target.resize(self.size_before)
            self.target.setMinimumSize(self.limits[0])
            self.target.setMaximumSize(self.limits[1])
        self.hide()
        self.deleteLater()


class WindowLock:
    """Locks one main window (and covers the app's other windows) until unlocked."""

    def __init__(self, window: QMainWindow, passphrase: str,
                 on_unlocked: Callable[[], None] | None = None) -> None:
        self.window = window
        self._passphrase = passphrase
        self._on_unlocked = on_unlocked
        self.locked = False
        self._central: QWidget | None = None
        self._title = ""
        self._hidden: list[QWidget] = []
        self._covers: list[_Cover] = []
        self.screen: LockScreen | None = None

    def check(self, text: str) -> bool:
        return hmac.compare_digest(text.encode("utf-8"), self._passphrase.encode("utf-8"))

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        QToolTip.hideText()
        w = self.window
        self._title = w.windowTitle()
        w.setWindowTitle(_("Medlemsvård (locked)"))
        self._central = w.takeCentralWidget()
        self.screen = LockScreen(self.check, self.unlock)
        w.setCentralWidget(self.screen)
        for child in w.findChildren(QDockWidget) + w.findChildren(QToolBar):
            if child.isVisible():
                child.hide()
                self._hidden.append(child)
        w.menuBar().setEnabled(False)
        status = w.statusBar()
        if status.isVisible():
            status.hide()
            self._hidden.append(status)
        for top in QApplication.topLevelWidgets():
            if top is w or not top.isVisible() or top.windowType() == Qt.WindowType.ToolTip:
                continue
            self._covers.append(_Cover(top, self.check, self.unlock))
        focus = self._covers[-1] if self._covers else self.screen
        focus.edit.setFocus()

    def unlock(self) -> None:
        if not self.locked:
            return
        w = self.window
        if self._central is not None:
            w.setCentralWidget(self._central)  # the lock screen is deleted by Qt
            self._central.show()  # taken out, it was hidden with its parent
        self._central = None
        self.screen = None
        w.setWindowTitle(self._title)
        w.menuBar().setEnabled(True)
        for child in self._hidden:
            child.show()
        self._hidden.clear()
        for cover in self._covers:
            cover.restore()
        self._covers.clear()
        self.locked = False
        if self._on_unlocked is not None:
            self._on_unlocked()
