"""Entering results from a printed call sheet: the same members in the same order as on
paper, one row each, so a caller who phoned without the app can type in what they ticked.

The rows come from CallService.queue for the sheet's date (what the sheet printed); a row
whose outcome is left blank was not called and is not recorded. Saving goes through
CallService.log, row by row in the sheet's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.calls import CallOutcome, Mood
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.call_labels import mood_label, outcome_label
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.session import Session
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.call_panel import OUTCOMES
from medlemsvard_app.ui.dialogs.common import (
    fit_to_screen,
    from_qdate,
    hint_label,
    make_date_edit,
    title_label,
    to_qdate,
)
from medlemsvard_app.ui.notifier import Notifier


@dataclass(slots=True)
class SheetRow:
    """The widgets of one member's line on the sheet."""

    member_id: int
    name: str
    outcome: QComboBox
    mood: QComboBox
    note: QLineEdit
    saved: bool = False

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.outcome, self.mood, self.note)


class SheetResultsDialog(QDialog):
    """One row per member of the sheet: outcome, mood and a note; blank outcome = not called."""

    #: calls were recorded (how many); the page refreshes its queue and counts
    recorded = Signal(int)

    def __init__(self, session: Session, round_id: int, caller_id: int, caller_name: str,
                 notifier: Notifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.calls = session.calls()
        self.round_id = round_id
        self.caller_id = caller_id
        self.notifier = notifier
        self.rows: list[SheetRow] = []
        self.setWindowTitle(_("Enter results from a sheet"))
        fit_to_screen(self, 820, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Results from {caller}’s call sheet").format(
            caller=caller_name)))
        head = QHBoxLayout()
        date_label = QLabel(_("Sheet &date"))
        self.date_edit = make_date_edit(session.today())
        self.date_edit.setMaximumDate(to_qdate(session.today()))
        date_label.setBuddy(self.date_edit)
        head.addWidget(date_label)
        head.addWidget(self.date_edit)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(hint_label(_(
            "The members in the order of the printed sheet. Leave the outcome blank for "
            "those who were not called. Tab moves through a row; ↑ and ↓ in a note move "
            "to the row above or below; a digit in the outcome picks it (1 = reached).")))
        self.count_label = QLabel()
        self.count_label.setObjectName("sheetCount")
        layout.addWidget(self.count_label)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.scroll, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save results"))
        self.save_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(lambda _d: self.load())
        self.load()

    def sheet_day(self) -> date:
        return from_qdate(self.date_edit.date())

    # -- the rows -----------------------------------------------------------------------
    def load(self) -> None:
        """The sheet's members for its date, in the sheet's order, with empty answers."""
        country = self.session.association.country.value
        entries = self.calls.queue(self.round_id, self.caller_id, self.sheet_day())
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for column, text in enumerate((_("No."), _("Name"), _("Phone"), _("Outcome"),
                                       _("Mood"), _("Note"))):
            label = QLabel(text)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, 0, column)
        self.rows = []
        for entry in entries:
            member = self.session.members.get(entry.member_id)
            if member is None:
                continue
            number = len(self.rows) + 1
            outcome = QComboBox()
            outcome.addItem("", None)
            for key, code in enumerate(OUTCOMES, start=1):
                outcome.addItem(f"{key}  {outcome_label(code)}", code.value)
            outcome.installEventFilter(self)
            outcome.setAccessibleName(_("Outcome for {name}").format(
                name=member.display_name))
            mood = QComboBox()
            mood.addItem("", None)
            for code in Mood:
                mood.addItem(mood_label(code), code.value)
            mood.setAccessibleName(_("Mood for {name}").format(name=member.display_name))
            note = QLineEdit()
            note.setAccessibleName(_("Note for {name}").format(name=member.display_name))
            note.installEventFilter(self)
            row = SheetRow(entry.member_id, member.display_name, outcome, mood, note)
            self.rows.append(row)
            grid.addWidget(QLabel(format_count(number)), number, 0)
            grid.addWidget(QLabel(member.display_name), number, 1)
            grid.addWidget(QLabel(format_phone(member.phone, country)), number, 2)
            grid.addWidget(outcome, number, 3)
            grid.addWidget(mood, number, 4)
            grid.addWidget(note, number, 5)
            outcome.currentIndexChanged.connect(lambda _i: self._update())
        grid.setColumnStretch(5, 1)
        grid.setRowStretch(len(self.rows) + 1, 1)
        if not self.rows:
            grid.addWidget(hint_label(_("Nobody was on this caller’s sheet on that date.")),
                           1, 0, 1, 6)
        self.scroll.setWidget(grid_widget)
        chain: list[QWidget] = [self.date_edit]
        for row in self.rows:
            chain.extend(row.widgets())
        chain.append(self.save_button)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """↑/↓ in a note go to the note of the row above or below, as on paper; a digit
        in an outcome picks the outcome of that key (0 clears it), as in the call panel."""
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
                and isinstance(event, QKeyEvent):
            combo = next((r.outcome for r in self.rows if r.outcome is watched), None)
            if combo is not None and event.text().isdigit() \
                    and int(event.text()) < combo.count():
                # Claim the digit before any shortcut does: here it picks the outcome.
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    combo.setCurrentIndex(int(event.text()))
                return True
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            index = next((i for i, r in enumerate(self.rows) if r.note is watched), None)
            if step is not None and index is not None:
                target = index + step
                if 0 <= target < len(self.rows):
                    self.rows[target].note.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.scroll.ensureWidgetVisible(self.rows[target].note)
                return True
        return super().eventFilter(watched, event)

    def filled(self) -> list[SheetRow]:
        return [r for r in self.rows if not r.saved and r.outcome.currentData() is not None]

    def _update(self) -> None:
        n = len(self.filled())
        self.count_label.setText(
            _("{members} on the sheet; {filled}.").format(
                members=ngettext("{count} member", "{count} members", len(self.rows)).format(
                    count=format_count(len(self.rows))),
                filled=ngettext("{count} result to record", "{count} results to record",
                                n).format(count=format_count(n))))
        self.save_button.setEnabled(n > 0)

    # -- saving -------------------------------------------------------------------------
    def save(self) -> None:
        """Log the filled rows in the sheet's order; a row with a mood or a note but no
        outcome is an oversight, so nothing is saved until it is fixed or cleared."""
        missing = [r.name for r in self.rows if not r.saved and r.outcome.currentData() is None
                   and (r.mood.currentData() is not None or r.note.text().strip())]
        if missing:
            self.notifier.error(self, _(
                "Choose an outcome for {names}, or clear the mood and note: a row without an "
                "outcome is taken as not called.").format(names=", ".join(missing)))
            return
        day = self.sheet_day()
        done = 0
        for row in self.filled():
            mood = row.mood.currentData()
            try:
                self.calls.log(row.member_id, CallOutcome(row.outcome.currentData()), day,
                               mood=Mood(mood) if mood else None, note=row.note.text(),
                               round_id=self.round_id, caller_id=self.caller_id)
            except (DomainError, StorageError) as exc:
                self._mark_saved(done)
                self.notifier.error(self, describe(exc))
                return
            row.saved = True
            done += 1
        self.recorded.emit(done)
        self.accept()

    def _mark_saved(self, done: int) -> None:
        """After a failure part-way: the rows already recorded cannot be saved twice."""
        for row in self.rows:
            if row.saved:
                for widget in row.widgets():
                    widget.setEnabled(False)
        if done:
            self.date_edit.setEnabled(False)
            self.recorded.emit(done)
        self._update()
