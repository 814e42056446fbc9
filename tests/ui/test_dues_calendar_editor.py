"""The dues calendar page of the settings: change fees and dates, read what they mean, save
with the settings, and be told (not silently corrected) when the calendar does not add up."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from medlemsvard_app.domain.dues_calendar import (
    DuesCalendar,
    PeriodKind,
    YearDate,
    default_calendar,
)
from medlemsvard_app.domain.models import Member
from medlemsvard_app.ui.dialogs import settings_dialog as sd
from medlemsvard_app.ui.dialogs.dues_calendar_editor import (
    DuesCalendarEditor,
    preview_text,
    strike_off_sentence,
)
from medlemsvard_app.ui.dialogs.settings_dialog import SettingsDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui
TODAY = date(2026, 11, 25)


def _open(qtbot, session, notifier=None) -> SettingsDialog:
    dialog = SettingsDialog(session, notifier or RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.tabs.setCurrentIndex(sd.TAB_DUES)
    return dialog


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _retype(qtbot, widget, text: str) -> None:
    """Select what a field holds and type over it."""
    widget.setFocus()
    widget.selectAll()
    type_text(qtbot, widget, text)


def _pick_date(qtbot, edit, day: int, month: int) -> None:
    """Choose the month in the list, then type the day, as a person does."""
    edit.month_combo.setCurrentIndex(edit.month_combo.findData(month - 1))
    _retype(qtbot, edit.day_spin, str(day))


def test_the_page_shows_the_stored_calendar(qtbot, session):
    editor = _open(qtbot, session).dues_editor
    assert editor.calendar_radio.isChecked()
    assert editor.annual_fee_edit.text() == "360"
    assert editor.intro_fee_edit.text() == "50"
    assert editor.invoice_edit.month_combo.currentText() == "February"
    assert editor.invoice_edit.day_spin.value() == 1
    assert [c.isChecked() for c in editor.reminder_checks] == [True, True, True]
    assert [e.month_combo.currentText() for e in editor.reminder_edits] == [
        "April", "July", "October"]
    assert editor.two_year_check.isChecked()
    assert editor.strike_spin.value() == 15
    assert editor.tracked_spin.value() == 2026
    assert editor.strike_sentence.text() == (
        "A member who has not paid for 2026 is due to be struck off from 1 June 2027.")
    assert editor.preview.text() == (
        "In 2026: invoice 1 February; due 1 March; reminders 1 April, 1 July, 1 October.")


def test_change_the_fee_and_the_reminders_and_save(qtbot, session):
    dialog = _open(qtbot, session)
    editor = dialog.dues_editor
    _retype(qtbot, editor.annual_fee_edit.edit, "400")
    _retype(qtbot, editor.intro_fee_edit.edit, "75,50")
    _pick_date(qtbot, editor.reminder_edits[1], 15, 8)
    _tick(qtbot, editor.reminder_checks[2])
    assert not editor.reminder_edits[2].isEnabled()
    _tick(qtbot, editor.two_year_check)
    assert editor.preview.text() == (
        "In 2026: invoice 1 February; due 1 March; reminders 1 April, 15 August.")
    with qtbot.waitSignal(dialog.saved, timeout=5000):  # a new fee is saved as a job
        _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    cal = session.dues().calendar()
    assert (cal.annual_fee, cal.intro_fee) == (40000, 7550)
    assert cal.reminders == (YearDate(4, 1), YearDate(8, 15))
    assert cal.two_year_invoice is False
    assert cal.strike_off_months == 15  # untouched settings stay
    assert cal.tracked_from == 2026


def test_the_strike_off_sentence_follows_the_delay(qtbot, session):
    editor = _open(qtbot, session).dues_editor
    _retype(qtbot, editor.strike_spin, "3")
    assert editor.strike_after.text() == "months after the due date"
    assert editor.strike_sentence.text() == (
        "A member who has not paid for 2026 is due to be struck off from 1 June 2026.")
    _retype(qtbot, editor.strike_spin, "1")
    assert editor.strike_after.text() == "month after the due date"


def test_a_reminder_before_the_invoice_is_refused_with_a_message(qtbot, session):
    before = session.dues().calendar()
    dialog = _open(qtbot, session)
    editor = dialog.dues_editor
    _pick_date(qtbot, editor.reminder_edits[0], 15, 1)
    # Said at once, at the setting …
    assert editor.error_texts() == {
        "calendar": "The dues calendar does not add up: the reminder dates.",
        "reminders": "Each reminder must come after the invoice and after the reminder "
                     "before it."}
    assert editor.errors["reminders"].isVisibleTo(dialog)
    # … and again when saving: nothing is written, the page is brought forward.
    dialog.tabs.setCurrentIndex(sd.TAB_ASSOCIATION)
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == sd.TAB_DUES
    assert session.dues().calendar() == before
    assert session.association.name == "Testföreningen"
    # Put it back after the invoice and the calendar is accepted.
    _pick_date(qtbot, editor.reminder_edits[0], 15, 3)
    assert editor.error_texts() == {}
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert session.dues().calendar().reminders[0] == YearDate(3, 15)


def test_a_due_date_before_the_invoice_and_a_bad_fee_are_explained(qtbot, session):
    dialog = _open(qtbot, session)
    editor = dialog.dues_editor
    _pick_date(qtbot, editor.due_edit, 20, 1)
    assert editor.error_texts()["due"] == "The due date cannot be before the invoice date."
    _pick_date(qtbot, editor.due_edit, 1, 3)
    _retype(qtbot, editor.annual_fee_edit.edit, "tre hundra")
    assert editor.error_texts()["fee"] == (
        "“tre hundra” is not an amount; write it like 360 or 360,50.")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert session.dues().calendar().annual_fee == 36000


def test_rolling_periods_show_dates_as_time_after_the_start(qtbot, session):
    dialog = _open(qtbot, session)
    editor = dialog.dues_editor
    invoice = editor.invoice_edit
    _tick(qtbot, editor.rolling_radio)
    assert invoice.rolling()
    # 1 February in a calendar year is one month after the period starts.
    assert (invoice.months_spin.value(), invoice.days_spin.value()) == (1, 0)
    assert invoice.months_spin.text() == "1 month"
    assert invoice.days_spin.text() == "0 days"
    assert editor.strike_sentence.text() == (
        "A member whose dues year starts on 1 November 2026 and who does not pay is due to be "
        "struck off from 1 April 2028.")
    _retype(qtbot, invoice.days_spin, "14")
    assert invoice.value() == YearDate(2, 15)
    _click(qtbot, dialog.save_button)
    cal = session.dues().calendar()
    assert cal.period is PeriodKind.ROLLING
    assert cal.invoice == YearDate(2, 15)
    assert cal.due == YearDate(3, 1)


def test_a_date_in_the_year_after(qtbot, session):
    editor = _open(qtbot, session).dues_editor
    editor.reminder_edits[2].set_calendar_date(10, 1, 1)
    assert editor.reminder_edits[2].month_combo.currentText() == "January the year after"
    assert editor.error_texts() == {}
    assert "10 January 2027" in editor.preview.text()


def test_the_day_follows_the_length_of_the_month(qtbot, session):
    editor = _open(qtbot, session).dues_editor
    edit = editor.reminder_edits[0]
    _pick_date(qtbot, edit, 31, 5)
    assert edit.value() == YearDate(5, 31)
    edit.month_combo.setCurrentIndex(edit.month_combo.findData(1))  # February
    assert edit.day_spin.maximum() == 29
    assert edit.value() == YearDate(2, 29)


def test_an_unchanged_calendar_is_not_saved_again(qtbot, session):
    stamp = session.db.execute("SELECT updated_at FROM dues_settings").fetchone()[0]
    dialog = _open(qtbot, session)
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert session.db.execute("SELECT updated_at FROM dues_settings").fetchone()[0] == stamp


def test_a_new_fee_reaches_the_members_dues(qtbot, session):
    register = session.register()
    member, _changes = register.save(Member(given_name="Per", family_name="Persson",
                                            joined_on=date(2020, 1, 1)))
    dialog = _open(qtbot, session)
    _retype(qtbot, dialog.dues_editor.annual_fee_edit.edit, "420")
    # Decided in November: 2026 was invoiced at 360 kr, the new fee starts with 2027.
    assert "applies from the invoice for 2027" in dialog.dues_editor.fee_change_hint.text()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        _click(qtbot, dialog.save_button)
    from medlemsvard_app.ui.dialogs.payment_dialog import suggested_payment

    assert suggested_payment(session.dues(), member, TODAY)[0] == 36000
    assert session.dues().calendar().fee_for(2027) == 42000


def test_norway_checks_kid_and_warns_about_a_long_strike_off_delay(qtbot, no_session):
    dialog = _open(qtbot, no_session)
    editor = dialog.dues_editor
    assert editor.annual_fee_edit.text() == "300"
    assert editor.annual_fee_edit.suffix.text() == "NOK"
    assert editor.strike_spin.value() == 6
    assert editor.kid_combo.isVisibleTo(dialog)
    assert not editor.ocr_length_check.isVisibleTo(dialog)
    assert not editor.norway_warning.isVisibleTo(dialog)
    _retype(qtbot, editor.strike_spin, "9")
    assert editor.norway_warning.isVisibleTo(dialog)
    editor.kid_combo.setCurrentIndex(editor.kid_combo.findData(True))
    _click(qtbot, dialog.save_button)
    cal = no_session.dues().calendar()
    assert (cal.strike_off_months, cal.kid_mod11) == (9, True)


def test_switching_the_country_switches_the_reference_settings(qtbot, session):
    dialog = _open(qtbot, session)
    editor = dialog.dues_editor
    assert editor.ocr_length_check.isVisibleTo(dialog)
    dialog.tabs.setCurrentIndex(sd.TAB_ASSOCIATION)
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("NO"))
    dialog.tabs.setCurrentIndex(sd.TAB_DUES)
    assert editor.kid_combo.isVisibleTo(dialog)
    assert not editor.ocr_length_check.isVisibleTo(dialog)
    assert editor.annual_fee_edit.suffix.text() == "NOK"


def test_settings_the_page_does_not_show_are_kept(qtbot):
    cal = DuesCalendar(extra={"future_setting": 7})
    editor = DuesCalendarEditor(cal, "SE", "SEK", TODAY)
    qtbot.addWidget(editor)
    _retype(qtbot, editor.grace_spin, "20")
    result = editor.check()
    assert result is not None
    assert result.grace_days == 20
    assert result.to_dict()["future_setting"] == 7


def test_the_sentences_follow_the_calendar():
    cal = default_calendar("NO")
    assert strike_off_sentence(cal, TODAY) == (
        "A member who has not paid for 2026 is due to be struck off from 1 September 2026.")
    assert preview_text(DuesCalendar(reminders=()), TODAY) == (
        "In 2026: invoice 1 February; due 1 March; no reminders.")


def test_late_joiners_only_matter_in_calendar_years(qtbot, session):
    dialog = _open(qtbot, session)
    editor = dialog.dues_editor
    assert editor.intro_next_edit.isVisibleTo(dialog)
    _tick(qtbot, editor.rolling_radio)
    assert not editor.intro_next_edit.isVisibleTo(dialog)
    _tick(qtbot, editor.calendar_radio)
    assert editor.intro_next_edit.isVisibleTo(dialog)
    assert editor.intro_next_edit.month_combo.currentText() == "October"
