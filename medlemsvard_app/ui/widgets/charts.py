"""Small charts drawn with QPainter: a line, grouped bars, horizontal bars, an age pyramid.

Why not QtCharts: it needs PySide6-Addons (about 161 MB more in the bundle) for five
simple pictures. These draw in a few dozen lines each, look the same on every platform,
and stay accessible: every value is in a tooltip and in the chart's accessible text, and
``ChartPanel`` turns any chart into a plain table with one click. Series differ by shade
and by line style, hatching or position, never by colour alone.

Colours come from ``ui/style.py``'s inks, read at paint time, so the charts follow a
switch between light and dark at the next repaint.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _
from medlemsvard_app.ui import style

#: Series inks (blue, orange, grey; ui/style.py), with text beside every use.
SHADES = ("accent", "orange", "neutral")
#: line styles of the series that are not dashed, in order: solid first
_LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)


def shade(k: int) -> QColor:
    """Series ``k``'s colour in the scheme in use now (call it when painting)."""
    return style.ink(SHADES[k % len(SHADES)])


def _text() -> QColor:
    return style.ink("text")


def _hatched(k: int) -> bool:
    """Bars of every other series are hatched, so they differ by more than colour."""
    return k % 2 == 1


@dataclass(frozen=True, slots=True)
class ChartSeries:
    name: str
    values: Sequence[float | None]
    #: what each value reads as (formatted in the user's locale); defaults to the number
    texts: Sequence[str] | None = None
    #: drawn dashed (a projection, a goal line)
    dashed: bool = False

    def text(self, i: int) -> str:
        if self.texts is not None:
            return self.texts[i]
        value = self.values[i]
        return "–" if value is None else f"{value:g}"


def _nice_top(values: Sequence[float | None]) -> float:
    """A round number at or above the largest value, so the five grid steps are round."""
    top = max([v for v in values if v is not None] + [5.0])
    magnitude = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= top:
            return step * magnitude
    return top


class Chart(QWidget):
    """The common part: categories, series, a value axis, hover tooltips, the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[ChartSeries] = []
        self._hits: list[tuple[QRectF, str]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_data(self, categories: Sequence[str], series: Sequence[ChartSeries]) -> None:
        self.categories = list(categories)
        self.series = list(series)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """Every value in words, for screen readers and for the tooltip of the whole."""
        parts = []
        for s in self.series:
            values = ", ".join(f"{c}: {s.text(i)}" for i, c in enumerate(self.categories))
            parts.append(f"{s.name}: {values}")
        return "; ".join(parts)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """(header, rows): one row per category, one column per series."""
        header = [""] + [s.name for s in self.series]
        rows = [[c] + [s.text(i) for s in self.series] for i, c in enumerate(self.categories)]
        return header, rows

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 240)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            pos = QPointF(event.pos())
            for rect, text in self._hits:
                if rect.contains(pos):
                    QToolTip.showText(event.globalPos(), text, self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    # -- drawing helpers -------------------------------------------------------------------
    def _painter(self) -> QPainter:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        return painter

    #: series are drawn as lines (the legend shows each line's style) rather than areas
    lines = False

    def pen_styles(self) -> list[Qt.PenStyle]:
        """Each series' line style: dashed ones dashed, the others solid, dotted, ..."""
        styles, plain = [], 0
        for s in self.series:
            if s.dashed:
                styles.append(Qt.PenStyle.DashLine)
            else:
                styles.append(_LINE_STYLES[plain % len(_LINE_STYLES)])
                plain += 1
        return styles

    def _bar(self, painter: QPainter, rect: QRectF, k: int) -> None:
        """A bar (or legend swatch) of series ``k``: its colour, hatched for odd series."""
        colour = shade(k)
        painter.fillRect(rect, colour)
        if _hatched(k) and rect.width() > 0 and rect.height() > 0:
            card = style.colours(style.is_dark())["card"]  # what the panel is drawn on
            painter.fillRect(rect, QBrush(QColor(card), Qt.BrushStyle.BDiagPattern))

    def _legend(self, painter: QPainter, top: float) -> float:
        """Series names with their swatches, top left; returns the height used."""
        if len(self.series) < 2:
            return 0
        fm = QFontMetrics(self.font())
        x = 8.0
        styles = self.pen_styles()
        for i, s in enumerate(self.series):
            if self.lines or s.dashed:
                painter.setPen(QPen(shade(i), 2.2, styles[i]))
                middle = top + fm.height() / 2
                painter.drawLine(QPointF(x, middle), QPointF(x + 22, middle))
            else:
                self._bar(painter, QRectF(x + 4, top + 2, 14, fm.height() - 4), i)
            painter.setPen(_text())
            painter.drawText(QPointF(x + 28, top + fm.ascent()), s.name)
            x += 42 + fm.horizontalAdvance(s.name)
        return fm.height() + 4

    def _value_axis(self, painter: QPainter, plot: QRectF, top: float, low: float = 0) -> None:
        fm = QFontMetrics(self.font())
        grid, text_colour = style.ink("grid"), _text()
        for k in range(6):
            value = low + (top - low) * k / 5
            y = plot.bottom() - plot.height() * k / 5
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            text = f"{value:,.0f}".replace(",", "\u202f")
            painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    def _category_labels(self, painter: QPainter, plot: QRectF, centres: list[float]) -> None:
        fm = QFontMetrics(self.font())
        painter.setPen(_text())
        widest = max((fm.horizontalAdvance(c) for c in self.categories), default=0)
        room = plot.width() / max(1, len(self.categories))
        every = 1
        while widest + 6 > room * every and every < len(self.categories):
            every += 1
        last = len(self.categories) - 1
        limit = self.width() + 4.0  # the left edge of the label drawn last (to the right)
        for i in range(last, -1, -1):  # from the newest: the last category always shows
            if (last - i) % every:
                continue
            c, x = self.categories[i], centres[i]
            w = fm.horizontalAdvance(c) + 4
            left = max(0.0, min(self.width() - w, x - w / 2))
            if left + w > limit - 4:
                continue
            painter.drawText(QRectF(left, plot.bottom() + 4, w, fm.height()),
                             Qt.AlignmentFlag.AlignHCenter, c)
            limit = left

    def _plot_rect(self, legend_height: float) -> QRectF:
        fm = QFontMetrics(self.font())
        values = [v for s in self.series for v in s.values if v is not None]
        label = fm.horizontalAdvance(f"{max(values + [1]) * 10:,.0f}") + 8
        return QRectF(label, legend_height + 8, self.width() - label - 10,
                      self.height() - legend_height - fm.height() - 16)


