"""Where the current joins and exits lead, and what it takes to reach the board's goal.

Seed 003's footnote does this sum: with N joins and M exits a year the count grows by
N - M a year, so from today's count you can read the count in any later year, and turn it
round: the joins a year needed (at today's exits) or the exits a year allowed (at today's
joins) to reach a target by a date. Pure arithmetic, the day passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

DAYS_PER_YEAR = 365.25


class GoalMetric(StrEnum):
    """What a goal counts. Only the member count is projected; the others are followed."""

    MEMBERS = "members"
    NEW_MEMBERS = "new_members"  # joins a year
    SHARE_UNDER_45 = "share_under_45"  # a fraction 0-1
    SHARE_RECRUITED = "share_recruited"  # a fraction 0-1


@dataclass(frozen=True, slots=True)
class Goal:
    metric: GoalMetric
    target: float
    by_date: date
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ProjectedYear:
    year: int
    members: int  # at the end of the year (or on the goal's day in the goal's year)
    goal: float | None  # where the goal line stands then (a straight line from today)


@dataclass(frozen=True, slots=True)
class Projection:
    day: date
    members_now: int
    joins_per_year: float
    exits_per_year: float
    years: list[ProjectedYear]
    goal: Goal | None = None
    #: members on the goal's date at today's rates
    at_goal_date: int | None = None
    #: joins a year needed at today's exits, exits a year allowed at today's joins (None
    #: when even no exits at all would not do)
    joins_needed: float | None = None
    exits_allowed: float | None = None

    @property
    def net_per_year(self) -> float:
        return self.joins_per_year - self.exits_per_year

    @property
    def on_track(self) -> bool | None:
        if self.goal is None or self.at_goal_date is None:
            return None
        return self.at_goal_date >= self.goal.target


def _years_between(start: date, end: date) -> float:
    return (end.toordinal() - start.toordinal()) / DAYS_PER_YEAR


def project(day: date, members_now: int, joins_per_year: float, exits_per_year: float,
            goal: Goal | None = None, *, min_years: int = 3) -> Projection:
    """The count at the end of each year from ``day``'s year to the goal's (at least
    ``min_years`` more) at today's rates, and the rates the goal asks for."""
    net = joins_per_year - exits_per_year
    last = day.year + min_years
    members_goal = goal if goal is not None and goal.metric is GoalMetric.MEMBERS else None
    if members_goal is not None:
        last = max(last, members_goal.by_date.year)
    years = []
    for year in range(day.year, last + 1):
        until = date(year, 12, 31)
        if members_goal is not None and year == members_goal.by_date.year:
            until = members_goal.by_date
        span = max(0.0, _years_between(day, until))
        line = None
        if members_goal is not None and until <= members_goal.by_date:
            whole = _years_between(day, members_goal.by_date)
            frac = 1.0 if whole <= 0 else min(1.0, span / whole)
            line = members_now + (members_goal.target - members_now) * frac
        years.append(ProjectedYear(year, round(members_now + net * span), line))
    if members_goal is None:
        return Projection(day, members_now, joins_per_year, exits_per_year, years, goal)
    span = _years_between(day, members_goal.by_date)
    at_goal = round(members_now + net * max(0.0, span))
    if span <= 0:
        return Projection(day, members_now, joins_per_year, exits_per_year, years, goal,
                          at_goal)
    growth = (members_goal.target - members_now) / span  # net change a year the goal needs
    joins_needed = max(0.0, exits_per_year + growth)
    exits_allowed = joins_per_year - growth
    return Projection(day, members_now, joins_per_year, exits_per_year, years, goal, at_goal,
                      joins_needed, exits_allowed if exits_allowed >= 0 else None)
