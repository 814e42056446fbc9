"""Register one payment from the member card in a few keystrokes.

Everything is prefilled from the dues calendar (the fee that is due, today, the year(s)
the payment is for), so the usual case is: type the amount if it differs, press Enter.
The payment is written through ``DuesService.record_payment`` at once; a problem is
shown next to its field and nothing typed is lost.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError, ValidationError
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.payments import Payment, PaymentKind, PaymentMethod
from medlemsvard_app.i18n import _, pgettext
from medlemsvard_app.i18n.dues_labels import payment_kind_label, payment_method_label
from medlemsvard_app.i18n.formatting import format_date, format_money
from medlemsvard_app.i18n.messages import describe, message
from medlemsvard_app.services.dues import DuesService
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    add_row,
    error_label,
    from_qdate,
    hint_label,
    make_date_edit,
    new_form,
    title_label,
    to_qdate,
    with_error,
)
from medlemsvard_app.ui.dialogs.money_edit import MoneyEdit

#: Which error label shows a code raised by the service.
_FIELD_OF_CODE = {
    "amount_invalid": "amount", "amount_not_positive": "amount",
    "payment_in_future": "date", "period_invalid": "period", "period_too_long": "period",
}


def grow_to_fit(dialog: QDialog) -> None:
    """Make room for a message just shown: a wrapped label's height depends on its width,
    which a form inside a dialog does not pass up by itself."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() \
        else layout.totalSizeHint().height()
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


def payment_methods(country: str) -> list[PaymentMethod]:
    """The methods offered in the country: Swish in Sweden, Vipps in Norway."""
    mobile = PaymentMethod.VIPPS if (country or "SE").upper() == "NO" else PaymentMethod.SWISH
    return [PaymentMethod.BANK_GIRO, mobile, PaymentMethod.DIRECT_DEBIT, PaymentMethod.CASH,
            PaymentMethod.OTHER]


def suggested_payment(dues: DuesService, member: Member, day: date) -> tuple[int, tuple[int, int]]:
    """The amount that is due on ``day`` and the period(s) it pays for.

    After a missed year the two-year invoice asks for twice the fee; a new member's first
    payment is the intro fee; otherwise the annual fee.
    """
    cal = dues.calendar()
    periods = dues.default_periods(member, day, cal.fee_for(day.year))
    if dues.payment_kind(member, periods[0]) is PaymentKind.INTRO:
        return cal.intro_fee, periods
    both = cal.fee_for(periods[0]) + cal.fee_for(periods[0] + 1)
    two = dues.default_periods(member, day, both)
    if two != periods:  # the amount decides: a missed year is asked for too
        return sum(cal.fee_for(p) for p in range(two[0], two[1] + 1)), two
    return cal.fee_for(periods[0]), periods


