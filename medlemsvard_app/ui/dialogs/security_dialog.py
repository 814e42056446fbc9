"""Security settings: the passphrase (switch on, change, remove), the idle lock and where
backups go. The passphrase operations themselves are done by the app (ui/app.py), which
closes the register, re-keys the file and opens it again; this dialog only asks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _
from medlemsvard_app.services.backups import backup_folder
from medlemsvard_app.services.security import load_settings, save_settings
from medlemsvard_app.ui.dialogs.common import hint_label, title_label
from medlemsvard_app.ui.dialogs.passphrase_dialog import NewPassphraseDialog, no_back_door_text
from medlemsvard_app.ui.notifier import Notifier


class SecurityDialog(QDialog):
    #: (current passphrase or None, new passphrase or None, make a recovery sheet)
    passphrase_change_requested = Signal(object, object, bool)
    recovery_sheet_requested = Signal()
    settings_saved = Signal()

    def __init__(self, session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.encrypted = session.passphrase is not None
        self.setWindowTitle(_("Security"))
        settings = load_settings()

        # passphrase
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.set_button = QPushButton(_("&Encrypt with a passphrase…"))
        self.change_button = QPushButton(_("&Change passphrase…"))
        self.remove_button = QPushButton(_("&Remove passphrase…"))
        self.sheet_button = QPushButton(_("Recovery &sheet…"))
        for b in (self.set_button, self.change_button, self.remove_button, self.sheet_button):
            b.setAutoDefault(False)
        self.set_button.clicked.connect(self._set)
        self.change_button.clicked.connect(self._change)
        self.remove_button.clicked.connect(self._remove)
        self.sheet_button.clicked.connect(self.recovery_sheet_requested.emit)
        passphrase_box = QGroupBox(_("Passphrase"))
        box = QVBoxLayout(passphrase_box)
        box.addWidget(self.status_label)
        buttons = QHBoxLayout()
        for b in (self.set_button, self.change_button, self.remove_button, self.sheet_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box.addLayout(buttons)

        # idle lock
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, 240)
        self.idle_spin.setValue(settings.idle_minutes)
        self.idle_spin.setSuffix(" " + _("min"))
        self.idle_spin.setSpecialValueText(_("Never"))
        idle_box = QGroupBox(_("Lock when idle"))
        idle = QVBoxLayout(idle_box)
        row = QHBoxLayout()
        label = QLabel(_("Lock the window after this long without use:"))
        label.setBuddy(self.idle_spin)
        row.addWidget(label)
        row.addWidget(self.idle_spin)
        row.addStretch(1)
        idle.addLayout(row)
        idle.addWidget(hint_label(_(
            "A locked window shows nothing from the register until the passphrase is "
            "entered again. Only an encrypted register can be locked.")))

        # backups
        chosen = settings.backup_folder_for(session.path)
        self.folder_edit = QLineEdit(str(chosen) if chosen else "")
        self.folder_edit.setPlaceholderText(str(backup_folder(session.path).parent))
        self.browse_button = QPushButton(_("&Browse…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        backup_box = QGroupBox(_("Backups"))
        backups = QVBoxLayout(backup_box)
        row = QHBoxLayout()
        label = QLabel(_("Backup &folder:"))
        label.setBuddy(self.folder_edit)
        row.addWidget(label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        backups.addLayout(row)
        backups.addWidget(hint_label(_(
            "Backups are made on opening (once a day) and before imports and other bulk "
            "changes; the last week, month and year are kept. A folder on an external drive "
            "keeps them safe if the computer is lost. Empty means the default folder.")))

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Security")))
        layout.addWidget(passphrase_box)
        layout.addWidget(idle_box)
        layout.addWidget(backup_box)
        layout.addWidget(self.button_box)
        self._show_state()
        self.resize(max(self.sizeHint().width(), 640), self.sizeHint().height())

    def _show_state(self) -> None:
        if self.encrypted:
            self.status_label.setText(_(
                "This register is encrypted: without the passphrase the file and its "
                "backups cannot be read.") + " " + no_back_door_text())
        else:
            self.status_label.setText(_(
                "This register is not encrypted. Anyone who gets hold of the file or a "
                "backup (a lost laptop, a USB stick) can read every member's details. "
                "Encryption is recommended."))
        self.set_button.setVisible(not self.encrypted)
        self.change_button.setVisible(self.encrypted)
        self.remove_button.setVisible(self.encrypted)
        self.sheet_button.setVisible(self.encrypted)

    def _ask_new(self, title: str, ask_current: bool) -> NewPassphraseDialog | None:
        dialog = NewPassphraseDialog(self, ask_current=ask_current, title=title)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _set(self) -> None:
        dialog = self._ask_new(_("Encrypt the register"), False)
        if dialog is not None:
            self.passphrase_change_requested.emit(None, dialog.passphrase, dialog.wants_sheet)
            self.accept()

    def _change(self) -> None:
        dialog = self._ask_new(_("Change the passphrase"), True)
        if dialog is not None:
            self.passphrase_change_requested.emit(dialog.current, dialog.passphrase,
                                                  dialog.wants_sheet)
            self.accept()

    def _remove(self) -> None:
        if not self.notifier.confirm(self, _(
                "Remove the passphrase? The register and its backups are then stored "
                "unencrypted, and anyone who gets hold of the file can read it.")):
            return
        self.passphrase_change_requested.emit(self.session.passphrase, None, False)
        self.accept()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the backup folder"),
                                                  self.folder_edit.text() or str(Path.home()))
        if folder:
            self.folder_edit.setText(folder)

    def accept(self) -> None:
        settings = load_settings()
        settings.idle_minutes = self.idle_spin.value()
        text = self.folder_edit.text().strip()
        settings = settings.with_backup_folder(self.session.path,
                                               Path(text).expanduser() if text else None)
        settings.idle_minutes = self.idle_spin.value()
        save_settings(settings)
        self.settings_saved.emit()
        super().accept()
