"""The start guide: a new association goes from the first-run choice through logo, dues,
board, passphrase and backups (one step skipped), and the file holds what was given;
the settings dialog runs the same guide again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLineEdit

from medlemsvard_app.domain.models import BoardRole
from medlemsvard_app.services.security import load_settings
from medlemsvard_app.services.session import open_session
from medlemsvard_app.ui.app import Application
from medlemsvard_app.ui.dialogs.first_run_dialog import FirstRunDialog
from medlemsvard_app.ui.dialogs.first_run_guide import StartGuide
from medlemsvard_app.ui.dialogs.settings_dialog import SettingsDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.widgets.setup_pages import BoardModel
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def application(qapp):
    app = Application(qapp, RecordingNotifier())
    yield app
    for widget in app._keep:
        widget.close()
    if app.window is not None:
        app.window.close()
    if app.session is not None:
        app.session.close()


def _shown(app: Application, kind: type):
    found = [d for d in app._keep if isinstance(d, kind) and d.isVisible()]
    assert found, f"no {kind.__name__} is shown"
    return found[-1]


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _type_in_cell(qtbot, view, row: int, column: int, text: str) -> None:
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


def _logo(tmp_path):
    path = tmp_path / "logo.png"
    image = QImage(300, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6f9f"))
    assert image.save(str(path), "PNG")
    return path


def test_first_run_through_the_whole_guide(qtbot, tmp_path, application):
    path = tmp_path / "data" / "medlemsvard.sqlite"
    backups = tmp_path / "usb"
    backups.mkdir()
    application.start(path)
    first = _shown(application, FirstRunDialog)
    type_text(qtbot, first.name_edit, "Föreningen Framåt")
    first.encrypt_check.setFocus()
    qtbot.keyClick(first.encrypt_check, Qt.Key.Key_Space)  # no passphrase this time
    assert not first.encrypt_check.isChecked()
    qtbot.keyClick(first.name_edit, Qt.Key.Key_Return)  # Enter creates
    assert path.exists() and application.window is not None

    guide = _shown(application, StartGuide)
    assert guide.keys == ["logo", "dues", "board", "passphrase", "backups"]
    assert guide.step_label.text() == "Step 1 of 5"
    assert not guide.back_button.isEnabled()
    # 1. logo (the file dialog is the system's; the picker reads the chosen file)
    assert guide.logo_picker.load_logo(_logo(tmp_path))
    _click(qtbot, guide.next_button)
    # 2. dues: a new fee, the rest as the country has it
    assert guide.title.text() == "Membership dues"
    fee = guide.dues_editor.annual_fee_edit.edit
    fee.setFocus()
    fee.selectAll()
    type_text(qtbot, fee, "250")
    qtbot.keyClick(fee, Qt.Key.Key_Return)  # Enter is Next
    # 3. board: three posts ready, two filled in
    assert guide.current_key() == "board"
    view = guide.board_editor.view
    name = BoardModel.COLUMNS.index("person_name")
    _type_in_cell(qtbot, view, 0, name, "Karin Öberg")
    _type_in_cell(qtbot, view, 0, BoardModel.COLUMNS.index("phone"), "0701234567")
    _type_in_cell(qtbot, view, 2, name, "Sara Lind")
    _type_in_cell(qtbot, view, 2, BoardModel.COLUMNS.index("email"), "medlem@framat.se")
    _click(qtbot, guide.next_button)
    # 4. passphrase: not set, and it says where to set it later; skipped
    assert "File → Security" in guide.passphrase_label.text()
    _click(qtbot, guide.skip_button)
    # 5. backups, then Finish
    assert guide.next_button.text() == "Fi&nish"
    type_text(qtbot, guide.backup_picker.folder_edit, str(backups))
    with qtbot.waitSignal(guide.saved, timeout=3000):
        qtbot.keyClick(guide.backup_picker.folder_edit, Qt.Key.Key_Return)
    assert not guide.isVisible()
    assert guide.skipped == {"passphrase"}

    application.session.close()
    application.session = None
    again = open_session(path)
    try:
        a = again.association
        fee_now = again.dues().calendar().annual_fee
    finally:
        again.close()
    assert a.name == "Föreningen Framåt"
    assert a.logo_png and not QImage.fromData(a.logo_png, "PNG").isNull()
    assert [(p.role, p.person_name) for p in a.board] == [
        (BoardRole.CHAIR, "Karin Öberg"), (BoardRole.MEMBERSHIP_OFFICER, "Sara Lind")]
    assert a.board[0].phone == "070-123 45 67"
    assert fee_now == 25000
    assert load_settings().backup_folder_for(path) == backups


def test_skipping_every_step_changes_nothing(qtbot, session):
    before = session.association
    fee = session.dues().calendar().annual_fee
    guide = StartGuide(session, RecordingNotifier())
    qtbot.addWidget(guide)
    guide.open()
    guide.logo_picker.remove_logo()  # changed, then skipped: not stored
    for _step in guide.keys:
        _click(qtbot, guide.skip_button)
    assert not guide.isVisible()
    assert session.association == before
    assert session.dues().calendar().annual_fee == fee


def test_back_keeps_what_was_typed_and_a_bad_email_stops_finish(qtbot, session):
    guide = StartGuide(session, RecordingNotifier())
    qtbot.addWidget(guide)
    guide.open()
    _click(qtbot, guide.next_button)
    _click(qtbot, guide.next_button)
    _type_in_cell(qtbot, guide.board_editor.view, 0, BoardModel.COLUMNS.index("email"),
                  "kassor@")
    _click(qtbot, guide.back_button)
    assert guide.current_key() == "dues"
    _click(qtbot, guide.next_button)
    for _step in range(2):
        _click(qtbot, guide.next_button)
    _click(qtbot, guide.next_button)  # Finish
    assert guide.isVisible() and guide.current_key() == "board"
    assert "e-mail" in guide.board_editor.error.text()


def test_settings_run_the_guide_again(qtbot, session):
    dialog = SettingsDialog(session, RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.open()
    _click(qtbot, dialog.guide_button)
    guide = dialog.guide
    assert guide.keys[0] == "association" and guide.name_edit.text() == "Testföreningen"
    guide.name_edit.clear()
    _click(qtbot, guide.next_button)
    for _step in guide.keys[1:]:
        _click(qtbot, guide.skip_button)
    assert guide.isVisible()  # no name: back to the first step
    assert guide.current_key() == "association"
    assert guide.name_error.text() == "Enter the association's name."
    type_text(qtbot, guide.name_edit, "Framtid")
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        _click(qtbot, guide.next_button)
        for _step in guide.keys[1:]:
            _click(qtbot, guide.skip_button)
    assert session.association.name == "Framtid"
    assert dialog.isVisible() and dialog.name_edit.text() == "Framtid"


def test_asking_for_a_passphrase_opens_security_after_finish(qtbot, session):
    guide = StartGuide(session, RecordingNotifier())
    qtbot.addWidget(guide)
    guide.open()
    while guide.current_key() != "passphrase":
        _click(qtbot, guide.skip_button)
    assert guide.passphrase_check.isVisibleTo(guide)
    guide.passphrase_check.setFocus()
    qtbot.keyClick(guide.passphrase_check, Qt.Key.Key_Space)
    _click(qtbot, guide.next_button)
    with qtbot.waitSignal(guide.security_requested, timeout=2000):
        _click(qtbot, guide.skip_button)  # the backups step, the last one
    assert not guide.isVisible()


def test_the_app_opens_security_when_the_guide_asks(qtbot, tmp_path, application):
    from medlemsvard_app.ui.dialogs.security_dialog import SecurityDialog

    path = tmp_path / "ny.sqlite"
    application.start(path)
    first = _shown(application, FirstRunDialog)
    type_text(qtbot, first.name_edit, "Nya föreningen")
    first.encrypt_check.setChecked(False)
    _click(qtbot, first.ok_button)
    guide = _shown(application, StartGuide)
    guide.security_requested.emit()
    assert _shown(application, SecurityDialog)
