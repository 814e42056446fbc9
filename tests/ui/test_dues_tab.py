"""The member card's Dues tab as a volunteer uses it: read the state, register a payment by
typing an amount and pressing Enter, delete one, change the mandate, exempt a member."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.dues_calendar import with_changes
from medlemsvard_app.domain.dues_state import DuesState, MandateStatus
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.payments import (
    DuesNotice,
    ExemptionKind,
    NoticeStage,
    PaymentMethod,
)
from medlemsvard_app.i18n.messages import message
from medlemsvard_app.ui.dialogs import dues_tab as dt
from medlemsvard_app.ui.dialogs import member_dialog as md
from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _open(qtbot, session, member=None, notifier=None) -> MemberDialog:
    dialog = MemberDialog(session.register(), session.association, member,
                          notifier or RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.tabs.setCurrentIndex(md.TAB_DUES)
    return dialog


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _member(session, **fields) -> Member:
    return add_members(session, {"given_name": "Åsa", "family_name": "Öberg", **fields})[0]


def _row(tab: dt.DuesTab, period: int):
    """The year table's row for a period, as shown: {column header: text}."""
    headers = [tab.tree.headerItem().text(c) for c in range(tab.tree.columnCount())]
    for i in range(tab.tree.topLevelItemCount()):
        item = tab.tree.topLevelItem(i)
        if item.text(dt.COL_YEAR) == str(period):
            return {h: item.text(c) for c, h in enumerate(headers)}
    raise AssertionError(f"no row for {period}")


def _years(tab: dt.DuesTab) -> list[str]:
    return [tab.tree.topLevelItem(i).text(dt.COL_YEAR)
            for i in range(tab.tree.topLevelItemCount())]


def _pay_dialog(qtbot, tab: dt.DuesTab):
    _click(qtbot, tab.pay_button)
    dialog = tab.payment_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_new_member_is_told_dues_start_once_saved(qtbot, session):
    dialog = _open(qtbot, session)
    tab = dialog.dues_tab
    assert tab.stack.currentIndex() == 0
    assert "once the member is saved" in tab.unsaved_label.text()
    assert tab.unsaved_label.isVisibleTo(dialog)


def test_the_tab_shows_state_next_step_and_reference(qtbot, session):
    member = _member(session)
    tab = _open(qtbot, session, member).dues_tab
    assert tab.stack.currentIndex() == 1
    assert tab.state_badge.text() == "Third reminder"
    assert "2026 is unpaid" in tab.explain_label.text()
    assert tab.next_label.text() == "If nothing is paid: Two-year invoice from 1 February 2027."
    reference = session.dues().reference(member.member_number, 2026)
    assert tab.reference_label.text() == f"OCR reference for 2026: {reference}"
    assert _years(tab) == ["2026"]  # the register tracks dues from the year it was made
    assert _row(tab, 2026)["Paid"] == "Not paid"
    assert "saved as soon as you record them" in tab.saved_hint.text()


def test_register_a_payment_by_typing_the_amount_and_pressing_enter(qtbot, session):
    member = _member(session)
    dialog = _open(qtbot, session, member)
    tab = dialog.dues_tab
    pay = _pay_dialog(qtbot, tab)
    assert pay.amount_edit.text() == "360"
    assert pay.amount_edit.edit.hasSelectedText()  # typing replaces the suggestion
    assert (pay.from_spin.value(), pay.to_spin.value()) == (2026, 2026)
    assert pay.method_combo.currentData() == "bank_giro"
    with qtbot.waitSignal(dialog.dues_changed, timeout=2000):
        qtbot.keyClicks(pay.amount_edit.edit, "360,50")
        qtbot.keyClick(pay.amount_edit.edit, Qt.Key.Key_Return)
    assert not pay.isVisible()
    payments = session.dues().member_dues(member.id).payments
    assert [(p.amount, p.paid_on, p.period_from, p.method) for p in payments] == [
        (36050, session.today(), 2026, PaymentMethod.BANK_GIRO)]
    assert tab.state_badge.text() == "Paid"
    row = _row(tab, 2026)
    assert row["Paid"] == "SEK360.50"
    assert row["Paid on"] == "25/11/2026"
    assert row["Method"] == "Bank giro / transfer"
    assert session.dues().status(member.id).state is DuesState.PAID
    assert dialog.isVisible()  # the card stays open; nothing on it changed


