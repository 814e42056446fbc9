"""The demo association's dues history, consistent with its dues calendar as of the day.

For every member and every dues period since they joined (within the tracked years) the
demo draws what a real register shows: most pay in February–March after the invoice,
slow payers after a reminder, about one in eight pays by direct debit (monthly
withdrawals on the 28th), a few honorary members are exempt, some new members pay the
intro fee and never the first annual fee (bounced), a few skip a year and either pay the
two-year invoice or wait to be struck off, and former members who were struck off stopped
paying the year the calendar says. Invoices and reminders are recorded as sent, on the
calendar's dates, to those who had not paid by then.

Each member gets a small *plan* first (a pay date per billing unit); payments and notices
are rendered from it. The rendered facts give each current member's dues state with the
real rules, so a state the draw left out (a small demo, an unusual day) is shown by
letting one suitable member stop paying earlier. One seeded ``random.Random`` drives it
all: the same seed and day give the same history. Nothing is dated after the day.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from medlemsvard_app.domain.dues_calendar import DuesCalendar, default_calendar
from medlemsvard_app.domain.dues_state import (
    WINDOW,
    DuesRules,
    DuesState,
    DuesStatus,
    DuesSummary,
    MandateStatus,
    window_base,
)
from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
from medlemsvard_app.domain.payments import (
    DuesNotice,
    Exemption,
    ExemptionKind,
    MandateEvent,
    NoticeChannel,
    NoticeStage,
    Payment,
    PaymentKind,
    PaymentMethod,
    PaymentSource,
    mandate_kind,
)
from medlemsvard_app.domain.references import ReferenceScheme

#: Years of payment history the demo keeps (the calendar tracks dues from then).
HISTORY_YEARS = 5
DIRECT_DEBIT_SHARE = 0.13
#: Days the board takes to confirm a strike-off after its date.
BOARD_DELAY = timedelta(days=14)
#: A current member may wait this long after the strike-off date for the board's decision.
LONGEST_WAIT = timedelta(days=330)
#: Members written per batch (keeps memory flat for 100,000 members).
WRITE_BATCH = 5000
#: Members tried for each state the draw left out.
SHOWCASE_TRIES = 4000

#: (paid on, amount, first period, last period, method, kind, reference period or None)
_RawPayment = tuple[date, int, int, int, PaymentMethod, PaymentKind, int | None]

_REMINDER_STAGES = (NoticeStage.REMINDER_1, NoticeStage.REMINDER_2, NoticeStage.REMINDER_3)
_DAY = timedelta(days=1)


def tracked_from(members: Sequence[Member], today: date) -> int:
    """The first year of dues history: five years back, or the first join year after that."""
    joins = [m.joined_on.year for m in members if m.joined_on is not None]
    return max(today.year - HISTORY_YEARS, min(joins, default=today.year))


def demo_calendar(country: str, members: Sequence[Member], today: date) -> DuesCalendar:
    return default_calendar(country, tracked_from=tracked_from(members, today))


def struck_off_on(calendar: DuesCalendar, missed: int) -> date:
    """When the board struck off a member who never paid period ``missed``."""
    return calendar.strike_off_on(calendar.due_on(missed)) + BOARD_DELAY


@dataclass(frozen=True, slots=True)
class _Unit:
    """What one invoice asks for: the intro fee's period(s), or one annual period."""

    periods: tuple[int, ...]
    invoice_on: date
    due_on: date
    reminders: tuple[date, ...]
    intro: bool
    strike_on: date


@dataclass(slots=True)
class _Mandate:
    form_sent_on: date
    active_on: date | None = None
    ended_on: date | None = None
    ended_as: MandateStatus | None = None
    #: Withdrawals missed just before the day (the bank could not draw them).
    missed: int = 0
    #: After a cancellation the rest of that year's fee is paid by giro on this day.
    rest_on: date | None = None


@dataclass(slots=True)
class _Plan:
    member: Member
    units: list[_Unit]
    #: Per unit, the day it is paid (with any open earlier unit), or None: not paid.
    pays: list[date | None]
    end_day: date
    method: PaymentMethod
    channel: NoticeChannel
    mandate: _Mandate | None = None
    exemption: Exemption | None = None
    board: bool = False
    references: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class DemoDues:
    """The demo's dues: the calendar and what to write, member by member."""

    calendar: DuesCalendar
    plans: list[_Plan]
    history: _History

    def batches(self, size: int = WRITE_BATCH) -> Iterator[tuple[list[Payment],
                                                                 list[DuesNotice]]]:
        for start in range(0, len(self.plans), size):
            payments: list[Payment] = []
            notices: list[DuesNotice] = []
            for plan in self.plans[start:start + size]:
                self.history.render(plan, payments, notices)
                plan.references.clear()  # written now; keeps memory flat
            yield payments, notices

    def mandate_events(self) -> list[MandateEvent]:
        return [e for plan in self.plans for e in self.history.mandate_events(plan)]

    def exemptions(self) -> list[Exemption]:
        return [plan.exemption for plan in self.plans if plan.exemption is not None]


