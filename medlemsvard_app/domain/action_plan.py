"""The action plan for membership development, in the handbook's sections.

Sub-goals are SMART: a text, and where the target is something the register counts (a
``Metric``), a number and a date, so progress is computed rather than typed. How each
metric is counted lives in one small function each in ``storage/board_tools.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from medlemsvard_app.domain.errors import DomainError


class Metric(StrEnum):
    MEMBERS = "members"                    # current members on the day
    NEW_MEMBERS = "new_members"            # joined in the goal's year, up to the day
    SHARE_UNDER_45 = "share_under_45"      # per cent of current members with a known age
    ACTIVITIES_HELD = "activities_held"    # not cancelled, held in the goal's year
    MEMBERS_ATTENDED = "members_attended"  # distinct members who came, in the goal's year


#: Metrics whose target is a percentage rather than a count.
PERCENT_METRICS = frozenset({Metric.SHARE_UNDER_45})


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    UNDER_WAY = "under_way"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class SubGoal:
    text: str
    metric: Metric | None = None
    target: int | None = None
    due_on: date | None = None
    id: int | None = None


@dataclass(slots=True)
class PlannedActivity:
    title: str
    responsible: str = ""
    on_date: date | None = None
    people: int = 0
    budget_ore: int = 0
    hours: int = 0
    status: ActivityStatus = ActivityStatus.PLANNED
    activity_id: int | None = None  # the held activity in the activities list, if linked
    note: str = ""
    id: int | None = None


@dataclass(slots=True)
class Channel:
    """A marketing channel, or a cooperation partner: a name and what to do there."""

    name: str
    note: str = ""


@dataclass(slots=True)
class FollowUp:
    who: str
    when: str = ""
    how: str = ""


@dataclass(slots=True)
class ActionPlan:
    title: str
    starts_on: date
    ends_on: date
    overall_goal: str = ""
    problems: str = ""
    responsible: str = ""
    resources: str = ""
    evaluation: str = ""
    goals: list[SubGoal] = field(default_factory=list)
    activities: list[PlannedActivity] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    partners: list[Channel] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    id: int | None = None

    def total_budget_ore(self) -> int:
        return sum(a.budget_ore for a in self.activities
                   if a.status is not ActivityStatus.CANCELLED)

    def total_hours(self) -> int:
        return sum(a.hours for a in self.activities if a.status is not ActivityStatus.CANCELLED)


def validate(plan: ActionPlan) -> None:
    """The few things that cannot be stored: no title, a period backwards, bad numbers."""
    if not plan.title.strip():
        raise DomainError("plan_title_missing")
    if plan.ends_on < plan.starts_on:
        raise DomainError("plan_period_backwards")
    for goal in plan.goals:
        if goal.target is not None and goal.target < 0:
            raise DomainError("plan_target_negative")
        if goal.metric in PERCENT_METRICS and goal.target is not None and goal.target > 100:
            raise DomainError("plan_share_over_100")
    for activity in plan.activities:
        if min(activity.people, activity.budget_ore, activity.hours) < 0:
            raise DomainError("plan_resources_negative")


def counted_window(goal: SubGoal, today: date) -> tuple[date, date]:
    """The days a sub-goal's figure counts: the calendar year of its date, up to today or
    up to the date once that has passed (so a closed goal keeps the figure it ended with).
    A goal for a year not yet begun counts nothing so far; one without a date counts this
    year."""
    year = goal.due_on.year if goal.due_on is not None else today.year
    end = min(today, goal.due_on) if goal.due_on is not None else today
    return date(year, 1, 1), end


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """A measured sub-goal: the figure on ``as_of`` against the target."""

    metric: Metric
    value: int
    target: int
    as_of: date
    due_on: date | None
    share_of: int = 0  # for a share: how many members it is a share of

    @property
    def fraction(self) -> float:
        if self.target <= 0:
            return 1.0
        return max(0.0, min(1.0, self.value / self.target))

    @property
    def reached(self) -> bool:
        return self.value >= self.target

    @property
    def overdue(self) -> bool:
        """The date has passed and the target was not reached."""
        return (self.due_on is not None and self.as_of >= self.due_on and not self.reached)


def measure(goal: SubGoal, value: int, as_of: date, share_of: int = 0) -> GoalProgress | None:
    """Progress for a measured goal; None for a goal the app cannot count."""
    if goal.metric is None or goal.target is None:
        return None
    return GoalProgress(goal.metric, value, goal.target, as_of, goal.due_on, share_of)
