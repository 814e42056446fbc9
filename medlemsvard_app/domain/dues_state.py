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

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from medlemsvard_app.domain.dues_calendar import DuesCalendar, PeriodKind, YearDate


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
#: How many unpaid periods back the rules look: enough for the longest strike-off delay
#: (36 months); ``unpaid_since`` is "at least since" for runs longer than that.
MAX_WALK_BACK = 4


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
    #: Exemptions begun by the day: (from, until) spans; the periods they cover are settled.
    exemptions: tuple[tuple[date, date | None], ...] = ()


@dataclass(slots=True)
class DuesFacts:
    """What SQL knows about many members' dues on a day, in bulk.

    ``groups`` holds (join date, any mask, paid mask, member ids): members with the same
    facts come as one group, as SQL groups them, so the rules decide each group once.
    The few members with a mandate or an exemption are decided one by one from
    ``special`` (their own facts) and the other three.
    """

    day: date
    groups: list[tuple[date | None, int, int, list[int]]]
    #: member id -> (mandate status, since, last direct-debit withdrawal)
    mandates: dict[int, tuple[MandateStatus, date | None, date | None]]
    #: members exempt on the day
    exempt: set[int]
    #: member id -> (join date, any mask, paid mask) for members with a mandate or exemption
    special: dict[int, tuple[date | None, int, int]] = field(default_factory=dict)
    #: member id -> exemption spans (from, until) begun by the day
    exemptions: dict[int, list[tuple[date, date | None]]] = field(default_factory=dict)

    @classmethod
    def from_summaries(cls, day: date, summaries: list[DuesSummary]) -> DuesFacts:
        return cls(day, [(s.joined_on, s.any_mask, s.paid_mask, [s.member_id])
                         for s in summaries],
                   {s.member_id: (s.mandate, s.mandate_since, s.last_direct_debit_on)
                    for s in summaries if s.mandate is not MandateStatus.NONE},
                   {s.member_id for s in summaries if s.exempt},
                   {s.member_id: (s.joined_on, s.any_mask, s.paid_mask) for s in summaries
                    if s.mandate is not MandateStatus.NONE or s.exemptions or s.exempt},
                   {s.member_id: list(s.exemptions) for s in summaries if s.exemptions})


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
    #: Dates the explanation names (``due_on``, ``strike_off_on``); None when there are none.
    details: Mapping[str, object] | None = None

    def detail(self, name: str) -> object | None:
        return None if self.details is None else self.details.get(name)


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


