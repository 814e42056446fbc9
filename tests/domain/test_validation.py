from datetime import date

import pytest

from medlemsvard_app.domain.errors import ValidationError
from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
from medlemsvard_app.domain.validation import (
    FieldError,
    check_identity_number,
    format_phone,
    mask_identity,
    normalise_email,
    normalise_phone,
    normalise_postal_code,
    parse_date,
    validate_member,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("raw", "country", "expected"), [
    ("12345", "SE", "123 45"), ("123 45", "SE", "123 45"), ("SE-123 45", "SE", "123 45"),
    ("150", "NO", "0150"), (150.0, "NO", "0150"), ("0150", "NO", "0150"), ("1", "NO", "0001"),
    ("  5003 ", "NO", "5003"),
])
def test_postal_codes_are_repaired_and_formatted(raw, country, expected):
    assert normalise_postal_code(raw, country) == expected


@pytest.mark.parametrize(("raw", "country"), [("01234", "SE"), ("1234", "SE"), ("12345", "NO"),
                                              ("abc", "NO")])
def test_bad_postal_codes_are_refused(raw, country):
    with pytest.raises(FieldError):
        normalise_postal_code(raw, country)


def test_phone_is_stored_e164_and_shown_national():
    assert normalise_phone("070-123 45 67", "SE") == "+46701234567"
    assert normalise_phone("0046 70 123 45 67", "SE") == "+46701234567"
    assert normalise_phone("412 34 567", "NO") == "+4741234567"
    assert format_phone("+46701234567", "SE") == "070-123 45 67"
    assert format_phone("+4741234567", "SE").startswith("+47")
    with pytest.raises(FieldError):
        normalise_phone("12", "SE")


def test_email():
    assert normalise_email(" Anna.Berg@Example.SE ") == "Anna.Berg@example.se"
    with pytest.raises(FieldError):
        normalise_email("anna@")


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-03-01", date(2024, 3, 1)), ("01.03.2024", date(2024, 3, 1)),
    ("1/3/2024", date(2024, 3, 1)), (45352, date(2024, 3, 1)), ("45352", date(2024, 3, 1)),
    ("20240301", date(2024, 3, 1)), ("", None),
])
def test_dates_as_spreadsheets_write_them(raw, expected):
    assert parse_date(raw) == expected


def test_swedish_personnummer_gives_birth_date_and_masks():
    ident = check_identity_number("811218-9876", "SE")
    assert ident.number == "19811218-9876"
    assert ident.birth_date == date(1981, 12, 18)
    assert mask_identity(ident.number) == "19811218-****"
    with pytest.raises(FieldError):
        check_identity_number("811218-9875", "SE")


def test_swedish_coordination_number_is_accepted():
    ident = check_identity_number("701063-2391", "SE", date(2026, 11, 25))
    assert ident.birth_date == date(1970, 10, 3)
    assert check_identity_number("19701063-2391", "SE").birth_date == date(1970, 10, 3)


def test_a_ten_digit_coordination_number_takes_its_century_from_the_day_given():
    # 1 March of year 25: born 1925 when asked in 2024, 2025 when asked in 2026.
    from stdnum import luhn

    body = "250361123"
    number = body + luhn.calc_check_digit(body)
    assert check_identity_number(number, "SE", date(2024, 1, 1)).birth_date.year == 1925
    assert check_identity_number(number, "SE", date(2026, 1, 1)).birth_date.year == 2025
    with pytest.raises(FieldError):
        check_identity_number(number, "SE")  # no day to tell the century by


def test_norwegian_fodselsnummer():
    ident = check_identity_number("15108695088", "NO")
    assert ident.birth_date == date(1986, 10, 15)
    with pytest.raises(FieldError):
        check_identity_number("15108695077", "NO")


def test_validate_member_collects_every_problem():
    m = Member(given_name="", family_name="", email="x@", postal_code="12", phone="1",
               birth_date=date(2030, 1, 1))
    with pytest.raises(ValidationError) as info:
        validate_member(m, home_country="SE", today=TODAY, identity_enabled=False)
    assert set(info.value.problems) == {"given_name", "email", "postal_code", "phone",
                                        "birth_date"}


def test_identity_number_dropped_unless_enabled_but_birth_date_kept_when_enabled():
    m = Member(given_name="Eva", identity_number="811218-9876")
    validate_member(m, home_country="SE", today=TODAY, identity_enabled=False)
    assert m.identity_number is None
    m = Member(given_name="Eva", identity_number="811218-9876")
    validate_member(m, home_country="SE", today=TODAY, identity_enabled=True)
    assert m.birth_date == date(1981, 12, 18)


def test_former_member_needs_date_and_reason():
    m = Member(given_name="Eva", status=MembershipStatus.FORMER, joined_on=date(2020, 1, 1))
    with pytest.raises(ValidationError) as info:
        validate_member(m, home_country="SE", today=TODAY, identity_enabled=False)
    assert set(info.value.problems) == {"left_on", "leave_reason"}
    m.left_on, m.leave_reason = date(2019, 1, 1), LeaveReason.MOVED
    with pytest.raises(ValidationError):
        validate_member(m, home_country="SE", today=TODAY, identity_enabled=False)


def test_current_member_on_a_date():
    m = Member(given_name="Eva", joined_on=date(2020, 1, 1), left_on=date(2025, 6, 1))
    assert m.is_current(date(2024, 1, 1))
    assert not m.is_current(date(2025, 6, 1))
    assert not m.is_current(date(2019, 12, 31))


def test_a_normalised_member_is_taken_as_it_is_and_checked_by_the_rules():
    from dataclasses import replace

    raw = Member(given_name=" Anna\xa0 Maria ", family_name="Ek\u200b", country="se",
                 email=" Anna@Example.SE ", phone="070-123 45 67", postal_code="12345",
                 interests=[" b", "a ", "a", " "], notes="  x  ")
    full = validate_member(replace(raw, interests=list(raw.interests)), home_country="SE",
                           today=TODAY, identity_enabled=False)
    assert (full.given_name, full.family_name, full.email, full.postal_code) == (
        "Anna Maria", "Ek", "Anna@example.se", "123 45")
    assert (full.phone, full.interests, full.notes) == ("+46701234567", ["a", "b"], "x")
    for normalised in (False, True):  # normalising is idempotent; the bulk path relies on it
        again = replace(full, interests=list(full.interests), skills=list(full.skills))
        assert validate_member(again, home_country="SE", today=TODAY, identity_enabled=False,
                               normalised=normalised) == full
    taken = validate_member(replace(raw, interests=list(raw.interests)), home_country="SE",
                            today=TODAY, identity_enabled=False, normalised=True)
    assert taken.given_name == raw.given_name and taken.interests == raw.interests
    m = Member(status=MembershipStatus.FORMER, joined_on=date(2020, 1, 1),
               left_on=date(2019, 1, 1), birth_date=date(2030, 1, 1),
               identity_number="811218-9875")
    with pytest.raises(ValidationError) as info:
        validate_member(m, home_country="SE", today=TODAY, identity_enabled=True,
                        normalised=True)
    assert info.value.problems == {
        "given_name": "name_missing", "identity_number": "identity_invalid",
        "birth_date": "birth_date_future", "left_on": "left_before_joined",
        "leave_reason": "leave_reason_missing"}
