"""The privacy rules with dates worked out by hand (DOMAIN §6)."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.privacy import (
    CLEARED_MEMBER_COLUMNS,
    KEPT_MEMBER_COLUMNS,
    Consent,
    ConsentPurpose,
    PersonStatus,
    RetentionRule,
    anonymise_from,
    bookkeeping_years,
    default_rule,
    due_for_anonymisation,
    keep_payment_until,
    payment_expired,
)

TODAY = date(2026, 11, 25)


def _former(reason: str, left_on: date, **kw) -> PersonStatus:
    return PersonStatus(member_id=1, status="former", left_on=left_on, leave_reason=reason, **kw)


def test_sweden_keeps_former_members_twelve_months_whatever_the_reason():
    rule = default_rule("SE")
    for reason in ("resigned", "struck_off", "moved", "expelled", "deceased"):
        # left 2025-06-15 -> due 2026-06-15
        assert anonymise_from(rule, _former(reason, date(2025, 6, 15)), strike_off_months=15,
                              today=TODAY) == date(2026, 6, 15)


def test_norway_resigned_at_once_and_passive_six_months_after_the_due_date():
    rule = default_rule("NO")
    assert anonymise_from(rule, _former("resigned", date(2026, 3, 10)), strike_off_months=6,
                          today=TODAY) == date(2026, 3, 10)
    # Due 2026-03-01, struck off 6 months later on 2026-09-01: due date + 6 months is the
    # strike-off day itself.
    assert anonymise_from(rule, _former("struck_off", date(2026, 9, 1)), strike_off_months=6,
                          today=TODAY) == date(2026, 9, 1)
    # A calendar that strikes off after 3 months: due 2026-03-01 (+3 = 2026-06-01), so the
    # six months run out on 2026-09-01, three months after the strike-off.
    assert anonymise_from(rule, _former("struck_off", date(2026, 6, 1)), strike_off_months=3,
                          today=TODAY) == date(2026, 9, 1)
    # Expelled members may be kept (Datatilsynet).
    assert anonymise_from(rule, _former("expelled", date(2020, 1, 1)), strike_off_months=6,
                          today=TODAY) is None


def test_a_strike_off_later_than_six_months_is_due_on_the_day_it_happens():
    rule = default_rule("NO")
    # Due 2025-03-01, struck off 15 months later (2026-06-01): overdue already, due then.
    assert anonymise_from(rule, _former("struck_off", date(2026, 6, 1)), strike_off_months=15,
                          today=TODAY) == date(2026, 6, 1)


def test_archive_consent_members_and_current_members_are_kept():
    rule = default_rule("SE")
    assert anonymise_from(rule, _former("resigned", date(2020, 1, 1), archive_consent=True),
                          strike_off_months=15, today=TODAY) is None
    assert anonymise_from(rule, PersonStatus(1, "member"), strike_off_months=15,
                          today=TODAY) is None


def test_prospects_are_due_when_their_consent_ends_or_without_one():
    rule = default_rule("SE")
    open_ = PersonStatus(1, "prospect", consent_ended_on=None, has_prospect_consent=True)
    ended = PersonStatus(2, "prospect", consent_ended_on=date(2026, 10, 1))
    never = PersonStatus(3, "prospect", has_prospect_consent=False)
    assert anonymise_from(rule, open_, strike_off_months=15, today=TODAY) is None
    assert anonymise_from(rule, ended, strike_off_months=15, today=TODAY) == date(2026, 10, 1)
    assert anonymise_from(rule, never, strike_off_months=15, today=TODAY) == TODAY


def test_who_is_due_on_a_day_earliest_first():
    rule = RetentionRule(months_after_leaving=6)
    people = [PersonStatus(1, "former", date(2026, 5, 31), "resigned"),  # due 2026-11-30
              PersonStatus(2, "former", date(2026, 5, 25), "moved"),  # due 2026-11-25
              PersonStatus(3, "former", date(2025, 1, 31), "other")]  # due 2025-07-31
    assert due_for_anonymisation(rule, people, TODAY, strike_off_months=15) == [
        (3, date(2025, 7, 31)), (2, date(2026, 11, 25))]


def test_month_ends_fall_back_to_the_last_day():
    rule = RetentionRule(months_after_leaving=1)
    assert anonymise_from(rule, _former("resigned", date(2026, 1, 31)), strike_off_months=0,
                          today=TODAY) == date(2026, 2, 28)


def test_bookkeeping_periods_per_country():
    assert bookkeeping_years("SE") == 7 and bookkeeping_years("NO") == 5
    # Sweden: to the end of the 7th year after the (calendar) financial year.
    assert keep_payment_until(date(2019, 3, 1), "SE") == date(2026, 12, 31)
    assert not payment_expired(date(2019, 3, 1), "SE", TODAY)
    assert payment_expired(date(2018, 12, 31), "SE", TODAY)
    # Norway: five years.
    assert keep_payment_until(date(2021, 6, 1), "NO") == date(2026, 12, 31)
    assert payment_expired(date(2020, 6, 1), "NO", TODAY)


def test_the_rule_round_trips_and_falls_back_to_the_country_default():
    rule = RetentionRule(months_after_leaving=3, passive_months_after_due=None,
                         keep_expelled=True)
    assert RetentionRule.from_dict(rule.to_dict(), "SE") == rule
    assert RetentionRule.from_dict({}, "NO") == default_rule("NO")
    assert RetentionRule.from_dict({"months_after_leaving": "x"}, "SE") == default_rule("SE")
    with pytest.raises(DomainError):
        RetentionRule(months_after_leaving=121).check()


def test_consents_are_open_between_given_and_withdrawn():
    c = Consent(1, ConsentPurpose.NEWSLETTER, date(2026, 1, 1), date(2026, 6, 1))
    assert not c.open_on(date(2025, 12, 31))
    assert c.open_on(date(2026, 5, 31)) and not c.open_on(date(2026, 6, 1))
    with pytest.raises(DomainError):
        Consent(1, ConsentPurpose.OTHER, date(2026, 1, 1)).check()
    with pytest.raises(DomainError):
        Consent(1, ConsentPurpose.SMS, date(2026, 1, 2), date(2026, 1, 1)).check()


def test_anonymisation_keeps_what_the_figures_need_and_clears_the_person():
    for kept in ("joined_on", "left_on", "leave_reason", "join_method", "birth_year",
                 "member_number", "gender"):
        assert kept in KEPT_MEMBER_COLUMNS
    for gone in ("given_name", "family_name", "email", "phone", "street", "birth_date",
                 "identity_number", "notes", "postal_code"):
        assert gone in CLEARED_MEMBER_COLUMNS
    assert not set(KEPT_MEMBER_COLUMNS) & set(CLEARED_MEMBER_COLUMNS)
