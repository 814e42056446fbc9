"""A member's consents: the history (given, withdrawn) and recording a new one.

A consent has a purpose, the day it was given and how (a form, a call …); withdrawing
closes it on a day and keeps it in the history. The newsletter and text-message consents
are the same dates the card shows under Contact and consent.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.privacy import ConsentPurpose, ConsentSource
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.privacy_labels import purpose_label, source_label
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    add_row,
    fit_to_screen,
    from_qdate,
    hint_label,
    make_date_edit,
    new_form,
    title_label,
)
from medlemsvard_app.ui.notifier import Notifier

_SOURCES = (ConsentSource.CARD, ConsentSource.FORM, ConsentSource.CALL, ConsentSource.EMAIL,
            ConsentSource.OTHER)


class ConsentsDialog(QDialog):
    """Emits ``changed`` after a consent is recorded or withdrawn."""

    changed = Signal()

    def __init__(self, session, member_id: int, title: str, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.privacy = session.privacy()
        self.today = session.today
        self.member_id = member_id
        self.notifier = notifier or Notifier()
        self.setWindowTitle(_("Consents"))

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Purpose"), _("Given"), _("Withdrawn"),
                                              _("How"), _("Note")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.withdraw_button = QPushButton(_("&Withdraw selected"))
        self.withdraw_button.setEnabled(False)

        self.purpose_combo = QComboBox()
        for purpose in ConsentPurpose:
            self.purpose_combo.addItem(purpose_label(purpose.value), purpose.value)
        self.purpose_text = QLineEdit()
        self.purpose_text.setPlaceholderText(_("What for, in a few words"))
        self.purpose_text.setEnabled(False)
        self.given_edit = make_date_edit(self.today())
        self.source_combo = QComboBox()
        for source in _SOURCES:
            self.source_combo.addItem(source_label(source.value), source.value)
        self.note_edit = QLineEdit()
        self.add_button = QPushButton(_("&Record consent"))

        form = new_form()
        add_row(form, _("&Purpose:"), self.purpose_combo)
        add_row(form, _("&What for:"), self.purpose_text)
        add_row(form, _("&Given on:"), self.given_edit)
        add_row(form, _("&How:"), self.source_combo)
        add_row(form, _("&Note:"), self.note_edit)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(title_label(title))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.withdraw_button)
        layout.addLayout(row)
        layout.addWidget(title_label(_("New consent")))
        layout.addWidget(hint_label(_(
            "Record what the person agreed to and when. Ask them again if you are unsure: "
            "a consent must be freely given and can be withdrawn at any time.")))
        layout.addLayout(form)
        add_row_layout = QHBoxLayout()
        add_row_layout.addStretch(1)
        add_row_layout.addWidget(self.add_button)
        layout.addLayout(add_row_layout)
        layout.addWidget(buttons)

        self.purpose_combo.currentIndexChanged.connect(self._purpose_changed)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.add_button.clicked.connect(self.add_consent)
        fit_to_screen(self, 640, 520)
        self.load()

    def _purpose_changed(self) -> None:
        self.purpose_text.setEnabled(
            self.purpose_combo.currentData() == ConsentPurpose.OTHER.value)

    def load(self) -> None:
        self.consents = self.privacy.consents(self.member_id)
        self.table.setRowCount(len(self.consents))
        for r, c in enumerate(self.consents):
            purpose = purpose_label(c.purpose.value)
            if c.purpose_text:
                purpose += f": {c.purpose_text}"
            values = [purpose, format_date(c.given_on),
                      format_date(c.withdrawn_on) if c.withdrawn_on else _("in force"),
                      source_label(c.source.value), c.note]
            for col, text in enumerate(values):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self._selection_changed()

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.consents[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        consent = self._selected()
        self.withdraw_button.setEnabled(consent is not None and consent.withdrawn_on is None)

    def add_consent(self) -> None:
        try:
            self.privacy.give_consent(
                self.member_id, ConsentPurpose(self.purpose_combo.currentData()),
                from_qdate(self.given_edit.date()),
                source=ConsentSource(self.source_combo.currentData()),
                purpose_text=self.purpose_text.text(), note=self.note_edit.text().strip())
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self.note_edit.clear()
        self.purpose_text.clear()
        self.load()
        self.changed.emit()

    def withdraw_selected(self) -> None:
        consent = self._selected()
        if consent is None or consent.id is None:
            return
        if not self.notifier.confirm(self, _(
                "Record that the consent “{purpose}” was withdrawn today?").format(
                purpose=purpose_label(consent.purpose.value))):
            return
        try:
            self.privacy.withdraw_consent(consent.id)
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self.load()
        self.changed.emit()
