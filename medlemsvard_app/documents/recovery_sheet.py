"""The recovery sheet: one A4 page to print and keep when a register is encrypted.

Pure: translated texts in, PDF bytes out (services/security.recovery_sheet builds the
data). It says which file it is about, where the backups are, when it was made, and has an
empty box to write the passphrase in by hand. The passphrase itself is printed only when
the user explicitly asked for that (``passphrase`` set).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from medlemsvard_app.documents.styles import fonts

MARGIN = 20 * mm
GREY = colors.Color(0.35, 0.35, 0.35)


@dataclass(frozen=True)
class RecoverySheet:
    title: str
    intro: str
    facts: list[tuple[str, str]]  # (label, value): association, file, backups, date
    box_label: str
    advice_title: str
    advice: list[str] = field(default_factory=list)
    passphrase: str | None = None  # printed only on the user's explicit choice
    footer: str = ""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if stringWidth(trial, font, size) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def build_recovery_sheet(sheet: RecoverySheet) -> bytes:
    regular, bold = fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, invariant=1)
    c.setTitle(sheet.title)
    width, height = A4
    text_width = width - 2 * MARGIN
    y = height - MARGIN - 6 * mm
    c.setFont(bold, 18)
    c.drawString(MARGIN, y, sheet.title)
    y -= 10 * mm
    c.setFont(regular, 10.5)
    for line in _wrap(sheet.intro, regular, 10.5, text_width):
        c.drawString(MARGIN, y, line)
        y -= 5.2 * mm
    y -= 4 * mm
    label_width = max(stringWidth(label, bold, 10.5) for label, _v in sheet.facts) + 6 * mm
    for label, value in sheet.facts:
        c.setFont(bold, 10.5)
        c.drawString(MARGIN, y, label)
        c.setFont(regular, 10.5)
        lines = _wrap(value, regular, 10.5, text_width - label_width)
        for line in lines:
            c.drawString(MARGIN + label_width, y, line)
            y -= 5.2 * mm
        y -= 1.5 * mm
    y -= 6 * mm
    c.setFont(bold, 12)
    c.drawString(MARGIN, y, sheet.box_label)
    y -= 4 * mm
    box_height = 34 * mm
    c.setStrokeColor(colors.black)
    c.setLineWidth(1.2)
    c.rect(MARGIN, y - box_height, text_width, box_height)
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    for i in (1, 2):
        line_y = y - box_height + i * box_height / 3
        c.line(MARGIN + 5 * mm, line_y, width - MARGIN - 5 * mm, line_y)
    if sheet.passphrase:
        c.setFont(regular, 13)
        c.drawString(MARGIN + 6 * mm, y - box_height / 3 + 2 * mm, sheet.passphrase)
    y -= box_height + 12 * mm
    c.setFont(bold, 12)
    c.drawString(MARGIN, y, sheet.advice_title)
    y -= 7 * mm
    c.setFont(regular, 10.5)
    for item in sheet.advice:
        lines = _wrap(item, regular, 10.5, text_width - 6 * mm)
        c.drawString(MARGIN, y, "•")
        for line in lines:
            c.drawString(MARGIN + 6 * mm, y, line)
            y -= 5.2 * mm
        y -= 2 * mm
    if sheet.footer:
        c.setFont(regular, 8.5)
        c.setFillColor(GREY)
        c.drawString(MARGIN, 12 * mm, sheet.footer)
    c.showPage()
    c.save()
    return out.getvalue()
