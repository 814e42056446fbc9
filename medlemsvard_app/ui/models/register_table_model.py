"""The register table: holds only member ids in display order and fetches visible rows
page by page from SQL, so it stays instant at 100,000 members (TECH-NOTES §3c).

Filtering and sorting re-run the query; no QSortFilterProxyModel over Python rows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import status_label
from medlemsvard_app.services.register import RegisterService

PAGE_SIZE = 128
MAX_PAGES = 64

# (column code, SQL columns fetched for it)
COLUMNS: tuple[str, ...] = (
    "member_number", "family_name", "given_name", "street", "postal_code", "city", "phone",
    "email", "joined_on", "status",
)
_FETCH = ("member_number", "family_name", "given_name", "call_name", "street", "postal_code",
          "city", "phone", "email", "joined_on", "status", "left_on")
_IDX = {name: i for i, name in enumerate(_FETCH)}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _Shown(tuple):
    """A row already formatted for display (raw rows are formatted when first painted)."""

_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.ForegroundRole, ID_ROLE})


def column_title(code: str) -> str:
    return {
        "member_number": _("No."),
        "family_name": _("Family name"),
        "given_name": _("Given name"),
        "street": _("Street address"),
        "postal_code": _("Postal code"),
        "city": _("Town"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "joined_on": _("Joined"),
        "status": _("Status"),
    }[code]


class RegisterTableModel(QAbstractTableModel):
    def __init__(self, register: RegisterService, home_country: str, parent=None) -> None:
        super().__init__(parent)
        self.register = register
        self.home_country = home_country
        self.search = ""
        self.filters: list[str] = ["current"]
        self.sort_code = "family_name"
        self.descending = False
        self.today: date | None = None
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, tuple[str, ...]]] = OrderedDict()
        self._dimmed = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)

    # -- queries ---------------------------------------------------------------------
    def set_query(self, *, search: str | None = None, filters: Sequence[str] | None = None,
                  sort_code: str | None = None, descending: bool | None = None) -> None:
        if search is not None:
            self.search = search
        if filters is not None:
            self.filters = list(filters)
        if sort_code is not None:
            self.sort_code = sort_code
        if descending is not None:
            self.descending = descending
        self.reload()

    def reload(self) -> None:
        ids = self.register.search_ids(self.search, self.filters, self.sort_code,
                                       self.descending, today=self.today)
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def refresh_member(self, member_id: int) -> None:
        """Re-read one edited member without losing the scroll position."""
        for page in self._pages.values():
            page.pop(member_id, None)
        try:
            row = self._ids.index(member_id)
        except ValueError:
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def member_ids(self) -> list[int]:
        """Every member shown, in display order (what an export of the view writes)."""
        return list(self._ids)

    def member_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, member_id: int) -> int:
        try:
            return self._ids.index(member_id)
        except ValueError:
            return -1

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return column_title(COLUMNS[section])
        return None

    def _row(self, row: int) -> tuple[str, ...] | None:
        """Display strings of one row; a page of rows is fetched and formatted at once."""
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        member_id = self._ids[row]
        if page is None or member_id not in page:
            start = page_no * PAGE_SIZE
            fetched = self.register.rows(self._ids[start:start + PAGE_SIZE], _FETCH)
            page = self._pages.setdefault(page_no, {})
            page.update(fetched)
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        values = page.get(member_id)
        if values is None:
            return None
        if not isinstance(values, _Shown):
            values = page[member_id] = self._display(values)
        return values

    def _display(self, values: tuple) -> tuple[str, ...]:
        """Format once per fetched row, not once per paint (keeps keystrokes cheap)."""
        out = []
        for code in COLUMNS:
            if code == "given_name":
                call, given = values[_IDX["call_name"]], values[_IDX["given_name"]]
                out.append(given if not call or call == given else f"{call} ({given})")
            elif code == "family_name" and not (values[_IDX["family_name"]]
                                                or values[_IDX["given_name"]]):
                out.append(_("(anonymised)"))  # issue 9: a row kept only for the figures
            elif code == "phone":
                out.append(format_phone(values[_IDX["phone"]], self.home_country))
            elif code == "joined_on":
                raw = values[_IDX["joined_on"]]
                out.append(format_date(date.fromisoformat(raw)) if raw else "")
            elif code == "status":
                text = status_label(values[_IDX["status"]])
                left = values[_IDX["left_on"]]
                if left:
                    text = _("{status} since {date}").format(
                        status=text, date=format_date(date.fromisoformat(left)))
                out.append(text)
            else:
                value = values[_IDX[code]]
                out.append("" if value is None else str(value))
        out.append(values[_IDX["status"]])  # last: the status code, for the row's colour
        return _Shown(out)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        shown = self._row(index.row())
        if shown is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._dimmed if shown[-1] != "member" else None
        return shown[index.column()]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        code = COLUMNS[column]
        self.set_query(sort_code=code, descending=order == Qt.SortOrder.DescendingOrder)
