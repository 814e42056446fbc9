"""The association compass on paper: a blank form to fill in by hand at a meeting, or a
filled-in assessment with its progress since the one before.

Pure: data in, PDF bytes out; every word arrives translated. On the blank form "now" is
a box to tick and "soon" a ring to circle, as a board does it with a pen; the filled-in
form marks the chosen column with a tick and says so in words in the summary too.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from medlemsvard_app.documents.styles import fonts

MARGIN = 16 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.75, 0.75, 0.75)
SHADE = colors.Color(0.93, 0.95, 0.97)
BOX, RING, TICK = "☐", "◯", "✔"


@dataclass(frozen=True, slots=True)
class FormItem:
    text: str
    answer: str | None = None  # "now" | "soon" | "not_now" on a filled-in form
    note: str = ""
    hint: str = ""  # what the app saw, on a filled-in form


@dataclass(frozen=True, slots=True)
class FormArea:
    title: str
    lead: str
    items: Sequence[FormItem]
    summary: str = ""


@dataclass(frozen=True, slots=True)
class CompassForm:
    association: str
    title: str
    date_line: str  # "Date: ______" on a blank form, the assessment's date when filled in
    instructions: str
    columns: tuple[str, str, str, str]  # now, soon, not now, note
    areas: Sequence[FormArea]
    blank: bool = True
    progress_title: str = ""
    progress: Sequence[str] = field(default_factory=tuple)
    footer: str = ""


def build_compass_form(form: CompassForm) -> bytes:
    regular, bold = fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=f"{form.title} — {form.association}")
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=2)
    sub = ParagraphStyle("sub", fontName=regular, fontSize=10, leading=13, textColor=GREY)
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=13, leading=16, spaceBefore=8,
                        spaceAfter=1)
    lead = ParagraphStyle("lead", fontName=regular, fontSize=9.5, leading=12,
                          textColor=GREY, spaceAfter=3)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=10, leading=12.5)
    small = ParagraphStyle("small", fontName=regular, fontSize=8.5, leading=10.5,
                           textColor=GREY)
    head = ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10, alignment=1)
    mark = ParagraphStyle("mark", fontName=regular, fontSize=15, leading=16, alignment=1)

    story: list = [Paragraph(escape(form.title), h1),
                   Paragraph(escape(" · ".join(p for p in (form.association, form.date_line)
                                               if p)), sub),
                   Spacer(1, 3 * mm), Paragraph(escape(form.instructions), body)]
    if form.progress:
        story += [Paragraph(escape(form.progress_title), h2)]
        bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, spaceAfter=2)
        story += [Paragraph(escape(line), bullet, bulletText="•") for line in form.progress]

    usable = A4[0] - 2 * MARGIN
    mark_w = 19 * mm
    note_w = 52 * mm if form.blank else 48 * mm
    text_w = usable - 3 * mark_w - note_w
    for area in form.areas:
        # The area's title is the table's first row, so an area may run over a page break
        # with its title and column heads repeated, and never leaves half a page empty.
        title = area.title + (f"   ({area.summary})" if area.summary else "")
        rows: list[list] = [[Paragraph(escape(title), h2), "", "", "", ""],
                            [Paragraph(escape(area.lead), lead)] +
                            [Paragraph(escape(c), head) for c in form.columns[:3]] +
                            [Paragraph(escape(form.columns[3]), head)]]
        for item in area.items:
            text = [Paragraph(escape(item.text), cell)]
            if item.hint:
                text.append(Paragraph(escape(item.hint), small))
            if form.blank:
                marks = [BOX, RING, BOX]
            else:
                marks = [TICK if item.answer == code else "" for code in
                         ("now", "soon", "not_now")]
            rows.append([text] + [Paragraph(m, mark) for m in marks] +
                        [Paragraph(escape(item.note), small)])
        table = Table(rows, colWidths=[text_w, mark_w, mark_w, mark_w, note_w], repeatRows=2)
        style = [
            ("SPAN", (0, 0), (-1, 0)),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 1), (-1, 1), 0.6, GREY),
            ("LINEBELOW", (0, 2), (-1, -1), 0.3, LIGHT),
            ("TOPPADDING", (0, 2), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 2), (-1, -1), 5),
            ("BACKGROUND", (1, 2), (1, -1), SHADE),
        ]
        if form.blank:  # a line to write on
            style.append(("LINEBELOW", (4, 2), (4, -1), 0.5, GREY))
        table.setStyle(TableStyle(style))
        story.append(table)

    def footer(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(GREY)
        text = f"{form.footer}   {doc_.page}" if form.footer else str(doc_.page)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2, text)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
