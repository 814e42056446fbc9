"""The daily routine of DESIGN §2 with the keyboard alone (issue 10).

Every step drives the real main window only with key presses sent to the widget that has
the focus, as a person's keyboard does: if the focus lands nowhere, or on a widget that
does nothing with the key, the step fails. Widgets are only read, to check what is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from medlemsvard_app.domain.activities import Activity
from medlemsvard_app.domain.calls import CallOutcome, RoundPurpose
from medlemsvard_app.domain.welcome import StepState
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.ui.dialogs.help_dialog import HelpDialog, ShortcutsDialog
from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog
from medlemsvard_app.ui.dialogs.payment_dialog import PaymentDialog
from medlemsvard_app.ui.dialogs.welcome_step import WelcomeStepDialog
from medlemsvard_app.ui.main_window import MainWindow
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.widgets.welcome_grid import FIRST_STEP_COLUMN, StatusRole
from tests.conftest import TODAY, add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


# -- the keyboard ------------------------------------------------------------------------------
def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard focus is nowhere"
    assert widget.isVisible(), f"the focus is on a hidden widget: {widget!r}"
    return widget


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = NO, times: int = 1) -> None:
    """Press a key where the focus is."""
    for _i in range(times):
        qtbot.keyClick(focus(), k, modifier)


def typed(qtbot, text: str) -> None:
    type_text(qtbot, focus(), text)


def tab_to(qtbot, wanted: Callable[[QWidget], bool], limit: int = 60,
           backwards: bool = False) -> QWidget:
    """Tab (or Shift+Tab) until the focus is on a widget that ``wanted``; fail if never."""
    for _i in range(limit):
        if wanted(focus()):
            return focus()
        if backwards:
            key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached the widget; the focus is on {focus()!r}")


def active_dialog(qtbot, kind: type) -> QWidget:
    """The dialog a key opened, with the focus inside it."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), kind), timeout=3000)
    dialog = QApplication.activeWindow()
    assert dialog.isAncestorOf(focus()), "the dialog opened without the focus in it"
    return dialog


def back_in(qtbot, win: MainWindow) -> QWidget:
    """After a dialog closes, the window system gives the main window back its activation
    (the offscreen platform does not): the focus must then be where the user left it."""
    if QApplication.activeWindow() is not win:
        win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    widget = focus()
    assert win.isAncestorOf(widget)
    return widget


# -- the association ---------------------------------------------------------------------------
@pytest.fixture
def routine(session):
    """A small association in the middle of its November: a calling round under way, a new
    member whose welcome is late, a meeting tonight."""
    people = add_members(
        session,
        {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
         "phone": "0701234561", "joined_on": date(2026, 10, 1)},
        {"given_name": "Björn", "family_name": "Dahl", "member_number": 2,
         "phone": "0701234562"},
        {"given_name": "Cecilia", "family_name": "Ek", "member_number": 3,
         "phone": "0701234563"},
        {"given_name": "Örjan", "family_name": "Öberg", "member_number": 4,
         "phone": "0701234564"})
    calls = session.calls()
    caller = calls.add_caller("Karin Berg")
    calls.start(RoundPurpose.CAMPAIGN, [caller.id], TODAY,
                member_ids=[p.id for p in people[1:]], title="Before the meeting")
    activities = session.activities()
    meeting = activities.save(Activity("Medlemsmöte", TODAY, "meeting", time(18), time(20),
                                       place="ABF"))
    for person in people[1:3]:
        activities.sign_up(meeting.id, person.id)
    return people


@pytest.fixture
def win(qtbot, session, routine):
    win = MainWindow(session, RecordingNotifier())
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    qtbot.waitUntil(lambda: win.home_page.snapshot is not None, timeout=10000)
    yield win
    # Not qtbot.addWidget: it deletes the window before this runs, and a page deleted with
    # a load under way never hears that it ended. Let the loads end, then close.
    for page in (win.home_page, win.calls_page, win.dues_page, win.welcome_page):
        qtbot.waitUntil(lambda p=page: not p.is_loading(), timeout=30000)
    win.close()
    win.deleteLater()
    qtbot.wait(10)


