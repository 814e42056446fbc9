"""Bring in a member list from CSV or Excel: choose the file, match the columns, check
every row (fix a value in place, or skip rows with errors explicitly), then import.

The reading and checking is ``services.importing``; the writing runs off the UI thread on
its own connection. A row with an error is never dropped silently: the Import button
stays disabled until every error is fixed or the user ticks "skip the rows with errors".

A large file is read, and its rows checked, in a job behind a progress dialog (Cancel
leaves the user on the page they were on, with nothing changed); a small one is quick
enough to do at once. After the user corrects a value in the preview, the rows are checked
again in a job a moment later (several quick edits cost one check), and the Import button
waits until the marks and counts fit the rows again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from medlemsvard_app.domain.cells import cell_text
from medlemsvard_app.domain.import_mapping import NAME_FIELDS
from medlemsvard_app.domain.validation import mask_identity
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.importing import (
    FIELD_CODES,
    ImportFileError,
    ImportPlan,
    ImportResult,
    RowIssue,
    RowResult,
    SourceTable,
    commit_import,
    field_label,
    issue_line,
    prepare_import,
    read_table,
    suggest_mapping,
)
from medlemsvard_app.services.session import Session, open_session
from medlemsvard_app.ui import style
from medlemsvard_app.ui.dialogs.common import (
    error_label,
    fit_to_screen,
    from_qdate,
    hint_label,
    make_date_edit,
    palette_colour,
    restyle,
    row_tint,
)
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.workers import Job, ProgressFn, run_with_progress

PAGE_FILE, PAGE_MAP, PAGE_PREVIEW, PAGE_RESULT = range(4)
SAMPLE_ROWS = 3
# Below these sizes reading (bytes on disk; a 2,000-row list is about this big) and checking
# (rows) take a blink, so they are done at once; above them they run in a job.
BACKGROUND_BYTES = 100_000
BACKGROUND_ROWS = 2_000
RECHECK_DELAY_MS = 300  # after an edit, wait this long for more edits before checking again



def show_cell(value: object) -> str:
    """A cell as the user should see it in the preview."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return cell_text(value)


def _encoding_name(encoding: str | None) -> str:
    return {"utf-8": "UTF-8", "utf-8-sig": _("UTF-8 with BOM"), "utf-16": "UTF-16",
            "cp1252": "Windows-1252", "latin-1": "Latin-1"}.get(encoding or "", encoding or "")


def _delimiter_name(delimiter: str | None) -> str:
    return {";": _("semicolons"), ",": _("commas"), "\t": _("tabs")}.get(
        delimiter or "", repr(delimiter))


def _read_in_background(path: Path) -> bool:
    try:
        return path.stat().st_size >= BACKGROUND_BYTES
    except OSError:
        return False  # reading it at once explains what is wrong


def plan_counts(plan: ImportPlan) -> dict[str, int]:
    """How many rows of each kind, in one pass over the rows (the page asks often)."""
    invalid, duplicates, shared, ready = plan.sorted_rows()
    return {"total": len(plan.rows), "ready": len(ready), "invalid": len(invalid),
            "duplicates": len(duplicates), "shared": len(shared)}


@dataclass
class _Rechecked:
    """What a check after edits hands back to the page."""

    generation: int
    revision: int
    plan: ImportPlan | None
    counts: dict[str, int]
    error: str = ""


def _needs_attention(row: RowResult) -> bool:
    return bool(row.errors or row.notes or row.duplicate_of is not None
                or row.shared_email_with is not None)


# --------------------------------------------------------------------------- preview model
@dataclass
class _Column:
    source: int  # index in the file's row
    header: str
    field: str


