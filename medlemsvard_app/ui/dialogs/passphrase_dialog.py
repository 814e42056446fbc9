"""Asking for a passphrase: to open an encrypted file, and to choose a new one.

``PassphraseDialog`` asks for the passphrase of an encrypted file (again with a clear
sentence after a wrong one). ``NewPassphraseDialog`` chooses a new passphrase, typed twice,
with the plain warning that there is no back door, and offers a recovery sheet.
Neither writes the passphrase anywhere: the caller keeps it in the session only.
"""

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
from medlemsvard_app.services.security import MIN_PASSPHRASE_LENGTH
from medlemsvard_app.ui.dialogs.common import (
    FieldErrors,
    add_row,
    error_label,
    hint_label,
    new_form,
    title_label,
    with_error,
)


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(280)
    return edit


def no_back_door_text() -> str:
    return _("There is no back door. If the passphrase is forgotten, nobody can open the "
             "register or its backups again: not you, not the board, not the makers of "
             "Medlemsvård. Write it down and keep it somewhere safe, away from the computer.")


class PassphraseDialog(QDialog):
    """The passphrase of an encrypted file; ``passphrase`` after ``accepted``."""

    def __init__(self, path: Path, parent: QWidget | None = None, *, problem: str = "",
                 prompt: str = "") -> None:
        super().__init__(parent)
        self.passphrase = ""
        self.setWindowTitle(_("Passphrase"))
        self.edit = password_edit()
        self.show_check = QCheckBox(_("&Show the passphrase"))
        self.show_check.toggled.connect(lambda on: self.edit.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.problem_label = error_label()
        if problem:
            self.problem_label.setText(problem)
            self.problem_label.show()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("This register is protected")))
        layout.addWidget(QLabel(prompt or _("Enter the passphrase of {file}.").format(
            file=Path(path).name)))
        layout.addWidget(self.edit)
        layout.addWidget(self.show_check)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def accept(self) -> None:
        if not self.edit.text():
            self.problem_label.setText(_("Enter the passphrase."))
            self.problem_label.show()
            return
        self.passphrase = self.edit.text()
        self.edit.clear()
        super().accept()


class NewPassphraseDialog(QDialog):
    """Choose a passphrase (typed twice); ``current`` is asked when one is set already."""

    def __init__(self, parent: QWidget | None = None, *, ask_current: bool = False,
                 title: str = "") -> None:
        super().__init__(parent)
        self.passphrase = ""
        self.current = ""
        self.wants_sheet = False
        self.setWindowTitle(title or _("Choose a passphrase"))
        self.errors = FieldErrors()
        form = new_form()
        self.current_edit = password_edit() if ask_current else None
        if self.current_edit is not None:
            e = error_label()
            add_row(form, _("&Current passphrase:"), self.current_edit,
                    with_error(self.current_edit, e))
            self.errors.add("current", e, self.current_edit)
        self.new_edit = password_edit()
        e = error_label()
        add_row(form, _("&New passphrase:"), self.new_edit, with_error(self.new_edit, e))
        self.errors.add("new", e, self.new_edit)
        self.repeat_edit = password_edit()
        e = error_label()
        add_row(form, _("&Repeat it:"), self.repeat_edit, with_error(self.repeat_edit, e))
        self.errors.add("repeat", e, self.repeat_edit)
        self.sheet_check = QCheckBox(_("Make a &recovery sheet to print and keep (the "
                                       "passphrase is written on it by hand)"))
        self.sheet_check.setChecked(True)
        warning = QLabel(no_back_door_text())
        warning.setWordWrap(True)
        warning.setObjectName("noBackDoor")
        warning.setProperty("panel", "warn")  # coloured by ui/style.py, light or dark
        warning.setStyleSheet("QLabel#noBackDoor { padding: 8px; }")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(title or _("Choose a passphrase")))
        layout.addWidget(hint_label(_(
            "The register file and its backups are encrypted with it. Use at least {count} "
            "characters; a few ordinary words in a row are easy to remember and hard to "
            "guess.").format(count=MIN_PASSPHRASE_LENGTH)))
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.sheet_check)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def accept(self) -> None:
        problems: dict[str, str] = {}
        if self.current_edit is not None and not self.current_edit.text():
            problems["current"] = _("Enter the current passphrase.")
        new = self.new_edit.text()
        if len(new) < MIN_PASSPHRASE_LENGTH:
            problems["new"] = _("Use at least {count} characters.").format(
                count=MIN_PASSPHRASE_LENGTH)
        elif self.repeat_edit.text() != new:
            problems["repeat"] = _("The two passphrases are not the same.")
        if problems:
            self.errors.show_all(problems)
            return
        self.passphrase = new
        self.current = self.current_edit.text() if self.current_edit is not None else ""
        self.wants_sheet = self.sheet_check.isChecked()
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            if edit is not None:
                edit.clear()
        super().accept()
