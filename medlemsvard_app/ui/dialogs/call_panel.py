"""The call panel: who the caller is about to phone, what to say, and what came of it.

One key per outcome (1-5) so a caller can work through a queue without the mouse: the
digits act wherever the focus is not in a text field.
The panel only collects the answers; the calls page records them through CallService.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
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




class ButtonGrid(QLayout):
    """Buttons of equal width in as few even rows as the width allows: all five outcomes
    in one row on a wide panel, 3 + 2 on a laptop, one under the other if need be."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation.Horizontal

    def _cell(self) -> QSize:
        cell = QSize(0, 0)
        for item in self._items:
            cell = cell.expandedTo(item.sizeHint())
        return cell

    def columns(self, width: int) -> int:
        """Columns for ``width``: the fewest even rows whose buttons show their text."""
        count = len(self._items)
        if not count:
            return 1
        cell, gap = self._cell().width(), self.spacing()
        fit = max(1, min(count, (width + gap) // max(1, cell + gap)))
        rows = -(-count // fit)
        return -(-count // rows)

    def _rows(self, width: int) -> int:
        return -(-len(self._items) // self.columns(width)) if self._items else 0

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        rows = self._rows(width)
        return rows * self._cell().height() + max(0, rows - 1) * self.spacing()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        cell, count = self._cell(), len(self._items)
        return QSize(count * cell.width() + max(0, count - 1) * self.spacing(), cell.height())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        return self._cell()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        if not self._items:
            return
        columns, gap = self.columns(rect.width()), self.spacing()
        width = (rect.width() - (columns - 1) * gap) // columns
        height = self._cell().height()
        for index, item in enumerate(self._items):
            row, column = divmod(index, columns)
            item.setGeometry(QRect(rect.x() + column * (width + gap),
                                   rect.y() + row * (height + gap), width, height))


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
        # Name and number on one line: the panel must fit a laptop without scrolling.
        who = QHBoxLayout()
        who.setSpacing(16)
        who.addWidget(self.name_label)
        who.addWidget(self.phone_label)
        who.addStretch(1)
        body.addLayout(who)
        body.addWidget(self.facts_label)

        # Earlier contacts and talking points side by side: read before the call, small.
        # Read-only boxes of fixed height: wrapped labels get squeezed in a scroll area.
        self.contacts_label = self._text_box("callContacts", RECENT_CONTACTS + 2)
        self.contacts_label.setAccessibleName(_("Earlier contacts"))
        self.points_label = self._text_box("callPoints", RECENT_CONTACTS + 2)
        self.points_label.setAccessibleName(_("Talking points"))
        before = QHBoxLayout()
        before.setSpacing(10)
        for text, box, stretch in ((_("Earlier contacts"), self.contacts_label, 2),
                                   (_("Talking points"), self.points_label, 3)):
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(self._heading(text))
            column.addWidget(box)
            before.addLayout(column, stretch)
        body.addLayout(before)

        body.addWidget(self._heading(_("The call")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("callNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
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

        def label_for(text: str, field: QWidget) -> QLabel:
            label = QLabel(text)
            label.setBuddy(field)
            return label

        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        grid.addWidget(label_for(_("&Note"), self.note_edit), 0, 0,
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.note_edit, 0, 1)
        # Pairs of short fields share a line (two columns inside the field column) when the
        # panel is wide enough; otherwise each gets its own line (see fit_width).
        self._grid = grid
        self._pairs: list[tuple[int, QHBoxLayout, QLabel, QWidget]] = []
        pairs = (((_("&Wants to do"), self.wants_edit), (_("&Good at"), self.good_at_edit)),
                 ((_("&Mood"), self.mood_combo),
                  (_("&Satisfaction (1–5)"), self.satisfaction_spin)))
        for row, ((first_text, first), (second_text, second)) in zip((1, 3), pairs,
                                                                        strict=True):
            grid.addWidget(label_for(first_text, first), row, 0, right)
            line = QHBoxLayout()
            line.setSpacing(10)
            line.addWidget(first, 1)
            grid.addLayout(line, row, 1)
            self._pairs.append((row, line, label_for(second_text, second), second))
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_check)
        follow.addWidget(self.follow_up_edit)
        follow.addStretch(1)
        grid.addLayout(follow, 5, 1)
        grid.addWidget(label_for(_("Sign &up for"), self.activity_combo), 7, 0, right)
        grid.addWidget(self.activity_combo, 7, 1)
        self._paired: bool | None = None
        self._set_paired(True)
        #: the width the paired lines need; below it they are split (long translations)
        self._paired_width: int | None = None
        grid.setColumnStretch(1, 1)
        body.addLayout(grid)

        body.addWidget(self._heading(_("What came of the call")))
        buttons = ButtonGrid(spacing=6)
        self.outcome_buttons: dict[CallOutcome, QPushButton] = {}
        for number, outcome in enumerate(OUTCOMES, start=1):
            # The keys are shortcuts of the page (see install_keys).
            button = QPushButton(f"{number}  {outcome_label(outcome)}")
            button.setObjectName(f"outcome_{outcome.value}")
            button.setToolTip(_("Key {key}").format(key=number))
            # Tabbed to, Enter records it as Space does (a page's button knows only Space).
            button.setAutoDefault(True)
            button.clicked.connect(lambda _c=False, o=outcome: self.choose(o))
            buttons.addWidget(button)
            self.outcome_buttons[outcome] = button
        self.outcome_buttons[CallOutcome.REACHED].setStyleSheet(
            "QPushButton { font-weight: bold; }")
        body.addLayout(buttons)
        self.keys_hint = hint_label(_(
            "Press 1–5 outside a text field (Tab out of it first) to record the outcome; the "
            "next member in the queue comes up."))
        self.keys_hint.setObjectName("callKeysHint")
        body.addWidget(self.keys_hint)
        body.addStretch(1)

        self.tab_chain: list[QWidget] = [
            self.note_edit, self.wants_edit, self.good_at_edit, self.mood_combo,
            self.satisfaction_spin, self.follow_up_check, self.follow_up_edit,
                 self.debit_check, self.activity_combo, *self.outcome_buttons.values()]
        for first, second in zip(self.tab_chain, self.tab_chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.shortcuts: list[QShortcut] = []
        self.show_member(None)

    def _set_paired(self, paired: bool) -> None:
        """Two short fields on one line, or one under the other in a narrow panel."""
        if paired == self._paired:
            return
        self._paired = paired
        grid = self._grid
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line, label, field in self._pairs:
            for widget in (label, field):
                grid.removeWidget(widget)
                line.removeWidget(widget)
            if paired:
                line.addWidget(label)
                line.addWidget(field, 1)
            else:
                grid.addWidget(label, row + 1, 0, right)
                grid.addWidget(field, row + 1, 1)
        # The long check box may start under the labels when the panel is narrow.
        grid.removeWidget(self.debit_check)
        if paired:
            grid.addWidget(self.debit_check, 6, 1)
        else:
            grid.addWidget(self.debit_check, 6, 0, 1, 2)

    def fit_width(self, width: int) -> None:
        """Lay the fields out for ``width`` (the room the scroll area gives the panel)."""
        if self._paired_width is None:  # measured once, while paired (as built)
            margins = self.layout().contentsMargins()
            self._paired_width = (self._grid.minimumSize().width() + margins.left()
                                  + margins.right())
        self._set_paired(width >= self._paired_width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.fit_width(self.parentWidget().width())
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        parent = self.parentWidget()
        if parent is not None:  # the scroll area's viewport: it says how wide we may be
            parent.removeEventFilter(self)
            parent.installEventFilter(self)
            self.fit_width(parent.width())
        super().showEvent(event)

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
