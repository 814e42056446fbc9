"""ActivityService against a real association file: plan, sign up, take attendance, remind,
evaluate, export."""

from __future__ import annotations

from datetime import date, time

import pytest

from medlemsvard_app.domain.activities import Activity, Evaluation, SignUpVia
from medlemsvard_app.domain.errors import DomainError, ValidationError
from medlemsvard_app.services.session import open_session
from tests.conftest import TODAY, add_members


@pytest.fixture
def people(session):
    return add_members(
        session,
        {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
         "phone": "0701234561"},
        {"given_name": "Björn", "family_name": "Dahl", "member_number": 2,
         "phone": "0701234562"},
        {"given_name": "Cecilia", "family_name": "Ek", "member_number": 3},
        {"given_name": "Örjan", "family_name": "Åkesson", "member_number": 4})


def test_create_edit_cancel_and_delete(session):
    service = session.activities()
    meeting = service.save(Activity("Höstmöte", date(2026, 12, 3), "Member meeting",
                                    time(18, 30), time(20), place="ABF"))
    assert meeting.id is not None
    assert service.get(meeting.id).kind == "Member meeting"  # the words are the UI's job
    meeting.title = "Höstmöte 2026"
    service.save(meeting)
    assert service.get(meeting.id).title == "Höstmöte 2026"
    service.cancel(meeting.id)
    assert service.get(meeting.id).cancelled
    service.delete(meeting.id)
    with pytest.raises(DomainError):
        service.get(meeting.id)
    with pytest.raises(ValidationError):
        service.save(Activity("", TODAY))


def test_upcoming_and_past(session):
    service = session.activities()
    for title, day in (("A", date(2026, 11, 1)), ("B", TODAY), ("C", date(2026, 12, 1)),
                       ("D", date(2026, 10, 1))):
        service.save(Activity(title, day))
    assert [r.activity.title for r in service.upcoming()] == ["B", "C"]
    assert [r.activity.title for r in service.past()] == ["A", "D"]


def test_sign_ups_attendance_and_first_timers(session, people):
    service = session.activities()
    astrid, bjorn, cecilia, orjan = (m.id for m in people)
    earlier = service.save(Activity("Sommarfest", date(2026, 6, 13), "party"))
    service.set_attendance(earlier.id, [astrid])
    meeting = service.save(Activity("Medlemsmöte", date(2026, 11, 24), "meeting", time(18)))
    assert service.sign_up(meeting.id, astrid, SignUpVia.LIST)
    assert service.sign_up(meeting.id, bjorn, SignUpVia.CARD)
    assert not service.sign_up(meeting.id, bjorn, SignUpVia.CALL)  # already on the list
    result = service.set_attendance(meeting.id, [astrid, cecilia], guests=2)
    assert (result.came, result.guests, result.first_timers) == (2, 2, [cecilia])
    people_now = {p.member_id: p for p in service.people(meeting.id)}
    assert set(people_now) == {astrid, bjorn, cecilia}  # Cecilia walked in
    assert people_now[cecilia].attended and not people_now[cecilia].signed_up
    assert people_now[cecilia].first_time and not people_now[astrid].first_time
    assert not people_now[bjorn].attended and people_now[bjorn].signed_up
    # Taking attendance again replaces it; a walk-in who is unticked leaves the list.
    service.set_attendance(meeting.id, [astrid, bjorn])
    assert {p.member_id for p in service.people(meeting.id)} == {astrid, bjorn}
    assert service.get(meeting.id).guests == 2
    rows = service.past()
    assert (rows[0].signed_up, rows[0].came) == (2, 2)
    assert service.first_attended([astrid, bjorn, orjan]) == {
        astrid: date(2026, 6, 13), bjorn: date(2026, 11, 24)}
    # A cancelled activity does not count as anyone's first.
    service.cancel(earlier.id)
    assert set(service.first_timers(meeting.id)) == {astrid, bjorn}


