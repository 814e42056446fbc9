"""Before an export: a warning that the file is not encrypted, and the offer to put it in
an AES-encrypted ZIP file with a passphrase instead (issue 9 item 8)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _
from medlemsvard_app.ui.dialogs.common import add_row, error_label, hint_label, new_form

MIN_LENGTH = 8


class ExportProtectionDialog(QDialog):
    """``target`` and ``passphrase`` (None: a plain file) once accepted."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.target: Path = self.path
        self.passphrase: str | None = None
        self.setWindowTitle(_("Export register"))
        warning = QLabel(_("⚠ The exported file is not encrypted: anyone who gets hold of "
                           "it (a lost USB stick, a forwarded e-mail) can read every name "
                           "and address in it."))
        warning.setWordWrap(True)
        warning.setProperty("panel", "warn")  # the sheet's warning panel, light or dark
        warning.setMargin(6)
        self.zip_check = QCheckBox(_("Put it in an &encrypted ZIP file (AES-256) instead"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = new_form()
        add_row(form, _("&Passphrase:"), self.passphrase_edit)
        add_row(form, _("&Repeat:"), self.repeat_edit)
        self.zip_hint = hint_label(_(
            "The file is saved as {name}. Give the passphrase to the recipient another way "
            "(by phone, not in the same e-mail).").format(name=self.path.name + ".zip"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("E&xport"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(warning)
        layout.addWidget(self.zip_check)
        layout.addLayout(form)
        layout.addWidget(self.zip_hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.zip_check.toggled.connect(self._toggled)
        self._toggled(False)
        self.setMinimumWidth(460)

    def _toggled(self, on: bool) -> None:
        for w in (self.passphrase_edit, self.repeat_edit, self.zip_hint):
            w.setEnabled(on)
        if on:
            self.passphrase_edit.setFocus()
        self.error.setText("")

    def accept(self) -> None:
        if not self.zip_check.isChecked():
            self.target, self.passphrase = self.path, None
            super().accept()
            return
        text = self.passphrase_edit.text()
        if len(text) < MIN_LENGTH:
            self.error.setText(_("Use at least {count} characters.").format(count=MIN_LENGTH))
            self.passphrase_edit.setFocus()
            return
        if text != self.repeat_edit.text():
            self.error.setText(_("The two passphrases differ."))
            self.repeat_edit.setFocus()
            return
        self.target = self.path.with_name(self.path.name + ".zip")
        self.passphrase = text
        super().accept()


def ask_export_protection(parent: QWidget | None, path: Path) -> tuple[Path, str | None] | None:
    """(where to write, ZIP passphrase or None), or None when the user cancels."""
    dialog = ExportProtectionDialog(path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.target, dialog.passphrase
