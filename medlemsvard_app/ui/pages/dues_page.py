"""The dues view: where we are in the dues year, who is where, and what to do next.

Everything it shows comes from one background job (``load_snapshot``) that opens its own
connection: the dues rules over 100,000 members take about a second, and the window must
never stall for it. The page only lays out the snapshot; clicking a count lists those
members from it at once. Writing actions (record notices, strike off) go through
``DuesService`` on the page's session and then load a fresh snapshot.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_skeleton
from babel.numbers import format_percent
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.dues_calendar import PeriodKind
from medlemsvard_app.domain.dues_state import UNPAID_STATES, DuesState, DuesStatus
from medlemsvard_app.domain.payments import NoticeChannel, NoticeStage
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.i18n import _, current_locale, ngettext
from medlemsvard_app.i18n.dues_labels import (
    dues_state_hint,
    dues_state_label,
    notice_channel_label,
    notice_stage_label,
    timeline_event_label,
)
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.dues import BOUNCED_FILTER, DuesOverview, NextEvent, TimelineEvent
from medlemsvard_app.services.session import Session, TodayFn, open_session
from medlemsvard_app.ui.dialogs.common import (
    from_qdate,
    hint_label,
    make_date_edit,
    new_form,
    title_label,
    to_qdate,
)
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.snapshot_loading import SnapshotLoading
from medlemsvard_app.ui.widgets.dues_widgets import CountCard, DuesTimeline, TimelineMark

#: The cards: (code, tone), in two rows: those who are fine (and the bounced flag), then
#: the unpaid in the order the dues year moves them.
GOOD_CARDS: tuple[tuple[str, str], ...] = (
    (DuesState.PAID.value, "good"), (DuesState.DIRECT_DEBIT.value, "good"),
    (DuesState.EXEMPT.value, "neutral"), (BOUNCED_FILTER, "flag"))
UNPAID_CARDS: tuple[tuple[str, str], ...] = (
    (DuesState.INVOICED.value, "info"), (DuesState.REMINDER_1.value, "warn"),
    (DuesState.REMINDER_2.value, "warn"), (DuesState.REMINDER_3.value, "warn"),
    (DuesState.TWO_YEAR_INVOICE.value, "late"), (DuesState.TO_STRIKE_OFF.value, "bad"))
CARD_CODES: tuple[str, ...] = tuple(code for code, _t in (*GOOD_CARDS, *UNPAID_CARDS))

#: Lists whose members can be recorded as sent a notice, and which notice.
NOTICE_FOR: dict[str, NoticeStage] = {
    DuesState.INVOICED.value: NoticeStage.INVOICE,
    DuesState.REMINDER_1.value: NoticeStage.REMINDER_1,
    DuesState.REMINDER_2.value: NoticeStage.REMINDER_2,
    DuesState.REMINDER_3.value: NoticeStage.REMINDER_3,
    DuesState.TWO_YEAR_INVOICE.value: NoticeStage.TWO_YEAR_INVOICE,
}

_TONE_OF_EVENT = {"invoice": "info", "due": "info", "reminder_1": "warn", "reminder_2": "warn",
                  "reminder_3": "warn", "two_year_invoice": "late", "strike_off": "bad"}


# -- the snapshot the job computes ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DuesSnapshot:
    """Everything the page shows, computed off the UI thread."""

    day: date
    overview: DuesOverview
    rolling: bool
    states: dict[int, DuesStatus]
    #: card code -> member ids in the register's name order
    lists: dict[str, list[int]]
    #: the calendar sends two-year invoices (else that card is hidden)
    two_year: bool = True


def load_snapshot(path: Path, today: TodayFn) -> DuesSnapshot:
    """The job: its own connection, the overview, each member's state, the lists."""
    own = open_session(path, today=today)
    try:
        day = own.today()
        dues = own.dues()
        states = dues.states(day)
        overview = dues.overview(day, states=states)
        order = own.register().search_ids("", ["current"], today=day)
        lists: dict[str, list[int]] = {code: [] for code in CARD_CODES}
        for member_id in order:
            status = states.get(member_id)
            if status is None:  # a prospect or someone who joins later
                continue
            lists[status.state.value].append(member_id)
            if status.bounced:
                lists[BOUNCED_FILTER].append(member_id)
        calendar = dues.calendar()
        return DuesSnapshot(day, overview, calendar.period is PeriodKind.ROLLING,
                            states, lists, calendar.two_year_invoice)
    finally:
        own.close()


