"""The member card: add or edit one member, record a member leaving or rejoining.

All reading and writing goes through ``RegisterService``; the card validates each field
as the user leaves it and again, in full, when saving (the domain rules decide).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError, ValidationError
from medlemsvard_app.domain.models import (
    Association,
    Gender,
    JoinChannel,
    JoinMethod,
    LeaveReason,
    Member,
    MembershipStatus,
    PreferredChannel,
)
from medlemsvard_app.domain.validation import (
    FieldError,
    check_identity_number,
    format_phone,
    mask_identity,
    normalise_email,
    normalise_phone,
    normalise_postal_code,
)
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import (
    describe,
    gender_label,
    join_channel_label,
    leave_reason_label,
    message,
    preferred_channel_label,
    status_label,
)
from medlemsvard_app.services.dues import DuesService
from medlemsvard_app.services.register import RegisterService
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    FieldErrors,
    OptionalDateEdit,
    TagEditor,
    add_row,
    country_combo,
    error_label,
    fit_to_screen,
    from_qdate,
    hint_label,
    make_date_edit,
    new_form,
    set_combo_data,
    title_label,
    to_qdate,
    with_error,
)
from medlemsvard_app.ui.dialogs.contacts_tab import ContactsTab
from medlemsvard_app.ui.dialogs.dues_tab import DuesTab
from medlemsvard_app.ui.notifier import Notifier

(TAB_DETAILS, TAB_MEMBERSHIP, TAB_DUES, TAB_CONTACTS, TAB_CONTACT, TAB_TAGS, TAB_PRIVACY,
 TAB_NOTES) = range(8)
_RECRUITER_MATCHES = 12


def _group(title: str, layout: QFormLayout | QVBoxLayout | QHBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box


class MemberDialog(QDialog):
    """The member card. Emits ``saved(Member)`` each time the member is written, and
    ``dues_changed(Member)`` each time a dues record (payment, mandate, exemption) is."""

    saved = Signal(object)
    dues_changed = Signal(object)

    def __init__(self, register: RegisterService, association: Association,
                 member: Member | None = None, notifier: Notifier | None = None,
                 parent: QWidget | None = None, dues: DuesService | None = None) -> None:
        super().__init__(parent)
        self.register = register
        self.dues = dues or register.session.dues()
        self.association = association
        self.notifier = notifier or Notifier()
        self.is_new = member is None or member.id is None
        self._member: Member = member if member is not None else Member(
            country=association.country.value)
        self._identity: str | None = None
        self._recruiter_id: int | None = None
        self._recruiter_choices: dict[str, int] = {}
        self.leave_dialog: LeaveDialog | None = None
        self.setWindowTitle(_("New member") if self.is_new else _("Member card"))
        self.setSizeGripEnabled(True)

        self.header_title = title_label("")
        self.header_subtitle = hint_label("")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.errors = FieldErrors(self.tabs)
        self.tabs.addTab(self._build_details(), _("&Details"))
        self.tabs.addTab(self._build_membership(), _("&Membership"))
        self.dues_tab = DuesTab(self.dues, association, self.notifier)
        self.tabs.addTab(self.dues_tab, _("Dues and p&ayments"))
        self.contacts_tab = ContactsTab(register.session.calls())
        self.tabs.addTab(self.contacts_tab, _("Con&tacts"))
        self.tabs.addTab(self._build_contact(), _("&Contact and consent"))
        self.tabs.addTab(self._build_tags(), _("&Interests and skills"))
        self.tabs.addTab(self._build_privacy(), _("Pri&vacy"))
        self.tabs.addTab(self._build_notes(), _("&Notes"))
        # Last, so the TAB_ numbers above stay: what the member signed up for and came to.
        from medlemsvard_app.ui.dialogs.activity_member_tab import MemberActivitiesTab

        self.activities_tab = MemberActivitiesTab(register.session.activities())
        self.tabs.addTab(self.activities_tab, _("Activities"))

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.button_box.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(10)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.header_title)
        heading.addWidget(self.header_subtitle)
        outer.addLayout(heading)
        outer.addWidget(self.tabs, 1)
        outer.addWidget(self.button_box)

        self._connect_signals()
        self._load(self._member)
        self._initial = self._collect()
        # Register extract, consents, erasure (issue 9): a Privacy button by Save.
        from medlemsvard_app.ui.dialogs.privacy_member import add_privacy_menu

        add_privacy_menu(self)
        hint = self.sizeHint()
        # Wide enough for every tab title: hidden tabs behind scroll arrows go unnoticed.
        tabs_width = self.tabs.tabBar().sizeHint().width() + 40
        fit_to_screen(self, max(hint.width(), 760, tabs_width), max(hint.height(), 580))
        self.given_name_edit.setFocus()

    # ------------------------------------------------------------------ building
    def _build_details(self) -> QWidget:
        page = QWidget()
        self.given_name_edit = QLineEdit()
        self.family_name_edit = QLineEdit()
        self.call_name_edit = QLineEdit()
        self.call_name_edit.setPlaceholderText(_("If not the first given name"))
        self.birth_date_edit = OptionalDateEdit(_("Not known"))
        self.birth_date_edit.setMaximumDate(date.today())
        self.member_number_edit = QLineEdit()
        self.member_number_edit.setValidator(QIntValidator(1, 999_999_999, self))
        self.member_number_edit.setFixedWidth(200)
        self.co_edit = QLineEdit()
        self.co_edit.setPlaceholderText(_("Only if the post goes via someone else"))
        self.street_edit = QLineEdit()
        self.postal_code_edit = QLineEdit()
        self.postal_code_edit.setMaximumWidth(110)
        self.city_edit = QLineEdit()
        self.country_combo = country_combo()
        self.phone_edit = QLineEdit()
        self.phone_alt_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(_("name@example.com"))

        person = new_form()
        e = error_label()
        add_row(person, _("&Given name:"), self.given_name_edit,
                with_error(self.given_name_edit, e))
        self.errors.add("given_name", e, self.given_name_edit, TAB_DETAILS)
        add_row(person, _("&Family name:"), self.family_name_edit)
        add_row(person, _("Ca&ll name:"), self.call_name_edit)
        e = error_label()
        add_row(person, _("&Birth date:"), self.birth_date_edit.date_edit,
                with_error(self.birth_date_edit, e))
        self.errors.add("birth_date", e, self.birth_date_edit.date_edit, TAB_DETAILS)
        e = error_label()
        number_box = with_error(self.member_number_edit, e, compact=True)
        add_row(person, _("Member n&umber:"), self.member_number_edit, number_box)
        self.errors.add("member_number", e, self.member_number_edit, TAB_DETAILS)

        address = new_form()
        add_row(address, _("c/&o:"), self.co_edit)
        add_row(address, _("&Street:"), self.street_edit)
        e_postal = error_label()
        postal_row = QWidget()
        row = QHBoxLayout(postal_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.postal_code_edit)
        city_label = QLabel(_("Ci&ty:"))
        city_label.setBuddy(self.city_edit)
        row.addWidget(city_label)
        row.addWidget(self.city_edit, 1)
        add_row(address, _("&Postal code:"), self.postal_code_edit,
                with_error(postal_row, e_postal))
        self.errors.add("postal_code", e_postal, self.postal_code_edit, TAB_DETAILS)
        add_row(address, _("Countr&y:"), self.country_combo)

        contact = new_form()
        e = error_label()
        add_row(contact, _("P&hone:"), self.phone_edit, with_error(self.phone_edit, e))
        self.errors.add("phone", e, self.phone_edit, TAB_DETAILS)
        e = error_label()
        add_row(contact, _("Othe&r phone:"), self.phone_alt_edit,
                with_error(self.phone_alt_edit, e))
        self.errors.add("phone_alt", e, self.phone_alt_edit, TAB_DETAILS)
        e = error_label()
        add_row(contact, _("&E-mail:"), self.email_edit, with_error(self.email_edit, e))
        self.errors.add("email", e, self.email_edit, TAB_DETAILS)

        grid = QHBoxLayout()
        grid.setSpacing(12)
        left = QVBoxLayout()
        left.addWidget(_group(_("Person"), person))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(_group(_("Address"), address))
        right.addWidget(_group(_("Phone and e-mail"), contact))
        right.addStretch(1)
        grid.addLayout(left, 1)
        grid.addLayout(right, 1)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addLayout(grid)
        return page

    def _build_membership(self) -> QWidget:
        page = QWidget()
        self.status_value = QLabel()
        self.joined_on_edit = make_date_edit()
        form = new_form()
        form.addRow(_("Status:"), self.status_value)
        e = error_label()
        add_row(form, _("&Joined on:"), self.joined_on_edit, with_error(self.joined_on_edit, e))
        self.errors.add("joined_on", e, self.joined_on_edit, TAB_MEMBERSHIP)
        membership = _group(_("Membership"), form)

        self.join_unknown_radio = QRadioButton(_("Not recorded"))
        self.join_recruited_radio = QRadioButton(_("Recruited by a member"))
        self.join_own_radio = QRadioButton(_("Joined on their own"))
        self.join_method_group = QButtonGroup(self)
        for button in (self.join_unknown_radio, self.join_recruited_radio, self.join_own_radio):
            self.join_method_group.addButton(button)
        self.recruiter_edit = QLineEdit()
        self.recruiter_edit.setPlaceholderText(_("Type a name or member number, then pick"))
        self.recruiter_edit.setClearButtonEnabled(True)
        self.recruiter_model = QStringListModel(self)
        self.recruiter_completer = QCompleter(self.recruiter_model, self)
        self.recruiter_completer.setCompletionMode(
            QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.recruiter_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.recruiter_edit.setCompleter(self.recruiter_completer)
        self.join_channel_combo = QComboBox()
        self.join_channel_combo.addItem(_("Not recorded"), "")
        for channel in JoinChannel:
            self.join_channel_combo.addItem(join_channel_label(channel.value), channel.value)

        self.join_channel_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.join_channel_combo.setMinimumWidth(220)
        how = new_form()
        radios = QHBoxLayout()
        radios.setSpacing(16)
        for button in (self.join_unknown_radio, self.join_recruited_radio, self.join_own_radio):
            radios.addWidget(button)
        radios.addStretch(1)
        how.addRow(radios)
        e = error_label()
        self.recruiter_label = add_row(how, _("&Recruited by:"), self.recruiter_edit,
                                       with_error(self.recruiter_edit, e))
        self.errors.add("recruited_by", e, self.recruiter_edit, TAB_MEMBERSHIP)
        add_row(how, _("&Where they joined:"), self.join_channel_combo)
        how_box = _group(_("How they joined"), how)

        # Leaving (current members) or having left (former members)
        self.leave_hint = hint_label(_(
            "When a member leaves, record the date and the reason. They stay in the register "
            "as a former member; nothing is deleted."))
        self.leave_button = QPushButton(_("Member &leaves…"))
        self.leave_button.setAutoDefault(False)
        leave_row = QHBoxLayout()
        leave_row.addWidget(self.leave_hint, 1)
        leave_row.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignTop)
        self.leave_box = _group(_("Leaving"), leave_row)

        self.former_summary = QLabel()
        self.former_summary.setWordWrap(True)
        self.former_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.former_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rejoin_button = QPushButton(_("R&ejoin"))
        self.rejoin_button.setAutoDefault(False)
        self.rejoin_button.setToolTip(_("Make this person a member again from today"))
        e_left = error_label()
        former_col = QVBoxLayout()
        former_col.addWidget(self.former_summary)
        former_col.addWidget(e_left)
        former_row = QHBoxLayout()
        former_row.addLayout(former_col, 1)
        former_row.addWidget(self.rejoin_button, 0, Qt.AlignmentFlag.AlignTop)
        self.former_box = _group(_("Left the association"), former_row)
        self.errors.add("left_on", e_left, self.rejoin_button, TAB_MEMBERSHIP)
        self.errors.add("leave_reason", e_left, self.rejoin_button, TAB_MEMBERSHIP)

        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(12)
        outer.addWidget(membership)
        outer.addWidget(how_box)
        outer.addWidget(self.leave_box)
        outer.addWidget(self.former_box)
        outer.addStretch(1)
        return page

    def _build_contact(self) -> QWidget:
        page = QWidget()
        self.preferred_channel_combo = QComboBox()
        self.preferred_channel_combo.addItem(_("Not stated"), "")
        for channel in PreferredChannel:
            self.preferred_channel_combo.addItem(preferred_channel_label(channel.value),
                                                 channel.value)
        self.newsletter_consent = OptionalDateEdit(
            _("Wants the ne&wsletter"), check_means_date=True, on_text=_("consent given on"))
        self.sms_consent = OptionalDateEdit(
            _("Accepts te&xt messages"), check_means_date=True, on_text=_("consent given on"))
        self.do_not_call_check = CheckWithHint(
            _("Do not p&hone this member"),
            _("They have asked not to be called. They are left out of calling rounds."))

        # Line the two consent dates up under each other
        width = max(self.newsletter_consent.check.sizeHint().width(),
                    self.sms_consent.check.sizeHint().width())
        self.newsletter_consent.check.setMinimumWidth(width)
        self.sms_consent.check.setMinimumWidth(width)
        self.preferred_channel_combo.setSizePolicy(QSizePolicy.Policy.Fixed,
                                                   QSizePolicy.Policy.Fixed)
        self.preferred_channel_combo.setMinimumWidth(200)

        form = new_form()
        add_row(form, _("P&referred way to be contacted:"), self.preferred_channel_combo)
        form.addRow(_("Newsletter:"), self.newsletter_consent)
        form.addRow(_("Text messages:"), self.sms_consent)
        form.addRow(_("Phone calls:"), self.do_not_call_check)
        box = _group(_("Contact and consent"), form)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addWidget(box)
        outer.addWidget(hint_label(_(
            "Record a consent only when the member has said yes, and the day they did. "
            "Untick the box if they withdraw it.")))
        outer.addStretch(1)
        return page

    def _build_tags(self) -> QWidget:
        page = QWidget()
        self.interests_editor = TagEditor(self.register.tags("interest"),
                                          _("e.g. study circles, canvassing"))
        self.skills_editor = TagEditor(self.register.tags("skill"),
                                       _("e.g. accounting, graphic design"))
        interests = QVBoxLayout()
        interests.addWidget(hint_label(_("What the member wants to do in the association.")))
        interests.addWidget(self.interests_editor, 1)
        skills = QVBoxLayout()
        skills.addWidget(hint_label(_("What the member is good at and could help with.")))
        skills.addWidget(self.skills_editor, 1)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(_group(_("Interests"), interests), 1)
        row.addWidget(_group(_("Skills"), skills), 1)
        column = QVBoxLayout(page)
        column.setContentsMargins(12, 12, 12, 12)
        column.addLayout(row, 1)
        # Mentor and tasks (welcome, issue 5): tasks that fit the interests and skills above.
        from medlemsvard_app.ui.widgets.welcome_member import MemberWelcomeBox

        self.welcome_box = MemberWelcomeBox(self.register.session, self.notifier)
        column.addWidget(self.welcome_box)
        return page

    def _build_privacy(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(12)

        self.protected_check = CheckWithHint(
            _("This member has a &protected identity"),
            _("A protected identity (for example a confidential address) means the member is "
              "left out of batch letters, address labels and exports. Handle their post by "
              "hand."))
        protected = QVBoxLayout()
        protected.addWidget(self.protected_check)
        outer.addWidget(_group(_("Protected identity"), protected))

        self.identity_edit: QLineEdit | None = None
        self.identity_show_button: QPushButton | None = None
        self.identity_change_button: QPushButton | None = None
        if self.association.identity_number_enabled:
            self.identity_edit = QLineEdit()
            self.identity_edit.setPlaceholderText(
                _("YYYYMMDD-NNNN") if self.association.country.value == "SE"
                else _("DDMMYYNNNNN"))
            self.identity_show_button = QPushButton(_("S&how"))
            self.identity_show_button.setCheckable(True)
            self.identity_show_button.setAutoDefault(False)
            self.identity_change_button = QPushButton(_("Ch&ange"))
            self.identity_change_button.setAutoDefault(False)
            e = error_label()
            form = new_form()
            self.identity_edit.setFixedWidth(200)
            add_row(form, _("Num&ber:"), self.identity_edit,
                    with_error(self.identity_edit, e, self.identity_show_button,
                               self.identity_change_button, compact=True))
            self.errors.add("identity_number", e, self.identity_edit, TAB_PRIVACY)
            ident = QVBoxLayout()
            ident.addLayout(form)
            purpose = self.association.identity_number_purpose.strip()
            if purpose:
                ident.addWidget(hint_label(
                    _("The association records it for this purpose: {purpose}").format(
                        purpose=purpose)))
            ident.addWidget(hint_label(_(
                "The number is shown masked and never printed on labels or exported. "
                "The birth date is taken from it.")))
            outer.addWidget(_group(_("Personal identity number"), ident))

        self.gender_combo: QComboBox | None = None
        if self.association.gender_enabled:
            self.gender_combo = QComboBox()
            self.gender_combo.addItem(_("Not stated"), "")
            for gender in Gender:
                self.gender_combo.addItem(gender_label(gender.value), gender.value)
            self.gender_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.gender_combo.setMinimumWidth(200)
            form = new_form()
            add_row(form, _("&Gender:"), self.gender_combo)
            outer.addWidget(_group(_("Gender"), form))

        if not (self.association.identity_number_enabled or self.association.gender_enabled):
            outer.addWidget(hint_label(_(
                "The association does not record personal identity numbers or gender. "
                "They can be switched on, with a stated purpose, under Settings → Privacy.")))
        outer.addStretch(1)
        return page

    def _build_notes(self) -> QWidget:
        page = QWidget()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText(_(
            "Anything worth remembering about this member. Write only what you would be "
            "comfortable showing them: members may ask to see what is recorded."))
        outer = QVBoxLayout(page)
        outer.setContentsMargins(12, 12, 12, 12)
        label = QLabel(_("No&tes:"))
        label.setBuddy(self.notes_edit)
        outer.addWidget(label)
        outer.addWidget(self.notes_edit, 1)
        return page

    def _connect_signals(self) -> None:
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)
        self.email_edit.editingFinished.connect(lambda: self._check_field("email"))
        self.phone_edit.editingFinished.connect(lambda: self._check_field("phone"))
        self.phone_alt_edit.editingFinished.connect(lambda: self._check_field("phone_alt"))
        self.postal_code_edit.editingFinished.connect(lambda: self._check_field("postal_code"))
        self.member_number_edit.editingFinished.connect(lambda: self._check_field("member_number"))
        self.country_combo.currentIndexChanged.connect(self._country_changed)
        self.given_name_edit.textChanged.connect(self._update_header)
        self.family_name_edit.textChanged.connect(self._update_header)
        self.call_name_edit.textChanged.connect(self._update_header)
        self.join_method_group.buttonToggled.connect(lambda *_a: self._sync_join_method())
        self.recruiter_edit.textEdited.connect(self._search_recruiters)
        self.recruiter_completer.activated[str].connect(self._recruiter_picked)
        self.leave_button.clicked.connect(self.start_leave)
        self.rejoin_button.clicked.connect(self.rejoin)
        self.dues_tab.changed.connect(lambda: self.dues_changed.emit(self._member))
        if self.identity_edit is not None:
            self.identity_edit.editingFinished.connect(self._identity_entered)
            assert self.identity_show_button and self.identity_change_button
            self.identity_show_button.toggled.connect(lambda _c: self._show_identity())
            self.identity_change_button.clicked.connect(self._change_identity)

    # ------------------------------------------------------------------ loading
    def _load(self, m: Member) -> None:
        home = self.association.country.value
        self.given_name_edit.setText(m.given_name)
        self.family_name_edit.setText(m.family_name)
        self.call_name_edit.setText(m.call_name)
        self.birth_date_edit.setValue(m.birth_date, default=date(1980, 1, 1))
        self._load_number(m)
        self.co_edit.setText(m.co)
        self.street_edit.setText(m.street)
        self.postal_code_edit.setText(m.postal_code)
        self.city_edit.setText(m.city)
        set_combo_data(self.country_combo, (m.country or home).upper())
        self.phone_edit.setText(format_phone(m.phone, home))
        self.phone_alt_edit.setText(format_phone(m.phone_alt, home))
        self.email_edit.setText(m.email)

        self.joined_on_edit.setDate(to_qdate(m.joined_on or self.register.today()))
        method = {JoinMethod.RECRUITED: self.join_recruited_radio,
                  JoinMethod.OWN: self.join_own_radio}.get(m.join_method,  # type: ignore[arg-type]
                                                           self.join_unknown_radio)
        method.setChecked(True)
        self._recruiter_id = m.recruited_by
        self.recruiter_edit.setText(self._recruiter_text(m.recruited_by))
        set_combo_data(self.join_channel_combo, m.join_channel.value if m.join_channel else "")
        self._sync_join_method()
        self._load_status(m)

        set_combo_data(self.preferred_channel_combo,
                       m.preferred_channel.value if m.preferred_channel else "")
        self.newsletter_consent.setValue(m.newsletter_consent_on, default=self.register.today())
        self.sms_consent.setValue(m.sms_consent_on, default=self.register.today())
        self.do_not_call_check.setChecked(m.do_not_call)

        self.interests_editor.set_tags(m.interests)
        self.skills_editor.set_tags(m.skills)

        self.protected_check.setChecked(m.protected_identity)
        self._identity = m.identity_number
        self._show_identity()
        if self.gender_combo is not None:
            set_combo_data(self.gender_combo, m.gender.value if m.gender else "")
        self.notes_edit.setPlainText(m.notes)
        self.dues_tab.set_member(m)
        self.contacts_tab.set_member(m)
        self.activities_tab.set_member(m)
        self.welcome_box.set_member(m)
        self._update_header()

    def _load_number(self, m: Member) -> None:
        if m.member_number is not None:
            self.member_number_edit.setText(str(m.member_number))
            self.member_number_edit.setReadOnly(True)
            self.member_number_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.member_number_edit.setToolTip(_("A member keeps their number."))
        else:
            self.member_number_edit.setReadOnly(False)
            self.member_number_edit.setPlaceholderText(
                _("Next free: {number}").format(number=self.register.next_member_number()))
            self.member_number_edit.setToolTip(_(
                "Leave empty to give the next free number, or type the number the member "
                "already has."))

    def _load_status(self, m: Member) -> None:
        self.status_value.setText(status_label(m.status.value))
        is_former = m.status is MembershipStatus.FORMER
        self.former_box.setVisible(is_former)
        self.leave_box.setVisible(m.status is MembershipStatus.MEMBER)
        self.leave_button.setEnabled(m.id is not None)
        if m.id is None:
            self.leave_button.setToolTip(_("Save the new member first"))
        if is_former:
            reason = leave_reason_label(m.leave_reason.value) if m.leave_reason else "—"
            lines = [_("Left on {date}. Reason: {reason}.").format(
                date=format_date(m.left_on, "long") if m.left_on else "—", reason=reason)]
            if m.leave_note:
                lines.append(_("Note: {note}").format(note=m.leave_note))
            lines.append(_("They stay in the register as a former member and can rejoin."))
            self.former_summary.setText("\n".join(lines))

    def _update_header(self) -> None:
        given = self.call_name_edit.text().strip() or self.given_name_edit.text().strip()
        name = f"{given} {self.family_name_edit.text().strip()}".strip()
        self.header_title.setText(name or (_("New member") if self.is_new else _("Member")))
        m = self._member
        parts: list[str] = []
        if m.member_number is not None:
            parts.append(_("Member no. {number}").format(number=m.member_number))
        if m.status is MembershipStatus.FORMER and m.left_on:
            parts.append(_("Former member, left {date}").format(date=format_date(m.left_on)))
        elif m.status is MembershipStatus.PROSPECT:
            parts.append(status_label(m.status.value))
        elif m.joined_on:
            parts.append(_("Member since {date}").format(date=format_date(m.joined_on)))
        if m.protected_identity:
            parts.append(_("Protected identity"))
        if not parts and self.is_new:
            parts.append(_("Fill in what you know; only a name is required."))
        self.header_subtitle.setText("  ·  ".join(parts))

    # ------------------------------------------------------------------ collecting
    def _collect(self) -> Member:
        """A copy of the member with everything the form holds (not yet checked)."""
        m = replace(self._member, interests=list(self._member.interests),
                    skills=list(self._member.skills))
        m.given_name = self.given_name_edit.text()
        m.family_name = self.family_name_edit.text()
        m.call_name = self.call_name_edit.text()
        m.birth_date = self.birth_date_edit.value()
        if m.id is None:
            text = self.member_number_edit.text().strip()
            m.member_number = int(text) if text.isdigit() else None
        m.co = self.co_edit.text()
        m.street = self.street_edit.text()
        m.postal_code = self.postal_code_edit.text()
        m.city = self.city_edit.text()
        m.country = self.country_combo.currentData() or self.association.country.value
        m.phone = self.phone_edit.text()
        m.phone_alt = self.phone_alt_edit.text()
        m.email = self.email_edit.text()
        # A prospect has not joined: the widget's date is only a default to offer.
        if m.status is not MembershipStatus.PROSPECT:
            m.joined_on = from_qdate(self.joined_on_edit.date())
        if self.join_recruited_radio.isChecked():
            m.join_method = JoinMethod.RECRUITED
            m.recruited_by = self._recruiter_id
        elif self.join_own_radio.isChecked():
            m.join_method = JoinMethod.OWN
            m.recruited_by = None
        else:
            m.join_method = None
            m.recruited_by = None
        channel = self.join_channel_combo.currentData()
        m.join_channel = JoinChannel(channel) if channel else None
        preferred = self.preferred_channel_combo.currentData()
        m.preferred_channel = PreferredChannel(preferred) if preferred else None
        m.newsletter_consent_on = self.newsletter_consent.value()
        m.sms_consent_on = self.sms_consent.value()
        m.do_not_call = self.do_not_call_check.isChecked()
        m.interests = self.interests_editor.tags()
        m.skills = self.skills_editor.tags()
        m.protected_identity = self.protected_check.isChecked()
        if self.identity_edit is not None:
            if self.identity_edit.isReadOnly():
                m.identity_number = self._identity
            else:
                m.identity_number = self.identity_edit.text().strip() or None
        if self.gender_combo is not None:
            gender = self.gender_combo.currentData()
            m.gender = Gender(gender) if gender else None
        m.notes = self.notes_edit.toPlainText()
        return m

    def member(self) -> Member:
        """The member as last saved (or as loaded)."""
        return self._member

    def has_changes(self) -> bool:
        return self._collect() != self._initial

    # ------------------------------------------------------------------ field checks
    def _check_field(self, name: str) -> bool:
        """Check one field as the user leaves it; show the problem or the tidied value."""
        country = self.country_combo.currentData() or self.association.country.value
        home = self.association.country.value
        try:
            if name == "email":
                text = self.email_edit.text()
                if text.strip():
                    self.email_edit.setText(normalise_email(text))
            elif name in ("phone", "phone_alt"):
                edit = self.phone_edit if name == "phone" else self.phone_alt_edit
                if edit.text().strip():
                    edit.setText(format_phone(normalise_phone(edit.text(), country), home))
            elif name == "postal_code":
                text = self.postal_code_edit.text()
                if text.strip():
                    self.postal_code_edit.setText(normalise_postal_code(text, country))
            elif name == "member_number":
                return self._check_member_number()
        except FieldError as exc:
            self.errors.set(name, message(exc.code))
            return False
        self.errors.clear(name)
        return True

    def _check_member_number(self) -> bool:
        if self._member.id is not None:
            return True
        text = self.member_number_edit.text().strip()
        if text.isdigit():
            other = self.register.get_by_number(int(text))
            if other is not None:
                self.errors.set("member_number", _(
                    "Number {number} already belongs to {name}. Leave the field empty to "
                    "use the next free number.").format(number=text, name=other.display_name))
                return False
        self.errors.clear("member_number")
        return True

    def _country_changed(self) -> None:
        for name, edit in (("postal_code", self.postal_code_edit), ("phone", self.phone_edit),
                           ("phone_alt", self.phone_alt_edit)):
            if edit.text().strip() or self.errors.label(name).text():
                self._check_field(name)

    # ------------------------------------------------------------------ identity number
    def _identity_entered(self) -> None:
        assert self.identity_edit is not None
        if self.identity_edit.isReadOnly():
            return
        text = self.identity_edit.text().strip()
        if not text:
            self._identity = None
            self.errors.clear("identity_number")
            return
        country = self.country_combo.currentData()
        if country not in ("SE", "NO"):
            country = self.association.country.value
        try:
            ident = check_identity_number(text, country, self.register.today())
        except FieldError as exc:
            self.errors.set("identity_number", message(exc.code))
            return
        self.errors.clear("identity_number")
        self._identity = ident.number
        if ident.birth_date is not None:
            self.birth_date_edit.setValue(ident.birth_date)
        self._show_identity()

    def _show_identity(self) -> None:
        if self.identity_edit is None:
            return
        assert self.identity_show_button and self.identity_change_button
        stored = bool(self._identity)
        self.identity_edit.setReadOnly(stored)
        self.identity_show_button.setVisible(stored)
        self.identity_change_button.setVisible(stored)
        if not stored:
            self.identity_show_button.setChecked(False)
            return
        shown = self.identity_show_button.isChecked()
        self.identity_show_button.setText(_("Hid&e") if shown else _("S&how"))
        self.identity_edit.setText(self._identity if shown else mask_identity(self._identity))

    def _change_identity(self) -> None:
        assert self.identity_edit is not None and self.identity_show_button is not None
        self._identity = None
        self.identity_show_button.setChecked(False)
        self.identity_edit.setReadOnly(False)
        self.identity_edit.clear()
        self._show_identity()
        self.identity_edit.setFocus()

    # ------------------------------------------------------------------ recruiter
    def _sync_join_method(self) -> None:
        recruited = self.join_recruited_radio.isChecked()
        self.recruiter_edit.setEnabled(recruited)
        self.recruiter_label.setEnabled(recruited)
        if not recruited:
            self.errors.clear("recruited_by")

    def _recruiter_text(self, member_id: int | None) -> str:
        if member_id is None:
            return ""
        row = self.register.rows([member_id], ["member_number", "given_name", "family_name",
                                               "call_name", "city"]).get(member_id)
        return self._describe_row(row) if row else ""

    @staticmethod
    def _describe_row(row: tuple) -> str:
        number, given, family, call, city = row
        name = f"{call or given} {family}".strip()
        text = _("{name} (no. {number})").format(name=name, number=number)
        return f"{text}, {city}" if city else text

    def _search_recruiters(self, text: str) -> None:
        self._recruiter_id = None
        self._recruiter_choices = {}
        if not text.strip():
            self.recruiter_model.setStringList([])
            return
        ids = [i for i in self.register.search_ids(text)[: _RECRUITER_MATCHES + 1]
               if i != self._member.id][:_RECRUITER_MATCHES]
        rows = self.register.rows(ids, ["member_number", "given_name", "family_name",
                                        "call_name", "city"])
        for member_id in ids:
            if member_id in rows:
                self._recruiter_choices[self._describe_row(rows[member_id])] = member_id
        self.recruiter_model.setStringList(list(self._recruiter_choices))
        if self._recruiter_choices:
            self.recruiter_completer.complete()

    def _recruiter_picked(self, text: str) -> None:
        member_id = self._recruiter_choices.get(text)
        if member_id is not None:
            self.choose_recruiter(member_id)

    def choose_recruiter(self, member_id: int) -> None:
        """Record who recruited the member (also what picking from the list does)."""
        self._recruiter_id = member_id
        self.join_recruited_radio.setChecked(True)
        self.recruiter_edit.setText(self._recruiter_text(member_id))
        self.errors.clear("recruited_by")

    # ------------------------------------------------------------------ saving
    def _pre_check(self) -> dict[str, str]:
        """Problems the form can see before the domain rules run."""
        problems: dict[str, str] = {}
        if (self.join_recruited_radio.isChecked() and self._recruiter_id is None
                and self.recruiter_edit.text().strip()):
            problems["recruited_by"] = _(
                "Pick the recruiting member from the list that appears as you type.")
        if not self._check_member_number():
            problems["member_number"] = self.errors.label("member_number").text()
        if self.identity_edit is not None and not self.identity_edit.isReadOnly():
            self._identity_entered()
            if self.errors.label("identity_number").text():
                problems["identity_number"] = self.errors.label("identity_number").text()
        return problems

    def save(self) -> bool:
        """Validate and write the member; on success emit ``saved`` and close."""
        if self._write():
            super().accept()
            return True
        return False

    def _write(self) -> bool:
        problems = self._pre_check()
        member = self._collect()
        if problems:  # show the form's own problems together with the domain's
            try:
                self.register.validate(member)
            except ValidationError as exc:
                problems.update({f: message(c) for f, c in exc.problems.items()
                                 if f not in problems})
            self.errors.show_all(problems, fallback="given_name")
            return False
        try:
            saved, _changes = self.register.save(member)
        except ValidationError as exc:
            self.errors.show_all({f: message(c) for f, c in exc.problems.items()},
                                 fallback="given_name")
            return False
        except (StorageError, DomainError) as exc:
            self.notifier.error(self, describe(exc))
            return False
        self.errors.clear()
        self._member = saved
        self.is_new = False
        self.setWindowTitle(_("Member card"))
        self._load(saved)
        self._initial = self._collect()
        self.saved.emit(saved)
        return True

    def accept(self) -> None:  # Enter in a field: same as Save
        self.save()

    def reject(self) -> None:
        if self.has_changes() and not self.notifier.confirm(
                self, _("Close without saving? The changes to this member will be lost.")):
            return
        super().reject()

    # ------------------------------------------------------------------ leave / rejoin
    def start_leave(self) -> None:
        """Save what is on the card, then ask for the leave date and reason."""
        if self._member.id is None:
            return
        if self.has_changes() and not self._write():
            return
        dialog = LeaveDialog(self.register, self._member, self.notifier, self)
        dialog.saved.connect(self._after_status_change)
        self.leave_dialog = dialog
        dialog.open()

    def rejoin(self) -> None:
        m = self._member
        if m.id is None:
            return
        if not self.notifier.confirm(self, _(
                "Make {name} a member again from today?").format(name=m.display_name)):
            return
        if self.has_changes() and not self._write():
            return
        try:
            saved, _changes = self.register.rejoin(m.id, self.register.today())
        except ValidationError as exc:
            self.errors.show_all({f: message(c) for f, c in exc.problems.items()},
                                 fallback="given_name")
            return
        except (StorageError, DomainError, LookupError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self._after_status_change(saved)

    def _after_status_change(self, member: Member) -> None:
        self._member = member
        self._load(member)
        self._initial = self._collect()
        self.saved.emit(member)


class CheckWithHint(QWidget):
    """A check box with a grey explanation under it (checked state as on QCheckBox)."""

    def __init__(self, text: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.hint = hint_label(hint)
        self.hint.setContentsMargins(24, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.check)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.check)

    def isChecked(self) -> bool:  # noqa: N802
        return self.check.isChecked()

    def setChecked(self, value: bool) -> None:  # noqa: N802
        self.check.setChecked(value)


class LeaveDialog(QDialog):
    """Record that a member leaves: a date, a reason and a note. Nothing is deleted.

    Emits ``saved(Member)`` with the member, now former, once it is written.
    """

    saved = Signal(object)

    def __init__(self, register: RegisterService, member: Member,
                 notifier: Notifier | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if member.id is None:
            raise ValueError("the member must be saved first")
        self.register = register
        self.member = member
        self.notifier = notifier or Notifier()
        self.setWindowTitle(_("Member leaves"))
        self.setMinimumWidth(480)

        self.date_edit = make_date_edit(register.today())
        self.reason_combo = QComboBox()
        self.reason_combo.addItem(_("Choose a reason…"), "")
        for reason in LeaveReason:
            self.reason_combo.addItem(leave_reason_label(reason.value), reason.value)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(_("Optional: what they said, what might bring them back"))
        self.note_edit.setMinimumHeight(70)
        self.note_edit.setMaximumHeight(120)
        self.date_error = error_label()
        self.reason_error = error_label()

        form = new_form()
        add_row(form, _("&Left on:"), self.date_edit, with_error(self.date_edit, self.date_error))
        add_row(form, _("&Reason:"), self.reason_combo,
                with_error(self.reason_combo, self.reason_error))
        add_row(form, _("&Note:"), self.note_edit)

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record leaving"))
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        outer.setSpacing(12)
        outer.addWidget(title_label(_("{name} leaves the association").format(
            name=member.display_name or _("The member"))))
        outer.addWidget(hint_label(_(
            "They stay in the register as a former member, with the date and reason you give "
            "here. Nothing is deleted, and they can rejoin later.")))
        outer.addLayout(form)
        outer.addWidget(self.button_box)
        self.reason_combo.currentIndexChanged.connect(lambda _i: self.reason_error.hide())

    def accept(self) -> None:
        reason = self.reason_combo.currentData()
        self.date_error.hide()
        if not reason:
            self.reason_error.setText(message("leave_reason_missing"))
            self.reason_error.show()
            self.reason_combo.setFocus()
            return
        assert self.member.id is not None
        try:
            saved, _changes = self.register.leave(
                self.member.id, from_qdate(self.date_edit.date()), LeaveReason(reason),
                self.note_edit.toPlainText().strip())
        except ValidationError as exc:
            texts = {f: message(c) for f, c in exc.problems.items()}
            if "left_on" in texts:
                self.date_error.setText(texts.pop("left_on"))
                self.date_error.show()
                self.date_edit.setFocus()
            if "leave_reason" in texts:
                self.reason_error.setText(texts.pop("leave_reason"))
                self.reason_error.show()
            if texts:  # a problem elsewhere on the member's card
                self.notifier.error(self, "\n".join(texts.values()))
            return
        except (StorageError, DomainError, LookupError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self.saved.emit(saved)
        super().accept()
