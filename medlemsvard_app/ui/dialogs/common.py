"""Small building blocks shared by the dialogs: error labels, optional dates, tag lists.

Everything here is layout and presentation; no SQL and no service calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from babel import Locale
from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QObject,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.i18n import _, current_locale
from medlemsvard_app.ui import style

#: Shown instead of a date in a date field that holds none (the earliest date it allows).
_NO_DATE = QDate(1800, 1, 1)
EARLIEST = QDate(1900, 1, 1)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def locale_date_format() -> str:
    """The user's short date format with a four-digit year (e.g. 2024-05-01, 01.05.2024)."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def make_date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date field in the user's format with a calendar drop-down."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(locale_date_format())
    edit.setMinimumDate(EARLIEST)
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setDate(to_qdate(value or date.today()))
    edit.setMinimumWidth(140)
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return edit


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red message under a field; hidden (taking no space) while there is nothing to say."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setProperty("error", True)  # coloured by ui/style.py, light or dark
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Grey explanatory text, wrapped."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("hint", True)  # coloured by ui/style.py, light or dark
    return label


def restyle(widget: QWidget, **properties: object) -> None:
    """Set the sheet's dynamic properties (hint, error, tone, panel) on a widget that may
    already be shown; Qt only re-reads the sheet after an unpolish/polish."""
    for name, value in properties.items():
        widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def palette_colour(role: QPalette.ColorRole) -> QColor:
    """A colour of the application's palette now (light or dark)."""
    return QGuiApplication.palette().color(role)


def row_tint(tone_name: str, strength: float = 0.45) -> QColor:
    """A row's quiet background: the tone's background mixed into the view's base colour.

    Read it in a model's data(), never once at start-up, so a scheme switch shows at the
    next repaint. Any tone's text colour, and the palette's text, read on it in both
    schemes, since it lies between the base colour and the tone's own background.
    """
    back, _fore = style.tone(tone_name)
    base = palette_colour(QPalette.ColorRole.Base)
    mix = [round(b + (t - b) * strength) for b, t in
           zip((base.red(), base.green(), base.blue()), (back.red(), back.green(), back.blue()),
               strict=True)]
    return QColor(*mix)


#: Room kept free around a window fitted to the screen (px), and the title bar's share.
SCREEN_MARGIN = 24
TITLE_BAR = 32


def available_geometry(widget: QWidget) -> QRect:
    """The free desktop (without task bars) of the screen ``widget`` (or its parent) is on."""
    parent = widget.parentWidget()
    screen = parent.window().screen() if parent is not None else None
    if screen is None:
        screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> QSize:
    """Resize ``window`` to width × height but no larger than the free screen (less a margin
    and the title bar), and centre it over its parent or on the screen.

    Why: a dialog sized for a big monitor put its buttons below the edge of a 1366×768
    laptop. Returns the size given.
    """
    area = available_geometry(window)
    size = QSize(max(1, min(width, area.width() - 2 * SCREEN_MARGIN)),
                 max(1, min(height, area.height() - 2 * SCREEN_MARGIN - TITLE_BAR)))
    # QWidget's own methods: a dialog may have a move() of its own (a list's row up/down).
    QWidget.resize(window, size)
    parent = window.parentWidget()
    centre = (parent.window().frameGeometry().center()
              if parent is not None and parent.window().isVisible() else area.center())
    x = centre.x() - size.width() // 2
    y = centre.y() - (size.height() + TITLE_BAR) // 2
    x = max(area.left(), min(x, area.right() + 1 - size.width()))
    y = max(area.top(), min(y, area.bottom() + 1 - size.height() - TITLE_BAR))
    QWidget.move(window, x, y)
    return size


def title_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def with_error(field: QWidget, error: QLabel, *extra: QWidget, compact: bool = False) -> QWidget:
    """Put a field (and optional widgets beside it) above its error label.

    ``compact`` keeps the field at its own width instead of filling the row.
    """
    box = QWidget()
    outer = QVBoxLayout(box)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(2)
    if extra or compact:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 0 if compact else 1)
        for widget in extra:
            row.addWidget(widget)
        if compact:
            row.addStretch(1)
        outer.addLayout(row)
    else:
        outer.addWidget(field)
    outer.addWidget(error)
    return box


