"""The welcome checklist over a real association file: who has it, what ticks its steps,
what a person decides, and tasks with suggestions and offers."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.calls import CallOutcome
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.tasks import OfferAnswer, Task, TaskStatus
from medlemsvard_app.domain.welcome import Fact, Mark, StepState, WelcomeSettings
from medlemsvard_app.services.session import open_session
from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from tests.conftest import TODAY, add_members


@pytest.fixture
def people(session):
    return add_members(
        session,
        {"given_name": "Astrid", "family_name": "Berg", "member_number": 1,
         "phone": "0701234561", "joined_on": date(2026, 11, 1)},
        {"given_name": "Björn", "family_name": "Dahl", "member_number": 2,
         "joined_on": date(2026, 8, 27)},
        {"given_name": "Cecilia", "family_name": "Ek", "member_number": 3,
         "joined_on": date(2026, 8, 26)},
        {"given_name": "David", "family_name": "Falk", "member_number": 4,
         "joined_on": date(2015, 3, 1), "interests": ["Foto", "Skriva"]},
        {"given_name": "Eva", "family_name": "Gran", "member_number": 5,
         "joined_on": date(2026, 10, 1), "status": "former", "left_on": date(2026, 11, 10),
         "leave_reason": "moved"},
    )


def _activity(session, title: str, on: date, kind: str = "meeting") -> int:
    cur = session.db.execute("INSERT INTO activities (title, kind, on_date) VALUES (?, ?, ?)",
                             [title, kind, on.isoformat()])
    return cur.lastrowid


def _attend(session, activity_id: int, member_id: int, attended: bool = True,
            signed_up_on: date | None = None) -> None:
    session.db.execute(
        "INSERT INTO activity_people (activity_id, member_id, signed_up_on, attended) "
        "VALUES (?, ?, ?, ?)",
        [activity_id, member_id, signed_up_on.isoformat() if signed_up_on else None,
         int(attended)])


def test_only_members_who_joined_within_the_period_have_the_checklist(session, people):
    rows = session.welcome().overview(TODAY).rows
    assert [r.member.member_number for r in rows] == [1, 2]
    # With a shorter period only the newest remains; an earlier day sees Eva, who had
    # not left yet.
    session.welcome().save_settings(WelcomeSettings(period_days=60))
    assert [r.member.member_number for r in session.welcome().overview(TODAY).rows] == [1]
    assert [r.member.member_number
            for r in session.welcome().overview(date(2026, 11, 5)).rows] == [1, 5]


def test_steps_tick_themselves_from_what_happened(session, people):
    astrid = people[0]
    david = people[3]
    welcome = session.welcome()
    MailingRepository(session.db).record(Mailing("letter", date(2026, 11, 5), "welcome"),
                                         [astrid.id])
    session.calls().log(astrid.id, CallOutcome.REACHED, date(2026, 11, 6),
                        wants="Foto", good_at="Skriva")
    meeting = _activity(session, "Träff för nya", date(2026, 11, 18), "new_member_meeting")
    _attend(session, meeting, astrid.id, signed_up_on=date(2026, 11, 7))
    session.db.execute("INSERT INTO contacts (member_id, on_date, channel) VALUES (?, ?, 'sms')",
                       [astrid.id, "2026-11-19"])
    welcome.set_mentor(astrid.id, david.id, date(2026, 11, 8))
    tasks = session.tasks()
    task = tasks.save(Task("Medlemsbladet", tags=["Skriva"]))
    tasks.offer(task.id, astrid.id, date(2026, 11, 9))

    row = welcome.row(astrid.id, TODAY)
    assert row is not None
    got = {s.step: (s.state, s.done_on) for s in row.steps}
    assert got["letter"] == (StepState.DONE, date(2026, 11, 5))
    assert got["call"] == (StepState.DONE, date(2026, 11, 6))
    assert got["interests"] == (StepState.DONE, date(2026, 11, 6))
    assert got["mentor"] == (StepState.DONE, date(2026, 11, 8))
    assert got["meeting_invite"] == (StepState.DONE, date(2026, 11, 7))
    assert got["task"] == (StepState.DONE, date(2026, 11, 9))
    assert got["first_activity"] == (StepState.DONE, date(2026, 11, 18))
    assert got["after_activity"] == (StepState.DONE, date(2026, 11, 19))
    assert got["coffee"][0] is StepState.NOT_YET
    assert row.mentor is not None and row.mentor.name == "David Falk"
    assert row.state("first_activity").evidence.detail == "Träff för nya"

    # As of 6 November: the letter and the call, nothing later.
    early = {s.step: s.state for s in welcome.row(astrid.id, date(2026, 11, 6)).steps}
    assert early["letter"] is StepState.DONE and early["call"] is StepState.DONE
    assert early["mentor"] is StepState.NOT_YET and early["first_activity"] is \
        StepState.NOT_YET


def test_a_call_before_joining_or_unanswered_does_not_count(session, people):
    bjorn = people[1]
    session.calls().log(bjorn.id, CallOutcome.NO_ANSWER, date(2026, 9, 1))
    evidence = session.welcome().evidence([bjorn.id], TODAY)[bjorn.id]
    assert Fact.CALL not in evidence


def test_tick_untick_skip_and_back_to_automatic(session, people):
    astrid = people[0]
    welcome = session.welcome()
    MailingRepository(session.db).record(Mailing("letter", date(2026, 11, 5), "welcome"),
                                         [astrid.id])
    with pytest.raises(DomainError) as exc:
        welcome.mark(astrid.id, "coffee", Mark.SKIPPED, TODAY)
    assert exc.value.code == "skip_needs_note"
    welcome.mark(astrid.id, "coffee", Mark.SKIPPED, TODAY, "Lives abroad until spring")
    welcome.mark(astrid.id, "letter", Mark.OPEN, TODAY)
    welcome.mark(astrid.id, "call", Mark.DONE, TODAY)
    # Reopened in a new session: the marks are in the file.
    other = open_session(session.path, today=lambda: TODAY)
    try:
        row = other.welcome().row(astrid.id)
    finally:
        other.close()
    by = {s.step: s for s in row.steps}
    assert by["coffee"].state is StepState.SKIPPED
    assert by["coffee"].override.note == "Lives abroad until spring"
    assert by["letter"].state is StepState.OVERDUE  # unticked although printed
    assert by["call"].state is StepState.DONE and by["call"].done_on == TODAY
    welcome.reset(astrid.id, "letter")
    assert welcome.row(astrid.id).state("letter").state is StepState.DONE


def test_marks_are_refused_for_members_who_are_not_new(session, people):
    welcome = session.welcome()
    with pytest.raises(DomainError) as exc:
        welcome.mark(people[3].id, "letter", Mark.DONE, TODAY)
    assert exc.value.code == "welcome_not_new"
    with pytest.raises(DomainError):
        welcome.mark(people[0].id, "no_such_step", Mark.DONE, TODAY)
    with pytest.raises(DomainError):
        welcome.set_mentor(people[0].id, people[0].id)
    with pytest.raises(DomainError) as exc:
        welcome.mark(people[0].id, "letter", Mark.DONE, date(2026, 10, 31))
    assert exc.value.code == "mark_before_joined"
    with pytest.raises(DomainError) as exc:
        welcome.mark(people[0].id, "letter", Mark.DONE, date(2026, 11, 26))
    assert exc.value.code == "mark_in_future"
    assert welcome.row(people[3].id) is None


def test_settings_are_kept_in_the_file(session):
    welcome = session.welcome()
    assert welcome.settings() == WelcomeSettings()
    changed = WelcomeSettings(period_days=120, lead_days=7)
    welcome.save_settings(changed)
    assert session.welcome().settings() == changed


def test_tasks_suggest_members_and_members_tasks(session, people):
    astrid, _bjorn, _cecilia, david, _eva = people
    tasks = session.tasks()
    paper = tasks.save(Task("Medlemsbladet", "Fyra nummer om året", ["Skriva", "Foto"],
                            "Anna"))
    stall = tasks.save(Task("Bokbord", tags=["Kampanj"]))
    assert paper.created_on == TODAY
    session.calls().log(astrid.id, CallOutcome.REACHED, date(2026, 11, 6), wants="Foto")
    found = tasks.suggest_members(paper.id)
    assert [m.id for m in found] == [david.id, astrid.id]
    assert found[0].shared == ("foto", "skriva")
    assert [m.id for m in tasks.suggest_tasks(david.id)] == [paper.id]
    assert tasks.suggest_tasks(_bjorn.id) == []

    offer = tasks.offer(paper.id, david.id, date(2026, 11, 20))
    assert offer.answer is OfferAnswer.THINKING and offer.answered_on is None
    # Already offered: not suggested again, either way.
    assert [m.id for m in tasks.suggest_members(paper.id)] == [astrid.id]
    assert tasks.suggest_tasks(david.id) == []
    accepted = tasks.answer(offer, OfferAnswer.ACCEPTED, date(2026, 11, 22))
    assert accepted.answered_on == date(2026, 11, 22)
    assert tasks.get(paper.id).status is TaskStatus.OPEN  # the user says when it is filled
    tasks.set_status(paper.id, TaskStatus.FILLED)
    assert [o.answer for o in tasks.offers_for_member(david.id)] == [OfferAnswer.ACCEPTED]
    assert tasks.offer_counts()[paper.id] == {"accepted": 1}
    assert [t.id for t in tasks.tasks((TaskStatus.OPEN,))] == [stall.id]
    with pytest.raises(DomainError):
        tasks.offer(stall.id, astrid.id, date(2026, 10, 1))  # before she joined
