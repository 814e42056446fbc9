"""Encryption, the idle lock, one window per file, security and backups in the GUI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from medlemsvard_app.services import backups
from medlemsvard_app.services.session import create_session
from medlemsvard_app.storage.encryption import is_encrypted
from medlemsvard_app.ui.app import Application
from medlemsvard_app.ui.dialogs.passphrase_dialog import PassphraseDialog
from medlemsvard_app.ui.lock_screen import LockScreen
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

PASS = "sju små grodor"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Key derivation at 4,000 rounds in-process; tests/storage/test_encryption.py keeps
    SQLCipher's real 256,000."""
    from medlemsvard_app.storage import encryption

    monkeypatch.setattr(encryption, "KDF_ITER", 4000)


@pytest.fixture(autouse=True)
def own_places(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDLEMSVARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MEDLEMSVARD_DATA_DIR", str(tmp_path / "data"))


def _close(app: Application) -> None:
    if app.window is not None:
        app.window.close()
    if app.session is not None:
        app.session.close()
    for widget in app._keep:
        widget.close()
    app.security.release_all_but(app.session.path if app.session else "/nonexistent")
    if app.session is not None:
        app.security.release(app.session.path)
    if app.security.idle is not None:
        app.security.idle.stop()


@pytest.fixture
def application(qapp):
    apps: list[Application] = []

    def make() -> Application:
        app = Application(qapp, RecordingNotifier())
        apps.append(app)
        return app

    yield make
    for app in apps:
        _close(app)


def _encrypted(tmp_path, people=3):
    s = create_session(tmp_path / "enc.sqlite", "Hemliga klubben", "SE", "sv",
                       passphrase=PASS)
    add_members(s, *({"given_name": f"Person{i}", "family_name": "Ek"} for i in range(people)))
    s.close()
    return tmp_path / "enc.sqlite"


def _passphrase_dialog(app: Application) -> PassphraseDialog:
    shown = [d for d in app._keep if isinstance(d, PassphraseDialog) and d.isVisible()]
    assert shown, "no passphrase dialog"
    return shown[-1]


def _unlock_with(qtbot, dialog: PassphraseDialog, text: str) -> None:
    type_text(qtbot, dialog.edit, text)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_an_encrypted_file_asks_for_its_passphrase_and_says_when_it_is_wrong(
        qtbot, tmp_path, application):
    path = _encrypted(tmp_path)
    app = application()
    app.start(path)
    assert app.window is None
    _unlock_with(qtbot, _passphrase_dialog(app), "fel lösenfras")
    again = _passphrase_dialog(app)
    assert "does not open" in again.problem_label.text() and again.problem_label.isVisible()
    _unlock_with(qtbot, again, PASS)
    assert app.window is not None and app.window.isVisible()
    assert app.session.passphrase == PASS
    assert "Hemliga klubben" in app.window.windowTitle()


def test_a_second_window_on_the_same_file_is_refused(qtbot, tmp_path, application):
    create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv").close()
    first, second = application(), application()
    first.start(tmp_path / "a.sqlite")
    assert first.window is not None
    assert not second.open(tmp_path / "a.sqlite")
    assert second.session is None
    assert any("already open in another Medlemsvård window" in text
               for _kind, text in second.notifier.messages)
    # closed in the first, the file opens in the second
    first.window.close()
    first.session.close()
    first.security.release(tmp_path / "a.sqlite")
    assert second.open(tmp_path / "a.sqlite")


def test_creating_an_encrypted_association_and_its_recovery_sheet(
        qtbot, tmp_path, application, monkeypatch):
    from medlemsvard_app.ui import security_flow

    sheet = tmp_path / "sheet.pdf"
    monkeypatch.setattr(security_flow.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(sheet), "")))
    app = application()
    path = tmp_path / "new.sqlite"
    app.start(path)
    dialog = next(d for d in app._keep if d.isVisible())
    type_text(qtbot, dialog.name_edit, "Föreningen Lås")
    dialog.path_edit.setText(str(path))
    type_text(qtbot, dialog.passphrase_edit, PASS)
    type_text(qtbot, dialog.passphrase_repeat_edit, PASS)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert app.window is not None and is_encrypted(path)
    assert sheet.exists()
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(sheet).pages)
    assert "Föreningen Lås" in text and str(path.resolve()) in text.replace("\n", "")
    assert PASS not in text  # never printed unless asked for


def test_the_idle_lock_hides_everything_until_the_passphrase(qtbot, tmp_path, application):
    path = _encrypted(tmp_path)
    app = application()
    app.open(path, PASS)
    window = app.window
    window.show_page(window.register_page)
    table = window.register_page.table
    assert table.isVisible()
    other = QDialog(window)  # an open dialog with something typed in it
    other.setWindowTitle("Person0 Ek")
    typed = QLineEdit("Person0's note", other)
    other.show()
    app.security.idle.set_interval_ms(30)
    qtbot.waitUntil(lambda: app.security.window_lock.locked, timeout=3000)
    assert isinstance(window.centralWidget(), LockScreen)
    assert not table.isVisible()
    assert "Hemliga" not in window.windowTitle()
    assert not window.menuBar().isEnabled()
    assert not typed.isVisible() and "Person0" not in other.windowTitle()
    cover = other.findChild(QWidget, "lockCover")
    assert cover is not None and cover.isVisible() and cover.geometry() == other.rect()
    screen = window.centralWidget()
    type_text(qtbot, screen.edit, "inte rätt")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert "not the passphrase" in screen.problem_label.text()
    assert app.security.window_lock.locked
    app.security.idle.set_minutes(10)
    type_text(qtbot, screen.edit, PASS)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not app.security.window_lock.locked
    assert window.centralWidget() is not None and table.isVisible()
    assert "Hemliga klubben" in window.windowTitle()
    assert typed.isVisible() and typed.text() == "Person0's note"
    assert other.windowTitle() == "Person0 Ek"
    other.close()


