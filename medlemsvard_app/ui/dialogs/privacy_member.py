"""The member card's Privacy button: Register extract…, Consents…, Erase….

Added to the card by ``add_privacy_menu(card)`` (one line in member_dialog.py) so the card
itself stays about the member's details. The extract is written where the user chooses
(PDF to hand over, or JSON); erasure says what will happen and asks before it acts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMenu,
    QPushButton,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.privacy_labels import erasure_summary
from medlemsvard_app.storage.errors import StorageError


class PrivacyActions(QObject):
    """What the card's Privacy menu does; ``choose_extract_path`` is the one blocking
    question (tests replace it)."""

    def __init__(self, card) -> None:
        super().__init__(card)
        self.card = card
        self.consents_dialog = None
        self.button = QPushButton(_("Pri&vacy"))
        self.button.setAutoDefault(False)
        menu = QMenu(self.button)
        self.extract_action = menu.addAction(_("Register &extract…"), self.extract)
        self.consents_action = menu.addAction(_("&Consents…"), self.consents)
        menu.addSeparator()
        self.erase_action = menu.addAction(_("E&rase this person…"), self.erase)
        self.button.setMenu(menu)
        self.menu = menu
        card.button_box.addButton(self.button, QDialogButtonBox.ButtonRole.ActionRole)
        card.saved.connect(lambda _m: self.update())
        self.update()

    @property
    def session(self):
        return self.card.register.session

    def member(self):
        return self.card._member  # noqa: SLF001 - the card's member as last loaded

    def update(self) -> None:
        """Only a saved member has anything to extract or erase."""
        member = self.member()
        saved = member is not None and member.id is not None
        anonymised = saved and not (member.given_name or member.family_name)
        self.button.setEnabled(saved)
        self.erase_action.setEnabled(saved and not anonymised)

    def choose_extract_path(self, suggested: Path) -> Path | None:
        path, chosen = QFileDialog.getSaveFileName(
            self.card, _("Save the register extract"), str(suggested),
            ";;".join([_("PDF to hand over (*.pdf)"), _("JSON data (*.json)")]))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() not in (".pdf", ".json"):
            target = target.with_suffix(".json" if "json" in chosen else ".pdf")
        return target

    def extract(self) -> Path | None:
        member = self.member()
        if member is None or member.id is None:
            return None
        if self.card.has_changes() and not self.card._write():  # noqa: SLF001
            return None
        name = _("register-extract-{number}").format(number=member.member_number or member.id)
        target = self.choose_extract_path(self.session.path.with_name(name + ".pdf"))
        if target is None:
            return None
        try:
            self.session.privacy().write_extract(member.id, target)
        except (DomainError, StorageError, OSError) as exc:
            self.card.notifier.error(self.card, describe(exc))
            return None
        self.card.notifier.info(self.card, _(
            "The register extract is saved in {path}.\n\nThe file is not encrypted: hand it "
            "over in person or in a sealed envelope, and delete your copy when it is no "
            "longer needed.").format(path=target))
        return target

    def consents(self) -> None:
        from medlemsvard_app.ui.dialogs.consents_dialog import ConsentsDialog

        member = self.member()
        if member is None or member.id is None:
            return
        dialog = ConsentsDialog(self.session, member.id,
                                _("Consents of {name}").format(name=member.display_name),
                                self.card.notifier, self.card)
        dialog.changed.connect(self._consents_changed)
        self.consents_dialog = dialog
        dialog.open()

    def _consents_changed(self) -> None:
        """The newsletter/SMS dates on the card follow the consent history."""
        member = self.card.register.get(self.member().id)
        if member is not None:
            self.card._member = member  # noqa: SLF001
            self.card._load(member)  # noqa: SLF001
            self.card._initial = self.card._collect()  # noqa: SLF001
            self.card.saved.emit(member)

    def erase(self) -> bool:
        member = self.member()
        if member is None or member.id is None:
            return False
        privacy = self.session.privacy()
        try:
            preview = privacy.erasure_preview(member.id)
        except (LookupError, StorageError) as exc:
            self.card.notifier.error(self.card, describe(exc))
            return False
        question = _("Erase {name} (member {number}) on their request?").format(
            name=member.display_name, number=member.member_number or "–")
        if not self.card.notifier.confirm(self.card, question + "\n\n" + erasure_summary(preview),
                                          _("Erase a person")):
            return False
        # A backup and a pass over every text in the file: a second or two, maybe more.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            privacy.erase(member.id)
        except (DomainError, StorageError) as exc:
            QApplication.restoreOverrideCursor()
            self.card.notifier.error(self.card, describe(exc))
            return False
        QApplication.restoreOverrideCursor()
        self.card.saved.emit(member)
        self.card.notifier.info(self.card, _("{name} has been erased from the register.").format(
            name=member.display_name))
        QDialog.done(self.card, QDialog.DialogCode.Accepted)
        return True


def add_privacy_menu(card) -> PrivacyActions:
    card.privacy_actions = PrivacyActions(card)
    return card.privacy_actions
