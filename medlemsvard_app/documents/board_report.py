"""The membership section of the annual report (verksamhetsberättelse / årsberetning).

Pure: data in, PDF bytes out. Every word arrives translated and every number formatted
(``services/indicators.py`` builds the report with small groups already hidden), so this
module knows no language and no database. A4, one column: a heading, a short text, the
member-flow table, charts, the indicators against last year, and notes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from medlemsvard_app.documents.charts import ChartSpec, draw
from medlemsvard_app.documents.styles import fonts

MARGIN = 18 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.75, 0.75, 0.75)
BAND = colors.Color(0.94, 0.95, 0.96)


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A table of text: a header row, then rows; ``emphasis`` marks rows printed bold
    (totals), by index."""

    heading: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    emphasis: Sequence[int] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class BoardReport:
    association: str
    title: str
    subtitle: str
    summary: Sequence[str]
    tables: Sequence[ReportTable]
    charts: Sequence[ChartSpec]
    #: tables printed after the charts (the indicators against last year, new vs old ...)
    more_tables: Sequence[ReportTable] = field(default_factory=tuple)
    notes: Sequence[str] = ()
    page: str = "{page}"  # with {page}


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=17, leading=21,
                                spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=10, leading=13,
                                   textColor=GREY, spaceAfter=10),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=12, leading=15, spaceBefore=10,
                             spaceAfter=5),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=14,
                               spaceAfter=5),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11.5),
        "cell_bold": ParagraphStyle("cell_bold", fontName=bold, fontSize=9, leading=11.5),
        "note": ParagraphStyle("note", fontName=regular, fontSize=8, leading=10.5,
                               textColor=GREY, spaceBefore=2),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(t: ReportTable, styles: dict[str, ParagraphStyle], width: float) -> list:
    regular, bold = fonts()
    columns = len(t.header)
    first = width * (0.46 if columns > 2 else 0.6)
    rest = (width - first) / max(1, columns - 1)
    data = [[Paragraph(_esc(h), styles["cell_bold"]) for h in t.header]]
    for i, row in enumerate(t.rows):
        style = styles["cell_bold"] if i in t.emphasis else styles["cell"]
        first_cell = row[0]
        if first_cell.startswith("    "):  # a sub-row: indented under the one above
            style = ParagraphStyle(f"{style.name}_in", parent=style, leftIndent=10)
            first_cell = "– " + first_cell.strip()
        data.append([Paragraph(_esc(first_cell), style)]
                    + [Paragraph(_esc(c), style) for c in row[1:]])
    table = Table(data, colWidths=[first] + [rest] * (columns - 1), repeatRows=1)
    commands = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ]
    for i in t.emphasis:
        commands.append(("BACKGROUND", (0, i + 1), (-1, i + 1), BAND))
    table.setStyle(TableStyle(commands))
    # Numbers right-aligned: Paragraph ignores the cell's ALIGN, so set it on the style.
    for row in data[0:]:
        for cell in row[1:]:
            cell.style = ParagraphStyle(f"{cell.style.name}_r", parent=cell.style,
                                        alignment=2)
    parts = [Paragraph(_esc(t.heading), styles["h2"]), table]
    if t.note:
        parts.append(Paragraph(_esc(t.note), styles["note"]))
    return [KeepTogether(parts)]


def render(report: BoardReport) -> bytes:
    """The report as PDF bytes."""
    regular, _bold = fonts()
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=report.title, author=report.association)
    width = A4[0] - 2 * MARGIN
    story: list = [Paragraph(_esc(report.title), styles["title"]),
                   Paragraph(_esc(report.subtitle), styles["subtitle"])]
    story += [Paragraph(_esc(p), styles["body"]) for p in report.summary]
    for t in report.tables:
        story += _table(t, styles, width)
    charts = list(report.charts)
    for i in range(0, len(charts), 2):
        pair = charts[i:i + 2]
        story.append(CondPageBreak(62 * mm))
        story.append(Spacer(1, 6))
        if len(pair) == 2 and pair[0].kind != "line":
            half = (width - 8) / 2
            row = Table([[draw(c, half, 56 * mm) for c in pair]], colWidths=[half + 4] * 2)
            row.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
            story.append(row)
        else:
            for c in pair:
                story.append(draw(c, width, 58 * mm if c.kind != "hbars" else
                                  (14 + 13 * len(c.categories)) * mm / 3.2 + 30))
                story.append(Spacer(1, 6))
    for t in report.more_tables:
        story += _table(t, styles, width)
    story += [Spacer(1, 6)] + [Paragraph(_esc(n), styles["note"]) for n in report.notes]

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 10 * mm, report.association)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm,
                               report.page.format(page=document.page))
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
