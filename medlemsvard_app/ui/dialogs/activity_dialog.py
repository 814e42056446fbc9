"""Add or change an activity: title, kind (suggestions, or your own word), day and times,
place, purpose, target group and who is responsible. Beside the form, what the last
activities of the same kind taught (their evaluations), so the next one is planned with it.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QStringListModel, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.activities import Activity
from medlemsvard_app.domain.errors import DomainError, ValidationError
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.activity_labels import kind_from_text, kind_label, kind_suggestions
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe, message
from medlemsvard_app.services.activities import ActivityService
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    FieldErrors,
    add_row,
    error_label,
    from_qdate,
    hint_label,
    make_date_edit,
    new_form,
    title_label,
    to_qdate,
    with_error,
)


def earlier_evaluations(object_name: str) -> tuple[QLabel, QPlainTextEdit]:
    """The heading and read-only box that show what earlier activities of a kind taught
    (the activity dialog and the evaluation form); coloured from the palette, light or dark."""
    heading = QLabel()
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    heading.setWordWrap(True)
    box = QPlainTextEdit()
    box.setObjectName(object_name)
    box.setAccessibleName(_("Earlier evaluations"))
    box.setReadOnly(True)
    box.setStyleSheet(f"QPlainTextEdit#{object_name} {{ background: palette(alternate-base); "
                      "border: 1px solid palette(mid); border-radius: 4px; }")
    return heading, box


def evaluation_text(service: ActivityService, kind: str, *, before: date | None = None,
                    exclude_id: int | None = None) -> str:
    """The last evaluations of a kind as readable text (the planning aid)."""
    found = service.previous_evaluations(kind, before=before, exclude_id=exclude_id)
    if not found:
        return _("No earlier activity of this kind has been evaluated yet.")
    blocks = []
    for activity, ev in found:
        lines = [f"{format_date(activity.on_date, 'medium')} — {activity.title}"]
        counts = []
        if ev.came is not None:
            counts.append(ngettext("{count} came", "{count} came", ev.came).format(
                count=ev.came))
        if ev.joined is not None:
            counts.append(ngettext("{count} joined", "{count} joined", ev.joined).format(
                count=ev.joined))
        if counts:
            lines.append(", ".join(counts))
        if ev.worked:
            lines.append(_("Worked: {text}").format(text=ev.worked))
        if ev.did_not_work:
            lines.append(_("Did not work: {text}").format(text=ev.did_not_work))
        if ev.note:
            lines.append(_("Note: {text}").format(text=ev.note))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _qtime(value: time | None, default: time) -> QTime:
    value = value or default
    return QTime(value.hour, value.minute)


class ActivityDialog(QDialog):
    """The form; ``saved`` carries the stored activity."""

    saved = Signal(object)

    def __init__(self, service: ActivityService, activity: Activity | None = None,
                 parent: QWidget | None = None, *, on_date: date | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.activity = activity
        new = activity is None
        self.setWindowTitle(_("New activity") if new else _("Change activity"))
        self.setMinimumWidth(860)
        outer = QHBoxLayout(self)
        outer.setSpacing(18)

        left = QVBoxLayout()
        left.addWidget(title_label(_("New activity") if new else activity.title))
        form = new_form()
        self.errors = FieldErrors()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("activityTitle")
        title_error = error_label()
        self.errors.add("title", title_error, self.title_edit)
        add_row(form, _("&Title"), self.title_edit, with_error(self.title_edit, title_error))

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("activityKind")
        self.kind_combo.setEditable(True)
        self.kind_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        suggested = kind_suggestions()
        for code, word in suggested:
            self.kind_combo.addItem(word, code)
        known = {code for code, _w in suggested}
        for kind in service.kinds_in_use():
            if kind not in known:
                self.kind_combo.addItem(kind, kind)
        self.kind_combo.setToolTip(_("Pick a kind or type your own"))
        kind_error = error_label()
        self.errors.add("kind", kind_error, self.kind_combo)
        add_row(form, _("&Kind"), self.kind_combo, with_error(self.kind_combo, kind_error))

        self.date_edit = make_date_edit(on_date or service.today())
        date_error = error_label()
        self.errors.add("on_date", date_error, self.date_edit)
        add_row(form, _("&Date"), self.date_edit,
                with_error(self.date_edit, date_error, compact=True))

        self.timed_check = QCheckBox(_("&Starts at"))
        self.start_edit = QTimeEdit()
        self.start_edit.setDisplayFormat("HH:mm")
        self.end_check = QCheckBox(_("&ends at"))
        self.end_edit = QTimeEdit()
        self.end_edit.setDisplayFormat("HH:mm")
        self.start_edit.setAccessibleName(_("Start time"))
        self.end_edit.setAccessibleName(_("End time"))
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.timed_check, self.start_edit, self.end_check, self.end_edit):
            row.addWidget(w)
        row.addStretch(1)
        self.all_day_label = hint_label(_("Without a start time the activity lasts all day."))
        end_error = error_label()
        self.errors.add("ends_at", end_error, self.end_edit)
        time_box = QWidget()
        time_layout = QVBoxLayout(time_box)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.setSpacing(2)
        time_layout.addWidget(times)
        time_layout.addWidget(self.all_day_label)
        time_layout.addWidget(end_error)
        label = QLabel(_("Time"))
        form.addRow(label, time_box)
        self.timed_check.toggled.connect(self._sync_times)
        self.end_check.toggled.connect(self._sync_times)

        self.place_edit = QLineEdit()
        add_row(form, _("&Place"), self.place_edit)
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setPlaceholderText(_("Why we hold it, e.g. to get to know new members"))
        add_row(form, _("P&urpose"), self.purpose_edit)
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(_("e.g. members who joined this year"))
        add_row(form, _("Ta&rget group"), self.target_edit)
        self.responsible_combo = QComboBox()
        self.responsible_combo.setEditable(True)
        self.responsible_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.responsible_combo.addItem("", None)
        for post in service.session.association.board:
            if post.person_name.strip():
                self.responsible_combo.addItem(post.person_name.strip(), post.member_id)
        self.responsible_combo.setToolTip(_("A board member, or type any member's name"))
        # Typing a name offers matching members; a member picked there is linked by id.
        self._found_members: dict[str, int] = {}
        self._member_names = QStringListModel(self)
        completer = QCompleter(self._member_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.responsible_combo.setCompleter(completer)
        self.responsible_combo.lineEdit().textEdited.connect(self._find_responsible)
        add_row(form, _("Responsi&ble"), self.responsible_combo)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        add_row(form, _("Descr&iption"), self.description_edit)
        left.addLayout(form)
        self.general_error = error_label()
        left.addWidget(self.general_error)
        left.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        left.addWidget(self.buttons)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        self.previous_heading, self.previous_box = earlier_evaluations("previousEvaluations")
        right.addWidget(self.previous_heading)
        right.addWidget(self.previous_box, 1)
        outer.addLayout(right, 2)
        self.kind_combo.currentTextChanged.connect(lambda _t: self._show_previous())

        self._load(activity)
        self.title_edit.setFocus()

    # -- filling and reading ------------------------------------------------------------
    def _load(self, a: Activity | None) -> None:
        if a is None:
            self.kind_combo.setCurrentIndex(0)
            self.timed_check.setChecked(True)
            self.start_edit.setTime(QTime(18, 0))
            self.end_check.setChecked(True)
            self.end_edit.setTime(QTime(20, 0))
            self._sync_times()
            self._show_previous()
            return
        self.title_edit.setText(a.title)
        index = self.kind_combo.findData(a.kind)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)
        else:
            self.kind_combo.setEditText(kind_label(a.kind))
        self.date_edit.setDate(to_qdate(a.on_date))
        self.timed_check.setChecked(a.starts_at is not None)
        self.start_edit.setTime(_qtime(a.starts_at, time(18)))
        self.end_check.setChecked(a.ends_at is not None)
        self.end_edit.setTime(_qtime(a.ends_at, time(20)))
        self.place_edit.setText(a.place)
        self.purpose_edit.setText(a.purpose)
        self.target_edit.setText(a.target_group)
        index = self.responsible_combo.findText(a.responsible)
        if index >= 0 and a.responsible:
            self.responsible_combo.setCurrentIndex(index)
        else:
            self.responsible_combo.setEditText(a.responsible)
        self.description_edit.setPlainText(a.description)
        self._sync_times()
        self._show_previous()

    def _find_responsible(self, text: str) -> None:
        if len(text.strip()) < 2:
            return
        probe = Activity("-", self.service.today())
        people = self.service.find_members(probe, text, 8)
        self._found_members = {p.name: p.member_id for p in people}
        self._member_names.setStringList(list(self._found_members))

    def _sync_times(self) -> None:
        timed = self.timed_check.isChecked()
        self.start_edit.setEnabled(timed)
        self.end_check.setEnabled(timed)
        self.end_edit.setEnabled(timed and self.end_check.isChecked())
        self.all_day_label.setVisible(not timed)

    def kind(self) -> str:
        text = self.kind_combo.currentText()
        index = self.kind_combo.findText(text)
        if index >= 0 and self.kind_combo.itemData(index):
            return self.kind_combo.itemData(index)
        return kind_from_text(text)

    def _show_previous(self) -> None:
        kind = self.kind()
        self.previous_heading.setText(_("What earlier “{kind}” taught us").format(
            kind=kind_label(kind)))
        self.previous_box.setPlainText(evaluation_text(
            self.service, kind, exclude_id=self.activity.id if self.activity else None))

    def value(self) -> Activity:
        timed = self.timed_check.isChecked()
        start = self.start_edit.time()
        end = self.end_edit.time()
        base = self.activity
        responsible = self.responsible_combo.currentText().strip()
        index = self.responsible_combo.findText(responsible)
        responsible_id = (self.responsible_combo.itemData(index) if index > 0
                          else self._found_members.get(responsible))
        if responsible_id is None and base is not None and responsible == base.responsible:
            responsible_id = base.responsible_member_id
        return Activity(
            title=self.title_edit.text(), on_date=from_qdate(self.date_edit.date()),
            kind=self.kind(),
            starts_at=time(start.hour(), start.minute()) if timed else None,
            ends_at=(time(end.hour(), end.minute())
                     if timed and self.end_check.isChecked() else None),
            place=self.place_edit.text(), purpose=self.purpose_edit.text(),
            target_group=self.target_edit.text(), responsible=responsible,
            responsible_member_id=responsible_id,
            description=self.description_edit.toPlainText(),
            cancelled=base.cancelled if base else False, guests=base.guests if base else 0,
            id=base.id if base else None)

    def accept(self) -> None:
        self.errors.clear()
        self.general_error.clear()
        try:
            stored = self.service.save(self.value())
        except ValidationError as exc:
            self.errors.show_all({name: message(code) for name, code in exc.problems.items()})
            return
        except (DomainError, StorageError) as exc:
            self.general_error.setText(describe(exc))
            return
        self.activity = stored
        self.saved.emit(stored)
        super().accept()
