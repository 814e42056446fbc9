"""The Privacy page: who is due for anonymisation (and doing it), the consents on record,
and the audit log with filters.

Everything goes through ``session.privacy()``; the lists are small (the due, the purposes,
a page of log entries), so they are read directly when the page is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.privacy import RetentionRule, bookkeeping_years, default_rule
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.formatting import format_count, format_date
from medlemsvard_app.i18n.messages import describe, leave_reason_label, status_label
from medlemsvard_app.i18n.privacy_labels import action_label, detail_text, purpose_label
from medlemsvard_app.services.session import Session
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import (
    from_qdate,
    hint_label,
    make_date_edit,
    title_label,
)
from medlemsvard_app.ui.notifier import Notifier
from medlemsvard_app.ui.workers import run_with_progress

LOG_LIMIT = 1000


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _stretch(table: QTableWidget, column: int) -> None:
    """``column`` takes the spare width (a name or purpose), not the last column."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def _fill(table: QTableWidget, rows: list[list[str]], numbers: tuple[int, ...] = ()) -> None:
    """Rows of text; the ``numbers`` columns are right-aligned, as counts are read."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in numbers:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def rule_text(rule: RetentionRule) -> str:
    """The rule in a sentence or two, as the page and the settings show it."""
    parts = [ngettext(
        "Former members are anonymised {months} month after they left.",
        "Former members are anonymised {months} months after they left.",
        rule.months_after_leaving).format(months=rule.months_after_leaving)
        if rule.months_after_leaving else
        _("Former members are anonymised as soon as they have left.")]
    if rule.passive_months_after_due is not None:
        parts.append(ngettext(
            "Members struck off for unpaid dues: {months} month after the due date they "
            "did not pay.",
            "Members struck off for unpaid dues: {months} months after the due date they "
            "did not pay.", rule.passive_months_after_due).format(
            months=rule.passive_months_after_due))
    if rule.keep_expelled:
        parts.append(_("Expelled members are kept."))
    parts.append(_("Anyone who agreed to the historical archive is kept; a prospect is "
                   "kept only while their consent lasts."))
    return " ".join(parts)


class PrivacyPage(QWidget):
    """Emits ``members_changed`` after anonymising, so the register and counts follow."""

    members_changed = Signal()

    def __init__(self, session: Session, notifier: Notifier | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.privacy = session.privacy()
        self.notifier = notifier or Notifier()
        self._stale = True
        self._due: list = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title_label(_("Privacy")))
        layout.addWidget(hint_label(_(
            "Members' details are kept only as long as they are needed. Here you see who is "
            "due to be anonymised, which consents are on record, and the log of what has "
            "been done with the register.")))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_retention(), _("Anonymisation due"))
        self.tabs.addTab(self._build_consents(), _("Consents"))
        self.tabs.addTab(self._build_log(), _("Log"))
        layout.addWidget(self.tabs, 1)

    # -- building ------------------------------------------------------------------------
    def _build_retention(self) -> QWidget:
        """The rule in words and as a small form (on a calm panel, one setting a row so
        long Swedish and Norwegian texts have room), then who is due."""
        page = QWidget()
        layout = QVBoxLayout(page)
        rule_box = QFrame()
        rule_box.setProperty("panel", True)
        rule_layout = QVBoxLayout(rule_box)
        rule_layout.setContentsMargins(10, 8, 10, 8)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        rule_layout.addWidget(self.rule_label)

        settings = QGridLayout()
        settings.setHorizontalSpacing(8)
        settings.setVerticalSpacing(4)
        self.months_spin = QSpinBox()
        self.months_spin.setRange(0, 120)
        self.months_spin.setSuffix(" " + _("months"))
        self.passive_check = QCheckBox(_("Struck off: counted from the unpaid due date"))
        self.passive_spin = QSpinBox()
        self.passive_spin.setRange(0, 120)
        self.passive_spin.setSuffix(" " + _("months"))
        self.passive_spin.setAccessibleName(_("Months after the unpaid due date"))
        self.keep_expelled_check = QCheckBox(_("Keep expelled members"))
        self.save_rule_button = QPushButton(_("Save rule"))
        self.default_rule_button = QPushButton(_("Country default"))
        months_label = QLabel(_("&After leaving:"))
        months_label.setBuddy(self.months_spin)
        settings.addWidget(months_label, 0, 0)
        settings.addWidget(self.months_spin, 0, 1)
        settings.addWidget(self.passive_check, 1, 0)
        settings.addWidget(self.passive_spin, 1, 1)
        settings.addWidget(self.keep_expelled_check, 2, 0, 1, 2)
        settings.setColumnStretch(2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.default_rule_button)
        buttons.addWidget(self.save_rule_button)
        settings.addLayout(buttons, 2, 3)
        rule_layout.addLayout(settings)
        layout.addWidget(rule_box)

        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setObjectName("privacyDue")
        layout.addWidget(self.due_label)
        self.due_table = _table([_("No."), _("Name"), _("Status"), _("Left"), _("Reason"),
                                 _("Due since")])
        self.due_table.setAccessibleName(_("Anonymisation due"))
        _stretch(self.due_table, 1)
        layout.addWidget(self.due_table, 1)
        bottom = QHBoxLayout()
        self.bookkeeping_label = hint_label("")
        # a wrapped label asks for a wide minimum of its own; let it wrap into more lines
        self.bookkeeping_label.setMinimumWidth(320)
        bottom.addWidget(self.bookkeeping_label, 1)
        self.apply_button = QPushButton(_("Anonymise…"))  # the count comes with the data
        bottom.addWidget(self.apply_button)
        layout.addLayout(bottom)

        self.passive_check.toggled.connect(self.passive_spin.setEnabled)
        self.save_rule_button.clicked.connect(self.save_rule)
        self.default_rule_button.clicked.connect(self._show_default_rule)
        self.apply_button.clicked.connect(self.apply_retention)
        return page

    def _build_consents(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint_label(_(
            "Consents are recorded on each member's card (Privacy → Consents…) with the date "
            "and what they are for. A withdrawn consent stays in the history.")))
        self.consent_table = _table([_("Purpose"), _("In force"), _("Withdrawn")])
        self.consent_table.setAccessibleName(_("Consents"))
        _stretch(self.consent_table, 0)
        layout.addWidget(self.consent_table, 1)
        self.prospect_label = QLabel()
        self.prospect_label.setWordWrap(True)
        layout.addWidget(self.prospect_label)
        return page

    def _build_log(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.action_combo = QComboBox()
        # long action names must not widen the page: the list itself shows them in full
        self.action_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.action_combo.setMinimumContentsLength(24)
        self.since_edit = make_date_edit(None)
        self.until_edit = make_date_edit(None)
        self.since_edit.setAccessibleName(_("From"))
        self.until_edit.setAccessibleName(_("Until"))
        self.since_check = QCheckBox(_("&From"))
        self.until_check = QCheckBox(_("&To"))
        self.since_edit.setEnabled(False)
        self.until_edit.setEnabled(False)
        action_label_ = QLabel(_("&What:"))
        action_label_.setBuddy(self.action_combo)
        self.user_button = QPushButton(_("Your name…"))
        # two rows, so the filters fit beside the navigation in any language
        what_row = QHBoxLayout()
        what_row.addWidget(action_label_)
        what_row.addWidget(self.action_combo)
        what_row.addStretch(1)
        what_row.addWidget(self.user_button)
        dates_row = QHBoxLayout()
        for w in (self.since_check, self.since_edit, self.until_check, self.until_edit):
            dates_row.addWidget(w)
        dates_row.addStretch(1)
        layout.addLayout(what_row)
        layout.addLayout(dates_row)
        self.log_table = _table([_("When"), _("Who"), _("What"), _("Member no."),
                                 _("Details")])
        self.log_table.setAccessibleName(_("Log"))
        layout.addWidget(self.log_table, 1)
        self.log_count = hint_label("")
        layout.addWidget(self.log_count)
        self.action_combo.currentIndexChanged.connect(self.load_log)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        for signal in (self.since_check.toggled, self.until_check.toggled,
                       self.since_edit.dateChanged, self.until_edit.dateChanged):
            signal.connect(self.load_log)
        self.user_button.clicked.connect(self.change_user_name)
        return page

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Mark stale; reload now if shown."""
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.load()

    def load(self) -> None:
        self._stale = False
        try:
            self._load_rule(self.privacy.rule())
            self.load_due()
            self.load_consents()
            self._load_actions()
            self.load_log()
        except (StorageError, DomainError) as exc:
            self.notifier.error(self, describe(exc))

    def _load_rule(self, rule: RetentionRule) -> None:
        self.months_spin.setValue(rule.months_after_leaving)
        self.passive_check.setChecked(rule.passive_months_after_due is not None)
        self.passive_spin.setEnabled(rule.passive_months_after_due is not None)
        self.passive_spin.setValue(rule.passive_months_after_due or 6)
        self.keep_expelled_check.setChecked(rule.keep_expelled)
        self.rule_label.setText(rule_text(rule))

    def _rule_from_form(self) -> RetentionRule:
        return RetentionRule(
            months_after_leaving=self.months_spin.value(),
            passive_months_after_due=(self.passive_spin.value()
                                      if self.passive_check.isChecked() else None),
            keep_expelled=self.keep_expelled_check.isChecked())

    def load_due(self) -> None:
        self._due = self.privacy.due()
        _fill(self.due_table, [[
            str(d.member_number or ""), d.name, status_label(d.status),
            format_date(d.left_on) if d.left_on else "",
            leave_reason_label(d.leave_reason) if d.leave_reason else "",
            format_date(d.due_on)] for d in self._due])
        count = len(self._due)
        if count:
            self.due_label.setText(ngettext(
                "{count} person is due to be anonymised today.",
                "{count} people are due to be anonymised today.", count).format(
                count=format_count(count)))
        else:
            self.due_label.setText(_("Nobody is due to be anonymised today."))
        self.apply_button.setText(ngettext("Anonymise {count} person…",
                                           "Anonymise {count} people…", count).format(
            count=format_count(count)))
        self.apply_button.setEnabled(count > 0)
        country = self.session.association.country.value
        self.bookkeeping_label.setText(_(
            "Anonymising keeps an anonymous row (member number, dates, leave reason, birth "
            "year) for the figures. Payments stay under the member number for {years} years "
            "after their year, as bookkeeping law requires, then they are deleted.").format(
            years=bookkeeping_years(country)))

    def load_consents(self) -> None:
        rows = self.privacy.consent_overview()
        _fill(self.consent_table, [[purpose_label(p), format_count(open_),
                                    format_count(withdrawn)] for p, open_, withdrawn in rows],
              numbers=(1, 2))
        missing = len(self.privacy.prospects_without_consent())
        self.prospect_label.setText(ngettext(
            "⚠ {count} prospect has no consent on record: record it or erase them.",
            "⚠ {count} prospects have no consent on record: record it or erase them.",
            missing).format(count=format_count(missing)) if missing else
            _("Every prospect has a consent on record."))
        # the sign and the words say it; the sheet's warning colour underlines it
        self.prospect_label.setProperty("tone", "warn" if missing else None)
        self.prospect_label.style().unpolish(self.prospect_label)
        self.prospect_label.style().polish(self.prospect_label)

    def _load_actions(self) -> None:
        current = self.action_combo.currentData()
        self.action_combo.blockSignals(True)
        self.action_combo.clear()
        self.action_combo.addItem(_("Everything"), None)
        for code in self.privacy.log_actions():
            self.action_combo.addItem(action_label(code), code)
        index = self.action_combo.findData(current)
        self.action_combo.setCurrentIndex(max(0, index))
        self.action_combo.blockSignals(False)

    def load_log(self) -> None:
        since = from_qdate(self.since_edit.date()) if self.since_check.isChecked() else None
        until = from_qdate(self.until_edit.date()) if self.until_check.isChecked() else None
        entries = self.privacy.log(action=self.action_combo.currentData(), since=since,
                                   until=until, limit=LOG_LIMIT)
        _fill(self.log_table, [[
            e.at.replace("T", " ").replace("Z", " UTC"), e.user_name, action_label(e.action),
            str(e.member_number) if e.member_number is not None else "",
            detail_text(e.data, e.detail)]
            for e in entries], numbers=(3,))
        self.log_count.setText(ngettext("{count} entry", "{count} entries", len(entries)).format(
            count=format_count(len(entries))))

    # -- acting --------------------------------------------------------------------------
    def _show_default_rule(self) -> None:
        self._load_rule(default_rule(self.session.association.country.value))

    def save_rule(self) -> None:
        try:
            self.privacy.save_rule(self._rule_from_form())
        except (StorageError, DomainError) as exc:
            self.notifier.error(self, describe(exc))
            return
        self.load()

    def apply_retention(self) -> None:
        count = len(self._due)
        if not count:
            return
        if not self.notifier.confirm(self, ngettext(
                "Anonymise {count} person now? Their names, contact details and notes are "
                "removed for good; a backup is made first.",
                "Anonymise {count} people now? Their names, contact details and notes are "
                "removed for good; a backup is made first.", count).format(
                count=format_count(count))):
            return
        # Off the UI thread, on a connection of its own: thousands take some seconds.
        ids = [d.member_id for d in self._due]
        path, today, user = self.session.path, self.session.today, self.session.user_name

        def work(_progress):
            from medlemsvard_app.services.session import open_session

            own = open_session(path, today)
            own.user_name = user
            try:
                return own.privacy().apply_retention(None, ids)
            finally:
                own.close()

        def done(result) -> None:
            self.load()
            self.members_changed.emit()
            self.notifier.info(self, ngettext("Anonymised {count} person.",
                                              "Anonymised {count} people.",
                                              result.anonymised).format(
                count=format_count(result.anonymised)))

        self._job = run_with_progress(self, _("Anonymising…"), work, done,
                                      lambda text: self.notifier.error(self, text))

    def change_user_name(self) -> None:
        from medlemsvard_app.ui.dialogs.user_name_dialog import UserNameDialog

        dialog = UserNameDialog(self.session, self)
        self._user_dialog = dialog
        dialog.open()

