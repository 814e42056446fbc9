"""Edit → Undo takes back the last edit of a member, a payment or a call log entry."""

from dataclasses import replace

import pytest

from medlemsvard_app.domain.calls import CallOutcome
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.services.undo import undo_last
from tests.conftest import TODAY, add_members


def test_undo_puts_a_member_card_back(session):
    [anna] = add_members(session, {"given_name": "Anna", "family_name": "Lind",
                                   "phone": "070-123 45 67"})
    assert session.undo_step is None  # adding is not an edit to take back
    register = session.register()
    register.save(replace(anna, family_name="Lindqvist", phone=""))
    assert session.undo_step.label == "Undo the edit of Anna Lind"
    undo_last(session)
    back = register.get(anna.id)
    assert (back.family_name, back.phone) == ("Lind", "+46701234567")
    assert session.undo_step is None


def test_undo_refuses_when_the_card_changed_again_since(session):
    [anna] = add_members(session, {"given_name": "Anna", "family_name": "Lind"})
    register = session.register()
    register.save(replace(anna, family_name="Lindqvist"))
    step = session.undo_step
    # Someone else (another window, a bulk change) edits the card after the first edit.
    register.repo.update(replace(register.get(anna.id), city="Umeå"))
    session.undo_step = step
    with pytest.raises(DomainError) as caught:
        undo_last(session)
    assert caught.value.code == "undo_stale"
    assert register.get(anna.id).city == "Umeå"


def test_undo_removes_the_payment_just_recorded(session):
    [anna] = add_members(session, {"given_name": "Anna", "family_name": "Lind"})
    dues = session.dues()
    payment, _ = dues.record_payment(anna.id, 36000, TODAY)
    assert "Anna Lind" in session.undo_step.label
    undo_last(session)
    assert dues.repo.payment(payment.id) is None


def test_undo_removes_a_logged_call_and_what_it_put_on_the_card(session):
    [anna] = add_members(session, {"given_name": "Anna", "family_name": "Lind"})
    calls = session.calls()
    contact, _ = calls.log(anna.id, CallOutcome.DO_NOT_CALL, TODAY, wants="bokbord")
    member = session.register().get(anna.id)
    assert member.do_not_call and member.interests == ["bokbord"]
    undo_last(session)
    assert calls.contacts(anna.id) == []
    member = session.register().get(anna.id)
    assert not member.do_not_call and member.interests == []


def test_nothing_to_undo_is_a_clear_error(session):
    with pytest.raises(DomainError) as caught:
        undo_last(session)
    assert caught.value.code == "undo_nothing"
