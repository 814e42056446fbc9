"""The welcome grid: new members down, checklist steps across, a state in every cell.

Each cell has a colour, a symbol and a few words (never colour alone), and a tooltip that
says when the step is due and how it was done.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from medlemsvard_app.domain.welcome import (
    Me,
    StepDef,
    StepState,
    StepStatus,
    WelcomeSettings,
    is_mine,
)
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.welcome_labels import (
    cell_text,
    due_text,
    evidence_text,
    late_text,
    mark_text,
    owner_label,
    short_date,
    state_label,
    step_guidance,
    step_heading,
    step_title,
)
from medlemsvard_app.services.welcome import WelcomeRow
from medlemsvard_app.ui import style

#: the style tone per state: calm for done and not yet, warm for due, red for overdue.
#: The grid and its legend both read this, so they always agree.
STATE_TONES: dict[StepState, str] = {
    StepState.DONE: "good",
    StepState.DUE: "warn",
    StepState.OVERDUE: "bad",
    StepState.NOT_YET: "plain",
    StepState.SKIPPED: "neutral",
}


class _StateColours(Mapping[StepState, tuple[str, str]]):
    """(background, text) as "#rrggbb" per state, looked up in the scheme in use at the
    moment of asking (for callers that build a style sheet; painters use STATE_TONES)."""

    def __getitem__(self, state: StepState) -> tuple[str, str]:
        return style.tone_hex(STATE_TONES[state])

    def __iter__(self) -> Iterator[StepState]:
        return iter(STATE_TONES)

    def __len__(self) -> int:
        return len(STATE_TONES)


STATE_COLOURS: Mapping[StepState, tuple[str, str]] = _StateColours()

#: the frame round the selected cell (the page's sheet draws it; the columns leave room)
SELECTED_BORDER = 2

#: the columns before the steps
NAME_COLUMN, JOINED_COLUMN = 0, 1
FIRST_STEP_COLUMN = 2

StatusRole = Qt.ItemDataRole.UserRole + 1
MemberRole = Qt.ItemDataRole.UserRole + 2
#: the cell is an open step of the person chosen under "I am" (framed while "Mine" is on)
MineRole = Qt.ItemDataRole.UserRole + 3


def cell_tooltip(step: StepDef, status: StepStatus, row: WelcomeRow, day: date) -> str:
    """Step, state, due date, how it was done, whose step it is, and the guidance."""
    due = due_text(status.due_on, step)
    if status.state is StepState.OVERDUE and status.due_on is not None:
        due = f"{due} ({late_text(status.due_on, day)})"
    lines = [f"<b>{step_title(step)}</b> — {state_label(status.state)}", due]
    if status.override is not None:
        lines.append(mark_text(status.override.mark, status.override.on, status.override.note))
    if status.evidence is not None and (status.state is StepState.DONE
                                        or status.override is not None):
        lines.append(evidence_text(status.evidence))
    owner = owner_label(step.owner)
    if step.owner == "mentor" and row.mentor is not None:
        owner = f"{owner}: {row.mentor.name}"
    elif step.owner == "caller" and row.caller:
        owner = f"{owner}: {row.caller}"
    lines.append(_("Whose step: {owner}").format(owner=owner))
    guidance = step_guidance(step)
    if guidance:
        lines.append(f"<i>{guidance}</i>")
    return "<br>".join(lines)


def wrap_heading(text: str, width: int = 12) -> str:
    """Column headings on two lines at most, so the grid stays narrow."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)[:2]) or text


class WelcomeGridModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.settings = WelcomeSettings()
        self.rows: list[WelcomeRow] = []
        self.day = date.today()
        self.me: Me | None = None
        self._texts = {}
        style.scheme_changed().connect(self._repaint_steps)

    def _repaint_steps(self, *_args) -> None:
        """The step cells again (their tones follow a light/dark switch, or "mine")."""
        if self.rows:
            self.dataChanged.emit(self.index(0, FIRST_STEP_COLUMN),
                                  self.index(len(self.rows) - 1, self.columnCount() - 1))

    def set_me(self, me: Me | None) -> None:
        """Frame the open steps that are ``me``'s (None: frame nothing)."""
        self.me = me
        self._repaint_steps()

    def is_mine(self, row: WelcomeRow, step: StepDef, status: StepStatus) -> bool:
        if self.me is None or not status.is_open:
            return False
        return is_mine(step.owner, self.me,
                       mentor_name=row.mentor.name if row.mentor is not None else "",
                       caller_name=row.caller)

    def set_rows(self, settings: WelcomeSettings, rows: list[WelcomeRow], day: date) -> None:
        self.beginResetModel()
        self.settings = settings
        self.rows = rows
        self.day = day
        self._texts: dict[tuple[int, int], str] = {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else FIRST_STEP_COLUMN + len(self.settings.steps)

    def step_at(self, column: int) -> StepDef | None:
        i = column - FIRST_STEP_COLUMN
        return self.settings.steps[i] if 0 <= i < len(self.settings.steps) else None

    def status_at(self, index: QModelIndex) -> StepStatus | None:
        step = self.step_at(index.column())
        if step is None or not index.isValid():
            return None
        return self.rows[index.row()].state(step.code)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        step = self.step_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == NAME_COLUMN:
                return _("Member")
            if section == JOINED_COLUMN:
                return _("Joined")
            return wrap_heading(step_heading(step)) if step is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and step is not None:
            return f"<b>{step_title(step)}</b><br>{step_guidance(step)}"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == MemberRole:
            return row.member.id
        if column == NAME_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.member.display_name
            if role == Qt.ItemDataRole.ToolTipRole:
                text = _("Double-click to open the member card")
                if row.mentor is not None:
                    text = _("Mentor: {name}").format(name=row.mentor.name) + "<br>" + text
                return text
            return None
        if column == JOINED_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                joined = row.member.joined_on
                return (short_date(joined) if joined.year == self.day.year
                        else format_date(joined, "medium"))
            return None
        step = self.step_at(column)
        if step is None:
            return None
        status = row.state(step.code)
        if status is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            key = (index.row(), column)
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = cell_text(
                    status.state, status.due_on, status.done_on, self.day,
                    status.override.on if status.override is not None else None)
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{step_title(step)}: {state_label(status.state)}"
        if role == Qt.ItemDataRole.BackgroundRole:  # read at paint time: follows the scheme
            return QBrush(style.tone(STATE_TONES[status.state])[0])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(style.tone(STATE_TONES[status.state])[1])
        if role == Qt.ItemDataRole.FontRole and status.state is StepState.OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(step, status, row, self.day)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == StatusRole:
            return status
        if role == MineRole:
            return self.is_mine(row, step, status)
        return None


class WelcomeCellDelegate(QStyledItemDelegate):
    """Draws the cells as usual, and a frame round the open steps that are mine."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if index.data(MineRole):
            painter.save()
            painter.setPen(QPen(style.ink("accent"), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


def fit_columns(view: QTableView, sample: int = 60) -> None:
    """Every column as wide as its widest cell in the selected state: bold text (overdue
    cells) inside the selection frame, so a chosen cell never cuts off its own date.

    Only the first ``sample`` rows are measured: thousands of new members must not stall
    the window, and the cells are of a kind (a symbol and a short date)."""
    model = view.model()
    if model is None:
        return
    view.ensurePolished()
    bold = QFont(view.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    # The delegate's text margin on each side, the frame on each side, and a little air.
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    extra = 2 * margin + 2 * SELECTED_BORDER + 6
    header = view.horizontalHeader()
    rows = min(model.rowCount(), sample)
    for column in range(model.columnCount()):
        widest = max((metrics.horizontalAdvance(str(model.index(r, column).data() or ""))
                      for r in range(rows)), default=0)
        if widest and header.sectionSize(column) < widest + extra:
            header.resizeSection(column, widest + extra)
