"""The action plan on paper: the sections in order, sub-goals with their measured progress,
and the activities as a table with responsible, date, resources and status.

Pure: data in, PDF bytes out; every word, date and amount arrives formatted.
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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from medlemsvard_app.documents.styles import fonts

MARGIN = 16 * mm
FRAME_PAD = 6  # SimpleDocTemplate's frame padding on each side, in points
CELL_PADS = 3 + 6  # the tables' left padding plus ReportLab's default right padding
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.78, 0.78, 0.78)
BAR = colors.Color(0.18, 0.44, 0.62)


@dataclass(frozen=True, slots=True)
class PlanGoal:
    text: str
    target: str  # "20 new members by 31 Dec 2027", or the date alone
    progress: str = ""  # "12 of 20 new members by 25 Nov 2026"
    fraction: float | None = None  # None: not measured by the app


@dataclass(frozen=True, slots=True)
class PlanSection:
    """A heading and either text, or a table (header row + rows)."""

    title: str
    text: str = ""
    header: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = ()
    widths: Sequence[float] = ()  # shares of the width, for a table


@dataclass(frozen=True, slots=True)
class PlanDocument:
    association: str
    title: str
    period: str
    goals_title: str
    goals: Sequence[PlanGoal]
    before_goals: Sequence[PlanSection] = field(default_factory=tuple)
    after_goals: Sequence[PlanSection] = field(default_factory=tuple)
    empty: str = "—"
    footer: str = ""


class _Bar(Flowable):
    """A thin progress bar with its outline, so it reads on a black-and-white printer."""

    def __init__(self, fraction: float, width: float, height: float = 3.2 * mm) -> None:
        super().__init__()
        self.fraction = max(0.0, min(1.0, fraction))
        self.width, self.height = width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height + 2

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(GREY)
        c.setFillColor(colors.white)
        c.rect(0, 1, self.width, self.height, stroke=1, fill=1)
        c.setFillColor(BAR)
        c.rect(0, 1, self.width * self.fraction, self.height, stroke=0, fill=1)


def column_widths(shares: Sequence[float], headers: Sequence[str], font: str, size: float,
                  room: float) -> list[float]:
    """Widths from the shares, but never narrower than a header's longest word, so a header
    wraps between words ("Timmar", not "Timm/ar"); the other columns give up the room."""
    total = sum(shares) or 1
    wanted = [room * s / total for s in shares]
    floor = [max((stringWidth(word, font, size) for word in h.split()), default=0.0)
             + CELL_PADS + 0.5 for h in headers]
    fixed: set[int] = set()
    while True:
        short = [i for i, w in enumerate(wanted) if i not in fixed and w < floor[i]]
        if not short:
            break
        fixed.update(short)
        left = room - sum(floor[i] for i in fixed)
        free = [i for i in range(len(wanted)) if i not in fixed]
        free_shares = sum(shares[i] for i in free) or 1
        if left <= 0 or not free:  # too many long words: they all get their floor
            return [floor[i] if i in fixed else 0.0 for i in range(len(wanted))]
        wanted = [floor[i] if i in fixed else left * shares[i] / free_shares
                  for i in range(len(wanted))]
    return wanted


def build_action_plan(plan: PlanDocument) -> bytes:
    regular, bold = fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                            title=f"{plan.title} — {plan.association}")
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=2)
    sub = ParagraphStyle("sub", fontName=regular, fontSize=10, leading=13, textColor=GREY)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=12.5, leading=15, spaceBefore=9,
                        spaceAfter=3)
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11.5)
    head = ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=10.5)
    small = ParagraphStyle("small", fontName=regular, fontSize=8.5, leading=10.5,
                           textColor=GREY)
    usable = A4[0] - 2 * MARGIN - 2 * FRAME_PAD  # tables line up with the text above them

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def section(s: PlanSection) -> list:
        out: list = [para(s.title, h2)]
        if s.header:
            shares = list(s.widths) or [1] * len(s.header)
            table = Table([[para(h, head) for h in s.header]] +
                          [[para(c, cell) for c in row] for row in s.rows],
                          colWidths=column_widths(shares, s.header, bold, head.fontSize,
                                                  usable), repeatRows=1)
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, GREY),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]))
            out.append(table if s.rows else para(plan.empty, body))
            if not s.rows:
                out = [out[0], para(plan.empty, body)]
        else:
            out.append(para(s.text or plan.empty, body))
        return [KeepTogether(out)]

    story: list = [para(plan.title, h1),
                   para(" · ".join(p for p in (plan.association, plan.period) if p), sub),
                   Spacer(1, 2 * mm)]
    for s in plan.before_goals:
        story += section(s)
    story.append(para(plan.goals_title, h2))
    if not plan.goals:
        story.append(para(plan.empty, body))
    for goal in plan.goals:
        parts = [para(goal.text, body), para(goal.target, small)]
        if goal.fraction is not None:
            parts += [Spacer(1, 1.5 * mm), _Bar(goal.fraction, usable * 0.55),
                      para(goal.progress, small)]
        parts.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(parts))
    for s in plan.after_goals:
        story += section(s)

    def footer(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(GREY)
        text = f"{plan.footer}   {doc_.page}" if plan.footer else str(doc_.page)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2, text)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
