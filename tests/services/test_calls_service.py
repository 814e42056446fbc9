"""Calling rounds through a real file: who is proposed, the split, the queue, logging."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.calls import CallOutcome, Mood, RoundPurpose
from medlemsvard_app.domain.dues_calendar import with_changes
from medlemsvard_app.domain.dues_state import MandateStatus
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import LeaveReason, PreferredChannel
from tests.conftest import add_members

P = RoundPurpose


def _people(session):
    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=2025))
    people = add_members(
        session,
        {"given_name": "Anna", "family_name": "Ek", "member_number": 1, "phone": "0701234567",
         "joined_on": date(2020, 1, 1)},
        {"given_name": "Bo", "family_name": "Berg", "member_number": 2, "phone": "0701234568",
         "joined_on": date(2020, 1, 1)},
        {"given_name": "Cia", "family_name": "Dahl", "member_number": 3, "phone": "0701234569",
         "joined_on": date(2026, 3, 20)},
        {"given_name": "Dan", "family_name": "Falk", "member_number": 4, "phone": "",
         "joined_on": date(2020, 1, 1)},
        {"given_name": "Eva", "family_name": "Gran", "member_number": 5, "phone": "0701234570",
         "joined_on": date(2020, 1, 1), "do_not_call": True},
        {"given_name": "Fia", "family_name": "Holm", "member_number": 6, "phone": "0701234571",
         "joined_on": date(2020, 1, 1), "preferred_channel": PreferredChannel.EMAIL},
    )
    for person in people[:1]:
        for year in (2025, 2026):
            dues.record_payment(person.id, 36000, date(year, 2, 20), periods=(year, year))
    dues.record_payment(people[1].id, 36000, date(2025, 2, 20), periods=(2025, 2025))
    return people


def test_the_plan_on_a_day_in_april(session):
    anna, bo, cia, *_ = _people(session)
    plan = {p.purpose: p.member_ids for p in session.calls().plan(date(2026, 4, 10))}
    assert plan[P.NEW_MEMBERS] == [cia.id]
    # Bo has not paid 2026; Cia's intro fee is unpaid; nobody without a phone, nobody who
    # said "do not call", nobody who asked for e-mail.
    assert sorted(plan[P.REMINDER_UNPAID]) == sorted([bo.id, cia.id])
    assert P.INVOICE_ALL not in plan


def test_start_split_and_same_caller_next_time(session):
    anna, bo, cia, *_ = _people(session)
    calls = session.calls()
    a, b = calls.add_caller("Karin"), calls.add_caller("Lars")
    first = calls.start(P.INVOICE_ALL, [a.id, b.id], date(2026, 2, 5))
    split = calls.repo.round_assignment(first.id)
    assert sorted(split) == sorted([anna.id, bo.id])
    assert sorted(split.values()) == sorted([a.id, b.id])
    second = calls.start(P.REMINDER_UNPAID, [b.id, a.id], date(2026, 4, 10))
    assert calls.repo.round_assignment(second.id)[bo.id] == split[bo.id]
    # Once started, the round is not proposed again for the same people.
    plan = {p.purpose: p.member_ids for p in calls.plan(date(2026, 4, 11))}
    assert plan[P.REMINDER_UNPAID] == []


def test_unreached_come_back_and_the_reached_leave_the_queue(session):
    anna, bo, cia, *_ = _people(session)
    calls = session.calls()
    k = calls.add_caller("Karin")
    rnd = calls.start(P.REMINDER_UNPAID, [k.id], date(2026, 4, 10))
    queue = [e.member_id for e in calls.queue(rnd.id, k.id, date(2026, 4, 10))]
    assert queue == [cia.id, bo.id]  # the new member first
    calls.log(bo.id, CallOutcome.NO_ANSWER, date(2026, 4, 10))
    assert [e.member_id for e in calls.queue(rnd.id, k.id, date(2026, 4, 11))] == [cia.id]
    assert [e.member_id for e in calls.queue(rnd.id, k.id, date(2026, 4, 13))] == \
        [cia.id, bo.id]
    calls.log(cia.id, CallOutcome.REACHED, date(2026, 4, 13), mood=Mood.POSITIVE,
              satisfaction=4, wants="studiecirkel, valarbete", good_at="affischer",
              direct_debit_interest=True)
    assert [e.member_id for e in calls.queue(rnd.id, k.id, date(2026, 4, 13))] == [bo.id]
    cia_now = session.members.get(cia.id)
    assert cia_now.interests == ["studiecirkel", "valarbete"]
    assert cia_now.skills == ["affischer"]
    assert session.dues().member_dues(cia.id).mandates[-1].status is MandateStatus.FORM_SENT
    [contact] = calls.contacts(cia.id)
    assert (contact.round_id, contact.caller_id, contact.satisfaction) == (rnd.id, k.id, 4)
    overview = calls.overview(rnd.id)
    assert overview["members"] == 2 and overview["called"] == 2 and overview["reached"] == 1
    assert overview["callers"] == [("Karin", 2, 2, 1)]


def test_do_not_call_is_kept_on_the_member(session):
    anna, *_ = _people(session)
    session.calls().log(anna.id, CallOutcome.DO_NOT_CALL, date(2026, 4, 10))
    assert session.members.get(anna.id).do_not_call
    assert anna.id not in session.calls().selection(P.INVOICE_ALL, date(2026, 4, 10))


def test_former_members_are_asked_why_once(session):
    anna, bo, *_ = _people(session)
    session.register().leave(bo.id, date(2026, 3, 1), LeaveReason.RESIGNED)
    calls = session.calls()
    assert calls.selection(P.FORMER_MEMBERS, date(2026, 4, 1)) == [bo.id]
    calls.log(bo.id, CallOutcome.REACHED, date(2026, 4, 2), note="Flyttat")
    assert calls.selection(P.FORMER_MEMBERS, date(2026, 4, 3)) == []
    assert calls.selection(P.FORMER_MEMBERS, date(2026, 8, 1)) == []  # 90 days have passed


def test_bad_calls_are_refused(session):
    anna, *_ = _people(session)
    calls = session.calls()
    with pytest.raises(DomainError, match="satisfaction_invalid"):
        calls.log(anna.id, CallOutcome.REACHED, date(2026, 4, 10), satisfaction=7)
    with pytest.raises(DomainError, match="call_in_future"):
        calls.log(anna.id, CallOutcome.REACHED, date(2027, 1, 1))
    with pytest.raises(DomainError, match="round_without_callers"):
        calls.start(P.INVOICE_ALL, [], date(2026, 2, 5))
    assert calls.contacts(anna.id) == []


def test_board_members_are_callers_and_talking_points_can_be_edited(session):
    from medlemsvard_app.domain.models import BoardPost, BoardRole

    assoc = session.association
    assoc.board.append(BoardPost(BoardRole.CHAIR, person_name="Sara Ström"))
    session.save_association(assoc)
    calls = session.calls()
    assert [c.name for c in calls.callers()] == ["Sara Ström"]
    built_in = calls.points_for(P.NEW_MEMBERS, "en")
    assert "welcome" in built_in
    calls.save_talking_points(P.NEW_MEMBERS, "en", "Our own words.")
    assert calls.points_for(P.NEW_MEMBERS, "en") == "Our own words."


def test_adding_a_caller_again_keeps_one_caller_with_its_id(session):
    _people(session)
    calls = session.calls()
    first = calls.add_caller("Karin", phone="0701")
    calls.add_caller("Lars")
    again = calls.add_caller("Karin", phone="0702")
    assert again.id == first.id
    rnd = calls.start(P.INVOICE_ALL, [again.id], date(2026, 2, 5))
    assert set(calls.repo.round_assignment(rnd.id).values()) == {first.id}


def test_review_fixes_do_not_call_rounds_and_what_a_round_brought(session):
    anna, bo, cia, *_ = _people(session)
    calls = session.calls()
    k = calls.add_caller("Karin")
    campaign = calls.start(P.CAMPAIGN, [k.id], date(2026, 4, 10), filters=["current"])
    new = calls.start(P.NEW_MEMBERS, [k.id], date(2026, 4, 11))
    # A call without a round goes to the newest round still waiting for the member.
    contact, _ = calls.log(cia.id, CallOutcome.REACHED, date(2026, 4, 11))
    assert contact.round_id == new.id
    contact, _ = calls.log(cia.id, CallOutcome.REACHED, date(2026, 4, 12))
    assert contact.round_id == campaign.id
    # Someone who asks not to be called leaves every queue (and the paper sheet).
    calls.log(bo.id, CallOutcome.DO_NOT_CALL, date(2026, 4, 12))
    assert bo.id not in [e.member_id for e in calls.queue(campaign.id, k.id, date(2026, 4, 20))]
    # Only members who paid after being called count as the round's result.
    session.dues().record_payment(anna.id, 36000, date(2026, 4, 13), periods=(2027, 2027))
    assert calls.overview(campaign.id)["paid_since"] == 0
    # A plan for an earlier day is not hidden by rounds started later.
    assert cia.id in calls.selection(P.NEW_MEMBERS, date(2026, 4, 1),
                                     next(w for w in calls.plan(date(2026, 4, 1))
                                          if w.purpose is P.NEW_MEMBERS).window)
