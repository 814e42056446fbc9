"""Letters use cases: templates, who is left out (and counted), the fields a letter fills
in, the payment box, and the log after a good print."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, time

import pytest
from pypdf import PdfReader

from medlemsvard_app.domain.activities import Activity
from medlemsvard_app.domain.letters import LetterTemplate
from medlemsvard_app.domain.models import BoardPost, BoardRole, MembershipStatus, PreferredChannel
from medlemsvard_app.services.letters import NEW_WITHOUT_WELCOME, BatchCancelled
from medlemsvard_app.storage.audit import AuditRepository
from medlemsvard_app.storage.mailings import MailingRepository
from tests.conftest import TODAY, add_members


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _address(i: int) -> dict:
    return {"street": f"Gatan {i}", "postal_code": "11122", "city": "Stockholm"}


@pytest.fixture
def people(session):
    return add_members(
        session,
        {"given_name": "Anna", "family_name": "Ek", **_address(1),
         "joined_on": date(2026, 9, 1)},
        {"given_name": "Bo", "family_name": "Ek", **_address(2), "protected_identity": True,
         "joined_on": date(2026, 9, 1)},
        {"given_name": "Cecilia", "family_name": "Ek", **_address(3), "email": "c@example.se",
         "preferred_channel": PreferredChannel.EMAIL, "joined_on": date(2026, 9, 1)},
        {"given_name": "David", "family_name": "Ek", "city": "Stockholm",
         "joined_on": date(2026, 9, 1)},  # no street
        {"given_name": "Eva", "family_name": "Ek", **_address(5),
         "preferred_channel": PreferredChannel.PHONE, "joined_on": date(2018, 1, 1)},
        {"given_name": "Fia", "family_name": "Ek", **_address(6), "joined_on": date(2015, 1, 1),
         "status": MembershipStatus.FORMER, "left_on": date(2025, 1, 1),
         "leave_reason": "resigned"},
    )


def test_left_out_members_are_counted_by_reason(session, people):
    chosen = session.letters().recipients()
    names = {m.id: m.given_name for m in people}
    assert [names[i] for i in chosen.member_ids] == ["Anna", "Eva"]
    left = chosen.left_out
    assert [names[i] for i in left.protected] == ["Bo"]
    assert [names[i] for i in left.no_post] == ["Cecilia"]
    assert [names[i] for i in left.incomplete] == ["David"]
    assert left.total == 3


def test_an_explicit_selection_is_also_screened(session, people):
    ids = [people[1].id, people[5].id]
    chosen = session.letters().recipients(member_ids=ids)
    assert chosen.member_ids == (people[5].id,)  # a former member chosen by hand gets one
    assert chosen.left_out.protected == (people[1].id,)


def test_new_members_without_a_welcome_letter_and_the_log(session, people):
    letters = session.letters()
    first = letters.recipients([NEW_WITHOUT_WELCOME])
    assert first.member_ids == (people[0].id,)
    batch = letters.make(letters.template("welcome", "sv"), first.member_ids,
                         left_out=first.left_out)
    assert letters.recipients([NEW_WITHOUT_WELCOME]).member_ids == (people[0].id,)  # not yet
    letters.record_printed(batch)
    sent = MailingRepository(session.db).first_sent("letter", "welcome")
    assert sent == {people[0].id: TODAY}
    assert letters.recipients([NEW_WITHOUT_WELCOME]).member_ids == ()
    [mailing] = MailingRepository(session.db).recent()
    assert (mailing.kind, mailing.template, mailing.member_count, mailing.left_out) == (
        "letter", "welcome", 1, 3)
    [entry] = AuditRepository(session.db).entries(action="print_batch")
    assert entry.data["kind"] == "letter" and entry.data["letters"] == 1
    assert entry.object_kind == "mailing" and "Anna" not in entry.detail  # never a name


def test_templates_save_reset_and_default(session):
    letters = session.letters()
    default = letters.template("thanks", "nb")
    assert not letters.is_customised("thanks", "nb")
    own = replace(default, body="Tusen takk, {call_name}!")
    letters.save_template(own)
    assert letters.is_customised("thanks", "nb")
    assert letters.template("thanks", "nb").body == "Tusen takk, {call_name}!"
    assert letters.template("thanks", "sv") == letters.template("thanks", "sv")  # untouched
    letters.save_template(default)  # the same text as the app's is no edit
    assert not letters.is_customised("thanks", "nb")
    letters.save_template(own)
    assert letters.reset_template("thanks", "nb") == default
    assert letters.template("thanks", "nb") == default


def test_unknown_field_prints_as_written_and_is_reported(session, people):
    letters = session.letters()
    tpl = LetterTemplate("welcome", "en", "Hi {call_name}", "Dear {cal_name},", "")
    assert letters.unknown_fields(tpl) == ["cal_name"]
    text = _text(letters.make(tpl, [people[0].id]).pdf)
    assert "Hi Anna" in text and "Dear {cal_name}," in text


def test_fields_board_and_upcoming_activities(session, people):
    assoc = session.association
    session.save_association(replace(assoc, city="Stockholm", board=[
        BoardPost(BoardRole.CHAIR, "Åke Ödmark", phone="0701112233", email="ake@example.se"),
        BoardPost(BoardRole.MEMBERSHIP_OFFICER, "Gülşen Ağaoğlu", email="g@example.se")]))
    activities = session.activities()
    activities.save(Activity("Julfika", date(2026, 12, 5), starts_at=time(14, 0),
                             place="Folkets hus"))
    activities.save(Activity("Inställt möte", date(2026, 12, 6), cancelled=True))
    activities.save(Activity("Gammalt möte", date(2026, 11, 1)))
    text = _text(session.letters().make_for("welcome", "sv", member_ids=[people[0].id]).pdf)
    assert "Hej Anna!" in text
    assert "Julfika" in text and "Folkets hus" in text and "5 december" in text
    assert "Inställt möte" not in text and "Gammalt möte" not in text
    assert "Åke Ödmark" in text and "ake@example.se" in text
    assert "Gülşen Ağaoğlu" in text  # the signature and the footer
    assert "25 november 2026" in text


def test_the_dues_reminder_has_amount_reference_and_swish(session, people):
    session.save_association(replace(session.association, bankgiro="123-4567",
                                     swish="1234567890"))
    letters = session.letters()
    anna = people[0]
    reference = session.dues().member_dues(anna.id).reference
    assert reference
    text = _text(letters.make_for("dues_reminder", "sv", member_ids=[anna.id]).pdf)
    assert reference in text and "123-4567" in text and "Swish" in text
    ctx = letters.context("sv")
    letter = letters.letter(ctx, letters.template("dues_reminder", "sv"), anna)
    assert letter.payment is not None
    assert letter.payment.qr_payload.startswith("C1234567890;")
    assert letter.payment.qr_payload.endswith(f";{reference};0")


def test_norway_prints_kid_and_no_swish(no_session):
    [kari] = add_members(no_session, {"given_name": "Kari", "family_name": "Ødegård",
                                      "street": "Storgata 1", "postal_code": "0155",
                                      "city": "Oslo"})
    no_session.save_association(replace(no_session.association, bank_account="1503.28.99525",
                                        swish="1234567890"))
    letters = no_session.letters()
    letter = letters.letter(letters.context("nb"), letters.template("dues_reminder", "nb"),
                            kari)
    labels = [label for label, _value in letter.payment.rows]
    assert "KID" in labels and not letter.payment.qr_payload
    assert letter.address[-1] == "0155 Oslo"


def test_cancelling_stops_the_batch(session, people):
    letters = session.letters()
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 1

    with pytest.raises(BatchCancelled):
        letters.make(letters.template("welcome", "sv"), [people[0].id, people[4].id] * 10,
                     progress=progress)
    assert MailingRepository(session.db).recent() == []


def test_print_settings_are_stored(session):
    letters = session.letters()
    assert letters.envelope().id == "DIN-A"
    letters.set_envelope("SE-H2")
    letters.set_offset("", 1.5, -30)
    assert letters.envelope().id == "SE-H2"
    assert letters.offset("") == (1.5, -10.0)
    assert letters.offset("Kontorets skrivare") == (0.0, 0.0)
