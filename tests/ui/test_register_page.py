"""The register as a person uses it: type to search, click chips and headers."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.ui.main_window import MainWindow
from medlemsvard_app.ui.models.register_table_model import COLUMNS
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, session):
    add_members(
        session,
        {"given_name": "Åsa", "family_name": "Öberg", "city": "Västerås",
         "phone": "070-123 45 67", "email": "asa.oberg@example.se"},
        {"given_name": "Anna", "family_name": "Andersson", "city": "Uppsala",
         "joined_on": date(2026, 6, 1)},
        {"given_name": "Bo", "family_name": "Zetterberg", "city": "Örebro",
         "status": MembershipStatus.FORMER, "left_on": date(2023, 1, 1),
         "leave_reason": LeaveReason.MOVED},
        {"given_name": "Ärla", "family_name": "Ärlig", "city": "Malmö"},
    )
    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.show()
    return win


def _shown(page, column="family_name"):
    model = page.model
    col = COLUMNS.index(column)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_typing_filters_the_table_instantly(qtbot, window):
    page = window.register_page
    assert _shown(page) == ["Andersson", "Ärlig", "Öberg"]
    type_text(qtbot, page.search_edit, "öb")
    assert _shown(page) == ["Öberg"]
    assert page.count_label.text() == "1 shown"
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "070-123")
    assert _shown(page) == ["Öberg"]
    assert _shown(page, "phone") == ["070-123 45 67"]
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "xyzzy")
    assert _shown(page) == []
    assert "xyzzy" in page.empty_label.text()


def test_ctrl_f_focuses_search(qtbot, window):
    window.find_action.trigger()
    assert window.register_page.search_edit.hasFocus()


def test_chips_switch_between_current_new_and_former(qtbot, window):
    page = window.register_page
    qtbot.mouseClick(page.chip_buttons["former"], Qt.MouseButton.LeftButton)
    assert _shown(page) == ["Zetterberg"]
    qtbot.mouseClick(page.chip_buttons["new"], Qt.MouseButton.LeftButton)
    assert _shown(page) == ["Andersson"]
    qtbot.mouseClick(page.chip_buttons["all"], Qt.MouseButton.LeftButton)
    assert len(_shown(page)) == 4


def test_clicking_a_header_sorts_with_the_swedish_alphabet(qtbot, window):
    page = window.register_page
    header = page.table.horizontalHeader()
    city = COLUMNS.index("city")
    x = header.sectionViewportPosition(city) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().center().__class__(x, 5))
    assert _shown(page, "city") == ["Malmö", "Uppsala", "Västerås"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().center().__class__(x, 5))
    assert _shown(page, "city") == ["Västerås", "Uppsala", "Malmö"]


def test_status_bar_counts_current_members(window):
    assert window.status_label.text().startswith("3 current members")


def test_model_passes_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.register_page.model)


def _open_dialog(page):
    assert page._dialogs, "no dialog opened"
    return page._dialogs[-1]


def test_ctrl_n_adds_a_member_who_appears_in_the_table(qtbot, window):
    page = window.register_page
    window.new_member_action.trigger()
    dialog = _open_dialog(page)
    type_text(qtbot, dialog.given_name_edit, "Örjan")
    type_text(qtbot, dialog.family_name_edit, "Ålund")
    qtbot.keyClicks(dialog.postal_code_edit, "72212")
    qtbot.keyClicks(dialog.phone_edit, "0701234599")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Ålund" in _shown(page)
    assert _shown(page) == ["Andersson", "Ålund", "Ärlig", "Öberg"]
    row = page.model.row_of(page.selected_member_id())
    assert page.model.index(row, COLUMNS.index("family_name")).data() == "Ålund"
    assert page.model.index(row, COLUMNS.index("phone")).data() == "070-123 45 99"
    assert window.status_label.text().startswith("4 current members")


def test_double_click_edits_and_the_table_shows_the_change(qtbot, window):
    page = window.register_page
    type_text(qtbot, page.search_edit, "öberg")
    page.table.doubleClicked.emit(page.model.index(0, 1))
    dialog = _open_dialog(page)
    dialog.city_edit.clear()
    qtbot.keyClicks(dialog.city_edit, "Uppsala")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _shown(page, "city") == ["Uppsala"]


def test_a_bad_postal_code_is_explained_and_nothing_is_saved(qtbot, window):
    page = window.register_page
    window.new_member_action.trigger()
    dialog = _open_dialog(page)
    qtbot.keyClicks(dialog.given_name_edit, "Per")
    qtbot.keyClicks(dialog.postal_code_edit, "0123")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "five digits" in dialog.errors.label("postal_code").text()
    assert "Per" not in _shown(page, "given_name")


def test_a_member_who_leaves_moves_to_former_members(qtbot, window):
    page = window.register_page
    type_text(qtbot, page.search_edit, "öberg")
    assert page.leave_button.isEnabled()
    qtbot.mouseClick(page.leave_button, Qt.MouseButton.LeftButton)
    dialog = _open_dialog(page)
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("moved"))
    qtbot.keyClicks(dialog.note_edit, "Flyttade till Norge")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _shown(page) == []
    qtbot.mouseClick(page.chip_buttons["former"], Qt.MouseButton.LeftButton)
    assert "Öberg" in _shown(page)
    assert window.status_label.text().startswith("2 current members")


def test_the_window_remembers_its_size_and_sort_order(qtbot, session):
    first = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(first)
    first.resize(1000, 640)
    first.register_page.table.sortByColumn(COLUMNS.index("city"), Qt.SortOrder.DescendingOrder)
    first.close()
    from medlemsvard_app.ui.main_window import app_settings

    saved = app_settings().value("main/geometry")
    assert saved is not None and len(saved) > 0
    second = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(second)
    assert second.register_page.model.sort_code == "city"
    assert second.register_page.model.descending