def test_a_bad_amount_is_explained_and_nothing_is_saved_or_lost(qtbot, session):
    member = _member(session)
    tab = _open(qtbot, session, member).dues_tab
    pay = _pay_dialog(qtbot, tab)
    type_text(qtbot, pay.amount_edit.edit, "tre hundra")
    qtbot.keyClick(pay.amount_edit.edit, Qt.Key.Key_Return)
    assert pay.isVisible()
    assert pay.error_texts() == {"amount": message("amount_invalid", value="tre hundra")}
    assert pay.errors["amount"].isVisibleTo(pay)
    assert pay.amount_edit.text() == "tre hundra"
    assert session.dues().member_dues(member.id).payments == []
    # Correct it and press Enter again: saved, the message gone with the dialog.
    pay.amount_edit.edit.selectAll()
    qtbot.keyClicks(pay.amount_edit.edit, "0")
    qtbot.keyClick(pay.amount_edit.edit, Qt.Key.Key_Return)
    assert pay.error_texts() == {"amount": message("amount_not_positive")}
    pay.amount_edit.edit.selectAll()
    qtbot.keyClicks(pay.amount_edit.edit, "360")
    qtbot.keyClick(pay.amount_edit.edit, Qt.Key.Key_Return)
    assert not pay.isVisible()
    assert [p.amount for p in session.dues().member_dues(member.id).payments] == [36000]


def test_a_missed_year_is_asked_for_twice_and_shows_in_both_years(qtbot, session):
    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=2025))
    member = _member(session)
    tab = _open(qtbot, session, member).dues_tab
    assert tab.state_badge.text() == "To be struck off"
    assert _years(tab) == ["2026", "2025"]
    assert _row(tab, 2026)["Due"] == "Two-year invoice: SEK720.00"
    pay = _pay_dialog(qtbot, tab)
    assert pay.amount_edit.text() == "720"
    assert (pay.from_spin.value(), pay.to_spin.value()) == (2025, 2026)
    qtbot.keyClick(pay.amount_edit.edit, Qt.Key.Key_Enter)
    assert not pay.isVisible()
    for year in (2025, 2026):
        assert _row(tab, year)["Paid"] == "SEK360.00 of SEK720.00"
    assert tab.state_badge.text() == "Paid"


def test_the_amount_decides_the_years_until_the_user_sets_them(qtbot, session):
    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=2025))
    tab = _open(qtbot, session, _member(session)).dues_tab
    pay = _pay_dialog(qtbot, tab)
    qtbot.keyClicks(pay.amount_edit.edit, "360")
    # One fee pays the missed year first.
    assert (pay.from_spin.value(), pay.to_spin.value()) == (2025, 2025)
    pay.amount_edit.edit.selectAll()
    qtbot.keyClicks(pay.amount_edit.edit, "720")
    assert (pay.from_spin.value(), pay.to_spin.value()) == (2025, 2026)
    pay.to_spin.setFocus()
    pay.to_spin.selectAll()
    qtbot.keyClicks(pay.to_spin, "2027")
    pay.amount_edit.edit.selectAll()
    qtbot.keyClicks(pay.amount_edit.edit, "1080")
    assert (pay.from_spin.value(), pay.to_spin.value()) == (2025, 2027)


def test_a_new_member_is_asked_for_the_intro_fee(qtbot, session):
    member = _member(session, joined_on=date(2026, 11, 2))
    tab = _open(qtbot, session, member).dues_tab
    assert tab.state_badge.text() == "Invoiced"
    row = _row(tab, 2026)
    assert row["Due"] == "Intro fee, also covers 2027: SEK50.00"
    pay = _pay_dialog(qtbot, tab)
    assert pay.amount_edit.text() == "50"
    assert (pay.from_spin.value(), pay.to_spin.value()) == (2026, 2027)
    assert pay.kind_hint.text() == "Intro fee"
    pay.method_combo.setCurrentIndex(pay.method_combo.findData("swish"))
    qtbot.keyClicks(pay.reference_edit, "Swish 0701234567")
    qtbot.keyClick(pay.reference_edit, Qt.Key.Key_Return)
    assert not pay.isVisible()
    payment = session.dues().member_dues(member.id).payments[0]
    assert (payment.amount, payment.kind.value, payment.method, payment.reference) == (
        5000, "intro", PaymentMethod.SWISH, "Swish 0701234567")
    assert tab.state_badge.text() == "Paid"
    assert _years(tab) == ["2027", "2026"]
    assert _row(tab, 2027)["Due"] == "Covered by the intro fee"


def test_reminders_sent_show_in_their_year(qtbot, session):
    member = _member(session)
    session.dues().repo.add_notices([
        DuesNotice(member.id, 2026, NoticeStage.INVOICE, date(2026, 2, 1), 36000),
        DuesNotice(member.id, 2026, NoticeStage.REMINDER_1, date(2026, 4, 1), 36000),
        DuesNotice(member.id, 2026, NoticeStage.REMINDER_2, date(2026, 7, 1), 36000)])
    tab = _open(qtbot, session, member).dues_tab
    assert _row(tab, 2026)["Invoices and reminders"] == "Invoice, 2 reminders"


