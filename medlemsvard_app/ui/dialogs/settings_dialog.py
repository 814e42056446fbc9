"""The association's settings: who we are, the board, payment details, the dues calendar,
privacy, language."""

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
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.dues_calendar import DuesCalendar
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Association, BoardPost, BoardRole, Country
from medlemsvard_app.domain.payment_details import (
    NORMALISERS,
    PAYMENT_FIELDS,
    normalise_org_number,
)
from medlemsvard_app.domain.validation import (
    FieldError,
    format_phone,
    normalise_email,
    normalise_phone,
    normalise_postal_code,
)
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import board_role_label, describe, message
from medlemsvard_app.services.session import Session, open_session
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.calls_settings import CallsSettings
from medlemsvard_app.ui.dialogs.common import (
    FieldErrors,
    add_row,
    error_label,
    hint_label,
    new_form,
    set_combo_data,
    with_error,
)
from medlemsvard_app.ui.dialogs.dues_calendar_editor import DuesCalendarEditor
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.workers import Job, ProgressFn

TAB_ASSOCIATION, TAB_BOARD, TAB_PAYMENTS, TAB_DUES, TAB_CALLS, TAB_PRIVACY, TAB_LANGUAGE = range(7)
LOGO_MAX = (1200, 600)
LOGO_PREVIEW = (220, 90)


def _field_message(code: str) -> str:
    """Sentences for the codes this dialog's checks raise (members' codes come from i18n)."""
    texts = {
        "bankgiro_invalid": _("A bankgiro number has 7 or 8 digits, like 5050-1055; "
                              "check the digits."),
        "plusgiro_invalid": _("A plusgiro number has 2 to 8 digits, like 90 20 90-0; "
                              "check the digits."),
        "swish_invalid": _("A Swish number for an association has 10 digits and starts "
                           "with 123, like 123 456 78 90."),
        "bank_account_invalid": _("A Norwegian account number has 11 digits, like "
                                  "8601.11.17947; check the digits."),
        "vipps_invalid": _("A Vipps number has 4 to 8 digits, like 123456."),
        "org_number_invalid_se": _("A Swedish organisation number has 10 digits, like "
                                   "802012-3454; check the digits."),
        "org_number_invalid_no": _("A Norwegian organisation number has 9 digits, like "
                                   "988 077 917; check the digits."),
        "name_required": _("Enter the association's name."),
        "purpose_required": _("Write why the association needs personal identity numbers. "
                              "The purpose must be stated before the field is switched on."),
    }
    return texts.get(code) or message(code)


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


# --------------------------------------------------------------------------- board model
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