class _History:
    """Draws and renders the plans; the demo's calendar is its country's default, so
    periods are calendar years (``units`` relies on that)."""

    def __init__(self, rng: random.Random, calendar: DuesCalendar, country: str,
                 today: date) -> None:
        self.rng = rng
        self.cal = calendar
        self.country = country
        self.today = today
        self.first = calendar.tracked_from or today.year
        self.fee = calendar.annual_fee
        self.monthly = calendar.annual_fee // 12
        self.grace = timedelta(days=calendar.grace_days)
        self.scheme = ReferenceScheme(country)
        self.kind = mandate_kind(country)
        self.rules = DuesRules(calendar, today)
        self.base = window_base(today)
        self._annual: dict[int, _Unit] = {}
        self._intro: dict[date, _Unit] = {}
        self.app_method = PaymentMethod.SWISH if country == "SE" else PaymentMethod.VIPPS
        self.methods = ((PaymentMethod.BANK_GIRO, 0.64),
                        (PaymentMethod.SWISH if country == "SE" else PaymentMethod.VIPPS, 0.29),
                        (PaymentMethod.CASH, 0.04), (PaymentMethod.OTHER, 0.03))

    # -- the calendar's units ---------------------------------------------------------------

    def fee_of(self, unit: _Unit) -> int:
        return sum(self.cal.fee_for(p) for p in unit.periods)

    def annual_unit(self, period: int) -> _Unit:
        unit = self._annual.get(period)
        if unit is None:
            cal = self.cal
            invoice_on, due_on = cal.invoice_on(period), cal.due_on(period)
            reminders = tuple(d for d in cal.reminder_dates(period)
                              if d >= invoice_on + self.grace)[:len(cal.reminders)]
            unit = self._annual[period] = _Unit((period,), invoice_on, due_on, reminders,
                                                False, cal.strike_off_on(due_on))
        return unit

    def intro_unit(self, joined: date) -> _Unit:
        unit = self._intro.get(joined)
        if unit is None:
            unit = self._intro[joined] = self._make_intro_unit(joined)
        return unit

    def _make_intro_unit(self, joined: date) -> _Unit:
        cal = self.cal
        intro = cal.intro_periods(joined)
        due_on = max(cal.due_on(intro[0]), joined + self.grace)
        candidates = [d for p in intro for d in cal.reminder_dates(p)]
        reminders = tuple(d for d in candidates if d >= joined + self.grace)[:len(cal.reminders)]
        return _Unit(intro, joined, due_on, reminders, True, cal.strike_off_on(due_on))

    def units(self, joined: date, end_day: date) -> list[_Unit]:
        """The units billed from joining (or the first tracked year) to ``end_day``."""
        intro_unit = self.intro_unit(joined)
        last_intro = intro_unit.periods[-1]
        units = [intro_unit] if last_intro >= self.first else []
        year = end_day.year
        last = year if end_day >= self.annual_unit(year).invoice_on else year - 1
        units += [self.annual_unit(p) for p in range(max(self.first, last_intro + 1), last + 1)]
        return units

    # -- drawing a plan ---------------------------------------------------------------------

    def _between(self, start: date, days: int) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, days)))

    def _pay_intro(self, unit: _Unit, allow_never: bool) -> date | None:
        r = self.rng.random()
        if r < 0.45:
            return unit.invoice_on  # paid at sign-up (Swish/Vipps at the stall, online)
        if r < 0.85:
            return self._between(unit.invoice_on + _DAY, 24)
        if r < 0.91:
            return self._between(unit.invoice_on + timedelta(days=25), 35)
        if r < 0.97 or not allow_never:
            start = unit.reminders[0] if unit.reminders else unit.due_on
            return self._between(start, 30)
        return None

    def _pay_annual(self, unit: _Unit, slow: bool, skip: float) -> date | None:
        rng = self.rng
        if rng.random() < skip:
            return None
        r = rng.random()
        on_time, after_first, after_second = ((0.55, 0.80, 0.92) if slow
                                              else (0.92, 0.97, 0.99))
        rem = unit.reminders
        if r < on_time or not rem:
            # Most pay in the weeks after the invoice, a good part before the due date.
            return unit.invoice_on + timedelta(days=int(rng.triangular(0, 58, 12)))
        stage = 0 if r < after_first else 1 if r < after_second else 2
        return self._between(rem[min(stage, len(rem) - 1)], 45)

    def plan(self, m: Member, board: bool) -> _Plan | None:
        rng = self.rng
        if m.joined_on is None or m.status is MembershipStatus.PROSPECT:
            return None
        current = m.left_on is None
        end_day = self.today if current else m.left_on - _DAY  # type: ignore[operator]
        units = self.units(m.joined_on, end_day)
        method = _pick(rng, self.methods)
        channel = (NoticeChannel.EMAIL if m.email and rng.random() < 0.55
                   else NoticeChannel.LETTER)
        plan = _Plan(m, units, [], end_day, method, channel, board=board)
        slow = not board and rng.random() < 0.25
        if current:
            self._current(plan, slow)
        elif m.leave_reason is LeaveReason.STRUCK_OFF:
            self._struck_off(plan, slow)
        else:
            self._former(plan, slow)
        return plan

    def _draw(self, plan: _Plan, slow: bool, *, skips: bool, bounce: bool = False) -> None:
        """A pay date for every unit; after a skipped year many never come back."""
        pays: list[date | None] = []
        for unit in plan.units:
            if unit.intro:
                pays.append(self._pay_intro(unit, allow_never=skips))
                continue
            if bounce:
                pays.append(None)
                continue
            open_run = bool(pays) and pays[-1] is None
            skip = 0.0 if not skips else 0.4 if open_run else 0.06 if slow else 0.015
            pays.append(self._pay_annual(unit, slow, skip))
        plan.pays = pays

    def _open_since(self, plan: _Plan) -> _Unit | None:
        """The first unit of the unpaid run the member is in on their last day, if any."""
        start = None
        for unit, pay in zip(plan.units, plan.pays, strict=True):
            if self._dd_covers(plan, unit) or self._exempt(plan, unit):
                continue
            if pay is None or pay > plan.end_day:
                start = start or unit
            else:
                start = None
        return start

    def _current(self, plan: _Plan, slow: bool) -> None:
        rng = self.rng
        m = plan.member
        joined = m.joined_on
        assert joined is not None
        annual = [u for u in plan.units if not u.intro]
        age = (self.today - m.birth_date).days // 365 if m.birth_date else 0
        story = rng.random()
        if (not plan.board and age >= 65 and (self.today - joined).days > 8 * 365
                and story < 0.05):
            # Made an honorary member at an annual meeting (in March) some years ago.
            years = [y for y in range(max(joined.year + 5, self.first - 3), self.today.year + 1)
                     if date(y, 3, 20) <= self.today]
            if years:
                plan.exemption = Exemption(m.id, ExemptionKind.HONORARY,  # type: ignore[arg-type]
                                           date(rng.choice(years), 3, 20))
        elif story > 1 - DIRECT_DEBIT_SHARE and annual:
            plan.mandate = self._mandate(plan, annual)
        elif story > 1 - DIRECT_DEBIT_SHARE - 0.02:
            # Sent in a direct-debit form lately (after the autumn call), not yet active.
            sent = self.today - timedelta(days=rng.randint(3, 50))
            if sent >= joined:
                plan.mandate = _Mandate(sent)
        elif story > 1 - DIRECT_DEBIT_SHARE - 0.025:
            sent = self._between(joined, (self.today - joined).days - 40)
            if sent + timedelta(days=35) <= self.today:
                plan.mandate = _Mandate(sent, ended_on=sent + timedelta(days=rng.randint(14, 35)),
                                        ended_as=MandateStatus.REJECTED)
        if (plan.exemption is None and plan.mandate is None and not plan.board
                and rng.random() < 0.004):
            start = self.today - timedelta(days=rng.randint(30, 540))
            if start > joined:
                plan.exemption = Exemption(m.id, ExemptionKind.HARDSHIP,  # type: ignore[arg-type]
                                           start, date(self.today.year + 1, 12, 31))
        # New members who paid the intro fee and never the first annual fee: "bounced".
        bounce = (not plan.board and plan.mandate is None and plan.exemption is None
                  and bool(annual) and plan.units[0].intro
                  and annual[0].strike_on + LONGEST_WAIT > self.today and rng.random() < 0.15)
        self._draw(plan, slow, skips=not plan.board, bounce=bounce)
        since = self._open_since(plan)
        if since is not None and since.strike_on + LONGEST_WAIT <= self.today:
            # The board would have struck them off long ago: they kept paying instead.
            self._draw(plan, slow, skips=False)

    def _mandate(self, plan: _Plan, annual: list[_Unit]) -> _Mandate | None:
        """Direct debit from January of a year after joining, withdrawals every month."""
        rng = self.rng
        joined = plan.member.joined_on
        assert joined is not None
        start = rng.choice(annual).periods[0]
        active_on = date(start, 1, rng.randint(5, 20))
        sent = max(joined, active_on - timedelta(days=rng.randint(20, 50)))
        if active_on <= sent or active_on > self.today:
            return None
        mandate = _Mandate(sent, active_on)
        r = rng.random()
        last = self.today - timedelta(days=40)
        if r < 0.1 and last > active_on + timedelta(days=60):
            mandate.ended_on = self._between(active_on + timedelta(days=60),
                                             (last - active_on).days - 60)
            mandate.ended_as = MandateStatus.CANCELLED
            mandate.rest_on = mandate.ended_on + timedelta(days=rng.randint(5, 25))
        elif r < 0.14 and self.today - active_on > timedelta(days=120):
            mandate.missed = 2  # the bank could not draw the last two months
        return mandate

    def _struck_off(self, plan: _Plan, slow: bool) -> None:
        """Paid until the period the strike-off was for, nothing after it."""
        left = plan.member.left_on
        assert left is not None
        missed = max((p for p in range(left.year - 3, left.year + 1)
                      if struck_off_on(self.cal, p) <= left), default=left.year)
        self._draw(plan, slow, skips=False)
        plan.pays = [None if u.periods[-1] >= missed else pay
                     for u, pay in zip(plan.units, plan.pays, strict=True)]

    def _former(self, plan: _Plan, slow: bool) -> None:
        """Paid every year while a member; some left instead of paying their last invoice."""
        rng = self.rng
        self._draw(plan, slow, skips=False)
        end = plan.end_day
        for i, (unit, pay) in enumerate(zip(plan.units, plan.pays, strict=True)):
            if pay is not None and pay <= end:
                continue
            last = i == len(plan.units) - 1
            if last and unit.strike_on > end and rng.random() < 0.6:
                plan.pays[i] = None  # resigned instead of paying
            else:
                plan.pays[i] = self._between(unit.invoice_on, (end - unit.invoice_on).days)

    # -- rendering --------------------------------------------------------------------------

    def _dd_covers(self, plan: _Plan, unit: _Unit) -> bool:
        mandate = plan.mandate
        if mandate is None or mandate.active_on is None or unit.intro:
            return False
        return mandate.active_on <= unit.invoice_on and (
            mandate.ended_on is None or mandate.ended_on > unit.invoice_on)

    @staticmethod
    def _exempt(plan: _Plan, unit: _Unit) -> bool:
        e = plan.exemption
        return e is not None and e.from_on <= unit.invoice_on and (
            e.until_on is None or unit.invoice_on <= e.until_on)

    def _reference(self, plan: _Plan, period: int) -> str:
        ref = plan.references.get(period)
        if ref is None:
            number = plan.member.member_number
            ref = plan.references[period] = self.scheme.make(number, period) if number else ""
        return ref

    def withdrawals(self, plan: _Plan) -> list[date]:
        mandate = plan.mandate
        if mandate is None or mandate.active_on is None:
            return []
        start = mandate.active_on
        year, month = start.year, start.month
        if start.day > 20:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        last = plan.end_day
        if mandate.ended_on is not None:
            last = min(last, mandate.ended_on - _DAY)
        days = []
        while True:
            day = date(year, month, 28)
            if day > last:
                break
            days.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if mandate.missed and mandate.ended_on is None:
            days = days[:-mandate.missed]
        return days

    def raw_payments(self, plan: _Plan,
                     notices: list[DuesNotice] | None = None) -> list[_RawPayment]:
        """The plan's payments as plain tuples, and its notices when a list is given.

        Tuples, not ``Payment`` objects: the states of 100,000 members are worked out from
        these before anything is written.
        """
        mid = plan.member.id
        assert mid is not None
        cal, end, intro_fee = self.cal, plan.end_day, self.cal.intro_fee
        dd_or_exempt = plan.mandate is not None or plan.exemption is not None
        out: list[_RawPayment] = []
        run: list[_Unit] = []
        for unit, pay in zip(plan.units, plan.pays, strict=True):
            if dd_or_exempt and (self._dd_covers(plan, unit) or self._exempt(plan, unit)):
                continue
            two_year = bool(run) and cal.two_year_invoice and not unit.intro
            own = intro_fee if unit.intro else self.fee_of(unit)
            amount = own + sum(intro_fee if u.intro else self.fee_of(u) for u in run) if run \
                else own
            period = unit.periods[0]
            paid_on = pay if pay is not None and pay <= end else None
            if notices is not None:
                reference = self._reference(plan, period)
                notices.append(DuesNotice(
                    mid, period, NoticeStage.TWO_YEAR_INVOICE if two_year else NoticeStage.INVOICE,
                    unit.invoice_on, amount if two_year else own, reference, plan.channel))
                strike = (run[0] if run else unit).strike_on
                # After a missed year the two-year invoice gets one reminder (DESIGN §2).
                for i, day in enumerate(unit.reminders[:1] if two_year else unit.reminders):
                    if day > end or day >= strike or (paid_on is not None and paid_on <= day):
                        break
                    notices.append(DuesNotice(mid, period, _REMINDER_STAGES[i], day,
                                              amount if two_year else own, reference,
                                              plan.channel))
            if paid_on is None:
                run.append(unit)
                continue
            method = plan.method
            if unit.intro and paid_on == unit.invoice_on and method is PaymentMethod.BANK_GIRO:
                method = self.app_method  # paid on the spot, by Swish or Vipps
            owed = [*run, unit]
            if owed[0].intro:
                # The intro fee goes in as one (it pays its periods whatever the amount).
                intro = owed.pop(0)
                out.append((paid_on, intro_fee, intro.periods[0], intro.periods[-1], method,
                            PaymentKind.INTRO, intro.periods[0]))
            if owed:
                # One payment for the annual fees owed (a two-year invoice pays both).
                out.append((paid_on, sum(self.fee_of(u) for u in owed), owed[0].periods[0],
                            unit.periods[-1], method, PaymentKind.ANNUAL, period))
            run = []
        mandate = plan.mandate
        if mandate is not None and mandate.active_on is not None:
            withdrawn = 0
            ended, rest_on = mandate.ended_on, mandate.rest_on
            monthly, dd = self.monthly, PaymentMethod.DIRECT_DEBIT
            for day in self.withdrawals(plan):
                out.append((day, monthly, day.year, day.year, dd, PaymentKind.ANNUAL, None))
                if ended is not None and day.year == ended.year:
                    withdrawn += monthly
            if ended is not None and rest_on is not None and rest_on <= end:
                # The rest of the year's fee, by giro, after the mandate was cancelled.
                rest = self.cal.fee_for(ended.year) - withdrawn
                if rest > 0 and self._dd_covers(plan, self.annual_unit(ended.year)):
                    out.append((rest_on, rest, ended.year, ended.year, PaymentMethod.BANK_GIRO,
                                PaymentKind.ANNUAL, ended.year))
        return out

    def render(self, plan: _Plan, payments: list[Payment], notices: list[DuesNotice]) -> None:
        """The plan's payments and notices, appended to the lists."""
        mid = plan.member.id
        assert mid is not None
        giro = PaymentMethod.BANK_GIRO
        for paid_on, amount, start, end, method, kind, ref in self.raw_payments(plan, notices):
            reference = self._reference(plan, ref) if method is giro and ref else ""
            payments.append(Payment(mid, paid_on, amount, start, end, method, kind, reference,
                                    "", PaymentSource.DEMO))

    def mandate_events(self, plan: _Plan) -> list[MandateEvent]:
        mandate = plan.mandate
        if mandate is None:
            return []
        mid = plan.member.id
        assert mid is not None
        payer = str(plan.member.member_number or "")
        monthly = self.monthly
        events = [MandateEvent(mid, mandate.form_sent_on, MandateStatus.FORM_SENT, self.kind,
                               payer, monthly)]
        if mandate.active_on is not None:
            events.append(MandateEvent(mid, mandate.active_on, MandateStatus.ACTIVE, self.kind,
                                       payer, monthly))
        if mandate.ended_on is not None and mandate.ended_as is not None:
            events.append(MandateEvent(mid, mandate.ended_on, mandate.ended_as, self.kind, payer,
                                       monthly))
        return events

    # -- states ------------------------------------------------------------------------------

    def summary(self, plan: _Plan, payments: Sequence[_RawPayment]) -> DuesSummary:
        """What the repository would summarise for this member on the day (as SQL does):
        a period is paid once its shares add up to its fee, or an intro fee covers it."""
        base = self.base
        any_mask = paid_mask = 0
        totals: Counter[int] = Counter()
        last_dd = last_paid = None
        dd_method, intro_kind = PaymentMethod.DIRECT_DEBIT, PaymentKind.INTRO
        for paid_on, amount, start, end, method, kind, _ref in payments:
            if last_paid is None or paid_on > last_paid:
                last_paid = paid_on
            if method is dd_method and (last_dd is None or paid_on > last_dd):
                last_dd = paid_on
            count = end - start + 1
            each, odd = divmod(amount, count)
            for i, period in enumerate(range(start, end + 1)):
                bit = period - base
                if not 0 <= bit < WINDOW:
                    continue
                any_mask |= 1 << bit
                if kind is intro_kind:
                    paid_mask |= 1 << bit
                else:
                    totals[period] += each + (1 if i < odd else 0)
        for period, total in totals.items():
            if total >= self.cal.fee_for(period):
                paid_mask |= 1 << (period - base)
        status, since = MandateStatus.NONE, None
        if plan.mandate is not None:
            for event in self.mandate_events(plan):
                if event.changed_on <= self.today:
                    status, since = event.status, event.changed_on
        exemption = plan.exemption
        return DuesSummary(plan.member.id, plan.member.joined_on,  # type: ignore[arg-type]
                           any_mask, paid_mask, status, since, last_dd,
                           exemption is not None and exemption.covers(self.today), last_paid)

    def state(self, plan: _Plan) -> DuesStatus:
        return self.rules.state(self.summary(plan, self.raw_payments(plan)))


