"""The member card's "Dues" tab: where the member stands, year by year, and what comes next.

Dues are records (payments, notices, mandate changes, exemptions), not fields of the
member: every change here is written at once through ``DuesService`` and the tab says so.
The year table is derived from ``MemberDues`` with the calendar; nothing here is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.dues_calendar import DuesCalendar
from medlemsvard_app.domain.dues_state import DuesRules, DuesState, DuesStatus, MandateStatus
from medlemsvard_app.domain.models import Association, Member
from medlemsvard_app.domain.payments import (
    DuesNotice,
    Exemption,
    MandateEvent,
    NoticeStage,
    Payment,
    mandate_kind,
)
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.dues_labels import (
    dues_state_hint,
    dues_state_label,
    exemption_kind_label,
    explain,
    mandate_kind_label,
    mandate_status_label,
    notice_stage_label,
    payment_kind_label,
    payment_method_label,
)
from medlemsvard_app.i18n.formatting import format_date, format_money
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.dues import DuesService, MemberDues
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs.common import hint_label
from medlemsvard_app.ui.dialogs.mandate_dialog import ExemptionDialog, MandateDialog
from medlemsvard_app.ui.dialogs.payment_dialog import PaymentDialog, describe_payment
from medlemsvard_app.ui.notifier import Notifier

#: The state badge's tone (ui/style.py): green settled, amber reminded, red behind; the
#: badge always names the state too.
STATE_TONES: dict[str, str] = {
    DuesState.PAID: "good",
    DuesState.DIRECT_DEBIT: "good",
    DuesState.EXEMPT: "neutral",
    DuesState.INVOICED: "info",
    DuesState.REMINDER_1: "warn",
    DuesState.REMINDER_2: "late",
    DuesState.REMINDER_3: "late",
    DuesState.TWO_YEAR_INVOICE: "bad",
    DuesState.TO_STRIKE_OFF: "strong_bad",
}

COL_YEAR, COL_DUE, COL_PAID, COL_PAID_ON, COL_METHOD, COL_NOTICES = range(6)
PAYMENT_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_PAID_ROLE = Qt.ItemDataRole.UserRole + 2


# --------------------------------------------------------------------------- year rows
@dataclass
class YearRow:
    """One dues period on the card: what was due, what came in, what was sent."""

    period: int
    due: str
    due_amount: int | None = None
    #: (payment, the part of it that counts for this period)
    shares: list[tuple[Payment, int]] = field(default_factory=list)
    notices: list[DuesNotice] = field(default_factory=list)
    exempt: Exemption | None = None
    #: Nothing came in and the due date has passed.
    overdue: bool = False

    @property
    def paid(self) -> int:
        return sum(share for _p, share in self.shares)


def _money(amount: int, currency: str) -> str:
    return format_money(amount, currency)


def year_rows(md: MemberDues, cal: DuesCalendar, day: date, currency: str) -> list[YearRow]:
    """Rows from the join period (or the first tracked one) to this period, newest first.

    A payment covering two years shows in both, with its share; periods outside that
    range appear when something was paid or sent for them.
    """
    m = md.member
    joined = m.joined_on if m.joined_on is not None and m.joined_on <= day else None
    anchor = cal.anchor(joined)
    periods: set[int] = set()
    intro: tuple[int, ...] = ()
    first_owed: int | None = None
    if joined is not None:
        intro = cal.intro_periods(joined)
        end = m.left_on if m.left_on is not None and m.left_on < day else day
        last = max(DuesRules(cal, end).current_period(joined), intro[0])
        first_owed = max(intro[0], cal.tracked_from or intro[0])
        # Older periods count as settled by the rules; show them only if something happened.
        first = max(first_owed, day.year - 5)
        periods.update(range(first, last + 1))
    for p in md.payments:
        periods.update(p.periods)
    for n in md.notices:
        periods.add(n.period)

    rows = []
    for period in sorted(periods, reverse=True):
        row = YearRow(period, "")
        # As the rules do: exempt on the period's last day (or today, for this period).
        last_day = min(day, cal.period_start(period + 1, anchor) - timedelta(days=1))
        row.exempt = next((e for e in md.exemptions if e.covers(last_day)), None)
        row.shares = [(p, share) for p in md.payments for q, share in p.shares()
                      if q == period]
        row.notices = [n for n in md.notices if n.period == period]
        invoice_on = cal.invoice_on(period, anchor)
        due_on = cal.due_on(period, anchor)
        if row.exempt is not None:
            row.due = _("Exempt: {reason}").format(
                reason=exemption_kind_label(row.exempt.kind.value).lower())
        elif first_owed is None or period < first_owed:
            row.due = _("Not tracked") if cal.tracked_from and period < cal.tracked_from \
                else "—"
        elif intro and period == intro[0]:
            row.due_amount = cal.intro_fee
            row.due = payment_kind_label("intro")
            if len(intro) > 1:
                row.due = _("{fee}, also covers {year}").format(fee=row.due, year=intro[-1])
            invoice_on = joined or invoice_on
            due_on = max(due_on, (joined or due_on) + timedelta(days=cal.grace_days))
        elif intro and period in intro:
            row.due = _("Covered by the intro fee")
        elif _two_year(md, cal, period, first_owed, anchor, day):
            row.due_amount = cal.fee_for(period - 1) + cal.fee_for(period)
            row.due = notice_stage_label("two_year_invoice")
        else:
            notice = next((n for n in row.notices if n.stage is NoticeStage.INVOICE
                           and n.amount), None)
            row.due_amount = notice.amount if notice else cal.fee_for(period)
            row.due = payment_kind_label("annual")
            if _two_year(md, cal, period + 1, first_owed, anchor, day):
                row.due = _("{fee} (asked for again in {year})").format(
                    fee=row.due, year=period + 1)
        if row.due_amount is not None:
            row.due = f"{row.due}: {_money(row.due_amount, currency)}"
        row.overdue = (row.due_amount is not None and not row.shares and row.exempt is None
                       and day > due_on and invoice_on <= day)
        rows.append(row)
    return rows


def _two_year(md: MemberDues, cal: DuesCalendar, period: int, first_owed: int,
              anchor: date | None, day: date) -> bool:
    """Was this period's invoice a two-year invoice: the year before unpaid when it went out?"""
    if not cal.two_year_invoice or period - 1 < first_owed:
        return False
    invoice_on = cal.invoice_on(period, anchor)
    if invoice_on > day:
        return False
    before = cal.period_start(period, anchor) - timedelta(days=1)
    if any(e.covers(before) for e in md.exemptions):
        return False
    return not any(period - 1 in p.periods and p.paid_on < invoice_on for p in md.payments)


