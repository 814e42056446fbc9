"""The welcome checklist of new members: settings, each new member's steps from what the
app saw, and a person's ticks, unticks, skips and mentors.

The view (in a background job), the member card and ``medlemsvard welcome`` all ask
``overview``; it reads only the members who joined within the welcome period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.welcome import (
    Evidence,
    Fact,
    Mark,
    Override,
    StepState,
    StepStatus,
    WelcomeSettings,
    checklist,
    contact_evidence,
    in_welcome_period,
    welcome_since,
)
from medlemsvard_app.i18n import N_, _
from medlemsvard_app.i18n.messages import register_messages
from medlemsvard_app.i18n.welcome_labels import step_title
from medlemsvard_app.services import undo
from medlemsvard_app.services.changes import Changes
from medlemsvard_app.storage.calls import CallRepository
from medlemsvard_app.storage.mailings import MailingRepository
from medlemsvard_app.storage.welcome import MentorRow, NewMember, WelcomeRepository

if TYPE_CHECKING:
    from medlemsvard_app.services.session import Session

register_messages({
    "welcome_period_invalid": N_("The welcome period is from {low} to {high} days."),
    "welcome_lead_invalid": N_("The days before a step shows as due must be 0 to 365."),
    "welcome_step_duplicate": N_("Two welcome steps have the same code “{step}”."),
    "welcome_offset_invalid": N_("A step's days must be from {low} to {high}."),
    "welcome_owner_unknown": N_("“{owner}” is not a role that can own a step."),
    "welcome_step_untitled": N_("Give the step a title."),
    "welcome_step_unknown": N_("There is no welcome step “{step}”."),
    "welcome_not_new": N_("{name} is not a new member: the checklist is for members who "
                          "joined in the last {days} days."),
    "mentor_self": N_("A member cannot be their own mentor."),
    "skip_needs_note": N_("Say in a note why the step is skipped."),
    "mark_in_future": N_("The day is in the future."),
    "mark_before_joined": N_("The day is before the member joined."),
})

#: The activity kind of a new-member meeting (a suggestion code of the activities).
NEW_MEMBER_MEETING = "new_member_meeting"


@dataclass(frozen=True, slots=True)
class WelcomeRow:
    """One new member's line in the grid."""

    member: NewMember
    steps: list[StepStatus]
    mentor: MentorRow | None = None
    caller: str = ""

    def state(self, step: str) -> StepStatus | None:
        return next((s for s in self.steps if s.step == step), None)

    @property
    def overdue(self) -> int:
        return sum(1 for s in self.steps if s.state is StepState.OVERDUE)


@dataclass(frozen=True, slots=True)
class WelcomeOverview:
    day: date
    settings: WelcomeSettings
    rows: list[WelcomeRow]
    #: (role code, person name) of the board, for "I am …" and "mine"
    board: list[tuple[str, str]]
    #: the callers' names (people who may own the "caller" steps)
    callers: list[str]


