"""The recovery sheet: one A4 page to print and keep when a register is encrypted.

Pure: translated texts in, PDF bytes out (services/security.recovery_sheet builds the
data). It says which file it is about, where the backups are, when it was made, and has an
empty box to write the passphrase in by hand. The passphrase itself is printed only when
the user explicitly asked for that (``passphrase`` set).
"""

from __future__ import annotations

import io
import re
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


def _pieces(word: str, font: str, size: float, width: float) -> list[str]:
    """A word too wide for a line, in pieces that fit: a path breaks after a / or \\
    (so each line still reads as folders), anything else between characters."""
    if stringWidth(word, font, size) <= width:
        return [word]
    parts = re.findall(r"[^/\\]*[/\\]+|[^/\\]+", word)
    pieces: list[str] = []
    line = ""
    for part in parts:
        if stringWidth(line + part, font, size) <= width:
            line += part
            continue
        if line:
            pieces.append(line)
            line = ""
        while stringWidth(part, font, size) > width:  # no separator near enough
            cut = len(part) - 1
            while cut > 1 and stringWidth(part[:cut], font, size) > width:
                cut -= 1
            pieces.append(part[:cut])
            part = part[cut:]
        line = part
    if line:
        pieces.append(line)
    return pieces


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``: between words, and inside a word (a long
    folder path) only when the word alone is too wide."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            pieces = _pieces(word, font, size, width)
            trial = f"{line} {pieces[0]}".strip()
            if len(pieces) == 1 and (stringWidth(trial, font, size) <= width or not line):
                line = trial
                continue
            if line:  # a broken word starts on a line of its own
                lines.append(line)
            lines.extend(pieces[:-1])
            line = pieces[-1]
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
    for line in _wrap(sheet.title, bold, 18, text_width):
        c.drawString(MARGIN, y, line)
        y -= 8 * mm
    y -= 2 * mm
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
        size = 13.0  # smaller for a very long passphrase, so it stays inside the box
        while size > 7 and stringWidth(sheet.passphrase, regular, size) > text_width - 12 * mm:
            size -= 0.5
        lines = _wrap(sheet.passphrase, regular, size, text_width - 12 * mm)
        c.setFont(regular, size)
        for i, line in enumerate(lines):
            c.drawString(MARGIN + 6 * mm, y - (i + 1) * box_height / 3 + 2 * mm, line)
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
        for i, line in enumerate(_wrap(sheet.footer, regular, 8.5, text_width)):
            c.drawString(MARGIN, 12 * mm - i * 4 * mm, line)
    c.showPage()
    c.save()
    return out.getvalue()
