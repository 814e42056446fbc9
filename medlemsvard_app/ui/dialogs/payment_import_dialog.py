"""Record a payment list from the bank or the central register: choose the file, look at
how each row was matched, decide the ambiguous ones, import.

The reading and matching is ``services.payment_import``; the dialog only shows it. Each
row says in words and in colour what happens to it, which member it went to and how it
was matched. An ambiguous row gets a drop-down of its candidates and is recorded only
once the user picks one; unmatched and invalid rows are never recorded, and can be saved
to a CSV file for follow-up. A large file is read, and its rows matched, in a job behind
a progress dialog; recording the chosen rows runs in a job too, on its own connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
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

from medlemsvard_app.domain.cells import cell_text
from medlemsvard_app.domain.payment_matching import MatchStatus, PaymentField
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count, format_date, format_money
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.import_files import ImportFileError
from medlemsvard_app.services.payment_import import (
    ApplyResult,
    PaymentFileError,
    PaymentPreview,
    PaymentRow,
    apply_payments,
    choose_member,
    field_name,
    method_label,
    preview_payments,
    set_included,
    status_label,
    summary_line,
    write_follow_up,
)
from medlemsvard_app.services.session import Session, open_session
from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs.common import (
    error_label,
    fit_to_screen,
    hint_label,
    palette_colour,
    restyle,
    row_tint,
)
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.workers import Job, ProgressFn, run_with_progress

#: Files at least this big (a few thousand rows) are read and matched in a job.
BACKGROUND_BYTES = 100_000

# Status tones (ui/style.py): the status word's cell has the tone, the row a quiet tint of
# it (none for a plain match). Read at data() time, so they follow light and dark.
_TONES: dict[str, tuple[str, bool]] = {  # status: (tone, tinted row?)
    "matched": ("good", False),
    "chosen": ("good", True),
    "recorded": ("good", True),
    "ambiguous": ("warn", True),
    "unmatched": ("bad", True),
    "invalid": ("bad", True),
    "already_recorded": ("neutral", True),
}


def _display_state(row: PaymentRow) -> str:
    """The status as shown: the file's status, or what the user and the import made of it."""
    if row.imported:
        return "recorded"
    if row.resolved:
        return "chosen"
    return row.status.value


def state_text(row: PaymentRow) -> str:
    """Words (with a sign, so the status reads without colour) for a row's status."""
    state = _display_state(row)
    return {
        "recorded": _("✓ Recorded"),
        "chosen": _("✓ Chosen by you"),
        "matched": "✓ " + status_label(MatchStatus.MATCHED),
        "ambiguous": "? " + status_label(MatchStatus.AMBIGUOUS),
        "unmatched": "✗ " + status_label(MatchStatus.UNMATCHED),
        "invalid": "✗ " + status_label(MatchStatus.INVALID),
        "already_recorded": "= " + status_label(MatchStatus.ALREADY_RECORDED),
    }[state]


def _periods_text(row: PaymentRow) -> str:
    if row.periods is None:
        return ""
    first, last = row.periods
    return str(first) if first == last else f"{first}–{last}"


def _sentence(text: str) -> str:
    """Upper-case the first letter only ('OCR/KID reference' stays as it is)."""
    return text[:1].upper() + text[1:]


def _needs_decision(row: PaymentRow) -> bool:
    return row.status in (MatchStatus.AMBIGUOUS, MatchStatus.UNMATCHED, MatchStatus.INVALID)


