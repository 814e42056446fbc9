"""Who uses the app on this computer: the name the audit log gives for what they do.

Asked once per machine (kept in the app's settings) when the main window first opens; it
can be changed later from the Privacy page. Until a name is given, the log uses the
computer's login name.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from medlemsvard_app.i18n import _
from medlemsvard_app.services.audit import os_user_name
from medlemsvard_app.ui.dialogs.common import add_row, hint_label, new_form, title_label

SETTING = "privacy/user_name"


def _settings():
    from medlemsvard_app.ui.main_window import app_settings

    return app_settings()


def stored_user_name() -> str:
    value = _settings().value(SETTING, "")
    return value.strip() if isinstance(value, str) else ""


def store_user_name(name: str) -> None:
    settings = _settings()
    settings.setValue(SETTING, name.strip())
    settings.sync()


class UserNameDialog(QDialog):
    """A name and OK: stored for this computer and put on the open session."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("Your name"))
        self.name_edit = QLineEdit(stored_user_name() or "")
        self.name_edit.setPlaceholderText(os_user_name())
        self.name_edit.setMinimumWidth(280)
        form = new_form()
        add_row(form, _("&Name:"), self.name_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(title_label(_("Who is using Medlemsvård on this computer?")))
        layout.addWidget(hint_label(_(
            "The app keeps a log of exports, prints, register extracts and erasures: who "
            "did what, and when, never what the records say. Your name is asked once on "
            "this computer; you can change it on the Privacy page.")))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        name = " ".join(self.name_edit.text().split())
        if not name:
            self.name_edit.setFocus()
            return
        store_user_name(name)
        self.session.user_name = name
        super().accept()


def apply_user_name(session) -> bool:
    """Put this computer's stored name on the session; False when none is stored yet."""
    name = stored_user_name()
    if name:
        session.user_name = name
    return bool(name)


def ask_user_name_once(window) -> UserNameDialog | None:
    """At the first start on a computer: ask (without blocking) and return the dialog."""
    if apply_user_name(window.session):
        return None
    dialog = UserNameDialog(window.session, window)
    window._user_name_dialog = dialog  # noqa: SLF001 - kept alive with the window
    dialog.open()
    return dialog
