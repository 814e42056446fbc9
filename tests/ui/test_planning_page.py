"""The Planning view as a board uses it at a meeting: cards typed in and moved with the
keyboard or by dragging, the compass ticked, the plan started from the example, large text
for the projector, and everything saved without a Save button."""

from __future__ import annotations

import warnings
from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from medlemsvard_app.domain.compass import Answer
from medlemsvard_app.domain.swot import Quadrant
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.planning_page import PlanningPage
from medlemsvard_app.ui.widgets.swot_board import CARD_MIME
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def make_page(qtbot, session) -> PlanningPage:
    page = PlanningPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


@pytest.fixture
def page(qtbot, session):
    return make_page(qtbot, session)


def saved(page) -> bool:
    return "All changes saved" in page.save_label.text()


def test_a_card_typed_into_a_field_is_saved_on_its_own(qtbot, page, session):
    assert not page.swot_board.isEnabled()  # no analysis yet
    qtbot.mouseClick(page.new_swot_button, Qt.MouseButton.LeftButton)
    entry = page.swot_board.inputs[Quadrant.STRENGTHS]
    type_text(qtbot, entry, "Lojala ringare som ställer upp")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert entry.text() == ""
    assert page.swot_board.cards_shown(Quadrant.STRENGTHS) == ["Lojala ringare som ställer upp"]
    assert page.save_label.text() == "Saving…"
    qtbot.waitUntil(lambda: saved(page), timeout=3000)  # no Save button: it saves itself
    stored = session.board().swot()
    assert [c.text for c in stored.in_quadrant(Quadrant.STRENGTHS)] == [
        "Lojala ringare som ställer upp"]
    assert stored.held_on == date(2026, 11, 25)


def board_with_cards(qtbot, page):
    qtbot.mouseClick(page.new_swot_button, Qt.MouseButton.LeftButton)
    for text in ("first", "second"):
        entry = page.swot_board.inputs[Quadrant.STRENGTHS]
        type_text(qtbot, entry, text)
        qtbot.keyClick(entry, Qt.Key.Key_Return)
    return page.swot_board.lists


def test_cards_move_with_the_keyboard(qtbot, page, session):
    lists = board_with_cards(qtbot, page)
    strengths = lists[Quadrant.STRENGTHS]
    strengths.setFocus()
    strengths.setCurrentRow(1)  # "second"
    qtbot.keyClick(strengths, Qt.Key.Key_Up, CTRL)
    assert page.swot_board.cards_shown(Quadrant.STRENGTHS) == ["second", "first"]
    assert strengths.currentItem().text() == "second"  # the card stays selected
    qtbot.keyClick(strengths, Qt.Key.Key_Right, CTRL_SHIFT)  # to weaknesses
    assert page.swot_board.cards_shown(Quadrant.WEAKNESSES) == ["second"]
    weaknesses = lists[Quadrant.WEAKNESSES]
    assert weaknesses.hasFocus() and weaknesses.currentItem().text() == "second"
    qtbot.keyClick(weaknesses, Qt.Key.Key_Down, CTRL_SHIFT)  # to threats
    assert page.swot_board.cards_shown(Quadrant.THREATS) == ["second"]
    threats = lists[Quadrant.THREATS]
    qtbot.keyClick(threats, Qt.Key.Key_Right, CTRL_SHIFT)  # an edge: stays
    assert page.swot_board.cards_shown(Quadrant.THREATS) == ["second"]
    qtbot.keyClick(threats, Qt.Key.Key_Delete)
    assert page.swot_board.cards_shown(Quadrant.THREATS) == []
    qtbot.keyClick(threats, Qt.Key.Key_Z, CTRL)  # undo the delete
    assert page.swot_board.cards_shown(Quadrant.THREATS) == ["second"]
    assert page.flush()
    stored = session.board().swot()
    assert [(c.quadrant, c.text) for c in stored.cards] == [
        (Quadrant.STRENGTHS, "first"), (Quadrant.THREATS, "second")]