def go_to(qtbot, win: MainWindow, number: int) -> None:
    """Ctrl+1 … Ctrl+9: the views in the navigation's order."""
    key(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
    assert win.stack.currentIndex() == number - 1


# -- 1. Home -----------------------------------------------------------------------------------
def test_1_home_opens_and_enter_on_the_calls_due_opens_the_calls_view(qtbot, win):
    assert win.stack.currentWidget() is win.home_page
    assert win.isAncestorOf(focus())
    assert "Karin Berg: 3 members left to call" in win.home_page.cards["calls"].text()
    # One Tab from the navigation to the caller's queue (a link), Enter opens the view on it.
    assert focus() is win.nav
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is win.home_page.cards["calls"].links[0]
    key(qtbot, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.calls_page
    qtbot.waitUntil(lambda: win.calls_page.snapshot is not None, timeout=10000)
    # The view opens on the work: the round's queue, with the focus in it.
    assert win.calls_page.round_label.text() == "Before the meeting"
    assert win.calls_page.caller_combo.currentText() == "Karin Berg"
    assert focus() is win.calls_page.queue_tree
    assert win.calls_page.queue_tree.currentItem() is not None
    # Ctrl+1 goes back home, the focus on the first card's first link.
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert win.stack.currentWidget() is win.home_page
    assert focus() is win.home_page.cards["calls"].links[0]


# -- 2. Calls ----------------------------------------------------------------------------------
def test_2_a_call_is_logged_from_the_queue_by_keys(qtbot, win, session):
    page = win.calls_page
    go_to(qtbot, win, 4)
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=10000)
    assert focus() is page.queue_tree
    # Down to the second member in the queue; the call panel shows them.
    key(qtbot, Qt.Key.Key_Down)
    member_id = page.current_member_id()
    name = page.queue_tree.currentItem().text(0)
    assert page.panel.name_label.text() == name
    # Into the panel: Tab to the note, type, Tab out, 1 = reached.
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is page.panel.note_edit
    typed(qtbot, "Kommer på mötet i kväll")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is page.panel.wants_edit
    key(qtbot, Qt.Key.Key_Tab)  # out of the text fields
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_1)
    [contact] = session.calls().contacts(member_id)
    assert contact.outcome is CallOutcome.REACHED
    assert contact.note == "Kommer på mötet i kväll"
    assert page.message_label.text() == f"Recorded: {name} — Reached."
    ids = [page.queue_tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
           for i in range(page.queue_tree.topLevelItemCount())]
    assert member_id not in ids
    # The caller goes on from the queue, with the next member shown.
    assert focus() is page.queue_tree
    assert page.panel.name_label.text() == page.queue_tree.currentItem().text(0)
    # The same with the outcome chosen by its button: Tab to it, Enter.
    next_id = page.current_member_id()
    tab_to(qtbot, lambda w: w is page.panel.outcome_buttons[CallOutcome.NO_ANSWER])
    key(qtbot, Qt.Key.Key_Return)
    assert session.calls().contacts(next_id)[0].outcome is CallOutcome.NO_ANSWER
    assert focus() is page.queue_tree
    # Ctrl+Z takes the last call back (once the view has reloaded after it).
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert session.calls().contacts(next_id) == []


# -- 3. Register -------------------------------------------------------------------------------
def test_3_find_a_member_change_the_phone_and_undo(qtbot, win, session, routine):
    bjorn = routine[1]
    key(qtbot, Qt.Key.Key_F, CTRL)
    assert win.stack.currentWidget() is win.register_page
    assert focus() is win.register_page.search_edit
    typed(qtbot, "Björn")
    key(qtbot, Qt.Key.Key_Return)
    card = active_dialog(qtbot, MemberDialog)
    assert card.given_name_edit.text() == "Björn"
    key(qtbot, Qt.Key.Key_H, ALT)  # P&hone
    assert focus() is card.phone_edit
    key(qtbot, Qt.Key.Key_A, CTRL)
    typed(qtbot, "0709876543")
    key(qtbot, Qt.Key.Key_Return)  # Save
    assert not card.isVisible()
    assert session.register().get(bjorn.id).phone == "+46709876543"
    # Back in the list on the member, not in the search box (whose Ctrl+Z is its own).
    assert back_in(qtbot, win) is win.register_page.table
    assert win.register_page.selected_member_id() == bjorn.id
    assert win.undo_action.isEnabled()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert session.register().get(bjorn.id).phone == bjorn.phone
    assert "Undone." in win.statusBar().currentMessage()
    back_in(qtbot, win)


