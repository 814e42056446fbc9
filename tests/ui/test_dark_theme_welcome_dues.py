"""The welcome grid, the dues views and the activities view in a dark system theme: the
colours shown come from ui/style.py at paint time, text reads on its background (WCAG
4.5:1) in dark and again in light after a switch, the legend shows the grid's own tones,
and no widget keeps a colour of its own that belongs to the other scheme."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from medlemsvard_app.domain.dues_state import DuesState
from medlemsvard_app.domain.welcome import StepState
from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from medlemsvard_app.ui import style
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.widgets.welcome_grid import FIRST_STEP_COLUMN, STATE_TONES, StatusRole
from tests.conftest import add_members
from tests.ui.contrast import contrast

pytestmark = pytest.mark.gui

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")








def _scheme_colours(dark: bool) -> set[str]:
    """Every colour ui/style.py has for one scheme, as "#rrggbb"."""
    tones = style.TONES_DARK if dark else style.TONES_LIGHT
    inks = style.INKS_DARK if dark else style.INKS_LIGHT
    found = {c for pair in tones.values() for c in pair} | set(inks.values())
    return {c.lower() for c in found | set(style.colours(dark).values())}


def _foreign_sheet_colours(root: QWidget, dark: bool) -> list[str]:
    """Colours in local style sheets under ``root`` that are not the scheme's own."""
    own = _scheme_colours(dark)
    return [f"{type(w).__name__} {w.objectName()!r}: {c}"
            for w in [root, *root.findChildren(QWidget)]
            for c in HEX.findall(w.styleSheet()) if c.lower() not in own]


def _most_contrasting(image: QImage, back: QColor) -> QColor:
    """The pixel of ``image`` that stands out most from ``back``: the text's own colour
    (the middle of a stroke is painted in it, whatever the anti-aliasing)."""
    best, best_ratio = back, 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            ratio = contrast(pixel, back)
            if ratio > best_ratio:
                best, best_ratio = pixel, ratio
    return best


# -- the welcome grid -------------------------------------------------------------------------
@pytest.fixture
def welcome(qtbot, dark, session):
    from medlemsvard_app.ui.pages.welcome_page import WelcomePage

    people = add_members(
        session,
        {"given_name": "Astrid", "family_name": "Berg", "joined_on": date(2026, 11, 20)},
        {"given_name": "Björn", "family_name": "Dahl", "joined_on": date(2026, 10, 1)},
        {"given_name": "Åsa", "family_name": "Öst", "joined_on": date(2026, 11, 24)},
    )
    MailingRepository(session.db).record(Mailing("letter", date(2026, 11, 22), "welcome"),
                                         [people[0].id])
    page = WelcomePage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1300, 700)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    qtbot.waitExposed(page)
    return page


def _step_cells(page):
    model = page.proxy
    for row in range(model.rowCount()):
        for column in range(FIRST_STEP_COLUMN, model.columnCount()):
            index = model.index(row, column)
            if index.data(StatusRole) is not None:
                yield index


def _check_grid(page, dark: bool) -> set[StepState]:
    """Every step cell as the model gives it and as painted: readable, and in the right
    scheme; returns the states seen."""
    seen = set()
    image = page.grid.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    for index in _step_cells(page):
        state = index.data(StatusRole).state
        seen.add(state)
        back = index.data(Qt.ItemDataRole.BackgroundRole).color()
        fore = index.data(Qt.ItemDataRole.ForegroundRole).color()
        assert (back, fore) == style.tone(STATE_TONES[state])
        assert contrast(fore, back) >= 4.5, f"{state}: {fore.name()} on {back.name()}"
        assert (back.lightness() < 128) == dark, f"{state}: {back.name()} in the wrong scheme"
        rect = page.grid.visualRect(index)
        if not page.grid.viewport().rect().contains(rect):
            continue
        # as painted: the cell's background, and text in a colour that reads on it
        painted = image.pixelColor(int((rect.left() + 4) * ratio),
                                   int((rect.top() + 4) * ratio))
        assert painted.name() == back.name(), f"{state}: painted {painted.name()}"
        inner = rect.adjusted(3, 3, -3, -3)
        cell = image.copy(int(inner.left() * ratio), int(inner.top() * ratio),
                          int(inner.width() * ratio), int(inner.height() * ratio))
        text = _most_contrasting(cell, back)
        assert contrast(text, back) >= 4.5, (
            f"{state}: painted text {text.name()} on {back.name()}")
    return seen


