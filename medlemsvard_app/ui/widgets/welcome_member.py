"""Welcome pieces for a single member: a member picker (for a mentor) and the box on the
member card with the mentor, the tasks offered and the tasks that would fit."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Member
from medlemsvard_app.domain.tasks import OfferAnswer
from medlemsvard_app.domain.welcome import StepState
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.welcome_labels import answer_label
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import hint_label
from medlemsvard_app.ui.notifier import Notifier

_MATCHES = 12


class MemberPicker(QLineEdit):
    """Type part of a name or a number and pick a member from the register's search."""

    picked = Signal(int)

    def __init__(self, register, exclude: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.exclude = exclude
        self.member_id: int | None = None
        self._choices: dict[str, int] = {}
        self.setPlaceholderText(_("Type a name or a member number"))
        self.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(self.completer_)
        self.textEdited.connect(self._search)
        self.completer_.activated.connect(self._picked)

    def _search(self, text: str) -> None:
        self.member_id = None
        self._choices = {}
        if not text.strip():
            self.model.setStringList([])
            return
        ids = [i for i in self.register.search_ids(text, ["current"])[: _MATCHES + 1]
               if i != self.exclude][:_MATCHES]
        rows = self.register.rows(ids, ["member_number", "given_name", "family_name",
                                        "call_name"])
        for member_id in ids:
            if member_id in rows:
                self._choices[self.describe(rows[member_id])] = member_id
        self.model.setStringList(list(self._choices))
        if self._choices:
            self.completer_.complete()

    @staticmethod
    def describe(row: tuple) -> str:
        number, given, family, call = row
        return _("{name} (no. {number})").format(name=f"{call or given} {family}".strip(),
                                                 number=number)

    def _picked(self, text: str) -> None:
        member_id = self._choices.get(text)
        if member_id is not None:
            self.choose(member_id)

    def choose(self, member_id: int | None) -> None:
        """Show a member as chosen (also what picking from the list does)."""
        self.member_id = member_id
        if member_id is None:
            self.clear()
            return
        row = self.register.rows([member_id], ["member_number", "given_name", "family_name",
                                               "call_name"]).get(member_id)
        self.setText(self.describe(row) if row else "")
        self.picked.emit(member_id)


class MemberWelcomeBox(QGroupBox):
    """On the member card: mentor, tasks offered with the answers, and fitting tasks."""

    changed = Signal()

    def __init__(self, session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Mentor and tasks"), parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.member: Member | None = None
        layout = QVBoxLayout(self)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("cardWelcomeProgress")
        self.progress_label.setWordWrap(True)
        layout.addWidget(self.progress_label)
        mentor_row = QHBoxLayout()
        mentor_label = QLabel(_("&Mentor"))
        self.mentor_picker = MemberPicker(session.register())
        self.mentor_picker.setObjectName("cardMentor")
        mentor_label.setBuddy(self.mentor_picker)
        self.mentor_clear = QPushButton(_("No mentor"))
        self.mentor_clear.setAutoDefault(False)
        mentor_row.addWidget(mentor_label)
        mentor_row.addWidget(self.mentor_picker, 1)
        mentor_row.addWidget(self.mentor_clear)
        layout.addLayout(mentor_row)
        self.offers = QTreeWidget()
        self.offers.setObjectName("cardOffers")
        self.offers.setRootIsDecorated(False)
        self.offers.setHeaderLabels([_("Task offered"), _("Offered"), _("Answer")])
        self.offers.setMaximumHeight(110)
        self.offers.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.offers.header().setStretchLastSection(False)
        for column in (1, 2):
            self.offers.header().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.offers)
        suggest_row = QHBoxLayout()
        self.suggest_combo = QComboBox()
        self.suggest_combo.setObjectName("cardSuggestedTasks")
        self.offer_button = QPushButton(_("&Offer this task"))
        self.offer_button.setAutoDefault(False)
        suggest_row.addWidget(QLabel(_("Fits them:")))
        suggest_row.addWidget(self.suggest_combo, 1)
        suggest_row.addWidget(self.offer_button)
        layout.addLayout(suggest_row)
        self.empty_hint = hint_label(_("Save the member first."))
        layout.addWidget(self.empty_hint)
        self.mentor_picker.picked.connect(self._set_mentor)
        self.mentor_clear.clicked.connect(lambda _c=False: self._set_mentor(None))
        self.offer_button.clicked.connect(lambda _c=False: self.offer_selected())

    def set_member(self, member: Member | None) -> None:
        self.member = member
        saved = member is not None and member.id is not None
        for widget in (self.mentor_picker, self.mentor_clear, self.offers, self.suggest_combo,
                       self.offer_button):
            widget.setEnabled(saved)
        self.empty_hint.setVisible(not saved)
        self.progress_label.hide()
        if not saved:
            return
        assert member is not None and member.id is not None
        self.mentor_picker.exclude = member.id
        mentor = self.session.welcome().mentor(member.id)
        self.mentor_picker.blockSignals(True)
        self.mentor_picker.member_id = mentor.mentor_id if mentor else None
        self.mentor_picker.setText(MemberPicker.describe(
            (mentor.member_number, mentor.name, "", "")) if mentor else "")
        self.mentor_picker.blockSignals(False)
        self._show_progress(member.id)
        self._show_tasks()

    def _show_progress(self, member_id: int) -> None:
        """For a new member, one line on where their welcome stands."""
        row = self.session.welcome().row(member_id)
        if row is None:
            return
        done = sum(1 for s in row.steps if s.state is StepState.DONE)
        text = _("Welcome checklist: {done} of {total} steps done").format(
            done=done, total=len(row.steps))
        if row.overdue:
            text += " · " + ngettext("{count} overdue", "{count} overdue", row.overdue).format(
                count=row.overdue)
        self.progress_label.setText(text)
        self.progress_label.show()

    def _show_tasks(self) -> None:
        assert self.member is not None and self.member.id is not None
        tasks = self.session.tasks()
        titles = {t.id: t.title for t in tasks.tasks()}
        self.offers.clear()
        for offer in tasks.offers_for_member(self.member.id):
            item = QTreeWidgetItem([titles.get(offer.task_id, ""),
                                    format_date(offer.offered_on, "medium"),
                                    answer_label(offer.answer)])
            self.offers.addTopLevelItem(item)
        self.suggest_combo.clear()
        for match in tasks.suggest_tasks(self.member.id, limit=8):
            self.suggest_combo.addItem(
                f"{titles.get(match.id, '')} — {', '.join(match.shared)}", match.id)
        if not self.suggest_combo.count():
            self.suggest_combo.addItem(_("No open task matches their interests yet"), None)
        self.offer_button.setEnabled(self.suggest_combo.currentData() is not None)

    def _set_mentor(self, mentor_id: int | None) -> None:
        if self.member is None or self.member.id is None:
            return
        try:
            self.session.welcome().set_mentor(self.member.id, mentor_id)
        except (DomainError, StorageError, LookupError) as exc:
            self.notifier.error(self, describe(exc))
            return
        if mentor_id is None:
            self.mentor_picker.choose(None)
        self.changed.emit()

    def offer_selected(self) -> None:
        task_id = self.suggest_combo.currentData()
        if self.member is None or self.member.id is None or task_id is None:
            return
        try:
            self.session.tasks().offer(task_id, self.member.id, answer=OfferAnswer.THINKING)
        except (DomainError, StorageError, LookupError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self._show_tasks()
        self.changed.emit()
