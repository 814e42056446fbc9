"""Importing member lists: ugly files in, checked rows out, written all or nothing."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services import importing
from medlemsvard_app.services import session as session_module
from medlemsvard_app.services.importing import (
    FIELD_CODES,
    ImportBlocked,
    ImportCancelled,
    ImportFileError,
    commit_import,
    field_label,
    prepare_import,
    read_table,
    suggest_mapping,
)
from medlemsvard_app.storage import members as members_module
from medlemsvard_app.storage.driver import sqlite3  # the app's SQLite library
from medlemsvard_app.storage.errors import DiskFull
from tests.conftest import add_members

HEADER = "Förnamn;Efternamn;Postnr;Ort;Telefon;E-post;Födelsedatum\n"


def _csv(tmp_path, text: str, encoding: str = "utf-8", name: str = "list.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _xlsx(tmp_path, rows: list[list[object]], name: str = "list.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def _plan(session, path, **kwargs):
    table = read_table(path)
    return prepare_import(session, table, suggest_mapping(table.headers), **kwargs)


def _members(session):
    register = session.register()
    return register.members(register.search_ids(filters=[]))


def _codes(row) -> dict[str | None, str]:
    return {issue.field: issue.code for issue in row.errors}


# -- reading files ---------------------------------------------------------------------
@pytest.mark.parametrize("encoding, reported", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")])
def test_encodings_are_detected(tmp_path, encoding, reported):
    text = "Förnamn;Efternamn;Ort\nÅsa;Ødegård;Århus\nÆsa;Öberg;Sälen\n"
    table = read_table(_csv(tmp_path, text, encoding))
    assert table.encoding == reported
    assert table.headers == ["Förnamn", "Efternamn", "Ort"]
    assert table.rows == [["Åsa", "Ødegård", "Århus"], ["Æsa", "Öberg", "Sälen"]]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_separator_is_sniffed(tmp_path, delimiter):
    lines = [["Förnamn", "Efternamn", "Anteckningar"], ["Anna", "Ek", "tål; komma, och tab"],
             ["Bo", "Al", "3,5"]]
    text = "\n".join(delimiter.join(f'"{c}"' if delimiter in c or "," in c or ";" in c else c
                                    for c in line) for line in lines)
    table = read_table(_csv(tmp_path, text + "\n"))
    assert table.delimiter == delimiter
    assert table.rows[0] == ["Anna", "Ek", "tål; komma, och tab"]


def test_blank_lines_are_skipped_but_counted_and_quoted_newline_is_one_row(tmp_path):
    text = ("Förnamn;Efternamn;Anteckningar\n"
            "Anna;Ek;\"rad ett\nrad två\"\n"
            "\n"
            ";;\n"
            "Bo;Al;x\n")
    table = read_table(_csv(tmp_path, text))
    assert [r[0] for r in table.rows] == ["Anna", "Bo"]
    assert table.rows[0][2] == "rad ett\nrad två"
    assert table.header_row_number == 1
    assert table.row_numbers == [2, 5]


def test_title_rows_above_the_header_are_passed_over(tmp_path):
    text = "Medlemslista 2026\n\nFörnamn;Efternamn;Postnr\nAnna;Ek;12345\n"
    table = read_table(_csv(tmp_path, text))
    assert table.header_row_number == 3
    assert table.headers == ["Förnamn", "Efternamn", "Postnr"]
    assert table.row_number(0) == 4


def test_headers_are_made_unique_and_named_when_empty(tmp_path):
    table = read_table(_csv(tmp_path, "Förnamn;Telefon;;Telefon\nAnna;1;2;3\n"))
    assert table.headers == ["Förnamn", "Telefon", "Column C", "Telefon (2)"]


def test_a_two_megabyte_field_is_read_and_reported_not_crashed(session, tmp_path):
    huge = "x" * (2 * 1024 * 1024)
    text = f"Förnamn;Efternamn;Anteckningar\nAnna;Ek;{huge}\nBo;Al;kort\n"
    table = read_table(_csv(tmp_path, text))
    assert len(table.rows[0][2]) == len(huge)
    plan = prepare_import(session, table, suggest_mapping(table.headers))
    assert _codes(plan.rows[0]) == {"notes": "too_long"}
    assert len(plan.rows[0].errors[0].value) < 100  # the report shows a snippet only
    assert plan.rows[1].valid


@pytest.mark.parametrize("content, code", [
    (b"", "import_empty"),
    (b"  \r\n\r\n ", "import_empty"),
    (b"F\xc3\xb6rnamn;Efternamn\n", "import_no_rows"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "import_binary"),
    (bytes(range(256)) * 8, "import_binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "import_old_excel"),
    (b"Anna;Svensson;12345;anna@example.com\nBo;Ek;54321;bo@example.com\n",
     "import_no_header"),
])
def test_bad_files_raise_coded_errors(tmp_path, content, code):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == code
    text = describe(info.value)
    assert str(path) in text and code not in text


def test_a_text_file_named_like_a_workbook_is_not_read_as_csv(tmp_path):
    path = tmp_path / "medlemmar.xlsx"
    path.write_text("Förnamn;Efternamn\nAnna;Ek\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert info.value.code == "import_not_excel"
    assert str(path) in describe(info.value)


def test_zip_that_is_no_workbook_and_missing_file(tmp_path):
    archive = tmp_path / "letter.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(ImportFileError) as info:
        read_table(archive)
    assert info.value.code == "import_unsupported"
    with pytest.raises(ImportFileError) as info:
        read_table(tmp_path / "nothing.csv")
    assert info.value.code == "import_missing"
    assert "nothing.csv" in describe(info.value)


def test_xlsx_keeps_excel_row_numbers_and_types(tmp_path):
    path = _xlsx(tmp_path, [["Fornavn", "Etternavn", "Postnr", "Fødselsdato"],
                            ["Kari", "Nordmann", 150, datetime(1980, 1, 2)],
                            [None, None, None, None],
                            ["Ola", "Hansen", 1, 29221]])
    table = read_table(path)
    assert table.encoding is None and table.delimiter is None
    assert table.rows[0] == ["Kari", "Nordmann", 150, datetime(1980, 1, 2)]
    assert table.row_numbers == [2, 4]


def test_an_xlsx_file_with_a_csv_name_is_still_read(tmp_path):
    path = _xlsx(tmp_path, [["Förnamn", "Efternamn"], ["Anna", "Ek"]], name="export.csv")
    assert read_table(path).rows == [["Anna", "Ek"]]


# -- mapping headers -------------------------------------------------------------------
def test_swedish_norwegian_and_english_headers_are_recognised():
    headers = ["Förnamn", "EFTERNAMN", "Gatuadress", "c/o", "Post nr.", "Postort", "Mobil",
               "Telefon", "E-post", "Födelsedatum", "Personnummer", "Medlemsnr",
               "Inträdesdatum", "Skostorlek"]
    assert suggest_mapping(headers) == {
        "Förnamn": "given_name", "EFTERNAMN": "family_name", "Gatuadress": "street",
        "c/o": "co", "Post nr.": "postal_code", "Postort": "city", "Mobil": "phone",
        "Telefon": "phone_alt", "E-post": "email", "Födelsedatum": "birth_date",
        "Personnummer": "identity_number", "Medlemsnr": "member_number",
        "Inträdesdatum": "joined_on", "Skostorlek": None}
    norwegian = ["Fornavn", "Etternamn", "Adresse", "Postnummer", "Poststed", "Fødselsdato",
                 "Fødselsnummer", "Innmeldt", "Epost", "Mobilnummer"]
    assert list(suggest_mapping(norwegian).values()) == [
        "given_name", "family_name", "street", "postal_code", "city", "birth_date",
        "identity_number", "joined_on", "email", "phone"]
    english = ["First name", "Surname", "Zip", "Town", "Email", "Phone", "Date of birth",
               "Joined", "Last name"]
    assert list(suggest_mapping(english).values()) == [
        "given_name", "family_name", "postal_code", "city", "email", "phone", "birth_date",
        "joined_on", None]


def test_field_codes_map_onto_themselves_and_have_labels():
    own = [code for code in FIELD_CODES if code != "full_name"]
    assert suggest_mapping(own) == {code: code for code in own}
    assert field_label("postal_code") == "Postal code"
    assert all(field_label(code) != code for code in FIELD_CODES)


def test_a_full_name_column_is_used_only_without_separate_names():
    assert suggest_mapping(["Namn", "Ort"]) == {"Namn": "full_name", "Ort": "city"}
    assert suggest_mapping(["Namn", "Förnamn"])["Namn"] is None


# -- checking rows ---------------------------------------------------------------------
def test_errors_name_the_row_the_field_and_why(session, tmp_path):
    text = HEADER + ("Anna;Ek;12345;Lund;070-123 45 67;anna@example.com;1985-04-12\n"
                     "Bo;Al;1234;Lund;abc;bo@ex;32.13.1990\n"
                     ";;12345;Lund;;;\n")
    plan = _plan(session, _csv(tmp_path, text))
    assert [r.row_number for r in plan.rows] == [2, 3, 4]
    assert plan.rows[0].valid and not plan.rows[0].errors
    assert _codes(plan.rows[1]) == {"postal_code": "postal_code_invalid_se",
                                    "phone": "phone_invalid", "email": "email_invalid",
                                    "birth_date": "date_invalid"}
    postal = next(i for i in plan.rows[1].errors if i.field == "postal_code")
    assert (postal.row_number, postal.value) == (3, "1234")
    assert postal.message == "A Swedish postal code has five digits, like 123 45."
    assert _codes(plan.rows[2]) == {None: "row_name_missing"}
    assert plan.rows[2].member is None
    assert [r.row_number for r in plan.invalid_rows] == [3, 4]


def test_spreadsheet_damage_is_repaired(session, tmp_path):
    text = ("Förnamn;Efternamn;Postnr;Telefon;Mobil;Födelsedatum;Inträdesdatum;Anteckningar\n"
            "  Anna   Maria ; Ek ;123 45;4,6701234567E+10;701234567.0;12.04.1985;45000;"
            "'=1+2\n"
            "Bo;Al;12345.0;0046 70 123 45 68;;19850412;2020-01-31;=HYPERLINK(\"x\")\n")
    plan = _plan(session, _csv(tmp_path, text))
    anna, bo = (r.member for r in plan.rows)
    assert (anna.given_name, anna.family_name) == ("Anna Maria", "Ek")
    assert anna.phone == anna.phone_alt == "+46701234567"
    assert anna.birth_date == date(1985, 4, 12)
    assert anna.joined_on == date(2023, 3, 15)  # Excel serial 45000
    assert anna.notes == "=1+2"  # the export's formula guard is removed
    assert bo.postal_code == "123 45" and bo.phone == "+46701234568"
    assert bo.birth_date == date(1985, 4, 12)
    assert bo.notes == '=HYPERLINK("x")'  # kept as text, never evaluated


def test_norwegian_postal_codes_and_excel_dates_from_xlsx(no_session, tmp_path):
    path = _xlsx(tmp_path, [["Fornavn", "Etternavn", "Postnr", "Sted", "Fødselsdato",
                             "Innmeldt", "Mobil"],
                            ["Kari", "Nordmann", 150, "Oslo", datetime(1980, 1, 2), 44197,
                             41234567],
                            ["Ola", "Hansen", 1, "Oslo", 29221.0, "01.02.2020", 4741234568],
                            ["Per", "Berg", "abc", "Oslo", None, None, None]])
    plan = _plan(no_session, path)
    kari, ola = plan.rows[0].member, plan.rows[1].member
    assert kari.postal_code == "0150" and ola.postal_code == "0001"
    assert kari.birth_date == date(1980, 1, 2) and kari.joined_on == date(2021, 1, 1)
    assert ola.birth_date == date(1980, 1, 1) and ola.joined_on == date(2020, 2, 1)
    assert kari.phone == "+4741234567" and ola.phone == "+4741234568"
    issue = plan.rows[2].errors[0]
    assert (issue.row_number, issue.field, issue.value) == (4, "postal_code", "abc")
    assert issue.message == "A Norwegian postal code has four digits, like 0150."


def test_identity_number_gives_the_birth_date_and_is_kept_only_when_switched_on(
        session, tmp_path):
    text = "Förnamn;Efternamn;Personnummer\nAnna;Ek;19850412-1230\nBo;Al;850412-1234\n"
    path = _csv(tmp_path, text)
    plan = _plan(session, path)
    anna = plan.rows[0].member
    assert anna.identity_number is None and anna.birth_date == date(1985, 4, 12)
    assert [n.code for n in plan.rows[0].notes] == ["identity_not_kept"]
    assert [n.code for n in plan.rows[1].notes] == ["identity_invalid_not_kept"]
    assert plan.rows[1].valid  # a number we will not keep does not block the row

    assoc = session.association
    assoc.identity_number_enabled = True
    session.association_repo.save(assoc)
    plan = _plan(session, path)
    assert plan.rows[0].member.identity_number == "19850412-1230"
    assert plan.rows[0].notes == []
    assert _codes(plan.rows[1]) == {"identity_number": "identity_invalid"}


def test_statuses_and_reasons_in_words(session, tmp_path):
    text = ("Förnamn;Efternamn;Status;Utträdesdatum;Orsak;Kön\n"
            "Anna;Ek;Utträdd;2024-05-01;Avliden;Kvinna\n"
            "Bo;Al;;2024-05-01;;\n"
            "Cia;Ur;Sympatisör;;;\n"
            "Dan;Ox;kanske;;;\n")
    plan = _plan(session, _csv(tmp_path, text), default_joined_on=date(2001, 2, 3))
    anna, bo, cia = (r.member for r in plan.rows[:3])
    assert anna.status is MembershipStatus.FORMER and anna.leave_reason is LeaveReason.DECEASED
    assert anna.gender is None  # the association has not switched gender on
    assert [n.code for n in plan.rows[0].notes] == ["gender_not_kept"]
    assert bo.status is MembershipStatus.FORMER and bo.leave_reason is LeaveReason.OTHER
    assert [n.code for n in plan.rows[1].notes] == ["leave_reason_assumed"]
    assert anna.joined_on == date(2001, 2, 3)
    assert cia.status is MembershipStatus.PROSPECT and cia.joined_on is None
    assert _codes(plan.rows[3]) == {"status": "status_invalid"}


def test_duplicates_in_the_register_and_in_the_file(session, tmp_path):
    (known,) = add_members(session, {"given_name": "Anna", "family_name": "Ek",
                                     "birth_date": date(1985, 4, 12),
                                     "email": "familjen@example.com"})
    text = HEADER + ("ANNA;ek;;;;;1985-04-12\n"           # in the register
                     "Bo;Al;;;;bo@example.com;1990-01-01\n"
                     "Bo;Al;;;;;1990-01-01\n"             # same as the row above
                     "Cia;Ek;;;;familjen@example.com;\n"  # shares the register's e-mail
                     "Dan;Al;;;;bo@example.com;\n")       # shares row 3's e-mail
    plan = _plan(session, _csv(tmp_path, text))
    first, bo, bo_again, cia, dan = plan.rows
    assert (first.duplicate_of, first.duplicate_in_file) == (known.member_number, False)
    assert bo.duplicate_of is None and bo.shared_email_with is None
    assert (bo_again.duplicate_of, bo_again.duplicate_in_file) == (3, True)
    assert (cia.shared_email_with, cia.shared_email_in_file) == (known.member_number, False)
    assert (dan.shared_email_with, dan.shared_email_in_file) == (3, True)
    assert [r.row_number for r in plan.duplicate_rows] == [2, 4]
    assert [r.row_number for r in plan.shared_email_rows] == [5, 6]
    assert [r.row_number for r in plan.ready_rows] == [3]
    assert len(plan.valid_rows) == 5


def test_a_member_number_of_someone_else_is_an_error(session, tmp_path):
    add_members(session, {"given_name": "Anna", "family_name": "Ek", "member_number": 7})
    text = "Medlemsnr;Förnamn;Efternamn\n7;Bo;Al\n7;Anna;Ek\n9;Cia;Ur\n9;Dan;Ox\n"
    plan = _plan(session, _csv(tmp_path, text))
    assert _codes(plan.rows[0]) == {"member_number": "member_number_taken"}
    assert "Anna Ek" in plan.rows[0].errors[0].message
    assert plan.rows[1].duplicate_of == 7  # same number and name: the same person
    assert plan.rows[2].valid
    assert _codes(plan.rows[3]) == {"member_number": "member_number_repeated"}


def test_bad_mappings_are_refused(session, tmp_path):
    table = read_table(_csv(tmp_path, "Förnamn;Efternamn\nAnna;Ek\n"))
    with pytest.raises(ValueError):
        prepare_import(session, table, {"Förnamn": "shoe_size"})
    with pytest.raises(ValueError):
        prepare_import(session, table, {"Nothing": "given_name"})
    with pytest.raises(ValueError):
        prepare_import(session, table, {"Förnamn": "given_name", "Efternamn": "given_name"})


def test_the_association_is_read_once_not_per_row(session, tmp_path, monkeypatch):
    reads = []
    original = session_module.Session.association

    def counting(self):
        reads.append(1)
        return original.fget(self)

    monkeypatch.setattr(session_module.Session, "association", property(counting))
    rows = "".join(f"P{i};Ek;070-123 45 67\n" for i in range(200))
    plan = _plan(session, _csv(tmp_path, "Förnamn;Efternamn;Telefon\n" + rows))
    assert len(plan.valid_rows) == 200
    assert len(reads) == 1


def test_a_repeated_phone_number_is_parsed_once(session, tmp_path, monkeypatch):
    from medlemsvard_app.services import import_rows

    calls = []
    original = import_rows.phone_value
    monkeypatch.setattr(import_rows, "phone_value",
                        lambda *a: calls.append(a) or original(*a))
    rows = "".join(f"P{i};Ek;070-123 45 67\n" for i in range(50))
    _plan(session, _csv(tmp_path, "Förnamn;Efternamn;Telefon\n" + rows))
    assert len(calls) == 1


def test_a_rows_problems_are_told_in_the_order_of_the_rules(session, tmp_path):
    """Cell problems in column order, then phones, then what ``validate_member`` finds:
    a missing name, e-mail and postal code, then the rules between fields."""
    text = ("Förnamn;Efternamn;Postnr;Ort;Telefon;E-post;Födelsedatum;Inträdesdatum;Status;"
            "Utträdesdatum\n;;1234;Lund;abc;bo@ex;32.13.1990;2030-01-01;xyz;2020-01-01\n")
    (row,) = _plan(session, _csv(tmp_path, text)).rows
    assert [(i.field, i.code) for i in row.errors] == [
        ("birth_date", "date_invalid"), ("status", "status_invalid"),
        ("phone", "phone_invalid"), (None, "row_name_missing"), ("email", "email_invalid"),
        ("postal_code", "postal_code_invalid_se"), ("joined_on", "joined_far_future"),
        ("left_on", "left_before_joined")]


def test_one_row_is_checked_as_in_a_whole_file(session, tmp_path):
    from medlemsvard_app.services.import_rows import RowChecker

    text = HEADER + ("  Anna   Maria ; Ek ;12345;  Lund ;070-123 45 67;Anna@Example.SE;1985-04-12\n"
                     "Bo;Al;1234;Lund;abc;bo@ex;32.13.1990\n"
                     "Anna Maria;ek;123 45;Lund;;anna@example.se;1985-04-12\n")
    plan = _plan(session, _csv(tmp_path, text))
    checker = RowChecker(session, None)
    single = [checker.check(row.row_number, row.values) for row in plan.rows]
    assert [(r.errors, r.notes, r.member, r.duplicate_of) for r in single] == [
        (r.errors, r.notes, r.member, r.duplicate_of) for r in plan.rows]
    assert plan.rows[0].member.city == "Lund" and plan.rows[2].duplicate_in_file


def test_each_distinct_text_is_read_once_but_equal_numbers_of_other_types_are_not_one(
        session, tmp_path, monkeypatch):
    from medlemsvard_app.services import import_rows

    calls = []
    original = import_rows.country_value
    monkeypatch.setattr(import_rows, "country_value",
                        lambda value: calls.append(value) or original(value))
    rows = "".join(f"P{i};Ek;Sverige\n" for i in range(50))
    plan = _plan(session, _csv(tmp_path, "Förnamn;Efternamn;Land\n" + rows))
    assert calls == ["Sverige"] and {r.member.country for r in plan.rows} == {"SE"}
    # 1.0, True and "1" are equal as dictionary keys, yet not the same cell.
    path = _xlsx(tmp_path, [["Förnamn", "Efternamn", "Inträdesdatum"],
                            ["A", "Ek", 1.0], ["B", "Ek", True], ["C", "Ek", "1"]])
    first, second, third = _plan(session, path).rows
    assert first.member.joined_on == date(1899, 12, 31)
    assert _codes(second) == _codes(third) == {"joined_on": "date_invalid"}


# -- writing ---------------------------------------------------------------------------
def test_rows_with_errors_block_the_import_until_skipped(session, tmp_path):
    text = HEADER + "Anna;Ek;12345;Lund;;;\nBo;Al;1;Lund;;;\n"
    plan = _plan(session, _csv(tmp_path, text))
    with pytest.raises(ImportBlocked) as info:
        commit_import(session, plan)
    assert info.value.plan is plan and "1 rows" in describe(info.value)
    assert _members(session) == []
    result = commit_import(session, plan, skip_invalid=True)
    assert (result.imported, result.skipped_invalid) == (1, 1)
    assert [m.family_name for m in _members(session)] == ["Ek"]
    assert not result.complete


def test_duplicates_are_never_created_twice_and_shared_emails_need_permission(
        session, tmp_path):
    text = HEADER + ("Anna;Ek;;;;familjen@example.com;1985-04-12\n"
                     "Bo;Ek;;;;familjen@example.com;1987-01-01\n"
                     "Anna;Ek;;;;;1985-04-12\n")
    path = _csv(tmp_path, text)
    plan = _plan(session, path)
    assert plan.sorted_rows() == (plan.invalid_rows, plan.duplicate_rows,
                                  plan.shared_email_rows, plan.ready_rows)
    result = commit_import(session, plan)
    assert (result.imported, result.skipped_duplicates, result.skipped_shared_email) == (1, 1, 1)
    result = commit_import(session, _plan(session, path), allow_duplicates=True)
    assert (result.imported, result.shared_email_imported, result.skipped_duplicates) == (1, 1, 2)
    people = sorted((m.given_name, m.email) for m in _members(session))
    assert people == [("Anna", "familjen@example.com"), ("Bo", "familjen@example.com")]
    again = commit_import(session, _plan(session, path), allow_duplicates=True)
    assert again.imported == 0 and again.skipped_duplicates == 3
    assert len(_members(session)) == 2


def test_numbers_from_the_file_are_kept_and_others_follow(session, tmp_path):
    text = "Förnamn;Efternamn;Medlemsnummer\nAnna;Ek;\nBo;Al;1\nCia;Ur;\n"
    result = commit_import(session, _plan(session, _csv(tmp_path, text)))
    assert result.imported == 3
    numbers = {m.given_name: m.member_number for m in _members(session)}
    assert numbers == {"Bo": 1, "Anna": 2, "Cia": 3}
    assert sorted(result.member_ids) == sorted(m.id for m in _members(session))


def test_progress_is_reported_and_cancel_writes_nothing(session, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "_CHUNK", 2)
    rows = "".join(f"P{i};Ek\n" for i in range(5))
    plan = _plan(session, _csv(tmp_path, "Förnamn;Efternamn\n" + rows))
    seen = []
    with pytest.raises(ImportCancelled):
        commit_import(session, plan, progress=lambda done, total: seen.append(done) or done < 4)
    assert seen == [0, 2, 4]
    assert _members(session) == []
    assert all(r.member.id is None and r.member.member_number is None for r in plan.rows)
    seen.clear()
    result = commit_import(session, plan, progress=lambda done, total: seen.append(done))
    assert result.imported == 5 and seen == [0, 2, 4, 5]
    assert sorted(m.member_number for m in _members(session)) == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError):
        commit_import(session, plan)  # a plan is written once
    assert session.members.total() == 5


def test_a_failure_part_way_leaves_nothing_behind(session, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "_CHUNK", 2)
    rows = "".join(f"P{i};Ek\n" for i in range(5))
    plan = _plan(session, _csv(tmp_path, "Förnamn;Efternamn\n" + rows))
    original, written = members_module.search_document, []

    def failing(member):
        if member.given_name == "P3":  # the disk fills during the second batch
            raise sqlite3.OperationalError("database or disk is full")
        return original(member)

    monkeypatch.setattr(members_module, "search_document", failing)
    with pytest.raises(DiskFull):
        commit_import(session, plan,
                      progress=lambda done, total: written.append(session.members.total()))
    assert written == [0, 2]  # the first batch was in when the second failed
    assert session.members.total() == 0
    assert all(r.member.id is None and r.member.member_number is None for r in plan.rows)


def test_the_import_is_logged(session, tmp_path):
    commit_import(session, _plan(session, _csv(tmp_path, "Förnamn;Efternamn\nAnna;Ek\n")))
    (action, detail), = session.db.execute(
        "SELECT action, detail FROM audit_log WHERE action = 'import'").fetchall()
    assert action == "import" and "imported=1" in detail and "list.csv" in detail


def test_importing_does_not_load_qt(tmp_path):
    path = _csv(tmp_path, "Förnamn;Efternamn\nAnna;Ek\n")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from medlemsvard_app.services.session import create_session\n"
        "from medlemsvard_app.services.importing import *\n"
        f"s = create_session(Path(r'{tmp_path}') / 'q.sqlite', 'Q')\n"
        f"t = read_table(Path(r'{path}'))\n"
        "commit_import(s, prepare_import(s, t, suggest_mapping(t.headers)))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_prospects_are_found_without_a_number_and_get_none(session, tmp_path):
    (per,) = add_members(session, {"given_name": "Per", "family_name": "Sym",
                                   "status": MembershipStatus.PROSPECT, "joined_on": None,
                                   "birth_date": date(1970, 1, 1), "email": "per@example.se"})
    assert per.member_number is None
    text = ("Förnamn;Efternamn;Födelsedatum;E-post;Status\n"
            "Per;Sym;1970-01-01;;\n"
            "Eva;Sym;;per@example.se;\n"
            "Ny;Sympatisör;;;prospect\n")
    plan = _plan(session, _csv(tmp_path, text))
    same, family, new = plan.rows
    assert same.is_duplicate and same.duplicate_of is None
    assert same.duplicate_member_id == per.id
    assert same.notes[0].message == ("Already in the register as Per Sym (a prospect); "
                                     "not imported again.")
    assert family.shares_email and family.shared_email_member_id == per.id
    assert [r.row_number for r in plan.duplicate_rows] == [2]
    result = commit_import(session, plan, allow_duplicates=True)
    assert (result.imported, result.skipped_duplicates) == (2, 1)
    numbers = {m.given_name: m.member_number for m in _members(session)}
    assert numbers == {"Per": None, "Eva": 1, "Ny": None}


def test_combined_columns_are_split_and_their_problems_point_at_them(session, tmp_path):
    text = ("Namn;Postadress\n"
            "Anna Maria Ek;123 45 Lund\n"
            "Svensson, Bo;SE-222 22 Malmö\n"
            "Cia Ur;1234 Lund\n")
    plan = _plan(session, _csv(tmp_path, text))
    anna, bo = plan.rows[0].member, plan.rows[1].member
    assert (anna.given_name, anna.family_name, anna.postal_code, anna.city) == (
        "Anna Maria", "Ek", "123 45", "Lund")
    assert (bo.given_name, bo.family_name, bo.postal_code, bo.city) == (
        "Bo", "Svensson", "222 22", "Malmö")
    (issue,) = plan.rows[2].errors
    assert (issue.field, issue.code, issue.value) == (
        "postal_address", "postal_code_invalid_se", "1234 Lund")