# -- sentences -------------------------------------------------------------------------------
def event_date_text(on: date, day: date) -> str:
    """"1 April" in this year, "1 February 2027" in another."""
    if on.year == day.year:
        return format_skeleton("MMMMd", on, locale=current_locale())
    return format_date(on, "long")


def short_date_text(on: date) -> str:
    return format_skeleton("MMMd", on, locale=current_locale())


def next_event_sentence(upcoming: NextEvent, day: date) -> str:
    """The next date of the dues year and how many members it concerns, in one sentence."""
    event, n = upcoming.event, upcoming.members
    when = event_date_text(event.on, day)
    count = format_count(n)
    kind = event.kind
    if n == 0 and kind != "invoice":
        return _("{date}: {event} — no one is behind.").format(
            date=when, event=timeline_event_label(kind))
    if kind == "invoice":
        text = ngettext("{date}: the invoice for {year} goes out — to {count} member",
                        "{date}: the invoices for {year} go out — to {count} members", n)
    elif kind == "due":
        text = ngettext("{date}: due date for {year} — {count} member has not paid yet",
                        "{date}: due date for {year} — {count} members have not paid yet", n)
    elif kind == "reminder_1":
        text = ngettext("{date}: first reminder — {count} member has not paid",
                        "{date}: first reminder — {count} members have not paid", n)
    elif kind == "reminder_2":
        text = ngettext("{date}: second reminder — {count} member has not paid",
                        "{date}: second reminder — {count} members have not paid", n)
    elif kind == "reminder_3":
        text = ngettext("{date}: third reminder — {count} member has not paid",
                        "{date}: third reminder — {count} members have not paid", n)
    elif kind == "two_year_invoice":
        text = ngettext("{date}: two-year invoice — {count} member missed last year",
                        "{date}: two-year invoices — {count} members missed last year", n)
    elif kind == "strike_off":
        text = ngettext(
            "{date}: strike-off date for not paying {year} — {count} member has still not "
            "paid",
            "{date}: strike-off date for not paying {year} — {count} members have still not "
            "paid", n)
    else:
        text = "{date}: {event} — {count}"
    return text.format(date=when, year=event.period, count=count,
                       event=timeline_event_label(kind))


def days_until_text(on: date, day: date) -> str:
    days = (on - day).days
    if days <= 1:
        return _("Tomorrow")
    return ngettext("In {count} day", "In {count} days", days).format(count=format_count(days))


def percent_text(rate: float | None) -> str:
    return "—" if rate is None else format_percent(rate, locale=current_locale())


def rate_comparison(rate: float | None, last: float | None) -> str:
    """This year's payment rate against the same day last year, in words."""
    if rate is None or last is None:
        return ""
    points = round(rate * 100) - round(last * 100)
    if points > 0:
        return ngettext("{count} percentage point ahead of last year",
                        "{count} percentage points ahead of last year", points).format(
            count=format_count(points))
    if points < 0:
        return ngettext("{count} percentage point behind last year",
                        "{count} percentage points behind last year", -points).format(
            count=format_count(-points))
    return _("The same as last year")


def timeline_marks(overview: DuesOverview, day: date) -> list[TimelineMark]:
    nxt = overview.next.event if overview.next is not None else None
    marks = []
    for event in overview.timeline:
        title = timeline_event_label(event.kind)
        if event.kind == "invoice" and event.period != day.year:
            title = _("Invoice {year}").format(year=event.period)
        elif event.kind == "strike_off":
            title = _("Strike-off ({year})").format(year=event.period)
        marks.append(TimelineMark(
            on=event.on, title=title, date_text=short_date_text(event.on),
            tooltip=_tooltip(event, overview, day), tone=_TONE_OF_EVENT.get(event.kind, "info"),
            next=event == nxt))
    return marks


def _tooltip(event: TimelineEvent, overview: DuesOverview, day: date) -> str:
    if overview.next is not None and event == overview.next.event:
        return next_event_sentence(overview.next, day)
    return f"{format_date(event.on, 'long')}: {timeline_event_label(event.kind)}"


