"""The pure rules of a payment import: which column is what, reading cells, whose payment."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from medlemsvard_app.domain.payment_matching import (
    KnownMember,
    MatchMethod,
    MatchStatus,
    MemberIndex,
    PayerDetails,
    PaymentField,
    ReferenceKind,
    decide,
    detect_columns,
    email_in,
    name_key,
    parse_method,
    parse_payment_amount,
    parse_payment_date,
    parse_years,
    payment_header_count,
    read_reference,
)
from medlemsvard_app.domain.payments import PaymentMethod
from medlemsvard_app.domain.references import KidMethod, ReferenceScheme
from medlemsvard_app.domain.validation import FieldError

SE = ReferenceScheme("SE")
NO = ReferenceScheme("NO")
YEARS = range(1990, 2028)

F = PaymentField


# -- columns -------------------------------------------------------------------------------
@pytest.mark.parametrize(("headers", "expected"), [
    (["Datum", "Belopp", "OCR", "Namn", "E-post"],
     {F.DATE: 0, F.AMOUNT: 1, F.REFERENCE: 2, F.NAME: 3, F.EMAIL: 4}),
    (["Dato", "Beløp", "KID-nummer", "Navn", "Melding"],
     {F.DATE: 0, F.AMOUNT: 1, F.REFERENCE: 2, F.NAME: 3, F.MESSAGE: 4}),
    (["MEDLEMSNR", "Förnamn", "Efternamn", "Belopp (kr)", "Betalningsdatum", "År",
      "Betalningssätt"],
     {F.MEMBER_NUMBER: 0, F.GIVEN_NAME: 1, F.FAMILY_NAME: 2, F.AMOUNT: 3, F.DATE: 4,
      F.YEAR: 5, F.METHOD: 6}),
    (["Member number", "Amount", "Date", "Reference", "Message", "Email", "Year"],
     {F.MEMBER_NUMBER: 0, F.AMOUNT: 1, F.DATE: 2, F.REFERENCE: 3, F.MESSAGE: 4, F.EMAIL: 5,
      F.YEAR: 6}),
    (["Medlemsnummer", "OCR-nummer", "Referens", "Meddelande", "Belopp", "Datum"],
     {F.MEMBER_NUMBER: 0, F.REFERENCE: 1, F.MESSAGE: 3, F.AMOUNT: 4, F.DATE: 5}),
])
def test_columns_are_recognised_in_swedish_norwegian_and_english(headers, expected):
    assert detect_columns(headers).indexes == expected


def test_a_bank_statement_prefers_the_payment_date_and_ignores_the_rest():
    headers = ["Radnummer", "Bokföringsdag", "Transaktionsdag", "Valutadag", "Referens",
               "Beskrivning", "Belopp", "Bokfört saldo"]
    columns = detect_columns(headers)
    assert columns.header(F.DATE) == "Transaktionsdag"
    assert columns.header(F.AMOUNT) == "Belopp"
    assert columns.header(F.MESSAGE) == "Beskrivning"
    assert columns.ignored == ["Radnummer", "Bokföringsdag", "Valutadag", "Bokfört saldo"]


def test_norwegian_bank_columns_for_money_in():
    columns = detect_columns(["Dato", "Forklaring", "Rentedato", "Uttak fra konto",
                              "Innskudd på konto"])
    assert columns.header(F.AMOUNT) == "Innskudd på konto"
    assert columns.header(F.DATE) == "Dato"
    assert columns.header(F.MESSAGE) == "Forklaring"


def test_missing_amount_and_date_and_payer_are_told():
    columns = detect_columns(["Namn", "Kommentar"])
    assert columns.missing == [F.AMOUNT, F.DATE]
    assert detect_columns(["Belopp", "Datum", "Saldo"]).identifies_payer is False


def test_a_full_name_column_gives_way_to_given_and_family_names():
    columns = detect_columns(["Namn", "Förnamn", "Efternamn", "Belopp", "Datum"])
    assert F.NAME not in columns.indexes
    assert columns.index(F.GIVEN_NAME) == 1


def test_generic_number_columns_are_not_member_numbers():
    assert F.MEMBER_NUMBER not in detect_columns(["Nr", "Belopp", "Datum", "OCR"]).indexes


def test_header_row_is_found_by_payment_words():
    assert payment_header_count(["Datum", "Belopp", "OCR", "x"]) == 3
    assert payment_header_count(["* Kontoutdrag 2026-01-01 - 2026-11-25", None]) == 0


# -- cells -------------------------------------------------------------------------------
@pytest.mark.parametrize(("cell", "ore"), [
    ("360", 36000), ("360,50", 36050), ("360.5", 36050), ("1 200,00", 120000),
    ("1\u00a0200,00", 120000), ("1.200,00", 120000), ("1,200.00", 120000),
    ("300 kr", 30000), ("kr 300", 30000), ("SEK 300,00", 30000), ("300:-", 30000),
    ("+300", 30000), (300, 30000), (300.5, 30050), (1200.0, 120000),
])
def test_amounts_as_banks_and_spreadsheets_write_them(cell, ore):
    assert parse_payment_amount(cell) == ore


@pytest.mark.parametrize(("cell", "code"), [
    ("abc", "amount_invalid"), ("3,005", "amount_invalid"), ("", "amount_missing"),
    (None, "amount_missing"), ("-300", "amount_not_incoming"), ("300-", "amount_not_incoming"),
    (-245.5, "amount_not_incoming"), ("0", "amount_not_positive"), (True, "amount_invalid"),
    (1.234, "amount_invalid"),
])
def test_bad_amounts_say_what_is_wrong(cell, code):
    with pytest.raises(FieldError) as info:
        parse_payment_amount(cell)
    assert info.value.code == code


@pytest.mark.parametrize("cell", [
    "2026-02-17", "17.02.2026", "20260217", 20260217, "2026-02-17 10:31:00",
    datetime(2026, 2, 17, 10, 31), date(2026, 2, 17), 46070,
])
def test_dates_iso_nordic_compact_and_excel(cell):
    assert parse_payment_date(cell) == date(2026, 2, 17)


def test_bad_dates():
    for cell, code in (("", "date_missing"), ("31.02.2026", "date_invalid"),
                       ("i går", "date_invalid")):
        with pytest.raises(FieldError) as info:
            parse_payment_date(cell)
        assert info.value.code == code


def test_years():
    assert parse_years("2026") == (2026, 2026)
    assert parse_years(2026.0) == (2026, 2026)
    assert parse_years("2025-2026") == (2025, 2026)
    assert parse_years("2025–26") == (2025, 2026)
    assert parse_years("") is None
    for bad in ("förra året", "2026-2025", "2020-2035"):
        with pytest.raises(FieldError):
            parse_years(bad)


def test_methods():
    assert parse_method("Autogiro") is PaymentMethod.DIRECT_DEBIT
    assert parse_method("AvtaleGiro") is PaymentMethod.DIRECT_DEBIT
    assert parse_method("BG") is PaymentMethod.BANK_GIRO
    assert parse_method("Swish") is PaymentMethod.SWISH
    assert parse_method("vipps") is PaymentMethod.VIPPS
    assert parse_method("Kontant") is PaymentMethod.CASH
    assert parse_method("cash") is PaymentMethod.CASH
    assert parse_method("Klarna") is PaymentMethod.OTHER
    assert parse_method("") is None


# -- references ----------------------------------------------------------------------------
def test_an_ocr_names_member_and_year():
    hit = read_reference(SE.make(1234, 2026), SE, YEARS, strict=True)
    assert (hit.kind, hit.member_number, hit.year) == (ReferenceKind.REFERENCE, 1234, 2026)


def test_a_kid_names_member_and_year_mod10_and_mod11():
    hit = read_reference(NO.make(77, 2026), NO, YEARS, strict=True)
    assert (hit.member_number, hit.year) == (77, 2026)
    mod11 = ReferenceScheme("NO", kid_method=KidMethod.MOD11)
    hit = read_reference(mod11.make(77, 2026), mod11, YEARS, strict=True)
    assert (hit.member_number, hit.year) == (77, 2026)


def test_references_inside_a_message():
    ocr = SE.make(55, 2026)
    hit = read_reference(f"OCR {ocr}, tack!", SE, YEARS, strict=False)
    assert (hit.kind, hit.member_number) == (ReferenceKind.REFERENCE, 55)
    both = f"{SE.make(55, 2026)} {SE.make(56, 2026)}"
    assert read_reference(both, SE, YEARS, strict=False).kind is ReferenceKind.INVALID


@pytest.mark.parametrize(("text", "number"), [
    ("1234", 1234), ("Medlem 1234", 1234), ("medlemsnummer: 12", 12), ("Medl.nr 77", 77),
    ("nr. 77", 77), ("Member no. 12", 12),
])
def test_a_message_that_is_a_member_number(text, number):
    hit = read_reference(text, SE, YEARS, strict=False)
    assert (hit.kind, hit.member_number) == (ReferenceKind.NUMBER, number)


@pytest.mark.parametrize("text", ["2026", "Medlem 2026", "Medlemsavgift 2026",
                                  "Avgift 55 kr", "medlemsavgift 2026 nr 55", "070-123 45 67"])
def test_messages_that_do_not_name_a_member(text):
    assert read_reference(text, SE, YEARS, strict=False) is None


def test_digits_in_a_reference_column_that_fail_the_check_are_invalid_not_a_guess():
    good = SE.make(1234, 2026)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert read_reference(bad, SE, YEARS, strict=True).kind is ReferenceKind.INVALID
    assert read_reference(bad, SE, YEARS, strict=False) is None
    # A short number in the reference column is the member number.
    hit = read_reference("42", SE, YEARS, strict=True)
    assert (hit.kind, hit.member_number) == (ReferenceKind.NUMBER, 42)


def test_email_in_a_message():
    assert email_in("Avgift från Familjen.Berg@Gmail.com") == "familjen.berg@gmail.com"
    assert email_in("a@x.se och b@x.se") == ""
    assert email_in("Medlemsavgift") == ""


def test_names_compare_without_order_case_or_accents():
    assert name_key("SVENSSON, ÅSA") == name_key("Åsa Svensson") == name_key("Asa svensson")
    assert name_key("Bjørn Dæhlie") == name_key("BJORN DAEHLIE")


# -- decisions ---------------------------------------------------------------------------
def _index() -> MemberIndex:
    return MemberIndex([
        KnownMember(1, 1, "Anna", "Svensson", "", "anna@example.se"),
        KnownMember(2, 2, "Per", "Svensson", "", "per@example.se"),
        KnownMember(3, 3, "Lars", "Ek", "", "lars@example.se"),
        KnownMember(4, 4, "Lars", "Ek", "", ""),
        KnownMember(5, 5, "Eva", "Berg", "", "berg@example.se"),
        KnownMember(6, 6, "Johan", "Berg", "", "berg@example.se"),
        KnownMember(7, 7, "Karl-Erik", "Öberg", "Kalle", ""),
        KnownMember(8, 8, "Anna Maria", "Lund", "", ""),
    ])


def _decide(**payer) -> object:
    return decide(PayerDetails(**payer), _index(), SE, YEARS)


def test_decided_by_reference_with_its_year():
    d = _decide(reference=SE.make(3, 2025), name="Someone Else")
    assert (d.status, d.method, [m.id for m in d.members], d.year) == (
        MatchStatus.MATCHED, MatchMethod.REFERENCE, [3], 2025)


def test_a_reference_for_no_member_is_unmatched_even_if_the_name_fits():
    d = _decide(reference=SE.make(99, 2026), name="Anna Svensson")
    assert (d.status, d.reason, d.params["number"]) == (
        MatchStatus.UNMATCHED, "reference_unknown_member", 99)


def test_reference_and_member_number_disagreeing_is_ambiguous():
    d = _decide(reference=SE.make(1, 2026), member_number="2")
    assert d.status is MatchStatus.AMBIGUOUS
    assert [m.id for m in d.members] == [1, 2]
    assert d.reason == "reference_number_conflict"


def test_decided_by_member_number():
    d = _decide(member_number=2.0)
    assert (d.status, d.method, d.members[0].id) == (MatchStatus.MATCHED, MatchMethod.NUMBER, 2)
    d = _decide(message="Medlem 5")
    assert (d.method, d.members[0].id) == (MatchMethod.NUMBER, 5)


def test_a_member_number_for_no_member_is_unmatched():
    d = _decide(member_number="999", email="anna@example.se")
    assert (d.status, d.reason, d.params) == (MatchStatus.UNMATCHED, "number_unknown_member",
                                              {"number": 999})
    assert _decide(member_number="abc").reason == "member_number_invalid"


def test_decided_by_email_whatever_its_case():
    d = _decide(email="ANNA@Example.se")
    assert (d.status, d.method, d.members[0].id) == (MatchStatus.MATCHED, MatchMethod.EMAIL, 1)


def test_a_shared_email_needs_the_name():
    d = _decide(email="berg@example.se", name="Johan Berg")
    assert (d.status, d.method, d.members[0].id) == (
        MatchStatus.MATCHED, MatchMethod.NAME_EMAIL, 6)
    d = _decide(email="berg@example.se")
    assert (d.status, d.reason, [m.id for m in d.members]) == (
        MatchStatus.AMBIGUOUS, "email_shared", [5, 6])


def test_email_of_one_member_and_name_of_another_is_ambiguous():
    d = _decide(email="anna@example.se", name="Per Svensson")
    assert (d.status, d.reason, [m.id for m in d.members]) == (
        MatchStatus.AMBIGUOUS, "email_name_conflict", [1, 2])


def test_decided_by_name_in_any_order_and_case():
    d = _decide(name="ÖBERG KALLE")
    assert (d.status, d.method, d.members[0].id) == (MatchStatus.MATCHED, MatchMethod.NAME, 7)
    assert _decide(name="Anna Lund").members[0].id == 8  # first given name only


def test_same_name_without_email_is_ambiguous_never_guessed():
    d = _decide(name="Lars Ek")
    assert (d.status, d.reason, [m.id for m in d.members]) == (
        MatchStatus.AMBIGUOUS, "name_shared", [3, 4])
    # The e-mail settles it.
    assert _decide(name="Lars Ek", email="lars@example.se").members[0].id == 3


def test_unmatched_names_and_empty_rows():
    assert _decide(name="Nils Pettersson").reason == "no_member_found"
    assert _decide(message="Medlemsavgift").reason == "no_payer_details"
    assert _decide(name="Svensson").status is MatchStatus.UNMATCHED  # a family name alone


def test_an_invalid_reference_is_noted_and_the_row_matched_otherwise():
    good = SE.make(1, 2026)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    d = _decide(reference=bad, email="anna@example.se")
    assert (d.status, d.method, d.notes) == (MatchStatus.MATCHED, MatchMethod.EMAIL,
                                             ("reference_invalid",))
    d = _decide(reference=bad)
    assert (d.status, d.reason) == (MatchStatus.UNMATCHED, "reference_invalid")


def test_a_member_number_with_someone_elses_name_is_not_guessed():
    decision = decide(PayerDetails(member_number="1", name="Lars Ek"), _index(), SE, YEARS)
    assert decision.status is MatchStatus.AMBIGUOUS
    assert {m.number for m in decision.members} == {1, 3, 4}  # two Lars Ek
    same = decide(PayerDetails(member_number="1", name="Anna Svensson"), _index(), SE, YEARS)
    assert same.status is MatchStatus.MATCHED


def test_two_references_naming_different_members_are_ambiguous():
    decision = decide(PayerDetails(reference=SE.make(1, 2026), message=SE.make(2, 2026)),
                      _index(), SE, YEARS)
    assert decision.status is MatchStatus.AMBIGUOUS
    assert {m.number for m in decision.members} == {1, 2}
