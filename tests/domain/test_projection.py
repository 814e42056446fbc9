"""Seed 003's footnote, worked: joins minus exits a year, carried forward, and turned round."""

from __future__ import annotations

from datetime import date

import pytest

from medlemsvard_app.domain.projection import Goal, GoalMetric, project


def test_the_footnote_sum():
    # 10,000 joins and 8,000 exits a year grow the count by 2,000 a year: from 100,000 at
    # the end of 2014 to 120,000 at the end of 2024.
    p = project(date(2014, 12, 31), 100_000, 10_000, 8_000,
                Goal(GoalMetric.MEMBERS, 110_000, date(2024, 12, 31)))
    assert p.net_per_year == 2_000
    assert p.years[0].members == 100_000
    assert p.years[-1].year == 2024
    assert p.years[-1].members == pytest.approx(120_000, abs=20)  # leap days
    assert p.on_track is True
    # 10,000 more in ten years: 1,000 net a year, so 9,000 joins at 8,000 exits, or up to
    # 9,000 exits at 10,000 joins.
    assert p.joins_needed == pytest.approx(9_000, abs=5)
    assert p.exits_allowed == pytest.approx(9_000, abs=5)


def test_a_goal_out_of_reach_by_fewer_exits_alone():
    # 100 members, 5 joins and 10 exits a year; 150 by the end of 2028 (about two years)
    p = project(date(2026, 11, 25), 100, 5, 10,
                Goal(GoalMetric.MEMBERS, 150, date(2028, 12, 31)))
    assert p.on_track is False
    assert p.at_goal_date == 90  # 100 - 5 a year for 2.1 years
    growth = 50 / ((date(2028, 12, 31) - date(2026, 11, 25)).days / 365.25)
    assert p.joins_needed == pytest.approx(10 + growth)
    assert p.exits_allowed is None  # even no exits at all would not do
    assert [y.year for y in p.years] == [2026, 2027, 2028, 2029]
    assert p.years[2].goal == pytest.approx(150)


def test_without_a_goal_the_years_ahead():
    p = project(date(2026, 11, 25), 264, 41, 8)
    assert p.goal is None and p.joins_needed is None and p.on_track is None
    assert [y.year for y in p.years] == [2026, 2027, 2028, 2029]
    assert p.years[1].members == 264 + round(33 * (date(2027, 12, 31) - date(2026, 11, 25)).days
                                             / 365.25)
