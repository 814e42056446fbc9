"""The activities view: upcoming and past activities, tomorrow's reminder list, and for the
chosen activity its sign-ups, attendance (taken fast, from the keyboard) and evaluation.

An association holds a few dozen activities a year, so the lists load directly; member
searches go through the register's index.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.activities import Activity, SignUpVia
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.activity_labels import first_time_label, kind_label, via_label
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.welcome_labels import short_date
from medlemsvard_app.services.activities import Person
from medlemsvard_app.services.session import Session
from medlemsvard_app.storage.activities import ActivityRow
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs.activity_dialog import ActivityDialog
from medlemsvard_app.ui.dialogs.activity_evaluation import EvaluationForm
from medlemsvard_app.ui.dialogs.common import hint_label, title_label
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.widgets.attendance import AttendanceChecklist, MemberFinder

ID_ROLE = Qt.ItemDataRole.UserRole
CANCELLED_ROLE = Qt.ItemDataRole.UserRole + 1
SHOW_UPCOMING, SHOW_PAST, SHOW_ALL = range(3)
COL_DATE, COL_TIME, COL_TITLE, COL_KIND, COL_PLACE, COL_SIGNED, COL_CAME = range(7)
#: the sign-up list's columns
SIGNUP_NAME, SIGNUP_PHONE, SIGNUP_ON, SIGNUP_HOW, SIGNUP_REMINDED, SIGNUP_CAME = range(6)
#: Members offered by a search for a walk-in or a sign-up.
SEARCH_LIMIT = 12


class ColumnFitter(QObject):
    """Sizes a list's columns the way a person would: short columns (dates, counts) as wide
    as their header and contents; one main column taking what is left, never less than its
    contents or ``stretch_chars`` characters (whichever is less). When that does not fit,
    the ``yielding`` columns (text with a tooltip) give up room, each in proportion to what
    it has to spare, down to their floor (characters, never under the header); only then
    does the list scroll sideways instead of squeezing."""

    def __init__(self, tree: QTreeWidget, stretch: int, yielding: dict[int, int] | None = None,
                 stretch_chars: int = 22) -> None:
        super().__init__(tree)
        self.tree, self.stretch, self.stretch_chars = tree, stretch, stretch_chars
        self.yielding = yielding or {}
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(36)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        tree.installEventFilter(self)
        # The viewport's own resize: the list's comes before the viewport has its new width.
        self._viewport = tree.viewport()
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.tree or watched is self._viewport) \
                and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def _header_width(self, col: int) -> int:
        """The header's text in full, with the style's margins (never "Ko" for "Kom")."""
        header = self.tree.header()
        text = self.tree.headerItem().text(col)
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        return max(header.sectionSizeHint(col),
                   header.fontMetrics().horizontalAdvance(text) + 4 * margin)

    def wanted(self) -> dict[int, int]:
        """Every column as wide as its header and its widest cell."""
        return {col: 0 if self.tree.isColumnHidden(col)
                else max(self._header_width(col), self.tree.sizeHintForColumn(col))
                for col in range(self.tree.columnCount())}

    def wanted_width(self) -> int:
        """The width the list needs to show every cell in full (with frame and scroll bar)."""
        return (sum(self.wanted().values()) + 2 * self.tree.frameWidth()
                + self.tree.verticalScrollBar().sizeHint().width())

    def fit(self) -> None:
        tree, header = self.tree, self.tree.header()
        char = tree.fontMetrics().averageCharWidth()
        wanted = self.wanted()
        widths = {col: w for col, w in wanted.items()
                  if col != self.stretch and not tree.isColumnHidden(col)}
        least = max(self._header_width(self.stretch),
                    min(char * self.stretch_chars, wanted[self.stretch]))
        room = tree.viewport().width() - sum(widths.values())
        if room < least:  # short of room: the yielding columns give, each by its spare
            floors = {col: max(char * chars, self._header_width(col))
                      for col, chars in self.yielding.items() if col in widths}
            spare = {col: max(0, widths[col] - floors[col]) for col in floors}
            total = sum(spare.values())
            need = min(least - room, total)
            for col in spare:
                if total:
                    give = min(spare[col], -(-need * spare[col] // total))
                    widths[col] -= give
                    room += give
        widths[self.stretch] = max(room, least)
        for col, width in widths.items():
            if header.sectionSize(col) != width:
                header.resizeSection(col, width)


def time_text(activity: Activity) -> str:
    if activity.starts_at is None:
        return _("all day")
    text = activity.starts_at.strftime("%H:%M")
    if activity.ends_at is not None:
        text += "–" + activity.ends_at.strftime("%H:%M")
    return text


def day_text(day: date, this_year: int | None = None) -> str:
    """The day with its weekday; the year only when it is not ``this_year`` (the list's
    dates mostly fall this year, and the title column needs the room)."""
    return format_date(day, "EEE d MMM" if day.year == this_year else "EEE d MMM y")


def ics_name(activity: Activity | None) -> str:
    if activity is None:
        return _("activities") + ".ics"
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in activity.title)
    return f"{activity.on_date.isoformat()} {safe.strip()}.ics"


class ActivitiesPage(QWidget):
    """Activities on the left (upcoming, past, all) with tomorrow's reminders below; the
    chosen activity on the right."""

    #: a member was chosen to open their card
    member_activated = Signal(int)
    #: attendance or the activities changed (the welcome checklist reads attendance)
    activities_changed = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.service = session.activities()
        self.rows: list[ActivityRow] = []
        self.activity: Activity | None = None
        self._dialogs: list[QWidget] = []
        self._attendance_dirty = False

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter)

        # -- left: the list and tomorrow's reminders ---------------------------------------
        left_widget = QWidget()
        left = QVBoxLayout(left_widget)
        left.setContentsMargins(0, 0, 8, 0)
        left.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(title_label(_("Activities")), 1)
        self.new_button = QPushButton(_("&New activity…"))
        self.new_button.setObjectName("newActivity")
        self.new_button.clicked.connect(lambda _c=False: self.new_activity())
        self.export_all_button = QPushButton(_("E&xport upcoming to calendar…"))
        self.export_all_button.setToolTip(_("Save every upcoming activity as an .ics file for "
                                            "the board's calendars"))
        self.export_all_button.clicked.connect(lambda _c=False: self.export_ics(None))
        head.addWidget(self.new_button)
        head.addWidget(self.export_all_button)
        left.addLayout(head)
        chips = QHBoxLayout()
        self.show_group = QButtonGroup(self)
        for index, text in ((SHOW_UPCOMING, _("&Upcoming")), (SHOW_PAST, _("Pa&st")),
                            (SHOW_ALL, _("A&ll"))):
            chip = QPushButton(text)
            chip.setCheckable(True)
            chip.setProperty("chip", True)
            chip.setObjectName(f"show{index}")
            self.show_group.addButton(chip, index)
            chips.addWidget(chip)
        chips.addStretch(1)
        self.show_group.button(SHOW_UPCOMING).setChecked(True)
        self.show_group.idClicked.connect(lambda _i: self.refresh())
        left.addLayout(chips)
        self.tree = QTreeWidget()
        self.tree.setObjectName("activitiesList")
        self.tree.setAccessibleName(_("Activities"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([_("Date"), _("Time"), _("Title"), _("Kind"), _("Place"),
                                   _("Signed up"), _("Came")])
        # Date, time and the counts as wide as they need; kind and place in full when there
        # is room, else down to about 10 characters (elided, the tooltip has all); the
        # title gets the rest, at least 30 characters (it is what people look for).
        self.tree_columns = ColumnFitter(self.tree, COL_TITLE, {COL_KIND: 10, COL_PLACE: 10},
                                         stretch_chars=30)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.currentItemChanged.connect(lambda *_a: self._show_current())
        left.addWidget(self.tree, 3)
        self.empty_label = hint_label("")
        left.addWidget(self.empty_label)

        self.reminder_box = QGroupBox(_("Remind tomorrow"))
        self.reminder_box.setObjectName("reminderBox")
        reminders = QVBoxLayout(self.reminder_box)
        self.reminder_label = QLabel()
        self.reminder_label.setWordWrap(True)
        self.reminder_tree = QTreeWidget()
        self.reminder_tree.setObjectName("reminderList")
        self.reminder_tree.setRootIsDecorated(False)
        self.reminder_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.reminder_tree.setHeaderLabels([_("Name"), _("Phone"), _("Activity")])
        rheader = self.reminder_tree.header()
        rheader.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        rheader.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        rheader.setStretchLastSection(True)
        reminder_buttons = QHBoxLayout()
        self.remind_button = QPushButton(_("Mar&k chosen as reminded"))
        self.remind_button.setObjectName("markReminded")
        self.remind_button.clicked.connect(lambda _c=False: self.mark_reminded(all_=False))
        self.remind_all_button = QPushButton(_("Mark all as rem&inded"))
        self.remind_all_button.clicked.connect(lambda _c=False: self.mark_reminded(all_=True))
        reminder_buttons.addWidget(self.remind_button)
        reminder_buttons.addWidget(self.remind_all_button)
        reminder_buttons.addStretch(1)
        reminders.addWidget(self.reminder_label)
        reminders.addWidget(self.reminder_tree, 1)
        reminders.addLayout(reminder_buttons)
        left.addWidget(self.reminder_box, 1)
        splitter.addWidget(left_widget)

        # -- right: the chosen activity -----------------------------------------------------
        right_widget = self.detail_side = QWidget()
        right = QVBoxLayout(right_widget)
        right.setContentsMargins(8, 0, 0, 0)
        right.setSpacing(6)
        self.none_label = hint_label(_("Choose an activity in the list, or add a new one."))
        right.addWidget(self.none_label)
        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.setSpacing(6)
        self.title_label = title_label("")
        self.title_label.setObjectName("activityTitleLabel")
        self.cancelled_label = QLabel()
        self.cancelled_label.setObjectName("activityCancelled")
        self.cancelled_label.setProperty("tone", "bad")  # the app sheet's red, light or dark
        bold = self.cancelled_label.font()
        bold.setBold(True)
        self.cancelled_label.setFont(bold)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("activityFacts")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.title_label, self.cancelled_label, self.facts_label):
            detail.addWidget(w)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_("&Change…"))
        self.edit_button.clicked.connect(lambda _c=False: self.edit_activity())
        self.cancel_button = QPushButton(_("C&ancel activity"))
        self.cancel_button.setObjectName("cancelActivity")
        self.cancel_button.clicked.connect(lambda _c=False: self.toggle_cancelled())
        self.delete_button = QPushButton(_("&Delete…"))
        self.delete_button.clicked.connect(lambda _c=False: self.delete_activity())
        self.export_button = QPushButton(_("Export to calendar…"))
        self.export_button.clicked.connect(
            lambda _c=False: self.export_ics([self.activity.id] if self.activity else None))
        for b in (self.edit_button, self.cancel_button, self.delete_button, self.export_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        detail.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("activityTabs")
        # Sign-ups
        signups = QWidget()
        signups_layout = QVBoxLayout(signups)
        self.signup_tree = QTreeWidget()
        self.signup_tree.setObjectName("signUpList")
        self.signup_tree.setAccessibleName(_("Members signed up"))
        self.signup_tree.setRootIsDecorated(False)
        self.signup_tree.setAlternatingRowColors(True)
        self.signup_tree.setHeaderLabels([_("Name"), _("Phone"), _("Signed up"), _("How"),
                                          _("Reminded"), _("Came")])
        # The name takes the rest; how and came give a little first (tooltips say all).
        self.signup_columns = ColumnFitter(self.signup_tree, SIGNUP_NAME,
                                           {SIGNUP_HOW: 6, SIGNUP_CAME: 5}, stretch_chars=24)
        self.signup_tree.itemActivated.connect(
            lambda item, _c: self.member_activated.emit(item.data(0, ID_ROLE)))
        finder_label = QLabel(_("Sign up a mem&ber"))
        self.finder = MemberFinder(self._search, _("Type a name or member number, then Enter"))
        self.finder.setObjectName("signUpFinder")
        finder_label.setBuddy(self.finder.search_edit)
        self.finder.picked.connect(self.sign_up)
        self.remove_button = QPushButton(_("&Remove from the list"))
        self.remove_button.clicked.connect(lambda _c=False: self.remove_sign_up())
        self.signup_count = QLabel()
        signups_layout.addWidget(self.signup_count)
        signups_layout.addWidget(self.signup_tree, 1)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addStretch(1)
        signups_layout.addLayout(remove_row)
        signups_layout.addWidget(finder_label)
        signups_layout.addWidget(self.finder)
        self.tabs.addTab(signups, _("Sign-ups"))
        # Attendance
        attendance = QWidget()
        attendance_layout = QVBoxLayout(attendance)
        self.checklist = AttendanceChecklist()
        self.checklist.search_more = self._search
        attendance_layout.addWidget(self.checklist, 1)
        save_row = QHBoxLayout()
        self.save_attendance_button = QPushButton(_("Save a&ttendance"))
        self.save_attendance_button.setObjectName("saveAttendance")
        self.save_attendance_button.setToolTip(_("Ctrl+S"))
        self.save_attendance_button.clicked.connect(lambda _c=False: self.save_attendance())
        self.attendance_status = QLabel()
        self.attendance_status.setObjectName("attendanceStatus")
        self.attendance_status.setWordWrap(True)
        save_row.addWidget(self.save_attendance_button)
        save_row.addWidget(self.attendance_status, 1)
        attendance_layout.addLayout(save_row)
        self.checklist.changed.connect(self._attendance_edited)
        save_key = QShortcut(QKeySequence.StandardKey.Save, attendance)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save_attendance)
        self.tabs.addTab(attendance, _("Attendance"))
        # Evaluation
        self.evaluation = EvaluationForm(self.service)
        self.evaluation.saved.connect(self.refresh)
        self.tabs.addTab(self.evaluation, _("Evaluation"))
        detail.addWidget(self.tabs, 1)
        # At the door the search box is where the typing goes.
        self.tabs.currentChanged.connect(
            lambda i: self.checklist.search_edit.setFocus() if i == 1 else None)
        right.addWidget(self.detail, 1)
        splitter.addWidget(right_widget)
        splitter.setStretchFactor(0, 6)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([760, 620])

        style.scheme_changed().connect(self._grey_cancelled)
        self.refresh()

    # -- loading ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Sign-ups arrive from calls and the member card: look again when shown."""
        super().showEvent(event)
        self.refresh()
        QTimer.singleShot(0, self._give_list_room)

    def _give_list_room(self) -> None:
        """When the list needs more width than it has (long kinds and places) and the
        chosen activity's side can spare some, move the splitter: the detail keeps what its
        buttons and tabs need."""
        sizes = self.splitter.sizes()
        if len(sizes) != 2 or not self.isVisible() or not self.tree.width():
            return
        left, right = sizes
        margins = left - self.tree.width()
        deficit = self.tree_columns.wanted_width() + margins - left
        spare = right - self.detail_side.minimumSizeHint().width()
        move = min(deficit, spare)
        if move > 0:
            self.splitter.setSizes([left + move, right - move])

    def today(self) -> date:
        return self.session.today()

    def refresh(self) -> None:
        """Reload the list and the reminders, keeping the chosen activity."""
        self._keep_unsaved()
        keep = self.activity.id if self.activity else None
        which = self.show_group.checkedId()
        day = self.today()
        if which == SHOW_UPCOMING:
            self.rows = self.service.upcoming(day)
        elif which == SHOW_PAST:
            self.rows = self.service.past(day)
        else:
            self.rows = self.service.listing()
        self.tree.blockSignals(True)
        self.tree.clear()
        select = None
        for row in self.rows:
            a = row.activity
            item = QTreeWidgetItem([
                day_text(a.on_date, day.year), time_text(a),
                a.title + ("  " + _("(cancelled)") if a.cancelled else ""), kind_label(a.kind),
                a.place, str(row.signed_up), str(row.came) if a.on_date <= day else ""])
            item.setData(0, ID_ROLE, a.id)
            for col in (COL_TITLE, COL_KIND, COL_PLACE):
                item.setToolTip(col, item.text(col))  # the full text where it is cut
            for col in (COL_SIGNED, COL_CAME):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            item.setData(COL_TITLE, CANCELLED_ROLE, a.cancelled)
            self.tree.addTopLevelItem(item)
            if a.id == keep:
                select = item
        self._grey_cancelled()
        self.tree.blockSignals(False)
        self.tree_columns.fit()
        self._give_list_room()
        self.empty_label.setText(
            "" if self.rows else _("No upcoming activities. Add one with “New activity…”.")
            if which == SHOW_UPCOMING else "" if self.rows else _("No activities here yet."))
        self.empty_label.setVisible(not self.rows)
        if select is None and self.tree.topLevelItemCount():
            select = self.tree.topLevelItem(0)
        if select is not None:
            self.tree.setCurrentItem(select)
        self._show_current()
        self.show_reminders()

    def show_reminders(self) -> None:
        day = self.today()
        due = self.service.reminders(day)
        self.reminders = due
        self.reminder_box.setTitle(_("Remind tomorrow, {date}").format(
            date=day_text(day + timedelta(days=1))))
        self.reminder_tree.clear()
        for r in due:
            item = QTreeWidgetItem([r.person.name, r.person.phone or _("no phone number"),
                                    r.activity.title])
            item.setData(0, ID_ROLE, (r.activity.id, r.person.member_id))
            self.reminder_tree.addTopLevelItem(item)
        if due:
            self.reminder_label.setText(ngettext(
                "{count} member signed up for tomorrow has not been reminded yet.",
                "{count} members signed up for tomorrow have not been reminded yet.",
                len(due)).format(count=len(due)))
        else:
            self.reminder_label.setText(_("Nobody left to remind for tomorrow."))
        self.reminder_tree.setVisible(bool(due))
        self.remind_button.setEnabled(bool(due))
        self.remind_all_button.setEnabled(bool(due))

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def _keep_unsaved(self) -> bool:
        """Ticks and an evaluation not saved yet are saved before the view reloads or
        another activity is chosen: nothing typed at the door is lost. True if it saved."""
        if self.activity is None:
            return False
        saved = self._attendance_dirty or self.evaluation.dirty
        if self._attendance_dirty:
            self._attendance_dirty = False
            activity_id = self.activity.id
            ids, guests = self.checklist.checked_ids(), self.checklist.guests()
            if self._run(lambda: self.service.set_attendance(activity_id, ids, guests)):
                self.activities_changed.emit()
        if self.evaluation.dirty:
            self.evaluation.save(notify=False)  # the caller reloads
        return saved

    def _show_current(self) -> None:
        if self.activity is not None and self.current_id() != self.activity.id \
                and self._keep_unsaved():
            QTimer.singleShot(0, self.refresh)  # the list's counts, once the switch is done
        activity_id = self.current_id()
        self.activity = self.service.repo.get(activity_id) if activity_id is not None else None
        a = self.activity
        self.detail.setVisible(a is not None)
        self.none_label.setVisible(a is None)
        if a is None:
            return
        self.title_label.setText(a.title)
        self.cancelled_label.setText(_("Cancelled") if a.cancelled else "")
        self.cancelled_label.setVisible(a.cancelled)
        self.cancel_button.setText(_("Reins&tate") if a.cancelled else _("C&ancel activity"))
        facts = [f"{day_text(a.on_date)}, {time_text(a)}", kind_label(a.kind)]
        if a.place:
            facts.append(a.place)
        lines = [" · ".join(facts)]
        for label, value in ((_("Purpose"), a.purpose), (_("Target group"), a.target_group),
                             (_("Responsible"), a.responsible)):
            if value:
                lines.append(f"{label}: {value}")
        if a.description:
            lines.append(a.description)
        self.facts_label.setText("\n".join(lines))
        people = self.service.people(a.id)
        self._show_signups(people)
        self.checklist.set_people(people, a.guests)
        self._attendance_dirty = False
        self.save_attendance_button.setEnabled(False)
        happened = a.on_date <= self.today()
        self.checklist.setEnabled(happened)
        self.attendance_status.setText(
            self._attendance_summary() if happened
            else _("Attendance is taken on the day of the activity."))
        came = sum(1 for p in people if p.attended) + a.guests
        self.evaluation.set_activity(a, came)
        self.evaluation.setEnabled(a.on_date <= self.today())

    def _show_signups(self, people: list[Person]) -> None:
        self.signup_tree.clear()
        # Reminders matter before the day, who came after it: only the columns that can
        # say something, so the list fits beside the activity list without scrolling.
        a = self.activity
        if a is not None:
            self.signup_tree.setColumnHidden(SIGNUP_REMINDED, a.on_date < self.today())
            self.signup_tree.setColumnHidden(SIGNUP_CAME, a.on_date > self.today())
        signed = [p for p in people if p.signed_up]
        for p in signed:
            part = p.participation
            assert part is not None
            came = _("yes") if p.attended else ""
            if p.first_time:
                came += " (" + first_time_label() + ")"
            item = QTreeWidgetItem([
                p.name, p.phone, self._day(part.signed_up_on), via_label(part.via),
                self._day(part.reminded_on) if part.reminded_on else _("not yet"), came])
            item.setData(0, ID_ROLE, p.member_id)
            for col in (SIGNUP_HOW, SIGNUP_CAME):  # the full text where a column cuts it
                item.setToolTip(col, item.text(col))
            item.setToolTip(SIGNUP_ON, format_date(part.signed_up_on, "long"))
            if part.reminded_on:
                item.setToolTip(SIGNUP_REMINDED, format_date(part.reminded_on, "long"))
            self.signup_tree.addTopLevelItem(item)
        self.signup_count.setText(ngettext("{count} signed up", "{count} signed up",
                                           len(signed)).format(count=len(signed)))
        self.signup_columns.fit()

    def _day(self, on: date) -> str:
        """A short day ("15 nov."), with the year only when it is not this year."""
        return short_date(on) if on.year == self.today().year else format_date(on, "short")

    def _grey_cancelled(self, *_args) -> None:
        """Cancelled activities greyed (their title also says so), in the scheme in use."""
        grey = style.ink("neutral")
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(COL_TITLE, CANCELLED_ROLE):
                for col in range(self.tree.columnCount()):
                    item.setForeground(col, grey)

    def _search(self, text: str) -> list[Person]:
        if self.activity is None or len(text.strip()) < 2:
            return []
        return self.service.find_members(self.activity, text, SEARCH_LIMIT)

    # -- activities --------------------------------------------------------------------------
    def new_activity(self) -> ActivityDialog:
        dialog = ActivityDialog(self.service, None, self)
        dialog.saved.connect(self._saved)
        self._open(dialog)
        return dialog

    def edit_activity(self) -> ActivityDialog | None:
        if self.activity is None:
            return None
        dialog = ActivityDialog(self.service, self.activity, self)
        dialog.saved.connect(self._saved)
        self._open(dialog)
        return dialog

    def _open(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(  # type: ignore[attr-defined]
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        dialog.open()  # type: ignore[attr-defined]

    def _saved(self, activity: Activity) -> None:
        day = self.today()
        which = SHOW_UPCOMING if activity.on_date >= day else SHOW_PAST
        if self.show_group.checkedId() != SHOW_ALL:
            self.show_group.button(which).setChecked(True)
        self.activity = activity
        self.refresh()

    def toggle_cancelled(self) -> None:
        if self.activity is None:
            return
        self._run(lambda: self.service.cancel(self.activity.id, not self.activity.cancelled))
        self.refresh()
        self.activities_changed.emit()

    def delete_activity(self) -> None:
        if self.activity is None:
            return
        if not self.notifier.confirm(self, _(
                "Delete “{title}” with its sign-ups, attendance and evaluation? To keep it on "
                "record, cancel it instead.").format(title=self.activity.title)):
            return
        if self._run(lambda: self.service.delete(self.activity.id)):
            self.activity = None
            self.refresh()
            self.activities_changed.emit()

    def _run(self, fn) -> bool:
        try:
            fn()
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return False
        return True

    # -- sign-ups ----------------------------------------------------------------------------
    def sign_up(self, member_id: int) -> None:
        if self.activity is None:
            return
        if self._run(lambda: self.service.sign_up(self.activity.id, member_id, SignUpVia.LIST)):
            self.refresh()
            self.tabs.setCurrentIndex(0)
            self.finder.search_edit.setFocus()

    def remove_sign_up(self) -> None:
        item = self.signup_tree.currentItem()
        if self.activity is None or item is None:
            return
        if self._run(lambda: self.service.remove_sign_up(self.activity.id,
                                                         item.data(0, ID_ROLE))):
            self.refresh()

    # -- attendance --------------------------------------------------------------------------
    def _attendance_summary(self) -> str:
        came, _signed, first = self.checklist.counts()
        if self.activity is None or (not came and not self.checklist.guests()):
            return ""
        return ngettext("Saved: {count} came.", "Saved: {count} came.", came).format(count=came)

    def _attendance_edited(self) -> None:
        self._attendance_dirty = self.activity is not None
        self.save_attendance_button.setEnabled(self.activity is not None)
        self.attendance_status.setText(_("Not saved yet."))

    def save_attendance(self) -> None:
        """Everyone ticked came: written in one go, then the counts are shown."""
        if self.activity is None:
            return
        ids, guests = self.checklist.checked_ids(), self.checklist.guests()
        result = None

        def save() -> None:
            nonlocal result
            result = self.service.set_attendance(self.activity.id, ids, guests)

        if not self._run(save) or result is None:
            return
        self._attendance_dirty = False
        keep_tab = self.tabs.currentIndex()
        self.refresh()
        self.activities_changed.emit()
        self.tabs.setCurrentIndex(keep_tab)
        text = ngettext("Saved: {count} came.", "Saved: {count} came.", result.came).format(
            count=result.came)
        if result.first_timers:
            text += " " + ngettext("{count} of them for the first time.",
                                   "{count} of them for the first time.",
                                   len(result.first_timers)).format(
                count=len(result.first_timers))
        self.attendance_status.setText(text)

    # -- reminders ---------------------------------------------------------------------------
    def mark_reminded(self, *, all_: bool) -> None:
        items = ([self.reminder_tree.topLevelItem(i)
                  for i in range(self.reminder_tree.topLevelItemCount())] if all_
                 else self.reminder_tree.selectedItems())
        if not items:
            return
        by_activity: dict[int, list[int]] = {}
        for item in items:
            activity_id, member_id = item.data(0, ID_ROLE)
            by_activity.setdefault(activity_id, []).append(member_id)

        def mark() -> None:
            for activity_id, members in by_activity.items():
                self.service.mark_reminded(activity_id, members, self.today())

        if self._run(mark):
            self.refresh()

    # -- calendar ----------------------------------------------------------------------------
    def ask_ics_path(self, suggested: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to calendar"), str(self.session.path.with_name(suggested)),
            _("iCalendar files (*.ics)"))
        if not path:
            return None
        target = Path(path)
        return target if target.suffix.lower() == ".ics" else target.with_suffix(".ics")

    def export_ics(self, activity_ids: list[int] | None) -> Path | None:
        """One activity, or (None) every upcoming one, to a file the user chooses."""
        single = self.activity if activity_ids else None
        target = self.ask_ics_path(ics_name(single))
        if target is None:
            return None
        count = 0

        def write() -> None:
            nonlocal count
            count = self.service.export_ics(target, activity_ids, self.today())

        try:
            ok = self._run(write)
        except OSError as exc:
            self.notifier.error(self, _("Could not write {path}: {reason}").format(
                path=target, reason=exc.strerror or exc))
            return None
        if not ok:
            return None
        self.notifier.info(self, ngettext(
            "Saved {count} activity to {path}. Open the file with your calendar program to add "
            "it.", "Saved {count} activities to {path}. Open the file with your calendar "
            "program to add them.", count).format(count=count, path=target))
        return target