# --------------------------------------------------------------------------- the table
class PaymentPreviewModel(QAbstractTableModel):
    """The rows of the file as matched; the Record box and an ambiguous row's member can
    be changed, everything else is what the file said."""

    member_chosen = Signal(object, object)  # PaymentRow, member id or None
    include_changed = Signal()
    (COL_INCLUDE, COL_ROW, COL_STATUS, COL_MEMBER, COL_HOW, COL_AMOUNT, COL_DATE, COL_PERIODS,
     COL_FILE, COL_NOTE) = range(10)
    COLUMNS = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: PaymentPreview | None = None
        self.visible: list[int] = []
        self.only_attention = False

    def set_preview(self, preview: PaymentPreview | None, only_attention: bool = False) -> None:
        self.beginResetModel()
        self.preview = preview
        self.only_attention = only_attention
        rows = preview.rows if preview is not None else []
        self.visible = [i for i, r in enumerate(rows) if not only_attention or _needs_decision(r)]
        self.endResetModel()

    def row_at(self, row: int) -> PaymentRow:
        assert self.preview is not None
        return self.preview.rows[self.visible[row]]

    def view_row(self, file_row: int) -> int:
        """The table row showing the file's row ``file_row`` (-1 when filtered out)."""
        assert self.preview is not None
        for position, index in enumerate(self.visible):
            if self.preview.rows[index].row == file_row:
                return position
        return -1

    def refresh_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def refresh_all(self) -> None:
        if self.visible:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.visible) - 1, self.COLUMNS - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_INCLUDE: _("Record"), self.COL_ROW: _("Row"),
                self.COL_STATUS: _("Status"), self.COL_MEMBER: _("Member"),
                self.COL_HOW: _("Matched"), self.COL_AMOUNT: _("Amount"),
                self.COL_DATE: _("Date"), self.COL_PERIODS: _("For year"),
                self.COL_FILE: _("In the file"), self.COL_NOTE: _("Note"),
            }.get(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                self.COL_INCLUDE: _("Ticked rows are recorded when you press Import."),
                self.COL_ROW: _("The row number in the file, as your spreadsheet shows it."),
                self.COL_HOW: _("What in the row told whose payment it is."),
                self.COL_PERIODS: _("The dues year(s) the payment is recorded for."),
                self.COL_FILE: _("The reference, message, name or e-mail in the file."),
            }.get(section)
        return None

    def _text(self, row: PaymentRow, column: int) -> str:
        currency = self.preview.currency if self.preview else "SEK"
        if column == self.COL_ROW:
            return str(row.row)
        if column == self.COL_STATUS:
            return state_text(row)
        if column == self.COL_MEMBER:
            if row.member is not None:
                return row.member.label
            if row.status is MatchStatus.AMBIGUOUS:
                return ngettext("Choose among {count} member", "Choose among {count} members",
                                len(row.candidates)).format(count=len(row.candidates))
            return row.reason_text()  # why there is no member: where the member would be
        if column == self.COL_HOW:
            if row.resolved:
                return _("chosen by you")
            return method_label(row.method) if row.member is not None else ""
        if column == self.COL_AMOUNT:
            if row.amount is None:
                return self._raw(row, PaymentField.AMOUNT)
            return format_money(row.amount, currency)
        if column == self.COL_DATE:
            return format_date(row.paid_on) if row.paid_on else self._raw(row, PaymentField.DATE)
        if column == self.COL_PERIODS:
            return _periods_text(row)
        if column == self.COL_FILE:
            return " · ".join(p for p in (row.payer, row.reference) if p)
        if column == self.COL_NOTE:
            shown_as_member = row.member is None and row.status in (MatchStatus.UNMATCHED,
                                                                     MatchStatus.INVALID)
            reason = "" if row.resolved or shown_as_member else row.reason_text()
            return " ".join([reason, *row.note_texts()]).strip()
        return ""

    def _raw(self, row: PaymentRow, kind: PaymentField) -> str:
        """What the file holds where a value could not be read (shown in red)."""
        assert self.preview is not None
        index = self.preview.columns.index(kind)
        cells = self.preview.table.rows[row.index]
        if index is None or index >= len(cells):
            return ""
        return cell_text(cells[index])

    def _background(self, state: str, column: int) -> QColor | None:
        tone_name, tinted = _TONES[state]
        if column == self.COL_STATUS:
            return style.tone(tone_name)[0]
        return row_tint(tone_name) if tinted else None

    def _foreground(self, row: PaymentRow, state: str, column: int) -> QColor:
        """Text colour: any tone's text reads on any row tint and on the base colour."""
        tone_name, _tinted = _TONES[state]
        if column == self.COL_STATUS:
            return style.tone(tone_name)[1]
        if state == "already_recorded" and not row.include:
            return style.tone("neutral")[1]  # left out: quieter
        unread = ((column == self.COL_AMOUNT and row.amount is None)
                  or (column == self.COL_DATE and row.paid_on is None))
        if unread or (state in ("unmatched", "invalid")
                      and column in (self.COL_MEMBER, self.COL_NOTE)):
            return style.tone("bad")[1]
        return palette_colour(QPalette.ColorRole.Text)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.preview is None:
            return None
        row = self.row_at(index.row())
        column = index.column()
        state = _display_state(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return None if column == self.COL_INCLUDE else self._text(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_INCLUDE:
            if row.status in (MatchStatus.UNMATCHED, MatchStatus.INVALID):
                return None  # never recorded: no box to tick
            checked = row.include or row.imported
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._background(state, column)
            return None if colour is None else QBrush(colour)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(self._foreground(row, state, column))
        if role == Qt.ItemDataRole.FontRole and column == self.COL_STATUS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COL_AMOUNT,
                                                                    self.COL_ROW):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (self.COL_STATUS, self.COL_NOTE):
                return "\n".join(t for t in (row.reason_text(), *row.note_texts()) if t) or None
            if column == self.COL_MEMBER and row.member is not None and row.member.detail:
                return row.member.detail
            if column == self.COL_INCLUDE and not row.importable:
                return _("This row cannot be recorded: it has no member.")
            return None
        if role == Qt.ItemDataRole.UserRole and column == self.COL_MEMBER:
            return row.member.member_id if row.member else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or self.preview is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.row_at(index.row())
        if index.column() == self.COL_INCLUDE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if not row.importable or row.imported:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
        if (index.column() == self.COL_MEMBER and row.status is MatchStatus.AMBIGUOUS
                and not row.imported):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.preview is None:
            return False
        row = self.row_at(index.row())
        if index.column() == self.COL_INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            wanted = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(
                value, bool) else value
            set_included(row, wanted)
            self.refresh_row(index.row())
            self.include_changed.emit()
            return True
        if index.column() == self.COL_MEMBER and role == Qt.ItemDataRole.EditRole:
            current = row.member.member_id if row.member else None
            if value == current:
                return False
            self.member_chosen.emit(row, value)  # the dialog asks the service
            self.refresh_row(index.row())
            return True
        return False


class CandidateDelegate(QStyledItemDelegate):
    """A drop-down of an ambiguous row's candidates, always open (a persistent editor)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        model = index.model()
        assert isinstance(model, PaymentPreviewModel)
        row = model.row_at(index.row())
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Who paid row {row}").format(row=row.row))
        combo.addItem(_("— Choose who paid —"), None)
        for candidate in row.candidates:
            text = candidate.label
            if candidate.detail:
                text = f"{text} ({candidate.detail})"
            combo.addItem(text, candidate.member_id)
        combo.setToolTip(_("Several members fit this row. Choose who paid, or leave it to "
                           "record it later."))
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex  # noqa: N802
                      ) -> None:
        assert isinstance(editor, QComboBox)
        wanted = index.data(Qt.ItemDataRole.UserRole)
        position = editor.findData(wanted) if wanted is not None else 0
        editor.blockSignals(True)
        editor.setCurrentIndex(max(position, 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setGeometry(option.rect)


# --------------------------------------------------------------------------- the dialog
class PaymentImportDialog(QDialog):
    """Emits ``imported(ApplyResult)`` once payments have been recorded."""

    imported = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 notifier: Notifier | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.preview: PaymentPreview | None = None
        self.result: ApplyResult | None = None
        self.job: Job | None = None
        self._jobs: list[Job] = []
        self._read_token = 0
        self._busy = False  # payments are being recorded
        self.setWindowTitle(_("Import payments"))
        self.setSizeGripEnabled(True)

        intro = hint_label(_(
            "A payment list from the bank or the central register, saved as CSV or Excel. "
            "Each row is matched to a member by its OCR/KID reference, member number, "
            "e-mail address or name. Nothing is recorded until you press Import."))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("The file's location"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(_("&Browse…"))
        file_label = QLabel(_("&File:"))
        file_label.setBuddy(self.path_edit)
        self.error = error_label()
        self.columns_label = hint_label("")
        self.columns_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.columns_label.hide()

        self.model = PaymentPreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(PaymentPreviewModel.COL_MEMBER,
                                           CandidateDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(False)
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setAccessibleName(_("Rows of the payment list"))

        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setObjectName("rowDetail")
        self.detail_label.setProperty("panel", True)  # coloured by ui/style.py
        self.detail_label.setStyleSheet("QLabel#rowDetail { padding: 6px 8px; }")
        self.detail_label.hide()
        self.attention_check = QCheckBox(_("&Show only the rows that need a decision"))
        self.summary_label = QLabel()
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.summary_label.setWordWrap(True)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.result_box = QFrame()
        self.result_box.setObjectName("importResult")
        self.result_box.setProperty("panel", "good")  # coloured by ui/style.py
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(12, 8, 12, 8)
        result_layout.addWidget(self.result_label)
        self.result_box.hide()

        self.follow_up_button = QPushButton(_("&Save rows for follow-up…"))
        self.follow_up_button.setToolTip(_(
            "Save the unmatched, undecided and invalid rows to a CSV file, with the reason "
            "for each, to look into later."))
        self.import_button = QPushButton(_("&Import"))
        self.close_button = QPushButton(_("Close"))
        # Return in the file field reads the file; it must never press Import as well.
        for button in (self.browse_button, self.follow_up_button, self.import_button,
                       self.close_button):
            button.setAutoDefault(False)

        file_row = QHBoxLayout()
        file_row.addWidget(file_label)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.follow_up_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.error)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.attention_check)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.result_box)
        layout.addLayout(buttons)

        self.browse_button.clicked.connect(self._browse)
        self.path_edit.editingFinished.connect(self._path_entered)
        self.attention_check.toggled.connect(self._filter_changed)
        self.model.member_chosen.connect(self._member_chosen)
        self.model.include_changed.connect(self._update_state)
        self.import_button.clicked.connect(self.start_import)
        self.follow_up_button.clicked.connect(self._save_follow_up)
        self.close_button.clicked.connect(self.reject)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.model.modelReset.connect(self._show_detail)
        self.model.dataChanged.connect(self._show_detail)
        fit_to_screen(self, 1180, 700)
        self._update_state()

    # -- choosing and reading the file ---------------------------------------------------
    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the payment list"), self.path_edit.text() or str(Path.home()),
            _("Payment lists (*.xlsx *.csv *.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)
            self.load(Path(path))

    def _path_entered(self) -> None:
        text = self.path_edit.text().strip()
        if text and (self.preview is None or self.preview.path != Path(text).expanduser()):
            self.load(Path(text).expanduser())

    def load(self, path: Path) -> None:
        """Read and match a file: at once when small, in a job behind a progress dialog
        when large. A file that cannot be used is explained under the file field."""
        self._read_token += 1
        token = self._read_token
        self.path_edit.setText(str(path))
        self._show_preview(None)
        self.error.hide()
        try:
            large = path.stat().st_size >= BACKGROUND_BYTES
        except OSError:
            large = False  # reading it at once explains what is wrong
        if not large:
            try:
                preview = preview_payments(self.session, path)
            except (ImportFileError, PaymentFileError) as exc:
                self._refuse(describe(exc))
                return
            self._show_preview(preview)
            return
        db_path, today = self.session.path, self.session.today

        def work(progress: ProgressFn) -> PaymentPreview:
            # SQLite connections belong to one thread: the job opens and closes its own.
            own = open_session(db_path, today)
            try:
                return preview_payments(own, path, progress=progress)
            finally:
                own.close()

        def done(preview: PaymentPreview) -> None:
            if token == self._read_token:
                self._show_preview(preview)

        def failed(text: str) -> None:
            if token == self._read_token:
                self._refuse(text)

        self.job = run_with_progress(self, _("Reading and matching {file}…").format(
            file=path.name), work, done, failed)

    def _refuse(self, text: str) -> None:
        self._show_preview(None)
        self.error.setText(text)
        self.error.show()

    def _show_preview(self, preview: PaymentPreview | None) -> None:
        self.preview = preview
        self.result = None
        self.result_box.hide()
        self.model.set_preview(preview, self.attention_check.isChecked())
        self._open_editors()
        if preview is not None:
            self._describe_columns(preview)
            self._size_columns()
        else:
            self.columns_label.hide()
        self._update_state()

    def _describe_columns(self, preview: PaymentPreview) -> None:
        columns = preview.columns
        used = [_("{field} from “{header}”").format(field=_sentence(field_name(kind.value)),
                                                      header=columns.header(kind))
                for kind in PaymentField if columns.index(kind) is not None]
        text = _("Columns used: {columns}.").format(columns="; ".join(used))
        if columns.ignored:
            text += " " + _("Not used: {columns}.").format(
                columns=", ".join(f"“{h}”" for h in columns.ignored))
        self.columns_label.setText(text)
        self.columns_label.show()

    def _size_columns(self) -> None:
        view, m = self.view, PaymentPreviewModel
        for column in range(m.COLUMNS):
            view.resizeColumnToContents(column)
        limits = {m.COL_INCLUDE: (60, 90), m.COL_ROW: (44, 60), m.COL_STATUS: (130, 190),
                  m.COL_MEMBER: (250, 330), m.COL_HOW: (90, 150), m.COL_AMOUNT: (80, 120),
                  m.COL_DATE: (86, 110), m.COL_PERIODS: (64, 90), m.COL_FILE: (160, 260)}
        for column, (low, high) in limits.items():
            view.setColumnWidth(column, max(low, min(view.columnWidth(column), high)))

    def _open_editors(self) -> None:
        """A drop-down in the Member cell of every ambiguous row not recorded yet."""
        if self.preview is None:
            return
        for position in range(self.model.rowCount()):
            row = self.model.row_at(position)
            index = self.model.index(position, PaymentPreviewModel.COL_MEMBER)
            if row.status is MatchStatus.AMBIGUOUS and not row.imported:
                self.view.openPersistentEditor(index)
            elif self.view.isPersistentEditorOpen(index):
                self.view.closePersistentEditor(index)

    def _show_detail(self, *_args: object) -> None:
        """The current row in full: the table cuts long reasons short."""
        current = self.view.currentIndex()
        if self.preview is None or not current.isValid():
            self.detail_label.hide()
            return
        row = self.model.row_at(current.row())
        how = _("chosen by you") if row.resolved else method_label(row.method)
        member = (_("{member}, {how}.").format(member=row.member.label, how=how)
                  if row.member and how else row.member.label if row.member else "")
        parts = [member, row.reason_text() if not row.resolved else "", *row.note_texts()]
        if row.status is MatchStatus.AMBIGUOUS and row.member is None:
            parts.append(_("Candidates: {names}.").format(names="; ".join(
                f"{c.label} ({c.detail})" if c.detail else c.label for c in row.candidates)))
        text = " ".join(p for p in parts if p)
        self.detail_label.setText(_("Row {row}: {status}. {text}").format(
            row=row.row, status=state_text(row), text=text).strip())
        self.detail_label.show()

    def _filter_changed(self, only_attention: bool) -> None:
        self.model.set_preview(self.preview, only_attention)
        self._open_editors()

    def member_combo(self, file_row: int) -> QComboBox | None:
        """The drop-down of the ambiguous row ``file_row`` (as numbered in the file)."""
        position = self.model.view_row(file_row)
        if position < 0:
            return None
        widget = self.view.indexWidget(self.model.index(position,
                                                        PaymentPreviewModel.COL_MEMBER))
        return widget if isinstance(widget, QComboBox) else None

    # -- decisions ---------------------------------------------------------------------------
    def _member_chosen(self, row: PaymentRow, member_id: int | None) -> None:
        if self.preview is None:
            return
        try:
            choose_member(self.session, self.preview, row, member_id)
        except Exception as exc:  # shown as a sentence, never a traceback
            self.notifier.error(self, describe(exc))
        position = self.model.view_row(row.row)
        if position >= 0:
            self.model.refresh_row(position)
        self._update_state()

    def _update_state(self) -> None:
        preview = self.preview
        has_rows = preview is not None
        self.view.setEnabled(has_rows)
        self.attention_check.setVisible(has_rows)
        if preview is None:
            self.summary_label.setText("")
            self.chosen_label.setText(_("Choose the file to import."))
            self.import_button.setText(_("&Import"))
            self.import_button.setEnabled(False)
            self.follow_up_button.setEnabled(False)
            return
        self.summary_label.setText(summary_line(preview))
        chosen = preview.chosen_rows()
        counts = preview.counts()
        undecided = sum(1 for r in preview.rows
                        if r.status is MatchStatus.AMBIGUOUS and r.member is None)
        if chosen:
            text = ngettext("{count} payment will be recorded, {amount} in all.",
                            "{count} payments will be recorded, {amount} in all.",
                            len(chosen)).format(
                count=format_count(len(chosen)),
                amount=format_money(preview.chosen_amount(), preview.currency))
        elif counts["imported"]:
            text = ""
        else:
            text = _("There is nothing to record.")
        if undecided and not counts["imported"]:
            text += " " + ngettext(
                "Choose who paid in the ambiguous row, or it is left out.",
                "Choose who paid in the {count} ambiguous rows, or they are left out.",
                undecided).format(count=format_count(undecided))
        self.chosen_label.setText(text.strip())
        self.chosen_label.setVisible(bool(text.strip()))
        self.import_button.setText(ngettext("&Import {count} payment", "&Import {count} payments",
                                            len(chosen)).format(count=format_count(len(chosen)))
                                   if chosen else _("&Import"))
        self.import_button.setEnabled(bool(chosen) and not self._busy)
        self.follow_up_button.setEnabled(bool(preview.follow_up_rows()) and not self._busy)

    def reject(self) -> None:
        """Esc or Close while payments are being recorded cancels that, never hides it."""
        if self._busy and self.job is not None:
            self.job.cancel()
            return
        super().reject()

    # -- importing ---------------------------------------------------------------------------
    def start_import(self) -> None:
        preview = self.preview
        if preview is None or not preview.chosen_rows():
            return
        db_path, today = self.session.path, self.session.today
        self._busy = True
        self._update_state()

        def work(progress: ProgressFn) -> ApplyResult:
            own = open_session(db_path, today)
            try:
                return apply_payments(own, preview, progress=progress)
            finally:
                own.close()

        def done(result: ApplyResult) -> None:
            self._busy = False
            self.result = result
            self._show_result(result)
            self.imported.emit(result)

        def failed(text: str) -> None:
            self._busy = False
            self._show_failure(_("Nothing was recorded: {reason}").format(reason=text))

        def cancelled() -> None:
            self._busy = False
            self._show_failure(_("The import was cancelled; no payment was recorded."))

        self.job = run_with_progress(self, _("Recording the payments…"), work, done, failed)
        self.job.signals.cancelled.connect(cancelled)

    def _show_result(self, result: ApplyResult) -> None:
        assert self.preview is not None
        currency = self.preview.currency
        lines = [ngettext("✓ Recorded {count} payment ({amount}).",
                          "✓ Recorded {count} payments ({amount}).", result.imported).format(
            count=format_count(result.imported), amount=format_money(result.amount, currency))]
        if result.skipped_recorded:
            lines.append(ngettext(
                "{count} row had been recorded meanwhile and was left out.",
                "{count} rows had been recorded meanwhile and were left out.",
                result.skipped_recorded).format(count=result.skipped_recorded))
        follow_up = len(self.preview.follow_up_rows())
        if follow_up:
            lines.append(ngettext(
                "{count} row was not recorded: save it for follow-up with the button below.",
                "{count} rows were not recorded: save them for follow-up with the button "
                "below.", follow_up).format(count=format_count(follow_up)))
        restyle(self.result_box, panel="good")
        restyle(self.result_label)
        self.result_label.setText("\n".join(lines))
        self.result_box.show()
        self.model.refresh_all()
        self._open_editors()
        self._update_state()

    def _show_failure(self, text: str) -> None:
        restyle(self.result_box, panel="bad")
        restyle(self.result_label)
        self.result_label.setText(text)
        self.result_box.show()
        self._update_state()

    # -- follow-up ---------------------------------------------------------------------------
    def _save_follow_up(self) -> None:
        if self.preview is None:
            return
        suggested = self.preview.path.with_name(
            _("{name}-follow-up.csv").format(name=self.preview.path.stem))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save rows for follow-up"), str(suggested), _("CSV files (*.csv)"))
        if path:
            if not path.lower().endswith(".csv"):
                path += ".csv"
            self.save_follow_up(Path(path))

    def save_follow_up(self, path: Path) -> int:
        """Write the rows to follow up to ``path``; says how it went."""
        assert self.preview is not None
        try:
            count = write_follow_up(self.session, self.preview, path)
        except Exception as exc:  # a full disk or a locked folder: a sentence, no traceback
            self.notifier.error(self, describe(exc))
            return 0
        self.notifier.info(self, ngettext("Saved {count} row to {path}.",
                                          "Saved {count} rows to {path}.", count).format(
            count=count, path=path))
        return count
