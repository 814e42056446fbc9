"""The activities view as a volunteer uses it: attendance at the door from the keyboard,
tomorrow's reminders, the evaluation after, a new activity with what the last ones taught,
and the calendar export."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.activities import Activity, Evaluation, SignUpVia
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.activities_page import SHOW_PAST, ActivitiesPage
from tests.conftest import TODAY, add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def setup(qtbot, session):
    people = add_members(
        session,
        {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
         "phone": "0701234561"},
        {"given_name": "Björn", "family_name": "Dahl", "member_number": 2,
         "phone": "0701234562"},
        {"given_name": "Cecilia", "family_name": "Ek", "member_number": 3},
        {"given_name": "Örjan", "family_name": "Öberg", "member_number": 4})
    service = session.activities()
    earlier = service.save(Activity("Sommarfest", date(2026, 6, 13), "party"))
    service.set_attendance(earlier.id, [people[0].id])
    service.save_evaluation(Evaluation(earlier.id, date(2026, 6, 14), worked="Grillen",
                                       did_not_work="Regnet", came=14))
    today = service.save(Activity("Medlemsmöte", TODAY, "meeting", time(18), time(20),
                                  place="ABF"))
    tomorrow = service.save(Activity("Studiecirkel", date(2026, 11, 26), "study_circle",
                                     time(18)))
    for m in people[:3]:
        service.sign_up(today.id, m.id)
    service.sign_up(tomorrow.id, people[0].id)
    service.sign_up(tomorrow.id, people[1].id, SignUpVia.CALL)
    page = ActivitiesPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    return page, people, today, tomorrow, earlier


def _checklist_texts(page) -> list[str]:
    lst = page.checklist.list
    return [lst.item(i).text() for i in range(lst.count())]


def test_the_list_shows_upcoming_activities_with_counts(setup):
    page, _people, _today, _tomorrow, _earlier = setup
    tree = page.tree
    assert tree.topLevelItemCount() == 2
    first = tree.topLevelItem(0)
    assert (first.text(1), first.text(2), first.text(3), first.text(4), first.text(5)) == (
        "18:00–20:00", "Medlemsmöte", "Member meeting", "ABF", "3")
    assert page.title_label.text() == "Medlemsmöte"
    page.show_group.button(SHOW_PAST).click()
    assert [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())] == [
        "Sommarfest"]
    assert tree.topLevelItem(0).text(6) == "1"


def test_attendance_is_taken_by_typing_and_enter(qtbot, setup, session):
    page, people, today, _tomorrow, _earlier = setup
    page.tabs.setCurrentIndex(1)
    search = page.checklist.search_edit
    search.setFocus()
    type_text(qtbot, search, "bjö")
    assert _checklist_texts(page) == ["Björn Dahl  ·  no. 2"]
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert search.text() == ""  # ready for the next name
    # A walk-in who did not sign up is found in the register; accents are optional.
    type_text(qtbot, search, "ober")
    assert _checklist_texts(page) == ["Örjan Öberg  ·  no. 4  ·  not signed up"]
    qtbot.keyClick(search, Qt.Key.Key_Return)
    # Astrid came before (the summer party); arrows and Space in the list tick her too.
    type_text(qtbot, search, "a")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    page.checklist.list.setFocus()
    qtbot.keyClick(page.checklist.list, Qt.Key.Key_Up)
    qtbot.keyClick(page.checklist.list, Qt.Key.Key_Space)
    assert page.checklist.count_label.text() == \
        "3 came · 3 signed up · 2 for the first time"
    texts = _checklist_texts(page)
    assert "Astrid Berg  ·  no. 1" in texts  # not her first time: no mark
    page.checklist.search_edit.clear()
    texts = _checklist_texts(page)
    assert "Björn Dahl  ·  no. 2  ·  first time" in texts
    assert "Örjan Öberg  ·  no. 4  ·  not signed up  ·  first time" in texts
    page.checklist.guests_spin.setValue(2)
    assert page.save_attendance_button.isEnabled()
    assert page.attendance_status.text() == "Not saved yet."
    qtbot.keyClick(page.checklist.search_edit, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    assert page.attendance_status.text() == "Saved: 3 came. 2 of them for the first time."
    service = session.activities()
    came = {p.member_id for p in service.people(today.id) if p.attended}
    assert came == {people[0].id, people[1].id, people[3].id}
    assert service.get(today.id).guests == 2
    assert page.tree.topLevelItem(0).text(6) == "3"


def test_enter_unticks_a_ticked_name(qtbot, setup):
    page, _people, _today, _tomorrow, _earlier = setup
    search = page.checklist.search_edit
    type_text(qtbot, search, "cec")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    type_text(qtbot, search, "cec")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert page.checklist.checked_ids() == []


def test_tomorrows_reminders_with_phones_and_marking(qtbot, setup, session):
    page, people, _today, tomorrow, _earlier = setup
    tree = page.reminder_tree
    rows = [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
            for i in range(tree.topLevelItemCount())]
    assert rows == [("Astrid Berg", "070-123 45 61"), ("Björn Dahl", "070-123 45 62")]
    assert "2 members" in page.reminder_label.text()
    tree.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(page.remind_button, Qt.MouseButton.LeftButton)
    assert page.reminder_tree.topLevelItemCount() == 1
    reminded = {p.member_id: p.reminded_on for p in session.activities().repo.people(
        tomorrow.id)}
    assert reminded[people[0].id] == TODAY and reminded[people[1].id] is None
    qtbot.mouseClick(page.remind_all_button, Qt.MouseButton.LeftButton)
    assert page.reminder_label.text() == "Nobody left to remind for tomorrow."


def test_the_evaluation_form_is_kept_with_the_activity(qtbot, setup, session):
    page, _people, today, _tomorrow, _earlier = setup
    page.tabs.setCurrentIndex(2)
    form = page.evaluation
    assert form.isEnabled()
    assert form.previous_heading.text() == "Earlier “Member meeting”"
    type_text(qtbot, form.worked_edit, "Fikat och tydlig dagordning")
    type_text(qtbot, form.did_not_work_edit, "För varmt")
    form.came_spin.setValue(12)
    form.joined_spin.setValue(1)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.status_label.text() == "Saved."
    ev = session.activities().evaluation(today.id)
    assert (ev.worked, ev.did_not_work, ev.came, ev.joined) == (
        "Fikat och tydlig dagordning", "För varmt", 12, 1)
    # Chosen again later, the form shows what was saved.
    page.refresh()
    assert page.evaluation.worked_edit.toPlainText() == "Fikat och tydlig dagordning"


def test_a_new_activity_shows_the_last_evaluations_of_its_kind(qtbot, setup, session):
    page, _people, _today, _tomorrow, _earlier = setup
    dialog = page.new_activity()
    type_text(qtbot, dialog.title_edit, "Julfest")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("party"))
    assert "Grillen" in dialog.previous_box.toPlainText()
    assert "Regnet" in dialog.previous_box.toPlainText()
    assert "14 came" in dialog.previous_box.toPlainText()
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(20))
    dialog.place_edit.setText("Föreningslokalen")
    dialog.responsible_combo.setEditText("Åsa Lund")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    rows = session.activities().upcoming()
    party = next(r.activity for r in rows if r.activity.title == "Julfest")
    assert (party.kind, party.on_date, party.starts_at, party.responsible) == (
        "party", date(2026, 12, 15), time(18), "Åsa Lund")
    assert page.title_label.text() == "Julfest"


def test_an_own_kind_and_a_missing_title(qtbot, setup, session):
    page, _people, _today, _tomorrow, _earlier = setup
    dialog = page.new_activity()
    dialog.kind_combo.setEditText("Soppkök")
    dialog.timed_check.setChecked(False)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors.visible() == {"title": "Give the activity a title."}
    type_text(qtbot, dialog.title_edit, "Soppa på torget")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    soup = next(r.activity for r in session.activities().upcoming()
                if r.activity.title == "Soppa på torget")
    assert soup.kind == "Soppkök" and soup.starts_at is None
    assert page.tree.currentItem().text(1) == "all day"


def test_export_to_calendar(qtbot, setup, tmp_path, monkeypatch):
    page, _people, _today, _tomorrow, _earlier = setup
    target = tmp_path / "styrelsen"
    monkeypatch.setattr(page, "ask_ics_path", lambda suggested: target.with_suffix(".ics"))
    assert page.export_ics(None) == target.with_suffix(".ics")
    text = target.with_suffix(".ics").read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert page.notifier.messages[-1][0] == "info"
    assert "Saved 2 activities" in page.notifier.messages[-1][1]


def test_sign_up_from_the_page_and_cancel(qtbot, setup, session):
    page, people, today, _tomorrow, _earlier = setup
    finder = page.finder
    type_text(qtbot, finder.search_edit, "örj")
    qtbot.keyClick(finder.search_edit, Qt.Key.Key_Return)
    assert page.signup_tree.topLevelItemCount() == 4
    parts = {p.member_id: p for p in session.activities().repo.people(today.id)}
    assert parts[people[3].id].via is SignUpVia.LIST
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.cancelled_label.text() == "Cancelled"
    assert session.activities().get(today.id).cancelled


def test_ticks_and_an_evaluation_are_kept_when_another_activity_is_chosen(qtbot, setup,
                                                                           session):
    page, people, today, tomorrow, _earlier = setup
    type_text(qtbot, page.checklist.search_edit, "cec")
    qtbot.keyClick(page.checklist.search_edit, Qt.Key.Key_Return)
    page.tabs.setCurrentIndex(2)
    type_text(qtbot, page.evaluation.worked_edit, "Bra samtal")
    page.tree.setCurrentItem(page.tree.topLevelItem(1))  # tomorrow's study circle
    assert page.title_label.text() == "Studiecirkel"
    service = session.activities()
    assert [p.member_id for p in service.people(today.id) if p.attended] == [people[2].id]
    assert service.evaluation(today.id).worked == "Bra samtal"
    # Tomorrow's attendance cannot be taken yet, nor its evaluation written.
    assert not page.checklist.isEnabled() and not page.evaluation.isEnabled()
    qtbot.waitUntil(lambda: page.tree.topLevelItem(0).text(6) == "1")
    assert page.title_label.text() == "Studiecirkel"


def test_the_responsible_can_be_any_member_found_by_typing(qtbot, setup, session):
    page, people, _today, _tomorrow, _earlier = setup
    dialog = page.new_activity()
    type_text(qtbot, dialog.title_edit, "Bokbord")
    edit = dialog.responsible_combo.lineEdit()
    type_text(qtbot, edit, "Öbe")
    assert dialog._member_names.stringList() == ["Örjan Öberg"]
    edit.setText("Örjan Öberg")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    stall = next(r.activity for r in session.activities().upcoming()
                 if r.activity.title == "Bokbord")
    assert (stall.responsible, stall.responsible_member_id) == ("Örjan Öberg", people[3].id)


def test_delete_asks_first_and_reinstate_undoes_a_cancel(qtbot, setup, session):
    page, _people, today, _tomorrow, _earlier = setup
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.cancel_button.text() == "Reins&tate"
    assert "(cancelled)" in page.tree.topLevelItem(0).text(2)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert not session.activities().get(today.id).cancelled
    page.notifier.answer = False
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert session.activities().repo.get(today.id) is not None
    page.notifier.answer = True
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert session.activities().repo.get(today.id) is None
    assert page.title_label.text() == "Studiecirkel"


def _page_in_window_width(qtbot, session, width: int):
    """The page as wide as the main window gives it on a screen ``width`` px wide."""
    page = ActivitiesPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(width - 180, 700)  # the navigation takes about 180 px
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(10)  # the splitter is balanced once the page is laid out
    return page


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_past_sign_ups_fit_without_scrolling_sideways(qtbot, session, language):
    """Tester at 1366 px: under "Past" the sign-ups scrolled sideways and "Came" was cut."""
    from medlemsvard_app.i18n import set_language

    people = add_members(
        session,
        {"given_name": "Christer", "family_name": "Lindqvist", "member_number": 1,
         "phone": "0705486296", "joined_on": date(2026, 10, 1)},
        {"given_name": "Margareta", "family_name": "Johansson", "member_number": 2,
         "phone": "0708438197", "joined_on": date(2026, 10, 1)})
    service = session.activities()
    past = service.save(Activity("Träff för nya medlemmar", date(2026, 11, 16),
                                 "new_member_meeting", time(18), time(19, 30),
                                 place="Folkets hus, lilla salen"))
    service.sign_up(past.id, people[0].id, SignUpVia.CARD, day=date(2026, 11, 2))
    service.sign_up(past.id, people[1].id, SignUpVia.CALL, day=date(2026, 11, 9))
    service.set_attendance(past.id, [people[0].id, people[1].id])
    set_language(language)
    try:
        page = _page_in_window_width(qtbot, session, 1366)
        page.show_group.button(SHOW_PAST).click()
        qtbot.wait(10)
        assert page.title_label.text() == "Träff för nya medlemmar"
        tree = page.signup_tree
        assert not tree.horizontalScrollBar().isVisible()
        header = tree.header()
        metrics = header.fontMetrics()
        for col in range(tree.columnCount()):
            if tree.isColumnHidden(col):
                continue
            text = tree.headerItem().text(col)
            assert header.sectionSize(col) >= metrics.horizontalAdvance(text) + 8, text
        assert tree.isColumnHidden(4)  # "Reminded" says nothing after the day
        visible = sum(header.sectionSize(c) for c in range(tree.columnCount())
                      if not tree.isColumnHidden(c))
        assert visible <= tree.viewport().width()
        # The name column shows the longest name in full.
        assert header.sectionSize(0) >= tree.sizeHintForColumn(0)
    finally:
        set_language("en")


def test_a_wide_screen_shows_kind_and_place_in_full(qtbot, session):
    service = session.activities()
    service.save(Activity("Fika", date(2026, 12, 5), "new_member_meeting", time(14),
                          place="Föreningslokalen på Storgatan 12"))
    page = _page_in_window_width(qtbot, session, 1920)
    tree = page.tree
    header = tree.header()
    for col in (3, 4):  # kind and place
        assert header.sectionSize(col) >= tree.sizeHintForColumn(col), \
            tree.topLevelItem(0).text(col)
    assert not tree.horizontalScrollBar().isVisible()




def test_alt_t_saves_attendance_and_its_letter_is_unique(qtbot, setup, session,
                                                          main_window):
    """Alt+S printed instead of saving (the button shared its letter with a menu)."""
    from tests.ui.test_mnemonics import clashes, groups, mnemonic

    _page, people, today, _tomorrow, _earlier = setup
    win = main_window
    win.open_page_by_key("activities")
    page = win.stack.currentWidget()
    assert page.title_label.text() == "Medlemsmöte"
    page.tabs.setCurrentIndex(1)
    titles = [(mnemonic(a.text()), a.text()) for a in win.menuBar().actions()
              if mnemonic(a.text())]
    button = page.save_attendance_button
    letter = mnemonic(button.text())
    assert letter == "t"
    for group in groups(page):
        if (letter, button.text()) in group:
            assert not clashes(titles + group), clashes(titles + group)
    type_text(qtbot, page.checklist.search_edit, "cec")
    qtbot.keyClick(page.checklist.search_edit, Qt.Key.Key_Return)
    assert button.isEnabled()
    qtbot.keyClick(page.checklist.search_edit, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not button.isEnabled(), timeout=3000)  # a mnemonic animates
    assert [p.member_id for p in session.activities().people(today.id) if p.attended] == [
        people[2].id]
