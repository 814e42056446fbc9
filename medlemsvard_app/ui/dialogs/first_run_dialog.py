"""The first thing a new user sees: create our association, explore a demo, or open a file.

The dialog only asks; the app creates the file afterwards (a demo off the UI thread).
Results: ``choice`` ("create" | "demo" | "open"), ``path``, ``name``, ``country``,
``language`` and ``demo_members``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _, current_language
from medlemsvard_app.i18n.formatting import format_count
from medlemsvard_app.ui.dialogs.common import (
    FieldErrors,
    add_row,
    error_label,
    hint_label,
    new_form,
    set_combo_data,
    title_label,
    with_error,
)

CHOICES = ("create", "demo", "open")
DEMO_SIZES = (300, 3_000, 100_000)
LANGUAGE_FOR_COUNTRY = {"SE": "sv", "NO": "nb"}
FILE_FILTER_EXTENSIONS = "*.sqlite *.db"


_SHEET = """
QCommandLinkButton {
    border: 1px solid palette(mid); border-radius: 8px; background: palette(base); padding: 6px;
}
QCommandLinkButton:hover { border-color: palette(highlight); }
QCommandLinkButton:checked {
    border: 2px solid palette(highlight); background: palette(alternate-base);
}
QFrame#choicePanel { border: 1px solid palette(mid); border-radius: 8px; }
"""  # palette roles: the same sheet reads well in a light and a dark theme


def demo_path(default_path: Path, country: str) -> Path:
    """Where a demo association lives: beside the real one, never in its place."""
    return Path(default_path).with_name(f"demo-{country.lower()}.sqlite")


def _country_combo() -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("Sweden"), "SE")
    combo.addItem(_("Norway"), "NO")
    combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    combo.setMinimumWidth(180)
    return combo


class FirstRunDialog(QDialog):
    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default_path = Path(default_path)
        home_country = "NO" if current_language() == "nb" else "SE"  # the language shown
        # Results, read by the app after ``accepted``
        self.choice = "create"
        self.path = self.default_path
        self.name = ""
        self.country = home_country
        self.language = LANGUAGE_FOR_COUNTRY[home_country]
        self.demo_members = DEMO_SIZES[0]
        self._language_touched = False

        self.setWindowTitle(_("Welcome to Medlemsvård"))
        self.setSizeGripEnabled(True)

        self.create_button = QCommandLinkButton(
            _("&Create our association"),
            _("Start an empty member register for your association."))
        self.demo_button = QCommandLinkButton(
            _("&Explore a demo association"),
            _("Try everything with made-up members. Your own register is not touched."))
        self.open_button = QCommandLinkButton(
            _("&Open an existing file…"),
            _("Use a register you already have, e.g. copied from another computer."))
        self.choice_group = QButtonGroup(self)
        self.choice_group.setExclusive(True)
        for i, button in enumerate((self.create_button, self.demo_button, self.open_button)):
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumWidth(280)
            self.choice_group.addButton(button, i)

        self.errors = FieldErrors()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_create(home_country))
        self.stack.addWidget(self._build_demo(home_country))
        self.stack.addWidget(self._build_open())

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.button_box.button(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        choices = QVBoxLayout()
        choices.setSpacing(6)
        for button in (self.create_button, self.demo_button, self.open_button):
            choices.addWidget(button)
        choices.addStretch(1)
        panel = QFrame()
        panel.setObjectName("choicePanel")
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(16, 14, 16, 14)
        panel_layout.addWidget(self.stack)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(choices, 0)
        body.addWidget(panel, 1)
        self.setStyleSheet(_SHEET)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 20, 22, 16)
        outer.setSpacing(12)
        outer.addWidget(title_label(_("Welcome to Medlemsvård")))
        outer.addWidget(hint_label(_(
            "Medlemsvård keeps your association's member register on this computer; nothing "
            "is sent anywhere. How would you like to start?")))
        outer.addSpacing(4)
        outer.addLayout(body, 1)
        outer.addWidget(self.button_box)

        self._connect_signals()
        self.create_button.setChecked(True)
        self._choice_toggled(0, True)
        self.resize(max(self.sizeHint().width(), 780), max(self.sizeHint().height(), 440))

    # ------------------------------------------------------------------ pages
    def _build_create(self, home_country: str) -> QWidget:
        page = QWidget()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Föreningen Framtid"))
        self.country_combo = _country_combo()
        set_combo_data(self.country_combo, home_country)
        self.language_combo = QComboBox()
        # Each language in its own name, so anyone can find theirs.
        for code, name in (("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English")):
            self.language_combo.addItem(name, code)
        set_combo_data(self.language_combo, LANGUAGE_FOR_COUNTRY[home_country])
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_combo.setMinimumWidth(180)
        self.path_edit = QLineEdit(str(self.default_path))
        self.browse_button = QPushButton(_("&Browse…"))
        self.browse_button.setAutoDefault(False)
        # Never squeeze the label ("Bla gjennom…" is long): the path field gives way instead.
        self.browse_button.setMinimumWidth(self.browse_button.sizeHint().width())

        form = new_form()
        e = error_label()
        add_row(form, _("Association's &name:"), self.name_edit, with_error(self.name_edit, e))
        self.errors.add("name", e, self.name_edit)
        add_row(form, _("Co&untry:"), self.country_combo)
        add_row(form, _("&Language:"), self.language_combo)
        e = error_label()
        add_row(form, _("Save in &file:"), self.path_edit,
                with_error(self.path_edit, e, self.browse_button))
        self.errors.add("path", e, self.path_edit)
        security = self._build_passphrase(form)

        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_page_title(_("Create our association")))
        outer.addLayout(form)
        outer.addLayout(security)
        outer.addWidget(hint_label(_(
            "Next, a short start guide asks for the logo, the dues, the board and where "
            "backups go; skip any step and set it later under Settings. An existing member "
            "list comes in with File → Import.")))
        outer.addStretch(1)
        return page

    def _build_passphrase(self, form) -> QVBoxLayout:
        """Encryption, offered and recommended (issue 9): the fields and the warning."""
        from medlemsvard_app.ui.dialogs.passphrase_dialog import no_back_door_text, password_edit

        self.passphrase = ""
        self.wants_sheet = False
        self.encrypt_check = QCheckBox(_("&Protect the register with a passphrase "
                                         "(recommended)"))
        self.encrypt_check.setChecked(True)
        form.addRow("", self.encrypt_check)
        self.passphrase_edit = password_edit()
        self.passphrase_repeat_edit = password_edit()
        e = error_label()
        self.passphrase_label = add_row(form, _("Passp&hrase:"), self.passphrase_edit,
                                        with_error(self.passphrase_edit, e))
        self.errors.add("passphrase", e, self.passphrase_edit)
        e = error_label()
        self.passphrase_repeat_label = add_row(form, _("Repea&t it:"),
                                               self.passphrase_repeat_edit,
                                               with_error(self.passphrase_repeat_edit, e))
        self.errors.add("passphrase_repeat", e, self.passphrase_repeat_edit)
        self.no_back_door_label = hint_label(no_back_door_text())
        self.sheet_check = QCheckBox(_("Make a recovery &sheet to print afterwards"))
        self.sheet_check.setChecked(True)

        def toggled(on: bool) -> None:
            for w in (self.passphrase_edit, self.passphrase_repeat_edit,
                      self.passphrase_label, self.passphrase_repeat_label,
                      self.no_back_door_label, self.sheet_check):
                w.setEnabled(on)

        self.encrypt_check.toggled.connect(toggled)
        box = QVBoxLayout()
        box.addWidget(self.no_back_door_label)
        box.addWidget(self.sheet_check)
        return box

    def _build_demo(self, home_country: str) -> QWidget:
        page = QWidget()
        self.demo_country_combo = _country_combo()
        set_combo_data(self.demo_country_combo, home_country)
        self.demo_size_group = QButtonGroup(self)
        self.demo_size_radios: dict[int, QRadioButton] = {}
        sizes = QVBoxLayout()
        sizes.setSpacing(4)
        descriptions = {
            300: _("{count} members: a small club"),
            3_000: _("{count} members: a large branch"),
            100_000: _("{count} members: a whole district (takes about a minute to make)"),
        }
        for size in DEMO_SIZES:
            radio = QRadioButton(descriptions[size].format(count=format_count(size)))
            self.demo_size_group.addButton(radio, size)
            self.demo_size_radios[size] = radio
            sizes.addWidget(radio)
        self.demo_size_radios[DEMO_SIZES[0]].setChecked(True)
        self.demo_file_label = hint_label("")
        self.demo_file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = new_form()
        add_row(form, _("Co&untry:"), self.demo_country_combo)
        size_label = QLabel(_("Si&ze:"))
        size_label.setBuddy(self.demo_size_radios[DEMO_SIZES[0]])
        form.addRow(size_label, sizes)

        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_page_title(_("Explore a demo association")))
        outer.addWidget(hint_label(_(
            "Made-up people with realistic names and addresses. Try searching, editing, "
            "importing and printing without any risk.")))
        outer.addLayout(form)
        outer.addWidget(self.demo_file_label)
        outer.addStretch(1)
        return page

    def _build_open(self) -> QWidget:
        page = QWidget()
        self.open_path_edit = QLineEdit()
        self.open_path_edit.setPlaceholderText(_("Choose a .sqlite file"))
        self.open_browse_button = QPushButton(_("B&rowse…"))
        self.open_browse_button.setAutoDefault(False)
        form = new_form()
        e = error_label()
        add_row(form, _("&File:"), self.open_path_edit,
                with_error(self.open_path_edit, e, self.open_browse_button))
        self.errors.add("open_path", e, self.open_path_edit)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_page_title(_("Open an existing file")))
        outer.addWidget(hint_label(_(
            "A Medlemsvård register is a single file ending in .sqlite. A file from an older "
            "version is updated when opened, after a backup copy is made.")))
        outer.addLayout(form)
        outer.addStretch(1)
        return page

    # ------------------------------------------------------------------ behaviour
    def _choice_toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        self.choice = CHOICES[button_id]
        self.stack.setCurrentIndex(button_id)
        self.errors.clear()
        self.ok_button.setText({"create": _("Create"), "demo": _("Create the demo"),
                                "open": _("Open")}[self.choice])
        self._update_demo_file()
        focus = {"create": self.name_edit, "demo": self.demo_country_combo,
                 "open": self.open_path_edit}[self.choice]
        focus.setFocus()

    def _connect_signals(self) -> None:
        self.choice_group.idToggled.connect(self._choice_toggled)
        self.country_combo.currentIndexChanged.connect(self._country_changed)
        self.language_combo.activated.connect(self._language_chosen)
        self.demo_country_combo.currentIndexChanged.connect(self._update_demo_file)
        self.browse_button.clicked.connect(self._browse_create)
        self.open_browse_button.clicked.connect(self._browse_open)
        self.name_edit.textEdited.connect(lambda _t: self.errors.clear("name"))
        self.path_edit.textEdited.connect(lambda _t: self.errors.clear("path"))
        self.open_path_edit.textEdited.connect(lambda _t: self.errors.clear("open_path"))
        self.passphrase_edit.textChanged.connect(self._passphrase_edited)
        self.passphrase_repeat_edit.textChanged.connect(self._passphrase_edited)
        self.encrypt_check.toggled.connect(self._passphrase_edited)

    def _passphrase_edited(self) -> None:
        """A passphrase error goes as soon as what it complained about is put right, not
        only at the next click on Create."""
        from medlemsvard_app.services.security import MIN_PASSPHRASE_LENGTH

        encrypt = self.encrypt_check.isChecked()
        first, repeat = self.passphrase_edit.text(), self.passphrase_repeat_edit.text()
        if not encrypt or len(first) >= MIN_PASSPHRASE_LENGTH:
            self.errors.clear("passphrase")
        if not encrypt or repeat == first:
            self.errors.clear("passphrase_repeat")

    def _make_room(self) -> None:
        """Grow the window for error lines just shown under the fields. Qt's minimum size
        ignores word-wrapped lines, so without this the fields above them are squeezed
        to a sliver and a long error (Norwegian) is cut."""
        layout = self.layout()
        layout.activate()
        if not layout.hasHeightForWidth():
            return
        need = layout.totalHeightForWidth(self.width())
        screen = self.screen()
        if screen is not None:  # never taller than the free screen (a 768 px laptop)
            need = min(need, screen.availableGeometry().height() - 60)
        if need > self.height():
            self.resize(self.width(), need)

    def _country_changed(self) -> None:
        country = str(self.country_combo.currentData())
        if not self._language_touched:
            set_combo_data(self.language_combo, LANGUAGE_FOR_COUNTRY[country])
        set_combo_data(self.demo_country_combo, country)

    def _language_chosen(self, _index: int) -> None:
        self._language_touched = True

    def _update_demo_file(self) -> None:
        path = demo_path(self.default_path, str(self.demo_country_combo.currentData()))
        text = _("Stored in its own file: {path}").format(path=path)
        if path.exists():
            text += "\n" + _("An earlier demo in that file will be replaced.")
        self.demo_file_label.setText(text)

    def _browse_create(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Where to keep the register"), self.path_edit.text(),
            _("Medlemsvård registers ({patterns})").format(patterns=FILE_FILTER_EXTENSIONS))
        if path:
            if not Path(path).suffix:
                path += ".sqlite"
            self.path_edit.setText(path)
            self.errors.clear("path")

    def _browse_open(self) -> None:
        start = self.open_path_edit.text() or str(self.default_path.parent)
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open a register"), start,
            _("Medlemsvård registers ({patterns});;All files (*)").format(
                patterns=FILE_FILTER_EXTENSIONS))
        if path:
            self.open_path_edit.setText(path)
            self.errors.clear("open_path")

    def select(self, choice: str) -> None:
        """Pick one of the three choices (as clicking its big button does)."""
        {"create": self.create_button, "demo": self.demo_button,
         "open": self.open_button}[choice].setChecked(True)

    # ------------------------------------------------------------------ result
    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.choice == "create":
            if not self.name_edit.text().strip():
                problems["name"] = _("Enter the association's name.")
            text = self.path_edit.text().strip()
            path = Path(text).expanduser() if text else None
            if path is None:
                problems["path"] = _("Choose where to keep the register.")
            elif path.is_dir():
                problems["path"] = _("This is a folder. Add a file name, e.g. "
                                     "medlemsvard.sqlite.")
            elif path.exists() and path.stat().st_size > 0:
                problems["path"] = _(
                    "There is already a file here. Choose “Open an existing file” to use it, "
                    "or give a new file name.")
            if self.encrypt_check.isChecked():
                from medlemsvard_app.services.security import MIN_PASSPHRASE_LENGTH

                if len(self.passphrase_edit.text()) < MIN_PASSPHRASE_LENGTH:
                    problems["passphrase"] = _("Use at least {count} characters.").format(
                        count=MIN_PASSPHRASE_LENGTH)
                elif self.passphrase_repeat_edit.text() != self.passphrase_edit.text():
                    problems["passphrase_repeat"] = _("The two passphrases are not the same.")
        elif self.choice == "open":
            text = self.open_path_edit.text().strip()
            path = Path(text).expanduser() if text else None
            if path is None:
                problems["open_path"] = _("Choose the file to open.")
            elif not path.is_file():
                problems["open_path"] = _("There is no file at this location.")
        return problems

    def accept(self) -> None:
        problems = self._problems()
        if problems:
            self.errors.show_all(problems)
            self._make_room()
            return
        if self.choice == "create":
            self.name = " ".join(self.name_edit.text().split())
            self.country = str(self.country_combo.currentData())
            self.language = str(self.language_combo.currentData())
            self.path = Path(self.path_edit.text().strip()).expanduser()
            self.demo_members = 0
            encrypt = self.encrypt_check.isChecked()
            self.passphrase = self.passphrase_edit.text() if encrypt else ""
            self.wants_sheet = encrypt and self.sheet_check.isChecked()
        elif self.choice == "demo":
            self.country = str(self.demo_country_combo.currentData())
            self.language = (str(self.language_combo.currentData()) if self._language_touched
                             else LANGUAGE_FOR_COUNTRY[self.country])
            self.demo_members = self.demo_size_group.checkedId()
            self.name = ""
            self.path = demo_path(self.default_path, self.country)
        else:
            self.path = Path(self.open_path_edit.text().strip()).expanduser()
            self.name = ""
            self.demo_members = 0
        super().accept()


def _page_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label
