"""The start guide: the steps after "Create our association" (logo, dues, board, passphrase,
backups), each skippable, and the same guide again from the settings dialog.

The first step of a new association (name, country, language, file, passphrase) is the
first-run dialog, because the file must exist before the rest can be stored. Run again
from the settings, the guide starts with the name, country and language. Nothing is saved
before Finish; a skipped step keeps what the file already holds.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
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

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Country
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    add_row,
    error_label,
    hint_label,
    new_form,
    set_combo_data,
    title_label,
    with_error,
)
from medlemsvard_app.ui.dialogs.dues_calendar_editor import DuesCalendarEditor
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.widgets.setup_pages import (
    BackupFolderPicker,
    BoardEditor,
    LogoPicker,
    passphrase_status_text,
)

#: the languages offered, each in its own name so anyone can find theirs
LANGUAGE_NAMES = (("sv", "Svenska"), ("nb", "Norsk bokmål"), ("en", "English"))
CURRENCY = {"SE": "SEK", "NO": "NOK"}


class StartGuide(QDialog):
    """A few steps with Back, Skip and Next; emits ``saved()`` after Finish wrote them."""

    saved = Signal()
    #: after Finish, the user asked to set a passphrase now (the app's Security dialog)
    security_requested = Signal()

    def __init__(self, session, notifier: Notifier | None = None, *, first_time: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notifier = notifier or Notifier()
        self.first_time = first_time
        self.association = session.association
        self.dues = session.dues()
        self.skipped: set[str] = set()
        self.setWindowTitle(_("Start guide"))
        self.setSizeGripEnabled(True)

        self.keys: list[str] = []
        self.titles: list[str] = []
        self.stack = QStackedWidget()
        if not first_time:
            self._add("association", _("Name, country and language"), self._build_association())
        self._add("logo", _("The association's logo"), self._build_logo())
        self._add("dues", _("Membership dues"), self._build_dues())
        self._add("board", _("The board and how to reach them"), self._build_board())
        self._add("passphrase", _("Passphrase"), self._build_passphrase())
        self._add("backups", _("Backups"), self._build_backups())

        self.step_label = QLabel()
        self.step_label.setObjectName("guideStep")
        self.title = title_label("")
        self.back_button = QPushButton(_("< &Back"))
        self.skip_button = QPushButton(_("Skip — set late&r"))
        self.next_button = QPushButton(_("Ne&xt >"))
        self.close_button = QPushButton(_("Close"))
        for button in (self.back_button, self.skip_button, self.close_button):
            button.setAutoDefault(False)
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.next_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 14)
        outer.setSpacing(10)
        outer.addWidget(self.step_label)
        outer.addWidget(self.title)
        outer.addWidget(self.stack, 1)
        outer.addLayout(buttons)

        self.back_button.clicked.connect(self.back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.reject)
        self._show_page(0)
        for button in (self.back_button, self.skip_button, self.next_button):
            button.setMinimumWidth(button.sizeHint().width() + 12)  # long words fit
        # Wide enough for the dues calendar's two columns without a sideways scroll bar.
        calendar = self.dues_editor.scroll.widget().sizeHint().width()
        width = max(self.sizeHint().width(), calendar + 70, 820)
        self.resize(width, max(self.sizeHint().height(), 600))

    def _add(self, key: str, title: str, page: QWidget) -> None:
        self.keys.append(key)
        self.titles.append(title)
        self.stack.addWidget(page)

    # ------------------------------------------------------------------ pages
    def _build_association(self) -> QWidget:
        page = QWidget()
        a = self.association
        self.name_edit = QLineEdit(a.name)
        self.country_combo = QComboBox()
        self.country_combo.addItem(_("Sweden"), "SE")
        self.country_combo.addItem(_("Norway"), "NO")
        self.country_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.country_combo.setMinimumWidth(180)
        set_combo_data(self.country_combo, a.country.value)
        self.language_group = QButtonGroup(self)
        self.language_radios: dict[str, QRadioButton] = {}
        languages = QVBoxLayout()
        for code, name in LANGUAGE_NAMES:
            radio = QRadioButton(name)
            self.language_group.addButton(radio)
            self.language_radios[code] = radio
            languages.addWidget(radio)
        self.language_radios.get(a.language, self.language_radios["en"]).setChecked(True)
        self.name_error = error_label()
        form = new_form()
        add_row(form, _("Association's &name:"), self.name_edit,
                with_error(self.name_edit, self.name_error))
        add_row(form, _("Co&untry:"), self.country_combo)
        language_label = QLabel(_("&Language:"))
        language_label.setBuddy(self.language_radios["sv"])
        form.addRow(language_label, languages)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(form)
        outer.addWidget(hint_label(_(
            "The country sets the postal-code and phone rules, the payment details and the "
            "usual dues calendar. A new language is used the next time you start "
            "Medlemsvård.")))
        outer.addStretch(1)
        self.country_combo.currentIndexChanged.connect(self._country_changed)
        return page

    def _build_logo(self) -> QWidget:
        page = QWidget()
        self.logo_picker = LogoPicker(self.association.logo_png)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(hint_label(_(
            "Letters, invoices and lists carry the logo at the top. Choose a picture file; "
            "it is made smaller if it is large.")))
        outer.addWidget(self.logo_picker)
        outer.addStretch(1)
        return page

    def _build_dues(self) -> QWidget:
        country = self.association.country.value
        self.dues_editor = DuesCalendarEditor(
            self.dues.calendar(), country, self.association.currency, self.session.today())
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(hint_label(_(
            "The usual calendar for your country is filled in. Enter the annual fee; the "
            "dates can be left as they are and changed later in the settings.")))
        outer.addWidget(self.dues_editor, 1)  # it scrolls by itself
        return page

    def _build_board(self) -> QWidget:
        self.board_editor = BoardEditor(self.association.board)
        if not self.association.board:
            for _i in range(3):  # a head start: the posts the routines need
                self.board_editor.model.add()
            for row, role in enumerate(("chair", "treasurer", "membership_officer")):
                self.board_editor.model.setData(self.board_editor.model.index(row, 0), role)
        return self.board_editor

    def _build_passphrase(self) -> QWidget:
        page = QWidget()
        self.passphrase_label = QLabel(passphrase_status_text(self.session.passphrase
                                                              is not None))
        self.passphrase_label.setWordWrap(True)
        self.passphrase_check = QCheckBox(_("Set a passphrase &when the guide is done"))
        self.passphrase_check.setVisible(self.session.passphrase is None)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.passphrase_label)
        outer.addWidget(self.passphrase_check)
        outer.addStretch(1)
        return page

    def _build_backups(self) -> QWidget:
        page = QWidget()
        self.backup_picker = BackupFolderPicker(self.session.path)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.backup_picker)
        outer.addStretch(1)
        return page

    # ------------------------------------------------------------------ moving
    def current_key(self) -> str:
        return self.keys[self.stack.currentIndex()]

    def page_index(self, key: str) -> int:
        return self.keys.index(key)

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.step_label.setText(_("Step {step} of {count}").format(
            step=index + 1, count=len(self.keys)))
        self.title.setText(self.titles[index])
        self.back_button.setEnabled(index > 0)
        last = index == len(self.keys) - 1
        self.next_button.setText(_("Fi&nish") if last else _("Ne&xt >"))
        for widget in self.stack.currentWidget().findChildren(QWidget):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                break

    def back(self) -> None:
        index = self.stack.currentIndex()
        if index > 0:
            self._show_page(index - 1)

    def next(self) -> None:
        self.skipped.discard(self.current_key())
        self._advance()

    def skip(self) -> None:
        self.skipped.add(self.current_key())
        self._advance()

    def _advance(self) -> None:
        index = self.stack.currentIndex()
        if index < len(self.keys) - 1:
            self._show_page(index + 1)
        else:
            self.finish()

    def _country_changed(self) -> None:
        country = str(self.country_combo.currentData())
        self.dues_editor.set_country(country, CURRENCY[country])

    # ------------------------------------------------------------------ saving
    def used(self, key: str) -> bool:
        return key in self.keys and key not in self.skipped

    def _country(self) -> str:
        if self.used("association"):
            return str(self.country_combo.currentData())
        return self.association.country.value

    def finish(self) -> bool:
        """Check the steps not skipped, then store them; False (and the step shown) if a
        step needs a correction."""
        a = replace(self.association, board=list(self.association.board))
        if self.used("association"):
            name = " ".join(self.name_edit.text().split())
            if not name:
                self.name_error.setText(_("Enter the association's name."))
                self.name_error.show()
                self._show_page(self.page_index("association"))
                self.name_edit.setFocus()
                return False
            a.name = name
            a.country = Country(self._country())
            a.language = next((c for c, r in self.language_radios.items() if r.isChecked()),
                              a.language)
        if self.used("logo"):
            a.logo_png = self.logo_picker.logo()
        if self.used("board"):
            problems = self.board_editor.problems(self._country())
            self.board_editor.error.setText(problems)
            self.board_editor.error.setVisible(bool(problems))
            if problems:
                self._show_page(self.page_index("board"))
                return False
            a.board = [p for p in self.board_editor.posts()
                       if p.person_name or p.phone or p.email or p.title]
        calendar = None
        if self.used("dues"):
            calendar = self.dues_editor.check()
            if calendar is None:
                self._show_page(self.page_index("dues"))
                return False
        if self.used("backups") and not self.backup_picker.check():
            self._show_page(self.page_index("backups"))
            return False
        try:
            self.session.save_association(a)
            if calendar is not None and calendar != self.dues.calendar():
                self.dues.save_calendar(calendar)
            if self.used("backups"):
                self.backup_picker.save()
        except (StorageError, DomainError, OSError) as exc:
            text = describe(exc) if not isinstance(exc, OSError) else str(exc)
            self.notifier.error(self, text)
            return False
        self.saved.emit()
        self.accept()
        if self.used("passphrase") and self.passphrase_check.isChecked() and \
                self.session.passphrase is None:
            self.security_requested.emit()
        return True
