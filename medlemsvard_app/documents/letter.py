"""Letters for window envelopes (DOMAIN §1): one PDF, one letter after another.

Pure: data in, PDF bytes out. Every word arrives translated, every date and amount
formatted, every address already in postal lines (services/letters.py gathers them), so
this module knows no language and no database. A personal identity number has no field
here: it cannot reach the window, or the page.

Page, in millimetres from the top-left corner:
- letterhead: logo and name on the left, the association's own address and contacts on
  the right (small), above the window;
- a one-line return address and the recipient's lines inside the envelope preset's zone;
  the place, date and member number beside the window, level with its last line;
- the subject, the body and the signature from 14 mm below the window;
- for a dues reminder, a payment box (amount, account, reference, a Swish QR code);
- the board's contacts in a footer on every page (seed 001: be generous with them);
- fold marks and the punch mark at the left edge.
The per-printer offset moves everything on the page by the same amount.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer

from medlemsvard_app.documents.styles import fonts
from medlemsvard_app.domain.envelopes import PAGE_HEIGHT_MM, EnvelopePreset
from medlemsvard_app.domain.letters import paragraphs

GREY = colors.Color(0.33, 0.33, 0.33)
RULE = colors.Color(0.6, 0.6, 0.6)
BODY_LEFT = 25.0  # mm (DIN 5008)
BODY_RIGHT = 190.0  # mm: 20 mm right margin
BODY_BOTTOM = 252.0  # mm: the footer starts below
FOOTER_TOP = 258.0
ADDRESS_SIZE = 10.0
ADDRESS_LEADING = 4.2  # mm
ADDRESS_MIN_SIZE = 7.0  # DIN wants 8 pt; 7 only for a seven-line address in a small window


@dataclass(frozen=True, slots=True)
class ContactCard:
    """One board post in the footer."""

    role: str
    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Letterhead:
    name: str
    logo_png: bytes | None = None
    lines: Sequence[str] = ()  # the association's address and contacts, top right
    return_address: str = ""  # one line above the recipient in the window
    contacts: Sequence[ContactCard] = ()
    contacts_title: str = ""  # e.g. "The board"


@dataclass(frozen=True, slots=True)
class PaymentBox:
    title: str
    rows: Sequence[tuple[str, str]]  # (label, value)
    qr_payload: str = ""
    qr_caption: str = ""


@dataclass(frozen=True, slots=True)
class Letter:
    address: Sequence[str]
    subject: str
    body: str
    signature: str
    info: Sequence[str] = ()  # place and date, member number
    payment: PaymentBox | None = None


@dataclass(frozen=True, slots=True)
class LetterLayout:
    preset: EnvelopePreset
    offset_x: float = 0.0  # mm, + = right
    offset_y: float = 0.0  # mm, + = down
    continued: str = "{name} · {page}"  # header of a letter's later pages
    fold_marks: bool = True


@dataclass(slots=True)
class _Fonts:
    regular: str
    bold: str
    styles: dict[str, ParagraphStyle] = field(default_factory=dict)


def _y(top_mm: float) -> float:
    """ReportLab's y (points from the bottom) for a distance from the top in mm."""
    return (PAGE_HEIGHT_MM - top_mm) * mm


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def address_size(lines: Sequence[str], preset: EnvelopePreset, font: str) -> float:
    """The font size (10 pt, down to 7) at which the lines fit the zone both ways."""
    zone = preset.zone
    width = (zone.w - 2 * preset.inset) * mm
    size = ADDRESS_SIZE
    while size > ADDRESS_MIN_SIZE:
        leading = ADDRESS_LEADING * size / ADDRESS_SIZE
        tall = 4.0 * size / ADDRESS_SIZE + (len(lines) - 1) * leading + 1.0
        wide = max((stringWidth(s, font, size) for s in lines), default=0)
        if tall <= zone.h and wide <= width:
            break
        size -= 0.5
    return size