# -- 4. Dues -----------------------------------------------------------------------------------
def test_4_a_payment_is_recorded_on_the_card_by_keys(qtbot, win, session, routine):
    cecilia = routine[2]
    key(qtbot, Qt.Key.Key_F, CTRL)
    typed(qtbot, "Cecilia")
    key(qtbot, Qt.Key.Key_Return)
    card = active_dialog(qtbot, MemberDialog)
    key(qtbot, Qt.Key.Key_A, ALT)  # Dues and p&ayments
    assert card.tabs.currentWidget() is card.dues_tab
    key(qtbot, Qt.Key.Key_R, ALT)  # &Register payment…
    payment = active_dialog(qtbot, PaymentDialog)
    assert focus() is payment.amount_edit.edit
    assert payment.amount_edit.edit.text()  # the fee is suggested
    key(qtbot, Qt.Key.Key_Return)  # OK
    assert not payment.isVisible()
    assert session.dues().member_dues(cecilia.id).payments
    # Back on the card (the window system activates it again); Escape closes it.
    if QApplication.activeWindow() is not card:
        card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow, timeout=3000)
    assert focus() is card.dues_tab.pay_button
    tree = card.dues_tab.tree
    shown = [tree.topLevelItem(r).text(c) for r in range(tree.topLevelItemCount())
             for c in range(tree.columnCount())]
    assert format_date(TODAY) in shown  # the payment is on the card
    key(qtbot, Qt.Key.Key_Escape)
    assert not card.isVisible()
    assert back_in(qtbot, win) is win.register_page.table
    # Ctrl+Z takes the payment back.
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert not session.dues().member_dues(cecilia.id).payments


def test_4b_the_dues_view_leads_to_the_card_by_keys(qtbot, win, session, routine):
    page = win.dues_page
    go_to(qtbot, win, 3)
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=10000)
    # Tab into the counts (one stop, like radio buttons), arrows to the unpaid count that
    # has Örjan, Enter lists them (Space does too), Tab to the list, Enter opens the card.
    code = next(c for c, ids in page.snapshot.lists.items()
                if c in page.cards and page.cards[c].isVisible() and routine[3].id in ids)
    tab_to(qtbot, lambda w: w in page.cards.values())
    key(qtbot, Qt.Key.Key_Down)
    for _i in range(len(page.cards)):
        if focus() is page.cards[code]:
            break
        key(qtbot, Qt.Key.Key_Right)
    assert focus() is page.cards[code]
    key(qtbot, Qt.Key.Key_Return)
    assert page.current_list == code
    tab_to(qtbot, lambda w: w is page.table)
    assert page.selected_ids()
    member_id = page.selected_ids()[0]
    key(qtbot, Qt.Key.Key_Return)
    card = active_dialog(qtbot, MemberDialog)
    assert card.member().id == member_id
    key(qtbot, Qt.Key.Key_A, ALT)
    key(qtbot, Qt.Key.Key_R, ALT)
    active_dialog(qtbot, PaymentDialog)
    key(qtbot, Qt.Key.Key_Return)
    assert session.dues().member_dues(member_id).payments
    if QApplication.activeWindow() is not card:
        card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow, timeout=3000)
    key(qtbot, Qt.Key.Key_Escape)
    assert back_in(qtbot, win) is page.table


