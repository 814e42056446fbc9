"""The calls view: the rounds the routine proposes today, the rounds under way, and a
caller's queue with the call panel.

What the routine proposes and each round's counts come from one background job with its
own connection (a February round of the whole register takes a moment); a caller's queue
is small and asked for directly. Recording a call goes through CallService and brings up
the next member in the queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.calls import QueueEntry, RoundPurpose
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.i18n import _, current_language, ngettext
from medlemsvard_app.i18n.call_labels import outcome_label
from medlemsvard_app.i18n.dues_labels import dues_state_hint, dues_state_label
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.calls import CallService, ProposedRound, purpose_label
from medlemsvard_app.services.dues import DUES_FILTERS
from medlemsvard_app.services.session import Session, TodayFn, open_session
from medlemsvard_app.storage.calls import CallRound
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.call_panel import OUTCOMES, ButtonGrid, CallAnswers, CallPanel
from medlemsvard_app.ui.dialogs.common import hint_label, title_label
from medlemsvard_app.ui.dialogs.sheet_results import SheetResultsDialog
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.pages.register_page import chip_label
from medlemsvard_app.ui.snapshot_loading import SnapshotLoading


@dataclass(frozen=True, slots=True)
class CallsSnapshot:
    """What the left side shows, computed off the UI thread."""

    day: date
    proposals: list[ProposedRound]
    rounds: list[tuple[CallRound, dict[str, object]]]


def load_snapshot(path: Path, today: TodayFn) -> CallsSnapshot:
    own = open_session(path, today=today)
    try:
        calls = own.calls()
        day = own.today()
        rounds = [(r, calls.overview(r.id)) for r in calls.repo.rounds() if r.id is not None]
        return CallsSnapshot(day, calls.plan(day), rounds)
    finally:
        own.close()


def members_text(n: int) -> str:
    return ngettext("{count} member", "{count} members", n).format(count=format_count(n))


def round_summary(counts: dict[str, object]) -> str:
    """"12 members · 5 called · 3 reached · 2 no answer" for a round in the list."""
    members = int(counts.get("members", 0) or 0)
    called = int(counts.get("called", 0) or 0)
    parts = [members_text(members),
             ngettext("{count} called", "{count} called", called).format(
                 count=format_count(called))]
    for outcome in OUTCOMES:
        n = int(counts.get(outcome.value, 0) or 0)
        if n:
            parts.append(f"{format_count(n)} {outcome_label(outcome).lower()}")
    paid = int(counts.get("paid_since", 0) or 0)
    mandates = int(counts.get("mandates_since", 0) or 0)
    if paid:
        parts.append(ngettext("{count} has paid since", "{count} have paid since",
                              paid).format(count=format_count(paid)))
    if mandates:
        parts.append(ngettext("{count} direct debit started", "{count} direct debits started",
                              mandates).format(count=format_count(mandates)))
    return " · ".join(parts)


def callers_summary(counts: dict[str, object]) -> str:
    """One line per caller: "Anna Lind: 12 members, 8 called, 6 reached"."""
    lines = []
    for name, members, called, reached in counts.get("callers", ()) or ():
        lines.append(_("{name}: {members}, {called} called, {reached} reached").format(
            name=name or _("no caller"), members=members_text(members),
            called=format_count(called), reached=format_count(reached)))
    return "\n".join(lines)


def round_title(rnd: CallRound) -> str:
    """A campaign's own title; the routine's rounds by purpose, in the user's language."""
    if rnd.purpose is RoundPurpose.CAMPAIGN and rnd.title:
        return rnd.title
    return purpose_label(rnd.purpose)


def why_text(entry: QueueEntry) -> str:
    """Why the member is in the queue today."""
    if entry.new_member:
        return _("New member")
    if entry.follow_up_on is not None:
        return _("Follow-up")
    if entry.last_called_on is None:
        return _("Not yet called")
    return ngettext("Try again (called {count} time)", "Try again (called {count} times)",
                    entry.attempts).format(count=format_count(entry.attempts))


