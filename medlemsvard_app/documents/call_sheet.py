"""The printed call sheet (issue 4 §4): a caller's members on A4, to phone without the app.

Pure: data in, PDF bytes out. Every word arrives translated and every date formatted
(services/call_sheets.py builds the data), so this module knows no language and no
database. One section per caller, each starting on a new page and numbered "page X of Y"
on its own, so a sheet can be handed to its caller as it is. A personal identity number
has no field here: it can never be printed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from medlemsvard_app.documents.styles import fonts

MARGIN = 16 * mm
FOOTER_Y = 9 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.72, 0.72, 0.72)


@dataclass(frozen=True, slots=True)
class SheetLabels:
    """The words of the sheet, already translated."""

    outcomes: Sequence[str]
    moods: Sequence[str]
    mood: str
    talking_points: str
    caller: str
    notes: str
    follow_up: str
    member_number: str
    page: str  # with {page} and {pages}
    nobody: str


@dataclass(frozen=True, slots=True)
class SheetMember:
    name: str
    phone: str
    member_number: str
    context: str


@dataclass(frozen=True, slots=True)
class SheetSection:
    """One caller's pages."""

    caller: str
    members: Sequence[SheetMember]
    summary: str = ""  # e.g. "12 members to call · printed 25 Nov 2026"


