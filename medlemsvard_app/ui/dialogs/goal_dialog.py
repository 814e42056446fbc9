"""Set (or change, or remove) one of the board's goals: what, how much, by when."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.projection import Goal, GoalMetric
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.indicator_labels import goal_metric_label
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.session import Session
from medlemsvard_app.ui.dialogs.common import (
    add_row,
    from_qdate,
    hint_label,
    make_date_edit,
    new_form,
    title_label,
)
from medlemsvard_app.ui.notifier import Notifier


class GoalDialog(QDialog):
    """Saves through ``IndicatorService.save_goal``; ``saved`` holds the goal afterwards."""

    def __init__(self, session: Session, goal: Goal | None = None,
                 notifier: Notifier | None = None, parent: QWidget | None = None, *,
                 members: int | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.goal = goal
        self.saved: Goal | None = None
        self.deleted = False
        self.setWindowTitle(_("Set a goal") if goal is None else _("Change the goal"))
        self.setMinimumWidth(440)
        today = session.today()

        self.metric_combo = QComboBox()
        for metric in GoalMetric:
            self.metric_combo.addItem(goal_metric_label(metric), metric.value)
        self.target_spin = QDoubleSpinBox()
        self.target_spin.setDecimals(0)
        self.target_spin.setRange(0, 10_000_000)
        self.target_spin.setGroupSeparatorShown(True)
        self.date_edit = make_date_edit(goal.by_date if goal else date(today.year + 2, 12, 31))
        self.note_edit = QLineEdit(goal.note if goal else "")
        self.note_edit.setPlaceholderText(_("e.g. decided at the annual meeting"))

        form = new_form()
        add_row(form, _("&What"), self.metric_combo)
        add_row(form, _("&Target"), self.target_spin)
        add_row(form, _("&By"), self.date_edit)
        add_row(form, _("&Note"), self.note_edit)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        if goal is not None and goal.id is not None:
            self.delete_button = buttons.addButton(_("Remove the goal"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.clicked.connect(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.windowTitle()))
        layout.addWidget(hint_label(_(
            "The projection shows where today's joins and exits lead, and how many joins "
            "(or how few exits) a year the goal needs.")))
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.metric_combo.currentIndexChanged.connect(self._metric_changed)
        if goal is not None:
            self.metric_combo.setCurrentIndex(self.metric_combo.findData(goal.metric.value))
        self._metric_changed()
        if goal is not None:
            share = goal.metric.value.startswith("share_")
            self.target_spin.setValue(goal.target * 100 if share else goal.target)
        else:
            # A suggestion to start from: about a tenth more than today.
            if members is None:
                members = int(session.indicators().figure("members", today) or 0)
            self.target_spin.setValue(max(10, round(members * 1.1 / 10) * 10))

    def chosen_metric(self) -> GoalMetric:
        return GoalMetric(self.metric_combo.currentData())

    def _metric_changed(self) -> None:
        share = self.chosen_metric().value.startswith("share_")
        self.target_spin.setSuffix(" %" if share else "")
        self.target_spin.setMaximum(100 if share else 10_000_000)

    def save(self) -> None:
        metric = self.chosen_metric()
        target = self.target_spin.value()
        if metric.value.startswith("share_"):
            target /= 100
        goal = Goal(metric, target, from_qdate(self.date_edit.date()),
                    self.note_edit.text().strip(), self.goal.id if self.goal else None)
        try:
            self.saved, _changes = self.session.indicators().save_goal(goal)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence
            self.notifier.error(self, describe(exc))
            return
        self.accept()

    def delete(self) -> None:
        if self.goal is None or self.goal.id is None:
            return
        if not self.notifier.confirm(self, _("Remove this goal?")):
            return
        try:
            self.session.indicators().delete_goal(self.goal.id)
        except Exception as exc:  # noqa: BLE001
            self.notifier.error(self, describe(exc))
            return
        self.deleted = True
        self.accept()
