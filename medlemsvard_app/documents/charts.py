"""Charts for printed documents, drawn with ReportLab's own ``reportlab.graphics.charts``.

No extra library: the same package that lays out the PDF draws its charts as vector
graphics, so they print sharp at any size and use the embedded font. Every chart carries
its numbers as text (value labels, a legend with words), so it reads in grey-scale too;
the series are told apart by shade and by line style, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from medlemsvard_app.documents.styles import fonts

#: Series shades: dark blue, orange, grey; readable printed in black and white.
SHADES = (colors.Color(0.18, 0.44, 0.62), colors.Color(0.85, 0.50, 0.13),
          colors.Color(0.55, 0.58, 0.62))
DASHES = (None, (4, 2), (1, 2))


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float | None]
    #: the text printed at each value (a hidden small group prints "fewer than 5")
    labels: Sequence[str] | None = None


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart in words and numbers: ``kind`` is "line", "bars" (grouped, vertical) or
    "hbars" (horizontal, one series)."""

    kind: str
    title: str
    categories: Sequence[str]
    series: Sequence[Series]


def _nice_max(values: Sequence[float | None]) -> float:
    top = max([v for v in values if v is not None] + [1])
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000,
                 20_000, 50_000, 100_000):
        if top / step <= 6:
            return step * (int(top // step) + 1)
    return top * 1.2


def _step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000,
                 20_000, 50_000, 100_000):
        if top / step <= 6:
            return step
    return top / 5


def _legend(drawing: Drawing, series: Sequence[Series], x: float, y: float) -> None:
    if len(series) < 2:
        return
    regular, _bold = fonts()
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = regular, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.dxTextSpace = 4
    legend.boxAnchor = "ne"
    legend.colorNamePairs = [(SHADES[i % len(SHADES)], s.name) for i, s in enumerate(series)]
    drawing.add(legend)


def draw(spec: ChartSpec, width: float, height: float) -> Drawing:
    """The chart as a ReportLab drawing of ``width`` x ``height`` points."""
    if spec.kind == "line":
        return _line(spec, width, height)
    if spec.kind == "hbars":
        return _hbars(spec, width, height)
    return _bars(spec, width, height)


def _title(drawing: Drawing, text: str, height: float) -> None:
    _regular, bold = fonts()
    drawing.add(String(0, height - 11, text, fontName=bold, fontSize=10))


def _axes_fonts(chart) -> None:
    regular, _bold = fonts()
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = colors.Color(0.6, 0.6, 0.6)
    chart.categoryAxis.strokeColor = colors.Color(0.6, 0.6, 0.6)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.88, 0.88, 0.88)


def _line(spec: ChartSpec, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    _title(d, spec.title, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 34
    chart.width, chart.height = width - 44, height - 70
    chart.data = [[v if v is not None else 0 for v in s.values] for s in spec.series]
    chart.categoryAxis.categoryNames = list(spec.categories)
    values = [v for s in spec.series for v in s.values]
    low = min([v for v in values if v is not None] + [0])
    top = _nice_max(values)
    step = _step(top - (low if low > 0 else 0))
    chart.valueAxis.valueMin = max(0, (low // step) * step - step) if low > step * 3 else 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    _axes_fonts(chart)
    for i, _s in enumerate(spec.series):
        chart.lines[i].strokeColor = SHADES[i % len(SHADES)]
        chart.lines[i].strokeWidth = 1.8
        if DASHES[i % len(DASHES)]:
            chart.lines[i].strokeDashArray = DASHES[i % len(DASHES)]
    d.add(chart)
    _legend(d, spec.series, width - 10, height - 2)
    return d


def _bars(spec: ChartSpec, width: float, height: float) -> Drawing:
    regular, _bold = fonts()
    d = Drawing(width, height)
    _title(d, spec.title, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 34
    chart.width, chart.height = width - 44, height - 72
    chart.data = [[v if v is not None else 0 for v in s.values] for s in spec.series]
    chart.categoryAxis.categoryNames = list(spec.categories)
    top = _nice_max([v for s in spec.series for v in s.values])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = _step(top)
    chart.groupSpacing, chart.barSpacing = 6, 1
    _axes_fonts(chart)
    chart.barLabels.fontName, chart.barLabels.fontSize = regular, 6.5
    chart.barLabels.nudge = 6
    chart.barLabelFormat = "values"
    labels = [list(s.labels) if s.labels else [str(_int(v)) for v in s.values]
              for s in spec.series]
    chart.barLabelArray = labels
    for i, _s in enumerate(spec.series):
        chart.bars[i].fillColor = SHADES[i % len(SHADES)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    _legend(d, spec.series, width - 10, height - 2)
    return d


def _hbars(spec: ChartSpec, width: float, height: float) -> Drawing:
    regular, _bold = fonts()
    d = Drawing(width, height)
    _title(d, spec.title, height)
    chart = HorizontalBarChart()
    label_width = 150
    chart.x, chart.y = label_width, 10
    chart.width, chart.height = width - label_width - 40, height - 30
    series = spec.series[0]
    # ReportLab draws the first category at the bottom: reverse to read top-down.
    chart.data = [[v if v is not None else 0 for v in series.values][::-1]]
    chart.categoryAxis.categoryNames = list(spec.categories)[::-1]
    top = _nice_max(list(series.values))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = _step(top)
    chart.valueAxis.visible = False
    _axes_fonts(chart)
    chart.valueAxis.visibleGrid = False
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.visibleTicks = False
    chart.barLabels.fontName, chart.barLabels.fontSize = regular, 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    chart.barLabelFormat = "values"
    labels = list(series.labels) if series.labels else [str(_int(v)) for v in series.values]
    chart.barLabelArray = [labels[::-1]]
    chart.bars[0].fillColor = SHADES[0]
    chart.bars[0].strokeColor = None
    d.add(chart)
    return d


def _int(value: float | None) -> int:
    return int(round(value or 0))
