"""The dues calendar as a page of the settings dialog: fees, dates, reminders, strike-off.

The editor holds a ``DuesCalendar`` and changes only the settings it shows, so settings a
later version adds (or this page does not show) are kept. Each date is a ``YearDate``:
a day and month in calendar-year mode, "months and days after the period starts" in
rolling mode (see ``domain.dues_calendar``); switching the mode keeps the values. The
calendar checks itself (``DomainError('dues_calendar_invalid')``); the editor shows
what is wrong next to the setting, and a live sentence says what the settings mean.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import replace
from datetime import date

from babel.dates import format_skeleton, get_month_names
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from medlemsvard_app.domain.dues_calendar import DuesCalendar, PeriodKind, YearDate
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.i18n import _, current_locale, ngettext
from medlemsvard_app.i18n.formatting import format_date
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.ui.dialogs.common import (
    add_row,
    error_label,
    hint_label,
    new_form,
)
from medlemsvard_app.ui.dialogs.money_edit import MoneyEdit, currency_symbol

#: Norway's privacy rule: a member who stops paying counts as resigned at most six months
#: after the due date (DOMAIN §6).
NORWAY_STRIKE_OFF_MAX = 6
#: "All years" in the tracked-from field: the minimum, shown as words.
_ALL_YEARS = 1899


def day_month(day: date) -> str:
    """"1 February" / "1. februar" in the user's language."""
    return format_skeleton("MMMMd", day, locale=current_locale())


def _spin(low: int, high: int, width: int = 64) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setMinimumWidth(width)
    spin.setGroupSeparatorShown(False)
    spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return spin


def _row(*widgets: QWidget | str, stretch: bool = True) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    for w in widgets:
        row.addWidget(QLabel(w) if isinstance(w, str) else w)
    if stretch:
        row.addStretch(1)
    return box