class PreviewModel(QAbstractTableModel):
    """The file's rows as checked: row number, what happens to it, and the mapped cells.

    Editing a cell changes the value in the table read from the file (never the file on
    disk); the wizard then checks the rows again.
    """

    cell_edited = Signal(int, int, str)  # row index in the table, source column, new text
    COL_ROW, COL_STATUS = 0, 1
    FIXED = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: SourceTable | None = None
        self.plan: ImportPlan | None = None
        self.columns: list[_Column] = []
        self.visible: list[int] = []
        self.only_attention = False

    def set_plan(self, table: SourceTable, plan: ImportPlan, only_attention: bool) -> None:
        self.beginResetModel()
        self.table, self.plan, self.only_attention = table, plan, only_attention
        positions = {h: i for i, h in enumerate(table.headers)}
        self.columns = [_Column(positions[h], h, f) for h, f in plan.mapping.items()
                        if f is not None and h in positions]
        self.columns.sort(key=lambda c: c.source)
        rows = plan.rows
        self.visible = ([i for i, r in enumerate(rows) if _needs_attention(r)]
                        if only_attention else list(range(len(rows))))
        self.endResetModel()

    def result_at(self, row: int) -> RowResult:
        assert self.plan is not None
        return self.plan.rows[self.visible[row]]

    def table_index(self, row: int) -> int:
        return self.visible[row]

    def view_row(self, table_index: int) -> int:
        try:
            return self.visible.index(table_index)
        except ValueError:
            return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.FIXED + len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.COL_ROW:
                return _("Row")
            if section == self.COL_STATUS:
                return _("What happens")
            if 0 <= section - self.FIXED < len(self.columns):
                column = self.columns[section - self.FIXED]
                return f"{field_label(column.field)}\n({column.header})"
        if role == Qt.ItemDataRole.ToolTipRole and section >= self.FIXED:
            column = self.columns[section - self.FIXED]
            return _("Column “{header}” of the file, imported as {field}").format(
                header=column.header, field=field_label(column.field))
        return None

    def status_text(self, row: RowResult) -> str:
        if row.errors:
            return ngettext("Error: not imported", "{count} errors: not imported",
                            len(row.errors)).format(count=len(row.errors))
        if row.duplicate_of is not None:
            if row.duplicate_in_file:
                return _("Same person as row {row}").format(row=row.duplicate_of)
            return _("Already member no. {number}").format(number=row.duplicate_of)
        if row.shared_email_with is not None:
            if row.shared_email_in_file:
                return _("Shares e-mail with row {row}").format(row=row.shared_email_with)
            return _("Shares e-mail with no. {number}").format(number=row.shared_email_with)
        return _("Ready")

    def _issues_at(self, row: RowResult, field: str | None) -> list[RowIssue]:
        return [i for i in (*row.errors, *row.notes) if i.field == field]

    def _colours(self, result: RowResult, column: int,
                 field: str | None) -> tuple[QColor, QColor] | None:
        """A cell's (background, text), read from the scheme in use now (light or dark);
        None for a row that is ready. The status words say the same as the colour."""
        if result.errors:
            if field is not None and any(i.field == field for i in result.errors):
                return style.tone("bad")  # the very cell to fix stands out
            text = (style.tone("bad")[1] if column == self.COL_STATUS
                    else palette_colour(QPalette.ColorRole.Text))
            return row_tint("bad"), text
        if result.duplicate_of is not None:  # left out: quieter text
            return row_tint("neutral"), style.tone("neutral")[1]
        if result.shared_email_with is not None:
            text = (style.tone("warn")[1] if column == self.COL_STATUS
                    else palette_colour(QPalette.ColorRole.Text))
            return row_tint("warn"), text
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        result = self.result_at(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.COL_ROW:
                return str(result.row_number)
            if column == self.COL_STATUS:
                return self.status_text(result)
            cells = self.table.rows[self.table_index(index.row())]
            mapped = self.columns[column - self.FIXED]
            shown = show_cell(cells[mapped.source] if mapped.source < len(cells) else None)
            if (mapped.field == "identity_number" and role == Qt.ItemDataRole.DisplayRole
                    and shown):
                return mask_identity(shown)  # masked on screen; editing shows the digits
            return shown
        field = self.columns[column - self.FIXED].field if column >= self.FIXED else None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = self._colours(result, column, field)
            if colours is None:
                return None
            return QBrush(colours[0 if role == Qt.ItemDataRole.BackgroundRole else 1])
        if role == Qt.ItemDataRole.ToolTipRole:
            issues = (self._issues_at(result, field) if field is not None
                      else [*result.errors, *result.notes])
            if column == self.COL_STATUS:
                issues = [*result.errors, *result.notes]
            return "\n".join(i.message for i in issues) or None
        if role == Qt.ItemDataRole.FontRole and column == self.COL_STATUS and result.errors:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() >= self.FIXED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or role != Qt.ItemDataRole.EditRole
                or index.column() < self.FIXED or self.table is None):
            return False
        table_index = self.table_index(index.row())
        source = self.columns[index.column() - self.FIXED].source
        text = str(value if value is not None else "")
        # A new list for the row, never a change inside the old one: a check running in a
        # job holds a copy of the list of rows and must see them as they were.
        cells = list(self.table.rows[table_index])
        if source >= len(cells):
            cells.extend([None] * (source + 1 - len(cells)))
        if show_cell(cells[source]) == text:
            return False
        cells[source] = text
        self.table.rows[table_index] = cells
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        self.cell_edited.emit(table_index, source, text)
        return True


class ProblemsModel(QAbstractListModel):
    """The problem and note lines under the preview; errors in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[tuple[str, bool]] = []

    def set_lines(self, lines: list[tuple[str, bool]]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def stringList(self) -> list[str]:  # noqa: N802 - as QStringListModel, for tests
        return [text for text, _error in self.lines]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.lines)):
            return None
        text, is_error = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ForegroundRole and is_error:
            return QBrush(style.ink("bad"))  # read now: follows light and dark
        return None


def _spent(_progress: ProgressFn) -> None:
    """A finished job's work, so the job no longer holds on to what it worked on."""


