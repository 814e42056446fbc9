"""Signing a member up for an activity while logging the call, from the call panel."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.activities import Activity, SignUpVia
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.calls_page import CallsPage
from tests.conftest import add_members
from tests.ui.test_calls_page import start_new_members_round

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, session):
    add_members(session,
                {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
                 "phone": "0701234561", "joined_on": date(2026, 11, 20)},
                {"given_name": "Björn", "family_name": "Dahl", "member_number": 2,
                 "phone": "0701234562", "joined_on": date(2026, 11, 21)})
    service = session.activities()
    service.save(Activity("Förr", date(2026, 10, 1)))
    service.save(Activity("Inställt", date(2026, 12, 1), cancelled=True))
    service.save(Activity("Träff för nya medlemmar", date(2026, 11, 26), "new_member_meeting",
                          time(18)))
    page = CallsPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1200, 760)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def test_a_sign_up_while_logging_the_call(qtbot, page, session):
    start_new_members_round(qtbot, page)
    combo = page.panel.activity_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "No activity", "Thu 26 Nov — Träff för nya medlemmar"]
    astrid = page.current_member_id()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == 1
    qtbot.keyClick(combo, Qt.Key.Key_1)  # reached
    contact = session.calls().contacts(astrid)[0]
    meeting = session.activities().upcoming()[0].activity
    part = {p.member_id: p for p in session.activities().repo.people(meeting.id)}[astrid]
    assert (part.via, part.contact_id, part.signed_up_on) == (SignUpVia.CALL, contact.id,
                                                             date(2026, 11, 25))
    assert page.message_label.text() == \
        "Recorded: Astrid Berg — Reached. On the list for “Träff för nya medlemmar”."
    # The next member starts with no activity chosen: nobody is signed up by accident.
    assert page.panel.activity_combo.currentIndex() == 0
    bjorn = page.current_member_id()
    qtbot.keyClick(page.queue_tree, Qt.Key.Key_2)
    assert bjorn not in {p.member_id for p in session.activities().repo.people(meeting.id)}
    # Let the page's background reload finish before the file closes.
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
