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
