"""The call panel: who the caller is about to phone, what to say, and what came of it.

One key per outcome (1-5) so a caller can work through a queue without the mouse: the
digits act wherever the focus is not in a text field.
The panel only collects the answers; the calls page records them through CallService.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.calls import CallOutcome, Mood
from medlemsvard_app.domain.dues_state import DuesStatus
from medlemsvard_app.domain.models import Member
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.call_labels import mood_label, outcome_label
from medlemsvard_app.i18n.dues_labels import dues_state_label
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.storage.calls import Contact
from medlemsvard_app.ui.dialogs.common import (
    from_qdate,
    hint_label,
    make_date_edit,
    title_label,
    to_qdate,
)

#: The outcome keys, in the order of the buttons (1 is the first).
OUTCOMES: tuple[CallOutcome, ...] = (
    CallOutcome.REACHED, CallOutcome.NO_ANSWER, CallOutcome.MESSAGE,
    CallOutcome.WRONG_NUMBER, CallOutcome.DO_NOT_CALL)

#: Contacts shown in the panel (the newest first).
RECENT_CONTACTS = 3




@dataclass(frozen=True, slots=True)
class CallAnswers:
    """What the caller filled in, as CallService.log takes it."""

    outcome: CallOutcome
    mood: Mood | None
    satisfaction: int | None
    note: str
    wants: str
    good_at: str
    follow_up_on: date | None
    direct_debit_interest: bool
    #: an upcoming activity the member signed up for during the call
    activity_id: int | None = None


def contact_line(contact: Contact) -> str:
    """"12 Nov 2026 · Reached · the note" for the member's last contacts."""
    parts = [format_date(contact.on_date, "medium")]
    if contact.outcome is not None:
        parts.append(outcome_label(contact.outcome))
    if contact.mood is not None:
        parts.append(mood_label(contact.mood))
    text = " · ".join(parts)
    if contact.note:
        text += " — " + contact.note
    return text


