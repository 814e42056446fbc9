"""Where a current member stands in the dues year on a given day (DESIGN §2).

The rules work on one small summary per member that SQL prepares (which years have a
payment, direct-debit sums for the recent years, the mandate), never on the payments
themselves, so 100,000 members are classified in one pass. ``DuesRules`` is built once
for a calendar and a day; ``state`` is then a handful of comparisons per member.

A member's periods are billed in *units*: the intro fee pays for the join period (and
the next one for late joiners) and is invoiced on the join date; every later period is
invoiced on the calendar's invoice date. A unit left unpaid moves through the reminders;
after a missed unit the next invoice asks for both (``two_year_invoice``); once the
strike-off date of the first unpaid unit has passed the member waits for the board to
confirm the strike-off (``to_strike_off``). Nothing here strikes anyone off.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from medlemsvard_app.domain.dues_calendar import DuesCalendar, PeriodKind


class DuesState(StrEnum):
    """The dues state codes of DESIGN §2 (also the register's dues filters)."""

    PAID = "paid"
    INVOICED = "invoiced"
    REMINDER_1 = "reminder_1"
    REMINDER_2 = "reminder_2"
    REMINDER_3 = "reminder_3"
    TWO_YEAR_INVOICE = "two_year_invoice"
    TO_STRIKE_OFF = "to_strike_off"
    DIRECT_DEBIT = "direct_debit"
    EXEMPT = "exempt"


#: States in which this period's dues are still owed.
UNPAID_STATES = frozenset({
    DuesState.INVOICED, DuesState.REMINDER_1, DuesState.REMINDER_2, DuesState.REMINDER_3,
    DuesState.TWO_YEAR_INVOICE, DuesState.TO_STRIKE_OFF,
})
_REMINDER_STATES = (DuesState.INVOICED, DuesState.REMINDER_1, DuesState.REMINDER_2,
                    DuesState.REMINDER_3)


class MandateStatus(StrEnum):
    """A direct-debit mandate (autogiro medgivande / AvtaleGiro), DOMAIN §5."""

    NONE = "none"
    FORM_SENT = "form_sent"
    ACTIVE = "active"
    CANCELLED = "cancelled"
    REJECTED = "rejected"


class Reason(StrEnum):
    """Why a member has their state; the CLI's ``reason`` code, explained in the UI."""

    EXEMPT = "exempt"
    MANDATE_ACTIVE = "mandate_active"
    PAID = "paid"
    INVOICE_OUT = "invoice_out"
    REMINDED = "reminded"
    MISSED_PERIOD = "missed_period"
    STRIKE_OFF_DUE = "strike_off_due"


#: Periods a summary's masks cover: ``WINDOW`` periods from ``day.year - WINDOW_BACK``.
#: Older periods count as settled: by then a non-payer is long due to be struck off.
WINDOW_BACK = 5
WINDOW = 8


@dataclass(frozen=True, slots=True)
class DuesSummary:
    """What SQL knows about one member's dues as of a day (payments dated after it ignored).

    Bit ``p - window_base(day)`` of ``any_mask`` is set when some payment covers period
    ``p``; of ``paid_mask`` when the period is paid: by a payment other than direct-debit
    withdrawals, or by withdrawals that add up to the annual fee.
    """

    member_id: int
    joined_on: date | None
    any_mask: int = 0
    paid_mask: int = 0
    mandate: MandateStatus = MandateStatus.NONE
    mandate_since: date | None = None
    last_direct_debit_on: date | None = None
    exempt: bool = False
    last_paid_on: date | None = None


@dataclass(slots=True)
class DuesFacts:
    """What SQL knows about many members' dues on a day, in bulk.

    ``rows`` holds (member id, join date, any mask, paid mask) as in ``DuesSummary``;
    the few members with a mandate or an exemption are looked up in the other two.
    """

    day: date
    rows: list[tuple[int, date | None, int, int]]
    #: member id -> (mandate status, since, last direct-debit withdrawal)
    mandates: dict[int, tuple[MandateStatus, date | None, date | None]]
    exempt: set[int]


def window_base(day: date) -> int:
    """The period that bit 0 of a summary's masks stands for."""
    return day.year - WINDOW_BACK


@dataclass(frozen=True, slots=True)
class DuesStatus:
    """A member's dues state on a day, and why."""

    state: DuesState
    reason: Reason
    period: int | None = None
    #: The first period of the unpaid run (the one a strike-off would be for).
    unpaid_since: int | None = None
    #: When the current state began (an invoice, a reminder, the strike-off date).
    since: date | None = None
    bounced: bool = False
    mandate_missed: bool = False
    reminders: int = 0
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Unit:
    periods: tuple[int, ...]
    invoice_on: date
    due_on: date
    reminders: tuple[date, ...]
    intro: bool


@dataclass(frozen=True, slots=True)
class _Plan:
    """Everything about a member's dues on the day that does not depend on payments."""

    label: int
    #: The unit invoiced last, then up to three units before it (newest first).
    chain: tuple[_Unit, ...]
    #: Payment bits each unit of ``chain`` needs (-1: a period beyond the masks' window).
    needs: tuple[int, ...]
    intro_bit: int  # -1 when the intro period is outside the window or before tracking
    first_annual_bit: int  # -1 while the first annual fee is not yet overdue


class DuesRules:
    """The calendar's rules applied on one day; pure: the day is passed in."""

    def __init__(self, calendar: DuesCalendar, day: date) -> None:
        self.calendar = calendar
        self.day = day
        self.base = window_base(day)
        self._old_join = date(self.base - 1, 1, 1)
        self._rolling = calendar.period is PeriodKind.ROLLING
        self._grace = timedelta(days=calendar.grace_days)
        self._missed = timedelta(days=calendar.direct_debit_missed_days)
        self._tracked_from = calendar.tracked_from or 0
        self._units: dict[tuple[int, date | None], _Unit] = {}
        self._plans: dict[date | None, _Plan] = {}
        self._cache: dict[tuple, DuesStatus] = {}

    # -- periods and units -----------------------------------------------------------------

    def _anchor(self, joined_on: date | None) -> date | None:
        return joined_on if self._rolling else None

    def _unit(self, label: int, joined_on: date | None) -> _Unit:
        """The billing unit period ``label`` belongs to (cached per period in calendar mode)."""
        cal = self.calendar
        intro = () if joined_on is None else cal.intro_periods(joined_on)
        key = (intro[0], joined_on) if label in intro else (label, self._anchor(joined_on))
        unit = self._units.get(key)
        if unit is not None:
            return unit
        anchor = self._anchor(joined_on)
        if joined_on is not None and label in intro:
            invoice_on = joined_on
            due_on = max(cal.due_on(intro[0], anchor), joined_on + self._grace)
            candidates = [d for p in intro for d in cal.reminder_dates(p, anchor)]
            periods = intro
        else:
            invoice_on = cal.invoice_on(label, anchor)
            due_on = cal.due_on(label, anchor)
            candidates = cal.reminder_dates(label, anchor)
            periods = (label,)
        earliest = invoice_on + self._grace
        reminders = tuple(d for d in candidates if d >= earliest)[: len(cal.reminders)]
        unit = _Unit(periods, invoice_on, due_on, reminders, label in intro)
        self._units[key] = unit
        return unit

    def current_period(self, joined_on: date | None) -> int:
        """The latest period whose invoice has gone out on this day (the join period at least)."""
        cal, day = self.calendar, self.day
        anchor = self._anchor(joined_on)
        label = cal.period_of(day, anchor)
        if day < cal.invoice_on(label, anchor):
            label -= 1
        if joined_on is not None and day >= joined_on:
            label = max(label, cal.intro_periods(joined_on)[0])
        return label

    def _needs(self, unit: _Unit) -> int:
        bits = 0
        for period in unit.periods:
            bit = period - self.base
            if bit < 0 or period < self._tracked_from:
                continue  # before the register kept dues: not held against anyone
            if bit >= WINDOW:
                return -1
            bits |= 1 << bit
        return bits

    def _plan(self, joined_on: date | None) -> _Plan:
        plan = self._plans.get(joined_on)
        if plan is not None:
            return plan
        cal = self.calendar
        label = self.current_period(joined_on)
        chain = [self._unit(label, joined_on)]
        first = None if joined_on is None else cal.period_of(joined_on, joined_on)
        for _ in range(3):
            before = chain[-1].periods[0] - 1
            if (first is not None and before < first) or before < self.base:
                break
            chain.append(self._unit(before, joined_on))
        intro_bit = first_annual_bit = -1
        if joined_on is not None:
            intro = cal.intro_periods(joined_on)
            bit = intro[0] - self.base
            if 0 <= bit < WINDOW:
                intro_bit = bit
                first_annual = intro[-1] + 1
                if self.day >= cal.due_on(first_annual, self._anchor(joined_on)):
                    first_annual_bit = first_annual - self.base
        plan = _Plan(label, tuple(chain), tuple(self._needs(u) for u in chain), intro_bit,
                     first_annual_bit)
        self._plans[joined_on] = plan
        return plan

    # -- payments --------------------------------------------------------------------------

    def mandate_missed(self, s: DuesSummary) -> bool:
        if s.mandate is not MandateStatus.ACTIVE:
            return False
        cutoff = self.day - self._missed
        if s.mandate_since is not None and s.mandate_since > cutoff:
            return False  # too new to have missed a withdrawal
        return s.last_direct_debit_on is None or s.last_direct_debit_on < cutoff

    def bounced(self, s: DuesSummary) -> bool:
        """Paid the intro fee, then never the first annual fee, now past its due date."""
        plan = self._plan(s.joined_on)
        return self._bounced(plan, s.any_mask) and not (
            s.mandate is MandateStatus.ACTIVE and not self.mandate_missed(s))

    @staticmethod
    def _bounced(plan: _Plan, any_mask: int) -> bool:
        if plan.intro_bit < 0 or plan.first_annual_bit < 0 or not (any_mask >> plan.intro_bit) & 1:
            return False
        return (any_mask >> plan.first_annual_bit) == 0

    # -- the state -------------------------------------------------------------------------

    def state_cached(self, s: DuesSummary) -> DuesStatus:
        """``state`` for many members: those with the same facts share one answer.

        In calendar-year mode the exact join date no longer matters once it is older than
        the masks' window, so long-standing members collapse onto a few keys.
        """
        joined = s.joined_on
        if joined is not None and not self._rolling and joined < self._old_join:
            joined = None
        if s.exempt or s.mandate is not MandateStatus.NONE:
            return self.state(s)
        key = (joined, s.any_mask, s.paid_mask)
        status = self._cache.get(key)
        if status is None:
            status = self._cache[key] = self._from_payments(
                self._plan(joined), s.any_mask, s.paid_mask, False, None)
        return status

    def classify(self, facts: DuesFacts) -> dict[int, DuesStatus]:
        """Every member's state from one bulk read; equal facts are decided once."""
        cache = self._cache
        rolling, old = self._rolling, self._old_join
        result: dict[int, DuesStatus] = {}
        special = facts.mandates.keys() | facts.exempt
        for member_id, joined, any_mask, paid_mask in facts.rows:
            if member_id in special:
                status, since, last_dd = facts.mandates.get(member_id, (MandateStatus.NONE,
                                                                         None, None))
                result[member_id] = self.state(DuesSummary(
                    member_id, joined, any_mask, paid_mask, status, since, last_dd,
                    member_id in facts.exempt))
                continue
            key = (None if joined is not None and not rolling and joined < old else joined,
                   any_mask, paid_mask)
            status = cache.get(key)
            if status is None:
                status = cache[key] = self._from_payments(self._plan(key[0]), any_mask,
                                                          paid_mask, False, None)
            result[member_id] = status
        return result

    def state(self, s: DuesSummary) -> DuesStatus:
        if s.exempt:
            return DuesStatus(DuesState.EXEMPT, Reason.EXEMPT)
        missed = self.mandate_missed(s)
        plan = self._plan(s.joined_on)
        if s.mandate is MandateStatus.ACTIVE and not missed:
            return DuesStatus(DuesState.DIRECT_DEBIT, Reason.MANDATE_ACTIVE, period=plan.label,
                              since=s.mandate_since)
        return self._from_payments(plan, s.any_mask, s.paid_mask, missed,
                                   s.last_paid_on)

    def _from_payments(self, plan: _Plan, any_mask: int, paid_mask: int, missed: bool,
                       last_paid_on: date | None) -> DuesStatus:
        bounced = self._bounced(plan, any_mask)
        needs = plan.needs
        unit = plan.chain[0]
        if needs[0] >= 0 and paid_mask & needs[0] == needs[0]:
            return DuesStatus(DuesState.PAID, Reason.PAID, period=plan.label, since=last_paid_on,
                              bounced=bounced, mandate_missed=missed)
        # Walk back over the unpaid run: its first unit is the one a strike-off is for.
        first_unpaid = unit
        for earlier, need in zip(plan.chain[1:], needs[1:], strict=True):
            if need >= 0 and paid_mask & need == need:
                break
            first_unpaid = earlier
        strike_on = self.calendar.strike_off_on(first_unpaid.due_on)
        common = {"period": plan.label, "unpaid_since": first_unpaid.periods[0],
                  "bounced": bounced, "mandate_missed": missed}
        if self.day >= strike_on:
            return DuesStatus(DuesState.TO_STRIKE_OFF, Reason.STRIKE_OFF_DUE, since=strike_on,
                              details={"strike_off_on": strike_on}, **common)
        if first_unpaid is not unit and self.calendar.two_year_invoice:
            return DuesStatus(DuesState.TWO_YEAR_INVOICE, Reason.MISSED_PERIOD,
                              since=unit.invoice_on, details={"strike_off_on": strike_on},
                              **common)
        sent = [d for d in unit.reminders if d <= self.day]
        since = sent[-1] if sent else unit.invoice_on
        return DuesStatus(_REMINDER_STATES[min(len(sent), 3)],
                          Reason.REMINDED if sent else Reason.INVOICE_OUT, since=since,
                          reminders=len(sent),
                          details={"due_on": unit.due_on, "strike_off_on": strike_on}, **common)


def dues_state(calendar: DuesCalendar, day: date, summary: DuesSummary) -> DuesStatus:
    return DuesRules(calendar, day).state(summary)


def next_change(calendar: DuesCalendar, day: date, summary: DuesSummary,
                horizon_days: int = 800) -> tuple[date, DuesStatus] | None:
    """When this member's state changes next if nothing is paid, and to what.

    Tries the calendar's own dates (invoices, reminders, dues, strike-off dates) rather
    than every day; for one member at a time (the member card, ``dues --member``).
    """
    now = dues_state(calendar, day, summary)
    end = day + timedelta(days=horizon_days)
    candidates: set[date] = set()
    anchor = summary.joined_on if calendar.period is PeriodKind.ROLLING else None
    for label in range(day.year - 2, end.year + 1):
        candidates.add(calendar.invoice_on(label, anchor))
        due = calendar.due_on(label, anchor)
        candidates.add(due)
        candidates.add(calendar.strike_off_on(due))
        candidates.update(calendar.reminder_dates(label, anchor))
    if summary.joined_on is not None:
        intro = DuesRules(calendar, day)._unit(calendar.intro_periods(summary.joined_on)[0],
                                                summary.joined_on)
        candidates.update(intro.reminders)
        candidates.add(calendar.strike_off_on(intro.due_on))
    for when in sorted(d for d in candidates if day < d <= end):
        shifted = _shift_summary(summary, day, when)
        later = dues_state(calendar, when, shifted)
        if (later.state, later.bounced) != (now.state, now.bounced):
            return when, later
    return None


def _shift_summary(s: DuesSummary, day: date, when: date) -> DuesSummary:
    """The same payments seen from a later day (masks and sums re-based)."""
    shift = when.year - day.year
    if shift == 0:
        return s
    return replace(s, paid_mask=s.paid_mask >> shift, any_mask=s.any_mask >> shift)
