"""A task the association needs done: title, description, the skills and interests it
wants (tags, matched against members'), who is responsible, and whether it is open."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.tasks import Task, TaskStatus
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.i18n.welcome_labels import task_status_label
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    TagEditor,
    add_row,
    error_label,
    hint_label,
    new_form,
    with_error,
)


class TaskDialog(QDialog):
    def __init__(self, tasks, known_tags: list[str], task: Task | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.task = task or Task("")
        self.saved_task: Task | None = None
        self.setWindowTitle(_("New task") if task is None else _("Task"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = new_form()
        self.title_edit = QLineEdit(self.task.title)
        self.title_edit.setObjectName("taskTitle")
        self.title_error = error_label()
        add_row(form, _("&Title"), self.title_edit, with_error(self.title_edit, self.title_error))
        self.description_edit = QPlainTextEdit(self.task.description)
        self.description_edit.setObjectName("taskDescription")
        self.description_edit.setFixedHeight(70)
        add_row(form, _("&Description"), self.description_edit)
        self.tags_editor = TagEditor(known_tags, _("e.g. writing, photography"))
        self.tags_editor.setObjectName("taskTags")
        self.tags_editor.set_tags(self.task.tags)
        add_row(form, _("&Wanted skills and interests"), self.tags_editor.input_edit,
                self.tags_editor)
        self.responsible_edit = QLineEdit(self.task.responsible)
        self.responsible_edit.setObjectName("taskResponsible")
        add_row(form, _("&Responsible"), self.responsible_edit)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("taskStatus")
        for status in TaskStatus:
            self.status_combo.addItem(task_status_label(status), status.value)
        self.status_combo.setCurrentIndex(self.status_combo.findData(self.task.status.value))
        add_row(form, _("S&tatus"), self.status_combo)
        layout.addLayout(form)
        layout.addWidget(hint_label(_("Members whose interests or skills share words with the "
                                      "wanted ones are suggested for the task.")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.title_edit.setFocus()

    def collect(self) -> Task:
        return Task(self.title_edit.text(), self.description_edit.toPlainText(),
                    self.tags_editor.tags(), self.responsible_edit.text(),
                    TaskStatus(self.status_combo.currentData()), self.task.created_on,
                    self.task.id)

    def accept(self) -> None:
        try:
            self.saved_task = self.tasks.save(self.collect())
        except DomainError as exc:
            self.title_error.setText(describe(exc))
            self.title_error.show()
            self.title_edit.setFocus()
            return
        except StorageError as exc:
            self.title_error.setText(describe(exc))
            self.title_error.show()
            return
        super().accept()
