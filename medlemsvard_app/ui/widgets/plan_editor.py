"""The action plan as a structured editor: the handbook's sections top to bottom, sub-goals
with progress bars the register fills, and tables for activities, channels, partners and
follow-ups.

The editor edits an ``ActionPlan`` in place and emits ``changed``; the page saves. Sub-goal
progress comes from a ``measure`` callback (the page asks the service), so the figures
are the same as in print.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.action_plan import (
    PERCENT_METRICS,
    ActionPlan,
    ActivityStatus,
    Channel,
    FollowUp,
    GoalProgress,
    Metric,
    PlannedActivity,
    SubGoal,
)
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.plan_labels import (
    metric_label,
    progress_text,
    section_help,
    section_label,
    status_label,
    whole_money,
)
from medlemsvard_app.ui.dialogs.common import from_qdate, hint_label, locale_date_format, to_qdate
from medlemsvard_app.ui.widgets.planning_layout import ReflowRow, breakable

Measure = Callable[[SubGoal], GoalProgress | None]
#: A date field's "no date" value (shown as a dash).
_NO_DATE = QDate(2000, 1, 1)


def _date_edit(value: date | None, optional: bool) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(locale_date_format())
    if optional:
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText("—")
    else:
        edit.setMinimumDate(QDate(2000, 1, 2))
    edit.setMaximumDate(QDate(2200, 12, 31))
    edit.setDate(to_qdate(value) if value else _NO_DATE)
    return edit


def _date_value(edit: QDateEdit) -> date | None:
    return None if edit.date() == _NO_DATE else from_qdate(edit.date())


def _text_box(text: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 14)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * (lines + 3) + 14)
    return box


def _heading(key: str) -> list[QWidget]:
    title = QLabel(section_label(key))
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    title.setFont(font)
    title.setProperty("mvHeading", "125")
    title.setWordWrap(True)
    return [title, hint_label(breakable(section_help(key)))]


class _Table(QTableWidget):
    """A small editable table with Add/Remove buttons below it. Where it is narrower than
    its columns (long words, large text) it scrolls sideways, and its wide text column keeps
    a readable width rather than being squeezed to nothing."""

    def __init__(self, headers: list[str], stretch: int = 0, has_widgets: bool = False) -> None:
        super().__init__(0, len(headers))
        self.has_widgets = has_widgets
        self.stretch = stretch
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def _text_room(self) -> int:
        """The least width of the stretching text column: about 24 characters."""
        return self.fontMetrics().averageCharWidth() * 24 + 12

    def fit_columns(self) -> None:
        """Let the text column take the spare width, but never less than a readable width:
        when there is no room for that, the table scrolls sideways instead."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(self.columnCount())
                     if c != self.stretch)
        room = self.viewport().width() - others
        wanted = (QHeaderView.ResizeMode.Stretch if room >= self._text_room()
                  else QHeaderView.ResizeMode.Interactive)
        if header.sectionResizeMode(self.stretch) != wanted:
            header.setSectionResizeMode(self.stretch, wanted)
        if wanted == QHeaderView.ResizeMode.Interactive:
            header.resizeSection(self.stretch, self._text_room())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()
        self._fit_scroll_bar()

    def _fit_scroll_bar(self) -> None:
        """Room for the sideways scroll bar under the rows when it shows."""
        sideways = self.horizontalHeader().length() > self.viewport().width()
        bar = self.horizontalScrollBar().sizeHint().height() if sideways else 0
        want = self._rows_height() + bar
        if self.height() != want:
            self.setFixedHeight(want)

    def _rows_height(self) -> int:
        height = self.horizontalHeader().height() + 4
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        return max(height, self.horizontalHeader().height() + 30)

    def fit_height(self) -> None:
        """Show every row: the page scrolls, not the table. Rows with field widgets keep one
        line's height; rows of text grow to show it all."""
        line = self.fontMetrics().height() + 16
        self.verticalHeader().setDefaultSectionSize(line)
        if not self.has_widgets:
            self.resizeRowsToContents()
        else:
            for row in range(self.rowCount()):
                self.setRowHeight(row, line)
        self.fit_columns()
        self._fit_scroll_bar()

    def text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text().strip() if item else ""


