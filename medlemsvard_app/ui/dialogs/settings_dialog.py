"""The association's settings: who we are, the board, payment details, the dues calendar,
privacy, language, passphrase and backups; and the start guide again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.dues_calendar import DuesCalendar
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Association, Country
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
from medlemsvard_app.i18n.messages import describe, message
from medlemsvard_app.services.session import Session, open_session
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.calls_settings import CallsSettings
from medlemsvard_app.ui.dialogs.common import (
    FieldErrors,
    add_row,
    error_label,
    fit_to_screen,
    hint_label,
    new_form,
    set_combo_data,
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
from medlemsvard_app.ui.workers import Job, ProgressFn

(TAB_ASSOCIATION, TAB_BOARD, TAB_PAYMENTS, TAB_DUES, TAB_CALLS, TAB_PRIVACY, TAB_LANGUAGE,
 TAB_SECURITY) = range(8)


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
        self.setWindowTitle(_("Association settings"))
        self.setSizeGripEnabled(True)

        # The tabs carry no mnemonics: with eight pages of fields there are not letters
        # enough in every language; Ctrl+Tab and Ctrl+PgDown move between them.
        self.tabs = QTabWidget()
        self.errors = FieldErrors(self.tabs)
        self.tabs.addTab(self._build_association(), _("Association"))
        self.tabs.addTab(self._build_board(), _("Board"))
        self.tabs.addTab(self._build_payments(), _("Payments"))
        self.tabs.addTab(self._build_dues(), _("Dues"))
        self.tabs.addTab(self._build_calls(), _("Calls"))
        self.tabs.addTab(self._build_privacy(), _("Privacy"))
        self.tabs.addTab(self._build_language(), _("Language"))
        self.tabs.addTab(self._build_security(), _("Security"))

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
        self.guide_button = QPushButton(_("Run the start guide again…"))
        self.guide_button.setAutoDefault(False)
        self.guide_button.clicked.connect(self.run_start_guide)
        bottom = QHBoxLayout()
        bottom.addWidget(self.guide_button)
        bottom.addStretch(1)
        bottom.addWidget(self.button_box)
        outer.addLayout(bottom)

        self._load(self.original)
        self._connect_signals()
        hint = self.sizeHint()
        fit_to_screen(self, max(hint.width(), 900), max(hint.height(), 620))

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

        self.logo_picker = LogoPicker(self.original.logo_png)
        self.logo_preview = self.logo_picker.preview
        self.logo_choose_button = self.logo_picker.choose_button
        self.logo_remove_button = self.logo_picker.remove_button
        self.logo_error = self.logo_picker.error
        logo = QVBoxLayout()
        logo.addWidget(self.logo_picker)
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
        self.board_editor = BoardEditor(self.original.board)
        self.board_model = self.board_editor.model
        self.board_view = self.board_editor.view
        self.board_add_button = self.board_editor.add_button
        self.board_remove_button = self.board_editor.remove_button
        self.board_up_button = self.board_editor.up_button
        self.board_down_button = self.board_editor.down_button
        self.board_error = self.board_editor.error
        self.errors.add("board", self.board_error, self.board_view, TAB_BOARD)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addWidget(self.board_editor)
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

    def _build_security(self) -> QWidget:
        page = QWidget()
        self.security_status = QLabel(passphrase_status_text(self.session.passphrase
                                                             is not None))
        self.security_status.setWordWrap(True)
        self.security_button = QPushButton(_("Save and open the &passphrase settings…"))
        self.security_button.setAutoDefault(False)
        self.security_button.clicked.connect(self.open_security)
        passphrase = QVBoxLayout()
        passphrase.addWidget(self.security_status)
        row = QHBoxLayout()
        row.addWidget(self.security_button)
        row.addStretch(1)
        passphrase.addLayout(row)
        passphrase.addWidget(hint_label(_(
            "Setting or changing the passphrase closes the register for a moment and opens "
            "it again, so your changes here are saved first.")))
        self.backup_picker = BackupFolderPicker(self.session.path)
        self.errors.add("backup_folder", self.backup_picker.error,
                        self.backup_picker.folder_edit, TAB_SECURITY)
        backups = QVBoxLayout()
        backups.addWidget(self.backup_picker)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(12)
        outer.addWidget(_group(_("Passphrase"), passphrase))
        outer.addWidget(_group(_("Backups"), backups))
        outer.addStretch(1)
        return page

    def open_security(self) -> None:
        """The passphrase is the app's job (ui/security_flow.py re-opens the register):
        save, close, and ask the main window for its Security dialog."""
        window = self.parentWidget()
        if self.save():
            signal = getattr(window, "security_requested", None)
            if signal is not None:
                signal.emit()

    def run_start_guide(self) -> None:
        """The start guide again, over this dialog; afterwards these tabs show its result."""
        from medlemsvard_app.ui.dialogs.first_run_guide import StartGuide

        self.guide = StartGuide(self.session, self.notifier, first_time=False, parent=self)
        self.guide.saved.connect(self._guide_saved)
        self.guide.security_requested.connect(self.open_security)
        self.guide.open()

    def _guide_saved(self) -> None:
        self.original = self.session.association
        self._load(self.original)
        self.dues_editor.load(self.dues.calendar())
        self.backup_picker.folder_edit.setText(self.guide.backup_picker.folder_edit.text())
        self.backup_picker.save()  # already stored by the guide: only marks it unchanged
        self.saved.emit()

    def _connect_signals(self) -> None:
        self.country_combo.currentIndexChanged.connect(self._country_changed)
        self.postal_code_edit.editingFinished.connect(lambda: self._check("postal_code"))
        self.email_edit.editingFinished.connect(lambda: self._check("email"))
        self.phone_edit.editingFinished.connect(lambda: self._check("phone"))
        self.org_number_edit.editingFinished.connect(lambda: self._check("org_number"))
        for name, edit in self.payment_edits.items():
            edit.editingFinished.connect(lambda n=name: self._check(n))
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
        self.logo_picker.set_logo(a.logo_png)
        self._sync_country()
        self._sync_privacy()
        self.board_editor.set_posts(a.board)

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
    def load_logo(self, path: Path) -> bool:
        """Read a PNG or JPEG file as the logo (stored as PNG); False if it is not a picture."""
        return self.logo_picker.load_logo(path)

    # ------------------------------------------------------------------ saving
    def collect(self) -> Association:
        """The association as the form holds it (unchecked)."""
        a = replace(self.original, board=self.board_editor.posts())
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
        a.logo_png = self.logo_picker.logo()
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
        board = self.board_editor.problems(self.country())
        if board:
            problems["board"] = board
        calendar = self.dues_editor.check()
        if calendar is None:
            problems["dues"] = self.dues_editor.errors["calendar"].text()
        schedule = self.calls_page.check()
        if schedule is None:
            problems["calls"] = self.calls_page.error.text()
        if not self.backup_picker.check():
            problems["backup_folder"] = self.backup_picker.error.text()
        if problems:
            self.errors.show_all(problems)
            return False
        self.errors.clear()
        assoc = self.collect()
        try:
            self.session.save_association(assoc)
            self.backup_picker.save()
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