def _legend_colours(label: QLabel) -> tuple[QColor, QColor]:
    image = label.grab().toImage()
    back = image.pixelColor(image.width() - 4, image.height() // 2)  # right of the text
    return back, _most_contrasting(image, back)


def test_the_welcome_grid_reads_in_dark_and_again_in_light(qtbot, dark, welcome):
    seen = _check_grid(welcome, dark=True)
    assert {StepState.DONE, StepState.OVERDUE, StepState.NOT_YET} <= seen
    for state, label in welcome.legend_labels.items():
        back, text = _legend_colours(label)
        assert back.name() == style.tone_hex(STATE_TONES[state])[0], state  # the grid's tone
        assert contrast(text, back) >= 4.5, f"legend {state}: {text.name()} on {back.name()}"
    assert not _foreign_sheet_colours(welcome, dark=True)
    assert welcome.guide.widget().styleSheet() == ""  # the app sheet's panel
    assert welcome.guide.widget().property("panel") is True

    style.apply_scheme(dark, False)  # the system switches back while the page is open
    qtbot.wait(50)
    _check_grid(welcome, dark=False)
    for state, label in welcome.legend_labels.items():
        back, _text = _legend_colours(label)
        assert back.name() == style.TONES_LIGHT[STATE_TONES[state]][0], state
    assert not _foreign_sheet_colours(welcome, dark=False)


# -- the dues tab, cards and timeline -------------------------------------------------------
def test_the_dues_tab_badge_and_not_paid_read_in_dark(qtbot, dark, session):
    from medlemsvard_app.domain.dues_calendar import with_changes
    from medlemsvard_app.ui.dialogs import dues_tab as dt
    from medlemsvard_app.ui.dialogs import member_dialog as md

    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=2024))
    member = add_members(session, {"given_name": "Åsa", "family_name": "Öberg",
                                   "joined_on": date(2020, 1, 1)})[0]
    dialog = md.MemberDialog(session.register(), session.association, member,
                             RecordingNotifier())
    qtbot.addWidget(dialog)
    dialog.resize(900, 640)
    dialog.show()
    dialog.tabs.setCurrentIndex(md.TAB_DUES)
    qtbot.waitExposed(dialog)
    tab = dialog.findChild(dt.DuesTab)
    status = session.dues().states(member_ids=[member.id])[member.id]
    assert status.state not in (DuesState.PAID, DuesState.EXEMPT)  # behind: coloured words
    badge = tab.state_badge
    expected_back, _fore = style.tone(dt.STATE_TONES[status.state])
    image = badge.grab().toImage()
    back = image.pixelColor(image.width() // 2, 2)
    assert back.name() == expected_back.name()
    assert contrast(_most_contrasting(image, back), back) >= 4.5
    assert back.lightness() < 128 or status.state is DuesState.TO_STRIKE_OFF

    base = tab.tree.palette().base().color()
    red = [tab.tree.topLevelItem(i).foreground(dt.COL_PAID).color()
           for i in range(tab.tree.topLevelItemCount())
           if tab.tree.topLevelItem(i).foreground(dt.COL_PAID).style() != Qt.BrushStyle.NoBrush]
    assert red, "an unpaid year is shown in red words"
    for colour in red:
        assert colour == style.ink("bad") and contrast(colour, base) >= 4.5
    for label in (tab.next_label, tab.mandate_history, tab.exemption_history):
        assert label.property("hint") is True and label.styleSheet() == ""
    assert not _foreign_sheet_colours(tab, dark=True)

    style.apply_scheme(dark, False)
    qtbot.wait(50)
    image = badge.grab().toImage()
    light_back = style.TONES_LIGHT[dt.STATE_TONES[status.state]][0]
    assert image.pixelColor(image.width() // 2, 2).name() == light_back
    assert not _foreign_sheet_colours(tab, dark=False)


def test_dues_cards_and_timeline_use_the_schemes_inks(qtbot, dark):
    from medlemsvard_app.ui.widgets.dues_widgets import CountCard, DuesTimeline, tone_ink

    base = QApplication.palette().base().color()
    window = QApplication.palette().window().color()
    for tone in ("good", "neutral", "info", "warn", "late", "bad", "flag"):
        assert contrast(tone_ink(tone), base) >= 4.5, tone  # the big count on the card
        assert contrast(tone_ink(tone), window) >= 4.5, tone  # a mark's date on the window
    card = CountCard("reminder_1", "Första påminnelsen", "warn")
    card.set_count("12")
    qtbot.addWidget(card)
    card.resize(card.sizeHint())
    card.show()
    image = card.grab().toImage()
    back = image.pixelColor(image.width() - 4, image.height() // 2)
    assert back.lightness() < 128  # the dark base, not white
    assert contrast(_most_contrasting(image, back), back) >= 4.5
    tag_back, tag_text = style.tone("strong_bad")  # the timeline's "Today" tag
    assert contrast(tag_text, tag_back) >= 4.5
    timeline = DuesTimeline()
    qtbot.addWidget(timeline)
    timeline.resize(720, 160)
    timeline.grab()  # paints without a colour of its own


# -- activities, attendance and the label sheet -------------------------------------------
def test_activities_cancelled_and_hint_follow_the_scheme(qtbot, dark, session):
    from medlemsvard_app.ui.pages.activities_page import ActivitiesPage
    from medlemsvard_app.ui.widgets.attendance import AttendanceChecklist

    page = ActivitiesPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.show()
    label = page.cancelled_label
    assert label.property("tone") == "bad" and label.styleSheet() == ""
    label.setText("Inställd")
    label.show()
    label.ensurePolished()
    shown = label.palette().color(QPalette.ColorRole.WindowText)
    assert shown.name() == style.ink_hex("bad")
    assert contrast(shown, QApplication.palette().window().color()) >= 4.5
    checklist = AttendanceChecklist()
    qtbot.addWidget(checklist)
    assert checklist.hint.property("hint") is True and checklist.hint.styleSheet() == ""
    assert not _foreign_sheet_colours(page, dark=True)


def test_the_label_sheet_stays_white_paper_with_readable_marks(qtbot, dark):
    from medlemsvard_app.services.labels import builtin_sheets
    from medlemsvard_app.ui.widgets import sheet_preview as sp

    preview = sp.SheetPreview()
    qtbot.addWidget(preview)
    preview.resize(260, 368)
    preview.set_state(builtin_sheets()[0], 3, 4)
    image = preview.grab().toImage()
    middle = image.pixelColor(QPoint(image.width() // 2, image.height() - 12))
    assert middle.lightness() > 240  # paper, on purpose, also in dark
    for colour in (sp.USED, sp.OUTLINE, sp.TAKEN):  # drawn on the paper: they must show
        assert contrast(colour, sp.PAPER) >= 3.0
    assert contrast(sp.USED, sp.USED_FILL) >= 3.0
