"""The app from start: first-run choice with no database, then the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from medlemsvard_app.services.session import create_session
from medlemsvard_app.ui.app import Application
from medlemsvard_app.ui.dialogs.first_run_dialog import FirstRunDialog
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.ui.keyboard import type_text

pytestmark = pytest.mark.gui


def _first_run(app: Application) -> FirstRunDialog:
    dialogs = [d for d in app._keep if isinstance(d, FirstRunDialog) and d.isVisible()]
    assert dialogs, "the first-run choice is not shown"
    return dialogs[-1]


@pytest.fixture
def application(qapp):
    app = Application(qapp, RecordingNotifier())
    yield app
    if app.window is not None:
        app.window.close()
    if app.session is not None:
        app.session.close()
    for widget in app._keep:
        widget.close()


def test_no_database_opens_on_the_first_run_choice_and_creates(qtbot, tmp_path, application):
    path = tmp_path / "data" / "medlemsvard.sqlite"
    application.start(path)
    dialog = _first_run(application)
    assert application.window is None
    type_text(qtbot, dialog.name_edit, "Föreningen Framåt")
    dialog.path_edit.setText(str(path))
    dialog.encrypt_check.setChecked(False)  # encryption has tests of its own
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert application.window is not None and application.window.isVisible()
    assert application.session.association.name == "Föreningen Framåt"
    assert path.exists()
    assert "Föreningen Framåt" in application.window.windowTitle()


def test_explore_a_demo_builds_it_off_the_ui_thread(qtbot, tmp_path, application):
    application.start(tmp_path / "medlemsvard.sqlite")
    dialog = _first_run(application)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: application.window is not None, timeout=60000)
    model = application.window.register_page.model
    assert model.rowCount() > 200
    assert application.session.path.name.startswith("demo-")


def test_a_broken_file_gives_a_message_then_the_choice(qtbot, tmp_path, application):
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"this is not a database at all")
    application.start(bad)
    assert application.notifier.messages[0][0] == "error"
    assert "not a Medlemsvård database" in application.notifier.messages[0][1]
    assert _first_run(application)
    assert bad.read_bytes() == b"this is not a database at all"


def test_open_switches_to_another_association(qtbot, tmp_path, application):
    first = create_session(tmp_path / "a.sqlite", "Klubb A", "SE", "sv")
    first.close()
    second = create_session(tmp_path / "b.sqlite", "Lag B", "NO", "nb")
    second.close()
    application.start(tmp_path / "a.sqlite")
    assert "Klubb A" in application.window.windowTitle()
    application.window.open_requested.emit(tmp_path / "b.sqlite")
    assert "Lag B" in application.window.windowTitle()
    QApplication.processEvents()
