"""The welcome checklist's settings: how long a member counts as new, and the steps (when
each is due, whose it is, and a line of guidance). Built-in steps show the app's words,
translated, until the association writes its own."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.welcome import (
    DEFAULT_STEPS,
    OFFSET_RANGE,
    OWNERS,
    PERIOD_RANGE,
    Anchor,
    StepDef,
    WelcomeSettings,
)
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.welcome_labels import (
    STEP_GUIDANCE,
    STEP_TITLES,
    anchor_label,
    fact_label,
    owner_label,
    step_title,
)
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import add_row, error_label, hint_label, new_form
from medlemsvard_app.ui.notifier import Notifier


def step_line(step: StepDef) -> str:
    return _("{title} — {days} days {anchor} · {owner}").format(
        title=step_title(step), days=step.offset_days, anchor=anchor_label(step.anchor),
        owner=owner_label(step.owner))


class WelcomeSettingsDialog(QDialog):
    def __init__(self, welcome, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.welcome = welcome
        self.notifier = notifier or Notifier()
        settings = welcome.settings()
        self.steps: list[StepDef] = list(settings.steps)
        self.setWindowTitle(_("Welcome checklist settings"))
        self.setMinimumSize(760, 520)
        layout = QVBoxLayout(self)
        top = new_form()
        self.period_spin = QSpinBox()
        self.period_spin.setObjectName("welcomePeriod")
        self.period_spin.setRange(*PERIOD_RANGE)
        self.period_spin.setValue(settings.period_days)
        self.period_spin.setSuffix(" " + _("days"))
        self.period_spin.setMinimumWidth(110)
        self.period_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        add_row(top, _("A member is &new for"), self.period_spin)
        self.lead_spin = QSpinBox()
        self.lead_spin.setObjectName("welcomeLead")
        self.lead_spin.setRange(0, OFFSET_RANGE[1])
        self.lead_spin.setValue(settings.lead_days)
        self.lead_spin.setSuffix(" " + _("days"))
        self.lead_spin.setMinimumWidth(110)
        self.lead_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        add_row(top, _("A step shows as due &before its date"), self.lead_spin)
        layout.addLayout(top)

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.step_list = QListWidget()
        self.step_list.setObjectName("welcomeSteps")
        self.step_list.setWordWrap(True)
        left.addWidget(QLabel(_("Steps")))
        left.addWidget(self.step_list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("&Add step"))
        self.remove_button = QPushButton(_("&Remove"))
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move d&own"))
        self.defaults_button = QPushButton(_("Built-in &steps"))
        self.defaults_button.setToolTip(_("Put back the app's own steps"))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button,
                       self.defaults_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        left.addLayout(row)
        body.addLayout(left, 3)

        form = new_form()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("stepTitle")
        add_row(form, _("&Title"), self.title_edit)
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("stepDays")
        self.days_spin.setRange(*OFFSET_RANGE)
        self.days_spin.setSuffix(" " + _("days"))
        self.days_spin.setMinimumWidth(110)
        self.days_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        add_row(form, _("&Due"), self.days_spin)
        self.anchor_combo = QComboBox()
        self.anchor_combo.setObjectName("stepAnchor")
        for anchor in Anchor:
            self.anchor_combo.addItem(anchor_label(anchor), anchor.value)
        add_row(form, _("&Counted"), self.anchor_combo)
        self.owner_combo = QComboBox()
        self.owner_combo.setObjectName("stepOwner")
        for owner in OWNERS:
            self.owner_combo.addItem(owner_label(owner), owner)
        add_row(form, _("&Whose step"), self.owner_combo)
        self.guidance_edit = QPlainTextEdit()
        self.guidance_edit.setObjectName("stepGuidance")
        self.guidance_edit.setFixedHeight(80)
        add_row(form, _("&Guidance"), self.guidance_edit)
        self.fact_label = hint_label("")
        form.addRow(QLabel(_("Ticks itself when")), self.fact_label)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addStretch(1)
        body.addWidget(holder, 4)
        layout.addLayout(body, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.step_list.currentRowChanged.connect(lambda _r: self._show_step())
        self.title_edit.textEdited.connect(lambda _t: self._edit())
        self.days_spin.valueChanged.connect(lambda _v: self._edit())
        self.anchor_combo.currentIndexChanged.connect(lambda _i: self._edit())
        self.owner_combo.currentIndexChanged.connect(lambda _i: self._edit())
        self.guidance_edit.textChanged.connect(self._edit)
        self.add_button.clicked.connect(lambda _c=False: self.add_step())
        self.remove_button.clicked.connect(lambda _c=False: self.remove_step())
        self.up_button.clicked.connect(lambda _c=False: self.move(-1))
        self.down_button.clicked.connect(lambda _c=False: self.move(1))
        self.defaults_button.clicked.connect(lambda _c=False: self.built_in())
        self._loading = False
        self._fill(0)

    def _fill(self, select: int) -> None:
        self._loading = True
        self.step_list.clear()
        for step in self.steps:
            item = QListWidgetItem(step_line(step))
            item.setData(Qt.ItemDataRole.UserRole, step.code)
            self.step_list.addItem(item)
        self._loading = False
        if self.steps:
            self.step_list.setCurrentRow(max(0, min(select, len(self.steps) - 1)))
        self._show_step()

    def _show_step(self) -> None:
        row = self.step_list.currentRow()
        enabled = 0 <= row < len(self.steps)
        for widget in (self.title_edit, self.days_spin, self.anchor_combo, self.owner_combo,
                       self.guidance_edit, self.remove_button, self.up_button,
                       self.down_button):
            widget.setEnabled(enabled)
        if not enabled:
            return
        step = self.steps[row]
        self._loading = True
        self.title_edit.setText(step.title)
        self.title_edit.setPlaceholderText(_(STEP_TITLES[step.code])
                                           if step.code in STEP_TITLES else "")
        self.days_spin.setValue(step.offset_days)
        self.anchor_combo.setCurrentIndex(self.anchor_combo.findData(step.anchor.value))
        self.owner_combo.setCurrentIndex(self.owner_combo.findData(step.owner))
        self.guidance_edit.setPlainText(step.guidance)
        self.guidance_edit.setPlaceholderText(_(STEP_GUIDANCE[step.code])
                                              if step.code in STEP_GUIDANCE else "")
        self.fact_label.setText(fact_label(step.fact))
        self._loading = False

    def _edit(self) -> None:
        row = self.step_list.currentRow()
        if self._loading or not 0 <= row < len(self.steps):
            return
        step = replace(self.steps[row], title=self.title_edit.text().strip(),
                       offset_days=self.days_spin.value(),
                       anchor=Anchor(self.anchor_combo.currentData()),
                       owner=self.owner_combo.currentData(),
                       guidance=self.guidance_edit.toPlainText().strip())
        self.steps[row] = step
        self.step_list.item(row).setText(step_line(step))

    def add_step(self) -> None:
        current = WelcomeSettings(steps=tuple(self.steps)) if self._valid_codes() else None
        code = current.new_code() if current else f"own_{len(self.steps) + 1}"
        self.steps.append(StepDef(code, Anchor.JOINED, 30, "membership_officer",
                                  title=_("New step")))
        self._fill(len(self.steps) - 1)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def _valid_codes(self) -> bool:
        codes = [s.code for s in self.steps]
        return len(codes) == len(set(codes))

    def remove_step(self) -> None:
        row = self.step_list.currentRow()
        if 0 <= row < len(self.steps):
            del self.steps[row]
            self._fill(row)

    def move(self, delta: int) -> None:
        row = self.step_list.currentRow()
        target = row + delta
        if 0 <= row < len(self.steps) and 0 <= target < len(self.steps):
            self.steps[row], self.steps[target] = self.steps[target], self.steps[row]
            self._fill(target)

    def built_in(self) -> None:
        """The app's steps back, keeping the association's own steps after them."""
        own = [s for s in self.steps if s.code not in {d.code for d in DEFAULT_STEPS}]
        self.steps = [*DEFAULT_STEPS, *own]
        self._fill(0)

    def settings(self) -> WelcomeSettings:
        return WelcomeSettings(self.period_spin.value(), self.lead_spin.value(),
                               tuple(self.steps))

    def accept(self) -> None:
        try:
            self.welcome.save_settings(self.settings())
        except (DomainError, StorageError) as exc:
            self.error.setText(describe(exc))
            self.error.show()
            return
        super().accept()
