"""OCR and KID references against the worked examples of DOMAIN §5."""

import pytest

from medlemsvard_app.domain.money import kronor, parse_amount
from medlemsvard_app.domain.references import (
    KidMethod,
    ReferenceScheme,
    is_valid_kid,
    is_valid_ocr,
    kid_reference,
    mod11_check_digit,
    ocr_reference,
)


def test_ocr_examples_from_the_domain_notes():
    assert ocr_reference("12345", length_digit=False) == "123455"
    assert ocr_reference("12345") == "1234574"
    assert ocr_reference("2024000123") == "202400012326"


def test_kid_mod11_example_and_the_dash_case():
    assert kid_reference("1234567", KidMethod.MOD11) == "12345674"
    assert mod11_check_digit("1234567") == "4"
    body = next(str(n) for n in range(10000, 20000) if mod11_check_digit(str(n)) == "-")
    from medlemsvard_app.domain.errors import DomainError

    with pytest.raises(DomainError, match="reference_unusable"):
        kid_reference(body, KidMethod.MOD11)


def test_kid_mod10_is_luhn():
    assert kid_reference("12345") == "123455"
    assert is_valid_kid("123455")
    assert not is_valid_kid("123454")


@pytest.mark.parametrize("text", ["1234574", "1234 574", "123-4574"])
def test_valid_ocr_accepts_spaces_and_dashes(text):
    assert is_valid_ocr(text, length_digit=True)


@pytest.mark.parametrize("text", ["1234575", "1234584", "abc", "", "1" * 26])
def test_invalid_ocr_is_refused(text):
    assert not is_valid_ocr(text, length_digit=True)


@pytest.mark.parametrize(("country", "method"), [("SE", KidMethod.MOD10), ("NO", KidMethod.MOD10),
                                                  ("NO", KidMethod.MOD11)])
@pytest.mark.parametrize("number", [1, 7, 123, 4711, 99999, 1234567])
def test_references_name_the_member_and_year(country, method, number):
    scheme = ReferenceScheme(country, kid_method=method)
    for year in (2025, 2026, 2030):
        assert scheme.parse(scheme.make(number, year)) == (number, year)


def test_a_mistyped_reference_is_not_read_as_someone_elses():
    scheme = ReferenceScheme("SE")
    ref = scheme.make(123, 2026)
    wrong = ref[:-3] + str((int(ref[-3]) + 1) % 10) + ref[-2:]
    assert scheme.parse(wrong) is None


@pytest.mark.parametrize(("text", "ore"), [("360", 36000), ("360,50", 36050), ("360.5", 36050),
                                            ("1 200", 120000), ("1\u00a0200,00 kr", 120000),
                                            ("200:-", 20000)])
def test_amounts_as_people_type_them(text, ore):
    assert parse_amount(text) == ore


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,234", "3,5,0"])
def test_bad_amounts_are_refused_with_a_code(text):
    from medlemsvard_app.domain.errors import DomainError

    with pytest.raises(DomainError, match="amount_invalid"):
        parse_amount(text)


def test_kronor_text_for_files():
    assert kronor(36000) == "360"
    assert kronor(36050) == "360.50"
