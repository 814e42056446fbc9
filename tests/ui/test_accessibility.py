"""Screen readers, themes and larger text.

* Every control a person can reach in the main window has a name a screen reader can say:
  its own text, an accessible name, or a label whose buddy it is (Qt's own accessibility
  interface decides, as it does for a screen reader). Exceptions are listed with a reason.
* The look follows the system's light or dark scheme, also when it changes while running.
* The larger-text mode scales the application font and is remembered.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from medlemsvard_app.ui import style, text_size
from medlemsvard_app.ui.notifier import RecordingNotifier
from tests.conftest import add_members

pytestmark = pytest.mark.gui

@pytest.fixture(autouse=True)
def keep_the_look(qapp):
    """These tests switch themes and sizes: put the application back as it was."""
    state = dict(style._state)
    sheet, palette, font = qapp.styleSheet(), QPalette(qapp.palette()), QFont(qapp.font())
    yield
    style._state.clear()
    style._state.update(state)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    QApplication.setFont(font)


INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox,
               QPlainTextEdit, QTextEdit)

#: objectName or class -> why it needs no name of its own
ALLOWED: dict[str, str] = {
    "qt_scrollarea_hcontainer": "a scroll area's own scroll bar",
    "qt_scrollarea_vcontainer": "a scroll area's own scroll bar",
}


def _inside_composite(widget: QWidget) -> bool:
    """Parts of a Qt control that the control itself names (a combo box's or spin box's
    line edit, a table's corner button, a tab bar's scroll arrows, a calendar's cells)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QTabBar | QCalendarWidget |
                      QScrollBar | QLineEdit):  # a line edit's clear button
            return True
        if isinstance(parent, QAbstractItemView) and widget is not parent.viewport():
            return True  # a corner button, an open cell editor, a header
        parent = parent.parentWidget()
    return False


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return (name or "").strip()


def has_buddy(widget: QWidget, root: QWidget) -> bool:
    return any(label.buddy() is widget for label in root.findChildren(QLabel))


