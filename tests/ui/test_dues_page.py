"""The dues view as a volunteer uses it: read the counts, click one, open a member, record
a reminder, confirm strike-offs; and the register's dues chips."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from medlemsvard_app.domain.dues_calendar import PeriodKind, with_changes
from medlemsvard_app.domain.dues_state import DuesState, MandateStatus
from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
from medlemsvard_app.domain.payments import NoticeStage, PaymentMethod
from medlemsvard_app.i18n import set_language
from medlemsvard_app.services.session import create_session
from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog
from medlemsvard_app.ui.main_window import MainWindow
from medlemsvard_app.ui.models.register_table_model import COLUMNS
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.dues_page import (
    CARD_CODES,
    RecordNoticeDialog,
    StrikeOffDialog,
)

pytestmark = pytest.mark.gui


def build(session) -> dict[str, Member]:
    """Today is 2026-11-25: two paid, two behind this year, two to be struck off, one on
    direct debit, one bounced new member."""
    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=None))
    register = session.register()
    people = {}
    for key, given, family, number, joined in (
            ("paid1", "Petra", "Alm", 1, date(2019, 3, 1)),
            ("paid2", "Per", "Berg", 2, date(2019, 3, 1)),
            ("late1", "Lena", "Carlsson", 3, date(2019, 3, 1)),
            ("late2", "Lars", "Dahl", 4, date(2019, 3, 1)),
            ("gone1", "Gun", "Ek", 5, date(2019, 3, 1)),
            ("gone2", "Gösta", "Falk", 6, date(2019, 3, 1)),
            ("debit", "Dan", "Gran", 7, date(2019, 3, 1)),
            ("bounce", "Bea", "Holm", 8, date(2025, 5, 10))):
        member, _changes = register.save(Member(given_name=given, family_name=family,
                                                member_number=number, joined_on=joined,
                                                phone="070-123 45 6" + str(number)))
        people[key] = member
    for year in range(2019, 2027):
        for key in ("paid1", "paid2"):
            dues.record_payment(people[key].id, 36000, date(year, 2, 20), periods=(year, year))
        if year < 2026:
            for key in ("late1", "late2", "debit"):
                dues.record_payment(people[key].id, 36000, date(year, 2, 20),
                                    periods=(year, year))
        if year < 2025:
            for key in ("gone1", "gone2"):
                dues.record_payment(people[key].id, 36000, date(year, 2, 20),
                                    periods=(year, year))
    for month in range(1, 12):
        if date(2026, month, 20) <= session.today():
            dues.record_payment(people["debit"].id, 3000, date(2026, month, 20),
                                periods=(2026, 2026), method=PaymentMethod.DIRECT_DEBIT)
    dues.set_mandate(people["debit"].id, MandateStatus.ACTIVE, date(2025, 12, 1),
                     payer_number="7", monthly_amount=3000)
    dues.record_payment(people["bounce"].id, 5000, date(2025, 5, 10))
    return people


def wait_loaded(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.snapshot is not None and not page.is_loading(), timeout=10000)


def go_to_dues(qtbot, window) -> None:
    nav = window.nav
    item = nav.item(2)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=nav.visualItemRect(item).center())
    assert window.stack.currentWidget() is window.dues_page
    wait_loaded(qtbot, window.dues_page)


@pytest.fixture
def people(session):
    return build(session)


@pytest.fixture
def window(qtbot, session, people):
    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    go_to_dues(qtbot, win)
    return win


def listed(page) -> list[str]:
    model = page.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def last_dialog(page):
    assert page._dialogs, "no dialog opened"
    return page._dialogs[-1]


def test_dues_comes_after_register_in_the_navigation(window):
    assert [window.nav.item(i).text() for i in range(window.nav.count())][:3] == \
        ["Home", "Register", "Dues"]


def test_the_counts_shown_are_the_dues_services(window, session):
    page = window.dues_page
    dues = session.dues()
    overview = dues.overview()
    for code in CARD_CODES:
        expected = overview.bounced if code == "bounced" else \
            overview.counts.get(DuesState(code), 0)
        assert page.count_shown(code) == str(expected), code
        assert page.cards[code].text().endswith(f": {expected}")
    assert page.count_shown("paid") == "2"
    assert page.count_shown("reminder_3") == "3"  # the two late payers and the bounced
    assert page.count_shown("to_strike_off") == "2"
    assert page.count_shown("direct_debit") == "1"
    assert page.count_shown("bounced") == "1"
    # The card says what it counts in words; the hint is its tooltip.
    assert page.cards["to_strike_off"].label == "To be struck off"
    assert page.cards["to_strike_off"].toolTip() == \
        "To be struck off: The strike-off date has passed; the board decides."


def test_the_payment_rate_against_last_year(window, session):
    page = window.dues_page
    overview = session.dues().overview()
    # 3 of 8 paid or on direct debit now; a year ago 6 of 8 had paid 2025 (all but the
    # two who never did).
    assert overview.paid_rate == pytest.approx(3 / 8)
    assert overview.paid_rate_last_year == pytest.approx(6 / 8)
    assert page.rate_value.text() == "38%"
    assert page.rate_last.text() == "Same day last year: 75%"
    assert page.rate_delta.text() == "37 percentage points behind last year"
    assert "5 members still owe dues" in page.when_label.text()


def test_the_timeline_names_the_dates_of_the_year_and_the_next_event(window):
    page = window.dues_page
    assert page.title_label.text() == "Dues year 2026"
    titles = [m.title for m in page.timeline.marks()]
    assert titles == ["Invoice", "Due date", "First reminder", "Strike-off (2025)",
                      "Second reminder", "Third reminder", "Invoice 2027"]
    assert [m.next for m in page.timeline.marks()][-1]
    assert page.next_label.text() == \
        "1 February 2027: the invoices for 2027 go out — to 7 members"
    assert page.when_label.text().startswith("In 68 days")
    assert page.timeline.isVisible() and not page.rolling_note.isVisible()


def test_before_the_first_reminder_the_sentence_says_who_has_not_paid(qtbot, tmp_path):
    spring = create_session(tmp_path / "spring.sqlite", "Vårföreningen", "SE", "sv",
                            today=lambda: date(2026, 3, 20))
    try:
        build(spring)
        win = MainWindow(spring, RecordingNotifier())
        qtbot.addWidget(win)
        win.show()
        go_to_dues(qtbot, win)
        page = win.dues_page
        # On 20 March: 2026 is invoiced to the two late payers (and the bounced member);
        # the two who skipped 2025 have their two-year invoice.
        assert page.next_label.text() == \
            "1 April: first reminder — 5 members have not paid"
        assert page.when_label.text().startswith("In 12 days")
        assert page.count_shown("invoiced") == "3"
        today_marks = [m for m in page.timeline.marks() if m.next]
        assert [m.title for m in today_marks] == ["First reminder"]
    finally:
        spring.close()


def test_clicking_a_count_lists_those_members(qtbot, window, session, people):
    page = window.dues_page
    assert not page.table.isVisible()  # a hint until a count is chosen
    click(qtbot, page.cards["reminder_3"])
    assert page.table.isVisible()
    assert listed(page) == ["Carlsson, Lena", "Dahl, Lars", "Holm, Bea"]
    assert page.list_title.text() == "Third reminder: 3 members"
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[0] == "3" and row[4] == "Third reminder"
    assert row[2] == "01/03/2019"  # joined, in the user's format
    assert row[5] == "01/10/2026"  # in this state since the third reminder date
    assert row[3]  # the phone number
    click(qtbot, page.cards["to_strike_off"])
    assert listed(page) == ["Ek, Gun", "Falk, Gösta"]
    click(qtbot, page.cards["bounced"])
    assert listed(page) == ["Holm, Bea"]
    click(qtbot, page.cards["exempt"])
    assert listed(page) == []
    assert page.list_title.text() == "Exempt: 0 members"
    # The ids behind each card are the dues service's.
    dues = session.dues()
    for code in ("paid", "direct_debit", "reminder_3", "to_strike_off"):
        click(qtbot, page.cards[code])
        assert sorted(page.model.member_ids()) == sorted(dues.ids_matching([code])), code


def test_double_click_or_enter_opens_the_member_card(qtbot, window, people):
    page = window.dues_page
    click(qtbot, page.cards["reminder_3"])
    with qtbot.waitSignal(page.member_activated) as signal:
        index = page.model.index(1, 1)
        rect = page.table.visualRect(index)
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [people["late2"].id]
    dialogs = [d for d in window.register_page._dialogs if isinstance(d, MemberDialog)]
    assert dialogs and dialogs[-1].isVisible()
    assert dialogs[-1]._member.id == people["late2"].id
    dialogs[-1].reject()
    page.table.setFocus()
    with qtbot.waitSignal(page.member_activated) as signal:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert signal.args == [people["late2"].id]
    for dialog in window.register_page._dialogs:
        dialog.reject()


def test_strike_off_asks_first_and_keeps_the_history(qtbot, window, session, people):
    page = window.dues_page
    assert not page.strike_button.isVisible()
    click(qtbot, page.cards["to_strike_off"])
    assert page.strike_button.isVisible() and not page.notice_button.isVisible()
    click(qtbot, page.strike_button)
    dialog = last_dialog(page)
    assert isinstance(dialog, StrikeOffDialog)
    shown = [dialog.people.item(i).text() for i in range(dialog.people.count())]
    assert shown == ["5 · Ek, Gun — unpaid since 2025", "6 · Falk, Gösta — unpaid since 2025"]
    assert dialog.ok_button.text() == "Strike off 2 members"
    assert dialog.struck_off_on() == date(2026, 11, 25)
    # The board keeps Gösta: untick him.
    dialog.people.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.ok_button.text() == "Strike off 1 member"
    dialog.note_edit.setText("Board meeting 20 November")
    with qtbot.waitSignal(page.members_changed):
        click(qtbot, dialog.ok_button)
    wait_loaded(qtbot, page)
    gun = session.members.get(people["gone1"].id)
    assert gun.status is MembershipStatus.FORMER
    assert gun.leave_reason is LeaveReason.STRUCK_OFF
    assert gun.left_on == date(2026, 11, 25) and gun.leave_note == "Board meeting 20 November"
    assert len(session.dues().member_dues(gun.id).payments) == 6  # the history stays
    assert session.members.get(people["gone2"].id).status is MembershipStatus.MEMBER
    assert page.count_shown("to_strike_off") == "1"
    assert listed(page) == ["Falk, Gösta"]
    assert "1 member struck off" in page.message_label.text()
    assert window.status_label.text().startswith("7 current members")


def test_cancelling_the_strike_off_changes_nothing(qtbot, window, session, people):
    page = window.dues_page
    click(qtbot, page.cards["to_strike_off"])
    click(qtbot, page.strike_button)
    dialog = last_dialog(page)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert session.members.get(people["gone1"].id).status is MembershipStatus.MEMBER
    assert session.dues().strike_off_candidates() == [people["gone1"].id, people["gone2"].id]


def test_unticking_everyone_leaves_nothing_to_confirm(qtbot, window):
    page = window.dues_page
    click(qtbot, page.cards["to_strike_off"])
    click(qtbot, page.strike_button)
    dialog = last_dialog(page)
    for i in range(dialog.people.count()):
        dialog.people.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_record_reminder_sent_creates_notices(qtbot, window, session, people):
    page = window.dues_page
    click(qtbot, page.cards["reminder_3"])
    assert page.notice_button.isVisible()
    assert page.notice_button.text() == "Record reminder sent…"
    click(qtbot, page.notice_button)
    dialog = last_dialog(page)
    assert isinstance(dialog, RecordNoticeDialog)
    assert dialog.stage() is NoticeStage.REMINDER_3
    assert dialog.all_radio.text() == "To all 3 members in the list"
    with qtbot.waitSignal(page.dues_changed):
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    dues = session.dues()
    for key in ("late1", "late2", "bounce"):
        notices = dues.member_dues(people[key].id).notices
        assert [(n.stage, n.sent_on) for n in notices] == \
            [(NoticeStage.REMINDER_3, date(2026, 11, 25))], key
    assert dues.member_dues(people["paid1"].id).notices == []
    assert page.message_label.text() == "Recorded “Third reminder” for 3 members."
    wait_loaded(qtbot, page)


def test_record_a_notice_for_the_selected_members_only(qtbot, window, session, people):
    page = window.dues_page
    click(qtbot, page.cards["reminder_3"])
    # Select Lena, then ctrl-click Bea.
    for row, modifier in ((0, Qt.KeyboardModifier.NoModifier),
                          (2, Qt.KeyboardModifier.ControlModifier)):
        rect = page.table.visualRect(page.model.index(row, 1))
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier,
                         rect.center())
    click(qtbot, page.notice_button)
    dialog = last_dialog(page)
    assert dialog.selected_radio.isEnabled()
    assert dialog.selected_radio.text() == "Only to the 2 selected members"
    click(qtbot, dialog.selected_radio)
    index = dialog.stage_combo.findData(NoticeStage.REMINDER_2.value)
    dialog.stage_combo.setCurrentIndex(index)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    dues = session.dues()
    assert [n.stage for n in dues.member_dues(people["late1"].id).notices] == \
        [NoticeStage.REMINDER_2]
    assert [n.stage for n in dues.member_dues(people["bounce"].id).notices] == \
        [NoticeStage.REMINDER_2]
    assert dues.member_dues(people["late2"].id).notices == []
    wait_loaded(qtbot, page)


def test_the_invoiced_list_records_the_invoice(qtbot, window):
    page = window.dues_page
    click(qtbot, page.cards["invoiced"])
    assert page.notice_button.text() == "Record invoice sent…"
    assert not page.notice_button.isEnabled()  # no one is in the list
    click(qtbot, page.cards["paid"])
    assert not page.notice_button.isVisible()


def test_import_payments_says_so_when_the_dialog_is_missing(qtbot, window, monkeypatch):
    monkeypatch.setitem(sys.modules, "medlemsvard_app.ui.dialogs.payment_import_dialog", None)
    click(qtbot, window.dues_page.import_button)
    assert window.notifier.messages == [
        ("info", "Importing payments is not available in this version.")]
    window.import_payments_action.trigger()
    assert len(window.notifier.messages) == 2
    assert window.import_payments_action.text() == "Import &payments…"


def test_import_payments_opens_the_import_dialog_from_the_page_and_the_menu(qtbot, window):
    module = pytest.importorskip("medlemsvard_app.ui.dialogs.payment_import_dialog")
    page = window.dues_page
    click(qtbot, page.import_button)
    dialog = last_dialog(page)
    assert isinstance(dialog, module.PaymentImportDialog) and dialog.isVisible()
    with qtbot.waitSignal(page.dues_changed):
        dialog.reject()  # closing it reloads the page: payments may have gone in
    wait_loaded(qtbot, page)
    window.import_payments_action.trigger()
    assert isinstance(last_dialog(page), module.PaymentImportDialog)
    last_dialog(page).reject()


def test_a_payment_elsewhere_refreshes_the_page(qtbot, window, session, people):
    page = window.dues_page
    click(qtbot, page.cards["reminder_3"])
    session.dues().record_payment(people["late1"].id, 36000, date(2026, 11, 24))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.register_page.dues_changed.emit()
    wait_loaded(qtbot, page)
    assert page.count_shown("paid") == "3"
    assert listed(page) == ["Dahl, Lars", "Holm, Bea"]  # the list follows


def test_a_hidden_page_loads_when_shown_again(qtbot, window, session, people):
    page = window.dues_page
    window.nav.setCurrentRow(0)
    session.dues().record_payment(people["late2"].id, 36000, date(2026, 11, 24))
    window.register_page.members_changed.emit()
    assert not page.is_loading()  # nothing runs for a page no one sees
    go_to_dues(qtbot, window)
    assert page.count_shown("paid") == "3"


def test_rolling_periods_show_a_note_instead_of_the_timeline(qtbot, session):
    build(session)
    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), period=PeriodKind.ROLLING))
    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.show()
    go_to_dues(qtbot, win)
    page = win.dues_page
    assert not page.timeline.isVisible()
    assert page.rolling_note.isVisible()
    assert "rolling twelve-month periods" in page.rolling_note.text()
    assert page.title_label.text() == "Dues"
    total = sum(int(page.count_shown(c)) for c in CARD_CODES if c != "bounced")
    assert total == 8


def test_the_cards_speak_swedish(qtbot, session):
    set_language("sv")
    build(session)
    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.show()
    go_to_dues(qtbot, win)
    page = win.dues_page
    assert page.cards["paid"].label == "Betald"
    assert page.cards["to_strike_off"].label == "Ska avföras"
    assert page.cards["paid"].text() == "Betald: 2"


# -- the register's dues chips --------------------------------------------------------------
def register_names(page) -> list[str]:
    col = COLUMNS.index("family_name")
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def test_register_dues_chips(qtbot, session, people):
    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.show()
    page = win.register_page
    assert len(register_names(page)) == 8
    click(qtbot, page.chip_buttons["unpaid"])
    assert register_names(page) == ["Carlsson", "Dahl", "Ek", "Falk", "Holm"]
    click(qtbot, page.chip_buttons["to_strike_off"])
    assert register_names(page) == ["Ek", "Falk"]
    click(qtbot, page.chip_buttons["direct_debit"])
    assert register_names(page) == ["Gran"]
    click(qtbot, page.chip_buttons["bounced"])
    assert register_names(page) == ["Holm"]
    assert page.chip_buttons["bounced"].toolTip() == \
        "Paid the intro fee but never a first annual fee."
    # Dues chip and search together: unpaid AND "dahl".
    click(qtbot, page.chip_buttons["unpaid"])
    qtbot.keyClicks(page.search_edit, "dahl")
    assert register_names(page) == ["Dahl"]
    page.search_edit.clear()


def test_register_dues_state_dropdown(qtbot, session, people):
    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.show()
    page = win.register_page
    combo = page.dues_state_combo
    assert combo.currentText() == "Other dues state…"
    combo.setCurrentIndex(combo.findData("paid"))
    combo.activated.emit(combo.currentIndex())
    assert register_names(page) == ["Alm", "Berg"]
    assert page.chip_group.checkedButton() is None  # the dropdown replaced the chip
    assert page.count_label.text() == "2 shown"
    click(qtbot, page.chip_buttons["current"])
    assert combo.currentIndex() == 0
    assert len(register_names(page)) == 8
    page.show_filter("reminder_3")
    assert register_names(page) == ["Carlsson", "Dahl", "Holm"]
    page.show_filter("bounced")
    assert page.chip_buttons["bounced"].isChecked() and combo.currentIndex() == 0
