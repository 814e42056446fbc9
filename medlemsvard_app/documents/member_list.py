"""Member lists for the board: a table over as many A4 pages as it takes.

Pure: the rows arrive as text, sorted and translated (services/member_lists.py). The
header row repeats on every page, each page says "page X of Y", and the page turns to
landscape when the columns would not fit upright. A cell too long for its column wraps
inside it and its row grows taller: between words, and an e-mail address or a web address
after its dots and before its @, so every character of it is on the paper (only a cell
longer than ``MAX_LINES`` lines ends with an ellipsis). Drawn on the canvas (no platypus
tables, whose Paragraph per cell would be many times slower), so a list of 10,000 members
takes seconds.
A personal identity number has no column here: it can never be printed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from medlemsvard_app.documents.labels import LEADING, Cancelled, TextMetrics, cut_text
from medlemsvard_app.documents.styles import fonts

MARGIN = 14 * mm
FOOTER_Y = 8 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.7, 0.7, 0.7)
ZEBRA = colors.Color(0.94, 0.94, 0.94)
HEAD = colors.Color(0.86, 0.89, 0.93)
CELL_PAD = 1.6 * mm
MAX_LINES = 12  # a cell longer than this (a very long note) ends with an ellipsis
#: a word too long for its column breaks after these characters (before an @)
BREAK_AFTER = ".-_/+,;:"

Progress = Callable[[int, int], bool]

__all__ = ["Cancelled", "ListColumn", "ListSection", "TableDocument", "build_table_pdf"]


@dataclass(frozen=True, slots=True)
class ListColumn:
    title: str
    align: str = "left"  # or "right"
    #: a column left empty to write in (the notes of a phone list): it takes the room left
    blank: bool = False
    bold: bool = False


@dataclass(frozen=True, slots=True)
class ListSection:
    """A part that starts on a new page (one caller's phone list); one for a member list."""

    heading: str
    rows: Sequence[Sequence[str]]
    summary: str = ""


@dataclass(frozen=True, slots=True)
class TableDocument:
    association: str
    title: str
    subtitle: str  # the selection and the day, e.g. "Current members · 25 Nov 2026"
    columns: Sequence[ListColumn]
    sections: Sequence[ListSection]
    page_text: str = "Page {page} of {pages}"
    empty_text: str = ""
    font_size: float = 8.5
    row_height: float = 5.4 * mm
    landscape: bool | None = None  # None: decide from the columns


def _natural_widths(doc: TableDocument, regular: str, bold: str) -> list[float]:
    """Each column's widest cell (header included), looking at up to 2,000 rows."""
    size = doc.font_size
    widths = [stringWidth(c.title, bold, size) for c in doc.columns]
    seen = 0
    for section in doc.sections:
        for row in section.rows:
            for i, (col, text) in enumerate(zip(doc.columns, row, strict=False)):
                if col.blank or not text:
                    continue
                w = stringWidth(text, bold if col.bold else regular, size)
                if w > widths[i]:
                    widths[i] = w
            seen += 1
            if seen >= 2000:
                break
    return [w + 2 * CELL_PAD + 0.5 for w in widths]  # + rounding room


def _fit_widths(natural: list[float], columns: Sequence[ListColumn], room: float) -> list[float]:
    """Share ``room`` among the columns: narrow ones keep their width, wide ones give way;
    blank columns take what is left (at least 35 mm)."""
    blank = [i for i, c in enumerate(columns) if c.blank]
    filled = [i for i, c in enumerate(columns) if not c.blank]
    available = room - (35 * mm * len(blank) if blank else 0)
    widths = list(natural)
    if sum(natural[i] for i in filled) > available:
        # Water-filling: find the cap so that the capped widths sum to the room.
        order = sorted(natural[i] for i in filled)
        left, count, cap = available, len(order), 0.0
        for w in order:
            share = left / count
            if w <= share:
                left -= w
                count -= 1
            else:
                cap = share
                break
        for i in filled:
            widths[i] = min(natural[i], cap) if cap else natural[i]
    used = sum(widths[i] for i in filled)
    if blank:
        for i in blank:
            widths[i] = max(35 * mm, (room - used) / len(blank))
    elif used < room:
        scale = room / used if used else 1.0  # spread the spare room over every column
        widths = [w * scale for w in widths]
    return widths


def _page_size(doc: TableDocument, natural: list[float]) -> tuple[float, float]:
    if doc.landscape is not None:
        return landscape(A4) if doc.landscape else A4
    upright = A4[0] - 2 * MARGIN
    wanted = sum(w for w, c in zip(natural, doc.columns, strict=True) if not c.blank)
    wanted += sum(35 * mm for c in doc.columns if c.blank)
    return landscape(A4) if len(doc.columns) > 6 or wanted > upright * 1.1 else A4


def build_table_pdf(doc: TableDocument, *, progress: Progress | None = None,
                    invariant: bool = False) -> bytes:
    """The document as PDF bytes; ``progress(done, total)`` returning False cancels."""
    regular, bold = fonts()
    metrics = {regular: TextMetrics(regular), bold: TextMetrics(bold)}
    natural = _natural_widths(doc, regular, bold)
    page_w, page_h = _page_size(doc, natural)
    widths = _fit_widths(natural, doc.columns, page_w - 2 * MARGIN)
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    first_top = page_h - MARGIN - 22 * mm  # room for the title block on a section's first page
    next_top = page_h - MARGIN - 8 * mm
    bottom = MARGIN + 4 * mm
    header = [wrap_cell(col.title, metrics[bold], doc.font_size, w - 2 * CELL_PAD)
              for col, w in zip(doc.columns, widths, strict=True)]
    header_h = _height(doc, max((len(lines) for lines in header), default=1))

    # Lay out every section's pages first, so each page can say "X of Y".
    plans: list[tuple[ListSection, list[tuple[int, int]], list[list[list[str]]]]] = []
    for section in doc.sections or [ListSection("", ())]:
        cells = [_wrap_row(doc, widths, row, regular, bold, metrics) for row in section.rows]
        pages: list[tuple[int, int]] = []
        start, top = 0, first_top
        while True:
            y, end = top - header_h, start
            while end < len(cells):
                h = _height(doc, _line_count(cells[end]))
                if y - h < bottom and end > start:  # at least one row on a page
                    break
                y -= h
                end += 1
            pages.append((start, end))
            start, top = end, next_top
            if start >= len(cells):
                break
        plans.append((section, pages, cells))

    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(page_w, page_h), invariant=int(invariant), pageCompression=1)
    c.setTitle(doc.title)
    c.setAuthor(doc.association)
    c.setCreator("Medlemsvård")
    total_rows = sum(len(s.rows) for s in doc.sections) or 1
    done = 0
    multi = len(plans) > 1
    whole = sum(len(p) for _s, p, _c in plans)
    page_no = 0
    for section, pages, cells in plans:
        for n, (first, last) in enumerate(pages, start=1):
            page_no += 1
            if n == 1:
                top = _title_block(c, doc, section, page_w, page_h, regular, bold, metrics)
            else:
                top = _running_head(c, doc, section, page_w, page_h, regular, metrics)
            y = _header_row(c, doc, xs, widths, top, header, header_h, bold, metrics)
            words = _Words(c)
            for index in range(first, last):
                row_h = _height(doc, _line_count(cells[index]))
                _row(c, words, doc, xs, widths, y, row_h, cells[index], index, regular, bold,
                     metrics)
                y -= row_h
            c.setFillColor(colors.black)
            c.drawText(words.text)
            if not section.rows and doc.empty_text:
                c.setFont(regular, 9.5)
                c.setFillColor(GREY)
                c.drawString(MARGIN, y - 5 * mm, doc.empty_text)
            if multi:
                _footer(c, doc, section, n, len(pages), page_w, regular, metrics)
            else:
                _footer(c, doc, section, page_no, whole, page_w, regular, metrics)
            c.showPage()
            done += last - first
            if progress is not None and progress(done, total_rows) is False:
                raise Cancelled
    c.save()
    return buffer.getvalue()