def test_a_modal_dialog_can_be_unlocked_from_itself(qtbot, tmp_path, application):
    path = _encrypted(tmp_path)
    app = application()
    app.open(path, PASS)
    app.window.show_page(app.window.register_page)
    modal = QDialog(app.window)
    modal.setModal(True)
    modal.show()
    app.security.window_lock.lock()
    cover = modal.findChild(QWidget, "lockCover")
    type_text(qtbot, cover.edit, PASS)
    assert cover.edit.text() == PASS, (cover.edit.text(), cover.edit.isVisible())
    qtbot.mouseClick(cover.unlock_button, Qt.MouseButton.LeftButton)
    assert not app.security.window_lock.locked, cover.problem_label.text()
    assert app.window.register_page.table.isVisible()
    modal.close()


def test_a_plain_register_is_never_locked(qtbot, tmp_path, application):
    create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv").close()
    app = application()
    app.open(tmp_path / "a.sqlite")
    assert app.security.window_lock is None and app.security.idle is None


def test_switching_encryption_on_change_and_off_from_the_app(qtbot, tmp_path, application):
    create_session(tmp_path / "a.sqlite", "Klubben", "SE", "sv").close()
    path = tmp_path / "a.sqlite"
    app = application()
    app.open(path)

    def reopened_with(passphrase):
        qtbot.waitUntil(lambda: app.session is not None and app.window is not None
                        and app.session.passphrase == passphrase, timeout=20000)

    assert app.security.change_passphrase(None, PASS, False)  # runs beside the window
    reopened_with(PASS)
    assert is_encrypted(path)
    assert not app.security.change_passphrase("fel fras", "annan fras här", False)
    assert "does not open" in app.notifier.messages[-1][1]
    assert app.security.change_passphrase(PASS, "annan fras här", False)
    reopened_with("annan fras här")
    assert app.security.change_passphrase("annan fras här", None, False)
    reopened_with(None)
    assert not is_encrypted(path)
    from medlemsvard_app.services import audit

    actions = [e.action for e in audit.entries(app.session)]
    assert {"passphrase_set", "passphrase_change", "passphrase_remove"} <= set(actions)


def test_the_backups_dialog_lists_and_restores(qtbot, tmp_path, application):
    path = _encrypted(tmp_path, people=2)
    app = application()
    app.open(path, PASS)
    from medlemsvard_app.ui.dialogs.backups_dialog import BackupsDialog

    qtbot.waitUntil(lambda: len(backups.backups_of(path)) == 1, timeout=10000)
    add_members(app.session, {"given_name": "Sen", "family_name": "Tillagd"})
    dialog = BackupsDialog(app.session, app.notifier, app.window)
    dialog.restore_requested.connect(app.security.restore)
    dialog.show()
    assert dialog.table.rowCount() == 1  # the opening's backup, made beside the window
    assert dialog.table.item(0, 1).text() == "Daily, on opening"
    assert dialog.table.item(0, 2).text() == "2" and dialog.table.item(0, 4).text() == "Yes"
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 2
    dialog.table.selectRow(1)  # the older one: two members
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    question = [t for k, t in app.notifier.messages if k == "confirm"][-1]
    assert "2 members" in question and "saved as a backup first" in question
    qtbot.waitUntil(lambda: any("was restored" in t for _k, t in app.notifier.messages),
                    timeout=20000)
    assert app.session.members.total() == 2
    reasons = [b.reason for b in backups.backups_of(path)]
    assert "before_restore" in reasons
    from medlemsvard_app.services import audit

    assert "restore" in [e.action for e in audit.entries(app.session)]


def test_pages_of_an_encrypted_register_load_in_the_background(qtbot, tmp_path, application):
    path = _encrypted(tmp_path, people=4)
    app = application()
    app.open(path, PASS)
    window = app.window
    for i in range(window.stack.count()):
        window.stack.setCurrentIndex(i)
        qtbot.wait(50)
    qtbot.wait(500)
    errors_shown = [t for k, t in app.notifier.messages if k == "error"]
    assert not errors_shown


def test_a_backup_under_an_older_passphrase_asks_for_that_one(qtbot, tmp_path, application,
                                                              monkeypatch):
    from medlemsvard_app.services import security
    from medlemsvard_app.ui.dialogs import backups_dialog
    from medlemsvard_app.ui.dialogs.backups_dialog import BackupsDialog

    path = _encrypted(tmp_path, people=2)
    old = backups.backup_now(path, "manual", passphrase=PASS)
    security._rekey_file(path, PASS, "en nyare fras")  # the file only: the backup keeps PASS
    app = application()
    app.open(path, "en nyare fras")
    asked = []

    def answer(dialog):
        asked.append(dialog.problem_label.text())
        dialog.passphrase = PASS
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(backups_dialog.PassphraseDialog, "exec", answer)
    dialog = BackupsDialog(app.session, app.notifier, app.window)
    dialog.restore_requested.connect(app.security.restore)
    row = next(i for i, b in enumerate(dialog.items) if b.path == old)
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert asked == [""]  # asked once, and the backup opened with the older passphrase
    qtbot.waitUntil(lambda: any("was restored" in t for _k, t in app.notifier.messages),
                    timeout=20000)
    assert app.session.passphrase == PASS and app.session.members.total() == 2
