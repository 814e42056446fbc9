"""A small drawing of a label sheet: which labels this batch uses, from the start label on.

Click a label to start there (the labels before it are taken already on a partly used
sheet). The states are shown by fill *and* pattern, never by colour alone: taken labels
are crossed out, used ones are filled with lines of text, free ones stay blank.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from medlemsvard_app.domain.label_sheets import PAGE_HEIGHT, PAGE_WIDTH, LabelSheet
from medlemsvard_app.i18n import _
from medlemsvard_app.ui.style import INKS_LIGHT, TONES_LIGHT

# The drawing is a picture of a paper sheet, so the paper stays white on purpose in a dark
# theme too (a dark sheet would not look like the labels that come out of the printer).
# Everything drawn on the paper therefore takes the style's LIGHT colours, whatever the
# scheme: they are made to read on white. Only the shadow comes from the palette.
PAPER = QColor(TONES_LIGHT["plain"][0])
USED = QColor(INKS_LIGHT["accent"])
USED_FILL = QColor(TONES_LIGHT["info"][0])
TAKEN = QColor(INKS_LIGHT["neutral"])
TAKEN_FILL = QColor(TONES_LIGHT["neutral"][0])
OUTLINE = QColor(INKS_LIGHT["muted"])


class SheetPreview(QWidget):
    #: the label clicked, 1-based
    start_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: LabelSheet | None = None
        self.start = 1
        self.count = 0
        self.setObjectName("sheetPreview")
        self.setMinimumSize(QSize(190, 268))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_("Click the label to start from: the labels before it are used "
                          "already."))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(260, 368)

    def set_state(self, sheet: LabelSheet | None, start: int, count: int) -> None:
        """Draw ``sheet`` with ``count`` labels from label ``start`` (on the first sheet)."""
        self.sheet, self.start, self.count = sheet, start, count
        self.update()

    # -- geometry -----------------------------------------------------------------------
    def _page_rect(self) -> QRectF:
        margin = 6.0
        w, h = self.width() - 2 * margin, self.height() - 2 * margin
        scale = min(w / PAGE_WIDTH, h / PAGE_HEIGHT)
        pw, ph = PAGE_WIDTH * scale, PAGE_HEIGHT * scale
        return QRectF((self.width() - pw) / 2, (self.height() - ph) / 2, pw, ph)

    def label_rect(self, index: int) -> QRectF:
        """Label ``index`` (0-based) in widget coordinates."""
        assert self.sheet is not None
        page = self._page_rect()
        scale = page.width() / PAGE_WIDTH
        x, y, w, h = self.sheet.rect(index)
        return QRectF(page.left() + x * scale, page.top() + y * scale, w * scale, h * scale)

    def label_at(self, point: QPointF) -> int | None:
        if self.sheet is None:
            return None
        for index in range(self.sheet.per_sheet):
            if self.label_rect(index).contains(point):
                return index + 1
        return None

    # -- events -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        number = self.label_at(event.position())
        if number is not None and event.button() == Qt.MouseButton.LeftButton:
            self.start_clicked.emit(number)
            event.accept()
            return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        page = self._page_rect()
        shadow = self.palette().shadow().color()
        shadow.setAlpha(60)
        painter.fillRect(page.translated(2, 2), shadow)
        painter.fillRect(page, PAPER)
        painter.setPen(QPen(OUTLINE, 1))
        painter.drawRect(page)
        if self.sheet is None:
            painter.end()
            return
        scale = page.width() / PAGE_WIDTH
        radius = self.sheet.corner_radius * scale
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, min(9.0, self.label_rect(0).height() / 3.2)))
        painter.setFont(font)
        last = self.start - 1 + self.count
        for index in range(self.sheet.per_sheet):
            rect = self.label_rect(index).adjusted(0.5, 0.5, -0.5, -0.5)
            number = index + 1
            if number < self.start:  # taken already: grey, crossed out
                painter.setPen(QPen(TAKEN, 1))
                painter.setBrush(TAKEN_FILL)
                painter.drawRoundedRect(rect, radius, radius)
                inner = rect.adjusted(4, 4, -4, -4)
                painter.drawLine(inner.topLeft(), inner.bottomRight())
                painter.drawLine(inner.topRight(), inner.bottomLeft())
                continue
            used = number <= last
            painter.setPen(QPen(USED if used else OUTLINE, 2 if number == self.start else 1))
            painter.setBrush(USED_FILL if used else PAPER)
            painter.drawRoundedRect(rect, radius, radius)
            if used:  # three lines of "text"
                painter.setPen(QPen(USED, max(1.0, rect.height() / 14)))
                left = rect.left() + rect.width() * 0.14
                for i, length in enumerate((0.5, 0.42, 0.36)):  # clear of the number
                    y = rect.top() + rect.height() * (0.4 + 0.16 * i)
                    painter.drawLine(QPointF(left, y),
                                     QPointF(left + rect.width() * length, y))
            painter.setPen(QPen(OUTLINE if not used else USED))
            painter.drawText(rect.adjusted(3, 1, -3, -1),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             str(number))
        painter.end()
