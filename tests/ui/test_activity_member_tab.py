"""The member card's Activities tab: what the member signed up for and came to, and a
sign-up from the card."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.activities import Activity, SignUpVia
from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members

pytestmark = pytest.mark.gui


def test_the_members_activities_and_a_sign_up_from_the_card(qtbot, session):
    member = add_members(session, {"given_name": "Åsa", "family_name": "Öberg",
                                   "member_number": 7})[0]
    service = session.activities()
    first = service.save(Activity("Sommarfest", date(2026, 6, 13), "party"))
    service.set_attendance(first.id, [member.id])
    meeting = service.save(Activity("Medlemsmöte", date(2026, 11, 10)))
    service.sign_up(meeting.id, member.id)
    service.save(Activity("Julfest", date(2026, 12, 12), "party"))
    dialog = MemberDialog(session.register(), session.association, member, RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    tab = dialog.activities_tab
    dialog.tabs.setCurrentWidget(tab)
    rows = [[tab.tree.topLevelItem(i).text(c) for c in (1, 2, 4)]
            for i in range(tab.tree.topLevelItemCount())]
    assert rows == [["Medlemsmöte", "Member meeting", "no"],
                    ["Sommarfest", "Party", "yes (first time)"]]
    assert tab.summary_label.text() == "Came to 1 activity."
    assert tab.activity_combo.currentText() == "Sat 12 Dec — Julfest"
    qtbot.mouseClick(tab.sign_up_button, Qt.MouseButton.LeftButton)
    assert tab.tree.topLevelItem(0).text(1) == "Julfest"
    assert "member card" in tab.tree.topLevelItem(0).text(3)
    julfest = service.upcoming()[0].activity
    assert [p.via for p in service.repo.people(julfest.id)] == [SignUpVia.CARD]
    assert not tab.sign_up_button.isEnabled()  # nothing more to sign up for
