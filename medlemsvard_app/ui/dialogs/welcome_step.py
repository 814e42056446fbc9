"""One welcome step of one member: what the app sees, and what the user decides (tick,
untick, skip with a note, or leave it to the app); for the mentor step, the mentor too."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.tasks import TaskStatus
from medlemsvard_app.domain.welcome import Fact, Mark, StepDef, StepState, StepStatus
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.welcome_labels import (
    STATE_SYMBOLS,
    due_text,
    evidence_text,
    late_text,
    mark_text,
    owner_label,
    state_label,
    step_guidance,
    step_title,
)
from medlemsvard_app.services.welcome import WelcomeRow
from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs.common import (
    error_label,
    from_qdate,
    hint_label,
    make_date_edit,
    title_label,
    to_qdate,
)
from medlemsvard_app.ui.widgets.welcome_grid import STATE_COLOURS
from medlemsvard_app.ui.widgets.welcome_member import MemberPicker

#: the choice "leave it to what the app sees"
AUTOMATIC = "automatic"


class WelcomeStepDialog(QDialog):
    def __init__(self, row: WelcomeRow, step: StepDef, status: StepStatus, register=None,
                 parent: QWidget | None = None, day: date | None = None, tasks=None) -> None:
        super().__init__(parent)
        row_day = day or date.today()
        self.row = row
        self.step = step
        self.status = status
        self.setWindowTitle(_("Welcome step"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(row.member.display_name))
        heading = QLabel(f"<b>{step_title(step)}</b>")
        layout.addWidget(heading)
        due = due_text(status.due_on, step)
        if status.state is StepState.OVERDUE and status.due_on is not None:
            due = f"{due} ({late_text(status.due_on, row_day)})"
        self.state_label = QLabel(f"{STATE_SYMBOLS[status.state]} {state_label(status.state)}"
                                  f"  ·  {due}")
        self.state_label.setObjectName("stepState")
        self._colour_state()
        style.scheme_changed().connect(self._colour_state)
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        facts = []
        if status.evidence is not None:
            facts.append(evidence_text(status.evidence))
        if status.override is not None:
            facts.append(mark_text(status.override.mark, status.override.on,
                                   status.override.note))
        if facts:
            layout.addWidget(QLabel("\n".join(facts)))
        owner = owner_label(step.owner)
        layout.addWidget(hint_label(_("Whose step: {owner}").format(owner=owner)))
        guidance = step_guidance(step)
        if guidance:
            layout.addWidget(hint_label(guidance))

        self.mentor_picker: MemberPicker | None = None
        if step.fact is Fact.MENTOR and register is not None:
            mentor_row = QHBoxLayout()
            label = QLabel(_("&Mentor"))
            self.mentor_picker = MemberPicker(register, exclude=row.member.id)
            self.mentor_picker.setObjectName("stepMentor")
            label.setBuddy(self.mentor_picker)
            if row.mentor is not None:
                self.mentor_picker.setText(row.mentor.name)
                self.mentor_picker.member_id = row.mentor.mentor_id
            mentor_row.addWidget(label)
            mentor_row.addWidget(self.mentor_picker, 1)
            layout.addLayout(mentor_row)

        self.task_combo: QComboBox | None = None
        if step.fact is Fact.TASK and tasks is not None:
            task_row = QHBoxLayout()
            label = QLabel(_("&Offer a task"))
            self.task_combo = QComboBox()
            self.task_combo.setObjectName("stepTask")
            label.setBuddy(self.task_combo)
            self.task_combo.addItem(_("No offer now"), None)
            fitting = tasks.suggest_tasks(row.member.id)
            titles = {t.id: t.title for t in tasks.tasks((TaskStatus.OPEN,))}
            for match in fitting:  # those that fit first, with the words in common
                self.task_combo.addItem(f"{titles.get(match.id, '')} — {', '.join(match.shared)}",
                                        match.id)
            offered = {o.task_id for o in tasks.offers_for_member(row.member.id)}
            for task_id, title in titles.items():
                if task_id not in offered and self.task_combo.findData(task_id) < 0:
                    self.task_combo.addItem(title, task_id)
            task_row.addWidget(label)
            task_row.addWidget(self.task_combo, 1)
            layout.addLayout(task_row)

        layout.addWidget(QLabel(_("What happened?")))
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        for code, text in ((AUTOMATIC, _("&Let the app decide from what it sees")),
                           (Mark.DONE.value, _("&Done")),
                           (Mark.OPEN.value, _("&Not done")),
                           (Mark.SKIPPED.value, _("&Skip it for this member"))):
            button = QRadioButton(text)
            button.setObjectName(f"choice_{code}")
            self.group.addButton(button)
            self.choices[code] = button
            layout.addWidget(button)
        current = status.override.mark.value if status.override is not None else AUTOMATIC
        if status.override is None and status.state is StepState.DONE:
            current = AUTOMATIC
        self.choices[current].setChecked(True)
        self.note_edit = QLineEdit(status.override.note if status.override else "")
        self.note_edit.setObjectName("stepNote")
        self.note_edit.setPlaceholderText(_("A note (needed when you skip)"))
        layout.addWidget(self.note_edit)
        when_row = QHBoxLayout()
        when_label = QLabel(_("&When"))
        self.date_edit = make_date_edit(row_day)
        self.date_edit.setObjectName("stepDate")
        self.date_edit.setMinimumDate(to_qdate(row.member.joined_on))
        self.date_edit.setMaximumDate(to_qdate(row_day))
        when_label.setBuddy(self.date_edit)
        when_row.addWidget(when_label)
        when_row.addWidget(self.date_edit)
        when_row.addStretch(1)
        layout.addLayout(when_row)
        self.group.buttonToggled.connect(lambda *_a: self._sync_date())
        self._sync_date()
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


    def _colour_state(self, _dark: bool = False) -> None:
        """The state's tone as the grid shows it, in the scheme in use (also after a switch)."""
        back, fore = STATE_COLOURS[self.status.state]
        self.state_label.setStyleSheet(f"background: {back}; color: {fore}; padding: 4px 8px;"
                                       " border-radius: 4px;")
    def task_id(self) -> int | None:
        """The task to offer the member now (the task step only)."""
        return None if self.task_combo is None else self.task_combo.currentData()

    def choice(self) -> str:
        return next(code for code, b in self.choices.items() if b.isChecked())

    def choose(self, code: str) -> None:
        self.choices[code].setChecked(True)

    def _sync_date(self) -> None:
        """A day only for what a person decides (the app dates its own facts)."""
        self.date_edit.setEnabled(self.choice() != AUTOMATIC)

    def on_date(self) -> date:
        return from_qdate(self.date_edit.date())

    def note(self) -> str:
        return self.note_edit.text().strip()

    def accept(self) -> None:
        if self.choice() == Mark.SKIPPED.value and not self.note():
            self.error.setText(_("Say in a note why the step is skipped."))
            self.error.show()
            self.note_edit.setFocus()
            return
        super().accept()
