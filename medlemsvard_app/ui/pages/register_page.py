"""The register: instant search over every member, filter chips, and the member card."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.services.session import Session
from medlemsvard_app.ui.models.register_table_model import COLUMNS, RegisterTableModel
from medlemsvard_app.ui.notifier import Notifier

#: chip code -> register filters ("all" shows everyone, prospects included)
CHIPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("current", ("current",)),
    ("new", ("new",)),
    ("former", ("former",)),
    ("prospect", ("prospect",)),
    ("all", ()),
)


def chip_label(code: str) -> str:
    return {
        "current": _("Current members"),
        "new": _("New, last 12 months"),
        "former": _("Former members"),
        "prospect": _("Prospects"),
        "all": _("Everyone"),
    }[code]


class RegisterView(QWidget):
    """Layout only: public child widgets, no logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(8)

        top = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("registerSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            _("Search by name, member number, e-mail, phone, street or town  (Ctrl+F)"))
        self.search_edit.setMinimumHeight(32)
        top.addWidget(self.search_edit, 1)
        self.new_button = QPushButton(_("&New member"))
        self.new_button.setToolTip(_("Add a member (Ctrl+N)"))
        top.addWidget(self.new_button)
        layout.addLayout(top)

        chips = QHBoxLayout()
        chips.setSpacing(6)
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chip_buttons: dict[str, QPushButton] = {}
        for code, _filters in CHIPS:
            button = QPushButton(chip_label(code))
            button.setCheckable(True)
            button.setObjectName(f"chip_{code}")
            button.setProperty("chip", True)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.chip_group.addButton(button)
            self.chip_buttons[code] = button
            chips.addWidget(button)
        chips.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("registerCount")
        chips.addWidget(self.count_label)
        layout.addLayout(chips)

        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.edit_button = QPushButton(_("&Open member card"))
        self.leave_button = QPushButton(_("Member &leaves…"))
        self.empty_label = QLabel()
        self.empty_label.setObjectName("registerEmpty")
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.leave_button)
        bottom.addStretch(1)
        bottom.addWidget(self.empty_label)
        layout.addLayout(bottom)


class RegisterPage(RegisterView):
    """Search as you type re-runs one SQL query; the table model pages the visible rows."""

    members_changed = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.register = session.register()
        home = session.association.country.value
        self.model = RegisterTableModel(self.register, home, self)
        self.table.setModel(self.model)
        self._dialogs: list[QWidget] = []
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in zip(range(len(COLUMNS)),
                              (56, 125, 115, 165, 78, 105, 112, 180, 88, 120), strict=True):
            self.table.setColumnWidth(col, width)
        header.setSortIndicator(COLUMNS.index("family_name"), Qt.SortOrder.AscendingOrder)
        self.chip_buttons["current"].setChecked(True)
        self._connect_signals()
        self.model.reload()
        self._update_counts()

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._on_search)
        self.chip_group.buttonClicked.connect(lambda _b: self._on_filter())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.new_button.clicked.connect(self.new_member)
        self.edit_button.clicked.connect(self.open_selected)
        self.leave_button.clicked.connect(self.leave_selected)
        self.model.modelReset.connect(self._update_counts)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search_edit,
                  activated=self._focus_table)

    # -- queries -----------------------------------------------------------------------
    def current_filters(self) -> tuple[str, ...]:
        checked = self.chip_group.checkedButton()
        for code, filters in CHIPS:
            if self.chip_buttons[code] is checked:
                return filters
        return ("current",)

    def _on_search(self, text: str) -> None:
        self.model.set_query(search=text)
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self._select_row(0)

    def _on_filter(self) -> None:
        self.model.set_query(filters=self.current_filters())

    def refresh(self) -> None:
        selected = self.selected_member_id()
        self.model.reload()
        if selected is not None:
            self.select_member(selected)

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(ngettext("{count} shown", "{count} shown", shown).format(
            count=format_count(shown)))
        if shown == 0 and self.model.search:
            self.empty_label.setText(_("No one matches “{text}”.").format(text=self.model.search))
        elif shown == 0:
            self.empty_label.setText(_("No one here yet. Add a member or import your list."))
        else:
            self.empty_label.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        member_id = self.selected_member_id()
        self.edit_button.setEnabled(member_id is not None)
        can_leave = False
        if member_id is not None:
            member = self.register.get(member_id)
            can_leave = member is not None and member.status.value == "member"
        self.leave_button.setEnabled(can_leave)

    # -- selection -----------------------------------------------------------------------
    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def select_member(self, member_id: int) -> bool:
        row = self.model.row_of(member_id)
        if row >= 0:
            self._select_row(row)
        return row >= 0

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self._select_row(0)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # -- actions -------------------------------------------------------------------------
    def _show(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._dialogs.remove(d)  # type: ignore[attr-defined]
                                if d in self._dialogs else None)
        dialog.open()  # type: ignore[attr-defined]

    def new_member(self) -> None:
        from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog

        dialog = MemberDialog(self.register, self.session.association, None, self.notifier, self)
        dialog.saved.connect(self._after_save)
        self._show(dialog)

    def open_selected(self) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        self.open_member(member_id)

    def open_member(self, member_id: int) -> None:
        from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog

        member = self.register.get(member_id)
        if member is None:
            return
        dialog = MemberDialog(self.register, self.session.association, member, self.notifier,
                              self)
        dialog.saved.connect(self._after_save)
        self._show(dialog)

    def leave_selected(self) -> None:
        from medlemsvard_app.ui.dialogs.member_dialog import LeaveDialog

        member_id = self.selected_member_id()
        member = self.register.get(member_id) if member_id is not None else None
        if member is None or member.status.value != "member":
            return  # a former member's leave date and reason stay as recorded
        dialog = LeaveDialog(self.register, member, self.notifier, self)
        dialog.saved.connect(self._after_save)
        self._show(dialog)

    def _after_save(self, member) -> None:
        self.model.reload()
        if member is not None and member.id is not None and not self.select_member(member.id):
            QTimer.singleShot(0, self._update_counts)
        self.members_changed.emit()