def notices_text(notices: list[DuesNotice]) -> str:
    """"Invoice, 2 reminders": what was sent for a period, short enough for a column."""
    parts = [notice_stage_label(n.stage.value) for n in notices
             if n.stage in (NoticeStage.INVOICE, NoticeStage.TWO_YEAR_INVOICE)]
    reminders = sum(1 for n in notices if n.stage.value.startswith("reminder"))
    if reminders:
        parts.append(ngettext("{count} reminder", "{count} reminders", reminders).format(
            count=reminders))
    return ", ".join(dict.fromkeys(parts))


def current_mandate(events: list[MandateEvent], day: date) -> MandateEvent | None:
    """The mandate as it stands on ``day`` (the latest change on or before it)."""
    past = [e for e in events if e.changed_on <= day]
    return past[-1] if past else None


# --------------------------------------------------------------------------- the tab
def _group(title: str, layout: QVBoxLayout | QHBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box


def _wrapping(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    return button


class DuesTab(QWidget):
    """Show a member's dues and record payments, mandate changes and exemptions.

    Emits ``changed()`` after each record is written, so the card can tell the register.
    """

    changed = Signal()

    def __init__(self, dues: DuesService, association: Association,
                 notifier: Notifier | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dues = dues
        self.association = association
        self.currency = association.currency
        self.country = association.country.value
        self.notifier = notifier or Notifier()
        self.member: Member | None = None
        self.info: MemberDues | None = None
        self.rows: list[YearRow] = []
        self.payment_dialog: PaymentDialog | None = None
        self.mandate_dialog: MandateDialog | None = None
        self.exemption_dialog: ExemptionDialog | None = None

        self.stack = QStackedWidget()
        self.unsaved_label = hint_label(_(
            "Dues start once the member is saved. Save the card, and this tab will show the "
            "invoice, payments and reminders."))
        self.unsaved_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        unsaved = QWidget()
        box = QVBoxLayout(unsaved)
        box.setContentsMargins(12, 12, 12, 12)
        box.addWidget(self.unsaved_label)
        box.addStretch(1)
        self.stack.addWidget(unsaved)
        self.stack.addWidget(self._build_content())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        style.scheme_changed().connect(self._scheme_switched)

    # ------------------------------------------------------------------ building
    def _build_content(self) -> QWidget:
        page = QWidget()
        self.state_badge = QLabel()
        self.state_badge.setObjectName("duesStateBadge")
        self._badge_code = ""
        self.state_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_badge.setMinimumWidth(130)
        self.explain_label = _wrapping()
        self.next_label = _wrapping()
        self.next_label.setProperty("hint", True)
        self.reference_label = _wrapping()
        self.pay_button = _button(_("&Register payment…"))
        self.pay_button.setToolTip(_("Record a payment from this member; saved at once"))
        self.delete_button = _button(_("Delete pa&yment…"))
        self.delete_button.setEnabled(False)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.state_badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(3)
        words.addWidget(self.explain_label)
        words.addWidget(self.next_label)
        words.addWidget(self.reference_label)
        top.addLayout(words, 1)
        top.addWidget(self.pay_button, 0, Qt.AlignmentFlag.AlignTop)
        self.status_box = _group(_("Dues today"), top)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels([_("Year"), _("Due"), _("Paid"), _("Paid on"), _("Method"),
                                   _("Invoices and reminders")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTICES, QHeaderView.ResizeMode.Stretch)
        self.tree.setMinimumHeight(120)
        self.tree_hint = hint_label("")
        self.tree.installEventFilter(self)

        years_header = QHBoxLayout()
        years_header.addWidget(self.tree_hint, 1)
        years_header.addWidget(self.delete_button)
        years = QVBoxLayout()
        years.setSpacing(6)
        years.addWidget(self.tree, 1)
        years.addLayout(years_header)
        self.years_box = _group(_("Year by year"), years)

        kind = mandate_kind_label(mandate_kind(self.country).value)
        self.mandate_label = _wrapping()
        self.mandate_history = _wrapping()
        self.mandate_history.setProperty("hint", True)
        self.mandate_button = _button(_("C&hange mandate…"))
        mandate = QVBoxLayout()
        mandate.setSpacing(4)
        mandate.addWidget(self.mandate_label)
        mandate.addWidget(self.mandate_history)
        mandate.addStretch(1)
        mandate.addWidget(self.mandate_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.mandate_box = _group(_("Direct debit ({kind})").format(kind=kind), mandate)

        self.exemption_label = _wrapping()
        self.exemption_history = _wrapping()
        self.exemption_history.setProperty("hint", True)
        self.exempt_button = _button(_("E&xempt from dues…"))
        self.end_exemption_button = _button(_("&End exemption…"))
        exemption_buttons = QHBoxLayout()
        exemption_buttons.addWidget(self.exempt_button)
        exemption_buttons.addWidget(self.end_exemption_button)
        exemption_buttons.addStretch(1)
        exemption = QVBoxLayout()
        exemption.setSpacing(4)
        exemption.addWidget(self.exemption_label)
        exemption.addWidget(self.exemption_history)
        exemption.addStretch(1)
        exemption.addLayout(exemption_buttons)
        self.exemption_box = _group(_("Exemption"), exemption)

        bottom = QHBoxLayout()
        bottom.setSpacing(12)
        bottom.addWidget(self.mandate_box, 1)
        bottom.addWidget(self.exemption_box, 1)

        self.saved_hint = hint_label(_(
            "Payments, mandate changes and exemptions are saved as soon as you record them; "
            "Save and Cancel on the card do not undo them."))

        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(10)
        outer.addWidget(self.status_box)
        outer.addWidget(self.years_box, 1)
        outer.addLayout(bottom)
        outer.addWidget(self.saved_hint)

        self.pay_button.clicked.connect(self.register_payment)
        self.delete_button.clicked.connect(self.delete_selected_payment)
        self.mandate_button.clicked.connect(self.change_mandate)
        self.exempt_button.clicked.connect(self.add_exemption)
        self.end_exemption_button.clicked.connect(self.end_exemption)
        self.tree.itemSelectionChanged.connect(self._sync_buttons)
        return page

    # ------------------------------------------------------------------ loading
    def set_member(self, member: Member | None) -> None:
        """Show this member's dues; a member not yet saved gets the "starts once saved" note."""
        self.member = member
        self.refresh()

    def refresh(self) -> None:
        member = self.member
        if member is None or member.id is None:
            self.info = None
            self.stack.setCurrentIndex(0)
            return
        try:
            self.info = self.dues.member_dues(member.id)
        except (StorageError, LookupError) as exc:
            self.info = None
            self.stack.setCurrentIndex(0)
            self.unsaved_label.setText(describe(exc))
            return
        self.member = self.info.member
        self.stack.setCurrentIndex(1)
        self._show_status(self.info)
        self._show_years(self.info)
        self._show_mandate(self.info)
        self._show_exemptions(self.info)
        self._sync_buttons()

    def _show_status(self, info: MemberDues) -> None:
        status = info.status
        day = self.dues.today()
        self.status_box.setTitle(_("Dues today, {date}").format(date=format_date(day, "long")))
        if status is None:
            self._set_badge("", _("No dues state"))
            self.explain_label.setText(_(
                "Not a current member today, so no dues are asked for. Earlier payments "
                "stay below."))
            self.next_label.clear()
            self.next_label.hide()
        else:
            self._set_badge(status.state.value, dues_state_label(status.state.value))
            self.state_badge.setToolTip(dues_state_hint(status.state.value))
            self.explain_label.setText(explain(status))
            self.next_label.setText(self._next_text(status, info.next_change))
            self.next_label.setVisible(bool(self.next_label.text()))
        if info.reference:
            period = status.period if status is not None and status.period else day.year
            text = (_("KID for {year}: {reference}") if self.country == "NO"
                    else _("OCR reference for {year}: {reference}"))
            self.reference_label.setText(text.format(year=period, reference=info.reference))
            self.reference_label.show()
        else:
            self.reference_label.hide()

    @staticmethod
    def _next_text(now: DuesStatus, change: tuple[date, DuesStatus] | None) -> str:
        if change is None:
            # Waiting for the board says it all; elsewhere, say that nothing is coming.
            return "" if now.state is DuesState.TO_STRIKE_OFF else _(
                "Nothing changes in the next two years.")
        when, later = change
        state = dues_state_label(later.state.value)
        if later.state is now.state and later.bounced and not now.bounced:
            state = dues_state_label("bounced")
        if now.state in (DuesState.PAID, DuesState.DIRECT_DEBIT, DuesState.EXEMPT):
            return _("Next: {state} from {date}.").format(
                state=state, date=format_date(when, "long"))
        return _("If nothing is paid: {state} from {date}.").format(
            state=state, date=format_date(when, "long"))

    def _set_badge(self, code: str, text: str) -> None:
        self._badge_code = code
        self.state_badge.setText(text)
        self._paint_badge()

    def _paint_badge(self, *_args) -> None:
        """The badge's sheet from its tone in the scheme in use (again after a switch)."""
        background, color = style.tone_hex(STATE_TONES.get(self._badge_code, "neutral"))
        self.state_badge.setStyleSheet(
            f"background: {background}; color: {color}; border-radius: 11px; "
            "padding: 5px 12px; font-weight: bold;")

    def _scheme_switched(self, *_args) -> None:
        """Light/dark switched: the badge and the red "Not paid" words follow (from what
        is shown; nothing is read again)."""
        self._paint_badge()
        red = QBrush(style.ink("bad"))
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(COL_PAID, NOT_PAID_ROLE):
                item.setForeground(COL_PAID, red)

    def _show_years(self, info: MemberDues) -> None:
        self.rows = year_rows(info, self.dues.calendar(), self.dues.today(), self.currency)
        self.tree.clear()
        red = QBrush(style.ink("bad"))  # reads on the list's base, light or dark
        for row in self.rows:
            item = QTreeWidgetItem([str(row.period), row.due, "", "", "", ""])
            item.setData(COL_YEAR, Qt.ItemDataRole.UserRole, row.period)
            item.setTextAlignment(COL_PAID, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
            if row.shares:
                item.setText(COL_PAID, _money(row.paid, self.currency))
                methods = []
                for payment, _share in row.shares:
                    label = payment_method_label(payment.method.value)
                    if label not in methods:
                        methods.append(label)
                item.setText(COL_METHOD, ", ".join(methods))
            elif row.overdue:
                item.setText(COL_PAID, _("Not paid"))
                item.setForeground(COL_PAID, red)
                item.setData(COL_PAID, NOT_PAID_ROLE, True)
            if len(row.shares) == 1:
                payment, share = row.shares[0]
                item.setText(COL_PAID, self._share_text(payment, share))
                item.setText(COL_PAID_ON, format_date(payment.paid_on))
                item.setData(COL_YEAR, PAYMENT_ROLE, payment.id)
                item.setToolTip(COL_PAID, self._payment_tip(payment))
            elif len(row.shares) > 1:
                last = max(p.paid_on for p, _s in row.shares)
                item.setText(COL_PAID_ON, ngettext(
                    "{count} payment, last {date}", "{count} payments, last {date}",
                    len(row.shares)).format(count=len(row.shares), date=format_date(last)))
                for payment, share in row.shares:
                    child = QTreeWidgetItem(["", "", self._share_text(payment, share),
                                             format_date(payment.paid_on),
                                             payment_method_label(payment.method.value),
                                             payment.reference or payment.note])
                    child.setTextAlignment(COL_PAID, Qt.AlignmentFlag.AlignRight
                                           | Qt.AlignmentFlag.AlignVCenter)
                    child.setData(COL_YEAR, PAYMENT_ROLE, payment.id)
                    child.setToolTip(COL_PAID, self._payment_tip(payment))
                    item.addChild(child)
            item.setText(COL_NOTICES, notices_text(row.notices))
            if row.notices:
                item.setToolTip(COL_NOTICES, "\n".join(
                    f"{format_date(n.sent_on)}: {notice_stage_label(n.stage.value)}"
                    + (f" ({_money(n.amount, self.currency)})" if n.amount else "")
                    for n in row.notices))
            item.setToolTip(COL_DUE, row.due)
            self.tree.addTopLevelItem(item)
        if self.rows:
            self.tree_hint.setText(_(
                "A payment for two years shows in both. Select a payment to delete it."))
        else:
            self.tree_hint.setText(_("No dues periods yet."))

    def _share_text(self, payment: Payment, share: int) -> str:
        text = _money(share, self.currency)
        if payment.period_to != payment.period_from:
            text = _("{share} of {amount}").format(
                share=text, amount=_money(payment.amount, self.currency))
        return text

    def _payment_tip(self, payment: Payment) -> str:
        lines = [describe_payment(payment, self.currency),
                 payment_kind_label(payment.kind.value)]
        if payment.reference:
            lines.append(_("Reference: {reference}").format(reference=payment.reference))
        if payment.note:
            lines.append(_("Note: {note}").format(note=payment.note))
        return "\n".join(lines)

    def _mandate_text(self, event: MandateEvent) -> str:
        parts = [_("{status} from {date}").format(
            status=mandate_status_label(event.status.value), date=format_date(event.changed_on))]
        if event.payer_number:
            parts.append(_("payer number {number}").format(number=event.payer_number))
        if event.monthly_amount:
            parts.append(_("{amount} a month").format(
                amount=_money(event.monthly_amount, self.currency)))
        if event.max_amount:
            parts.append(_("limit {amount}").format(
                amount=_money(event.max_amount, self.currency)))
        if event.note:
            parts.append(event.note)
        return " · ".join(parts)

    def _show_mandate(self, info: MemberDues) -> None:
        day = self.dues.today()
        current = current_mandate(info.mandates, day)
        if current is None or current.status is MandateStatus.NONE and len(info.mandates) <= 1:
            self.mandate_label.setText(_("No mandate. The member pays each invoice."))
            self.mandate_button.setText(_("Set &up mandate…"))
        else:
            self.mandate_label.setText(self._mandate_text(current))
            self.mandate_button.setText(_("C&hange mandate…"))
        others = [e for e in reversed(info.mandates) if e is not current]
        if others:
            lines = [_("Earlier and planned changes:")]
            lines += [self._mandate_text(e) for e in others[:4]]
            if len(others) > 4:
                lines.append(ngettext("and {count} more", "and {count} more",
                                      len(others) - 4).format(count=len(others) - 4))
            self.mandate_history.setText("\n".join(lines))
            self.mandate_history.show()
        else:
            self.mandate_history.hide()

    def _exemption_text(self, e: Exemption) -> str:
        kind = exemption_kind_label(e.kind.value)
        if e.until_on is None:
            text = _("{kind}, from {start}").format(kind=kind, start=format_date(e.from_on))
        else:
            text = _("{kind}, {start} to {end}").format(
                kind=kind, start=format_date(e.from_on), end=format_date(e.until_on))
        return f"{text} ({e.note})" if e.note else text

    def current_exemption(self) -> Exemption | None:
        if self.info is None:
            return None
        day = self.dues.today()
        return next((e for e in reversed(self.info.exemptions) if e.covers(day)), None)

    def _show_exemptions(self, info: MemberDues) -> None:
        current = self.current_exemption()
        if current is None:
            self.exemption_label.setText(_("Not exempt: the member pays dues."))
        else:
            self.exemption_label.setText(_("Exempt: {what}").format(
                what=self._exemption_text(current)))
        others = [e for e in reversed(info.exemptions) if e is not current]
        if others:
            self.exemption_history.setText("\n".join(
                [_("Other exemptions:")] + [self._exemption_text(e) for e in others[:4]]))
            self.exemption_history.show()
        else:
            self.exemption_history.hide()
        self.exempt_button.setVisible(current is None)
        # An exemption that ends today cannot be ended any sooner.
        self.end_exemption_button.setVisible(
            current is not None and (current.until_on is None
                                     or current.until_on > self.dues.today()))

    def _sync_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected_payment_id() is not None)

    # ------------------------------------------------------------------ actions
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The Delete key on a payment in the year table deletes it (after asking)."""
        if (watched is self.tree and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and self.selected_payment_id() is not None):
            self.delete_selected_payment()
            return True
        return super().eventFilter(watched, event)

    def selected_payment_id(self) -> int | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        value = items[0].data(COL_YEAR, PAYMENT_ROLE)
        return int(value) if value is not None else None

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def register_payment(self) -> None:
        if self.member is None or self.member.id is None:
            return
        dialog = PaymentDialog(self.dues, self.member, self.currency, self.country, self)
        dialog.saved.connect(lambda _p: self._after_change())
        self.payment_dialog = dialog
        dialog.open()

    def delete_selected_payment(self) -> None:
        payment_id = self.selected_payment_id()
        if payment_id is None or self.info is None:
            return
        payment = next((p for p in self.info.payments if p.id == payment_id), None)
        if payment is None:
            return
        if not self.notifier.confirm(self, _(
                "Delete the payment {payment}? The dues state is worked out again without "
                "it. This cannot be undone.").format(
                payment=describe_payment(payment, self.currency))):
            return
        try:
            self.dues.delete_payment(payment_id)
        except StorageError as exc:
            self.notifier.error(self, describe(exc))
            return
        self._after_change()

    def change_mandate(self) -> None:
        if self.member is None or self.member.id is None or self.info is None:
            return
        current = current_mandate(self.info.mandates, self.dues.today())
        dialog = MandateDialog(self.dues, self.member, self.country, self.currency, current,
                               self)
        dialog.saved.connect(self._after_change)
        self.mandate_dialog = dialog
        dialog.open()

    def add_exemption(self) -> None:
        if self.member is None or self.member.id is None:
            return
        dialog = ExemptionDialog(self.dues, self.member, self)
        dialog.saved.connect(self._after_change)
        self.exemption_dialog = dialog
        dialog.open()

    def end_exemption(self) -> None:
        current = self.current_exemption()
        if current is None or current.id is None or self.member is None:
            return
        day = self.dues.today()
        # The exemption covers its last day; ending it today means dues from today on.
        last = max(current.from_on, day - timedelta(days=1))
        if not self.notifier.confirm(self, _(
                "End the exemption ({what})? The member pays dues again from today.").format(
                what=self._exemption_text(current))):
            return
        try:
            self.dues.end_exemption(current.id, last)
        except StorageError as exc:
            self.notifier.error(self, describe(exc))
            return
        self._after_change()
