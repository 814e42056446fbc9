"""The calibration page for window envelopes (DOMAIN §1.5): a millimetre grid over the
printable area, rulers on the edges, and the window and address zone of every envelope
preset, labelled, so a volunteer can see how their printer places things and whether an
envelope's window matches a preset. Drawn with the same per-printer offset as the letters.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from medlemsvard_app.documents.styles import fonts
from medlemsvard_app.domain.envelopes import (
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    PRESETS,
    PRINTABLE_MARGIN_MM,
)

_COLOURS = (colors.Color(0.0, 0.35, 0.7), colors.Color(0.75, 0.2, 0.1),
            colors.Color(0.1, 0.55, 0.2), colors.Color(0.55, 0.25, 0.65),
            colors.Color(0.8, 0.5, 0.0))
_DASHES = ((), (4, 2), (1, 1.5), (6, 2, 1, 2), (3, 3))


@dataclass(frozen=True, slots=True)
class CalibrationWords:
    title: str
    instructions: str
    offset: str
    window: str
    address: str
    verify: str
    mm: str


def _y(top_mm: float) -> float:
    return (PAGE_HEIGHT_MM - top_mm) * mm


def build_calibration(words: CalibrationWords, offset_x: float = 0.0, offset_y: float = 0.0,
                      *, invariant: bool = False) -> bytes:
    regular, bold = fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=int(invariant))
    c.setTitle(words.title)
    c.saveState()
    c.translate(offset_x * mm, -offset_y * mm)
    m = PRINTABLE_MARGIN_MM
    # The grid: every mm faint, every 5 mm a little darker, every 10 mm numbered.
    for step, grey, width in ((1, 0.9, 0.15), (5, 0.78, 0.25), (10, 0.6, 0.4)):
        c.setStrokeColor(colors.Color(grey, grey, grey))
        c.setLineWidth(width)
        x = m
        while x <= PAGE_WIDTH_MM - m + 1e-6:
            if round(x) % step == 0:
                c.line(x * mm, _y(m), x * mm, _y(PAGE_HEIGHT_MM - m))
            x += 1
        y = m
        while y <= PAGE_HEIGHT_MM - m + 1e-6:
            if round(y) % step == 0:
                c.line(m * mm, _y(y), (PAGE_WIDTH_MM - m) * mm, _y(y))
            y += 1
    c.setFont(regular, 6)
    c.setFillColor(colors.Color(0.35, 0.35, 0.35))
    for x in range(10, int(PAGE_WIDTH_MM - m) + 1, 10):
        c.drawCentredString(x * mm, _y(m + 2.6), str(x))
    for y in range(10, int(PAGE_HEIGHT_MM - m) + 1, 10):
        c.drawString((m + 0.6) * mm, _y(y) + 0.8, str(y))
    # Long lines at 20 mm from the left and from the top: what the user measures.
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.8)
    c.line(20 * mm, _y(m), 20 * mm, _y(PAGE_HEIGHT_MM - m))
    c.line(m * mm, _y(20), (PAGE_WIDTH_MM - m) * mm, _y(20))
    c.setFont(bold, 7)
    c.setFillColor(colors.black)
    c.drawString(21 * mm, _y(PAGE_HEIGHT_MM - m - 2), f"20 {words.mm}")
    c.drawString((PAGE_WIDTH_MM - m - 14) * mm, _y(19), f"20 {words.mm}")

    # Every preset: the envelope window (outline) and the address zone (dashed, lighter).
    for i, p in enumerate(PRESETS):
        colour = _COLOURS[i % len(_COLOURS)]
        c.setStrokeColor(colour)
        c.setFillColor(colour)
        c.setLineWidth(0.9)
        if _DASHES[i % len(_DASHES)]:
            c.setDash(list(_DASHES[i % len(_DASHES)]), 0)
        w = p.window
        c.rect(w.x * mm, _y(w.bottom), w.w * mm, w.h * mm, stroke=1, fill=0)
        c.setDash()
        c.setLineWidth(0.4)
        z = p.zone
        c.rect(z.x * mm, _y(z.bottom), z.w * mm, z.h * mm, stroke=1, fill=0)
        # A tag with the id just inside the window's top edge, each at its own x so
        # the tags of windows that start at the same height never overlap.
        tag_x = w.x + 1 + (0 if p.right_window else i * 15)
        c.setFont(bold, 6.5)
        c.setFillColor(colors.white)
        c.rect(tag_x * mm, _y(w.y + 3.6), c.stringWidth(p.id, bold, 6.5) + 1.6 * mm,
               3.2 * mm, stroke=0, fill=1)
        c.setFillColor(colour)
        c.drawString((tag_x + 0.8) * mm, _y(w.y + 2.8), p.id)
    # A legend below the windows: one line per preset, in its colour and dash.
    top = 100.0
    c.setFont(bold, 7.5)
    for i, p in enumerate(PRESETS):
        colour = _COLOURS[i % len(_COLOURS)]
        y = top + i * 5.5
        c.setStrokeColor(colour)
        c.setLineWidth(0.9)
        dash = _DASHES[i % len(_DASHES)]
        if dash:
            c.setDash(list(dash), 0)
        c.line(25 * mm, _y(y - 1.2), 40 * mm, _y(y - 1.2))
        c.setDash()
        c.setFillColor(colors.white)
        text = (f"{p.id}: {words.window} x {p.window.x:g}–{p.window.right:g}, "
                f"y {p.window.y:g}–{p.window.bottom:g} {words.mm}; {words.address} "
                f"x {p.zone.x:g}–{p.zone.right:g}, y {p.zone.y:g}–{p.zone.bottom:g} {words.mm}")
        if p.verify:
            text += f" ({words.verify})"
        width = c.stringWidth(text, bold, 7.5)
        c.rect(42 * mm, _y(y + 0.6), width + 2 * mm, 3.8 * mm, stroke=0, fill=1)
        c.setFillColor(colour)
        c.drawString(43 * mm, _y(y - 0.2), text)
    c.setFillColor(colors.black)
    c.setStrokeColor(colors.black)
    # Title, offset and instructions in a white box in the lower half.
    c.setFillColor(colors.white)
    c.rect(25 * mm, _y(200), 160 * mm, 70 * mm, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setFont(bold, 13)
    c.drawString(28 * mm, _y(140), words.title)
    c.setFont(regular, 9.5)
    c.drawString(28 * mm, _y(147), words.offset)
    style = ParagraphStyle("i", fontName=regular, fontSize=9.5, leading=13)
    frame = Frame(28 * mm, _y(198), 154 * mm, 48 * mm, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    text = (words.instructions.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))
    frame.addFromList([Paragraph(text, style)], c)
    # Fold marks of both DIN forms at the left edge.
    c.setLineWidth(0.6)
    for top_mm in (87, 105, 148.5, 192, 210):
        c.line(m * mm, _y(top_mm), (m + 5) * mm, _y(top_mm))
    c.restoreState()
    c.showPage()
    c.save()
    return buffer.getvalue()