class GoalRow(QFrame):
    """One sub-goal: its text on the first line; what the app counts, the target, the date
    and the progress bar on the second."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, goal: SubGoal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planGoal")
        # the app sheet's calm panel (light or dark): the fields on it stand out
        self.setProperty("panel", True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)
        first = QHBoxLayout()
        self.text_edit = QLineEdit(goal.text)
        self.text_edit.setPlaceholderText(_("What do you want to achieve, by when?"))
        self.text_edit.setAccessibleName(_("Sub-goal"))
        self.remove_button = QToolButton()
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(_("Remove this sub-goal"))
        self.remove_button.clicked.connect(lambda _c=False: self.remove_requested.emit())
        first.addWidget(self.text_edit, 1)
        first.addWidget(self.remove_button)
        outer.addLayout(first)
        # what is counted, then how far: on one line when there is room, else two
        self.second_row = ReflowRow(grow=1)
        second, third = self.second_row.first, self.second_row.second
        self.metric_combo = QComboBox()
        # One width for every row, so the goals line up under each other.
        self.metric_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.metric_combo.setMinimumContentsLength(24)
        self.metric_combo.setAccessibleName(_("Counted by the app"))
        self.metric_combo.addItem(metric_label(None), None)
        for m in Metric:
            self.metric_combo.addItem(metric_label(m), m.value)
        self.metric_combo.setCurrentIndex(max(0, self.metric_combo.findData(
            goal.metric.value if goal.metric else None)))
        self.target = QSpinBox()
        self.target.setAccessibleName(_("Target"))
        self.target.setRange(0, 1_000_000)
        self.target.setGroupSeparatorShown(True)
        self.target.setValue(goal.target or 0)
        self.target.setSuffix(" %")  # one width with or without "%": the rows line up
        self.target.setMinimumWidth(self.target.sizeHint().width())
        self.target.setSuffix("")
        self.due = _date_edit(goal.due_on, optional=True)
        self.due.setAccessibleName(_("Date"))
        # The bar shows how far; the words beside it say the figure (they wrap in large
        # text rather than spill out of the bar).
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(140)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        for label, widget in ((_("Counted:"), self.metric_combo), (_("Target:"), self.target),
                              (_("By:"), self.due)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            second.addWidget(caption)
            second.addWidget(widget)
        for fixed in (self.metric_combo, self.target, self.due):
            fixed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        second.addStretch(1)  # on a line of its own: the fields stay together on the left
        third.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignVCenter)
        third.addWidget(self.progress_label, 1)
        outer.addWidget(self.second_row)
        self.text_edit.textEdited.connect(lambda _t: self.changed.emit())
        self.metric_combo.currentIndexChanged.connect(lambda _i: self._metric_changed())
        self.target.valueChanged.connect(lambda _v: self.changed.emit())
        self.due.dateChanged.connect(lambda _d: self.changed.emit())
        self._metric_changed(emit=False)

    def _metric_changed(self, emit: bool = True) -> None:
        counted = self.metric_combo.currentData() is not None
        self.target.setEnabled(counted)
        self.target.setSuffix(" %" if self.metric_combo.currentData() in PERCENT_CODES else "")
        if emit:
            self.changed.emit()

    def goal(self) -> SubGoal:
        metric = self.metric_combo.currentData()
        return SubGoal(self.text_edit.text().strip(), Metric(metric) if metric else None,
                       self.target.value() if metric else None, _date_value(self.due))


PERCENT_CODES = frozenset(m.value for m in PERCENT_METRICS)


class PlanEditor(QWidget):
    changed = Signal()

    def __init__(self, measure: Measure, currency: str = "SEK",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: ActionPlan | None = None
        self.measure = measure
        self.currency = currency
        self._loading = False
        self.held: list[tuple[int, date, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("planTitle")
        self.starts_edit = _date_edit(None, optional=False)
        self.ends_edit = _date_edit(None, optional=False)
        self.starts_edit.setAccessibleName(_("Period starts"))
        self.ends_edit.setAccessibleName(_("Period ends"))
        period = QHBoxLayout()
        period.addWidget(self.starts_edit)
        period.addWidget(QLabel("–"))
        period.addWidget(self.ends_edit)
        period.addStretch(1)
        title_label = QLabel(_("&Title"))
        title_label.setBuddy(self.title_edit)
        form.addRow(title_label, self.title_edit)
        form.addRow(_("Period"), period)
        layout.addLayout(form)

        self.texts: dict[str, QPlainTextEdit] = {}
        for key in ("overall_goal", "problems"):
            self._add_text(layout, key)

        # Sub-goals: text, what the app counts, target, date, progress.
        for widget in _heading("goals"):
            layout.addWidget(widget)
        self.goal_rows: list[GoalRow] = []
        self.goals_box = QVBoxLayout()
        self.goals_box.setSpacing(6)
        layout.addLayout(self.goals_box)
        self.add_goal_button = QPushButton(_("Add sub-goal"))
        self.add_goal_button.setAutoDefault(False)
        self.add_goal_button.clicked.connect(lambda _c=False: self.add_goal())
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_goal_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

        for widget in _heading("activities"):
            layout.addWidget(widget)
        self.activities = _Table([_("Activity"), _("Responsible"), _("Date"), _("People"),
                                  _("Budget"), _("Hours"), _("Status"), _("Held activity")],
                                 has_widgets=True)
        self.activities.setObjectName("planActivities")
        self.activities.setAccessibleName(section_label("activities"))
        layout.addWidget(self.activities)
        self.totals_label = hint_label("")
        layout.addWidget(self.totals_label)
        layout.addLayout(self._buttons(self.activities, self.add_activity, _("Add activity")))

        for widget in _heading("responsible"):
            layout.addWidget(widget)
        self.responsible_edit = QLineEdit()
        self.responsible_edit.setAccessibleName(section_label("responsible"))
        layout.addWidget(self.responsible_edit)
        self._add_text(layout, "resources")

        self.channels = self._line_table(layout, "channels", [_("Channel"), _("How")],
                                         _("Add channel"))
        self.partners = self._line_table(layout, "partners", [_("Partner"), _("Together on")],
                                         _("Add partner"))
        self.follow_ups = self._line_table(layout, "follow_ups", [_("Who"), _("When"), _("How")],
                                           _("Add follow-up"))
        self._add_text(layout, "evaluation")
        layout.addStretch(1)

        self.title_edit.textEdited.connect(self._edited)
        self.responsible_edit.textEdited.connect(self._edited)
        self.starts_edit.dateChanged.connect(self._edited)
        self.ends_edit.dateChanged.connect(self._edited)
        for box in self.texts.values():
            box.textChanged.connect(self._edited)
        for table in (self.activities, self.channels, self.partners, self.follow_ups):
            table.itemChanged.connect(self._edited)

    def _add_text(self, layout: QVBoxLayout, key: str) -> None:
        for widget in _heading(key):
            layout.addWidget(widget)
        box = _text_box("", 2)
        box.setObjectName(f"plan_{key}")
        box.setAccessibleName(section_label(key))
        layout.addWidget(box)
        self.texts[key] = box

    def _line_table(self, layout: QVBoxLayout, key: str, headers: list[str],
                    add_text: str) -> _Table:
        for widget in _heading(key):
            layout.addWidget(widget)
        table = _Table(headers, stretch=len(headers) - 1)
        table.setObjectName(f"plan_{key}")
        table.setAccessibleName(section_label(key))
        layout.addWidget(table)
        layout.addLayout(self._buttons(table, lambda t=table: self._add_line(t), add_text))
        return table

    def _buttons(self, table: _Table, add: Callable[[], None], add_text: str) -> QHBoxLayout:
        row = QHBoxLayout()
        add_button = QPushButton(add_text)
        add_button.setAutoDefault(False)
        add_button.clicked.connect(add)
        remove = QPushButton(_("Remove selected"))
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda: self._remove_row(table))
        row.addWidget(add_button)
        row.addWidget(remove)
        row.addStretch(1)
        table.add_button, table.remove_button = add_button, remove  # type: ignore[attr-defined]
        return row

    # -- showing a plan --------------------------------------------------------------------
    def set_plan(self, plan: ActionPlan | None, held: list[tuple[int, date, str]] = ()) -> None:
        self._loading = True
        self.plan = plan
        self.held = list(held)
        self.setEnabled(plan is not None)
        shown = plan or ActionPlan("", date.today(), date.today())
        self.title_edit.setText(shown.title)
        self.starts_edit.setDate(to_qdate(shown.starts_on))
        self.ends_edit.setDate(to_qdate(shown.ends_on))
        for key, box in self.texts.items():
            with QSignalBlocker(box):
                box.setPlainText(getattr(shown, key))
        self.responsible_edit.setText(shown.responsible)
        for table in (self.activities, self.channels, self.partners, self.follow_ups):
            table.blockSignals(True)
            table.setRowCount(0)
        for row in self.goal_rows:
            row.deleteLater()
        self.goal_rows = []
        for goal in shown.goals:
            self._goal_row(goal)
        for activity in shown.activities:
            self._activity_row(activity)
        for table, lines in ((self.channels, shown.channels), (self.partners, shown.partners)):
            for line in lines:
                self._line_row(table, [line.name, line.note])
        for f in shown.follow_ups:
            self._line_row(self.follow_ups, [f.who, f.when, f.how])
        for table in (self.activities, self.channels, self.partners, self.follow_ups):
            table.blockSignals(False)
            table.fit_height()
        self._loading = False
        self.refresh_progress()

    def _goal_row(self, goal: SubGoal) -> GoalRow:
        row = GoalRow(goal)
        row.changed.connect(self._edited)
        row.remove_requested.connect(lambda r=row: self._remove_goal(r))
        self.goals_box.addWidget(row)
        self.goal_rows.append(row)
        return row

    def _remove_goal(self, row: GoalRow) -> None:
        self.goal_rows.remove(row)
        row.deleteLater()
        self._edited()

    def _activity_row(self, activity: PlannedActivity) -> None:
        table = self.activities
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(activity.title))
        table.setItem(row, 1, QTableWidgetItem(activity.responsible))
        when = _date_edit(activity.on_date, optional=True)
        when.dateChanged.connect(self._edited)
        table.setCellWidget(row, 2, when)
        for col, value, top in ((3, activity.people, 10_000), (4, activity.budget_ore // 100,
                                                               10_000_000),
                                (5, activity.hours, 100_000)):
            spin = QSpinBox()
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
            spin.setRange(0, top)
            spin.setGroupSeparatorShown(True)
            spin.setValue(value)
            if col == 4:
                spin.setSuffix(" kr")
            spin.valueChanged.connect(self._edited)
            table.setCellWidget(row, col, spin)
        status = QComboBox()
        for s in ActivityStatus:
            status.addItem(status_label(s), s.value)
        status.setCurrentIndex(status.findData(activity.status.value))
        status.currentIndexChanged.connect(self._edited)
        table.setCellWidget(row, 6, status)
        link = QComboBox()
        link.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        link.setMinimumContentsLength(14)
        link.addItem(_("Not linked"), None)
        for aid, day, title in self.held:
            link.addItem(f"{format_date(day)} {title}", aid)
        if activity.activity_id is not None and link.findData(activity.activity_id) < 0:
            link.addItem(_("Activity {id}").format(id=activity.activity_id), activity.activity_id)
        link.setCurrentIndex(max(0, link.findData(activity.activity_id)))
        link.currentIndexChanged.connect(self._edited)
        table.setCellWidget(row, 7, link)
        table.item(row, 0).setData(Qt.ItemDataRole.UserRole, activity.note)

    def _line_row(self, table: _Table, values: list[str]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for col, value in enumerate(values):
            table.setItem(row, col, QTableWidgetItem(value))

    # -- editing ---------------------------------------------------------------------------
    def add_goal(self) -> None:
        due = self.plan.ends_on if self.plan else None
        row = self._goal_row(SubGoal("", None, None, due))
        row.text_edit.setFocus()
        self._edited()

    def add_activity(self) -> None:
        self._activity_row(PlannedActivity(""))
        self._row_added(self.activities)

    def _add_line(self, table: _Table) -> None:
        self._line_row(table, [""] * table.columnCount())
        self._row_added(table)

    def _row_added(self, table: _Table) -> None:
        table.fit_height()
        row = table.rowCount() - 1
        table.setCurrentCell(row, 0)
        table.setFocus()
        table.editItem(table.item(row, 0))
        self._edited()

    def _remove_row(self, table: _Table) -> None:
        row = table.currentRow()
        if row < 0:
            return
        table.removeRow(row)
        table.fit_height()
        self._edited()

    def _edited(self, *_args: object) -> None:
        if self._loading or self.plan is None:
            return
        self.read_into(self.plan)
        self.refresh_progress()
        self.changed.emit()

    def read_into(self, plan: ActionPlan) -> None:
        """Copy what the fields show into ``plan``."""
        plan.title = self.title_edit.text().strip()
        plan.starts_on = from_qdate(self.starts_edit.date())
        plan.ends_on = from_qdate(self.ends_edit.date())
        for key, box in self.texts.items():
            setattr(plan, key, box.toPlainText().strip())
        plan.responsible = self.responsible_edit.text().strip()
        plan.goals = [row.goal() for row in self.goal_rows]
        activities = []
        for row in range(self.activities.rowCount()):
            t = self.activities
            first = t.item(row, 0)
            activities.append(PlannedActivity(
                t.text(row, 0), t.text(row, 1), _date_value(t.cellWidget(row, 2)),
                t.cellWidget(row, 3).value(), t.cellWidget(row, 4).value() * 100,
                t.cellWidget(row, 5).value(), ActivityStatus(t.cellWidget(row, 6).currentData()),
                t.cellWidget(row, 7).currentData(),
                (first.data(Qt.ItemDataRole.UserRole) or "") if first else ""))
        plan.activities = activities
        plan.channels = [Channel(self.channels.text(r, 0), self.channels.text(r, 1))
                         for r in range(self.channels.rowCount())]
        plan.partners = [Channel(self.partners.text(r, 0), self.partners.text(r, 1))
                         for r in range(self.partners.rowCount())]
        plan.follow_ups = [FollowUp(self.follow_ups.text(r, 0), self.follow_ups.text(r, 1),
                                    self.follow_ups.text(r, 2))
                           for r in range(self.follow_ups.rowCount())]

    def refresh_progress(self) -> None:
        """Redraw every sub-goal's bar from the register, and the resource totals."""
        if self.plan is None:
            self.totals_label.setText("")
            return
        for row, goal in zip(self.goal_rows, self.plan.goals, strict=False):
            bar, label = row.bar, row.progress_label
            measured = self.measure(goal) if goal.metric is not None else None
            if measured is None:
                bar.setValue(0)
                text = _("not counted by the app") if goal.metric is None else _("counting…")
                bar.setEnabled(False)
            else:
                bar.setEnabled(True)
                bar.setValue(round(measured.fraction * 1000))
                text = progress_text(measured)
            bar.setFormat(text)  # read by screen readers
            bar.setAccessibleName(text)
            label.setText(text)
        self.totals_label.setText(_("In all: {budget}, {hours} hours (cancelled activities "
                                    "not counted).").format(
            budget=whole_money(self.plan.total_budget_ore(), self.currency),
            hours=self.plan.total_hours()))

    def progress_texts(self) -> list[str]:
        return [row.progress_label.text() for row in self.goal_rows]
