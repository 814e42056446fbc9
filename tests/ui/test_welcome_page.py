"""The welcome view as the membership officer uses it: read the grid, click a cell to skip
a step with a note, narrow it down with the filters, open a card, and offer a task."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from medlemsvard_app.domain.models import BoardPost, BoardRole
from medlemsvard_app.domain.tasks import OfferAnswer, Task
from medlemsvard_app.domain.welcome import StepState
from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.welcome_page import WelcomePage
from medlemsvard_app.ui.widgets.welcome_grid import (
    FIRST_STEP_COLUMN,
    STATE_COLOURS,
    MineRole,
    StatusRole,
)
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def people(session):
    assoc = session.association
    assoc.board = [BoardPost(BoardRole.SECRETARY, "Sara Sekreterare"),
                   BoardPost(BoardRole.CHAIR, "Olle Ordförande")]
    session.save_association(assoc)
    people = add_members(
        session,
        {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
         "joined_on": date(2026, 11, 20)},
        {"given_name": "Björn", "family_name": "Dahl", "member_number": 2,
         "joined_on": date(2026, 10, 1), "interests": ["Foto"]},
        {"given_name": "Cecilia", "family_name": "Ek", "member_number": 3,
         "joined_on": date(2021, 1, 1), "skills": ["Skriva", "Foto"]},
    )
    MailingRepository(session.db).record(Mailing("letter", date(2026, 11, 22), "welcome"),
                                         [people[0].id])
    return people


@pytest.fixture
def page(qtbot, session, people):
    page = WelcomePage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1300, 700)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    return page


def names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def column_of(page, code: str) -> int:
    codes = [s.code for s in page.model.settings.steps]
    return FIRST_STEP_COLUMN + codes.index(code)


def cell(page, name: str, code: str):
    row = names(page).index(name)
    return page.proxy.index(row, column_of(page, code))


def click(qtbot, page, index, double: bool = False) -> None:
    page.grid.scrollTo(index)
    pos = page.grid.visualRect(index).center()
    if double:  # a press first, as a person's double-click begins
        qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_the_grid_shows_new_members_with_a_state_in_words_and_colour(page):
    assert names(page) == ["Astrid Berg", "Björn Dahl"]  # Cecilia joined in 2021
    letter = cell(page, "Astrid Berg", "letter")
    assert letter.data().startswith("✓") and "22" in letter.data()
    assert letter.data(Qt.ItemDataRole.BackgroundRole).color().name() == \
        STATE_COLOURS[StepState.DONE][0]
    assert "Welcome letter printed" in letter.data(Qt.ItemDataRole.ToolTipRole)
    late = cell(page, "Björn Dahl", "call")
    assert late.data().startswith("! ") and "Oct" in late.data()  # due 15 October
    assert late.data(Qt.ItemDataRole.BackgroundRole).color().name() == \
        STATE_COLOURS[StepState.OVERDUE][0]
    assert "days late" in late.data(Qt.ItemDataRole.ToolTipRole)
    assert cell(page, "Astrid Berg", "task").data().startswith("·")
    assert "2 new members in the last 90 days" in page.summary_label.text()
    assert page.findChild(type(page.summary_label), "legend_overdue").text() == "! Overdue"


def test_clicking_a_cell_skips_the_step_with_a_note(qtbot, page, session, people):
    click(qtbot, page, cell(page, "Björn Dahl", "coffee"))
    dialog = page._dialogs[-1]
    assert dialog.isVisible()
    skip = dialog.choices["skipped"]
    # on the words, as a person clicks (the row's empty right end is not the button)
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton, pos=QPoint(12, skip.height() // 2))
    assert dialog.choice() == "skipped"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()  # a skip needs a note
    type_text(qtbot, dialog.note_edit, "Bor i Göteborg till våren")
    assert dialog.date_edit.isEnabled()  # a person's decision carries its day
    dialog.date_edit.setDate(QDate(2026, 11, 21))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    skipped = cell(page, "Björn Dahl", "coffee")
    assert skipped.data() == "– 21 Nov"  # the symbol and the day it was skipped
    assert "Bor i Göteborg till våren" in skipped.data(Qt.ItemDataRole.ToolTipRole)
    status = session.welcome().row(people[1].id).state("coffee")
    assert status.state is StepState.SKIPPED


def test_space_ticks_an_open_step_and_says_so(qtbot, page, session, people):
    index = cell(page, "Björn Dahl", "call")
    page.grid.setCurrentIndex(index)
    page.grid.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(page.grid, Qt.Key.Key_Space)
    assert cell(page, "Björn Dahl", "call").data(StatusRole).state is StepState.DONE
    assert page.grid.currentIndex().column() == index.column()
    assert page.message_label.text().startswith("Marked done: Welcome call for Björn Dahl.")


def test_space_on_a_done_step_opens_it_instead_of_unticking(qtbot, page, session, people):
    """A stray Space must not quietly undo a fact: the letter was printed and posted."""
    page.grid.setCurrentIndex(cell(page, "Astrid Berg", "letter"))
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Space)
    dialog = page._dialogs[-1]
    assert dialog.isVisible() and dialog.step.code == "letter"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert session.welcome().row(people[0].id).state("letter").state is StepState.DONE
    assert cell(page, "Astrid Berg", "letter").data(StatusRole).state is StepState.DONE




def test_a_tick_with_space_can_be_undone_from_the_edit_menu(qtbot, session, people,
                                                             main_window):
    win = main_window
    win.open_page_by_key("welcome")
    page = win.welcome_page
    qtbot.waitUntil(lambda: page.snapshot is not None and page.proxy.rowCount() > 0,
                    timeout=10000)
    assert not win.undo_action.isEnabled()
    page.grid.setCurrentIndex(cell(page, "Björn Dahl", "call"))
    page.grid.setFocus()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(page.grid, Qt.Key.Key_Space)
    assert session.welcome().row(people[1].id).state("call").state is StepState.DONE
    assert win.undo_action.isEnabled()
    assert "Welcome call" in win.undo_action.text() and "Björn Dahl" in \
        win.undo_action.text()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        win.undo_action.trigger()
    assert session.welcome().row(people[1].id).state("call").state is StepState.OVERDUE
    assert cell(page, "Björn Dahl", "call").data(StatusRole).state is StepState.OVERDUE
    assert not win.undo_action.isEnabled()


@pytest.mark.parametrize("language", ["sv", "nb", "en"])
def test_a_selected_cell_has_room_for_its_text(qtbot, session, people, language):
    """The selection frame and the bold type of a late step must not cut off a date."""
    from PySide6.QtGui import QFont, QFontMetrics

    from medlemsvard_app.i18n import set_language
    from medlemsvard_app.ui.widgets.welcome_grid import SELECTED_BORDER

    set_language(language)
    try:
        page = WelcomePage(session, RecordingNotifier())
        qtbot.addWidget(page)
        page.resize(1366 - 180, 700)
        with qtbot.waitSignal(page.loaded, timeout=10000):
            page.show()
        grid = page.grid
        bold = QFont(grid.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column in range(page.proxy.columnCount()):
            for row in range(page.proxy.rowCount()):
                text = page.proxy.index(row, column).data()
                need = metrics.horizontalAdvance(text) + 2 * SELECTED_BORDER + 6
                assert grid.columnWidth(column) >= need, (language, text)
    finally:
        set_language("en")


def test_filters_change_what_is_shown(qtbot, page):
    qtbot.mouseClick(page.overdue_chip, Qt.MouseButton.LeftButton)
    assert names(page) == ["Björn Dahl"]
    assert "1 shown" in page.summary_label.text()
    qtbot.mouseClick(page.overdue_chip, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.month_chip, Qt.MouseButton.LeftButton)
    assert names(page) == ["Astrid Berg"]
    qtbot.mouseClick(page.month_chip, Qt.MouseButton.LeftButton)
    # "Mine": nothing to choose until I say who I am.
    assert not page.mine_chip.isEnabled()
    page.me_combo.setCurrentIndex(page.me_combo.findData("Olle Ordförande"))
    qtbot.mouseClick(page.mine_chip, Qt.MouseButton.LeftButton)
    # The chair's step is the task offer: open for Björn (due), not yet for Astrid.
    assert names(page) == ["Astrid Berg", "Björn Dahl"]
    page.me_combo.setCurrentIndex(page.me_combo.findData("Sara Sekreterare"))
    # The secretary's step is the letter: Astrid's was printed, Björn's was not.
    assert names(page) == ["Björn Dahl"]
    # Her open step is framed; the others are not.
    assert cell(page, "Björn Dahl", "letter").data(MineRole) is True
    assert cell(page, "Björn Dahl", "call").data(MineRole) is False


def test_i_am_is_remembered(qtbot, session, people, page):
    page.me_combo.setCurrentIndex(page.me_combo.findData("Sara Sekreterare"))
    again = WelcomePage(session, RecordingNotifier())
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.loaded, timeout=10000):
        again.show()
    assert again.me_combo.currentData() == "Sara Sekreterare"
    assert again.mine_chip.isEnabled()


def test_double_clicking_a_name_opens_the_card(qtbot, page, people):
    with qtbot.waitSignal(page.member_activated, timeout=2000) as signal:
        click(qtbot, page, page.proxy.index(names(page).index("Björn Dahl"), 0), double=True)
    assert signal.args == [people[1].id]


def test_the_guide_can_be_hidden(qtbot, page):
    assert page.guide.isVisible()
    assert "Listen first" in " ".join(w.text() for w in page.guide.findChildren(
        type(page.summary_label)))
    qtbot.mouseClick(page.guide_button, Qt.MouseButton.LeftButton)
    assert not page.guide.isVisible()


def test_choosing_a_mentor_in_the_mentor_step(qtbot, page, session, people):
    click(qtbot, page, cell(page, "Björn Dahl", "mentor"))
    dialog = page._dialogs[-1]
    picker = dialog.mentor_picker
    assert picker is not None
    type_text(qtbot, picker, "Ceci")  # the register's search, as in the recruiter field
    popup = picker.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.member_id == people[2].id
    assert picker.text() == "Cecilia Ek (no. 3)"
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    mentor = cell(page, "Björn Dahl", "mentor")
    assert mentor.data(StatusRole).state is StepState.DONE
    assert "Cecilia Ek" in mentor.data(Qt.ItemDataRole.ToolTipRole)


def test_a_task_is_added_and_offered_to_a_suggested_member(qtbot, page, session, people):
    page.tabs.setCurrentIndex(1)
    panel = page.tasks_panel
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = panel._dialogs[-1]
    type_text(qtbot, dialog.title_edit, "Fotografera på mötena")
    type_text(qtbot, dialog.tags_editor.input_edit, "Foto")
    qtbot.mouseClick(dialog.tags_editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert panel.task_tree.topLevelItemCount() == 1
    assert panel.task_tree.topLevelItem(0).text(0) == "Fotografera på mötena"
    suggested = [panel.suggest_tree.topLevelItem(i).text(0)
                 for i in range(panel.suggest_tree.topLevelItemCount())]
    assert suggested == ["Björn Dahl", "Cecilia Ek"]
    panel.suggest_tree.topLevelItem(0).setSelected(True)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.offer_button, Qt.MouseButton.LeftButton)
    assert panel.offer_tree.topLevelItemCount() == 1
    assert panel.offer_tree.topLevelItem(0).text(2) == "Thinking about it"
    panel.offer_tree.setCurrentItem(panel.offer_tree.topLevelItem(0))
    qtbot.mouseClick(panel.answer_buttons[OfferAnswer.ACCEPTED], Qt.MouseButton.LeftButton)
    assert panel.offer_tree.topLevelItem(0).text(2) == "Accepted"
    assert panel.task_tree.topLevelItem(0).text(2) == "1 accepted"
    # Back in the grid the task step of Björn is done.
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.tabs.setCurrentIndex(0)
        page.refresh()
    assert cell(page, "Björn Dahl", "task").data(StatusRole).state is StepState.DONE


def test_the_member_card_shows_mentor_and_tasks(qtbot, session, people):
    from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog

    tasks = session.tasks()
    task = tasks.save(Task("Medlemsbladet", tags=["Foto"]))
    tasks.save(Task("Bokbord", tags=["Kampanj"]))
    dialog = MemberDialog(session.register(), session.association, people[1],
                          RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.welcome_box
    assert box.progress_label.text().startswith("Welcome checklist: ")
    assert "overdue" in box.progress_label.text()  # Björn joined on 1 October
    assert box.suggest_combo.currentData() == task.id
    qtbot.mouseClick(box.offer_button, Qt.MouseButton.LeftButton)
    assert box.offers.topLevelItemCount() == 1
    assert box.offers.topLevelItem(0).text(0) == "Medlemsbladet"
    box.mentor_picker.choose(people[2].id)
    assert session.welcome().mentor(people[1].id).mentor_id == people[2].id


def test_the_settings_add_a_step_of_our_own_and_shorten_the_period(qtbot, page, session):
    qtbot.mouseClick(page.settings_button, Qt.MouseButton.LeftButton)
    dialog = page._dialogs[-1]
    assert dialog.step_list.count() == 9
    assert dialog.title_edit.placeholderText() == "Welcome letter sent"  # the app's words
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.title_edit.clear()
    type_text(qtbot, dialog.title_edit, "Ge en välkomstpåse")
    dialog.days_spin.setValue(10)
    dialog.owner_combo.setCurrentIndex(dialog.owner_combo.findData("treasurer"))
    dialog.period_spin.setValue(30)
    assert "Ge en välkomstpåse — 10 days after joining · Treasurer" in \
        dialog.step_list.item(9).text()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    settings = session.welcome().settings()
    assert settings.period_days == 30 and settings.steps[-1].title == "Ge en välkomstpåse"
    # Björn joined on 1 October, more than 30 days ago: only Astrid is new now.
    assert names(page) == ["Astrid Berg"]
    last = page.model.columnCount() - 1
    assert page.model.headerData(last, Qt.Orientation.Horizontal) == "Ge en\nvälkomstpåse"
    # Astrid joined on 20 November: the bag is due by 30 November.
    assert page.proxy.index(0, last).data().startswith("●")


def test_offering_a_task_from_the_task_step(qtbot, page, session, people):
    tasks = session.tasks()
    photo = tasks.save(Task("Fotografera på mötena", tags=["Foto"]))
    tasks.save(Task("Bokbord", tags=["Kampanj"]))
    click(qtbot, page, cell(page, "Björn Dahl", "task"))
    dialog = page._dialogs[-1]
    combo = dialog.task_combo
    assert combo.itemData(1) == photo.id and "foto" in combo.itemText(1)  # fits him first
    assert combo.count() == 3
    combo.setCurrentIndex(1)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    status = cell(page, "Björn Dahl", "task").data(StatusRole)
    assert status.state is StepState.DONE and status.evidence.detail == "Fotografera på mötena"
    assert [o.task_id for o in tasks.offers_for_member(people[1].id)] == [photo.id]
