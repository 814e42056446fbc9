"""The board's tools as use cases: what the compass hints see, sub-goal progress from the
register, the example plan, and the demo's SWOT, assessments and plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from medlemsvard_app.domain.action_plan import ActionPlan, Metric, SubGoal
from medlemsvard_app.domain.calls import CallOutcome
from medlemsvard_app.domain.compass import Answer, Hint
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.models import BoardPost, BoardRole
from medlemsvard_app.domain.swot import Quadrant
from medlemsvard_app.i18n import set_language
from medlemsvard_app.i18n.compass_labels import hint_text
from medlemsvard_app.services.demo import create_demo
from medlemsvard_app.storage.mailings import Mailing, MailingRepository
from tests.conftest import TODAY, add_members


def new_members(session, n: int):
    return add_members(session, *({"given_name": f"N{i}", "family_name": "Ny",
                                   "member_number": 100 + i, "joined_on": date(2026, 10, 1 + i)}
                                  for i in range(n)))


def test_the_welcome_letter_hint_counts_new_members_who_got_one(session):
    people = new_members(session, 4)
    add_members(session, {"given_name": "Old", "member_number": 1})  # joined 2020
    MailingRepository(session.db).record(Mailing("letter", date(2026, 10, 20), "welcome"),
                                         [people[0].id, people[1].id])
    MailingRepository(session.db).record(Mailing("letter", date(2026, 10, 20), "other"),
                                         [people[2].id])
    figure = session.board().hints(TODAY)["welcome.letter"]
    assert (figure.hint, figure.count, figure.total) == (Hint.WELCOME_LETTER, 2, 4)
    assert figure.target == "welcome"
    assert hint_text(figure) == ("The app sees: 2 of 4 new members (last 90 days) got a "
                                 "welcome letter.")


def test_the_call_hint_counts_new_members_reached_since_joining(session):
    people = new_members(session, 3)
    calls = session.calls()
    calls.log(people[0].id, CallOutcome.REACHED, date(2026, 10, 15))
    calls.log(people[1].id, CallOutcome.NO_ANSWER, date(2026, 10, 15))
    figure = session.board().hints(TODAY)["welcome.board_call"]
    assert (figure.count, figure.total) == (1, 3)


def test_the_membership_officer_hint_reads_the_board_posts(session):
    hints = session.board().hints(TODAY)
    assert hints["recruit.membership_officer"].count == 0
    assert "no membership officer" in hint_text(hints["recruit.membership_officer"])
    assoc = session.association
    session.save_association(replace(assoc, board=[
        BoardPost(BoardRole.CHAIR, "Eva Ek"), BoardPost(BoardRole.MEMBERSHIP_OFFICER, "Åsa Lund")]))
    figure = session.board().hints(TODAY)["recruit.membership_officer"]
    assert figure.names == ("Åsa Lund",) and figure.target == "settings"
    assert hint_text(figure) == "The app sees: Åsa Lund is membership officer."


def test_sub_goal_progress_comes_from_the_register(session):
    add_members(session, *({"given_name": f"M{i}", "member_number": i + 1,
                            "joined_on": date(2026, 2, 1) if i < 3 else date(2019, 1, 1)}
                           for i in range(8)))
    board = session.board()
    plan = board.new_plan("Grow", TODAY)
    plan.goals = [SubGoal("10 members", Metric.MEMBERS, 10, date(2026, 12, 31)),
                  SubGoal("6 new", Metric.NEW_MEMBERS, 6, date(2026, 12, 31)),
                  SubGoal("be friendly")]
    board.save_plan(plan)
    members, new, free = board.plan_progress(board.plan(plan.id), TODAY)
    assert (members.value, members.target, members.as_of) == (8, 10, TODAY)
    assert members.fraction == pytest.approx(0.8)
    assert (new.value, new.fraction) == (3, 0.5)
    assert free is None


def test_a_plan_that_does_not_add_up_is_not_saved(session):
    board = session.board()
    with pytest.raises(DomainError):
        board.save_plan(ActionPlan(" ", TODAY, TODAY))
    assert board.plan_list() == []


def test_the_example_plan_is_a_full_start_in_the_users_language(session):
    set_language("sv")
    plan = session.board().new_plan("", date(2026, 1, 10), example=True)
    stored = session.board().plan(plan.id)
    assert stored.title
    assert stored.overall_goal and stored.problems and stored.evaluation
    assert [g.metric for g in stored.goals] == [Metric.ACTIVITIES_HELD, Metric.NEW_MEMBERS]
    assert all(g.due_on == date(2026, 12, 31) for g in stored.goals)
    assert len(stored.activities) == 5 and all(
        date(2026, 1, 10) < a.on_date <= date(2026, 12, 31) for a in stored.activities)
    assert sum(a.budget_ore for a in stored.activities) == 1_000_000  # 10 000 kr a year
    assert len(stored.channels) == 3 and len(stored.partners) == 2
    assert len(stored.follow_ups) == 3


def test_a_new_assessment_starts_from_the_latest(session):
    board = session.board()
    first = board.new_assessment(date(2025, 11, 20))
    first.set("welcome.letter", Answer.SOON)
    board.save_assessment(first)
    second = board.new_assessment(TODAY)
    assert second.answer("welcome.letter") is Answer.SOON
    second.set("welcome.letter", Answer.NOW)
    board.save_assessment(second)
    view = board.compass(TODAY)
    assert view.latest.id == second.id and view.previous.id == first.id
    assert view.progress.moved_to_now == ("welcome.letter",)
    older = board.compass(TODAY, first.id)
    assert older.latest.id == first.id and older.previous is None and older.progress is None
    with pytest.raises(DomainError):
        board.compass(TODAY, 999)


def test_the_demo_has_a_swot_two_assessments_and_a_plan_under_way(tmp_path):
    session = create_demo(tmp_path / "demo.sqlite", members=300, country="SE", seed=2,
                          today=TODAY)
    try:
        board = session.board()
        swot = board.swot()
        assert swot is not None and len(swot.cards) >= 12
        assert {c.quadrant for c in swot.cards} == set(Quadrant)
        assert "Få medlemmar under 35" in [c.text for c in swot.cards]
        view = board.compass(TODAY)
        assert view.count == 2
        assert (view.latest.assessed_on - view.previous.assessed_on).days == 364
        assert len(view.progress.moved_to_now) >= 4 and view.progress.dropped
        plan = board.plan()
        measured = [p for p in board.plan_progress(plan, TODAY) if p is not None]
        assert len(measured) == 5
        assert any(p.reached for p in measured) and any(not p.reached for p in measured)
        assert all(p.value > 0 for p in measured)
        assert any(a.activity_id is not None for a in plan.activities)
        assert plan.activities[0].responsible
    finally:
        session.close()


def test_the_demo_board_is_the_same_for_the_same_seed(tmp_path):
    def snapshot(name):
        s = create_demo(tmp_path / name, members=120, country="NO", seed=5, today=TODAY)
        try:
            b = s.board()
            plan = b.plan()
            return ([c.text for c in b.swot().cards],
                    [(a.assessed_on, sorted((k, v.answer) for k, v in a.answers.items()))
                     for a in b.assessments()],
                    [(g.text, g.target) for g in plan.goals],
                    [(a.title, a.on_date, a.activity_id) for a in plan.activities])
        finally:
            s.close()
    first = snapshot("a.sqlite")
    assert first == snapshot("b.sqlite")
    assert "Få medlemmer under 35" in first[0]


def test_figures_in_one_go_for_the_background_job(session):
    add_members(session, {"given_name": "A", "member_number": 1, "joined_on": date(2026, 5, 1)})
    board = session.board()
    key = (Metric.NEW_MEMBERS, date(2026, 1, 1), TODAY)
    figures = board.figures(TODAY, [key], with_hints=False)
    assert figures.values == {key: (1, 0)} and figures.hints is None
    assert "welcome.letter" in board.figures(TODAY, [], with_hints=True).hints
