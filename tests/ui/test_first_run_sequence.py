"""After "Create our association" one window at a time: the recovery sheet's save dialog,
then the start guide, then (only on a computer with no name yet) the user's name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from medlemsvard_app.services.session import create_session
from medlemsvard_app.ui.app import Application
from medlemsvard_app.ui.dialogs.first_run_dialog import FirstRunDialog
from medlemsvard_app.ui.dialogs.first_run_guide import StartGuide
from medlemsvard_app.ui.dialogs.user_name_dialog import (
    UserNameDialog,
    store_user_name,
    stored_user_name,
)
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui

PASS = "sju små grodor"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    from medlemsvard_app.storage import encryption

    monkeypatch.setattr(encryption, "KDF_ITER", 4000)


@pytest.fixture(autouse=True)
def own_places(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDLEMSVARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MEDLEMSVARD_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def application(qapp):
    app = Application(qapp, RecordingNotifier())
    yield app
    for widget in _name_dialogs(app) + app._keep:
        widget.close()
    if app.window is not None:
        app.window.close()
    if app.session is not None:
        app.security.release(app.session.path)
        app.session.close()
    if app.security.idle is not None:
        app.security.idle.stop()


def _dialogs_shown(app: Application) -> list[str]:
    """The app's dialogs a person sees right now, by class name (other tests' leftovers
    in the same process do not count)."""
    mine = list(app._keep)
    if app.window is not None:
        mine += app.window.findChildren(QDialog)
    return sorted({type(w).__name__ for w in mine if w.isVisible()})


def _name_dialogs(app: Application) -> list[UserNameDialog]:
    if app.window is None:
        return []
    return [w for w in app.window.findChildren(UserNameDialog) if w.isVisible()]


def _guides(app: Application) -> list[StartGuide]:
    return [d for d in app._keep if isinstance(d, StartGuide) and d.isVisible()]


def _create(qtbot, app: Application, path, passphrase: str | None) -> None:
    app.start(path)
    first = next(d for d in app._keep if isinstance(d, FirstRunDialog) and d.isVisible())
    type_text(qtbot, first.name_edit, "Föreningen Gröna ängen")
    first.path_edit.setText(str(path))
    if passphrase is None:
        first.encrypt_check.setChecked(False)
    else:
        type_text(qtbot, first.passphrase_edit, passphrase)
        type_text(qtbot, first.passphrase_repeat_edit, passphrase)
    qtbot.mouseClick(first.ok_button, Qt.MouseButton.LeftButton)


def test_sheet_then_guide_then_name_one_at_a_time(qtbot, tmp_path, application,
                                                  monkeypatch):
    from medlemsvard_app.ui import security_flow

    seen_while_saving: list[list[str]] = []
    sheet = tmp_path / "sheet.pdf"

    def save_dialog(*_args, **_kwargs):
        seen_while_saving.append(_dialogs_shown(application))
        return str(sheet), ""

    monkeypatch.setattr(security_flow.QFileDialog, "getSaveFileName",
                        staticmethod(save_dialog))
    _create(qtbot, application, tmp_path / "ny.sqlite", PASS)
    # The save dialog came first, with nothing else asking at the same time.
    assert seen_while_saving == [[]]
    assert sheet.exists()
    # Then the guide, alone: no name question under or over it.
    guide = _guides(application)[0]
    assert not _name_dialogs(application)
    qtbot.mouseClick(guide.close_button, Qt.MouseButton.LeftButton)
    # Once the guide is closed, the name, and what is typed goes into it.
    qtbot.waitUntil(lambda: bool(_name_dialogs(application)), timeout=2000)
    dialog = _name_dialogs(application)[0]
    assert not _guides(application)
    dialog.name_edit.setFocus()
    type_text(qtbot, dialog.name_edit, "Åsa Nilsson")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert stored_user_name() == "Åsa Nilsson"
    assert application.session.user_name == "Åsa Nilsson"


def test_the_name_waits_for_security_asked_for_in_the_guide(qtbot, tmp_path, application):
    from medlemsvard_app.ui.dialogs.security_dialog import SecurityDialog

    _create(qtbot, application, tmp_path / "ny.sqlite", None)
    guide = _guides(application)[0]
    assert not _name_dialogs(application)
    while guide.current_key() != "passphrase":
        qtbot.mouseClick(guide.skip_button, Qt.MouseButton.LeftButton)
    guide.passphrase_check.setChecked(True)
    qtbot.mouseClick(guide.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(guide.skip_button, Qt.MouseButton.LeftButton)  # backups: Finish
    security = next(d for d in application._keep
                    if isinstance(d, SecurityDialog) and d.isVisible())
    qtbot.wait(50)
    assert not _name_dialogs(application)  # Security is the one window now
    security.reject()
    qtbot.waitUntil(lambda: bool(_name_dialogs(application)), timeout=2000)


def test_a_known_name_is_not_asked_again(qtbot, tmp_path, application):
    store_user_name("Åsa Nilsson")
    _create(qtbot, application, tmp_path / "ny.sqlite", None)
    guide = _guides(application)[0]
    qtbot.mouseClick(guide.close_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert not _name_dialogs(application)
    assert application.session.user_name == "Åsa Nilsson"


def test_opening_later_asks_only_while_no_name_is_known(qtbot, tmp_path, application):
    path = tmp_path / "klubb.sqlite"
    create_session(path, "Klubben", "SE", "sv").close()
    application.start(path)
    assert len(_name_dialogs(application)) == 1  # the first time on this computer
    dialog = _name_dialogs(application)[0]
    type_text(qtbot, dialog.name_edit, "Per")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    application.window.open_requested.emit(path)  # opened again, as on a later day
    qtbot.wait(50)
    assert not _name_dialogs(application)
    assert application.session.user_name == "Per"
