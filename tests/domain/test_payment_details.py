"""The association's payment numbers: checked by their check digits, tidied for print."""

from __future__ import annotations

import pytest

from medlemsvard_app.domain.payment_details import (
    PAYMENT_FIELDS,
    normalise_bankgiro,
    normalise_no_account,
    normalise_org_number,
    normalise_plusgiro,
    normalise_swish,
    normalise_vipps,
)
from medlemsvard_app.domain.validation import FieldError


@pytest.mark.parametrize(("typed", "shown"), [
    ("5050-1055", "5050-1055"), ("50501055", "5050-1055"), ("297 3675", "297-3675"), ("", ""),
])
def test_bankgiro(typed, shown):
    assert normalise_bankgiro(typed) == shown


@pytest.mark.parametrize("typed", ["5050-1056", "123", "abc-defg", "505010550"])
def test_bankgiro_refused(typed):
    with pytest.raises(FieldError) as err:
        normalise_bankgiro(typed)
    assert err.value.code == "bankgiro_invalid"


def test_plusgiro():
    assert normalise_plusgiro("9020900") == "90 20 90-0"
    assert normalise_plusgiro("90 20 90-0") == "90 20 90-0"
    with pytest.raises(FieldError):
        normalise_plusgiro("9020901")


def test_swish():
    assert normalise_swish("1231234567") == "123 123 45 67"
    assert normalise_swish("900 1224") == "900 12 24"
    with pytest.raises(FieldError) as err:
        normalise_swish("0701234567")
    assert err.value.code == "swish_invalid"


def test_norwegian_account_and_vipps():
    assert normalise_no_account("86011117947") == "8601.11.17947"
    assert normalise_no_account("8601 11 17947") == "8601.11.17947"
    with pytest.raises(FieldError) as err:
        normalise_no_account("86011117948")
    assert err.value.code == "bank_account_invalid"
    assert normalise_vipps("#12345") == "12345"
    with pytest.raises(FieldError):
        normalise_vipps("12")


def test_org_numbers():
    assert normalise_org_number("8020123454", "SE") == "802012-3454"
    assert normalise_org_number("988077917", "NO") == "988 077 917"
    with pytest.raises(FieldError) as err:
        normalise_org_number("8020123455", "SE")
    assert err.value.code == "org_number_invalid_se"
    with pytest.raises(FieldError) as err:
        normalise_org_number("988077918", "NO")
    assert err.value.code == "org_number_invalid_no"


def test_fields_per_country():
    assert PAYMENT_FIELDS["SE"] == ("bankgiro", "plusgiro", "swish")
    assert PAYMENT_FIELDS["NO"] == ("bank_account", "vipps")