class WelcomeService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.repo = WelcomeRepository(session.db)

    def today(self) -> date:
        return self.session.today()

    # -- settings ----------------------------------------------------------------------
    def settings(self) -> WelcomeSettings:
        return WelcomeSettings.from_dict(self.repo.settings())

    def save_settings(self, settings: WelcomeSettings) -> Changes:
        WelcomeSettings.from_dict(settings.to_dict())  # checks it reads back
        self.repo.save_settings(settings.to_dict())
        return Changes()

    # -- the checklist -----------------------------------------------------------------
    def overview(self, day: date | None = None) -> WelcomeOverview:
        """Every new member's checklist on ``day`` (those who joined within the period)."""
        day = day or self.today()
        settings = self.settings()
        members = self.repo.new_members(welcome_since(day, settings.period_days), day)
        rows = self._rows(members, settings, day)
        board = [(p.role.value, p.person_name) for p in self.session.association.board
                 if p.person_name.strip()]
        callers = [c.name for c in CallRepository(self.session.db).callers()]
        return WelcomeOverview(day, settings, rows, board, callers)

    def _rows(self, members: Sequence[NewMember], settings: WelcomeSettings, day: date
              ) -> list[WelcomeRow]:
        ids = [m.id for m in members]
        if not ids:
            return []
        evidence = self.evidence(ids, day)
        marks = self.repo.marks(ids)
        mentors = {k: v for k, v in self.repo.mentors(ids).items() if v.since <= day}
        callers = self.repo.callers(ids)
        return [WelcomeRow(m, checklist(settings, m.joined_on, day, evidence.get(m.id, {}),
                                        marks.get(m.id, {})),
                           mentors.get(m.id), callers.get(m.id, ""))
                for m in members]

    def evidence(self, ids: Sequence[int], day: date) -> dict[int, dict[Fact, Evidence]]:
        """What the app saw for each member, on or before ``day``."""
        out: dict[int, dict[Fact, Evidence]] = {i: {} for i in ids}
        first = self.repo.first_attended(ids, day)
        for mid, (on, title) in first.items():
            out[mid][Fact.FIRST_ACTIVITY] = Evidence(Fact.FIRST_ACTIVITY, on, title)
        for mid, contacts in self.repo.contacts_after_joining(ids, day).items():
            fa = first.get(mid)
            for fact, ev in contact_evidence(contacts, fa[0] if fa else None).items():
                out[mid].setdefault(fact, ev)
        for mid in self.repo.with_tags(ids):
            out[mid].setdefault(Fact.INTERESTS, Evidence(Fact.INTERESTS, None, "card"))
        for mid, on in MailingRepository(self.session.db).first_sent(
                "letter", "welcome", ids).items():
            if on <= day:
                out[mid][Fact.LETTER] = Evidence(Fact.LETTER, on)
        for mid, (on, title) in self.repo.first_signups(ids, day, NEW_MEMBER_MEETING).items():
            out[mid][Fact.MEETING_INVITE] = Evidence(Fact.MEETING_INVITE, on, title)
        for mid, (on, title, _answer) in self.repo.first_offers(ids, day).items():
            out[mid][Fact.TASK] = Evidence(Fact.TASK, on, title)
        for mid, mentor in self.repo.mentors(ids).items():
            if mentor.since <= day:
                out[mid][Fact.MENTOR] = Evidence(Fact.MENTOR, mentor.since, mentor.name)
        return out

    def row(self, member_id: int, day: date | None = None) -> WelcomeRow | None:
        """One member's checklist, or None when they are not new on ``day``."""
        day = day or self.today()
        settings = self.settings()
        member = self.session.members.get(member_id)
        if member is None or member.id is None or not member.is_current(day) \
                or not in_welcome_period(member.joined_on, day, settings.period_days):
            return None
        assert member.joined_on is not None
        new = NewMember(member.id, member.member_number, member.given_name, member.family_name,
                        member.call_name, member.joined_on)
        return self._rows([new], settings, day)[0]

    # -- what a person decides ---------------------------------------------------------
    def _check(self, member_id: int, step: str, day: date) -> None:
        settings = self.settings()
        if settings.step(step) is None:
            raise DomainError("welcome_step_unknown", step=step)
        member = self.session.members.get(member_id)
        if member is None:
            raise LookupError(member_id)
        if member.joined_on is not None and day < member.joined_on:
            raise DomainError("mark_before_joined")
        if not in_welcome_period(member.joined_on, day, settings.period_days):
            raise DomainError("welcome_not_new", name=member.display_name,
                              days=settings.period_days)

    def mark(self, member_id: int, step: str, mark: Mark, day: date | None = None,
             note: str = "") -> Changes:
        """Tick (done), untick (open: not done whatever the app saw) or skip (with a note)."""
        day = day or self.today()
        note = note.strip()
        if mark is Mark.SKIPPED and not note:
            raise DomainError("skip_needs_note")
        if day > self.today():
            raise DomainError("mark_in_future")
        self._check(member_id, step, day)
        before = self._mark_of(member_id, step)
        self.repo.set_mark(member_id, Override(step, mark, day, note))
        self._remember_undo(member_id, step, before)
        return Changes()

    def reset(self, member_id: int, step: str) -> Changes:
        """Back to what the app sees by itself."""
        before = self._mark_of(member_id, step)
        self.repo.clear_mark(member_id, step)
        self._remember_undo(member_id, step, before)
        return Changes()

    def _mark_of(self, member_id: int, step: str) -> Override | None:
        return self.repo.marks([member_id]).get(member_id, {}).get(step)

    def _remember_undo(self, member_id: int, step: str, before: Override | None) -> None:
        """Edit → Undo puts the step back as it was (a stray Space or click), while
        nobody has changed that step since."""
        after = self._mark_of(member_id, step)
        if before == after:
            return
        member = self.session.members.get(member_id)
        definition = self.settings().step(step)

        def revert() -> Changes:
            if before is None:
                self.repo.clear_mark(member_id, step)
            else:
                self.repo.set_mark(member_id, before)
            undo.forget(self.session)
            return Changes()

        undo.remember(self.session, undo.UndoStep(
            _("Undo the change to “{step}” for {name}").format(
                step=step_title(definition) if definition is not None else step,
                name=member.display_name if member is not None else ""),
            lambda: self._mark_of(member_id, step) == after, revert))

    def mentor(self, member_id: int) -> MentorRow | None:
        return self.repo.mentors([member_id]).get(member_id)

    def set_mentor(self, member_id: int, mentor_id: int | None, day: date | None = None
                   ) -> Changes:
        """Give a new member a mentor (an experienced member), or take it away (None)."""
        day = day or self.today()
        if mentor_id is None:
            self.repo.clear_mentor(member_id)
            return Changes()
        if mentor_id == member_id:
            raise DomainError("mentor_self")
        if self.session.members.get(mentor_id) is None:
            raise LookupError(mentor_id)
        self.repo.set_mentor(member_id, mentor_id, day)
        return Changes()
