"""The evaluation kept with an activity (seed 001: evaluate every activity, and use what
you learn when planning the next): what worked, what did not, how many came and joined."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.activities import Activity, Evaluation
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.activity_labels import kind_label
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.activities import ActivityService
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.activity_dialog import earlier_evaluations, evaluation_text
from medlemsvard_app.ui.dialogs.common import add_row, error_label, hint_label, new_form


def _count_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(-1, 99999)
    spin.setSpecialValueText(_("not counted"))
    spin.setValue(-1)
    spin.setMinimumWidth(120)
    spin.setMaximumWidth(150)
    return spin


class EvaluationForm(QWidget):
    """The form for one activity, and the earlier evaluations of its kind beside it."""

    saved = Signal()

    def __init__(self, service: ActivityService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.activity: Activity | None = None
        self.suggested_came = 0
        self._loading = False
        #: edited since shown or saved (the page saves it before showing another)
        self.dirty = False
        # One column: the form, then what earlier activities of the kind taught (the tab is
        # narrow beside the list, and long notes read better full width).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        outer.setSpacing(8)
        left = QVBoxLayout()
        form = new_form()
        self.worked_edit = self._text("evaluationWorked")
        add_row(form, _("What &worked"), self.worked_edit)
        self.did_not_work_edit = self._text("evaluationDidNotWork")
        add_row(form, _("What did n&ot work"), self.did_not_work_edit)
        self.came_spin = _count_spin("evaluationCame")
        self.joined_spin = _count_spin("evaluationJoined")
        counts = QHBoxLayout()
        counts.addWidget(self.came_spin)
        joined_label = QLabel(_("&joined"))
        joined_label.setBuddy(self.joined_spin)
        counts.addWidget(joined_label)
        counts.addWidget(self.joined_spin)
        counts.addStretch(1)
        came_label = QLabel(_("How man&y came"))
        came_label.setBuddy(self.came_spin)
        form.addRow(came_label, counts)
        self.note_edit = self._text("evaluationNote", lines=2)
        add_row(form, _("Othe&r notes"), self.note_edit)
        left.addLayout(form)
        self.came_hint = hint_label("")
        left.addWidget(self.came_hint)
        self.error = error_label()
        left.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(_("Save evalua&tion"))
        self.save_button.setObjectName("saveEvaluation")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.status_label = QLabel()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status_label, 1)
        left.addLayout(buttons)
        outer.addLayout(left)
        right = QVBoxLayout()
        self.previous_heading, self.previous_box = earlier_evaluations("evaluationPrevious")
        right.addWidget(self.previous_heading)
        right.addWidget(self.previous_box, 1)
        outer.addLayout(right, 1)
        for edit in (self.worked_edit, self.did_not_work_edit, self.note_edit):
            edit.textChanged.connect(self._edited)
        for spin in (self.came_spin, self.joined_spin):
            spin.valueChanged.connect(lambda _v: self._edited())

    def _edited(self) -> None:
        if not self._loading:
            self.dirty = True
            self.status_label.clear()

    def _text(self, name: str, lines: int = 3) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        return edit

    def set_activity(self, activity: Activity | None, came: int = 0) -> None:
        """Fill the form for ``activity``; ``came`` (members who came and guests) is offered
        as the count until someone saves another."""
        same = (self.activity is not None and activity is not None
                and self.activity.id == activity.id)
        self.activity = activity
        self.suggested_came = came
        self.error.clear()
        if not same:
            self.status_label.clear()
        ev = self.service.evaluation(activity.id) if activity and activity.id else None
        self._loading = True
        self.worked_edit.setPlainText(ev.worked if ev else "")
        self.did_not_work_edit.setPlainText(ev.did_not_work if ev else "")
        self.note_edit.setPlainText(ev.note if ev else "")
        self.came_spin.setValue(ev.came if ev and ev.came is not None else
                                (came if came and ev is None else -1))
        self.joined_spin.setValue(ev.joined if ev and ev.joined is not None else -1)
        self._loading = False
        self.dirty = False
        self.came_hint.setText(
            _("The attendance list says {count} came (members and guests).").format(count=came)
            if activity is not None else "")
        if activity is None:
            self.previous_heading.clear()
            self.previous_box.clear()
            return
        self.previous_heading.setText(_("Earlier “{kind}”").format(kind=kind_label(activity.kind)))
        self.previous_box.setPlainText(evaluation_text(
            self.service, activity.kind, before=activity.on_date, exclude_id=activity.id))

    def value(self) -> Evaluation:
        assert self.activity is not None and self.activity.id is not None
        came, joined = self.came_spin.value(), self.joined_spin.value()
        return Evaluation(self.activity.id, self.service.today(),
                          self.worked_edit.toPlainText(), self.did_not_work_edit.toPlainText(),
                          came if came >= 0 else None, joined if joined >= 0 else None,
                          self.note_edit.toPlainText())

    def save(self, *, notify: bool = True) -> bool:
        if self.activity is None:
            return False
        self.error.clear()
        try:
            self.service.save_evaluation(self.value())
        except (DomainError, StorageError) as exc:
            self.error.setText(describe(exc))
            self.error.show()
            return False
        self.dirty = False
        self.status_label.setText(_("Saved."))
        if notify:
            self.saved.emit()
        return True
