"""Activities: planning them, sign-ups (from a list, a call, the card, the command line),
attendance taken at the door, the reminder list the day before, evaluations, and .ics.

The activities page, the call panel, the member card and the ``activities`` commands all
go through here. Every question takes the day it is asked about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING

from medlemsvard_app import __version__
from medlemsvard_app.domain.activities import (
    Activity,
    Evaluation,
    Participation,
    SignUpVia,
    first_timers,
    to_remind,
    validate_activity,
    validate_evaluation,
)
from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.icalendar import CalendarEvent, calendar_text
from medlemsvard_app.domain.validation import format_phone
from medlemsvard_app.i18n import N_, _
from medlemsvard_app.i18n.activity_labels import kind_label
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.storage.activities import ActivityRepository, ActivityRow

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

register_messages({
    "attendance_in_future": N_("The activity has not taken place yet, so nobody can have "
                               "come to it. Sign the members up instead."),
    "activity_title_missing": N_("Give the activity a title."),
    "activity_title_long": N_("The title is too long (at most 200 characters)."),
    "activity_kind_long": N_("The kind is too long (at most 60 characters)."),
    "activity_end_without_start": N_("An end time needs a start time."),
    "activity_end_is_start": N_("The activity ends when it starts; change the end time."),
    "activity_guests_negative": N_("The number of guests cannot be negative."),
    "activity_unknown": N_("There is no activity {activity}."),
    "activity_none_on_date": N_("There is no activity on {date}."),
    "activity_several_on_date": N_(
        "There are several activities on {date}; say which one with its id ({ids})."),
    "evaluation_count_negative": N_("A count cannot be negative."),
    "time_invalid": N_("“{value}” is not a time; write it as 18:30."),
    "member_unknown": N_("There is no member {member}."),
})

#: Evaluations of the same kind shown when planning the next activity.
PREVIOUS_EVALUATIONS = 3


@dataclass(frozen=True, slots=True)
class Person:
    """A member on an activity's list (or a candidate to tick), as the views show them."""

    member_id: int
    name: str
    member_number: int | None
    phone: str
    participation: Participation | None
    #: no earlier activity attended: ticking them makes this their first one
    new_to_activities: bool

    @property
    def signed_up(self) -> bool:
        return self.participation is not None and self.participation.signed_up

    @property
    def attended(self) -> bool:
        return self.participation is not None and self.participation.attended

    @property
    def first_time(self) -> bool:
        return self.attended and self.new_to_activities


@dataclass(frozen=True, slots=True)
class Reminder:
    """One member to remind of tomorrow's activity."""

    activity: Activity
    person: Person


@dataclass(frozen=True, slots=True)
class AttendanceResult:
    came: int
    guests: int
    first_timers: list[int]


