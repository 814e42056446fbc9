"""Dues use cases: the calendar setting, payments, mandates, states, strike-offs.

The GUI's dues view, the member card's Dues tab and the ``dues``/``pay``/``strike-off``
commands all go through here. Every question takes the day it is asked about; the
answer uses only what was recorded on or before it.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.domain.dates import add_months
from medlemsvard_app.domain.dues_calendar import DuesCalendar, PeriodKind, starting_calendar
from medlemsvard_app.domain.dues_state import (
    UNPAID_STATES,
    DuesRules,
    DuesState,
    DuesStatus,
    MandateStatus,
    next_change,
)
from medlemsvard_app.domain.errors import DomainError
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
from medlemsvard_app.domain.references import KidMethod, ReferenceScheme
from medlemsvard_app.i18n import _
from medlemsvard_app.i18n import dues_labels as _dues_labels  # noqa: F401 - registers codes
from medlemsvard_app.i18n.formatting import format_money
from medlemsvard_app.services import undo
from medlemsvard_app.services.changes import Changes
from medlemsvard_app.storage.dues import DuesRepository
from medlemsvard_app.storage.transaction import transaction

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

#: Register filter names the dues add (DESIGN §7): every state code, plus these two.
UNPAID_FILTER = "unpaid"
DIRECT_DEBIT_FILTER = "direct_debit"
BOUNCED_FILTER = "bounced"
DUES_FILTERS: tuple[str, ...] = (UNPAID_FILTER, BOUNCED_FILTER,
                                 *(s.value for s in DuesState))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading 100,000 members' facts makes many small objects and no reference cycles:
    the garbage collector's passes over them are pure cost (a tenth of the time)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A date in the dues year the view marks: ``kind`` is invoice, due, reminder_N,
    two_year_invoice or strike_off; ``period`` the dues year it belongs to."""

    on: date
    kind: str
    period: int


@dataclass(frozen=True, slots=True)
class NextEvent:
    """What happens next in the dues year and how many members it concerns."""

    event: TimelineEvent
    members: int


@dataclass(frozen=True, slots=True)
class DuesOverview:
    day: date
    counts: dict[DuesState, int]
    current: int
    bounced: int
    paid_rate: float | None
    paid_rate_last_year: float | None
    timeline: list[TimelineEvent]
    next: NextEvent | None


@dataclass(frozen=True, slots=True)
class MemberDues:
    """One member's dues on a day: the card's Dues tab and ``dues --member``."""

    member: Member
    status: DuesStatus | None  # None when not a current member that day
    next_change: tuple[date, DuesStatus] | None
    payments: list[Payment]
    notices: list[DuesNotice]
    mandates: list[MandateEvent]
    exemptions: list[Exemption]
    reference: str


def paid_rate(counts: Counter | dict, current: int) -> float | None:
    """Share of current members (the exempt left out) who have paid or pay by direct debit."""
    base = current - counts.get(DuesState.EXEMPT, 0)
    if base <= 0:
        return None
    return (counts.get(DuesState.PAID, 0) + counts.get(DuesState.DIRECT_DEBIT, 0)) / base


