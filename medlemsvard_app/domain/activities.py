"""Activities: meetings, study circles, parties, stalls … with sign-ups and attendance.

Seed 001 asks the association to hold member-care activities, to document each one
(what worked, what did not) and to use that when planning the next; seed 002 adds
regular member meetings, social evenings, courses and talks. This module holds the
rules that need no database: the kinds the app suggests, what makes an activity valid,
who comes for the first time, and who is to be reminded the day before. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from medlemsvard_app.domain.errors import DomainError, ValidationError


class ActivityKind(StrEnum):
    """Suggested kinds (the seeds' inspiration list); a user may type a kind of their own,
    which is stored as typed."""

    MEETING = "meeting"
    NEW_MEMBER_MEETING = "new_member_meeting"
    STUDY_CIRCLE = "study_circle"
    COURSE = "course"
    TALK = "talk"
    DEBATE = "debate"
    PARTY = "party"
    POTLUCK = "potluck"
    COFFEE = "coffee"
    DROP_IN = "drop_in"
    FILM_NIGHT = "film_night"
    CULTURE_EVENING = "culture_evening"
    QUIZ = "quiz"
    OUTING = "outing"
    STALL = "stall"
    CANVASSING = "canvassing"


class SignUpVia(StrEnum):
    """How a member came to be on an activity's list (``activity_people.signed_up_via``)."""

    LIST = "list"
    CALL = "call"
    CARD = "card"
    CLI = "cli"
    IMPORT = "import"


MAX_TITLE = 200
MAX_KIND = 60


def kind_code(text: str) -> str:
    """A kind as stored: the suggestion's code when ``text`` is one, else the text itself."""
    cleaned = " ".join(text.split())
    lowered = cleaned.casefold().replace(" ", "_").replace("-", "_")
    for kind in ActivityKind:
        if lowered == kind.value:
            return kind.value
    return cleaned


def is_suggested(kind: str) -> bool:
    return kind in ActivityKind._value2member_map_


@dataclass(slots=True)
class Activity:
    """One activity. Times are local wall-clock times in the association's country; an
    activity without a start time lasts the whole day; an end before the start means the
    activity goes on past midnight."""

    title: str
    on_date: date
    kind: str = ActivityKind.MEETING.value
    starts_at: time | None = None
    ends_at: time | None = None
    place: str = ""
    purpose: str = ""
    target_group: str = ""
    responsible: str = ""
    responsible_member_id: int | None = None
    description: str = ""
    cancelled: bool = False
    guests: int = 0
    id: int | None = None

    @property
    def all_day(self) -> bool:
        return self.starts_at is None

    def starts(self) -> datetime | None:
        return None if self.starts_at is None else datetime.combine(self.on_date, self.starts_at)

    def ends(self) -> datetime | None:
        """The end as a date and time: the next day when the end is before the start."""
        if self.starts_at is None or self.ends_at is None:
            return None
        end = datetime.combine(self.on_date, self.ends_at)
        if self.ends_at < self.starts_at:
            end += timedelta(days=1)
        return end

    def order_key(self) -> tuple[date, time, int]:
        """The order activities happened in (the first-time rule depends on it)."""
        return (self.on_date, self.starts_at or time(0, 0), self.id or 0)


_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.]?(\d{2}))?\s*$")


def parse_time(text: str | None) -> time | None:
    """'18', '1830', '18.30', '18:30' -> 18:30; empty -> None; raises on anything else."""
    if text is None or not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise DomainError("time_invalid", value=text.strip())
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise DomainError("time_invalid", value=text.strip())
    return time(hour, minute)


def validate_activity(activity: Activity) -> Activity:
    """A cleaned copy, or ValidationError with a code per field."""
    problems: dict[str, str] = {}
    title = " ".join(activity.title.split())
    if not title:
        problems["title"] = "activity_title_missing"
    elif len(title) > MAX_TITLE:
        problems["title"] = "activity_title_long"
    kind = kind_code(activity.kind) if activity.kind.strip() else ActivityKind.MEETING.value
    if len(kind) > MAX_KIND:
        problems["kind"] = "activity_kind_long"
    if not 1900 <= activity.on_date.year <= 2200:
        problems["on_date"] = "date_invalid"
    if activity.ends_at is not None and activity.starts_at is None:
        problems["ends_at"] = "activity_end_without_start"
    elif activity.ends_at is not None and activity.ends_at == activity.starts_at:
        problems["ends_at"] = "activity_end_is_start"
    if activity.guests < 0:
        problems["guests"] = "activity_guests_negative"
    if problems:
        raise ValidationError(problems)
    return replace(activity, title=title, kind=kind, place=activity.place.strip(),
                   purpose=activity.purpose.strip(), target_group=activity.target_group.strip(),
                   responsible=activity.responsible.strip(),
                   description=activity.description.strip())


# -- people on an activity --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Participation:
    """One member on one activity's list: signed up (and how), reminded, came."""

    member_id: int
    signed_up_on: date | None = None
    via: SignUpVia = SignUpVia.LIST
    contact_id: int | None = None
    reminded_on: date | None = None
    attended: bool = False

    @property
    def signed_up(self) -> bool:
        return self.signed_up_on is not None


def first_timers(attended: Iterable[int], came_before: Iterable[int]) -> set[int]:
    """Members who came to this activity and to none before it: their first activity.

    ``came_before`` is everyone who attended an earlier activity (by date, start time, id;
    cancelled ones do not count), so the answer holds for past activities too."""
    earlier = set(came_before)
    return {m for m in attended if m not in earlier}


def reminder_day(activity: Activity) -> date:
    """Signed-up members are reminded the day before."""
    return activity.on_date - timedelta(days=1)


def to_remind(activity: Activity, people: Sequence[Participation], day: date
              ) -> list[Participation]:
    """On ``day``, who still needs a reminder for ``activity``: nobody unless the activity
    is tomorrow and not cancelled; then everyone signed up and not reminded yet."""
    if activity.cancelled or reminder_day(activity) != day:
        return []
    return [p for p in people if p.signed_up and p.reminded_on is None]


# -- evaluations -------------------------------------------------------------------------------

@dataclass(slots=True)
class Evaluation:
    """What the board learnt from an activity (seed 001: evaluate every activity)."""

    activity_id: int
    evaluated_on: date
    worked: str = ""
    did_not_work: str = ""
    came: int | None = None
    joined: int | None = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.worked or self.did_not_work or self.note) and \
            self.came is None and self.joined is None


def validate_evaluation(evaluation: Evaluation) -> Evaluation:
    problems: dict[str, str] = {}
    for name in ("came", "joined"):
        value = getattr(evaluation, name)
        if value is not None and value < 0:
            problems[name] = "evaluation_count_negative"
    if problems:
        raise ValidationError(problems)
    return replace(evaluation, worked=evaluation.worked.strip(),
                   did_not_work=evaluation.did_not_work.strip(), note=evaluation.note.strip())
