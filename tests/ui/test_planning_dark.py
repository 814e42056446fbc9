"""The Planning view in the dark scheme: SWOT cards, the guidance panel, the chosen compass
answer and the save line must stay readable (WCAG contrast of at least 4.5:1 between the
text and the background it is shown on), and the fields' tints follow a switch back to
light. Measured on the pixels of a screenshot, not on the style sheets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from medlemsvard_app.domain.compass import Answer, Area, items_in
from medlemsvard_app.domain.swot import Quadrant
from medlemsvard_app.ui import style
from tests.ui.contrast import contrast
from tests.ui.test_planning_page import make_page

pytestmark = pytest.mark.gui






def text_contrast(image: QImage, text_area: QRect, background_at: QPoint) -> float:
    """The strongest contrast between a pixel in ``text_area`` (the glyphs) and the
    background shown at ``background_at``."""
    back = image.pixelColor(background_at)
    area = text_area.intersected(image.rect())
    return max(contrast(image.pixelColor(x, y), back)
               for x in range(area.left(), area.right() + 1)
               for y in range(area.top(), area.bottom() + 1))




def _page_with_content(qtbot, session):
    board = session.board()
    analysis = board.new_swot(title="Styrelsedag")
    analysis.add(Quadrant.STRENGTHS, "Lojala ringare")
    analysis.add(Quadrant.THREATS, "Lokalhyran höjs")
    board.save_swot(analysis)
    assessment = board.new_assessment()
    first = items_in(next(iter(Area)))[0].code
    assessment.set(first, Answer.NOW)
    board.save_assessment(assessment)
    page = make_page(qtbot, session)
    page.guidance["swot"].set_shown(True)
    qtbot.waitUntil(lambda: page.swot_board.cards_shown(Quadrant.STRENGTHS) != [])
    return page, first


def test_swot_cards_and_guidance_read_well_in_the_dark(qtbot, session, dark):
    page, _code = _page_with_content(qtbot, session)
    QApplication.processEvents()
    for quadrant in (Quadrant.STRENGTHS, Quadrant.THREATS):
        cards = page.swot_board.lists[quadrant]
        image = cards.viewport().grab().toImage()
        rect = cards.visualItemRect(cards.item(0))
        text_width = cards.fontMetrics().horizontalAdvance(cards.item(0).text())
        text = QRect(rect.left() + 6, rect.top() + 4, text_width + 8, rect.height() - 8)
        card_back = QPoint(rect.right() - 12, rect.center().y())
        assert image.pixelColor(card_back).lightness() < 100  # a dark card, not a white one
        assert text_contrast(image, text, card_back) >= 4.5, quadrant
        field_back = QPoint(cards.viewport().width() // 2, cards.viewport().height() - 5)
        assert image.pixelColor(field_back).lightness() < 100  # a dark tint, not a pastel

    box = page.guidance["swot"]
    image = box.grab().toImage()
    assert text_contrast(image, box.text.geometry(), QPoint(4, box.height() // 2)) >= 4.5

    label = page.save_label
    image = page.grab().toImage()
    assert text_contrast(image, label.geometry(), QPoint(label.geometry().right() - 2,
                                                         label.geometry().center().y())) >= 4.5


def test_the_chosen_compass_answer_reads_well_in_the_dark(qtbot, session, dark):
    page, code = _page_with_content(qtbot, session)
    page.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    for answer, button in page.compass_sheet.rows[code].buttons.items():
        assert button.isChecked() == (answer is Answer.NOW)
        image = button.grab().toImage()
        inner = button.rect().adjusted(4, 4, -4, -4)
        assert text_contrast(image, inner, QPoint(3, 3)) >= 4.5, answer


def test_the_fields_follow_a_switch_back_to_light(qtbot, session, dark):
    page, _code = _page_with_content(qtbot, session)
    cards = page.swot_board.lists[Quadrant.STRENGTHS]

    def field_lightness() -> int:
        QApplication.processEvents()
        image = cards.viewport().grab().toImage()
        return image.pixelColor(cards.viewport().width() // 2,
                                cards.viewport().height() - 5).lightness()

    assert field_lightness() < 100
    style.apply_scheme(QApplication.instance(), False)
    assert field_lightness() > 180  # the sheet was rebuilt for light