def drop_on(target, data: QMimeData, pos: QPoint) -> QDropEvent:
    """What a mouse drag delivers to the field under the pointer: enter, move, drop."""
    viewport = target.viewport()
    args = (Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the QPoint constructors
        QApplication.sendEvent(viewport, QDragEnterEvent(pos, *args))
        QApplication.sendEvent(viewport, QDragMoveEvent(pos, *args))
    drop = QDropEvent(pos.toPointF(), *args)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_a_card_dragged_to_another_field_lands_where_it_is_dropped(qtbot, page, session):
    lists = board_with_cards(qtbot, page)
    strengths, weaknesses = lists[Quadrant.STRENGTHS], lists[Quadrant.WEAKNESSES]
    entry = page.swot_board.inputs[Quadrant.WEAKNESSES]
    type_text(qtbot, entry, "few young members")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    # What the drag carries is what the source list puts in its mime data.
    data: QMimeData = strengths.mimeData([strengths.item(0)])
    assert data.hasFormat(CARD_MIME)
    top = weaknesses.visualItemRect(weaknesses.item(0)).topLeft() + QPoint(5, 2)
    assert drop_on(weaknesses, data, top).isAccepted()
    assert page.swot_board.cards_shown(Quadrant.STRENGTHS) == ["second"]
    assert page.swot_board.cards_shown(Quadrant.WEAKNESSES) == ["first", "few young members"]
    # Dropping on the empty part of a field puts the card at the end.
    data = strengths.mimeData([strengths.item(0)])
    drop_on(weaknesses, data, QPoint(10, weaknesses.viewport().height() - 5))
    assert page.swot_board.cards_shown(Quadrant.WEAKNESSES)[-1] == "second"
    assert page.flush()
    assert len(session.board().swot().in_quadrant(Quadrant.WEAKNESSES)) == 3


def test_a_card_is_edited_in_place(qtbot, page, session):
    lists = board_with_cards(qtbot, page)
    strengths = lists[Quadrant.STRENGTHS]
    strengths.setFocus()
    strengths.setCurrentRow(0)
    qtbot.keyClick(strengths, Qt.Key.Key_F2)
    assert strengths.state() == QAbstractItemView.State.EditingState
    editor = strengths.viewport().findChild(QLineEdit)
    editor.selectAll()
    type_text(qtbot, editor, "the very first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the edit a moment later
    qtbot.waitUntil(lambda: page.swot_board.cards_shown(Quadrant.STRENGTHS)[0] ==
                    "the very first")
    assert page.flush()
    assert session.board().swot().cards[0].text == "the very first"


def test_older_analyses_stay_and_can_be_picked(qtbot, session):
    board = session.board()
    old = board.new_swot(date(2025, 10, 1), "Last year")
    old.add(Quadrant.THREATS, "old threat")
    board.save_swot(old)
    board.new_swot(date(2026, 10, 1), "This year")
    page = make_page(qtbot, session)
    assert page.swot_picker.count() == 2
    assert page.swot_title.text() == "This year"  # the latest is open
    page.swot_picker.setCurrentIndex(1)
    page.swot_picker.activated.emit(1)
    assert page.swot_title.text() == "Last year"
    assert page.swot_board.cards_shown(Quadrant.THREATS) == ["old threat"]


def test_the_compass_is_ticked_and_shows_progress(qtbot, page, session):
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.new_assessment_button, Qt.MouseButton.LeftButton)
    sheet = page.compass_sheet
    row = sheet.rows["welcome.letter"]
    qtbot.mouseClick(row.buttons[Answer.SOON], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(sheet.rows["welcome.board_call"].buttons[Answer.NOW],
                     Qt.MouseButton.LeftButton)
    type_text(qtbot, row.note, "mall saknas")
    assert sheet.summary_labels[next(iter(sheet.summary_labels))].text().startswith("0 now")
    welcome_summary = [lbl for area, lbl in sheet.summary_labels.items()
                       if area.value == "welcome"][0]
    assert welcome_summary.text() == "1 now · 1 soon · 0 not now · 4 blank"
    assert "first assessment" in sheet.progress_label.text()
    assert page.flush()
    first = session.board().assessments()[0]
    assert first.answers["welcome.letter"].answer is Answer.SOON
    assert first.answers["welcome.letter"].note == "mall saknas"

    # A year later: the new assessment starts from the old one; one plan came true.
    session.today = lambda: date(2027, 11, 20)
    qtbot.mouseClick(page.new_assessment_button, Qt.MouseButton.LeftButton)
    row = sheet.rows["welcome.letter"]
    assert row.buttons[Answer.SOON].isChecked() and row.note.text() == "mall saknas"
    qtbot.mouseClick(row.buttons[Answer.NOW], Qt.MouseButton.LeftButton)
    assert not row.buttons[Answer.SOON].isChecked()
    assert "Since the assessment of 25 November 2026" in sheet.progress_title.text()
    assert "Moved from “soon” to “now” (1): Our new members get a welcome letter" in \
        sheet.progress_label.text()
    assert page.compass_picker.count() == 2
    assert page.flush()
    assert session.board().compass(date(2027, 11, 20)).progress.moved_to_now == (
        "welcome.letter",)


def test_items_the_app_can_answer_say_what_it_sees_and_link_there(qtbot, session):
    add_members(session, {"given_name": "Ny", "member_number": 1,
                          "joined_on": date(2026, 11, 1)})
    session.board().new_assessment(date(2026, 11, 25))
    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(1)
    hint = page.compass_sheet.rows["welcome.letter"].hint
    # The app counts in the background; the hints appear when it is done.
    qtbot.waitUntil(lambda: not page.figures_pending(), timeout=5000)
    assert hint.isVisibleTo(page)
    assert "0 of 1 new member (last 90 days) got a welcome letter" in hint.text()
    assert 'href="welcome"' in hint.text()
    with qtbot.waitSignal(page.navigate_requested) as signal:
        hint.linkActivated.emit("welcome")
    assert signal.args == ["welcome"]
    officer = page.compass_sheet.rows["recruit.membership_officer"].hint
    assert 'href="settings"' in officer.text()
    # The action plan item links to the plan tab on this page.
    page.compass_sheet.rows["recruit.action_plan"].hint.linkActivated.emit("plan")
    assert page.tabs.currentIndex() == 2
    assert page.compass_sheet.rows["analyse.media"].hint is None


def test_the_plan_starts_from_the_example_and_shows_progress(qtbot, session):
    add_members(session, *({"given_name": f"M{i}", "member_number": i + 1,
                            "joined_on": date(2026, 3, 1)} for i in range(4)))
    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(2)
    session.today = lambda: date(2026, 1, 15)
    page.new_example_action.trigger()
    session.today = lambda: date(2026, 11, 25)
    editor = page.plan_editor
    assert editor.title_edit.text() and editor.texts["overall_goal"].toPlainText()
    assert len(editor.goal_rows) == 2 and editor.activities.rowCount() == 5
    expected = ["0 of 5 activities held by 25 Nov 2026", "4 of 20 new members by 25 Nov 2026"]
    qtbot.waitUntil(lambda: editor.progress_texts() == expected, timeout=5000)
    assert editor.goal_rows[1].bar.value() == 200  # 4 of 20, in thousandths
    # The target is typed; the figure follows.
    target = editor.goal_rows[1].target
    target.selectAll()
    type_text(qtbot, target, "8")
    assert editor.progress_texts()[1] == "4 of 8 new members by 25 Nov 2026"
    # A sub-goal of its own, counted as members.
    qtbot.mouseClick(editor.add_goal_button, Qt.MouseButton.LeftButton)
    row = editor.goal_rows[-1]
    type_text(qtbot, row.text_edit, "Fyra medlemmar till")
    row.metric_combo.setCurrentIndex(row.metric_combo.findData("members"))
    row.target.setValue(10)
    assert editor.progress_texts()[2] == "counting…"  # a new figure: asked in the background
    qtbot.waitUntil(lambda: editor.progress_texts()[2] == "4 of 10 members on 25 Nov 2026",
                    timeout=5000)
    assert editor.goal_rows[0].bar.isEnabled()
    qtbot.waitUntil(lambda: saved(page), timeout=3000)
    stored = session.board().plan()
    assert [(g.text, g.target) for g in stored.goals][1:] == [
        (stored.goals[1].text, 8), ("Fyra medlemmar till", 10)]


def test_large_text_for_the_projector_is_remembered(qtbot, session):
    page = make_page(qtbot, session)
    card_list = page.swot_board.lists[Quadrant.STRENGTHS]
    normal = card_list.font().pointSizeF()
    qtbot.mouseClick(page.large_button, Qt.MouseButton.LeftButton)
    assert card_list.font().pointSizeF() == pytest.approx(normal * 1.45, rel=0.02)
    title = page.title.font().pointSizeF()
    assert title == pytest.approx(normal * 1.45 * 1.35, rel=0.02)  # headings stay larger
    qtbot.mouseClick(page.large_button, Qt.MouseButton.LeftButton)
    assert card_list.font().pointSizeF() == pytest.approx(normal)
    assert page.title.font().pointSizeF() == pytest.approx(title / 1.45, rel=0.02)
    page.large_button.setChecked(True)
    again = make_page(qtbot, session)
    assert again.large_button.isChecked()
    assert again.swot_board.lists[Quadrant.STRENGTHS].font().pointSizeF() == pytest.approx(
        normal * 1.45, rel=0.02)


def test_guidance_can_be_hidden_and_brought_back(qtbot, session):
    page = make_page(qtbot, session)
    box = page.guidance["swot"]
    assert box.isVisible() and "Strengths and weaknesses" in box.text.text()
    assert not page.guidance_button.isVisible()
    qtbot.mouseClick(box.hide_button, Qt.MouseButton.LeftButton)
    assert not box.isVisible() and page.guidance_button.isVisible()
    again = make_page(qtbot, session)
    assert not again.guidance["swot"].isVisible()
    assert not again.guidance["compass"].isHidden()  # each tab on its own
    qtbot.mouseClick(again.guidance_button, Qt.MouseButton.LeftButton)
    assert again.guidance["swot"].isVisible()


def test_the_main_window_has_the_page_and_routes_its_links(qtbot, session):
    from medlemsvard_app.ui.main_window import MainWindow

    window = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Planning" in titles
    assert titles.index("Planning") > titles.index("Calls")
    window.planning_page.navigate_requested.emit("calls")
    assert window.nav.currentItem().text() == "Calls"
    window.open_page_by_key("no_such_page")  # ignored
    assert window.nav.currentItem().text() == "Calls"


def test_the_context_menu_moves_a_card_for_mouse_users(qtbot, page, session):
    lists = board_with_cards(qtbot, page)
    strengths = lists[Quadrant.STRENGTHS]
    strengths.setCurrentRow(0)
    strengths.move_requested.emit(Quadrant.OPPORTUNITIES)  # "Move to ▸ Opportunities"
    assert page.swot_board.cards_shown(Quadrant.OPPORTUNITIES) == ["first"]
    assert page.swot_board.cards_shown(Quadrant.STRENGTHS) == ["second"]


def test_a_plan_that_cannot_be_saved_says_so_at_the_bottom(qtbot, session):
    session.board().new_plan("Plan", date(2026, 1, 1))
    page = make_page(qtbot, session)
    page.tabs.setCurrentIndex(2)
    page.plan_editor.title_edit.selectAll()
    qtbot.keyClick(page.plan_editor.title_edit, Qt.Key.Key_Delete)
    assert not page.flush()
    assert page.save_label.text() == "Not saved: Give the plan a title."
    type_text(qtbot, page.plan_editor.title_edit, "Växa 2027")
    assert page.flush() and saved(page)
    assert session.board().plan().title == "Växa 2027"


def test_every_tab_prints_its_handout(qtbot, session):
    board = session.board()
    analysis = board.new_swot(date(2026, 10, 1))
    analysis.add(Quadrant.STRENGTHS, "Lojala ringare")
    board.save_swot(analysis)
    board.new_assessment(date(2026, 11, 1))
    board.new_plan("Växa", date(2026, 1, 1), example=True)
    page = make_page(qtbot, session)
    shown: list[tuple[bytes, str, str]] = []
    page.show_pdf = lambda pdf, title, name: shown.append((pdf, title, name))
    for action in (page.print_swot, page.print_assessment, page.print_blank_compass,
                   page.print_plan):
        count = len(shown)
        action()
        qtbot.waitUntil(lambda n=count: len(shown) == n + 1, timeout=10000)
    assert [name for _pdf, _title, name in shown] == [
        "swot-2026-10-01.pdf", "compass-2026-11-01.pdf", "compass-form.pdf", "action-plan.pdf"]
    assert all(pdf.startswith(b"%PDF") for pdf, _t, _n in shown)
    assert shown[3][1] == "Växa"


def test_a_new_analysis_can_start_from_the_last_one(qtbot, session):
    board = session.board()
    old = board.new_swot(date(2025, 10, 1), "Board day")
    old.add(Quadrant.THREATS, "Rent goes up")
    board.save_swot(old)
    page = make_page(qtbot, session)
    qtbot.mouseClick(page.copy_swot_button, Qt.MouseButton.LeftButton)
    assert page.swot_picker.count() == 2 and page.swot_date.date().year() == 2026
    assert page.swot_board.cards_shown(Quadrant.THREATS) == ["Rent goes up"]
    page.swot_board.delete_card(page.swot_board.analysis.cards[0])
    assert page.flush()
    assert [c.text for c in board.swot(old.id).cards] == ["Rent goes up"]  # the old one stays
