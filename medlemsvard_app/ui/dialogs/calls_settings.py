"""The calls page of the settings: when the routine proposes rounds, what callers say, and
who calls. Everything is kept on the page and written when the settings are saved, so
Cancel leaves it all as it was."""

from __future__ import annotations

from babel.dates import get_month_names
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.calls import RoundPurpose, RoundSchedule
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.validation import FieldError, format_phone, normalise_phone
from medlemsvard_app.i18n import _, current_locale, ngettext
from medlemsvard_app.i18n.messages import describe, message
from medlemsvard_app.services.calls import BUILT_IN_POINTS, CallService, purpose_label
from medlemsvard_app.storage.calls import Caller
from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs.common import (
    add_row,
    error_label,
    hint_label,
    new_form,
)

#: The languages talking points are kept in (the app's languages).
LANGUAGES = (("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English"))


def _spin(low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setMinimumWidth(110)
    spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return spin


def _group(title: str, layout: QVBoxLayout | QHBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box


class DayMonthEdit(QWidget):
    """A day and a month of the dues year, e.g. 1 September."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day_spin = QSpinBox()
        self.day_spin.setRange(1, 31)
        self.day_spin.setAccessibleName(_("Day"))
        self.day_spin.setMinimumWidth(56)
        self.month_combo = QComboBox()
        self.month_combo.setAccessibleName(_("Month"))
        months = get_month_names("wide", locale=current_locale())
        for number in range(1, 13):
            self.month_combo.addItem(months[number], number)
        self.month_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setFocusProxy(self.day_spin)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day_spin)
        row.addWidget(self.month_combo)
        row.addStretch(1)

    def value(self) -> tuple[int, int]:
        """(month, day), as ``RoundSchedule`` keeps it."""
        return int(self.month_combo.currentData()), self.day_spin.value()

    def setValue(self, value: tuple[int, int]) -> None:  # noqa: N802
        month, day = value
        self.month_combo.setCurrentIndex(self.month_combo.findData(month))
        self.day_spin.setValue(day)


class CallsSettings(QWidget):
    """The "Calls" page; ``check()`` before ``save()``, both called by the settings."""

    def __init__(self, calls: CallService, country: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.calls = calls
        self.country = (country or "SE").upper()
        self.original_schedule = calls.schedule()
        self.original_points = calls.talking_points()
        self.points: dict[tuple[RoundPurpose, str], str] = {}
        self._shown: tuple[RoundPurpose, str] | None = None
        # Callers as the page holds them; new ones have no id until saved.
        calls.callers()  # the board's people are callers from the start
        self.callers: list[Caller] = calls.repo.callers(active_only=False)
        self.original_active = {c.id: c.active for c in self.callers}

        self.error = error_label()
        left = QVBoxLayout()
        left.addWidget(_group(_("When the routine proposes rounds"), self._build_schedule()))
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(_group(_("Talking points"), self._build_points()), 1)
        right.addWidget(_group(_("Callers"), self._build_callers()), 1)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addLayout(left, 5)
        columns.addLayout(right, 4)

        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(12, 12, 12, 12)
        body.setSpacing(8)
        body.addWidget(self.error)
        body.addLayout(columns)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self.load_schedule(self.original_schedule)
        self._show_points()
        self._fill_callers()
        style.scheme_changed().connect(self._scheme_changed)

    # ------------------------------------------------------------------ schedule
    def _build_schedule(self) -> QVBoxLayout:
        # The spin boxes allow more than the schedule does: a number out of range is
        # refused with a sentence rather than silently cut.
        self.new_member_spin = _spin(0, 999)
        self.invoice_spin = _spin(0, 999)
        self.reminder_spin = _spin(0, 999)
        self.autumn_from_edit = DayMonthEdit()
        self.autumn_to_edit = DayMonthEdit()
        self.former_spin = _spin(0, 999)
        self.retry_spin = _spin(0, 999)
        self.attempts_spin = _spin(1, 99)
        self.day_spins = (self.new_member_spin, self.former_spin, self.retry_spin)
        self.week_spins = (self.invoice_spin, self.reminder_spin)

        form = new_form()

        def row(text: str, widget: QWidget, hint: str) -> None:
            add_row(form, text, widget)
            form.addRow("", hint_label(hint))

        row(_("&New members joined within:"), self.new_member_spin,
            _("Called if nobody has reached them yet."))
        row(_("All-&members round:"), self.invoice_spin,
            _("Everyone, for this long after the invoice date."))
        row(_("&Unpaid round:"), self.reminder_spin,
            _("Those who have not paid, for this long after the first reminder."))
        row(_("Autumn round &from:"), self.autumn_from_edit,
            _("Those still unpaid are called once more."))
        add_row(form, _("Autumn round &to:"), self.autumn_to_edit)
        row(_("Members who &left within:"), self.former_spin,
            _("Called once, to ask why they left."))
        row(_("Call again &after:"), self.retry_spin,
            _("When a member did not answer."))
        row(_("At mo&st:"), self.attempts_spin,
            _("Calls per member and round without an answer."))
        box = QVBoxLayout()
        box.addLayout(form)
        box.addStretch(1)
        for spin in (*self.day_spins, *self.week_spins, self.attempts_spin):
            spin.valueChanged.connect(lambda _v, s=spin: self._suffix(s))
        return box

    def _suffix(self, spin: QSpinBox) -> None:
        n = spin.value()
        if spin in self.week_spins:
            text = ngettext("week", "weeks", n)
        elif spin is self.attempts_spin:
            text = ngettext("call", "calls", n)
        else:
            text = ngettext("day", "days", n)
        spin.setSuffix(" " + text)

    def load_schedule(self, s: RoundSchedule) -> None:
        self.new_member_spin.setValue(s.new_member_days)
        self.invoice_spin.setValue(s.invoice_weeks)
        self.reminder_spin.setValue(s.reminder_weeks)
        self.autumn_from_edit.setValue(s.autumn_from)
        self.autumn_to_edit.setValue(s.autumn_to)
        self.former_spin.setValue(s.former_days)
        self.retry_spin.setValue(s.retry_days)
        self.attempts_spin.setValue(s.max_attempts)
        for spin in (*self.day_spins, *self.week_spins, self.attempts_spin):
            self._suffix(spin)

    def schedule(self) -> RoundSchedule:
        """The schedule the page describes; raises ``DomainError`` when it does not add up."""
        return RoundSchedule(
            new_member_days=self.new_member_spin.value(),
            invoice_weeks=self.invoice_spin.value(),
            reminder_weeks=self.reminder_spin.value(),
            autumn_from=self.autumn_from_edit.value(),
            autumn_to=self.autumn_to_edit.value(),
            former_days=self.former_spin.value(),
            retry_days=self.retry_spin.value(),
            max_attempts=self.attempts_spin.value())

    # ------------------------------------------------------------------ talking points
    def _build_points(self) -> QVBoxLayout:
        self.purpose_combo = QComboBox()
        for purpose in RoundPurpose:
            self.purpose_combo.addItem(purpose_label(purpose), purpose.value)
        self.language_combo = QComboBox()
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        self.points_edit = QPlainTextEdit()
        self.points_edit.setMinimumHeight(90)
        self.points_hint = hint_label("")
        self.restore_button = QPushButton(_("&Restore the app's text"))
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.points_edit.clear)
        self.purpose_combo.currentIndexChanged.connect(lambda _i: self._show_points())
        self.language_combo.currentIndexChanged.connect(lambda _i: self._show_points())
        self.points_edit.textChanged.connect(self._sync_points)

        pick = QHBoxLayout()
        for_label = QLabel(_("Round:"))
        for_label.setBuddy(self.purpose_combo)
        pick.addWidget(for_label)
        pick.addWidget(self.purpose_combo, 1)
        in_label = QLabel(_("Language:"))
        in_label.setBuddy(self.language_combo)
        pick.addWidget(in_label)
        pick.addWidget(self.language_combo)
        bottom = QHBoxLayout()
        bottom.addWidget(self.points_hint, 1)
        bottom.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout()
        box.addLayout(pick)
        box.addWidget(self.points_edit, 1)
        box.addLayout(bottom)
        return box

    def _key(self) -> tuple[RoundPurpose, str]:
        return (RoundPurpose(self.purpose_combo.currentData()),
                str(self.language_combo.currentData()))

    def _show_points(self) -> None:
        key = self._key()
        text = self.points.get(key, self.original_points.get(*key))
        self._shown = None  # loading, not editing
        self.points_edit.setPlaceholderText(_(BUILT_IN_POINTS[key[0]]))
        self.points_edit.setPlainText(text)
        self._shown = key
        self._sync_points()

    def _sync_points(self) -> None:
        if self._shown is None:
            return
        text = self.points_edit.toPlainText()
        self.points[self._shown] = text
        own = bool(text.strip())
        self.restore_button.setEnabled(own)
        self.points_hint.setText(
            _("The association's own text.") if own else
            _("Empty: callers get the app's text, shown in grey. Write here to use your "
              "own."))

    def changed_points(self) -> dict[tuple[RoundPurpose, str], str]:
        return {key: text.strip() for key, text in self.points.items()
                if text.strip() != self.original_points.get(*key)}

    # ------------------------------------------------------------------ callers
    def _build_callers(self) -> QVBoxLayout:
        self.callers_list = QListWidget()
        self.callers_list.setMinimumHeight(90)
        self.caller_name_edit = QLineEdit()
        self.caller_name_edit.setPlaceholderText(_("Name of a new caller"))
        self.caller_phone_edit = QLineEdit()
        self.caller_phone_edit.setPlaceholderText(_("Phone (optional)"))
        self.caller_phone_edit.setMaximumWidth(160)
        self.add_caller_button = QPushButton(_("A&dd caller"))
        self.add_caller_button.setAutoDefault(False)
        self.toggle_caller_button = QPushButton(_("No longer &calls"))
        self.toggle_caller_button.setAutoDefault(False)
        self.caller_error = error_label()
        self.caller_name_edit.textChanged.connect(lambda _t: self._sync_callers())
        self.caller_name_edit.returnPressed.connect(self.add_caller)
        self.caller_phone_edit.returnPressed.connect(self.add_caller)
        self.add_caller_button.clicked.connect(self.add_caller)
        self.toggle_caller_button.clicked.connect(self.toggle_caller)
        self.callers_list.currentRowChanged.connect(lambda _r: self._sync_callers())

        add = QHBoxLayout()
        add.addWidget(self.caller_name_edit, 1)
        add.addWidget(self.caller_phone_edit)
        add.addWidget(self.add_caller_button)
        under = QHBoxLayout()
        under.addWidget(hint_label(_("Someone who no longer calls stays in the rounds they "
                                     "called in.")), 1)
        under.addWidget(self.toggle_caller_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout()
        box.addWidget(self.callers_list, 1)
        box.addLayout(under)
        box.addLayout(add)
        box.addWidget(self.caller_error)
        return box

    def _fill_callers(self, select: int | None = None) -> None:
        self.callers_list.clear()
        self.callers.sort(key=lambda c: c.name.casefold())
        for caller in self.callers:
            text = caller.name
            if caller.phone:
                text += " · " + format_phone(caller.phone, self.country)
            if not caller.active:
                text += " — " + _("no longer calls")
            item = QListWidgetItem(text)
            if not caller.active:
                item.setForeground(style.ink("muted"))  # as the scheme is now
            self.callers_list.addItem(item)
        if select is not None:
            self.callers_list.setCurrentRow(select)
        self._sync_callers()

    def _scheme_changed(self, _dark: bool) -> None:
        """Light or dark now: the greyed callers take the new muted colour (in place, so
        nothing being typed is touched)."""
        for row, caller in enumerate(self.callers):
            item = self.callers_list.item(row)
            if item is not None and not caller.active:
                item.setForeground(style.ink("muted"))

    def _current_caller(self) -> Caller | None:
        row = self.callers_list.currentRow()
        return self.callers[row] if 0 <= row < len(self.callers) else None

    def _sync_callers(self) -> None:
        self.add_caller_button.setEnabled(bool(self.caller_name_edit.text().strip()))
        caller = self._current_caller()
        self.toggle_caller_button.setEnabled(caller is not None)
        self.toggle_caller_button.setText(
            _("Calls a&gain") if caller is not None and not caller.active
            else _("No longer &calls"))

    def add_caller(self) -> None:
        name = " ".join(self.caller_name_edit.text().split())
        if not name:
            return
        try:
            phone = normalise_phone(self.caller_phone_edit.text(), self.country)
        except FieldError as exc:
            self.caller_error.setText(message(exc.code))
            self.caller_error.show()
            return
        self.caller_error.hide()
        same = next((c for c in self.callers if c.name.casefold() == name.casefold()), None)
        if same is not None:  # the same person again: they call again
            same.active = True
        else:
            same = Caller(name, phone)
            self.callers.append(same)
        self.caller_name_edit.clear()
        self.caller_phone_edit.clear()
        self._fill_callers()
        self.callers_list.setCurrentRow(self.callers.index(same))

    def toggle_caller(self) -> None:
        caller = self._current_caller()
        if caller is None:
            return
        caller.active = not caller.active
        self._fill_callers(self.callers.index(caller))

    # ------------------------------------------------------------------ saving
    def check(self) -> RoundSchedule | None:
        """The edited schedule, or None after saying what is wrong."""
        try:
            schedule = self.schedule()
        except DomainError as exc:
            self.error.setText(describe(exc) + " " + _("Days and weeks go up to 400."))
            self.error.show()
            self.scroll.ensureWidgetVisible(self.error)
            return None
        self.error.clear()
        self.error.hide()
        return schedule

    def has_changes(self) -> bool:
        try:
            schedule_changed = self.schedule() != self.original_schedule
        except DomainError:
            return True
        return (schedule_changed or bool(self.changed_points())
                or any(c.id is None or c.active != self.original_active.get(c.id)
                       for c in self.callers))

    def save(self, schedule: RoundSchedule) -> None:
        """Write what changed (the settings dialog catches and shows errors)."""
        if schedule != self.original_schedule:
            self.calls.save_schedule(schedule)
            self.original_schedule = schedule
        for (purpose, language), text in self.changed_points().items():
            self.calls.save_talking_points(purpose, language, text)
        self.original_points = self.calls.talking_points()
        for caller in self.callers:
            if caller.id is None:
                self.calls.add_caller(caller.name, caller.phone)
            elif caller.active != self.original_active.get(caller.id):
                self.calls.set_caller_active(caller.id, caller.active)
        self.callers = self.calls.repo.callers(active_only=False)
        self.original_active = {c.id: c.active for c in self.callers}
