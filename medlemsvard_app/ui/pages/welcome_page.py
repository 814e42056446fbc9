"""The welcome view: new members × checklist steps, with filters, a guide to the welcome
call, and the association's tasks.

The grid comes from one background job with its own connection (only the members who
joined within the welcome period are read). Ticking, unticking, skipping and choosing a
mentor go through WelcomeService and then load a fresh snapshot; the page also reloads
whenever it is shown, since letters, calls and attendance elsewhere tick steps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.welcome import Mark, Me, StepState, is_mine, roles_of
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.messages import board_role_label, describe
from medlemsvard_app.i18n.welcome_labels import CALL_GUIDE, STATE_SYMBOLS, state_label
from medlemsvard_app.services.session import Session, TodayFn, open_session
from medlemsvard_app.services.welcome import WelcomeOverview, WelcomeRow
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs.common import hint_label, title_label
from medlemsvard_app.ui.dialogs.welcome_step import AUTOMATIC, WelcomeStepDialog
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.snapshot_loading import SnapshotLoading
from medlemsvard_app.ui.widgets.welcome_grid import (
    FIRST_STEP_COLUMN,
    SELECTED_BORDER,
    STATE_TONES,
    MemberRole,
    WelcomeCellDelegate,
    WelcomeGridModel,
    fit_columns,
)
from medlemsvard_app.ui.widgets.welcome_tasks import TasksPanel

ME_KEY = "welcome/me"
GUIDE_KEY = "welcome/guide"


def load_snapshot(path: Path, today: TodayFn) -> WelcomeOverview:
    own = open_session(path, today=today)
    try:
        return own.welcome().overview(own.today())
    finally:
        own.close()


def _settings():
    from medlemsvard_app.ui.main_window import app_settings

    return app_settings()


class RowFilter(QSortFilterProxyModel):
    """Overdue, mine and joined this month; all that are on must hold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.overdue = False
        self.mine = False
        self.this_month = False
        self.me = Me()

    def set_filters(self, *, overdue: bool, mine: bool, this_month: bool, me: Me) -> None:
        self.beginFilterChange()
        self.overdue, self.mine, self.this_month, self.me = overdue, mine, this_month, me
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_mine(self, row: WelcomeRow, settings) -> bool:
        mentor = row.mentor.name if row.mentor is not None else ""
        for step in settings.steps:
            status = row.state(step.code)
            if status is not None and status.is_open and is_mine(
                    step.owner, self.me, mentor_name=mentor, caller_name=row.caller):
                return True
        return False

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802
        model: WelcomeGridModel = self.sourceModel()  # type: ignore[assignment]
        row = model.rows[source_row]
        if self.overdue and not row.overdue:
            return False
        if self.this_month and (row.member.joined_on.year, row.member.joined_on.month) != (
                model.day.year, model.day.month):
            return False
        return not (self.mine and not self.is_mine(row, model.settings))


class GuidePanel(QScrollArea):
    """How to hold a welcome call, in a few short paragraphs beside the grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeGuide")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QFrame()
        body.setObjectName("guideBody")
        body.setProperty("panel", True)  # the app sheet's calm panel, light or dark
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        heading = QLabel(_("The welcome call"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        heading.setWordWrap(True)
        labels = [heading]
        for number, (title, text) in enumerate(CALL_GUIDE, 1):
            head = QLabel(f"{number}. {_(title)}")
            bold = head.font()
            bold.setBold(True)
            head.setFont(bold)
            head.setContentsMargins(0, 8, 0, 0)
            labels += [head, QLabel(_(text))]
        for label in labels:
            label.setWordWrap(True)
            # The panel's width decides, not the longest word: the text wraps to it (a very
            # long word must not push the panel wider than the splitter gives it).
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setWidget(body)
        self.setMinimumWidth(230)
        self.setMaximumWidth(270)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As wide as allowed: the labels wrap to the panel and ask for no width."""
        return QSize(self.maximumWidth(), super().sizeHint().height())