# --------------------------------------------------------------------------- dialog
class SettingsDialog(QDialog):
    """Edit the association; emits ``saved()`` after writing it."""

    saved = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.original = session.association
        self._jobs: list[Job] = []
        self._logo: bytes | None = self.original.logo_png
        self.setWindowTitle(_("Association settings"))
        self.setSizeGripEnabled(True)

        self.tabs = QTabWidget()
        self.errors = FieldErrors(self.tabs)
        self.tabs.addTab(self._build_association(), _("&Association"))
        self.tabs.addTab(self._build_board(), _("&Board"))
        self.tabs.addTab(self._build_payments(), _("Pa&yments"))
        self.tabs.addTab(self._build_dues(), _("&Dues"))
        self.tabs.addTab(self._build_calls(), _("Call&s"))
        self.tabs.addTab(self._build_privacy(), _("P&rivacy"))
        self.tabs.addTab(self._build_language(), _("&Language"))

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.button_box.button(QDialogButtonBox.StandardButton.Cancel)
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)
        outer.addWidget(self.tabs, 1)
        outer.addWidget(self.button_box)

        self._load(self.original)
        self._connect_signals()
        hint = self.sizeHint()
        self.resize(max(hint.width(), 900), max(hint.height(), 620))

    # ------------------------------------------------------------------ building
    def _build_association(self) -> QWidget:
        page = QWidget()
        self.name_edit = QLineEdit()
        self.name_edit.setMinimumWidth(260)  # a whole association name, e.g. "Föreningen …"
        self.country_combo = QComboBox()
        self.country_combo.addItem(_("Sweden"), "SE")
        self.country_combo.addItem(_("Norway"), "NO")
        self.country_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.country_combo.setMinimumWidth(160)
        self.org_number_edit = QLineEdit()
        self.org_number_edit.setMaximumWidth(180)
        self.co_edit = QLineEdit()
        self.street_edit = QLineEdit()
        self.postal_code_edit = QLineEdit()
        self.postal_code_edit.setMaximumWidth(100)
        self.city_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.website_edit = QLineEdit()
        self.website_edit.setPlaceholderText(_("www.example.org"))

        who = new_form()
        e = error_label()
        add_row(who, _("&Name:"), self.name_edit, with_error(self.name_edit, e))
        self.errors.add("name", e, self.name_edit, TAB_ASSOCIATION)
        add_row(who, _("&Country:"), self.country_combo)
        self.country_hint = hint_label(_(
            "The country sets the postal-code and phone rules and the alphabetical order "
            "(Å Ä Ö or Æ Ø Å)."))
        who.addRow("", self.country_hint)
        e = error_label()
        add_row(who, _("&Organisation number:"), self.org_number_edit,
                with_error(self.org_number_edit, e))
        self.errors.add("org_number", e, self.org_number_edit, TAB_ASSOCIATION)

        address = new_form()
        address.addRow(_("c/o:"), self.co_edit)
        add_row(address, _("&Street:"), self.street_edit)
        postal_row = QWidget()
        row = QHBoxLayout(postal_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.postal_code_edit)
        city_label = QLabel(_("C&ity:"))
        city_label.setBuddy(self.city_edit)
        row.addWidget(city_label)
        row.addWidget(self.city_edit, 1)
        e = error_label()
        add_row(address, _("&Postal code:"), self.postal_code_edit, with_error(postal_row, e))
        self.errors.add("postal_code", e, self.postal_code_edit, TAB_ASSOCIATION)

        reach = new_form()
        e = error_label()
        add_row(reach, _("&E-mail:"), self.email_edit, with_error(self.email_edit, e))
        self.errors.add("email", e, self.email_edit, TAB_ASSOCIATION)
        e = error_label()
        add_row(reach, _("P&hone:"), self.phone_edit, with_error(self.phone_edit, e))
        self.errors.add("phone", e, self.phone_edit, TAB_ASSOCIATION)
        add_row(reach, _("&Website:"), self.website_edit)

        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setStyleSheet("background: white; color: #80868b;")
        self.logo_choose_button = QPushButton(_("Choose pict&ure…"))
        self.logo_choose_button.setAutoDefault(False)
        self.logo_remove_button = QPushButton(_("Remo&ve"))
        self.logo_remove_button.setAutoDefault(False)
        self.logo_error = error_label()
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_choose_button)
        logo_buttons.addWidget(self.logo_remove_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo = QVBoxLayout()
        logo.addLayout(logo_row)
        logo.addWidget(self.logo_error)
        logo.addWidget(hint_label(_("A PNG or JPEG picture, printed at the top of letters.")))
        self.errors.add("logo", self.logo_error, self.logo_choose_button, TAB_ASSOCIATION)

        left = QVBoxLayout()
        left.addWidget(_group(_("The association"), who))
        left.addWidget(_group(_("Postal address"), address))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(_group(_("Contact"), reach))
        right.addWidget(_group(_("Logo"), logo))
        right.addStretch(1)
        grid = QHBoxLayout(page)
        grid.setContentsMargins(12, 12, 12, 12)
        grid.setSpacing(12)
        grid.addLayout(left, 1)
        grid.addLayout(right, 1)
        return page

    def _build_board(self) -> QWidget:
        page = QWidget()
        self.board_model = BoardModel(self.original.board, self)
        self.board_view = QTableView()
        self.board_view.setModel(self.board_model)
        self.board_view.setItemDelegateForColumn(0, RoleDelegate(self.board_view))
        self.board_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.board_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.board_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed
                                        | QAbstractItemView.EditTrigger.AnyKeyPressed
                                        | QAbstractItemView.EditTrigger.SelectedClicked)
        self.board_view.setAlternatingRowColors(True)
        self.board_view.verticalHeader().setVisible(False)
        self.board_view.setTabKeyNavigation(False)
        header = self.board_view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((150, 125, 140, 110)):
            self.board_view.setColumnWidth(column, width)
        label = QLabel(_("&Posts on the board:"))
        label.setBuddy(self.board_view)

        self.board_add_button = QPushButton(_("A&dd post"))
        self.board_remove_button = QPushButton(_("Re&move"))
        self.board_up_button = QPushButton(_("Move &up"))
        self.board_down_button = QPushButton(_("Move do&wn"))
        buttons = QVBoxLayout()
        for button in (self.board_add_button, self.board_remove_button, self.board_up_button,
                       self.board_down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.board_error = error_label()
        self.errors.add("board", self.board_error, self.board_view, TAB_BOARD)

        table_row = QHBoxLayout()
        table_row.addWidget(self.board_view, 1)
        table_row.addLayout(buttons)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addWidget(hint_label(_(
            "Who holds which post, and how to reach them. Letters, call sheets and the board "
            "report use these. Double-click a cell to change it.")))
        outer.addWidget(label)
        outer.addLayout(table_row, 1)
        outer.addWidget(self.board_error)
        return page

    def _build_payments(self) -> QWidget:
        page = QWidget()
        self.payment_edits: dict[str, QLineEdit] = {}
        se = new_form()
        for name, text, example in (
                ("bankgiro", _("Ban&kgiro:"), "5050-1055"),
                ("plusgiro", _("&Plusgiro:"), "90 20 90-0"),
                ("swish", _("&Swish number:"), "123 456 78 90")):
            self._payment_row(se, name, text, example)
        no = new_form()
        for name, text, example in (
                ("bank_account", _("Ban&k account:"), "8601.11.17947"),
                ("vipps", _("&Vipps number:"), "123456")):
            self._payment_row(no, name, text, example)
        self.sweden_box = _group(_("Payments in Sweden"), se)
        self.norway_box = _group(_("Payments in Norway"), no)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(12)
        outer.addWidget(hint_label(_(
            "Printed on invoices and reminders so members know where to pay. The fields "
            "follow the country chosen on the Association tab.")))
        outer.addWidget(self.sweden_box)
        outer.addWidget(self.norway_box)
        outer.addStretch(1)
        return page

    def _build_dues(self) -> QWidget:
        self.dues = self.session.dues()
        self.dues_editor = DuesCalendarEditor(
            self.dues.calendar(), self.original.country.value, self.original.currency,
            self.session.today())
        # The editor shows what is wrong at each setting; this slot brings the page forward.
        self.errors.add("dues", self.dues_editor.errors["calendar"], self.dues_editor,
                        TAB_DUES)
        return self.dues_editor

    def _build_calls(self) -> QWidget:
        self.calls_page = CallsSettings(self.session.calls(), self.original.country.value)
        self.errors.add("calls", self.calls_page.error, self.calls_page, TAB_CALLS)
        return self.calls_page

    def _payment_row(self, form: Any, name: str, text: str, example: str) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(_("e.g. {example}").format(example=example))
        edit.setMaximumWidth(220)
        e = error_label()
        add_row(form, text, edit, with_error(edit, e))
        self.payment_edits[name] = edit
        self.errors.add(name, e, edit, TAB_PAYMENTS)

    def _build_privacy(self) -> QWidget:
        page = QWidget()
        self.identity_check = QCheckBox(_("Record members' personal &identity numbers"))
        self.purpose_edit = QPlainTextEdit()
        self.purpose_edit.setTabChangesFocus(True)
        self.purpose_edit.setMaximumHeight(80)
        self.purpose_edit.setPlaceholderText(_(
            "e.g. Reporting gifts to the tax authority for tax reduction"))
        self.purpose_label = QLabel(_("Pur&pose (required):"))
        self.purpose_label.setBuddy(self.purpose_edit)
        purpose_error = error_label()
        self.errors.add("identity_number_purpose", purpose_error, self.purpose_edit, TAB_PRIVACY)
        ident = QVBoxLayout()
        ident.addWidget(hint_label(_(
            "Most associations do not need them: the birth date and the member number "
            "identify a member. Switch this on only if the association has a clear need, and "
            "write down why. The number is shown masked and never printed or exported.")))
        ident.addWidget(self.identity_check)
        ident.addWidget(self.purpose_label)
        ident.addWidget(self.purpose_edit)
        ident.addWidget(purpose_error)
        ident.addWidget(hint_label(_(
            "If you switch it off later, a member's number is removed the next time their "
            "card is saved.")))

        self.gender_check = QCheckBox(_("Record members' &gender"))
        gender = QVBoxLayout()
        gender.addWidget(hint_label(_(
            "Only if the association reports or plans by gender. Members may leave it "
            "unstated.")))
        gender.addWidget(self.gender_check)

        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(12)
        outer.addWidget(_group(_("Personal identity numbers"), ident))
        outer.addWidget(_group(_("Gender"), gender))
        outer.addStretch(1)
        return page

    def _build_language(self) -> QWidget:
        page = QWidget()
        self.language_group = QButtonGroup(self)
        self.language_radios: dict[str, QRadioButton] = {}
        box = QVBoxLayout()
        # Language names are written in their own language, so anyone can find theirs.
        for code, name in (("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English")):
            radio = QRadioButton(name)
            self.language_group.addButton(radio)
            self.language_radios[code] = radio
            box.addWidget(radio)
        box.addSpacing(6)
        box.addWidget(hint_label(_(
            "The language of the app's windows and of letters. The new language is used the "
            "next time you start Medlemsvård.")))
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addWidget(_group(_("Language"), box))
        outer.addStretch(1)
        return page

    def _connect_signals(self) -> None:
        self.country_combo.currentIndexChanged.connect(self._country_changed)
        self.postal_code_edit.editingFinished.connect(lambda: self._check("postal_code"))
        self.email_edit.editingFinished.connect(lambda: self._check("email"))
        self.phone_edit.editingFinished.connect(lambda: self._check("phone"))
        self.org_number_edit.editingFinished.connect(lambda: self._check("org_number"))
        for name, edit in self.payment_edits.items():
            edit.editingFinished.connect(lambda n=name: self._check(n))
        self.logo_choose_button.clicked.connect(self.choose_logo)
        self.logo_remove_button.clicked.connect(self.remove_logo)
        self.board_add_button.clicked.connect(self.add_board_post)
        self.board_remove_button.clicked.connect(self.remove_board_post)
        self.board_up_button.clicked.connect(lambda: self.move_board_post(-1))
        self.board_down_button.clicked.connect(lambda: self.move_board_post(1))
        self.board_view.selectionModel().selectionChanged.connect(
            lambda *_a: self._sync_board_buttons())
        self.board_model.rowsInserted.connect(lambda *_a: self._sync_board_buttons())
        self.board_model.rowsRemoved.connect(lambda *_a: self._sync_board_buttons())
        self.board_model.rowsMoved.connect(lambda *_a: self._sync_board_buttons())
        self.identity_check.toggled.connect(self._sync_privacy)

    # ------------------------------------------------------------------ loading
    def _load(self, a: Association) -> None:
        self.name_edit.setText(a.name)
        set_combo_data(self.country_combo, a.country.value)
        self.org_number_edit.setText(a.org_number)
        self.co_edit.setText(a.co)
        self.street_edit.setText(a.street)
        self.postal_code_edit.setText(a.postal_code)
        self.city_edit.setText(a.city)
        self.email_edit.setText(a.email)
        self.phone_edit.setText(a.phone)
        self.website_edit.setText(a.website)
        for name, edit in self.payment_edits.items():
            edit.setText(getattr(a, name))
        self.identity_check.setChecked(a.identity_number_enabled)
        self.purpose_edit.setPlainText(a.identity_number_purpose)
        self.gender_check.setChecked(a.gender_enabled)
        self.language_radios.get(a.language, self.language_radios["en"]).setChecked(True)
        self._show_logo()
        self._sync_country()
        self._sync_privacy()
        self._sync_board_buttons()

    def country(self) -> str:
        return str(self.country_combo.currentData())

    def _sync_country(self) -> None:
        country = self.country()
        self.sweden_box.setVisible(country == "SE")
        self.norway_box.setVisible(country == "NO")

    def _country_changed(self) -> None:
        self._sync_country()
        self.dues_editor.set_country(self.country(), "NOK" if self.country() == "NO" else "SEK")
        self.calls_page.country = self.country()
        for name, edit in (("postal_code", self.postal_code_edit),
                           ("org_number", self.org_number_edit), ("phone", self.phone_edit)):
            if edit.text().strip() or self.errors.label(name).text():
                self._check(name)

    def _sync_privacy(self) -> None:
        on = self.identity_check.isChecked()
        self.purpose_edit.setEnabled(on)
        self.purpose_label.setEnabled(on)
        if not on:
            self.errors.clear("identity_number_purpose")

    # ------------------------------------------------------------------ checks
    def _normalise(self, name: str, text: str) -> str:
        country = self.country()
        if name == "postal_code":
            return normalise_postal_code(text, country)
        if name == "email":
            return normalise_email(text)
        if name == "phone":
            e164 = normalise_phone(text, country)
            return format_phone(e164, country)
        if name == "org_number":
            return normalise_org_number(text, country)
        return NORMALISERS[name](text)

    def _edit_for(self, name: str) -> QLineEdit:
        return self.payment_edits.get(name) or {
            "postal_code": self.postal_code_edit, "email": self.email_edit,
            "phone": self.phone_edit, "org_number": self.org_number_edit}[name]

    def _check(self, name: str) -> bool:
        edit = self._edit_for(name)
        if not edit.text().strip():
            edit.clear()
            self.errors.clear(name)
            return True
        try:
            edit.setText(self._normalise(name, edit.text()))
        except FieldError as exc:
            self.errors.set(name, _field_message(exc.code))
            return False
        self.errors.clear(name)
        return True

    # ------------------------------------------------------------------ logo
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
            self.errors.set("logo", _(
                "This file is not a picture Medlemsvård can read. Choose a PNG or JPEG file."))
            return False
        self.errors.clear("logo")
        self._logo = image_to_png(image)
        self._show_logo()
        return True

    def remove_logo(self) -> None:
        self._logo = None
        self.errors.clear("logo")
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo, "PNG"):
            w, h = LOGO_PREVIEW
            self.logo_preview.setPixmap(pixmap.scaled(
                w - 8, h - 8, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            self.logo_remove_button.setEnabled(True)
        else:
            self.logo_preview.clear()
            self.logo_preview.setText(_("No logo"))
            self.logo_remove_button.setEnabled(False)

    # ------------------------------------------------------------------ board
    def _current_board_row(self) -> int:
        index = self.board_view.currentIndex()
        rows = self.board_view.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        return index.row() if index.isValid() else -1

    def _sync_board_buttons(self) -> None:
        row = self._current_board_row()
        count = self.board_model.rowCount()
        self.board_remove_button.setEnabled(row >= 0)
        self.board_up_button.setEnabled(row > 0)
        self.board_down_button.setEnabled(0 <= row < count - 1)

    def add_board_post(self) -> None:
        taken = {p.role for p in self.board_model.posts}
        role = next((r for r in (BoardRole.CHAIR, BoardRole.VICE_CHAIR, BoardRole.SECRETARY,
                                 BoardRole.TREASURER, BoardRole.MEMBERSHIP_OFFICER)
                     if r not in taken), BoardRole.BOARD_MEMBER)
        row = self.board_model.add(role)
        index = self.board_model.index(row, BoardModel.COLUMNS.index("person_name"))
        self.board_view.setCurrentIndex(index)
        self.board_view.selectRow(row)
        self.board_view.setFocus()
        self.board_view.edit(index)

    def remove_board_post(self) -> None:
        row = self._current_board_row()
        if row >= 0:
            self.board_model.remove(row)
            if self.board_model.rowCount():
                self.board_view.selectRow(min(row, self.board_model.rowCount() - 1))

    def move_board_post(self, delta: int) -> None:
        row = self._current_board_row()
        if row < 0:
            return
        new_row = self.board_model.move(row, delta)
        self.board_view.selectRow(new_row)
        self._sync_board_buttons()

    def _board_problems(self) -> str:
        lines: list[str] = []
        country = self.country()
        for post in self.board_model.posts:
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
        self.board_model.refresh()  # phone numbers and e-mails may have been tidied
        return "\n".join(lines)

    # ------------------------------------------------------------------ saving
    def collect(self) -> Association:
        """The association as the form holds it (unchecked)."""
        a = replace(self.original, board=[replace(p) for p in self.board_model.posts])
        a.name = " ".join(self.name_edit.text().split())
        a.country = Country(self.country())
        a.org_number = self.org_number_edit.text().strip()
        a.co = self.co_edit.text().strip()
        a.street = self.street_edit.text().strip()
        a.postal_code = self.postal_code_edit.text().strip()
        a.city = self.city_edit.text().strip()
        a.email = self.email_edit.text().strip()
        a.phone = self.phone_edit.text().strip()
        a.website = self.website_edit.text().strip()
        a.logo_png = self._logo
        for name, edit in self.payment_edits.items():
            setattr(a, name, edit.text().strip())
        a.identity_number_enabled = self.identity_check.isChecked()
        a.identity_number_purpose = self.purpose_edit.toPlainText().strip()
        a.gender_enabled = self.gender_check.isChecked()
        a.language = next((code for code, radio in self.language_radios.items()
                           if radio.isChecked()), a.language)
        return a

    def save(self) -> bool:
        problems: dict[str, str] = {}
        if self.board_view.state() == QAbstractItemView.State.EditingState:
            # Commit the cell being typed in before reading the table.
            self.board_view.setCurrentIndex(QModelIndex())
        if not self.name_edit.text().strip():
            problems["name"] = _field_message("name_required")
        # The other country's payment fields are hidden and kept as they are.
        fields = ["org_number", "postal_code", "email", "phone",
                  *PAYMENT_FIELDS[self.country()]]
        for name in fields:
            if not self._check(name):
                problems[name] = self.errors.label(name).text()
        if self.identity_check.isChecked() and not self.purpose_edit.toPlainText().strip():
            problems["identity_number_purpose"] = _field_message("purpose_required")
        board = self._board_problems()
        if board:
            problems["board"] = board
        calendar = self.dues_editor.check()
        if calendar is None:
            problems["dues"] = self.dues_editor.errors["calendar"].text()
        schedule = self.calls_page.check()
        if schedule is None:
            problems["calls"] = self.calls_page.error.text()
        if problems:
            self.errors.show_all(problems)
            return False
        self.errors.clear()
        assoc = self.collect()
        try:
            self.session.save_association(assoc)
            self.original = assoc
            self.calls_page.save(schedule)
            # The calendar is its own setting; saving it unchanged would only log noise.
            old = self.dues.calendar()
            if calendar != old:
                if calendar.annual_fee != old.annual_fee:
                    self._save_calendar_in_background(calendar)
                    return True
                self.dues.save_calendar(calendar)
        except (StorageError, DomainError) as exc:
            self.notifier.error(self, describe(exc))
            return False
        self._saved()
        return True

    def _saved(self) -> None:
        self.saved.emit()
        super().accept()

    def _save_calendar_in_background(self, calendar: DuesCalendar) -> None:
        """A new fee re-decides which direct-debit withdrawals paid each year: seconds at
        100,000 members, so it runs as a job on its own connection. It cannot stop half
        way (one transaction), so the progress window has no Cancel button."""
        db_path, today = self.session.path, self.session.today

        def work(_progress: ProgressFn) -> None:
            # SQLite connections belong to one thread: the job opens and closes its own.
            own = open_session(db_path, today)
            try:
                own.dues().save_calendar(calendar)
            finally:
                own.close()

        progress = QProgressDialog(_("Saving the new fee and working out which years each "
                                     "member has paid…"), "", 0, 0, self)
        progress.setWindowTitle(_("Please wait"))
        progress.setCancelButton(None)  # type: ignore[arg-type]
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        job = Job(work)

        def done(_result: object) -> None:
            progress.close()
            self._saved()

        def failed(text: str) -> None:
            progress.close()
            self.notifier.error(self, text)

        job.signals.finished.connect(done)
        job.signals.failed.connect(failed)
        self._jobs.append(job)  # a running job must outlive the call that started it
        progress.show()
        QThreadPool.globalInstance().start(job)

    def accept(self) -> None:  # Enter in a field: same as Save
        self.save()


def _group(title: str, layout: Any) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box