class _PaymentFlowable(Flowable):
    """The payment box: rows of label and value, the Swish QR code on the right."""

    def __init__(self, box: PaymentBox, f: _Fonts) -> None:
        super().__init__()
        self.box, self.f = box, f
        self.qr_side = 26 * mm if box.qr_payload else 0
        self.height = max(8 * mm + len(box.rows) * 5 * mm, self.qr_side + 9 * mm)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c, f, box = self.canv, self.f, self.box
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.7)
        c.setFillColor(colors.Color(0.965, 0.965, 0.965))
        c.roundRect(0, 0, self.width, self.height, 2 * mm, stroke=1, fill=1)
        c.setFillColor(colors.black)
        y = self.height - 6 * mm
        c.setFont(f.bold, 10)
        c.drawString(4 * mm, y, box.title)
        label_w = max((stringWidth(label, f.regular, 9.5) for label, _v in box.rows),
                      default=0) + 4 * mm
        room = self.width - 8 * mm - label_w - (self.qr_side + 6 * mm if self.qr_side else 0)
        for label, value in box.rows:
            y -= 5 * mm
            c.setFont(f.regular, 9.5)
            c.setFillColor(GREY)
            c.drawString(4 * mm, y, label)
            c.setFillColor(colors.black)
            c.setFont(f.bold, 10)
            c.drawString(4 * mm + label_w, y, fit_text(value, f.bold, 10, room))
        if self.qr_side:
            widget = QrCodeWidget(box.qr_payload, barLevel="M")
            x0, y0, x1, y1 = widget.getBounds()
            side = self.qr_side
            drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0,
                                                     side / (y1 - y0), 0, 0])
            drawing.add(widget)
            qx = self.width - side - 4 * mm
            renderPDF.draw(drawing, c, qx, 6 * mm)
            c.setFont(f.regular, 7.5)
            c.setFillColor(GREY)
            c.drawCentredString(qx + side / 2, 2.5 * mm,
                                fit_text(box.qr_caption, f.regular, 7.5, side + 8 * mm))
        c.restoreState()


