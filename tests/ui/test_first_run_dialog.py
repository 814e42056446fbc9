"""The first-run choice: create, demo or open; the dialog only asks, it creates nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from medlemsvard_app.services.session import create_session
from medlemsvard_app.ui.dialogs.first_run_dialog import FirstRunDialog
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _open(qtbot, tmp_path) -> FirstRunDialog:
    dialog = FirstRunDialog(tmp_path / "data" / "medlemsvard.sqlite")
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_create_our_association(qtbot, tmp_path):
    dialog = _open(qtbot, tmp_path)
    assert dialog.create_button.isChecked()
    assert dialog.path_edit.text() == str(tmp_path / "data" / "medlemsvard.sqlite")
    assert dialog.ok_button.text() == "Create"
    _click(qtbot, dialog.ok_button)  # no name yet
    assert dialog.isVisible()
    assert dialog.errors.label("name").text() == "Enter the association's name."
    type_text(qtbot, dialog.name_edit, "Laget Fremtid Ålesund")
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("NO"))
    assert dialog.language_combo.currentData() == "nb"  # follows the country
    assert dialog.encrypt_check.isChecked()  # recommended, so on from the start
    _click(qtbot, dialog.ok_button)  # no passphrase yet
    assert "at least 8" in dialog.errors.label("passphrase").text()
    type_text(qtbot, dialog.passphrase_edit, "fjord og fjell")
    type_text(qtbot, dialog.passphrase_repeat_edit, "fjord og fjell")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _click(qtbot, dialog.ok_button)
    assert dialog.passphrase == "fjord og fjell" and dialog.wants_sheet
    assert dialog.choice == "create"
    assert dialog.name == "Laget Fremtid Ålesund"
    assert (dialog.country, dialog.language) == ("NO", "nb")
    assert dialog.path == tmp_path / "data" / "medlemsvard.sqlite"
    assert not dialog.path.exists()  # the app creates it, not the dialog


def test_language_chosen_by_hand_is_kept(qtbot, tmp_path):
    dialog = _open(qtbot, tmp_path)
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("SE"))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.language_combo.activated.emit(dialog.language_combo.currentIndex())
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("NO"))
    assert dialog.language_combo.currentData() == "en"
    qtbot.keyClicks(dialog.name_edit, "Club")
    dialog.encrypt_check.setChecked(False)
    _click(qtbot, dialog.ok_button)
    assert (dialog.country, dialog.language) == ("NO", "en")
    assert dialog.passphrase == ""


def test_create_refuses_an_existing_file(qtbot, tmp_path):
    existing = tmp_path / "taken.sqlite"
    create_session(existing, "Old", "SE", "sv").close()
    dialog = _open(qtbot, tmp_path)
    qtbot.keyClicks(dialog.name_edit, "New")
    dialog.path_edit.setText(str(existing))
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "already a file here" in dialog.errors.label("path").text()


def test_explore_a_demo(qtbot, tmp_path):
    dialog = _open(qtbot, tmp_path)
    _click(qtbot, dialog.demo_button)
    assert dialog.stack.currentIndex() == 1
    assert dialog.ok_button.text() == "Create the demo"
    assert dialog.demo_size_radios[300].isChecked()
    dialog.demo_country_combo.setCurrentIndex(dialog.demo_country_combo.findData("NO"))
    assert "demo-no.sqlite" in dialog.demo_file_label.text()
    radio = dialog.demo_size_radios[3000]
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _click(qtbot, dialog.ok_button)
    assert dialog.choice == "demo"
    assert dialog.demo_members == 3000
    assert dialog.country == "NO" and dialog.language == "nb"
    assert dialog.path == tmp_path / "data" / "demo-no.sqlite"


def test_open_an_existing_file(qtbot, tmp_path):
    existing = tmp_path / "ours.sqlite"
    create_session(existing, "Ours", "SE", "sv").close()
    dialog = _open(qtbot, tmp_path)
    _click(qtbot, dialog.open_button)
    dialog.open_path_edit.setText(str(tmp_path / "missing.sqlite"))
    _click(qtbot, dialog.ok_button)
    assert dialog.errors.label("open_path").text() == "There is no file at this location."
    dialog.open_path_edit.setText(str(existing))
    _click(qtbot, dialog.ok_button)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert (dialog.choice, dialog.path) == ("open", existing)


def test_cancel(qtbot, tmp_path):
    dialog = _open(qtbot, tmp_path)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        _click(qtbot, dialog.cancel_button)


@pytest.fixture(params=["sv", "nb"])
def language(request, qapp):
    from PySide6.QtWidgets import QApplication

    from medlemsvard_app.i18n import set_language
    from medlemsvard_app.ui.qt_i18n import install_translators

    set_language(request.param)
    translators = install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        QApplication.removeTranslator(translator)
    set_language("en")


def test_a_short_passphrase_error_sits_under_the_field_and_goes_when_put_right(
        qtbot, tmp_path, language):
    dialog = _open(qtbot, tmp_path)
    type_text(qtbot, dialog.name_edit, "Föreningen Gröna ängen")
    type_text(qtbot, dialog.passphrase_edit, "abcd")
    type_text(qtbot, dialog.passphrase_repeat_edit, "abcd")
    _click(qtbot, dialog.ok_button)
    qtbot.wait(20)
    error = dialog.errors.label("passphrase")
    field = dialog.passphrase_edit
    assert error.isVisible() and "8" in error.text()
    # the field keeps its full height; the error is under it, whole, not beside it
    assert field.height() >= field.minimumSizeHint().height()
    assert dialog.passphrase_repeat_edit.height() >= field.minimumSizeHint().height()
    field_bottom = field.mapTo(dialog, QPoint(0, field.height())).y()
    error_top = error.mapTo(dialog, QPoint(0, 0)).y()
    assert error_top >= field_bottom
    assert error.wordWrap() and error.property("error")
    assert error.height() >= error.heightForWidth(error.width())
    # the field has the focus, its text selected: a new one is typed over it; still too
    # short says nothing new, and reaching eight characters clears the error at once
    assert field.hasFocus()
    type_text(qtbot, field, "fjord")
    assert error.isVisible()
    type_text(qtbot, field, " og")
    assert field.text() == "fjord og" and not error.isVisible()
    # a repeat that does not match says so on Create, and goes once it matches
    _click(qtbot, dialog.ok_button)
    repeat_error = dialog.errors.label("passphrase_repeat")
    assert repeat_error.isVisible() and dialog.isVisible()
    assert dialog.passphrase_repeat_edit.hasFocus()
    type_text(qtbot, dialog.passphrase_repeat_edit, "fjord og")
    assert not repeat_error.isVisible()
