"""The member card's "Activities" tab: what the member signed up for and came to, newest
first, and signing them up for an upcoming activity from the card (``via='card'``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.activities import SignUpVia
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import Member
from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.activity_labels import first_time_label, kind_label, via_label
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.activities import ActivityService
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import error_label, hint_label


class MemberActivitiesTab(QWidget):
    """Page 0: not saved yet; page 1: the member's activities."""

    def __init__(self, service: ActivityService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.member: Member | None = None
        unsaved = QWidget()
        unsaved_layout = QVBoxLayout(unsaved)
        unsaved_layout.setContentsMargins(12, 12, 12, 12)
        unsaved_layout.addWidget(hint_label(_("The member's activities show once the member is "
                                              "saved.")))
        unsaved_layout.addStretch(1)

        listing = QWidget()
        layout = QVBoxLayout(listing)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("memberActivitiesSummary")
        self.summary_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("memberActivities")
        self.tree.setAccessibleName(_("Activities"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setHeaderLabels([_("Date"), _("Activity"), _("Kind"), _("Signed up"),
                                   _("Came")])
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.empty_label = hint_label(_("Not signed up for any activity yet."))
        row = QHBoxLayout()
        label = QLabel(_("Sign &up for"))
        self.activity_combo = QComboBox()
        self.activity_combo.setObjectName("cardSignUp")
        self.activity_combo.setMinimumWidth(260)
        label.setBuddy(self.activity_combo)
        self.sign_up_button = QPushButton(_("Sign up"))
        self.sign_up_button.setObjectName("cardSignUpButton")
        self.sign_up_button.setAutoDefault(False)
        self.sign_up_button.clicked.connect(lambda _c=False: self.sign_up())
        row.addWidget(label)
        row.addWidget(self.activity_combo, 1)
        row.addWidget(self.sign_up_button)
        self.error = error_label()
        for w in (self.summary_label, self.empty_label, self.tree):
            layout.addWidget(w, 1 if w is self.tree else 0)
        layout.addLayout(row)
        layout.addWidget(self.error)

        self.stack = QStackedWidget()
        self.stack.addWidget(unsaved)
        self.stack.addWidget(listing)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def set_member(self, member: Member | None) -> None:
        self.member = member
        self.refresh()

    def refresh(self) -> None:
        member = self.member
        self.tree.clear()
        if member is None or member.id is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        try:
            rows = self.service.member_activities(member.id)
            choices = self.service.sign_up_choices()
        except StorageError as exc:
            self.summary_label.setText(describe(exc))
            return
        today = self.service.today()
        came = 0
        # Rows come newest first: the last one attended is the member's first activity.
        attended_ids = [a.id for a, p in rows if p.attended and not a.cancelled]
        first_id = attended_ids[-1] if attended_ids else None
        for activity, part in rows:
            attended = part.attended and not activity.cancelled
            came += attended
            text = ""
            if activity.cancelled:
                text = _("cancelled")
            elif attended:
                text = _("yes")
            elif activity.on_date < today:
                text = _("no")
            if activity.id == first_id:
                text += " (" + first_time_label() + ")"
            signed = (f"{format_date(part.signed_up_on, 'short')} · {via_label(part.via)}"
                      if part.signed_up_on else "")
            item = QTreeWidgetItem([format_date(activity.on_date, "medium"), activity.title,
                                    kind_label(activity.kind), signed, text])
            item.setData(0, Qt.ItemDataRole.UserRole, activity.id)
            self.tree.addTopLevelItem(item)
        self.summary_label.setText(ngettext(
            "Came to {count} activity.", "Came to {count} activities.", came).format(count=came)
            if came else _("Has not come to an activity yet."))
        self.empty_label.setVisible(not rows)
        self.tree.setVisible(bool(rows))
        signed_ids = {a.id for a, p in rows if p.signed_up}
        self.activity_combo.clear()
        for activity_id, label in choices:
            if activity_id not in signed_ids:
                self.activity_combo.addItem(label, activity_id)
        has = self.activity_combo.count() > 0
        if not has:
            self.activity_combo.addItem(_("No upcoming activities to sign up for"), None)
        self.activity_combo.setEnabled(has)
        self.sign_up_button.setEnabled(has)

    def sign_up(self) -> None:
        activity_id = self.activity_combo.currentData()
        if self.member is None or self.member.id is None or activity_id is None:
            return
        self.error.clear()
        self.error.hide()
        try:
            self.service.sign_up(activity_id, self.member.id, SignUpVia.CARD)
        except (DomainError, StorageError) as exc:
            self.error.setText(describe(exc))
            self.error.show()
            return
        self.refresh()