def test_several_payments_in_a_year_list_under_it(qtbot, session):
    member = _member(session)
    dues = session.dues()
    for month in (9, 10, 11):
        dues.record_payment(member.id, 3000, date(2026, month, 5), periods=(2026, 2026),
                            method=PaymentMethod.DIRECT_DEBIT)
    tab = _open(qtbot, session, member).dues_tab
    row = _row(tab, 2026)
    assert row["Paid"] == "SEK90.00"
    assert row["Paid on"] == "3 payments, last 05/11/2026"
    item = tab.tree.topLevelItem(0)
    assert item.childCount() == 3
    assert item.child(2).text(dt.COL_PAID_ON) == "05/11/2026"


def test_delete_a_payment_after_confirming(qtbot, session):
    member = _member(session)
    session.dues().record_payment(member.id, 36000, date(2026, 3, 2))
    notifier = RecordingNotifier(answer=False)
    dialog = _open(qtbot, session, member, notifier)
    tab = dialog.dues_tab
    assert tab.state_badge.text() == "Paid"
    assert not tab.delete_button.isEnabled()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert tab.delete_button.isEnabled()
    _click(qtbot, tab.delete_button)
    assert notifier.messages[-1][0] == "confirm"
    assert "SEK360.00 paid on 02/03/2026 for 2026" in notifier.messages[-1][1]
    assert len(session.dues().member_dues(member.id).payments) == 1  # answered No
    notifier.answer = True
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    assert session.dues().member_dues(member.id).payments == []
    assert tab.state_badge.text() == "Third reminder"
    assert _row(tab, 2026)["Paid"] == "Not paid"


def test_an_active_mandate_makes_the_member_a_direct_debit_payer(qtbot, session):
    member = _member(session)
    tab = _open(qtbot, session, member).dues_tab
    assert tab.mandate_label.text() == "No mandate. The member pays each invoice."
    _click(qtbot, tab.mandate_button)
    mandate = tab.mandate_dialog
    assert mandate is not None and mandate.isVisible()
    assert mandate.payer_edit.text() == str(member.member_number)
    assert mandate.monthly_edit.text() == "30"
    mandate.status_combo.setCurrentIndex(mandate.status_combo.findData("active"))
    mandate.payer_edit.selectAll()
    qtbot.keyClicks(mandate.payer_edit, "19800101-1234")
    qtbot.keyClick(mandate.payer_edit, Qt.Key.Key_Return)
    assert not mandate.isVisible()
    assert tab.state_badge.text() == "Direct debit"
    assert tab.mandate_label.text() == (
        "Active from 25/11/2026 · payer number 198001011234 · SEK30.00 a month")
    history = session.dues().member_dues(member.id).mandates
    assert [(e.status, e.payer_number) for e in history] == [
        (MandateStatus.ACTIVE, "198001011234")]
    # Cancelling keeps the history and the member pays by invoice again.
    _click(qtbot, tab.mandate_button)
    tab.mandate_dialog.status_combo.setCurrentIndex(
        tab.mandate_dialog.status_combo.findData("cancelled"))
    _click(qtbot, tab.mandate_dialog.button_box.button(
        tab.mandate_dialog.button_box.StandardButton.Ok))
    assert tab.state_badge.text() == "Third reminder"
    assert tab.mandate_label.text().startswith("Cancelled from 25/11/2026")
    assert "Active from 25/11/2026" in tab.mandate_history.text()


def test_a_bad_payer_number_is_explained(qtbot, session):
    tab = _open(qtbot, session, _member(session)).dues_tab
    _click(qtbot, tab.mandate_button)
    mandate = tab.mandate_dialog
    mandate.payer_edit.selectAll()
    qtbot.keyClicks(mandate.payer_edit, "12345678901234567")
    qtbot.keyClick(mandate.payer_edit, Qt.Key.Key_Return)
    assert mandate.isVisible()
    assert mandate.error_texts() == {"payer": "A payer number has at most 16 digits."}
    assert session.dues().member_dues(mandate.member.id).mandates == []


def test_exempt_a_member_and_end_it(qtbot, session):
    member = _member(session)
    notifier = RecordingNotifier(answer=True)
    tab = _open(qtbot, session, member, notifier).dues_tab
    assert not tab.end_exemption_button.isVisibleTo(tab)
    _click(qtbot, tab.exempt_button)
    exemption = tab.exemption_dialog
    exemption.kind_combo.setCurrentIndex(exemption.kind_combo.findData("honorary"))
    qtbot.keyClicks(exemption.note_edit, "Annual meeting 2026")
    qtbot.keyClick(exemption.note_edit, Qt.Key.Key_Return)
    assert not exemption.isVisible()
    assert tab.state_badge.text() == "Exempt"
    assert tab.exemption_label.text() == (
        "Exempt: Honorary member, from 25/11/2026 (Annual meeting 2026)")
    assert _row(tab, 2026)["Due"] == "Exempt: honorary member"
    assert tab.end_exemption_button.isVisibleTo(tab)
    assert session.dues().status(member.id).state is DuesState.EXEMPT