# -- starting a round ------------------------------------------------------------------------
class CallerPicker(QWidget):
    """Tick the round's callers, or add one by name (shared by the start dialogs)."""

    changed = Signal()

    def __init__(self, calls: CallService, notifier: Notifier,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls = calls
        self.notifier = notifier
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_("&Callers"))
        self.caller_list = QListWidget()
        self.caller_list.setObjectName("callerList")
        label.setBuddy(self.caller_list)
        layout.addWidget(label)
        layout.addWidget(self.caller_list)
        add_row = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Name of a new caller"))
        self.add_button = QPushButton(_("&Add caller"))
        self.add_button.setAutoDefault(False)
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)
        self.add_button.clicked.connect(self.add_caller)
        self.name_edit.returnPressed.connect(self.add_caller)
        self.caller_list.itemChanged.connect(lambda _i: self.changed.emit())
        callers = self.calls.callers()
        for caller in callers:
            self._add_item(caller.name, caller.id, checked=len(callers) == 1)

    def _add_item(self, name: str, caller_id: int | None, *, checked: bool) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, caller_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.caller_list.addItem(item)
        self.caller_list.setCurrentItem(item)

    def add_caller(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            return
        try:
            caller = self.calls.add_caller(name)
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self._add_item(caller.name, caller.id, checked=True)
        self.name_edit.clear()
        self.changed.emit()

    def caller_ids(self) -> list[int]:
        items = (self.caller_list.item(i) for i in range(self.caller_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]


class StartRoundDialog(QDialog):
    """Who calls in the new round: tick callers, or add one by name."""

    def __init__(self, session: Session, proposal: ProposedRound, notifier: Notifier,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Start a calling round"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(purpose_label(proposal.purpose)))
        layout.addWidget(QLabel(_("{members}, shared evenly among the callers; members keep "
                                  "the caller they had before.").format(
            members=members_text(len(proposal.member_ids)))))
        self.picker = CallerPicker(session.calls(), notifier)
        self.caller_list = self.picker.caller_list
        self.name_edit = self.picker.name_edit
        self.add_button = self.picker.add_button
        layout.addWidget(self.picker)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Start round"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.picker.changed.connect(self._update)
        self._update()

    def caller_ids(self) -> list[int]:
        return self.picker.caller_ids()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.caller_ids()))


#: the register's membership filters a campaign round can start from
CAMPAIGN_FILTERS: tuple[str, ...] = ("current", "new", "former", "prospect")


class CampaignRoundDialog(QDialog):
    """An ad-hoc round ("everyone before the election"): a title, a register filter and
    the callers, with the number of members it would call before it starts."""

    def __init__(self, session: Session, notifier: Notifier,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls = session.calls()
        self.day = session.today()
        self.setWindowTitle(_("Start a campaign round"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Campaign round")))
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("campaignTitle")
        self.title_edit.setPlaceholderText(_("e.g. Before the annual meeting"))
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("campaignFilter")
        for code in CAMPAIGN_FILTERS:
            self.filter_combo.addItem(chip_label(code), code)
        self.dues_combo = QComboBox()
        self.dues_combo.setObjectName("campaignDues")
        self.dues_combo.addItem(_("Any dues state"), None)
        for code in DUES_FILTERS:
            self.dues_combo.addItem(dues_state_label(code), code)
            self.dues_combo.setItemData(self.dues_combo.count() - 1, dues_state_hint(code),
                                        Qt.ItemDataRole.ToolTipRole)
        for text, field in ((_("&Title"), self.title_edit), (_("&Who"), self.filter_combo),
                            (_("&Dues"), self.dues_combo)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.count_label = QLabel()
        self.count_label.setObjectName("campaignCount")
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        self.picker = CallerPicker(self.calls, notifier)
        layout.addWidget(self.picker)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Start round"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.member_ids: list[int] = []
        self.picker.changed.connect(self._update)
        self.title_edit.textChanged.connect(lambda _t: self._update())
        self.filter_combo.currentIndexChanged.connect(lambda _i: self._count())
        self.dues_combo.currentIndexChanged.connect(lambda _i: self._count())
        self._count()

    def filters(self) -> list[str]:
        dues = self.dues_combo.currentData()
        return [self.filter_combo.currentData(), *([dues] if dues else [])]

    def title(self) -> str:
        return self.title_edit.text().strip()

    def caller_ids(self) -> list[int]:
        return self.picker.caller_ids()

    def _count(self) -> None:
        """Who the round would call now: the callable members matching the filters."""
        try:
            self.member_ids = self.calls.selection(RoundPurpose.CAMPAIGN, self.day,
                                                   filters=self.filters())
        except (DomainError, StorageError) as exc:
            self.member_ids = []
            self.count_label.setText(describe(exc))
        else:
            n = len(self.member_ids)
            self.count_label.setText(
                _("{members} to call, shared evenly among the callers.").format(
                    members=members_text(n)) if n else
                _("Nobody to call: no member with a phone matches, or all asked not to be "
                  "called."))
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.member_ids and self.title()
                                       and self.caller_ids()))


class ReassignDialog(QDialog):
    """Which caller takes a member over (the split adjusted by hand)."""

    def __init__(self, calls: CallService, member_name: str, current_caller: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Give to another caller"))
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Who calls {name} in this round from now on?").format(
            name=member_name)))
        self.caller_combo = QComboBox()
        self.caller_combo.setObjectName("reassignCaller")
        for caller in calls.callers():
            if caller.id != current_caller:
                self.caller_combo.addItem(caller.name, caller.id)
        layout.addWidget(self.caller_combo)
        if not self.caller_combo.count():
            layout.addWidget(hint_label(_(
                "There is no other caller. Add one when you start a round.")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Give"))
        self.ok_button.setEnabled(self.caller_combo.count() > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def caller_id(self) -> int | None:
        return self.caller_combo.currentData()


# -- the page ---------------------------------------------------------------------------------
class CallsPage(SnapshotLoading, QWidget):
    """Proposed and started rounds on the left; the chosen caller's queue and the call
    panel on the right."""

    #: a member was chosen to open their card
    member_activated = Signal(int)
    #: a call changed dues (a direct-debit form) or a member (do not call, interests)
    dues_changed = Signal()
    members_changed = Signal()
    #: a snapshot was shown (tests wait for it)
    loaded = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.calls = session.calls()
        self._init_loading()
        self.snapshot: CallsSnapshot | None = None
        self._dialogs: list[QWidget] = []
        self.queue: list[QueueEntry] = []
        #: a round and caller asked for (from Home) before the snapshot listed the round
        self._wanted: tuple[int, str] | None = None
        self._focus_on_load = False

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(14)

        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(title_label(_("Calling rounds")))
        self.today_label = QLabel()
        self.today_label.setObjectName("callsToday")
        self.today_label.setWordWrap(True)  # a long date in a 300px column
        left.addWidget(self.today_label)
        self.proposals_box = QVBoxLayout()
        self.proposals_box.setSpacing(6)
        left.addLayout(self.proposals_box)
        self.campaign_button = QPushButton(_("Campaig&n round…"))
        self.campaign_button.setObjectName("campaignButton")
        self.campaign_button.setToolTip(_("Call any group of the register, e.g. everyone "
                                          "before the annual meeting"))
        self.campaign_button.clicked.connect(lambda _c=False: self.start_campaign())
        left.addWidget(self.campaign_button)
        rounds_label = QLabel(_("&Rounds under way"))
        font = rounds_label.font()
        font.setBold(True)
        rounds_label.setFont(font)
        rounds_label.setContentsMargins(0, 10, 0, 0)
        self.rounds_list = QListWidget()
        self.rounds_list.setObjectName("roundsList")
        self.rounds_list.setWordWrap(True)
        self.rounds_list.setSpacing(2)
        rounds_label.setBuddy(self.rounds_list)
        left.addWidget(rounds_label)
        left.addWidget(self.rounds_list, 1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(300)
        left.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left_widget)

        right = QVBoxLayout()
        right.setSpacing(6)
        head = QHBoxLayout()
        self.round_label = QLabel()
        self.round_label.setObjectName("callsRound")
        font = self.round_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.round_label.setFont(font)
        caller_label = QLabel(_("C&aller"))
        self.caller_combo = QComboBox()
        self.caller_combo.setObjectName("callerCombo")
        self.caller_combo.setMinimumWidth(180)
        caller_label.setBuddy(self.caller_combo)
        head.addWidget(self.round_label, 1)
        head.addWidget(caller_label)
        head.addWidget(self.caller_combo)
        right.addLayout(head)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        queue_box = QWidget()
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        self.queue_label = QLabel()
        self.queue_label.setObjectName("queueCount")
        self.queue_tree = QTreeWidget()
        self.queue_tree.setObjectName("queue")
        self.queue_tree.setAccessibleName(_("Members to call"))
        self.queue_tree.setRootIsDecorated(False)
        self.queue_tree.setAlternatingRowColors(True)
        self.queue_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_tree.setHeaderLabels([_("Name"), _("Phone"), _("Why")])
        header = self.queue_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        queue_layout.addWidget(self.queue_label)
        queue_layout.addWidget(self.queue_tree, 1)
        # Two rows when the queue is narrow, so the call panel gets the room.
        queue_buttons = ButtonGrid(spacing=6)
        self.reassign_button = QPushButton(_("&Give to another caller…"))
        self.reassign_button.setObjectName("reassignButton")
        self.reassign_button.setAutoDefault(False)
        self.sheet_button = QPushButton(_("Enter res&ults from a sheet…"))
        self.sheet_button.setObjectName("sheetButton")
        self.sheet_button.setAutoDefault(False)
        queue_buttons.addWidget(self.reassign_button)
        queue_buttons.addWidget(self.sheet_button)
        queue_layout.addLayout(queue_buttons)
        self.queue_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.queue_tree.customContextMenuRequested.connect(self._queue_menu)
        self.reassign_button.clicked.connect(lambda _c=False: self.reassign_current())
        self.sheet_button.clicked.connect(lambda _c=False: self.enter_sheet_results())
        splitter.addWidget(queue_box)

        self.panel = CallPanel(session.today())
        self.panel.install_keys(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The panel follows the width it is given; only long panels scroll, downwards.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.panel)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([340, 560])
        right.addWidget(splitter, 1)
        self.message_label = hint_label("")
        right.addWidget(self.message_label)
        layout.addLayout(right, 1)

        self.rounds_list.currentRowChanged.connect(lambda _r: self.show_round())
        self.caller_combo.currentIndexChanged.connect(lambda _i: self.show_queue())
        self.queue_tree.currentItemChanged.connect(lambda *_a: self.show_current())
        self.queue_tree.itemActivated.connect(
            lambda item, _c: self.member_activated.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.panel.logged.connect(self.log_call)
        chain = [self.rounds_list, self.caller_combo, self.queue_tree, *self.panel.tab_chain]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.show_round()

    # -- loading (SnapshotLoading does the jobs) ------------------------------------------
    load = staticmethod(load_snapshot)

    def show_snapshot(self, snapshot: CallsSnapshot) -> None:
        self.snapshot = snapshot
        self.today_label.setText(_("Proposed for today, {date}").format(
            date=format_date(snapshot.day, "long")))
        while self.proposals_box.count():
            item = self.proposals_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.start_buttons: dict[RoundPurpose, QPushButton] = {}
        shown = snapshot.proposals
        if not shown:
            self.proposals_box.addWidget(hint_label(_(
                "The routine proposes no round today: nobody is waiting for a call.")))
        for proposal in shown:
            self.proposals_box.addWidget(self._proposal_card(proposal))
        keep = self.current_round_id()
        self.rounds_list.blockSignals(True)
        self.rounds_list.clear()
        for rnd, counts in snapshot.rounds:
            item = QListWidgetItem(
                f"{round_title(rnd)}\n"
                + _("started {date}").format(date=format_date(rnd.started_on, "medium"))
                + "\n" + round_summary(counts))
            item.setData(Qt.ItemDataRole.UserRole, rnd.id)
            item.setToolTip(callers_summary(counts))
            self.rounds_list.addItem(item)
            if rnd.id == keep:
                self.rounds_list.setCurrentItem(item)
        if self.rounds_list.currentRow() < 0 and self.rounds_list.count():
            self.rounds_list.setCurrentRow(0)
        self.rounds_list.blockSignals(False)
        if not snapshot.rounds:
            self.message_label.setText(_("No round is under way. Start one of the proposed "
                                         "rounds to fill the callers' queues."))
        else:
            self.message_label.setText("")
        if self.current_round_id() != keep or not self.queue:
            self.show_round()
        self._open_wanted()
        self.loaded.emit()

    def _proposal_card(self, proposal: ProposedRound) -> QWidget:
        card = QFrame()
        card.setObjectName("proposal")
        # Palette roles: readable in a dark theme too (ui/style.py)
        card.setStyleSheet("QFrame#proposal { background: palette(alternate-base);"
                           " border: 1px solid palette(mid); border-radius: 6px; }")
        row = QHBoxLayout(card)
        row.setContentsMargins(10, 6, 8, 6)
        text = QVBoxLayout()
        name = QLabel(purpose_label(proposal.purpose))
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        name.setWordWrap(True)
        text.addWidget(name)
        count = len(proposal.member_ids)
        status = QLabel(members_text(count) if count else _("Everyone is already in a round"))
        status.setWordWrap(True)  # long words in a 300px column
        text.addWidget(status)
        row.addLayout(text, 1)
        if not count:
            return card
        button = QPushButton(_("Start…"))
        button.setAccessibleName(_("Start the round “{round}”").format(
            round=purpose_label(proposal.purpose)))
        button.clicked.connect(lambda _c=False, p=proposal: self.start_round(p))
        row.addWidget(button)
        self.start_buttons[proposal.purpose] = button
        return card

    # -- rounds ----------------------------------------------------------------------------
    def start_round(self, proposal: ProposedRound) -> StartRoundDialog:
        dialog = StartRoundDialog(self.session, proposal, self.notifier, self)
        dialog.accepted.connect(lambda d=dialog, p=proposal: self._start(d, p))
        self._keep(dialog)
        return dialog

    def _start(self, dialog: StartRoundDialog, proposal: ProposedRound) -> None:
        try:
            rnd = self.calls.start(proposal.purpose, dialog.caller_ids(), self.session.today(),
                                   language=current_language())
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self._show_started(rnd)

    def _show_started(self, rnd: CallRound) -> None:
        """Choose the new round at once; its counts come with the next snapshot."""
        self.rounds_list.blockSignals(True)
        self.rounds_list.insertItem(0, QListWidgetItem(round_title(rnd)))
        self.rounds_list.item(0).setData(Qt.ItemDataRole.UserRole, rnd.id)
        self.rounds_list.setCurrentRow(0)
        self.rounds_list.blockSignals(False)
        self.show_round()
        self.refresh()

    def _keep(self, dialog: QDialog) -> None:
        """Keep a window-modal dialog alive until it closes (tests reach it here)."""
        self._dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        dialog.open()

    def start_campaign(self) -> CampaignRoundDialog:
        dialog = CampaignRoundDialog(self.session, self.notifier, self)
        dialog.accepted.connect(lambda d=dialog: self._start_campaign(d))
        self._keep(dialog)
        return dialog

    def _start_campaign(self, dialog: CampaignRoundDialog) -> None:
        try:
            rnd = self.calls.start(RoundPurpose.CAMPAIGN, dialog.caller_ids(),
                                   self.session.today(), filters=dialog.filters(),
                                   title=dialog.title(), language=current_language())
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self._show_started(rnd)

    def open_round(self, round_id: int, caller: str = "") -> None:
        """Home's "calls due": that round and caller's queue, with the focus in it."""
        self._wanted = (round_id, caller)
        self._open_wanted()

    def _open_wanted(self) -> None:
        if self._focus_on_load:
            self._focus_on_load = False
            if self.isVisible() and self.rounds_list.hasFocus():
                self.focus_work()  # the queue the snapshot brought
        if self._wanted is None:
            return
        round_id, caller = self._wanted
        rows = [r for r in range(self.rounds_list.count())
                if self.rounds_list.item(r).data(Qt.ItemDataRole.UserRole) == round_id]
        if not rows:
            return  # the snapshot on its way lists it
        self._wanted = None
        self.rounds_list.setCurrentRow(rows[0])
        index = self.caller_combo.findText(caller)
        if index >= 0:
            self.caller_combo.setCurrentIndex(index)
        self.focus_work()

    def focus_work(self) -> None:
        """The keyboard goes to the queue (arrows, Tab into the call panel), or to the
        rounds when no queue is shown (and to the queue once the first load brings it)."""
        if self.queue_tree.topLevelItemCount():
            self.queue_tree.setFocus()
        else:
            self.rounds_list.setFocus()
            self._focus_on_load = self.snapshot is None

    def current_round_id(self) -> int | None:
        item = self.rounds_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def show_round(self) -> None:
        """The chosen round's callers in the combo (the first with members chosen)."""
        round_id = self.current_round_id()
        keep = self.caller_combo.currentData()
        self.caller_combo.blockSignals(True)
        self.caller_combo.clear()
        if round_id is None:
            self.round_label.setText(_("No round chosen"))
        else:
            rnd = self.calls.round(round_id)
            self.round_label.setText(round_title(rnd))
            assigned = set(self.calls.repo.round_assignment(round_id).values())
            # Everyone with members in the round, also a caller who no longer calls: their
            # members must stay reachable (to call, or to give to someone else).
            for caller in self.calls.repo.callers(active_only=False):
                if caller.id in assigned:
                    name = caller.name if caller.active else _("{name} (no longer calls)").format(
                        name=caller.name)
                    self.caller_combo.addItem(name, caller.id)
            index = self.caller_combo.findData(keep)
            self.caller_combo.setCurrentIndex(max(index, 0))
        self.caller_combo.blockSignals(False)
        self.show_queue()

    # -- the queue -------------------------------------------------------------------------
    def show_queue(self, select_row: int = 0) -> None:
        round_id = self.current_round_id()
        caller_id = self.caller_combo.currentData()
        self.queue = ([] if round_id is None or caller_id is None
                      else self.calls.queue(round_id, caller_id, self.session.today()))
        country = self.session.association.country.value
        self.queue_tree.blockSignals(True)
        self.queue_tree.clear()
        for entry in self.queue:
            member = self.session.members.get(entry.member_id)
            if member is None:
                continue
            item = QTreeWidgetItem([member.display_name, format_phone(member.phone, country),
                                    why_text(entry)])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.member_id)
            self.queue_tree.addTopLevelItem(item)
        self.queue_tree.blockSignals(False)
        n = self.queue_tree.topLevelItemCount()
        if round_id is None or caller_id is None:
            self.queue_label.setText(_("Choose a round and a caller to see the queue."))
        elif n == 0:
            self.queue_label.setText(_("Nobody left to call today in this queue."))
        else:
            self.queue_label.setText(ngettext("{count} member to call today",
                                              "{count} members to call today", n).format(
                count=format_count(n)))
        if n:
            self.queue_tree.setCurrentItem(self.queue_tree.topLevelItem(min(select_row, n - 1)))
        self.reassign_button.setEnabled(n > 0)
        self.sheet_button.setEnabled(round_id is not None and caller_id is not None)
        self.show_current()

    def _queue_menu(self, pos: QPoint) -> None:
        if self.queue_tree.itemAt(pos) is None:
            return
        menu = QMenu(self)
        menu.addAction(_("Give to another caller…"), self.reassign_current)
        menu.exec(self.queue_tree.viewport().mapToGlobal(pos))

    def reassign_current(self) -> ReassignDialog | None:
        """Adjust the split by hand: the chosen member goes to another caller's queue."""
        member_id = self.current_member_id()
        round_id = self.current_round_id()
        if member_id is None or round_id is None:
            return None
        name = self.queue_tree.currentItem().text(0)
        dialog = ReassignDialog(self.calls, name, self.caller_combo.currentData(), self)
        dialog.accepted.connect(
            lambda d=dialog, r=round_id, m=member_id, n=name: self._reassign(d, r, m, n))
        self._keep(dialog)
        return dialog

    def _reassign(self, dialog: ReassignDialog, round_id: int, member_id: int,
                  name: str) -> None:
        caller_id = dialog.caller_id()
        if caller_id is None:
            return
        row = max(self.queue_tree.indexOfTopLevelItem(self.queue_tree.currentItem()), 0)
        try:
            self.calls.reassign(round_id, member_id, caller_id)
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self.message_label.setText(_("{name} is now in {caller}’s queue.").format(
            name=name, caller=dialog.caller_combo.currentText()))
        # The other caller may be new to this round: rebuild the callers, keep this one.
        self.show_round()
        if self.queue_tree.topLevelItemCount():
            self.queue_tree.setCurrentItem(self.queue_tree.topLevelItem(
                min(row, self.queue_tree.topLevelItemCount() - 1)))
        self.refresh()

    def enter_sheet_results(self) -> SheetResultsDialog | None:
        """Type in what a caller ticked on the printed sheet, in the sheet's order."""
        round_id = self.current_round_id()
        caller_id = self.caller_combo.currentData()
        if round_id is None or caller_id is None:
            return None
        dialog = SheetResultsDialog(self.session, round_id, caller_id,
                                    self.caller_combo.currentText(), self.notifier, self)
        dialog.recorded.connect(self._sheet_recorded)
        self._keep(dialog)
        return dialog

    def _sheet_recorded(self, count: int) -> None:
        self.message_label.setText(ngettext(
            "Recorded {count} call from the sheet.", "Recorded {count} calls from the sheet.",
            count).format(count=format_count(count)))
        self.show_queue()
        self.members_changed.emit()  # "do not call" on paper marks the member
        self.refresh()

    def current_member_id(self) -> int | None:
        item = self.queue_tree.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def show_current(self) -> None:
        member_id = self.current_member_id()
        member = self.session.members.get(member_id) if member_id is not None else None
        if member is None or member.id is None:
            self.panel.show_member(None)
            return
        round_id = self.current_round_id()
        points = ""
        if round_id is not None:
            rnd = self.calls.round(round_id)
            points = rnd.talking_points or self.calls.points_for(rnd.purpose,
                                                                 current_language())
        self.panel.set_activities(self.session.activities().sign_up_choices())
        self.panel.show_member(
            member, phone=format_phone(member.phone, self.session.association.country.value),
            status=self.session.dues().status(member.id), contacts=self.calls.contacts(member.id),
            points=points)

    def log_call(self, answers: CallAnswers) -> None:
        """Record the call, then bring up the next member in the queue."""
        member_id = self.current_member_id()
        if member_id is None or any(d.isVisible() for d in self._dialogs):
            return  # a digit typed in one of our dialogs is not a call on the page
        row = self.queue_tree.indexOfTopLevelItem(self.queue_tree.currentItem())
        try:
            _contact, changes = self.calls.log(
                member_id, answers.outcome, self.session.today(), mood=answers.mood,
                satisfaction=answers.satisfaction, note=answers.note, wants=answers.wants,
                good_at=answers.good_at, follow_up_on=answers.follow_up_on,
                round_id=self.current_round_id(), caller_id=self.caller_combo.currentData(),
                direct_debit_interest=answers.direct_debit_interest)
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        member = self.session.members.get(member_id)
        name = member.display_name if member is not None else ""
        self.message_label.setText(_("Recorded: {name} — {outcome}.").format(
            name=name, outcome=outcome_label(answers.outcome)))
        if answers.activity_id is not None:
            # A sign-up made on the phone, linked to this call (the activities page).
            from medlemsvard_app.domain.activities import SignUpVia

            try:
                activities = self.session.activities()
                activities.sign_up(answers.activity_id, member_id, SignUpVia.CALL,
                                   contact_id=_contact.id)
                self.message_label.setText(self.message_label.text() + " " + _(
                    "On the list for “{title}”.").format(
                    title=activities.get(answers.activity_id).title))
            except (DomainError, StorageError) as exc:
                self.notifier.error(self, describe(exc))
        self.show_queue(select_row=row)
        if self.current_member_id() == member_id:
            # Still due today (a follow-up set for today): move on to the one after.
            self.show_queue(select_row=row + 1)
        self.queue_tree.setFocus()
        if changes.members:
            self.members_changed.emit()
        if changes.dues:
            self.dues_changed.emit()
        self.refresh()