class ActivityService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = ActivityRepository(session.db)

    def today(self) -> date:
        return self.session.today()

    # -- activities --------------------------------------------------------------------

    def get(self, activity_id: int) -> Activity:
        found = self.repo.get(activity_id)
        if found is None:
            raise DomainError("activity_unknown", activity=activity_id)
        return found

    def save(self, activity: Activity) -> Activity:
        """Add a new activity or change one (validated first)."""
        clean = validate_activity(activity)
        if clean.id is None:
            self.repo.add(clean)
        else:
            self.get(clean.id)
            self.repo.update(clean)
        activity.id = clean.id
        return clean

    def cancel(self, activity_id: int, cancelled: bool = True) -> None:
        """A cancelled activity stays on record (and in the calendar, marked cancelled)."""
        self.get(activity_id)
        self.repo.set_cancelled(activity_id, cancelled)

    def delete(self, activity_id: int) -> None:
        self.get(activity_id)
        self.repo.delete(activity_id)
        from medlemsvard_app.services import audit

        audit.record(self.session, "activity_deleted", object_kind="activity",
                     object_id=activity_id)

    def upcoming(self, day: date | None = None, *, as_of: bool = False) -> list[ActivityRow]:
        """From ``day`` on, the soonest first (``as_of``: counts as they stood that day)."""
        day = day or self.today()
        return self.repo.listing(since=day, as_of=day if as_of else None)

    def past(self, day: date | None = None, *, as_of: bool = False) -> list[ActivityRow]:
        """Before ``day``, the latest first."""
        day = day or self.today()
        return self.repo.listing(until=day - timedelta(days=1), descending=True,
                                 as_of=day if as_of else None)

    def listing(self, since: date | None = None, until: date | None = None, *,
                as_of: date | None = None) -> list[ActivityRow]:
        return self.repo.listing(since, until, as_of=as_of)

    def on_date(self, day: date) -> list[Activity]:
        return [r.activity for r in self.repo.listing(day, day)]

    def find(self, activity_id: int | None, day: date | None) -> Activity:
        """The activity with this id, or the one (not cancelled) on ``day``."""
        if activity_id is not None:
            return self.get(activity_id)
        day = day or self.today()
        found = [a for a in self.on_date(day) if not a.cancelled]
        if not found:
            raise DomainError("activity_none_on_date", date=day.isoformat())
        if len(found) > 1:
            raise DomainError("activity_several_on_date", date=day.isoformat(),
                              ids=", ".join(str(a.id) for a in found))
        return found[0]

    def sign_up_choices(self, day: date | None = None, days: int = 120
                        ) -> list[tuple[int, str]]:
        """(id, "Thu 26 Nov — title") for the activities one can still sign up for, the
        soonest first (cancelled ones left out): what a caller offers on the phone."""
        from medlemsvard_app.i18n.formatting import format_date

        day = day or self.today()
        rows = self.repo.listing(since=day, until=day + timedelta(days=days))
        return [(r.activity.id, f"{format_date(r.activity.on_date, 'EEE d MMM')} — "
                                f"{r.activity.title}")
                for r in rows if not r.activity.cancelled]

    def kinds_in_use(self) -> list[str]:
        return self.repo.kinds()

    # -- people ------------------------------------------------------------------------

    def _person(self, member_id: int, row: tuple | None, participation: Participation | None,
                new: bool) -> Person:
        given, family, call, number, phone = row or ("", "", "", None, "")
        name = f"{call or given} {family}".strip()
        home = self.session.association.country.value
        return Person(member_id, name, number, format_phone(phone, home) if phone else "",
                      participation, new)

    def people(self, activity_id: int) -> list[Person]:
        """Everyone on the list (signed up or came), by family name."""
        activity = self.get(activity_id)
        parts = {p.member_id: p for p in self.repo.people(activity_id)}
        return self.persons(activity, parts.keys(), parts)

    def persons(self, activity: Activity, member_ids: Iterable[int],
                parts: dict[int, Participation] | None = None) -> list[Person]:
        """These members as the attendance list shows them (name, number, phone, whether
        this would be their first activity), by family name."""
        ids = list(dict.fromkeys(member_ids))
        if parts is None:
            parts = {p.member_id: p for p in self.repo.people(activity.id)} if activity.id \
                else {}
        rows = self.session.members.rows(
            ids, ["given_name", "family_name", "call_name", "member_number", "phone"])
        before = self.repo.came_before(activity, ids)
        keys = self.session.members.rows(ids, ["family_key", "given_key"])
        ids.sort(key=lambda i: (keys.get(i, ("", "")), i))
        return [self._person(i, rows.get(i), parts.get(i), i not in before) for i in ids
                if i in rows]

    def find_members(self, activity: Activity, text: str, limit: int = 12) -> list[Person]:
        """Current members matching what was typed, for a walk-in or a sign-up."""
        ids = self.repo.search_members(text, self.today(), limit)
        return self.persons(activity, ids)

    def sign_up(self, activity_id: int, member_id: int, via: SignUpVia = SignUpVia.LIST,
                day: date | None = None, contact_id: int | None = None) -> bool:
        """Put a member on the list; False when they were on it already."""
        self.get(activity_id)
        if self.session.members.get(member_id) is None:
            raise DomainError("member_unknown", member=member_id)
        return self.repo.sign_up(activity_id, member_id, day or self.today(), via, contact_id)

    def remove_sign_up(self, activity_id: int, member_id: int) -> None:
        self.repo.remove_sign_up(activity_id, member_id)

    def set_attendance(self, activity_id: int, member_ids: Iterable[int],
                       guests: int | None = None) -> AttendanceResult:
        """Exactly these members came (one transaction); returns who came for the first time."""
        activity = self.get(activity_id)
        if guests is not None and guests < 0:
            raise DomainError("activity_guests_negative")
        came = sorted(set(member_ids))
        if (came or guests) and activity.on_date > self.today():
            raise DomainError("attendance_in_future")
        self.repo.set_attendance(activity_id, came, guests)
        before = self.repo.came_before(activity, came)
        return AttendanceResult(len(came), guests if guests is not None else activity.guests,
                                sorted(first_timers(came, before)))

    def add_attendance(self, activity_id: int, member_ids: Iterable[int],
                       guests: int | None = None) -> AttendanceResult:
        """These members came too (the others already ticked stay ticked)."""
        new = set(member_ids)
        already = [p.member_id for p in self.repo.people(activity_id) if p.attended]
        result = self.set_attendance(activity_id, [*already, *new], guests)
        return replace(result, first_timers=[m for m in result.first_timers if m in new])

    def first_timers(self, activity_id: int) -> list[int]:
        activity = self.get(activity_id)
        came = [p.member_id for p in self.repo.people(activity_id) if p.attended]
        return sorted(first_timers(came, self.repo.came_before(activity, came)))

    def first_attended(self, member_ids: Iterable[int] | None = None) -> dict[int, date]:
        """Each member's first attended activity day (the welcome checklist reads it)."""
        return self.repo.first_attended(member_ids)

    def member_activities(self, member_id: int) -> list[tuple[Activity, Participation]]:
        return self.repo.for_member(member_id)

    # -- the day before ----------------------------------------------------------------

    def reminders(self, day: date | None = None) -> list[Reminder]:
        """On ``day``: who to remind of tomorrow's activities (signed up, not yet reminded)."""
        day = day or self.today()
        out: list[Reminder] = []
        for activity in self.on_date(day + timedelta(days=1)):
            parts = self.repo.people(activity.id)
            due = {p.member_id: p for p in to_remind(activity, parts, day)}
            if due:
                out.extend(Reminder(activity, p)
                           for p in self.persons(activity, due.keys(), due))
        return out

    def mark_reminded(self, activity_id: int, member_ids: Iterable[int],
                      day: date | None = None) -> None:
        self.repo.mark_reminded(activity_id, member_ids, day or self.today())

    def unmark_reminded(self, activity_id: int, member_ids: Iterable[int]) -> None:
        self.repo.mark_reminded(activity_id, member_ids, None)

    # -- evaluations -------------------------------------------------------------------

    def evaluation(self, activity_id: int) -> Evaluation | None:
        return self.repo.evaluation(activity_id)

    def save_evaluation(self, evaluation: Evaluation) -> Evaluation:
        self.get(evaluation.activity_id)
        clean = validate_evaluation(evaluation)
        if clean.is_empty:
            self.repo.delete_evaluation(clean.activity_id)
        else:
            self.repo.save_evaluation(clean)
        return clean

    def previous_evaluations(self, kind: str, *, before: date | None = None,
                             exclude_id: int | None = None, limit: int = PREVIOUS_EVALUATIONS
                             ) -> list[tuple[Activity, Evaluation]]:
        """The latest evaluations of activities of this kind, for planning the next one."""
        return self.repo.evaluations_of_kind(kind, before=before, exclude_id=exclude_id,
                                             limit=limit)

    # -- iCalendar ---------------------------------------------------------------------

    def _uid(self, activity: Activity) -> str:
        """Stable across exports, so a calendar updates the event instead of doubling it."""
        key = sha1(self.repo.calendar_key().encode()).hexdigest()[:12]
        return f"activity-{activity.id}-{key}@medlemsvard"

    def _description(self, activity: Activity) -> str:
        parts = []
        for label, value in ((_("Kind"), kind_label(activity.kind)),
                             (_("Purpose"), activity.purpose),
                             (_("Target group"), activity.target_group),
                             (_("Responsible"), activity.responsible)):
            if value:
                parts.append(f"{label}: {value}")
        if activity.description:
            parts.append(activity.description)
        return "\n".join(parts)

    def ics(self, activities: Sequence[Activity], stamp: datetime | None = None) -> str:
        """The activities as one iCalendar text (no member names: it leaves the app)."""
        assoc = self.session.association
        events = [CalendarEvent(
            uid=self._uid(a), summary=a.title, start=a.starts() or a.on_date, end=a.ends(),
            location=a.place, description=self._description(a), cancelled=a.cancelled,
            categories=kind_label(a.kind)) for a in activities]
        stamp = stamp or datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        return calendar_text(events, country=assoc.country.value, stamp=stamp, name=assoc.name,
                             prodid=f"-//Medlemsvard//Medlemsvard {__version__}//"
                                    f"{assoc.language.upper()}")

    def export_ics(self, path: Path, activity_ids: Sequence[int] | None = None,
                   day: date | None = None) -> int:
        """Write the chosen activities (default: every upcoming one) to ``path``; returns
        how many. Bytes as RFC 5545 wants them: UTF-8 with CRLF line ends."""
        if activity_ids is None:
            chosen = [r.activity for r in self.upcoming(day)]
        else:
            chosen = [self.get(i) for i in activity_ids]
        Path(path).write_bytes(self.ics(chosen).encode("utf-8"))
        from medlemsvard_app.services import audit

        audit.record(self.session, "activities_ics", {"activities": len(chosen),
                                                      "file": Path(path).name})
        return len(chosen)
