"""The register's dues filters: computed by the dues rules, AND-ed with the search and the
membership filters, OR-ed among themselves; unknown names are refused with a clear code."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.dues_calendar import with_changes
from medlemsvard_app.domain.dues_state import DuesState, MandateStatus
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import LeaveReason, MembershipStatus
from medlemsvard_app.domain.payments import PaymentMethod
from medlemsvard_app.i18n.messages import describe
from medlemsvard_app.services.dues import DUES_FILTERS
from tests.conftest import add_members


@pytest.fixture
def people(session):
    """Today is 2026-11-25. One member per interesting dues situation."""
    dues = session.dues()
    dues.save_calendar(with_changes(dues.calendar(), tracked_from=None))
    paid, unpaid, struck, debit, bounced, former, prospect = add_members(
        session,
        {"given_name": "Petra", "family_name": "Paid", "member_number": 1, "city": "Umeå"},
        {"given_name": "Ulf", "family_name": "Unpaid", "member_number": 2, "city": "Umeå"},
        {"given_name": "Stina", "family_name": "Strike", "member_number": 3, "city": "Luleå"},
        {"given_name": "Dan", "family_name": "Debit", "member_number": 4, "city": "Luleå"},
        {"given_name": "Bea", "family_name": "Bounce", "member_number": 5,
         "joined_on": date(2025, 5, 10)},
        {"given_name": "Frida", "family_name": "Former", "member_number": 6,
         "status": MembershipStatus.FORMER, "left_on": date(2024, 1, 1),
         "leave_reason": LeaveReason.RESIGNED},
        {"given_name": "Pål", "family_name": "Prospect", "status": MembershipStatus.PROSPECT,
         "joined_on": None},
    )
    for year in range(2020, 2027):
        dues.record_payment(paid.id, 36000, date(year, 2, 20), periods=(year, year))
        if year < 2026:
            dues.record_payment(unpaid.id, 36000, date(year, 2, 20), periods=(year, year))
            dues.record_payment(debit.id, 36000, date(year, 2, 20), periods=(year, year))
        if year < 2025:
            dues.record_payment(struck.id, 36000, date(year, 2, 20), periods=(year, year))
    for month in range(1, 12):
        dues.record_payment(debit.id, 3000, date(2026, month, 20), periods=(2026, 2026),
                            method=PaymentMethod.DIRECT_DEBIT)
    dues.set_mandate(debit.id, MandateStatus.ACTIVE, date(2025, 12, 1), payer_number="4",
                     monthly_amount=3000)
    dues.record_payment(bounced.id, 5000, date(2025, 5, 10))  # the intro fee, then nothing
    return {"paid": paid, "unpaid": unpaid, "struck": struck, "debit": debit,
            "bounced": bounced, "former": former, "prospect": prospect}


def _names(session, ids):
    return [m.family_name for m in session.register().members(ids)]


def test_the_people_are_in_the_states_the_filters_rely_on(session, people):
    states = session.dues().states()
    assert states[people["paid"].id].state is DuesState.PAID
    assert states[people["unpaid"].id].state is DuesState.REMINDER_3
    assert states[people["struck"].id].state is DuesState.TO_STRIKE_OFF
    assert states[people["debit"].id].state is DuesState.DIRECT_DEBIT
    assert states[people["bounced"].id].bounced


def test_each_dues_filter_lists_the_matching_current_members(session, people):
    register = session.register()
    assert _names(session, register.search_ids(filters=["paid"])) == ["Paid"]
    assert _names(session, register.search_ids(filters=["unpaid"])) == \
        ["Bounce", "Strike", "Unpaid"]
    assert _names(session, register.search_ids(filters=["to_strike_off"])) == ["Strike"]
    assert _names(session, register.search_ids(filters=["direct_debit"])) == ["Debit"]
    assert _names(session, register.search_ids(filters=["bounced"])) == ["Bounce"]
    assert register.search_ids(filters=["exempt"]) == []


def test_every_dues_filter_name_is_accepted_and_agrees_with_the_dues_service(session, people):
    register = session.register()
    dues = session.dues()
    for name in DUES_FILTERS:
        assert sorted(register.search_ids(filters=[name])) == \
            sorted(dues.ids_matching([name])), name
        assert register.count([name]) == len(dues.ids_matching([name])), name


def test_dues_filters_are_or_ed_among_themselves(session, people):
    ids = session.register().search_ids(filters=["paid", "direct_debit"])
    assert _names(session, ids) == ["Debit", "Paid"]


def test_dues_filters_and_the_search(session, people):
    register = session.register()
    assert _names(session, register.search_ids("luleå", ["unpaid"])) == ["Strike"]
    assert _names(session, register.search_ids("umea", ["unpaid"])) == ["Unpaid"]
    assert register.search_ids("nobody-at-all", ["unpaid"]) == []
    assert register.count(["unpaid"], search="lulea") == 1


def test_dues_filters_and_membership_filters(session, people):
    register = session.register()
    # (current OR new) AND unpaid: the membership filters keep their OR.
    assert _names(session, register.search_ids(filters=["current", "new", "unpaid"])) == \
        ["Bounce", "Strike", "Unpaid"]
    # Dues states describe current members only: a former member is never unpaid.
    assert register.search_ids(filters=["former", "unpaid"]) == []
    assert register.search_ids(filters=["prospect", "paid"]) == []


def test_sorting_works_with_a_dues_filter(session, people):
    ids = session.register().search_ids(filters=["unpaid"], sort="member_number",
                                        descending=True)
    assert [m.member_number for m in session.register().members(ids)] == [5, 3, 2]


def test_the_filter_follows_new_payments_through_the_same_service(session, people):
    register = session.register()
    assert _names(session, register.search_ids(filters=["unpaid"])) == \
        ["Bounce", "Strike", "Unpaid"]
    register.search_ids("u", ["unpaid"])  # a cached result must not outlive a payment
    session.dues().record_payment(people["unpaid"].id, 36000, date(2026, 11, 20))
    assert _names(session, register.search_ids(filters=["unpaid"])) == ["Bounce", "Strike"]
    assert _names(session, register.search_ids(filters=["paid"])) == ["Paid", "Unpaid"]


def test_the_filter_is_asked_about_the_day_given(session, people):
    register = session.register()
    # On 2026-01-15 the 2026 invoice had not gone out: Unpaid still owed nothing.
    ids = register.search_ids(filters=["paid"], today=date(2026, 1, 15))
    assert "Unpaid" in _names(session, ids)


def test_an_unknown_filter_is_refused_with_a_sentence(session, people):
    register = session.register()
    with pytest.raises(DomainError) as caught:
        register.search_ids(filters=["rich"])
    assert caught.value.code == "filter_unknown"
    assert describe(caught.value) == "“rich” is not a register filter."
    with pytest.raises(DomainError, match="filter_unknown"):
        register.count(["current", "nonsense"])


def test_membership_filters_work_as_before(session, people):
    register = session.register()
    assert register.count(["current"]) == 5
    assert register.count(["former"]) == 1
    assert register.count(["prospect"]) == 1
    assert len(register.search_ids()) == 7
