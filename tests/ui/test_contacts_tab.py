"""The member card's Contacts tab as a volunteer reads it before phoning a member again:
who called, when, in which round, what came of it and what was noted."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.calls import CallOutcome, Mood, RoundPurpose
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.ui.dialogs import contacts_tab as ct
from medlemsvard_app.ui.dialogs import member_dialog as md
from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members

pytestmark = pytest.mark.gui


def _open(qtbot, session, member=None) -> MemberDialog:
    dialog = MemberDialog(session.register(), session.association, member, RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.tabs.setCurrentIndex(md.TAB_CONTACTS)
    return dialog


def _rows(tab: ct.ContactsTab) -> list[dict[str, str]]:
    """The table as shown: one {column header: text} a row, top to bottom."""
    headers = [tab.tree.headerItem().text(c) for c in range(tab.tree.columnCount())]
    return [{h: tab.tree.topLevelItem(i).text(c) for c, h in enumerate(headers)}
            for i in range(tab.tree.topLevelItemCount())]


def _member(session):
    return add_members(session, {"given_name": "Åsa", "family_name": "Öberg",
                                 "phone": "0701234567"})[0]


def _history(session, member):
    calls = session.calls()
    caller = calls.add_caller("Karin Lund")
    rnd = calls.start(RoundPurpose.CAMPAIGN, [caller.id], date(2026, 11, 1),
                      member_ids=[member.id], title="Höstringning")
    calls.log(member.id, CallOutcome.NO_ANSWER, date(2026, 9, 3))
    calls.log(member.id, CallOutcome.REACHED, date(2026, 11, 20), mood=Mood.POSITIVE,
              satisfaction=4, note="Vill vara med i valet.\nRing igen efter nyår.",
              wants="valarbete", round_id=rnd.id, caller_id=caller.id)


def test_the_tab_sits_after_dues(qtbot, session):
    dialog = _open(qtbot, session, _member(session))
    assert dialog.tabs.widget(md.TAB_DUES) is dialog.dues_tab
    assert dialog.tabs.widget(md.TAB_CONTACTS) is dialog.contacts_tab
    assert dialog.tabs.tabText(md.TAB_CONTACTS).replace("&", "") == "Contacts"


def test_a_new_member_is_told_contacts_show_once_saved(qtbot, session):
    dialog = _open(qtbot, session)
    tab = dialog.contacts_tab
    assert tab.stack.currentIndex() == 0
    assert "once the member is saved" in tab.unsaved_label.text()
    assert tab.unsaved_label.isVisibleTo(dialog)


def test_no_contacts_yet(qtbot, session):
    dialog = _open(qtbot, session, _member(session))
    tab = dialog.contacts_tab
    assert tab.stack.currentIndex() == 1
    assert tab.empty_label.isVisibleTo(dialog)
    assert tab.empty_label.text() == "No contacts yet."
    assert not tab.tree.isVisibleTo(dialog)


def test_contacts_newest_first_with_round_caller_and_note(qtbot, session):
    member = _member(session)
    _history(session, member)
    dialog = _open(qtbot, session, member)
    tab = dialog.contacts_tab
    assert tab.tree.isVisibleTo(dialog) and not tab.empty_label.isVisibleTo(dialog)

    rows = _rows(tab)
    assert [r["Outcome"] for r in rows] == ["Reached", "No answer"]
    newest, oldest = rows
    assert newest["Date"] == format_date(date(2026, 11, 20), "medium")
    assert newest["What"] == "Phone call · Höstringning"
    assert newest["Caller"] == "Karin Lund"
    assert newest["Mood"] == "Positive"
    assert newest["Satisfaction"] == "4"
    assert newest["Note"].startswith("Vill vara med i valet.")
    assert tab.tree.topLevelItem(0).toolTip(ct.COL_NOTE) == (
        "Vill vara med i valet.\nRing igen efter nyår.")
    assert oldest["Date"] == format_date(date(2026, 9, 3), "medium")
    assert oldest["What"] == "Phone call"
    assert oldest["Caller"] == oldest["Mood"] == oldest["Note"] == ""

    # The newest is selected: its whole note and what they want are under the table.
    detail = tab.detail_label.text()
    assert "Ring igen efter nyår." in detail and "valarbete" in detail
    # Clicking the older row shows its (missing) note instead.
    rect = tab.tree.visualItemRect(tab.tree.topLevelItem(1))
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.detail_label.text() == "No note."


def test_the_tab_follows_the_member_when_the_card_reloads(qtbot, session):
    member = _member(session)
    dialog = _open(qtbot, session, member)
    tab = dialog.contacts_tab
    assert tab.tree.topLevelItemCount() == 0
    session.calls().log(member.id, CallOutcome.MESSAGE, date(2026, 11, 24), note="Svarar ej")
    dialog.family_name_edit.setText("Öberg-Lind")
    assert dialog.save()
    assert [r["Outcome"] for r in _rows(tab)] == ["Left a message"]
    assert tab.tree.topLevelItem(0).toolTip(ct.COL_NOTE) == "Svarar ej"


def test_a_new_member_gets_the_list_once_saved(qtbot, session):
    dialog = _open(qtbot, session)
    dialog.given_name_edit.setText("Bo")
    dialog.family_name_edit.setText("Ek")
    assert dialog.save()
    tab = dialog.contacts_tab
    assert tab.stack.currentIndex() == 1
    assert tab.empty_label.isVisibleTo(dialog)
