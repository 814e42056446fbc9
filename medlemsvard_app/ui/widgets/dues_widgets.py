"""Drawn widgets of the dues view: the dues year as a timeline, and a count as a card.

Both say everything in text as well as in colour (a label on every mark, the state's
name on every card), so they read in grey-scale, printed, or by a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import get_month_names
from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QToolTip, QWidget

from medlemsvard_app.i18n import current_locale
from medlemsvard_app.ui import style

#: the tones a mark or card may have (every use also has a text label beside it), and the
#: ink (ui/style.py) each is drawn with; read at paint time, so a light/dark switch shows
#: at the next repaint
_INK_OF_TONE: dict[str, str] = {"good": "good", "neutral": "neutral", "info": "accent",
                                "warn": "warn", "late": "late", "bad": "bad", "flag": "flag"}


def tone_ink(tone: str, default: str = "info") -> QColor:
    """A mark's or card's colour as lines and text on the window, in the scheme in use."""
    return style.ink(_INK_OF_TONE.get(tone, _INK_OF_TONE[default]))


def is_dark(palette: QPalette) -> bool:
    """A dark theme: light text on a dark window (the system's choice, see ui/style.py)."""
    return palette.window().color().lightness() < 128


def readable(colour: QColor, palette: QPalette, darker: int = 115) -> QColor:
    """A colour of one's own as text: darkened on a light window, lightened on a dark one
    (the style's inks need nothing of the kind: they exist per scheme)."""
    return colour.lighter(165) if is_dark(palette) else colour.darker(darker)


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """One date on the timeline: a short title, its date as shown, and a longer tooltip."""

    on: date
    title: str
    date_text: str
    tooltip: str
    tone: str = "info"
    #: the next thing to happen: drawn larger and in bold
    next: bool = False


@dataclass(slots=True)
class _Placed:
    mark: TimelineMark
    x: int
    lane: int  # 0, 2, 4 … below the axis; 1, 3, 5 … above
    rect: QRect


class DuesTimeline(QWidget):
    """The dues year from 1 January to just past its last mark, months ticked, every
    event marked and labelled, and today as a red line with its date."""

    LANE_GAP = 10
    SIDE = 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duesTimeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._start = date(date.today().year, 1, 1)
        self._end = date(date.today().year, 12, 31)
        self._today: date | None = None
        self._today_text = ""
        self._marks: list[TimelineMark] = []
        self._placed: list[_Placed] = []
        self._lanes_above = 1
        self._lanes_below = 1
        self.setMinimumHeight(self._height_for(1, 1))

    # -- data ------------------------------------------------------------------------------
    def set_events(self, start: date, end: date, today: date, today_text: str,
                   marks: list[TimelineMark]) -> None:
        self._start, self._end = start, max(end, start + timedelta(days=1))
        self._today, self._today_text = today, today_text
        self._marks = sorted(marks, key=lambda m: m.on)
        self.setAccessibleDescription("; ".join(f"{m.date_text}: {m.title}" for m in self._marks))
        self._place()
        self.update()

    def marks(self) -> list[TimelineMark]:
        return list(self._marks)

    # -- geometry --------------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        return base, bold, small

    def _line(self) -> int:
        return QFontMetrics(self._fonts()[0]).height()

    def _label_height(self) -> int:
        return self._line() * 2 + 2

    def _height_for(self, above: int, below: int) -> int:
        line = self._line()
        # today's tag, the lanes above, the axis with its month names, the lanes below
        return (line + 10 + above * (self._label_height() + 6) + 14 + line
                + below * (self._label_height() + 6) + 6)

    def _axis_y(self) -> int:
        return self._line() + 10 + self._lanes_above * (self._label_height() + 6) + 8

    def x_of(self, day: date) -> int:
        left, right = self.SIDE, self.width() - self.SIDE
        span = (self._end - self._start).days or 1
        fraction = min(max((day - self._start).days / span, 0.0), 1.0)
        return round(left + fraction * (right - left))

    def _place(self) -> None:
        """Give each label a lane: alternately below and above the axis, further out only
        when it would overlap its neighbour (greedy, left to right)."""
        _base, bold, _small = self._fonts()
        fm = QFontMetrics(bold)
        right_edges: list[int] = []
        placed: list[_Placed] = []
        for mark in self._marks:
            x = self.x_of(mark.on)
            width = max(fm.horizontalAdvance(mark.title), fm.horizontalAdvance(mark.date_text))
            left = min(max(x - width // 2, 2), max(2, self.width() - width - 2))
            lane = 0
            while lane < len(right_edges) and right_edges[lane] + self.LANE_GAP > left:
                lane += 1
            if lane == len(right_edges):
                right_edges.append(-10_000)
            right_edges[lane] = left + width
            placed.append(_Placed(mark, x, lane, QRect(left, 0, width, self._label_height())))
        above = max([p.lane // 2 + 1 for p in placed if p.lane % 2] or [1])
        below = max([p.lane // 2 + 1 for p in placed if not p.lane % 2] or [1])
        self._lanes_above, self._lanes_below = above, below
        self._placed = placed
        height = self._height_for(above, below)
        if self.minimumHeight() != height:
            self.setFixedHeight(height)
        axis = self._axis_y()
        step = self._label_height() + 6
        line = self._line()
        for p in placed:
            level = p.lane // 2
            if p.lane % 2:  # above the axis
                top = axis - 14 - (level + 1) * step + 6
            else:
                top = axis + 10 + line + level * step
            p.rect.moveTop(top)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, self._height_for(self._lanes_above, self._lanes_below))

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base, bold, small = self._fonts()
        text_colour = self.palette().windowText().color()
        axis = self._axis_y()
        left, right = self.SIDE, self.width() - self.SIDE

        # The axis: the part of the year behind us stands out more.
        past_ink = style.ink("neutral")
        painter.setPen(QPen(style.ink("axis"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(left, axis, right, axis)
        if self._today is not None and self._today > self._start:
            painter.setPen(QPen(past_ink, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(left, axis, self.x_of(self._today), axis)

        # Months: a tick at each first, the name centred in the month.
        painter.setFont(small)
        fm_small = QFontMetrics(small)
        names = get_month_names("abbreviated", context="stand-alone", locale=current_locale())
        month = date(self._start.year, self._start.month, 1)
        while month <= self._end:
            following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            x0 = self.x_of(month)
            painter.setPen(QPen(style.ink("axis"), 1))
            painter.drawLine(x0, axis - 5, x0, axis + 5)
            room = self.x_of(min(following, self._end)) - x0 - 4
            label = names[month.month]
            if month.month == 1 and (month == self._start.replace(day=1) or
                                     fm_small.horizontalAdvance(f"{label} {month.year}") < room):
                label = f"{label} {month.year}"  # the first month always names its year
            middle = (x0 + self.x_of(min(following, self._end))) // 2
            if month == self._start.replace(day=1) or fm_small.horizontalAdvance(label) < room:
                painter.setPen(QPen(style.ink("muted")))
                painter.drawText(QRect(middle - 60, axis + 6, 120, fm_small.height()),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 label)
            month = following

        # Today: a line through everything (behind the labels), its date on top.
        show_today = self._today is not None and self._start <= self._today <= self._end
        if show_today:
            tx = self.x_of(self._today)
            painter.setPen(QPen(style.ink("bad"), 2))
            painter.drawLine(tx, self._line() + 8, tx, self.height() - 4)

        # The events: a dot on the axis, a stem to the label, title and date.
        background = self.palette().window().color()
        for p in self._placed:
            colour = tone_ink(p.mark.tone)
            past = self._today is not None and p.mark.on <= self._today
            dot = past_ink if past else colour
            stem_to = p.rect.bottom() + 1 if p.lane % 2 else p.rect.top() - 1
            stem = QColor(dot)
            stem.setAlpha(150)
            painter.setPen(QPen(stem, 1, Qt.PenStyle.DotLine))
            painter.drawLine(p.x, axis, p.x, stem_to)
            radius = 7 if p.mark.next else 5
            painter.setPen(QPen(dot, 2))
            painter.setBrush(dot if past or p.mark.next else self.palette().base().color())
            painter.drawEllipse(QPoint(p.x, axis), radius, radius)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRect(p.rect.adjusted(-3, 0, 3, 0))
            painter.setFont(bold if p.mark.next else base)
            painter.setPen(style.ink("muted") if past else text_colour)
            line = self._line()
            title_rect = QRect(p.rect.left() - 4, p.rect.top(), p.rect.width() + 8, line)
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignHCenter, p.mark.title)
            painter.setFont(bold if p.mark.next else base)
            painter.setPen(style.ink("muted") if past else colour)
            date_rect = QRect(p.rect.left() - 4, p.rect.top() + line, p.rect.width() + 8, line)
            painter.drawText(date_rect, Qt.AlignmentFlag.AlignHCenter, p.mark.date_text)

        if show_today:
            painter.setFont(bold)
            fm = QFontMetrics(bold)
            width = fm.horizontalAdvance(self._today_text) + 12
            tag_left = min(max(tx - width // 2, 0), self.width() - width)
            tag = QRectF(tag_left, 1, width, fm.height() + 4)
            tag_back, tag_text = style.tone("strong_bad")  # white on red in both schemes
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tag_back)
            painter.drawRoundedRect(tag, 4, 4)
            painter.setPen(tag_text)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, self._today_text)
        painter.end()

    # -- tooltips --------------------------------------------------------------------------
    def mark_at(self, point: QPoint) -> TimelineMark | None:
        axis = self._axis_y()
        for p in self._placed:
            if p.rect.adjusted(-4, -2, 4, 2).contains(point) or (
                    abs(point.x() - p.x) <= 8 and abs(point.y() - axis) <= 10):
                return p.mark
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mark = self.mark_at(event.pos())
            if mark is not None:
                QToolTip.showText(event.globalPos(), mark.tooltip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class CountCard(QAbstractButton):
    """A clickable count: the number large, the state's name under it, a coloured edge.

    Checkable, so the card whose members are listed stays marked; keyboard-focusable
    (Tab, Space) like any button.
    """

    def __init__(self, code: str, label: str, tone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.label = label
        self.tone = tone
        self.count_text = "…"
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName(f"card_{code}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self._update_text()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter lists the members too, as Space does: it is what people press on a card.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)

    def set_count(self, text: str) -> None:
        self.count_text = text
        self._update_text()
        self.update()

    def _update_text(self) -> None:
        # The button's text is what tests and screen readers read: "Paid: 412".
        self.setText(f"{self.label}: {self.count_text}")
        self.setAccessibleName(self.text())

    def _count_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.55)
        font.setBold(True)
        return font

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = QFontMetrics(self.font())
        big = QFontMetrics(self._count_font())
        width = max(fm.horizontalAdvance(self.label), big.horizontalAdvance("00 000")) + 30
        return QSize(max(width, 112), big.height() + fm.height() + 16)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = self.sizeHint()
        return QSize(96, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tone = tone_ink(self.tone, "neutral")
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self.isChecked():
            background = QColor(tone)
            background.setAlpha(34)
            border = QPen(tone, 2)
        else:
            palette = self.palette()
            background = (palette.alternateBase() if self.underMouse()
                          else palette.base()).color()
            border = QPen(palette.mid().color(), 1)
        painter.setPen(border)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 6, 6)
        # the coloured edge
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tone)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 6, rect.height()), 3, 3)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 4, 4)

        text = self.palette().color(QPalette.ColorGroup.Disabled if not self.isEnabled()
                                    else QPalette.ColorGroup.Active,
                                    QPalette.ColorRole.WindowText)
        big = self._count_font()
        big_fm = QFontMetrics(big)
        fm = QFontMetrics(self.font())
        inner = self.rect().adjusted(16, 6, -8, -6)
        painter.setFont(big)
        painter.setPen(tone)  # the ink reads on the card's base in both schemes
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), big_fm.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.count_text)
        painter.setFont(self.font())
        painter.setPen(text)
        label = fm.elidedText(self.label, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(QRect(inner.left(), inner.top() + big_fm.height() + 2, inner.width(),
                               fm.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        painter.end()
