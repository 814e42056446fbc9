"""The SQL aggregates match the hand count of tests/domain/test_indicators.py."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.indicators import Period, compute
from medlemsvard_app.domain.models import JoinMethod, LeaveReason, MembershipStatus
from medlemsvard_app.domain.projection import Goal, GoalMetric
from medlemsvard_app.storage.indicators import IndicatorRepository
from tests.conftest import add_members
from tests.domain.test_indicators import END, EXITS, JOINS, STOCK

_R, _O = JoinMethod.RECRUITED, JoinMethod.OWN


def _person(name, joined, born, method=None, left=None, reason=None):
    fields = {"given_name": name, "family_name": "Test", "joined_on": joined,
              "birth_date": born, "join_method": method}
    if left is not None:
        fields.update(status=MembershipStatus.FORMER, left_on=left, leave_reason=reason)
    return fields


def build(session) -> None:
    add_members(
        session,
        _person("A", date(2010, 3, 1), date(1950, 1, 1), _O),
        _person("B", date(2015, 5, 5), date(1985, 7, 1), _R),
        _person("C", date(2020, 1, 10), date(1970, 1, 1), None, date(2025, 9, 1),
                LeaveReason.RESIGNED),
        _person("D", date(2025, 8, 1), date(2000, 2, 2), _R),
        _person("E", date(2025, 10, 10), date(1990, 1, 1), _O, date(2026, 3, 1),
                LeaveReason.STRUCK_OFF),
        _person("F", date(2026, 2, 2), date(1960, 5, 5)),
        _person("G", date(2024, 9, 1), date(1940, 1, 1), None, date(2025, 8, 15),
                LeaveReason.DECEASED),
        _person("H", date(2024, 12, 1), date(1981, 7, 1), _O),
        _person("J", date(2018, 1, 1), date(1955, 1, 1), None, date(2026, 6, 30),
                LeaveReason.MOVED),
        _person("K", date(2026, 6, 30), date(2001, 7, 1), _R),
        _person("L", date(2025, 6, 30), date(1999, 12, 31), _O),
        {"given_name": "Pia", "family_name": "Prospekt", "joined_on": None,
         "status": MembershipStatus.PROSPECT},
    )


def test_sql_aggregates_match_the_hand_count(session):
    build(session)
    repo = IndicatorRepository(session.db)
    flows = repo.flows()
    assert [(j.on, j.count, j.recruited, j.own) for j in flows.joins] == \
        [(j.on, j.count, j.recruited, j.own) for j in JOINS]
    assert sorted(flows.exits, key=lambda e: e.on) == EXITS
    stock = repo.stock(date(2025, 6, 30), END)
    assert stock == STOCK
    sql = compute(Period.YEAR, END, flows, stock)
    assert sql.values["retention"] == pytest.approx(4 / 7)
    assert repo.new_member_ids(END) == {m.id for m in session.register().members(
        session.register().search_ids("", ["current"], today=END))
        if m.given_name in ("D", "F", "K")}


def test_cohorts_and_service_figures(session):
    build(session)
    service = session.indicators()
    cohorts = {c.year: c for c in service.repo.cohorts(END, 2024)}
    # 2024: G and H; G died within the year; the 2025 cohort has members not a year in yet
    assert (cohorts[2024].joined, cohorts[2024].kept_first_year, cohorts[2024].still_members) \
        == (2, 1, 1)
    assert cohorts[2025].kept_first_year is None
    f = service.figures(END, Period.YEAR)
    assert (f["member_count"], f["joined"], f["left"], f["bounced"]) == (7, 4, 4, 0)
    assert service.figure("members", END) == 7
    assert service.figure("new_members", END) == 4
    assert service.figure("share_under_45", END) == pytest.approx(5 / 7)
    assert service.figure("activities_held", END) == 0
    assert service.figure("attended", END) == 0


def test_goals_round_trip(session):
    service = session.indicators()
    goal, _changes = service.save_goal(Goal(GoalMetric.MEMBERS, 150, date(2028, 12, 31),
                                            "the board's goal"))
    assert goal.id is not None
    assert service.goals() == [goal]
    assert service.main_goal() == goal
    service.delete_goal(goal.id)
    assert service.goals() == []


def test_calls_activities_and_sign_ups_are_counted(session):
    """Two calls to B in the period (one reached, satisfaction 4, followed by a payment
    after 10 days and a sign-up), one unanswered call to H; one call before the period.
    One activity in the period that B and K came to, one cancelled."""
    build(session)
    ids = {m.given_name: m.id for m in session.register().members(
        session.register().search_ids("", ["current"], today=END))}
    db = session.db
    with db.atomic():
        for member, day, outcome, satisfaction in (("B", "2026-05-02", "reached", 4),
                                                   ("H", "2026-05-03", "no_answer", None),
                                                   ("B", "2025-01-10", "reached", 2)):
            db.execute("INSERT INTO contacts (member_id, on_date, outcome, satisfaction, mood) "
                       "VALUES (?, ?, ?, ?, ?)", [ids[member], day, outcome, satisfaction,
                                                  "positive" if satisfaction else None])
        call = db.execute("SELECT id FROM contacts WHERE on_date = '2026-05-02'").fetchone()[0]
        db.execute("INSERT INTO payments (member_id, paid_on, amount, period_from, period_to, "
                   "method) VALUES (?, '2026-05-12', 36000, 2026, 2026, 'swish')", [ids["B"]])
        db.execute("INSERT INTO activities (id, title, on_date) VALUES (1, 'Möte', '2026-05-20')")
        db.execute("INSERT INTO activities (id, title, on_date, cancelled) "
                   "VALUES (2, 'Inställt', '2026-05-21', 1)")
        db.execute("INSERT INTO activity_people (activity_id, member_id, contact_id, attended) "
                   "VALUES (1, ?, ?, 1)", [ids["B"], call])
        db.execute("INSERT INTO activity_people (activity_id, member_id, attended) "
                   "VALUES (1, ?, 1)", [ids["K"]])
        db.execute("INSERT INTO activity_people (activity_id, member_id, attended) "
                   "VALUES (2, ?, 1)", [ids["A"]])
    repo = IndicatorRepository(db)
    start = date(2025, 6, 30)
    c = repo.contacts(start, END)
    assert (c.calls, c.reached, c.led_to_payment, c.led_to_signup) == (2, 1, 1, 1)
    assert (c.satisfaction_answers, c.satisfaction_sum, c.positive) == (1, 4, 1)
    a = repo.activities(start, END)
    # B (experienced) and K (new) came; A's activity was cancelled
    assert (a.held, a.attended, a.attended_new) == (1, 2, 1)
    f = session.indicators().figures(END)
    assert f["attended_share"] == pytest.approx(2 / 7)
    assert f["attended_share_new"] == pytest.approx(1 / 3)
    assert f["satisfaction"] == 4


def test_interest_sign_ups_count_prospect_consents_in_the_period(session):
    build(session)
    repo = IndicatorRepository(session.db)
    prospect = session.db.execute(
        "SELECT id FROM members WHERE status = 'prospect'").fetchone()[0]
    with session.db.atomic():
        session.db.execute("DELETE FROM consents WHERE member_id = ?", [prospect])
        session.db.execute("INSERT INTO consents (member_id, purpose, given_on) "
                           "VALUES (?, 'prospect_contact', '2026-05-05')", [prospect])
    assert repo.interest_signups(date(2025, 6, 30), END) == 1
    assert repo.interest_signups(date(2024, 6, 30), date(2025, 6, 30)) == 0


def test_ages_split_by_gender_when_recorded(session):
    build(session)
    with session.db.atomic():
        session.db.execute("UPDATE members SET gender = 'female' WHERE given_name IN ('B', 'K')")
        session.db.execute("UPDATE members SET gender = 'male' WHERE given_name = 'A'")
    stock = IndicatorRepository(session.db).stock(date(2025, 6, 30), END)
    # B 40 and K 24 are women, A 76 a man; the rest have no gender recorded
    assert stock.ages == {("0_25", "female"): 1, ("36_50", "female"): 1, ("66_plus", "male"): 1,
                          ("26_35", ""): 2, ("36_50", ""): 1, ("66_plus", ""): 1}
    assert stock.under_45 == STOCK.under_45