class LineChart(Chart):
    """Values over time (member count by month), one line per series; the axis starts at
    zero unless all values are far above it (then it says so by its first label)."""

    lines = True

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = self._painter()
        self._hits = []
        legend = self._legend(painter, 4)
        if not self.categories:
            return
        plot = self._plot_rect(legend)
        values = [v for s in self.series for v in s.values if v is not None]
        top = _nice_top(values)
        low = 0.0
        self._value_axis(painter, plot, top, low)
        n = len(self.categories)
        xs = [plot.left() + (plot.width() * (i + 0.5) / n) for i in range(n)]
        self._category_labels(painter, plot, xs)
        styles = self.pen_styles()
        for k, s in enumerate(self.series):
            colour = shade(k)
            painter.setPen(QPen(colour, 2.2, styles[k]))
            previous: QPointF | None = None
            for i, v in enumerate(s.values):
                if v is None:
                    previous = None
                    continue
                point = QPointF(xs[i], plot.bottom() - plot.height() * (v - low) / (top - low))
                if previous is not None:
                    painter.drawLine(previous, point)
                previous = point
                self._hits.append((QRectF(xs[i] - plot.width() / n / 2, plot.top(),
                                          plot.width() / n, plot.height()),
                                   f"{self.categories[i]}\n" + "\n".join(
                                       f"{t.name}: {t.text(i)}" for t in self.series)))
            if previous is not None and len(s.values) and s.values[-1] is not None:
                painter.setBrush(colour)
                painter.drawEllipse(previous, 3.5, 3.5)
                painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.end()