@dataclass(frozen=True, slots=True)
class CallSheet:
    association: str
    title: str
    purpose: str
    talking_points: str
    dates: str  # e.g. "Round started 2 Nov 2026"
    labels: SheetLabels
    sections: Sequence[SheetSection] = field(default_factory=tuple)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis so it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _SectionMark(Flowable):
    """Zero-size marker: tells the canvas which caller's section the page belongs to."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.section = self.index  # type: ignore[attr-defined]


class _MemberBlock(Flowable):
    """One member: name, phone, number, context; outcome and mood boxes; note lines."""

    HEIGHT = 38 * mm

    def __init__(self, member: SheetMember, labels: SheetLabels, position: int) -> None:
        super().__init__()
        self.member, self.labels, self.position = member, labels, position
        self.height = self.HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def _boxes(self, x: float, y: float, words: Sequence[str], font: str, size: float,
               gap: float) -> float:
        c = self.canv
        box = 3.6 * mm
        for word in words:
            c.rect(x, y - 0.6 * mm, box, box, stroke=1, fill=0)
            c.drawString(x + box + 1.5 * mm, y, word)
            x += box + 1.5 * mm + stringWidth(word, font, size) + gap
        return x

    def draw(self) -> None:
        regular, bold = fonts()
        c, w, m, lab = self.canv, self.width, self.member, self.labels
        top = self.height
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.8)
        c.line(0, top, w, top)
        # Line 1: position, name, phone (the thing the caller needs most), member number.
        y = top - 5.5 * mm
        c.setFillColor(GREY)
        c.setFont(regular, 9)
        c.drawString(0, y, f"{self.position}.")
        c.setFillColor(colors.black)
        number = f"{lab.member_number} {m.member_number}" if m.member_number else ""
        c.drawRightString(w, y, number)
        c.setFont(bold, 12)
        phone_x = w * 0.56
        c.drawString(phone_x, y, _fit(m.phone, bold, 12, w - phone_x - 24 * mm))
        c.setFont(bold, 11)
        c.drawString(7 * mm, y, _fit(m.name, bold, 11, phone_x - 10 * mm))
        # Line 2: the context.
        y -= 5 * mm
        c.setFont(regular, 8.5)
        c.setFillColor(GREY)
        c.drawString(7 * mm, y, _fit(m.context, regular, 8.5, w - 7 * mm))
        c.setFillColor(colors.black)
        # Line 3: outcome boxes; line 4: mood boxes and the follow-up date.
        y -= 6 * mm
        c.setLineWidth(0.6)
        c.setFont(regular, 9)
        self._boxes(7 * mm, y, lab.outcomes, regular, 9, 4.5 * mm)
        y -= 6 * mm
        c.setFont(regular, 9)
        c.drawString(7 * mm, y, lab.mood + ":")
        x = self._boxes(7 * mm + stringWidth(lab.mood + ":", regular, 9) + 2.5 * mm, y,
                        lab.moods, regular, 9, 4.5 * mm)
        follow = lab.follow_up + ":"
        fx = max(x + 4 * mm, w * 0.62)
        c.drawString(fx, y, follow)
        c.setStrokeColor(LIGHT)
        c.line(fx + stringWidth(follow, regular, 9) + 2 * mm, y - 0.8 * mm, w, y - 0.8 * mm)
        # Two ruled lines for notes.
        c.setFillColor(GREY)
        c.setFont(regular, 7.5)
        y -= 6 * mm
        c.drawString(7 * mm, y + 0.8 * mm, lab.notes + ":")
        start = 7 * mm + stringWidth(lab.notes + ":", regular, 7.5) + 2 * mm
        c.line(start, y, w, y)
        y -= 5.5 * mm
        c.line(7 * mm, y, w, y)
        c.setFillColor(colors.black)
        c.setStrokeColor(colors.black)


def _numbered_canvas(sheet: CallSheet) -> type[Canvas]:
    """A canvas that holds the pages back until the end, so each section's footer can say
    "page X of Y" with Y counted per caller."""
    regular, _bold = fonts()

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.section = 0
            self._pages: list[tuple[dict, int]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append((dict(self.__dict__), self.section))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for _state, section in self._pages:
                totals[section] = totals.get(section, 0) + 1
            seen: dict[int, int] = {}
            for state, section in self._pages:
                self.__dict__.update(state)
                seen[section] = seen.get(section, 0) + 1
                self._footer(section, seen[section], totals[section])
                super().showPage()
            super().save()

        def _footer(self, section: int, page: int, pages: int) -> None:
            width = A4[0]
            caller = sheet.sections[section].caller if sheet.sections else ""
            self.setFont(regular, 8)
            self.setFillColor(GREY)
            right = sheet.labels.page.format(page=page, pages=pages)
            self.drawRightString(width - MARGIN, FOOTER_Y, right)
            left = " · ".join(p for p in (sheet.association, sheet.title, caller) if p)
            room = width - 2 * MARGIN - stringWidth(right, regular, 8) - 8 * mm
            self.drawString(MARGIN, FOOTER_Y, _fit(left, regular, 8, room))

    return NumberedCanvas


def _section_head(sheet: CallSheet, section: SheetSection, width: float) -> list[Flowable]:
    regular, bold = fonts()
    small = ParagraphStyle("small", fontName=regular, fontSize=9, leading=12, textColor=GREY)
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20)
    caller = ParagraphStyle("caller", fontName=bold, fontSize=12, leading=16)
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13)
    head = ParagraphStyle("head", fontName=bold, fontSize=9.5, leading=13)

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    out: list[Flowable] = [
        Paragraph(esc(sheet.association), small),
        Paragraph(esc(sheet.title), title),
    ]
    lines = [t for t in (sheet.purpose if sheet.purpose != sheet.title else "", sheet.dates)
             if t]
    if lines:
        out.append(Paragraph(esc(" · ".join(lines)), small))
    out.append(Spacer(1, 3 * mm))
    out.append(Paragraph(esc(f"{sheet.labels.caller}: {section.caller}"), caller))
    if section.summary:
        out.append(Paragraph(esc(section.summary), small))
    out.append(Spacer(1, 3 * mm))
    if sheet.talking_points.strip():
        paragraphs = [Paragraph(esc(sheet.labels.talking_points), head)]
        paragraphs += [Paragraph(esc(p.strip()), body)
                       for p in sheet.talking_points.split("\n") if p.strip()]
        box = Table([[paragraphs]], colWidths=[width])
        box.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.95, 0.95, 0.95)),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ]))
        out += [box, Spacer(1, 4 * mm)]
    if not section.members:
        out.append(Paragraph(esc(sheet.labels.nobody), body))
    return out


def build_call_sheet(sheet: CallSheet, *, invariant: bool = False) -> bytes:
    """The sheet as PDF bytes; ``invariant`` makes the bytes repeatable (tests)."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=14 * mm, bottomMargin=16 * mm, title=sheet.title,
                          author=sheet.association, invariant=int(invariant))
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame])])
    if not sheet.sections:
        sheet = CallSheet(sheet.association, sheet.title, sheet.purpose, sheet.talking_points,
                          sheet.dates, sheet.labels, [SheetSection("", ())])
    story: list[Flowable] = []
    sections = list(sheet.sections)
    for index, section in enumerate(sections):
        if index:
            story.append(PageBreak())
        story.append(_SectionMark(index))
        story += _section_head(sheet, section, doc.width)
        story += [_MemberBlock(m, sheet.labels, i)
                  for i, m in enumerate(section.members, start=1)]
    doc.build(story, canvasmaker=_numbered_canvas(sheet))
    return buffer.getvalue()