class CallPanel(QFrame):
    """The member's essentials and the answers of one call."""

    #: the caller chose an outcome; the page records the call
    logged = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callPanel")
        self.today = today
        self.member_id: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(6)

        self.empty_label = hint_label(_("Choose a member in the queue to call them."))
        outer.addWidget(self.empty_label)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        outer.addWidget(self.body, 1)

        self.name_label = title_label("")
        self.name_label.setObjectName("callName")
        self.phone_label = QLabel()
        self.phone_label.setObjectName("callPhone")
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.phone_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.phone_label.setFont(font)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("callFacts")
        self.facts_label.setWordWrap(True)
        for widget in (self.name_label, self.phone_label, self.facts_label):
            body.addWidget(widget)

        body.addWidget(self._heading(_("Earlier contacts")))
        # Read-only boxes of fixed height: wrapped labels get squeezed in a scroll area.
        self.contacts_label = self._text_box("callContacts", RECENT_CONTACTS + 1)
        self.contacts_label.setAccessibleName(_("Earlier contacts"))
        body.addWidget(self.contacts_label)

        body.addWidget(self._heading(_("Talking points")))
        self.points_label = self._text_box("callPoints", 5)
        self.points_label.setAccessibleName(_("Talking points"))
        body.addWidget(self.points_label)

        body.addWidget(self._heading(_("The call")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("callNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.wants_edit = QLineEdit()
        self.wants_edit.setPlaceholderText(_("e.g. choir, cooking"))
        self.good_at_edit = QLineEdit()
        self.good_at_edit.setPlaceholderText(_("e.g. accounting, carpentry"))
        self.mood_combo = QComboBox()
        self.mood_combo.addItem(_("Not noted"), None)
        for mood in Mood:
            self.mood_combo.addItem(mood_label(mood), mood.value)
        self.satisfaction_spin = QSpinBox()
        self.satisfaction_spin.setRange(0, 5)
        self.satisfaction_spin.setSpecialValueText(_("Not asked"))
        self.satisfaction_spin.setMinimumWidth(110)
        self.follow_up_check = QCheckBox(_("&Follow up on"))
        self.follow_up_edit = make_date_edit(today + timedelta(days=14))
        self.follow_up_edit.setMinimumDate(to_qdate(today))
        self.follow_up_edit.setEnabled(False)
        self.follow_up_edit.setAccessibleName(_("Follow-up date"))
        self.follow_up_check.toggled.connect(self.follow_up_edit.setEnabled)
        self.debit_check = QCheckBox(_("Interested in &direct debit (send a form)"))
        self.activity_combo = QComboBox()
        self.activity_combo.setObjectName("callSignUp")
        self.activity_combo.setToolTip(_("Sign the member up for an upcoming activity"))
        self.set_activities([])

        rows = ((_("&Note"), self.note_edit), (_("&Wants to do"), self.wants_edit),
                (_("&Good at"), self.good_at_edit), (_("&Mood"), self.mood_combo),
                (_("&Satisfaction (1–5)"), self.satisfaction_spin))
        for row, (text, field) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(field)
            align = Qt.AlignmentFlag.AlignRight
            align |= (Qt.AlignmentFlag.AlignTop if field is self.note_edit
                      else Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 0, align)
            if field in (self.mood_combo, self.satisfaction_spin):
                line = QHBoxLayout()
                line.addWidget(field)
                line.addStretch(1)
                grid.addLayout(line, row, 1)
            else:
                grid.addWidget(field, row, 1)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_check)
        follow.addWidget(self.follow_up_edit)
        follow.addStretch(1)
        grid.addLayout(follow, len(rows), 1)
        grid.addWidget(self.debit_check, len(rows) + 1, 1)
        sign_up_label = QLabel(_("Sign &up for"))
        sign_up_label.setBuddy(self.activity_combo)
        grid.addWidget(sign_up_label, len(rows) + 2, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.activity_combo, len(rows) + 2, 1)
        grid.setColumnStretch(1, 1)
        body.addLayout(grid)

        body.addWidget(self._heading(_("What came of the call")))
        buttons = QGridLayout()
        buttons.setSpacing(6)
        self.outcome_buttons: dict[CallOutcome, QPushButton] = {}
        for number, outcome in enumerate(OUTCOMES, start=1):
            # The keys are shortcuts of the page (see install_keys).
            button = QPushButton(f"{number}  {outcome_label(outcome)}")
            button.setObjectName(f"outcome_{outcome.value}")
            button.setToolTip(_("Key {key}").format(key=number))
            # Tabbed to, Enter records it as Space does (a page's button knows only Space).
            button.setAutoDefault(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, o=outcome: self.choose(o))
            buttons.addWidget(button, (number - 1) // 2, (number - 1) % 2)
            self.outcome_buttons[outcome] = button
        self.outcome_buttons[CallOutcome.REACHED].setStyleSheet(
            "QPushButton { font-weight: bold; }")
        body.addLayout(buttons)
        body.addWidget(hint_label(_(
            "Press 1–5 outside a text field (Tab out of it first) to record the outcome; the "
            "next member in the queue comes up.")))
        body.addStretch(1)

        self.tab_chain: list[QWidget] = [
            self.note_edit, self.wants_edit, self.good_at_edit, self.mood_combo,
            self.satisfaction_spin, self.follow_up_check, self.follow_up_edit,
                 self.debit_check, self.activity_combo, *self.outcome_buttons.values()]
        for first, second in zip(self.tab_chain, self.tab_chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.shortcuts: list[QShortcut] = []
        self.show_member(None)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 6, 0, 0)
        return label

    def _text_box(self, name: str, lines: int) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setObjectName(name)
        box.setReadOnly(True)
        box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        box.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        # Palette roles, so the boxes follow a dark theme too (ui/style.py).
        box.setStyleSheet(f"QPlainTextEdit#{name} {{ background: palette(alternate-base);"
                          " border: 1px solid palette(mid); border-radius: 4px; }")
        return box

    def install_keys(self, scope: QWidget) -> None:
        """The bare digits 1-5 anywhere in ``scope``; text fields keep them for typing."""
        for number, outcome in enumerate(OUTCOMES, start=1):
            for keys in (str(number),):
                shortcut = QShortcut(QKeySequence(keys), scope)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda o=outcome: self.choose(o))
                self.shortcuts.append(shortcut)

    # -- showing a member ------------------------------------------------------------------
    def show_member(self, member: Member | None, *, phone: str = "",
                    status: DuesStatus | None = None, contacts: list[Contact] | None = None,
                    points: str = "") -> None:
        """Fill the panel for ``member`` (None: nobody chosen) and clear the answers."""
        self.member_id = member.id if member is not None else None
        self.body.setVisible(member is not None)
        self.empty_label.setVisible(member is None)
        for button in self.outcome_buttons.values():
            button.setEnabled(member is not None)
        self.clear_answers()
        if member is None:
            return
        self.name_label.setText(member.display_name)
        self.phone_label.setText(phone or _("No phone number"))
        facts = []
        if member.member_number is not None:
            facts.append(_("Member no. {number}").format(number=member.member_number))
        if member.joined_on is not None:
            facts.append(_("member since {date}").format(
                date=format_date(member.joined_on, "medium")))
        facts.append(_("dues: {state}").format(
            state=dues_state_label(status.state.value) if status is not None
            else _("not a current member")))
        self.facts_label.setText(" · ".join(facts))
        recent = (contacts or [])[:RECENT_CONTACTS]
        self.contacts_label.setPlainText("\n".join(contact_line(c) for c in recent)
                                    if recent else _("No contacts yet."))
        self.points_label.setPlainText(points)

    def set_activities(self, choices: list[tuple[int, str]]) -> None:
        """The upcoming activities a member can be signed up for: (id, label)."""
        self.activity_combo.clear()
        self.activity_combo.addItem(_("No activity") if choices
                                    else _("No upcoming activities"), None)
        for activity_id, label in choices:
            self.activity_combo.addItem(label, activity_id)
        self.activity_combo.setEnabled(bool(choices))

    def clear_answers(self) -> None:
        self.note_edit.clear()
        self.wants_edit.clear()
        self.good_at_edit.clear()
        self.mood_combo.setCurrentIndex(0)
        self.satisfaction_spin.setValue(0)
        self.follow_up_check.setChecked(False)
        self.follow_up_edit.setDate(to_qdate(self.today + timedelta(days=14)))
        self.debit_check.setChecked(False)
        self.activity_combo.setCurrentIndex(0)

    def answers(self, outcome: CallOutcome) -> CallAnswers:
        mood = self.mood_combo.currentData()
        satisfaction = self.satisfaction_spin.value()
        return CallAnswers(
            outcome=outcome, mood=Mood(mood) if mood else None,
            satisfaction=satisfaction or None, note=self.note_edit.toPlainText().strip(),
            wants=self.wants_edit.text().strip(), good_at=self.good_at_edit.text().strip(),
            follow_up_on=(from_qdate(self.follow_up_edit.date())
                          if self.follow_up_check.isChecked() else None),
            direct_debit_interest=self.debit_check.isChecked(),
            activity_id=self.activity_combo.currentData())

    def choose(self, outcome: CallOutcome) -> None:
        if self.member_id is None:
            return
        self.logged.emit(self.answers(outcome))