def unnamed(root: QWidget) -> list[str]:
    """The interactive widgets under ``root`` without any name, described for a report."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _inside_composite(widget):
            continue
        if widget.isHidden():  # hidden by the view itself (an unused link): not exposed
            continue
        if widget.objectName() in ALLOWED or type(widget).__name__ in ALLOWED:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            continue
        if widget.accessibleName().strip() or accessible_name(widget) or has_buddy(widget, root):
            continue
        owner = widget.parentWidget()
        while owner is not None and owner.parentWidget() is not root.parentWidget() and \
                type(owner).__module__.startswith("PySide6"):
            owner = owner.parentWidget()
        found.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                     f"{type(owner).__name__ if owner else '?'}"
                     f" (tooltip {widget.toolTip()!r})")
    return found


#: pages still being finished by other helpers (issues 5-9) when this test was written;
#: their unnamed controls are listed in the session report. Remove a page from here once
#: its owner has named them, so the test guards it too.
KNOWN_PAGES: dict[str, str] = {}


def test_every_control_in_the_main_window_has_a_name(qtbot, session):
    from medlemsvard_app.ui.main_window import MainWindow

    add_members(session, {"given_name": "Karin", "family_name": "Öberg"})
    window = MainWindow(session, RecordingNotifier())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    problems = []
    for i in range(window.stack.count()):
        page = window.stack.widget(i)
        title = window.nav.item(i).text()
        window.nav.setCurrentRow(i)
        for line in unnamed(page):
            problems.append(f"{title}: {line}")
    problems = [p for p in problems if p.split(":")[0] not in KNOWN_PAGES]
    assert not problems, "\n".join(problems)


def test_settings_and_start_guide_controls_have_names(qtbot, session):
    from medlemsvard_app.ui.dialogs.first_run_guide import StartGuide
    from medlemsvard_app.ui.dialogs.settings_dialog import SettingsDialog

    for dialog in (SettingsDialog(session, RecordingNotifier()),
                   StartGuide(session, RecordingNotifier(), first_time=False)):
        qtbot.addWidget(dialog)
        assert not unnamed(dialog), type(dialog).__name__


# -- themes -----------------------------------------------------------------------------------
def test_style_follows_light_and_dark(qapp):
    before = QPalette(qapp.palette())
    try:
        assert style.apply_scheme(qapp, dark=True)
        assert qapp.palette().window().color().lightness() < 128
        assert style.DARK["nav"] in qapp.styleSheet()
        assert style.LIGHT["nav"] not in qapp.styleSheet()
        assert not style.apply_scheme(qapp, dark=False)
        assert qapp.palette().window().color().lightness() >= 128
        assert style.LIGHT["nav"] in qapp.styleSheet()
    finally:
        qapp.setPalette(before)
        qapp.setStyleSheet("")


def test_the_sheet_has_no_fixed_text_colour_for_plain_widgets():
    for dark in (False, True):
        sheet = style.style_sheet(dark)
        # text and backgrounds of ordinary controls come from the palette
        assert "background: white" not in sheet.split("QLabel#logoPreview")[0]
        assert "palette(base)" in sheet


def test_dues_cards_are_readable_in_dark(qtbot, qapp):
    from medlemsvard_app.ui.widgets.dues_widgets import CountCard, is_dark, readable

    dark = style._dark_palette()
    assert is_dark(dark)
    tone = style.QColor("#2e7d32")
    assert readable(tone, dark).lightness() > tone.lightness()
    card = CountCard("paid", "Paid", "good")
    qtbot.addWidget(card)
    card.setPalette(dark)
    card.resize(card.sizeHint())
    image = card.grab().toImage()
    middle = image.pixelColor(image.width() // 2, image.height() - 4)
    assert middle.lightness() < 128  # the card's background is the dark base, not white


# -- larger text ------------------------------------------------------------------------------
def test_text_scale_scales_the_font_and_is_remembered(qapp):
    original = QFont(qapp.font())
    try:
        base = text_size.base_font(qapp).pointSizeF()
        assert text_size.apply_text_scale(qapp, 1.5) == 1.5
        assert qapp.font().pointSizeF() == pytest.approx(base * 1.5)
        assert text_size.current_scale() == 1.5
        assert text_size.apply_text_scale(qapp, 1.25) == 1.25  # from the original, not 1.5
        assert qapp.font().pointSizeF() == pytest.approx(base * 1.25)
        assert text_size.apply_text_scale(qapp, 9) == text_size.MAX_SCALE
        assert text_size.next_scale(1.0) == 1.25 and text_size.next_scale(2.0) == 1.0
        label = QLabel("Medlemsvård")
        assert label.font().pointSizeF() == pytest.approx(base * text_size.MAX_SCALE)
        text_size.apply_text_scale(qapp, 1.0)
        assert qapp.font().pointSizeF() == pytest.approx(base)
        assert text_size.restore_text_scale(qapp) == 1.0
    finally:
        text_size.apply_text_scale(qapp, 1.0)
        QApplication.setFont(original)


def test_text_scale_reaches_the_style_sheet(qapp):
    style.set_sheet_scale(qapp, 2.0)
    try:
        assert "22pt" in style.style_sheet(False, 2.0)
    finally:
        style.set_sheet_scale(qapp, 1.0)


def test_larger_text_makes_a_page_wider(qtbot, session):
    from medlemsvard_app.ui.pages.register_page import RegisterPage

    app = QApplication.instance()
    page = RegisterPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    normal = page.sizeHint().width()
    try:
        text_size.apply_text_scale(app, 2.0, remember=False)
        bigger = RegisterPage(session, RecordingNotifier())
        qtbot.addWidget(bigger)
        assert bigger.sizeHint().width() > normal
    finally:
        text_size.apply_text_scale(app, 1.0, remember=False)
