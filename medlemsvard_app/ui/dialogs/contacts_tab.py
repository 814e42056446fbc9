"""The member card's "Contacts" tab: every call logged for the member, the newest first.

Read-only: calls are logged on the calls page (``CallService.log``); here a volunteer sees
who spoke with the member, when, in which round and what came of it, before phoning again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.models import Member
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.call_labels import mood_label, outcome_label
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe, preferred_channel_label
from medlemsvard_app.services.calls import CallService, purpose_label
from medlemsvard_app.storage.calls import Contact
from medlemsvard_app.storage.errors import StorageError
from medlemsvard_app.ui.dialogs.common import hint_label

COL_DATE, COL_WHAT, COL_CALLER, COL_OUTCOME, COL_MOOD, COL_SATISFACTION, COL_NOTE = range(7)
#: Longest note shown in the table cell; the whole note is in the tooltip and the detail.
NOTE_CHARS = 60


def _short(note: str) -> str:
    """The note's first line, cut so the table stays one line a contact."""
    first = note.strip().splitlines()[0] if note.strip() else ""
    if len(first) > NOTE_CHARS or first != note.strip():
        return first[:NOTE_CHARS].rstrip() + "…"
    return first


class ContactsTab(QWidget):
    """The contact history of the member on the card (page 0: not saved yet, 1: the list)."""

    def __init__(self, calls: CallService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls = calls
        self.member: Member | None = None
        self.contacts: list[Contact] = []

        self.unsaved_label = hint_label(_(
            "The contact history shows once the member is saved."))
        unsaved = QWidget()
        unsaved_layout = QVBoxLayout(unsaved)
        unsaved_layout.setContentsMargins(12, 12, 12, 12)
        unsaved_layout.addWidget(self.unsaved_label)
        unsaved_layout.addStretch(1)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(7)
        self.tree.setHeaderLabels([_("Date"), _("What"), _("Caller"), _("Outcome"), _("Mood"),
                                   _("Satisfaction"), _("Note")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.empty_label = hint_label(_("No contacts yet."))
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setMinimumHeight(60)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(12, 12, 12, 12)
        listing_layout.setSpacing(8)
        listing_layout.addWidget(self.empty_label)
        listing_layout.addWidget(self.tree, 1)
        listing_layout.addWidget(self.detail_label)

        self.stack = QStackedWidget()
        self.stack.addWidget(unsaved)
        self.stack.addWidget(listing)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.tree.itemSelectionChanged.connect(self._show_detail)

    # ------------------------------------------------------------------ loading
    def set_member(self, member: Member | None) -> None:
        """Show this member's contacts; a member not yet saved gets the "once saved" note."""
        self.member = member
        self.refresh()

    def refresh(self) -> None:
        member = self.member
        self.tree.clear()
        self.contacts = []
        if member is None or member.id is None:
            self.stack.setCurrentIndex(0)
            return
        try:
            self.contacts = self.calls.contacts(member.id)
            callers = {c.id: c.name for c in self.calls.repo.callers(active_only=False)}
            rounds = {rid: self.calls.repo.round(rid)
                      for rid in {c.round_id for c in self.contacts if c.round_id is not None}}
        except (StorageError, LookupError) as exc:
            self.stack.setCurrentIndex(0)
            self.unsaved_label.setText(describe(exc))
            return
        self.stack.setCurrentIndex(1)
        # Storage hands them newest first already; sort anyway so the promise holds here.
        self.contacts.sort(key=lambda c: (c.on_date, c.id or 0), reverse=True)
        for contact in self.contacts:
            what = preferred_channel_label(contact.channel)
            rnd = rounds.get(contact.round_id) if contact.round_id is not None else None
            if rnd is not None:
                what += " · " + (rnd.title or purpose_label(rnd.purpose))
            item = QTreeWidgetItem([
                format_date(contact.on_date, "medium"),
                what,
                callers.get(contact.caller_id, "") if contact.caller_id is not None else "",
                outcome_label(contact.outcome) if contact.outcome is not None else "",
                mood_label(contact.mood) if contact.mood is not None else "",
                "" if contact.satisfaction is None else str(contact.satisfaction),
                _short(contact.note),
            ])
            if contact.note:
                item.setToolTip(COL_NOTE, contact.note)
            item.setTextAlignment(COL_SATISFACTION, Qt.AlignmentFlag.AlignCenter)
            self.tree.addTopLevelItem(item)
        empty = not self.contacts
        self.empty_label.setVisible(empty)
        self.tree.setVisible(not empty)
        self.detail_label.setVisible(not empty)
        if not empty:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._show_detail()

    def _show_detail(self) -> None:
        """The whole of the selected contact: note, what they want, follow-up."""
        row = self.tree.indexOfTopLevelItem(self.tree.currentItem()) \
            if self.tree.currentItem() is not None else -1
        if not 0 <= row < len(self.contacts):
            self.detail_label.clear()
            return
        contact = self.contacts[row]
        lines = [contact.note or _("No note.")]
        if contact.wants:
            lines.append(_("Wants to: {text}").format(text=contact.wants))
        if contact.good_at:
            lines.append(_("Good at: {text}").format(text=contact.good_at))
        if contact.follow_up_on is not None:
            lines.append(_("Follow up on {date}").format(
                date=format_date(contact.follow_up_on, "medium")))
        self.detail_label.setText("\n".join(lines))
