"""The calls view as a caller uses it: see today's proposal, start it, pick yourself as
caller, and work through the queue with the number keys."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.calls import CallOutcome, Mood, RoundPurpose
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


def test_a_campaign_round_from_the_current_members(qtbot, page, session):
    qtbot.mouseClick(page.campaign_button, Qt.MouseButton.LeftButton)
    dialog = page._dialogs[-1]
    assert dialog.filter_combo.currentText() == "Current members"
    assert dialog.count_label.text().startswith("3 members to call")
    # Former members: nobody; back to the current members.
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("former"))
    assert dialog.count_label.text().startswith("Nobody to call")
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("current"))
    type_text(qtbot, dialog.picker.name_edit, "Åsa Lund")
    qtbot.keyClick(dialog.picker.name_edit, Qt.Key.Key_Return)
    assert not dialog.ok_button.isEnabled()  # a campaign needs a title
    type_text(qtbot, dialog.title_edit, "Inför årsmötet")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    rounds = session.calls().repo.rounds()
    assert len(rounds) == 1 and rounds[0].purpose is RoundPurpose.CAMPAIGN
    assert rounds[0].title == "Inför årsmötet"
    assert len(session.calls().repo.round_assignment(rounds[0].id)) == 3
    assert page.rounds_list.item(0).text().startswith("Inför årsmötet\n")
    assert "3 members · 0 called" in page.rounds_list.item(0).text()
    assert page.round_label.text() == "Inför årsmötet"
    assert page.queue_tree.topLevelItemCount() == 3


def test_giving_a_member_to_another_caller(qtbot, page, session):
    start_new_members_round(qtbot, page)
    session.calls().add_caller("Bo Ek")  # a volunteer joins once the round is under way
    assert page.caller_combo.currentText() == "Åsa Lund"
    astrid = page.current_member_id()
    qtbot.mouseClick(page.reassign_button, Qt.MouseButton.LeftButton)
    dialog = page._dialogs[-1]
    assert [dialog.caller_combo.itemText(i) for i in range(dialog.caller_combo.count())] \
        == ["Bo Ek"]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    names = [page.queue_tree.topLevelItem(i).text(0)
             for i in range(page.queue_tree.topLevelItemCount())]
    assert names == ["Björn Dahl", "Cecilia Ek"]
    assert page.message_label.text() == "Astrid Berg is now in Bo Ek’s queue."
    page.caller_combo.setCurrentIndex(page.caller_combo.findText("Bo Ek"))
    assert [page.queue_tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(page.queue_tree.topLevelItemCount())] == [astrid]


def test_entering_results_from_a_sheet(qtbot, page, session):
    start_new_members_round(qtbot, page)
    calls = session.calls()
    qtbot.mouseClick(page.sheet_button, Qt.MouseButton.LeftButton)
    dialog = page._dialogs[-1]
    assert [row.name for row in dialog.rows] == ["Astrid Berg", "Björn Dahl", "Cecilia Ek"]
    assert not dialog.save_button.isEnabled()
    first, middle, last = dialog.rows
    # Row one: the digit picks the outcome, Tab on to the mood and the note.
    first.outcome.setFocus()
    qtbot.keyClick(first.outcome, Qt.Key.Key_1)
    qtbot.keyClick(first.outcome, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is first.mood
    qtbot.keyClick(first.mood, Qt.Key.Key_P)
    qtbot.keyClick(first.mood, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is first.note
    type_text(qtbot, first.note, "Vill hjälpa till på årsmötet")
    # ↓ in a note goes to the row below; Björn is left blank (not called).
    qtbot.keyClick(first.note, Qt.Key.Key_Down)
    assert dialog.focusWidget() is middle.note
    qtbot.keyClick(middle.note, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is last.outcome
    qtbot.keyClick(last.outcome, Qt.Key.Key_2)
    assert dialog.count_label.text() == "3 members on the sheet; 2 results to record."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    astrid = calls.contacts(first.member_id)
    assert [(c.outcome, c.mood, c.note) for c in astrid] == [
        (CallOutcome.REACHED, Mood.POSITIVE, "Vill hjälpa till på årsmötet")]
    assert astrid[0].round_id == calls.repo.rounds()[0].id
    assert calls.contacts(middle.member_id) == []
    assert [c.outcome for c in calls.contacts(last.member_id)] == [CallOutcome.NO_ANSWER]
    assert page.message_label.text() == "Recorded 2 calls from the sheet."
    assert [page.queue_tree.topLevelItem(i).text(0)
            for i in range(page.queue_tree.topLevelItemCount())] == ["Björn Dahl"]