def add_row(form: QFormLayout, text: str, buddy: QWidget, field: QWidget | None = None) -> QLabel:
    """A form row whose label (with its mnemonic) focuses ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, field if field is not None else buddy)
    return label


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


def _relayout(widget: QWidget) -> None:
    """Make every enclosing layout make room for a label shown or hidden on a hidden tab."""
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if layout is not None:
            layout.invalidate()
        parent.updateGeometry()
        parent = parent.parentWidget()


@dataclass
class _ErrorSlot:
    label: QLabel
    focus: QWidget
    tab: int


class FieldErrors:
    """Error labels by field name, and where each field lives (which tab, which widget)."""

    def __init__(self, tabs: QTabWidget | None = None) -> None:
        self.tabs = tabs
        self.slots: dict[str, _ErrorSlot] = {}
        self.order: list[str] = []

    def add(self, name: str, label: QLabel, focus: QWidget, tab: int = 0) -> None:
        self.slots[name] = _ErrorSlot(label, focus, tab)
        self.order.append(name)

    def label(self, name: str) -> QLabel:
        return self.slots[name].label

    def clear(self, name: str | None = None) -> None:
        names = [name] if name else list(self.slots)
        for n in names:
            slot = self.slots.get(n)
            if slot and not slot.label.isHidden():
                slot.label.clear()
                slot.label.hide()
                _relayout(slot.label)

    def set(self, name: str, text: str) -> None:
        slot = self.slots.get(name)
        if slot is None:
            return
        slot.label.setText(text)
        slot.label.setVisible(bool(text))
        _relayout(slot.label)

    def show_all(self, texts: dict[str, str], *, fallback: str = "") -> None:
        """Show each message at its field, then bring the first one into view and focus it."""
        self.clear()
        for name, text in texts.items():
            self.set(name if name in self.slots else fallback, text)
        first = next((n for n in self.order if n in texts), None)
        if first is None and fallback and any(n not in self.slots for n in texts):
            first = fallback
        if first is None:
            return
        slot = self.slots[first]
        if self.tabs is not None:
            self.tabs.setCurrentIndex(slot.tab)
        slot.focus.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(slot.focus, QLineEdit):
            slot.focus.selectAll()

    def visible(self) -> dict[str, str]:
        return {n: s.label.text() for n, s in self.slots.items() if s.label.text()}


class OptionalDateEdit(QWidget):
    """A date that may be missing, with a check box that says so in words.

    ``check_means_date=False`` (birth date): the box reads e.g. "Not known" and, when
    ticked, the date is empty. ``check_means_date=True`` (a consent): the box reads e.g.
    "Has said yes" and the date ("on …") applies only while it is ticked.
    """

    changed = Signal()

    def __init__(self, check_text: str, *, check_means_date: bool = False,
                 on_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check_means_date = check_means_date
        self.check = QCheckBox(check_text)
        self.date_edit = make_date_edit()
        self.date_edit.setSpecialValueText("—")
        self._last = date.today()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        if check_means_date:
            row.addWidget(self.check)
            if on_text:
                self.on_label = QLabel(on_text)
                self.on_label.setBuddy(self.date_edit)
                row.addWidget(self.on_label)
            row.addWidget(self.date_edit)
        else:
            row.addWidget(self.date_edit)
            row.addWidget(self.check)
        row.addStretch(1)
        self.setFocusProxy(self.date_edit if not check_means_date else self.check)
        self.check.toggled.connect(self._sync)
        self.date_edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.setValue(None)

    def _has_date(self) -> bool:
        return self.check.isChecked() == self.check_means_date

    def _sync(self) -> None:
        if self._has_date():
            self.date_edit.setEnabled(True)
            self.date_edit.setMinimumDate(EARLIEST)
            self.date_edit.setDate(to_qdate(self._last))
        else:
            if self.date_edit.date() > _NO_DATE:
                self._last = from_qdate(self.date_edit.date())
            self.date_edit.setMinimumDate(_NO_DATE)
            self.date_edit.setDate(_NO_DATE)
            self.date_edit.setEnabled(False)
        self.changed.emit()

    def value(self) -> date | None:
        if not self._has_date():
            return None
        return from_qdate(self.date_edit.date())

    def setValue(self, value: date | None, default: date | None = None) -> None:  # noqa: N802
        if value is not None:
            self._last = value
        elif default is not None:
            self._last = default
        self.check.blockSignals(True)
        self.check.setChecked((value is not None) == self.check_means_date)
        self.check.blockSignals(False)
        self._sync()

    def setMaximumDate(self, value: date) -> None:  # noqa: N802
        self.date_edit.setMaximumDate(to_qdate(value))


class TagEditor(QWidget):
    """An editable list of short words (interests, skills) with completion from known tags."""

    changed = Signal()

    def __init__(self, known: Iterable[str] = (), placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStringListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setMinimumHeight(90)
        self.list_view.setSpacing(2)
        self.list_view.setAlternatingRowColors(False)
        self.input_edit = QLineEdit()
        self.input_edit.setPlaceholderText(placeholder)
        self.input_edit.setClearButtonEnabled(True)
        self.completer = QCompleter(sorted(set(known), key=str.casefold), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input_edit.setCompleter(self.completer)
        self.add_button = QPushButton(_("Add"))
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.input_edit, 1)
        top.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.list_view, 1)
        side = QVBoxLayout()
        side.addWidget(self.remove_button)
        side.addStretch(1)
        bottom.addLayout(side)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(top)
        outer.addLayout(bottom, 1)
        self.setFocusProxy(self.input_edit)

        self.add_button.clicked.connect(self.add_from_input)
        self.input_edit.installEventFilter(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list_view.selectionModel().selectionChanged.connect(
            lambda *_a: self.remove_button.setEnabled(
                self.list_view.selectionModel().hasSelection()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Return in the field adds the tag (and does not press the dialog's default button)."""
        if (watched is self.input_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.input_edit.text().strip()):
            popup = self.completer.popup()
            if popup is not None and popup.isVisible():
                return False  # let the completer take the highlighted suggestion first
            self.add_from_input()
            return True
        return super().eventFilter(watched, event)

    def tags(self) -> list[str]:
        return list(self.model.stringList())

    def set_tags(self, tags: Iterable[str]) -> None:
        self.model.setStringList(sorted(set(tags), key=str.casefold))

    def add_tag(self, text: str) -> bool:
        tag = " ".join(text.split())
        if not tag:
            return False
        current = self.tags()
        if any(t.casefold() == tag.casefold() for t in current):
            return False
        self.set_tags([*current, tag])
        self.changed.emit()
        return True

    def add_from_input(self) -> None:
        # The completer's popup may still hold the typed text; take the line as written.
        self.add_tag(self.input_edit.text())
        self.input_edit.clear()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedIndexes()},
                      reverse=True)
        for row in rows:
            self.model.removeRows(row, 1)
        if rows:
            self.changed.emit()


_FIRST_COUNTRIES = ("SE", "NO", "DK", "FI", "IS")


def country_names() -> list[tuple[str, str]]:
    """(ISO code, name in the user's language); the Nordic countries first, then A-Z."""
    try:
        territories = Locale.parse(current_locale()).territories
    except (ValueError, TypeError):
        territories = Locale.parse("en_GB").territories
    codes = [c for c in territories if len(c) == 2 and c.isalpha() and c.isupper()
             and c not in ("ZZ", "XA", "XB", "EU", "EZ", "UN", "QO")]
    rest = sorted((c for c in codes if c not in _FIRST_COUNTRIES),
                  key=lambda c: territories[c].casefold())
    return [(c, territories.get(c, c)) for c in (*_FIRST_COUNTRIES, *rest)]


def country_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    names = country_names()
    for i, (code, name) in enumerate(names):
        combo.addItem(name, code)
        if i == len(_FIRST_COUNTRIES) - 1:
            combo.insertSeparator(combo.count())
    combo.setMaxVisibleItems(15)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


def set_combo_data(combo: QComboBox, value: object) -> None:
    """Select the item holding ``value``; unknown values are added so nothing is lost."""
    index = combo.findData(value)
    if index < 0 and value not in (None, ""):
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))