def _pick(rng: random.Random, weighted: Sequence[tuple[PaymentMethod, float]]) -> PaymentMethod:
    r = rng.random()
    for item, weight in weighted:
        r -= weight
        if r < 0:
            return item
    return weighted[-1][0]


def _showcase(history: _History, plans: list[_Plan], rng: random.Random) -> None:
    """Let a few members stop paying earlier so that every state the day allows shows.

    A small demo, or a day early in the dues year, may otherwise lack a state: a member
    awaiting a two-year invoice, say. Members are tried newest first; only the member's
    latest units are left unpaid, as little as gives the state.
    """
    current = [p for p in plans if p.member.left_on is None]
    states = {id(p): history.state(p) for p in current}
    counts = Counter(s.state.value for s in states.values())
    counts["bounced"] = sum(1 for s in states.values() if s.bounced)
    wanted = [s.value for s in DuesState] + ["bounced"]
    if all(counts[w] for w in wanted):
        return
    candidates = [p for p in current
                  if p.mandate is None and p.exemption is None and not p.board and p.units]
    # Newest members first (their dates decide most states); ties in a seeded order.
    order = {id(p): rng.random() for p in candidates}
    candidates.sort(key=lambda p: (p.member.joined_on, order[id(p)]), reverse=True)
    candidates = candidates[:SHOWCASE_TRIES]
    changed: set[int] = set()
    for target in wanted:
        if counts[target]:
            continue
        for plan in candidates:
            if id(plan) in changed:
                continue
            before = states[id(plan)]
            if counts[before.state.value] < 2 or (before.bounced and counts["bounced"] < 2):
                continue
            original = list(plan.pays)
            found = None
            for k in range(len(plan.units) - 1, -1, -1):
                plan.pays = original[:k] + [None] * (len(original) - k)
                after = history.state(plan)
                if (after.bounced if target == "bounced" else after.state.value == target):
                    found = after
                    break
            if found is None:
                plan.pays = original
                continue
            changed.add(id(plan))
            states[id(plan)] = found
            counts[before.state.value] -= 1
            counts["bounced"] -= before.bounced
            counts[found.state.value] += 1
            counts["bounced"] += found.bounced
            break


def demo_dues(rng: random.Random, members: Sequence[Member], country: str, today: date,
              board_ids: set[int]) -> DemoDues:
    """The dues history of the stored demo members (ids and member numbers assigned)."""
    calendar = demo_calendar(country, members, today)
    history = _History(rng, calendar, country, today)
    plans = [p for m in members
             if (p := history.plan(m, m.id in board_ids)) is not None]
    _showcase(history, plans, rng)
    return DemoDues(calendar, plans, history)
