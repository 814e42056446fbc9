"""The welcome checklist's rules with hand-worked dates (today is 2026-11-25)."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.welcome import (
    DEFAULT_STEPS,
    Anchor,
    ContactFact,
    Evidence,
    Fact,
    Mark,
    Me,
    Override,
    StepDef,
    StepState,
    WelcomeSettings,
    checklist,
    contact_evidence,
    in_welcome_period,
    is_mine,
    roles_of,
    step_status,
)

DAY = date(2026, 11, 25)
JOINED = date(2026, 11, 1)


def states(rows):
    return {s.step: s.state for s in rows}


def test_a_member_who_joined_on_1_november_on_25_november():
    # lead 14 days: letter by 8 Nov, call by 15 Nov, interests by 22 Nov are past;
    # the mentor (by 1 Dec) shows as due from 17 Nov; coffee (by 16 Dec) from 2 Dec.
    rows = checklist(WelcomeSettings(), JOINED, DAY)
    assert states(rows) == {
        "letter": StepState.OVERDUE, "call": StepState.OVERDUE,
        "interests": StepState.OVERDUE, "mentor": StepState.DUE,
        "meeting_invite": StepState.DUE, "coffee": StepState.NOT_YET,
        "task": StepState.NOT_YET, "first_activity": StepState.NOT_YET,
        "after_activity": StepState.NOT_YET,
    }
    by = {s.step: s for s in rows}
    assert by["letter"].due_on == date(2026, 11, 8)
    assert by["mentor"].due_on == date(2026, 12, 1)
    assert by["mentor"].starts_on == date(2026, 11, 17)
    assert by["coffee"].starts_on == date(2026, 12, 2)
    # The day after the first activity has no date until there is a first activity.
    assert by["after_activity"].due_on is None


def test_due_on_its_date_and_overdue_the_day_after():
    step = StepDef("call", Anchor.JOINED, 14)
    assert step_status(step, JOINED, date(2026, 11, 15)).state is StepState.DUE
    assert step_status(step, JOINED, date(2026, 11, 16)).state is StepState.OVERDUE
    # Shown as due from 14 days before its date, never before joining.
    assert step_status(step, JOINED, date(2026, 11, 1)).state is StepState.DUE
    late = StepDef("task", Anchor.JOINED, 45)
    assert step_status(late, JOINED, date(2026, 12, 1)).state is StepState.NOT_YET
    assert step_status(late, JOINED, date(2026, 12, 2)).state is StepState.DUE
    # With no lead a step is due on its day only.
    assert step_status(late, JOINED, date(2026, 12, 15), lead_days=0).state is \
        StepState.NOT_YET
    assert step_status(late, JOINED, date(2026, 12, 16), lead_days=0).state is StepState.DUE


def test_the_message_after_the_first_activity_counts_from_that_activity():
    came = Evidence(Fact.FIRST_ACTIVITY, date(2026, 11, 20), "Pub evening")
    rows = {s.step: s for s in checklist(WelcomeSettings(), JOINED, DAY,
                                         {Fact.FIRST_ACTIVITY: came})}
    assert rows["first_activity"].state is StepState.DONE
    assert rows["first_activity"].done_on == date(2026, 11, 20)
    # Due the day after (21 Nov); on 25 Nov four days late.
    assert rows["after_activity"].due_on == date(2026, 11, 21)
    assert rows["after_activity"].state is StepState.OVERDUE
    # On the evening of the activity it is already due.
    on_the_day = {s.step: s for s in checklist(WelcomeSettings(), JOINED, date(2026, 11, 20),
                                               {Fact.FIRST_ACTIVITY: came})}
    assert on_the_day["after_activity"].state is StepState.DUE


def test_facts_after_the_day_asked_about_are_not_seen():
    letter = Evidence(Fact.LETTER, date(2026, 11, 26))
    step = DEFAULT_STEPS[0]
    assert step_status(step, JOINED, DAY, evidence=letter).state is StepState.OVERDUE
    assert step_status(step, JOINED, date(2026, 11, 26), evidence=letter).state is \
        StepState.DONE
    later_mark = Override("letter", Mark.SKIPPED, date(2026, 11, 30), "abroad")
    assert step_status(step, JOINED, DAY, override=later_mark).state is StepState.OVERDUE


def test_a_persons_mark_wins_over_what_the_app_saw():
    step = DEFAULT_STEPS[1]  # the welcome call
    reached = Evidence(Fact.CALL, date(2026, 11, 3), "Anna")
    assert step_status(step, JOINED, DAY, evidence=reached).state is StepState.DONE
    # Unticked: the call was logged on the wrong member; the step is open again.
    open_ = Override("call", Mark.OPEN, date(2026, 11, 20))
    status = step_status(step, JOINED, DAY, evidence=reached, override=open_)
    assert status.state is StepState.OVERDUE and status.evidence == reached
    skipped = Override("call", Mark.SKIPPED, date(2026, 11, 20), "Has no phone")
    assert step_status(step, JOINED, DAY, override=skipped).state is StepState.SKIPPED
    ticked = Override("call", Mark.DONE, date(2026, 11, 10))
    status = step_status(step, JOINED, DAY, override=ticked)
    assert status.state is StepState.DONE and status.done_on == date(2026, 11, 10)


def test_the_welcome_period_cut_off():
    # 90 days before 25 Nov 2026 is 27 Aug 2026.
    assert in_welcome_period(date(2026, 8, 27), DAY, 90)
    assert not in_welcome_period(date(2026, 8, 26), DAY, 90)
    assert in_welcome_period(DAY, DAY, 90)
    assert not in_welcome_period(date(2026, 11, 26), DAY, 90)
    assert not in_welcome_period(None, DAY, 90)


def test_contacts_complete_the_call_interests_coffee_and_the_message_after():
    contacts = [
        ContactFact(date(2026, 11, 2), "phone", "no_answer", False, "Anna"),
        ContactFact(date(2026, 11, 4), "phone", "reached", True, "Anna"),
        ContactFact(date(2026, 11, 12), "meeting", None, False),
        ContactFact(date(2026, 11, 20), "sms", None, False),
        ContactFact(date(2026, 11, 21), "sms", None, False),
    ]
    found = contact_evidence(contacts, first_activity_on=date(2026, 11, 20))
    assert found[Fact.CALL] == Evidence(Fact.CALL, date(2026, 11, 4), "Anna")
    assert found[Fact.INTERESTS].on == date(2026, 11, 4)
    assert found[Fact.MET].on == date(2026, 11, 12)
    # The message on the day of the activity is the reminder, not the thank-you.
    assert found[Fact.AFTER_ACTIVITY].on == date(2026, 11, 21)
    assert Fact.AFTER_ACTIVITY not in contact_evidence(contacts)


def test_mine_by_role_mentor_and_caller():
    board = [("membership_officer", "Anna Lind"), ("chair", "Bo Ek")]
    me = Me("anna lind", roles_of("anna lind", board))
    assert me.roles == frozenset({"membership_officer"})
    assert is_mine("membership_officer", me)
    assert not is_mine("chair", me)
    assert is_mine("mentor", me, mentor_name="Anna Lind")
    assert not is_mine("mentor", me, mentor_name="Bo Ek")
    assert is_mine("caller", me, caller_name="ANNA LIND")
    assert not is_mine("caller", Me(), caller_name="")


def test_settings_round_trip_and_checks():
    settings = WelcomeSettings(period_days=60)
    own = StepDef(settings.new_code(), Anchor.JOINED, 10, "treasurer", title="Give a badge")
    settings = settings.with_step(own)
    back = WelcomeSettings.from_dict(settings.to_dict())
    assert back == settings and back.step("own_1").title == "Give a badge"
    assert WelcomeSettings.from_dict({}) == WelcomeSettings()
    with pytest.raises(DomainError) as exc:
        WelcomeSettings(period_days=3)
    assert exc.value.code == "welcome_period_invalid"
    with pytest.raises(DomainError):
        WelcomeSettings(steps=(StepDef("own_1", title=""),))
    with pytest.raises(DomainError):
        WelcomeSettings(steps=(StepDef("letter", owner="king"),))
    with pytest.raises(DomainError):
        WelcomeSettings(steps=(DEFAULT_STEPS[0], DEFAULT_STEPS[0]))
