"""Dues through the real file: SQL summaries agree with the rules, "as of" holds, and the
service records payments, mandates, exemptions, notices and strike-offs."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.dues_calendar import with_changes
from medlemsvard_app.domain.dues_state import DuesState, MandateStatus
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.domain.payments import (
    ExemptionKind,
    NoticeStage,
    PaymentKind,
    PaymentMethod,
)
from tests.conftest import add_members


@pytest.fixture
def dues(session):
    service = session.dues()
    service.save_calendar(with_changes(service.calendar(), tracked_from=None))
    return service


def _member(session, number, joined):
    return add_members(session, {"given_name": f"M{number}", "family_name": "Test",
                                 "member_number": number, "joined_on": joined})[0]


def test_a_new_association_follows_dues_from_the_first_year_it_can(tmp_path):
    from medlemsvard_app.services.session import create_session

    # Started in November: this year's reminders are out, so dues are followed from 2027
    # and nobody is put in arrears for a year the register never saw.
    session = create_session(tmp_path / "nov.sqlite", "Nov", "SE", "sv",
                             today=lambda: date(2026, 11, 25))
    cal = session.dues().calendar()
    assert cal.tracked_from == 2027
    early = create_session(tmp_path / "feb.sqlite", "Feb", "SE", "sv",
                           today=lambda: date(2026, 2, 10))
    assert early.dues().calendar().tracked_from == 2026
    early.close()
    m = _member(session, 1, date(2015, 1, 1))
    assert session.dues().status(m.id).state is DuesState.PAID
    assert cal.annual_fee == 36000 and cal.strike_off_months == 15


def test_norway_defaults_to_a_six_month_strike_off(no_session):
    assert no_session.dues().calendar().strike_off_months == 6


def test_the_seeds_example_through_the_database(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    for year in range(2020, 2025):
        dues.record_payment(m.id, 36000, date(year, 2, 20), periods=(year, year))
    assert dues.status(m.id, date(2025, 1, 15)).state is DuesState.PAID
    assert dues.status(m.id, date(2025, 4, 1)).state is DuesState.REMINDER_1
    assert dues.status(m.id, date(2026, 2, 1)).state is DuesState.TWO_YEAR_INVOICE
    assert dues.status(m.id, date(2026, 6, 1)).state is DuesState.TO_STRIKE_OFF


def test_as_of_a_day_ignores_later_payments(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    dues.record_payment(m.id, 36000, date(2025, 2, 20), periods=(2025, 2025))
    dues.record_payment(m.id, 36000, date(2026, 5, 2), periods=(2026, 2026))
    assert dues.status(m.id, date(2026, 5, 1)).state is DuesState.REMINDER_1
    assert dues.status(m.id, date(2026, 5, 2)).state is DuesState.PAID
    assert dues.states(date(2026, 5, 1))[m.id].state is DuesState.REMINDER_1
    assert dues.states(date(2026, 11, 25))[m.id].state is DuesState.PAID


def test_default_periods_follow_the_invoice_and_the_two_year_invoice(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    dues.record_payment(m.id, 36000, date(2024, 2, 20), periods=(2024, 2024))
    member = session.members.get(m.id)
    assert dues.default_periods(member, date(2026, 3, 1), 72000) == (2025, 2026)
    # One fee after a missed year pays the missed year first.
    assert dues.default_periods(member, date(2026, 3, 1), 36000) == (2025, 2025)
    assert dues.default_periods(member, date(2026, 1, 10), 36000) == (2025, 2025)
    payment, _ = dues.record_payment(m.id, 72000, date(2026, 3, 1))
    assert (payment.period_from, payment.period_to) == (2025, 2026)
    assert dues.status(m.id, date(2026, 6, 1)).state is DuesState.PAID
    # Paid for this year already: the next payment is for next year.
    assert dues.default_periods(member, date(2026, 6, 1), 36000) == (2027, 2027)


def test_a_new_members_first_payment_is_the_intro_fee(session, dues):
    m = _member(session, 2, date(2026, 10, 20))
    payment, _ = dues.record_payment(m.id, 5000, date(2026, 10, 22))
    # Joined after 1 October: the intro fee pays for the rest of 2026 and all of 2027.
    assert (payment.kind, payment.period_from, payment.period_to) == \
        (PaymentKind.INTRO, 2026, 2027)
    assert dues.status(m.id).state is DuesState.PAID
    assert dues.status(m.id, date(2027, 6, 1)).state is DuesState.PAID


def test_direct_debit_withdrawals_and_a_fee_change(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    for year in range(2020, 2026):
        dues.record_payment(m.id, 36000, date(year, 2, 20), periods=(year, year))
    for month in range(1, 11):
        dues.record_payment(m.id, 3000, date(2026, month, 28), periods=(2026, 2026),
                            method=PaymentMethod.DIRECT_DEBIT)
    dues.set_mandate(m.id, MandateStatus.ACTIVE, date(2025, 12, 1), payer_number="1",
                     monthly_amount=3000)
    assert dues.status(m.id).state is DuesState.DIRECT_DEBIT
    dues.set_mandate(m.id, MandateStatus.CANCELLED, date(2026, 11, 1))
    # 10 x 30 kr = 300 kr: not yet the year's 360 kr.
    assert dues.status(m.id).state is DuesState.REMINDER_3
    # A lower fee decided now applies from the next invoice (2027): 2026 still owes 360 kr.
    dues.save_calendar(with_changes(dues.calendar(), annual_fee=30000))
    assert (dues.calendar().fee_for(2026), dues.calendar().fee_for(2027)) == (36000, 30000)
    assert dues.status(m.id).state is DuesState.REMINDER_3
    history = dues.member_dues(m.id).mandates
    assert [e.status for e in history] == [MandateStatus.ACTIVE, MandateStatus.CANCELLED]


def test_deleting_a_payment_undoes_its_effect(session, dues):
    m = _member(session, 1, date(2025, 1, 10))
    dues.record_payment(m.id, 36000, date(2025, 1, 12), periods=(2025, 2025))
    payment, _ = dues.record_payment(m.id, 36000, date(2026, 2, 12))
    assert dues.status(m.id).state is DuesState.PAID
    dues.delete_payment(payment.id)
    assert dues.status(m.id).state is DuesState.REMINDER_3


def test_bad_payments_are_refused_and_nothing_is_written(session, dues):
    m = _member(session, 1, date(2025, 1, 10))
    with pytest.raises(DomainError):
        dues.record_payment(m.id, 0, date(2026, 2, 1))
    with pytest.raises(DomainError, match="payment_in_future"):
        dues.record_payment(m.id, 100, date(2026, 12, 1))
    assert dues.member_dues(m.id).payments == []


def test_exemptions_and_notices(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    dues.add_exemption(m.id, ExemptionKind.HONORARY, date(2026, 1, 1))
    assert dues.status(m.id).state is DuesState.EXEMPT
    assert dues.status(m.id, date(2025, 12, 31)).state is not DuesState.EXEMPT
    assert dues.record_notices([m.id], NoticeStage.REMINDER_1, date(2026, 4, 1)) == 1
    notice = dues.member_dues(m.id).notices[0]
    assert notice.stage is NoticeStage.REMINDER_1 and notice.period == 2026
    assert dues.reference_scheme().parse(notice.reference) == (1, 2026)


def test_strike_off_is_confirmed_and_keeps_the_history(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    keep = _member(session, 2, date(2020, 1, 10))
    dues.record_payment(m.id, 36000, date(2024, 2, 20), periods=(2024, 2024))
    for year in range(2020, 2027):
        dues.record_payment(keep.id, 36000, date(year, 2, 20), periods=(year, year))
    assert dues.strike_off_candidates() == [m.id]
    dues.strike_off([m.id], date(2026, 11, 25))
    struck = session.members.get(m.id)
    assert struck.status is MembershipStatus.FORMER
    assert struck.leave_reason is LeaveReason.STRUCK_OFF
    assert len(dues.member_dues(m.id).payments) == 1
    assert dues.strike_off_candidates() == []
    assert m.id not in dues.states()
    # As of before the strike-off they were a member waiting for it.
    assert dues.states(date(2026, 11, 24))[m.id].state is DuesState.TO_STRIKE_OFF


def test_overview_counts_timeline_and_next_event(session, dues):
    paid = _member(session, 1, date(2020, 1, 10))
    late = _member(session, 2, date(2020, 1, 10))
    for year in range(2020, 2027):
        dues.record_payment(paid.id, 36000, date(year, 2, 20), periods=(year, year))
        if year < 2026:
            dues.record_payment(late.id, 36000, date(year, 2, 20), periods=(year, year))
    overview = dues.overview(date(2026, 3, 15))
    assert overview.counts == {DuesState.PAID: 1, DuesState.INVOICED: 1}
    assert overview.paid_rate == 0.5
    assert overview.paid_rate_last_year == 1.0
    assert overview.next.event.kind == "reminder_1"
    assert overview.next.event.on == date(2026, 4, 1)
    assert overview.next.members == 1
    kinds = [e.kind for e in overview.timeline]
    assert kinds[0] == "invoice" and "strike_off" in kinds


def test_bulk_states_agree_with_single_member_states(session, dues):
    members = [_member(session, n, date(2018 + n % 8, 1 + n % 12, 1 + n % 27))
               for n in range(1, 40)]
    for i, m in enumerate(members):
        for year in range(2018, 2027):
            if (i + year) % 4 and date(year, 3, 1) >= m.joined_on:
                dues.record_payment(m.id, 36000, date(year, 3, 1), periods=(year, year))
    for day in (date(2026, 11, 25), date(2025, 6, 15), date(2024, 2, 10)):
        bulk = dues.states(day)
        for m in members:
            single = dues.member_dues(m.id, day).status
            if single is None:
                assert m.id not in bulk
                continue
            assert (bulk[m.id].state, bulk[m.id].bounced) == (single.state, single.bounced), \
                (m, day)


def test_a_part_payment_is_not_a_paid_year_until_the_rest_comes(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    for year in range(2020, 2026):
        dues.record_payment(m.id, 36000, date(year, 2, 20), periods=(year, year))
    dues.record_payment(m.id, 5000, date(2026, 2, 20), periods=(2026, 2026))
    assert dues.status(m.id, date(2026, 5, 1)).state is DuesState.REMINDER_1
    dues.record_payment(m.id, 31000, date(2026, 5, 2), periods=(2026, 2026))
    assert dues.status(m.id, date(2026, 5, 1)).state is DuesState.REMINDER_1
    assert dues.status(m.id, date(2026, 5, 2)).state is DuesState.PAID


def test_raising_the_fee_keeps_years_paid_at_the_old_fee(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    for year in range(2020, 2027):
        dues.record_payment(m.id, 36000, date(year, 2, 20), periods=(year, year))
    dues.save_calendar(with_changes(dues.calendar(), annual_fee=40000))
    assert dues.status(m.id).state is DuesState.PAID
    # Before this year's invoice the new fee applies to this year already.
    early = session.dues()
    assert dues.calendar().first_period_of_new_fee(date(2027, 1, 10)) == 2027
    assert early.calendar().fee_for(2027) == 40000
    # 360 kr paid for 2027 is now short of the 400 kr fee.
    dues.record_payment(m.id, 36000, date(2026, 11, 25), periods=(2027, 2027))
    assert dues.status(m.id, date(2027, 3, 1)).state is DuesState.INVOICED


def test_a_payment_for_a_year_before_joining_is_refused(session, dues):
    m = _member(session, 1, date(2025, 3, 1))
    with pytest.raises(DomainError, match="period_before_joining"):
        dues.record_payment(m.id, 36000, date(2026, 2, 1), periods=(2024, 2024))


def test_a_strike_off_never_overwrites_a_later_leave(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    dues.record_payment(m.id, 36000, date(2024, 2, 20), periods=(2024, 2024))
    assert dues.strike_off_candidates(date(2026, 7, 1)) == [m.id]
    session.register().leave(m.id, date(2026, 9, 1), LeaveReason.DECEASED)
    assert dues.strike_off_candidates(date(2026, 7, 1)) == []
    dues.strike_off([m.id], date(2026, 7, 1))
    kept = session.members.get(m.id)
    assert (kept.leave_reason, kept.left_on) == (LeaveReason.DECEASED, date(2026, 9, 1))
    with pytest.raises(DomainError, match="strike_off_in_future"):
        dues.strike_off([m.id], date(2026, 12, 1))


def test_a_backdated_strike_off_leaves_out_who_has_paid_since(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    dues.record_payment(m.id, 36000, date(2024, 2, 20), periods=(2024, 2024))
    dues.record_payment(m.id, 72000, date(2026, 7, 1), periods=(2025, 2026))
    assert dues.strike_off_candidates(date(2026, 6, 15)) == []
    dues.strike_off([m.id], date(2026, 6, 15))
    assert session.members.get(m.id).status is MembershipStatus.MEMBER


def test_an_ended_exemption_does_not_put_the_member_in_arrears(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    for year in range(2020, 2024):
        dues.record_payment(m.id, 36000, date(year, 2, 20), periods=(year, year))
    dues.add_exemption(m.id, ExemptionKind.HARDSHIP, date(2024, 1, 1), date(2025, 12, 31))
    assert dues.status(m.id, date(2025, 6, 1)).state is DuesState.EXEMPT
    assert dues.status(m.id, date(2026, 1, 15)).state is DuesState.PAID
    assert dues.states(date(2026, 4, 15))[m.id].state is DuesState.REMINDER_1


def test_a_two_year_payment_is_split_by_each_years_fee(session, dues):
    m = _member(session, 1, date(2020, 1, 10))
    for year in range(2020, 2025):
        dues.record_payment(m.id, 30000, date(year, 2, 20), periods=(year, year))
    dues.repo.earlier_fees = [(2025, 30000)]
    dues.repo.annual_fee = 36000
    payment, _ = dues.record_payment(m.id, 66000, date(2026, 3, 1), periods=(2025, 2026))
    assert payment.shares(dues.repo.fee_for) == [(2025, 30000), (2026, 36000)]