class LetterWriter:
    """Draws letters onto one canvas; ``build_letters`` is the usual way in."""

    def __init__(self, head: Letterhead, layout: LetterLayout, *, title: str = "",
                 invariant: bool = False) -> None:
        regular, bold = fonts()
        self.f = _Fonts(regular, bold)
        self.head, self.layout = head, layout
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, invariant=int(invariant),
                             pageCompression=1)
        self.canvas.setTitle(title or head.name)
        self.canvas.setAuthor(head.name)
        self.logo = None
        if head.logo_png:
            try:
                self.logo = ImageReader(io.BytesIO(head.logo_png))
                self.logo.getSize()
            except Exception:  # a broken logo must not stop the letters
                self.logo = None
        self.styles = {
            "subject": ParagraphStyle("subject", fontName=bold, fontSize=11.5, leading=15,
                                      spaceAfter=4 * mm),
            "body": ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14.2,
                                   spaceAfter=3.2 * mm),
            "signature": ParagraphStyle("signature", fontName=regular, fontSize=10.5,
                                        leading=14.2, spaceBefore=3 * mm),
        }
        self.pages = 0

    # -- the fixed parts of a page ---------------------------------------------------------
    def _begin_page(self) -> None:
        c = self.canvas
        c.saveState()
        c.translate(self.layout.offset_x * mm, -self.layout.offset_y * mm)

    def _end_page(self) -> None:
        self.canvas.restoreState()
        self.canvas.showPage()
        self.pages += 1

    def _letterhead(self) -> None:
        c, f, head = self.canvas, self.f, self.head
        x = 20 * mm
        if self.logo is not None:
            w, h = self.logo.getSize()
            scale = min(40 * mm / w, 14 * mm / h)
            c.drawImage(self.logo, x, _y(10) - h * scale, w * scale, h * scale, mask="auto")
            x += w * scale + 4 * mm
        right = [s for s in head.lines if s]
        name_room = (125 * mm if right else 190 * mm) - x
        size = 15.0
        while size > 10 and stringWidth(head.name, f.bold, size) > name_room:
            size -= 0.5
        c.setFont(f.bold, size)
        c.setFillColor(colors.black)
        c.drawString(x, _y(19), fit_text(head.name, f.bold, size, name_room))
        c.setFont(f.regular, 8)
        c.setFillColor(GREY)
        for i, line in enumerate(right[:5]):
            c.drawRightString(190 * mm, _y(12 + i * 3.6),
                              fit_text(line, f.regular, 8, 62 * mm))
        c.setFillColor(colors.black)

    def _marks(self) -> None:
        if not self.layout.fold_marks:
            return
        c = self.canvas
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        for top in self.layout.preset.fold_marks:
            c.line(5 * mm, _y(top), 9 * mm, _y(top))
        c.line(5 * mm, _y(148.5), 11 * mm, _y(148.5))  # punch mark
        c.setStrokeColor(colors.black)

    def _footer(self) -> None:
        c, f = self.canvas, self.f
        cards = list(self.head.contacts)[:6]
        if not cards:
            return
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(BODY_LEFT * mm, _y(FOOTER_TOP), BODY_RIGHT * mm, _y(FOOTER_TOP))
        columns = 3 if len(cards) > 2 else max(len(cards), 1)
        col_w = (BODY_RIGHT - BODY_LEFT) / columns
        for i, card in enumerate(cards):
            row, col = divmod(i, columns)
            x = (BODY_LEFT + col * col_w) * mm
            top = FOOTER_TOP + 4.0 + row * 14.5
            room = (col_w - 3) * mm
            c.setFont(f.bold, 7.5)
            c.setFillColor(colors.black)
            c.drawString(x, _y(top), fit_text(card.role, f.bold, 7.5, room))
            c.setFont(f.regular, 7.5)
            for j, text in enumerate(t for t in (card.name, card.phone, card.email) if t):
                c.drawString(x, _y(top + 3.2 * (j + 1)), fit_text(text, f.regular, 7.5, room))

    def _window(self, letter: Letter) -> None:
        c, f, preset = self.canvas, self.f, self.layout.preset
        zone = preset.zone
        left = zone.x + preset.inset
        width = (zone.w - 2 * preset.inset) * mm
        if preset.return_zone is not None and self.head.return_address:
            rz = preset.return_zone
            size = 7.0
            while size > 6 and stringWidth(self.head.return_address, f.regular, size) > width:
                size -= 0.25
            text = fit_text(self.head.return_address, f.regular, size, width)
            base = rz.bottom - 2.2
            c.setFont(f.regular, size)
            c.setFillColor(GREY)
            c.drawString(left * mm, _y(base), text)
            c.setStrokeColor(RULE)
            c.setLineWidth(0.3)
            c.line(left * mm, _y(base + 0.9),
                   left * mm + stringWidth(text, f.regular, size), _y(base + 0.9))
            c.setFillColor(colors.black)
            c.setStrokeColor(colors.black)
        lines = list(letter.address)
        size = address_size(lines, preset, f.regular)
        leading = ADDRESS_LEADING * size / ADDRESS_SIZE
        c.setFont(f.regular, size)
        first = zone.y + 4.0 * size / ADDRESS_SIZE
        for i, line in enumerate(lines):
            c.drawString(left * mm, _y(first + i * leading), fit_text(line, f.regular, size,
                                                                       width))
        # Place, date, member number: beside the window, level with its last line.
        info = [s for s in letter.info if s]
        if info:
            x = 25 if preset.right_window else 125
            room = ((preset.window.x - 4 - x) if preset.right_window else (190 - x)) * mm
            bottom = zone.y + 4.0 + max(len(lines) - 1, len(info) - 1) * ADDRESS_LEADING
            c.setFont(f.regular, 9.5)
            for i, line in enumerate(reversed(info)):
                c.drawString(x * mm, _y(bottom - i * 4.6), fit_text(line, f.regular, 9.5, room))

    def _continued_header(self, page: int, name: str) -> None:
        c, f = self.canvas, self.f
        c.setFont(f.regular, 8)
        c.setFillColor(GREY)
        text = self.layout.continued.format(page=page, name=name)
        c.drawString(BODY_LEFT * mm, _y(14),
                     fit_text(text, f.regular, 8,
                              (BODY_RIGHT - BODY_LEFT) * mm))
        c.setFillColor(colors.black)

    # -- one letter ------------------------------------------------------------------------
    def _story(self, letter: Letter) -> list[Flowable]:
        st = self.styles
        story: list[Flowable] = []
        if letter.subject.strip():
            story.append(Paragraph(escape(letter.subject.strip()), st["subject"]))
        for para in paragraphs(letter.body):
            story.append(Paragraph("<br/>".join(escape(line) for line in para), st["body"]))
        if letter.payment is not None:
            story += [Spacer(1, 1 * mm), _PaymentFlowable(letter.payment, self.f),
                      Spacer(1, 2 * mm)]
        sig = [escape(line) for line in letter.signature.strip().splitlines() if line.strip()]
        if sig:
            story.append(Paragraph("<br/>".join(sig), st["signature"]))
        return story

    def add(self, letter: Letter) -> int:
        """Draw one letter; returns the number of pages it took."""
        preset = self.layout.preset
        story = self._story(letter)
        top = max(preset.window.bottom, preset.zone.bottom) + 14
        page = 1
        while True:
            self._begin_page()
            self._marks()
            if page == 1:
                self._letterhead()
                self._window(letter)
            else:
                self._continued_header(page, letter.address[0] if letter.address else "")
            self._footer()
            frame = Frame(BODY_LEFT * mm, _y(BODY_BOTTOM), (BODY_RIGHT - BODY_LEFT) * mm,
                          (BODY_BOTTOM - top) * mm, leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0, showBoundary=0)
            before = len(story)
            frame.addFromList(story, self.canvas)
            self._end_page()
            if not story:
                return page
            if len(story) == before:  # nothing fits at all: drop it rather than loop
                story.pop(0)
            page += 1
            top = 22

    def finish(self) -> bytes:
        if self.pages == 0:  # an empty batch is still a valid, one-page PDF
            self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def build_letters(head: Letterhead, letters: Iterable[Letter], layout: LetterLayout, *,
                  title: str = "", invariant: bool = False,
                  progress: Callable[[int], None] | None = None) -> bytes:
    """All letters as one PDF; ``progress(n)`` after each letter (it may raise to stop)."""
    writer = LetterWriter(head, layout, title=title, invariant=invariant)
    for n, letter in enumerate(letters, start=1):
        writer.add(letter)
        if progress is not None:
            progress(n)
    return writer.finish()
