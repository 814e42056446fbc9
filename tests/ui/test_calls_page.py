"""The calls view as a caller uses it: see today's proposal, start it, pick yourself as
caller, and work through the queue with the number keys."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.calls import CallOutcome, RoundPurpose
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.calls_page import CallsPage
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, session):
    add_members(session,
                {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
                 "phone": "0701234561", "joined_on": date(2026, 11, 20)},
                {"given_name": "Björn", "family_name": "Dahl", "member_number": 2,
                 "phone": "0701234562", "joined_on": date(2026, 11, 21)},
                {"given_name": "Cecilia", "family_name": "Ek", "member_number": 3,
                 "phone": "0701234563", "joined_on": date(2026, 11, 22)})
    page = CallsPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1200, 720)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    page.activateWindow()  # shortcuts act in the active window
    qtbot.waitUntil(page.isActiveWindow)
    return page


def start_new_members_round(qtbot, page) -> None:
    button = page.start_buttons[RoundPurpose.NEW_MEMBERS]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page._dialogs[-1]
    type_text(qtbot, dialog.name_edit, "Åsa Lund")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    page.activateWindow()  # back in the page after the dialog
    qtbot.waitUntil(page.isActiveWindow)


def test_the_new_members_proposal_shows_its_count(page):
    new = next(p for p in page.snapshot.proposals if p.purpose is RoundPurpose.NEW_MEMBERS)
    assert len(new.member_ids) == 3
    assert RoundPurpose.NEW_MEMBERS in page.start_buttons
    card_texts = [label.text() for label in page.findChildren(type(page.today_label))]
    assert "New members" in card_texts and "3 members" in card_texts


def test_starting_a_round_fills_the_callers_queue(qtbot, page, session):
    start_new_members_round(qtbot, page)
    rounds = session.calls().repo.rounds()
    assert len(rounds) == 1 and rounds[0].purpose is RoundPurpose.NEW_MEMBERS
    assert page.caller_combo.currentText() == "Åsa Lund"
    assert page.queue_tree.topLevelItemCount() == 3
    first = page.queue_tree.topLevelItem(0)
    assert first.text(0) == "Astrid Berg"
    assert first.text(2) == "New member"
    assert page.panel.name_label.text() == "Astrid Berg"
    assert "Welcome" in page.panel.points_label.toPlainText() or \
        "welcome" in page.panel.points_label.toPlainText()
    # The round under way shows its counts; the proposal has nobody left.
    assert "3 members · 0 called" in page.rounds_list.item(0).text()
    assert RoundPurpose.NEW_MEMBERS not in page.start_buttons


def test_a_caller_logs_calls_with_the_keyboard(qtbot, page, session):
    start_new_members_round(qtbot, page)
    calls = session.calls()
    astrid = page.current_member_id()
    page.panel.note_edit.setFocus()
    type_text(qtbot, page.panel.note_edit, "Vill gärna sjunga i kören")
    qtbot.keyClick(page.panel.note_edit, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.panel.wants_edit
    type_text(qtbot, page.panel.wants_edit, "kör")
    # A digit typed in a text field is text, not an outcome.
    qtbot.keyClick(page.panel.wants_edit, Qt.Key.Key_1)
    assert calls.contacts(astrid) == []
    assert page.panel.wants_edit.text() == "kör1"
    page.panel.wants_edit.clear()
    type_text(qtbot, page.panel.wants_edit, "kör")
    # Out of the text field, the key "1" records "reached" and brings up the next member.
    qtbot.keyClick(page.panel.wants_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(page.panel.good_at_edit, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.panel.mood_combo
    qtbot.keyClick(page.panel.mood_combo, Qt.Key.Key_1)
    contacts = calls.contacts(astrid)
    assert len(contacts) == 1
    assert contacts[0].outcome is CallOutcome.REACHED
    assert contacts[0].note == "Vill gärna sjunga i kören"
    assert "kör" in session.members.get(astrid).interests
    assert page.panel.name_label.text() == "Björn Dahl"
    assert page.queue_tree.topLevelItemCount() == 2
    assert page.panel.note_edit.toPlainText() == ""
    assert page.message_label.text() == "Recorded: Astrid Berg — Reached."

    # "No answer" (key 2, from the queue) keeps Björn out of today's queue; he comes back.
    bjorn = page.current_member_id()
    qtbot.keyClick(page.queue_tree, Qt.Key.Key_2)
    assert calls.contacts(bjorn)[0].outcome is CallOutcome.NO_ANSWER
    ids = [page.queue_tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
           for i in range(page.queue_tree.topLevelItemCount())]
    assert bjorn not in ids and astrid not in ids
    assert page.panel.name_label.text() == "Cecilia Ek"
    rnd = calls.repo.rounds()[0]
    later = [e.member_id for e in calls.queue(rnd.id, page.caller_combo.currentData(),
                                              date(2026, 11, 28))]
    assert bjorn in later
    with qtbot.waitSignal(page.loaded, timeout=10000):
        pass
    assert "2 called · 1 reached · 1 no answer" in page.rounds_list.item(0).text()
