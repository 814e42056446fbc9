"""The Indicators and Privacy pages in a dark system theme: charts, figure cards and panels
are drawn from ui/style.py's colours (read when painting), so text and lines read on what
they are drawn on, and nothing is a white box on a dark window. Checked on real pixels of
grabbed widgets, and again after switching back to light."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from medlemsvard_app.ui import style
from medlemsvard_app.ui.notifier import RecordingNotifier
from medlemsvard_app.ui.pages.indicators_page import IndicatorsPage
from medlemsvard_app.ui.pages.privacy_page import PrivacyPage
from medlemsvard_app.ui.widgets.charts import BarChart, ChartPanel, ChartSeries, LineChart, shade
from tests.conftest import add_members
from tests.ui.contrast import contrast

pytestmark = pytest.mark.gui

HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b|\bwhite\b")








def _pixels(image: QImage, rect: QRect | None = None) -> list[QColor]:
    rect = rect or image.rect()
    step = 1 if rect.width() * rect.height() < 200_000 else 2
    return [image.pixelColor(x, y) for y in range(rect.top(), rect.bottom() + 1, step)
            for x in range(rect.left(), rect.right() + 1, step)]


def _background(pixels: list[QColor]) -> QColor:
    """The colour most of the area has: what everything else is drawn on."""
    return QColor.fromRgb(Counter(p.rgb() for p in pixels).most_common(1)[0][0])


def _near(a: QColor, b: QColor, within: int = 24) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= within


def _best_contrast(pixels: list[QColor], back: QColor) -> float:
    return max(contrast(p, back) for p in pixels)


def _grab(widget: QWidget) -> QImage:
    image = widget.grab().toImage()
    # a high-DPI grab is larger than the widget: measure in widget pixels
    return image.scaled(widget.size()) if image.size() != widget.size() else image


def _no_local_colours(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r}: {w.styleSheet()!r}"
            for w in [root, *root.findChildren(QWidget)] if HEX.search(w.styleSheet())]


def _check_chart(qtbot, panel: ChartPanel, dark: bool) -> None:
    """The chart's area on its card: card dark (or light), text and series readable."""
    panel.repaint()
    image = _grab(panel)
    area = panel.chart.geometry().translated(panel.stack.pos())
    pixels = _pixels(image, area)
    back = _background(pixels)
    assert (back.lightness() < 100) == dark, f"chart drawn on {back.name()}"
    text, grid = style.ink("text"), style.ink("grid")
    assert contrast(text, back) >= 4.5, f"text {text.name()} on {back.name()}"
    assert sum(_near(p, text, 40) for p in pixels) > 20, "no axis text in the text ink"
    assert sum(_near(p, grid, 8) for p in pixels) > 50, "no grid lines"
    assert 1.15 < contrast(grid, back) < 3, "the grid should show, calmly"
    for k in range(len(panel.chart.series)):
        colour = shade(k)
        assert contrast(colour, back) >= 3, f"series {k} {colour.name()} on {back.name()}"
        assert sum(_near(p, colour, 30) for p in pixels) > 20, f"series {k} not drawn"
    assert _best_contrast(pixels, back) >= 4.5


def test_charts_read_on_their_card_in_dark_and_after_a_switch_to_light(qtbot, dark):
    line = ChartPanel("Members", LineChart())
    bars = ChartPanel("Joined and left", BarChart())
    for panel in (line, bars):
        qtbot.addWidget(panel)
        panel.resize(520, 320)
        panel.show()
    years = ["2026", "2027", "2028", "2029"]
    line.set_data(years, [ChartSeries("At today's pace", [270, 300, 330, 360], dashed=True),
                          ChartSeries("Towards the goal", [270, 310, 350, 390])])
    bars.set_data(years, [ChartSeries("Joined", [17, 23, 14, 30]),
                          ChartSeries("Left", [5, 8, 4, 7])])
    qtbot.waitExposed(line)
    # series differ by more than colour: by line style, and bars by hatching
    assert len(set(line.chart.pen_styles())) == 2
    for panel in (line, bars):
        _check_chart(qtbot, panel, dark=True)
    style.apply_scheme(dark, False)  # the system switched: the next paint follows
    for panel in (line, bars):
        _check_chart(qtbot, panel, dark=False)


def _people():
    return [{"given_name": f"Medlem{i}", "family_name": "Test",
             "joined_on": date(2016 + i % 10, 3, 1), "birth_date": date(1950 + 5 * i, 1, 1)}
            for i in range(10)]


def test_figure_cards_and_the_goal_panel_are_dark_and_readable(qtbot, session, dark):
    add_members(session, *_people())
    page = IndicatorsPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.show()
    assert not _no_local_colours(page), _no_local_colours(page)
    window = dark.palette().window().color()
    card = page.cards["joined"]
    assert card.change.text()
    image = _grab(card)
    back = _background(_pixels(image))
    assert back.lightness() < 100, f"a figure card is a light box ({back.name()}) in dark"
    for label, needed in ((card.name, 4.5), (card.value, 4.5), (card.change, 4.5)):
        region = _pixels(image, label.geometry())
        assert _best_contrast(region, back) >= needed, f"{label.text()!r} hard to read"
    goal_box = page.goal_label.parentWidget()
    image = _grab(goal_box)
    back = _background(_pixels(image))
    assert back.lightness() < 100 and contrast(back, window) < 1.5
    assert _best_contrast(_pixels(image, page.goal_label.geometry()), back) >= 4.5
    page.show_definition("retention", card.info)
    qtbot.waitExposed(page.popup)
    image = _grab(page.popup)
    back = _background(_pixels(image))
    assert back.lightness() < 100, f"the definition pop-up is {back.name()} in dark"
    assert _best_contrast(_pixels(image, page.popup.text.geometry()), back) >= 4.5
    page.popup.hide()


def test_the_privacy_page_has_no_colours_of_its_own_and_its_panel_is_dark(qtbot, session,
                                                                            dark):
    add_members(session, {"given_name": "Ada", "family_name": "Gammal"})
    page = PrivacyPage(session, RecordingNotifier())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    assert not _no_local_colours(page), _no_local_colours(page)
    box = page.rule_label.parentWidget()
    image = _grab(box)
    back = _background(_pixels(image))
    assert back.lightness() < 100
    assert _best_contrast(_pixels(image, page.rule_label.geometry()), back) >= 4.5
