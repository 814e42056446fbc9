"""Members' rights end to end: the extract covers everything, erasure leaves nothing of the
person in the file, retention anonymises on schedule, the log holds no personal data."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from medlemsvard_app.domain.dues_state import MandateStatus
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import LeaveReason, Member, MembershipStatus
from medlemsvard_app.domain.payments import ExemptionKind, PaymentMethod
from medlemsvard_app.domain.privacy import ConsentPurpose, RetentionRule
from medlemsvard_app.services import audit
from medlemsvard_app.services.privacy import EXTRACT_EXCLUDED, EXTRACT_SECTIONS
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from tests.conftest import TODAY, add_members

SECRET = {"given_name": "Zyxelia", "family_name": "Qwertström", "email": "zyx.q@example.org",
          "phone": "0705551234", "street": "Kvarngränd 77", "notes": "Gillar Xylofonkurser",
          "birth_date": date(1971, 5, 6), "joined_on": date(2015, 3, 1)}
PERSONAL = ["Zyxelia", "Qwertström", "zyx.q@example.org", "705551234", "Kvarngränd",
            "Xylofonkurser", "1971-05-06", "Flöjtlektion", "19710506"]


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                   if not unicodedata.combining(c))


@pytest.fixture
def person(session):
    """A member with something in every kind of record, and others who mention her."""
    [zy, other] = add_members(session, dict(SECRET), {
        "given_name": "Per", "family_name": "Ek", "joined_on": date(2019, 1, 1),
        "notes": "Ringde Zyxelia Qwertström om kaffet"})
    dues = session.dues()
    dues.record_payment(zy.id, 36000, date(2017, 2, 10), periods=(2017, 2017),
                        method=PaymentMethod.SWISH, note="Betalt av Zyxelia")
    dues.record_payment(zy.id, 36000, date(2026, 2, 10), periods=(2026, 2026),
                        method=PaymentMethod.BANK_GIRO, reference="1234")
    dues.set_mandate(zy.id, MandateStatus.ACTIVE, date(2025, 1, 1), payer_number="7105061234",
                     monthly_amount=3000, note="Zyxelia ringde")
    dues.add_exemption(zy.id, ExemptionKind.HARDSHIP, date(2024, 1, 1), date(2024, 12, 31),
                       note="Xylofonkurser kostar")
    calls = session.calls()
    caller = calls.add_caller("Zyxelia Qwertström", phone="0705551234", member_id=zy.id)
    from medlemsvard_app.domain.calls import CallOutcome

    calls.log(zy.id, CallOutcome.REACHED, date(2026, 3, 1), note="Flöjtlektion på torsdag",
              wants="Xylofonkurser", good_at="sång", caller_id=caller.id)
    session.privacy().give_consent(zy.id, ConsentPurpose.PHOTOS, date(2020, 1, 1),
                                   note="Zyxelia sa ja")
    MailingRepository(session.db).record(Mailing("letter", date(2026, 2, 1), "welcome"),
                                         [zy.id, other.id])
    db = session.db
    db.execute("INSERT INTO activities (title, on_date, responsible, responsible_member_id) "
               "VALUES ('Vårfest', '2026-04-01', 'Zyxelia Qwertström', ?)", [zy.id])
    db.execute("INSERT INTO activity_people (activity_id, member_id, attended) VALUES (1, ?, 1)",
               [zy.id])
    if session.privacy().repo.table_exists("welcome_marks"):
        db.execute("INSERT INTO welcome_marks (member_id, step, mark, on_date, note) VALUES "
                   "(?, 'call', 'done', '2026-01-10', 'Flöjtlektion')", [zy.id])
    db.conn.commit()
    return zy, other


def _member_links(session) -> set[tuple[str, str]]:
    """Every column that points at members, read from the file itself."""
    links = set()
    for (table,) in session.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'members' AND "
            "name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'").fetchall():
        cols = {r[1] for r in session.db.execute(f'PRAGMA table_info("{table}")')}
        if "member_id" in cols:
            links.add((table, "member_id"))
        for fk in session.db.execute(f'PRAGMA foreign_key_list("{table}")'):
            if fk[2] == "members":
                links.add((table, fk[3]))
    return links


def test_every_table_that_points_at_members_is_in_the_extract_or_left_out_with_a_reason(
        session):
    """A new table with a member_id must get a section in services/privacy.py (until it
    does, the extract shows it under "other" and this test fails)."""
    missing = sorted(link for link in _member_links(session)
                     if link not in EXTRACT_SECTIONS and link not in EXTRACT_EXCLUDED)
    assert missing == [], f"add these to EXTRACT_SECTIONS or EXTRACT_EXCLUDED: {missing}"
    assert all(len(reason) > 10 for reason in EXTRACT_EXCLUDED.values())


def test_the_extract_holds_every_record_about_the_member(session, person):
    zy, _other = person
    data = session.privacy().extract(zy.id)
    assert data["format"] == "medlemsvard.register_extract/1"
    assert data["association"]["name"] == "Testföreningen"
    assert data["member"]["given_name"] == "Zyxelia" and data["member"]["member_number"] == 1
    assert [p["amount"] for p in data["payments"]] == [36000, 36000]
    assert data["mandates"][0]["payer_number"] == "7105061234"
    assert data["exemptions"][0]["note"] == "Xylofonkurser kostar"
    assert data["contacts"][0]["note"] == "Flöjtlektion på torsdag"
    assert {c["purpose"] for c in data["consents"]} >= {"photos"}
    assert data["activities"][0]["title"] == "Vårfest"
    assert data["mailings"][0]["template"] == "welcome"
    assert {r["table"] for r in data["roles"]} >= {"callers", "activities"}
    assert data["other"] == {}
    for link in _member_links(session) - set(EXTRACT_EXCLUDED):
        assert EXTRACT_SECTIONS[link] in data
    json.dumps(data)  # plain JSON all through
    # The extract itself is logged, by member number, after reading the log.
    assert session.privacy().log(action="register_extract")[0].member_number == 1


def test_the_pdf_and_json_files(session, person, tmp_path):
    from pypdf import PdfReader

    zy, _other = person
    pdf = session.privacy().write_extract(zy.id, tmp_path / "x.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    for words in ("Register extract", "Zyxelia Qwertström, member number 1", "Your rights",
                  "Payments", "Testföreningen", "Vårfest", "Flöjtlektion på torsdag"):
        assert words in text
    data = json.loads((session.privacy().write_extract(zy.id, tmp_path / "x.json")
                       ).read_text(encoding="utf-8"))
    assert data["member"]["email"] == "zyx.q@example.org"
    with pytest.raises(DomainError):
        session.privacy().write_extract(zy.id, tmp_path / "x.txt")


def test_erasure_leaves_no_personal_string_anywhere_in_the_file(session, person):
    zy, other = person
    preview = session.privacy().erasure_preview(zy.id)
    # 2017 is past the 7 years (kept to the end of 2024); 2026 is kept to the end of 2033.
    assert (preview["payments_kept"], preview["payments_purged"]) == (1, 1)
    assert preview["keep_payments_until"] == date(2033, 12, 31)
    result = session.privacy().erase(zy.id)
    assert result.member_number == 1 and result.payments_purged == 1
    assert result.backup is None or result.backup.exists()

    # Every text in every table, as SQL sees it.
    for (table,) in session.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for row in session.db.execute(f'SELECT * FROM "{table}"').fetchall():
            text = " ".join(str(v) for v in row if v is not None)
            for secret in PERSONAL:
                assert secret not in text, (table, secret)
    path = session.path
    session.close()
    # Every byte of the file and its journal: nothing left in free pages or the index.
    raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    for secret in PERSONAL + ["zyxelia", "qwertstrom"]:
        for form in {secret, _folded(secret)}:
            assert form.encode("utf-8") not in raw, form

    again = open_session(path, today=lambda: TODAY)
    try:
        row = again.db.execute(
            "SELECT member_number, status, left_on, leave_reason, joined_on, birth_year, "
            "anonymised_on FROM members WHERE id = ?", [zy.id]).fetchone()
        assert row == (1, "former", "2026-11-25", "resigned", "2015-03-01", 1971, "2026-11-25")
        assert again.db.execute("SELECT paid_on, amount, reference FROM payments WHERE "
                                "member_id = ?", [zy.id]).fetchall() == [
            ("2026-02-10", 36000, "1234")]
        # The other member's note no longer names her; their own record is intact.
        assert again.register().get(other.id).notes == "Ringde … om kaffet"
        assert again.db.execute("SELECT count(*) FROM contacts WHERE member_id = ?",
                                [zy.id]).fetchone()[0] == 1  # outcome kept, notes gone
        [entry] = [e for e in again.privacy().log() if e.action == "erasure"]
        assert entry.member_number == 1 and "payments_kept=1" in entry.detail
        with pytest.raises(DomainError):
            again.privacy().erase(zy.id)
    finally:
        again.close()


def test_a_prospect_needs_a_consent_and_is_deleted_whole_on_erasure(session):
    register = session.register()
    with pytest.raises(DomainError) as info:
        register.save(Member(given_name="Pia", family_name="Sym",
                             status=MembershipStatus.PROSPECT))
    assert info.value.code == "prospect_needs_consent"
    assert session.members.total() == 0
    [pia] = add_members(session, {"given_name": "Pia", "family_name": "Sym",
                                  "status": MembershipStatus.PROSPECT, "joined_on": None})
    assert [c.purpose for c in session.privacy().consents(pia.id)] == [
        ConsentPurpose.PROSPECT_CONTACT]
    result = session.privacy().erase(pia.id)
    assert result.deleted and session.register().get(pia.id) is None


def test_a_prospect_whose_consent_is_withdrawn_is_due(session):
    [pia] = add_members(session, {"given_name": "Pia", "family_name": "Sym",
                                  "status": MembershipStatus.PROSPECT, "joined_on": None})
    privacy = session.privacy()
    assert privacy.due() == []
    [consent] = privacy.consents(pia.id)
    privacy.withdraw_consent(consent.id, date(2026, 11, 1))
    assert [(d.member_id, d.due_on) for d in privacy.due()] == [(pia.id, date(2026, 11, 1))]


def test_retention_lists_who_is_due_and_anonymises_them_keeping_the_figures(session):
    people = add_members(
        session,
        {"given_name": "Ada", "family_name": "Gammal", "email": "ada@example.org"},
        {"given_name": "Bo", "family_name": "Nyss"},
        {"given_name": "Cia", "family_name": "Kvar"},
        {"given_name": "Dan", "family_name": "Arkiv"})
    register = session.register()
    register.leave(people[0].id, date(2025, 6, 30), LeaveReason.RESIGNED)
    register.leave(people[1].id, date(2026, 6, 30), LeaveReason.MOVED)
    register.leave(people[3].id, date(2024, 1, 31), LeaveReason.RESIGNED)
    privacy = session.privacy()
    privacy.give_consent(people[3].id, ConsentPurpose.ARCHIVE, date(2023, 12, 1))
    # Sweden's default: twelve months after leaving.
    assert [(d.name, d.due_on) for d in privacy.due()] == [("Ada Gammal", date(2026, 6, 30))]
    assert privacy.due(date(2027, 6, 30))[-1].name == "Bo Nyss"
    result = privacy.apply_retention()
    assert result.anonymised == 1 and privacy.due() == []
    ada = register.get(people[0].id)
    assert (ada.given_name, ada.email, ada.joined_on, ada.left_on, ada.leave_reason) == (
        "", "", date(2020, 1, 1), date(2025, 6, 30), LeaveReason.RESIGNED)
    assert register.count(["former"]) == 3  # the figures still count her
    assert register.search_ids("Gammal") == []
    [entry] = privacy.log(action="anonymisation")
    assert entry.data["members"] == 1 and "Gammal" not in entry.detail


def test_the_rule_is_a_setting(session):
    privacy = session.privacy()
    assert privacy.rule().months_after_leaving == 12
    privacy.save_rule(RetentionRule(months_after_leaving=3))
    assert session.privacy().rule() == RetentionRule(months_after_leaving=3)


def test_norway_defaults(no_session):
    people = add_members(no_session, {"given_name": "Ola", "family_name": "Ut"})
    no_session.register().leave(people[0].id, date(2026, 11, 20), LeaveReason.RESIGNED)
    assert [d.due_on for d in no_session.privacy().due()] == [date(2026, 11, 20)]
    assert no_session.privacy().erasure_preview(people[0].id)["bookkeeping_years"] == 5


def test_card_consent_dates_and_the_history_stay_in_step(session):
    [eva] = add_members(session, {"given_name": "Eva", "family_name": "Lind",
                                  "newsletter_consent_on": date(2024, 5, 1)})
    privacy = session.privacy()
    [c] = privacy.consents(eva.id)
    assert (c.purpose, c.given_on, c.withdrawn_on) == (ConsentPurpose.NEWSLETTER,
                                                        date(2024, 5, 1), None)
    eva.newsletter_consent_on = None
    session.register().save(eva)
    [c] = privacy.consents(eva.id)
    assert c.withdrawn_on == TODAY
    privacy.give_consent(eva.id, ConsentPurpose.SMS, date(2026, 1, 5))
    assert session.register().get(eva.id).sms_consent_on == date(2026, 1, 5)
    sms = [x for x in privacy.consents(eva.id) if x.purpose is ConsentPurpose.SMS][0]
    privacy.withdraw_consent(sms.id)
    assert session.register().get(eva.id).sms_consent_on is None
    overview = dict((p, (o, w)) for p, o, w in privacy.consent_overview())
    assert overview == {"newsletter": (0, 1), "sms": (0, 1)}


def test_the_audit_log_holds_no_personal_data(session, person, tmp_path):
    from medlemsvard_app.services.exporting import export_members

    zy, other = person
    session.user_name = "Kassören"
    privacy = session.privacy()
    privacy.extract(zy.id)
    export_members(session, [zy.id, other.id], tmp_path / "lista.csv")
    privacy.give_consent(other.id, ConsentPurpose.SMS)
    privacy.erase(zy.id)
    rows = session.db.execute("SELECT * FROM audit_log").fetchall()
    assert len(rows) >= 4
    text = json.dumps([list(r) for r in rows], ensure_ascii=False)
    for secret in PERSONAL + ["Per", "Ek"]:
        assert secret not in text.replace("Kassören", ""), secret
    assert "Kassören" in text
    export = privacy.log(action="export")[0]
    assert export.data == {"encrypted": False, "exported": 2, "file": "lista.csv",
                           "left_out_protected": 0}


def test_record_keeps_codes_and_counts(session):
    audit.record(session, "print_batch", {"kind": "labels", "count": 12,
                                          "note": "line one\nline two"})
    [entry] = audit.entries(session, action="print_batch")
    assert entry.detail == 'kind=labels count=12 note="line one line two"'
    assert entry.user_name  # the login name when the app has none


def test_an_export_into_an_encrypted_zip(session, person, tmp_path):
    import pyzipper

    from medlemsvard_app.services.exporting import ExportError, export_members

    zy, other = person
    target = tmp_path / "medlemmar.xlsx.zip"
    result = export_members(session, [zy.id, other.id], target, zip_passphrase="hemligt ord")
    assert result.exported == 2 and target.exists()
    assert b"Zyxelia" not in target.read_bytes()
    with pyzipper.AESZipFile(target) as archive:
        assert archive.namelist() == ["medlemmar.xlsx"]
        assert archive.infolist()[0].flag_bits & 0x1  # encrypted
        archive.setpassword(b"hemligt ord")
        assert archive.read("medlemmar.xlsx")[:2] == b"PK"
    with pytest.raises(ExportError) as info:
        export_members(session, [zy.id], tmp_path / "x.zip", zip_passphrase="")
    assert info.value.code == "export_zip_passphrase"
    assert privacy_log_has_encrypted(session)


def privacy_log_has_encrypted(session) -> bool:
    return session.privacy().log(action="export")[0].data["encrypted"] is True
