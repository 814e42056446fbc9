"""The tasks tab of the welcome view: the association's tasks, members who would fit the
chosen one (by their interests and skills), and the offers made with their answers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.tasks import OfferAnswer, Task, TaskOffer, TaskStatus
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.welcome_labels import answer_label, task_status_label
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import hint_label
from medlemsvard_app.ui.notifier import Notifier


def offers_summary(counts: dict[str, int]) -> str:
    parts = []
    for answer in OfferAnswer:
        n = counts.get(answer.value, 0)
        if n:
            parts.append(f"{format_count(n)} {answer_label(answer).lower()}")
    return " · ".join(parts)


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class TasksPanel(QWidget):
    #: an offer was recorded (the welcome grid's "task offered" step may change)
    changed = Signal()

    def __init__(self, session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.service = session.tasks()
        self._dialogs: list[QWidget] = []
        self.tasks: list[Task] = []
        self.offers: list[TaskOffer] = []

        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_bold(_("Tasks the association needs done")))
        self.task_tree = QTreeWidget()
        self.task_tree.setObjectName("taskList")
        self.task_tree.setAccessibleName(_("Tasks the association needs done"))
        self.task_tree.setRootIsDecorated(False)
        self.task_tree.setHeaderLabels([_("Task"), _("Status"), _("Offers")])
        self.task_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.task_tree.header().setStretchLastSection(False)
        self.task_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.task_tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        left_layout.addWidget(self.task_tree, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("&New task…"))
        self.new_button.setObjectName("newTask")
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setObjectName("editTask")
        self.closed_check = QCheckBox(_("Show &closed"))
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.closed_check)
        left_layout.addLayout(buttons)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("taskDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        right_layout.addWidget(self.detail_label)
        right_layout.addWidget(_bold(_("Members who would fit")))
        self.suggest_tree = QTreeWidget()
        self.suggest_tree.setObjectName("suggestedMembers")
        self.suggest_tree.setAccessibleName(_("Members who would fit"))
        self.suggest_tree.setRootIsDecorated(False)
        self.suggest_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.suggest_tree.setHeaderLabels([_("Member"), _("Joined"), _("In common")])
        self.suggest_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.suggest_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        right_layout.addWidget(self.suggest_tree, 1)
        offer_row = QHBoxLayout()
        self.offer_button = QPushButton(_("&Offer the task to them"))
        self.offer_button.setObjectName("offerTask")
        offer_row.addWidget(self.offer_button)
        offer_row.addStretch(1)
        right_layout.addLayout(offer_row)
        right_layout.addWidget(_bold(_("Offered to")))
        self.offer_tree = QTreeWidget()
        self.offer_tree.setObjectName("taskOffers")
        self.offer_tree.setAccessibleName(_("Offered to"))
        self.offer_tree.setRootIsDecorated(False)
        self.offer_tree.setHeaderLabels([_("Member"), _("Offered"), _("Answer")])
        self.offer_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        right_layout.addWidget(self.offer_tree, 1)
        answer_row = QHBoxLayout()
        answer_row.addWidget(QLabel(_("Their answer:")))
        self.answer_buttons: dict[OfferAnswer, QPushButton] = {}
        for answer in OfferAnswer:
            button = QPushButton(answer_label(answer))
            button.setObjectName(f"answer_{answer.value}")
            button.clicked.connect(lambda _c=False, a=answer: self.record_answer(a))
            answer_row.addWidget(button)
            self.answer_buttons[answer] = button
        self.withdraw_button = QPushButton(_("&Withdraw"))
        self.withdraw_button.setObjectName("withdrawOffer")
        answer_row.addStretch(1)
        answer_row.addWidget(self.withdraw_button)
        right_layout.addLayout(answer_row)
        self.message_label = hint_label("")
        right_layout.addWidget(self.message_label)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        outer.addWidget(splitter)

        self.new_button.clicked.connect(lambda _c=False: self.new_task())
        self.edit_button.clicked.connect(lambda _c=False: self.edit_task())
        self.closed_check.toggled.connect(lambda _on: self.reload())
        self.task_tree.currentItemChanged.connect(lambda *_a: self.show_task())
        self.task_tree.itemActivated.connect(lambda *_a: self.edit_task())
        self.offer_button.clicked.connect(lambda _c=False: self.offer_selected())
        self.withdraw_button.clicked.connect(lambda _c=False: self.withdraw())
        self.offer_tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.suggest_tree.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.reload()

    # -- the list --------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_task_id()
        statuses = None if self.closed_check.isChecked() else (TaskStatus.OPEN,
                                                               TaskStatus.FILLED)
        self.tasks = self.service.tasks(statuses)
        counts = self.service.offer_counts()
        self.task_tree.blockSignals(True)
        self.task_tree.clear()
        for task in self.tasks:
            item = QTreeWidgetItem([task.title, task_status_label(task.status),
                                    offers_summary(counts.get(task.id, {}))])
            item.setData(0, Qt.ItemDataRole.UserRole, task.id)
            item.setToolTip(0, ", ".join(task.tags))
            self.task_tree.addTopLevelItem(item)
            if task.id == keep:
                self.task_tree.setCurrentItem(item)
        if self.task_tree.currentItem() is None and self.task_tree.topLevelItemCount():
            self.task_tree.setCurrentItem(self.task_tree.topLevelItem(0))
        self.task_tree.blockSignals(False)
        self.show_task()

    def current_task_id(self) -> int | None:
        item = self.task_tree.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def current_task(self) -> Task | None:
        tid = self.current_task_id()
        return next((t for t in self.tasks if t.id == tid), None)

    def show_task(self) -> None:
        task = self.current_task()
        self.suggest_tree.clear()
        self.offer_tree.clear()
        self.offers = []
        if task is None or task.id is None:
            self.detail_label.setText(_("No task yet. Add the jobs the association needs "
                                        "help with, and the app suggests members for them."))
            self._update_buttons()
            return
        parts = [f"<b>{task.title}</b>"]
        if task.description:
            parts.append(task.description)
        if task.tags:
            parts.append(_("Wants: {tags}").format(tags=", ".join(task.tags)))
        if task.responsible:
            parts.append(_("Responsible: {name}").format(name=task.responsible))
        self.detail_label.setText("<br>".join(parts))
        register = self.session.register()
        matches = self.service.suggest_members(task.id)
        self.offers = self.service.offers_for_task(task.id)
        ids = [m.id for m in matches] + [o.member_id for o in self.offers]
        rows = register.rows(ids, ["given_name", "family_name", "call_name", "joined_on"])

        def name(mid: int) -> str:
            given, family, call, _joined = rows.get(mid, ("", "", "", None))
            return f"{call or given} {family}".strip()

        def joined(mid: int) -> str:
            value = rows.get(mid, (None,) * 4)[3]
            return format_date(date.fromisoformat(value), "medium") if value else ""

        for match in matches:
            item = QTreeWidgetItem([name(match.id), joined(match.id), ", ".join(match.shared)])
            item.setData(0, Qt.ItemDataRole.UserRole, match.id)
            self.suggest_tree.addTopLevelItem(item)
        for offer in self.offers:
            item = QTreeWidgetItem([name(offer.member_id), format_date(offer.offered_on, "medium"),
                                    answer_label(offer.answer)])
            item.setData(0, Qt.ItemDataRole.UserRole, offer.id)
            self.offer_tree.addTopLevelItem(item)
        if not matches:
            placeholder = QTreeWidgetItem([_("Nobody's interests or skills match yet")])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.suggest_tree.addTopLevelItem(placeholder)
        self._update_buttons()

    def _update_buttons(self) -> None:
        task = self.current_task()
        self.edit_button.setEnabled(task is not None)
        chosen = [i for i in self.suggest_tree.selectedItems()
                  if i.data(0, Qt.ItemDataRole.UserRole) is not None]
        self.offer_button.setEnabled(task is not None and bool(chosen))
        offer = self.current_offer()
        for button in (*self.answer_buttons.values(), self.withdraw_button):
            button.setEnabled(offer is not None)

    def current_offer(self) -> TaskOffer | None:
        item = self.offer_tree.currentItem()
        if item is None:
            return None
        oid = item.data(0, Qt.ItemDataRole.UserRole)
        return next((o for o in self.offers if o.id == oid), None)

    # -- actions ---------------------------------------------------------------------------
    def _keep(self, dialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        dialog.open()

    def new_task(self):
        return self._task_dialog(None)

    def edit_task(self):
        task = self.current_task()
        return None if task is None else self._task_dialog(task)

    def _task_dialog(self, task: Task | None):
        from medlemsvard_app.ui.dialogs.task_dialog import TaskDialog

        known = sorted({*self.session.register().tags("interest"),
                        *self.session.register().tags("skill")}, key=str.casefold)
        dialog = TaskDialog(self.service, known, task, self)
        dialog.accepted.connect(lambda d=dialog: self.reload(
            select=d.saved_task.id if d.saved_task else None))
        self._keep(dialog)
        return dialog

    def offer_selected(self) -> None:
        task = self.current_task()
        if task is None or task.id is None:
            return
        ids = [i.data(0, Qt.ItemDataRole.UserRole) for i in self.suggest_tree.selectedItems()]
        ids = [i for i in ids if i is not None]
        try:
            for member_id in ids:
                self.service.offer(task.id, member_id)
        except (DomainError, StorageError, LookupError) as exc:
            self.notifier.error(self, describe(exc))
        self.message_label.setText(ngettext(
            "Offered “{task}” to {count} member.", "Offered “{task}” to {count} members.",
            len(ids)).format(task=task.title, count=format_count(len(ids))))
        self.reload()
        self.changed.emit()

    def record_answer(self, answer: OfferAnswer) -> None:
        offer = self.current_offer()
        if offer is None:
            return
        try:
            self.service.answer(offer, answer)
        except (DomainError, StorageError) as exc:
            self.notifier.error(self, describe(exc))
            return
        row = self.offer_tree.indexOfTopLevelItem(self.offer_tree.currentItem())
        self.reload()
        if 0 <= row < self.offer_tree.topLevelItemCount():
            self.offer_tree.setCurrentItem(self.offer_tree.topLevelItem(row))
        self.changed.emit()

    def withdraw(self) -> None:
        offer = self.current_offer()
        if offer is None or offer.id is None:
            return
        if not self.notifier.confirm(self, _("Remove this offer? It was perhaps recorded by "
                                             "mistake.")):
            return
        self.service.withdraw(offer.id)
        self.reload()
        self.changed.emit()