def _title_block(c: Canvas, doc: TableDocument, section: ListSection, page_w: float,
                 page_h: float, regular: str, bold: str, metrics: dict) -> float:
    room = page_w - 2 * MARGIN
    y = page_h - MARGIN - 3 * mm
    c.setFillColor(GREY)
    c.setFont(regular, 9)
    c.drawString(MARGIN, y, cut_text(doc.association, metrics[regular], 9, room))
    y -= 7 * mm
    c.setFillColor(colors.black)
    title = f"{doc.title} — {section.heading}" if section.heading else doc.title
    c.setFont(bold, 15)
    c.drawString(MARGIN, y, cut_text(title, metrics[bold], 15, room))
    y -= 5.5 * mm
    c.setFont(regular, 9)
    c.setFillColor(GREY)
    line = " · ".join(t for t in (doc.subtitle, section.summary) if t)
    c.drawString(MARGIN, y, cut_text(line, metrics[regular], 9, room))
    c.setFillColor(colors.black)
    return page_h - MARGIN - 22 * mm


def _running_head(c: Canvas, doc: TableDocument, section: ListSection, page_w: float,
                  page_h: float, regular: str, metrics: dict) -> float:
    c.setFillColor(GREY)
    c.setFont(regular, 8.5)
    text = " · ".join(t for t in (doc.association, doc.title, section.heading) if t)
    c.drawString(MARGIN, page_h - MARGIN - 2 * mm,
                 cut_text(text, metrics[regular], 8.5, page_w - 2 * MARGIN))
    c.setFillColor(colors.black)
    return page_h - MARGIN - 8 * mm


