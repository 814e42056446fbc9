"""Indicator use cases: the figures for a period, the chart series, goals and projection,
and the board report. The indicators page, ``medlemsvard indicators|report`` and the
planning helper (``figure``) all read the same numbers from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.domain.dues_state import DuesState
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.indicators import (
    ActivityCounts,
    Cohort,
    DuesCounts,
    FigureSet,
    Flows,
    Period,
    PeriodFlow,
    compute,
    flows_by_period,
    member_counts,
    month_ends,
    period_start,
)
from medlemsvard_app.domain.projection import Goal, GoalMetric, Projection, project
from medlemsvard_app.services.changes import Changes
from medlemsvard_app.storage.indicators import IndicatorRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

#: The metrics ``figure`` answers (the planning helper's sub-goals use them).
FIGURE_METRICS: tuple[str, ...] = ("members", "new_members", "share_under_45",
                                   "activities_held", "attended")


@dataclass(frozen=True, slots=True)
class IndicatorSnapshot:
    """Everything the indicators page shows for one period, computed off the UI thread."""

    day: date
    period: Period
    figures: FigureSet
    previous: FigureSet
    #: month ends (the last one is ``day``) and the member count on each
    months: list[date]
    counts: list[int]
    #: joins and exits in the last periods of this kind, oldest first
    period_flows: list[PeriodFlow]
    #: current members by (age group, gender) on ``day``
    ages: dict[tuple[str, str], int]
    cohorts: list[Cohort]
    goals: list[Goal] = field(default_factory=list)
    projection: Projection | None = None


class IndicatorService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = IndicatorRepository(session.db)

    def today(self) -> date:
        return self.session.today()

    # -- figures -----------------------------------------------------------------------

    def flows(self) -> Flows:
        return self.repo.flows()

    def dues_counts(self, day: date) -> DuesCounts:
        """Who has paid, from the dues rules themselves (the same states the dues view
        shows); the rate follows ``services.dues.paid_rate``: exempt members left out."""
        states = self.session.dues().states(day)
        counts = Counter(s.state for s in states.values())
        base = len(states) - counts.get(DuesState.EXEMPT, 0)
        paid = counts.get(DuesState.PAID, 0) + counts.get(DuesState.DIRECT_DEBIT, 0)
        new_ids = self.repo.new_member_ids(day)
        new_states = [s for i, s in states.items() if i in new_ids]
        base_new = sum(1 for s in new_states if s.state is not DuesState.EXEMPT)
        paid_new = sum(1 for s in new_states
                       if s.state in (DuesState.PAID, DuesState.DIRECT_DEBIT))
        bounced = sum(1 for s in states.values() if s.bounced)
        return DuesCounts(base, paid, bounced, base_new, paid_new)

    def figures(self, day: date | None = None, period: Period = Period.YEAR, *,
                flows: Flows | None = None, with_dues: bool = True,
                start: date | None = None) -> FigureSet:
        """All figures for the period of kind ``period`` ending on ``day`` (or from an
        explicit ``start``, for a year so far)."""
        day = day or self.today()
        flows = flows or self.repo.flows()
        start = start or period_start(day, period)
        return compute(period, day, flows, self.repo.stock(start, day),
                       self.repo.activities(start, day), self.repo.contacts(start, day),
                       self.dues_counts(day) if with_dues else None,
                       self.repo.interest_signups(start, day), start=start)

    def compare(self, day: date | None = None, period: Period = Period.YEAR, *,
                flows: Flows | None = None,
                dues_before: bool = True) -> tuple[FigureSet, FigureSet]:
        """This period's figures and the previous period's (for "change since").

        ``dues_before=False`` leaves the previous period's payment rate out: the dues
        rules as of an earlier day are the slowest part (about half a second at 100,000).
        """
        day = day or self.today()
        flows = flows or self.repo.flows()
        now = self.figures(day, period, flows=flows)
        before = self.figures(period_start(day, period), period, flows=flows,
                              with_dues=dues_before)
        return now, before

    def figure(self, metric: str, day: date | None = None) -> int | float | None:
        """One figure on ``day`` for the planning helper's sub-goals:

        ``members`` on the day; ``new_members`` and ``activities_held`` in the twelve
        months ending on it; ``share_under_45`` (0-1) on the day; ``attended``, the share
        (0-1) of members who came to an activity in the day's calendar year so far.
        """
        day = day or self.today()
        if metric not in FIGURE_METRICS:
            raise DomainError("unknown_metric", metric=metric)
        start = period_start(day, Period.YEAR)
        if metric == "activities_held":
            return self.repo.activities(start, day).held
        flows = self.repo.flows()
        if metric == "members":
            return flows.members_on(day)
        if metric == "new_members":
            return flows.joined_between(start, day)
        members = flows.members_on(day)
        if metric == "share_under_45":
            stock = self.repo.stock(start, day)
            return stock.under_45 / members if members else None
        attended: ActivityCounts = self.repo.activities(start, day)
        return attended.attended / members if members else None

    # -- the page's snapshot -----------------------------------------------------------

    def snapshot(self, day: date | None = None, period: Period = Period.YEAR, *,
                 months: int = 60, periods: int = 8) -> IndicatorSnapshot:
        """The figures, their previous period, the chart series, goals and projection."""
        day = day or self.today()
        flows = self.repo.flows()
        now, before = self.compare(day, period, flows=flows, dues_before=False)
        ends = month_ends(day, months)
        first = flows.first_day()
        if first is not None:
            ends = [d for d in ends if d >= first] or [day]
        cohorts = self.repo.cohorts(day, day.year - 9)
        goals = self.goals()
        return IndicatorSnapshot(
            day, period, now, before, ends, member_counts(flows, ends),
            flows_by_period(flows, day, period, periods), dict(now.ages), cohorts, goals,
            self.projection(day, self.main_goal(goals), flows=flows))

    # -- goals and projection ----------------------------------------------------------

    def goals(self) -> list[Goal]:
        return self.repo.goals()

    def main_goal(self, goals: list[Goal] | None = None) -> Goal | None:
        """The member-count goal the projection aims at: the nearest one still ahead,
        else the latest."""
        wanted = [g for g in (goals if goals is not None else self.goals())
                  if g.metric is GoalMetric.MEMBERS]
        ahead = [g for g in wanted if g.by_date >= self.today()]
        if ahead:
            return min(ahead, key=lambda g: g.by_date)
        return max(wanted, key=lambda g: g.by_date) if wanted else None

    def save_goal(self, goal: Goal) -> tuple[Goal, Changes]:
        if goal.target < 0 or (goal.metric.value.startswith("share_") and goal.target > 1):
            raise DomainError("goal_target_invalid")
        saved = self.repo.save_goal(goal)
        from medlemsvard_app.services import audit

        audit.record(self.session, "goal", {"metric": goal.metric.value, "target": goal.target,
                                            "by": goal.by_date},
                     object_kind="goal", object_id=saved.id)
        return saved, Changes()

    def delete_goal(self, goal_id: int) -> Changes:
        self.repo.delete_goal(goal_id)
        from medlemsvard_app.services import audit

        audit.record(self.session, "goal_deleted", object_kind="goal", object_id=goal_id)
        return Changes()

    def rates(self, day: date, flows: Flows | None = None) -> tuple[int, int]:
        """Joins and exits in the twelve months ending on ``day``: today's rates a year."""
        flows = flows or self.repo.flows()
        start = period_start(day, Period.YEAR)
        return flows.joined_between(start, day), flows.left_between(start, day)

    def projection(self, day: date | None = None, goal: Goal | None = None, *,
                   flows: Flows | None = None) -> Projection:
        day = day or self.today()
        flows = flows or self.repo.flows()
        joins, exits = self.rates(day, flows)
        return project(day, flows.members_on(day), joins, exits, goal)

    # -- the board report --------------------------------------------------------------

    def board_report(self, year: int) -> bytes:
        """The membership section of the annual report for ``year`` as PDF bytes, in the
        current language, small groups hidden; the print is logged (DESIGN §6)."""
        from medlemsvard_app.documents.board_report import render
        from medlemsvard_app.services.indicator_report import build_report

        pdf = render(build_report(self, year))
        from medlemsvard_app.services import audit

        audit.record(self.session, "print", {"document": "board_report", "year": year})
        return pdf