# -- 5. Welcome --------------------------------------------------------------------------------
def test_5_an_overdue_welcome_step_is_ticked_with_space(qtbot, win, session, routine):
    page = win.welcome_page
    go_to(qtbot, win, 5)
    qtbot.waitUntil(lambda: page.snapshot is not None and page.proxy.rowCount() > 0,
                    timeout=10000)
    assert focus() is page.grid
    # Right along Astrid's row to her first overdue step.
    overdue = [c for c in range(FIRST_STEP_COLUMN, page.proxy.columnCount())
               if page.proxy.index(0, c).data(StatusRole).state is StepState.OVERDUE]
    assert overdue, "the fixture should have a late step"
    if not page.grid.currentIndex().isValid():
        key(qtbot, Qt.Key.Key_Down)
    for _i in range(overdue[0] - page.grid.currentIndex().column()):
        key(qtbot, Qt.Key.Key_Right)
    index = page.grid.currentIndex()
    assert (index.row(), index.column()) == (0, overdue[0])
    code = page.model.step_at(overdue[0]).code
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.proxy.index(0, overdue[0]).data(StatusRole).state
                    is StepState.DONE, timeout=10000)
    assert session.welcome().row(routine[0].id).state(code).state is StepState.DONE
    assert focus() is page.grid
    # Enter opens a step to skip it with a note; Escape closes it, the grid keeps the focus.
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Return)
    dialog = active_dialog(qtbot, WelcomeStepDialog)
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert back_in(qtbot, win) is page.grid


# -- 6. Activities -----------------------------------------------------------------------------
def test_6_attendance_is_taken_by_typing_names_and_enter(qtbot, win, session, routine):
    page = win.activities_page
    go_to(qtbot, win, 6)
    assert page.title_label.text() == "Medlemsmöte"
    # To the attendance: Tab to the activity's tabs, → to Attendance; the search box of
    # who came takes the focus.
    tab_to(qtbot, lambda w: w is page.tabs.tabBar())
    key(qtbot, Qt.Key.Key_Right)
    assert page.tabs.currentIndex() == 1
    assert focus() is page.checklist.search_edit
    typed(qtbot, "bjö")
    key(qtbot, Qt.Key.Key_Return)
    typed(qtbot, "öber")  # a walk-in, found in the register
    key(qtbot, Qt.Key.Key_Return)
    assert page.checklist.count_label.text().startswith("2 came")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert page.attendance_status.text().startswith("Saved: 2 came.")
    came = {p.member_id for p in session.activities().people(page.activity.id) if p.attended}
    assert came == {routine[1].id, routine[3].id}


# -- 7. Help -----------------------------------------------------------------------------------
def test_7_f1_explains_the_view_and_escape_closes_it(qtbot, win):
    go_to(qtbot, win, 4)
    qtbot.waitUntil(lambda: win.calls_page.snapshot is not None, timeout=10000)
    before = focus()
    assert before is win.calls_page.queue_tree
    key(qtbot, Qt.Key.Key_F1)
    dialog = active_dialog(qtbot, HelpDialog)
    assert dialog.windowTitle() == "Help: Calls"
    assert "Calling rounds" in dialog.text.text()
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert back_in(qtbot, win) is before


def test_the_shortcut_list_names_the_keys_of_the_routine(qtbot, win):
    key(qtbot, Qt.Key.Key_F1, CTRL)
    dialog = active_dialog(qtbot, ShortcutsDialog)
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    for action, keys in (("Help for this view", "F1"), ("Find member", "Ctrl+F"),
                         ("Undo", "Ctrl+Z"), ("Home", "Ctrl+1"), ("Calls", "Ctrl+4"),
                         ("Welcome", "Ctrl+5"), ("Activities", "Ctrl+6"),
                         ("Calls: record the outcome of the call (outside a text field)", "1–5"),
                         ("Register: open the card of the member found (in the search box)",
                          "Return"),
                         ("Welcome: tick the chosen step (a done step opens instead)", "Space"),
                         ("Activities: mark the person found as present", "Return"),
                         ("Activities: save attendance", "Ctrl+S"),
                         ("Close a dialog without saving", "Esc")):
        assert rows.get(action) == keys, (action, rows.get(action))
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
