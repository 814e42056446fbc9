"""Record a change to a member's direct-debit mandate, or an exemption from dues.

Both are records, written at once through ``DuesService`` (``set_mandate``,
``add_exemption``); a mandate's history is kept, never overwritten. Autogiro (Sweden) is
keyed by a payer number; AvtaleGiro (Norway) by the KID, with the amount limit
(beløpsgrense) the payer set in their bank.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.dues_state import MandateStatus
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.payments import ExemptionKind, MandateEvent, mandate_kind
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.dues_labels import (
    exemption_kind_label,
    mandate_kind_label,
    mandate_status_label,
)
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.dues import DuesService
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    OptionalDateEdit,
    add_row,
    error_label,
    from_qdate,
    hint_label,
    make_date_edit,
    new_form,
    set_combo_data,
    title_label,
    with_error,
)
from medlemsvard_app.ui.dialogs.money_edit import MoneyEdit
from medlemsvard_app.ui.dialogs.payment_dialog import grow_to_fit

PAYER_NUMBER_DIGITS = 16


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _fixed_combo(width: int = 220) -> QComboBox:
    combo = QComboBox()
    combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    combo.setMinimumWidth(width)
    return combo


class MandateDialog(QDialog):
    """Set the mandate's status from a date, with its payer number and amounts.

    Emits ``saved()`` once the change is recorded.
    """

    saved = Signal()

    def __init__(self, dues: DuesService, member: Member, country: str, currency: str,
                 current: MandateEvent | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if member.id is None:
            raise ValueError("the member must be saved first")
        self.dues = dues
        self.member = member
        self.norway = (country or "SE").upper() == "NO"
        kind = mandate_kind_label(mandate_kind(country).value)
        self.setWindowTitle(_("Direct-debit mandate"))
        self.setMinimumWidth(500)

        self.status_combo = _fixed_combo()
        for status in MandateStatus:
            self.status_combo.addItem(mandate_status_label(status.value), status.value)
        self.date_edit = make_date_edit(dues.today())
        self.payer_edit = QLineEdit()
        self.payer_edit.setMaximumWidth(220)
        self.payer_edit.setPlaceholderText(_("e.g. the member number"))
        self.monthly_edit = MoneyEdit(currency)
        self.max_edit = MoneyEdit(currency)
        self.max_edit.edit.setPlaceholderText(_("No limit"))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_("Optional"))
        self.errors = {name: error_label() for name in ("payer", "monthly", "max", "other")}

        form = new_form()
        add_row(form, _("&Status:"), self.status_combo)
        add_row(form, _("&From:"), self.date_edit)
        if not self.norway:
            add_row(form, _("&Payer number:"), self.payer_edit,
                    with_error(self.payer_edit, self.errors["payer"]))
        add_row(form, _("&Monthly amount:"), self.monthly_edit.edit,
                with_error(self.monthly_edit, self.errors["monthly"]))
        if self.norway:
            add_row(form, _("Amount &limit:"), self.max_edit.edit,
                    with_error(self.max_edit, self.errors["max"]))
        add_row(form, _("&Note:"), self.note_edit)

        self.button_box = _buttons(self, _("Record"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)
        outer.addWidget(title_label(_("{kind} for {name}").format(
            kind=kind, name=member.display_name or _("the member"))))
        outer.addWidget(hint_label(
            _("The payer sets up AvtaleGiro in their own bank with the KID and an amount "
              "limit. Record here what the bank reports.") if self.norway else
            _("The payer signs a mandate (medgivande) on paper or in their internet bank. "
              "Record here what Bankgirot reports.")))
        outer.addLayout(form)
        outer.addWidget(self.errors["other"])
        outer.addWidget(hint_label(_("The change is saved at once; earlier changes stay in "
                                     "the history.")))
        outer.addWidget(self.button_box)

        monthly = dues.calendar().annual_fee // 12
        if current is not None:
            set_combo_data(self.status_combo, current.status.value)
            self.payer_edit.setText(current.payer_number)
            monthly = current.monthly_amount or monthly
            self.max_edit.set_amount(current.max_amount)
        elif not self.norway and member.member_number:
            self.payer_edit.setText(str(member.member_number))
        self.monthly_edit.set_amount(monthly)
        self.status_combo.setFocus()

    def _error(self, name: str, text: str) -> None:
        self.errors[name].setText(text)
        self.errors[name].show()
        grow_to_fit(self)

    def error_texts(self) -> dict[str, str]:
        return {n: e.text() for n, e in self.errors.items() if e.text()}

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        payer = re.sub(r"[\s\-]", "", self.payer_edit.text()) if not self.norway else ""
        problems = False
        if payer and (not payer.isdigit() or len(payer) > PAYER_NUMBER_DIGITS):
            self._error("payer", _("A payer number has at most 16 digits."))
            self.payer_edit.setFocus()
            problems = True
        try:
            monthly = self.monthly_edit.amount_or_none() or 0
        except DomainError as exc:
            self._error("monthly", describe(exc))
            self.monthly_edit.edit.setFocus()
            problems = True
        try:
            limit = self.max_edit.amount_or_none() if self.norway else None
        except DomainError as exc:
            self._error("max", describe(exc))
            self.max_edit.edit.setFocus()
            problems = True
        if problems:
            return
        assert self.member.id is not None
        try:
            self.dues.set_mandate(self.member.id, MandateStatus(self.status_combo.currentData()),
                                  from_qdate(self.date_edit.date()), payer_number=payer,
                                  monthly_amount=monthly, max_amount=limit,
                                  note=self.note_edit.text().strip())
        except (DomainError, StorageError) as exc:
            self._error("other", describe(exc))
            return
        self.saved.emit()
        super().accept()


class ExemptionDialog(QDialog):
    """Exempt a member from dues (honorary member, hardship) from a date, maybe until one.

    Emits ``saved()`` once it is recorded.
    """

    saved = Signal()

    def __init__(self, dues: DuesService, member: Member, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if member.id is None:
            raise ValueError("the member must be saved first")
        self.dues = dues
        self.member = member
        self.setWindowTitle(_("Exempt from dues"))
        self.setMinimumWidth(480)

        self.kind_combo = _fixed_combo()
        for kind in ExemptionKind:
            self.kind_combo.addItem(exemption_kind_label(kind.value), kind.value)
        self.from_edit = make_date_edit(dues.today())
        self.until_edit = OptionalDateEdit(_("Until further notice"))
        self.until_edit.setValue(None, default=dues.today())
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_("e.g. the board's decision of 12 March"))
        self.until_error = error_label()
        self.other_error = error_label()

        form = new_form()
        add_row(form, _("&Reason:"), self.kind_combo)
        add_row(form, _("&From:"), self.from_edit)
        add_row(form, _("&Until:"), self.until_edit.date_edit,
                with_error(self.until_edit, self.until_error))
        add_row(form, _("&Note:"), self.note_edit)

        self.button_box = _buttons(self, _("Exempt"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)
        outer.addWidget(title_label(_("{name} pays no dues").format(
            name=member.display_name or _("The member"))))
        outer.addWidget(hint_label(_(
            "An exempt member counts as a current member and gets no invoices or reminders. "
            "The exemption is saved at once.")))
        outer.addLayout(form)
        outer.addWidget(self.other_error)
        outer.addWidget(self.button_box)
        self.kind_combo.setFocus()

    def accept(self) -> None:
        self.until_error.hide()
        self.other_error.hide()
        assert self.member.id is not None
        until = self.until_edit.value()
        start = from_qdate(self.from_edit.date())
        try:
            self.dues.add_exemption(self.member.id, ExemptionKind(self.kind_combo.currentData()),
                                    start, until, self.note_edit.text().strip())
        except DomainError as exc:
            label = self.until_error if exc.code == "exemption_dates_invalid" \
                else self.other_error
            label.setText(describe(exc))
            label.show()
            grow_to_fit(self)
            return
        except StorageError as exc:
            self.other_error.setText(describe(exc))
            self.other_error.show()
            grow_to_fit(self)
            return
        self.saved.emit()
        super().accept()
