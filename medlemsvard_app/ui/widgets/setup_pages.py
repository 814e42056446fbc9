"""Setting widgets shared by the start guide and the settings dialog, so the two never drift:
the logo picker, the board table, the backup folder and the passphrase status."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.models import BoardPost, BoardRole
from medlemsvard_app.domain.validation import (
    FieldError,
    format_phone,
    normalise_email,
    normalise_phone,
)
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import board_role_label, message
from medlemsvard_app.ui.dialogs.common import error_label, hint_label, set_combo_data

LOGO_MAX = (1200, 600)
LOGO_PREVIEW = (220, 90)
#: the posts a new board fills first, in this order
FIRST_ROLES = (BoardRole.CHAIR, BoardRole.VICE_CHAIR, BoardRole.SECRETARY,
               BoardRole.TREASURER, BoardRole.MEMBERSHIP_OFFICER)


def image_to_png(image: QImage) -> bytes:
    """PNG bytes of an image, scaled down to a size fit for a letterhead."""
    if image.width() > LOGO_MAX[0] or image.height() > LOGO_MAX[1]:
        image = image.scaled(*LOGO_MAX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


# --------------------------------------------------------------------------- logo
class LogoPicker(QWidget):
    """A preview of the logo with Choose and Remove; ``logo()`` is the PNG to store."""

    changed = Signal()

    def __init__(self, logo: bytes | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._logo = logo
        self.preview = QLabel()
        self.preview.setFixedSize(*LOGO_PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setObjectName("logoPreview")  # white in both themes: ui/style.py
        self.preview.setAccessibleName(_("Logo preview"))
        self.choose_button = QPushButton(_("Choose pict&ure…"))
        self.choose_button.setAutoDefault(False)
        self.remove_button = QPushButton(_("Remo&ve"))
        self.remove_button.setAutoDefault(False)
        self.error = error_label()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row)
        outer.addWidget(self.error)
        outer.addWidget(hint_label(_("A PNG or JPEG picture, printed at the top of letters.")))
        self.choose_button.clicked.connect(self.choose_logo)
        self.remove_button.clicked.connect(self.remove_logo)
        self._show()

    def logo(self) -> bytes | None:
        return self._logo

    def set_logo(self, logo: bytes | None) -> None:
        self._logo = logo
        _set_error(self.error, "")
        self._show()

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the association's logo"), str(Path.home()),
            _("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        """Read a PNG or JPEG file as the logo (stored as PNG); False if it is not a picture."""
        image = QImage(str(path))
        if image.isNull():
            _set_error(self.error, _(
                "This file is not a picture Medlemsvård can read. Choose a PNG or JPEG file."))
            return False
        self.set_logo(image_to_png(image))
        self.changed.emit()
        return True

    def remove_logo(self) -> None:
        self.set_logo(None)
        self.changed.emit()

    def _show(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo, "PNG"):
            w, h = LOGO_PREVIEW
            self.preview.setPixmap(pixmap.scaled(
                w - 8, h - 8, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            self.remove_button.setEnabled(True)
        else:
            self.preview.clear()
            self.preview.setText(_("No logo"))
            self.remove_button.setEnabled(False)


# --------------------------------------------------------------------------- board
class BoardModel(QAbstractTableModel):
    """The board posts, in order, editable in place."""

    COLUMNS = ("role", "title", "person_name", "phone", "email")

    def __init__(self, posts: list[BoardPost], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.posts = [replace(p) for p in posts]

    def headers(self) -> list[str]:
        return [_("Role"), _("Title (optional)"), _("Name"), _("Phone"), _("E-mail")]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.posts)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers()[section] if 0 <= section < len(self.COLUMNS) else None
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.posts)):
            return None
        post = self.posts[index.row()]
        name = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if name == "role":
                return (board_role_label(post.role.value)
                        if role == Qt.ItemDataRole.DisplayRole else post.role.value)
            return getattr(post, name)
        if role == Qt.ItemDataRole.ToolTipRole and name == "title":
            return _("A title of your own, e.g. \"Study organiser\"; leave empty to use the role")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        post = self.posts[index.row()]
        name = self.COLUMNS[index.column()]
        if name == "role":
            try:
                post.role = BoardRole(value)
            except ValueError:
                return False
        else:
            setattr(post, name, " ".join(str(value or "").split()))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True

    def refresh(self) -> None:
        if self.posts:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.posts) - 1, len(self.COLUMNS) - 1))

    def reset(self, posts: list[BoardPost]) -> None:
        self.beginResetModel()
        self.posts = [replace(p) for p in posts]
        self.endResetModel()

    def add(self, role: BoardRole = BoardRole.BOARD_MEMBER) -> int:
        row = len(self.posts)
        self.beginInsertRows(QModelIndex(), row, row)
        self.posts.append(BoardPost(role=role))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.posts):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.posts[row]
            self.endRemoveRows()

    def move(self, row: int, delta: int) -> int:
        """Move a post up (-1) or down (+1); returns its new row."""
        target = row + delta
        if not (0 <= row < len(self.posts) and 0 <= target < len(self.posts)):
            return row
        # Qt's destination is the row *before which* the moved row lands.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self.posts.insert(target, self.posts.pop(row))
        self.endMoveRows()
        return target


class RoleDelegate(QStyledItemDelegate):
    """Edit the role column with a drop-down of the translated role names."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Role"))
        for role in BoardRole:
            combo.addItem(board_role_label(role.value), role.value)
        return combo

    def setEditorData(self, editor: QWidget,  # noqa: N802
                      index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        set_combo_data(editor, index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractTableModel,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class BoardEditor(QWidget):
    """The board: who holds which post, with phone and e-mail; add, remove, reorder."""

    def __init__(self, posts: list[BoardPost], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BoardModel(posts, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Posts on the board"))
        self.view.setItemDelegateForColumn(0, RoleDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((150, 125, 140, 110)):
            self.view.setColumnWidth(column, width)
        self.label = QLabel(_("&Posts on the board:"))
        self.label.setBuddy(self.view)

        self.add_button = QPushButton(_("A&dd post"))
        self.remove_button = QPushButton(_("Re&move"))
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move do&wn"))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button,
                       self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.error = error_label()

        table_row = QHBoxLayout()
        table_row.addWidget(self.view, 1)
        table_row.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(hint_label(_(
            "Who holds which post, and how to reach them. Letters, call sheets and the board "
            "report use these. Double-click a cell to change it.")))
        outer.addWidget(self.label)
        outer.addLayout(table_row, 1)
        outer.addWidget(self.error)

        self.add_button.clicked.connect(self.add_post)
        self.remove_button.clicked.connect(self.remove_post)
        self.up_button.clicked.connect(lambda: self.move_post(-1))
        self.down_button.clicked.connect(lambda: self.move_post(1))
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self.sync_buttons())
        self.model.rowsInserted.connect(lambda *_a: self.sync_buttons())
        self.model.rowsRemoved.connect(lambda *_a: self.sync_buttons())
        self.model.rowsMoved.connect(lambda *_a: self.sync_buttons())
        self.model.modelReset.connect(self.sync_buttons)
        self.sync_buttons()

    def posts(self) -> list[BoardPost]:
        """The posts as shown, after committing a cell being typed in."""
        if self.view.state() == QAbstractItemView.State.EditingState:
            self.view.setCurrentIndex(QModelIndex())
        return [replace(p) for p in self.model.posts]

    def set_posts(self, posts: list[BoardPost]) -> None:
        self.model.reset(posts)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        rows = self.view.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        return index.row() if index.isValid() else -1

    def sync_buttons(self) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def add_post(self) -> None:
        taken = {p.role for p in self.model.posts}
        role = next((r for r in FIRST_ROLES if r not in taken), BoardRole.BOARD_MEMBER)
        row = self.model.add(role)
        index = self.model.index(row, BoardModel.COLUMNS.index("person_name"))
        self.view.setCurrentIndex(index)
        self.view.selectRow(row)
        self.view.setFocus()
        self.view.edit(index)

    def remove_post(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.remove(row)
            if self.model.rowCount():
                self.view.selectRow(min(row, self.model.rowCount() - 1))

    def move_post(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        new_row = self.model.move(row, delta)
        self.view.selectRow(new_row)
        self.sync_buttons()

    def problems(self, country: str) -> str:
        """Tidy phone numbers and e-mails in place; one line per post that cannot be."""
        if self.view.state() == QAbstractItemView.State.EditingState:
            self.view.setCurrentIndex(QModelIndex())
        lines: list[str] = []
        for post in self.model.posts:
            who = post.person_name or post.title or board_role_label(post.role.value)
            try:
                post.email = normalise_email(post.email)
            except FieldError as exc:
                lines.append(_("{who}, e-mail: {problem}").format(
                    who=who, problem=message(exc.code)))
            try:
                if post.phone:
                    post.phone = format_phone(normalise_phone(post.phone, country), country)
            except FieldError as exc:
                lines.append(_("{who}, phone: {problem}").format(
                    who=who, problem=message(exc.code)))
        self.model.refresh()  # phone numbers and e-mails may have been tidied
        return "\n".join(lines)


# --------------------------------------------------------------------------- backups
class BackupFolderPicker(QWidget):
    """Where this computer keeps the file's backups (a per-machine setting, see
    services/security.py); empty means the default folder."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from medlemsvard_app.services.backups import backup_folder
        from medlemsvard_app.services.security import load_settings

        self.database = Path(database)
        chosen = load_settings().backup_folder_for(self.database)
        self._loaded = str(chosen) if chosen else ""
        self.folder_edit = QLineEdit(self._loaded)
        self.folder_edit.setPlaceholderText(str(backup_folder(self.database).parent))
        self.browse_button = QPushButton(_("Choose &folder…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.setMinimumWidth(self.browse_button.sizeHint().width())
        self.label = QLabel(_("Backup f&older:"))
        self.label.setBuddy(self.folder_edit)
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row)
        outer.addWidget(self.error)
        outer.addWidget(hint_label(_(
            "A copy of the register is made every day it is opened and before big changes. "
            "A folder on an external drive or a synchronised folder keeps the copies safe if "
            "this computer is lost. Leave it empty to use the default folder.")))
        self.browse_button.clicked.connect(self.browse)

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the backup folder"), self.folder_edit.text() or str(Path.home()))
        if folder:
            self.folder_edit.setText(folder)

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text).expanduser() if text else None

    def check(self) -> bool:
        folder = self.folder()
        if folder is not None and folder.exists() and not folder.is_dir():
            _set_error(self.error, _("This is a file, not a folder."))
            return False
        _set_error(self.error, "")
        return True

    def save(self) -> None:
        """Store the folder for this computer, if it was changed here (the Security dialog
        edits the same setting)."""
        if self.folder_edit.text().strip() == self._loaded:
            return
        from medlemsvard_app.services.security import load_settings, save_settings

        save_settings(load_settings().with_backup_folder(self.database, self.folder()))
        self._loaded = self.folder_edit.text().strip()


# --------------------------------------------------------------------------- passphrase
def passphrase_status_text(encrypted: bool) -> str:
    """Where the register stands, and where the passphrase is set later."""
    if encrypted:
        from medlemsvard_app.ui.dialogs.passphrase_dialog import no_back_door_text

        return _("This register is encrypted: without the passphrase the file and its "
                 "backups cannot be read.") + " " + no_back_door_text()
    return _("This register is not encrypted. Anyone who gets hold of the file or a backup "
             "can read every member's details. You can set a passphrase later under "
             "File → Security.")
