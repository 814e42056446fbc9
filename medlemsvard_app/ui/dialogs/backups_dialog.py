"""The backups of the open register: when, why, how big, how many members; restore one.

Restoring is done by the app (ui/app.py): it closes the register, keeps the current file
as a backup, puts the chosen one in place and opens it. This dialog shows what a backup
holds and asks for a plain confirmation first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services import backups
from medlemsvard_app.storage.errors import PassphraseNeeded, StorageError, WrongPassphrase
from medlemsvard_app.ui.dialogs.common import fit_to_screen, hint_label, title_label
from medlemsvard_app.ui.dialogs.passphrase_dialog import PassphraseDialog
from medlemsvard_app.ui.notifier import Notifier


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return _("{size} MB").format(size=f"{n / 1024 / 1024:.1f}")
    return _("{size} kB").format(size=max(1, round(n / 1024)))


class BackupsDialog(QDialog):
    #: (backup file, the passphrase that opens it or None)
    restore_requested = Signal(object, object)

    def __init__(self, session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.setWindowTitle(_("Backups"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Made"), _("Why"), _("Members"), _("Size"),
                                              _("Encrypted")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.folder_label = hint_label("")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_label = QLabel(_("No backups yet. One is made the first time the register "
                                    "is opened each day, and before every import."))
        self.empty_label.setWordWrap(True)
        self.backup_button = QPushButton(_("&Back up now"))
        self.restore_button = QPushButton(_("&Restore…"))
        for b in (self.backup_button, self.restore_button):
            b.setAutoDefault(False)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Backups")))
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.reload()
        fit_to_screen(self, 760, 440)

    def reload(self) -> None:
        self.items = backups.backups_of(self.session.path)
        self.folder_label.setText(_("Folder: {folder}").format(
            folder=backups.backup_folder(self.session.path)))
        self.table.setRowCount(len(self.items))
        for row, b in enumerate(self.items):
            members = b.members
            if members is None:
                members = self._count(b.path)
            cells = [
                f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M}",
                b.reason_text,
                format_count(members) if members is not None else "–",
                _size(b.size),
                _("Yes") if b.encrypted else _("No"),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(0)
        self.empty_label.setVisible(not self.items)
        self.table.setVisible(bool(self.items))
        if self.items:
            self.table.selectRow(0)
        self._selection_changed()

    def _count(self, path: Path) -> int | None:
        try:
            return backups.look_inside(path, self.session.passphrase).members
        except StorageError:
            return None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backups.Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def backup_now(self) -> None:
        try:
            backups.backup_now(self.session, "manual")
        except (StorageError, OSError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self.reload()

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        passphrase = self.session.passphrase if chosen.encrypted else None
        problem = ""
        while True:
            try:
                contents = backups.look_inside(chosen.path, passphrase)
                break
            except (WrongPassphrase, PassphraseNeeded) as exc:
                # made under an earlier passphrase: ask for that one
                ask = PassphraseDialog(chosen.path, self, problem=problem, prompt=_(
                    "This backup was made with another passphrase. Enter the passphrase it "
                    "had then."))
                if ask.exec() != QDialog.DialogCode.Accepted:
                    return
                passphrase, problem = ask.passphrase, describe(exc)
            except (StorageError, OSError) as exc:
                self.notifier.error(self, describe(exc))
                return
        if not contents.healthy:
            self.notifier.error(self, _("This backup is damaged and cannot be restored. Choose "
                                        "another one."))
            return
        when = f"{format_date(chosen.taken_at.date(), 'long')} {chosen.taken_at:%H:%M}"
        text = ngettext(
            "Restore the backup of {when} ({count} member)?\n\nThe register as it is now is "
            "saved as a backup first, then replaced by this one. Changes made after {when} "
            "will no longer be in the register (they stay in that new backup).",
            "Restore the backup of {when} ({count} members)?\n\nThe register as it is now is "
            "saved as a backup first, then replaced by this one. Changes made after {when} "
            "will no longer be in the register (they stay in that new backup).",
            contents.members).format(when=when, count=format_count(contents.members))
        if not self.notifier.confirm(self, text, _("Restore a backup")):
            return
        self.restore_requested.emit(chosen.path, passphrase)
        self.accept()
