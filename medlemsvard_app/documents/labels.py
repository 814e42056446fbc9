"""Address labels on A4 label sheets, and the test page that proves a sheet lines up.

Pure: the address lines arrive formatted (domain/addresses.py through services/labels.py),
the sheet's geometry from domain/label_sheets.py. Every line stays inside its label: the
text shrinks step by step to fit, then wraps at spaces, and only as a last resort is cut
with an ellipsis (ChurchCRM#1557 "Labels can overflow"). The canvas is used directly,
without platypus, so 10,000 labels take seconds (TECH-NOTES §3d).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from medlemsvard_app.documents.styles import fonts
from medlemsvard_app.domain.label_sheets import PAGE_HEIGHT, LabelSheet

#: font sizes tried, largest first (addresses read best at 10 pt; 7 pt is still legible)
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
#: below this size a line is wrapped rather than shrunk further
WRAP_FROM = 8.0
LEADING = 1.18
ELLIPSIS = "…"

Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The person pressed Cancel; nothing was written."""


@dataclass(frozen=True, slots=True)
class Fitted:
    """Lines as they will be printed, at one size."""

    lines: tuple[str, ...]
    size: float

    @property
    def leading(self) -> float:
        return self.size * LEADING


class TextMetrics:
    """Widths at 1 pt, computed once per line (stringWidth scales linearly with size)."""

    def __init__(self, font: str) -> None:
        self.font = font
        face = pdfmetrics.getFont(font)
        inner = getattr(face, "face", None)
        if inner is not None:  # a TTF: its own vertical metrics
            # Capitals with a ring or an accent (Å, Á) reach above the font's ascent.
            self.ascent = max(inner.ascent / 1000, 0.93)
            self.descent = -inner.descent / 1000
        else:
            self.ascent, self.descent = 0.93, 0.24
        self._cache: dict[str, float] = {}

    def width(self, text: str, size: float) -> float:
        unit = self._cache.get(text)
        if unit is None:
            unit = pdfmetrics.stringWidth(text, self.font, 1.0)
            if len(self._cache) < 50_000:
                self._cache[text] = unit
        return unit * size

    def block_height(self, count: int, size: float) -> float:
        if count == 0:
            return 0.0
        return (self.ascent + self.descent) * size + (count - 1) * size * LEADING

    def max_lines(self, height: float, size: float) -> int:
        room = height - (self.ascent + self.descent) * size
        return 0 if room < 0 else int(room // (size * LEADING) + 1e-9) + 1


def cut_text(text: str, metrics: TextMetrics, size: float, width: float) -> str:
    """The longest start of ``text`` that fits, with an ellipsis when something was cut."""
    if metrics.width(text, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # binary search: a 200-character line costs 8 measurements
        mid = (low + high + 1) // 2
        if metrics.width(text[:mid].rstrip() + ELLIPSIS, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS if low else ""


def _wrap(text: str, metrics: TextMetrics, size: float, width: float) -> list[str]:
    """Break at spaces; a single word wider than the label is cut. A line that fits is
    kept as it is (the two spaces of "745 32  ENKÖPING" stay)."""
    if metrics.width(text, size) <= width:
        return [text]
    out: list[str] = []
    current = ""
    words: list[str] = []
    for word in text.split():
        if "-" in word.strip("-") and metrics.width(word, size) > width:
            parts = word.split("-")  # a long double name breaks after its hyphens
            words += [p + "-" for p in parts[:-1]] + [parts[-1]]
        else:
            words.append(word)
    for word in words:
        glue = "" if current.endswith("-") else " "
        trial = f"{current}{glue}{word}" if current else word
        if metrics.width(trial, size) <= width:
            current = trial
            continue
        if current:
            out.append(current)
        current = word if metrics.width(word, size) <= width else cut_text(word, metrics, size,
                                                                      width)
    if current:
        out.append(current)
    return out or [""]


def fit_lines(lines: Sequence[str], width: float, height: float, metrics: TextMetrics) -> Fitted:
    """The largest size at which every line fits the box (points): shrinking down to
    ``WRAP_FROM``, then wrapping at spaces (and shrinking on to the smallest size), then
    cutting with an ellipsis; the name and the postal lines at the bottom are kept."""
    lines = [line for line in lines if line.strip()]
    for size in SIZES:
        if size < WRAP_FROM:
            break
        if (metrics.block_height(len(lines), size) <= height
                and all(metrics.width(line, size) <= width for line in lines)):
            return Fitted(tuple(lines), size)
    for size in SIZES:
        if size > WRAP_FROM:
            continue
        wrapped = [part for line in lines for part in _wrap(line, metrics, size, width)]
        if metrics.block_height(len(wrapped), size) <= height:
            return Fitted(tuple(wrapped), size)
    size = SIZES[-1]
    cut = [cut_text(line, metrics, size, width) for line in lines]
    room = metrics.max_lines(height, size)
    if len(cut) > room:
        # Keep the name and as many of the last lines (postal code, country) as fit.
        cut = cut[:1] + cut[len(cut) - room + 1:] if room > 1 else cut[:room]
    return Fitted(tuple(cut), size)


def _draw_block(c: Canvas, fitted: Fitted, box: tuple[float, float, float, float],
                metrics: TextMetrics) -> None:
    """Left-aligned, centred vertically in the box (mm from the top-left corner)."""
    x, y, _w, h = box
    height = metrics.block_height(len(fitted.lines), fitted.size)
    top = (PAGE_HEIGHT - y) * mm - (h * mm - height) / 2  # the block's top, in points
    baseline = top - metrics.ascent * fitted.size
    c.setFont(metrics.font, fitted.size)
    for line in fitted.lines:
        c.drawString(x * mm, baseline, line)
        baseline -= fitted.leading


def _canvas(buffer: io.BytesIO, title: str, author: str, invariant: bool) -> Canvas:
    c = Canvas(buffer, pagesize=A4, invariant=int(invariant), pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("Medlemsvård")
    return c


def build_labels(sheet: LabelSheet, labels: Sequence[Sequence[str]], *, start: int = 1,
                 offset: tuple[float, float] = (0.0, 0.0), title: str = "", author: str = "",
                 progress: Progress | None = None, invariant: bool = False) -> bytes:
    """One label per entry of ``labels`` (its lines, top to bottom), the first on label
    ``start`` (1-based) of the first sheet; ``offset`` (mm, right and down) corrects a
    printer that prints off centre. ``progress(done, total)`` returning False cancels."""
    if not 1 <= start <= sheet.per_sheet:
        raise ValueError(f"start {start} outside 1..{sheet.per_sheet}")
    regular, _bold = fonts()
    metrics = TextMetrics(regular)
    buffer = io.BytesIO()
    c = _canvas(buffer, title, author, invariant)
    c.translate(offset[0] * mm, -offset[1] * mm)
    boxes = [sheet.text_box(i) for i in range(sheet.per_sheet)]
    total = len(labels)
    slot = start - 1
    for done, lines in enumerate(labels, start=1):
        if slot == sheet.per_sheet:
            c.showPage()
            c.translate(offset[0] * mm, -offset[1] * mm)
            slot = 0
        box = boxes[slot]
        fitted = fit_lines(lines, box[2] * mm, box[3] * mm, metrics)
        _draw_block(c, fitted, box, metrics)
        slot += 1
        report = progress is not None and (done % 250 == 0 or done == total)
        if report and progress(done, total) is False:  # type: ignore[misc]
            raise Cancelled
    c.showPage()
    c.save()
    return buffer.getvalue()


def build_test_page(sheet: LabelSheet, caption: Sequence[str], *, start: int = 1,
                    offset: tuple[float, float] = (0.0, 0.0), title: str = "",
                    invariant: bool = False) -> bytes:
    """The outline and number of every label, a dashed box where text goes, and a short
    caption in the middle: print it on plain paper, hold it against a sheet of labels."""
    regular, bold = fonts()
    buffer = io.BytesIO()
    c = _canvas(buffer, title, "", invariant)
    c.translate(offset[0] * mm, -offset[1] * mm)
    grey = colors.Color(0.45, 0.45, 0.45)
    for index in range(sheet.per_sheet):
        x, y, w, h = sheet.rect(index)
        bottom = (PAGE_HEIGHT - y - h) * mm
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.5)
        c.roundRect(x * mm, bottom, w * mm, h * mm, sheet.corner_radius * mm, stroke=1, fill=0)
        tx, ty, tw, th = sheet.text_box(index)
        c.setStrokeColor(grey)
        c.setDash(1.5, 1.5)
        c.rect(tx * mm, (PAGE_HEIGHT - ty - th) * mm, tw * mm, th * mm, stroke=1, fill=0)
        c.setDash()
        cx, cy = (x + w / 2) * mm, (PAGE_HEIGHT - y - h / 2) * mm
        c.line(cx - 2 * mm, cy, cx + 2 * mm, cy)
        c.line(cx, cy - 2 * mm, cx, cy + 2 * mm)
        used = index + 1 >= start
        c.setFillColor(colors.black if used else grey)
        c.setFont(bold, 13)
        c.drawString(tx * mm + 1 * mm, (PAGE_HEIGHT - ty) * mm - 13 - 1 * mm, str(index + 1))
    lines = [line for line in caption if line.strip()]
    if lines:
        size, lead = 9.0, 12.0
        width = max(pdfmetrics.stringWidth(line, regular, size) for line in lines) + 8 * mm
        width = min(width, 150 * mm)
        height = lead * len(lines) + 6 * mm
        left = (A4[0] - width) / 2
        bottom = (A4[1] - height) / 2
        c.setFillColor(colors.white)
        c.setStrokeColor(colors.black)
        c.roundRect(left, bottom, width, height, 2 * mm, stroke=1, fill=1)
        c.setFillColor(colors.black)
        metrics = TextMetrics(regular)
        baseline = bottom + height - 3 * mm - size
        for i, line in enumerate(lines):
            c.setFont(bold if i == 0 else regular, size)
            c.drawString(left + 4 * mm, baseline,
                         cut_text(line, metrics, size, width - 8 * mm))
            baseline -= lead
    c.showPage()
    c.save()
    return buffer.getvalue()
