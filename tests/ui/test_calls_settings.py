"""The calls page of the settings: when rounds are proposed, what callers say, who calls;
all written when the settings are saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from medlemsvard_app.domain.calls import RoundPurpose
from medlemsvard_app.i18n.messages import message
from medlemsvard_app.ui.dialogs import settings_dialog as sd
from medlemsvard_app.ui.dialogs.settings_dialog import SettingsDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _open(qtbot, session) -> SettingsDialog:
    dialog = SettingsDialog(session, RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.tabs.setCurrentIndex(sd.TAB_CALLS)
    return dialog


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    type_text(qtbot, widget, text)


def test_a_changed_schedule_is_saved(qtbot, session):
    dialog = _open(qtbot, session)
    page = dialog.calls_page
    _retype(qtbot, page.retry_spin, "5")
    page.autumn_to_edit.month_combo.setCurrentIndex(
        page.autumn_to_edit.month_combo.findData(11))
    _retype(qtbot, page.autumn_to_edit.day_spin, "15")
    assert page.retry_spin.text().endswith("days")
    _click(qtbot, dialog.save_button)
    schedule = session.calls().schedule()
    assert schedule.retry_days == 5
    assert schedule.autumn_to == (11, 15)
    assert schedule.new_member_days == 30  # untouched


def test_an_impossible_schedule_is_refused_with_a_sentence(qtbot, session):
    dialog = _open(qtbot, session)
    page = dialog.calls_page
    _retype(qtbot, page.former_spin, "500")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert page.error.isVisible()
    assert message("call_schedule_invalid") in page.error.text()
    assert dialog.tabs.currentIndex() == sd.TAB_CALLS
    assert session.calls().schedule().former_days == 90


def test_talking_points_are_the_apps_until_written(qtbot, session):
    dialog = _open(qtbot, session)
    page = dialog.calls_page
    page.purpose_combo.setCurrentIndex(
        page.purpose_combo.findData(RoundPurpose.REMINDER_UNPAID.value))
    page.language_combo.setCurrentIndex(page.language_combo.findData("sv"))
    assert page.points_edit.toPlainText() == ""
    assert page.points_edit.placeholderText()
    assert not page.restore_button.isEnabled()
    page.points_edit.setFocus()
    type_text(qtbot, page.points_edit, "Fråga om fakturan kom fram.")
    assert page.restore_button.isEnabled()
    # Another language and back: the text typed is kept.
    page.language_combo.setCurrentIndex(page.language_combo.findData("nb"))
    assert page.points_edit.toPlainText() == ""
    page.language_combo.setCurrentIndex(page.language_combo.findData("sv"))
    assert page.points_edit.toPlainText() == "Fråga om fakturan kom fram."
    _click(qtbot, dialog.save_button)
    calls = session.calls()
    assert calls.points_for(RoundPurpose.REMINDER_UNPAID, "sv") == "Fråga om fakturan kom fram."
    assert calls.talking_points().get(RoundPurpose.REMINDER_UNPAID, "nb") == ""


def test_restoring_the_apps_text(qtbot, session):
    session.calls().save_talking_points(RoundPurpose.NEW_MEMBERS, "sv", "Vår egen text")
    dialog = _open(qtbot, session)
    page = dialog.calls_page
    page.purpose_combo.setCurrentIndex(
        page.purpose_combo.findData(RoundPurpose.NEW_MEMBERS.value))
    page.language_combo.setCurrentIndex(page.language_combo.findData("sv"))
    assert page.points_edit.toPlainText() == "Vår egen text"
    _click(qtbot, page.restore_button)
    assert page.points_edit.toPlainText() == ""
    _click(qtbot, dialog.save_button)
    assert session.calls().talking_points().get(RoundPurpose.NEW_MEMBERS, "sv") == ""


def test_add_a_caller_and_one_stops_calling(qtbot, session):
    calls = session.calls()
    calls.add_caller("Bertil Ek", "070-123 45 67")
    dialog = _open(qtbot, session)
    page = dialog.calls_page
    _retype(qtbot, page.caller_name_edit, "Åsa Lind")
    _retype(qtbot, page.caller_phone_edit, "070-765 43 21")
    _click(qtbot, page.add_caller_button)
    texts = [page.callers_list.item(i).text() for i in range(page.callers_list.count())]
    assert any(t.startswith("Åsa Lind") for t in texts)
    row = next(i for i, c in enumerate(page.callers) if c.name == "Bertil Ek")
    page.callers_list.setCurrentRow(row)
    _click(qtbot, page.toggle_caller_button)
    assert "no longer calls" in page.callers_list.item(row).text()
    assert [c.name for c in session.calls().repo.callers()] == ["Bertil Ek"]  # not yet
    _click(qtbot, dialog.save_button)
    active = [c.name for c in session.calls().repo.callers()]
    assert "Åsa Lind" in active and "Bertil Ek" not in active
    every = {c.name: c for c in session.calls().repo.callers(active_only=False)}
    assert not every["Bertil Ek"].active
    assert every["Åsa Lind"].phone.startswith("+46")


def test_cancel_keeps_everything(qtbot, session):
    dialog = _open(qtbot, session)
    page = dialog.calls_page
    _retype(qtbot, page.retry_spin, "9")
    _retype(qtbot, page.caller_name_edit, "Cecilia")
    _click(qtbot, page.add_caller_button)
    _click(qtbot, dialog.cancel_button)
    assert session.calls().schedule().retry_days == 3
    assert "Cecilia" not in [c.name for c in session.calls().repo.callers(active_only=False)]
