"""What the home view shows: the day's work gathered from every routine (DESIGN §4).

Each part is computed by the service that owns it; this module only picks what needs doing
today, so the home view never disagrees with the page it links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from medlemsvard_app.domain.calls import RoundPurpose
from medlemsvard_app.services.dues import DuesOverview

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session


@dataclass(frozen=True, slots=True)
class CallerWork:
    """One caller's part of an open round: how many of their members are still to call."""

    round_id: int
    purpose: RoundPurpose
    title: str
    caller: str
    members: int
    left: int


@dataclass(frozen=True, slots=True)
class ProposedWork:
    """A round the routine asks for today that nobody has started yet."""

    purpose: RoundPurpose
    members: int


@dataclass(frozen=True, slots=True)
class LateWelcome:
    """A new member with welcome steps past their date."""

    member_id: int
    name: str
    joined_on: date
    overdue: int


@dataclass(frozen=True, slots=True)
class WeekActivity:
    activity_id: int
    on_date: date
    starts_at: time | None
    title: str
    place: str
    signed_up: int


@dataclass(frozen=True, slots=True)
class Headline:
    """The figures a board member asks first: how many, and how it went this year."""

    members: int
    joined: int
    left: int
    since: date


@dataclass(slots=True)
class HomeSnapshot:
    day: date
    association: str
    calls: list[CallerWork] = field(default_factory=list)
    proposals: list[ProposedWork] = field(default_factory=list)
    dues: DuesOverview | None = None
    new_members: int = 0
    late_welcome: list[LateWelcome] = field(default_factory=list)
    week: list[WeekActivity] = field(default_factory=list)
    reminders_today: int = 0
    headline: Headline | None = None


class HomeService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def snapshot(self, day: date | None = None) -> HomeSnapshot:
        day = day or self.session.today()
        snap = HomeSnapshot(day, self.session.association.name)
        calls = self.session.calls()
        for rnd in calls.repo.rounds():
            if rnd.id is None or rnd.closed_on is not None:
                continue
            for caller, members, called, _reached in calls.repo.round_counts_by_caller(rnd.id):
                left = int(members) - int(called or 0)
                if left > 0:
                    snap.calls.append(CallerWork(rnd.id, rnd.purpose, rnd.title, caller,
                                                 int(members), left))
        snap.proposals = [ProposedWork(p.purpose, len(p.member_ids))
                          for p in calls.plan(day) if p.member_ids]
        snap.dues = self.session.dues().overview(day)
        self._welcome(snap)
        self._activities(snap)
        self._headline(snap)
        return snap

    def _welcome(self, snap: HomeSnapshot) -> None:
        overview = self.session.welcome().overview(snap.day)
        snap.new_members = len(overview.rows)
        late = [LateWelcome(r.member.id, r.member.display_name, r.member.joined_on, r.overdue)
                for r in overview.rows if r.overdue]
        snap.late_welcome = sorted(late, key=lambda w: (w.joined_on, w.name))

    def _activities(self, snap: HomeSnapshot) -> None:
        activities = self.session.activities()
        end = snap.day + timedelta(days=7)
        for row in activities.listing(since=snap.day, until=end):
            a = row.activity
            if a.cancelled or a.id is None:
                continue
            snap.week.append(WeekActivity(a.id, a.on_date, a.starts_at, a.title, a.place,
                                          row.signed_up))
        snap.reminders_today = len(activities.reminders(snap.day))

    def _headline(self, snap: HomeSnapshot) -> None:
        flows = self.session.indicators().flows()
        # Periods are (start, end]: from the last day of last year counts 1 January in.
        before = date(snap.day.year - 1, 12, 31)
        snap.headline = Headline(flows.members_on(snap.day),
                                 flows.joined_between(before, snap.day),
                                 flows.left_between(before, snap.day),
                                 date(snap.day.year, 1, 1))