def test_end_an_exemption_after_confirming(qtbot, session):
    member = _member(session)
    session.dues().add_exemption(member.id, ExemptionKind.HARDSHIP, date(2026, 1, 10))
    notifier = RecordingNotifier(answer=True)
    tab = _open(qtbot, session, member, notifier).dues_tab
    assert tab.state_badge.text() == "Exempt"
    _click(qtbot, tab.end_exemption_button)
    assert notifier.messages[-1] == (
        "confirm", "End the exemption (Hardship, from 10/01/2026)? The member pays dues "
        "again from today.")
    # It covered up to yesterday; today the member owes this year's dues.
    assert session.dues().member_dues(member.id).exemptions[0].until_on == date(2026, 11, 24)
    assert tab.state_badge.text() != "Exempt"
    assert tab.exemption_label.text() == "Not exempt: the member pays dues."
    assert "Hardship, 10/01/2026 to 24/11/2026" in tab.exemption_history.text()
    assert _row(tab, 2026)["Due"] == "Annual fee: SEK360.00"
    assert tab.exempt_button.isVisibleTo(tab)


def test_norway_offers_vipps_and_an_amount_limit(qtbot, no_session):
    member = add_members(no_session, {"given_name": "Kari", "family_name": "Nordmann"})[0]
    tab = _open(qtbot, no_session, member).dues_tab
    assert tab.reference_label.text().startswith("KID for 2026: ")
    assert tab.mandate_box.title() == "Direct debit (AvtaleGiro)"
    pay = _pay_dialog(qtbot, tab)
    methods = [pay.method_combo.itemData(i) for i in range(pay.method_combo.count())]
    assert "vipps" in methods and "swish" not in methods
    assert pay.amount_edit.text() == "300"
    pay.reject()
    _click(qtbot, tab.mandate_button)
    mandate = tab.mandate_dialog
    assert not mandate.payer_edit.isVisibleTo(mandate)
    assert mandate.max_edit.isVisibleTo(mandate)
    mandate.status_combo.setCurrentIndex(mandate.status_combo.findData("active"))
    qtbot.keyClicks(mandate.max_edit.edit, "500")
    qtbot.keyClick(mandate.max_edit.edit, Qt.Key.Key_Return)
    event = no_session.dues().member_dues(member.id).mandates[-1]
    assert (event.status, event.max_amount, event.kind.value) == (
        MandateStatus.ACTIVE, 50000, "avtalegiro")
    assert tab.state_badge.text() == "Direct debit"
    assert "limit NOK500.00" in tab.mandate_label.text()


def test_a_former_member_keeps_the_history_without_a_state(qtbot, session):
    member = _member(session)
    session.dues().record_payment(member.id, 36000, date(2026, 2, 20))
    from medlemsvard_app.domain.models import LeaveReason

    former, _changes = session.register().leave(member.id, date(2026, 5, 1),
                                                LeaveReason.MOVED)
    tab = _open(qtbot, session, former).dues_tab
    assert tab.state_badge.text() == "No dues state"
    assert _years(tab) == ["2026"]
    assert _row(tab, 2026)["Paid"] == "SEK360.00"


def test_too_many_years_for_one_payment_is_explained_at_the_years(qtbot, session):
    member = _member(session)
    pay = _pay_dialog(qtbot, _open(qtbot, session, member).dues_tab)
    pay.from_spin.setFocus()
    pay.from_spin.selectAll()
    qtbot.keyClicks(pay.from_spin, "2010")
    pay.to_spin.setFocus()
    pay.to_spin.selectAll()
    qtbot.keyClicks(pay.to_spin, "2026")
    qtbot.keyClick(pay.to_spin, Qt.Key.Key_Return)
    assert pay.isVisible()
    assert pay.error_texts() == {"period": message("period_too_long")}
    assert session.dues().member_dues(member.id).payments == []


def test_an_exemption_ending_before_it_starts_is_explained(qtbot, session):
    member = _member(session)
    tab = _open(qtbot, session, member).dues_tab
    _click(qtbot, tab.exempt_button)
    exemption = tab.exemption_dialog
    exemption.until_edit.check.setChecked(False)  # "until further notice" off: a date
    exemption.until_edit.date_edit.setDate(exemption.until_edit.date_edit.date().addDays(-3))
    _click(qtbot, exemption.button_box.button(exemption.button_box.StandardButton.Ok))
    assert exemption.isVisible()
    assert exemption.until_error.text() == message("exemption_dates_invalid")
    assert session.dues().member_dues(member.id).exemptions == []