class YearDateEdit(QWidget):
    """A point in the dues year: day and month (of that year or a later one) in
    calendar-year mode; months and days after the period starts in rolling mode.
    ``value()`` is a ``YearDate``."""

    changed = Signal()

    def __init__(self, value: YearDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = value or YearDate(1, 1)
        self.day_spin = _spin(1, 31, 56)
        # One list for month and year: "March", …, "March the year after", …
        self.month_combo = QComboBox()
        months = get_month_names("wide", locale=current_locale())
        for offset, pattern in enumerate(("{month}", _("{month} the year after"),
                                          _("{month} two years after"))):
            if offset:
                self.month_combo.insertSeparator(self.month_combo.count())
            for number in range(1, 13):
                # Data: months from January of the period's year (0-35).
                self.month_combo.addItem(pattern.format(month=months[number]),
                                         offset * 12 + number - 1)
        self.month_combo.setMaxVisibleItems(13)
        self.month_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.month_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.months_spin = _spin(0, 35, 56)
        self.days_spin = _spin(0, 30, 56)
        self.after_label = QLabel(_("after the start"))
        for widget, name in ((self.day_spin, _("Day")), (self.month_combo, _("Month")),
                             (self.months_spin, _("Months")), (self.days_spin, _("Days"))):
            widget.setAccessibleName(name)

        self.stack = QStackedWidget()
        self.stack.addWidget(_row(self.day_spin, self.month_combo))
        self.stack.addWidget(_row(self.months_spin, self.days_spin, self.after_label))
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.day_spin)
        self._show()
        for spin in (self.day_spin, self.months_spin, self.days_spin):
            spin.valueChanged.connect(self._edited)
        self.month_combo.currentIndexChanged.connect(self._edited)

    def rolling(self) -> bool:
        return self.stack.currentIndex() == 1

    def set_rolling(self, rolling: bool) -> None:
        """Show the same value the other way (the value itself does not change)."""
        self.stack.setCurrentIndex(1 if rolling else 0)
        self.setFocusProxy(self.months_spin if rolling else self.day_spin)
        self._show()

    def value(self) -> YearDate:
        return self._value

    def setValue(self, value: YearDate) -> None:  # noqa: N802
        self._value = value
        self._show()

    def set_calendar_date(self, day: int, month: int, year_offset: int = 0) -> None:
        """Pick a date as a person does in calendar-year mode (month first, then day)."""
        self.month_combo.setCurrentIndex(self.month_combo.findData(year_offset * 12 + month - 1))
        self.day_spin.setValue(day)

    def _month(self) -> tuple[int, int]:
        offset, month = divmod(int(self.month_combo.currentData() or 0), 12)
        return month + 1, offset

    def _show(self) -> None:
        v = self._value
        widgets = (self.day_spin, self.month_combo, self.months_spin, self.days_spin)
        blockers = [QSignalBlocker(w) for w in widgets]
        self.month_combo.setCurrentIndex(
            self.month_combo.findData(v.year_offset * 12 + v.month - 1))
        self.day_spin.setMaximum(31)
        self.day_spin.setValue(v.day)
        self._limit_day()
        self.months_spin.setValue(v.year_offset * 12 + v.month - 1)
        self.days_spin.setValue(min(v.day - 1, self.days_spin.maximum()))
        self._suffixes()
        del blockers

    def _suffixes(self) -> None:
        months, days = self.months_spin.value(), self.days_spin.value()
        self.months_spin.setSuffix(" " + ngettext("month", "months", months))
        self.days_spin.setSuffix(" " + ngettext("day", "days", days))

    def _limit_day(self) -> None:
        """No 31 April in calendar-year mode (29 February is allowed: leap years)."""
        month = self._month()[0]
        with QSignalBlocker(self.day_spin):
            self.day_spin.setMaximum(29 if month == 2 else monthrange(2001, month)[1])

    def _edited(self) -> None:
        if self.rolling():
            months = self.months_spin.value()
            value = YearDate(months % 12 + 1, self.days_spin.value() + 1, months // 12)
            self._suffixes()
        else:
            self._limit_day()
            month, offset = self._month()
            value = YearDate(month, self.day_spin.value(), offset)
        if value != self._value:
            self._value = value
            self._show()
            self.changed.emit()


def _group(title: str, layout: QFormLayout | QVBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box




def field_problem(code: str) -> str:
    """What to do about one setting the calendar refused."""
    return {
        "fee": _("A fee cannot be negative."),
        "grace_days": _("Between 0 and 365 days."),
        "strike_off_months": _("Between 0 and 36 months."),
        "reminders": _("Each reminder must come after the invoice and after the reminder "
                       "before it."),
        "due": _("The due date cannot be before the invoice date."),
    }.get(code, "")


class DuesCalendarEditor(QWidget):
    """Edit a ``DuesCalendar``. ``check()`` gives the new calendar or shows why not."""

    changed = Signal()

    def __init__(self, calendar: DuesCalendar, country: str, currency: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = calendar
        self.country = (country or "SE").upper()
        self.today = today
        self._loading = False

        # -- the dues year
        self.calendar_radio = QRadioButton(_("&Calendar year (January to December)"))
        self.rolling_radio = QRadioButton(_("R&olling: twelve months from each member's "
                                            "join date"))
        self.period_group = QButtonGroup(self)
        self.period_group.addButton(self.calendar_radio)
        self.period_group.addButton(self.rolling_radio)
        self.annual_fee_edit = MoneyEdit(currency)
        self.intro_fee_edit = MoneyEdit(currency)
        self.intro_next_edit = YearDateEdit()
        self.tracked_spin = _spin(_ALL_YEARS, 2100, 90)
        self.tracked_spin.setSpecialValueText(_("All years"))
        self.errors = {name: error_label() for name in
                       ("calendar", "fee", "due", "reminders", "grace_days",
                        "strike_off_months")}

        year = new_form()
        year.addRow(self.calendar_radio)
        year.addRow(self.rolling_radio)
        add_row(year, _("Annual f&ee:"), self.annual_fee_edit.edit, self.annual_fee_edit)
        self.fee_change_hint = hint_label("")
        year.addRow(self.fee_change_hint)
        add_row(year, _("&Intro fee:"), self.intro_fee_edit.edit, self.intro_fee_edit)
        year.addRow(self.errors["fee"])
        self.intro_fee_edit.edit.setToolTip(_("New members pay the intro fee instead of "
                                              "their first annual fee."))
        self.intro_next_label = add_row(year, _("Late &joiners from:"), self.intro_next_edit)
        self.intro_next_hint = hint_label(_("A member who joins on or after this date pays the "
                                            "intro fee for the rest of the year and the whole "
                                            "next one."))
        year.addRow("", self.intro_next_hint)
        self.year_form = year
        add_row(year, _("Dues &tracked from:"), self.tracked_spin)
        year.addRow("", hint_label(_("Years before count as paid: the register holds no "
                                     "payments for them.")))

        # -- invoice and reminders
        self.invoice_edit = YearDateEdit()
        self.due_edit = YearDateEdit()
        self.reminder_checks: list[QCheckBox] = []
        self.reminder_edits: list[YearDateEdit] = []
        dates = new_form()
        add_row(dates, _("In&voice:"), self.invoice_edit)
        add_row(dates, _("D&ue date:"), self.due_edit)
        dates.addRow(self.errors["due"])
        for text in (_("&First reminder"), _("&Second reminder"), _("T&hird reminder")):
            check = QCheckBox(text)
            edit = YearDateEdit()
            self.reminder_checks.append(check)
            self.reminder_edits.append(edit)
            dates.addRow(check, edit)
        dates.addRow(self.errors["reminders"])
        self.two_year_check = QCheckBox(_("T&wo-year invoice after a missed year"))
        dates.addRow(self.two_year_check)
        self.two_year_check.setToolTip(_("The next invoice asks for both years."))
        self.grace_spin = _spin(0, 365)
        self.grace_spin.setMinimumWidth(90)
        add_row(dates, _("&Grace period:"), self.grace_spin)
        dates.addRow(self.errors["grace_days"])
        dates.addRow("", hint_label(_("For a new member's first invoice, and the least time "
                                      "from an invoice to its first reminder.")))

        # -- strike-off
        self.strike_spin = _spin(0, 36)
        self.strike_spin.setMinimumWidth(70)
        self.strike_label = QLabel(_("Stri&ke off"))
        self.strike_label.setBuddy(self.strike_spin)
        self.strike_after = QLabel()
        self.strike_sentence = QLabel()
        self.strike_sentence.setWordWrap(True)
        self.strike_sentence.setStyleSheet("font-weight: bold;")
        self.norway_warning = hint_label(_(
            "Datatilsynet: a member who stops paying should count as resigned at most six "
            "months after the due date."))
        # a calm amber panel from the app sheet (light or dark), not grey hint text
        self.norway_warning.setObjectName("norwayWarning")
        self.norway_warning.setProperty("hint", False)
        self.norway_warning.setProperty("panel", "warn")
        self.norway_warning.setMargin(6)
        strike = QVBoxLayout()
        strike.setSpacing(6)
        strike.addWidget(_row(self.strike_label, self.strike_spin, self.strike_after))
        strike.addWidget(hint_label(_("Counted from the due date of the first unpaid year.")))
        strike.addWidget(self.errors["strike_off_months"])
        strike.addWidget(self.strike_sentence)
        strike.addWidget(self.norway_warning)
        strike.addWidget(hint_label(_("Nobody is struck off automatically: the dues view "
                                      "lists them and the board confirms.")))

        # -- references and direct debit
        self.ocr_length_check = QCheckBox(_("OCR nu&mbers carry a length digit"))
        self.kid_combo = QComboBox()
        self.kid_combo.addItem(_("Mod 10 (Luhn)"), False)
        self.kid_combo.addItem(_("Mod 11"), True)
        self.kid_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.kid_label = QLabel(_("KID check digit &method:"))
        self.kid_label.setBuddy(self.kid_combo)
        self.missed_spin = _spin(1, 400)
        self.missed_spin.setMinimumWidth(90)
        self.reference_example = QLabel()
        self.reference_example.setProperty("hint", True)
        refs = new_form()
        refs.addRow(self.ocr_length_check)
        refs.addRow(self.kid_label, self.kid_combo)
        for widget in (self.ocr_length_check, self.kid_combo):
            widget.setToolTip(_("As agreed with the bank."))
        add_row(refs, _("Missed withdrawal &after:"), self.missed_spin)
        self.missed_spin.setToolTip(_("A direct-debit payer with no withdrawal for this long "
                                      "has missed one."))

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setProperty("hint", True)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(_group(_("The dues year"), year))
        left.addWidget(_group(_("Strike-off for non-payment"), strike))
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(10)
        dates_box = QVBoxLayout()
        dates_box.addLayout(dates)
        dates_box.addWidget(self.preview)
        right.addWidget(_group(_("Invoice and reminders"), dates_box))
        right.addWidget(_group(_("References and direct debit"), refs))
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(12, 12, 12, 12)
        body.setSpacing(8)
        body.addWidget(self.errors["calendar"])
        body.addLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.load(calendar)
        self._connect()

    # ------------------------------------------------------------------ loading
    def _date_edits(self) -> list[YearDateEdit]:
        return [self.invoice_edit, self.due_edit, self.intro_next_edit, *self.reminder_edits]

    def load(self, cal: DuesCalendar) -> None:
        self._loading = True
        self.original = cal
        rolling = cal.period is PeriodKind.ROLLING
        (self.rolling_radio if rolling else self.calendar_radio).setChecked(True)
        self.annual_fee_edit.set_amount(cal.annual_fee)
        self.intro_fee_edit.set_amount(cal.intro_fee)
        self.intro_next_edit.setValue(cal.intro_covers_next_from)
        self.tracked_spin.setValue(cal.tracked_from or _ALL_YEARS)
        self.invoice_edit.setValue(cal.invoice)
        self.due_edit.setValue(cal.due)
        defaults = (YearDate(4, 1), YearDate(7, 1), YearDate(10, 1))
        for i, (check, edit) in enumerate(zip(self.reminder_checks, self.reminder_edits,
                                              strict=True)):
            on = i < len(cal.reminders)
            check.setChecked(on)
            edit.setValue(cal.reminders[i] if on else defaults[i])
        self.two_year_check.setChecked(cal.two_year_invoice)
        self.grace_spin.setValue(cal.grace_days)
        self.strike_spin.setValue(cal.strike_off_months)
        self.ocr_length_check.setChecked(cal.ocr_length_digit)
        self.kid_combo.setCurrentIndex(1 if cal.kid_mod11 else 0)
        self.missed_spin.setValue(cal.direct_debit_missed_days)
        self._loading = False
        self._sync()

    def set_country(self, country: str, currency: str | None = None) -> None:
        """The settings dialog's country changed: references and the privacy hint follow."""
        self.country = (country or "SE").upper()
        if currency:
            for edit in (self.annual_fee_edit, self.intro_fee_edit):
                edit.suffix.setText(currency_symbol(currency))
        self._sync()

    def _connect(self) -> None:
        self.period_group.buttonToggled.connect(lambda *_a: self._sync())
        for edit in self._date_edits():
            edit.changed.connect(self._sync)
        for check in self.reminder_checks:
            check.toggled.connect(lambda _c: self._sync())
        for money in (self.annual_fee_edit, self.intro_fee_edit):
            money.edit.textEdited.connect(lambda _t: self._sync())
        for spin in (self.grace_spin, self.strike_spin, self.tracked_spin, self.missed_spin):
            spin.valueChanged.connect(lambda _v: self._sync())
        for spin in (self.grace_spin, self.missed_spin):
            spin.valueChanged.connect(lambda v, s=spin: s.setSuffix(
                " " + ngettext("day", "days", v)))
            spin.setSuffix(" " + ngettext("day", "days", spin.value()))
        self.two_year_check.toggled.connect(lambda _c: self._sync())

    # ------------------------------------------------------------------ live view
    def rolling(self) -> bool:
        return self.rolling_radio.isChecked()

    def _sync(self) -> None:
        if self._loading:
            return
        rolling = self.rolling()
        for edit in self._date_edits():
            edit.set_rolling(rolling)
        # A rolling year starts on the join date: nobody joins late in it.
        if self.intro_next_edit.isHidden() != rolling:
            self.year_form.setRowVisible(self.intro_next_edit, not rolling)
            self.year_form.setRowVisible(self.intro_next_hint, not rolling)
            self.year_form.invalidate()
            for widget in (self.year_form.parentWidget(), self.scroll.widget()):
                if widget is not None:
                    widget.updateGeometry()
        for check, edit in zip(self.reminder_checks, self.reminder_edits, strict=True):
            edit.setEnabled(check.isChecked())
        months = self.strike_spin.value()
        self.strike_after.setText(ngettext("month after the due date",
                                           "months after the due date", months))
        norway = self.country == "NO"
        self.ocr_length_check.setVisible(not norway)
        self.kid_label.setVisible(norway)
        self.kid_combo.setVisible(norway)
        self.norway_warning.setVisible(norway and months > NORWAY_STRIKE_OFF_MAX)
        cal = self._try_build(show=True)
        new_fee = cal is not None and cal.annual_fee != self.original.annual_fee
        if new_fee:
            first = cal.first_period_of_new_fee(self.today)
            self.fee_change_hint.setText(_(
                "The new fee applies from the invoice for {year}; the years invoiced before "
                "keep the fee they were invoiced at.").format(year=first))
        self.fee_change_hint.setVisible(new_fee)
        if cal is not None:
            self.strike_sentence.setText(strike_off_sentence(cal, self.today))
            self.preview.setText(preview_text(cal, self.today))
        # What the settings mean is only said while they add up.
        self.strike_sentence.setVisible(cal is not None)
        self.preview.setVisible(cal is not None)
        self.changed.emit()

    # ------------------------------------------------------------------ building
    def _build(self) -> DuesCalendar:
        """The calendar the page describes; raises ``DomainError`` when it does not add up."""
        problems = {}
        fees = {}
        for name, edit in (("annual_fee", self.annual_fee_edit),
                           ("intro_fee", self.intro_fee_edit)):
            try:
                fees[name] = edit.amount_or_none() or 0
            except DomainError as exc:
                problems["fee"] = describe(exc)
        if problems:
            raise DomainError("dues_calendar_invalid", fields="fee", detail=problems["fee"])
        reminders = tuple(edit.value() for check, edit in
                          zip(self.reminder_checks, self.reminder_edits, strict=True)
                          if check.isChecked())
        tracked = self.tracked_spin.value()
        return replace(
            self.original,
            period=PeriodKind.ROLLING if self.rolling() else PeriodKind.CALENDAR_YEAR,
            annual_fee=fees["annual_fee"], intro_fee=fees["intro_fee"],
            invoice=self.invoice_edit.value(), due=self.due_edit.value(),
            reminders=reminders, two_year_invoice=self.two_year_check.isChecked(),
            strike_off_months=self.strike_spin.value(), grace_days=self.grace_spin.value(),
            intro_covers_next_from=self.intro_next_edit.value(),
            direct_debit_missed_days=self.missed_spin.value(),
            tracked_from=None if tracked == _ALL_YEARS else tracked,
            ocr_length_digit=self.ocr_length_check.isChecked(),
            kid_mod11=bool(self.kid_combo.currentData()))

    def _try_build(self, *, show: bool) -> DuesCalendar | None:
        try:
            cal = self._build()
        except DomainError as exc:
            if show:
                self.show_error(exc)
            return None
        if show:
            self.clear_errors()
        return cal

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show_error(self, exc: DomainError) -> None:
        """The calendar's own sentence on top, and what to do next to each setting."""
        self.clear_errors()
        codes = [c.strip() for c in str(exc.params.get("fields", "")).split(",") if c.strip()]
        self.errors["calendar"].setText(describe(exc))
        self.errors["calendar"].show()
        for code in dict.fromkeys(codes):
            label = self.errors.get(code)
            text = exc.params.get("detail") if code == "fee" and exc.params.get("detail") \
                else field_problem(code)
            if label is not None and text:
                label.setText(str(text))
                label.show()

    def error_texts(self) -> dict[str, str]:
        return {n: e.text() for n, e in self.errors.items() if e.text()}

    def check(self) -> DuesCalendar | None:
        """The edited calendar, or None after showing what is wrong."""
        cal = self._try_build(show=True)
        if cal is None:
            self.scroll.ensureWidgetVisible(self.errors["calendar"])
        return cal

    def has_changes(self) -> bool:
        cal = self._try_build(show=False)
        return cal is None or cal != self.original


# --------------------------------------------------------------------------- sentences
def _sample_anchor(cal: DuesCalendar, today: date) -> date | None:
    """In rolling mode, a member whose period starts on the 1st of this month."""
    return today.replace(day=1) if cal.period is PeriodKind.ROLLING else None


def strike_off_sentence(cal: DuesCalendar, today: date) -> str:
    """"A member who has not paid for 2026 is due to be struck off from 1 June 2027."."""
    anchor = _sample_anchor(cal, today)
    if anchor is None:
        year = today.year
        when = cal.strike_off_on(cal.due_on(year))
        return _("A member who has not paid for {year} is due to be struck off from "
                 "{date}.").format(year=year, date=format_date(when, "long"))
    when = cal.strike_off_on(cal.due_on(anchor.year, anchor))
    return _("A member whose dues year starts on {start} and who does not pay is due to be "
             "struck off from {date}.").format(start=format_date(anchor, "long"),
                                               date=format_date(when, "long"))


def _when(day: date, period_year: int) -> str:
    return day_month(day) if day.year == period_year else format_date(day, "long")


def preview_text(cal: DuesCalendar, today: date) -> str:
    """The dates of one dues year as the settings make them."""
    anchor = _sample_anchor(cal, today)
    label = anchor.year if anchor else today.year
    invoice = cal.invoice_on(label, anchor)
    due = cal.due_on(label, anchor)
    reminders = cal.reminder_dates(label, anchor)
    parts = [_("invoice {date}").format(date=_when(invoice, label)),
             _("due {date}").format(date=_when(due, label))]
    if reminders:
        parts.append(ngettext("reminder {dates}", "reminders {dates}", len(reminders)).format(
            dates=", ".join(_when(d, label) for d in reminders)))
    else:
        parts.append(_("no reminders"))
    if anchor is None:
        return _("In {year}: {dates}.").format(year=label, dates="; ".join(parts))
    return _("For a member whose dues year starts on {start}: {dates}.").format(
        start=format_date(anchor, "long"), dates="; ".join(parts))
