"""Importing payment lists through the real file and the command line: every row matched,
reported or left out, never guessed; all or nothing; a second import adds nothing."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from medlemsvard_app.cli import main
from medlemsvard_app.domain.dues_calendar import with_changes
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.domain.payment_matching import MatchMethod, MatchStatus
from medlemsvard_app.domain.payments import PaymentKind, PaymentMethod, PaymentSource
from medlemsvard_app.i18n import set_language
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.import_files import ImportFileError
from medlemsvard_app.services.payment_import import (
    PaymentFileError,
    PaymentImportCancelled,
    apply_payments,
    choose_member,
    preview_payments,
    read_payment_table,
    report_json,
    set_included,
    summary_line,
    write_follow_up,
)
from tests.conftest import add_members

PEOPLE = (
    {"given_name": "Anna", "family_name": "Svensson", "member_number": 1,
     "email": "anna@example.se"},
    {"given_name": "Per", "family_name": "Svensson", "member_number": 2,
     "email": "per@example.se"},
    {"given_name": "Lars", "family_name": "Ek", "member_number": 3, "email": "lars@example.se",
     "city": "Uppsala"},
    {"given_name": "Lars", "family_name": "Ek", "member_number": 4, "city": "Enköping"},
    {"given_name": "Eva", "family_name": "Berg", "member_number": 5, "email": "berg@example.se"},
    {"given_name": "Johan", "family_name": "Berg", "member_number": 6,
     "email": "berg@example.se"},
)


@pytest.fixture
def members(session):
    return {m.member_number: m for m in add_members(session, *PEOPLE)}


def _csv(tmp_path, text: str, name: str = "bank.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def _payments(session, member_id: int):
    return session.dues().repo.payments_for(member_id)


def _by_row(preview):
    return {r.row: r for r in preview.rows}


def test_matched_by_ocr_number_and_email(session, members, tmp_path):
    ref = session.dues().reference(1, 2026)
    path = _csv(tmp_path, "Datum;Belopp;OCR;Medlemsnr;E-post\n"
                          f"2026-02-17;360,00;{ref};;\n"
                          "2026-02-18;360;;2;\n"
                          "2026-02-19;1 200,00;;;LARS@example.se\n")
    preview = preview_payments(session, path)
    rows = _by_row(preview)
    assert [(r.status, r.method, r.member.number) for r in preview.rows] == [
        (MatchStatus.MATCHED, MatchMethod.REFERENCE, 1),
        (MatchStatus.MATCHED, MatchMethod.NUMBER, 2),
        (MatchStatus.MATCHED, MatchMethod.EMAIL, 3)]
    assert rows[2].periods == (2026, 2026) and rows[2].reference == ref
    assert rows[4].amount == 120000 and rows[4].paid_on == date(2026, 2, 19)
    assert summary_line(preview) == "3 matched"
    assert _payments(session, members[1].id) == []  # the preview writes nothing

    result = apply_payments(session, preview)
    assert (result.imported, result.amount) == (3, 36000 + 36000 + 120000)
    [anna] = _payments(session, members[1].id)
    assert (anna.amount, anna.paid_on, anna.period_from, anna.source, anna.reference,
            anna.method, anna.kind) == (36000, date(2026, 2, 17), 2026, PaymentSource.IMPORT,
                                        ref, PaymentMethod.BANK_GIRO, PaymentKind.ANNUAL)
    assert session.dues().status(members[1].id).state.value == "paid"


def test_matched_by_kid_in_a_norwegian_association(no_session, tmp_path):
    [kari] = add_members(no_session, {"given_name": "Kari", "family_name": "Nordmann",
                                      "member_number": 17})
    kid = no_session.dues().reference(17, 2025)
    path = _csv(tmp_path, "Dato;Beløp;KID;Melding\n"
                          f"03.03.2026;300,00;{kid};\n"
                          "04.03.2026;300,00;;Medlem 17\n")
    preview = preview_payments(no_session, path)
    first, second = preview.rows
    assert (first.status, first.method, first.member.number, first.periods) == (
        MatchStatus.MATCHED, MatchMethod.REFERENCE, 17, (2025, 2025))  # the KID's year
    assert (second.method, second.periods) == (MatchMethod.NUMBER, (2026, 2026))
    assert apply_payments(no_session, preview).imported == 2
    assert {p.period_from for p in _payments(no_session, kari.id)} == {2025, 2026}


def test_the_year_column_decides_the_period_and_a_two_year_amount_covers_two(session, members,
                                                                             tmp_path):
    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=None))
    dues.record_payment(members[5].id, 36000, date(2024, 2, 20), periods=(2024, 2024))
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr;År\n"
                          "2026-02-17;360;2;2027\n"
                          "2026-02-17;720;5;\n")
    rows = _by_row(preview_payments(session, path))
    assert rows[2].periods == (2027, 2027)
    assert rows[3].periods == (2025, 2026)  # missed 2025: the two-year invoice
    # This year's OCR on the two-year invoice pays both years; a single fee pays its year.
    ref = dues.reference(5, 2026)
    path = _csv(tmp_path, f"Datum;Belopp;OCR\n2026-02-17;720;{ref}\n2026-02-17;360;{ref}\n")
    rows = _by_row(preview_payments(session, path))
    assert (rows[2].periods, rows[3].periods) == ((2025, 2026), (2026, 2026))


def test_same_name_is_ambiguous_until_the_user_picks(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Namn\n2026-03-01;360;Lars Ek\n2026-03-02;360;Eva Berg\n"
                          "2026-03-03;360;Nils Pettersson\n")
    preview = preview_payments(session, path)
    lars, eva, nils = preview.rows
    assert (lars.status, lars.reason, lars.member, lars.include) == (
        MatchStatus.AMBIGUOUS, "name_shared", None, False)
    assert [(c.number, c.name, c.detail) for c in lars.candidates] == [
        (3, "Lars Ek", "lars@example.se · Uppsala"), (4, "Lars Ek", "Enköping")]
    assert (eva.status, eva.method) == (MatchStatus.MATCHED, MatchMethod.NAME)
    assert (nils.status, nils.reason_text()) == (
        MatchStatus.UNMATCHED, "No member has this name or e-mail address.")
    assert preview.counts()["chosen"] == 1

    choose_member(session, preview, lars, members[4].id)
    assert (lars.member.number, lars.include, lars.periods) == (4, True, (2026, 2026))
    with pytest.raises(ValueError):
        choose_member(session, preview, lars, members[1].id)  # not a candidate
    result = apply_payments(session, preview)
    assert result.imported == 2
    assert len(_payments(session, members[4].id)) == 1
    assert _payments(session, members[3].id) == []
    assert [r.row for r in preview.follow_up_rows()] == [4]


def test_leaving_an_ambiguous_row_out(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;E-post\n2026-03-01;360;berg@example.se\n")
    preview = preview_payments(session, path)
    [row] = preview.rows
    assert row.reason == "email_shared"
    choose_member(session, preview, row, members[5].id)
    choose_member(session, preview, row, None)
    assert (row.member, row.include) == (None, False)
    assert apply_payments(session, preview).imported == 0


def test_unmatched_references_and_numbers_are_reported(session, members, tmp_path):
    ref = session.dues().reference(42, 2026)
    path = _csv(tmp_path, "Datum;Belopp;OCR;Medlemsnr;Meddelande\n"
                          f"2026-03-01;360;{ref};;\n"
                          "2026-03-01;360;;999;\n"
                          "2026-03-01;360;;;Medlemsavgift\n")
    rows = preview_payments(session, path).rows
    assert [(r.status, r.reason) for r in rows] == [
        (MatchStatus.UNMATCHED, "reference_unknown_member"),
        (MatchStatus.UNMATCHED, "number_unknown_member"),
        (MatchStatus.UNMATCHED, "no_payer_details")]
    assert rows[0].reason_text() == (
        f"The reference {ref} is for member number 42, who is not in the register.")
    assert rows[1].reason_text() == "No member has number 999."


def test_importing_the_same_file_twice_adds_nothing(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr\n2026-02-17;360;1\n2026-02-17;360;1\n"
                          "2026-02-18;360;2\n")
    preview = preview_payments(session, path)
    rows = _by_row(preview)
    # The same payment twice in one file: the second is shown as recorded, not added.
    assert (rows[3].status, rows[3].reason_text()) == (
        MatchStatus.ALREADY_RECORDED,
        "The same payment (same member, date and amount) as row 2.")
    assert apply_payments(session, preview).imported == 2

    again = preview_payments(session, path)
    assert [r.status for r in again.rows] == [MatchStatus.ALREADY_RECORDED] * 3
    assert summary_line(again) == "0 matched, 3 already recorded"
    assert apply_payments(session, again).imported == 0
    assert len(_payments(session, members[1].id)) == 1
    # Ticked by the user, a row recorded already goes in after all.
    set_included(again.rows[0], True)
    assert apply_payments(session, again).imported == 1
    assert len(_payments(session, members[1].id)) == 2


def test_a_row_imported_elsewhere_since_the_preview_is_not_added_twice(session, members,
                                                                       tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr\n2026-02-17;360;1\n")
    preview = preview_payments(session, path)
    session.dues().record_payment(members[1].id, 36000, date(2026, 2, 17))
    result = apply_payments(session, preview)
    assert (result.imported, result.skipped_recorded) == (0, 1)


def test_bad_rows_are_invalid_with_row_number_and_reason(session, members, tmp_path):
    path = _csv(tmp_path, "Kontoutdrag 2026-01-01 - 2026-11-25\n\n"
                          "Datum;Belopp;Medlemsnr;Saldo\n"
                          "2026-02-17;tre hundra;1;10\n"
                          "2026-13-01;360;2;20\n"
                          "2026-02-17;-245,50;;30\n"
                          "2026-12-24;360;1;40\n"
                          "2026-02-17;360;1;50\n")
    preview = preview_payments(session, path)
    assert preview.table.header_row_number == 3  # the bank's preamble is skipped
    invalid = [(r.row, r.reason_text()) for r in preview.rows if r.status is MatchStatus.INVALID]
    assert invalid == [
        (4, "Amount: “tre hundra” is not an amount; write it like 360 or 360,50."),
        (5, "Date: This is not a date the app understands; write it as YYYY-MM-DD."),
        (6, "Amount: A negative amount is money going out, not a payment."),
        (7, "Date: The payment date is in the future."),
    ]
    assert preview.rows[0].paid_on == date(2026, 2, 17)  # what could be read is kept
    assert summary_line(preview) == "1 matched, 4 invalid"


def test_xlsx_with_numbers_and_dates_as_excel_keeps_them(session, members, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Medlemsnummer", "Namn", "Belopp", "Betalningsdatum", "Betalningssätt"])
    sheet.append([1.0, "Anna Svensson", 360.0, datetime(2026, 2, 17), "Swish"])
    sheet.append([2, "Per Svensson", 410.5, datetime(2026, 2, 18, 9, 30), "Autogiro"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    preview = preview_payments(session, path)
    assert [(r.member.number, r.amount, r.paid_on, r.payment_method) for r in preview.rows] == [
        (1, 36000, date(2026, 2, 17), PaymentMethod.SWISH),
        (2, 41050, date(2026, 2, 18), PaymentMethod.DIRECT_DEBIT)]


def test_former_members_are_matched_with_a_note_and_prospects_not_at_all(session, members,
                                                                         tmp_path):
    register = session.register()
    register.leave(members[2].id, date(2026, 6, 1), LeaveReason.RESIGNED, "")
    add_members(session, {"given_name": "Sara", "family_name": "Sympatisör",
                          "status": MembershipStatus.PROSPECT, "email": "sara@example.se"})
    path = _csv(tmp_path, "Datum;Belopp;E-post\n2026-02-17;360;per@example.se\n"
                          "2026-02-17;360;sara@example.se\n")
    per, sara = preview_payments(session, path).rows
    assert per.status is MatchStatus.MATCHED
    assert per.note_texts() == ["Per Svensson is a former member."]
    assert sara.status is MatchStatus.UNMATCHED


def test_one_transaction_a_failure_leaves_nothing_written(session, members, tmp_path,
                                                          monkeypatch):
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr\n2026-02-17;360;1\n2026-02-18;360;2\n")
    preview = preview_payments(session, path)
    from medlemsvard_app.services import audit

    real_record = audit.record

    def failing_record(session, action, detail=None, **kw):
        if action == "payments_import_file":
            raise DomainError("storage_error", detail="disk on fire")
        return real_record(session, action, detail, **kw)

    monkeypatch.setattr(audit, "record", failing_record)
    with pytest.raises(DomainError):
        apply_payments(session, preview)
    assert session.dues().repo.payment_count() == 0  # the payments written first are undone
    assert not any(r.imported for r in preview.rows)
    monkeypatch.setattr(audit, "record", real_record)
    assert apply_payments(session, preview).imported == 2


def test_the_import_is_in_the_audit_log(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr\n2026-02-17;360;1\n2026-02-17;360;99\n")
    apply_payments(session, preview_payments(session, path))
    detail = session.db.execute(
        "SELECT detail FROM audit_log WHERE action = 'payments_import_file'").fetchone()[0]
    assert detail.startswith("file=bank.csv imported=1 matched=1 ")
    assert "unmatched=1" in detail


def test_cancelling_the_preview(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr\n2026-02-17;360;1\n")
    with pytest.raises(PaymentImportCancelled):
        preview_payments(session, path, progress=lambda done, total: False)


@pytest.mark.parametrize(("text", "code", "sentence"), [
    ("Namn;Kommentar\nAnna;hej\n", "payment_columns_missing",
     "has no column for amount and date."),
    ("Belopp;Datum;Saldo\n360;2026-02-17;10\n", "payment_no_payer_column",
     "has no column that tells who paid"),
    ("Datum;Belopp;OCR\n", "payment_no_rows", "has column names but no rows of payments."),
    ("2026-02-17;360;1234\n", "payment_no_header", "holds data, not column names"),
])
def test_files_that_cannot_be_used_say_why(session, tmp_path, text, code, sentence):
    path = _csv(tmp_path, text)
    with pytest.raises(PaymentFileError) as info:
        preview_payments(session, path)
    assert info.value.code == code
    assert sentence in describe(info.value)


def test_a_file_that_is_not_a_list(session, tmp_path):
    path = tmp_path / "bild.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(ImportFileError) as info:
        read_payment_table(path)
    assert "is not a CSV or Excel file" in describe(info.value)


def test_the_messages_are_translated(session, tmp_path):
    set_language("sv")
    path = _csv(tmp_path, "Namn;Kommentar\nAnna;hej\n")
    with pytest.raises(PaymentFileError) as info:
        preview_payments(session, path)
    text = describe(info.value)
    assert str(path) in text and "{" not in text


def test_rows_for_follow_up_are_saved_with_the_reason(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Namn;Meddelande\n"
                          "2026-03-01;360;Lars Ek;\n"
                          "2026-03-01;360;Anna Svensson;\n"
                          "2026-03-01;360;Nils Pettersson;=HYPERLINK(\"x\")\n"
                          "2026-03-01;abc;Anna Svensson;\n")
    preview = preview_payments(session, path)
    out = tmp_path / "uppfoljning.csv"
    assert write_follow_up(session, preview, out) == 3
    with out.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    assert lines[0] == ["Row", "Status", "Why", "Datum", "Belopp", "Namn", "Meddelande"]
    assert [line[:2] for line in lines[1:]] == [["2", "Ambiguous"], ["4", "Unmatched"],
                                                ["5", "Invalid"]]
    assert lines[2][6] == "'=HYPERLINK(\"x\")"  # never a formula in the follow-up file
    assert lines[3][2].startswith("Amount: “abc” is not an amount")


def test_report_json_has_stable_keys(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Namn\n2026-03-01;360;Anna Svensson\n"
                          "2026-03-01;360;Lars Ek\n")
    report = report_json(preview_payments(session, path), 0)
    assert {k: report[k] for k in ("matched", "ambiguous", "unmatched", "already_recorded",
                                   "invalid", "imported")} == {
        "matched": 1, "ambiguous": 1, "unmatched": 0, "already_recorded": 0, "invalid": 0,
        "imported": 0}
    assert report["rows"][0] == {
        "row": 2, "status": "matched", "member_number": 1, "amount": 36000,
        "date": "2026-03-01", "periods": [2026], "matched_by": "name", "candidates": [],
        "reason": None, "imported": False, "notes": []}
    assert report["rows"][1]["candidates"] == [3, 4]


# -- the command line -----------------------------------------------------------------------
@pytest.fixture
def db(session, members):
    path = session.path
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--language", "en", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_cli_imports_the_matched_rows_and_exits_0_when_all_went_in(capsys, session, db,
                                                                   tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr\n2026-02-17;360;1\n2026-02-18;360,50;2\n")
    code, out, err = _run(capsys, "payments", "import", str(path), "--db", str(db), "--yes")
    assert code == 0, err
    assert out == ""
    assert "2 matched" in err and "Recorded 2 payments (SEK720.50)." in err
    assert len(_payments(session, 1)) == 1
    # The same file again: nothing added, nothing skipped, so still 0.
    code, _out, err = _run(capsys, "payments", "import", str(path), "--db", str(db), "--yes")
    assert code == 0
    assert "0 matched, 2 already recorded" in err and "There is no payment to record." in err
    assert session.dues().repo.payment_count() == 2


def test_cli_json_report_and_exit_1_when_rows_were_skipped(capsys, session, db, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Namn\n2026-03-01;360;Anna Svensson\n"
                          "2026-03-01;360;Lars Ek\n2026-03-01;360;Nils Pettersson\n"
                          "2026-03-01;abc;Anna Svensson\n")
    code, out, err = _run(capsys, "--db", str(db), "payments", "import", str(path), "--json",
                          "--yes")
    assert code == 1
    report = json.loads(out)
    assert {k: report[k] for k in ("matched", "ambiguous", "unmatched", "invalid",
                                   "imported")} == {
        "matched": 1, "ambiguous": 1, "unmatched": 1, "invalid": 1, "imported": 1}
    assert [r["status"] for r in report["rows"]] == ["matched", "ambiguous", "unmatched",
                                                     "invalid"]
    assert report["rows"][0]["imported"] is True
    assert "Row 3 (ambiguous): Several members have this name: choose who paid." in err
    assert "Row 5 (invalid): Amount: “abc” is not an amount" in err
    assert "3 rows were not recorded (listed above); they need looking into." in err


def test_cli_in_a_script_records_without_yes_like_the_member_import(capsys, session, db,
                                                                    tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr;Namn\n2026-02-17;360;1;\n"
                          "2026-02-18;360;;Lars Ek\n")
    code, _out, err = _run(capsys, "--db", str(db), "payments", "import", str(path))
    assert "Recorded 1 payment" in err
    assert session.dues().repo.payment_count() == 1


def test_cli_bad_file_and_bad_usage(capsys, db, tmp_path):
    code, _out, err = _run(capsys, "--db", str(db), "payments", "import",
                           str(tmp_path / "saknas.csv"), "--yes")
    assert (code, err.strip()) == (1, f"There is no file at {tmp_path / 'saknas.csv'}.")
    path = _csv(tmp_path, "Namn;Kommentar\nAnna;hej\n")
    code, _out, err = _run(capsys, "--db", str(db), "payments", "import", str(path), "--yes")
    assert code == 1 and "has no column for amount and date" in err
    with pytest.raises(SystemExit) as info:
        main(["--language", "en", "--db", str(db), "payments"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["--language", "en", "--db", str(db), "payments", "import"])
    assert info.value.code == 2


def test_a_row_for_a_year_before_the_member_joined_is_invalid(session, members, tmp_path):
    path = _csv(tmp_path, "Datum;Belopp;Medlemsnr;År\n2026-02-17;360;1;2001\n")
    [row] = preview_payments(session, path).rows
    assert row.status is MatchStatus.INVALID and row.reason == "period_before_joining"
    assert not row.include