def test_the_reminder_list_the_day_before(session, people):
    service = session.activities()
    astrid, bjorn, cecilia, _o = (m.id for m in people)
    tomorrow = service.save(Activity("Studiecirkel", date(2026, 11, 26), "study_circle",
                                     time(18)))
    later = service.save(Activity("Fest", date(2026, 12, 12), "party"))
    for m in (astrid, bjorn, cecilia):
        service.sign_up(tomorrow.id, m)
    service.sign_up(later.id, astrid)
    due = service.reminders(TODAY)
    assert [(r.activity.id, r.person.name) for r in due] == [
        (tomorrow.id, "Astrid Berg"), (tomorrow.id, "Björn Dahl"), (tomorrow.id, "Cecilia Ek")]
    assert due[0].person.phone == "070-123 45 61"
    service.mark_reminded(tomorrow.id, [astrid, bjorn])
    assert [r.person.name for r in service.reminders(TODAY)] == ["Cecilia Ek"]
    assert service.reminders(date(2026, 11, 24)) == []


def test_evaluations_are_kept_and_shown_for_the_same_kind(session):
    service = session.activities()
    first = service.save(Activity("Cirkel 1", date(2026, 3, 1), "study_circle"))
    second = service.save(Activity("Cirkel 2", date(2026, 9, 1), "study_circle"))
    party = service.save(Activity("Fest", date(2026, 6, 1), "party"))
    service.save_evaluation(Evaluation(first.id, date(2026, 3, 2), worked="Fika",
                                       did_not_work="Lokalen", came=8, joined=1))
    service.save_evaluation(Evaluation(second.id, date(2026, 9, 2), worked="Bra ledare",
                                       came=11))
    service.save_evaluation(Evaluation(party.id, date(2026, 6, 2), worked="Musik"))
    previous = service.previous_evaluations("study_circle", before=TODAY)
    assert [(a.title, e.came) for a, e in previous] == [("Cirkel 2", 11), ("Cirkel 1", 8)]
    assert service.evaluation(first.id).did_not_work == "Lokalen"
    # An emptied form removes the evaluation.
    service.save_evaluation(Evaluation(party.id, date(2026, 6, 3)))
    assert service.evaluation(party.id) is None


def test_attendance_survives_reopening_the_file(session, people):
    service = session.activities()
    meeting = service.save(Activity("Möte", TODAY))
    service.set_attendance(meeting.id, [people[0].id, people[1].id], guests=1)
    path = session.path
    session.close()
    again = open_session(path, today=lambda: TODAY)
    try:
        rows = again.activities().past(date(2026, 11, 26))
        assert (rows[0].came, rows[0].activity.guests) == (2, 1)
    finally:
        again.close()


def test_export_ics_writes_the_upcoming_activities(session, tmp_path):
    service = session.activities()
    service.save(Activity("Förr", date(2026, 1, 1)))
    service.save(Activity("Medlemsmöte, höst", date(2026, 12, 3), "meeting", time(18),
                          time(20), place="Folkets hus", purpose="Planera våren"))
    target = tmp_path / "a.ics"
    assert service.export_ics(target) == 1
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    text = raw.decode("utf-8")
    assert "SUMMARY:Medlemsmöte\\, höst\r\n" in text
    assert "DTSTART;TZID=Europe/Stockholm:20261203T180000\r\n" in text
    assert "Purpose: Planera våren" in text
    assert "Förr" not in text


def test_calendar_uids_stay_when_the_association_is_renamed(session):
    service = session.activities()
    meeting = service.save(Activity("Möte", date(2026, 12, 3)))
    before = service.ics([meeting])
    assoc = session.association
    assoc.name = "Nytt namn"
    session.save_association(assoc)
    after = service.ics([meeting])
    uid = [line for line in before.split("\r\n") if line.startswith("UID:")]
    assert uid and uid == [line for line in after.split("\r\n") if line.startswith("UID:")]


def test_attendance_cannot_be_taken_before_the_activity(session):
    from datetime import timedelta

    import pytest

    from medlemsvard_app.domain.activities import Activity
    from medlemsvard_app.domain.errors import DomainError
    from tests.conftest import TODAY, add_members

    [anna] = add_members(session, {"given_name": "Anna", "family_name": "Ek"})
    service = session.activities()
    later = service.save(Activity("Julgröt", TODAY + timedelta(days=20)))
    with pytest.raises(DomainError) as caught:
        service.set_attendance(later.id, [anna.id])
    assert caught.value.code == "attendance_in_future"
    assert service.set_attendance(later.id, []).came == 0  # clearing is always allowed
