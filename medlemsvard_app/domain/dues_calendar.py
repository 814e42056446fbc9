"""The association's dues calendar: a setting, not code (DESIGN §2, DOMAIN §7).

Every date of the dues year is a ``YearDate`` — a month and day counted from the start of
a dues period, with ``year_offset`` for dates in the following year. In calendar-year
mode a period is the calendar year, so ``YearDate(2, 1)`` is simply 1 February. In
rolling mode each member's period starts on the anniversary of their join date, and the
same ``YearDate(2, 1)`` means "one month after the period starts". One model serves both,
so an association can switch without re-entering its calendar.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from medlemsvard_app.domain.dates import add_months
from medlemsvard_app.domain.errors import DomainError


class PeriodKind(StrEnum):
    CALENDAR_YEAR = "calendar_year"
    ROLLING = "rolling"


@dataclass(frozen=True, slots=True)
class YearDate:
    """A point in a dues period: ``month``/``day`` of the period's year (+ ``year_offset``).

    Ordered by when it falls: the year offset first, so January of the year after comes
    after October (a generated ``order=True`` would compare the month first).
    """

    month: int
    day: int = 1
    year_offset: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.day <= 31 or not 0 <= self.year_offset <= 2:
            raise DomainError("dues_date_invalid")

    def _key(self) -> tuple[int, int, int]:
        return (self.year_offset, self.month, self.day)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, YearDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, YearDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, YearDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, YearDate):
            return NotImplemented
        return self._key() >= other._key()

    def in_period(self, start: date) -> date:
        """The date this point falls on in the period that starts on ``start``.

        A calendar-year period starts on 1 January, so this is the plain date (30 February
        falls back to the end of the month). In a rolling period it is the same distance
        from the start.
        """
        months = self.year_offset * 12 + self.month - 1
        first = add_months(start, months)
        if start.month == 1 and start.day == 1:
            # Calendar dates: the day of the month, clamped to the month's length.
            last = (add_months(first.replace(day=1), 1) - timedelta(days=1)).day
            return first.replace(day=min(self.day, last))
        return first + timedelta(days=self.day - 1)

    def as_list(self) -> list[int]:
        return [self.month, self.day, self.year_offset]


def _year_date(value: Any) -> YearDate:
    if isinstance(value, YearDate):
        return value
    month, day, *rest = value
    return YearDate(int(month), int(day), int(rest[0]) if rest else 0)


@dataclass(frozen=True, slots=True)
class DuesCalendar:
    """When dues are invoiced, reminded and given up on; money in öre/øre."""

    period: PeriodKind = PeriodKind.CALENDAR_YEAR
    annual_fee: int = 36000
    intro_fee: int = 5000
    invoice: YearDate = YearDate(2, 1)
    due: YearDate = YearDate(3, 1)
    reminders: tuple[YearDate, ...] = (YearDate(4, 1), YearDate(7, 1), YearDate(10, 1))
    #: After a missed year, the next invoice asks for both years (seed 000).
    two_year_invoice: bool = True
    #: Months after the due date of the first unpaid period when the member is to be
    #: struck off: 15 takes 1 March to 1 June the year after (the Swedish seed); Norway's
    #: privacy rule allows at most 6 (DOMAIN §6).
    strike_off_months: int = 15
    #: Days a member has to pay an invoice sent outside the cycle (a new member's first
    #: invoice), and the least time between an invoice and its first reminder.
    grace_days: int = 30
    #: A member who joins on or after this date pays the intro fee for the rest of this
    #: period and the whole next one (someone joining in December is not invoiced again
    #: in February).
    intro_covers_next_from: YearDate = YearDate(10, 1)
    #: A direct-debit payer whose last withdrawal is older than this has missed one.
    direct_debit_missed_days: int = 45
    #: The first period whose payments the register holds; earlier periods count as
    #: settled, so a register imported in mid-life does not put everyone in arrears.
    tracked_from: int | None = None
    #: How the bank agreement wants payment references checked (DOMAIN §5): a Swedish
    #: OCR with or without the length digit; a Norwegian KID by mod 10 or mod 11.
    ocr_length_digit: bool = True
    kid_mod11: bool = False
    #: Fees before the current one: (last period, fee) pairs, so raising the fee does not
    #: turn a year paid at the old fee into an unpaid one (``with_new_fee`` keeps them).
    earlier_fees: tuple[tuple[int, int], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        problems = []
        if self.annual_fee < 0 or self.intro_fee < 0:
            problems.append("fee")
        if not 0 <= self.grace_days <= 365:
            problems.append("grace_days")
        if not 0 <= self.strike_off_months <= 36:
            problems.append("strike_off_months")
        if list(self.reminders) != sorted(self.reminders) or len(self.reminders) > 3:
            problems.append("reminders")
        if self.reminders and self.reminders[0] < self.invoice:
            problems.append("reminders")
        if self.due < self.invoice:
            problems.append("due")
        if problems:
            raise DomainError("dues_calendar_invalid", fields=", ".join(problems))

    # -- periods ---------------------------------------------------------------------------

    def anchor(self, joined_on: date | None) -> date | None:
        """The date periods are counted from: 1 January, or the join date when rolling."""
        if self.period is PeriodKind.ROLLING and joined_on is not None:
            return joined_on
        return None

    def period_start(self, label: int, joined_on: date | None = None) -> date:
        """The first day of period ``label`` (a period is named by the year it starts in)."""
        anchor = self.anchor(joined_on)
        if anchor is None:
            return date(label, 1, 1)
        return add_months(anchor, (label - anchor.year) * 12)

    def period_of(self, day: date, joined_on: date | None = None) -> int:
        """The label of the period that ``day`` falls in."""
        if self.anchor(joined_on) is None:
            return day.year
        return day.year if day >= self.period_start(day.year, joined_on) else day.year - 1

    def date_in(self, point: YearDate, label: int, joined_on: date | None = None) -> date:
        return point.in_period(self.period_start(label, joined_on))

    def invoice_on(self, label: int, joined_on: date | None = None) -> date:
        return self.date_in(self.invoice, label, joined_on)

    def due_on(self, label: int, joined_on: date | None = None) -> date:
        return self.date_in(self.due, label, joined_on)

    def reminder_dates(self, label: int, joined_on: date | None = None) -> list[date]:
        return [self.date_in(r, label, joined_on) for r in self.reminders]

    def strike_off_on(self, due_on: date) -> date:
        return add_months(due_on, self.strike_off_months)

    def intro_periods(self, joined_on: date) -> tuple[int, ...]:
        """The periods the intro fee pays for: the join period, and the next for late joiners."""
        first = self.period_of(joined_on, joined_on)
        late = joined_on >= self.date_in(self.intro_covers_next_from, first, joined_on)
        return (first, first + 1) if late else (first,)

    def fee_for(self, period: int) -> int:
        """The annual fee of ``period``: an earlier fee for the periods it covered."""
        for until, fee in sorted(self.earlier_fees):
            if period <= until:
                return fee
        return self.annual_fee

    def first_tracked_period(self, today: date) -> int:
        """The first period a register started today can follow: this one while its
        payments are still coming in (before the first reminder), else the next, so a
        register brought in mid-year does not put everyone in arrears."""
        label = self.period_of(today)
        reminders = self.reminder_dates(label)
        return label + 1 if reminders and today >= reminders[0] else label

    def first_period_of_new_fee(self, today: date) -> int:
        """A new fee applies from the next invoice: this year's if it has not gone out."""
        label = self.period_of(today)
        return label + 1 if today >= self.invoice_on(label) else label

    def with_new_fee(self, previous: DuesCalendar, today: date) -> DuesCalendar:
        """This calendar with ``previous``'s fee kept for the periods already invoiced."""
        if self.annual_fee == previous.annual_fee:
            return self
        first = self.first_period_of_new_fee(today)
        kept = tuple(pair for pair in previous.earlier_fees if pair[0] < first - 1)
        return replace(self, earlier_fees=(*kept, (first - 1, previous.annual_fee)))

    # -- storage ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = self.period.value
        for name in ("invoice", "due", "intro_covers_next_from"):
            data[name] = getattr(self, name).as_list()
        data["reminders"] = [r.as_list() for r in self.reminders]
        data["earlier_fees"] = [list(pair) for pair in self.earlier_fees]
        extra = data.pop("extra")
        return {**extra, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DuesCalendar:
        """Read stored settings; keys this version does not know are kept, not lost."""
        known = {f for f in cls.__dataclass_fields__ if f != "extra"}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        if "period" in values:
            values["period"] = PeriodKind(values["period"])
        for name in ("invoice", "due", "intro_covers_next_from"):
            if name in values:
                values[name] = _year_date(values[name])
        if "reminders" in values:
            values["reminders"] = tuple(_year_date(r) for r in values["reminders"])
        for name in ("annual_fee", "intro_fee", "strike_off_months", "grace_days",
                     "direct_debit_missed_days"):
            if name in values:
                values[name] = int(values[name])
        if values.get("tracked_from") is not None:
            values["tracked_from"] = int(values["tracked_from"])
        if "earlier_fees" in values:
            values["earlier_fees"] = tuple(sorted((int(u), int(f))
                                                  for u, f in values["earlier_fees"]))
        for name in ("two_year_invoice", "ocr_length_digit", "kid_mod11"):
            if name in values:
                values[name] = bool(values[name])
        values["extra"] = {k: v for k, v in data.items() if k not in known}
        return cls(**values)


def starting_calendar(country: str, today: date) -> DuesCalendar:
    """The calendar a new (or newly upgraded) register starts with, tracked from the first
    period it can follow."""
    calendar = default_calendar(country)
    return replace(calendar, tracked_from=calendar.first_tracked_period(today))


def default_calendar(country: str, tracked_from: int | None = None) -> DuesCalendar:
    """A new association's calendar: the seed's Swedish year; Norway strikes off sooner."""
    if (country or "SE").upper() == "NO":
        # Datatilsynet: a member who stops paying counts as resigned at most six months
        # after the due date (DOMAIN §6).
        # Reminders fit inside the six months; a two-year invoice never comes, since a
        # member is struck off before the next year's invoice.
        return DuesCalendar(annual_fee=30000, intro_fee=5000, strike_off_months=6,
                            reminders=(YearDate(4, 1), YearDate(6, 1), YearDate(8, 1)),
                            two_year_invoice=False, tracked_from=tracked_from)
    return DuesCalendar(tracked_from=tracked_from)


def with_changes(calendar: DuesCalendar, **changes: Any) -> DuesCalendar:
    """A copy with some settings changed, checked like a new one."""
    return replace(calendar, **changes)
