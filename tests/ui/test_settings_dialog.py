"""Association settings: type, pick, save, and read the association back from the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from medlemsvard_app.domain.models import BoardPost, BoardRole, Country
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage.errors import ReadOnly
from medlemsvard_app.ui.dialogs import settings_dialog as sd
from medlemsvard_app.ui.dialogs.settings_dialog import SettingsDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.widgets.setup_pages import BoardModel
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _open(qtbot, session, notifier=None) -> SettingsDialog:
    dialog = SettingsDialog(session, notifier or RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _type_in_cell(qtbot, view, row: int, column: int, text: str) -> None:
    """Select a cell, type over it (typing opens the editor) and press Return."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    if not isinstance(editor, QLineEdit):
        editor = view.viewport().findChild(QLineEdit)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_association_details_are_saved_and_read_back(qtbot, session, tmp_path):
    dialog = _open(qtbot, session)
    assert dialog.name_edit.text() == "Testföreningen"
    dialog.name_edit.clear()
    type_text(qtbot, dialog.name_edit, "Föreningen Framtid")
    qtbot.keyClicks(dialog.org_number_edit, "8020123454")
    qtbot.keyClicks(dialog.street_edit, "Storgatan 12")
    qtbot.keyClicks(dialog.postal_code_edit, "12345")
    qtbot.keyClicks(dialog.city_edit, "Stockholm")
    qtbot.keyClicks(dialog.email_edit, "styrelsen@framtid.se")
    qtbot.keyClicks(dialog.phone_edit, "08 123 456 78")
    qtbot.keyClicks(dialog.website_edit, "www.framtid.se")
    logo = tmp_path / "logo.jpg"
    image = QImage(2400, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6f9f"))
    assert image.save(str(logo), "JPEG")
    assert dialog.load_logo(logo)
    assert dialog.logo_preview.pixmap() is not None and not dialog.logo_preview.pixmap().isNull()

    dialog.tabs.setCurrentIndex(sd.TAB_PAYMENTS)
    assert dialog.sweden_box.isVisibleTo(dialog) and not dialog.norway_box.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.payment_edits["bankgiro"], "50501055")
    qtbot.keyClicks(dialog.payment_edits["swish"], "1231234567")

    dialog.tabs.setCurrentIndex(sd.TAB_PRIVACY)
    _tick(qtbot, dialog.gender_check)
    dialog.tabs.setCurrentIndex(sd.TAB_LANGUAGE)
    _tick(qtbot, dialog.language_radios["en"])

    with qtbot.waitSignal(dialog.saved, timeout=2000):
        _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()

    again = open_session(session.path)
    try:
        a = again.association
    finally:
        again.close()
    assert a.name == "Föreningen Framtid"
    assert a.org_number == "802012-3454"
    assert (a.street, a.postal_code, a.city) == ("Storgatan 12", "123 45", "Stockholm")
    assert a.email == "styrelsen@framtid.se"
    assert a.phone == "08-123 456 78"
    assert a.website == "www.framtid.se"
    assert a.bankgiro == "5050-1055"
    assert a.swish == "123 123 45 67"
    assert a.gender_enabled is True
    assert a.identity_number_enabled is False
    assert a.language == "en"
    stored = QImage.fromData(a.logo_png, "PNG")
    assert not stored.isNull()
    assert (stored.width(), stored.height()) == (1200, 300)  # scaled to letterhead size


def test_errors_are_shown_at_their_fields(qtbot, session):
    dialog = _open(qtbot, session)
    dialog.name_edit.clear()
    dialog.tabs.setCurrentIndex(sd.TAB_PAYMENTS)
    qtbot.keyClicks(dialog.payment_edits["bankgiro"], "1234567")
    dialog.tabs.setCurrentIndex(sd.TAB_PRIVACY)
    _tick(qtbot, dialog.identity_check)
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == sd.TAB_ASSOCIATION
    assert dialog.errors.label("name").text() == "Enter the association's name."
    assert "bankgiro number" in dialog.errors.label("bankgiro").text()
    assert "why the association needs" in dialog.errors.label(
        "identity_number_purpose").text()
    assert session.association.name == "Testföreningen"
    # Fix them and save
    qtbot.keyClicks(dialog.name_edit, "Framtid")
    dialog.payment_edits["bankgiro"].clear()
    qtbot.keyClicks(dialog.purpose_edit, "Tax reduction for gifts")
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    a = session.association
    assert a.identity_number_enabled and a.identity_number_purpose == "Tax reduction for gifts"


def test_wrong_postal_code_and_logo(qtbot, session, tmp_path):
    dialog = _open(qtbot, session)
    qtbot.keyClicks(dialog.postal_code_edit, "0150")
    dialog.postal_code_edit.editingFinished.emit()
    assert "five digits" in dialog.errors.label("postal_code").text()
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("NO"))
    assert dialog.errors.label("postal_code").text() == ""
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("hello")
    assert not dialog.load_logo(not_a_picture)
    assert "not a picture" in dialog.logo_error.text()