class PaymentDialog(QDialog):
    """The small "Register payment" dialog. Emits ``saved(Payment)`` once it is written."""

    saved = Signal(object)

    def __init__(self, dues: DuesService, member: Member, currency: str, country: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if member.id is None:
            raise ValueError("the member must be saved first")
        self.dues = dues
        self.member = member
        self.currency = currency
        self._periods_touched = False
        today = dues.today()
        self.setWindowTitle(_("Register payment"))
        self.setMinimumWidth(520)

        self.amount_edit = MoneyEdit(currency)
        self.date_edit = make_date_edit(today)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.from_spin = self._year_spin()
        self.to_spin = self._year_spin()
        self.kind_hint = hint_label("")
        self.method_combo = QComboBox()
        for method in payment_methods(country):
            self.method_combo.addItem(payment_method_label(method.value), method.value)
        self.method_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.method_combo.setMinimumWidth(220)
        self.reference_edit = QLineEdit()
        reference = dues.reference(member.member_number, today.year) \
            if member.member_number else ""
        self.reference_edit.setPlaceholderText(
            _("As written on the payment, e.g. {reference}").format(reference=reference)
            if reference else _("As written on the payment"))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_("Optional"))
        self.errors = {name: error_label() for name in ("amount", "date", "period", "other")}

        years = QWidget()
        row = QHBoxLayout(years)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.from_spin)
        to_label = QLabel(pgettext("year range", "to"))
        to_label.setBuddy(self.to_spin)
        row.addWidget(to_label)
        row.addWidget(self.to_spin)
        row.addSpacing(8)
        row.addWidget(self.kind_hint, 1)

        form = new_form()
        add_row(form, _("&Amount:"), self.amount_edit.edit,
                with_error(self.amount_edit, self.errors["amount"]))
        add_row(form, _("Paid &on:"), self.date_edit,
                with_error(self.date_edit, self.errors["date"]))
        add_row(form, _("For &year(s):"), self.from_spin, with_error(years, self.errors["period"]))
        add_row(form, _("&Method:"), self.method_combo)
        add_row(form, _("&Reference:"), self.reference_edit)
        add_row(form, _("&Note:"), self.note_edit)

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Register payment"))
        self.ok_button.setDefault(True)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)
        outer.addWidget(title_label(_("Payment from {name}").format(
            name=member.display_name or _("the member"))))
        outer.addWidget(hint_label(_(
            "Prefilled with what is due today. Change what differs and press Enter; the "
            "payment is saved at once.")))
        outer.addLayout(form)
        outer.addWidget(self.errors["other"])
        outer.addWidget(self.button_box)

        amount, periods = suggested_payment(dues, member, today)
        self.amount_edit.set_amount(amount)
        self._set_periods(periods)
        self.amount_edit.edit.textEdited.connect(self._amount_edited)
        self.date_edit.dateChanged.connect(lambda _d: self._suggest_periods())
        self.from_spin.valueChanged.connect(self._periods_edited)
        self.to_spin.valueChanged.connect(self._periods_edited)
        self.amount_edit.edit.selectAll()
        self.amount_edit.edit.setFocus()

    @staticmethod
    def _year_spin() -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1900, 2200)
        spin.setGroupSeparatorShown(False)
        spin.setMinimumWidth(80)
        return spin

    # ------------------------------------------------------------------ prefilling
    def _set_periods(self, periods: tuple[int, int]) -> None:
        with QSignalBlocker(self.from_spin), QSignalBlocker(self.to_spin):
            self.from_spin.setValue(periods[0])
            self.to_spin.setValue(periods[1])
        self._show_kind()

    def _show_kind(self) -> None:
        kind = self.dues.payment_kind(self.member, self.from_spin.value())
        self.kind_hint.setText(payment_kind_label(kind.value))

    def _amount_edited(self, _text: str) -> None:
        self._hide_error("amount")
        self._suggest_periods()

    def _suggest_periods(self) -> None:
        """Follow the amount and date with the year(s), until the user sets them."""
        self._hide_error("date")
        if self._periods_touched:
            return
        try:
            amount = self.amount_edit.amount()
        except DomainError:
            return
        self._set_periods(self.dues.default_periods(self.member, self.paid_on(), amount))

    def _periods_edited(self) -> None:
        self._periods_touched = True
        self._hide_error("period")
        if self.sender() is self.from_spin and self.to_spin.value() < self.from_spin.value():
            with QSignalBlocker(self.to_spin):
                self.to_spin.setValue(self.from_spin.value())
        self._show_kind()

    def paid_on(self) -> date:
        return from_qdate(self.date_edit.date())

    # ------------------------------------------------------------------ errors
    def _show_error(self, name: str, text: str) -> None:
        label = self.errors[name]
        label.setText(text)
        label.show()
        grow_to_fit(self)
        focus = {"amount": self.amount_edit.edit, "date": self.date_edit,
                 "period": self.from_spin}.get(name)
        if focus is not None:
            focus.setFocus()
            if isinstance(focus, QLineEdit):
                focus.selectAll()

    def _hide_error(self, name: str) -> None:
        self.errors[name].hide()
        self.errors[name].clear()

    def error_texts(self) -> dict[str, str]:
        """What the dialog is showing as problems, by field (for tests and screen readers)."""
        return {n: e.text() for n, e in self.errors.items() if e.text()}

    # ------------------------------------------------------------------ saving
    def accept(self) -> None:
        for name in self.errors:
            self._hide_error(name)
        try:
            amount = self.amount_edit.amount()
        except DomainError as exc:
            self._show_error("amount", describe(exc))
            return
        assert self.member.id is not None
        try:
            payment, _changes = self.dues.record_payment(
                self.member.id, amount, self.paid_on(),
                periods=(self.from_spin.value(), self.to_spin.value()),
                method=PaymentMethod(self.method_combo.currentData()),
                reference=" ".join(self.reference_edit.text().split()),
                note=self.note_edit.text().strip())
        except ValidationError as exc:
            first = None
            for field, code in exc.problems.items():
                name = field if field in self.errors else "other"
                self.errors[name].setText(message(code))
                self.errors[name].show()
                first = first or name
            if first:
                self._show_error(first, self.errors[first].text())
            return
        except DomainError as exc:
            self._show_error(_FIELD_OF_CODE.get(exc.code, "other"), describe(exc))
            return
        except (StorageError, LookupError) as exc:
            self._show_error("other", describe(exc))
            return
        self.payment: Payment = payment
        self.saved.emit(payment)
        super().accept()


def describe_payment(payment: Payment, currency: str) -> str:
    """"360,00 kr paid on 2026-11-25 for 2026" — for confirmations."""
    periods = (str(payment.period_from) if payment.period_to == payment.period_from
               else f"{payment.period_from}–{payment.period_to}")
    return _("{amount} paid on {date} for {periods}").format(
        amount=format_money(payment.amount, currency), date=format_date(payment.paid_on),
        periods=periods)
