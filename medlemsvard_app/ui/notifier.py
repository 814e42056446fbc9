"""User messages in one replaceable place, so tests can answer them without a blocking dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from medlemsvard_app.i18n import _


class Notifier:
    """Shows errors, information and questions; tests swap in a recording subclass."""

    def error(self, parent: QWidget | None, text: str, title: str | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title or _("Medlemsvård"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.exec()

    def info(self, parent: QWidget | None, text: str, title: str | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title or _("Medlemsvård"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.exec()

    def confirm(self, parent: QWidget | None, text: str, title: str | None = None) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title or _("Medlemsvård"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes


class RecordingNotifier(Notifier):
    """For tests: remembers messages and answers questions with ``answer``."""

    def __init__(self, answer: bool = True) -> None:
        self.messages: list[tuple[str, str]] = []
        self.answer = answer

    def error(self, parent: QWidget | None, text: str, title: str | None = None) -> None:
        self.messages.append(("error", text))

    def info(self, parent: QWidget | None, text: str, title: str | None = None) -> None:
        self.messages.append(("info", text))

    def confirm(self, parent: QWidget | None, text: str, title: str | None = None) -> bool:
        self.messages.append(("confirm", text))
        return self.answer