def _text_x(col: ListColumn, x: float, w: float, width: float) -> float:
    return x + w - CELL_PAD - width if col.align == "right" else x + CELL_PAD


def wrap_cell(text: str, metrics: TextMetrics, size: float, width: float,
              max_lines: int = MAX_LINES) -> list[str]:
    """The cell's lines: the text whole if it fits, else broken between words; a word wider
    than the column (an e-mail address) breaks after a dot or a hyphen or before its @, and
    only where there is none of those, between two letters. Nothing is dropped unless the
    cell needs more than ``max_lines`` lines: the last one then ends with an ellipsis."""
    if metrics.width(text, size) <= width:
        return [text]
    tokens: list[tuple[str, str]] = []  # (glue before, piece); "722 20  VÄSTERÅS" keeps both
    for match in re.finditer(r"(\s*)(\S+)", text):  # spaces unless a line breaks there
        for k, piece in enumerate(_word_pieces(match.group(2), metrics, size, width)):
            tokens.append(("" if k else match.group(1).replace("\n", " "), piece))
    lines: list[str] = []
    current = ""
    for glue, piece in tokens:
        trial = f"{current}{glue}{piece}" if current else piece
        if current and metrics.width(trial, size) > width:
            lines.append(current)
            current = piece
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = [*lines[:max_lines - 1], cut_text(rest + " …", metrics, size, width)]
    return lines or [""]


def _word_pieces(word: str, metrics: TextMetrics, size: float, width: float) -> list[str]:
    """A word in the pieces it may break into: whole when it fits."""
    if metrics.width(word, size) <= width:
        return [word]
    pieces: list[str] = []
    current = ""
    for ch in word:
        if ch == "@" and current:  # name / @example.org
            pieces.append(current)
            current = ""
        current += ch
        if ch in BREAK_AFTER:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    out: list[str] = []
    for piece in pieces:  # no break point in reach: between letters
        while metrics.width(piece, size) > width and len(piece) > 1:
            cut = len(piece) - 1
            while cut > 1 and metrics.width(piece[:cut], size) > width:
                cut -= 1
            out.append(piece[:cut])
            piece = piece[cut:]
        out.append(piece)
    return out


def _wrap_row(doc: TableDocument, widths: list[float], row: Sequence[str], regular: str,
              bold: str, metrics: dict) -> list[list[str]]:
    """Each cell's lines (an empty list for a blank or empty cell)."""
    out: list[list[str]] = []
    for col, w, text in zip(doc.columns, widths, row, strict=False):
        if col.blank or not text:
            out.append([])
            continue
        font = bold if col.bold else regular
        out.append(wrap_cell(text, metrics[font], doc.font_size, w - 2 * CELL_PAD))
    return out