class DuesService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = DuesRepository(session.db)
        cal = self.calendar()
        self.repo.annual_fee, self.repo.earlier_fees = cal.annual_fee, list(cal.earlier_fees)

    def today(self) -> date:
        return self.session.today()

    # -- the calendar ------------------------------------------------------------------

    def calendar(self) -> DuesCalendar:
        stored = self.repo.calendar_settings()
        if stored is not None:
            return DuesCalendar.from_dict(stored)
        # Not saved yet (the upgrade stores one): the defaults, from the first year it can.
        return starting_calendar(self.session.association.country.value, self.today())

    def save_calendar(self, calendar: DuesCalendar) -> Changes:
        """Save the setting. A new fee applies from the next invoice; the periods already
        invoiced keep the old one, and which periods are paid is decided again."""
        old = self.calendar()
        calendar = calendar.with_new_fee(old, self.today())
        with transaction(self.session.db):
            self.repo.save_calendar_settings(calendar.to_dict())
            if (calendar.annual_fee, calendar.earlier_fees) != (old.annual_fee,
                                                                old.earlier_fees):
                self.repo.annual_fee = calendar.annual_fee
                self.repo.earlier_fees = list(calendar.earlier_fees)
                self.repo.refresh_periods(None)
        self._audit("dues_calendar", {"saved": True})
        return Changes(dues=True)

    def reference_scheme(self) -> ReferenceScheme:
        cal = self.calendar()
        return ReferenceScheme(self.session.association.country.value,
                               length_digit=cal.ocr_length_digit,
                               kid_method=KidMethod.MOD11 if cal.kid_mod11 else KidMethod.MOD10)

    def reference(self, member_number: int, period: int) -> str:
        return self.reference_scheme().make(member_number, period)

    # -- states ------------------------------------------------------------------------

    def rules(self, day: date | None = None) -> DuesRules:
        return DuesRules(self.calendar(), day or self.today())

    def states(self, day: date | None = None, *, filters: Iterable[str] = ("current",),
               member_ids: Sequence[int] | None = None) -> dict[int, DuesStatus]:
        """Member id -> dues state for current members (or the given ids) on ``day``."""
        day = day or self.today()
        with _collector_paused():
            facts = self.repo.facts(day, filters=filters, member_ids=member_ids)
            return self.rules(day).classify(facts)

    def ids_matching(self, names: Iterable[str], day: date | None = None) -> list[int]:
        """Current members matching any of the dues filter names (OR, like the chips)."""
        wanted = set(names)
        result = []
        for member_id, status in self.states(day).items():
            if (status.state.value in wanted
                    or (UNPAID_FILTER in wanted and status.state in UNPAID_STATES)
                    or (BOUNCED_FILTER in wanted and status.bounced)):
                result.append(member_id)
        return result

    def overview(self, day: date | None = None, *,
                 states: dict[int, DuesStatus] | None = None) -> DuesOverview:
        """The dues year on ``day``; pass ``states(day)`` if you have them already."""
        day = day or self.today()
        if states is None:
            states = self.states(day)
        counts = Counter(s.state for s in states.values())
        bounced = sum(1 for s in states.values() if s.bounced)
        last_year_day = add_months(day, -12)
        last = Counter(s.state for s in self.states(last_year_day).values())
        timeline = self.timeline(day)
        return DuesOverview(
            day=day, counts=dict(counts), current=len(states), bounced=bounced,
            paid_rate=paid_rate(counts, len(states)),
            paid_rate_last_year=paid_rate(last, sum(last.values())),
            timeline=timeline, next=self._next_event(day, timeline, counts))

    def timeline(self, day: date | None = None) -> list[TimelineEvent]:
        """The association-wide dates of the dues year ``day`` is in (calendar-year mode),
        plus the strike-off date for last year's non-payers."""
        day = day or self.today()
        cal = self.calendar()
        if cal.period is PeriodKind.ROLLING:
            return []
        year = day.year
        events = [TimelineEvent(cal.invoice_on(year), "invoice", year),
                  TimelineEvent(cal.due_on(year), "due", year)]
        events += [TimelineEvent(d, f"reminder_{i}", year)
                   for i, d in enumerate(cal.reminder_dates(year), start=1)]
        for missed in (year - 2, year - 1, year):
            strike = cal.strike_off_on(cal.due_on(missed))
            if strike.year == year:
                events.append(TimelineEvent(strike, "strike_off", missed))
        events.append(TimelineEvent(cal.invoice_on(year + 1), "invoice", year + 1))
        return sorted(events, key=lambda e: (e.on, e.kind))

    def _next_event(self, day: date, timeline: list[TimelineEvent],
                    counts: Counter) -> NextEvent | None:
        upcoming = [e for e in timeline if e.on > day]
        if not upcoming:
            return None
        event = upcoming[0]
        unpaid = sum(counts.get(s, 0) for s in (DuesState.INVOICED, DuesState.REMINDER_1,
                                                 DuesState.REMINDER_2, DuesState.REMINDER_3))
        if event.kind == "invoice":
            affected = sum(counts.values()) - counts.get(DuesState.EXEMPT, 0) \
                - counts.get(DuesState.DIRECT_DEBIT, 0)
        elif event.kind == "strike_off":
            affected = counts.get(DuesState.TWO_YEAR_INVOICE, 0)
            if self.calendar().strike_off_months < 12:
                affected += unpaid
        else:
            affected = unpaid + counts.get(DuesState.TWO_YEAR_INVOICE, 0)
        return NextEvent(event, affected)

    def member_dues(self, member_id: int, day: date | None = None) -> MemberDues:
        day = day or self.today()
        member = self.session.members.get(member_id)
        if member is None:
            raise LookupError(member_id)
        cal = self.calendar()
        status = change = None
        summary = self.repo.summary(member_id, day)
        if summary is not None and member.is_current(day) \
                and member.status.value != "prospect":
            rules = DuesRules(cal, day)
            status = rules.state(summary)
            change = next_change(cal, day, summary)
        period = DuesRules(cal, day).current_period(member.joined_on)
        reference = (self.reference(member.member_number, period)
                     if member.member_number else "")
        return MemberDues(member, status, change, self.repo.payments_for(member_id),
                          self.repo.notices_for(member_id), self.repo.mandate_history(member_id),
                          self.repo.exemptions_for(member_id), reference)

    def status(self, member_id: int, day: date | None = None) -> DuesStatus | None:
        """The member's state on ``day``, or None if they were not a member then."""
        day = day or self.today()
        member = self.session.members.get(member_id)
        if member is None or member.status is MembershipStatus.PROSPECT \
                or not member.is_current(day):
            return None
        return self.states(day, member_ids=[member_id]).get(member_id)

    # -- payments ----------------------------------------------------------------------

    def default_periods(self, member: Member, paid_on: date, amount: int) -> tuple[int, int]:
        """The period(s) a payment on ``paid_on`` is for: the one invoiced then (the intro
        fee's one or two); after a missed year, both years when the amount covers both."""
        cal = self.calendar()
        rules = DuesRules(cal, paid_on)
        label = rules.current_period(member.joined_on)
        intro = cal.intro_periods(member.joined_on) if member.joined_on else ()
        first, last = (intro[0], intro[-1]) if label in intro else (label, label)
        summary = self.repo.summary(member.id, paid_on) if member.id is not None else None
        if summary is not None and cal.annual_fee > 0:
            status = rules.state(summary)
            bit = last - rules.base
            if bit >= 0 and (summary.paid_mask >> bit) & 1:
                # This period is paid already: the payment is for the next one.
                return last + 1, last + 1
            if status.unpaid_since is not None and status.unpaid_since < first:
                # After a missed year: both years when the amount covers both, else the
                # missed one (the oldest debt is settled first).
                if amount >= cal.fee_for(first - 1) + cal.fee_for(first):
                    return first - 1, last
                return first - 1, first - 1
        return first, last

    def payment_kind(self, member: Member, period_from: int) -> PaymentKind:
        if member.joined_on is None:
            return PaymentKind.ANNUAL
        intro = self.calendar().intro_periods(member.joined_on)
        return PaymentKind.INTRO if period_from == intro[0] else PaymentKind.ANNUAL

    def record_payment(self, member_id: int, amount: int, paid_on: date | None = None, *,
                       periods: tuple[int, int] | None = None,
                       method: PaymentMethod = PaymentMethod.BANK_GIRO,
                       kind: PaymentKind | None = None, reference: str = "", note: str = "",
                       source: PaymentSource = PaymentSource.MANUAL) -> tuple[Payment, Changes]:
        member = self.session.members.get(member_id)
        if member is None:
            raise LookupError(member_id)
        paid_on = paid_on or self.today()
        if paid_on > self.today():
            raise DomainError("payment_in_future")
        start, end = periods or self.default_periods(member, paid_on, amount)
        payment = Payment(member_id=member_id, paid_on=paid_on, amount=amount,
                          period_from=start, period_to=end, method=method,
                          kind=kind or self.payment_kind(member, start), reference=reference,
                          note=note, source=source).check()
        if member.joined_on is not None and \
                start < self.calendar().period_of(member.joined_on, member.joined_on):
            raise DomainError("period_before_joining", period=start)
        with transaction(self.session.db):  # the payment and its log line, or neither
            self.repo.add_payments([payment])
            self._audit("payment", {"amount": amount, "periods": f"{start}-{end}",
                                    "method": method.value}, member_id=member_id)
        self._remember_payment_undo(payment, member)
        return payment, Changes(dues=True)

    def _remember_payment_undo(self, payment: Payment, member: Member) -> None:
        """Edit → Undo removes the payment just recorded, while it is still there."""
        payment_id = payment.id
        if payment_id is None:
            return

        def revert() -> Changes:
            return self.delete_payment(payment_id)

        undo.remember(self.session, undo.UndoStep(
            _("Undo the payment of {amount} from {name}").format(
                amount=format_money(payment.amount, self.session.association.currency),
                name=member.display_name),
            lambda: self.repo.payment(payment_id) is not None, revert))

    def add_payments(self, payments: Sequence[Payment]) -> Changes:
        """Several payments in one transaction (an imported bank file)."""
        for p in payments:
            p.check()
        with transaction(self.session.db):
            self.repo.add_payments(payments)
            self._audit("payments_import", {"payments": len(payments)})
        return Changes(dues=True)

    def _audit(self, action: str, detail: dict, *, member_id: int | None = None) -> None:
        """An audit entry with the user's name (services.audit): codes and counts only."""
        from medlemsvard_app.services import audit

        audit.record(self.session, action, detail, member_id=member_id)

    def delete_payment(self, payment_id: int) -> Changes:
        payment = self.repo.delete_payment(payment_id)
        if payment is not None:
            self._audit("payment_deleted", {"amount": payment.amount,
                                            "paid_on": payment.paid_on},
                        member_id=payment.member_id)
        return Changes(dues=True)

    # -- mandates, exemptions, notices -------------------------------------------------

    def set_mandate(self, member_id: int, status: MandateStatus, on: date | None = None, *,
                    payer_number: str = "", monthly_amount: int = 0,
                    max_amount: int | None = None, note: str = "") -> Changes:
        payer = re.sub(r"[\s\-]", "", payer_number or "")
        if payer and (not payer.isdigit() or len(payer) > 16):
            raise DomainError("payer_number_invalid")
        event = MandateEvent(member_id=member_id, changed_on=on or self.today(), status=status,
                             kind=mandate_kind(self.session.association.country.value),
                             payer_number=payer_number.strip(), monthly_amount=monthly_amount,
                             max_amount=max_amount, note=note)
        self.repo.add_mandate_event(event)
        self._audit("mandate", {"status": status.value}, member_id=member_id)
        return Changes(dues=True)

    def add_exemption(self, member_id: int, kind: ExemptionKind, from_on: date | None = None,
                      until_on: date | None = None, note: str = "") -> Changes:
        self.repo.add_exemption(Exemption(member_id, kind, from_on or self.today(), until_on,
                                          note))
        self._audit("exemption", {"kind": kind.value}, member_id=member_id)
        return Changes(dues=True)

    def end_exemption(self, exemption_id: int, until_on: date | None = None) -> Changes:
        until_on = until_on or self.today()
        current = next((e for e in self.repo.exemption_by_id(exemption_id)), None)
        if current is None:
            raise LookupError(exemption_id)
        if until_on < current.from_on:
            raise DomainError("exemption_dates_invalid")
        self.repo.end_exemption(exemption_id, until_on)
        return Changes(dues=True)

    def record_notices(self, member_ids: Iterable[int], stage: NoticeStage,
                       sent_on: date | None = None,
                       channel: NoticeChannel = NoticeChannel.LETTER) -> int:
        """Note that an invoice or reminder went out to these members (with their reference)."""
        sent_on = sent_on or self.today()
        cal = self.calendar()
        rules = DuesRules(cal, sent_on)
        notices = []
        for member in self.session.members.iter_members(list(member_ids)):
            period = rules.current_period(member.joined_on)
            amount = (cal.fee_for(period) + cal.fee_for(period - 1)
                      if stage is NoticeStage.TWO_YEAR_INVOICE else cal.fee_for(period))
            reference = (self.reference(member.member_number, period)
                         if member.member_number else "")
            notices.append(DuesNotice(member.id, period, stage, sent_on, amount, reference,
                                      channel))
        count = self.repo.add_notices(notices)
        self._audit("dues_notices", {"stage": stage.value, "notices": count})
        return count

    # -- strike-off --------------------------------------------------------------------

    def strike_off_candidates(self, day: date | None = None) -> list[int]:
        """Members due to be struck off on ``day`` who are still members today (someone
        who has left since keeps the leave date and reason recorded then)."""
        day = day or self.today()
        ids = self.ids_matching([DuesState.TO_STRIKE_OFF.value], day)
        if day < self.today():
            # Someone who has paid (or left) since is not struck off after the fact.
            now = set(self.ids_matching([DuesState.TO_STRIKE_OFF.value], self.today()))
            ids = [i for i in ids if i in now]
        return ids

    def strike_off(self, member_ids: Sequence[int], day: date | None = None,
                   note: str = "") -> tuple[int, Changes]:
        """Confirm strike-offs (never automatic): each becomes a former member, struck off
        on ``day``; payments and history stay. Only those due on ``day`` (and still due
        today) are struck off; the count says how many were."""
        day = day or self.today()
        if day > self.today():
            raise DomainError("strike_off_in_future")
        register = self.session.register()
        due = set(self.strike_off_candidates(day))
        done = 0
        if due & set(member_ids):
            from medlemsvard_app.services.backups import safety_backup

            safety_backup(self.session, "before_strike_off")
        with transaction(self.session.db):
            for member in self.session.members.iter_members(list(member_ids)):
                if member.status is not MembershipStatus.MEMBER or member.id not in due:
                    continue
                register.leave(member.id, day, LeaveReason.STRUCK_OFF, note)
                done += 1
            # In the same transaction: a crash never leaves a strike-off without its log line.
            from medlemsvard_app.services import audit

            audit.record(self.session, "strike_off", {"members": done})
        undo.forget(self.session)  # a bulk change is not one member's edit to take back
        return done, Changes(members=True, dues=True)