def test_board_posts_add_edit_move_remove(qtbot, session):
    dialog = _open(qtbot, session)
    dialog.tabs.setCurrentIndex(sd.TAB_BOARD)
    view, model = dialog.board_view, dialog.board_model
    _click(qtbot, dialog.board_add_button)
    _click(qtbot, dialog.board_add_button)
    _click(qtbot, dialog.board_add_button)
    assert [p.role for p in model.posts] == [BoardRole.CHAIR, BoardRole.VICE_CHAIR,
                                             BoardRole.SECRETARY]
    name_col = BoardModel.COLUMNS.index("person_name")
    _type_in_cell(qtbot, view, 0, name_col, "Karin Öberg")
    _type_in_cell(qtbot, view, 0, BoardModel.COLUMNS.index("phone"), "0701234567")
    _type_in_cell(qtbot, view, 0, BoardModel.COLUMNS.index("email"), "karin@framtid.se")
    _type_in_cell(qtbot, view, 1, name_col, "Anders Åberg")
    _type_in_cell(qtbot, view, 2, name_col, "Sara Lind")
    assert model.index(0, 0).data() == "Chair"

    # Change the third post's role with the drop-down
    role_index = model.index(2, 0)
    view.setCurrentIndex(role_index)
    view.edit(role_index)
    combo = view.viewport().findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findData("treasurer"))
    view.commitData(combo)
    view.closeEditor(combo, QStyledItemDelegate.EndEditHint.NoHint)
    assert model.index(2, 0).data() == "Treasurer"

    view.selectRow(2)
    _click(qtbot, dialog.board_up_button)
    assert [p.person_name for p in model.posts] == ["Karin Öberg", "Sara Lind", "Anders Åberg"]
    view.selectRow(0)
    assert not dialog.board_up_button.isEnabled()
    _click(qtbot, dialog.board_down_button)
    assert [p.person_name for p in model.posts] == ["Sara Lind", "Karin Öberg", "Anders Åberg"]
    view.selectRow(2)
    _click(qtbot, dialog.board_remove_button)
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    board = session.association.board
    assert [(p.role, p.person_name) for p in board] == [
        (BoardRole.TREASURER, "Sara Lind"), (BoardRole.CHAIR, "Karin Öberg")]
    assert board[1].phone == "070-123 45 67"
    assert board[1].email == "karin@framtid.se"


def test_board_email_error_names_the_person(qtbot, session):
    a = session.association
    a.board = [BoardPost(BoardRole.TREASURER, "Anders Åberg", email="kassor@")]
    session.association_repo.save(a)
    dialog = _open(qtbot, session)
    _click(qtbot, dialog.save_button)
    assert dialog.tabs.currentIndex() == sd.TAB_BOARD
    assert dialog.board_error.text() == (
        "Anders Åberg, e-mail: This is not a valid e-mail address.")


def test_board_model_is_a_proper_model(qtmodeltester):
    model = BoardModel([BoardPost(BoardRole.CHAIR, "A"), BoardPost(BoardRole.TREASURER, "B")])
    qtmodeltester.check(model)
    model.add()
    model.move(0, 1)
    model.remove(1)
    qtmodeltester.check(model)


def test_changing_country_shows_norwegian_payments_and_rekeys_sorting(qtbot, session):
    add_members(session, {"given_name": "A", "family_name": "Ärlig"},
                {"given_name": "B", "family_name": "Åberg"})
    register = session.register()
    names = [register.get(i).family_name for i in register.search_ids()]
    assert names == ["Åberg", "Ärlig"]  # Swedish: Å before Ä
    dialog = _open(qtbot, session)
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("NO"))
    dialog.tabs.setCurrentIndex(sd.TAB_PAYMENTS)
    assert dialog.norway_box.isVisibleTo(dialog) and not dialog.sweden_box.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.payment_edits["bank_account"], "86011117947")
    qtbot.keyClicks(dialog.payment_edits["vipps"], "123456")
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    a = session.association
    assert a.country is Country.NO
    assert a.bank_account == "8601.11.17947"
    assert a.vipps == "123456"
    names = [register.get(i).family_name for i in register.search_ids()]
    assert names == ["Ärlig", "Åberg"]  # Norwegian: Æ/Ä before Å


def test_storage_error_keeps_the_dialog_open(qtbot, session, monkeypatch):
    notifier = RecordingNotifier()
    dialog = _open(qtbot, session, notifier)
    dialog.name_edit.setText("Nytt namn")

    def read_only(_assoc):
        raise ReadOnly(str(session.path))

    monkeypatch.setattr(session.association_repo, "save", read_only)
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "Nytt namn"
    assert notifier.messages[0][0] == "error"
    assert "read-only" in notifier.messages[0][1]


def test_security_tab_saves_the_backup_folder(qtbot, session, tmp_path):
    from medlemsvard_app.services.security import load_settings

    folder = tmp_path / "usb stick"
    folder.mkdir()
    dialog = _open(qtbot, session)
    dialog.tabs.setCurrentIndex(sd.TAB_SECURITY)
    assert "not encrypted" in dialog.security_status.text()
    type_text(qtbot, dialog.backup_picker.folder_edit, str(folder))
    _click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert load_settings().backup_folder_for(session.path) == folder

    # A file is not a folder: the tab comes forward with the reason
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    dialog = _open(qtbot, session)
    dialog.backup_picker.folder_edit.setText(str(not_a_folder))
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.tabs.currentIndex() == sd.TAB_SECURITY
    assert dialog.backup_picker.error.text() == "This is a file, not a folder."


def test_passphrase_button_saves_then_asks_the_window(qtbot, session):
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    class Window(QWidget):
        security_requested = Signal()

    window = Window()
    qtbot.addWidget(window)
    dialog = SettingsDialog(session, RecordingNotifier(), window)
    dialog.open()
    dialog.name_edit.setText("Framtid")
    dialog.tabs.setCurrentIndex(sd.TAB_SECURITY)
    with qtbot.waitSignal(window.security_requested, timeout=2000):
        _click(qtbot, dialog.security_button)
    assert not dialog.isVisible()
    assert session.association.name == "Framtid"