class BarChart(Chart):
    """Grouped vertical bars (joins vs exits per period), the value above each bar."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = self._painter()
        self._hits = []
        legend = self._legend(painter, 4)
        if not self.categories or not self.series:
            return
        fm = QFontMetrics(self.font())
        plot = self._plot_rect(legend + fm.height())
        plot.setTop(plot.top())
        top = _nice_top([v for s in self.series for v in s.values])
        self._value_axis(painter, plot, top)
        n, m = len(self.categories), len(self.series)
        group = plot.width() / n
        bar = max(3.0, (group * 0.75) / m)
        centres = []
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        for i in range(n):
            left = plot.left() + group * i + (group - bar * m) / 2
            centres.append(plot.left() + group * (i + 0.5))
            for k, s in enumerate(self.series):
                v = s.values[i] or 0
                h = plot.height() * v / top
                rect = QRectF(left + bar * k, plot.bottom() - h, bar - 1, h)
                self._bar(painter, rect, k)
                if bar >= fm.horizontalAdvance(s.text(i)) * 0.8:
                    painter.setFont(small)
                    painter.setPen(_text())
                    painter.drawText(QRectF(rect.left() - 10, rect.top() - fm.height(),
                                            rect.width() + 20, fm.height()),
                                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                                     s.text(i))
                    painter.setFont(self.font())
                self._hits.append((QRectF(rect.left(), plot.top(), bar, plot.height()),
                                   f"{self.categories[i]} · {s.name}: {s.text(i)}"))
        self._category_labels(painter, plot, centres)
        painter.setPen(QPen(style.ink("axis"), 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        painter.end()


class HorizontalBarChart(Chart):
    """One series as horizontal bars with the category on the left and the value at the
    bar's end (exit reasons, tenure, retention by cohort)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = QFontMetrics(self.font())
        return QSize(420, max(160, (fm.height() + 10) * max(1, len(self.categories)) + 20))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = self._painter()
        self._hits = []
        if not self.categories or not self.series:
            return
        fm = QFontMetrics(self.font())
        s = self.series[0]
        label_w = min(self.width() * 0.45,
                      max(fm.horizontalAdvance(c) for c in self.categories) + 12)
        value_w = max(fm.horizontalAdvance(s.text(i)) for i in range(len(self.categories))) + 10
        room = self.width() - label_w - value_w - 8
        row = min(fm.height() + 14, (self.height() - 8) / len(self.categories))
        top = max([v for v in s.values if v is not None] + [1e-9])
        for i, c in enumerate(self.categories):
            y = 4 + row * i
            painter.setPen(_text())
            painter.drawText(QRectF(0, y, label_w - 8, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(c, Qt.TextElideMode.ElideRight, int(label_w - 8)))
            v = s.values[i] or 0
            w = room * v / top
            bar = QRectF(label_w, y + 3, max(w, 1.5 if v else 0), row - 6)
            painter.fillRect(bar, shade(0))
            painter.drawText(QRectF(label_w + w + 6, y, value_w + 10, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             s.text(i))
            self._hits.append((QRectF(0, y, self.width(), row), f"{c}: {s.text(i)}"))
        painter.end()


class AgePyramid(Chart):
    """Age groups as rows, the first series to the left and the second to the right of a
    centre line (women / men when gender is recorded); with one series, bars to the right."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = QFontMetrics(self.font())
        return QSize(420, max(170, (fm.height() + 12) * max(1, len(self.categories)) + 30))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = self._painter()
        self._hits = []
        legend = self._legend(painter, 4)
        if not self.categories or not self.series:
            return
        if len(self.series) == 1:
            painter.end()
            HorizontalBarChart.paintEvent(self, event)  # type: ignore[arg-type]
            return
        fm = QFontMetrics(self.font())
        label_w = max(fm.horizontalAdvance(c) for c in self.categories) + 16
        left_s, right_s = self.series[0], self.series[1]
        value_w = max(fm.horizontalAdvance(t.text(i)) for t in (left_s, right_s)
                      for i in range(len(self.categories))) + 8
        centre = self.width() / 2
        half = (self.width() - label_w) / 2 - value_w - 6
        top = max([v for s in (left_s, right_s) for v in s.values if v is not None] + [1e-9])
        row = min(fm.height() + 14, (self.height() - legend - 10) / len(self.categories))
        n = len(self.categories)
        for i, c in enumerate(self.categories):
            # oldest at the top, as a pyramid is read
            y = legend + 6 + row * (n - 1 - i)
            painter.setPen(_text())
            painter.drawText(QRectF(centre - label_w / 2, y, label_w, row),
                             Qt.AlignmentFlag.AlignCenter, c)
            for k, s in enumerate((left_s, right_s)):
                v = s.values[i] or 0
                w = half * v / top
                if k == 0:
                    bar = QRectF(centre - label_w / 2 - w, y + 3, w, row - 6)
                    text_rect = QRectF(bar.left() - value_w - 4, y, value_w, row)
                    align = Qt.AlignmentFlag.AlignRight
                else:
                    bar = QRectF(centre + label_w / 2, y + 3, w, row - 6)
                    text_rect = QRectF(bar.right() + 4, y, value_w, row)
                    align = Qt.AlignmentFlag.AlignLeft
                self._bar(painter, bar, k)
                painter.setPen(_text())
                painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignVCenter, s.text(i))
                self._hits.append((QRectF(bar.left() if k == 0 else centre,
                                          y, max(w, 1) + label_w / 2, row),
                                   f"{c} · {s.name}: {s.text(i)}"))
        painter.end()


class ChartPanel(QFrame):
    """A chart with its title and a button that shows the same numbers as a table, on a
    card (the app sheet's ``card`` property: base colour, a border, light or dark)."""

    def __init__(self, title: str, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.toggle = QPushButton(_("Show as table"))
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(_("Show the chart's numbers as a table"))
        self.toggle.toggled.connect(self._toggled)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.stack = QStackedWidget()
        self.stack.addWidget(chart)
        self.stack.addWidget(self.table)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("hint", True)
        self.note.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        self.setObjectName("chartPanel")
        self.setProperty("card", True)
        chart.setAccessibleName(title)
        self.table.setAccessibleName(title)  # the same numbers, so the same name

    def set_data(self, categories: Sequence[str], series: Sequence[ChartSeries],
                 note: str = "") -> None:
        self.chart.set_data(categories, series)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.chart.updateGeometry()
        self._fill_table()

    def _fill_table(self) -> None:
        header, rows = self.chart.table()
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(header)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    def _toggled(self, as_table: bool) -> None:
        self.stack.setCurrentIndex(1 if as_table else 0)
        self.toggle.setText(_("Show as chart") if as_table else _("Show as table"))
