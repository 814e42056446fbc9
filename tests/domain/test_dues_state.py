"""The dues rules walked through whole years, day by day where it matters (DESIGN §2).

Summaries are built here the way SQL builds them (payments dated after the day are
ignored), so every row reads: this member, these payments, on this day -> this state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from medlemsvard_app.domain.dues_calendar import (
    DuesCalendar,
    PeriodKind,
    YearDate,
    default_calendar,
    with_changes,
)
from medlemsvard_app.domain.dues_state import (
    WINDOW,
    DuesFacts,
    DuesRules,
    DuesState,
    DuesSummary,
    MandateStatus,
    Reason,
    dues_state,
    next_change,
    window_base,
)

D = date.fromisoformat
SE = default_calendar("SE")
NO = default_calendar("NO")


@dataclass
class Pay:
    periods: tuple[int, ...]
    on: str
    amount: int = 36000
    direct_debit: bool = False
    intro: bool = False


def summary(joined: str | None, pays: list[Pay], day: date, cal: DuesCalendar = SE, *,
            mandate: MandateStatus = MandateStatus.NONE, mandate_since: str | None = None,
            exempt: bool = False) -> DuesSummary:
    base = window_base(day)
    any_mask = paid_mask = 0
    totals: dict[int, int] = {}
    last_dd = None
    for p in sorted(pays, key=lambda p: p.on):
        if D(p.on) > day:
            continue
        for period in p.periods:
            bit = period - base
            if not 0 <= bit < WINDOW:
                continue
            any_mask |= 1 << bit
            # Paid once the period's payments reach its fee, or by an intro fee (as SQL).
            totals[period] = totals.get(period, 0) + p.amount // len(p.periods)
            if p.intro or totals[period] >= cal.fee_for(period):
                paid_mask |= 1 << bit
        if p.direct_debit:
            last_dd = max(last_dd or D(p.on), D(p.on))
    return DuesSummary(1, D(joined) if joined else None, any_mask, paid_mask, mandate,
                       D(mandate_since) if mandate_since else None, last_dd, exempt)


def state_on(day: str, joined: str | None, pays: list[Pay], cal: DuesCalendar = SE,
             **kwargs) -> DuesState:
    d = D(day)
    return dues_state(cal, d, summary(joined, pays, d, cal, **kwargs)).state


# A member since 2020 who paid every year up to 2024 and then stopped: the seed's own
# example (unpaid 2025 -> two-year invoice in February 2026 -> struck off in June 2026).
LOYAL_UNTIL_2024 = [Pay((y,), f"{y}-02-20") for y in range(2020, 2025)]


@pytest.mark.parametrize(("day", "expected"), [
    ("2025-01-15", DuesState.PAID),             # 2024 paid; 2025 not yet invoiced
    ("2025-01-31", DuesState.PAID),
    ("2025-02-01", DuesState.INVOICED),         # the February invoice
    ("2025-03-15", DuesState.INVOICED),         # past due, no reminder yet
    ("2025-04-01", DuesState.REMINDER_1),
    ("2025-06-30", DuesState.REMINDER_1),
    ("2025-07-01", DuesState.REMINDER_2),
    ("2025-10-01", DuesState.REMINDER_3),
    ("2026-01-31", DuesState.REMINDER_3),       # still 2025's reminders until the new invoice
    ("2026-02-01", DuesState.TWO_YEAR_INVOICE),
    ("2026-04-15", DuesState.TWO_YEAR_INVOICE),  # its one reminder does not change the state
    ("2026-05-31", DuesState.TWO_YEAR_INVOICE),
    ("2026-06-01", DuesState.TO_STRIKE_OFF),
    ("2026-11-25", DuesState.TO_STRIKE_OFF),
])
def test_the_seeds_example_year_by_year(day, expected):
    assert state_on(day, "2020-01-10", LOYAL_UNTIL_2024) is expected


@pytest.mark.parametrize(("day", "expected"), [
    ("2025-04-19", DuesState.REMINDER_1),
    ("2025-04-20", DuesState.PAID),             # paid after the first reminder
    ("2026-02-01", DuesState.INVOICED),         # a normal new year, no two-year invoice
    ("2026-03-01", DuesState.PAID),
])
def test_paying_after_a_reminder_ends_the_run(day, expected):
    pays = [*LOYAL_UNTIL_2024, Pay((2025,), "2025-04-20"), Pay((2026,), "2026-03-01")]
    assert state_on(day, "2020-01-10", pays) is expected


def test_a_two_year_payment_clears_both_years():
    pays = [*LOYAL_UNTIL_2024, Pay((2025, 2026), "2026-03-10", amount=72000)]
    assert state_on("2026-03-09", "2020-01-10", pays) is DuesState.TWO_YEAR_INVOICE
    assert state_on("2026-03-10", "2020-01-10", pays) is DuesState.PAID
    assert state_on("2026-06-01", "2020-01-10", pays) is DuesState.PAID


def test_paying_only_the_new_year_still_leaves_the_missed_one():
    pays = [*LOYAL_UNTIL_2024, Pay((2026,), "2026-02-10")]
    # 2025 is still owed: the two-year invoice stands and June still strikes off.
    assert state_on("2026-03-01", "2020-01-10", pays) is DuesState.TWO_YEAR_INVOICE
    assert state_on("2026-06-01", "2020-01-10", pays) is DuesState.TO_STRIKE_OFF
    # Without the two-year rule, this year's payment is what counts.
    plain = with_changes(SE, two_year_invoice=False)
    assert state_on("2026-06-01", "2020-01-10", pays, plain) is DuesState.PAID


def test_unpaid_since_reaches_back_over_a_long_run():
    status = dues_state(SE, D("2026-11-25"), summary("2015-01-10", [
        Pay((y,), f"{y}-02-20") for y in range(2015, 2022)], D("2026-11-25")))
    assert (status.state, status.unpaid_since) == (DuesState.TO_STRIKE_OFF, 2022)


def test_an_exemption_settles_the_years_it_covered():
    pays = [Pay((y,), f"{y}-02-20") for y in range(2020, 2024)]
    spans = ((date(2024, 1, 1), date(2025, 12, 31)),)
    d = D("2026-01-15")
    s = replace(summary("2020-01-10", pays, d), exemptions=spans)
    assert dues_state(SE, d, s).state is DuesState.PAID  # 2025 settled, 2026 not invoiced
    d = D("2026-04-15")
    s = replace(summary("2020-01-10", pays, d), exemptions=spans)
    assert dues_state(SE, d, s).state is DuesState.REMINDER_1


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-03-01", DuesState.INVOICED),
    ("2026-04-01", DuesState.REMINDER_1),
    ("2026-06-01", DuesState.REMINDER_2),       # Norway's reminders fit in the six months
    ("2026-08-01", DuesState.REMINDER_3),
    ("2026-08-31", DuesState.REMINDER_3),
    ("2026-09-01", DuesState.TO_STRIKE_OFF),    # six months after the 1 March due date
])
def test_norway_strikes_off_six_months_after_the_due_date(day, expected):
    pays = [Pay((y,), f"{y}-02-20", 30000) for y in range(2020, 2026)]
    assert state_on(day, "2020-01-10", pays, NO) is expected


# -- new members, the intro fee and bouncing ---------------------------------------------

@pytest.mark.parametrize(("day", "expected", "bounced"), [
    ("2025-05-05", DuesState.INVOICED, False),   # joined: the intro invoice
    ("2025-05-10", DuesState.PAID, False),       # paid the intro fee
    ("2026-01-31", DuesState.PAID, False),
    ("2026-02-01", DuesState.INVOICED, False),   # first annual invoice
    ("2026-02-28", DuesState.INVOICED, False),   # not due yet: not bounced
    ("2026-03-01", DuesState.INVOICED, True),    # due date passed, never paid: bounced
    ("2026-04-01", DuesState.REMINDER_1, True),
])
def test_a_new_member_who_pays_the_intro_fee_and_then_bounces(day, expected, bounced):
    pays = [Pay((2025,), "2025-05-10", 5000, intro=True)]
    d = D(day)
    status = dues_state(SE, d, summary("2025-05-05", pays, d))
    assert (status.state, status.bounced) == (expected, bounced)


def test_a_new_members_first_reminder_waits_for_the_grace_period():
    # Joined 20 June: the 1 July reminder is too soon after the intro invoice.
    assert state_on("2026-07-15", "2026-06-20", []) is DuesState.INVOICED
    assert state_on("2026-10-01", "2026-06-20", []) is DuesState.REMINDER_1


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-12-10", DuesState.INVOICED),
    ("2026-12-12", DuesState.PAID),
    ("2027-02-01", DuesState.PAID),              # the intro fee covers all of 2027
    ("2027-12-31", DuesState.PAID),
    ("2028-02-01", DuesState.INVOICED),          # first annual invoice
])
def test_a_member_joining_in_december_is_not_invoiced_again_in_february(day, expected):
    pays = [Pay((2026, 2027), "2026-12-12", 5000, intro=True)]
    assert state_on(day, "2026-12-10", pays) is expected


def test_a_december_joiner_who_never_pays_is_reminded_the_next_year():
    assert state_on("2027-02-15", "2026-12-10", []) is DuesState.INVOICED
    assert state_on("2027-04-01", "2026-12-10", []) is DuesState.REMINDER_1
    # Strike-off: 15 months after the intro invoice's due date (9 January 2027).
    assert state_on("2028-04-08", "2026-12-10", []) is not DuesState.TO_STRIKE_OFF
    assert state_on("2028-04-09", "2026-12-10", []) is DuesState.TO_STRIKE_OFF


def test_a_member_who_never_paid_anything_gets_the_two_year_invoice():
    assert state_on("2026-02-01", "2025-03-01", []) is DuesState.TWO_YEAR_INVOICE


# -- leap years ------------------------------------------------------------------------

def test_leap_day_dates_fall_back_to_the_end_of_february():
    cal = with_changes(SE, invoice=YearDate(2, 29), due=YearDate(3, 29))
    assert cal.invoice_on(2024) == date(2024, 2, 29)
    assert cal.invoice_on(2026) == date(2026, 2, 28)
    assert state_on("2026-02-27", "2020-01-01", LOYAL_UNTIL_2024[:], cal) is DuesState.REMINDER_3
    assert state_on("2026-02-28", "2020-01-01", [*LOYAL_UNTIL_2024, Pay((2025,), "2025-03-01")],
                    cal) is DuesState.INVOICED


def test_a_member_joining_on_a_leap_day_renews_on_28_february_when_rolling():
    cal = with_changes(SE, period=PeriodKind.ROLLING)
    assert cal.period_start(2025, date(2024, 2, 29)) == date(2025, 2, 28)
    assert cal.period_start(2028, date(2024, 2, 29)) == date(2028, 2, 29)
    assert cal.period_of(date(2025, 2, 27), date(2024, 2, 29)) == 2024
    assert cal.period_of(date(2025, 2, 28), date(2024, 2, 29)) == 2025


def test_grace_days_count_the_leap_day():
    # 30 days after 10 February is 11 March in 2024 (a leap year), 12 March in 2026.
    rules = DuesRules(SE, date(2024, 3, 1))
    assert rules._unit(2024, date(2024, 2, 10)).due_on == date(2024, 3, 11)
    rules = DuesRules(SE, date(2026, 3, 1))
    assert rules._unit(2026, date(2026, 2, 10)).due_on == date(2026, 3, 12)


# -- rolling twelve months -------------------------------------------------------------

@pytest.mark.parametrize(("day", "expected"), [
    ("2025-08-13", DuesState.INVOICED),
    ("2025-08-20", DuesState.PAID),
    ("2026-08-12", DuesState.PAID),
    ("2026-09-12", DuesState.PAID),              # the new period's invoice is a month in
    ("2026-09-13", DuesState.INVOICED),
    ("2026-11-13", DuesState.REMINDER_1),        # three months after the period starts
])
def test_rolling_periods_follow_the_members_own_year(day, expected):
    cal = with_changes(SE, period=PeriodKind.ROLLING)
    pays = [Pay((2025,), "2025-08-20", 5000, intro=True)]
    assert state_on(day, "2025-08-13", pays, cal) is expected


# -- a rule change in the middle of the year --------------------------------------------

def test_moving_the_reminders_mid_year_applies_from_then_on():
    pays = [Pay((y,), f"{y}-02-20") for y in range(2020, 2026)]
    old = SE
    new = with_changes(SE, reminders=(YearDate(3, 15), YearDate(6, 1), YearDate(9, 1)))
    assert state_on("2026-06-10", "2020-01-10", pays, old) is DuesState.REMINDER_1
    assert state_on("2026-06-10", "2020-01-10", pays, new) is DuesState.REMINDER_2


def test_raising_the_fee_mid_year_does_not_unpay_those_who_paid():
    pays = [*LOYAL_UNTIL_2024, Pay((2025,), "2025-02-10"), Pay((2026,), "2026-02-10")]
    dearer = with_changes(SE, annual_fee=40000).with_new_fee(SE, date(2026, 6, 10))
    assert dearer.earlier_fees == ((2026, 36000),)
    assert state_on("2026-06-10", "2020-01-10", pays, dearer) is DuesState.PAID
    assert dearer.fee_for(2027) == 40000


def test_a_part_payment_leaves_the_year_unpaid():
    pays = [*LOYAL_UNTIL_2024, Pay((2025,), "2025-02-10"), Pay((2026,), "2026-02-10", 10000)]
    assert state_on("2026-06-10", "2020-01-10", pays) is DuesState.REMINDER_1


def test_a_shorter_strike_off_delay_applies_at_once():
    shorter = with_changes(SE, strike_off_months=12)
    assert state_on("2026-03-01", "2020-01-10", LOYAL_UNTIL_2024, SE) \
        is DuesState.TWO_YEAR_INVOICE
    assert state_on("2026-03-01", "2020-01-10", LOYAL_UNTIL_2024, shorter) \
        is DuesState.TO_STRIKE_OFF


def test_without_the_two_year_invoice_the_reminders_simply_continue():
    plain = with_changes(SE, two_year_invoice=False)
    assert state_on("2026-02-01", "2020-01-10", LOYAL_UNTIL_2024, plain) is DuesState.INVOICED


# -- direct debit and exemptions -------------------------------------------------------

MONTHLY_2026 = [Pay((2026,), f"2026-{m:02d}-28", 3000, direct_debit=True) for m in range(1, 11)]


def test_direct_debit_wins_over_paid():
    pays = [*MONTHLY_2026, Pay((2026,), "2026-02-10")]
    assert state_on("2026-11-01", "2020-01-10", pays, mandate=MandateStatus.ACTIVE,
                    mandate_since="2020-02-01") is DuesState.DIRECT_DEBIT


def test_a_missed_withdrawal_ends_the_direct_debit_state():
    # Withdrawals stopped after 28 October: by mid-December one is missed.
    pays = [*LOYAL_UNTIL_2024, Pay((2025,), "2025-02-20"), *MONTHLY_2026]
    status = dues_state(SE, D("2026-12-15"), summary(
        "2020-01-10", pays, D("2026-12-15"), mandate=MandateStatus.ACTIVE,
        mandate_since="2020-02-01"))
    assert status.state is DuesState.REMINDER_3
    assert status.mandate_missed


def test_withdrawals_that_reach_the_fee_pay_the_year():
    pays = [*LOYAL_UNTIL_2024,
            *(Pay((2025,), f"2025-{m:02d}-28", 3000, direct_debit=True) for m in range(1, 13))]
    assert state_on("2026-01-15", "2020-01-10", pays, mandate=MandateStatus.CANCELLED,
                    mandate_since="2026-01-01") is DuesState.PAID


def test_a_new_mandate_has_not_missed_anything_yet():
    assert state_on("2026-11-25", "2020-01-10", LOYAL_UNTIL_2024, mandate=MandateStatus.ACTIVE,
                    mandate_since="2026-11-01") is DuesState.DIRECT_DEBIT


def test_a_form_sent_is_not_yet_a_mandate():
    assert state_on("2026-11-25", "2020-01-10", LOYAL_UNTIL_2024,
                    mandate=MandateStatus.FORM_SENT,
                    mandate_since="2026-11-01") is DuesState.TO_STRIKE_OFF


def test_exempt_members_owe_nothing():
    assert state_on("2026-11-25", "2020-01-10", [], exempt=True) is DuesState.EXEMPT


def test_periods_before_tracking_count_as_settled():
    tracked = with_changes(SE, tracked_from=2026)
    assert state_on("2026-01-15", "2010-05-01", [], tracked) is DuesState.PAID
    assert state_on("2026-02-01", "2010-05-01", [], tracked) is DuesState.INVOICED


# -- reasons, next change, bulk --------------------------------------------------------

def test_the_reason_names_the_missed_year_and_the_strike_off_date():
    status = dues_state(SE, D("2026-03-01"), summary("2020-01-10", LOYAL_UNTIL_2024,
                                                     D("2026-03-01")))
    assert status.reason is Reason.MISSED_PERIOD
    assert (status.period, status.unpaid_since) == (2026, 2025)
    assert status.details["strike_off_on"] == date(2026, 6, 1)


def test_next_change_names_the_next_date_and_state():
    day = D("2025-02-10")
    when, later = next_change(SE, day, summary("2020-01-10", LOYAL_UNTIL_2024, day))
    assert when == date(2025, 4, 1)
    assert later.state is DuesState.REMINDER_1


def test_bulk_classification_agrees_with_one_by_one():
    day = D("2026-04-15")
    members = {
        1: ("2020-01-10", LOYAL_UNTIL_2024),
        2: ("2025-05-05", [Pay((2025,), "2025-05-10", 5000, intro=True)]),
        3: ("2015-03-03", [Pay((y,), f"{y}-03-01") for y in range(2015, 2027)]),
        4: ("2026-04-01", []),
        5: (None, []),
    }
    summaries, single = [], {}
    for mid, (joined, pays) in members.items():
        s = summary(joined, pays, day)
        summaries.append(replace(s, member_id=mid))
        single[mid] = dues_state(SE, day, s)
    facts = DuesFacts.from_summaries(day, summaries)
    bulk = DuesRules(SE, day).classify(facts)
    assert {k: (v.state, v.bounced) for k, v in bulk.items()} == \
        {k: (v.state, v.bounced) for k, v in single.items()}


def test_the_calendar_round_trips_through_its_stored_form():
    cal = with_changes(NO, reminders=(YearDate(5, 1),), tracked_from=2024)
    stored = cal.to_dict()
    stored["from_a_later_version"] = 1
    back = DuesCalendar.from_dict(stored)
    assert back == cal
    assert back.to_dict()["from_a_later_version"] == 1


@pytest.mark.parametrize("changes", [
    {"reminders": (YearDate(1, 15),)},            # a reminder before the invoice
    {"annual_fee": -1},
    {"reminders": (YearDate(7, 1), YearDate(4, 1))},
    {"strike_off_months": 99},
])
def test_a_calendar_that_does_not_add_up_is_refused(changes):
    from medlemsvard_app.domain.errors import DomainError

    with pytest.raises(DomainError, match="dues_calendar_invalid"):
        with_changes(SE, **changes)
