"""A volunteer's 1366×768 laptop: what matters must show without scrolling, and no window
or dialog may reach past the screen's edge."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from medlemsvard_app import i18n
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members
from tests.ui.test_calls_page import start_new_members_round

pytestmark = pytest.mark.gui


@pytest.fixture
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("language", ["sv", "nb", "en"], indirect=True)
def test_the_outcome_buttons_show_without_scrolling_on_a_laptop(qtbot, session, language):
    from medlemsvard_app.ui.main_window import MainWindow

    add_members(session,
                {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
                 "phone": "0701234561", "joined_on": date(2026, 11, 20)})
    window = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(window)
    window.resize(1366, 740)  # maximised on 1366×768, less title bar and task bar
    window.show()
    qtbot.waitExposed(window)
    window.open_page_by_key("calls")
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=10000)
    page.activateWindow()
    start_new_members_round(qtbot, page)
    panel = page.panel
    assert panel.name_label.text() == "Astrid Berg"
    viewport = panel.parentWidget()
    scroll = viewport.parentWidget()
    qtbot.wait(50)
    assert scroll.verticalScrollBar().value() == 0
    for widget in (*panel.outcome_buttons.values(), panel.keys_hint):
        assert widget.isVisible()
        assert viewport.rect().contains(_rect_in(widget, viewport)), (
            f"{widget.objectName() or widget.text()} is below the fold: "
            f"{_rect_in(widget, viewport)} in {viewport.rect()}")
    # Each outcome button shows its whole text.
    for button in panel.outcome_buttons.values():
        need = button.fontMetrics().horizontalAdvance(button.text().replace("&", "")) + 8
        assert button.width() >= need, button.text()
    window.close()


# -- dialogs and the main window fit the screen ----------------------------------------------
LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px task bar


@pytest.fixture
def laptop(monkeypatch):
    """The free screen of a 1366×768 laptop (offscreen Qt has one 800×800 screen)."""
    from medlemsvard_app.ui.dialogs import common

    monkeypatch.setattr(common, "available_geometry", lambda _w: QRect(LAPTOP))
    import medlemsvard_app.ui.main_window as main_window
    monkeypatch.setattr(main_window, "available_geometry", lambda _w: QRect(LAPTOP),
                        raising=False)
    return LAPTOP


def _a4_pdf(pages: int) -> bytes:
    from tests.ui.test_pdf_preview import _pdf

    return _pdf(pages)


def _opened_preview(qtbot):
    from medlemsvard_app.ui.dialogs.pdf_preview_dialog import show_pdf

    dialog = show_pdf(None, RecordingNotifier(), _a4_pdf(2), title="Letters",
                      file_name="letters.pdf", summary="2 letters")
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_pdf_preview_keeps_its_buttons_on_a_laptop_screen(qtbot, laptop):
    dialog = _opened_preview(qtbot)
    frame = dialog.frameGeometry()
    assert laptop.contains(frame), f"{frame} reaches past {laptop}"
    assert frame.height() <= laptop.height() - 32  # room for the title bar
    # Centred on the free screen.
    assert abs(frame.center().x() - laptop.center().x()) <= 2
    for button in (dialog.print_button, dialog.save_button, dialog.close_button):
        assert button.isVisible()
        spot = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        assert laptop.contains(spot), f"{button.text()} at {spot}"
    dialog.close()


def test_the_pdf_preview_fits_the_real_screen_too(qtbot):
    dialog = _opened_preview(qtbot)
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry())
    dialog.close()


def test_fit_to_screen_keeps_a_small_dialog_as_asked(qtbot, laptop):
    from PySide6.QtWidgets import QDialog

    from medlemsvard_app.ui.dialogs.common import fit_to_screen

    dialog = QDialog()
    qtbot.addWidget(dialog)
    assert fit_to_screen(dialog, 500, 400).toTuple() == (500, 400)
    assert fit_to_screen(dialog, 1600, 1000).toTuple() == (1366 - 48, 728 - 48 - 32)
    assert laptop.contains(dialog.geometry())


def test_the_main_window_opens_maximised_on_a_laptop(qtbot, session, laptop):
    from medlemsvard_app.ui.main_window import MainWindow

    window = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert window.width() <= laptop.width() and window.height() + 32 <= laptop.height()


def test_a_window_saved_on_a_big_monitor_is_shrunk_to_the_screen(qtbot, session,
                                                                  monkeypatch):
    import medlemsvard_app.ui.main_window as main_window
    from medlemsvard_app.ui.dialogs import common

    first = main_window.MainWindow(session, RecordingNotifier())
    qtbot.addWidget(first)
    first.setGeometry(0, 0, 1000, 780)  # saved on a bigger screen
    first.save_layout()
    first.close()
    small = QRect(0, 0, 1100, 620)  # a netbook-like free screen, shorter than the window
    monkeypatch.setattr(common, "available_geometry", lambda _w: QRect(small))
    monkeypatch.setattr(main_window, "available_geometry", lambda _w: QRect(small),
                        raising=False)
    window = main_window.MainWindow(session, RecordingNotifier())
    qtbot.addWidget(window)
    assert window.height() + 32 <= small.height()
    assert small.contains(window.geometry())


# -- the welcome letter goes to new members ---------------------------------------------------
def test_the_welcome_letter_goes_to_new_members_unless_the_user_chose(qtbot, session):
    from medlemsvard_app.services.letters import NEW_WITHOUT_WELCOME
    from medlemsvard_app.ui.pages.letters_page import LettersPage

    add_members(session,
                {"given_name": "Ny", "family_name": "Medlem", "member_number": 1,
                 "street": "Gatan 1", "postal_code": "11122", "city": "Stockholm",
                 "joined_on": date(2026, 11, 1)},
                {"given_name": "Gammal", "family_name": "Medlem", "member_number": 2,
                 "street": "Gatan 2", "postal_code": "11122", "city": "Stockholm",
                 "joined_on": date(2015, 3, 1)})
    page = LettersPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    combo, template = page.selection_combo, page.template_combo
    assert template.currentData() == "welcome"
    assert combo.currentData() == NEW_WITHOUT_WELCOME
    qtbot.waitUntil(lambda: page.count_label.text() == "1 letter", timeout=10000)
    # Another letter: to the current members; back to welcome: new members again.
    template.setCurrentIndex(template.findData("thanks"))
    assert combo.currentData() == "current"
    template.setCurrentIndex(template.findData("welcome"))
    assert combo.currentData() == NEW_WITHOUT_WELCOME
    # The user picks "current members" by hand (keyboard on the combo): that stays.
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert combo.currentData() == "current"
    template.setCurrentIndex(template.findData("thanks"))
    template.setCurrentIndex(template.findData("welcome"))
    assert combo.currentData() == "current"
    qtbot.waitUntil(lambda: page.count_label.text() == "2 letters", timeout=10000)


def test_a_narrow_call_panel_puts_paired_fields_one_under_the_other(qtbot):
    """Long translations or a narrow window: the panel fits its room, cut nowhere."""
    from PySide6.QtCore import Qt as QtNS
    from PySide6.QtWidgets import QScrollArea

    from medlemsvard_app.domain.models import Member
    from medlemsvard_app.ui.dialogs.call_panel import CallPanel

    panel = CallPanel(date(2026, 11, 25))
    scroll = QScrollArea()
    qtbot.addWidget(scroll)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(QtNS.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(panel)
    panel.show_member(Member(id=1, given_name="Astrid", family_name="Berg"))
    scroll.resize(700, 700)
    scroll.show()
    qtbot.waitExposed(scroll)
    mood_y = panel.mood_combo.mapTo(panel, QPoint(0, 0)).y()
    assert panel.satisfaction_spin.mapTo(panel, QPoint(0, 0)).y() == mood_y  # one line
    # Just narrower than the paired lines need (in English the check box alone is wider).
    scroll.resize(panel._paired_width - 8 + 2 * scroll.frameWidth(), 700)
    qtbot.waitUntil(lambda: panel.satisfaction_spin.mapTo(panel, QPoint(0, 0)).y() > mood_y)
    assert panel.good_at_edit.mapTo(panel, QPoint(0, 0)).y() > \
        panel.wants_edit.mapTo(panel, QPoint(0, 0)).y()
    assert panel.width() <= scroll.viewport().width()
    scroll.resize(700, 700)
    qtbot.waitUntil(lambda: panel.satisfaction_spin.mapTo(panel, QPoint(0, 0)).y() == mood_y)
