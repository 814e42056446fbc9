"""The home view, F1 help, the shortcut list, About and Edit → Undo, driven like a person."""

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from medlemsvard_app.domain.calls import RoundPurpose
from medlemsvard_app.ui.dialogs.help_dialog import AboutDialog, HelpDialog, ShortcutsDialog
from medlemsvard_app.ui.main_window import MainWindow
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import TODAY, add_members


def open_window(qtbot, session) -> MainWindow:
    win = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def test_the_app_opens_on_home_with_todays_work(qtbot, session):
    people = add_members(session, *({"given_name": n, "family_name": "Ek",
                                     "joined_on": TODAY.replace(month=10)}
                                    for n in ("Ana", "Bo", "Cia")))
    calls = session.calls()
    caller = calls.add_caller("Karin Berg")
    calls.start(RoundPurpose.CAMPAIGN, [caller.id], TODAY, member_ids=[p.id for p in people],
                title="Before the meeting")
    win = open_window(qtbot, session)
    assert win.stack.currentWidget() is win.home_page
    qtbot.waitUntil(lambda: win.home_page.snapshot is not None, timeout=10000)
    card = win.home_page.cards["calls"]
    assert "Karin Berg: 3 members left to call" in card.text()
    # the caller's queue is a link of its own, and the card shows the total as a figure
    assert [link.text() for link in card.links] == [
        "Before the meeting — Karin Berg: 3 members left to call"]
    assert card.figure.text() == "3"
    assert "Testföreningen" in win.home_page.heading.text()
    assert people  # the register is not empty, so the dues card speaks of this year
    qtbot.mouseClick(win.home_page.cards["calls"].button, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.calls_page
    # Let the calls page finish its own background load before the file closes.
    qtbot.waitUntil(lambda: win.calls_page.snapshot is not None and not win.calls_page._running,
                    timeout=10000)
    qtbot.wait(100)


def test_each_callers_queue_on_home_opens_that_queue(qtbot, session):
    """Two callers share a round: each has a link of their own on Home."""
    people = add_members(session, *({"given_name": n, "family_name": "Lund"}
                                    for n in ("Ada", "Bea", "Cilla", "Dan")))
    calls = session.calls()
    karin, nils = calls.add_caller("Karin Berg"), calls.add_caller("Nils Holm")
    calls.start(RoundPurpose.CAMPAIGN, [karin.id, nils.id], TODAY,
                member_ids=[p.id for p in people], title="Autumn round")
    win = open_window(qtbot, session)
    qtbot.waitUntil(lambda: win.home_page.snapshot is not None, timeout=10000)
    card = win.home_page.cards["calls"]
    texts = [link.text() for link in card.links]
    assert len(texts) == 2 and card.figure.text() == "4"
    assert any("Nils Holm: 2 members left to call" in t for t in texts)
    nils_link = next(link for link in card.links if "Nils Holm" in link.text())
    qtbot.mouseClick(nils_link, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is win.calls_page
    qtbot.waitUntil(lambda: win.calls_page.caller_combo.currentText() == "Nils Holm",
                    timeout=10000)
    assert win.calls_page.round_label.text() == "Autumn round"
    qtbot.waitUntil(lambda: win.calls_page.snapshot is not None and not win.calls_page._running,
                    timeout=10000)
    qtbot.wait(100)


def test_f1_explains_the_view_shown(qtbot, session):
    win = open_window(qtbot, session)
    win.show_page(win.dues_page)
    assert win.help_action.shortcut().toString() == "F1"
    win.help_action.trigger()
    dialog = next(d for d in win._dialogs if isinstance(d, HelpDialog))
    assert "Help: Dues" in dialog.windowTitle()
    assert "dues year" in dialog.text.text()


def test_the_shortcut_list_and_about_show_what_the_window_has(qtbot, session):
    win = open_window(qtbot, session)
    dialog = win.show_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    assert rows["Help for this view"] == "F1"
    assert rows["Find member"] == "Ctrl+F"
    about = win.show_about()
    assert isinstance(about, AboutDialog)
    libraries = [about.table.item(r, 0).text() for r in range(about.table.rowCount())]
    assert "reportlab" in libraries and "PySide6-Essentials" in libraries


def test_ctrl_number_opens_the_views_in_order(qtbot, session):
    win = open_window(qtbot, session)
    shortcuts = [a.shortcut().toString() for a in win.page_actions]
    assert shortcuts[:3] == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
    win.page_actions[1].trigger()
    assert win.stack.currentWidget() is win.register_page
    win.page_actions[0].trigger()
    assert win.stack.currentWidget() is win.home_page


def test_edit_undo_takes_back_the_last_edit_of_a_member(qtbot, session):
    [anna] = add_members(session, {"given_name": "Anna", "family_name": "Lind"})
    win = open_window(qtbot, session)
    assert not win.undo_action.isEnabled()
    session.register().save(replace(anna, family_name="Lindqvist"))
    win._update_undo()
    assert win.undo_action.isEnabled()
    assert win.undo_action.text() == "Undo the edit of Anna Lind"
    win.undo_action.trigger()
    QApplication.processEvents()
    assert session.register().get(anna.id).family_name == "Lind"
    assert not win.undo_action.isEnabled()


def test_view_larger_text_grows_the_font_and_goes_back(qtbot, session, qapp):
    win = open_window(qtbot, session)
    size = qapp.font().pointSizeF()
    assert win.larger_text() == 1.25
    assert qapp.font().pointSizeF() > size
    assert win.nav.width() >= win.nav.fontMetrics().horizontalAdvance("Activities")
    win.normal_text()
    assert qapp.font().pointSizeF() == size


def test_an_empty_register_is_offered_its_two_ways_in(qtbot, session):
    """A new association's Home says what to do first: import the list, or add a member."""
    from medlemsvard_app.ui.dialogs.import_wizard import ImportWizard
    from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog

    win = open_window(qtbot, session)
    qtbot.waitUntil(lambda: win.home_page.snapshot is not None, timeout=10000)
    page = win.home_page
    assert page.start_card.isVisible()

    def shown(kind):
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)
                and w.isVisible()]

    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown(ImportWizard)), timeout=3000)
    shown(ImportWizard)[0].reject()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown(MemberDialog)), timeout=3000)
    assert win.stack.currentWidget() is win.register_page
    shown(MemberDialog)[0].reject()
    add_members(session, {"given_name": "Ada", "family_name": "Lind"})
    page.refresh()
    win.show_page(page)
    qtbot.waitUntil(lambda: page.snapshot is not None and not page.start_card.isVisible(),
                    timeout=10000)
