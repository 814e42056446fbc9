"""The indicators view as the board uses it: read the figures, open a definition, switch the
period, read a chart as a table, set a goal, save the board report."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.indicators_page import IndicatorsPage
from tests.conftest import add_members

pytestmark = pytest.mark.gui


def _people():
    out = [{"given_name": f"Medlem{i}", "family_name": "Test",
            "joined_on": date(2015 + i % 10, 3, 1), "birth_date": date(1950 + 5 * (i % 10), 1, 1)}
           for i in range(12)]
    out.append({"given_name": "Gammal", "family_name": "Test", "joined_on": date(2010, 1, 1),
                "status": MembershipStatus.FORMER, "left_on": date(2026, 5, 1),
                "leave_reason": LeaveReason.RESIGNED})
    return out


@pytest.fixture
def page(qtbot, session):
    add_members(session, *_people())
    page = IndicatorsPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1200, 900)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.show()
    return page


def test_the_headline_figures_show_with_their_change(page):
    card = page.cards["member_count"]
    assert card.value.text() == "12"
    # a year ago: 13 minus the one who joined 2026-03-01, i.e. 12; one left since
    assert page.cards["left"].value.text() == "1"
    assert "since the period before" in page.cards["joined"].change.text()
    assert "Year" in page.range_label.text()


def test_a_definition_is_one_click_away(qtbot, page):
    qtbot.mouseClick(page.cards["retention"].info, Qt.MouseButton.LeftButton)
    assert page.popup.isVisible()
    assert page.popup.title.text() == "Retention"
    assert "still members" in page.popup.text.text()


def test_switching_the_period_reloads(qtbot, page):
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.period_combo.setCurrentIndex(page.period_combo.findData("6m"))
    assert "Half-year" in page.range_label.text()
    assert page.snapshot.data.figures.period.value == "6m"


def test_a_chart_reads_as_a_table(qtbot, page):
    panel = page.exit_chart
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.table
    rows = {panel.table.item(r, 0).text(): panel.table.item(r, 1).text()
            for r in range(panel.table.rowCount())}
    assert rows["Resigned"] == "1"
    assert "Resigned: 1" in panel.chart.accessibleDescription()


def test_setting_a_goal_shows_the_projection(qtbot, page, session):
    dialog = page.edit_goal()
    dialog.target_spin.setValue(30)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Save).click()
    assert session.indicators().goals()[0].target == 30
    assert "30 members" in page.goal_label.text()
    assert "short of the goal" in page.goal_status.text()
    assert page.goal_button.text() == "Change the goal…"


def test_the_board_report_is_saved(qtbot, page, tmp_path):
    out = tmp_path / "report.pdf"
    page.save_report(out, 2026)
    qtbot.waitUntil(lambda: bool(page.notifier.messages), timeout=20000)
    assert page.notifier.messages == [("info", "The board report was saved as report.pdf.")]
    assert out.read_bytes().startswith(b"%PDF")
