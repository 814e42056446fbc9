"""The board's tools in and out of SQL, and the figures sub-goals are measured by, counted
by hand on a small register."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.action_plan import (
    ActionPlan,
    ActivityStatus,
    Channel,
    FollowUp,
    Metric,
    PlannedActivity,
    SubGoal,
)
from medlemsvard_app.domain.compass import Answer, Assessment
from medlemsvard_app.domain.swot import Quadrant, SwotAnalysis
from medlemsvard_app.storage import board_tools as figures
from medlemsvard_app.storage.board_tools import BoardRepository
from medlemsvard_app.storage.errors import StorageError
from tests.conftest import add_members

DAY = date(2026, 11, 25)
YEAR = date(2026, 1, 1)


def test_a_swot_analysis_round_trips_with_its_order(session):
    repo = BoardRepository(session.db)
    analysis = SwotAnalysis(date(2026, 10, 1), "Board day", "notes")
    for q, text in ((Quadrant.THREATS, "t1"), (Quadrant.STRENGTHS, "s1"),
                    (Quadrant.STRENGTHS, "s2"), (Quadrant.WEAKNESSES, "w1")):
        analysis.add(q, text)
    analysis.move_within(analysis.in_quadrant(Quadrant.STRENGTHS)[1], -1)
    aid = repo.save_swot(analysis)
    back = repo.swot(aid)
    assert (back.held_on, back.title, back.note) == (date(2026, 10, 1), "Board day", "notes")
    assert [c.text for c in back.in_quadrant(Quadrant.STRENGTHS)] == ["s2", "s1"]
    assert [c.text for c in back.in_quadrant(Quadrant.THREATS)] == ["t1"]
    # Saved again after a move: the rows are replaced, not added to.
    back.move_to(back.in_quadrant(Quadrant.THREATS)[0], Quadrant.OPPORTUNITIES)
    repo.save_swot(back)
    again = repo.swot(aid)
    assert len(again.cards) == 4 and [c.text for c in again.in_quadrant(
        Quadrant.OPPORTUNITIES)] == ["t1"]
    older = SwotAnalysis(date(2025, 10, 1))
    repo.save_swot(older)
    assert [row[0] for row in repo.swot_list()] == [aid, older.id]  # newest first
    repo.delete_swot(aid)
    assert repo.swot(aid) is None
    assert session.db.execute("SELECT count(*) FROM swot_cards").fetchone()[0] == 0


def test_compass_assessments_round_trip(session):
    repo = BoardRepository(session.db)
    a = Assessment(date(2025, 11, 20), note="before the annual meeting")
    a.set("welcome.letter", Answer.SOON, "need a template")
    a.set_note("care.newsletter", "ask Eva")
    repo.save_assessment(a)
    b = a.started_from(date(2026, 11, 25))
    b.set("welcome.letter", Answer.NOW)
    repo.save_assessment(b)
    first, second = repo.assessments()
    assert first.note == "before the annual meeting"
    assert first.answers["welcome.letter"].answer is Answer.SOON
    assert first.answers["care.newsletter"].answer is None
    assert second.answers["welcome.letter"].answer is Answer.NOW
    assert second.answers["welcome.letter"].note == "need a template"


def test_the_database_refuses_what_the_domain_would(session):
    with pytest.raises(Exception):  # noqa: B017 - sqlite's own IntegrityError
        session.db.execute("INSERT INTO compass_answers (assessment_id, item, answer) "
                           "VALUES (1, 'welcome.letter', 'maybe')")
    repo = BoardRepository(session.db)
    plan = ActionPlan("Plan", date(2026, 1, 1), date(2026, 12, 31))
    plan.activities.append(PlannedActivity("x", people=-1))
    with pytest.raises(StorageError):
        repo.save_plan(plan)
    assert repo.plan_list() == []  # nothing half-saved


def test_an_action_plan_round_trips(session):
    repo = BoardRepository(session.db)
    plan = ActionPlan("Grow", date(2026, 1, 20), date(2027, 12, 31), "goal", "problems",
                      "membership officer", "10 000 kr", "in December")
    plan.goals = [SubGoal("20 new", Metric.NEW_MEMBERS, 20, date(2026, 12, 31)),
                  SubGoal("be nicer")]
    plan.activities = [PlannedActivity("Talk", "Eva", date(2026, 3, 1), 3, 200000, 9,
                                       ActivityStatus.DONE, None, "went well")]
    plan.channels = [Channel("Newsletter", "every issue")]
    plan.partners = [Channel("Adult education", "co-host")]
    plan.follow_ups = [FollowUp("Board", "each meeting", "standing item")]
    pid = repo.save_plan(plan)
    back = repo.plan(pid)
    assert back == plan
    back.goals.pop()
    repo.save_plan(back)
    assert len(repo.plan(pid).goals) == 1
    assert repo.plan_list()[0][:2] == (pid, "Grow")
    repo.delete_plan(pid)
    assert repo.plan(pid) is None
    assert session.db.execute("SELECT count(*) FROM plan_lines").fetchone()[0] == 0


@pytest.fixture
def register(session):
    """Seven people and five activities, counted by hand in the tests below."""
    a, b, c, d, e, g = add_members(
        session,
        {"given_name": "A", "member_number": 1, "birth_date": date(1990, 5, 1),
         "joined_on": date(2020, 1, 1)},
        {"given_name": "B", "member_number": 2, "birth_date": date(1970, 1, 1),
         "joined_on": date(2026, 3, 1)},
        {"given_name": "C", "member_number": 3, "birth_date": date(1985, 11, 26),
         "joined_on": date(2026, 6, 1), "status": "former", "left_on": date(2026, 9, 1),
         "leave_reason": "resigned"},
        {"given_name": "D", "member_number": 4, "birth_date": date(1981, 11, 25),
         "joined_on": date(2025, 12, 31)},
        {"given_name": "E", "member_number": 5, "birth_date": date(2000, 1, 1),
         "joined_on": date(2026, 12, 1)},
        {"given_name": "G", "member_number": 7, "joined_on": date(2026, 2, 1)},
    )
    db = session.db
    acts = [("2026-03-10", 0, [a, b]), ("2026-05-10", 1, [d]), ("2026-11-25", 0, [a, g]),
            ("2026-12-05", 0, [d]), ("2025-12-01", 0, [d])]
    ids = []
    for on_date, cancelled, people in acts:
        cur = db.execute("INSERT INTO activities (title, on_date, cancelled) VALUES (?, ?, ?)",
                         ["Meeting", on_date, cancelled])
        ids.append(cur.lastrowid)
        for m in people:
            db.execute("INSERT INTO activity_people (activity_id, member_id, attended) "
                       "VALUES (?, ?, 1)", [cur.lastrowid, m.id])
    for aid in (ids[2], ids[4]):
        db.execute("INSERT INTO activity_evaluations (activity_id, evaluated_on) VALUES (?, ?)",
                   [aid, "2026-11-25"])
    db.execute("UPDATE activities SET responsible_member_id = ? WHERE id = ?", [a.id, ids[0]])
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "G": g}


def test_members_on_a_day(session, register):
    # A, B, D, G; C has left, E has not joined yet.
    assert figures.count_members(session.db, YEAR, DAY) == 4
    assert figures.count_members(session.db, YEAR, date(2026, 7, 1)) == 5  # C still there


def test_new_members_in_the_year(session, register):
    # B, C (left again, still joined this year) and G; D joined on 31 December last year.
    assert figures.count_new_members(session.db, YEAR, DAY) == 3
    assert figures.count_new_members(session.db, YEAR, date(2026, 2, 28)) == 1


def test_share_under_45(session, register):
    # Current with a birth date: A (36), B (56), D (45 today: not under). G has no birth date.
    assert figures.share_under_45(session.db, YEAR, DAY) == (1, 3)
    assert figures.share_under_45(session.db, YEAR, date(2026, 11, 24)) == (2, 3)


def test_activities_held_and_members_who_came(session, register):
    # Held in 2026 up to today, not cancelled: 10 March and today.
    assert figures.count_activities_held(session.db, YEAR, DAY) == 2
    # A and B on 10 March, A and G today; D came only to the cancelled, the future and
    # last year's activity.
    assert figures.count_members_attended(session.db, YEAR, DAY) == 3


def test_figures_for_the_compass(session, register):
    # The last 365 days: 10 March, today and 1 December 2025 (two of them evaluated).
    assert figures.activities_evaluated(session.db, DAY) == (2, 3)
    assert figures.activities_led_by_members(session.db, DAY) == (1, 3)
    assert figures.new_member_ids(session.db, DAY) == []  # nobody joined in 90 days
    assert figures.members_with_skills(session.db, DAY) == (0, 4)
