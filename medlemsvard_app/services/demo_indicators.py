"""The demo board's member goal for the end of the year after next: a little more than
today's pace reaches (and at least 15 % more members), so the indicators page shows a
projection against a goal, and what it takes, from the start.

Deterministic: it follows from the demo's members and day alone.
"""

from __future__ import annotations

from datetime import date

from medlemsvard_app.domain.projection import Goal, GoalMetric
from medlemsvard_app.services.session import Session
from medlemsvard_app.storage.indicators import IndicatorRepository

#: The note the board wrote, in the demo's language (demo data, like the members' names).
_NOTES = {"sv": "Beslutat på årsmötet", "nb": "Vedtatt på årsmøtet",
          "en": "Decided at the annual meeting"}


def add_demo_goal(session: Session, day: date, language: str) -> None:
    repo = IndicatorRepository(session.db)
    flows = repo.flows()
    members = flows.members_on(day)
    if members < 10:
        return
    by = date(day.year + 2, 12, 31)
    year_ago = date(day.year - 1, day.month, min(day.day, 28))
    net = flows.joined_between(year_ago, day) - flows.left_between(year_ago, day)
    pace = members + net * (by - day).days / 365.25
    target = max(members + 10, round(max(members * 1.15, pace * 1.08) / 10) * 10)
    repo.save_goal(Goal(GoalMetric.MEMBERS, target, by, _NOTES.get(language, _NOTES["en"])))