# -- the member list -------------------------------------------------------------------------
LIST_COLUMNS: tuple[str, ...] = ("member_number", "name", "joined_on", "phone", "state",
                                 "since")
_FETCH = ("member_number", "family_name", "given_name", "call_name", "joined_on", "phone")
_PAGE = 200


def list_column_title(code: str) -> str:
    return {
        "member_number": _("No."),
        "name": _("Name"),
        "joined_on": _("Joined"),
        "phone": _("Phone"),
        "state": _("Dues state"),
        "since": _("Since"),
    }[code]


class DuesListModel(QAbstractTableModel):
    """Members of one list; rows are read from the register a page at a time."""

    def __init__(self, fetch: Callable[[Sequence[int], Sequence[str]], dict[int, tuple]],
                 home_country: str, parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.home_country = home_country
        self._ids: list[int] = []
        self._states: dict[int, DuesStatus] = {}
        self._rows: OrderedDict[int, dict[int, tuple[str, ...]]] = OrderedDict()

    def set_members(self, ids: list[int], states: dict[int, DuesStatus]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._states = states
        self._rows.clear()
        self.endResetModel()

    def member_ids(self) -> list[int]:
        return list(self._ids)

    def member_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LIST_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return list_column_title(LIST_COLUMNS[section])
        return None

    def _row(self, row: int) -> tuple[str, ...] | None:
        page_no = row // _PAGE
        page = self._rows.get(page_no)
        if page is None:
            ids = self._ids[page_no * _PAGE:(page_no + 1) * _PAGE]
            page = {i: self._display(i, values) for i, values in self._fetch(ids, _FETCH).items()}
            self._rows[page_no] = page
            while len(self._rows) > 32:
                self._rows.popitem(last=False)
        return page.get(self._ids[row])

    def _display(self, member_id: int, values: tuple) -> tuple[str, ...]:
        number, family, given, call, joined, phone = values
        first = call or given or ""
        name = ", ".join(part for part in (family or "", first) if part)
        status = self._states.get(member_id)
        state = dues_state_label(status.state.value) if status else ""
        since = format_date(status.since) if status and status.since else ""
        return ("" if number is None else str(number), name,
                format_date(date.fromisoformat(joined)) if joined else "",
                format_phone(phone, self.home_country), state, since)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self._row(index.row())
            return shown[index.column()] if shown else None
        if role == Qt.ItemDataRole.ToolTipRole and LIST_COLUMNS[index.column()] == "state":
            status = self._states.get(self._ids[index.row()])
            return dues_state_hint(status.state.value) if status else None
        return None


# -- the page --------------------------------------------------------------------------------
class DuesView(QWidget):
    """Layout only: public child widgets, no logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 8)
        layout.setSpacing(8)

        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(2)
        self.title_label = title_label(_("Dues"))
        self.title_label.setObjectName("duesTitle")
        self.next_label = QLabel()
        self.next_label.setObjectName("duesNext")
        self.next_label.setWordWrap(True)
        font = QFont(self.next_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.next_label.setFont(font)
        self.when_label = hint_label("")
        self.when_label.setObjectName("duesWhen")
        heading.addWidget(self.title_label)
        heading.addWidget(self.next_label)
        heading.addWidget(self.when_label)
        top.addLayout(heading, 1)
        self.busy = QWidget()
        busy_layout = QHBoxLayout(self.busy)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(90)
        self.busy_bar.setTextVisible(False)
        busy_layout.addWidget(QLabel(_("Counting…")))
        busy_layout.addWidget(self.busy_bar)
        self.busy.hide()
        top.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignTop)
        self.import_button = QPushButton(_("Import payments…"))
        self.import_button.setToolTip(_("Read a payment list from the bank or the central "
                                        "register"))
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.timeline = DuesTimeline()
        self.rolling_note = hint_label(_(
            "Dues run in rolling twelve-month periods from each member's join date, so there "
            "is no shared dues year to draw. The counts below are for today."))
        self.rolling_note.setObjectName("duesRollingNote")
        self.rolling_note.hide()
        timeline_frame = QFrame()
        timeline_frame.setObjectName("duesTimelineFrame")
        timeline_frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(timeline_frame)
        frame_layout.setContentsMargins(4, 4, 4, 4)
        frame_layout.addWidget(self.timeline)
        frame_layout.addWidget(self.rolling_note)
        layout.addWidget(timeline_frame)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self.card_group = QButtonGroup(self)
        self.card_group.setExclusive(True)
        self.cards: dict[str, CountCard] = {}
        for column, (code, tone) in enumerate(GOOD_CARDS):
            grid.addWidget(self._card(code, tone), 0, column)
        for column, (code, tone) in enumerate(UNPAID_CARDS):
            grid.addWidget(self._card(code, tone), 1, column)
        for column in range(len(UNPAID_CARDS)):
            grid.setColumnStretch(column, 1)

        rate = QFrame()
        rate.setObjectName("duesRate")
        rate.setFrameShape(QFrame.Shape.StyledPanel)
        rate_layout = QGridLayout(rate)
        rate_layout.setContentsMargins(12, 4, 10, 4)
        rate_layout.setHorizontalSpacing(10)
        rate_layout.setVerticalSpacing(0)
        self.rate_value = QLabel("—")
        self.rate_value.setObjectName("duesRateValue")
        big = QFont(self.rate_value.font())
        big.setPointSizeF(big.pointSizeF() * 1.55)
        big.setBold(True)
        self.rate_value.setFont(big)
        self.rate_title = QLabel(_("paid so far this year"))
        self.rate_last = QLabel()
        self.rate_last.setObjectName("duesRateLast")
        self.rate_delta = hint_label("")
        self.rate_delta.setObjectName("duesRateDelta")
        rate_layout.addWidget(self.rate_value, 0, 0, 2, 1)
        rate_layout.addWidget(self.rate_title, 0, 1)
        rate_layout.addWidget(self.rate_last, 1, 1)
        rate_layout.addWidget(self.rate_delta, 2, 0, 1, 2)
        rate_layout.setColumnStretch(1, 1)
        grid.addWidget(rate, 0, len(GOOD_CARDS), 1, len(UNPAID_CARDS) - len(GOOD_CARDS))
        layout.addLayout(grid)

        list_bar = QHBoxLayout()
        self.list_title = QLabel()
        self.list_title.setObjectName("duesListTitle")
        bold = QFont(self.list_title.font())
        bold.setBold(True)
        self.list_title.setFont(bold)
        list_bar.addWidget(self.list_title)
        list_bar.addStretch(1)
        self.open_button = QPushButton(_("&Open member card"))
        self.notice_button = QPushButton(_("Record reminder sent…"))
        self.strike_button = QPushButton(_("Strike off members…"))
        self.strike_button.setToolTip(_("The board confirms who is struck off; nothing "
                                        "happens by itself"))
        for button in (self.open_button, self.notice_button, self.strike_button):
            list_bar.addWidget(button)
        layout.addLayout(list_bar)

        self.list_stack = QStackedWidget()
        self.list_hint = hint_label(_(
            "Click a count to list its members. Double-click a member, or press Enter, to "
            "open the member card."))
        self.list_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = QTableView()
        self.table.setObjectName("duesList")
        self.table.setAccessibleName(_("Members in the chosen state"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_stack.addWidget(self.list_hint)
        self.list_stack.addWidget(self.table)
        layout.addWidget(self.list_stack, 1)

        self.message_label = hint_label("")
        self.message_label.setObjectName("duesMessage")
        self.message_label.hide()
        layout.addWidget(self.message_label)

    def _card(self, code: str, tone: str) -> CountCard:
        card = CountCard(code, dues_state_label(code), tone)
        # The name too: a narrow card shortens it.
        card.setToolTip(f"{dues_state_label(code)}: {dues_state_hint(code)}")
        self.card_group.addButton(card)
        self.cards[code] = card
        return card


class DuesPage(SnapshotLoading, DuesView):
    """Loads a snapshot in the background whenever it is shown or told that dues or
    members changed, and lists the members behind a count."""

    #: a member was chosen in a list: the main window opens their member card
    member_activated = Signal(int)
    #: payments, notices or states changed here (the register's dues chips follow)
    dues_changed = Signal()
    #: members were struck off (the register and the status bar follow)
    members_changed = Signal()
    #: a snapshot was shown (tests wait for it)
    loaded = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.register = session.register()
        self._init_loading()
        self.snapshot: DuesSnapshot | None = None
        self.current_list: str | None = None
        self._dialogs: list[QWidget] = []
        self.model = DuesListModel(self.register.rows, session.association.country.value, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((60, 220, 100, 130, 150, 100)):
            self.table.setColumnWidth(column, width)
        # The name takes what is left, so the list fits the window without scrolling sideways.
        header.setSectionResizeMode(LIST_COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        self._connect()
        self._update_buttons()

    def _connect(self) -> None:
        self.card_group.buttonClicked.connect(lambda card: self.show_list(card.code))
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.notice_button.clicked.connect(self.record_notices)
        self.strike_button.clicked.connect(self.strike_off)
        self.import_button.clicked.connect(self.import_payments)

    # -- loading (SnapshotLoading does the jobs) ------------------------------------------
    load = staticmethod(load_snapshot)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    # -- showing ---------------------------------------------------------------------------
    def show_snapshot(self, snapshot: DuesSnapshot) -> None:
        self.snapshot = snapshot
        overview, day = snapshot.overview, snapshot.day
        self.cards[DuesState.TWO_YEAR_INVOICE.value].setVisible(
            snapshot.two_year or bool(overview.counts.get(DuesState.TWO_YEAR_INVOICE)))
        if snapshot.rolling:
            self.title_label.setText(_("Dues"))
            self.timeline.hide()
            self.rolling_note.show()
        else:
            self.title_label.setText(_("Dues year {year}").format(year=day.year))
            self.rolling_note.hide()
            self.timeline.show()
            end = max([e.on for e in overview.timeline] + [date(day.year, 12, 31)])
            self.timeline.set_events(
                date(day.year, 1, 1), end + timedelta(days=12), day,
                _("Today, {date}").format(date=short_date_text(day)),
                timeline_marks(overview, day))
        unpaid = sum(overview.counts.get(s, 0) for s in UNPAID_STATES)
        owing = ngettext("{count} member still owes dues", "{count} members still owe dues",
                         unpaid).format(count=format_count(unpaid))
        if overview.next is not None:
            self.next_label.setText(next_event_sentence(overview.next, day))
            self.when_label.setText(
                f"{days_until_text(overview.next.event.on, day)}  ·  {owing}")
        else:
            self.next_label.setText(_("Invoices and reminders follow each member's own "
                                      "dues year.") if snapshot.rolling else "")
            self.when_label.setText(owing)
        for code, card in self.cards.items():
            card.set_count(format_count(len(snapshot.lists.get(code, []))))
        self.rate_value.setText(percent_text(overview.paid_rate))
        self.rate_last.setText(_("Same day last year: {rate}").format(
            rate=percent_text(overview.paid_rate_last_year)))
        delta = rate_comparison(overview.paid_rate, overview.paid_rate_last_year)
        self.rate_delta.setText(delta)
        self.rate_delta.setVisible(bool(delta))
        if self.current_list is not None:
            self.show_list(self.current_list, keep_selection=True)
        self.loaded.emit()

    def count_shown(self, code: str) -> str:
        return self.cards[code].count_text

    def show_list(self, code: str, *, keep_selection: bool = False) -> None:
        """List the members behind a count (from the snapshot: no waiting)."""
        selected = self.selected_ids() if keep_selection else []
        self.current_list = code
        card = self.cards[code]
        if not card.isChecked():
            card.setChecked(True)
        if self.snapshot is None:
            return
        ids = self.snapshot.lists.get(code, [])
        self.model.set_members(ids, self.snapshot.states)
        self.list_title.setText(ngettext("{label}: {count} member", "{label}: {count} members",
                                         len(ids)).format(label=dues_state_label(code),
                                                          count=format_count(len(ids))))
        self.list_stack.setCurrentWidget(self.table)
        stage = NOTICE_FOR.get(code)
        self.notice_button.setText(
            _("Record reminder sent…") if stage and stage.value.startswith("reminder")
            else _("Record invoice sent…"))
        for member_id in selected:
            self._select(member_id, add=True)
        if not self.selected_ids() and ids:
            self._select(ids[0])
        self._update_buttons()

    def _select(self, member_id: int, add: bool = False) -> None:
        try:
            row = self.model.member_ids().index(member_id)
        except ValueError:
            return
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            (flags.Select if add else flags.ClearAndSelect) | flags.Rows)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.member_id(r) for r in rows) if i is not None]

    def _update_buttons(self) -> None:
        code = self.current_list
        listed = self.model.rowCount() > 0
        self.open_button.setEnabled(len(self.selected_ids()) == 1)
        self.notice_button.setVisible(code in NOTICE_FOR)
        self.notice_button.setEnabled(listed)
        self.strike_button.setVisible(code == DuesState.TO_STRIKE_OFF.value)
        self.strike_button.setEnabled(listed)
        if code is None:
            self.list_title.setText(_("Members"))

    # -- actions ---------------------------------------------------------------------------
    def open_selected(self) -> None:
        current = self.table.currentIndex()
        member_id = self.model.member_id(current.row()) if current.isValid() else None
        if member_id is None:
            ids = self.selected_ids()
            member_id = ids[0] if ids else None
        if member_id is not None:
            self.member_activated.emit(member_id)

    def _show(self, dialog: QDialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._dialogs.remove(d)
                                if d in self._dialogs else None)
        dialog.open()

    def record_notices(self) -> None:
        code = self.current_list
        if code not in NOTICE_FOR or not self.model.rowCount():
            return
        dialog = RecordNoticeDialog(NOTICE_FOR[code], self.model.member_ids(),
                                    self.selected_ids(), self.session.today(), self)
        dialog.accepted.connect(lambda d=dialog: self._record_notices(d))
        self._show(dialog)

    def _record_notices(self, dialog: RecordNoticeDialog) -> None:
        ids = dialog.member_ids()
        try:
            count = self.session.dues().record_notices(ids, dialog.stage(),
                                                       dialog.sent_on(), dialog.channel())
        except Exception as exc:  # a sentence, never a traceback
            self.notifier.error(self, describe(exc))
            return
        self.message_label.show()
        self.message_label.setText(ngettext(
            "Recorded “{stage}” for {count} member.", "Recorded “{stage}” for {count} members.",
            count).format(stage=notice_stage_label(dialog.stage().value),
                          count=format_count(count)))
        self.dues_changed.emit()
        self.refresh()

    def strike_off(self) -> None:
        if self.current_list != DuesState.TO_STRIKE_OFF.value or self.snapshot is None:
            return
        ids = self.model.member_ids()
        if not ids:
            return
        rows = self.register.rows(ids, ("member_number", "family_name", "given_name",
                                        "call_name"))
        people = []
        for member_id in ids:
            number, family, given, call = rows.get(member_id, (None, "", "", ""))
            name = ", ".join(p for p in (family or "", call or given or "") if p)
            status = self.snapshot.states.get(member_id)
            people.append((member_id, number, name, status.unpaid_since if status else None))
        dialog = StrikeOffDialog(people, self.session.today(), self)
        dialog.accepted.connect(lambda d=dialog: self._strike_off(d))
        self._show(dialog)

    def _strike_off(self, dialog: StrikeOffDialog) -> None:
        ids = dialog.member_ids()
        if not ids:
            return
        try:
            done, _changes = self.session.dues().strike_off(ids, dialog.struck_off_on(),
                                                            dialog.note())
        except Exception as exc:
            self.notifier.error(self, describe(exc))
            return
        self.message_label.show()
        text = ngettext("{count} member struck off. Their payments and history are kept.",
                        "{count} members struck off. Their payments and history are kept.",
                        done).format(count=format_count(done))
        if done < len(ids):
            skipped = len(ids) - done
            text += " " + ngettext(
                "{count} was left as a member: not yet due to be struck off on that date, "
                "or has paid since.",
                "{count} were left as members: not yet due to be struck off on that date, "
                "or have paid since.", skipped).format(count=format_count(skipped))
        self.message_label.setText(text)
        self.members_changed.emit()
        self.dues_changed.emit()
        self.refresh()

    def import_payments(self) -> QWidget | None:
        """Open the payment import; the page (and register) follow when it closes."""
        try:
            from medlemsvard_app.ui.dialogs.payment_import_dialog import PaymentImportDialog
        except ImportError:
            self.notifier.info(self, _("Importing payments is not available in this "
                                       "version."))
            return None
        dialog = PaymentImportDialog(self.session, self.window())
        dialog.finished.connect(lambda _r: self._after_import())
        self._show(dialog)
        return dialog

    def _after_import(self) -> None:
        self.dues_changed.emit()
        self.refresh()


# -- dialogs ---------------------------------------------------------------------------------
class RecordNoticeDialog(QDialog):
    """Which notice went out, when, how, and to whom (the whole list or the selection)."""

    def __init__(self, stage: NoticeStage, listed: list[int], selected: list[int],
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record invoice or reminder sent"))
        self.setMinimumWidth(440)
        self._listed, self._selected = listed, selected
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_(
            "Notes on each member's card that this went out, with their payment reference. "
            "Nothing is sent from here.")))
        form = new_form()
        self.stage_combo = QComboBox()
        for value in NoticeStage:
            self.stage_combo.addItem(notice_stage_label(value.value), value.value)
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(stage.value))
        form.addRow(_("What was sent"), self.stage_combo)
        self.date_edit = make_date_edit(today)
        self.date_edit.setMaximumDate(to_qdate(today))
        form.addRow(_("Sent on"), self.date_edit)
        self.channel_combo = QComboBox()
        for value in NoticeChannel:
            self.channel_combo.addItem(notice_channel_label(value.value), value.value)
        form.addRow(_("How"), self.channel_combo)
        layout.addLayout(form)
        self.all_radio = QRadioButton(ngettext(
            "To the {count} member in the list", "To all {count} members in the list",
            len(listed)).format(count=format_count(len(listed))))
        self.selected_radio = QRadioButton(ngettext(
            "Only to the {count} selected member", "Only to the {count} selected members",
            len(selected)).format(count=format_count(len(selected))))
        self.all_radio.setChecked(True)
        self.selected_radio.setEnabled(0 < len(selected) < len(listed))
        layout.addWidget(self.all_radio)
        layout.addWidget(self.selected_radio)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

    def stage(self) -> NoticeStage:
        return NoticeStage(self.stage_combo.currentData())

    def sent_on(self) -> date:
        return from_qdate(self.date_edit.date())

    def channel(self) -> NoticeChannel:
        return NoticeChannel(self.channel_combo.currentData())

    def member_ids(self) -> list[int]:
        return list(self._selected if self.selected_radio.isChecked() else self._listed)


class StrikeOffDialog(QDialog):
    """The board's confirmation: who is struck off (each can be unticked) and on what date."""

    def __init__(self, people: list[tuple[int, int | None, str, int | None]], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Strike off members"))
        self.resize(520, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_(
            "These members have not paid and their strike-off date has passed. Untick anyone "
            "the board decided to keep. Struck-off members become former members; their "
            "payments and history are kept, and they can rejoin.")))
        self.people = QListWidget()
        self.people.setObjectName("strikeOffList")
        for member_id, number, name, since in people:
            text = (_("{number} · {name} — unpaid since {year}") if since else
                    _("{number} · {name}")).format(number=number or "", name=name, year=since)
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            self.people.addItem(item)
        layout.addWidget(self.people, 1)
        form = new_form()
        self.date_edit = make_date_edit(today)
        self.date_edit.setMaximumDate(to_qdate(today))
        form.addRow(_("Struck off on"), self.date_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_("e.g. board meeting 12 May, § 7"))
        form.addRow(_("Note"), self.note_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.people.itemChanged.connect(lambda _i: self._update())
        self._update()

    def _update(self) -> None:
        n = len(self.member_ids())
        self.ok_button.setText(ngettext("Strike off {count} member", "Strike off {count} members",
                                        n).format(count=format_count(n)))
        self.ok_button.setEnabled(n > 0)

    def member_ids(self) -> list[int]:
        out = []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def struck_off_on(self) -> date:
        return from_qdate(self.date_edit.date())

    def note(self) -> str:
        return self.note_edit.text().strip()
