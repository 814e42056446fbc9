"""The register: instant search over every member, filter chips, and the member card."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.dues_state import DuesState
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.dues_labels import dues_state_hint, dues_state_label
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.services.dues import DUES_FILTERS
from medlemsvard_app.services.session import Session
from medlemsvard_app.ui.models.register_table_model import COLUMNS, RegisterTableModel
from medlemsvard_app.ui.notifier import Notifier

#: the columns' widths at 1366 px, and how the room of a wider window is shared
_BASE_WIDTHS = (56, 125, 115, 165, 78, 105, 112, 180, 88, 120)
_GROWS = {"family_name": 2, "given_name": 2, "street": 3, "city": 1, "email": 3}

#: chip code -> register filters ("all" shows everyone, prospects included)
CHIPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("current", ("current",)),
    ("new", ("new",)),
    ("former", ("former",)),
    ("prospect", ("prospect",)),
    ("all", ()),
)

#: dues chip code -> register filters (computed by the dues rules for current members;
#: RegisterService AND-s them with the search). The other states are in a dropdown.
DUES_CHIPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("unpaid", ("unpaid",)),
    ("direct_debit", ("direct_debit",)),
    ("to_strike_off", ("to_strike_off",)),
    ("bounced", ("bounced",)),
)
#: the dues states offered in the dropdown, in the order of the dues year
DUES_STATES: tuple[str, ...] = tuple(s.value for s in (
    DuesState.PAID, DuesState.DIRECT_DEBIT, DuesState.EXEMPT, DuesState.INVOICED,
    DuesState.REMINDER_1, DuesState.REMINDER_2, DuesState.REMINDER_3,
    DuesState.TWO_YEAR_INVOICE, DuesState.TO_STRIKE_OFF))


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
        self.search_edit.setAccessibleName(_("Search members"))
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
            chips.addWidget(self._chip(code, chip_label(code)))
        chips.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("registerCount")
        chips.addWidget(self.count_label)
        layout.addLayout(chips)

        # One filter at a time: the dues chips share the membership chips' group.
        dues_chips = QHBoxLayout()
        dues_chips.setSpacing(6)
        dues_title = QLabel(_("Dues:"))
        dues_title.setObjectName("registerCount")
        dues_chips.addWidget(dues_title)
        for code, _filters in DUES_CHIPS:
            button = self._chip(code, dues_state_label(code))
            button.setToolTip(dues_state_hint(code))
            dues_chips.addWidget(button)
        self.dues_state_combo = QComboBox()
        self.dues_state_combo.setObjectName("registerDuesState")
        self.dues_state_combo.setToolTip(_("Show the current members in one dues state"))
        self.dues_state_combo.addItem(_("Other dues state…"), None)
        for code in DUES_STATES:
            self.dues_state_combo.addItem(dues_state_label(code), code)
            self.dues_state_combo.setItemData(self.dues_state_combo.count() - 1,
                                              dues_state_hint(code),
                                              Qt.ItemDataRole.ToolTipRole)
        dues_chips.addWidget(self.dues_state_combo)
        dues_chips.addStretch(1)
        layout.addLayout(dues_chips)

        self.table = QTableView()
        self.table.setAccessibleName(_("Members"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Shift/Ctrl) for "Letter to selected…"; the card opens the first.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        self.letter_button = QPushButton(_("Le&tter to selected…"))
        self.letter_button.setObjectName("letterToSelected")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("registerEmpty")
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.leave_button)
        bottom.addWidget(self.letter_button)
        # Labels and lists for the members shown (or the rows selected): issue 6.
        self.print_button = QPushButton(_("P&rint"))  # Alt+P is the Print menu's
        self.print_button.setObjectName("registerPrint")
        self.print_menu = QMenu(self.print_button)
        self.print_button.setMenu(self.print_menu)
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(self.empty_label)
        layout.addLayout(bottom)

    def _chip(self, code: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(True)
        button.setObjectName(f"chip_{code}")
        button.setProperty("chip", True)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.chip_group.addButton(button)
        self.chip_buttons[code] = button
        return button


class RegisterPage(RegisterView):
    """Search as you type re-runs one SQL query; the table model pages the visible rows."""

    members_changed = Signal()
    #: a member card recorded a payment, mandate or exemption
    dues_changed = Signal()
    #: "Letter to selected…": the selected members' ids, for the Letters page
    letter_requested = Signal(list)

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
        # Widths follow the window until the user drags a column (or a saved layout is
        # restored): a wide screen gives the room to names, streets and e-mail addresses.
        self._auto_widths = True
        self._fitting = False
        self._fit_columns()
        header.sectionResized.connect(self._user_resized)
        self.table.viewport().installEventFilter(self)
        header.setSortIndicator(COLUMNS.index("family_name"), Qt.SortOrder.AscendingOrder)
        self.chip_buttons["current"].setChecked(True)
        self._connect_signals()
        self.model.reload()
        self._update_counts()

    def _fit_columns(self) -> None:
        room = max(self.table.viewport().width(), sum(_BASE_WIDTHS))
        extra = room - sum(_BASE_WIDTHS) - 2
        weight = sum(_GROWS.values())
        self._fitting = True
        try:
            for col, (code, base) in enumerate(zip(COLUMNS, _BASE_WIDTHS, strict=True)):
                self.table.setColumnWidth(col, base + extra * _GROWS.get(code, 0) // weight)
        finally:
            self._fitting = False

    def _user_resized(self, *_args) -> None:
        if not self._fitting:
            self._auto_widths = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.Resize and watched is self.table.viewport()
                and self._auto_widths):
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._on_search)
        self.chip_group.buttonClicked.connect(lambda _b: self._on_chip())
        self.dues_state_combo.activated.connect(lambda _i: self._on_dues_state())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.new_button.clicked.connect(self.new_member)
        self.edit_button.clicked.connect(self.open_selected)
        self.leave_button.clicked.connect(self.leave_selected)
        self.letter_button.clicked.connect(
            lambda _c=False: self.letter_requested.emit(self.selected_member_ids()))
        self.print_menu.addAction(_("&Labels…"), self.print_labels)
        self.print_menu.addAction(_("&Member list…"), self.print_member_list)
        self.print_menu.addAction(_("&Phone lists…"), self.print_phone_lists)
        self.model.modelReset.connect(self._update_counts)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search_edit,
                  activated=self._focus_table)
        # Type a name, Enter: the card of the first match (the search selects it).
        self.search_edit.returnPressed.connect(self._open_from_search)

    # -- queries -----------------------------------------------------------------------
    def current_filters(self) -> tuple[str, ...]:
        state = self.dues_state_combo.currentData()
        if state:
            return (state,)
        checked = self.chip_group.checkedButton()
        for code, filters in (*CHIPS, *DUES_CHIPS):
            if self.chip_buttons[code] is checked:
                return filters
        return ("current",)

    def _on_chip(self) -> None:
        self.dues_state_combo.setCurrentIndex(0)
        self._on_filter()

    def _on_dues_state(self) -> None:
        """A state from the dropdown replaces the chip; "Other dues state…" goes back to
        the current members."""
        checked = self.chip_group.checkedButton()
        if self.dues_state_combo.currentData():
            if checked is not None:
                self.chip_group.setExclusive(False)  # an exclusive group keeps one checked
                checked.setChecked(False)
                self.chip_group.setExclusive(True)
        elif checked is None:
            self.chip_buttons["current"].setChecked(True)
        self._on_filter()

    def show_filter(self, name: str) -> None:
        """Show the members matching one filter name, as if its chip had been clicked."""
        if name in self.chip_buttons:
            self.chip_buttons[name].setChecked(True)
            self._on_chip()
            return
        index = self.dues_state_combo.findData(name)
        if index > 0:
            self.dues_state_combo.setCurrentIndex(index)
            self._on_dues_state()

    def _on_search(self, text: str) -> None:
        self.model.set_query(search=text)
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self._select_row(0)

    def _on_filter(self) -> None:
        filters = self.current_filters()
        if not set(filters) & set(DUES_FILTERS):
            self.model.set_query(filters=filters)
            return
        # Dues filters run the dues rules over every current member: a moment at 100,000.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.model.set_query(filters=filters)
        finally:
            QApplication.restoreOverrideCursor()

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
        self.letter_button.setEnabled(member_id is not None)

    # -- selection -----------------------------------------------------------------------
    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    def selected_member_ids(self) -> list[int]:
        """Every selected member, in the table's order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.member_id(r) for r in rows]

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

    def _open_from_search(self) -> None:
        """The card of the selected match; the list keeps the focus when the card closes,
        so Ctrl+Z undoes the edit there rather than the typing in the search box."""
        if self.selected_member_id() is None:
            return
        self._focus_table()
        self.open_selected()

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
        self._follow_dues(dialog)
        self._show(dialog)

    def open_selected(self) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        self.open_member(member_id)

    def open_member(self, member_id: int) -> QWidget | None:
        """Open the member card (also from other pages); returns it so they can follow it."""
        from medlemsvard_app.ui.dialogs.member_dialog import MemberDialog

        member = self.register.get(member_id)
        if member is None:
            return None
        dialog = MemberDialog(self.register, self.session.association, member, self.notifier,
                              self)
        dialog.saved.connect(self._after_save)
        self._follow_dues(dialog)
        self._show(dialog)
        return dialog

    def _follow_dues(self, dialog: QWidget) -> None:
        signal = getattr(dialog, "dues_changed", None)
        if signal is not None:
            signal.connect(lambda _member: self._after_dues_change())

    def _after_dues_change(self) -> None:
        """A payment moves members between dues filters: re-run one if it is shown."""
        if set(self.current_filters()) & set(DUES_FILTERS):
            self.refresh()
        self.dues_changed.emit()

    def leave_selected(self) -> None:
        from medlemsvard_app.ui.dialogs.member_dialog import LeaveDialog

        member_id = self.selected_member_id()
        member = self.register.get(member_id) if member_id is not None else None
        if member is None or member.status.value != "member":
            return  # a former member's leave date and reason stay as recorded
        dialog = LeaveDialog(self.register, member, self.notifier, self)
        dialog.saved.connect(self._after_save)
        self._show(dialog)

    # -- printing (labels, lists) ---------------------------------------------------------
    def print_selection(self) -> tuple[list[int], str]:
        """Several selected rows, else everyone shown; and how to say which in words."""
        selected = self.selected_member_ids()
        if len(selected) > 1:
            return selected, ngettext("{count} selected member", "{count} selected members",
                                      len(selected)).format(count=format_count(len(selected)))
        filters = self.current_filters()
        words = (", ".join(dues_state_label(f) if f in DUES_FILTERS else chip_label(f)
                           for f in filters) if filters else chip_label("all"))
        if self.model.search:
            words += " · " + _("matching “{text}”").format(text=self.model.search)
        return self.model.member_ids(), words

    def print_labels(self) -> QWidget:
        from medlemsvard_app.ui.dialogs.labels_dialog import LabelsDialog

        ids, words = self.print_selection()
        dialog = LabelsDialog(self.session, self.notifier, ids, words, self)
        self._show(dialog)
        return dialog

    def print_member_list(self) -> QWidget:
        from medlemsvard_app.ui.dialogs.member_list_dialog import MemberListDialog

        ids, words = self.print_selection()
        dialog = MemberListDialog(self.session, self.notifier, ids, self.current_filters(),
                                  words, self)
        self._show(dialog)
        return dialog

    def print_phone_lists(self) -> QWidget:
        from medlemsvard_app.ui.dialogs.member_list_dialog import PhoneListDialog

        dialog = PhoneListDialog(self.session, self.notifier, self)
        self._show(dialog)
        return dialog

    def _after_save(self, member) -> None:
        self.model.reload()
        if member is not None and member.id is not None and not self.select_member(member.id):
            QTimer.singleShot(0, self._update_counts)
        self.members_changed.emit()
