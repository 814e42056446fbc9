"""The SWOT handout: one A4 landscape page, four fields, for a board meeting's table.

Pure: data in, PDF bytes out. Every word arrives translated. Strengths and weaknesses on
the top row (internal), opportunities and threats below (external), as on the screen. A
field with many cards shrinks its text to fit rather than spill onto a second page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepInFrame, Paragraph

from medlemsvard_app.documents.styles import fonts

MARGIN = 14 * mm
GUTTER = 5 * mm
SIDE = 9 * mm  # the strip with "internal" / "external"
GREY = colors.Color(0.35, 0.35, 0.35)
#: Soft fills per field (text stays black; the titles say what each field is).
FILLS = (colors.Color(0.90, 0.95, 0.90), colors.Color(0.98, 0.92, 0.90),
         colors.Color(0.90, 0.93, 0.98), colors.Color(0.97, 0.95, 0.88))


@dataclass(frozen=True, slots=True)
class SwotField:
    title: str
    question: str
    cards: Sequence[str]


@dataclass(frozen=True, slots=True)
class SwotHandout:
    association: str
    title: str
    subtitle: str  # e.g. the analysis's own title and its date
    fields: Sequence[SwotField]  # strengths, weaknesses, opportunities, threats
    internal: str
    external: str
    footer: str = ""
    empty: str = ""  # shown in a field without cards


def build_swot_handout(handout: SwotHandout) -> bytes:
    regular, bold = fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setTitle(f"{handout.title} — {handout.association}")
    canvas.setFont(bold, 18)
    canvas.drawString(MARGIN, height - MARGIN - 12, handout.title)
    canvas.setFont(regular, 10.5)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, height - MARGIN - 28, " · ".join(
        part for part in (handout.association, handout.subtitle) if part))
    canvas.setFillColor(colors.black)

    top = height - MARGIN - 40
    bottom = MARGIN + 8
    box_w = (width - 2 * MARGIN - SIDE - GUTTER) / 2
    box_h = (top - bottom - GUTTER) / 2
    card_style = ParagraphStyle("card", fontName=regular, fontSize=11.5, leading=14.5,
                                leftIndent=11, bulletIndent=0, spaceAfter=4)
    question_style = ParagraphStyle("q", fontName=regular, fontSize=9, leading=11,
                                    textColor=GREY, spaceAfter=6)
    for row, label in enumerate((handout.internal, handout.external)):
        y = top - (row + 1) * box_h - row * GUTTER
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
        canvas.setFont(bold, 9.5)
        canvas.translate(MARGIN + SIDE / 2 + 3, y + box_h / 2)
        canvas.rotate(90)
        canvas.drawCentredString(0, 0, label)
        canvas.restoreState()
    for index, field in enumerate(handout.fields[:4]):
        row, col = divmod(index, 2)
        x = MARGIN + SIDE + col * (box_w + GUTTER)
        y = top - (row + 1) * box_h - row * GUTTER
        canvas.setFillColor(FILLS[index])
        canvas.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        canvas.roundRect(x, y, box_w, box_h, 4 * mm, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(bold, 15)
        canvas.drawString(x + 5 * mm, y + box_h - 9 * mm, field.title)
        inner_w = box_w - 10 * mm
        inner_h = box_h - 14 * mm
        story = [Paragraph(escape(field.question), question_style)]
        if field.cards:
            story += [Paragraph(escape(text), card_style, bulletText="•")
                      for text in field.cards]
        else:
            story.append(Paragraph(escape(handout.empty), question_style))
        frame = KeepInFrame(inner_w, inner_h - 4 * mm, story, mode="shrink")
        _w, used = frame.wrapOn(canvas, inner_w, inner_h - 4 * mm)
        frame.drawOn(canvas, x + 5 * mm, y + box_h - 11 * mm - used)
    if handout.footer:
        canvas.setFont(regular, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN - 4, handout.footer)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
