"""Taking attendance at the door, fast: type a few letters of a name (or a member number),
Enter ticks the highlighted person and clears the box for the next name; arrows move;
Space ticks in the list. Members not signed up are found in the register as you type, so
a walk-in is one Enter away. First-timers are marked "first time" in words.

``MemberFinder`` is the same search without ticks, for signing someone up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _, ngettext
from medlemsvard_app.i18n.activity_labels import first_time_label
from medlemsvard_app.services.activities import Person

#: Members from the register shown for a search that the list does not answer.
MORE_RESULTS = 8
ID_ROLE = Qt.ItemDataRole.UserRole


_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss"})


def fold_for_search(text: str) -> str:
    """Lower case without accents, so "ost" finds Öst and Østby alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _matches(person: Person, words: Sequence[str]) -> bool:
    name = fold_for_search(person.name)
    number = str(person.member_number or "")
    return all(any(part.startswith(w) for part in name.split()) or number.startswith(w)
               for w in words)


def _words(text: str) -> list[str]:
    return fold_for_search(text).split()


@dataclass(slots=True)
class _Entry:
    person: Person
    checked: bool
    on_list: bool  # signed up or ticked before; others come from a search


class _Keys(QObject):
    """Arrows, Enter and Space for the search box and the list (one filter for both)."""

    def __init__(self, owner: AttendanceChecklist | MemberFinder) -> None:
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        owner = self.owner
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            owner.move(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            owner.activate_current()
            return True
        if watched is owner.list and key == Qt.Key.Key_Space:
            owner.activate_current(keep_search=True)
            return True
        if watched is owner.list and event.text().isprintable() and event.text().strip():
            # Typing in the list goes on in the search box.
            owner.search_edit.setFocus()
            owner.search_edit.insert(event.text())
            return True
        return False


class AttendanceChecklist(QWidget):
    """Who came: the list of those signed up, searchable, with ticks and live counts."""

    #: the ticks or the guests changed (the page enables its Save button)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: dict[int, _Entry] = {}
        self._shown: dict[int, _Entry] = {}
        self.search_more: Callable[[str], list[Person]] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        search_label = QLabel(_("Find &who came"))
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("attendanceSearch")
        self.search_edit.setPlaceholderText(_("Type a name or member number, then Enter"))
        self.search_edit.setClearButtonEnabled(True)
        search_label.setBuddy(self.search_edit)
        layout.addWidget(search_label)
        layout.addWidget(self.search_edit)
        self.list = QListWidget()
        self.list.setObjectName("attendanceList")
        self.list.setAccessibleName(_("Who came"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        layout.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("attendanceCount")
        self.count_label.setWordWrap(True)
        guests_label = QLabel(_("&Guests (not members)"))
        self.guests_spin = QSpinBox()
        self.guests_spin.setObjectName("attendanceGuests")
        self.guests_spin.setRange(0, 9999)
        guests_label.setBuddy(self.guests_spin)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(guests_label)
        bottom.addWidget(self.guests_spin)
        layout.addLayout(bottom)
        self.hint = QLabel(_("Enter ticks the highlighted name and clears the box; ↑ ↓ move; "
                             "Space ticks in the list."))
        self.hint.setWordWrap(True)
        self.hint.setProperty("hint", True)  # muted text from the app sheet, light or dark
        layout.addWidget(self.hint)

        keys = _Keys(self)
        self.search_edit.installEventFilter(keys)
        self.list.installEventFilter(keys)
        self.search_edit.textChanged.connect(lambda _t: self.refilter())
        self.list.itemChanged.connect(self._item_changed)
        self.guests_spin.valueChanged.connect(lambda _v: self._counts_changed())
        self._filling = False

    # -- data ---------------------------------------------------------------------------
    def set_people(self, people: Sequence[Person], guests: int = 0) -> None:
        self.entries = {p.member_id: _Entry(p, p.attended, True) for p in people}
        self.guests_spin.blockSignals(True)
        self.guests_spin.setValue(guests)
        self.guests_spin.blockSignals(False)
        self.search_edit.clear()
        self.refilter()
        self._update_counts()

    def checked_ids(self) -> list[int]:
        return sorted(m for m, e in self.entries.items() if e.checked)

    def guests(self) -> int:
        return self.guests_spin.value()

    def counts(self) -> tuple[int, int, int]:
        """(came, signed up, first time)."""
        came = [e for e in self.entries.values() if e.checked]
        signed = sum(1 for e in self.entries.values() if e.person.signed_up)
        first = sum(1 for e in came if e.person.new_to_activities)
        return len(came), signed, first

    # -- showing ------------------------------------------------------------------------
    def _text(self, entry: _Entry) -> str:
        p = entry.person
        parts = [p.name]
        if p.member_number is not None:
            parts.append(_("no. {number}").format(number=p.member_number))
        if not p.signed_up:
            parts.append(_("not signed up"))
        if entry.checked and p.new_to_activities:
            parts.append(first_time_label())
        return "  ·  ".join(parts)

    def _item(self, entry: _Entry) -> QListWidgetItem:
        item = QListWidgetItem(self._text(entry))
        item.setData(ID_ROLE, entry.person.member_id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked)
        if entry.checked and entry.person.new_to_activities:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        return item

    def refilter(self) -> None:
        """Show the list entries matching the search; when none does, members from the
        register (walk-ins) below."""
        words = _words(self.search_edit.text())
        shown = [e for e in self.entries.values() if not words or _matches(e.person, words)]
        if words and self.search_more is not None and len("".join(words)) >= 2:
            found = {e.person.member_id for e in shown}
            extra = [p for p in self.search_more(self.search_edit.text())
                     if p.member_id not in found][:MORE_RESULTS]
            for p in extra:
                if p.member_id not in self.entries:
                    shown.append(_Entry(p, False, False))
                else:
                    shown.append(self.entries[p.member_id])
        self._filling = True
        self.list.clear()
        for entry in shown:
            self.list.addItem(self._item(entry))
        self._shown = {e.person.member_id: e for e in shown}
        self._filling = False
        if self.list.count():
            self.list.setCurrentRow(0)

    def move(self, step: int) -> None:
        if not self.list.count():
            return
        row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
        self.list.setCurrentRow(row)

    def activate_current(self, *, keep_search: bool = False) -> None:
        """Tick (or untick) the highlighted person; from the search box, clear it for the
        next name."""
        item = self.list.currentItem()
        if item is None:
            return
        member_id = item.data(ID_ROLE)
        self.toggle(member_id)
        if not keep_search and self.search_edit.text():
            self.search_edit.clear()
            self._select(member_id)

    def toggle(self, member_id: int, checked: bool | None = None) -> None:
        entry = self.entries.get(member_id) or self._shown.get(member_id)
        if entry is None:
            return
        entry.checked = (not entry.checked) if checked is None else checked
        self.entries.setdefault(member_id, entry)
        self._refresh_item(member_id)
        self._counts_changed()

    def _select(self, member_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == member_id:
                self.list.setCurrentRow(row)
                return

    def _refresh_item(self, member_id: int) -> None:
        entry = self.entries[member_id]
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == member_id:
                self._filling = True
                new = self._item(entry)
                item.setText(new.text())
                item.setFont(new.font())
                item.setCheckState(new.checkState())
                self._filling = False

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        self.toggle(item.data(ID_ROLE), item.checkState() == Qt.CheckState.Checked)

    def _counts_changed(self) -> None:
        self._update_counts()
        self.changed.emit()

    def _update_counts(self) -> None:
        came, signed, first = self.counts()
        text = ngettext("{count} came", "{count} came", came).format(count=came)
        text += " · " + ngettext("{count} signed up", "{count} signed up", signed).format(
            count=signed)
        if first:
            text += " · " + ngettext("{count} for the first time", "{count} for the first time",
                                     first).format(count=first)
        guests = self.guests_spin.value()
        if guests:
            text += " · " + ngettext("and {count} guest", "and {count} guests", guests).format(
                count=guests)
        self.count_label.setText(text)


class MemberFinder(QWidget):
    """A search box with the matching members below; Enter (or a double click) picks."""

    picked = Signal(int)

    def __init__(self, search: Callable[[str], list[Person]], placeholder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(placeholder)
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Matching members"))
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.list.setVisible(False)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list)
        keys = _Keys(self)
        self.search_edit.installEventFilter(keys)
        self.list.installEventFilter(keys)
        self.search_edit.textChanged.connect(self._find)
        self.list.itemDoubleClicked.connect(lambda _i: self.activate_current())

    def _find(self, text: str) -> None:
        self.list.clear()
        people = self.search(text) if len(text.strip()) >= 2 else []
        for p in people[:MORE_RESULTS]:
            label = p.name
            if p.member_number is not None:
                label += "  ·  " + _("no. {number}").format(number=p.member_number)
            if p.signed_up:
                label += "  ·  " + _("already signed up")
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, p.member_id)
            self.list.addItem(item)
        self.list.setVisible(self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)

    def move(self, step: int) -> None:
        if self.list.count():
            self.list.setCurrentRow(max(0, min(self.list.count() - 1,
                                               self.list.currentRow() + step)))

    def activate_current(self, *, keep_search: bool = False) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.picked.emit(item.data(ID_ROLE))
        self.search_edit.clear()
