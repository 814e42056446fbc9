"""The register extract as a PDF to hand over (GDPR art. 15, issue 9 item 4).

Pure: words in, PDF bytes out. services/privacy.py gathers the data and translates every
heading and code; this module only lays it out: a heading block with the association's
name and contact, the member's rights in a few sentences, then one section per kind of
record (a table, or label/value pairs for the details), "page X of Y" at the foot.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from medlemsvard_app.documents.styles import fonts

MARGIN = 18 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.85, 0.85, 0.85)
SHADE = colors.Color(0.95, 0.95, 0.95)


@dataclass(frozen=True)
class ExtractSection:
    title: str
    headers: Sequence[str] = ()  # empty: label/value pairs in ``rows``
    rows: Sequence[Sequence[str]] = ()
    widths: Sequence[float] = ()  # relative column widths
    empty: str = ""


@dataclass(frozen=True)
class ExtractDocument:
    title: str
    person: str  # the member's name and number
    issuer_lines: Sequence[str]  # the association: name, address, contact
    meta: str  # "Made on … by …"
    rights_title: str
    rights: str
    sections: Sequence[ExtractSection] = field(default_factory=tuple)
    page: str = "{page} / {pages}"  # with {page} and {pages}
    footer: str = ""


def _esc(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


class _NumberedCanvas(Canvas):
    """Knows the page count when the pages are written, for "page X of Y"."""

    def __init__(self, *args, page_text: str = "{page} / {pages}", footer: str = "",
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict] = []
        self._page_text = page_text
        self._footer = footer

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        regular, _bold = fonts()
        for state in self._saved:
            self.__dict__.update(state)
            self.setFont(regular, 8)
            self.setFillColor(GREY)
            self.drawRightString(A4[0] - MARGIN, 10 * mm,
                                 self._page_text.format(page=self._pageNumber, pages=total))
            if self._footer:
                self.drawString(MARGIN, 10 * mm, self._footer)
            super().showPage()
        super().save()


def build_register_extract(doc: ExtractDocument) -> bytes:
    regular, bold = fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=18, leading=22)
    person = ParagraphStyle("person", parent=body, fontName=bold, fontSize=12.5, leading=16)
    h2 = ParagraphStyle("h2", parent=body, fontName=bold, fontSize=11.5, leading=15,
                        spaceBefore=10, spaceAfter=4, keepWithNext=1)
    muted = ParagraphStyle("muted", parent=small, textColor=GREY)

    width = A4[0] - 2 * MARGIN - 12  # the frame's own padding, 6 pt a side
    story: list = []
    left = [Paragraph(_esc(doc.title), title), Spacer(1, 2 * mm),
            Paragraph(_esc(doc.person), person), Spacer(1, 1 * mm),
            Paragraph(_esc(doc.meta), muted)]
    right = [Paragraph(_esc(line), bold_first) for line, bold_first in zip(
        doc.issuer_lines, [ParagraphStyle("iss0", parent=small, fontName=bold)]
        + [small] * max(0, len(doc.issuer_lines) - 1), strict=False)]
    top = Table([[left, right]], colWidths=[width * 0.6, width * 0.4], hAlign="LEFT")
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [top, Spacer(1, 5 * mm), HRFlowable(width="100%", color=LIGHT),
              Paragraph(_esc(doc.rights_title), h2), Paragraph(_esc(doc.rights), body)]

    for section in doc.sections:
        heading = Paragraph(_esc(section.title), h2)
        if not section.rows:
            story.append(KeepTogether([heading, Paragraph(_esc(section.empty), muted)]))
            continue
        if not section.headers:  # label / value pairs
            data = [[Paragraph(_esc(k), head), Paragraph(_esc(v), cell)]
                    for k, v in section.rows]
            widths = [width * 0.3, width * 0.7]
            style = [("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT)]
        else:
            data = [[Paragraph(_esc(h), head) for h in section.headers]]
            data += [[Paragraph(_esc(v), cell) for v in row] for row in section.rows]
            rel = list(section.widths) or [1.0] * len(section.headers)
            widths = [width * w / sum(rel) for w in rel]
            style = [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                     ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT)]
        table = Table(data, colWidths=widths, repeatRows=1 if section.headers else 0,
                      hAlign="LEFT")
        table.setStyle(TableStyle(style + [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        story += [heading, table]

    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=doc.title, author=doc.issuer_lines[0] if doc.issuer_lines
                            else "", subject=doc.person)
    pdf.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(
        *a, page_text=doc.page, footer=doc.footer, **k))
    return out.getvalue()