_EXEMPT = DuesStatus(DuesState.EXEMPT, Reason.EXEMPT)


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
        self._dates: dict[tuple[YearDate, int], date] = {}
        self._intros: dict[date, tuple[int, ...]] = {}
        self._cutoffs: dict[int, date] = {}
        self._by_label: dict[int, tuple[date, date, tuple[date, ...]]] = {}
        # Joins this long ago share a plan with every join of the same year and lateness:
        # their intro periods lie before anything the walk back from this period reaches.
        self._exact_from_year = day.year - 5

    # -- dates (memoised in calendar-year mode, where they do not depend on the member) ----

    def _on(self, point: YearDate, label: int, joined_on: date | None) -> date:
        if self._rolling:
            return self.calendar.date_in(point, label, joined_on)
        key = (point, label)
        value = self._dates.get(key)
        if value is None:
            value = self._dates[key] = self.calendar.date_in(point, label, None)
        return value

    def _intro(self, joined_on: date) -> tuple[int, ...]:
        value = self._intros.get(joined_on)
        if value is None:
            if self._rolling:
                first = self.calendar.period_of(joined_on, joined_on)
                cutoff = self._on(self.calendar.intro_covers_next_from, first, joined_on)
            else:
                first = joined_on.year
                cutoff = self._cutoffs.get(first)
                if cutoff is None:
                    cutoff = self._cutoffs[first] = self._on(
                        self.calendar.intro_covers_next_from, first, None)
            late = joined_on >= cutoff
            value = self._intros[joined_on] = (first, first + 1) if late else (first,)
        return value

    def plan_key(self, joined_on: date | None) -> date | None:
        """The join date that stands for this one: itself, or for old joins in calendar-year
        mode the first or last day of its year (late joiners), which plan alike."""
        if joined_on is None or self._rolling or joined_on.year >= self._exact_from_year:
            return joined_on
        year = joined_on.year
        cutoff = self._cutoffs.get(year)
        if cutoff is None:
            cutoff = self._cutoffs[year] = self._on(self.calendar.intro_covers_next_from, year,
                                                    None)
        return date(year, 12, 31) if joined_on >= cutoff else date(year, 1, 1)

    # -- periods and units -----------------------------------------------------------------

    def _anchor(self, joined_on: date | None) -> date | None:
        return joined_on if self._rolling else None

    def _period_dates(self, label: int, joined_on: date | None
                      ) -> tuple[date, date, tuple[date, ...]]:
        """(invoice, due, reminders) of a period; one lookup per period in calendar mode."""
        key = None if self._rolling else label
        if key is not None:
            found = self._by_label.get(key)
            if found is not None:
                return found
        cal = self.calendar
        found = (self._on(cal.invoice, label, joined_on), self._on(cal.due, label, joined_on),
                 tuple(self._on(r, label, joined_on) for r in cal.reminders))
        if key is not None:
            self._by_label[key] = found
        return found

    def _unit(self, label: int, joined_on: date | None) -> _Unit:
        """The billing unit period ``label`` belongs to (cached per period in calendar mode)."""
        cal = self.calendar
        intro = () if joined_on is None else self._intro(joined_on)
        key = (intro[0], joined_on) if label in intro else (label, self._anchor(joined_on))
        unit = self._units.get(key)
        if unit is not None:
            return unit
        if joined_on is not None and label in intro:
            invoice_on = joined_on
            due_on = max(self._period_dates(intro[0], joined_on)[1], joined_on + self._grace)
            candidates = [d for p in intro for d in self._period_dates(p, joined_on)[2]]
            periods = intro
        else:
            invoice_on, due_on, candidates = self._period_dates(label, joined_on)
            periods = (label,)
        earliest = invoice_on + self._grace
        reminders = tuple(d for d in candidates if d >= earliest)[: len(cal.reminders)]
        unit = _Unit(periods, invoice_on, due_on, reminders, label in intro)
        self._units[key] = unit
        return unit

    def current_period(self, joined_on: date | None) -> int:
        """The latest period whose invoice has gone out on this day (the join period at least)."""
        cal, day = self.calendar, self.day
        label = cal.period_of(day, self._anchor(joined_on))
        if day < self._period_dates(label, joined_on)[0]:
            label -= 1
        if joined_on is not None and day >= joined_on:
            label = max(label, self._intro(joined_on)[0])
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
        label = self.current_period(joined_on)
        chain = [self._unit(label, joined_on)]
        first = None if joined_on is None else self._intro(joined_on)[0]
        for _ in range(MAX_WALK_BACK):
            before = chain[-1].periods[0] - 1
            if (first is not None and before < first) or before < self.base:
                break
            chain.append(self._unit(before, joined_on))
        intro_bit = first_annual_bit = -1
        if joined_on is not None:
            intro = self._intro(joined_on)
            bit = intro[0] - self.base
            if 0 <= bit < WINDOW:
                intro_bit = bit
                first_annual = intro[-1] + 1
                if self.day >= self._period_dates(first_annual, joined_on)[1]:
                    first_annual_bit = first_annual - self.base
        plan = _Plan(label, tuple(chain), tuple(self._needs(u) for u in chain), intro_bit,
                     first_annual_bit)
        self._plans[joined_on] = plan
        return plan

    # -- payments --------------------------------------------------------------------------

    def mandate_missed(self, s: DuesSummary) -> bool:
        return self._missed_withdrawal(s.mandate, s.mandate_since, s.last_direct_debit_on)

    def bounced(self, s: DuesSummary) -> bool:
        """Paid the intro fee, then never the first annual fee, now past its due date."""
        plan = self._plan(self.plan_key(s.joined_on))
        return self._bounced(plan, s.any_mask) and not (
            s.mandate is MandateStatus.ACTIVE and not self.mandate_missed(s))

    @staticmethod
    def _bounced(plan: _Plan, any_mask: int) -> bool:
        if plan.intro_bit < 0 or plan.first_annual_bit < 0 or not (any_mask >> plan.intro_bit) & 1:
            return False
        return (any_mask >> plan.first_annual_bit) == 0

    # -- the state -------------------------------------------------------------------------

    def classify(self, facts: DuesFacts) -> dict[int, DuesStatus]:
        """Every member's state from one bulk read; equal facts are decided once.

        Old joins in calendar-year mode collapse onto one plan per year (``plan_key``), so
        100,000 members come down to a few thousand decisions.
        """
        cache = self._cache
        plan_key = self.plan_key
        exact_from = self._exact_from_year
        rolling = self._rolling
        result: dict[int, DuesStatus] = {}
        keys: dict[date, date | None] = {}
        # Whether the invoiced period is paid depends on the join date only through the
        # intro periods, so most members are decided per (intro periods, masks); only
        # those behind need their own join date (it sets the intro invoice's dates).
        coarse: dict[tuple, DuesStatus | None] = {}
        intro_of, intros = self._intro, self._intros
        paid_state = DuesState.PAID
        for joined, any_mask, paid_mask, ids in facts.groups:
            if joined is not None and not rolling and joined.year < exact_from:
                stands_for = keys.get(joined)
                if stands_for is None:
                    stands_for = keys[joined] = plan_key(joined)
                joined = stands_for
            rough = ((() if joined is None else intros.get(joined) or intro_of(joined)),
                     any_mask, paid_mask)
            decided = coarse.get(rough)
            if decided is None:
                key = (joined, any_mask, paid_mask, False)
                decided = cache.get(key)
                if decided is None:
                    decided = cache[key] = self._from_payments(self._plan(joined), any_mask,
                                                               paid_mask, False, None)
                if decided.state is paid_state:
                    coarse[rough] = decided
            if len(ids) == 1:
                result[ids[0]] = decided
            else:
                result.update(dict.fromkeys(ids, decided))
        if facts.special:
            self._special(facts, result)
        return result

    def _special(self, facts: DuesFacts, result: dict[int, DuesStatus]) -> None:
        """Members with a mandate or an exemption, decided one by one over ``result``."""
        active, none = MandateStatus.ACTIVE, (MandateStatus.NONE, None, None)
        labels: dict[date | None, int] = {}
        debiting: dict[tuple[int, date | None], DuesStatus] = {}
        for member_id in facts.special.keys() & result.keys():
            joined, any_mask, paid_mask = facts.special[member_id]
            status, since, last_dd = facts.mandates.get(member_id, none)
            spans = facts.exemptions.get(member_id)
            if spans or member_id in facts.exempt:
                result[member_id] = self.state(DuesSummary(
                    member_id, joined, any_mask, paid_mask, status, since, last_dd,
                    member_id in facts.exempt, exemptions=tuple(spans or ())))
                continue
            # A mandate only (most of them): the same steps as ``state``, inlined.
            missed = self._missed_withdrawal(status, since, last_dd)
            key_joined = self.plan_key(joined)
            if status is active and not missed:
                label = labels.get(key_joined)
                if label is None:
                    label = labels[key_joined] = self._plan(key_joined).label
                paying = debiting.get((label, since))
                if paying is None:
                    paying = debiting[(label, since)] = DuesStatus(
                        DuesState.DIRECT_DEBIT, Reason.MANDATE_ACTIVE, period=label, since=since)
                result[member_id] = paying
                continue
            key = (key_joined, any_mask, paid_mask, missed)
            decided = self._cache.get(key)
            if decided is None:
                decided = self._cache[key] = self._from_payments(
                    self._plan(key_joined), any_mask, paid_mask, missed, None)
            result[member_id] = decided

    def exempt_mask(self, joined_on: date | None,
                    spans: tuple[tuple[date, date | None], ...]) -> int:
        """Bits of the periods an exemption touched (up to the day): they count as settled."""
        mask = 0
        anchor = self._anchor(joined_on)
        for bit in range(WINDOW):
            label = self.base + bit
            start = self.calendar.period_start(label, anchor)
            if start > self.day:
                break
            end = self.calendar.period_start(label + 1, anchor) - timedelta(days=1)
            if any(begin <= end and (until is None or until >= start) for begin, until in spans):
                mask |= 1 << bit
        return mask

    def _missed_withdrawal(self, status: MandateStatus, since: date | None,
                           last_dd: date | None) -> bool:
        if status is not MandateStatus.ACTIVE:
            return False
        cutoff = self.day - self._missed
        if since is not None and since > cutoff:
            return False  # too new to have missed a withdrawal
        return last_dd is None or last_dd < cutoff

    def state(self, s: DuesSummary) -> DuesStatus:
        if s.exempt:
            return _EXEMPT
        if s.exemptions:
            s = replace(s, paid_mask=s.paid_mask | self.exempt_mask(s.joined_on, s.exemptions),
                        exemptions=())
        missed = self.mandate_missed(s)
        joined = self.plan_key(s.joined_on)
        plan = self._plan(joined)
        if s.mandate is MandateStatus.ACTIVE and not missed:
            return DuesStatus(DuesState.DIRECT_DEBIT, Reason.MANDATE_ACTIVE, period=plan.label,
                              since=s.mandate_since)
        if s.last_paid_on is None:
            key = (joined, s.any_mask, s.paid_mask, missed)
            decided = self._cache.get(key)
            if decided is None:
                decided = self._cache[key] = self._from_payments(plan, s.any_mask, s.paid_mask,
                                                                 missed, None)
            return decided
        return self._from_payments(plan, s.any_mask, s.paid_mask, missed, s.last_paid_on)

    def _from_payments(self, plan: _Plan, any_mask: int, paid_mask: int, missed: bool,
                       last_paid_on: date | None) -> DuesStatus:
        bounced = self._bounced(plan, any_mask)
        needs = plan.needs
        unit = plan.chain[0]
        def paid(need: int) -> bool:
            return need >= 0 and paid_mask & need == need

        if paid(needs[0]):
            # Paying this year does not settle a year missed before it: with the two-year
            # invoice the missed year is still owed, and still leads to a strike-off.
            if not (self.calendar.two_year_invoice and len(needs) > 1 and not paid(needs[1])):
                return DuesStatus(DuesState.PAID, Reason.PAID, period=plan.label,
                                  since=last_paid_on, bounced=bounced, mandate_missed=missed)
            chain, needs = plan.chain[1:], needs[1:]
        else:
            chain = plan.chain
        # Walk back over the unpaid run: its first unit is the one a strike-off is for.
        first_unpaid = chain[0]
        for earlier, need in zip(chain[1:], needs[1:], strict=True):
            if paid(need):
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
    if now.state in (DuesState.DIRECT_DEBIT, DuesState.EXEMPT, DuesState.TO_STRIKE_OFF):
        # Nothing comes next from the calendar: withdrawals continue, the exemption holds,
        # or the board's decision is all that is left.
        return None
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
        if later.state is not now.state:
            return when, later
    return None


def _shift_summary(s: DuesSummary, day: date, when: date) -> DuesSummary:
    """The same payments seen from a later day (masks and sums re-based)."""
    shift = when.year - day.year
    if shift == 0:
        return s
    return replace(s, paid_mask=s.paid_mask >> shift, any_mask=s.any_mask >> shift)