def _line_count(cells: list[list[str]]) -> int:
    return max((len(lines) for lines in cells), default=1) or 1


def _height(doc: TableDocument, lines: int) -> float:
    """A row's height: the document's row height, one line's leading more per extra line."""
    return doc.row_height + (max(lines, 1) - 1) * doc.font_size * LEADING


def _baseline(doc: TableDocument, top: float) -> float:
    """The first line's baseline: where a one-line row has it, so short rows look as before."""
    size, row_h = doc.font_size, doc.row_height
    return top - row_h + (row_h - size) / 2 + 0.22 * size


def _header_row(c: Canvas, doc: TableDocument, xs: list[float], widths: list[float],
                top: float, header: list[list[str]], row_h: float, bold: str,
                metrics: dict) -> float:
    size = doc.font_size
    c.setFillColor(HEAD)
    c.rect(xs[0], top - row_h, xs[-1] - xs[0], row_h, stroke=0, fill=1)
    c.setFillColor(colors.black)
    c.setFont(bold, size)
    base = _baseline(doc, top)
    for col, x, w, lines in zip(doc.columns, xs, widths, header, strict=False):
        for n, text in enumerate(lines):
            c.drawString(_text_x(col, x, w, metrics[bold].width(text, size)),
                         base - n * size * LEADING, text)
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.7)
    c.line(xs[0], top - row_h, xs[-1], top - row_h)
    return top - row_h


class _Words:
    """A page's words in one text object (a drawString per cell would open a text block
    each: three times slower); the font is set only when it changes."""

    def __init__(self, c: Canvas) -> None:
        self.text: PDFTextObject = c.beginText()
        self.font: tuple[str, float] | None = None

    def put(self, x: float, y: float, text: str, font: str, size: float) -> None:
        if self.font != (font, size):
            self.text.setFont(font, size)
            self.font = (font, size)
        self.text.setTextOrigin(x, y)
        self.text.textOut(text)


def _row(c: Canvas, out: _Words, doc: TableDocument, xs: list[float],
         widths: list[float], top: float, row_h: float, cells: list[list[str]], index: int,
         regular: str, bold: str, metrics: dict) -> None:
    """The row's shading and rules on the canvas, its words into the page's text object;
    every cell starts on the first line, so a wrapped cell reads down beside the others."""
    size = doc.font_size
    if index % 2 == 1:
        c.setFillColor(ZEBRA)
        c.rect(xs[0], top - row_h, xs[-1] - xs[0], row_h, stroke=0, fill=1)
    base = _baseline(doc, top)
    for col, x, w, lines in zip(doc.columns, xs, widths, cells, strict=False):
        if col.blank:
            c.setStrokeColor(RULE)
            c.setLineWidth(0.4)
            c.line(x + CELL_PAD, top - row_h + 1.2 * mm, x + w - CELL_PAD,
                   top - row_h + 1.2 * mm)
            continue
        font = bold if col.bold else regular
        for n, text in enumerate(lines):
            out.put(_text_x(col, x, w, metrics[font].width(text, size)),
                    base - n * size * LEADING, text, font, size)


def _footer(c: Canvas, doc: TableDocument, section: ListSection, page: int, pages: int,
            page_w: float, regular: str, metrics: dict) -> None:
    c.setFont(regular, 8)
    c.setFillColor(GREY)
    right = doc.page_text.format(page=page, pages=pages)
    c.drawRightString(page_w - MARGIN, FOOTER_Y, right)
    left = " · ".join(t for t in (doc.association, doc.title, section.heading, doc.subtitle)
                      if t)
    room = page_w - 2 * MARGIN - stringWidth(right, regular, 8) - 8 * mm
    c.drawString(MARGIN, FOOTER_Y, cut_text(left, metrics[regular], 8, room))
    c.setFillColor(colors.black)