class WelcomePage(SnapshotLoading, QWidget):
    #: a member was chosen to open their card
    member_activated = Signal(int)
    #: a snapshot was shown (tests wait for it)
    loaded = Signal()
    #: a step was ticked, unticked or skipped (Edit → Undo can take it back)
    marked = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.welcome = session.welcome()
        self._init_loading()
        self.snapshot: WelcomeOverview | None = None
        self._dialogs: list[QWidget] = []
        self._note = ""  # the last tick or change, shown once more after the reload

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(title_label(_("Welcome new members")), 1)
        self.settings_button = QPushButton(_("Checklist &settings…"))
        self.settings_button.setObjectName("welcomeSettingsButton")
        self.settings_button.clicked.connect(lambda _c=False: self.open_settings())
        head.addWidget(self.settings_button)
        outer.addLayout(head)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("welcomeSummary")
        self.summary_label.setWordWrap(True)
        outer.addWidget(self.summary_label)

        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        checklist = QWidget()
        layout = QVBoxLayout(checklist)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.overdue_chip = self._chip(_("&Overdue"), "chipOverdue")
        self.mine_chip = self._chip(_("M&ine"), "chipMine")
        self.month_chip = self._chip(_("Joined this &month"), "chipMonth")
        for chip in (self.overdue_chip, self.mine_chip, self.month_chip):
            filters.addWidget(chip)
        filters.addSpacing(14)
        me_label = QLabel(_("I &am:"))
        self.me_combo = QComboBox()
        self.me_combo.setObjectName("welcomeMe")
        self.me_combo.setMinimumWidth(200)
        self.me_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.me_combo.setToolTip(_("Who you are, so “Mine” shows the steps that are yours"))
        me_label.setBuddy(self.me_combo)
        filters.addWidget(me_label)
        filters.addWidget(self.me_combo)
        filters.addStretch(1)
        self.guide_button = QPushButton(_("Call &guide"))
        self.guide_button.setObjectName("guideButton")
        self.guide_button.setCheckable(True)
        self.guide_button.setToolTip(_("Show or hide how to hold a welcome call"))
        filters.addWidget(self.guide_button)
        layout.addLayout(filters)
        layout.addLayout(self._legend())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = WelcomeGridModel(self)
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(self.model)
        self.grid = QTableView()
        self.grid.setObjectName("welcomeGrid")
        self.grid.setAccessibleName(_("Welcome steps of new members"))
        self.grid.setModel(self.proxy)
        self.grid.setItemDelegate(WelcomeCellDelegate(self.grid))
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().setVisible(False)
        self.grid.setWordWrap(False)
        self.grid.setShowGrid(True)
        header = self.grid.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # Widths are set once per snapshot from the first rows only: thousands of new
        # members must not stall the window (the cells are of a kind: a symbol and a date).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(60)
        header.setMinimumSectionSize(60)
        header.setStretchLastSection(False)
        rows = self.grid.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(30)
        splitter.addWidget(self.grid)
        self.guide = GuidePanel()
        splitter.addWidget(self.guide)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        layout.addWidget(splitter, 1)
        self.message_label = hint_label("")
        self.message_label.setObjectName("welcomeMessage")
        layout.addWidget(self.message_label)
        self.tabs.addTab(checklist, _("&Checklist"))
        self.tasks_panel = TasksPanel(session, self.notifier)
        self.tabs.addTab(self.tasks_panel, _("&Tasks"))

        self.guide_button.toggled.connect(self._show_guide)
        shown = _settings().value(GUIDE_KEY, True)
        self.guide_button.setChecked(shown not in (False, "false", "0"))
        self._show_guide(self.guide_button.isChecked())
        for chip in (self.overdue_chip, self.mine_chip, self.month_chip):
            chip.toggled.connect(lambda _on: self.apply_filters())
        self.me_combo.currentIndexChanged.connect(self._me_changed)
        self.grid.clicked.connect(self._clicked)
        self.grid.doubleClicked.connect(self._double_clicked)
        self.grid.installEventFilter(self)
        self.tasks_panel.changed.connect(self.refresh)
        self._restyle()
        style.scheme_changed().connect(self._restyle)

    # -- building -------------------------------------------------------------------------
    def _chip(self, text: str, name: str) -> QPushButton:
        chip = QPushButton(text)
        chip.setObjectName(name)
        chip.setProperty("chip", True)
        chip.setCheckable(True)
        chip.setAutoDefault(False)
        return chip

    def _legend(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.legend_labels: dict[StepState, QLabel] = {}
        for state in (StepState.OVERDUE, StepState.DUE, StepState.NOT_YET, StepState.DONE,
                      StepState.SKIPPED):
            label = QLabel(f"{STATE_SYMBOLS[state]} {state_label(state)}")
            label.setObjectName(f"legend_{state.value}")
            self.legend_labels[state] = label
            row.addWidget(label)
        hint = hint_label(_("A cell's date: when the step was done or skipped, or the "
                            "day it is due. Click a cell to tick, untick or skip the step; "
                            "double-click a name to open the member card."))
        # A wrapped label asks for about 80 characters by default; let it wrap onto more
        # lines instead of pushing the page wider than a 1366 px screen in long languages.
        hint.setMinimumWidth(hint.fontMetrics().averageCharWidth() * 36)
        row.addWidget(hint, 1)
        return row

    def _restyle(self, *_args) -> None:
        """The grid's lines and the legend's tones for the scheme in use (again after a
        light/dark switch); the legend takes its tones from the grid's STATE_TONES."""
        grid, accent = style.ink_hex("grid"), style.ink_hex("accent")
        self.grid.setStyleSheet(f"QTableView#welcomeGrid {{ gridline-color: {grid}; }}"
                                f"QTableView#welcomeGrid::item:selected {{ border: "
                                f"{SELECTED_BORDER}px solid {accent}; }}")
        for state, label in self.legend_labels.items():
            back, fore = style.tone_hex(STATE_TONES[state])
            label.setStyleSheet(f"background: {back}; color: {fore}; border: 1px solid {grid};"
                                " border-radius: 3px; padding: 2px 8px;")

    # -- loading (SnapshotLoading does the jobs) ------------------------------------------
    load = staticmethod(load_snapshot)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # Letters, calls and attendance recorded elsewhere tick steps: reload when shown.
        self._stale = True
        super().hideEvent(event)

    def show_snapshot(self, snapshot: WelcomeOverview) -> None:
        self.snapshot = snapshot
        keep = self._current_cell()
        self.model.set_rows(snapshot.settings, snapshot.rows, snapshot.day)
        self.grid.resizeColumnsToContents()
        fit_columns(self.grid)  # room for the bold text and frame of a selected cell
        self._fill_me(snapshot)
        self.apply_filters()
        self._restore_cell(keep)
        self.loaded.emit()

    def _fill_me(self, snapshot: WelcomeOverview) -> None:
        wanted = self.me_combo.currentData() if self.me_combo.count() else \
            str(_settings().value(ME_KEY, "") or "")
        self.me_combo.blockSignals(True)
        self.me_combo.clear()
        self.me_combo.addItem(_("Nobody chosen"), "")
        seen: set[str] = set()

        def add(name: str, text: str) -> None:
            if name.strip() and name.casefold() not in seen:
                seen.add(name.casefold())
                self.me_combo.addItem(text, name)

        for role, name in snapshot.board:
            add(name, f"{name} ({board_role_label(role)})")
        for name in snapshot.callers:
            add(name, _("{name} (caller)").format(name=name))
        for row in snapshot.rows:
            if row.mentor is not None:
                add(row.mentor.name, _("{name} (mentor)").format(name=row.mentor.name))
        index = self.me_combo.findData(wanted)
        self.me_combo.setCurrentIndex(max(index, 0))
        self.me_combo.blockSignals(False)

    def me(self) -> Me:
        name = self.me_combo.currentData() or ""
        board = self.snapshot.board if self.snapshot is not None else []
        return Me(name, roles_of(name, board))

    def _me_changed(self, _index: int) -> None:
        settings = _settings()
        settings.setValue(ME_KEY, self.me_combo.currentData() or "")
        settings.sync()
        self.apply_filters()

    def _show_guide(self, shown: bool) -> None:
        self.guide.setVisible(shown)
        settings = _settings()
        settings.setValue(GUIDE_KEY, shown)
        settings.sync()

    def apply_filters(self) -> None:
        me = self.me()
        self.mine_chip.setEnabled(bool(me.name))
        self.mine_chip.setToolTip(
            _("The new members with an open step that is yours") if me.name
            else _("Choose who you are under “I am” first"))
        mine = self.mine_chip.isChecked() and bool(me.name)
        self.proxy.set_filters(overdue=self.overdue_chip.isChecked(), mine=mine,
                               this_month=self.month_chip.isChecked(), me=me)
        self.model.set_me(me if mine else None)
        self._summarise()

    def _summarise(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        rows = snapshot.rows
        overdue = sum(r.overdue for r in rows)
        due = sum(1 for r in rows for s in r.steps if s.state is StepState.DUE)
        text = ngettext("{count} new member in the last {days} days",
                        "{count} new members in the last {days} days", len(rows)).format(
            count=format_count(len(rows)), days=snapshot.settings.period_days)
        text += " · " + ngettext("{count} step overdue", "{count} steps overdue",
                                 overdue).format(count=format_count(overdue))
        text += " · " + ngettext("{count} step due", "{count} steps due", due).format(
            count=format_count(due))
        shown = self.proxy.rowCount()
        if shown != len(rows):
            text += " · " + ngettext("{count} shown", "{count} shown", shown).format(
                count=format_count(shown))
        self.summary_label.setText(text)
        if not rows:
            self.message_label.setText(_(
                "Nobody joined in the last {days} days. New members appear here with their "
                "checklist as soon as they are added or imported.").format(
                days=snapshot.settings.period_days))
        elif not shown:
            self.message_label.setText(_("No new member matches the filters."))
        else:
            as_of = _("As of {date}.").format(date=format_date(snapshot.day, "long"))
            self.message_label.setText(f"{self._note}  ·  {as_of}" if self._note else as_of)
        self._note = ""

    def _say(self, note: str) -> None:
        """What was just done, at the foot of the grid, until the next change of view."""
        self._note = note
        self.message_label.setText(note)

    # -- the cells ------------------------------------------------------------------------
    def _current_cell(self) -> tuple[int | None, int]:
        index = self.grid.currentIndex()
        if not index.isValid():
            return None, 0
        return self.proxy.data(index, MemberRole), index.column()

    def _restore_cell(self, keep: tuple[int | None, int]) -> None:
        member_id, column = keep
        if member_id is None:
            return
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, column)
            if self.proxy.data(index, MemberRole) == member_id:
                self.grid.setCurrentIndex(index)
                return

    def row_of(self, index: QModelIndex) -> WelcomeRow:
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() >= FIRST_STEP_COLUMN:
            self.open_step(index)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() < FIRST_STEP_COLUMN:
            self.member_activated.emit(self.row_of(index).member.id)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Enter opens the step (or the card, on a name); Space ticks an open step and
        opens a done one."""
        if watched is self.grid and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress:
            index = self.grid.currentIndex()
            if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if index.column() >= FIRST_STEP_COLUMN:
                    self.open_step(index)
                else:
                    self.member_activated.emit(self.row_of(index).member.id)
                return True
            if index.isValid() and event.key() == Qt.Key.Key_Space \
                    and index.column() >= FIRST_STEP_COLUMN:
                self.toggle(index)
                return True
        return super().eventFilter(watched, event)

    def open_step(self, index: QModelIndex) -> WelcomeStepDialog | None:
        source = self.proxy.mapToSource(index)
        step = self.model.step_at(source.column())
        status = self.model.status_at(source)
        if step is None or status is None:
            return None
        row = self.model.rows[source.row()]
        dialog = WelcomeStepDialog(row, step, status, self.session.register(), self,
                                   day=self.model.day, tasks=self.session.tasks())
        dialog.accepted.connect(lambda d=dialog: self._apply(d))
        self._keep(dialog)
        return dialog

    def _keep(self, dialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        dialog.open()

    def _apply(self, dialog: WelcomeStepDialog) -> None:
        member_id = dialog.row.member.id
        code = dialog.step.code
        choice = dialog.choice()
        try:
            if dialog.mentor_picker is not None:
                chosen = dialog.mentor_picker.member_id
                current = dialog.row.mentor.mentor_id if dialog.row.mentor else None
                if chosen != current and (chosen is not None
                                          or not dialog.mentor_picker.text().strip()):
                    self.welcome.set_mentor(member_id, chosen)
            if dialog.task_id() is not None:
                self.session.tasks().offer(dialog.task_id(), member_id, self.session.today())
            if choice == AUTOMATIC:
                self.welcome.reset(member_id, code)
            else:
                self.welcome.mark(member_id, code, Mark(choice), dialog.on_date(),
                                  dialog.note())
        except (DomainError, StorageError, LookupError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self._say(_("Saved: {name} — {step}.").format(
            name=dialog.row.member.display_name, step=self._step_title(code)))
        self.marked.emit()
        self.refresh()

    def _step_title(self, code: str) -> str:
        from medlemsvard_app.i18n.welcome_labels import step_title

        step = self.model.settings.step(code)
        return step_title(step) if step is not None else code

    def toggle(self, index: QModelIndex) -> WelcomeStepDialog | None:
        """Space on a cell: tick a step that is not done. A done or skipped step opens its
        dialog instead: one stray key must never quietly undo a fact (a meeting the app saw
        happen, a letter that was posted)."""
        source = self.proxy.mapToSource(index)
        step = self.model.step_at(source.column())
        status = self.model.status_at(source)
        if step is None or status is None:
            return None
        if not status.is_open:
            return self.open_step(index)
        row = self.model.rows[source.row()]
        try:
            self.welcome.mark(row.member.id, step.code, Mark.DONE, self.session.today())
        except (DomainError, StorageError, LookupError) as exc:
            self.notifier.error(self, describe(exc))
            return None
        self._say(_("Marked done: {step} for {name}.").format(
            step=self._step_title(step.code), name=row.member.display_name))
        self.marked.emit()
        self.refresh()
        return None

    # -- settings -------------------------------------------------------------------------
    def open_settings(self):
        from medlemsvard_app.ui.dialogs.welcome_settings import WelcomeSettingsDialog

        dialog = WelcomeSettingsDialog(self.welcome, self.notifier, self)
        dialog.accepted.connect(self.refresh)
        self._keep(dialog)
        return dialog
