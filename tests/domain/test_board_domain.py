"""The board's tools as rules: SWOT moves, compass progress and summaries, SMART sub-goals."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.action_plan import (
    ActionPlan,
    Metric,
    SubGoal,
    counted_window,
    measure,
    validate,
)
from medlemsvard_app.domain.compass import (
    ITEMS,
    Answer,
    Area,
    Assessment,
    items_in,
    latest_two,
    progress,
    summarise,
)
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.swot import Quadrant, SwotAnalysis, neighbour

S, W, OPP, T = Quadrant


def board() -> tuple[SwotAnalysis, list]:
    analysis = SwotAnalysis(date(2026, 11, 25))
    cards = [analysis.add(S, "a"), analysis.add(S, "b"), analysis.add(S, "c"),
             analysis.add(W, "x"), analysis.add(OPP, "o")]
    return analysis, cards


def texts(analysis: SwotAnalysis, q: Quadrant) -> list[str]:
    return [c.text for c in analysis.in_quadrant(q)]


def test_cards_move_up_and_down_within_their_quadrant():
    analysis, (a, b, c, *_rest) = board()
    assert analysis.move_within(c, -1)
    assert texts(analysis, S) == ["a", "c", "b"]
    assert analysis.move_within(c, -1)
    assert texts(analysis, S) == ["c", "a", "b"]
    assert not analysis.move_within(c, -1)  # already first
    assert not analysis.move_within(b, +1)  # already last


def test_cards_move_to_another_quadrant_at_a_position_or_the_end():
    analysis, (a, b, c, x, o) = board()
    assert analysis.move_to(b, W, 0)
    assert texts(analysis, S) == ["a", "c"] and texts(analysis, W) == ["b", "x"]
    assert b.quadrant is W
    assert analysis.move_to(a, T)
    assert texts(analysis, T) == ["a"]
    assert analysis.move_to(c, W)  # the end
    assert texts(analysis, W) == ["b", "x", "c"]
    assert not analysis.move_to(c, W)  # already there


def test_two_cards_with_the_same_text_stay_two_cards():
    analysis = SwotAnalysis(date(2026, 1, 1))
    first, second = analysis.add(S, "same"), analysis.add(S, "same")
    assert analysis.move_to(second, W, 0)
    assert analysis.in_quadrant(S) == [first] and analysis.in_quadrant(W)[0] is second


def test_neighbours_on_the_board():
    assert neighbour(S, 0, 1) is W and neighbour(S, 1, 0) is OPP and neighbour(W, 1, 0) is T
    assert neighbour(T, -1, -1) is S
    assert neighbour(S, -1, 0) is S  # an edge: stays
    assert S.internal and W.internal and not OPP.internal and not T.internal


def test_card_text_is_tidied_and_must_not_be_empty():
    analysis = SwotAnalysis(date(2026, 1, 1))
    assert analysis.add(S, "  many   long-time\nmembers ").text == "many long-time members"
    with pytest.raises(DomainError) as err:
        analysis.add(S, "   ")
    assert err.value.code == "swot_card_empty"
    with pytest.raises(DomainError):
        analysis.add(S, "x" * 501)


def test_the_compass_has_the_five_areas_and_every_item_once():
    assert [a.value for a in Area] == ["analyse", "care", "welcome", "recruit", "evaluate"]
    assert [len(items_in(a)) for a in Area] == [7, 6, 6, 6, 3]
    codes = [i.code for i in ITEMS]
    assert len(codes) == len(set(codes))
    assert all(item.code.startswith(item.area.value + ".") for item in ITEMS)


def test_progress_between_two_assessments():
    before = Assessment(date(2025, 11, 20))
    before.set("welcome.letter", Answer.SOON)
    before.set("welcome.board_call", Answer.SOON)
    before.set("care.newsletter", Answer.NOW)
    before.set("analyse.media", Answer.NOT_NOW)
    before.set("recruit.action_plan", Answer.NOW)
    after = before.started_from(date(2026, 11, 25))
    after.set("welcome.letter", Answer.NOW)        # soon -> now: moved
    after.set("analyse.media", Answer.NOW)         # not now -> now: new now
    after.set("analyse.partners", Answer.NOW)      # blank -> now: new now
    after.set("care.newsletter", Answer.SOON)      # now -> soon: dropped
    after.set("evaluate.use_lessons", Answer.SOON)  # blank -> soon
    moved = progress(before, after)
    assert moved.since == date(2025, 11, 20)
    assert moved.moved_to_now == ("welcome.letter",)
    assert moved.new_now == ("analyse.partners", "analyse.media")  # in the list's order
    assert moved.new_soon == ("evaluate.use_lessons",)
    assert moved.dropped == ("care.newsletter",)
    # welcome.board_call stayed "soon" and recruit.action_plan stayed "now": not listed.
    assert progress(after, after).empty


def test_a_new_assessment_starts_from_the_last_one_without_sharing_it():
    before = Assessment(date(2025, 1, 1))
    before.set("welcome.letter", Answer.SOON, "we lack a template")
    after = before.started_from(date(2026, 1, 1))
    after.set("welcome.letter", Answer.NOW)
    assert before.answer("welcome.letter") is Answer.SOON
    assert after.answers["welcome.letter"].note == "we lack a template"


def test_a_note_alone_is_kept_and_an_empty_item_disappears():
    a = Assessment(date(2026, 1, 1))
    a.set_note("care.newsletter", "ask Eva")
    assert a.answer("care.newsletter") is None and a.answers["care.newsletter"].note == "ask Eva"
    a.set_note("care.newsletter", "")
    assert "care.newsletter" not in a.answers
    with pytest.raises(KeyError):
        a.set("no.such", Answer.NOW)


def test_summary_per_area():
    a = Assessment(date(2026, 1, 1))
    a.set("evaluate.satisfaction", Answer.NOW)
    a.set("evaluate.each_activity", Answer.SOON)
    summary = {s.area: s for s in summarise(a)}
    ev = summary[Area.EVALUATE]
    assert (ev.now, ev.soon, ev.not_now, ev.blank, ev.total) == (1, 1, 0, 1, 3)
    assert summary[Area.ANALYSE].blank == 7


def test_latest_two_by_date_then_id():
    a, b, c = (Assessment(date(2025, 1, 1), id=3), Assessment(date(2026, 1, 1), id=1),
               Assessment(date(2026, 1, 1), id=2))
    assert latest_two([a, b, c]) == (c, b)
    assert latest_two([]) == (None, None)


def test_a_sub_goal_counts_in_the_year_of_its_date_up_to_today_or_its_date():
    goal = SubGoal("20 new", Metric.NEW_MEMBERS, 20, date(2026, 12, 31))
    assert counted_window(goal, date(2026, 11, 25)) == (date(2026, 1, 1), date(2026, 11, 25))
    # After its date the figure is frozen at the date.
    assert counted_window(goal, date(2027, 3, 1)) == (date(2026, 1, 1), date(2026, 12, 31))
    # A goal for next year has counted nothing yet (the window is empty).
    later = SubGoal("next", Metric.NEW_MEMBERS, 5, date(2027, 12, 31))
    first, last = counted_window(later, date(2026, 11, 25))
    assert first > last


def test_progress_of_a_measured_goal():
    goal = SubGoal("20 new", Metric.NEW_MEMBERS, 20, date(2026, 12, 31))
    p = measure(goal, 12, date(2026, 11, 25))
    assert p.fraction == pytest.approx(0.6) and not p.reached and not p.overdue
    done = measure(goal, 25, date(2026, 12, 31))
    assert done.fraction == 1.0 and done.reached
    missed = measure(goal, 19, date(2026, 12, 31))
    assert missed.overdue
    assert measure(SubGoal("free text"), 3, date(2026, 1, 1)) is None


def test_a_plan_must_make_sense():
    plan = ActionPlan("Plan", date(2026, 1, 1), date(2027, 12, 31))
    validate(plan)
    for change, code in ((lambda p: setattr(p, "title", " "), "plan_title_missing"),
                         (lambda p: setattr(p, "ends_on", date(2025, 1, 1)),
                          "plan_period_backwards"),
                         (lambda p: p.goals.append(SubGoal("x", Metric.SHARE_UNDER_45, 120)),
                          "plan_share_over_100")):
        bad = ActionPlan("Plan", date(2026, 1, 1), date(2027, 12, 31))
        change(bad)
        with pytest.raises(DomainError) as err:
            validate(bad)
        assert err.value.code == code