# --------------------------------------------------------------------------- pages
class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Choose the file"))
        self.setSubTitle(_(
            "A member list saved from Excel (.xlsx) or as a CSV file. Nothing changes in the "
            "register until the last step."))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("The file's location"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(_("&Browse…"))
        label = QLabel(_("&File:"))
        label.setBuddy(self.path_edit)
        self.error = error_label()
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What was found in the file, as a small card
        self.info_box = QFrame()
        self.info_box.setObjectName("fileInfo")
        self.info_box.setProperty("panel", "good")  # coloured by ui/style.py, light or dark
        self.kind_value = QLabel()
        self.encoding_value = QLabel()
        self.delimiter_value = QLabel()
        self.size_value = QLabel()
        for value in (self.kind_value, self.encoding_value, self.delimiter_value,
                      self.size_value):
            value.setWordWrap(True)  # long words in Swedish and Norwegian: wrap, never cut
        info_form = QFormLayout(self.info_box)
        info_form.setContentsMargins(14, 10, 14, 10)
        info_form.setHorizontalSpacing(14)
        self.info_title = QLabel()
        font = self.info_title.font()
        font.setBold(True)
        self.info_title.setFont(font)
        self.info_title.setWordWrap(True)
        info_form.addRow(self.info_title)
        info_form.addRow(_("Kind of file:"), self.kind_value)
        self.encoding_label = QLabel(_("Text encoding:"))
        info_form.addRow(self.encoding_label, self.encoding_value)
        self.delimiter_label = QLabel(_("Columns separated by:"))
        info_form.addRow(self.delimiter_label, self.delimiter_value)
        info_form.addRow(_("Found:"), self.size_value)
        self.info_box.hide()

        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.info_box)
        layout.addSpacing(8)
        layout.addWidget(hint_label(_(
            "Column names such as Förnamn, Efternamn, Postnummer, Fornavn, Etternavn, "
            "E-post or Phone are recognised; you can match the others on the next page. "
            "Each row needs at least a given name or a family name.")))
        layout.addStretch(1)

        self._unread: Path | None = None  # a large file not read yet (or reading cancelled)
        self._read_token = 0  # which reading job is the current one
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse_button.clicked.connect(self._browse)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the member list"), self.path_edit.text() or str(Path.home()),
            _("Member lists (*.xlsx *.csv *.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def _path_changed(self, text: str) -> None:
        self.wiz.table = None
        self._unread = None
        self._read_token += 1  # a file still being read is no longer wanted
        self.error.hide()
        self.info_label.clear()
        self.info_box.hide()
        path = Path(text.strip()).expanduser() if text.strip() else None
        if path is not None and path.is_file():
            if _read_in_background(path):
                self._unread = path
                self.read_in_job(path, advance=False)
            else:
                self.load(path)
        self.completeChanged.emit()

    def load(self, path: Path) -> bool:
        """Read a (small) file at once; False, with the reason shown, if it cannot be read."""
        try:
            table = read_table(path)
        except ImportFileError as exc:
            self._refuse(describe(exc))
            return False
        self._accept(table)
        return True

    def read_in_job(self, path: Path, *, advance: bool) -> Job:
        """Read a large file behind a progress dialog; with ``advance``, go on to the next
        page once it is read. Cancel leaves this page as it was."""
        self._read_token += 1
        token = self._read_token

        def work(progress: ProgressFn) -> SourceTable:
            progress(0, 0)  # reading reports no steps: the bar just shows it is busy
            return read_table(path)

        def done(table: SourceTable) -> None:
            if token != self._read_token:
                return  # another file was chosen meanwhile
            self._accept(table)
            if advance and self.wiz.currentId() == PAGE_FILE:
                self.wiz.next()

        def failed(text: str) -> None:
            if token == self._read_token:
                self._refuse(text)

        return run_with_progress(self.wiz, _("Reading {file}…").format(file=path.name), work,
                                 done, failed)

    def _accept(self, table: SourceTable) -> None:
        self.wiz.table = table
        self._unread = None
        self.error.hide()
        self.info_label.setText(self.describe_table(table))
        self._show_info(table)
        self.completeChanged.emit()

    def _refuse(self, text: str) -> None:
        self.wiz.table = None
        self._unread = None
        self.error.setText(text)
        self.error.show()
        self.completeChanged.emit()

    def _show_info(self, table: SourceTable) -> None:
        text_file = table.encoding is not None
        self.info_title.setText(_("✓ The file can be read: {name}").format(
            name=table.path.name))
        self.kind_value.setText(_("Text file (CSV)") if text_file else _("Excel workbook"))
        self.encoding_value.setText(_encoding_name(table.encoding))
        self.delimiter_value.setText(_delimiter_name(table.delimiter))
        for widget in (self.encoding_label, self.encoding_value, self.delimiter_label,
                       self.delimiter_value):
            widget.setVisible(text_file)
        rows = ngettext("{count} row of members", "{count} rows of members",
                        len(table.rows)).format(count=format_count(len(table.rows)))
        columns = ngettext("{count} column", "{count} columns", len(table.headers)).format(
            count=format_count(len(table.headers)))
        self.size_value.setText(_("{rows} in {columns}; column names on row {row}").format(
            rows=rows, columns=columns, row=table.header_row_number))
        self.info_box.show()

    @staticmethod
    def describe_table(table: SourceTable) -> str:
        rows = ngettext("{count} row", "{count} rows", len(table.rows)).format(
            count=format_count(len(table.rows)))
        columns = ngettext("{count} column", "{count} columns", len(table.headers)).format(
            count=format_count(len(table.headers)))
        if table.encoding is None:
            kind = _("An Excel workbook")
        else:
            kind = _("A text file in {encoding}, columns separated by {delimiter}").format(
                encoding=_encoding_name(table.encoding),
                delimiter=_delimiter_name(table.delimiter))
        return _("{kind}: {rows} and {columns}; the column names are on row {row}.").format(
            kind=kind, rows=rows, columns=columns, row=table.header_row_number)

    def isComplete(self) -> bool:  # noqa: N802
        # A large file whose reading was cancelled: Next reads it again.
        return self.wiz.table is not None or self._unread is not None

    def validatePage(self) -> bool:  # noqa: N802
        text = self.path_edit.text().strip()
        if not text:
            return False
        path = Path(text).expanduser()
        if self.wiz.table is not None and self.wiz.table.path == path:
            return True
        if _read_in_background(path):
            self._unread = path
            self.read_in_job(path, advance=True)
            return False  # the job moves on when the file is read
        return self.load(path)


class MapPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Match the columns"))
        self.setSubTitle(_(
            "Say what each column of your file holds. The columns the app recognised are "
            "already matched; choose “Don't import” for columns you do not need."))
        self.combos: dict[str, QComboBox] = {}
        self._built_for: SourceTable | None = None
        self._advancing = False  # the rows were checked in a job: Next may go on

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_host)

        self.joined_on_edit = make_date_edit(wizard.session.today())
        joined_label = QLabel(_("&Join date for rows that have none:"))
        joined_label.setBuddy(self.joined_on_edit)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        joined = QHBoxLayout()
        joined.addWidget(joined_label)
        joined.addWidget(self.joined_on_edit)
        joined.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(joined)
        layout.addWidget(self.status_label)

    def initializePage(self) -> None:  # noqa: N802
        table = self.wiz.table
        if table is None or table is self._built_for:
            return
        self._built_for = table
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.combos = {}
        for col, text in enumerate((_("Column in your file"), _("First values"),
                                    _("Import as"))):
            head = QLabel(text)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            self.grid.addWidget(head, 0, col)
        suggestion = suggest_mapping(table.headers)
        for i, header in enumerate(table.headers, start=1):
            name = QLabel(header.replace("&", "&&"))
            samples = [show_cell(r[i - 1]) for r in table.rows[:20]
                       if i - 1 < len(r) and show_cell(r[i - 1])][:SAMPLE_ROWS]
            sample = QLabel(", ".join(samples) or "—")
            sample.setProperty("hint", True)
            sample.setWordWrap(True)  # long values take two lines rather than being cut
            sample.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            sample.setToolTip("\n".join(samples))
            combo = QComboBox()
            combo.addItem(_("Don't import"), "")
            for code in FIELD_CODES:
                combo.addItem(field_label(code), code)
            combo.setMaxVisibleItems(20)
            combo.setCurrentIndex(max(combo.findData(suggestion.get(header) or ""), 0))
            combo.setMinimumWidth(240)
            name.setBuddy(combo)
            self.combos[header] = combo
            self.grid.addWidget(name, i, 0)
            self.grid.addWidget(sample, i, 1)
            self.grid.addWidget(combo, i, 2)
            combo.currentIndexChanged.connect(lambda _i, h=header: self._chosen(h))
        self.grid.setRowStretch(len(table.headers) + 1, 1)
        self._update_status()

    def _chosen(self, header: str) -> None:
        field = self.combos[header].currentData()
        moved_from = None
        if field:
            for other, combo in self.combos.items():
                if other != header and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    moved_from = other
        self._update_status(moved_from and _(
            "“{field}” now comes from the column “{new}” instead of “{old}”.").format(
                field=field_label(field), new=header, old=moved_from))
        self.completeChanged.emit()

    def mapping(self) -> dict[str, str | None]:
        return {h: (c.currentData() or None) for h, c in self.combos.items()}

    def set_field(self, header: str, field: str | None) -> None:
        """Match a column to a field (as choosing it in the column's list does)."""
        combo = self.combos[header]
        combo.setCurrentIndex(max(combo.findData(field or ""), 0))

    def has_names(self) -> bool:
        return any(f in NAME_FIELDS for f in self.mapping().values())

    def _update_status(self, note: str | None = None) -> None:
        if not self.has_names():
            restyle(self.status_label, hint=False, error=True)
            self.status_label.setText(_(
                "Choose the column that holds the names: given name, family name or full "
                "name. Every member needs a name."))
            return
        used = sum(1 for f in self.mapping().values() if f)
        restyle(self.status_label, hint=True, error=False)
        text = ngettext("{count} column will be imported.", "{count} columns will be imported.",
                        used).format(count=used)
        self.status_label.setText(f"{note}\n{text}" if note else text)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.combos) and self.has_names()

    def validatePage(self) -> bool:  # noqa: N802
        """Check every row before the preview: at once for a small file, else in a job
        that moves on to the preview when done (Cancel stays here, nothing changed)."""
        if self._advancing:
            return True
        table = self.wiz.table
        if table is None:
            return False
        if len(table.rows) < BACKGROUND_ROWS:
            self.wiz.prepare()
            return True
        label = ngettext("Checking {count} row…", "Checking {count} rows…",
                         len(table.rows)).format(count=format_count(len(table.rows)))
        run_with_progress(self.wiz, label, self.wiz.check_work(), self._rows_checked,
                          self._check_failed)
        return False

    def _rows_checked(self, plan: ImportPlan) -> None:
        if self.wiz.currentId() != PAGE_MAP:
            return
        self.wiz.plan = plan
        self._advancing = True
        try:
            self.wiz.next()
        finally:
            self._advancing = False

    def _check_failed(self, text: str) -> None:
        restyle(self.status_label, hint=False, error=True)
        self.status_label.setText(text)

    def joined_on(self) -> date:
        return from_qdate(self.joined_on_edit.date())


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Check the rows"))
        self.setSubTitle(_(
            "Rows with errors are marked in red; double-click a value to correct it (the file "
            "itself is not changed). Rows with errors are only left out if you say so."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        # Busy while the rows are checked again after an edit (the Import button waits).
        self.checking_bar = QProgressBar()
        self.checking_bar.setRange(0, 0)
        self.checking_bar.setTextVisible(False)
        self.checking_bar.setMaximumWidth(120)
        self.checking_bar.setToolTip(_("Checking the rows again after your changes…"))
        self.checking_bar.hide()
        self.attention_check = QCheckBox(_("Show only rows that need &attention"))
        self.model = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.model)
        self.preview_view.setAlternatingRowColors(False)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.verticalHeader().setDefaultSectionSize(24)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                          | QAbstractItemView.EditTrigger.EditKeyPressed
                                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.preview_view.setWordWrap(False)
        header = self.preview_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(50)

        self.problems_model = ProblemsModel(self)
        self.problems_view = QListView()
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.setWordWrap(True)
        self.problems_view.setUniformItemSizes(False)
        self._problem_rows: list[int] = []
        problems_label = QLabel(_("&Problems and notes (click one to find the row):"))
        problems_label.setBuddy(self.problems_view)
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 6, 0, 0)
        problems_layout.addWidget(problems_label)
        problems_layout.addWidget(self.problems_view)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.preview_view)
        splitter.addWidget(problems_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.skip_invalid_check = QCheckBox(
            _("&Skip the rows with errors: import the other rows and leave these out"))
        self.allow_shared_check = QCheckBox(_(
            "Also import rows that share an &e-mail address with someone else (for example "
            "a family)"))
        self.blocked_label = QLabel()
        self.blocked_label.setWordWrap(True)
        self.blocked_label.setProperty("error", True)

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.checking_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.attention_check, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.skip_invalid_check)
        layout.addWidget(self.allow_shared_check)
        layout.addWidget(self.blocked_label)

        # Edits are counted; the plan shown has seen ``_checked`` of them. Until it has seen
        # all, the marks may be out of date and the Import button waits.
        self._revision = 0
        self._checked = 0
        self._generation = 0  # a check started before the page was left is ignored
        self._recheck_job: Job | None = None
        self._deferred: _Rechecked | None = None  # a result kept while the user types
        self._counts: tuple[ImportPlan, dict[str, int]] | None = None  # counts() of a plan
        self._check_error = ""
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(RECHECK_DELAY_MS)
        self._pending.timeout.connect(self.recheck)
        self.model.cell_edited.connect(self._edited)
        self.preview_view.itemDelegate().closeEditor.connect(self._editor_closed)
        self.attention_check.toggled.connect(lambda _c: self._show_plan())
        self.skip_invalid_check.toggled.connect(lambda _c: self._update_state())
        self.allow_shared_check.toggled.connect(lambda _c: self._update_state())
        self.problems_view.clicked.connect(self._problem_clicked)

    def initializePage(self) -> None:  # noqa: N802
        # The rows were checked on the way here (MapPage.validatePage).
        self._forget_checks()
        self.skip_invalid_check.setChecked(False)
        self.allow_shared_check.setChecked(False)
        plan = self.wiz.plan
        assert plan is not None
        self.attention_check.blockSignals(True)
        self.attention_check.setChecked(any(_needs_attention(r) for r in plan.rows)
                                        and len(plan.rows) > 50)
        self.attention_check.blockSignals(False)
        self._show_plan()
        self._size_columns()

    def cleanupPage(self) -> None:  # noqa: N802
        self._forget_checks()  # Back: the next visit checks the (edited) rows anew
        super().cleanupPage()

    def _forget_checks(self) -> None:
        self._generation += 1
        self._pending.stop()
        if self._recheck_job is not None:
            self._recheck_job.cancel()
            self._recheck_job.fn = _spent  # if it has not started, it has nothing to do
            self._recheck_job = None
        self._deferred = None
        self._revision = self._checked = 0
        self._check_error = ""
        self.checking_bar.hide()

    def checking(self) -> bool:
        """True while the marks and counts may not fit the rows (an edit not checked yet)."""
        return self._checked != self._revision

    def _edited(self, *_args: object) -> None:
        self._revision += 1
        self._check_error = ""
        self._pending.start()  # restarts the pause: quick edits cost one check
        self._update_state()

    def recheck(self) -> None:
        """Check every row again after edits, in a job (the counts and marks follow)."""
        self._pending.stop()
        if self._recheck_job is not None or self.wiz.table is None:
            return  # the running check starts another when it ends: it saw older rows
        work = self.wiz.check_work()
        generation, revision = self._generation, self._revision

        def run(progress: ProgressFn) -> _Rechecked:
            try:
                plan = work(progress)
            except Exception as exc:  # shown on the page as a sentence
                return _Rechecked(generation, revision, None, {}, describe(exc))
            return _Rechecked(generation, revision, plan, plan_counts(plan))

        job = Job(run)
        job.signals.finished.connect(self._rechecked)
        self._recheck_job = job
        self.wiz.start_job(job)

    def _rechecked(self, outcome: _Rechecked) -> None:
        if outcome.generation != self._generation:
            return  # the page was left meanwhile
        if self._recheck_job is not None:
            self._recheck_job.fn = _spent  # let go of the copy of the rows
        self._recheck_job = None
        if outcome.revision != self._revision:  # edited while checking: check again
            if not self._pending.isActive():
                self.recheck()
            return
        if outcome.plan is None:
            self._check_error = outcome.error
            self._update_state()
            return
        if self._editing():
            # Showing it resets the table, which would close the editor and lose what the
            # user is typing: it waits until the editor closes.
            self._deferred = outcome
            return
        self._apply(outcome)

    def _editing(self) -> bool:
        return self.preview_view.state() == QAbstractItemView.State.EditingState

    def _editor_closed(self, *_args: object) -> None:
        if self._deferred is not None:
            QTimer.singleShot(0, self._apply_deferred)  # once the view is done closing it

    def _apply_deferred(self) -> None:
        if self._deferred is None or self._editing():
            return
        outcome, self._deferred = self._deferred, None
        if outcome.revision == self._revision:  # else the edit just made is checked next
            self._apply(outcome)

    def _apply(self, outcome: _Rechecked) -> None:
        assert outcome.plan is not None
        current = self.preview_view.currentIndex()
        table_index = (self.model.table_index(current.row())
                       if current.isValid() and current.row() < self.model.rowCount() else None)
        column = current.column() if current.isValid() else 0
        self._checked = outcome.revision
        self.wiz.plan = outcome.plan
        self._counts = (outcome.plan, outcome.counts)  # counted in the job
        self._show_plan()
        if table_index is not None:
            row = self.model.view_row(table_index)
            if row >= 0:
                self.preview_view.setCurrentIndex(self.model.index(row, column))

    def _show_plan(self) -> None:
        plan, table = self.wiz.plan, self.wiz.table
        if plan is None or table is None:
            return
        self.model.set_plan(table, plan, self.attention_check.isChecked())
        self._fill_problems(plan)
        self._update_state()

    def _size_columns(self) -> None:
        view = self.preview_view
        # The status words are as wide as the language makes them (the view scrolls
        # sideways); the file's columns are held to a sensible width.
        for column, (low, high) in ((PreviewModel.COL_ROW, (50, 90)),
                                    (PreviewModel.COL_STATUS, (175, 340))):
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, max(low, min(view.columnWidth(column), high)))
        for column in range(PreviewModel.FIXED, self.model.columnCount()):
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, max(90, min(view.columnWidth(column), 220)))

    def _fill_problems(self, plan: ImportPlan) -> None:
        lines: list[tuple[str, bool]] = []
        rows: list[int] = []
        later: list[tuple[str, int]] = []
        not_kept = 0
        for index, row in enumerate(plan.rows):
            for issue in row.errors:
                lines.append((issue_line(issue), True))
                rows.append(index)
            for issue in row.notes:
                if issue.code == "identity_not_kept":
                    not_kept += 1
                else:
                    later.append((issue_line(issue), index))
        for line, index in later:
            lines.append((line, False))
            rows.append(index)
        if not_kept:
            lines.append((ngettext(
                "{count} row had a personal identity number: it was used for the birth date "
                "but not kept, because the association has not switched that field on.",
                "{count} rows had a personal identity number: they were used for the birth "
                "dates but not kept, because the association has not switched that field on.",
                not_kept).format(count=not_kept), False))
            rows.append(-1)
        self.problems_model.set_lines(lines)
        self._problem_rows = rows

    def _problem_clicked(self, index: QModelIndex) -> None:
        table_index = self._problem_rows[index.row()] if index.row() < len(
            self._problem_rows) else -1
        if table_index < 0:
            return
        row = self.model.view_row(table_index)
        if row < 0:
            self.attention_check.setChecked(False)
            row = self.model.view_row(table_index)
        plan = self.wiz.plan
        assert plan is not None
        result = plan.rows[table_index]
        fields = [i.field for i in (*result.errors, *result.notes) if i.field]
        column = PreviewModel.COL_STATUS
        for offset, col in enumerate(self.model.columns):
            if col.field in fields:
                column = PreviewModel.FIXED + offset
                break
        target = self.model.index(row, column)
        self.preview_view.setCurrentIndex(target)
        self.preview_view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.preview_view.setFocus()

    def counts(self) -> dict[str, int]:
        plan = self.wiz.plan
        if plan is None:
            return {}
        if self._counts is None or self._counts[0] is not plan:
            self._counts = (plan, plan_counts(plan))
        return self._counts[1]

    def importable(self) -> int:
        c = self.counts()
        if not c:
            return 0
        return c["ready"] + (c["shared"] if self.allow_shared_check.isChecked() else 0)

    def _update_state(self) -> None:
        c = self.counts()
        if not c:
            return
        parts = [ngettext("{count} row in the file", "{count} rows in the file",
                          c["total"]).format(count=format_count(c["total"]))]
        parts.append(ngettext("{count} ready", "{count} ready", c["ready"]).format(
            count=format_count(c["ready"])))
        if c["invalid"]:
            parts.append(ngettext("{count} with errors", "{count} with errors",
                                  c["invalid"]).format(count=format_count(c["invalid"])))
        if c["duplicates"]:
            parts.append(ngettext("{count} already in the register (not imported twice)",
                                  "{count} already in the register (not imported twice)",
                                  c["duplicates"]).format(count=format_count(c["duplicates"])))
        if c["shared"]:
            parts.append(ngettext("{count} shares an e-mail address",
                                  "{count} share an e-mail address",
                                  c["shared"]).format(count=format_count(c["shared"])))
        self.summary_label.setText(" · ".join(parts))
        self.checking_bar.setVisible(self.checking() and not self._check_error)
        self.skip_invalid_check.setVisible(c["invalid"] > 0)
        self.allow_shared_check.setVisible(c["shared"] > 0)
        if self._check_error:
            self.blocked_label.setText(self._check_error)
        elif c["invalid"] and not self.skip_invalid_check.isChecked():
            self.blocked_label.setText(ngettext(
                "{count} row has an error. Correct it above, or tick “Skip the rows with "
                "errors” to import the others.",
                "{count} rows have errors. Correct them above, or tick “Skip the rows with "
                "errors” to import the others.", c["invalid"]).format(count=c["invalid"]))
        elif self.importable() == 0:
            self.blocked_label.setText(_("There is nothing to import."))
        else:
            self.blocked_label.setText("")
        self.blocked_label.setVisible(bool(self.blocked_label.text()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        c = self.counts()
        if not c or self.checking():
            return False  # never import a plan that has not seen the latest edits
        if c["invalid"] and not self.skip_invalid_check.isChecked():
            return False
        return self.importable() > 0

    def validatePage(self) -> bool:  # noqa: N802
        if self.preview_view.state() == QAbstractItemView.State.EditingState:
            self.preview_view.setCurrentIndex(QModelIndex())  # commit the cell being edited
        if self._pending.isActive():
            self.recheck()  # the edit just committed: check now rather than after the pause
        elif self._deferred is not None:
            self._apply_deferred()  # the editor closed unchanged: the check waiting fits
        return self.isComplete()  # False until the check of every edit is back


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Importing"))
        self.setSubTitle(_("The members are written to the register in one go."))
        self.result_label = QLabel(_("Importing the members…"))
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.done = False

    def initializePage(self) -> None:  # noqa: N802
        self.done = False
        self.setTitle(_("Importing"))
        self.setSubTitle(_("The members are written to the register in one go."))
        self.result_label.setText(_("Importing the members…"))
        self.error.hide()
        self.wiz.start_commit()

    def show_result(self, result: ImportResult, skipped_rows: list[int]) -> None:
        self.setTitle(_("Import finished"))
        self.setSubTitle(_("The imported members are now in the register."))
        lines = [ngettext("Imported {count} member.", "Imported {count} members.",
                          result.imported).format(count=format_count(result.imported))]
        if result.shared_email_imported:
            lines.append(ngettext(
                "{count} of them shares an e-mail address with another member.",
                "{count} of them share an e-mail address with another member.",
                result.shared_email_imported).format(count=result.shared_email_imported))
        if result.skipped_invalid:
            lines.append(ngettext(
                "Skipped {count} row with errors, as you chose: row {rows}.",
                "Skipped {count} rows with errors, as you chose: rows {rows}.",
                result.skipped_invalid).format(count=result.skipped_invalid,
                                               rows=", ".join(map(str, skipped_rows))))
        if result.skipped_duplicates:
            lines.append(ngettext(
                "Skipped {count} row: the person is already in the register or earlier in "
                "the file.",
                "Skipped {count} rows: the people are already in the register or earlier in "
                "the file.", result.skipped_duplicates).format(count=result.skipped_duplicates))
        if result.skipped_shared_email:
            lines.append(ngettext(
                "Skipped {count} row that shares an e-mail address with another member.",
                "Skipped {count} rows that share an e-mail address with another member.",
                result.skipped_shared_email).format(count=result.skipped_shared_email))
        self.result_label.setText("\n\n".join(lines))
        self.done = True
        self.completeChanged.emit()

    def show_failure(self, text: str) -> None:
        self.setTitle(_("Nothing was imported"))
        self.setSubTitle(_("The register is unchanged."))
        self.result_label.setText(_(
            "The import did not go through, so the register is unchanged. You can close this "
            "window and try again."))
        self.error.setText(text)
        self.error.show()
        self.done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.done


# --------------------------------------------------------------------------- wizard
class ImportWizard(QWizard):
    """Emits ``imported(ImportResult)`` once members have been written."""

    imported = Signal(object)

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.table: SourceTable | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.job: Job | None = None
        self._jobs: list[Job] = []
        self.setWindowTitle(_("Import members"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setSizeGripEnabled(True)
        self.file_page = FilePage(self)
        self.map_page = MapPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_MAP, self.map_page)
        self.setPage(PAGE_PREVIEW, self.preview_page)
        self.setPage(PAGE_RESULT, self.result_page)
        self.setStartId(PAGE_FILE)
        fit_to_screen(self, 900, 640)

    def reject(self) -> None:
        """Esc or closing while rows are being written cancels the import, never hides it."""
        if self.job is not None and self.result is None and self.currentId() == PAGE_RESULT:
            self.job.cancel()
            return  # the result page says "cancelled" once the job has rolled back
        super().reject()

    def prepare(self) -> None:
        """Check every row with the current mapping at once (for a small file)."""
        assert self.table is not None
        self.plan = prepare_import(self.session, self.table, self.map_page.mapping(),
                                   default_joined_on=self.map_page.joined_on())

    def check_work(self) -> Callable[[ProgressFn], ImportPlan]:
        """The same check as a job: it gets plain data (the mapping, and a copy of the list
        of rows, which edits never change in place) and reads the register on its own
        connection."""
        assert self.table is not None
        table = replace(self.table, rows=list(self.table.rows))
        mapping, joined_on = self.map_page.mapping(), self.map_page.joined_on()
        db_path, today = self.session.path, self.session.today

        def work(progress: ProgressFn) -> ImportPlan:
            progress(0, 0)  # the check reports no steps: the bar just shows it is busy
            # SQLite connections belong to one thread: the job opens and closes its own.
            own = open_session(db_path, today)
            try:
                return prepare_import(own, table, mapping, default_joined_on=joined_on)
            finally:
                own.close()

        return work

    def start_job(self, job: Job) -> None:
        """Run a job with no progress dialog (the page shows that it is busy)."""
        self._jobs.append(job)  # a running job must outlive the call that started it
        QThreadPool.globalInstance().start(job)

    def start_commit(self) -> None:
        plan = self.plan
        assert plan is not None
        skip = self.preview_page.skip_invalid_check.isChecked()
        allow = self.preview_page.allow_shared_check.isChecked()
        skipped_rows = [r.row_number for r in plan.invalid_rows] if skip else []
        db_path, today = self.session.path, self.session.today

        def work(progress):
            # SQLite connections belong to one thread: the job opens and closes its own.
            own = open_session(db_path, today)
            try:
                return commit_import(own, plan, skip_invalid=skip, allow_duplicates=allow,
                                     progress=progress)
            finally:
                own.close()

        def done(result: ImportResult) -> None:
            self.result = result
            self.result_page.show_result(result, skipped_rows)
            self.imported.emit(result)

        def failed(text: str) -> None:
            self.result_page.show_failure(text)  # shown on the page: no extra message box

        self.job = run_with_progress(self, _("Importing members…"), work, done, failed)
        self.job.signals.cancelled.connect(
            lambda: self.result_page.show_failure(_("The import was cancelled; nothing was "
                                                    "imported.")))
